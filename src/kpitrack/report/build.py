"""The report pipeline: load → compute → ReportModel → renderers (design §6).

:func:`write_reports` is what ``kpitrack report`` calls; :func:`build_report_model` turns a
workspace and the engine's :class:`ProgressReport` into the language-resolved
:class:`ReportModel` both renderers lay out. Nothing here recomputes a status.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack import i18n
from kpitrack.core.dates import source_date_epoch
from kpitrack.core.errors import UsageError
from kpitrack.core.files import write_files
from kpitrack.core.layout import WorkspaceLayout, refuse_output_inside
from kpitrack.i18n import local_text
from kpitrack.i18n.report_texts import method_texts, report_texts
from kpitrack.measurements.model import ACTION_STATES
from kpitrack.progress.model import INDICATOR_STATES
from kpitrack.report.changes import change_entries, derived_changes
from kpitrack.report.clean import cleaned
from kpitrack.report.completeness import completeness
from kpitrack.report.indicators import Footnotes, build_indicator, slug, status_of
from kpitrack.report.markdown import check_commentary_directories, read_commentary
from kpitrack.report.model import (
    ActionLineSection,
    ActionRow,
    Annex,
    ChangeEntry,
    MethodSection,
    ReportModel,
    StatusCount,
    StatusLabel,
    Summary,
    SummaryRow,
)
from kpitrack.report.texts import ACTION_COLOURS, ACTION_ICONS

if TYPE_CHECKING:
    from kpitrack.progress.model import ActionProgress, ProgressReport
    from kpitrack.workspace import Workspace


def write_reports(
    root: Path,
    *,
    as_of: date,
    lang: str | None,
    formats: list[str],
    out: Path,
    publish: bool = False,
    previous: str | None = None,
    on_written: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Build the report of the workspace at ``root`` and write it in each format; return paths.

    ``publish`` records the report in ``reports/published.yaml`` and drops the draft mark;
    ``previous`` (a git revision) replaces the last published report as the state that "changes
    since the previous report" compare with (see :mod:`kpitrack.versioning.publishing`).
    """
    from kpitrack.progress.engine import compute_progress
    from kpitrack.report.templates import TemplateSet
    from kpitrack.workspace import load_workspace

    root = Path(root)
    refuse_output_inside(root, out, "--out")  # before any work
    if "pdf" in formats:  # before anything is written: the PDF needs LibreOffice
        from kpitrack.report.pdf import find_libreoffice

        find_libreoffice()
    workspace = load_workspace(root)
    languages = workspace.languages
    available = [code for code in languages if code in i18n.catalogue_languages()]
    lang = lang or (available or languages)[0]
    if lang not in available:
        raise UsageError(
            f"--lang {lang!r}: this programme's reports can be written in "
            f"{', '.join(available) or 'no language'} (its languages are "
            f"{', '.join(languages)}; kpitrack has words in "
            f"{', '.join(i18n.catalogue_languages())})"
        )
    templates = TemplateSet.for_workspace(root)
    progress = compute_progress(workspace, as_of)
    from kpitrack.versioning.publishing import prepare, record

    versioning = prepare(workspace, as_of, publish=publish, previous=previous)
    model = build_report_model(
        workspace,
        progress,
        lang,
        draft=versioning.draft,
        changes=None
        if versioning.previous is None
        else change_entries(versioning.changes, workspace, lang),
        snapshot_hash=versioning.provenance.snapshot,
        definitions_commit=versioning.provenance.commit or "",
        definitions_modified=versioning.provenance.draft,
    )
    stem = f"{workspace.programme.id}_{as_of.isoformat()}_{lang}"
    # Every format is made in memory first and the files are renamed into place together, so
    # a failure (a broken template, a full disk) leaves no format of this run written.
    built: list[tuple[Path, bytes]] = []
    for fmt in formats:
        path = out / f"{stem}.{fmt}"
        if fmt == "html":
            from kpitrack.report.html import render_html

            built.append((path, render_html(model, templates).encode("utf-8")))
        elif fmt == "docx":
            from kpitrack.report.docx import docx_bytes

            built.append((path, docx_bytes(model, templates)))
        elif fmt == "pdf":
            from kpitrack.report.pdf import pdf_bytes

            built.append((path, pdf_bytes(model, templates)))
        else:
            raise UsageError(f"unknown report format {fmt!r}; use html, docx or pdf")
        if on_written is not None:
            on_written(path)
    written = write_files(built)
    if publish:
        record(root, versioning, as_of=as_of, lang=lang, files=written)
    return written


def build_report_model(
    workspace: Workspace,
    progress: ProgressReport,
    lang: str,
    *,
    commentary_root: Path | None = None,
    changes: Iterable[ChangeEntry] | None = None,
    now: datetime | None = None,
    snapshot_hash: str | None = None,
    draft: bool = True,
    definitions_commit: str = "",
    definitions_modified: bool = False,
) -> ReportModel:
    """The ReportModel of ``progress`` in ``lang``; reads only commentary Markdown files.

    ``changes`` replaces the changes derived from the store (revised figures and target
    revisions since the previous reporting period). ``now`` fixes ``generated_at``; by default it
    comes from ``SOURCE_DATE_EPOCH`` or the as-of date, never the clock, so output is
    reproducible. ``definitions_commit`` names the git commit of the definitions (empty
    outside git); ``definitions_modified`` says they had uncommitted changes.
    """
    programme = workspace.programme
    as_of = progress.as_of
    texts = report_texts(lang)
    if commentary_root is None:
        commentary_root = WorkspaceLayout(workspace.root).commentary(as_of)
        check_commentary_directories(commentary_root.parent, commentary_root)
    else:
        check_commentary_directories(commentary_root)
    footnotes = Footnotes()
    by_id = {p.id: p for p in progress.indicators}

    def fmt_date(d: date) -> str:
        return i18n.format_date(d, lang)

    partners = {p.id: local_text(p.name, lang) for p in programme.partners}
    action_rows = _action_rows(workspace, progress, lang, texts, partners)
    rows = tuple(
        _summary_row(al.id, local_text(al.title, lang), progress, lang)
        for al in programme.action_lines
    )
    sections: list[ActionLineSection] = []
    for al, row in zip(programme.action_lines, rows, strict=True):
        indicator_sections = tuple(
            build_indicator(
                indicator,
                by_id[indicator.id],
                programme,
                lang,
                texts,
                footnotes,
                read_commentary(commentary_root / f"{indicator.id}.md"),
            )
            for indicator in sorted(workspace.indicators_of(al.id), key=lambda i: i.id)
            if indicator.id in by_id
        )
        sections.append(
            ActionLineSection(
                id=al.id,
                anchor=row.anchor,
                title=local_text(al.title, lang),
                summary=local_text(al.summary, lang),
                counts=row,
                commentary=read_commentary(commentary_root / f"{al.id}.md"),
                actions=tuple(a for a in action_rows if a.action_line_id == al.id),
                indicators=indicator_sections,
            )
        )
    thresholds = programme.status
    # Every text, once: notes, programme texts and commentary lose control characters and bidi
    # overrides here, so both renderers show exactly the same words.
    model = ReportModel(
        lang=lang,
        programme_id=programme.id,
        title=local_text(programme.title, lang),
        owner=programme.owner,
        period_covered=f"{fmt_date(programme.period.start)} – {fmt_date(programme.period.end)}",
        period_start_iso=programme.period.start.isoformat(),
        period_end_iso=programme.period.end.isoformat(),
        as_of=fmt_date(as_of),
        as_of_iso=as_of.isoformat(),
        version=programme.version,
        snapshot_hash=_snapshot_hash(workspace.root) if snapshot_hash is None else snapshot_hash,
        generated_at=_generated_at(as_of, now),
        draft=draft,
        texts=texts,
        summary=Summary(
            indicator_statuses=tuple(status_of(s, lang) for s in INDICATOR_STATES),
            action_states=tuple(_action_state(s, lang) for s in ACTION_STATES),
            rows=rows,
            totals=_totals(rows, texts["total"], lang),
            key_messages=read_commentary(commentary_root / "summary.md"),
        ),
        action_lines=tuple(sections),
        changes=tuple(changes)
        if changes is not None
        else derived_changes(workspace, progress, lang, texts, partners),
        annex=Annex(
            method=method_sections(
                lang,
                on_track=i18n.format_percent(thresholds.on_track, lang),
                at_risk=i18n.format_percent(thresholds.at_risk, lang),
                stale_periods=i18n.format_number(2, lang),
            ),
            completeness=completeness(workspace, progress, lang),
            actions=tuple(r for a in action_rows for r in (a, *a.milestones)),
        ),
        footnotes=tuple(footnotes.items),
        status_legend=(
            *(status_of(s, lang) for s in INDICATOR_STATES),
            *(_action_state(s, lang) for s in ACTION_STATES),
        ),
        definitions_commit=definitions_commit,
        definitions_modified=definitions_modified and bool(definitions_commit),
    )
    return cleaned(model)


def method_sections(
    lang: str, *, on_track: str, at_risk: str, stale_periods: str
) -> tuple[MethodSection, ...]:
    """The method annex in ``lang``, thresholds already formatted (words from i18n)."""
    texts = method_texts(lang, on_track=on_track, at_risk=at_risk, stale_periods=stale_periods)
    return tuple(MethodSection(heading, paragraphs) for heading, paragraphs in texts)


def _action_state(state: str, lang: str) -> StatusLabel:
    return StatusLabel(
        code=state,
        label=i18n.action_state_label(state, lang),
        icon=ACTION_ICONS.get(state, "•"),
        colour=ACTION_COLOURS.get(state, "#4b5563"),
    )


def _counts(
    labels: Iterable[StatusLabel], counts: dict[str, int], lang: str
) -> tuple[StatusCount, ...]:
    return tuple(
        StatusCount(
            status=label,
            count=counts.get(label.code, 0),
            count_text=i18n.format_number(counts.get(label.code, 0), lang),
        )
        for label in labels
    )


def _summary_row(al_id: str, title: str, progress: ProgressReport, lang: str) -> SummaryRow:
    line = next((a for a in progress.action_lines if a.id == al_id), None)
    indicator_counts = dict(line.counts) if line else {}
    action_counts = dict(line.actions) if line else {}
    return SummaryRow(
        action_line_id=al_id,
        title=title,
        anchor=f"al-{slug(al_id)}",
        indicator_counts=_counts(
            (status_of(s, lang) for s in INDICATOR_STATES), indicator_counts, lang
        ),
        action_counts=_counts((_action_state(s, lang) for s in ACTION_STATES), action_counts, lang),
        indicators=sum(indicator_counts.values()),
    )


def _totals(rows: tuple[SummaryRow, ...], title: str, lang: str) -> SummaryRow:
    def total(attr: str) -> dict[str, int]:
        sums: dict[str, int] = {}
        for row in rows:
            for cell in getattr(row, attr):
                sums[cell.status.code] = sums.get(cell.status.code, 0) + cell.count
        return sums

    return SummaryRow(
        action_line_id="",
        title=title,
        anchor="summary",
        indicator_counts=_counts(
            (status_of(s, lang) for s in INDICATOR_STATES), total("indicator_counts"), lang
        ),
        action_counts=_counts(
            (_action_state(s, lang) for s in ACTION_STATES), total("action_counts"), lang
        ),
        indicators=sum(r.indicators for r in rows),
    )


def _action_rows(
    workspace: Workspace,
    progress: ProgressReport,
    lang: str,
    texts: dict[str, str],
    partners: dict[str, str],
) -> tuple[ActionRow, ...]:
    states = {a.id: a for a in progress.actions}

    def row(item: ActionProgress, title: object, milestones: tuple[ActionRow, ...]) -> ActionRow:
        update_date = ""
        if item.update_date:
            update_date = i18n.format_date(date.fromisoformat(item.update_date[:10]), lang)
        return ActionRow(
            id=item.id,
            kind=item.kind,
            kind_label=texts[item.kind],
            parent=item.parent or "",
            action_line_id=item.action_line,
            title=local_text(title, lang),
            owner=partners.get(item.owner, item.owner),
            due=i18n.format_date(item.due, lang),
            due_iso=item.due.isoformat(),
            state=_action_state(item.state, lang),
            update_date=update_date,
            update_note=item.update_note or "",
            milestones=milestones,
        )

    rows: list[ActionRow] = []
    for _line, action in workspace.actions():
        if action.id not in states:
            continue
        milestones = tuple(
            row(states[m.id], m.title, ()) for m in action.milestones if m.id in states
        )
        rows.append(row(states[action.id], action.title, milestones))
    return tuple(rows)


def _generated_at(as_of: date, now: datetime | None) -> str:
    if now is not None:
        return now.isoformat()
    moment = source_date_epoch()
    if moment is not None:
        return moment.isoformat()
    return as_of.isoformat()


def _snapshot_hash(root: Path) -> str:
    try:
        from kpitrack.measurements.store import snapshot_hash
    except ImportError:  # the store module is optional for a definitions-only workspace
        return ""
    return str(snapshot_hash(root))
