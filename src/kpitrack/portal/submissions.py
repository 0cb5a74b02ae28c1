"""The history pages: a partner's own submissions (the office: everyone's), one submission with
its revisions, and the file as it was received. Someone else's submission is a 404."""

from __future__ import annotations

from pathlib import Path

from starlette.responses import FileResponse, Response

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import list_people
from kpitrack.accounts.uploads import uploaders
from kpitrack.core.layout import WorkspaceLayout
from kpitrack.portal.history import HistoryEntry, submission_history
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
    entries = _history(visit, partner)
    visit.log("history", shown_partner=partner)
    return visit.render(
        "history.html",
        entries=entries,
        names=people_names(visit),
        shown_partner=visit.workspace.partner(partner) if partner else None,
    )


@page("person")
async def submission(visit: Visit) -> Response:
    entry = _own_entry(visit)
    if entry is None:
        return not_found(visit)
    visit.log("submission", seq=entry.seq)
    stored = visit.request.query_params.get("stored") == "1"
    changed = [r for r in entry.revisions if r.old != r.new]
    return visit.render(
        "submission.html",
        entry=entry,
        names=people_names(visit),
        stored=stored,
        changed=changed[:MAX_LISTED],
        unchanged=len(entry.revisions) - len(changed),
        unlisted=max(0, len(changed) - MAX_LISTED),
    )


@page("person")
async def received_file(visit: Visit) -> Response:
    entry = _own_entry(visit)
    store = WorkspaceLayout(visit.config.root).store
    path = store / entry.received_path if entry is not None else None
    if entry is None or path is None or path.is_symlink() or not path.is_file():
        return not_found(visit)
    visit.log("file", seq=entry.seq)
    # An attachment of no particular type: a received file is never shown as a page.
    return FileResponse(
        path, media_type="application/octet-stream", filename=Path(entry.received_path).name
    )


def _own_entry(visit: Visit) -> HistoryEntry | None:
    """The submission of the URL when the visitor may see it (the office sees all)."""
    text = visit.request.path_params["seq"]
    if not text.isdigit() or len(text) > 9:
        return None
    seq = int(text)
    partner = None if visit.person.is_office else visit.person.partner
    found = next((e for e in _history(visit, partner) if e.seq == seq), None)
    if found is None:
        visit.log("refused", reason="not-found-or-not-own", seq=seq)
    return found


def _history(visit: Visit, partner: str | None) -> list[HistoryEntry]:
    with open_accounts(visit.config.root) as db:
        people = uploaders(db)
    return submission_history(visit.workspace, partner=partner, people=people)


def people_names(visit: Visit) -> dict[str, str]:
    """Person id → name, for the people the visitor may know: their own partner's, or all."""
    with open_accounts(visit.config.root) as db:
        people = list_people(db)
    mine = visit.person.partner
    return {
        p.person_id: p.shown_name for p in people if visit.person.is_office or p.partner == mine
    }
