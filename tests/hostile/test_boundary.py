"""The CLI error boundary: an unexpected exception is a short note with a --debug hint (exit 1);
with --debug the traceback is shown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import kpitrack.workspace as check


def explode(*args: object, **kwargs: object) -> Any:
    raise ZeroDivisionError("boom in the library")


def test_unexpected_exception_is_a_short_message(
    workspace: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(check, "check_workspace", explode)
    run = cli(["validate", str(workspace)])
    assert run.code == 1
    assert "Traceback" not in run.text
    assert "internal error: ZeroDivisionError: boom in the library" in run.err
    assert "--debug" in run.err
    assert len(run.err.splitlines()) <= 3


def test_debug_shows_the_traceback(workspace: Path, tmp_path: Path) -> None:
    script = (
        "import sys, kpitrack.workspace as c\n"
        "def explode(*a, **k):\n"
        "    raise ZeroDivisionError('boom in the library')\n"
        "c.check_workspace = explode\n"
        "from kpitrack.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    for args, traceback in (([], False), (["--debug"], True)):
        done = subprocess.run(
            [sys.executable, "-c", script, *args, "validate", str(workspace)],
            capture_output=True,
            text=True,
            timeout=60,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        )
        assert done.returncode == 1
        assert ("Traceback (most recent call last)" in done.stderr) is traceback, done.stderr
        assert "ZeroDivisionError" in done.stderr
        if not traceback:
            assert "--debug" in done.stderr


def test_keyboard_interrupt_is_not_a_traceback(
    workspace: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*args: object, **kwargs: object) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(check, "check_workspace", interrupt)
    run = cli(["validate", str(workspace)])
    assert run.code == 130 and "Traceback" not in run.text


def test_usage_error_exits_2(cli: Any) -> None:
    run = cli(["submit"])
    assert run.code == 2 and "Traceback" not in run.text
