"""`kpitrack status` on the example workspace at the repository root."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kpitrack.cli import main
from kpitrack.progress.model import INDICATOR_STATES

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def test_status_json_of_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", str(ROOT), "--as-of", "2020-12-31", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["as_of"] == "2020-12-31"
    assert len(doc["indicators"]) == len(list((ROOT / "kpis").glob("*.yaml")))
    assert all(i["status"] in INDICATOR_STATES for i in doc["indicators"])


def test_status_table_of_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", str(ROOT), "--as-of", "2020-12-31")
    assert code == 0
    assert "Per action line" in out


def test_a_bad_as_of_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "status", str(ROOT), "--as-of", "31-12-2020")
    assert code == 2
    assert "--as-of" in err


def test_status_table_piped_shows_every_id_whole(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from kpitrack.workspace import load_workspace

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "kpitrack", "status", str(root), "--as-of", "2022-12-31"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "60"},
    )
    assert "…" not in done.stdout
    for indicator in load_workspace(root).indicators:
        assert f" {indicator} " in done.stdout, indicator
