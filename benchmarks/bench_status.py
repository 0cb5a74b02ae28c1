"""Benchmark: compute_progress on 300 indicators × 20 regions × 10 years (target ≤ 2 s).

Built in memory (no store, no YAML) so that only the engine is timed. A bare loop summing the
same values per indicator and year runs in the same process as the floor to compare with.
Prints one Markdown table row. Run: .venv/bin/python benchmarks/bench_status.py
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.model import Observation, Provenance
from kpitrack.progress.engine import compute_progress
from kpitrack.workspace import Workspace

FIRST_YEAR = 2013


def build(indicators: int, regions: int, years: int) -> Workspace:
    """A workspace of ``indicators`` yearly counts broken down by ``regions`` for ``years``."""
    codes = {f"r{n:02d}": f"Regio {n}" for n in range(regions)}
    programme = Programme.model_validate(
        {
            "schema": "kpitrack/1",
            "id": "bench",
            "version": "1",
            "title": {"nl": "Benchmark", "en": "Benchmark"},
            "owner": "Ministerie",
            "period": {"start": f"{FIRST_YEAR}-01-01", "end": f"{FIRST_YEAR + years}-12-31"},
            "languages": ["nl", "en"],
            "partners": [{"id": "p", "name": "Partner"}],
            "codelists": {"regio": {"nl": "Regio", "en": "Region", "codes": codes}},
            "action_lines": [
                {"id": f"AL{n}", "title": {"nl": f"Lijn {n}", "en": f"Line {n}"}} for n in range(5)
            ],
        }
    )
    last = FIRST_YEAR + years - 1
    found: dict[str, Indicator] = {}
    observations: list[Observation] = []
    for n in range(indicators):
        ind = Indicator.model_validate(
            {
                "id": f"kpi-{n:03d}",
                "action_line": f"AL{n % 5}",
                "name": {"nl": f"Indicator {n}", "en": f"Indicator {n}"},
                "definition": {"nl": "-", "en": "-"},
                "measure": "count",
                "direction": ("increase", "decrease", "none")[n % 3],
                "frequency": "year",
                "dimensions": ["regio"],
                "owner": "p",
                "source": {"nl": "-", "en": "-"},
                "baseline": {"period": str(FIRST_YEAR - 1), "value": 1000},
                "targets": [
                    {
                        "period": str(last),
                        "value": 2000 if n % 3 == 0 else 500,
                        "set": "2012-06-01",
                    },
                    {
                        "period": str(last),
                        "value": 1800 if n % 3 == 0 else 600,
                        "set": "2015-06-01",
                    },
                ],
            }
        )
        found[ind.id] = ind
        for y in range(years):
            for r, code in enumerate(codes):
                observations.append(
                    Observation(
                        indicator=ind.id,
                        period=str(FIRST_YEAR + y),
                        breakdown=(("regio", code),),
                        value=float(40 + (n + y * 7 + r * 3) % 50),
                        obs_status="P" if y == years - 1 else "A",
                        lower=None,
                        upper=None,
                        note="",
                        provenance=Provenance(1 + y, "p", "2024-01-01T00:00:00Z", "b.csv", r + 2),
                    )
                )
    return Workspace(
        root=Path("."), programme=programme, indicators=found, _observations=observations
    )


def bare_loop(workspace: Workspace) -> dict[tuple[str, str], float]:
    """The floor: sum the same values per indicator and period, nothing else."""
    totals: dict[tuple[str, str], float] = {}
    for obs in workspace.observations():
        key = (obs.indicator, obs.period)
        totals[key] = totals.get(key, 0.0) + (obs.value or 0.0)
    return totals


def best_of(runs: int, func: Callable[[], Any]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--regions", type=int, default=20)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    workspace = build(args.indicators, args.regions, args.years)
    as_of = date(FIRST_YEAR + args.years, 6, 30)
    cold = best_of(1, lambda: compute_progress(workspace, as_of))  # caches of periods/numbers empty
    engine = best_of(args.runs, lambda: compute_progress(workspace, as_of))
    floor = best_of(args.runs, lambda: bare_loop(workspace))
    report = compute_progress(workspace, as_of)
    statuses = sorted({i.status for i in report.indicators})
    print(
        "| benchmark | observations | compute_progress first run (s) | best of "
        f"{args.runs} (s) | bare loop (s) | × loop | target |"
    )
    print("|---|---:|---:|---:|---:|---:|---|")
    print(
        f"| status: {args.indicators} indicators × {args.regions} regions × {args.years} years "
        f"| {len(workspace.observations()):,} | {cold:.3f} | {engine:.3f} | {floor:.3f} | "
        f"{engine / floor:.0f} | {'met' if max(cold, engine) <= 2 else 'MISSED'} (≤ 2 s) |"
    )
    print(f"statuses seen: {', '.join(statuses)}")


if __name__ == "__main__":
    main()
