"""Benchmark ``kpitrack submit`` on a 1,000,000-row CSV for a generated 300-indicator programme.

    python benchmarks/bench_ingest.py [--rows 1000000] [--runs 2] [--keep DIR]

In the same run it times a bare ``csv.reader`` pass over the same file (in a fresh process, as
the submit is) and reports the ratio (target ≤ 3×) and the submit's peak memory from
``resource.getrusage(RUSAGE_CHILDREN)`` (target ≤ 1 GiB). Both ``--dry-run`` (validation only)
and a full submit (validation + writing the store) are measured; each figure is the best of
``--runs`` runs.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_submission_csv, generate_workspace

KPITRACK = [sys.executable, "-m", "kpitrack"]
BARE = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    for row in csv.reader(handle):
        pass
"""


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and peak RSS (MiB) of one child process; it must exit 0."""
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr[-2000:]}")
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: run the big one last per step.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return elapsed, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="kpitrack-ingest-"))
    try:
        workspace = work / "workspace"
        # 300 indicators x 10 years with 20 regions supply about 17,000 distinct rows; a larger
        # region codelist is the only way to a million distinct (indicator, period, region) keys.
        regions = max(20, -(-args.rows // 650))
        generate_workspace(workspace, indicators=300, regions=regions, years=10)
        data = work / "submission.csv"
        generate_submission_csv(data, workspace, args.rows)
        size = data.stat().st_size / 1048576
        bare = min(timed([sys.executable, "-c", BARE, str(data)])[0] for _ in range(args.runs))
        submit = [
            *KPITRACK,
            "submit",
            str(data),
            "--partner",
            "bureau",
            "--workspace",
            str(workspace),
        ]
        dry = [timed([*submit, "--dry-run"]) for _ in range(args.runs)]
        dry_time, dry_peak = min(t for t, _ in dry), max(p for _, p in dry)
        full_times = []
        for _ in range(args.runs):
            shutil.rmtree(workspace / "measurements", ignore_errors=True)
            full_times.append(timed(submit))
        full_time, full_peak = min(t for t, _ in full_times), max(p for _, p in full_times)
        print(f"file: {args.rows:,} rows, {size:.1f} MiB; 300 indicators, {regions} regions")
        print(f"bare csv.reader pass:     {bare:6.2f} s")
        print(
            f"submit --dry-run:         {dry_time:6.2f} s  = {dry_time / bare:4.2f}x  (target 3x)"
        )
        print(f"submit (stored):          {full_time:6.2f} s  = {full_time / bare:4.2f}x")
        print(f"peak memory (max child):  {max(dry_peak, full_peak):6.0f} MiB (target <= 1024 MiB)")
        return 0 if dry_time / bare <= 3 and max(dry_peak, full_peak) <= 1024 else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
