"""Files mixing indicators with different dimensions (region, sex): a code both codelists share,
one dimension column empty where the other is filled, and a row giving a dimension its indicator
does not have. The accepted keys are asserted as stored, the refusals at their cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from gate_workspace import (
    Routes,
    assert_route,
    csv_text,
    located,
    split_every_file,
    stored_figures,
    stored_lines,
    submit,
)

COLUMNS = ["indicator", "period", "value", "region", "sex"]


def _row(ind: str, period: str, value: str, region: str = "", sex: str = "") -> dict[str, str]:
    return {"indicator": ind, "period": period, "value": value, "region": region, "sex": sex}


MIXED = [
    _row("zaken", "2019", "10"),
    _row("zaken", "2019", "4", region="noord"),
    _row("zaken", "2019", "5", region="onbekend"),  # a code of both codelists
    _row("aandeel", "2019", "40", sex="onbekend"),  # the same code, the other dimension
    _row("aandeel", "2019", "35", sex="vrouw"),  # region empty, sex filled
    _row("aandeel", "2019", "55"),
    _row("zaken", "2020", "6", region="onbekend"),
    _row("aandeel", "2020", "41", sex="onbekend"),
]


@pytest.mark.parametrize("route", ["one-process", "two-processes"])
def test_mixed_dimensions_are_stored_under_their_own_keys(
    gate: Path, routes: Routes, monkeypatch: pytest.MonkeyPatch, route: str
) -> None:
    if route == "two-processes":
        split_every_file(monkeypatch)
    result = submit(gate, "in.csv", csv_text(MIXED, COLUMNS))
    assert result.accepted, located(result)
    assert stored_lines(gate) == [
        "2,zaken,2019,,10,A,,,,",
        "3,zaken,2019,region=noord,4,A,,,,",
        "4,zaken,2019,region=onbekend,5,A,,,,",
        "5,aandeel,2019,sex=onbekend,40,A,,,,",
        "6,aandeel,2019,sex=vrouw,35,A,,,,",
        "7,aandeel,2019,,55,A,,,,",
        "8,zaken,2020,region=onbekend,6,A,,,,",
        "9,aandeel,2020,sex=onbekend,41,A,,,,",
    ]
    figures = stored_figures(gate)
    assert figures["zaken", "2019", "region=onbekend"][0] == 5
    assert figures["aandeel", "2019", "sex=onbekend"][0] == 40
    assert ("aandeel", "2019", "region=onbekend") not in figures
    if route == "two-processes":
        assert routes.joined, "the second part was not checked by a child process"


def test_a_shared_code_in_the_wrong_column_is_refused(gate: Path, routes: Routes) -> None:
    """``onbekend`` under sex for zaken (broken down by region): the sex cell is wrong, though
    onbekend is a code of zaken's own dimension, and zaken's period and aandeel's very same
    cells were seen valid before (the fast path must not take the row)."""
    rows = [
        _row("zaken", "2019", "1", region="onbekend"),
        _row("aandeel", "2019", "40", sex="onbekend"),
        _row("zaken", "2019", "3", sex="onbekend"),
    ]
    result = submit(gate, "in.csv", csv_text(rows, COLUMNS))
    assert located(result) == [("dimension", 4, 5, "sex")]
    assert_route(routes, "full", 4)
    assert result.errors[0].file is not None and result.errors[0].file.endswith("in.csv")
    assert "indicator zaken has no breakdown by sex" in result.errors[0].message


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (_row("aandeel", "2019", "40", region="noord"), ("dimension", 3, 4, "region")),
        (_row("aandeel", "2019", "40", region="noord", sex="man"), ("dimension", 3, 4, "region")),
        (_row("zaken", "2019", "4", region="noord", sex="man"), ("dimension", 3, 5, "sex")),
        (_row("meldingen", "2019", "4"), ("not-owner", 3, 1, "indicator")),
        (_row("zaken", "2019", "4", region="man"), ("code", 3, 4, "region")),
        (_row("aandeel", "2019", "40", sex="noord"), ("code", 3, 5, "sex")),
    ],
)
def test_a_dimension_the_indicator_lacks_is_located(
    gate: Path, row: dict[str, str], problem: tuple[str, int, int, str]
) -> None:
    rows = [_row("zaken", "2019", "1", region="zuid"), row]
    result = submit(gate, "in.csv", csv_text(rows, COLUMNS))
    assert located(result) == [problem]
    assert not (gate / "measurements").exists()


def test_the_message_names_the_indicator_of_the_row(gate: Path) -> None:
    """zaken and slachtoffers share their dimensions (and the checker's verdicts on them): the
    refusal of slachtoffers' row must name slachtoffers, not the indicator seen first."""
    rows = [
        _row("zaken", "2019", "4", region="noord", sex="man"),
        _row("slachtoffers", "2019", "4", region="noord", sex="man"),
    ]
    result = submit(gate, "in.csv", csv_text(rows, COLUMNS))
    assert located(result) == [("dimension", 2, 5, "sex"), ("dimension", 3, 5, "sex")]
    first, second = (p.message for p in result.errors)
    assert first.startswith("indicator zaken has no breakdown by sex")
    assert second.startswith("indicator slachtoffers has no breakdown by sex")


def test_dimension_columns_named_in_dutch(gate: Path) -> None:
    """The codelists' Dutch labels name the columns; problems name the column as the file does."""
    text = (
        "indicator;periode;waarde;Regio;Geslacht\n"
        "zaken;2019;4;onbekend;\n"
        "aandeel;2019;40;;onbekend\n"
        "aandeel;2020;40;zuid;man\n"
    )
    result = submit(gate, "in.csv", text)
    assert located(result) == [("dimension", 4, 4, "Regio")]
    fixed = submit(gate, "in.csv", text.replace(";zuid;man", ";;man"))
    assert fixed.accepted, located(fixed)
    assert stored_lines(gate)[1:] == [
        "3,aandeel,2019,sex=onbekend,40,A,,,,",
        "4,aandeel,2020,sex=man,40,A,,,,",
    ]


def test_a_key_given_twice_names_its_breakdown_and_first_row(gate: Path) -> None:
    rows = [
        _row("aandeel", "2019", "40", sex="onbekend"),
        _row("zaken", "2019", "4", region="onbekend"),
        _row("zaken", "2019", "5", region="onbekend"),
    ]
    result = submit(gate, "in.csv", csv_text(rows, COLUMNS))
    assert located(result) == [("duplicate", 4, 1, "indicator")]
    assert result.errors[0].message == (
        "zaken 2019 (region=onbekend) is already given in row 3; one row per indicator, period "
        "and breakdown"
    )


def test_a_partner_without_indicators_is_told_so(gate: Path) -> None:
    rows = [_row("zaken", "2019", "4", region="noord"), _row("onbekend", "2019", "4")]
    result = submit(gate, "in.csv", csv_text(rows, COLUMNS), partner="gemeente")
    assert [(p.code, p.line, p.column, p.path, p.message) for p in result.errors] == [
        (
            "not-owner",
            2,
            1,
            "indicator",
            "indicator zaken is submitted by politie, not by gemeente; your indicators: none: "
            "partner gemeente owns no indicator",
        ),
        (
            "unknown-indicator",
            3,
            1,
            "indicator",
            "unknown indicator 'onbekend'; your indicators: none: partner gemeente owns no "
            "indicator",
        ),
    ]
