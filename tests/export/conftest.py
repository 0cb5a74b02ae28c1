"""Workspaces for the export tests: the example at the repository root, and a small one with a
regional breakdown, small counts, revisions, a dotted indicator id and code, and notes that a
spreadsheet would read as formulas."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kpitrack.intake.submit import submit_file

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2022-12-31"

PROGRAMME = """\
schema: kpitrack/1
id: proef
version: "1.0"
title: {nl: Proefprogramma, en: Test programme}
owner: Ministerie van Proeven
period: {start: 2018-01-01, end: 2022-12-31}
languages: [nl, en]
reporting: {frequency: half-year}
disclosure: {min_count: 5}
partners:
  - {id: politie, name: Politie}
  - {id: ngo, name: {nl: Stichting, en: Foundation}}
codelists:
  region:
    nl: Regio
    en: Region
    codes: {noord: Noord, oost: Oost, west: West, zuid.holland: Zuid-Holland}
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

INDICATORS = {
    "zaken": """\
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
  - {period: "2022", value: 7000, set: 2018-01-01}
""",
    "aandeel.gemeenten": """\
id: aandeel.gemeenten
action_line: AL1
name: {nl: Aandeel gemeenten, en: Share of municipalities}
definition: {nl: Aandeel, en: Share}
measure: percentage
direction: increase
frequency: half-year
dimensions: [region]
owner: politie
source: {nl: VNG, en: VNG}
targets: []
""",
    "meldingen": """\
id: meldingen
action_line: AL1
name: {nl: Meldingen, en: Reports}
definition: {nl: Meldingen, en: Reports}
measure: count
direction: none
frequency: year
owner: ngo
source: {nl: NGO, en: NGO}
""",
}

HEADER = "indicator,period,value,region,obs_status,lower,upper,note\n"

# Submission 1. 2019: two small cells (noord 3, zuid.holland 4) protect each other.
# 2021: one small cell (noord 2): west (50), the smallest other, is withheld with it.
# 2022: one small cell (noord 3), west withheld with it; never revised (as the report shows it).
# Percentages are never withheld, however small.
FIRST = HEADER + (
    "zaken,2019,6254,,,,,\n"
    "zaken,2019,3,noord,,,,\n"
    "zaken,2019,6000,oost,,,,\n"
    "zaken,2019,247,west,,,,\n"
    "zaken,2019,4,zuid.holland,,,,\n"
    "zaken,2021,222,,,,,\n"
    "zaken,2021,2,noord,,,,eerste telling\n"
    "zaken,2021,100,oost,,,,\n"
    "zaken,2021,50,west,,,,\n"
    "zaken,2021,70,zuid.holland,,,,\n"
    "zaken,2022,7150,,,,,\n"
    "zaken,2022,3,noord,,,,\n"
    "zaken,2022,6000,oost,,,,\n"
    "zaken,2022,247,west,,,,\n"
    "zaken,2022,900,zuid.holland,,,,\n"
    "aandeel.gemeenten,2019-H1,43.5,,P,40,47,=SUM(A1:A9)\n"
    "aandeel.gemeenten,2019-H1,2,noord,,,,\n"
    "aandeel.gemeenten,2019-H2,44.25,,,,,+31 6 1234 5678\n"
)
# Submission 2 revises 2021: noord 2 → 60 and the total 222 → 280. Today nothing in 2021 is
# small, yet the old 2 could be worked out from the two totals if west were shown: both stay
# withheld in every row.
SECOND = HEADER + (
    "zaken,2021,280,,,,,herzien\n"
    "zaken,2021,60,noord,,,,herzien\n"
    "aandeel.gemeenten,2019-H2,45,,,,,-herzien\n"
)
NGO = "indicator,period,value,obs_status,note\nmeldingen,2020,,M,@ingetrokken\nmeldingen,2019,3,,\n"


def write_programme(root: Path) -> Path:
    """The definitions of the small workspace, without figures."""
    (root / "programme").mkdir(parents=True)
    (root / "kpis").mkdir()
    (root / "programme" / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    for name, text in INDICATORS.items():
        (root / "kpis" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


def submit(root: Path, text: str, name: str, partner: str) -> None:
    path = root.parent / name
    path.write_text(text, encoding="utf-8")
    result = submit_file(root, path, partner)
    assert result.accepted, [p.format() for p in result.errors]


@pytest.fixture(scope="session")
def small_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The small workspace with three submissions (built once; tests only read it)."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1672531200")  # 2023-01-01: received times fixed
    root = write_programme(tmp_path_factory.mktemp("export") / "proef")
    submit(root, FIRST, "politie-1.csv", "politie")
    submit(root, SECOND, "politie-2.csv", "politie")
    submit(root, NGO, "ngo.csv", "ngo")
    monkeypatch.undo()
    yield root


@pytest.fixture
def empty_workspace(tmp_path: Path) -> Path:
    """The small workspace's definitions with nothing stored."""
    return write_programme(tmp_path / "leeg")


@pytest.fixture(scope="session")
def example_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example workspace at the repository root (exports never write into it)."""
    target = tmp_path_factory.mktemp("example") / "stmh"
    for part in ("programme", "kpis", "measurements"):
        shutil.copytree(ROOT / part, target / part)
    return target


@pytest.fixture
def frictionless_validate() -> Iterator[Callable[..., Any]]:
    """``frictionless.validate``, leaving the csv module's field size limit as it was.

    Importing frictionless raises that limit for the whole process, and the submission reader
    relies on the default (131,072 characters, README §Limits): the hostile-input tests that run
    later in the same process would see another limit.
    """
    limit = csv.field_size_limit()
    from frictionless import validate

    try:
        yield validate
    finally:
        csv.field_size_limit(limit)
