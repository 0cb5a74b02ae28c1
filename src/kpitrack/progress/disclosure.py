"""The small-cell rule: which breakdown cells are withheld from every publication.

One rule for the report and every export. A count below the programme's
``disclosure.min_count`` is withheld ("small"); where that leaves exactly one small cell in a
group of cells that adds up to the published total, the smallest other cell is withheld too
("complement"), so that the small count cannot be worked out by subtraction. The rule protects
people behind small counts, so it applies to counts only, and to breakdown cells only (a total
is published as it is).

Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from kpitrack.measurements.model import Breakdown, Observation

Withheld = Literal["small", "complement"]
Key = tuple[str, str, Breakdown]
"""(indicator, period, breakdown), the key of a figure in the store."""


def applies(measure: str, min_count: int) -> bool:
    """Whether the rule withholds anything for an indicator of this measure."""
    return measure == "count" and min_count > 0


def hidden_cells(
    cells: Iterable[tuple[Breakdown, float | None]], min_count: float
) -> dict[Breakdown, Withheld]:
    """The cells of one period to withhold, by breakdown, and why.

    ``cells`` are (breakdown, value) pairs of one indicator and one period; a value of None
    (withdrawn) is neither small nor a candidate to withhold with one. Cells with the same
    dimensions form a group (they add up to the total); groups are protected apart.
    """
    cells = [(breakdown, value) for breakdown, value in cells if breakdown]
    hidden: dict[Breakdown, Withheld] = {
        breakdown: "small" for breakdown, value in cells if value is not None and value < min_count
    }
    groups: dict[tuple[str, ...], list[tuple[Breakdown, float]]] = {}
    for breakdown, value in cells:
        if value is not None:
            groups.setdefault(tuple(dim for dim, _ in breakdown), []).append((breakdown, value))
    for group in groups.values():
        small = [b for b, _ in group if hidden.get(b) == "small"]
        others = [(value, b) for b, value in group if b not in hidden]
        if len(small) == 1 and others:
            hidden[min(others)[1]] = "complement"
    return hidden


def withheld_in_history(
    observations: Iterable[Observation], min_count: float
) -> dict[Key, Withheld]:
    """Keys to withhold in every row of their history, and why.

    The rule is applied to the cells of each period as they stood after every submission, not
    only to the current values: an older revision of a cell is then as protected as the current
    one, and a cell withheld once stays withheld in all its revisions, so that no pair of
    versions (an old small value and its newer total, say) gives a count away by subtraction.
    Without revisions this is exactly the rule on the current values. ``observations`` are the
    observations of counted indicators, in any order.
    """
    by_period: dict[tuple[str, str], dict[int, list[Observation]]] = {}
    for obs in observations:
        submissions = by_period.setdefault((obs.indicator, obs.period), {})
        submissions.setdefault(obs.provenance.submission, []).append(obs)
    withheld: dict[Key, Withheld] = {}
    for (indicator, period), submissions in by_period.items():
        current: dict[Breakdown, float | None] = {}
        for submission in sorted(submissions):
            for obs in submissions[submission]:
                current[obs.breakdown] = obs.value
            for breakdown, why in hidden_cells(current.items(), min_count).items():
                key = (indicator, period, breakdown)
                # "small" wins over "complement": the stronger reason is the one to show.
                if withheld.get(key) != "small":
                    withheld[key] = why
    return withheld
