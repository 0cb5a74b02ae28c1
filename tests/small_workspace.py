"""A small workspace shared by the test suites: two partners, a yearly count with a region
breakdown, a half-yearly percentage, a context figure, an action with two milestones."""

from __future__ import annotations

from pathlib import Path

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
          - {id: AL1.1.b, title: {nl: Mijlpaal 2, en: Milestone 2}, due: 2019-12-31, owner: ngo}
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

AANDEEL = """\
id: aandeel
action_line: AL1
name: {nl: Aandeel, en: Share}
definition: {nl: "=Aandeel gemeenten", en: Share of municipalities}
measure: percentage
direction: increase
frequency: half-year
owner: politie
source: {nl: VNG, en: VNG}
targets: []
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


YEARLY_AMOUNT = """\
id: bedrag
action_line: AL1
name: {nl: Bedrag, en: Amount}
definition: {nl: Euro, en: Euro}
measure: amount
direction: none
frequency: year
owner: politie
source: {nl: X, en: X}
"""


def add_yearly_amount(workspace: Path) -> None:
    """An amount per year without breakdown (``bedrag``), owned by politie."""
    (workspace / "kpis" / "bedrag.yaml").write_text(YEARLY_AMOUNT, encoding="utf-8")


def write_small_workspace(root: Path) -> Path:
    """Write the small workspace at ``root`` and return it."""
    (root / "programme").mkdir(parents=True)
    (root / "kpis").mkdir()
    (root / "programme" / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    for name, text in (("zaken", ZAKEN), ("aandeel", AANDEEL), ("meldingen", MELDINGEN)):
        (root / "kpis" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root
