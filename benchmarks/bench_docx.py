"""Benchmark: the Word report with its native charts vs the same report without charts.

Generates a workspace (benchmarks/generate.py: 300 indicators × 20 regions × 10 years), submits
totals for every indicator, then times in one process, each from the workspace on disk:

- docx: ``write_reports(..., formats=["docx"])`` — load, validate, compute, ReportModel, every
  chart as a native DrawingML chart part, Word assembly and save;
- baseline: the same steps and the same document with every chart left out — what python-docx
  costs for the text, tables and footnotes alone, so the ratio is the price of the charts.

Targets: the 300-indicator report ≤ 10 s (it took 85 s when Chromium drew each chart as a
picture); the example's report ≤ 2 s (``--example``). Prints one Markdown table row.
Run: .venv/bin/python benchmarks/bench_docx.py [--indicators 300] [--rows 3000] [--example]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import FIRST_YEAR, generate_submission_csv, generate_workspace  # noqa: E402

from kpitrack.report.model import ChartModel, ReportModel  # noqa: E402

EXAMPLE = HERE.parent
# Wall time by default; ``--cpu`` times this process's CPU instead, which other work on a busy
# machine does not inflate (the report is single-threaded, so on an idle machine they agree).
clock = time.perf_counter
EXAMPLE_AS_OF = date(2022, 12, 31)


def without_charts(model: ReportModel) -> ReportModel:
    """``model`` with every chart emptied: the Word renderer then draws none."""

    def empty(chart: ChartModel) -> ChartModel:
        return dataclasses.replace(
            chart,
            periods=(),
            x=(),
            values=(),
            value_texts=(),
            obs_status=(),
            lower=(),
            upper=(),
            baseline=None,
            target_path=(),
            targets=(),
            superseded=(),
            period_codes=(),
        )

    lines = tuple(
        dataclasses.replace(
            line,
            indicators=tuple(
                dataclasses.replace(ind, chart=empty(ind.chart)) for ind in line.indicators
            ),
        )
        for line in model.action_lines
    )
    return dataclasses.replace(model, action_lines=lines)


def docx_without_charts(root: Path, as_of: date, lang: str, out: Path) -> float:
    """Seconds for the whole Word report of ``root`` with its charts left out (see ``clock``)."""
    from kpitrack.progress.engine import compute_progress
    from kpitrack.report.build import build_report_model
    from kpitrack.report.docx import render_docx
    from kpitrack.report.templates import TemplateSet
    from kpitrack.workspace import load_workspace

    start = clock()
    workspace = load_workspace(root)
    model = build_report_model(workspace, compute_progress(workspace, as_of), lang)
    render_docx(without_charts(model), out / "no-charts.docx", TemplateSet.for_workspace(root))
    return clock() - start


def docx_with_charts(root: Path, as_of: date, lang: str, out: Path) -> tuple[float, Path]:
    """Seconds for the whole Word report of ``root`` as ``kpitrack report`` makes it."""
    from kpitrack.report.build import write_reports

    start = clock()
    (path,) = write_reports(root, as_of=as_of, lang=lang, formats=["docx"], out=out)
    return clock() - start, path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--regions", type=int, default=20)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rows", type=int, default=3000, help="measurement rows to submit")
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--example", action="store_true", help="the example workspace instead")
    parser.add_argument("--cpu", action="store_true", help="CPU time instead of wall time")
    args = parser.parse_args()
    if args.cpu:
        global clock
        clock = time.process_time

    with tempfile.TemporaryDirectory(prefix="kpitrack-bench-docx-") as tmp:
        if args.example:
            root, as_of, what, limit = EXAMPLE, EXAMPLE_AS_OF, "the example", 2.0
        else:
            from kpitrack.intake.submit import submit_file

            root = Path(tmp) / "ws"
            generate_workspace(root, args.indicators, args.regions, args.years)
            csv_path = Path(tmp) / "submission.csv"
            generate_submission_csv(csv_path, root, args.rows)
            submit_file(root, csv_path, "bureau")
            as_of = date(FIRST_YEAR + args.years - 1, 12, 31)
            what, limit = f"{args.indicators} indicators", 10.0
        # Twice each, alternating, best of two: the first run also pays for the imports.
        bare = seconds = float("inf")
        for _ in range(2):
            bare = min(bare, docx_without_charts(root, as_of, args.lang, Path(tmp)))
            took, path = docx_with_charts(root, as_of, args.lang, Path(tmp) / "out")
            seconds = min(seconds, took)
        size_mb = path.stat().st_size / 1e6

    verdict = "met" if seconds <= limit else "MISSED"
    kind = "CPU" if args.cpu else "wall"
    print(
        f"| benchmark ({kind} time) | without charts (s) | Word report (s) | × without "
        "| target | size |"
    )
    print("|---|---:|---:|---:|---|---:|")
    print(
        f"| docx: {what} | {bare:.2f} | {seconds:.2f} | {seconds / bare:.2f} "
        f"| ≤ {limit:g} s ({verdict}) | {size_mb:.1f} MB |"
    )


if __name__ == "__main__":
    main()
