"""A small workspace to attack, and helpers to run the real CLI and fingerprint the store."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kpitrack.cli import main
from small_workspace import write_small_workspace

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Run:
    """Outcome of one CLI call."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err

    def json(self) -> Any:
        return json.loads(self.out)


def make_workspace(root: Path) -> Path:
    """Write the small workspace at ``root`` and return it."""
    return write_small_workspace(root)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Any:
    """Run ``kpitrack.cli.main(args)`` in process; return its exit code and output."""

    def run(args: list[str]) -> Run:
        os.environ.pop("KPITRACK_DEBUG", None)
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            main(args)
        out, err = capsys.readouterr()
        code = exit_info.value.code
        return Run(code if isinstance(code, int) else (0 if code is None else 1), out, err)

    return run


def tree_hash(path: Path) -> str:
    """sha256 over every path, symlink target and file content under ``path`` (absent: '-')."""
    if not path.exists() and not path.is_symlink():
        return "-"
    digest = hashlib.sha256()
    for item in sorted(path.rglob("*")):
        digest.update(str(item.relative_to(path)).encode("utf-8", "surrogateescape") + b"\0")
        if item.is_symlink():
            digest.update(b"link:" + os.readlink(item).encode("utf-8", "surrogateescape"))
        elif item.is_file():
            digest.update(item.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
