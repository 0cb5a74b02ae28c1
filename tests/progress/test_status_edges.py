"""Edges of the status rule that a one-character change would break (found by `make mutation`).

Each test states the whole assessment — status, form, R, P and E — so a result form that exports
the wrong progress figure is caught, not just a wrong status.
"""

from __future__ import annotations

from datetime import date

import pytest

from kpitrack.progress.status import Assessment, Point, assess, classify

T0 = date(2017, 12, 31)
T_TARGET = date(2021, 12, 31)
HALFWAY = date(2019, 12, 31)  # 730 of the 1,461 days from T0 to T_TARGET
E_HALFWAY = 730 / 1461


def run(
    direction: str,
    y0: float,
    y: float,
    y_target: float,
    *,
    t0: date = T0,
    t: date = HALFWAY,
    t_target: date = T_TARGET,
) -> Assessment:
    return assess(direction, Point(t0, y0), Point(t, y), Point(t_target, y_target), 0.95, 0.60)


def test_standard_form_exports_ratio_achieved_and_expected() -> None:
    result = run("increase", 100, 140, 200)
    assert result.status == "at_risk"
    assert result.form == "standard"
    assert result.achieved == pytest.approx(0.4)
    assert result.expected == pytest.approx(E_HALFWAY)
    assert result.ratio == pytest.approx(0.4 / E_HALFWAY)


def test_achieved_early_exports_achieved_and_expected() -> None:
    result = run("increase", 100, 210, 200)
    assert (result.status, result.form) == ("achieved", "achieved")
    assert result.achieved == pytest.approx(1.1)
    assert result.expected == pytest.approx(E_HALFWAY)
    assert result.ratio == pytest.approx(1.1 / E_HALFWAY)


def test_maintain_exports_expected_but_no_ratio() -> None:
    result = run("maintain", 50, 51, 50)
    assert result == Assessment("achieved", "maintain", None, None, pytest.approx(E_HALFWAY))


def test_baseline_equal_to_target_exports_expected() -> None:
    result = run("increase", 200, 190, 200)
    assert result == Assessment(
        "deteriorating", "baseline_is_target", None, None, pytest.approx(E_HALFWAY)
    )


def test_target_period_equal_to_baseline_period_has_no_expected_progress() -> None:
    # A baseline taken from the first observation can fall in the target period itself: the
    # span from baseline to target is 0 days, so E is undefined (never a division by zero).
    result = run("increase", 100, 150, 200, t0=T_TARGET, t=date(2022, 12, 31))
    assert result == Assessment("off_track", "no_time", None, pytest.approx(0.5), None)


def test_no_time_with_no_progress_is_off_track_not_deteriorating() -> None:
    result = run("increase", 100, 100, 200, t0=T_TARGET, t=date(2022, 12, 31))
    assert result == Assessment("off_track", "no_time", None, 0.0, None)


def test_no_time_further_from_target_is_deteriorating() -> None:
    result = run("increase", 100, 90, 200, t0=T_TARGET, t=date(2022, 12, 31))
    assert result == Assessment("deteriorating", "no_time", None, pytest.approx(-0.1), None)


def test_no_progress_with_time_elapsed_is_off_track_with_ratio_zero() -> None:
    result = run("increase", 100, 100, 200)
    assert result == Assessment("off_track", "standard", 0.0, 0.0, pytest.approx(E_HALFWAY))


def test_no_time_elapsed_since_the_baseline_is_no_data() -> None:
    assert run("increase", 100, 150, 200, t=T0) == Assessment(
        "no_data", "no_data", None, None, None
    )


def test_a_span_of_one_day_still_gives_expected_progress() -> None:
    day = date(2020, 1, 1)
    result = run("increase", 100, 200, 300, t0=day, t=date(2020, 1, 2), t_target=date(2020, 1, 2))
    assert result == Assessment("off_track", "standard", 0.5, 0.5, 1.0)


def test_ratio_just_below_the_threshold_by_float_noise_is_on_track() -> None:
    assert classify(0.9499999996, 0.95, 0.60) == "on_track"
    assert classify(0.949999, 0.95, 0.60) == "at_risk"
