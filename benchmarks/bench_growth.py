"""Growth benchmark: validate, status, HTML and Word report at 30, 300 and 1,000 indicators.

    python benchmarks/bench_growth.py [--sizes 30,300,1000] [--word-sizes 30,300,1000] [--runs 2]
                                      [--keep DIR]

Each size is the same kind of programme (benchmarks/generate.py: 20 regions, 10 years) with every
row it supplies stored through ``kpitrack submit``. Each step runs as a fresh process, as a user
runs it: ``kpitrack validate``, ``kpitrack status --format json``, ``kpitrack report --format
html`` and ``--format docx``; each figure is the best of ``--runs`` runs (the Word report: one).
The work grows with the indicators (1,000 / 30 = 33×); the target is that no step grows faster
than about that: time at 1,000 ≤ 40 × time at 30 (between other sizes: ≤ 1.2 × their ratio).

The Word report is timed at the sizes in ``--word-sizes`` (all three by default), and its growth
is taken between the largest and the smallest of those.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import FIRST_YEAR, generate_submission_csv, generate_workspace

KPITRACK = [sys.executable, "-m", "kpitrack"]
SIZES = (30, 300, 1000)
WORD_SIZES = (30, 300, 1000)
REGIONS, YEARS = 20, 10
SLACK = 1.2
"""Time may grow 1.2 × as fast as the work: 40× from 30 to 1,000 indicators."""
STEPS = ("validate", "status", "HTML report", "Word report")

Timings = dict[str, dict[int, tuple[float, float]]]
"""step → indicators → (seconds, peak MiB)."""


def measure(
    work: Path,
    sizes: tuple[int, ...] = SIZES,
    word_sizes: tuple[int, ...] = WORD_SIZES,
    runs: int = 2,
) -> Timings:
    """Time every step at every size (the Word report at ``word_sizes`` only); steps timed at
    fewer than two sizes are left out."""
    as_of = f"{FIRST_YEAR + YEARS - 1}-12-31"
    found: Timings = {step: {} for step in STEPS}
    for size in sorted(set(sizes) | set(word_sizes)):
        root = work / f"programme-{size}"
        generate_workspace(root, indicators=size, regions=REGIONS, years=YEARS)
        data = work / f"rows-{size}.csv"
        generate_submission_csv(data, root, rows=None)
        _run([*KPITRACK, "submit", str(data), "--partner", "bureau", "--workspace", str(root)])
        out = work / f"out-{size}"
        commands = {
            "validate": [*KPITRACK, "validate", str(root)],
            "status": [*KPITRACK, "status", str(root), "--as-of", as_of, "--format", "json"],
            "HTML report": [*KPITRACK, "report", str(root), "--as-of", as_of, "--format", "html"],
            "Word report": [*KPITRACK, "report", str(root), "--as-of", as_of, "--format", "docx"],
        }
        for step, command in commands.items():
            word = step == "Word report"
            if size in (word_sizes if word else sizes):
                extra = ["--out", str(out)] if step.endswith("report") else []
                timings = [_run([*command, *extra]) for _ in range(1 if word else runs)]
                found[step][size] = (min(t for t, _ in timings), max(m for _, m in timings))
    return {step: times for step, times in found.items() if len(times) >= 2}


def _run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one command, which must exit 0."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(command[2:5])} … failed:\n{err.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def ratio(times: dict[int, tuple[float, float]]) -> float:
    """Seconds at the largest size over seconds at the smallest."""
    return times[max(times)][0] / times[min(times)][0]


def target(times: dict[int, tuple[float, float]]) -> float:
    """The largest growth allowed between the largest and the smallest size."""
    return SLACK * max(times) / min(times)


def table(found: Timings) -> str:
    """One Markdown table: seconds (peak MiB) per size, and the growth of each step."""
    sizes = sorted({size for times in found.values() for size in times})
    lines = [
        "| step | "
        + " | ".join(f"{size:,} indicators" for size in sizes)
        + " | growth | target | met |",
        "|---|" + "---:|" * len(sizes) + "---:|---:|---|",
    ]
    for step, times in found.items():
        cells = [
            f"{times[s][0]:.2f} s ({times[s][1]:,.0f} MiB)" if s in times else "—" for s in sizes
        ]
        growth = ratio(times)
        lines.append(
            f"| {step} | {' | '.join(cells)} | {growth:.1f}× ({max(times):,}/{min(times):,}) | "
            f"≤ {target(times):.0f}× | {'yes' if growth <= target(times) else '**no**'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--word-sizes", default=",".join(map(str, WORD_SIZES)))
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="kpitrack-growth-"))
    try:
        found = measure(work, _sizes(args.sizes), _sizes(args.word_sizes), args.runs)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(found))
    return 0 if all(ratio(times) <= target(times) for times in found.values()) else 1


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


if __name__ == "__main__":
    raise SystemExit(main())
