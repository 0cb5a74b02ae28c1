"""The Word renderer: lays a :class:`ReportModel` out on the reference document.

Only layout lives here: every number, label, status and footnote text comes from the model.
The order follows design §6: title page, contents, summary, one chapter per action line
(actions, then each indicator), changes since the previous report, annex.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpitrack.core.errors import ReportError
from kpitrack.core.files import write_file

if TYPE_CHECKING:
    from kpitrack.report.model import ReportModel
    from kpitrack.report.templates import TemplateSet


def render_docx(model: ReportModel, out_path: Path, templates: TemplateSet) -> None:
    """Write the Word report of ``model`` to ``out_path``, on ``reference.docx`` from ``templates``.

    Charts are native Word charts (DrawingML), drawn by Word or LibreOffice themselves: no
    browser is needed. Raises :class:`ReportError` when the report cannot be made and
    :class:`~kpitrack.core.errors.OutputError` when it cannot be written.
    """
    write_file(out_path, docx_bytes(model, templates))


def docx_bytes(model: ReportModel, templates: TemplateSet) -> bytes:
    """The Word report of ``model`` as the bytes of a .docx file (nothing is written)."""
    import docx

    from kpitrack.report import docx_xml
    from kpitrack.report.docx_body import BodyWriter
    from kpitrack.report.docx_fields import enable_update_fields

    reference = templates.path("reference.docx")
    data = templates.read_bytes("reference.docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # not a zip, no main part, broken XML: python-docx raises any
        raise ReportError(f"{reference}: not a usable Word document ({exc})") from exc

    _empty_body(document)
    writer = BodyWriter(document, model)
    writer.write_all()
    _fill_headers_and_footers(document, model, writer.label)
    enable_update_fields(document)
    docx_xml.set_document_language(document, model.lang)
    docx_xml.set_widow_control(document)
    _set_properties(document, model, writer.label("report_kind"))
    return docx_xml.stable_bytes(document, _stamp(model))


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
    """Fill ``{title}`` and ``{page}`` in the headers and footers; mark every page a draft.

    The draft mark goes into every header the document shows (first page, odd and even pages),
    after the title where the reference has ``{title}``, else on a line of its own, so a
    workspace's own reference document cannot lose it.
    """
    page_template = label("page_x_of_y")
    draft = label("draft").upper() if model.draft else ""
    even = bool(document.settings.odd_and_even_pages_header_footer)
    for index, section in enumerate(document.sections):
        headers = [section.header]
        footers = [section.footer]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
            footers.append(section.first_page_footer)
        if even:
            headers.append(section.even_page_header)
            footers.append(section.even_page_footer)
        for part in footers:
            if not part.is_linked_to_previous:
                _fill_part(part, model.title, page_template, "")
        for part in headers:
            if part.is_linked_to_previous and (index > 0 or not draft):
                continue  # shows the previous section's header, or none at all
            marked = False
            if not part.is_linked_to_previous:
                marked = _fill_part(part, model.title, page_template, draft)
            if draft and not marked:
                _draft_run(_first_empty_or_new_paragraph(part), draft)


def _fill_part(part: Any, title: str, page_template: str, draft: str) -> bool:
    """Replace the placeholders of one header or footer; True when the draft mark was put in."""
    import re

    from kpitrack.report.docx_fields import add_page_x_of_y
    from kpitrack.report.docx_text import clean_text

    marked = False
    for paragraph in part.paragraphs:
        text = paragraph.text
        if "{title}" not in text and "{page}" not in text:
            continue
        paragraph.clear()
        for piece in re.split(r"(\{title\}|\{page\})", text):
            if piece == "{title}":
                paragraph.add_run(clean_text(title))
                if draft and not marked:
                    paragraph.add_run(" — ")
                    _draft_run(paragraph, draft)
                    marked = True
            elif piece == "{page}":
                add_page_x_of_y(paragraph, page_template)
            elif piece:
                paragraph.add_run(piece)
    return marked


def _first_empty_or_new_paragraph(part: Any) -> Any:
    paragraphs = part.paragraphs
    if paragraphs and not paragraphs[0].text.strip():
        return paragraphs[0]
    if paragraphs:
        return paragraphs[0].insert_paragraph_before()
    return part.add_paragraph()


def _draft_run(paragraph: Any, text: str) -> None:
    from docx.shared import RGBColor

    from kpitrack.report.docx_text import clean_text

    run = paragraph.add_run(clean_text(text))
    run.bold = True
    run.font.color.rgb = RGBColor(0xA4, 0x16, 0x1A)  # the deteriorating red: 7:1 on white


def _set_properties(document: Any, model: ReportModel, report_kind: str) -> None:
    props = document.core_properties
    props.title = _property(f"{model.title} — {report_kind} {model.as_of}")
    props.subject = _property(report_kind)
    props.author = _property(model.owner)
    props.last_modified_by = _property(model.owner)
    props.keywords = _property(model.programme_id)
    props.comments = _property(f"{model.version} {model.snapshot_hash}".strip())
    props.category = "kpitrack"


PROPERTY_LIMIT = 255
"""Word's limit on a core document property (title, subject, ...); python-docx refuses more."""


def _property(text: str) -> str:
    """A core property value: characters XML forbids removed, cut to :data:`PROPERTY_LIMIT`."""
    from kpitrack.report.docx_text import clean_text

    value = clean_text(text)
    return value if len(value) <= PROPERTY_LIMIT else value[: PROPERTY_LIMIT - 1] + "…"


def _stamp(model: ReportModel) -> datetime:
    """The report's own time (from the inputs, never the wall clock), for reproducible files."""
    for text in (model.generated_at, model.as_of_iso):
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime(1980, 1, 1, tzinfo=UTC)
