"""An indicator's published figures as CSV, for the download link beside its tables.

The file holds what the section prints, no more: every total of the series and the breakdown
cells of the period the breakdown table shows, with the small-cell rule applied exactly as in
that table (a withheld cell has no value and says why). Numbers are plain (a decimal point, no
thousands separator) so any spreadsheet or statistics package reads them in any language; text a
spreadsheet would evaluate carries a leading apostrophe, as in the store and the exports.
``source`` is where the figure was published, as the partner gave it (a total summed from cells
lists their sources once each). Notes and sources lose invisible control and bidi characters as
in the printed report, before the apostrophe check, so a hidden character cannot smuggle a
formula past it.
``approved`` is ``false`` for a figure the programme office has not yet approved under
``reporting.review: required`` (the report marks it "not yet approved"), ``true`` once approved,
and empty without review.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING
from urllib.parse import quote

from kpitrack.core.numbers import plain_number
from kpitrack.measurements.validate import escape_text
from kpitrack.progress.disclosure import applies as disclosure_applies
from kpitrack.progress.disclosure import hidden_cells
from kpitrack.report.clean import strip_hidden

if TYPE_CHECKING:
    from kpitrack.definitions.models import Indicator, Programme
    from kpitrack.progress.model import IndicatorProgress, SeriesPoint

FIXED_COLUMNS = (
    "value",
    "obs_status",
    "lower",
    "upper",
    "note",
    "source",
    "withheld",
    "revised_from",
    "approved",
)


def figures_csv(indicator: Indicator, progress: IndicatorProgress, programme: Programme) -> str:
    """The section's figures as RFC 4180 CSV text (CRLF line ends, UTF-8 when encoded)."""
    cells = [c for c in progress.breakdowns if c.breakdown]
    shown_period = max(cells, key=lambda c: (c.end, c.period)).period if cells else None
    cells = sorted((c for c in cells if c.period == shown_period), key=lambda c: c.breakdown)
    dimensions = sorted({dim for c in cells for dim, _ in c.breakdown})
    threshold = programme.disclosure.min_count
    hidden: dict[tuple[tuple[str, str], ...], str] = {}
    if cells and disclosure_applies(indicator.measure, threshold):
        hidden = dict(hidden_cells(((c.breakdown, c.value) for c in cells), threshold))

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["indicator", "period", *dimensions, *FIXED_COLUMNS])
    for point in progress.series:
        writer.writerow(_row(indicator.id, point, dimensions, None))
    for cell in cells:
        writer.writerow(_row(indicator.id, cell, dimensions, hidden.get(cell.breakdown)))
    return buffer.getvalue()


def data_url(text: str) -> str:
    """``text`` as a ``data:`` URL a link can download: no request leaves the page."""
    return "data:text/csv;charset=utf-8," + quote(text, safe="")


def _row(
    indicator: str, point: SeriesPoint, dimensions: list[str], withheld: str | None
) -> list[str]:
    codes = dict(point.breakdown)
    shown = withheld is None

    def number(value: float | None) -> str:
        return plain_number(float(value)) if value is not None and shown else ""

    return [
        indicator,
        point.period,
        *(codes.get(dim, "") for dim in dimensions),
        number(point.value),
        point.obs_status,
        number(point.lower),
        number(point.upper),
        escape_text(strip_hidden(point.note)),
        escape_text(strip_hidden(point.source).strip()),
        withheld or "",
        number(point.revised_from),
        "" if point.approved is None else str(point.approved).lower(),
    ]
