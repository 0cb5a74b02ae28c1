"""The latest stored figure per key, as the ledger names them: what a new submission revises.

``submit`` (and its ``--dry-run``) tell, for each row of a file, the figure it replaces: the
latest one stored for the same (indicator, period, breakdown), from a submission the programme
office has not returned.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from kpitrack.core.numbers import is_storable
from kpitrack.measurements.files import read_named
from kpitrack.measurements.ledger import Ledger, read_ledger, store_dir


@dataclass(frozen=True)
class StoredFigure:
    """The latest stored figure for a key, and the submission that set it."""

    value: float | None  # None: withdrawn (status M) or not usable
    obs_status: str
    submission: int
    partner: str


def stored_figures(root: Path, ledger: Ledger | None = None) -> dict[str, StoredFigure]:
    """Latest stored figure per key (``indicator\\x1fperiod\\x1fbreakdown`` as in a data file).

    Figures of a submission the programme office returned do not count, as in :func:`read_store`.
    """
    store = store_dir(root)
    ledger = ledger or read_ledger(store)
    decisions = ledger.decisions()
    figures: dict[str, StoredFigure] = {}
    for entry in ledger.entries:
        decision = decisions.get(entry.seq)
        if entry.kind != "measurements" or (decision is not None and decision.decision == "return"):
            continue
        found = read_named(store, entry.data)
        if found is None:
            continue
        reader = csv.reader(io.StringIO(found[0].decode("utf-8", "replace"), newline=""))
        header = next(reader, None)  # with or without the source column (older files)
        for cells in reader:
            if header is None or len(cells) != len(header):
                continue
            value: float | None
            try:
                value = float(cells[4]) if cells[4] else None
            except ValueError:
                value = None
            if value is not None and not is_storable(value):
                value = None
            figures[f"{cells[1]}\x1f{cells[2]}\x1f{cells[3]}"] = StoredFigure(
                value, cells[5], entry.seq, entry.partner
            )
    return figures


def stored_keys(root: Path, ledger: Ledger | None = None) -> set[str]:
    """Keys (indicator, period, breakdown as in a data file) of every stored observation."""
    return set(stored_figures(root, ledger))
