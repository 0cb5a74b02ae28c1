"""The Word renderer: lays a :class:`ReportModel` out on the reference document.

Only layout lives here: every number, label, status and footnote text comes from the model.
The order follows design §6: title page, contents, summary, one chapter per action line
(actions, then each indicator), changes since the previous report, annex.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpitrack.errors import ReportError

if TYPE_CHECKING:
    from kpitrack.report.model import ReportModel
    from kpitrack.report.templates import TemplateSet


def render_docx(
    model: ReportModel,
    out_path: Path,
    templates: TemplateSet,
    *,
    images: Mapping[str, Path] | None = None,
) -> None:
    """Write the Word report of ``model`` to ``out_path``, on ``reference.docx`` from ``templates``.

    ``images`` maps indicator ids to chart PNGs already exported; without it every chart is
    rendered here, all in one browser. Raises :class:`ReportError` when it cannot be written.
    """
    if images is not None:
        _write(model, out_path, templates, images)
        return
    with tempfile.TemporaryDirectory(prefix="kpitrack-charts-") as tmp:
        _write(model, out_path, templates, export_charts(model, Path(tmp)))


def export_charts(model: ReportModel, out_dir: Path) -> dict[str, Path]:
    """Render the chart of every indicator of ``model`` as PNG; ``{indicator id: path}``."""
    from kpitrack.report.charts import figure
    from kpitrack.report.images import export_pngs

    figures = [
        (indicator.id, figure(indicator.chart, model.lang))
        for line in model.action_lines
        for indicator in line.indicators
    ]
    return export_pngs(figures, out_dir)


def _write(
    model: ReportModel, out_path: Path, templates: TemplateSet, images: Mapping[str, Path]
) -> None:
    import docx

    from kpitrack.report import docx_xml
    from kpitrack.report.docx_body import BodyWriter

    reference = templates.path("reference.docx")
    try:
        document = docx.Document(str(reference))
    except Exception as exc:  # not a zip, no main part, broken XML: python-docx raises any
        raise ReportError(f"{reference}: not a usable Word document ({exc})") from exc

    _empty_body(document)
    writer = BodyWriter(document, model, images)
    writer.write_all()
    _fill_headers_and_footers(document, model, writer.label)
    docx_xml.enable_update_fields(document)
    docx_xml.set_document_language(document, model.lang)
    _set_properties(document, model, writer.label("report_kind"))
    try:
        docx_xml.save_stable(document, out_path, _stamp(model))
    except OSError as exc:
        raise ReportError(f"cannot write {out_path}: {exc}") from exc


def _empty_body(document: Any) -> None:
    """Drop the reference's body content; keep the final section (page size, header, footer)."""
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _fill_headers_and_footers(
    document: Any, model: ReportModel, label: Callable[[str], str]
) -> None:
    """Replace ``{title}`` and ``{page}`` in every header and footer of the reference."""
    import re

    from kpitrack.report import docx_xml

    title = model.title
    if model.draft:
        title = f"{title} — {label('draft').upper()}"
    page_template = label("page_x_of_y")
    for section in document.sections:
        parts = (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        )
        for part in parts:
            if part.is_linked_to_previous:
                continue
            for paragraph in part.paragraphs:
                text = paragraph.text
                if "{title}" not in text and "{page}" not in text:
                    continue
                paragraph.clear()
                for piece in re.split(r"(\{title\}|\{page\})", text):
                    if piece == "{title}":
                        paragraph.add_run(docx_xml.clean_text(title))
                    elif piece == "{page}":
                        docx_xml.add_page_x_of_y(paragraph, page_template)
                    elif piece:
                        paragraph.add_run(piece)


def _set_properties(document: Any, model: ReportModel, report_kind: str) -> None:
    from kpitrack.report.docx_xml import clean_text

    props = document.core_properties
    props.title = clean_text(f"{model.title} — {report_kind} {model.as_of}")
    props.subject = clean_text(report_kind)
    props.author = clean_text(model.owner)
    props.last_modified_by = clean_text(model.owner)
    props.keywords = clean_text(model.programme_id)
    props.comments = clean_text(f"{model.version} {model.snapshot_hash}".strip())
    props.category = "kpitrack"


def _stamp(model: ReportModel) -> datetime:
    """The report's own time (from the inputs, never the wall clock), for reproducible files."""
    for text in (model.generated_at, model.as_of_iso):
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime(1980, 1, 1, tzinfo=UTC)
