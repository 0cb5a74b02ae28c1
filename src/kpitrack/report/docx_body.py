"""The body of the Word report: headings, tables, charts and footnotes in the order of design §6.

Used by :mod:`kpitrack.report.docx`; imports python-docx at module level, so import it lazily.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from kpitrack.report import docx_xml
from kpitrack.report.docx_indicator import write_indicator
from kpitrack.report.model import (
    ActionLineSection,
    ActionRow,
    Commentary,
    ReportModel,
    StatusLabel,
    SummaryRow,
)

TABLE_STYLES = ("Kpitrack Table", "Table Grid")
SUMMARY_COLUMNS = 8  # action lines per summary table; more continue in a second table
KEEP_TOGETHER_ROWS = 15
TWIPS_PER_CM = 1440 / 2.54
Cell = str | StatusLabel | tuple[docx_xml.Segment, ...]
MUTED = "4B5563"  # the report's muted grey (report.css --muted), 7:1 on white


class BodyWriter:
    """Writes the whole body of one report into a document whose body is empty."""

    def __init__(self, document: Any, model: ReportModel, images: Mapping[str, Path]) -> None:
        self.doc = document
        self.model = model
        self.images = images
        self.notes = docx_xml.Footnotes(document)
        self.note_text = {note.number: note.text for note in model.footnotes}
        self.tables = 0
        self.figures = 0
        self.style_id = {style.name: style.style_id for style in document.styles}
        self.style_ids = set(self.style_id.values())
        self.table_style_id = next(
            (self.style_id[s] for s in TABLE_STYLES if s in self.style_id), None
        )
        self.cell_style_id = self.style_id.get("Table Text")
        self.pictures = docx_xml.Pictures(document)
        # Tables go in before the final section properties, like python-docx's own blocks.
        self.body = _BodyAppender(document.element.body)
        self.toc_paragraph: Any = None
        self.last_paragraph: Any = None
        self.toc_entries: list[tuple[int, str]] = []

    def label(self, key: str) -> str:
        """A UI text of the report language (every key is in ``model.texts``)."""
        return self.model.texts[key]

    def write_all(self) -> None:
        """Title page, contents, summary, action lines, changes, annex."""
        self.title_page()
        self.contents()
        self.summary()
        for line in self.model.action_lines:
            self.action_line(line)
        self.changes()
        self.annex()
        docx_xml.fill_toc(self.toc_paragraph, self.toc_entries, self.style_ids)

    # --- front matter ---------------------------------------------------------------------

    def title_page(self) -> None:
        m = self.model
        self.para(m.title, "Title")
        self.para(self.label("report_kind"), "Subtitle")
        # The draft mark is in the header of every page, this one included (docx.py).
        commit = m.definitions_commit
        if commit and m.definitions_modified:
            commit = f"{commit} ({self.label('commit_modified')})"
        facts = [
            ("as_of", m.as_of),
            ("period_covered", m.period_covered),
            ("version", m.version),
            ("commit", commit),
            ("owner", m.owner),
            ("snapshot", m.snapshot_hash),
        ]
        for key, value in facts:
            if value:
                self.labelled(self.label(key), value)
        self.last_paragraph.add_run().add_break(WD_BREAK.PAGE)

    def contents(self) -> None:
        self.para(self.label("toc"), "TOC Heading")
        self.toc_paragraph = self.para("")
        docx_xml.add_toc(self.toc_paragraph, self.label("toc_hint"))

    def summary(self) -> None:
        summary = self.model.summary
        self.heading(self.label("summary"), 1)
        if summary.key_messages is not None:
            self.heading(self.label("key_messages"), 2)
            self.commentary(summary.key_messages)
        self.heading(self.label("indicator_status"), 2)
        self.summary_table(
            self.label("summary_caption"), summary.indicator_statuses, indicators=True
        )
        self.heading(self.label("action_state"), 2)
        self.summary_table(self.label("action_state"), summary.action_states, indicators=False)
        key = " · ".join(f"{row.action_line_id} {row.title}" for row in summary.rows)
        self.para(key, "Caption")

    def summary_table(
        self, caption: str, statuses: Sequence[StatusLabel], *, indicators: bool
    ) -> None:
        """Statuses down, action lines across (ids): fits A4 portrait whatever the labels."""
        summary = self.model.summary
        lines = list(summary.rows)
        for start in range(0, max(len(lines), 1), SUMMARY_COLUMNS):
            chunk = lines[start : start + SUMMARY_COLUMNS]
            columns = [*chunk, summary.totals]
            counts = [_counts(row, indicators) for row in columns]
            headers: list[Cell] = [self.label("status")]
            headers += [row.action_line_id or self.label("total") for row in columns]
            body: list[list[Cell]] = [
                [status, *(c.get(status.code, "") for c in counts)] for status in statuses
            ]
            if indicators:
                body.append([self.label("indicators"), *(str(row.indicators) for row in columns)])
            width = 11.6 / len(columns)
            numeric = range(1, len(columns) + 1)
            self.table(caption, headers, body, [4.4] + [width] * len(columns), numeric=numeric)

    # --- action lines and indicators -------------------------------------------------------

    def action_line(self, line: ActionLineSection) -> None:
        self.heading(f"{line.id} {line.title}", 1)
        if line.summary:
            self.para(line.summary)
        if line.commentary is not None:
            self.commentary(line.commentary)
        self.heading(self.label("actions_heading"), 2)
        if line.actions:
            self.actions_table(self.label("actions_heading"), line.actions, with_kind=False)
        else:
            self.para(self.label("no_actions"))
        self.heading(self.label("indicators"), 2)
        if not line.indicators:
            self.para(self.label("no_indicators"))
        for indicator in line.indicators:
            write_indicator(self, indicator)

    # --- closing chapters --------------------------------------------------------------------

    def changes(self) -> None:
        self.heading(self.label("changes"), 1)
        if not self.model.changes:
            self.para(self.label("no_changes"))
            return
        keys = ("col_kind_change", "col_subject", "col_before", "col_after", "col_when", "col_who")
        body = [
            [c.kind_label, c.subject, c.before, c.after, c.when, c.who] for c in self.model.changes
        ]
        self.table(
            self.label("changes_caption"),
            [self.label(k) for k in keys],
            body,
            [2.6, 4.0, 2.3, 2.3, 2.4, 2.4],
        )

    def annex(self) -> None:
        annex = self.model.annex
        self.heading(self.label("annex"), 1)
        self.heading(self.label("method"), 2)
        for section in annex.method:
            self.heading(section.heading, 3)
            for text in section.paragraphs:
                self.para(text)
        self.heading(self.label("completeness"), 2)
        keys = ("col_partner", "col_expected", "col_with_data", "col_share")
        headers = [*(self.label(k) for k in keys), self.label("col_latest_submission")]
        body = [
            [r.partner, r.expected_text, r.with_data_text, r.share, r.latest_submission]
            for r in annex.completeness
        ]
        self.table(
            self.label("completeness_caption"),
            headers,
            body,
            [5.2, 2.4, 2.6, 2.2, 3.6],
            numeric=(1, 2, 3),
        )
        self.heading(self.label("all_actions"), 2)
        self.actions_table(self.label("all_actions_caption"), annex.actions, with_kind=True)

    # --- building blocks ---------------------------------------------------------------------

    def actions_table(self, caption: str, actions: Sequence[ActionRow], *, with_kind: bool) -> None:
        listed = {(a.kind, a.id) for a in actions}  # the annex lists milestones itself
        rows: list[ActionRow] = []
        for action in actions:
            rows.append(action)
            rows.extend(m for m in action.milestones if (m.kind, m.id) not in listed)
        keys = ["col_id", "col_action", "col_owner", "col_due", "col_state", "col_update"]
        widths = [1.5, 4.6, 3.4, 2.3, 2.0, 2.2]
        if with_kind:  # the annex: kind instead of the latest update, which the chapters show
            keys = ["col_id", "col_action", "col_kind", "col_owner", "col_due", "col_state"]
            widths = [1.6, 4.6, 1.6, 3.4, 2.5, 2.3]
        body: list[list[Cell]] = []
        for row in rows:
            update = ": ".join(t for t in (row.update_date, row.update_note) if t)
            # Without a kind column a milestone says what it is, muted as in the HTML.
            title: Cell = row.title
            if row.kind == "milestone":
                title = (
                    docx_xml.Segment(f"{row.kind_label}: ", colour=MUTED),
                    docx_xml.Segment(row.title),
                )
            cells: list[Cell] = [row.id, title, row.owner, row.due, row.state, update]
            if with_kind:
                cells = [row.id, row.title, row.kind_label, row.owner, row.due, row.state]
            body.append(cells)
        self.table(caption, [self.label(k) for k in keys], body, widths)

    def table(
        self,
        caption: str,
        headers: Sequence[Cell],
        body: Sequence[Sequence[Cell]],
        widths_cm: Sequence[float],
        *,
        notes: Sequence[int] = (),
        numeric: Iterable[int] = (),
    ) -> Any:
        """A captioned table with a repeating header row; ``notes`` footnote the caption.

        Columns whose index is in ``numeric`` are right-aligned, header included, so digits line
        up.
        """
        self.tables += 1
        cap = self.caption(f"{self.label('table_label')} {self.tables}. {caption}")
        cap.paragraph_format.keep_with_next = True
        self.footnotes(cap, notes)
        rows = [[self.segments(value) for value in row] for row in [headers, *body]]
        element = docx_xml.table_element(
            rows,
            [round(w * TWIPS_PER_CM) for w in widths_cm],
            style_id=self.table_style_id,
            cell_style_id=self.cell_style_id,
            caption=caption,
            right_aligned=frozenset(numeric),
            # A short table stays on one page (keep-with-next on every row but the last).
            keep_together=len(body) <= KEEP_TOGETHER_ROWS,
        )
        self.body.append(element)
        self.para("").paragraph_format.space_after = Pt(2)
        return Table(element, self.doc._body)

    def segments(self, value: Cell) -> list[docx_xml.Segment]:
        """A cell's runs: a status as bold, coloured symbol and words; text as is."""
        if isinstance(value, StatusLabel):
            colour = value.colour.lstrip("#")
            return [docx_xml.Segment(_status_text(value), True, colour if len(colour) == 6 else "")]
        if isinstance(value, tuple):
            return list(value)
        return [docx_xml.Segment(value)]

    def heading(self, text: str, level: int) -> Any:
        self.toc_entries.append((level, text))
        return self.para(text, f"Heading {level}")

    def para(self, text: str, style: str | None = None) -> Any:
        """A paragraph; a style the reference lacks falls back to Normal."""
        p = OxmlElement("w:p")
        style_id = self.style_id.get(style or "")
        if style_id is not None:  # by id: python-docx's lookup by name scans every style
            p.style = style_id
        self.body.append(p)
        paragraph = Paragraph(p, self.doc._body)
        if text:
            paragraph.add_run(docx_xml.clean_text(text))
        self.last_paragraph = paragraph
        return paragraph

    def caption(self, text: str) -> Any:
        return self.para(text, "Caption")

    def labelled(self, label: str, value: str) -> Any:
        """A ``Label: value`` paragraph with the label in bold."""
        paragraph = self.para("")
        paragraph.add_run(docx_xml.clean_text(f"{label}: " if value else label)).bold = True
        if value:
            paragraph.add_run(docx_xml.clean_text(value))
        return paragraph

    def commentary(self, commentary: Commentary) -> None:
        for text in commentary.paragraphs:
            self.para(text)

    def status_run(self, paragraph: Any, status: StatusLabel) -> None:
        """The status as symbol and words, coloured too (never by colour alone)."""
        run = paragraph.add_run(docx_xml.clean_text(_status_text(status)))
        run.bold = True
        colour = status.colour.lstrip("#")
        if len(colour) == 6:
            run.font.color.rgb = RGBColor.from_string(colour.upper())

    def footnotes(self, paragraph: Any, numbers: Sequence[int]) -> None:
        """Real footnotes at the end of ``paragraph``, marks separated by commas (not "23")."""
        first = True
        for number in numbers:
            text = self.note_text.get(number)
            if not text:
                continue
            if not first:  # styled as part of the marks, so the text around them stays clean
                docx_xml.add_note_separator(paragraph, ",")
            self.notes.add(paragraph, docx_xml.clean_text(text))
            first = False


class _BodyAppender:
    """Appends block elements to the body, before its final ``w:sectPr``.

    python-docx looks the ``w:sectPr`` up among all body children for every block it adds,
    which grows quadratic with a few thousand paragraphs; the end marker is found once here.
    """

    def __init__(self, body: Any) -> None:
        self._body = body
        self._sect_pr = body.find(qn("w:sectPr"))

    def append(self, element: Any) -> None:
        if self._sect_pr is not None:
            self._sect_pr.addprevious(element)
        else:
            self._body.append(element)


def _status_text(status: StatusLabel) -> str:
    return f"{status.icon} {status.label}".strip()


def _counts(row: SummaryRow, indicators: bool) -> dict[str, str]:
    counts = row.indicator_counts if indicators else row.action_counts
    return {count.status.code: count.count_text for count in counts}
