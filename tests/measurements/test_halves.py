"""A large file's plausibility checks shared by two processes give what one process gives: the
same problems, in the same order, listed and counted alike (measurements/halves.py)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from kpitrack.intake.submit import SubmissionResult, submit_file
from kpitrack.measurements import fork, halves, plausibility, validate
from kpitrack.measurements.validate import ErrorSink

needs_fork = pytest.mark.skipif(
    not fork.can_fork(), reason="no second processor, or threads running: nothing is split here"
)


def _state(sink: ErrorSink) -> tuple[object, ...]:
    return (
        [p.format() for p in sink.items],
        [p.format() for p in sink.warnings],
        sink.total,
        sink.warning_total,
    )


def _emitting(part: Sequence[tuple[str, int, bool]], sink: ErrorSink) -> None:
    """A check as the plausibility checks make them: a message only when it would be listed."""
    for code, row, error in part:
        if not sink.listed(code, error=error):
            sink.count(code, error=error)
        elif error:
            sink.add(code, f"{code} at {row}", row, "value", 3)
        else:
            sink.warn(code, f"{code} at {row}", row, "value", 3)


@needs_fork
@pytest.mark.parametrize("seed", range(6))
def test_the_halves_list_and_count_as_one_process(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate, "MAX_WARNINGS_PER_CODE", 4)
    monkeypatch.setattr(validate, "MAX_LISTED_ERRORS", 5)
    rng = random.Random(seed)
    codes = ["jump", "breakdown-total", "percentage-fraction"]
    parts = [
        [(rng.choice(codes), row, rng.random() < 0.3) for row in range(rng.randrange(0, 9))]
        for _ in range(rng.randrange(2, 12))
    ]
    sizes = [rng.randrange(1, 100) for _ in parts]
    one = ErrorSink("in.csv")
    for part in parts:
        _emitting(part, one)
    two = ErrorSink("in.csv")
    assert halves.check_in_halves(
        parts, sizes, two, lambda some, sink: [_emitting(p, sink) for p in some] and None
    )
    assert _state(two) == _state(one)
    one.close()
    two.close()
    assert _state(two) == _state(one)


def _file(rng: random.Random) -> str:
    lines = ["indicator,period,value,region"]
    for year in range(2018, 2023):
        for region in ("", "noord", "zuid"):
            lines.append(f"zaken,{year},{rng.choice([1, 5, 40, 400, 4000])},{region}")
        for half in (1, 2):
            lines.append(f"aandeel,{year}-H{half},{rng.choice(['0.5', '0.9', '30', '95'])},")
    return "\n".join(lines) + "\n"


def _submitted(workspace: Path, text: str, name: str) -> SubmissionResult:
    path = workspace.parent / name
    path.write_text(text, encoding="utf-8")
    return submit_file(workspace, path, "politie", dry_run=True)


@needs_fork
@pytest.mark.parametrize("errors", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_a_submission_warns_alike_split_or_not(
    seed: int, errors: bool, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if errors:  # the count indicator's implausible figures are errors that refuse the file
        kpi = workspace / "kpis" / "zaken.yaml"
        kpi.write_text(
            kpi.read_text(encoding="utf-8") + "plausibility: {errors: true, jump_factor: 2}\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(validate, "MAX_WARNINGS_PER_CODE", 2)
    text = _file(random.Random(seed))
    splits: list[bool] = []
    start = fork.Child.start

    def counted(work: object) -> fork.Child | None:
        splits.append(True)
        return start(work)  # type: ignore[arg-type]

    monkeypatch.setattr(plausibility, "PARALLEL_MIN_FIGURES", 10**9)
    one = _submitted(workspace, text, "one.csv")
    monkeypatch.setattr(plausibility, "PARALLEL_MIN_FIGURES", 0)
    monkeypatch.setattr(fork.Child, "start", staticmethod(counted))
    two = _submitted(workspace, text, "two.csv")
    assert splits, "the plausibility checks were not split"
    shown = [
        (p.code, p.line, p.column, p.message.replace("two.csv", "one.csv")) for p in two.warnings
    ]
    assert shown == [(p.code, p.line, p.column, p.message) for p in one.warnings]
    assert [(p.code, p.line, p.message) for p in two.errors] == [
        (p.code, p.line, p.message) for p in one.errors
    ]
    assert two.accepted == one.accepted
    assert one.warnings or one.errors, "the file meant to be implausible raised nothing"
