"""A check of a large file's parts shared by two processes, with the outcome of one.

A forked child checks the second half of the parts (by size) into a sink of its own that records,
in order, each problem it listed and each count of problems it did not list; this process checks
the first half, then adds the child's record as if it had checked those parts itself. A problem
is listed when this sink has room for its kind, so the problems, their order and the counts are
those of checking every part in turn (tests compare the two). Used by :mod:`plausibility`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kpitrack.core.problems import Problem
from kpitrack.measurements.fork import Child, can_fork
from kpitrack.measurements.validate import ErrorSink

Part = TypeVar("Part")
Event = Problem | tuple[str, bool, int]
"""A problem the child listed, or (code, is an error, how many) it counted without listing."""


def check_in_halves(
    parts: Sequence[Part],
    sizes: Sequence[int],
    sink: ErrorSink,
    check: Callable[[Sequence[Part], ErrorSink], None],
) -> bool:
    """Check ``parts`` with ``check`` in two processes; False: not split, nothing done."""
    if len(parts) < 2 or not can_fork():
        return False
    half, running, whole = 0, 0, sum(sizes)
    while half < len(parts) - 1 and running + sizes[half] <= whole / 2:
        running += sizes[half]
        half += 1
    half = max(half, 1)

    def second() -> list[Event]:
        recording = RecordingSink(sink.file, sink.names)
        check(parts[half:], recording)
        return recording.events

    child = Child.start(second)
    if child is None:
        return False
    try:
        check(parts[:half], sink)
        events = child.result()
    finally:
        child.stop()
    if not isinstance(events, list):
        check(parts[half:], sink)  # the child failed: check its half here
        return True
    replay(events, sink)
    return True


def replay(events: list[Event], sink: ErrorSink) -> None:
    """Add a recording sink's events to ``sink`` as if its checks had been made with it."""
    for event in events:
        if isinstance(event, Problem):
            sink.extend([event])  # listed when this sink has room for it, else counted
        else:
            code, error, times = event
            sink.count(code, error=error, times=times)


class RecordingSink(ErrorSink):
    """A fresh sink that also records, in order, each problem it listed and each count of
    problems it did not list (:data:`Event`)."""

    def __init__(self, file: str, names: dict[str, str]) -> None:
        super().__init__(file)
        self.names = dict(names)
        self.events: list[Event] = []

    # Arguments as ErrorSink.add and ErrorSink.warn take them: (code, message, row, column, index).
    def add(self, code: str, *args: Any, **kwargs: Any) -> None:
        listed = len(self.items)
        super().add(code, *args, **kwargs)
        self._record(self.items, listed, code, error=True)

    def warn(self, code: str, *args: Any, **kwargs: Any) -> None:
        listed = len(self.warnings)
        super().warn(code, *args, **kwargs)
        self._record(self.warnings, listed, code, error=False)

    def _record(self, kept: list[Problem], before: int, code: str, *, error: bool) -> None:
        self.events.append(kept[-1] if len(kept) > before else (code, error, 1))

    def count(self, code: str, *, error: bool, times: int = 1) -> None:
        super().count(code, error=error, times=times)
        self.events.append((code, error, times))
