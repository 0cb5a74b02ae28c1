"""Small counts cannot be read, nor worked out from the total and the other cells."""

from __future__ import annotations

from datetime import date

from kpitrack.progress.model import SeriesPoint
from kpitrack.report.build import build_report_model
from kpitrack.report.indicators import _hidden_cells


def cell(code: str, value: float | None, dimension: str = "region") -> SeriesPoint:
    return SeriesPoint("2020", date(2020, 12, 31), value, "A", breakdown=((dimension, code),))


def test_one_small_cell_takes_the_smallest_other_cell_with_it() -> None:
    cells = [cell("a", 3), cell("b", 6000), cell("c", 247), cell("d", 900)]
    assert _hidden_cells(cells, 5) == {
        (("region", "a"),): "small",
        (("region", "c"),): "complement",
    }


def test_two_small_cells_protect_each_other() -> None:
    cells = [cell("a", 3), cell("b", 2), cell("c", 247)]
    assert _hidden_cells(cells, 5) == {(("region", "a"),): "small", (("region", "b"),): "small"}


def test_no_small_cell_hides_nothing_and_groups_are_separate() -> None:
    assert _hidden_cells([cell("a", 5), cell("b", 8)], 5) == {}
    mixed = [cell("a", 1), cell("b", 50), cell("m", 60, "sex"), cell("f", 70, "sex")]
    assert _hidden_cells(mixed, 5) == {
        (("region", "a"),): "small",
        (("region", "b"),): "complement",
    }


def test_report_model_shows_the_withheld_cell_and_says_why(workspace, progress) -> None:
    for lang, words in (("nl", "weggelaten"), ("en", "withheld")):
        model = build_report_model(workspace, progress, lang, snapshot_hash="")
        breakdown = model.action_lines[0].indicators[0].breakdown
        assert breakdown is not None
        cells = {r.codes[0]: (r.value, r.suppressed) for r in breakdown.rows}
        assert cells["Noord-Nederland"] == ("<5", True)
        assert cells["West"] == ("×", True)  # 247: with it, 3 = total − 6,000 − 247
        assert cells["Oost-Nederland"][1] is False
        assert words in breakdown.note
