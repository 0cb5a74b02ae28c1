"""What a stored submission holds, row by row, as a reviewer reads it.

The portal shows it on a submission's page, so the programme office approves figures it has
seen rather than a file name. Rows come from the stored data file the ledger names (the store's
own columns, design §4), in the order of the file; nothing is recomputed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from kpitrack.measurements.actions import STORED_ACTION_COLUMNS
from kpitrack.measurements.files import read_named
from kpitrack.measurements.ledger import store_dir
from kpitrack.measurements.model import Breakdown
from kpitrack.measurements.rows import STORED_COLUMNS
from kpitrack.measurements.validate import unescape_text


@dataclass(frozen=True, slots=True)
class StoredRow:
    """One stored row of a submission: a figure or an action update."""

    what: str  # the indicator, or the action or milestone
    period: str  # the figure's period, or the update's date
    breakdown: Breakdown
    value: float | None  # None for an action update, or for a figure withdrawn (M)
    status: str  # the observation status, or the action's state
    note: str


def submission_rows(root: Path, data: str, limit: int = 1000) -> list[StoredRow]:
    """The first ``limit`` stored rows of the data file ``data`` (below measurements/).

    An unreadable or foreign file gives no rows: ``kpitrack verify`` is where it is reported.
    """
    found = read_named(store_dir(Path(root)), data) if data else None
    if found is None:
        return []
    reader = csv.reader(io.StringIO(found[0].decode("utf-8", "replace"), newline=""))
    header = tuple(next(reader, ()))
    rows: list[StoredRow] = []
    for cells in reader:
        if len(rows) >= limit:
            break
        if header == STORED_COLUMNS and len(cells) == len(STORED_COLUMNS):
            rows.append(
                StoredRow(
                    what=cells[1],
                    period=cells[2],
                    breakdown=stored_breakdown(cells[3]),
                    value=stored_number(cells[4]),
                    status=cells[5],
                    note=unescape_text(cells[8]),
                )
            )
        elif header == STORED_ACTION_COLUMNS and len(cells) == len(STORED_ACTION_COLUMNS):
            rows.append(StoredRow(cells[1], cells[2], (), None, cells[3], unescape_text(cells[4])))
    return rows


def stored_number(text: str) -> float | None:
    """A stored value cell: blank (a withdrawal) or unreadable → None."""
    try:
        return float(text) if text else None
    except ValueError:
        return None


def stored_breakdown(text: str) -> Breakdown:
    """A stored breakdown cell (``dim=code;dim=code``) as sorted (dimension, code) pairs."""
    pairs = (part.partition("=") for part in text.split(";") if part)
    return tuple(sorted((dim, code) for dim, _, code in pairs))
