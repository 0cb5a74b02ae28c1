"""``submit`` of something that is not a regular file: refused at once, nothing read or stored."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize("kind", ["fifo", "device", "directory", "link to a device"])
def test_submit_refuses_what_is_not_a_regular_file(
    kind: str, workspace: Path, tmp_path: Path, cli: Any
) -> None:
    target = tmp_path / "figures.csv"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "directory":
        target.mkdir()
    elif kind == "device":
        target = Path("/dev/zero")
    else:
        target.symlink_to("/dev/zero")
    before = sorted(p.relative_to(workspace) for p in workspace.rglob("*"))
    run = cli(["submit", str(target), "--partner", "politie", "--workspace", str(workspace)])
    assert run.code == 1
    assert "file-not-regular" in run.err and "nothing was stored" in run.err
    assert sorted(p.relative_to(workspace) for p in workspace.rglob("*")) == before
