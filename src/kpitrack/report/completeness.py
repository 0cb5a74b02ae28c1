"""The annex table of data completeness per partner: indicators with data, the latest delivery,
and the plausibility warnings its deliveries had when they were accepted."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from kpitrack import i18n
from kpitrack.i18n import local_text
from kpitrack.i18n.warning_words import warnings_text
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
    used = used_submissions(workspace, progress.as_of)
    latest = {partner: max(days.values()) for partner, days in used.items() if days}
    recorded = recorded_warnings(workspace)
    rows = []
    for partner in workspace.programme.partners:
        owned = [i.id for i in workspace.indicators.values() if i.owner == partner.id]
        with_data = sum(1 for i in owned if i in with_data_ids)
        unreviewed = sum(1 for i in owned if i in unreviewed_ids)
        warnings, warnings_words = _warnings(used.get(partner.id, {}), recorded, lang)
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
                warnings=warnings,
                warnings_text=warnings_words,
            )
        )
    return tuple(rows)


def _warnings(
    submissions: dict[int, str], recorded: dict[int, int | None], lang: str
) -> tuple[int | None, str]:
    """The warnings of a partner's submissions used by the report, and in words.

    A submission whose ledger entry has no ``warnings`` (written before it was recorded) is
    counted apart as not recorded: never as one without warnings.
    """
    counts = [recorded.get(seq) for seq in sorted(submissions)]
    known = [n for n in counts if n is not None]
    if not counts:
        return None, ""
    words = warnings_text(
        sum(known), sum(1 for n in known if n), len(known), len(counts) - len(known), lang
    )
    return (sum(known) if known else None), words


def recorded_warnings(workspace: Workspace) -> dict[int, int | None]:
    """Per submission number, the warnings its accepted file had (None: not recorded)."""
    from kpitrack.measurements.ledger import read_ledger, store_dir

    return {e.seq: e.warnings for e in read_ledger(store_dir(workspace.root)).entries}


def used_submissions(workspace: Workspace, as_of: date) -> dict[str, dict[int, str]]:
    """Per partner, the submissions this report uses: their numbers and received days.

    A submission counts when it holds a figure for a period ending by the as-of date, or an
    action update dated by then, whenever it arrived: the report for 31 December is usually
    made weeks later from figures delivered in between, and those deliveries must show. A
    report cut at ``--received-by`` holds only the submissions received by then, and figures of
    a returned submission are no longer in the store.
    """
    from kpitrack.core.periods import period_end

    used: dict[str, dict[int, str]] = {}

    def seen(partner: str, received: str, submission: int) -> None:
        used.setdefault(partner, {})[submission] = received[:10]

    for obs in workspace.observations():
        try:
            counted = period_end(obs.period) <= as_of
        except ValueError:  # the store was validated; an odd period just does not count
            counted = False
        if counted:
            seen(obs.provenance.partner, obs.provenance.received, obs.provenance.submission)
    for update in workspace.action_updates():
        if update.date[:10] <= as_of.isoformat():
            prov = update.provenance
            seen(prov.partner, prov.received, prov.submission)
    return used
