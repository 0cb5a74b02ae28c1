"""The body of the Word report: its chapters in the order of design §6.

Used by :mod:`kpitrack.report.docx`; imports python-docx at module level, so import it lazily.
The building blocks (paragraphs, tables, footnotes, charts) are in
:mod:`kpitrack.report.docx_blocks`, one indicator's part in :mod:`kpitrack.report.docx_indicator`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.text import WD_BREAK
from docx.shared import Cm

from kpitrack.report.docx_blocks import Blocks, Cell
from kpitrack.report.docx_fields import add_toc, fill_toc
from kpitrack.report.docx_indicator import write_indicator
from kpitrack.report.docx_tables import Segment
from kpitrack.report.model import ActionLineSection, ActionRow, ReportModel, StatusLabel, SummaryRow

TOC_LEVELS = 3  # heading levels in the table of contents
SUMMARY_COLUMNS = 8  # action lines per summary table; more continue in a second table
MUTED = "4B5563"  # the report's muted grey (report.css --muted), 7:1 on white
LATE = "A4161A"  # the overdue red (ACTION_COLOURS), 7:1 on white


class BodyWriter(Blocks):
    """Writes the whole body of one report into a document whose body is empty."""

    def __init__(self, document: Any, model: ReportModel) -> None:
        super().__init__(document, model)
        self.toc_paragraph: Any = None

    def write_all(self) -> None:
        """Title page, contents, summary, action lines, changes, annex."""
        self.title_page()
        self.contents()
        self.summary()
        for line in self.model.action_lines:
            self.action_line(line)
        self.changes()
        self.annex()
        # The contents field lists headings 1–3 (TOC \o "1-3"), so does its first result.
        listed = [(level, text) for level, text in self.toc_entries if level <= TOC_LEVELS]
        fill_toc(self.toc_paragraph, listed, self.style_ids)

    # --- front matter ---------------------------------------------------------------------

    def title_page(self) -> None:
        m = self.model
        self.para(m.title, "Title")
        self.para(self.label("report_kind"), "Subtitle")
        # The draft mark is in the header of every page, this one included (docx.py). The
        # commit and the data snapshot are in the annex: a reader of the title page needs dates.
        facts = [
            ("as_of", m.as_of),
            ("period_covered", m.period_covered),
            ("generated", m.prepared),
            ("received_up_to", m.received_up_to),
            ("version", m.version),
            ("owner", m.owner),
        ]
        for key, value in facts:
            if value:
                self.labelled(self.label(key), value)
        for key, items in (("references", m.references), ("commitments", m.commitments)):
            if items:
                self.labelled(self.label(key), "").paragraph_format.keep_with_next = True
                for item in items:
                    # Indented lines, not a bulleted list: the bullet's symbol font is one the
                    # report does not use.
                    self.para(item).paragraph_format.left_indent = Cm(0.6)
        self.last_paragraph.add_run().add_break(WD_BREAK.PAGE)

    def contents(self) -> None:
        self.para(self.label("toc"), "TOC Heading")
        self.toc_paragraph = self.para("")
        add_toc(self.toc_paragraph, self.label("toc_hint"))

    def summary(self) -> None:
        summary = self.model.summary
        # The chapters follow on from each other (a chapter on a fresh page leaves half-empty
        # pages after short ones); only the summary starts a page, after the contents.
        self.heading(self.label("summary"), 1).paragraph_format.page_break_before = True
        if summary.headline:
            self.heading(self.label("headline"), 2)
            for text in summary.headline:
                self.para(text)
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
        self.para(self.label("summary_note"), "Caption")

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
            numeric = range(1, len(columns) + 1)
            self.table(caption, headers, body, numeric=numeric)

    # --- action lines and indicators -------------------------------------------------------

    def action_line(self, line: ActionLineSection) -> None:
        self.heading(f"{line.id} {line.title}", 1)
        if line.summary:
            self.para(line.summary)
        if line.commentary is not None:
            self.commentary(line.commentary)
        self.heading(self.label("actions_heading"), 2)
        if line.actions:
            self.actions_table(self.label("actions_heading"), line.actions, annex=False)
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
        if not self.model.previous_report:
            self.para(self.label("first_report"))
            return
        since = self.para(self.model.previous_report)
        if not self.model.changes:
            self.para(self.label("no_changes"))
            return
        # The sentence naming the previous report introduces the table: never alone on a page.
        since.paragraph_format.keep_with_next = True
        keys = ("col_kind_change", "col_subject", "col_before", "col_after", "col_when", "col_who")
        body = [
            [c.kind_label, c.subject, c.before, c.after, c.when, c.who] for c in self.model.changes
        ]
        self.table(self.label("changes_caption"), [self.label(k) for k in keys], body, nowrap=(4,))

    def annex(self) -> None:
        annex = self.model.annex
        self.heading(self.label("annex"), 1)
        self.heading(self.label("method"), 2)
        for section in annex.method:
            # Level 4, as in the HTML: the parts of the method stay out of the contents.
            self.heading(section.heading, 4)
            for text in section.paragraphs:
                self.para(text)
        self.heading(self.label("completeness"), 2)
        keys = ("col_partner", "col_expected", "col_with_data", "col_share")
        headers = [self.label(k) for k in (*keys, "col_latest_submission", "col_warnings")]
        body = [
            [
                r.partner,
                r.expected_text,
                r.with_data_text,
                r.share or "–",
                r.latest_submission or "–",
                r.warnings_text or "–",
            ]
            for r in annex.completeness
        ]
        numeric: tuple[int, ...] = (1, 2, 3)
        if annex.review_required:  # the figures not yet approved, counted apart, last
            headers.append(self.label("col_unreviewed"))
            body = [
                [*row, r.unreviewed_text] for row, r in zip(body, annex.completeness, strict=True)
            ]
            numeric = (1, 2, 3, 6)
        self.table(self.label("completeness_caption"), headers, body, numeric=numeric, nowrap=(4,))
        if annex.review_note:
            self.para(annex.review_note, "Caption")
        self.para(self.label("completeness_warnings_note"), "Caption")
        self.heading(self.label("all_actions"), 2)
        self.actions_table(self.label("all_actions_caption"), annex.actions, annex=True)
        self.heading(self.label("provenance"), 2)
        if annex.provenance:
            self.para(annex.provenance)
        commit = self.model.definitions_commit
        if commit and self.model.definitions_modified:
            commit = f"{commit} ({self.label('commit_modified')})"
        for key, value in (("commit", commit), ("snapshot", self.model.snapshot_hash)):
            if value:
                self.labelled(self.label(key), value)

    # --- building blocks ---------------------------------------------------------------------

    def actions_table(self, caption: str, actions: Sequence[ActionRow], *, annex: bool) -> None:
        """Actions with their milestones; the chapters show each latest update, the annex not."""
        listed = {(a.kind, a.id) for a in actions}  # the annex lists milestones itself
        rows: list[ActionRow] = []
        for action in actions:
            rows.append(action)
            rows.extend(m for m in action.milestones if (m.kind, m.id) not in listed)
        # Ids and dates on one line; titles, owners and states wrap between words ("geen /
        # voortgangsmelding"). A milestone says what it is before its title, muted as in the
        # HTML; the latest update goes under the title: as columns of their own, beside the
        # columns that cannot shrink, they would be left a few letters wide.
        keys = ["col_id", "col_action", "col_owner", "col_due", "col_state"]
        headers: list[Cell] = [self.label(k) for k in keys]
        if not annex:
            headers[1] = (
                Segment(self.label("col_action")),
                Segment(self.label("col_update"), colour=MUTED, new_paragraph=True),
            )
        body: list[list[Cell]] = []
        for row in rows:
            title: tuple[Segment, ...] = (Segment(row.title),)
            if row.kind == "milestone":
                title = (Segment(f"{row.kind_label}{self.label('colon')} ", colour=MUTED), *title)
            update = f"{self.label('colon')} ".join(
                t for t in (row.update_date, row.update_note) if t
            )
            if update and not annex:
                title = (*title, Segment(update, colour=MUTED, new_paragraph=True))
            if row.late_milestones:
                title = (*title, Segment(row.late_milestones, colour=LATE, new_paragraph=True))
            for key, items in (("references", row.references), ("commitments", row.commitments)):
                if items and not annex:
                    text = f"{self.label(key)}{self.label('colon')} {'; '.join(items)}"
                    title = (*title, Segment(text, colour=MUTED, new_paragraph=True))
            body.append([row.id, title, row.owner, row.due, row.state])
        self.table(caption, headers, body, nowrap=(0, 3))


def _counts(row: SummaryRow, indicators: bool) -> dict[str, str]:
    counts = row.indicator_counts if indicators else row.action_counts
    return {count.status.code: count.count_text for count in counts}
