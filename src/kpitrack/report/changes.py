"""Changes since the previous reporting period, derived from the store and the target history.

Used when no report was published before (with a published report, :mod:`kpitrack.versioning`
compares with its definitions and store instead); worded like those changes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from kpitrack import i18n
from kpitrack.progress.periods import months_in
from kpitrack.report.indicators import local
from kpitrack.report.model import ChangeEntry

if TYPE_CHECKING:
    from kpitrack.progress.model import ProgressReport
    from kpitrack.workspace import Workspace


def derived_changes(
    workspace: Workspace,
    progress: ProgressReport,
    lang: str,
    texts: dict[str, str],
    partners: dict[str, str],
) -> tuple[ChangeEntry, ...]:
    """Target revisions and revised totals since one reporting period before as-of."""
    # The same words as the changes since a published report, whichever way they were found.
    from kpitrack.versioning.entries import kind_label

    as_of = progress.as_of
    months = months_in(workspace.programme.reporting.frequency)
    since = months_before(as_of, months)
    entries: list[tuple[str, ChangeEntry]] = []
    for ind in progress.indicators:
        indicator = workspace.indicators.get(ind.id)
        if indicator is None:
            continue
        name = f"{local(indicator.name, lang)} ({ind.id})"
        for new in ind.targets:
            if not (since < new.set <= as_of):
                continue
            old = [t for t in ind.targets if t.period == new.period and t.set < new.set]
            if not old:
                continue
            before = max(old, key=lambda t: t.set)
            entries.append(
                (
                    new.set.isoformat(),
                    ChangeEntry(
                        kind="target_revised",
                        kind_label=kind_label("target_revised", lang),
                        subject=f"{name}, {i18n.format_period(new.period, lang)}",
                        before=i18n.format_number(before.value, lang, indicator.decimals),
                        after=i18n.format_number(new.value, lang, indicator.decimals),
                        when=i18n.format_date(new.set, lang),
                        who=workspace.programme.owner,
                    ),
                )
            )
    for obs in workspace.observations():
        day = obs.provenance.received[:10]
        if not obs.revised or obs.breakdown or not (since.isoformat() < day <= as_of.isoformat()):
            continue
        indicator = workspace.indicators.get(obs.indicator)
        if indicator is None:
            continue
        entries.append(
            (
                day,
                ChangeEntry(
                    kind="revised",
                    kind_label=kind_label("revised", lang),
                    subject=f"{local(indicator.name, lang)} ({obs.indicator}), "
                    f"{i18n.format_period(obs.period, lang)}",
                    before=i18n.format_number(obs.revised_from, lang, indicator.decimals)
                    if obs.revised_from is not None
                    else "",
                    after=i18n.format_number(obs.value, lang, indicator.decimals)
                    if obs.value is not None
                    else texts["missing_value"],
                    when=i18n.format_date(date.fromisoformat(day), lang),
                    who=partners.get(obs.provenance.partner, obs.provenance.partner),
                ),
            )
        )
    entries.sort(key=lambda e: (e[0], e[1].kind, e[1].subject))
    return tuple(e for _, e in entries)


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = (date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last))
