"""The programme office reviews submissions: approve, or return with a reason for the partner.

Each decision is a chained ``review`` entry in the ledger, written through
:func:`kpitrack.intake.review.review_submission` (the store's lock, the office person's
pseudonymous id, the time). Returning a submission stops its figures counting until the partner
submits again; the partner sees the return and its reason on its overview and in its history.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from kpitrack.core.errors import KpitrackError, ValidationFailed
from kpitrack.intake.review import MAX_REASON, review_submission
from kpitrack.portal import data
from kpitrack.portal.office import awaiting_review
from kpitrack.portal.submissions import own_entry, render_submission
from kpitrack.portal.web import Visit, not_found, page


@page("office")
async def queue(visit: Visit) -> Response:
    history = data.history(visit)
    visit.log("review.queue")
    return visit.render(
        "review.html",
        waiting=awaiting_review(history),
        returned=[e for e in history if e.returned and not e.resubmitted],
        names=data.names(visit),
        review_required=visit.workspace.programme.reporting.review == "required",
    )


@page("office")
async def decide(visit: Visit) -> Response:
    assert visit.form is not None
    entry = own_entry(visit)
    if entry is None:
        return not_found(visit)
    decision = str(visit.form.get("decision", ""))
    reason = str(visit.form.get("reason", ""))[: MAX_REASON * 2]
    error = None
    if decision not in ("approve", "return"):
        error = visit._("Choose whether to approve the submission or to return it.")
    elif decision == "return" and not reason.strip():
        error = visit._("Say why the submission is returned: the partner reads the reason.")
    elif len(reason.strip()) > MAX_REASON:
        error = visit._("The reason is too long: at most %(n)s characters.") % {"n": MAX_REASON}
    if error is None:
        try:
            await run_in_threadpool(
                review_submission,
                visit.config.root,
                entry.seq,
                decision,
                visit.person.person_id,
                reason if decision == "return" else (reason or None),
            )
        except ValidationFailed:
            error = visit._("The decision could not be recorded. Check it and try again.")
        except KpitrackError as failure:  # the store stayed busy
            visit.log("review.failed", seq=entry.seq, error=type(failure).__name__)
            return visit.render(
                "error.html",
                503,
                title=visit._("The decision could not be recorded"),
                message=visit._(
                    "The portal cannot write to the store right now. Nothing was recorded; "
                    "try again in a few minutes."
                ),
            )
    if error is not None:
        visit.log("review.refused", seq=entry.seq)
        return render_submission(
            visit, entry, 422, review_error=error, decision=decision, reason=reason
        )
    visit.log("review", seq=entry.seq, decision=decision, for_partner=entry.partner)
    return visit.redirect(f"/submissions/{entry.seq}?reviewed={decision}")
