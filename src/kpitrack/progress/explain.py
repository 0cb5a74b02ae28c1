"""The explanation data of a status: the numbers behind it, for i18n to word (design §5).

The engine writes no prose: :func:`explanation_data` gathers what the sentence cites (the form,
baseline, target, latest value, E, P and R, the thresholds) and
:class:`kpitrack.i18n.explanations.Explanations` words it per language when it is read.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from kpitrack.core.explanation import Explanation, PeriodValue, TargetRevision
from kpitrack.progress.status import MAINTAIN_BAND_INVERSE, Assessment, classify

if TYPE_CHECKING:
    from kpitrack.definitions.models import Indicator, Target, Thresholds


def explanation_data(
    assessment: Assessment,
    indicator: Indicator,
    thresholds: Thresholds,
    as_of: date,
    *,
    baseline: PeriodValue | None,
    baseline_from_observation: bool,
    latest: PeriodValue | None,
    first: PeriodValue | None,
    target: Target | None,
    replaced: Target | None,
    stale: bool = False,
    series_break: str | None = None,
) -> Explanation:
    """What the explanation of one indicator's status cites, from the numbers of its status.

    ``first`` is where a context figure's trend starts; ``replaced`` the target entry that the
    one in force superseded; ``stale`` says the verdict rests on an old figure (it is worded with
    its period); ``series_break`` is the period of a ``B`` figure after ``first``, across which
    no change is worded.
    """
    revision = None
    if target is not None and replaced is not None:
        revision = TargetRevision(target.period, replaced.value, target.value, target.set)
    ratio = assessment.ratio
    return Explanation(
        form=assessment.form,
        status=assessment.status,
        as_of=as_of,
        measure=indicator.measure,
        decimals=indicator.decimals,
        baseline=baseline,
        baseline_from_observation=baseline_from_observation,
        latest=latest,
        target=PeriodValue(target.period, target.value) if target is not None else None,
        first=first,
        expected=assessment.expected,
        achieved=assessment.achieved,
        ratio=ratio,
        ratio_decimals=0
        if ratio is None
        else cited_decimals(ratio, thresholds.on_track, thresholds.at_risk),
        on_track=thresholds.on_track,
        at_risk=thresholds.at_risk,
        band=1 / MAINTAIN_BAND_INVERSE,
        revision=revision,
        stale=stale,
        series_break=series_break,
    )


def cited_decimals(ratio: float, on_track: float, at_risk: float) -> int:
    """Decimals of R as a percentage that keep the cited figure in the same band as R itself.

    R = 0.9496 with on track from 95 % must not read "95%": it reads "94.96%". Percentages round
    half up in every language, so the number of decimals does not depend on the language.
    """
    band = classify(ratio, on_track, at_risk)
    for decimals in range(4):
        hundredths = Decimal(str(ratio)) * 100
        rounded = hundredths.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        if classify(float(rounded) / 100, on_track, at_risk) == band:
            return decimals
    return 4
