"""Stored rows into observations and action updates (design §4): the store reader's rows.

A row that cannot be used — a value out of the bound, a period or code the definitions no
longer know — is left out with a located warning naming the submission, unless a later
submission corrected it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kpitrack.core.layout import STORE_DIR
from kpitrack.core.numbers import MAX_MAGNITUDE, is_storable
from kpitrack.core.periods import parse_period
from kpitrack.core.problems import Problem
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.actions import action_owners
from kpitrack.measurements.ledger import LedgerEntry
from kpitrack.measurements.model import (
    ACTION_STATES,
    OBS_STATUSES,
    ActionUpdate,
    Breakdown,
    Observation,
    Provenance,
)
from kpitrack.measurements.validate import unescape_text

Key = tuple[str, str, Breakdown]


class RowReader:
    """Turns stored rows into observations and updates; collects what cannot be used."""

    def __init__(self, programme: Programme, indicators: dict[str, Indicator]) -> None:
        self.programme = programme
        self.indicators = indicators
        self.owners = action_owners(programme)
        self.observations: list[Observation] = []
        self.updates: list[ActionUpdate] = []
        self.problems: list[Problem] = []
        self.latest: dict[Key, tuple[float | None, int]] = {}
        self.unusable: dict[Key, Problem] = {}  # figures no later submission has corrected
        self._frequencies: dict[str, str] = {}

    def add(
        self,
        entry: LedgerEntry,
        header: tuple[str, ...],
        rows: list[list[str]],
        approved: bool | None,
    ) -> None:
        label = f"{STORE_DIR}/{entry.data}"
        for line, cells in enumerate(rows, start=2):
            where = f"submission {entry.seq} ({entry.partner}, {entry.file})"
            if len(cells) != len(header) or not cells[0].isdigit():
                self.problems.append(_invalid(label, line, f"{where}: the stored row is malformed"))
                continue
            record = dict(zip(header, cells, strict=True))
            provenance = Provenance(
                entry.seq, entry.partner, entry.received, entry.file, int(record["row"])
            )
            if entry.kind == "actions":
                self._update(record, provenance, label, line, where)
            else:
                self._observation(record, provenance, label, line, where, approved)

    def _update(
        self, record: dict[str, str], provenance: Provenance, label: str, line: int, where: str
    ) -> None:
        if record["action"] not in self.owners:
            self.problems.append(
                _stale(label, line, f"action {record['action']} is no longer defined")
            )
            return
        if record["status"] not in ACTION_STATES or not _is_date(record["date"]):
            self.problems.append(_invalid(label, line, f"{where}: the stored update is malformed"))
            return
        self.updates.append(
            ActionUpdate(
                record["action"],
                record["date"],
                record["status"],
                unescape_text(record["note"]),
                provenance,
            )
        )

    def _observation(
        self,
        record: dict[str, str],
        provenance: Provenance,
        label: str,
        line: int,
        where: str,
        approved: bool | None,
    ) -> None:
        indicator = self.indicators.get(record["indicator"])
        if indicator is None:
            self.problems.append(
                _stale(label, line, f"indicator {record['indicator']} is no longer defined")
            )
            return
        try:
            frequency = self._frequency(record["period"])
            breakdown = _breakdown(record["breakdown"])
        except ValueError:
            self.problems.append(_invalid(label, line, f"{where}: the stored row is malformed"))
            return
        if frequency != indicator.frequency:
            self.problems.append(
                _stale(label, line, f"{indicator.id} is now reported per {indicator.frequency}")
            )
            return
        for dim, code in breakdown:
            codelist = self.programme.codelists.get(dim)
            if dim not in indicator.dimensions or codelist is None or code not in codelist.codes:
                self.problems.append(
                    _stale(label, line, f"breakdown {dim}={code} no longer fits {indicator.id}")
                )
                return
        key: Key = (indicator.id, record["period"], breakdown)
        numbers = _numbers(record)
        if isinstance(numbers, str) or record["obs_status"] not in OBS_STATUSES:
            what = numbers if isinstance(numbers, str) else f"status {record['obs_status']!r}"
            earlier_problem = self.unusable.get(key)
            if earlier_problem is not None:
                self.problems.append(replace(earlier_problem, severity="warning"))
            self.unusable[key] = Problem(
                "stored-value",
                f"{where}, row {provenance.row}: the stored {what} cannot be used (written by an "
                f"older kpitrack?); submit a correction of {indicator.id} {record['period']}"
                f"{_shown(breakdown)}",
                label,
                line,
            )
            return
        value, lower, upper = numbers
        corrected = self.unusable.pop(key, None)
        if corrected is not None:
            self.problems.append(
                replace(
                    corrected,
                    severity="warning",
                    message=f"{corrected.message}: corrected by submission "
                    f"{provenance.submission}, the stored row is left out",
                )
            )
        earlier = self.latest.get(key)
        replaced = earlier is not None and earlier[1] != provenance.submission
        self.observations.append(
            Observation(
                indicator=indicator.id,
                period=record["period"],
                breakdown=breakdown,
                value=value,
                obs_status=record["obs_status"],
                lower=lower,
                upper=upper,
                note=unescape_text(record["note"]),
                provenance=provenance,
                revised_from=earlier[0] if earlier is not None and replaced else None,
                revision_of=earlier[1] if earlier is not None and replaced else None,
                approved=approved,
                source=unescape_text(record.get("source", "")),
            )
        )
        self.latest[key] = (value, provenance.submission)

    def _frequency(self, label: str) -> str:
        """The frequency of a period label (a store repeats a few labels many times)."""
        found = self._frequencies.get(label)
        if found is None:
            found = self._frequencies[label] = parse_period(label).frequency
        return found

    def finish(self) -> list[Problem]:
        return [*self.problems, *self.unusable.values()]


def _numbers(record: dict[str, str]) -> tuple[float | None, float | None, float | None] | str:
    """value, lower, upper as floats (None when empty), or what is wrong with them."""
    parsed: list[float | None] = []
    for column in ("value", "lower", "upper"):
        text = record[column]
        if not text:
            parsed.append(None)
            continue
        try:
            number = float(text)
        except ValueError:
            return f"{column} {text[:40]!r}"
        if not is_storable(number):
            return f"{column} {text[:40]!r} (not a finite number within ±{MAX_MAGNITUDE:.0e})"
        parsed.append(number)
    if parsed[0] is None and record["obs_status"] != "M":
        return "value '' (empty without status M)"
    return parsed[0], parsed[1], parsed[2]


def _breakdown(text: str) -> Breakdown:
    pairs: list[tuple[str, str]] = []
    for part in text.split(";"):
        if not part:
            continue
        dim, sep, code = part.partition("=")
        if not sep or not dim or not code:
            raise ValueError(part)
        pairs.append((dim, code))
    return tuple(sorted(pairs))


def _shown(breakdown: Breakdown) -> str:
    return f" ({', '.join(f'{d}={c}' for d, c in breakdown)})" if breakdown else ""


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _invalid(label: str, line: int, message: str) -> Problem:
    return Problem(
        "stored-row-invalid",
        f"{message}; it is left out",
        label,
        line,
        severity="warning",
    )


def _stale(label: str, line: int, message: str) -> Problem:
    return Problem(
        "stored-row-stale",
        f"{message}; the stored row is left out",
        label,
        line,
        severity="warning",
    )
