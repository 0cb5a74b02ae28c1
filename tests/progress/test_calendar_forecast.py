"""The reporting calendar (design §3) and the forecast of when a target is reached."""

from __future__ import annotations

from datetime import date

import pytest
from progress_builders import indicator, obs, programme, workspace

from kpitrack.progress.calendar import next_expected, reporting_calendar
from kpitrack.progress.engine import compute_progress
from kpitrack.progress.forecast import MIN_POINTS, TrendPoint, forecast


def test_every_period_of_the_programme_is_expected_and_due_after_the_deadline() -> None:
    prog = programme(reporting={"frequency": "half-year", "deadline": 60})
    figures = reporting_calendar(prog, {"zaken": indicator()}, [obs("2019", 120)])["zaken"]
    assert [(f.period, f.due, f.delivered) for f in figures] == [
        ("2018", date(2019, 3, 1), False),
        ("2019", date(2020, 2, 29), True),
        ("2020", date(2021, 3, 1), False),
        ("2021", date(2022, 3, 1), False),
        ("2022", date(2023, 3, 1), False),
    ]
    assert figures[0].late(date(2019, 3, 2)) and not figures[0].late(date(2019, 3, 1))
    assert not figures[1].late(date(2030, 1, 1))  # delivered is never late


def test_a_schedule_replaces_the_periods_of_the_frequency() -> None:
    survey = indicator("enquete", schedule=["2021", "2017"])
    figures = reporting_calendar(programme(), {"enquete": survey}, [])["enquete"]
    assert [f.period for f in figures] == ["2017", "2021"]
    assert [f.due for f in figures] == [date(2018, 3, 31), date(2022, 3, 31)]


def test_a_withdrawal_or_a_breakdown_cell_delivers_the_period() -> None:
    rows = [
        obs("2019", None, status="M", note="ingetrokken"),
        obs("2020", 12, breakdown=(("regio", "noord"),)),
    ]
    figures = reporting_calendar(programme(), {"zaken": indicator()}, rows)["zaken"]
    assert {f.period: f.delivered for f in figures} == {
        "2018": False, "2019": True, "2020": True, "2021": False, "2022": False,
    }  # fmt: skip


def test_the_next_expected_figure_follows_the_latest_delivery() -> None:
    figures = reporting_calendar(programme(), {"zaken": indicator()}, [obs("2020", 150)])["zaken"]
    found = next_expected(figures)
    assert found is not None and (found.period, found.due) == ("2021", date(2022, 3, 31))
    done = reporting_calendar(programme(), {"zaken": indicator()}, [obs("2022", 1)])["zaken"]
    assert next_expected(done) is None


def test_status_json_names_the_next_expected_figure() -> None:
    report = compute_progress(workspace([indicator()], [obs("2019", 120)]), date(2020, 6, 30))
    assert report.indicators[0].next_expected is not None
    assert report.indicators[0].next_expected.period == "2020"


def points(*pairs: tuple[str, float], breaks: str = "") -> list[TrendPoint]:
    return [
        TrendPoint(period, date(int(period), 12, 31), value, period == breaks)
        for period, value in pairs
    ]


def test_a_straight_line_reaches_the_target_in_the_period_it_crosses_it() -> None:
    # +20 a year from 160 (2018): 240 is reached in 2022.
    series = points(("2018", 160), ("2019", 180), ("2020", 200), ("2021", 220))
    found = forecast("increase", series, date(2017, 12, 31), "2022", 240)
    assert found is not None
    assert (found.method, found.points, found.first_period) == ("linear-trend", 4, "2018")
    assert found.reaches_target == "2022"
    assert found.value_at_target_period == pytest.approx(240, abs=0.2)
    # A perfect line has no spread: the interval is the value itself.
    assert found.lower == pytest.approx(found.upper, abs=1e-6)


def test_a_slow_trend_reaches_the_target_after_the_programme() -> None:
    series = points(("2019", 145), ("2020", 160), ("2021", 170))
    found = forecast("increase", series, date(2017, 12, 31), "2022", 240)
    assert found is not None and found.reaches_target == "2027"
    assert found.value_at_target_period < 240


def test_a_trend_away_from_the_target_never_reaches_it() -> None:
    series = points(("2019", 145), ("2020", 140), ("2021", 120))
    found = forecast("increase", series, date(2017, 12, 31), "2022", 240)
    assert found is not None and found.reaches_target is None


def test_few_noisy_points_give_a_wide_interval() -> None:
    series = points(("2019", 100), ("2020", 160), ("2021", 130))
    found = forecast("increase", series, date(2017, 12, 31), "2022", 240)
    assert found is not None
    assert found.upper - found.lower > 200  # three points: t(1) = 12.7


def test_no_forecast_from_too_few_points_across_a_break_or_without_judgement() -> None:
    three = points(("2019", 100), ("2020", 110), ("2021", 120))
    assert forecast("increase", three[: MIN_POINTS - 1], None, "2022", 200) is None
    broken = points(("2018", 90), ("2019", 100), ("2020", 110), ("2021", 50), breaks="2021")
    assert forecast("increase", broken, None, "2022", 200) is None
    assert forecast("none", three, None, "2022", 200) is None
    assert forecast("maintain", three, None, "2022", 200) is None
    # Points at or before the baseline are not comparable progress.
    assert forecast("increase", three, date(2019, 12, 31), "2022", 200) is None


def test_the_engine_forecasts_only_indicators_with_a_target() -> None:
    rows = [obs("2018", 110), obs("2019", 120), obs("2020", 130)]
    report = compute_progress(workspace([indicator()], rows), date(2020, 12, 31))
    found = report.indicators[0].forecast
    assert found is not None and found.reaches_target == "2027"
    context = indicator("ctx", direction="none", targets=[])
    rows = [obs(p, v, indicator="ctx") for p, v in (("2018", 1), ("2019", 2), ("2020", 3))]
    report = compute_progress(workspace([context], rows), date(2020, 12, 31))
    assert report.indicators[0].forecast is None
