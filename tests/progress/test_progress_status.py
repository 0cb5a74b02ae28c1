"""The status rule of design §5, table-driven, including the exact threshold boundaries."""

from __future__ import annotations

from datetime import date

import pytest

from kpitrack.progress.status import Point, assess, classify

T0 = date(2017, 12, 31)
T_TARGET = date(2021, 12, 31)


def judge(direction: str, y0: float, y: float, y_target: float, t: date = T_TARGET) -> tuple:
    result = assess(direction, Point(T0, y0), Point(t, y), Point(T_TARGET, y_target), 0.95, 0.60)
    return result.status, result.ratio


# Latest at the target period: E = 1, so R = P exactly.
@pytest.mark.parametrize(
    ("direction", "y0", "y", "y_target", "status", "ratio"),
    [
        ("increase", 100, 200, 200, "achieved", 1.0),
        ("increase", 100, 250, 200, "achieved", 1.5),
        ("increase", 100, 195, 200, "on_track", 0.95),
        ("increase", 100, 194, 200, "at_risk", 0.94),
        ("increase", 100, 160, 200, "at_risk", 0.60),
        ("increase", 100, 159, 200, "off_track", 0.59),
        ("increase", 100, 100, 200, "off_track", 0.0),
        ("increase", 100, 99, 200, "deteriorating", -0.01),
        ("decrease", 200, 100, 100, "achieved", 1.0),
        ("decrease", 200, 90, 100, "achieved", 1.1),
        ("decrease", 200, 105, 100, "on_track", 0.95),
        ("decrease", 200, 106, 100, "at_risk", 0.94),
        ("decrease", 200, 140, 100, "at_risk", 0.60),
        ("decrease", 200, 141, 100, "off_track", 0.59),
        ("decrease", 200, 200, 100, "off_track", 0.0),
        ("decrease", 200, 201, 100, "deteriorating", -0.01),
    ],
)
def test_status_bands_and_boundaries(
    direction: str, y0: float, y: float, y_target: float, status: str, ratio: float
) -> None:
    got_status, got_ratio = judge(direction, y0, y, y_target)
    assert got_status == status
    assert got_ratio == pytest.approx(ratio)


def test_ratio_divides_progress_by_expected_progress() -> None:
    # Halfway in time (2019-12-31 of 2017→2021 is 730 of 1461 days), 40 % of the way.
    result = assess(
        "increase",
        Point(T0, 100),
        Point(date(2019, 12, 31), 140),
        Point(T_TARGET, 200),
        0.95,
        0.60,
    )
    expected = 730 / 1461
    assert result.expected == pytest.approx(expected)
    assert result.achieved == pytest.approx(0.4)
    assert result.ratio == pytest.approx(0.4 / expected)
    assert result.status == "at_risk"


def test_expected_progress_is_capped_after_the_target_period() -> None:
    result = assess(
        "increase", Point(T0, 100), Point(date(2023, 12, 31), 180), Point(T_TARGET, 200), 0.95, 0.6
    )
    assert result.expected == 1.0
    assert result.ratio == pytest.approx(0.8)
    assert result.status == "at_risk"


def test_target_met_early_is_achieved() -> None:
    result = assess(
        "increase", Point(T0, 100), Point(date(2018, 12, 31), 210), Point(T_TARGET, 200), 0.95, 0.6
    )
    assert result.status == "achieved"
    assert result.ratio is not None and result.ratio > 1


@pytest.mark.parametrize(
    ("y", "status"), [(100, "achieved"), (105, "achieved"), (95, "achieved"), (106, "off_track"),
                      (94, "off_track")],
)  # fmt: skip
def test_maintain_band_is_five_percent_of_the_target(y: float, status: str) -> None:
    result = assess(
        "maintain", Point(T0, 100), Point(date(2019, 12, 31), y), Point(T_TARGET, 100), 0.95, 0.6
    )
    assert result.status == status
    assert result.ratio is None
    assert result.form == "maintain"


def test_no_observation_after_the_baseline_is_no_data() -> None:
    assert assess("increase", Point(T0, 100), Point(T0, 120), None, 0.95, 0.6).status == "no_data"
    earlier = Point(date(2016, 12, 31), 120)
    assert assess("increase", Point(T0, 100), earlier, None, 0.95, 0.6).status == "no_data"
    assert assess("increase", Point(T0, 100), None, None, 0.95, 0.6).status == "no_data"
    assert assess("none", None, None, None, 0.95, 0.6).status == "no_data"  # wins over monitoring


def test_context_figure_and_missing_target_are_monitoring() -> None:
    later = Point(date(2019, 12, 31), 120)
    none = assess("none", Point(T0, 100), later, Point(T_TARGET, 200), 0.95, 0.6)
    assert (none.status, none.form, none.ratio) == ("monitoring", "monitoring", None)
    untargeted = assess("increase", Point(T0, 100), later, None, 0.95, 0.6)
    assert (untargeted.status, untargeted.form) == ("monitoring", "no_target")


def test_baseline_equal_to_target() -> None:
    assert judge("increase", 100, 100, 100)[0] == "achieved"
    status, ratio = judge("increase", 100, 90, 100)
    assert (status, ratio) == ("deteriorating", None)
    assert judge("decrease", 100, 110, 100) == ("deteriorating", None)


def test_target_period_not_after_the_baseline_has_no_ratio() -> None:
    before = Point(date(2016, 12, 31), 200)
    later = Point(date(2019, 12, 31), 150)
    result = assess("increase", Point(T0, 100), later, before, 0.95, 0.6)
    assert (result.status, result.ratio, result.form) == ("off_track", None, "no_time")
    worse = assess("increase", Point(T0, 100), Point(later.end, 90), before, 0.95, 0.6)
    assert worse.status == "deteriorating"


def test_percentages_follow_the_same_rule() -> None:
    # A share falling from 55 % to a target of 30 %: measured 45 % at the target period.
    status, ratio = judge("decrease", 55.0, 45.0, 30.0)
    assert status == "off_track"
    assert ratio == pytest.approx(0.4)


def test_thresholds_come_from_the_caller() -> None:
    result = assess(
        "increase", Point(T0, 100), Point(T_TARGET, 180), Point(T_TARGET, 200), 0.75, 0.5
    )
    assert result.status == "on_track"


@pytest.mark.parametrize(
    ("ratio", "status"),
    [(0.95, "on_track"), (0.9499999, "at_risk"), (0.6, "at_risk"), (0.5999999, "off_track"),
     (0.0, "off_track"), (-1e-7, "deteriorating"), (0.95 - 1e-15, "on_track")],
)  # fmt: skip
def test_classify_boundaries(ratio: float, status: str) -> None:
    assert classify(ratio, 0.95, 0.60) == status
