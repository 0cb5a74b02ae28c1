"""Benchmark: the full Word report of a 300-indicator programme vs a bare export of its charts.

Generates a workspace (benchmarks/generate.py: 300 indicators × 20 regions × 10 years), submits
totals for every indicator, then times in one process:

- docx: ``write_reports(..., formats=["docx"])`` — load, validate, compute, ReportModel, every
  chart as PNG in one browser, Word assembly and save;
- bare: the same charts (plotly figures of the same ReportModel) written by one
  ``kaleido.write_fig_from_object_sync`` call, nothing else — the floor a Word report with
  pictures cannot go below.

Target: docx ≤ 1.5 × bare. Prints one Markdown table row.
Run: .venv/bin/python benchmarks/bench_docx.py [--indicators 300] [--rows 3000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import FIRST_YEAR, generate_submission_csv, generate_workspace

from kpitrack.intake.submit import submit_file
from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import build_report_model, write_reports
from kpitrack.report.charts import figure
from kpitrack.workspace import load_workspace


def bare_export(root: Path, as_of: date, lang: str, out: Path) -> tuple[float, int]:
    """Seconds for one kaleido call on all charts of the report (figures built beforehand)."""
    import kaleido

    workspace = load_workspace(root)
    model = build_report_model(workspace, compute_progress(workspace, as_of), lang)
    figures = [
        (ind.id, figure(ind.chart, lang)) for line in model.action_lines for ind in line.indicators
    ]
    out.mkdir(parents=True, exist_ok=True)
    opts = {"format": "png", "width": 900, "height": 450, "scale": 2}
    specs = [{"fig": fig, "path": str(out / f"{key}.png"), "opts": opts} for key, fig in figures]
    start = time.perf_counter()
    kaleido.write_fig_from_object_sync(specs, kopts={"mathjax": False}, cancel_on_error=True)
    return time.perf_counter() - start, len(specs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--regions", type=int, default=20)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rows", type=int, default=3000, help="measurement rows to submit")
    parser.add_argument("--lang", default="nl")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kpitrack-bench-docx-") as tmp:
        root = Path(tmp) / "ws"
        generate_workspace(root, args.indicators, args.regions, args.years)
        csv_path = Path(tmp) / "submission.csv"
        generate_submission_csv(csv_path, root, args.rows)
        submit_file(root, csv_path, "bureau")
        as_of = date(FIRST_YEAR + args.years - 1, 12, 31)

        bare, charts = bare_export(root, as_of, args.lang, Path(tmp) / "bare")
        start = time.perf_counter()
        (path,) = write_reports(
            root, as_of=as_of, lang=args.lang, formats=["docx"], out=Path(tmp) / "out"
        )
        docx_seconds = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6

    ratio = docx_seconds / bare
    verdict = "met" if ratio <= 1.5 else "MISSED"
    print("| benchmark | charts | bare kaleido export (s) | full DOCX report (s) | × bare | size |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| docx: {args.indicators} indicators × {args.regions} regions × {args.years} years "
        f"| {charts} | {bare:.1f} | {docx_seconds:.1f} | {ratio:.2f} ({verdict}, ≤ 1.5) "
        f"| {size_mb:.1f} MB |"
    )


if __name__ == "__main__":
    main()
