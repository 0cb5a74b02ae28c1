"""The annex table of data completeness: indicators with data and latest delivery per partner."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from kpitrack import i18n
from kpitrack.i18n import local_text
from kpitrack.report.model import CompletenessRow

if TYPE_CHECKING:
    from kpitrack.progress.model import ProgressReport
    from kpitrack.workspace import Workspace


def completeness(
    workspace: Workspace, progress: ProgressReport, lang: str
) -> tuple[CompletenessRow, ...]:
    start = workspace.programme.period.start
    with_data_ids = {
        ind.id
        for ind in progress.indicators
        if any(p.value is not None and start <= p.end <= progress.as_of for p in ind.series)
    }
    # Awaiting approval: counted apart where the programme requires review (design §9).
    required = workspace.programme.reporting.review == "required"
    unreviewed_ids = {
        ind.id
        for ind in progress.indicators
        if any(
            p.value is not None and p.approved is False and start <= p.end <= progress.as_of
            for p in ind.series
        )
    }
    latest = latest_submissions(workspace, progress.as_of)
    rows = []
    for partner in workspace.programme.partners:
        owned = [i.id for i in workspace.indicators.values() if i.owner == partner.id]
        with_data = sum(1 for i in owned if i in with_data_ids)
        unreviewed = sum(1 for i in owned if i in unreviewed_ids)
        rows.append(
            CompletenessRow(
                partner_id=partner.id,
                partner=local_text(partner.name, lang),
                expected=len(owned),
                with_data=with_data,
                expected_text=i18n.format_number(len(owned), lang),
                with_data_text=i18n.format_number(with_data, lang),
                share=i18n.format_percent(with_data / len(owned), lang) if owned else "",
                latest_submission=i18n.format_date(date.fromisoformat(latest[partner.id]), lang)
                if partner.id in latest
                else "",
                unreviewed=unreviewed,
                unreviewed_text=i18n.format_number(unreviewed, lang) if required else "",
            )
        )
    return tuple(rows)


def latest_submissions(workspace: Workspace, as_of: date) -> dict[str, str]:
    """Per partner, the received day (``YYYY-MM-DD``) of its latest submission this report uses.

    A submission counts when it holds a figure for a period ending by the as-of date, or an
    action update dated by then, whenever it arrived: the report for 31 December is usually
    made weeks later from figures delivered in between, and those deliveries must show.
    """
    from kpitrack.core.periods import period_end

    latest: dict[str, str] = {}

    def seen(partner: str, received: str) -> None:
        day = received[:10]
        if day > latest.get(partner, ""):
            latest[partner] = day

    for obs in workspace.observations():
        try:
            used = period_end(obs.period) <= as_of
        except ValueError:  # the store was validated; an odd period just does not count
            used = False
        if used:
            seen(obs.provenance.partner, obs.provenance.received)
    for update in workspace.action_updates():
        if update.date[:10] <= as_of.isoformat():
            seen(update.provenance.partner, update.provenance.received)
    return latest
