"""Hostile stores (symlinks), hostile commentary and template names, through the real CLI."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from kpitrack.core.errors import ReportError
from kpitrack.report.markdown import MAX_COMMENTARY_BYTES
from kpitrack.report.templates import TemplateSet

from .conftest import DATA, Run, tree_hash

AS_OF = "2020-12-31"
VALID = DATA / "csv" / "valid-bom.csv"


def submit(cli: Any, ws: Path, file: Path = VALID) -> Run:
    run: Run = cli(["submit", str(file), "--partner", "politie", "--workspace", str(ws)])
    return run


def assert_clean(run: Run) -> None:
    assert "Traceback" not in run.text and "internal error" not in run.text, run.text


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("where", ["data", "received", "ledger.jsonl"])
def test_symlink_in_the_store_is_refused_and_nothing_written(
    where: str, workspace: Path, secret: Path, cli: Any
) -> None:
    assert submit(cli, workspace).code == 0
    store = workspace / "measurements"
    target = store / where
    if where == "ledger.jsonl":
        target.rename(store / "ledger.real")
        target.symlink_to(secret)
    else:
        (target / "000099-politie.csv").symlink_to(secret)
    before = tree_hash(store)
    run = cli(["verify", str(workspace)])
    assert_clean(run)
    assert run.code == 1 and "store-symlink" in run.err
    run = submit(cli, workspace)
    assert_clean(run)
    if where == "ledger.jsonl":
        assert run.code == 1 and "store-symlink" in run.err
    assert tree_hash(store) == before or run.code == 0
    assert "TOP-SECRET" not in run.text


def test_store_directory_symlinked_outside_is_refused(
    workspace: Path, tmp_path: Path, cli: Any
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (workspace / "measurements").symlink_to(outside)
    run = submit(cli, workspace)
    assert_clean(run)
    assert run.code == 1 and "store-symlink" in run.err
    assert list(outside.iterdir()) == []
    verify = cli(["verify", str(workspace)])
    assert verify.code == 1 and "store-symlink" in verify.err


def report(cli: Any, ws: Path, out: Path) -> Run:
    run: Run = cli(["report", str(ws), "--as-of", AS_OF, "--format", "html", "--out", str(out)])
    return run


def commentary(ws: Path) -> Path:
    directory = ws / "commentary" / AS_OF
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def html_of(out: Path) -> str:
    (path,) = out.glob("*.html")
    text = path.read_text(encoding="utf-8")
    # Leave out the inlined plotly.js: its code legitimately mentions javascript:, onerror, ...
    return re.sub(r"<script[^>]*>.*?</script>", "<script/>", text, flags=re.S)


@pytest.mark.slow
def test_commentary_script_links_and_controls_render_inert(
    workspace: Path, tmp_path: Path, cli: Any
) -> None:
    directory = commentary(workspace)
    shutil.copyfile(DATA / "md" / "script.md", directory / "summary.md")
    shutil.copyfile(DATA / "md" / "links.md", directory / "AL1.md")
    shutil.copyfile(DATA / "md" / "controls.md", directory / "zaken.md")
    run = report(cli, workspace, tmp_path / "out")
    assert_clean(run)
    assert run.code == 0
    (path,) = (tmp_path / "out").glob("*.html")
    raw = path.read_text(encoding="utf-8")
    assert 'alert("xss")' not in raw  # the hostile script only ever appears escaped, as text
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in raw
    html = html_of(tmp_path / "out")
    body = html.lower()
    assert not re.findall(r"<[a-z][^>]*\son[a-z]+\s*=", body)
    assert "<iframe" not in body and "<img" not in body
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert "https://www.rijksoverheid.nl/" in hrefs and "#summary" in hrefs
    assert all(h.startswith(("#", "http://", "https://", "mailto:")) for h in hrefs), hrefs
    assert "evil.example/pixel.png" not in " ".join(re.findall(r'src="([^"]*)"', html))
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]", html)
    assert "Commentaar met besturingstekens" in html


def test_commentary_symlink_outside_is_refused(
    workspace: Path, tmp_path: Path, secret: Path, cli: Any
) -> None:
    (commentary(workspace) / "summary.md").symlink_to(secret)
    run = report(cli, workspace, tmp_path / "out")
    assert_clean(run)
    assert run.code == 1
    assert re.search(r"summary\.md: commentary-symlink: ", run.err), run.err
    assert not (tmp_path / "out").exists() or "TOP-SECRET" not in "".join(
        p.read_text() for p in (tmp_path / "out").glob("*.html")
    )


def test_commentary_over_the_limit_is_refused_with_its_file(
    workspace: Path, tmp_path: Path, cli: Any
) -> None:
    rows = "".join(f"| {i} | <b>x</b> |\n" for i in range(MAX_COMMENTARY_BYTES // 10))
    (commentary(workspace) / "AL1.md").write_text("| a | b |\n|---|---|\n" + rows)
    run = report(cli, workspace, tmp_path / "out")
    assert_clean(run)
    assert run.code == 1
    assert re.search(r"AL1\.md: commentary-too-large: ", run.err), run.err


def test_as_of_that_is_a_path_is_a_usage_error(workspace: Path, tmp_path: Path, cli: Any) -> None:
    run = cli(["report", str(workspace), "--as-of", "../../etc", "--out", str(tmp_path / "o")])
    assert_clean(run)
    assert run.code == 2 and "--as-of" in run.err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("name", ["../report.css", "/etc/passwd", "..", ".hidden", "a\\b.css"])
def test_template_names_cannot_leave_the_template_directories(name: str, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="template"):
        TemplateSet.for_workspace(tmp_path).path(name)


@pytest.mark.slow
@pytest.mark.office
def test_word_report_survives_control_characters_in_notes(
    workspace: Path, tmp_path: Path, cli: Any
) -> None:
    """A stored note with XML-forbidden characters, and commentary with them: valid .docx."""
    import zipfile
    from xml.etree import ElementTree

    if shutil.which("chromium") is None and not os.path.exists("/usr/bin/chromium"):
        pytest.skip("charts need Chromium")
    assert submit(cli, workspace, DATA / "csv" / "control-note.csv").code == 0
    shutil.copyfile(DATA / "md" / "controls.md", commentary(workspace) / "summary.md")
    out = tmp_path / "out"
    run = cli(["report", str(workspace), "--as-of", AS_OF, "--format", "docx", "--out", str(out)])
    assert_clean(run)
    assert run.code == 0
    (docx,) = out.glob("*.docx")
    with zipfile.ZipFile(docx) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                data = archive.read(name)
                ElementTree.fromstring(data)  # raises on a forbidden character
                assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", data), name


@pytest.mark.slow
def test_huge_commentary_table_under_the_limit_renders_in_bounded_time(
    workspace: Path, tmp_path: Path, cli: Any
) -> None:
    import time

    rows = "".join(f"| {i} | <b>x</b> |\n" for i in range(MAX_COMMENTARY_BYTES // 20))
    text = ("| a | b |\n|---|---|\n" + rows)[: MAX_COMMENTARY_BYTES - 100]
    (commentary(workspace) / "AL1.md").write_text(text)
    started = time.monotonic()
    run = report(cli, workspace, tmp_path / "out")
    assert_clean(run)
    assert run.code == 0
    assert time.monotonic() - started < 30
    html = html_of(tmp_path / "out")
    assert html.count("<tr>") > 10_000 and "<b>" not in html
