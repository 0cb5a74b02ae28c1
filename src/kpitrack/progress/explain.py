"""One or two sentences per language that explain a status from the numbers behind it.

The sentence names the baseline, the target and the latest value with their periods, the share of
the way expected (E) and achieved (P), and R as a share of what was expected, so a reader can
recompute the status. Dutch and English have their own wording; other languages get the English
wording with their own number format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kpitrack.definitions.models import Target
from kpitrack.i18n import format_date, format_number, format_percent, format_period, status_label
from kpitrack.progress.model import PeriodValue
from kpitrack.progress.status import Assessment, classify


@dataclass(frozen=True, slots=True)
class ExplanationInput:
    """The numbers an explanation is built from (the same the status was computed from)."""

    assessment: Assessment
    measure: str
    decimals: int | None
    as_of: date
    on_track: float
    at_risk: float
    baseline: PeriodValue | None
    baseline_from_observation: bool
    latest: PeriodValue | None
    first: PeriodValue | None  # the first value of the series, for the trend of a context figure
    target: Target | None
    replaced: Target | None  # the target entry the one in force superseded


def explain(data: ExplanationInput, lang: str) -> str:
    """The explanation of one indicator's status in ``lang``."""
    words = _Words(data, lang)
    sentences = [words.main()]
    if data.baseline_from_observation and data.baseline is not None:
        sentences.append(words.baseline_note())
    if data.replaced is not None and data.target is not None:
        sentences.append(words.revision_note())
    return " ".join(sentences)


class _Words:
    def __init__(self, data: ExplanationInput, lang: str) -> None:
        self.d = data
        self.lang = lang
        self.nl = lang == "nl"

    # --- numbers -------------------------------------------------------------------------
    def num(self, value: float) -> str:
        text = format_number(value, self.lang, self.d.decimals)
        return text + "%" if self.d.measure == "percentage" else text

    def pct(self, fraction: float) -> str:
        decimals = 1 if fraction != 0 and abs(fraction) < 0.01 else 0
        return format_percent(fraction, self.lang, decimals)

    def ratio(self, ratio: float) -> str:
        # Enough decimals that the shown share falls in the same band as R itself.
        for decimals in range(4):
            hundredths = Decimal(str(ratio)) * 100
            rounded = hundredths.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
            shown = float(rounded) / 100
            if classify(shown, self.d.on_track, self.d.at_risk) == classify(
                ratio, self.d.on_track, self.d.at_risk
            ):
                return format_percent(ratio, self.lang, decimals)
        return format_percent(ratio, self.lang, 4)

    def per(self, period: str) -> str:
        return format_period(period, self.lang)

    def label(self) -> str:
        text = status_label(self.d.assessment.status, self.lang)
        return text[:1].upper() + text[1:] + "."

    # --- sentences -----------------------------------------------------------------------
    def main(self) -> str:
        form = self.d.assessment.form
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

    def parts(self) -> tuple[str, str, str, str, str, str]:
        b, t, y = self.d.baseline, self.d.target, self.d.latest
        assert b is not None and t is not None and y is not None
        return (
            self.num(b.value), self.per(b.period), self.num(t.value), self.per(t.period),
            self.num(y.value), self.per(y.period),
        )  # fmt: skip

    def standard(self) -> str:
        y0, p0, yt, pt, y, p = self.parts()
        a = self.d.assessment
        assert a.expected is not None and a.achieved is not None and a.ratio is not None
        e, got, r = self.pct(a.expected), self.pct(a.achieved), self.ratio(a.ratio)
        if a.status == "deteriorating":
            if self.nl:
                return (
                    f"Verwacht was {e} van de weg van {y0} ({p0}) naar {yt} ({pt}) in {p}; "
                    f"met {y} is de waarde verder van de streefwaarde af dan bij de nulmeting "
                    f"({got} van de weg, {r} van het verwachte). {self.label()}"
                )
            return (
                f"Expected {e} of the way from {y0} ({p0}) to {yt} ({pt}) by {p}; at {y} the "
                f"value is further from the target than at the baseline ({got} of the way, "
                f"{r} of what was expected). {self.label()}"
            )
        if self.nl:
            return (
                f"Verwacht was {e} van de weg van {y0} ({p0}) naar {yt} ({pt}) in {p}; "
                f"gerealiseerd {got} ({y}), dat is {r} van het verwachte. {self.label()}"
            )
        return (
            f"Expected {e} of the way from {y0} ({p0}) to {yt} ({pt}) by {p}; achieved {got} "
            f"({y}), that is {r} of what was expected. {self.label()}"
        )

    def achieved(self) -> str:
        y0, p0, yt, pt, y, p = self.parts()
        if self.nl:
            return (
                f"Streefwaarde {yt} ({pt}) behaald: {y} in {p}, tegen {y0} bij de nulmeting "
                f"({p0}). {self.label()}"
            )
        return (
            f"Target of {yt} ({pt}) met: {y} in {p}, against {y0} at the baseline ({p0}). "
            f"{self.label()}"
        )

    def maintain(self) -> str:
        _, _, yt, pt, y, p = self.parts()
        t, latest = self.d.target, self.d.latest
        assert t is not None and latest is not None
        band = format_percent(0.05, self.lang)
        if self.d.assessment.status == "achieved":
            if self.nl:
                return (
                    f"Te handhaven op {yt} ({pt}, ±{band}): {y} in {p} ligt binnen de marge. "
                    f"{self.label()}"
                )
            return (
                f"To be kept at {yt} ({pt}, ±{band}): {y} in {p} is within the band. {self.label()}"
            )
        gap = abs(latest.value - t.value)
        away = self.num(gap) if not t.value else self.outside_band(gap / abs(t.value))
        if self.nl:
            return (
                f"Te handhaven op {yt} ({pt}, ±{band}): {y} in {p} wijkt {away} af, buiten de "
                f"marge. {self.label()}"
            )
        return (
            f"To be kept at {yt} ({pt}, ±{band}): {y} in {p} is {away} away, outside the band. "
            f"{self.label()}"
        )

    def outside_band(self, share: float) -> str:
        # 5.04 % must not read as "5%" when the band is ±5 %.
        for decimals in range(3):
            text = format_percent(share, self.lang, decimals)
            if Decimal(str(share)) * 100 > 5 and format_percent(0.05, self.lang, decimals) != text:
                return text
        return format_percent(share, self.lang, 3)

    def baseline_is_target(self) -> str:
        _, p0, yt, pt, y, p = self.parts()
        if self.nl:
            return (
                f"De streefwaarde {yt} ({pt}) is gelijk aan de nulmeting ({p0}); met {y} in {p} "
                f"is de waarde verder van de streefwaarde af. {self.label()}"
            )
        return (
            f"The target of {yt} ({pt}) equals the baseline ({p0}); at {y} in {p} the value is "
            f"further from the target. {self.label()}"
        )

    def no_time(self) -> str:
        y0, p0, yt, pt, y, p = self.parts()
        if self.nl:
            return (
                f"De streefwaarde {yt} ({pt}) ligt niet na de nulmeting {y0} ({p0}), dus er is "
                f"geen verwachte voortgang; gemeten {y} in {p}. {self.label()}"
            )
        return (
            f"The target of {yt} ({pt}) is not later than the baseline of {y0} ({p0}), so no "
            f"progress can be expected; measured {y} in {p}. {self.label()}"
        )

    def monitoring(self) -> str:
        latest, first = self.d.latest, self.d.first
        assert latest is not None
        y, p = self.num(latest.value), self.per(latest.period)
        if self.d.assessment.form == "no_target":
            when = format_date(self.d.as_of, self.lang)
            lead = f"Geen streefwaarde bekend op {when}" if self.nl else f"No target set by {when}"
        else:
            lead = "Kengetal zonder streefwaarde" if self.nl else "Context figure without a target"
        judgement = "Geen oordeel." if self.nl else "No judgement."
        if first is None or first.period == latest.period:
            return f"{lead}: {y} in {p}. {judgement}"
        change = latest.value - first.value
        shown = self.pct(change / abs(first.value)) if first.value else self.num(change)
        if change > 0:
            shown = "+" + shown
        was = "tegen" if self.nl else "against"
        return (
            f"{lead}: {y} in {p}, {was} {self.num(first.value)} in {self.per(first.period)} "
            f"({shown}). {judgement}"
        )

    def no_data(self) -> str:
        when = format_date(self.d.as_of, self.lang)
        b = self.d.baseline
        if b is not None and not self.d.baseline_from_observation:
            if self.nl:
                return (
                    f"Geen meting na de nulmeting van {self.num(b.value)} ({self.per(b.period)}) "
                    f"tot en met {when}. {self.label()}"
                )
            return (
                f"No observation after the baseline of {self.num(b.value)} "
                f"({self.per(b.period)}) up to {when}. {self.label()}"
            )
        if self.nl:
            return (
                f"Nog geen meting na de eerste tot en met {when}. {self.label()}"
                if b
                else (f"Nog geen meting tot en met {when}. {self.label()}")
            )
        if b:
            return f"No observation after the first one up to {when}. {self.label()}"
        return f"No observation up to {when}. {self.label()}"

    def baseline_note(self) -> str:
        b = self.d.baseline
        assert b is not None
        y0, p0 = self.num(b.value), self.per(b.period)
        if self.nl:
            return (
                f"Er is geen nulmeting gepubliceerd; de eerste meting ({y0}, {p0}) dient als "
                "nulmeting."
            )
        return f"No baseline was published; the first observation ({y0}, {p0}) serves as baseline."

    def revision_note(self) -> str:
        t, old = self.d.target, self.d.replaced
        assert t is not None and old is not None
        when = format_date(t.set, self.lang)
        pt = self.per(t.period)
        if self.nl:
            return (
                f"De streefwaarde voor {pt} is op {when} bijgesteld van {self.num(old.value)} "
                f"naar {self.num(t.value)}."
            )
        return (
            f"The target for {pt} was revised on {when} from {self.num(old.value)} to "
            f"{self.num(t.value)}."
        )
