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

DATA = Path(__file__).parent / "data"

PROGRAMME = """\
schema: kpitrack/1
id: proef
version: "1.0"
title: {nl: Proefprogramma, en: Test programme}
owner: Ministerie
period: {start: 2018-01-01, end: 2022-12-31}
languages: [nl, en]
reporting: {frequency: half-year}
partners:
  - {id: politie, name: Politie}
  - {id: ngo, name: NGO}
codelists:
  region:
    nl: Regio
    en: Region
    codes: {noord: Noord, zuid: Zuid}
action_lines:
  - id: AL1
    title: {nl: Lijn, en: Line}
    actions:
      - id: AL1.1
        title: {nl: Actie, en: Action}
        owner: politie
        due: 2020-12-31
        milestones:
          - {id: AL1.1.a, title: {nl: Mijlpaal, en: Milestone}, due: 2019-06-30}
"""

ZAKEN = """\
id: zaken
action_line: AL1
name: {nl: Zaken, en: Cases}
definition: {nl: Zaken naar het OM, en: Cases sent}
measure: count
unit: {nl: zaken, en: cases}
direction: increase
frequency: year
dimensions: [region]
owner: politie
source: {nl: Politie, en: Police}
baseline: {period: "2017", value: 160}
targets:
  - {period: "2022", value: 240, set: 2018-01-01}
"""

MELDINGEN = """\
id: meldingen
action_line: AL1
name: {nl: Meldingen, en: Reports}
definition: {nl: Meldingen, en: Reports}
measure: count
direction: none
frequency: year
owner: ngo
source: {nl: NGO, en: NGO}
"""


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
    (root / "programme").mkdir(parents=True)
    (root / "kpis").mkdir()
    (root / "programme" / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    (root / "kpis" / "zaken.yaml").write_text(ZAKEN, encoding="utf-8")
    (root / "kpis" / "meldingen.yaml").write_text(MELDINGEN, encoding="utf-8")
    return root


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
