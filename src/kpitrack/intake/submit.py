"""``kpitrack submit``: validate a whole file and, when it has no error, store it (design §4).

Any error rejects the whole file and writes nothing. The JSON report (``--format json``) is::

    {"accepted": bool, "dry_run": bool, "file": str, "partner": str,
     "kind": "measurements" | "actions" | null, "rows": int, "seq": int | null,
     "decimal": "point" | "comma" | null, "delimiter": "," | ";" | null,
     "revisions": int, "total_errors": int,
     "errors": [{"file","line","column","path","code","message"}], "warnings": [same shape]}

``errors`` lists at most the first 1,000; ``total_errors`` counts them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpitrack.core.problems import Problem
from kpitrack.measurements.ledger import Ledger
from kpitrack.measurements.validate import ErrorSink
from kpitrack.workspace import load_workspace

if TYPE_CHECKING:
    from kpitrack.measurements.rows import Checked


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
    revisions: int = 0
    dry_run: bool = False

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
            "revisions": self.revisions,
            "total_errors": self.total_errors,
            "errors": [p.to_dict() for p in self.errors],
            "warnings": [p.to_dict() for p in self.warnings],
        }


def submit_file(root: Path, file: Path, partner: str, *, dry_run: bool = False) -> SubmissionResult:
    """Validate ``file`` as ``partner``'s submission; store it unless invalid or ``dry_run``."""
    from kpitrack.measurements.actions import is_action_table, validate_actions
    from kpitrack.measurements.readers import MAX_FILE_BYTES, read_table
    from kpitrack.measurements.rows import STORED_COLUMNS, validate_measurements

    root = Path(root)
    file = Path(file)
    workspace = load_workspace(root, measurements=False)
    programme, indicators = workspace.programme, workspace.indicators
    result = SubmissionResult(accepted=False, file=file.name, partner=partner, dry_run=dry_run)
    sink = ErrorSink(str(file))
    partners = sorted(p.id for p in programme.partners)
    if partner not in partners:
        sink.add("unknown-partner", f"unknown partner {partner!r}; partners: {', '.join(partners)}")
        return _finish(result, sink)
    try:
        size = file.stat().st_size
        # Refuse before reading: the limit protects memory, reading it all would defeat it.
        received = file.read_bytes() if size <= MAX_FILE_BYTES else b""
    except OSError as exc:
        sink.add("file-unreadable", f"cannot read the file: {exc.strerror or exc}")
        return _finish(result, sink)
    if size > MAX_FILE_BYTES:
        sink.add(
            "file-too-large",
            f"file is {size / 1048576:.0f} MiB; the limit is {MAX_FILE_BYTES // 1048576} MiB: "
            "split it (per year or per indicator)",
        )
        return _finish(result, sink)
    table = read_table(str(file), received)
    result.delimiter = table.delimiter
    sink.extend(table.problems)
    read_before = len(table.problems)
    if not table.header:
        return _finish(result, sink)
    keep = not dry_run
    if is_action_table(table.header):
        result.kind = "actions"
        checked = validate_actions(table, programme, partner, sink, keep=keep)
        header = "row,action,date,status,note\n"
    else:
        result.kind = "measurements"
        checked = validate_measurements(table, programme, indicators, partner, sink, keep=keep)
        header = ",".join(STORED_COLUMNS) + "\n"
    sink.extend(table.problems[read_before:])  # found while reading the rows
    result.rows = checked.rows
    result.decimal = checked.decimal
    if checked.rows == 0 and not sink.total:
        sink.add("empty", "the file has a header but no rows")
    if sink.total:
        return _finish(result, sink)
    if dry_run:
        result.revisions = _count_revisions(root, result.kind, checked)
        return _finish(result, sink)
    from kpitrack.measurements.commit import commit_submission
    from kpitrack.measurements.ledger import store_dir

    def count(ledger: Ledger) -> None:
        result.revisions = _count_revisions(root, result.kind or "", checked, ledger)

    entry = commit_submission(
        store_dir(root),
        partner=partner,
        kind=result.kind,
        file_name=file.name,
        received=received,
        data=(header + "".join(checked.lines)).encode("utf-8"),
        rows=checked.rows,
        definition_version=programme.version,
        under_lock=count,
    )
    result.seq = entry.seq
    return _finish(result, sink)


def _count_revisions(
    root: Path, kind: str | None, checked: Checked, ledger: Ledger | None = None
) -> int:
    """Rows of this submission that replace a stored figure for the same key."""
    from kpitrack.measurements.store import stored_keys

    if kind != "measurements":
        return 0
    return checked.keys_among(stored_keys(root, ledger))


def _finish(result: SubmissionResult, sink: ErrorSink) -> SubmissionResult:
    result.errors = sorted(sink.items, key=Problem.sort_key)
    result.total_errors = sink.total
    result.warnings = sink.warnings
    result.accepted = sink.total == 0
    return result
