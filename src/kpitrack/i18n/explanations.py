"""The sentences that explain a status, worded from the engine's explanation data.

A sentence names the baseline, the target and the latest value with their periods, the share of
the way expected (E) and achieved (P), and R as a share of what was expected, so a reader can
recompute the status (design §5). The words come from the catalogues; a language without one
gets the English sentences with its own number format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from kpitrack.core.explanation import Explanation
from kpitrack.i18n.catalogue import translations
from kpitrack.i18n.formatting import (
    format_date,
    format_number,
    format_percent,
    format_period,
    percent_sign,
    real_minus,
)
from kpitrack.i18n.labels import status_label

if TYPE_CHECKING:
    from kpitrack.core.explanation import PeriodValue


class Explanations(Mapping[str, str]):
    """One indicator's explanation in each of the programme's languages, read-only.

    The sentence of a language is worded when first read and then kept, so the engine writes
    no prose and each language is worded once. ``data`` is what the sentences say.
    """

    __slots__ = ("_languages", "_sentences", "data")

    def __init__(self, data: Explanation, languages: Iterable[str]) -> None:
        self.data = data
        self._languages = tuple(languages)
        self._sentences: dict[str, str] = {}

    def __getitem__(self, lang: str) -> str:
        if lang not in self._languages:
            raise KeyError(lang)
        sentence = self._sentences.get(lang)
        if sentence is None:
            sentence = self._sentences[lang] = explanation_text(self.data, lang)
        return sentence

    def __iter__(self) -> Iterator[str]:
        return iter(self._languages)

    def __len__(self) -> int:
        return len(self._languages)

    def __repr__(self) -> str:
        return f"Explanations({dict(self)!r})"


def explanation_text(data: Explanation, lang: str) -> str:
    """The explanation of one indicator's status in ``lang``: one or two sentences."""
    words = _Sentences(data, lang)
    sentences = [words.main()]
    # A context figure is not judged against its baseline: where it comes from says nothing.
    judged = data.form not in ("monitoring", "no_target", "no_data")
    if judged and data.baseline_from_observation and data.baseline is not None:
        sentences.append(words.baseline_note())
    if data.revision is not None:
        sentences.append(words.revision_note())
    return " ".join(sentences)


class _Sentences:
    def __init__(self, data: Explanation, lang: str) -> None:
        self.d = data
        self.lang = lang
        translation = translations(lang)
        self._ = translation.gettext

    # --- numbers -------------------------------------------------------------------------
    def num(self, value: float) -> str:
        text = real_minus(format_number(value, self.lang, self.d.decimals))
        return percent_sign(text, self.lang) if self.d.measure == "percentage" else text

    def pct(self, fraction: float) -> str:
        decimals = 1 if fraction != 0 and abs(fraction) < 0.01 else 0
        return real_minus(format_percent(fraction, self.lang, decimals))

    def per(self, period: str) -> str:
        return format_period(period, self.lang)

    def status(self) -> str:
        text = status_label(self.d.status, self.lang)
        latest = self.d.latest
        if self.d.stale and latest is not None:
            # A verdict on an old figure is never read as current: it carries its period.
            # TRANSLATORS: {status} is a verdict (on track), {period} the period of its figure.
            text = self._("{status} in {period}; no figures since").format(
                status=text, period=self.per(latest.period)
            )
        return text[:1].upper() + text[1:]

    def cited(self) -> dict[str, str]:
        """The baseline, target and latest value with their periods, as the sentences cite them."""
        b, t, y = self.d.baseline, self.d.target, self.d.latest
        assert b is not None and t is not None and y is not None
        return {
            "baseline": self.num(b.value),
            "baseline_period": self.per(b.period),
            "target": self.num(t.value),
            "target_period": self.per(t.period),
            "value": self.num(y.value),
            "period": self.per(y.period),
            "status": self.status(),
        }

    # --- sentences -----------------------------------------------------------------------
    def main(self) -> str:
        form = self.d.form
        if form == "no_data":
            return self.no_data()
        if form in ("monitoring", "no_target"):
            return self.monitoring()
        if form == "maintain":
            return self.maintain()
        if form == "achieved":
            return self.achieved()
        if form == "baseline_is_target":
            return self.baseline_is_target()
        if form == "no_time":
            return self.no_time()
        return self.standard()

    def standard(self) -> str:
        d, _ = self.d, self._
        assert d.expected is not None and d.achieved is not None and d.ratio is not None
        shares = {
            "expected": self.pct(d.expected),
            "achieved": self.pct(d.achieved),
            "ratio": real_minus(format_percent(d.ratio, self.lang, d.ratio_decimals)),
        }
        if d.status == "deteriorating":
            # TRANSLATORS: {expected}, {achieved}: shares of the way to the target;
            # {ratio}: achieved as a share of expected; {status}: the status, capitalised.
            text = _(
                "Expected {expected} of the way from {baseline} ({baseline_period}) to {target} "
                "({target_period}) by {period}; at {value} the value is further from the target "
                "than at the baseline ({achieved} of the way, {ratio} of what was expected). "
                "{status}."
            )
        else:
            text = _(
                "Expected {expected} of the way from {baseline} ({baseline_period}) to {target} "
                "({target_period}) by {period}; achieved {achieved} ({value}), that is {ratio} of "
                "what was expected. {status}."
            )
        return text.format(**self.cited(), **shares)

    def achieved(self) -> str:
        text = self._(
            "Target of {target} ({target_period}) met: {value} in {period}, against {baseline} "
            "at the baseline ({baseline_period}). {status}."
        )
        return text.format(**self.cited())

    def maintain(self) -> str:
        d, _ = self.d, self._
        t, latest = d.target, d.latest
        assert t is not None and latest is not None
        band = format_percent(d.band, self.lang)
        if d.status == "achieved":
            # TRANSLATORS: {band} is the tolerance around the target, e.g. 5%.
            text = _(
                "To be kept at {target} ({target_period}, ±{band}): {value} in {period} is within "
                "the band. {status}."
            )
            return text.format(**self.cited(), band=band)
        gap = abs(latest.value - t.value)
        away = self.num(gap) if not t.value else self.outside_band(gap / abs(t.value))
        text = _(
            "To be kept at {target} ({target_period}, ±{band}): {value} in {period} is {away} "
            "away, outside the band. {status}."
        )
        return text.format(**self.cited(), band=band, away=away)

    def outside_band(self, share: float) -> str:
        # 5.04 % must not read as "5%" when the band is ±5 %.
        band = self.d.band
        for decimals in range(3):
            text = format_percent(share, self.lang, decimals)
            outside = Decimal(str(share)) > Decimal(str(band))
            if outside and format_percent(band, self.lang, decimals) != text:
                return text
        return format_percent(share, self.lang, 3)

    def baseline_is_target(self) -> str:
        text = self._(
            "The target of {target} ({target_period}) equals the baseline ({baseline_period}); "
            "at {value} in {period} the value is further from the target. {status}."
        )
        return text.format(**self.cited())

    def no_time(self) -> str:
        text = self._(
            "The target of {target} ({target_period}) is not later than the baseline of "
            "{baseline} ({baseline_period}), so no progress can be expected; measured {value} in "
            "{period}. {status}."
        )
        return text.format(**self.cited())

    def monitoring(self) -> str:
        d, _ = self.d, self._
        latest, first = d.latest, d.first
        assert latest is not None
        cited = {"value": self.num(latest.value), "period": self.per(latest.period)}
        # No change across a break in series: it would compare two methods or sources.
        trend = first is not None and first.period != latest.period and d.series_break is None
        if d.form == "no_target":
            cited["date"] = format_date(d.as_of, self.lang)
            if trend:
                # TRANSLATORS: {change} is the change since the first value: +12% or -3.
                text = _(
                    "No target set by {date}: {value} in {period}, against {first} in "
                    "{first_period} ({change}). No judgement."
                )
            else:
                text = _("No target set by {date}: {value} in {period}. No judgement.")
        elif trend:
            text = _(
                "Context figure without a target: {value} in {period}, against {first} in "
                "{first_period} ({change}). No judgement."
            )
        else:
            text = _("Context figure without a target: {value} in {period}. No judgement.")
        if trend:
            assert first is not None
            cited.update(self.trend(first, latest))
        sentence = text.format(**cited)
        if d.series_break is not None:
            sentence += " " + self.break_note(d.series_break)
        return sentence

    def break_note(self, period: str) -> str:
        # TRANSLATORS: {period}: the period of the first figure of a new series.
        return self._(
            "A new series starts in {period} (another method or source): no change from earlier "
            "figures is given."
        ).format(period=self.per(period))

    def trend(self, first: PeriodValue, latest: PeriodValue) -> dict[str, str]:
        change = latest.value - first.value
        shown = self.pct(change / abs(first.value)) if first.value else self.num(change)
        if change > 0:
            shown = "+" + shown
        return {
            "first": self.num(first.value),
            "first_period": self.per(first.period),
            "change": shown,
        }

    def no_data(self) -> str:
        d, _ = self.d, self._
        cited = {"date": format_date(d.as_of, self.lang), "status": self.status()}
        b = d.baseline
        if b is not None and not d.baseline_from_observation:
            text = _(
                "No observation after the baseline of {baseline} ({baseline_period}) up to "
                "{date}. {status}."
            )
            return text.format(
                **cited, baseline=self.num(b.value), baseline_period=self.per(b.period)
            )
        if b is not None:
            return _("No observation after the first one up to {date}. {status}.").format(**cited)
        return _("No observation up to {date}. {status}.").format(**cited)

    def baseline_note(self) -> str:
        b = self.d.baseline
        assert b is not None
        text = self._(
            "No baseline was published; the first observation ({baseline}, {baseline_period}) "
            "serves as baseline."
        )
        return text.format(baseline=self.num(b.value), baseline_period=self.per(b.period))

    def revision_note(self) -> str:
        r = self.d.revision
        assert r is not None
        text = self._(
            "The target for {target_period} was revised on {date} from {before} to {after}."
        )
        return text.format(
            target_period=self.per(r.period),
            date=format_date(r.set, self.lang),
            before=self.num(r.before),
            after=self.num(r.after),
        )
