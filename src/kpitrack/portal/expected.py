"""What is expected and what was delivered, by the reporting calendar (design §3, §9).

A partner sees what is still expected from it (``/due``, also as iCalendar and CSV); the
programme office sees every partner's list, the overview of expected against delivered per
partner and year (``/expected``), and a page per partner with its list, people and submissions
and a form to upload a file on the partner's behalf (``/partners/{id}``). The lists are those
``kpitrack due`` prints (:mod:`kpitrack.progress.due`).
"""

from __future__ import annotations

from starlette.responses import Response

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import list_people, partner_contacts
from kpitrack.definitions.models import Partner
from kpitrack.portal import data
from kpitrack.portal.web import Visit, not_found, page
from kpitrack.progress.due import DueList
from kpitrack.progress.due_formats import due_csv, due_ics

RECENT = 10
FILES = {
    "ics": "text/calendar; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}


@page("person")
async def still_due(visit: Visit) -> Response:
    allowed, shown = _shown_partner(visit)
    if not allowed:
        return not_found(visit)
    found = data.due(visit, visit.today)
    lists = [found.of(shown.id)] if shown else list(found.partners)
    visit.log("due", shown_partner=shown.id if shown else None)
    return visit.render(
        "due.html",
        due=found,
        lists=lists,
        shown_partner=shown,
        titles=_titles(visit),
    )


@page("person")
async def due_file(visit: Visit) -> Response:
    fmt = visit.request.path_params["fmt"]
    allowed, shown = _shown_partner(visit)
    if not allowed or fmt not in FILES:
        return not_found(visit)
    found = data.due(visit, visit.today)
    if shown:
        found = DueList(found.programme, found.as_of, found.until, (found.of(shown.id),))
    with open_accounts(visit.config.root) as db:
        contacts = partner_contacts(db, visit.workspace.programme.partners)
    if fmt == "ics":
        content = due_ics(found, visit.workspace, visit.lang)
    else:
        content = due_csv(found, visit.workspace, contacts, visit.lang)
    name = f"{found.programme}_{shown.id if shown else 'all'}_due_{found.as_of}.{fmt}"
    visit.log("due.file", format=fmt, shown_partner=shown.id if shown else None)
    return Response(
        content.encode("utf-8"),
        media_type=FILES[fmt],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@page("office")
async def overview(visit: Visit) -> Response:
    rows = data.expected(visit, visit.today)
    visit.log("expected")
    years = [c.year for c in rows[0].years] if rows else []
    return visit.render(
        "expected.html",
        rows=rows,
        years=years,
        due=data.due(visit, visit.today),
        partners={p.id: p for p in visit.workspace.programme.partners},
    )


@page("office")
async def partner_page(visit: Visit) -> Response:
    chosen = visit.request.path_params["partner"]
    partner = next((p for p in visit.workspace.programme.partners if p.id == chosen), None)
    if partner is None:
        return not_found(visit)
    with open_accounts(visit.config.root) as db:
        people = [p for p in list_people(db) if p.partner == partner.id]
    history = data.history(visit, partner.id)
    visit.log("partner", shown_partner=partner.id)
    return visit.render(
        "partner_page.html",
        partner=partner,
        owed=data.due(visit, visit.today).of(partner.id),
        due=data.due(visit, visit.today),
        titles=_titles(visit),
        people=people,
        history=history[:RECENT],
        names=data.names(visit),
        behalf=partner,
        check_only=False,
    )


def _shown_partner(visit: Visit) -> tuple[bool, Partner | None]:
    """Whether the visitor may see the list asked for, and whose: a partner's own, or the
    office's choice (None: every partner's).

    Not allowed: a partner asking for another partner's list, or the office naming a partner
    the programme does not have.
    """
    chosen = visit.request.query_params.get("partner")
    partners = {p.id: p for p in visit.workspace.programme.partners}
    if not visit.person.is_office:
        own = visit.person.partner or ""
        if chosen not in (None, own):
            visit.log("refused", reason="not-own-due", shown_partner=str(chosen)[:40])
            return False, None
        return True, partners[own]
    if chosen is None:
        return True, None
    return chosen in partners, partners.get(chosen)


def _titles(visit: Visit) -> dict[str, object]:
    titles: dict[str, object] = {a.id: a.title for _, a in visit.workspace.actions()}
    titles.update({m.id: m.title for _, _, m in visit.workspace.milestones()})
    return titles
