"""Every hostile input through the real CLI: the exit code of design §7, no traceback, the located
error it must produce, nothing stored for a rejected submission, within a time bound."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from .cases import CASES, Case
from .conftest import Run, tree_hash


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, workspace: Path, tmp_path: Path, cli: Any) -> None:
    args = case.prepare(workspace, tmp_path)
    before = tree_hash(workspace / "measurements")
    started = time.monotonic()
    run: Run = cli(args)
    elapsed = time.monotonic() - started
    assert "Traceback" not in run.text and "internal error" not in run.text, run.text[-2000:]
    assert run.code == case.exit, run.text[-2000:]
    assert elapsed < case.seconds, f"took {elapsed:.1f} s"
    payload = run.json()
    problems = payload["errors"] + payload["warnings"]
    if case.code is not None:
        found = [p for p in problems if p["code"] == case.code]
        assert found, f"no {case.code} in {[(p['code'], p['message'][:200]) for p in problems]}"
        if case.line is not None:
            places = [(p["line"], p["column"]) for p in found]
            wanted = (case.line, case.column) if case.column is not None else None
            assert wanted in places if wanted else case.line in [line for line, _ in places], places
        if case.file_endswith is not None:
            assert any(str(p["file"]).endswith(case.file_endswith) for p in found)
        assert all(len(p["message"]) < 2000 for p in problems), "an error message is huge"
    elif case.exit == 0:
        assert not payload.get("errors"), payload
    after = tree_hash(workspace / "measurements")
    if case.stored:
        assert after != before
    else:
        assert after == before, "the store changed"
    if case.check is not None:
        case.check(workspace, run)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.seconds <= 10], ids=[c.id for c in CASES if c.seconds <= 10]
)
def test_hostile_input_text_output(case: Case, workspace: Path, tmp_path: Path, cli: Any) -> None:
    """The text rendering: same exit code, one located line per problem, no traceback."""
    args = case.prepare(workspace, tmp_path)
    args = args[: args.index("--format")] if "--format" in args else args
    run: Run = cli(args)
    assert "Traceback" not in run.text and "internal error" not in run.text
    assert run.code == case.exit
    if case.code is not None:
        assert f" {case.code}: " in run.err or f" {case.code} (warning): " in run.err
        if case.line is not None:
            assert f":{case.line}:" in run.err or f":{case.line}: " in run.err
    assert len(run.err.splitlines()) <= 1003
