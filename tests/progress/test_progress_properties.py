"""Properties of the status rule, checked with generated indicators."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from progress_builders import indicator, obs, workspace

from kpitrack.progress.engine import compute_progress
from kpitrack.progress.status import STATUS_ORDER, Point, assess

values = st.integers(min_value=-10_000, max_value=10_000)
years = st.integers(min_value=2018, max_value=2024)
directions = st.sampled_from(["increase", "decrease", "maintain"])


def rank(status: str) -> int:
    return STATUS_ORDER.index(status)  # type: ignore[arg-type]


@given(
    direction=directions,
    y0=values,
    y_target=values,
    y=values,
    step=st.floats(min_value=0, max_value=1),
    year=years,
    target_year=st.integers(min_value=2018, max_value=2022),
)
def test_moving_the_latest_value_toward_the_target_never_makes_the_status_worse(
    direction: str, y0: int, y_target: int, y: int, step: float, year: int, target_year: int
) -> None:
    base = Point(date(2017, 12, 31), y0)
    target = Point(date(target_year, 12, 31), y_target)
    closer = y + (y_target - y) * step
    before = assess(direction, base, Point(date(year, 12, 31), y), target, 0.95, 0.60)
    after = assess(direction, base, Point(date(year, 12, 31), closer), target, 0.95, 0.60)
    assert rank(after.status) >= rank(before.status), (before, after)


@settings(max_examples=60, deadline=None)
@given(
    direction=directions,
    y0=values,
    targets=st.lists(st.tuples(st.integers(2019, 2022), values), min_size=1, max_size=3),
    series=st.lists(st.tuples(st.integers(2016, 2022), values), min_size=0, max_size=5),
    factor=st.sampled_from([2, 3, 10, 1000, 0.5, 0.25, 2**-10]),
    as_of_year=st.integers(2017, 2023),
)
def test_scaling_every_value_by_a_positive_factor_keeps_the_status(
    direction: str,
    y0: int,
    targets: list[tuple[int, int]],
    series: list[tuple[int, int]],
    factor: float,
    as_of_year: int,
) -> None:
    def build(k: float):
        ind = indicator(
            direction=direction,
            baseline={"period": "2017", "value": y0 * k},
            targets=[
                {"period": str(year), "value": v * k, "set": f"2018-{n + 1:02d}-01"}
                for n, (year, v) in enumerate(targets)
            ],
        )
        observations = [
            obs(str(year), v * k, submission=n + 1) for n, (year, v) in enumerate(series)
        ]
        result = compute_progress(workspace([ind], observations), date(as_of_year, 12, 31))
        return result.indicators[0]

    plain, scaled = build(1), build(factor)
    assert scaled.status == plain.status
    assert scaled.flags == plain.flags
    if plain.ratio is None:
        assert scaled.ratio is None
    else:
        assert scaled.ratio is not None
        assert abs(scaled.ratio - plain.ratio) <= 1e-9 * max(1.0, abs(plain.ratio))


@settings(max_examples=60, deadline=None)
@given(y0=values, y_target=values, y=values, year=st.integers(2018, 2021))
def test_explanation_states_r_and_the_numbers_behind_it(
    y0: int, y_target: int, y: int, year: int
) -> None:
    from test_progress_explain import recompute

    ind = indicator(
        baseline={"period": "2017", "value": y0},
        targets=[{"period": "2021", "value": y_target, "set": "2018-01-01"}],
    )
    result = compute_progress(workspace([ind], [obs(str(year), y)]), date(2021, 12, 31))
    item = result.indicators[0]
    if item.ratio is None or item.status == "achieved":
        return
    from_numbers, stated = recompute(item.explanation["en"])
    assert abs(from_numbers - item.ratio) <= 1e-9 * max(1.0, abs(item.ratio))
    assert abs(stated - item.ratio) <= 0.005
