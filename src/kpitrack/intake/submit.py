"""``kpitrack submit``: validate a whole file and, when it has no error, store it (design §4).

Any error rejects the whole file and writes nothing. A file without errors is then checked for
plausibility (:mod:`kpitrack.measurements.plausibility`: breakdowns against their total, jumps,
percentages written as fractions, periods not yet ended; action updates dated in the future):
warnings, or errors for an indicator that asks for them. Warnings never stop a file; their
number is kept in the submission's ledger entry (``warnings``). The JSON report
(``--format json``) is::

    {"accepted": bool, "dry_run": bool, "file": str, "partner": str,
     "kind": "measurements" | "actions" | null, "rows": int, "seq": int | null,
     "decimal": "point" | "comma" | null, "delimiter": "," | ";" | null,
     "encoding": "UTF-8" | "Windows-1252" | null, "sheet": str | null,
     "revisions": int, "revised": [revision…], "total_errors": int, "total_warnings": int,
     "errors": [{"file","line","column","path","code","message"(,"cell")}],
     "warnings": [same shape]}

    revision: {"indicator", "period", "breakdown": {dimension: code},
               "old": {"value": number | null, "obs_status", "submission", "partner"},
               "new": {"value": number | null, "obs_status"}}

A problem of an XLSX file located at a cell of its data sheet also names the cell as Excel
does (``"cell": "C7"``). ``warnings`` lists at most 100 of a kind, then one line with how many
more there were; ``total_warnings`` counts them all. ``errors`` lists at most the first 1,000;
``total_errors`` counts them all. ``revisions`` counts the rows that replace a stored figure
for the same key; ``revised`` lists them, in row order, with the figure they replace (also for
``--dry-run``). A file byte-identical to one already stored is refused ("already stored as
submission N"): nothing is written twice.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpitrack.core.dates import source_date_epoch
from kpitrack.core.errors import ValidationFailed
from kpitrack.core.files import FileRefused, read_regular_file
from kpitrack.core.problems import Problem
from kpitrack.measurements.files import LEDGER_NAME, read_plain
from kpitrack.measurements.ledger import Ledger, read_ledger, store_dir
from kpitrack.measurements.validate import ErrorSink
from kpitrack.workspace import load_workspace

if TYPE_CHECKING:
    from kpitrack.measurements.rows import Checked
    from kpitrack.measurements.store import StoredFigure


@dataclass(frozen=True)
class Revision:
    """A row of a submission that replaces a stored figure: the key, old and new."""

    indicator: str
    period: str
    breakdown: tuple[tuple[str, str], ...]  # (dimension, code) sorted; () is the total
    old_value: float | None  # None: withdrawn (status M), or not usable
    old_status: str
    old_submission: int
    old_partner: str
    new_value: float | None
    new_status: str

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of one revision (see the module docstring)."""
        return {
            "indicator": self.indicator,
            "period": self.period,
            "breakdown": dict(self.breakdown),
            "old": {
                "value": self.old_value,
                "obs_status": self.old_status,
                "submission": self.old_submission,
                "partner": self.old_partner,
            },
            "new": {"value": self.new_value, "obs_status": self.new_status},
        }


@dataclass
class SubmissionResult:
    """What happened to one submitted file."""

    accepted: bool
    file: str
    partner: str
    kind: str | None = None  # "measurements" | "actions"
    rows: int = 0
    seq: int | None = None
    decimal: str | None = None  # "point" | "comma"
    delimiter: str | None = None  # "," | ";" (None for XLSX)
    errors: list[Problem] = field(default_factory=list)
    total_errors: int = 0
    warnings: list[Problem] = field(default_factory=list)
    total_warnings: int = 0
    revisions: int = 0
    revised: list[Revision] = field(default_factory=list)
    dry_run: bool = False
    encoding: str | None = None  # CSV: "UTF-8" | "Windows-1252"
    sheet: str | None = None  # XLSX: the sheet read

    def cell_of(self, problem: Problem) -> str | None:
        """The cell of an XLSX problem as Excel names it (``C7``), when it has one."""
        if self.sheet is None or not problem.line or not problem.column:
            return None
        from kpitrack.measurements.xlsx import cell_name

        return cell_name(problem.line, problem.column)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (see the module docstring)."""
        return {
            "accepted": self.accepted,
            "dry_run": self.dry_run,
            "file": self.file,
            "partner": self.partner,
            "kind": self.kind,
            "rows": self.rows,
            "seq": self.seq,
            "decimal": self.decimal,
            "delimiter": self.delimiter,
            "encoding": self.encoding,
            "sheet": self.sheet,
            "revisions": self.revisions,
            "revised": [revision.to_json() for revision in self.revised],
            "total_errors": self.total_errors,
            "total_warnings": self.total_warnings,
            "errors": [self._problem(p) for p in self.errors],
            "warnings": [self._problem(p) for p in self.warnings],
        }

    def _problem(self, problem: Problem) -> dict[str, Any]:
        shape = problem.to_dict()
        cell = self.cell_of(problem)
        if cell is not None:
            shape["cell"] = cell
        return shape


def received_day() -> date:
    """The day a file is received, in Europe/Amsterdam (``SOURCE_DATE_EPOCH`` when set)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    moment = source_date_epoch() or datetime.now(UTC)
    try:
        return moment.astimezone(ZoneInfo("Europe/Amsterdam")).date()
    except ZoneInfoNotFoundError:  # no time zone data on this system: the date in UTC
        return moment.date()


def submit_file(
    root: Path, file: Path, partner: str, *, dry_run: bool = False, person: str | None = None
) -> SubmissionResult:
    """Validate ``file`` as ``partner``'s submission; store it unless invalid or ``dry_run``.

    ``person`` is the pseudonymous id of the person submitting (the portal's), kept in the
    ledger entry.
    """
    from kpitrack.measurements.readers import MAX_FILE_BYTES, read_table

    root = Path(root)
    file = Path(file)
    today = received_day()
    workspace = load_workspace(root, measurements=False)
    programme, indicators = workspace.programme, workspace.indicators
    result = SubmissionResult(accepted=False, file=file.name, partner=partner, dry_run=dry_run)
    sink = ErrorSink(str(file))
    partners = sorted(p.id for p in programme.partners)
    if partner not in partners:
        sink.add("unknown-partner", f"unknown partner {partner!r}; partners: {', '.join(partners)}")
        return _finish(result, sink)
    try:
        # Only a regular file, refused past the limit without reading it whole: a FIFO, a device
        # (/dev/zero) or a directory named on the command line neither hangs nor fills memory.
        received = read_regular_file(file, MAX_FILE_BYTES, follow_symlinks=True)
    except FileRefused as refused:
        if refused.reason == "too-large":
            size = f"{refused.size / 1048576:.0f} MiB" if refused.size else "too large"
            sink.add(
                "file-too-large",
                f"file is {size}; the limit is {MAX_FILE_BYTES // 1048576} MiB: "
                "split it (per year or per indicator)",
            )
        else:
            sink.add(refused.code, f"the file {refused.message}")
        return _finish(result, sink)
    digest = hashlib.sha256(received).hexdigest()
    ledger_bytes = read_plain(store_dir(root) / LEDGER_NAME)
    # Parse the ledger only when the digest occurs in it: a stored file is the rare case.
    maybe = ledger_bytes is not None and digest.encode() in ledger_bytes
    duplicate = _already_stored(digest, str(file), read_ledger(store_dir(root))) if maybe else None
    if duplicate is not None:
        sink.extend([duplicate])
        return _finish(result, sink)

    def check(keep: bool, into: ErrorSink) -> tuple[Checked, str]:
        from kpitrack.measurements.actions import is_action_table, validate_actions
        from kpitrack.measurements.rows import STORED_COLUMNS, Checked, validate_measurements

        table = read_table(str(file), received)
        result.delimiter = table.delimiter
        result.sheet = table.sheet
        result.encoding = table.encoding if table.sheet is None and table.header else None
        into.extend(table.problems)
        read_before = len(table.problems)
        if not table.header:
            return Checked(), ""
        if is_action_table(table.header):
            result.kind = "actions"
            checked = validate_actions(table, programme, partner, into, keep=keep, today=today)
            header = "row,action,date,status,note\n"
        else:
            result.kind = "measurements"
            checked = validate_measurements(table, programme, indicators, partner, into, keep=keep)
            header = ",".join(STORED_COLUMNS) + "\n"
        into.extend(table.problems[read_before:])  # found while reading the rows
        into.count_unlisted(table.unlisted())
        return checked, header

    checked, header = check(not dry_run, sink)
    if not header:
        return _finish(result, sink)
    result.rows = checked.rows
    result.decimal = checked.decimal
    if checked.rows == 0 and not sink.total:
        sink.add("empty", "the file has a header but no rows")
    if sink.total:
        return _finish(result, sink)
    figures = _stored_figures(root) if result.kind == "measurements" else {}
    if result.kind == "measurements":
        from kpitrack.measurements.plausibility import check_plausibility, stored_groups

        stored = stored_groups({k: (f.value, f.submission) for k, f in figures.items()})
        check_plausibility(checked, programme, indicators, stored, today, sink)
        if sink.total:  # an indicator whose implausible rows are errors
            return _finish(result, sink)
    if dry_run:
        if checked.keys_among(set(figures)):
            # Only now are the normalised rows needed: a large dry run never keeps them.
            checked = check(True, ErrorSink(str(file)))[0]
            result.revised = _revisions(root, header, checked.lines, stored=figures)
        result.revisions = len(result.revised)
        return _finish(result, sink)
    from kpitrack.measurements.commit import commit_submission

    def under_lock(ledger: Ledger) -> None:
        again = _already_stored(digest, str(file), ledger)  # a parallel submit of the same file
        if again is not None:
            raise ValidationFailed([again])
        if result.kind == "measurements":
            result.revised = _revisions(root, header, checked.lines, ledger)
        result.revisions = len(result.revised)

    try:
        entry = commit_submission(
            store_dir(root),
            partner=partner,
            kind=result.kind or "measurements",
            file_name=file.name,
            received=received,
            data=(header + "".join(checked.lines)).encode("utf-8"),
            rows=checked.rows,
            definition_version=programme.version,
            person=person,
            under_lock=under_lock,
            warnings=sink.warning_total,
        )
    except ValidationFailed as refused:
        result.revised, result.revisions = [], 0
        sink.extend([p for p in refused.problems if p.severity == "error"])
        return _finish(result, sink)
    result.seq = entry.seq
    return _finish(result, sink)


def _already_stored(digest: str, file: str, ledger: Ledger) -> Problem | None:
    """A located error when a byte-identical file is already stored."""
    for entry in ledger.entries:
        if entry.sha256_received == digest:
            return Problem(
                "already-stored",
                f"already stored as submission {entry.seq} ({entry.partner}, {entry.file}, "
                f"received {entry.received}): the same bytes are never stored twice; nothing "
                "was written",
                file,
            )
    return None


def _stored_figures(root: Path) -> dict[str, StoredFigure]:
    """The store's current figure per key (``indicator\x1fperiod\x1fbreakdown``)."""
    from kpitrack.measurements.store import stored_figures

    return stored_figures(root)


def _revisions(
    root: Path,
    header: str,
    lines: list[str],
    ledger: Ledger | None = None,
    *,
    stored: dict[str, StoredFigure] | None = None,
) -> list[Revision]:
    """Each normalised row whose key has a stored figure, with that figure, in row order;
    ``stored``: the store's figures when already read (a dry run holds no lock)."""
    from kpitrack.measurements.store import stored_figures

    if stored is None:
        stored = stored_figures(root, ledger)
    if not stored:
        return []
    revised: list[Revision] = []
    for cells in csv.reader(io.StringIO(header + "".join(lines), newline="")):
        old = stored.get(f"{cells[1]}\x1f{cells[2]}\x1f{cells[3]}")
        if old is None or cells[0] == "row":
            continue
        pairs = (part.partition("=") for part in cells[3].split(";") if part)
        revised.append(
            Revision(
                indicator=cells[1],
                period=cells[2],
                breakdown=tuple(sorted((dim, code) for dim, _, code in pairs)),
                old_value=old.value,
                old_status=old.obs_status,
                old_submission=old.submission,
                old_partner=old.partner,
                new_value=float(cells[4]) if cells[4] else None,
                new_status=cells[5],
            )
        )
    return revised


def _finish(result: SubmissionResult, sink: ErrorSink) -> SubmissionResult:
    sink.close()
    result.errors = sorted(sink.items, key=Problem.sort_key)
    result.total_errors = sink.total
    result.warnings = sink.warnings
    result.total_warnings = sink.warning_total
    result.accepted = sink.total == 0
    return result
