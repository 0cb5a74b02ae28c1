"""The report pipeline: load → compute → ReportModel → renderers (design §6).

:func:`write_reports` is what ``kpitrack report`` calls; :func:`build_report_model` turns a
workspace and the engine's :class:`ProgressReport` into the language-resolved
:class:`ReportModel` both renderers lay out. Nothing here recomputes a status.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack import i18n
from kpitrack.core.dates import source_date_epoch
from kpitrack.core.errors import ReportError, UsageError
from kpitrack.core.files import write_files
from kpitrack.core.layout import WorkspaceLayout, refuse_output_inside
from kpitrack.core.problems import Problem, errors_of
from kpitrack.i18n import local_text
from kpitrack.i18n.report_texts import compared_with, provenance_line, report_texts
from kpitrack.i18n.spelled import spelled
from kpitrack.measurements.model import ACTION_STATES
from kpitrack.progress.model import INDICATOR_STATES
from kpitrack.report.action_rows import action_rows as actions_of
from kpitrack.report.action_rows import method_sections
from kpitrack.report.change_rows import change_entries
from kpitrack.report.clean import cleaned
from kpitrack.report.completeness import completeness
from kpitrack.report.figures import status_of
from kpitrack.report.indicators import Footnotes, build_indicator
from kpitrack.report.markdown import check_commentary_directories, read_commentary
from kpitrack.report.model import (
    ActionLineSection,
    Annex,
    ChangeEntry,
    Commentary,
    ReportModel,
    Summary,
)
from kpitrack.report.summary import (
    SUMMARY_COLUMNS,
    action_state,
    headline,
    summary_rows,
    totals_row,
)
from kpitrack.workspace import COMMENTARY_SUMMARY

if TYPE_CHECKING:
    from kpitrack.progress.model import ProgressReport
    from kpitrack.report.templates import TemplateSet
    from kpitrack.report.verdicts import PreviousFigures
    from kpitrack.versioning.publishing import ReportVersioning
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
    received_by: date | None = None,
    reproduce: bool = False,
    on_written: Callable[[Path], None] | None = None,
    on_warning: Callable[[Problem], None] | None = None,
) -> list[Path]:
    """Build the report of the workspace at ``root`` and write it in each format; return paths.

    ``publish`` records the report in ``reports/published.yaml`` and drops the draft mark;
    ``previous`` (a git revision) replaces the last published report as the state that "changes
    since the previous report" compare with (see :mod:`kpitrack.versioning.publishing`);
    ``received_by`` uses only the submissions received up to that day; ``reproduce`` rebuilds
    the report published for ``as_of`` from its record (:mod:`kpitrack.report.reproduce`).
    Warnings (a plain commentary file serving one language) go to ``on_warning``.
    """
    from kpitrack.progress.engine import compute_progress

    root = Path(root)
    refuse_output_inside(root, out, "--out")  # before any work
    if "pdf" in formats:  # before anything is written: the PDF needs LibreOffice
        from kpitrack.report.pdf import find_libreoffice

        find_libreoffice()
    with contextlib.ExitStack() as stack:
        if reproduce:
            if publish or previous is not None or received_by is not None:
                raise UsageError(
                    "--reproduce rebuilds a published report from its record: it takes no "
                    "--publish, --previous or --received-by"
                )
            from kpitrack.report.reproduce import reproduction_inputs

            inputs = stack.enter_context(reproduction_inputs(root, as_of, lang))
        else:
            inputs = _inputs(root, as_of, lang, publish, previous, received_by)
        progress = compute_progress(inputs.workspace, as_of)
        model = model_for(inputs, progress, on_warning)
        built = _render(model, inputs, formats, out, as_of, on_written)
    written = write_files(built)
    if publish:
        from kpitrack.versioning.publishing import record

        record(
            root,
            inputs.versioning,
            as_of=as_of,
            lang=inputs.lang,
            files=written,
            progress=progress,
        )
    return written


def _render(
    model: ReportModel,
    inputs: ReportInputs,
    formats: list[str],
    out: Path,
    as_of: date,
    on_written: Callable[[Path], None] | None,
) -> list[tuple[Path, bytes]]:
    stem = f"{inputs.workspace.programme.id}_{as_of.isoformat()}_{inputs.lang}"
    # Every format is made in memory first and the files are renamed into place together, so
    # a failure (a broken template, a full disk) leaves no format of this run written.
    built: list[tuple[Path, bytes]] = []
    for fmt in formats:
        path = out / f"{stem}.{fmt}"
        if fmt == "html":
            from kpitrack.report.html import render_html

            built.append((path, render_html(model, inputs.templates).encode("utf-8")))
        elif fmt == "docx":
            from kpitrack.report.docx import docx_bytes

            built.append((path, docx_bytes(model, inputs.templates)))
        elif fmt == "pdf":
            from kpitrack.report.pdf import pdf_bytes

            built.append((path, pdf_bytes(model, inputs.templates)))
        else:
            raise UsageError(f"unknown report format {fmt!r}; use html, docx or pdf")
        if on_written is not None:
            on_written(path)
    return built


@dataclass(frozen=True)
class ReportInputs:
    """What one report is built from: the workspace (its store cut), language, versioning."""

    workspace: Workspace
    lang: str
    versioning: ReportVersioning
    templates: TemplateSet
    commentary_root: Path | None = None
    """Where the commentary is read from; None: the workspace's ``commentary/<as-of>/``."""


def report_language(workspace: Workspace, lang: str | None) -> str:
    """``lang``, or the first programme language kpitrack has words in; a usage error when the
    programme does not declare it or kpitrack has no words in it."""
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
    return lang


def _inputs(
    root: Path,
    as_of: date,
    lang: str | None,
    publish: bool,
    previous: str | None,
    day: date | None,
) -> ReportInputs:
    from kpitrack.report.templates import TemplateSet
    from kpitrack.versioning.cut import received_by, whole_store
    from kpitrack.versioning.publishing import prepare
    from kpitrack.workspace import load_workspace

    workspace = load_workspace(root)
    lang = report_language(workspace, lang)
    templates = TemplateSet.for_workspace(root)
    cut = received_by(root, day) if day is not None else whole_store(root)
    if not cut.whole:
        workspace = workspace.up_to(cut.last_seq)
    versioning = prepare(workspace, as_of, publish=publish, previous=previous, cut=cut)
    return ReportInputs(workspace, lang, versioning, templates)


def model_for(
    inputs: ReportInputs,
    progress: ProgressReport,
    on_warning: Callable[[Problem], None] | None = None,
) -> ReportModel:
    """The ReportModel of a report run: versioning facts turned into the model's words."""
    from kpitrack.report.verdicts import FigureThen, PreviousFigures

    workspace, lang, versioning = inputs.workspace, inputs.lang, inputs.versioning
    previous = versioning.previous
    figures: PreviousFigures | None = None
    label = ""
    if previous is not None:
        if previous.as_of is not None:
            label = compared_with(lang, report_date=i18n.format_date(previous.as_of, lang))
            then = None
            if previous.figures is not None:
                then = {
                    key: FigureThen(f.status, f.period, f.value)
                    for key, f in previous.figures.items()
                }
            figures = PreviousFigures(previous.as_of, then)
        else:
            label = compared_with(lang, commit=(previous.commit or previous.label)[:12])
    cut = versioning.cut
    received = cut.received_by if cut.received_by is not None else cut.last_day
    warnings: list[Problem] = []
    model = build_report_model(
        workspace,
        progress,
        lang,
        commentary_root=inputs.commentary_root,
        draft=versioning.draft,
        changes=None if previous is None else change_entries(versioning.changes, workspace, lang),
        snapshot_hash=versioning.provenance.snapshot,
        definitions_commit=versioning.provenance.commit or "",
        definitions_modified=versioning.provenance.draft,
        previous=figures,
        previous_report=label,
        prepared=versioning.prepared,
        received_up_to=received,
        warnings=warnings,
    )
    if on_warning is not None:
        for warning in warnings:
            on_warning(warning)
    return model


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
    previous: PreviousFigures | None = None,
    previous_report: str = "",
    prepared: date | None = None,
    received_up_to: date | None = None,
    warnings: list[Problem] | None = None,
) -> ReportModel:
    """The ReportModel of ``progress`` in ``lang``; reads only commentary Markdown files.

    ``changes`` are the changes since the previous report, worded (None: there is no previous
    report, and the report says it is the first); ``previous`` what the previous published
    report showed per indicator; ``previous_report`` names it. ``prepared`` is the preparation
    date (:func:`kpitrack.versioning.publishing.preparation_date`); ``now`` fixes
    ``generated_at`` instead — never the clock, so output is reproducible.
    ``definitions_commit`` names the git commit of the definitions (empty outside git);
    ``definitions_modified`` says they had uncommitted changes. Commentary warnings are
    appended to ``warnings``; a commentary file that matches nothing is a
    :class:`~kpitrack.core.errors.ReportError`.
    """
    from kpitrack.workspace import commentary_files

    programme = workspace.programme
    as_of = progress.as_of
    texts = report_texts(lang)
    review_required = programme.reporting.review == "required"
    if commentary_root is None:
        commentary_root = WorkspaceLayout(workspace.root).commentary(as_of)
        check_commentary_directories(commentary_root.parent, commentary_root)
    else:
        check_commentary_directories(commentary_root)
    found = commentary_files(commentary_root, programme, workspace.indicators)
    errors = errors_of(found.problems)
    if errors:
        raise ReportError(f"cannot use the commentary in {commentary_root}", errors)
    if warnings is not None:
        warnings.extend(found.problems)

    def commentary(name: str) -> Commentary | None:
        path = found.files.get((name, lang))
        return read_commentary(path) if path is not None else None

    footnotes = Footnotes()
    by_id = {p.id: p for p in progress.indicators}

    def fmt_date(d: date) -> str:
        return i18n.format_date(d, lang)

    partners = {p.id: local_text(p.name, lang) for p in programme.partners}
    action_rows = actions_of(workspace, progress, lang, texts, partners)
    rows = summary_rows(workspace, progress, lang)
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
                commentary(indicator.id),
                previous=previous,
                as_of=as_of,
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
                commentary=commentary(al.id),
                actions=tuple(a for a in action_rows if a.action_line_id == al.id),
                indicators=indicator_sections,
            )
        )
    thresholds = programme.status
    commit = definitions_commit
    snapshot = _snapshot_hash(workspace.root) if snapshot_hash is None else snapshot_hash
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
        snapshot_hash=snapshot,
        generated_at=_generated_at(as_of, now, prepared),
        draft=draft,
        texts=texts,
        summary=Summary(
            indicator_statuses=tuple(status_of(s, lang) for s in SUMMARY_COLUMNS),
            action_states=tuple(action_state(s, lang) for s in ACTION_STATES),
            rows=rows,
            totals=totals_row(progress, texts["total"], lang),
            key_messages=commentary(COMMENTARY_SUMMARY),
            headline=headline(workspace, progress, lang),
        ),
        action_lines=tuple(sections),
        changes=tuple(changes) if changes is not None else (),
        annex=Annex(
            method=method_sections(
                lang,
                on_track=i18n.format_percent(thresholds.on_track, lang),
                at_risk=i18n.format_percent(thresholds.at_risk, lang),
                stale_periods=spelled(2, lang),
                deadline=spelled(programme.reporting.deadline, lang),
            ),
            completeness=completeness(workspace, progress, lang),
            actions=tuple(r for a in action_rows for r in (a, *a.milestones)),
            provenance=provenance_line(lang, commit=bool(commit), snapshot=bool(snapshot)),
            review_required=review_required,
            review_note=texts["completeness_review_note"].format(
                mark=i18n.flag_label("unreviewed", lang)
            )
            if review_required
            else "",
        ),
        footnotes=tuple(footnotes.items),
        status_legend=(
            *(status_of(s, lang) for s in INDICATOR_STATES),
            *(action_state(s, lang) for s in ACTION_STATES),
        ),
        definitions_commit=commit,
        definitions_modified=definitions_modified and bool(commit),
        prepared=fmt_date(prepared) if prepared is not None else "",
        received_up_to=fmt_date(received_up_to) if received_up_to is not None else "",
        references=tuple(local_text(r, lang) for r in programme.references),
        commitments=tuple(local_text(c, lang) for c in programme.commitments),
        previous_report=previous_report if changes is not None else "",
    )
    return cleaned(model)


def _generated_at(as_of: date, now: datetime | None, prepared: date | None) -> str:
    if now is not None:
        return now.isoformat()
    if prepared is not None:  # SOURCE_DATE_EPOCH's day, else derived from the data
        return prepared.isoformat()
    moment = source_date_epoch()
    if moment is not None:
        return moment.isoformat()
    return as_of.isoformat()  # only a report that nothing else dates


def _snapshot_hash(root: Path) -> str:
    try:
        from kpitrack.measurements.store import snapshot_hash
    except ImportError:  # the store module is optional for a definitions-only workspace
        return ""
    return str(snapshot_hash(root))
