"""The history pages: a partner's own submissions (the office: everyone's), one submission with
its revisions, withdrawals and review, and the file as it was received. Someone else's
submission is a 404."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.responses import FileResponse, Response

from kpitrack.core.layout import WorkspaceLayout
from kpitrack.intake.contents import submission_rows
from kpitrack.intake.history import HistoryEntry
from kpitrack.intake.review import MAX_REASON
from kpitrack.portal import data
from kpitrack.portal.web import Visit, not_found, page

MAX_LISTED = 1000
"""Changed figures listed on a submission's page; a bigger revision is summed up."""


@page("person")
async def history(visit: Visit) -> Response:
    partner = visit.person.partner
    chosen = visit.request.query_params.get("partner")
    partners = {p.id for p in visit.workspace.programme.partners}
    if visit.person.is_office and chosen:
        if chosen not in partners:
            return not_found(visit)
        partner = chosen
    entries = data.history(visit, partner)
    visit.log("history", shown_partner=partner)
    return visit.render(
        "history.html",
        entries=entries,
        names=data.names(visit),
        shown_partner=visit.workspace.partner(partner) if partner else None,
        review_required=visit.workspace.programme.reporting.review == "required",
    )


@page("person")
async def submission(visit: Visit) -> Response:
    entry = own_entry(visit)
    if entry is None:
        return not_found(visit)
    visit.log("submission", seq=entry.seq)
    return render_submission(visit, entry)


def render_submission(
    visit: Visit, entry: HistoryEntry, status: int = 200, **extra: Any
) -> Response:
    """The page of one submission (with the review form for the office)."""
    query = visit.request.query_params
    changed = [r for r in entry.revisions if r.changed and r.new_status != "M"]
    context: dict[str, Any] = {
        "stored": query.get("stored") == "1",
        "reviewed": query.get("reviewed")
        if query.get("reviewed") in ("approve", "return")
        else None,
        "decision": "",
        "reason": "",
        "review_error": None,
        "max_reason": MAX_REASON,
        **extra,
    }
    return visit.render(
        "submission.html",
        status,
        entry=entry,
        names=data.names(visit),
        changed=changed[:MAX_LISTED],
        unchanged=sum(1 for r in entry.revisions if not r.changed),
        unlisted=max(0, len(changed) - MAX_LISTED),
        withdrawals=entry.withdrawals[:MAX_LISTED],
        rows=submission_rows(visit.config.root, entry.data, MAX_LISTED),
        review_required=visit.workspace.programme.reporting.review == "required",
        **context,
    )


@page("person")
async def received_file(visit: Visit) -> Response:
    entry = own_entry(visit)
    store = WorkspaceLayout(visit.config.root).store
    path = store / entry.received_path if entry is not None else None
    if entry is None or path is None or path.is_symlink() or not path.is_file():
        return not_found(visit)
    visit.log("file", seq=entry.seq)
    # An attachment of no particular type: a received file is never shown as a page.
    return FileResponse(
        path, media_type="application/octet-stream", filename=Path(entry.received_path).name
    )


def own_entry(visit: Visit) -> HistoryEntry | None:
    """The submission of the URL when the visitor may see it (the office sees all)."""
    text = visit.request.path_params["seq"]
    if not text.isdigit() or len(text) > 9:
        return None
    seq = int(text)
    partner = None if visit.person.is_office else visit.person.partner
    found = next((e for e in data.history(visit, partner) if e.seq == seq), None)
    if found is None:
        visit.log("refused", reason="not-found-or-not-own", seq=seq)
    return found
