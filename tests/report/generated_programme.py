"""Programmes made up from a seed, written to disk and filled through ``submit``.

Each seed gives another mix: context figures and indicators with targets (some revised), figures
old and new (provisional, estimated, breaks in series), actions and milestones due before and
after the as-of date, with and without updates. The report's counts are checked against what
``kpitrack status --format json`` says of them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from kpitrack.intake.submit import submit_file

PARTNERS = ("alpha", "beta", "gamma")
STATES = ("done", "in_progress", "planned", "dropped")


def generated_programme(root: Path, seed: int) -> date:
    """Write a workspace at ``root`` from ``seed``, submit its figures; return an as-of date."""
    rng = random.Random(seed)
    start, end = date(2018, 1, 1), date(2022, 12, 31)
    lines: list[dict[str, Any]] = []
    updates: dict[str, list[str]] = {p: [] for p in PARTNERS}
    for line_no in range(1, rng.randint(2, 4) + 1):
        actions = []
        for action_no in range(1, rng.randint(1, 4) + 1):
            action_id = f"AL{line_no}.{action_no}"
            owner = rng.choice(PARTNERS)
            due = start + timedelta(days=rng.randint(200, 1700))
            milestones = [
                {
                    "id": f"{action_id}.{letter}",
                    "title": {"nl": f"Mijlpaal {letter}", "en": f"Milestone {letter}"},
                    "due": (due - timedelta(days=rng.randint(30, 600))).isoformat(),
                }
                for letter in "abc"[: rng.randint(0, 3)]
            ]
            actions.append(
                {
                    "id": action_id,
                    "title": {"nl": f"Actie {action_id}", "en": f"Action {action_id}"},
                    "owner": owner,
                    "due": due.isoformat(),
                    "milestones": milestones,
                }
            )
            for item in [action_id, *(m["id"] for m in milestones)]:
                if rng.random() < 0.5:
                    day = start + timedelta(days=rng.randint(100, 1600))
                    updates[owner].append(f"{item},{day.isoformat()},{rng.choice(STATES)},")
        lines.append(
            {
                "id": f"AL{line_no}",
                "title": {"nl": f"Actielijn {line_no}", "en": f"Action line {line_no}"},
                "actions": actions,
            }
        )
    programme = {
        "schema": "kpitrack/1",
        "id": f"gegenereerd-{seed}",
        "version": "1",
        "title": {"nl": f"Programma {seed}", "en": f"Programme {seed}"},
        "owner": "Ministerie",
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "languages": ["nl", "en"],
        "reporting": {"frequency": rng.choice(["half-year", "year"])},
        "partners": [{"id": p, "name": p.title()} for p in PARTNERS],
        "action_lines": lines,
    }
    (root / "programme").mkdir(parents=True)
    (root / "kpis").mkdir()
    _write(root / "programme" / "programme.yaml", programme)
    figures: dict[str, list[str]] = {p: [] for p in PARTNERS}
    for number in range(rng.randint(3, 9)):
        ident = f"ind-{number}"
        owner = rng.choice(PARTNERS)
        context = rng.random() < 0.3
        indicator: dict[str, Any] = {
            "id": ident,
            "action_line": rng.choice(lines)["id"],
            "name": {"nl": f"Indicator {number}", "en": f"Indicator {number}"},
            "definition": {"nl": "Aantal", "en": "Count"},
            "measure": "count",
            "unit": {"nl": "zaken", "en": "cases"},
            "direction": "none" if context else rng.choice(["increase", "decrease"]),
            "frequency": "year",
            "owner": owner,
            "source": {"nl": "Bron", "en": "Source"},
            "baseline": {"period": "2017", "value": 100},
            "targets": [],
        }
        if not context:
            goal = 150 if indicator["direction"] == "increase" else 60
            indicator["targets"] = [{"period": "2022", "value": goal, "set": "2018-01-01"}]
            if rng.random() < 0.3:
                indicator["targets"].append(
                    {
                        "period": "2022",
                        "value": goal + rng.choice([-20, 20]),
                        "set": "2020-06-30",
                        "reason": {"nl": "Bijgesteld", "en": "Revised"},
                    }
                )
        _write(root / "kpis" / f"{ident}.yaml", indicator)
        for year in sorted(rng.sample(range(2018, 2023), rng.randint(0, 4))):
            status = rng.choice(["", "", "", "P", "E", "B"])
            figures[owner].append(f"{ident},{year},{rng.randint(40, 200)},{status}")
    for partner in PARTNERS:
        if figures[partner]:
            _submit(root, partner, "indicator,period,value,obs_status", figures[partner])
        if updates[partner]:
            _submit(root, partner, "action,date,status,note", updates[partner])
    return rng.choice([date(2020, 12, 31), date(2021, 6, 30), date(2022, 12, 31)])


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _submit(root: Path, partner: str, header: str, rows: list[str]) -> None:
    path = root.parent / f"{root.name}-{partner}-{len(rows)}-{header[:6]}.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = submit_file(root, path, partner)
    assert result.accepted, [p.format() for p in result.errors]
