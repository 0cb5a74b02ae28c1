"""Plausibility: figures that are valid but unlikely are accepted with a located warning (or
refused, for an indicator that asks), and the warnings are counted in the ledger entry."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kpitrack.intake.submit import SubmissionResult, submit_file
from kpitrack.measurements.ledger import read_ledger

Warned = list[tuple[str, int | None, str | None]]


def submit(workspace: Path, text: str, name: str = "in.csv", **kw: bool) -> SubmissionResult:
    path = workspace.parent / name
    path.write_text(text, encoding="utf-8")
    return submit_file(workspace, path, "politie", **kw)


def warned(result: SubmissionResult) -> Warned:
    assert result.accepted, [p.format() for p in result.errors]
    return [(p.code, p.line, p.path) for p in result.warnings]


def on_day(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    moment = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


def set_indicator(workspace: Path, name: str, extra: str) -> None:
    path = workspace / "kpis" / f"{name}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_cells_of_a_complete_breakdown_that_miss_their_total(workspace: Path) -> None:
    result = submit(
        workspace,
        "indicator,period,value,region\n"
        "zaken,2019,6000,\nzaken,2019,2470,noord\nzaken,2019,2000,zuid\n"
        "zaken,2020,6500,\nzaken,2020,3500,noord\nzaken,2020,3000,zuid\n",
    )
    assert warned(result) == [("breakdown-total", 2, "value")]
    assert result.warnings[0].column == 3
    assert (
        "the cells of zaken 2019 by region add up to 4470, but the total is 6000" in
        result.warnings[0].message
    )  # fmt: skip


def test_an_incomplete_breakdown_is_not_judged(workspace: Path) -> None:
    result = submit(
        workspace, "indicator,period,value,region\nzaken,2019,6000,\nzaken,2019,1,noord\n"
    )
    assert warned(result) == []


def test_a_breakdown_completed_by_the_store_is_judged_against_it(workspace: Path) -> None:
    assert (
        warned(
            submit(
                workspace, "indicator,period,value,region\nzaken,2019,100,\nzaken,2019,60,noord\n"
            )
        )
        == []
    )
    result = submit(workspace, "indicator,period,value,region\nzaken,2019,30,zuid\n", "zuid.csv")
    assert warned(result) == [("breakdown-total", 2, "value")]
    assert "the total (stored by submission 1) is 100" in result.warnings[0].message


def test_a_jump_against_the_previous_figure(workspace: Path) -> None:
    assert warned(submit(workspace, "indicator,period,value\nzaken,2019,560\n")) == []
    result = submit(
        workspace, "indicator,period,value\nzaken,2020,5600\nzaken,2021,5000\n", "later.csv"
    )
    assert warned(result) == [("jump", 2, "value")]
    assert (
        "zaken 2020: 5600 is 10.0 times above the previous value 560 (2019, submission 1); "
        "more than 3 times is implausible" in result.warnings[0].message
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((100, 301), ["jump"]),
        ((100, 300), []),
        ((100, 33), ["jump"]),
        ((100, 0), []),  # no factor between a value and zero
        ((0, 100), []),
    ],
)
def test_a_jump_is_more_than_the_factor_either_way(
    workspace: Path, values: tuple[int, int], expected: list[str]
) -> None:
    text = f"indicator,period,value\nzaken,2019,{values[0]}\nzaken,2020,{values[1]}\n"
    assert [code for code, _, _ in warned(submit(workspace, text, dry_run=True))] == expected


def test_the_factor_is_set_per_indicator(workspace: Path) -> None:
    set_indicator(workspace, "zaken", "plausibility: {jump_factor: 20}\n")
    text = "indicator,period,value\nzaken,2019,560\nzaken,2020,5600\nzaken,2021,120000\n"
    assert warned(submit(workspace, text, dry_run=True)) == [("jump", 4, "value")]


def test_an_indicator_may_make_implausible_rows_errors(workspace: Path) -> None:
    set_indicator(workspace, "zaken", "plausibility: {errors: true}\n")
    result = submit(workspace, "indicator,period,value\nzaken,2019,560\nzaken,2020,5600\n")
    assert not result.accepted
    assert [(p.code, p.line, p.column) for p in result.errors] == [("jump", 3, 3)]
    assert not (workspace / "measurements").exists()


def test_a_percentage_written_as_a_fraction(workspace: Path) -> None:
    assert warned(submit(workspace, "indicator,period,value\naandeel,2019-H1,60\n")) == []
    result = submit(workspace, "indicator,period,value\naandeel,2019-H2,0.6\n", "breuk.csv")
    assert warned(result) == [("percentage-fraction", 2, "value")]
    assert "0.6 looks like a fraction of 1, but the previous value 60 (2019-H1" in (
        result.warnings[0].message
    )
    assert "write 60 for 60%" in result.warnings[0].message


def test_a_first_fraction_is_judged_by_the_targets(workspace: Path) -> None:
    text = "indicator,period,value\naandeel,2019-H1,0.6\n"
    assert warned(submit(workspace, text, dry_run=True)) == []  # no target: nothing to go by
    path = workspace / "kpis" / "aandeel.yaml"
    path.write_text(
        path.read_text().replace(
            "targets: []", "targets:\n  - {period: 2022-H2, value: 75, set: 2018-01-01}"
        ),
        encoding="utf-8",
    )
    result = submit(workspace, text, dry_run=True)
    assert warned(result) == [("percentage-fraction", 2, "value")]
    assert "the baseline and targets of the indicator are on the scale 0 to 100" in (
        result.warnings[0].message
    )


def test_a_percentage_after_a_fraction_points_at_the_fraction(workspace: Path) -> None:
    result = submit(
        workspace, "indicator,period,value\naandeel,2019-H1,0.5\naandeel,2019-H2,55\n", dry_run=True
    )
    assert warned(result) == [("percentage-fraction", 3, "value")]
    assert "the previous value 0.5 (2019-H1) looks like a fraction of 1: if it meant 50%" in (
        result.warnings[0].message
    )


def test_a_period_that_has_not_ended(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_day(monkeypatch, "2019-12-31")
    result = submit(
        workspace,
        "indicator,period,value,region\nzaken,2019,5,\nzaken,2019,3,noord\naandeel,2019-H1,40,\n",
    )
    assert warned(result) == [("period-not-ended", 2, "period")]
    assert (
        "zaken 2019 ends on 2019-12-31, not before the day this file is received (2019-12-31)"
        in (result.warnings[0].message)
    )


def test_an_action_update_dated_in_the_future(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_day(monkeypatch, "2019-06-01")
    result = submit(
        workspace,
        "action,date,status,note\nAL1.1,2019-06-01,in_progress,\nAL1.1.a,02-06-2019,done,\n",
    )
    assert warned(result) == [("date-future", 3, "date")]
    assert "AL1.1.a is updated on 2019-06-02, after the day it is received (2019-06-01)" in (
        result.warnings[0].message
    )
    assert read_ledger(workspace / "measurements").entries[-1].warnings == 1


def test_warnings_are_counted_in_the_ledger_and_the_json(workspace: Path) -> None:
    rows = "".join(f"zaken,{2018 + n},{10 ** (n % 2 + 1)}\n" for n in range(5))
    result = submit(workspace, "indicator,period,value\n" + rows)
    assert [code for code, _, _ in warned(result)] == ["jump"] * 4
    entry = read_ledger(workspace / "measurements").entries[-1]
    assert entry.warnings == 4 == result.total_warnings
    line = (workspace / "measurements" / "ledger.jsonl").read_text().splitlines()[-1]
    assert json.loads(line)["warnings"] == 4
    shape = result.to_json()
    assert shape["total_warnings"] == 4 and len(shape["warnings"]) == 4


def test_a_file_without_warnings_records_zero(workspace: Path) -> None:
    assert warned(submit(workspace, "indicator,period,value\nzaken,2019,5\n")) == []
    assert read_ledger(workspace / "measurements").entries[-1].warnings == 0


def test_many_warnings_are_listed_a_hundred_of_a_kind_and_all_counted(workspace: Path) -> None:
    (workspace / "kpis" / "maand.yaml").write_text(
        "id: maand\naction_line: AL1\nname: {nl: M, en: M}\ndefinition: {nl: M, en: M}\n"
        "measure: count\ndirection: none\nfrequency: month\ndimensions: [region]\n"
        "owner: politie\nsource: {nl: X, en: X}\n",
        encoding="utf-8",
    )
    lines = ["indicator,period,value,region"]
    for n in range(60):
        cell = 10 if n % 2 else 100
        month = f"{2018 + n // 12}-{n % 12 + 1:02d}"
        lines += [f"maand,{month},{2 * cell},", f"maand,{month},{cell},noord"]
        lines += [f"maand,{month},{cell},zuid"]
    result = submit(workspace, "\n".join(lines) + "\n", dry_run=True)
    jumps = [p for p in result.warnings if p.code == "jump"]
    assert len(jumps) == 101 and result.total_warnings == 59 * 3
    assert jumps[-1].message == f"… and {59 * 3 - 100} more like these ({59 * 3} in all)"
    assert [p.line for p in jumps[:4]] == [5, 6, 7, 8]
