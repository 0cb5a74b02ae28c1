"""Benchmark ``kpitrack validate`` on a generated 300-indicator programme, and ``--help``.

    python benchmarks/bench_validate.py [--indicators 300]

Each command runs as a fresh process (what a user waits for); the table gives the best of
several runs next to two baselines measured in the same run: an empty Python start-up and a bare
``yaml.safe_load`` of the same files. Targets: validate ≤ 1 s, --help ≤ 0.3 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_workspace

PYTHON = sys.executable
KPITRACK = str(Path(sys.executable).with_name("kpitrack"))

SAFE_LOAD = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
loader = yaml.CSafeLoader if sys.argv[2] == "c" else yaml.SafeLoader
for path in [root / "programme" / "programme.yaml", *sorted((root / "kpis").glob("*.yaml"))]:
    yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
"""


def best_of(command: list[str], runs: int, expect: int = 0) -> float:
    """Fastest wall-clock time of ``runs`` runs; the exit code must be ``expect``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != expect:
            raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark kpitrack validate and --help.")
    parser.add_argument("--indicators", type=int, default=300)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "workspace"
        generate_workspace(root, indicators=args.indicators)
        files = 1 + len(list((root / "kpis").glob("*.yaml")))
        rows = [
            ("python -c pass", best_of([PYTHON, "-c", "pass"], 5), "baseline"),
            (
                f"yaml.safe_load of {files} files",
                best_of([PYTHON, "-c", SAFE_LOAD, str(root), "py"], 3),
                "baseline",
            ),
            (
                f"yaml.load(CSafeLoader) of {files} files",
                best_of([PYTHON, "-c", SAFE_LOAD, str(root), "c"], 3),
                "baseline",
            ),
            ("kpitrack --help", best_of([KPITRACK, "--help"], 5), "≤ 0.3 s"),
            (
                f"kpitrack validate ({args.indicators} indicators)",
                best_of([KPITRACK, "validate", str(root)], 3),
                "≤ 1 s",
            ),
        ]
    print("| command | best wall time (s) | target |")
    print("|---|---:|---|")
    for name, seconds, target in rows:
        print(f"| {name} | {seconds:.3f} | {target} |")
    failed = rows[-2][1] > 0.3 or rows[-1][1] > 1.0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
