"""The benchmark generator writes workspaces that validate and submissions that are accepted."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kpitrack.cli import main
from kpitrack.cli.problems import validation_summary
from kpitrack.workspace import check_workspace

from .conftest import REPO


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate"] = module
    spec.loader.exec_module(module)
    return module


def test_generated_workspace_validates(tmp_path: Path) -> None:
    _generator().generate_workspace(tmp_path / "ws", indicators=40, regions=5, years=4)
    check = check_workspace(tmp_path / "ws")
    errors, warnings, summary = check.errors, check.warnings, validation_summary(check)
    assert errors == [] and warnings == []
    assert "40 indicators" in summary
    measures = {
        p.read_text().split("measure: ")[1].split()[0] for p in (tmp_path / "ws" / "kpis").iterdir()
    }
    assert measures == {"count", "percentage", "amount", "ratio", "index"}


def test_generated_submission_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generate = _generator()
    generate.generate_workspace(tmp_path / "ws", indicators=20, regions=3, years=3)
    generate.generate_submission_csv(tmp_path / "in.csv", tmp_path / "ws", rows=100)
    with (tmp_path / "in.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 100
    assert list(rows[0]) == [
        "indicator",
        "period",
        "value",
        "region",
        "obs_status",
        "lower",
        "upper",
        "note",
    ]
    assert len({(r["indicator"], r["period"], r["region"]) for r in rows}) == 100
    assert any(r["region"] for r in rows) and any(not r["region"] for r in rows)
    args = ["submit", str(tmp_path / "in.csv"), "--partner", "bureau"]
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--workspace", str(tmp_path / "ws"), "--dry-run"])
    assert exit_info.value.code == 0, capsys.readouterr().err


def test_asking_for_more_rows_than_exist_is_refused(tmp_path: Path) -> None:
    generate = _generator()
    generate.generate_workspace(tmp_path / "ws", indicators=2, regions=1, years=2)
    with pytest.raises(ValueError, match="distinct rows"):
        generate.generate_submission_csv(tmp_path / "in.csv", tmp_path / "ws", rows=10_000)
    assert not (tmp_path / "in.csv").exists()
