"""Small parts of the ReportModel shared by its sections: status labels and counts, commentary,
flags and footnotes (see :mod:`kpitrack.report.model`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StatusLabel:
    """How one status (indicator status or action state) is shown: text, icon and colour."""

    code: str
    """Machine code, e.g. ``at_risk`` or ``overdue`` (also the CSS class suffix)."""
    label: str
    """Text in the report language, e.g. ``Risico``."""
    icon: str
    """A symbol shown beside the text (never alone), e.g. ``▲``."""
    colour: str
    """Hex colour (``#rrggbb``) with at least 4.5:1 contrast on white."""


@dataclass(frozen=True, slots=True)
class StatusCount:
    """One cell of the summary table: how many items have a status."""

    status: StatusLabel
    """The status counted."""
    count: int
    """Number of indicators (or actions) with that status."""
    count_text: str
    """``count`` formatted for the language."""


@dataclass(frozen=True, slots=True)
class Commentary:
    """Rapporteur text from ``commentary/<as-of>/*.md``."""

    markdown: str
    """The Markdown as written (for renderers that format it themselves)."""
    html: str
    """Sanitised HTML (raw HTML disabled, only http/https/mailto links); safe to insert as is."""
    paragraphs: tuple[str, ...]
    """Plain-text paragraphs and list items (markup removed), for the Word renderer."""


@dataclass(frozen=True, slots=True)
class FlagLabel:
    """A flag beside a status (provisional, stale, revised, target_revised, partial)."""

    code: str
    """Flag code."""
    label: str
    """Flag in words."""


@dataclass(frozen=True, slots=True)
class Footnote:
    """A numbered footnote: a source, a caveat or an observation note."""

    number: int
    """Footnote number, 1-based, in order of first reference."""
    kind: str
    """``source``, ``caveat`` or ``note``."""
    text: str
    """Footnote text."""
