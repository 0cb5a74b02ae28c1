"""Benchmark: the chained store — 1,000 small submissions, then ``verify`` on them.

Generates a workspace (benchmarks/generate.py: 60 indicators × 4 regions × 10 years), splits
generated submissions into 1,000 files of 3 rows each (later ones revise earlier figures), and
times in one process:

- submit: ``submit_file`` of each file into the chained store (load the definitions, validate,
  lock, check the whole store, write under temporary names, append the chained entry, rename);
  total, average, and the averages of the first and the last 100 (the pre-write check of the
  whole store grows with it);
- dry run: ``submit_file(..., dry_run=True)`` of the same files first — everything but the store,
  so submit − dry run is what storing costs;
- verify: ``verify_store`` on the 1,000 submissions (best of 3), against the same store with its
  ledger rewritten as an unchained one (no ``prev``, no chain-start: what verify did before the
  chain) and against a bare sha256 of every stored file.

Prints one Markdown table; ``--json`` prints the figures as one JSON line instead.
Run: .venv/bin/python benchmarks/bench_store.py [--submissions 1000] [--rows 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import OWNER, generate_submission_csv, generate_workspace

from kpitrack.intake.submit import submit_file
from kpitrack.measurements.verify import verify_store


def split_submissions(workspace: Path, work: Path, submissions: int, rows: int) -> list[Path]:
    """``submissions`` CSV files of ``rows`` rows, distinct bytes each.

    The workspace supplies some 1,200 distinct keys; each round covers them with other values
    (another seed), so later files revise earlier figures, as real deliveries do.
    """
    pool = 1200
    files: list[Path] = []
    seen: set[str] = set()
    for seed in range(1, 2 + submissions * rows // pool):
        whole = work / f"all-{seed}.csv"
        generate_submission_csv(whole, workspace, pool, seed=seed)
        header, *lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
        for start in range(0, pool, rows):
            text = header + "".join(lines[start : start + rows])
            assert text not in seen, "two submissions with the same bytes"
            seen.add(text)
            path = work / "in" / f"s{len(files):04d}.csv"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            files.append(path)
    return files[:submissions]


def unchained_copy(workspace: Path, dest: Path) -> Path:
    """The same store with its ledger written as before the chain (no prev, no chain-start)."""
    shutil.copytree(workspace, dest)
    ledger = dest / "measurements" / "ledger.jsonl"
    lines = []
    for line in ledger.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        entry.pop("prev", None)
        lines.append(json.dumps(entry, ensure_ascii=False, separators=(", ", ": ")) + "\n")
    ledger.write_text("".join(lines), encoding="utf-8")
    return dest


def best(runs: int, action: object) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


def bare_hashes(store: Path) -> None:
    for path in sorted(store.glob("*/*")):
        hashlib.sha256(path.read_bytes()).hexdigest()


def measure(work: Path, submissions: int, rows: int) -> dict[str, float]:
    workspace = work / "programme"
    generate_workspace(workspace, indicators=60, regions=4, years=10)
    files = split_submissions(workspace, work, submissions, rows)
    start = time.perf_counter()
    for path in files:
        assert submit_file(workspace, path, OWNER, dry_run=True).accepted
    dry = time.perf_counter() - start
    each = []
    for path in files:
        start = time.perf_counter()
        result = submit_file(workspace, path, OWNER)
        each.append(time.perf_counter() - start)
        assert result.accepted, [p.format() for p in result.errors]
    check = verify_store(workspace)
    assert check.errors == [] and check.submissions == submissions, check.errors
    chained = best(3, lambda: verify_store(workspace))
    old = unchained_copy(workspace, work / "unchained")
    assert verify_store(old).errors == []
    unchained = best(3, lambda: verify_store(old))
    bare = best(3, lambda: bare_hashes(workspace / "measurements"))
    tenth = max(1, submissions // 10)
    return {
        "submissions": submissions,
        "submit_total": sum(each),
        "submit_average": sum(each) / len(each),
        "submit_first": sum(each[:tenth]) / tenth,
        "submit_last": sum(each[-tenth:]) / tenth,
        "dry_run_average": dry / submissions,
        "verify": chained,
        "verify_unchained": unchained,
        "bare_hashes": bare,
    }


def render(figures: dict[str, float]) -> str:
    n = int(figures["submissions"])
    tenth = max(1, n // 10)
    ms = 1000
    return "\n".join(
        [
            "| step | seconds | baseline | baseline s |",
            "|---|---:|---|---:|",
            f"| submit {n:,} files, total | {figures['submit_total']:.2f} | dry runs, total | "
            f"{figures['dry_run_average'] * n:.2f} |",
            f"| submit, average | {figures['submit_average']:.4f} | dry run, average | "
            f"{figures['dry_run_average']:.4f} |",
            f"| submit, first {tenth} / last {tenth} (ms) | {figures['submit_first'] * ms:.1f} / "
            f"{figures['submit_last'] * ms:.1f} | — | — |",
            f"| verify ({n:,} submissions, chained) | {figures['verify']:.3f} | same store "
            f"unchained | {figures['verify_unchained']:.3f} |",
            f"| sha256 of every stored file | {figures['bare_hashes']:.3f} | — | — |",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=3, help="rows per submission")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kpitrack-bench-store-") as tmp:
        figures = measure(Path(tmp), args.submissions, args.rows)
    print(json.dumps(figures) if args.json else render(figures))


if __name__ == "__main__":
    main()
