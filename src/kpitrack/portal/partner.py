"""The partner's pages: what to deliver, the template, the upload and its located errors.

The programme office uploads through the same form for a partner (on the partner's page): the
ledger then names the office person, and ``.kpitrack/`` records the upload as on the partner's
behalf.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from kpitrack.core.errors import KpitrackError
from kpitrack.definitions.models import Indicator, Partner
from kpitrack.intake.submit import SubmissionResult
from kpitrack.intake.template import periods_to_fill, write_templates
from kpitrack.measurements.actions import action_owners
from kpitrack.measurements.model import Observation
from kpitrack.portal import data
from kpitrack.portal.uploads import Upload, safe_name, store_upload
from kpitrack.portal.web import Visit, not_found, page, too_large
from kpitrack.progress.action_states import action_progress
from kpitrack.progress.model import ActionProgress
from kpitrack.workspace import Workspace

MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
RECENT = 5


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator the partner delivers: what is asked now and what was last stored."""

    indicator: Indicator
    to_fill: list[str]
    latest: Observation | None


@dataclass(frozen=True)
class Deliverables:
    """What a partner is responsible for."""

    indicators: list[IndicatorRow]
    actions: list[ActionProgress]
    years: list[int]


def deliverables(workspace: Workspace, partner: str, today: date) -> Deliverables:
    """The partner's indicators (period to fill, latest total stored) and actions (state)."""
    programme = workspace.programme
    latest: dict[str, Observation] = {}
    for observation in workspace.observations():
        if not observation.breakdown:
            known = latest.get(observation.indicator)
            if known is None or observation.period >= known.period:
                latest[observation.indicator] = observation
    rows = [
        IndicatorRow(i, periods_to_fill(programme, i, None, today), latest.get(i.id))
        for i in sorted(workspace.indicators.values(), key=lambda i: i.id)
        if i.owner == partner
    ]
    owned = {a for a, owner in action_owners(programme).items() if owner == partner}
    progress = action_progress(programme, workspace.action_updates(), today)
    actions = [a for a in progress if a.id in owned]
    years = list(range(programme.period.start.year, programme.period.end.year + 1))
    return Deliverables(rows, actions, years)


@page("partner")
async def dashboard(visit: Visit) -> Response:
    partner = visit.person.partner or ""
    today = visit.today
    mine = visit.checkout.derived(
        ("deliverables", partner, today), lambda w: deliverables(w, partner, today)
    )
    history = data.history(visit, partner)
    titles = {a.id: a.title for _, a in visit.workspace.actions()}
    titles.update({m.id: m.title for _, _, m in visit.workspace.milestones()})
    visit.log("dashboard")
    return visit.render(
        "dashboard.html",
        partner=visit.workspace.partner(partner),
        mine=mine,
        history=history[:RECENT],
        returned=[e for e in history if e.returned and not e.resubmitted],
        due=data.due(visit, today).of(partner),
        action_titles=titles,
        names=data.names(visit),
    )


@page("partner")
async def template(visit: Visit) -> Response:
    query = visit.request.query_params
    fmt, part, period = query.get("format", "xlsx"), query.get("part", "measurements"), None
    partner = visit.person.partner or ""
    today = visit.today
    mine = visit.checkout.derived(
        ("deliverables", partner, today), lambda w: deliverables(w, partner, today)
    )
    if query.get("period"):
        period = query["period"]
        if not period.isdigit() or int(period) not in mine.years:
            return not_found(visit)
    has = {"measurements": bool(mine.indicators), "actions": bool(mine.actions)}
    if fmt not in MEDIA_TYPES or not has.get(part):
        return not_found(visit)
    name = f"{visit.workspace.programme.id}_{partner}_template.{fmt}"
    with tempfile.TemporaryDirectory(prefix="kpitrack-template-") as directory:
        paths = await run_in_threadpool(
            write_templates,
            visit.config.root,
            partner,
            fmt,
            period=period,
            out=Path(directory) / name,
            # The page's language, when the programme has it (the column names and instructions).
            lang=visit.lang if visit.lang in visit.workspace.programme.languages else None,
        )
        chosen = paths[-1] if part == "actions" else paths[0]
        content = chosen.read_bytes()
        filename = chosen.name
    visit.log("template", format=fmt, part=part, period=period)
    return Response(
        content,
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


@page("person")
async def upload(visit: Visit) -> Response:
    assert visit.form is not None
    partner, behalf = _uploading_for(visit)
    if partner is None:
        return not_found(visit)
    sent = visit.form.get("file")
    context: dict[str, Any] = {"cells": [], "check_only": False, "behalf": behalf}
    if not isinstance(sent, UploadFile) or not sent.filename:
        return visit.render("upload.html", 422, result=None, missing=True, **context)
    if sent.size is not None and sent.size > visit.config.max_upload_bytes:
        await sent.close()
        return too_large(visit)
    check_only = visit.form.get("check") == "1"
    upload = Upload(
        name=safe_name(sent.filename),
        content=sent.file,
        partner=partner,
        person_id=visit.person.person_id,
        check_only=check_only,
        on_behalf=behalf is not None,
    )
    try:
        result = await run_in_threadpool(
            store_upload, visit.config.root, upload, commit_to_git=visit.config.commit_to_git
        )
    except KpitrackError as error:  # the store stayed busy, or the definitions no longer load
        visit.log("upload.failed", error=type(error).__name__)
        return visit.render(
            "error.html",
            503,
            title=visit._("The file could not be stored"),
            message=visit._(
                "The portal cannot store files right now. Nothing "
                "was stored; try again in a few minutes."
            ),
        )
    finally:
        await sent.close()
    on_behalf = {"for_partner": partner} if behalf is not None else {}
    if result.accepted and result.seq is not None:
        visit.log(
            "upload.stored",
            seq=result.seq,
            rows=result.rows,
            revisions=result.revisions,
            **on_behalf,
        )
        return visit.redirect(f"/submissions/{result.seq}?stored=1")
    context["check_only"] = check_only
    if result.accepted:
        visit.log("upload.checked", rows=result.rows, **on_behalf)
        return visit.render("upload.html", result=result, missing=False, **context)
    visit.log("upload.rejected", errors=result.total_errors, file_kind=result.kind, **on_behalf)
    context["cells"] = cell_names(result)
    return visit.render("upload.html", 422, result=result, missing=False, **context)


def _uploading_for(visit: Visit) -> tuple[str | None, Partner | None]:
    """The partner the upload is for, and (for the office) that partner; (None, None): refused.

    A partner uploads for itself (a ``partner`` field is ignored); the office must name a
    partner of the programme.
    """
    assert visit.form is not None
    if not visit.person.is_office:
        return visit.person.partner, None
    chosen = str(visit.form.get("partner", ""))
    found = next((p for p in visit.workspace.programme.partners if p.id == chosen), None)
    if found is None:
        visit.log("refused", reason="upload-partner")
        return None, None
    return found.id, found


def cell_names(result: SubmissionResult) -> list[str]:
    """The spreadsheet cell of each error (``D14``), or "" when it has no row or column."""
    from openpyxl.utils import get_column_letter

    return [
        f"{get_column_letter(p.column)}{p.line}"
        if p.line and p.column and 0 < p.column <= 16384
        else ""
        for p in result.errors
    ]
