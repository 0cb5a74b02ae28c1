"""Generate large, valid workspaces and submissions for benchmarks (and for reuse in tests).

    python benchmarks/generate.py DEST [--indicators 300] [--regions 20] [--years 10]
                                       [--csv FILE --rows N]

``generate_workspace`` writes a programme whose indicators are all owned by the partner
``bureau`` (so one partner can submit every figure), with mixed measures and directions, a
``region`` codelist and targets. ``generate_submission_csv`` writes a valid measurements CSV for
the partner that owns the most indicators of any workspace that fits the contract.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

OWNER = "bureau"
FIRST_YEAR = 2015
MEASURES = ("count", "percentage", "amount", "ratio", "index")
DIRECTIONS = ("increase", "decrease", "maintain", "none")
CSV_COLUMNS_START = ("indicator", "period", "value")
CSV_COLUMNS_END = ("obs_status", "lower", "upper", "note")


def generate_workspace(
    dest: Path, indicators: int = 300, regions: int = 20, years: int = 10
) -> None:
    """Write a valid workspace into ``dest`` (created; existing definition files overwritten)."""
    if indicators < 1 or regions < 1 or years < 2:
        raise ValueError("need at least 1 indicator, 1 region and 2 years")
    last_year = FIRST_YEAR + years - 1
    (dest / "programme").mkdir(parents=True, exist_ok=True)
    (dest / "kpis").mkdir(parents=True, exist_ok=True)
    lines = max(1, min(10, indicators // 30))
    programme = _programme(lines, regions, last_year)
    _write_yaml(dest / "programme" / "programme.yaml", programme, "programme")
    for number in range(indicators):
        indicator = _indicator(number, lines, last_year)
        _write_yaml(dest / "kpis" / f"{indicator['id']}.yaml", indicator, "indicator")


def generate_submission_csv(
    dest_csv: Path, workspace: Path, rows: int | None, seed: int = 1, noise: bool = False
) -> int:
    """Write ``rows`` (None: every) valid, distinct measurement rows for the partner owning most
    indicators; return how many.

    Totals (blank dimension cells) come first for every indicator and period, then breakdown
    rows; raises ValueError when the workspace cannot supply that many distinct rows. Each
    series (indicator and breakdown) moves by at most a fifth a period, as real figures do;
    ``noise``: every value drawn afresh instead, so that about a third of them jump more than
    three times from the one before (the worst case for the plausibility checks).
    """
    from kpitrack.core.periods import parse_period, periods_between
    from kpitrack.definitions.load import read_definitions

    loaded = read_definitions(workspace)

    programme, indicators, problems = loaded.programme, loaded.indicators, loaded.problems
    errors = [p for p in problems if p.severity == "error"]
    if programme is None or errors:
        raise ValueError(f"workspace {workspace} is not valid ({len(errors)} errors)")
    owners: dict[str, int] = {}
    for indicator in indicators.values():
        owners[indicator.owner] = owners.get(indicator.owner, 0) + 1
    partner = max(sorted(owners), key=lambda p: owners[p])
    mine = [i for i in indicators.values() if i.owner == partner]
    dimensions = sorted({d for i in mine for d in i.dimensions})
    rng = random.Random(seed)
    header = [*CSV_COLUMNS_START, *dimensions, *CSV_COLUMNS_END]
    written = 0
    last: dict[tuple[str, ...], float] = {}  # series → its previous value
    dest_csv.parent.mkdir(parents=True, exist_ok=True)
    with dest_csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for breakdown_pass in (False, True):
            for indicator in mine:
                first = (
                    parse_period(indicator.baseline.period).start
                    if indicator.baseline is not None
                    else programme.period.start
                )
                periods = periods_between(indicator.frequency, first, programme.period.end)
                for period in periods:
                    if period.end > programme.period.end:
                        continue
                    for cells in _breakdowns(indicator.dimensions, programme, breakdown_pass):
                        if rows is not None and written >= rows:
                            return written
                        row = {"indicator": indicator.id, "period": period.label, **cells}
                        key = (indicator.id, *cells.values())
                        drawn = _value(indicator.measure, rng, None if noise else last.get(key))
                        last[key] = float(drawn["value"])
                        row.update(drawn)
                        writer.writerow([row.get(column, "") for column in header])
                        written += 1
    if rows is not None and written < rows:
        dest_csv.unlink()
        raise ValueError(f"the workspace supplies only {written} distinct rows, not {rows}")
    return written


def _breakdowns(
    dimensions: list[str], programme: Any, breakdown_pass: bool
) -> list[dict[str, str]]:
    if not breakdown_pass:
        return [{}]
    # One dimension at a time keeps the rows distinct and valid for any number of dimensions.
    return [
        {dimension: code}
        for dimension in dimensions
        for code in programme.codelists[dimension].codes
    ]


def _value(measure: str, rng: random.Random, previous: float | None) -> dict[str, str]:
    """A value drawn afresh (``previous`` None) or within a fifth of the previous one."""
    drift = 1.0 if previous is None else rng.uniform(0.85, 1.2)
    if measure == "count":
        value = rng.randint(0, 500) if previous is None else max(1, round(previous * drift))
        return {"value": str(value), "obs_status": "A"}
    if measure == "percentage":
        share = rng.uniform(0, 100) if previous is None else min(99.0, max(2.0, previous * drift))
        return {"value": f"{share:.1f}", "obs_status": rng.choice("AAAP")}
    value_f = rng.uniform(1, 1000) if previous is None else previous * drift
    if rng.random() < 0.1:
        return {
            "value": f"{value_f:.2f}",
            "obs_status": "E",
            "lower": f"{value_f * 0.8:.2f}",
            "upper": f"{value_f * 1.2:.2f}",
            "note": "estimate",
        }
    return {"value": f"{value_f:.2f}", "obs_status": "A"}


def _programme(lines: int, regions: int, last_year: int) -> dict[str, Any]:
    partners = [
        {"id": OWNER, "name": "Programmabureau"},
        {"id": "uitvoerder", "name": "Uitvoerder"},
        {"id": "gemeenten", "name": {"nl": "Gemeenten", "en": "Municipalities"}},
    ]
    action_lines = []
    for line in range(1, lines + 1):
        actions = []
        for number in range(1, 5):
            due = date(FIRST_YEAR + (line + number) % (last_year - FIRST_YEAR + 1), 12, 31)
            actions.append(
                {
                    "id": f"AL{line}.{number}",
                    "title": {"nl": f"Actie {line}.{number}", "en": f"Action {line}.{number}"},
                    "owner": partners[number % len(partners)]["id"],
                    "due": due,
                    "milestones": [
                        {
                            "id": f"AL{line}.{number}.a",
                            "title": {"nl": "Plan klaar", "en": "Plan ready"},
                            "due": date(due.year, 6, 30),
                        }
                    ],
                }
            )
        action_lines.append(
            {
                "id": f"AL{line}",
                "title": {"nl": f"Actielijn {line}", "en": f"Action line {line}"},
                "summary": {"nl": "Gegenereerd voor metingen.", "en": "Generated for benchmarks."},
                "actions": actions,
            }
        )
    return {
        "schema": "kpitrack/1",
        "id": "benchmark",
        "version": "1.0",
        "title": {"nl": "Benchmarkprogramma", "en": "Benchmark programme"},
        "owner": "Ministerie",
        "period": {"start": date(FIRST_YEAR, 1, 1), "end": date(last_year, 12, 31)},
        "languages": ["nl", "en"],
        "reporting": {"frequency": "half-year"},
        "partners": partners,
        "codelists": {
            "region": {
                "nl": "Regio",
                "en": "Region",
                "codes": {f"r{n:02d}": f"Regio {n}" for n in range(1, regions + 1)},
            }
        },
        "action_lines": action_lines,
    }


def _indicator(number: int, lines: int, last_year: int) -> dict[str, Any]:
    measure = MEASURES[number % len(MEASURES)]
    direction = DIRECTIONS[(number // len(MEASURES)) % len(DIRECTIONS)]
    frequency = "half-year" if number % 7 == 3 else "year"
    first = f"{FIRST_YEAR}-H2" if frequency == "half-year" else str(FIRST_YEAR)
    middle_year = max(FIRST_YEAR + 1, (FIRST_YEAR + last_year) // 2)
    middle = f"{middle_year}-H2" if frequency == "half-year" else str(middle_year)
    last = f"{last_year}-H2" if frequency == "half-year" else str(last_year)
    base = 40.0 if measure == "percentage" else 100.0 + number
    step = {"increase": 1.5, "decrease": 0.5, "maintain": 1.0, "none": 1.0}[direction]
    target = 60.0 if measure == "percentage" and direction == "increase" else base * step
    if measure == "percentage" and direction == "decrease":
        target = 20.0
    targets: list[dict[str, Any]] = []
    if direction != "none":
        # A fresh date per entry: PyYAML writes a shared object as an anchor, which is refused.
        targets = [{"period": last, "value": target, "set": _first_day()}]
        if middle != last:
            middle_value = round((base + target) / 2, 1)
            targets.insert(0, {"period": middle, "value": middle_value, "set": _first_day()})
        if number % 10 == 0:
            targets.append(
                {
                    "period": last,
                    "value": round(target * 0.9, 1),
                    "set": date(middle_year, 6, 1),
                    "reason": {"nl": "Bijgesteld", "en": "Revised"},
                }
            )
    return {
        "id": f"ind-{number:04d}",
        "action_line": f"AL{number % lines + 1}",
        "name": {"nl": f"Indicator {number}", "en": f"Indicator {number}"},
        "definition": {"nl": "Gegenereerde indicator.", "en": "Generated indicator."},
        "measure": measure,
        "unit": {"nl": "eenheden", "en": "units"},
        "direction": direction,
        "frequency": frequency,
        "aggregation": "sum" if measure in ("count", "amount") else "last",
        "dimensions": ["region"] if measure in ("count", "amount") and number % 2 == 0 else [],
        "owner": OWNER,
        "source": {"nl": "Registratie", "en": "Records"},
        "baseline": {"period": first, "value": base},
        "targets": targets,
    }


def _first_day() -> date:
    return date(FIRST_YEAR, 1, 1)


def _write_yaml(path: Path, data: dict[str, Any], kind: str) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    header = f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n"
    path.write_text(header + text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--regions", type=int, default=20)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--csv", type=Path, help="also write a submission CSV here")
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args(argv)
    generate_workspace(args.dest, args.indicators, args.regions, args.years)
    print(args.dest)
    if args.csv:
        generate_submission_csv(args.csv, args.dest, args.rows)
        print(args.csv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
