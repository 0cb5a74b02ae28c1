"""What one partner's submission accepts: per-indicator rules and verdicts on periods and cells.

A :class:`Rule` is computed once per submission for each indicator the partner owns; it holds the
codes its dimension cells may take and caches the verdicts on breakdowns already seen. The
verdict functions say what is wrong with a period or a row's dimension cells (or an indicator
the partner cannot submit), as messages that name what would be valid.
"""

from __future__ import annotations

from datetime import date

from kpitrack.core.periods import PERIOD_FORMS, parse_period
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.validate import Add, listing

_EXAMPLE_PERIOD = {"year": "2019", "half-year": "2019-H1", "quarter": "2019-Q3", "month": "2019-05"}

Verdict = tuple[str, list[tuple[str, str, str, int]]]
"""A breakdown's stored text and the problems of its cells (code, message, column, index)."""
Breakdowns = dict[object, Verdict]


class Rule:
    """What one indicator accepts, computed once per submission."""

    __slots__ = ("breakdowns", "codes", "dimensions", "indicator", "percentage", "plain", "whole")

    def __init__(
        self,
        indicator: Indicator,
        programme: Programme,
        breakdowns: Breakdowns,
        plain: dict[object, str],
    ) -> None:
        self.indicator = indicator
        self.dimensions = frozenset(indicator.dimensions)
        self.codes = {
            dim: frozenset(programme.codelists[dim].codes)
            if dim in programme.codelists
            else frozenset()
            for dim in indicator.dimensions
        }
        self.percentage = indicator.measure == "percentage"
        self.whole = indicator.measure == "count"
        # Verdicts on dimension cells (their messages name this indicator).
        self.breakdowns = breakdowns
        # The breakdown text of dimension cells known to be without problems (shared by
        # indicators with the same dimensions).
        self.plain = plain


def breakdown_verdict(
    rule: Rule, dim_columns: list[tuple[str, int]], cells: list[str]
) -> tuple[str, list[tuple[str, str, str, int]]]:
    """The stored breakdown text (``dim=code;dim=code``) and the problems of its cells."""
    parts: list[str] = []
    problems: list[tuple[str, str, str, int]] = []
    for dim, index in dim_columns:
        code = cells[index]
        if not code:
            continue
        parts.append(f"{dim}={code}")
        if dim not in rule.dimensions:
            allowed = ", ".join(rule.indicator.dimensions) or "none (totals only)"
            problems.append(
                (
                    "dimension",
                    f"indicator {rule.indicator.id} has no breakdown by {dim}; its dimensions: "
                    f"{allowed}; leave this cell empty",
                    dim,
                    index,
                )
            )
        elif code not in rule.codes[dim]:
            problems.append(
                (
                    "code",
                    f"{code!r} is not a code of {dim}; valid codes: {listing(rule.codes[dim])}",
                    dim,
                    index,
                )
            )
    return ";".join(parts), problems


def period_verdict(text: str, indicator: Indicator, first: date, end: date) -> tuple[str, str]:
    """(period label, problem or "") of a period cell, for an indicator reported from ``first``."""
    example = _EXAMPLE_PERIOD[indicator.frequency]
    try:
        period = parse_period(text)
    except ValueError:
        return text, f"{text!r} is not a period; use {PERIOD_FORMS}"
    if period.frequency != indicator.frequency:
        return text, (
            f"{indicator.id} is reported per {indicator.frequency}: write a period "
            f"like {example}, not {text!r}"
        )
    if period.end < first:
        return text, (
            f"{period.label} lies before the earliest baseline period of the "
            f"programme (starting {first.isoformat()})"
        )
    if period.start > end:
        return text, f"{period.label} lies after the programme end ({end.isoformat()})"
    return period.label, ""


def unknown_indicator(
    ind: str,
    indicators: dict[str, Indicator],
    rules: dict[str, Rule],
    partner: str,
    row: int,
    index: int,
    add: Add,
) -> None:
    """Add the problem of a row whose indicator is unknown or owned by another partner."""
    mine = listing(rules) if rules else f"none: partner {partner} owns no indicator"
    if ind in indicators:
        owner = indicators[ind].owner
        add(
            "not-owner",
            f"indicator {ind} is submitted by {owner}, not by {partner}; your indicators: {mine}",
            row,
            "indicator",
            index + 1,
        )
    else:
        add(
            "unknown-indicator",
            f"unknown indicator {ind!r}; your indicators: {mine}",
            row,
            "indicator",
            index + 1,
        )
