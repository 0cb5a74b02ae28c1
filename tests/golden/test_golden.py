"""Snapshots of the example's status JSON and HTML reports, kept while code moves.

The package is being reorganised into layers; behaviour must not change. These tests compare
today's output with snapshots taken before the move. The plotly.js bundle inlined in the HTML
and its hash in the CSP are left out of the comparison (a vendored file, not our output), and
so is the git commit of the definitions (the copy below is not a git repository: there is none).

After an intended change of output, rewrite the snapshots with
``KPITRACK_UPDATE_GOLDEN=1 pytest tests/golden`` and review the diff.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parents[1]
AS_OF = "2022-12-31"
UPDATE = os.environ.get("KPITRACK_UPDATE_GOLDEN") == "1"

_PLOTLY = re.compile(r"<script>\s*/\*\*\s*\n\* plotly\.js.*?</script>", re.S)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example workspace outside git."""
    root = tmp_path_factory.mktemp("golden") / "example"
    root.mkdir()
    for name in ("programme", "kpis", "measurements"):
        shutil.copytree(REPO / name, root / name)
    return root


def _kpitrack(*args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = subprocess.run(
        [sys.executable, "-m", "kpitrack", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _compare(name: str, actual: str) -> None:
    path = HERE / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its snapshot"


def strip_bundle(html: str) -> str:
    """The HTML report without the inlined plotly.js bundle (and its hash in the CSP)."""
    found = _PLOTLY.search(html)
    assert found is not None, "the report inlines no plotly.js bundle"
    body = found.group(0)[len("<script>") : -len("</script>")]
    digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in html, "the CSP does not allow the bundle"
    html = html.replace(f" 'sha256-{digest}'", "", 1)
    return _PLOTLY.sub("<script><!-- plotly.js --></script>", html, count=1)


def test_status_json_unchanged(example: Path) -> None:
    out = _kpitrack("status", ".", "--as-of", AS_OF, "--format", "json", cwd=example)
    _compare("example_status.json", out)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_html_report_unchanged(example: Path, lang: str, tmp_path: Path) -> None:
    _kpitrack(
        "report", ".", "--as-of", AS_OF, "--lang", lang, "--format", "html",
        "--out", str(tmp_path), cwd=example,
    )  # fmt: skip
    html = (tmp_path / f"samen-tegen-mensenhandel_{AS_OF}_{lang}.html").read_text("utf-8")
    _compare(f"example_{lang}.html", strip_bundle(html))
