"""``export --what status``: what ``status --format json`` gives, one row per indicator, action
and milestone, as CSV and XLSX."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kpitrack.export.build import write_export
from kpitrack.progress.document import status_document
from kpitrack.progress.engine import compute_progress
from kpitrack.workspace import load_workspace

AS_OF = date(2022, 12, 31)
Case = tuple[dict[str, Any], list[dict[str, str]], Path]


@pytest.fixture(scope="module", params=["small", "example"])
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Case:
    """(status document, exported CSV rows, exported XLSX) of each workspace."""
    root = request.getfixturevalue(f"{request.param}_workspace")
    out = tmp_path_factory.mktemp("status")
    write_export(root, format="csv", what="status", out=out / "status.csv", as_of=AS_OF)
    write_export(root, format="xlsx", what="status", out=out / "status.xlsx", as_of=AS_OF)
    document = status_document(compute_progress(load_workspace(root), AS_OF))
    text = (out / "status.csv").read_text(encoding="utf-8")
    return document, list(csv.DictReader(io.StringIO(text, newline=""))), out / "status.xlsx"


def test_every_indicator_action_and_milestone_once(case: Case) -> None:
    document, rows, _ = case
    assert [(r["kind"], r["id"]) for r in rows] == [
        ("indicator", i["id"]) for i in document["indicators"]
    ] + [(a["kind"], a["id"]) for a in document["actions"]]


def test_indicator_rows_carry_the_status_json_flattened(case: Case) -> None:
    document, rows, _ = case
    by_id = {r["id"]: r for r in rows if r["kind"] == "indicator"}
    for item in document["indicators"]:
        row = by_id[item["id"]]
        assert row["action_line"] == item["action_line"]
        assert row["status"] == item["status"]
        assert (row["flags"].split(";") if row["flags"] else []) == item["flags"]
        assert (float(row["ratio"]) if row["ratio"] else None) == item["ratio"]
        for name in ("baseline", "latest", "target"):
            pair = item[name]
            got = (row[f"{name}_period"], row[f"{name}_value"])
            assert got == (("", "") if pair is None else (pair["period"], _num(pair["value"])))
        for lang, text in item["explanation"].items():
            assert row[f"explanation_{lang}"].lstrip("'") == text


def test_action_rows_carry_state_due_owner_and_update(case: Case) -> None:
    document, rows, _ = case
    by_id = {r["id"]: r for r in rows if r["kind"] != "indicator"}
    for item in document["actions"]:
        row = by_id[item["id"]]
        assert (row["status"], row["due"], row["owner"]) == (
            item["state"],
            item["due"],
            item["owner"],
        )
        assert row["parent"] == (item["parent"] or "")
        assert row["update_date"] == ((item["update"] or {}).get("date") or "")


def test_xlsx_holds_the_same_rows(case: Case) -> None:
    _, rows, xlsx = case
    header, *values = load_workbook(xlsx)["status"].iter_rows(values_only=True)
    assert list(header) == list(rows[0].keys())
    assert [(v[0], v[1], v[6]) for v in values] == [(r["kind"], r["id"], r["status"]) for r in rows]


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)
