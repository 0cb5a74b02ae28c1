"""Every hostile input through the real CLI: the exit code of design §7, no traceback, the located
error it must produce, nothing stored for a rejected submission, within a time bound."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from .cases import CASES, CLASSES, Case
from .conftest import Run, tree_hash


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(
    case: Case, workspace: Path, tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = case.prepare(workspace, tmp_path)
    before = tree_hash(workspace / "measurements")
    started = time.monotonic()
    run = execute(case, args, cli, monkeypatch, tmp_path)
    elapsed = time.monotonic() - started
    assert "Traceback" not in run.text and "internal error" not in run.text, run.text[-2000:]
    assert run.code == case.exit, run.text[-2000:]
    assert elapsed < case.seconds, f"took {elapsed:.1f} s"
    if case.json:
        check_json(case, run)
    else:
        check_text(case, run)
    after = tree_hash(workspace / "measurements")
    if case.stored:
        assert after != before
    else:
        assert after == before, "the store changed"
    if case.check is not None:
        case.check(workspace, run)


def execute(
    case: Case, args: list[str], cli: Any, monkeypatch: pytest.MonkeyPatch, tmp: Path
) -> Run:
    """Run the case in process (with its faults and environment) or as a process of its own."""
    if case.process:
        if case.wrap and shutil.which(case.wrap[0]) is None:
            pytest.skip(f"needs {case.wrap[0]}")
        env = {k: v for k, v in os.environ.items() if k not in ("KPITRACK_DEBUG", "COLUMNS")}
        env.update(case.env or {})
        command = [*case.wrap, sys.executable, "-m", "kpitrack", *args]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=case.seconds, env=env, cwd=tmp
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"{case.id}: no answer within {case.seconds} s (hangs?)")
        out, err = (stream.decode("utf-8", "replace") for stream in (done.stdout, done.stderr))
        return Run(done.returncode, out, err)
    with monkeypatch.context() as patch:
        for name, value in (case.env or {}).items():
            patch.setenv(name, value)
        patch.chdir(tmp)  # a template without --out goes to the current directory
        if case.fault is not None:
            case.fault(patch)
        run: Run = cli(args)
    return run


def check_json(case: Case, run: Run) -> None:
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


def check_text(case: Case, run: Run) -> None:
    """Text commands: the problem line ``file: code: message`` (located), or the words said."""
    if case.code is not None:
        lines = [line for line in run.err.splitlines() if f"{case.code}: " in line]
        assert lines, f"no {case.code} in {run.err[-2000:]}"
        if case.file_endswith is not None:
            assert any(line.split(": ")[0].endswith(case.file_endswith) for line in lines), lines
    if case.says is not None:
        assert case.says in run.text, run.text[-2000:]


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.seconds <= 10 and c.json],
    ids=[c.id for c in CASES if c.seconds <= 10 and c.json],
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
        if case.line is not None and case.column is not None:
            assert f":{case.line}:{case.column}: " in run.err, run.err[-2000:]
        elif case.line is not None:
            assert f":{case.line}:" in run.err or f":{case.line}: " in run.err
    assert len(run.err.splitlines()) <= 1003


def test_every_case_has_a_known_class_and_a_unique_id() -> None:
    assert len({c.id for c in CASES}) == len(CASES)
    counts = Counter(c.klass for c in CASES)
    assert set(counts) <= set(CLASSES), set(counts) - set(CLASSES)
    assert all(counts[name] > 0 for name in CLASSES), counts
