"""Warnings of a submission: located like errors, listed up to 100 of a kind with one line for
the rest, all counted, and the count kept in the ledger entry of an accepted file."""

from __future__ import annotations

import json

import pytest

from kpitrack.core.problems import Problem
from kpitrack.measurements.ledger import LedgerEntry, parse_record
from kpitrack.measurements.validate import MAX_WARNINGS_PER_CODE, ErrorSink


def test_warnings_are_listed_per_kind_and_all_counted() -> None:
    sink = ErrorSink("f.csv")
    for row in range(2, 2 + MAX_WARNINGS_PER_CODE + 5):
        sink.warn("jump", f"row {row}", row, "value", 3)
    sink.warn("other", "once", 9, "period", 2)
    sink.extend([Problem("hidden", "from the reader", "f.csv", 4, severity="warning")])
    sink.close()
    assert sink.total == 0 and sink.warning_total == MAX_WARNINGS_PER_CODE + 7
    jumps = [p for p in sink.warnings if p.code == "jump"]
    assert len(jumps) == MAX_WARNINGS_PER_CODE + 1
    assert (jumps[0].line, jumps[0].column, jumps[0].path) == (2, 3, "value")
    assert jumps[-1].message == "… and 5 more like these (105 in all)"
    assert [p.code for p in sink.warnings if p.code != "jump"] == ["other", "hidden"]


def test_warnings_counted_elsewhere_join_the_count() -> None:
    sink = ErrorSink("f.xlsx")
    sink.count_unlisted({"xlsx-hidden-row": 3})
    sink.count("jump", error=False, times=2)
    sink.count("jump", error=True)
    assert (sink.warning_total, sink.total) == (5, 1)


def _entry(**kw: object) -> LedgerEntry:
    fields: dict[str, object] = {
        "seq": 1,
        "kind": "measurements",
        "partner": "politie",
        "received": "2024-07-01T09:00:00Z",
        "file": "cijfers.csv",
        "sha256_received": "a" * 64,
        "received_path": "received/000001-politie-cijfers.csv",
        "data": "data/000001-politie.csv",
        "sha256_data": "b" * 64,
        "rows": 3,
        "definition_version": "1.0",
    }
    return LedgerEntry(**{**fields, **kw})  # type: ignore[arg-type]


def test_the_ledger_entry_keeps_the_count_and_older_entries_read_without_it() -> None:
    line = json.loads(_entry(warnings=2).to_line())
    assert line["warnings"] == 2
    assert isinstance(parse_record(line), LedgerEntry)
    older = json.loads(_entry().to_line())
    assert "warnings" not in older
    record = parse_record(older)
    assert isinstance(record, LedgerEntry) and record.warnings is None


@pytest.mark.parametrize("count", [-1, "2"])
def test_a_count_that_is_no_count_is_a_corrupt_entry(count: object) -> None:
    line = json.loads(_entry(warnings=0).to_line())
    line["warnings"] = count
    with pytest.raises(ValueError, match="warnings"):
        parse_record(line)
