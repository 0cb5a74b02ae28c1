"""Check the rows of a large CSV submission in two processes, with the outcome of one.

The rows are cut at a record boundary near the middle. A forked child checks the second part
with its own checker while this process checks the first; the child hands back what it recorded
(count, decimal evidence, keys, stored text). The parts are joined only when the child found no
problem at all and the keys it saw again in the first part (duplicates across the cut, reported
here in row order) stay under the error cap. In every other case (a problem in the second part,
the cap reached, a read error, a child that failed) this process reads on from where the first
part ended as a single process would, and the child's work is dropped. So the problems, their
order, the error cap, the counts and the stored lines are those of checking every row in turn
(tests compare the two on random tables cut at random places).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kpitrack.measurements import validate
from kpitrack.measurements.fork import Child, can_fork
from kpitrack.measurements.readers import (
    Row,
    Table,
    csv_part,
    line_start,
    record_boundary,
    row_at,
    row_batches,
)
from kpitrack.measurements.rowcheck import RowChecker
from kpitrack.measurements.validate import ErrorSink

PARALLEL_MIN_BYTES = 4 * 1024 * 1024
"""Rows below this size are checked in one process: a fork and the hand-back cost more."""

FIRST_SHARE = 0.5
"""Share of the rows' bytes this process checks itself; the child checks the rest."""

CheckRows = Callable[[RowChecker, Iterator[list[Row]]], bool]
"""Checks rows with a checker; True when it stopped at the error cap."""


@dataclass
class _Recorded:
    """What a child recorded of the rows it checked, when it found no problem."""

    count: int
    evidence: list[int]
    first_row: list[int]
    first_column: list[int]
    groups: dict[str, dict[str, int]]
    values: dict[str, list[str]]
    text: str


class _Unclean(Exception):
    """The child found a problem: its part is read again by the parent."""


class _FirstProblem(ErrorSink):
    """A sink for the child: any problem ends its work."""

    def add(
        self,
        code: str,
        message: str,
        row: int | None = None,
        column: str | None = None,
        index: int | None = None,
    ) -> None:
        raise _Unclean(code)


def check_in_two(
    table: Table,
    checker: RowChecker,
    make_checker: Callable[[ErrorSink], RowChecker],
    check_rows: CheckRows,
) -> bool:
    """Check every row of a large CSV table in two processes; False: not split, nothing done.

    Read problems go to ``table.problems``, as when the table's own rows are read.
    """
    source = table.source
    if source is None or len(source) - table.body_start < PARALLEL_MIN_BYTES or not can_fork():
        return False
    cut = record_boundary(table, FIRST_SHARE)
    if cut is None:
        return False
    second_row = row_at(table, cut)
    child = Child.start(lambda: _check_part(table, cut, second_row, make_checker, check_rows))
    if child is None:
        return False
    try:
        first = csv_part(table, table.body_start, cut, 2)
        if check_rows(checker, row_batches(first)):
            return True  # stopped at the error cap, as one process would
        if first.problems:
            # A record broken where the part ends (or before): read on from its first line,
            # which yields the same record, or the same problem, as reading the whole file.
            broken = first.problems[0].line or 2
            _read_on(table, checker, check_rows, line_start(table, broken), broken)
            return True
        recorded = child.result()
        if not isinstance(recorded, _Recorded) or not _join(checker, recorded):
            _read_on(table, checker, check_rows, cut, second_row)
        return True
    finally:
        child.stop()


def _read_on(
    table: Table, checker: RowChecker, check_rows: CheckRows, start: int, row: int
) -> None:
    rest = csv_part(table, start, len(table.source or b""), row)
    check_rows(checker, row_batches(rest))
    table.problems.extend(rest.problems)


def _check_part(
    table: Table,
    start: int,
    row: int,
    make_checker: Callable[[ErrorSink], RowChecker],
    check_rows: CheckRows,
) -> _Recorded | None:
    """In the child: check the rows from ``start`` to the end; None at the first problem."""
    checker = make_checker(_FirstProblem(table.file))
    part = csv_part(table, start, len(table.source or b""), row)
    try:
        check_rows(checker, row_batches(part))
    except _Unclean:
        return None
    if part.problems:
        return None
    return _Recorded(
        checker.count,
        checker.evidence,
        checker.first_row,
        checker.first_column,
        checker.groups,
        checker.values,
        "".join(checker.lines),
    )


def _join(checker: RowChecker, recorded: _Recorded) -> bool:
    """Add the child's rows to the checker's; False (nothing changed) if the cap would stop it."""
    groups = checker.groups
    again: list[tuple[int, int, str, str]] = []  # (row, first row, key prefix, breakdown)
    for prefix, given in recorded.groups.items():
        mine = groups.get(prefix)
        if mine is not None:
            again.extend((given[b], mine[b], prefix, b) for b in mine.keys() & given.keys())
    # The child's rows are valid on their own: its only problems are keys given before the cut.
    if checker.sink.total + len(again) >= validate.MAX_COUNTED_ERRORS:
        return False
    again.sort()
    for row, first, prefix, breakdown in again:
        indicator, label, _ = prefix.split("\x1f")
        checker.duplicate(indicator, label, breakdown, first, row)
    values = checker.values
    repeated = {prefix for _, _, prefix, _ in again}
    for prefix, given in recorded.groups.items():
        mine = groups.get(prefix)
        if mine is None:
            groups[prefix] = given
            values[prefix] = recorded.values[prefix]
        elif prefix not in repeated:
            # The usual case, in C: the child's keys are new and follow the group's own, in
            # the child's order, with their values.
            mine.update(given)
            values[prefix].extend(recorded.values[prefix])
        else:
            # A key given again keeps the row and value it was first given with.
            mine_values = values[prefix]
            for (breakdown, row), value in zip(given.items(), recorded.values[prefix], strict=True):
                if mine.setdefault(breakdown, row) == row:
                    mine_values.append(value)
    checker.count += recorded.count
    for kind, seen in enumerate(recorded.evidence):
        checker.evidence[kind] += seen
        if not checker.first_row[kind]:
            checker.first_row[kind] = recorded.first_row[kind]
            checker.first_column[kind] = recorded.first_column[kind]
    if recorded.text:
        checker.lines.append(recorded.text)
    return True
