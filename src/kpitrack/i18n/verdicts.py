"""The sentences around one indicator's verdict: its period when outdated, the original target,
the change since the previous report, the next figure expected and the forecast.

The report (:mod:`kpitrack.report.verdicts`) gathers the facts, numbers already formatted; this
module words them. A change is never worded across a break in series.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kpitrack.i18n.catalogue import translations
from kpitrack.i18n.formatting import format_date, format_period
from kpitrack.i18n.labels import status_label
from kpitrack.i18n.spelled import capitalised, spelled


def dated_verdict(status: str, period: str, lang: str) -> str:
    """A verdict on an outdated figure, with the figure's period: "op koers in 2019; sindsdien
    geen cijfers"."""
    t = translations(lang)
    values = {"status": status_label(status, lang), "period": format_period(period, lang)}
    if status in ("monitoring", "no_data"):
        # No verdict to date: a context figure says how old its latest figure is.
        # TRANSLATORS: {status}: "monitoring, no judgement"; {period}: of the latest figure.
        return t.gettext("{status}; latest figure for {period}").format(**values)
    # TRANSLATORS: {status} is a verdict (on track), {period} the period of its figure.
    return t.gettext("{status} in {period}; no figures since").format(**values)


def target_verdicts(
    verdict: str, revised: str, original: str, original_status: str, lang: str
) -> str:
    """The verdict against the revised target beside the one against the original target."""
    # TRANSLATORS: {verdict} against the target in force ({revised}); {original_status}: the
    # verdict against the first target set for that period ({original}).
    return capitalised(
        translations(lang)
        .gettext(
            "{verdict} against the revised target of {revised}; against the original "
            "{original}: {original_status}"
        )
        .format(
            verdict=verdict,
            revised=revised,
            original=original,
            original_status=status_label(original_status, lang),
        )
    )


@dataclass(frozen=True, slots=True)
class Shown:
    """A figure as a report showed it: value and period formatted, status as a code."""

    value: str
    period: str
    status: str


def since_previous(
    previous: date,
    then: Shown | None,
    now: Shown | None,
    lang: str,
    *,
    new_indicator: bool = False,
    series_break: str | None = None,
) -> str:
    """The change since the previous published report: value then → now, status then → now."""
    _ = translations(lang).gettext
    when = format_date(previous, lang)
    if new_indicator:
        return _("New since the previous report ({date}).").format(date=when)
    if then is None and now is None:
        return _("No figures, as at the previous report ({date}).").format(date=when)

    def figure(shown: Shown | None) -> str:
        if shown is None:
            return _("no figure")
        return f"{shown.value} ({format_period(shown.period, lang)})"

    def status(shown: Shown | None) -> str:
        return status_label(shown.status if shown else "no_data", lang)

    statuses = {"status_then": status(then), "status_now": status(now)}
    if (
        then is not None
        and now is not None
        and (then.value, then.period) == (now.value, now.period)
    ):
        # TRANSLATORS: {figure} is a value with its period: 145 (2019).
        return _(
            "Since the previous report ({date}): no new figure, still {figure}; "
            "{status_then} → {status_now}."
        ).format(date=when, figure=figure(now), **statuses)
    if series_break is not None:
        return _(
            "Since the previous report ({date}): {then} → {now}, not comparable: a new series "
            "starts in {period} (another method or source); {status_then} → {status_now}."
        ).format(
            date=when,
            then=figure(then),
            now=figure(now),
            period=format_period(series_break, lang),
            **statuses,
        )
    return _(
        "Since the previous report ({date}): {then} → {now}; {status_then} → {status_now}."
    ).format(date=when, then=figure(then), now=figure(now), **statuses)


def next_figure(period: str | None, due: date | None, late: bool, lang: str) -> str:
    """The next figure the reporting calendar expects, and whether it is late."""
    _ = translations(lang).gettext
    if period is None or due is None:
        return _("No further figure is expected.")
    values = {"period": format_period(period, lang), "date": format_date(due, lang)}
    if late:
        return _(
            "The figure for {period} was due on {date} and has not been received: late."
        ).format(**values)
    return _("Next figure: {period}, due on {date}.").format(**values)


@dataclass(frozen=True, slots=True)
class ForecastFacts:
    """A forecast, numbers formatted: where the trend of the latest figures leads."""

    target: str
    """The target in force, with its unit."""
    target_period: str
    reaches: str | None
    """The first period whose trend value meets the target; None: not within the horizon."""
    reach_timing: str
    """``on_time`` (by the target period), ``late`` (after it, within the programme) or
    ``after_programme``."""
    years_after_programme: int
    """Whole years between the programme's end and the period reached (after_programme)."""
    value_at_target: str
    """The trend's value at the target period."""
    points: int
    first_period: str
    last_period: str
    lower: str
    upper: str
    few: bool
    """Fewer figures than the method uses at most: say the forecast is uncertain."""


def forecast_text(facts: ForecastFacts, lang: str) -> str:
    """The forecast in words, with its 95 % interval and, with few figures, its uncertainty."""
    _ = translations(lang).gettext
    target = {"target": facts.target, "target_period": format_period(facts.target_period, lang)}
    if facts.reaches is None:
        first = _(
            "At this pace the target of {target} ({target_period}) is not reached: the trend of "
            "the latest figures comes to {value} in {target_period}."
        ).format(value=facts.value_at_target, **target)
    else:
        reach = format_period(facts.reaches, lang)
        if facts.reach_timing == "on_time":
            first = _(
                "At this pace the target of {target} ({target_period}) is reached in {reach}, "
                "in time."
            ).format(reach=reach, **target)
        elif facts.reach_timing == "late":
            first = _(
                "At this pace the target of {target} ({target_period}) is reached in {reach}, "
                "later than planned."
            ).format(reach=reach, **target)
        else:
            first = _("At this pace the target of {target} is reached in {reach}, {when}.").format(
                reach=reach, when=_years_after(facts.years_after_programme, lang), **target
            )
    second = _(
        "The trend rests on {count} figures ({first_period}–{last_period}); with 95% probability "
        "a figure for {target_period} lies between {lower} and {upper}."
    ).format(
        count=spelled(facts.points, lang),
        first_period=format_period(facts.first_period, lang),
        last_period=format_period(facts.last_period, lang),
        lower=facts.lower,
        upper=facts.upper,
        target_period=target["target_period"],
    )
    sentences = [first, second]
    if facts.few:
        sentences.append(_("With so few figures the forecast is uncertain."))
    return " ".join(sentences)


def _years_after(years: int, lang: str) -> str:
    _ = translations(lang).gettext
    if years <= 0:
        return _("after the programme ends")
    if years == 1:
        return _("one year after the programme ends")
    return _("{count} years after the programme ends").format(count=spelled(years, lang))
