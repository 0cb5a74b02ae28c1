"""Benchmark: the HTML report of a generated 300-indicator programme (target ≤ 10 s).

Generates the workspace with benchmarks/generate.py (300 indicators, 20 regions, 10 years),
submits totals and breakdowns through the real store, then times ``write_reports`` (load,
compute, ReportModel, HTML) end to end. Prints one Markdown table row.
Run: .venv/bin/python benchmarks/bench_report.py [--indicators 300] [--rows 60000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_submission_csv, generate_workspace

from kpitrack.intake.submit import submit_file
from kpitrack.report.build import write_reports

TARGET_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--regions", type=int, default=20)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rows", type=int, default=15_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ws"
        generate_workspace(root, indicators=args.indicators, regions=args.regions, years=args.years)
        csv = Path(tmp) / "data.csv"
        generate_submission_csv(csv, root, rows=args.rows)
        result = submit_file(root, csv, "bureau", dry_run=False)
        if not result.accepted:
            print("generated submission was rejected", file=sys.stderr)
            return 1
        as_of = date(2015 + args.years - 1, 12, 31)
        start = time.perf_counter()
        paths = write_reports(root, as_of=as_of, lang=None, formats=["html"], out=Path(tmp) / "out")
        seconds = time.perf_counter() - start
        size = paths[0].stat().st_size / 1e6
    verdict = "ok" if seconds <= TARGET_SECONDS else "SLOW"
    print("| benchmark | indicators | rows | seconds | HTML MB | target |")
    print("|---|---|---|---|---|---|")
    print(
        f"| HTML report | {args.indicators} | {args.rows} | {seconds:.2f} | {size:.1f} "
        f"| ≤ {TARGET_SECONDS:.0f} s ({verdict}) |"
    )
    return 0 if seconds <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
