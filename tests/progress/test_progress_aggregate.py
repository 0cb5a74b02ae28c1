"""Aggregation over revisions, sub-periods and breakdowns (design §5)."""

from __future__ import annotations

from datetime import date

import pytest
from progress_builders import indicator, obs

from kpitrack.progress.aggregate import aggregate

CODES = {"regio": ["noord", "midden", "zuid"], "geslacht": ["m", "v"]}
AS_OF = date(2022, 12, 31)


def totals(ind, observations, as_of: date = AS_OF) -> dict[str, float | None]:
    return {p.period: p.value for p in aggregate(ind, observations, CODES, as_of).series}


def region(code: str) -> tuple[tuple[str, str], ...]:
    return (("regio", code),)


def test_newest_submission_wins_and_is_marked_revised() -> None:
    result = aggregate(
        indicator(),
        [obs("2019", 120, submission=2, revised_from=100, revision_of=1), obs("2019", 100)],
        CODES,
        AS_OF,
    )
    (point,) = result.series
    assert point.value == 120
    assert point.revised and point.revised_from == 100
    assert point.sources == (2,)


def test_resubmitting_the_same_value_is_no_revision() -> None:
    (point,) = aggregate(
        indicator(), [obs("2019", 100), obs("2019", 100, submission=2)], CODES, AS_OF
    ).series
    assert not point.revised


def test_quarters_sum_into_a_year_only_when_complete() -> None:
    quarters = [obs(f"2019-Q{q}", 10 * q, status="P" if q == 4 else "A") for q in (1, 2, 3, 4)]
    result = aggregate(indicator(), [*quarters, obs("2020-Q1", 5), obs("2020-Q2", 5)], CODES, AS_OF)
    assert [(p.period, p.value, p.obs_status) for p in result.series] == [("2019", 100, "P")]
    assert result.incomplete_periods == ("2020",)


def test_mean_of_complete_halves() -> None:
    ind = indicator(aggregation="mean", measure="percentage")
    assert totals(ind, [obs("2019-H1", 40), obs("2019-H2", 50)]) == {"2019": 45}


def test_last_takes_the_final_sub_period_only() -> None:
    ind = indicator(aggregation="last")
    assert totals(ind, [obs("2019-Q1", 10), obs("2019-Q4", 30)]) == {"2019": 30}
    result = aggregate(ind, [obs("2019-Q1", 10), obs("2019-Q3", 20)], CODES, AS_OF)
    assert result.series == ()
    assert result.incomplete_periods == ("2019",)


def test_a_missing_sub_period_value_makes_the_period_incomplete() -> None:
    observations = [obs("2019-H1", 10), obs("2019-H2", None, status="M", note="niet geleverd")]
    assert totals(indicator(), observations) == {}


def test_periods_ending_after_as_of_are_left_out() -> None:
    observations = [obs("2019", 10), obs("2020", 20), obs("2021", 30)]
    assert totals(indicator(), observations, date(2021, 6, 30)) == {"2019": 10, "2020": 20}


def test_explicit_total_row_wins_over_the_breakdown() -> None:
    observations = [obs("2019", 50), obs("2019", 10, breakdown=region("noord"))]
    result = aggregate(indicator(), observations, CODES, AS_OF)
    assert [p.value for p in result.series] == [50]
    assert not result.series[0].partial
    assert [(p.breakdown, p.value) for p in result.breakdowns] == [(region("noord"), 10)]


def test_counts_are_summed_over_the_breakdown_and_flagged_partial_when_codes_miss() -> None:
    complete = [
        obs("2019", v, breakdown=region(c)) for c, v in (("noord", 1), ("midden", 2), ("zuid", 3))
    ]
    (point,) = aggregate(indicator(), complete, CODES, AS_OF).series
    assert (point.value, point.partial, point.breakdown) == (6, False, ())
    (partial,) = aggregate(indicator(), complete[:2], CODES, AS_OF).series
    assert (partial.value, partial.partial) == (3, True)


def test_rows_of_different_breakdowns_are_not_added_together() -> None:
    by_region = [
        obs("2019", v, breakdown=region(c)) for c, v in (("noord", 1), ("midden", 2), ("zuid", 3))
    ]
    by_sex = [obs("2019", 4, breakdown=(("geslacht", "m"),))]
    (point,) = aggregate(
        indicator(dimensions=["regio", "geslacht"]), [*by_region, *by_sex], CODES, AS_OF
    ).series
    assert point.value == 6
    assert not point.partial


@pytest.mark.parametrize("measure", ["percentage", "ratio", "index"])
def test_shares_ratios_and_indices_are_never_summed(measure: str) -> None:
    ind = indicator(measure=measure, targets=[])
    cells = [
        obs("2019", v, breakdown=region(c))
        for c, v in (("noord", 10), ("midden", 20), ("zuid", 30))
    ]
    result = aggregate(ind, cells, CODES, AS_OF)
    assert result.series == ()
    assert len(result.breakdowns) == 3


def test_interval_and_status_of_the_total_are_kept() -> None:
    (point,) = aggregate(
        indicator(), [obs("2015", 6250, status="E", lower=5000, upper=7500)], CODES, AS_OF
    ).series
    assert (point.obs_status, point.lower, point.upper) == ("E", 5000, 7500)


def test_summed_intervals_only_when_every_part_has_one() -> None:
    halves = [obs("2019-H1", 10, lower=8, upper=12), obs("2019-H2", 20, lower=15, upper=25)]
    (point,) = aggregate(indicator(), halves, CODES, AS_OF).series
    assert (point.value, point.lower, point.upper) == (30, 23, 37)
    halves[1] = obs("2019-H2", 20)
    (point,) = aggregate(indicator(), halves, CODES, AS_OF).series
    assert (point.lower, point.upper) == (None, None)


def test_a_missing_total_is_no_value() -> None:
    result = aggregate(indicator(), [obs("2019", None, status="M", note="n.b.")], CODES, AS_OF)
    assert [(p.value, p.obs_status) for p in result.series] == [(None, "M")]
