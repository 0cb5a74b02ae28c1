"""The partner's pages: what to deliver, the template, the upload and its located errors."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.uploads import uploaders
from kpitrack.core.errors import KpitrackError
from kpitrack.definitions.models import Indicator
from kpitrack.intake.submit import SubmissionResult
from kpitrack.intake.template import periods_to_fill, write_templates
from kpitrack.measurements.actions import action_owners
from kpitrack.measurements.model import Observation
from kpitrack.portal.history import submission_history
from kpitrack.portal.submissions import people_names
from kpitrack.portal.uploads import Upload, safe_name, store_upload
from kpitrack.portal.web import Visit, not_found, page, too_large
from kpitrack.progress.engine import compute_progress
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
    actions = [a for a in compute_progress(workspace, today).actions if a.id in owned]
    years = list(range(programme.period.start.year, programme.period.end.year + 1))
    return Deliverables(rows, actions, years)


@page("partner")
async def dashboard(visit: Visit) -> Response:
    partner = visit.person.partner or ""
    mine = deliverables(visit.workspace, partner, date.today())
    with open_accounts(visit.config.root) as db:
        people = uploaders(db)
    history = submission_history(visit.workspace, partner=partner, people=people)[:RECENT]
    titles = {a.id: a.title for _, a in visit.workspace.actions()}
    titles.update({m.id: m.title for _, _, m in visit.workspace.milestones()})
    visit.log("dashboard")
    return visit.render(
        "dashboard.html",
        partner=visit.workspace.partner(partner),
        mine=mine,
        history=history,
        action_titles=titles,
        names=people_names(visit),
    )


@page("partner")
async def template(visit: Visit) -> Response:
    query = visit.request.query_params
    fmt, part, period = query.get("format", "xlsx"), query.get("part", "measurements"), None
    partner = visit.person.partner or ""
    mine = deliverables(visit.workspace, partner, date.today())
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


@page("partner")
async def upload(visit: Visit) -> Response:
    assert visit.form is not None
    sent = visit.form.get("file")
    if not isinstance(sent, UploadFile) or not sent.filename:
        return visit.render(
            "upload.html", 422, result=None, missing=True, cells=[], check_only=False
        )
    if sent.size is not None and sent.size > visit.config.max_upload_bytes:
        await sent.close()
        return too_large(visit)
    check_only = visit.form.get("check") == "1"
    upload = Upload(
        name=safe_name(sent.filename),
        content=sent.file,
        partner=visit.person.partner or "",
        person_id=visit.person.person_id,
        check_only=check_only,
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
    if result.accepted and result.seq is not None:
        visit.log("upload.stored", seq=result.seq, rows=result.rows, revisions=result.revisions)
        return visit.redirect(f"/submissions/{result.seq}?stored=1")
    if result.accepted:
        visit.log("upload.checked", rows=result.rows)
        return visit.render("upload.html", result=result, cells=[], missing=False, check_only=True)
    visit.log("upload.rejected", errors=result.total_errors, file_kind=result.kind)
    return visit.render(
        "upload.html",
        422,
        result=result,
        cells=cell_names(result),
        missing=False,
        check_only=check_only,
    )


def cell_names(result: SubmissionResult) -> list[str]:
    """The spreadsheet cell of each error (``D14``), or "" when it has no row or column."""
    from openpyxl.utils import get_column_letter

    return [
        f"{get_column_letter(p.column)}{p.line}"
        if p.line and p.column and 0 < p.column <= 16384
        else ""
        for p in result.errors
    ]
