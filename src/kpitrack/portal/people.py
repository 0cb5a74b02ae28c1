"""The programme office manages people's access from the web: re-invite, reset, disable, erase.

- re-invite: a new one-time invitation link (the person's password keeps working until they
  choose a new one) — for a forgotten password or an invitation that expired;
- reset access: the password stops working at once, every session ends, earlier invitations
  stop working, and a new invitation is made — for an account that may be in the wrong hands;
- disable: refused from now on (sessions end, invitations stop working);
- erase (AVG/GDPR, only after disabling): name and address leave ``.kpitrack/``; the ledger
  keeps the pseudonymous id and the history says "erased person".

The new link is shown once, on the page that answers the form (the portal sends no mail); it
is never logged. Nobody acts on their own account here: an office person who locked themselves
out would need the command line anyway.
"""

from __future__ import annotations

from starlette.responses import Response

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.erasure import erase
from kpitrack.accounts.model import AccountError, Person
from kpitrack.accounts.people import disable_person, get_person, invite, list_people, reset_access
from kpitrack.definitions.models import Partner
from kpitrack.portal.web import Visit, not_found, page

ACTIONS = ("invite", "reset", "disable", "erase")


@page("office")
async def people(visit: Visit) -> Response:
    visit.log("people")
    return _page(visit)


@page("office")
async def act(visit: Visit) -> Response:
    assert visit.form is not None
    action = visit.request.path_params["action"]
    person = _person(visit)
    if person is None or action not in ACTIONS:
        return not_found(visit)
    if person.person_id == visit.person.person_id:
        visit.log("refused", reason="own-account", action=action)
        return _page(visit, 422, error=visit._("You cannot change your own access here."))
    if action == "erase" and not person.disabled:
        return _page(visit, 422, error=visit._("Disable the account before erasing it."))
    if action == "erase" and visit.form.get("confirm") != "1":
        return _page(
            visit,
            422,
            error=visit._("Tick the box to confirm that the person's name and address go."),
        )
    link = None
    try:
        with open_accounts(visit.config.root) as db:
            if action == "invite":
                link = _link(visit, invite(db, person).token)
            elif action == "reset":
                link = _link(visit, reset_access(db, person).token)
            elif action == "disable":
                disable_person(db, person.email)
            else:
                erase(db, person)
    except AccountError:  # a disabled person gets no invitation
        return _page(visit, 422, error=visit._("A disabled account gets no invitation."))
    # The same event names as ``kpitrack users``; ``subject`` is whose access changed.
    visit.log(
        f"users.{action}", by="portal", subject=person.person_id, subject_partner=person.partner
    )
    if link is not None:
        return visit.render("invitation_link.html", subject=person, link=link, action=action)
    done = {
        "disable": visit._("The account is disabled: it can no longer log in."),
        "erase": visit._(
            "The person's name and address are erased. The history now says “erased "
            "person” where it named them."
        ),
    }
    return _page(visit, done=done[action])


def _page(visit: Visit, status: int = 200, **context: object) -> Response:
    with open_accounts(visit.config.root) as db:
        everyone = list_people(db)
    partners = visit.workspace.programme.partners
    groups: list[tuple[Partner | None, list[Person]]] = [
        (None, [p for p in everyone if p.is_office])
    ]
    groups += [(partner, [p for p in everyone if p.partner == partner.id]) for partner in partners]
    return visit.render(
        "people.html",
        status,
        groups=groups,
        error=context.get("error"),
        done=context.get("done"),
    )


def _person(visit: Visit) -> Person | None:
    person_id = visit.request.path_params["person"]
    if len(person_id) > 40:
        return None
    with open_accounts(visit.config.root) as db:
        try:
            return get_person(db, person_id)
        except KeyError:
            return None


def _link(visit: Visit, token: str) -> str:
    url = visit.request.url
    return f"{url.scheme}://{url.netloc}/invite/{token}"
