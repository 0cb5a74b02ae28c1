"""Every rejection of a measurement or action-update file, with its row and column."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kpitrack.intake.submit import SubmissionResult, submit_file
from kpitrack.measurements import readers


def write(path: Path, text: str, *, encoding: str = "utf-8", bom: bool = False) -> Path:
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


HEADER = "indicator,period,value,region,obs_status,lower,upper,note\n"


def submit(workspace: Path, text: str, partner: str = "politie", **kw: object) -> SubmissionResult:
    path = write(workspace.parent / "in.csv", text, **kw)  # type: ignore[arg-type]
    return submit_file(workspace, path, partner)


def codes(result: SubmissionResult) -> set[tuple[str, int | None, str | None, int | None]]:
    """The errors as (code, line, column name, column number)."""
    return {(p.code, p.line, p.path, p.column) for p in result.errors}


# Column numbers of HEADER (the checker locates each problem by name and by number).
AT = {name: at for at, name in enumerate(HEADER.strip().split(","), start=1)}


@pytest.mark.parametrize(
    ("row", "code", "column", "words"),
    [
        ("onbekend,2019,1,,,,,", "unknown-indicator", "indicator", "zaken"),
        ("meldingen,2019,1,,,,,", "not-owner", "indicator", "ngo"),
        ("zaken,2019-13,1,,,,,", "period", "period", "YYYY-MM"),
        ("zaken,2016,1,,,,,", "period", "period", "before the earliest baseline"),
        ("zaken,2023,1,,,,,", "period", "period", "after the programme end"),
        ("zaken,2019-H1,1,,,,,", "period", "period", "per year"),
        ("zaken,2019,nan,,,,,", "value", "value", "not a number"),
        ("zaken,2019,inf,,,,,", "value", "value", "not a number"),
        ("zaken,2019,1e309,,,,,", "value", "value", "too large"),
        ("zaken,2019,twaalf,,,,,", "value", "value", "not a number"),
        ("zaken,2019,1_000,,,,,", "value", "value", "not a number"),
        ("zaken,2019,1.5,,,,,", "count", "value", "whole numbers"),
        ("zaken,2019,-3,,,,,", "count", "value", "whole numbers"),
        ("aandeel,2019-H1,101,,,,,", "percentage", "value", "0 to 100"),
        ("aandeel,2019-H1,-1,,,,,", "percentage", "value", "0 to 100"),
        ("zaken,2019,10,,,11,20,", "interval", "value", "below lower"),
        ("zaken,2019,30,,,11,20,", "interval", "value", "above upper"),
        ("zaken,2019,15,,,20,11,", "interval", "lower", "above upper"),
        ("aandeel,2019-H1,10,noord,,,,", "dimension", "region", "no breakdown by region"),
        ("zaken,2019,10,west,,,,", "code", "region", "noord, zuid"),
        ("zaken,2019,10,,X,,,", "obs-status", "obs_status", "provisional"),
        ("zaken,2019,10,,M,,,weg", "missing-value", "value", "empty value"),
        ("zaken,2019,,,M,,,", "note", "note", "needs a note"),
        ("zaken,2019,,,,,,", "value", "value", "value is empty"),
    ],
)
def test_each_rejection_is_located(
    workspace: Path, row: str, code: str, column: str, words: str
) -> None:
    result = submit(workspace, HEADER + "zaken,2018,5,,,,,\n" + row + "\n")
    assert not result.accepted
    assert (code, 3, column, AT[column]) in codes(result), [p.format() for p in result.errors]
    problem = next(p for p in result.errors if p.code == code)
    assert words in problem.message
    assert problem.file and problem.file.endswith("in.csv")
    assert not (workspace / "measurements").exists()  # nothing written at all


def test_duplicate_key_names_the_first_row(workspace: Path) -> None:
    result = submit(
        workspace, HEADER + "zaken,2019,1,noord,,,,\nzaken,2019,2,,,,,\nzaken,2019,3,noord,,,,\n"
    )
    assert codes(result) == {("duplicate", 4, "indicator", 1)}
    assert "row 2" in result.errors[0].message


def test_unknown_column_lists_valid_ones(workspace: Path) -> None:
    result = submit(workspace, "indicator,period,Value,getal\nzaken,2019,1,2\n")
    found = {p.path: p.message for p in result.errors}
    assert "did you mean 'value'" in found["Value"]
    assert "valid columns: indicator, period, value, region, obs_status" in found["getal"]
    assert any(p.code == "missing-column" for p in result.errors)


def test_valid_file_with_bom_semicolons_and_decimal_comma(workspace: Path) -> None:
    text = "indicator;period;value;note\naandeel;2019-H1;12,5;\naandeel;2019-H2;13;\n"
    result = submit(workspace, text, bom=True)
    assert result.accepted, [p.format() for p in result.errors]
    assert (result.delimiter, result.decimal, result.rows, result.seq) == (";", "comma", 2, 1)


def test_decimal_point_detected(workspace: Path) -> None:
    result = submit(workspace, "indicator,period,value\naandeel,2019-H1,12.5\n")
    assert result.accepted and result.decimal == "point" and result.delimiter == ","


def test_mixed_decimal_marks_are_an_error(workspace: Path) -> None:
    result = submit(
        workspace, "indicator;period;value\naandeel;2019-H1;12,5\naandeel;2019-H2;1.5\n"
    )
    assert [(p.code, p.line, p.column, p.path) for p in result.errors] == [
        ("decimal-mixed", 3, 3, "value")
    ]
    assert result.errors[0].file is not None and result.errors[0].file.endswith("in.csv")


def test_ambiguous_thousands_are_reported_not_guessed(workspace: Path) -> None:
    result = submit(workspace, "indicator;period;value\naandeel;2019-H1;1.234\n")
    assert [(p.code, p.line, p.column, p.path) for p in result.errors] == [
        ("decimal-ambiguous", 2, 3, "value")
    ]
    # Any other decimal settles it.
    settled = submit(
        workspace, "indicator;period;value\naandeel;2019-H1;1.234\naandeel;2019-H2;2.5\n"
    )
    assert settled.accepted and settled.decimal == "point"


def test_mixed_delimiters_are_an_error(workspace: Path) -> None:
    result = submit(workspace, "indicator;period,value\nzaken;2019,1\n")
    assert [p.code for p in result.errors] == ["mixed-delimiters"]
    result = submit(workspace, "indicator;period;value\nzaken,2019,1\n")
    assert [(p.code, p.line, p.column) for p in result.errors] == [("row-width", 2, 2)]
    assert "seems to use ','" in result.errors[0].message


def test_other_encodings_are_located(workspace: Path) -> None:
    # 0x81 is defined neither in UTF-8 (alone) nor in Windows-1252.
    path = workspace.parent / "in.csv"
    path.write_bytes(b"indicator,period,value,note\nzaken,2019,1,caf\x81\n")
    result = submit_file(workspace, path, "politie")
    assert [(p.code, p.line, p.column) for p in result.errors] == [("encoding", 2, 17)]
    assert "neither UTF-8 nor Windows-1252" in result.errors[0].message


def test_quoted_multiline_field_keeps_row_numbers(workspace: Path) -> None:
    text = (
        'indicator,period,value,note\nzaken,2018,1,"twee\nregels, met komma"\nzaken,2019,x,\n\n\n'
    )
    result = submit(workspace, text)
    assert [(p.code, p.line, p.column, p.path) for p in result.errors] == [("value", 4, 3, "value")]


def test_error_listing_is_capped_but_counted(workspace: Path) -> None:
    rows = "".join(f"zaken,2019,x{i},,,,,\n" for i in range(3000))
    result = submit(workspace, HEADER + rows)
    assert result.total_errors >= 3000 and len(result.errors) == 1000


def test_big_garbage_file_is_rejected_quickly(workspace: Path) -> None:
    import random

    rng = random.Random(4)
    junk = "".join(rng.choice("abc,;\"'=\n 0123") for _ in range(1_000_000)) * 60
    path = workspace.parent / "junk.csv"
    path.write_text(HEADER + junk, encoding="utf-8")
    started = time.monotonic()
    result = submit_file(workspace, path, "politie")
    assert not result.accepted and time.monotonic() - started < 30
    assert len(result.errors) <= 1000


def test_size_limit(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 10)
    result = submit(workspace, HEADER + "zaken,2019,1,,,,,\n")
    assert [p.code for p in result.errors] == ["file-too-large"]


def test_unknown_partner(workspace: Path) -> None:
    result = submit(workspace, HEADER + "zaken,2019,1,,,,,\n", partner="niemand")
    assert [p.code for p in result.errors] == ["unknown-partner"]
    assert "ngo, politie" in result.errors[0].message


def test_dry_run_writes_nothing(workspace: Path) -> None:
    path = write(workspace.parent / "in.csv", HEADER + "zaken,2019,1,,,,,\n")
    result = submit_file(workspace, path, "politie", dry_run=True)
    assert result.accepted and result.seq is None
    assert not (workspace / "measurements").exists()


ACTIONS = "action,date,status,note\n"
ACTION_AT = {"action": 1, "date": 2, "status": 3, "note": 4}


@pytest.mark.parametrize(
    ("row", "partner", "code", "column"),
    [
        ("AL9,2019-05-01,done,", "politie", "unknown-action", "action"),
        ("AL1.1,2019-05-01,done,", "ngo", "not-owner", "action"),
        ("AL1.1.b,2019-05-01,done,", "politie", "not-owner", "action"),  # explicit owner ngo
        ("AL1.1,2019-02-30,done,", "politie", "date", "date"),
        ("AL1.1,2019/05/01,done,", "politie", "date", "date"),
        ("AL1.1,2019-05-01,overdue,", "politie", "status", "status"),
        ("AL1.1,2019-05-01,klaar,", "politie", "status", "status"),
    ],
)
def test_action_update_rejections(
    workspace: Path, row: str, partner: str, code: str, column: str
) -> None:
    result = submit(workspace, ACTIONS + row + "\n", partner=partner)
    assert result.kind == "actions"
    assert (code, 2, column, ACTION_AT[column]) in codes(result), [
        p.format() for p in result.errors
    ]


def test_action_updates_accepted_for_owner_and_milestone_default(workspace: Path) -> None:
    text = ACTIONS + "AL1.1,2019-05-01,in_progress,loopt\nAL1.1.a,2019-06-20,done,\n"
    result = submit(workspace, text)
    assert result.accepted and result.kind == "actions" and result.rows == 2
    ngo = submit(workspace, ACTIONS + "AL1.1.b,2019-12-01,done,\n", partner="ngo")
    assert ngo.accepted
