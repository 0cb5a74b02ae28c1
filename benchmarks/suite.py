"""The benchmark suite: every performance target of kpitrack, measured in one run.

    benchmarks/run [--rows 1000000] [--only STEP,STEP] [--write]

Generates the large programme (300 indicators × 20 regions × 10 years, and a 1,000,000-row
submission) in a temporary directory and measures, each in a fresh process so that its peak
memory can be read:

- CLI start: ``kpitrack --help``, against ``python -c pass``;
- validate: ``kpitrack validate`` on 300 indicator files, against ``yaml.safe_load`` of them;
- ingest: ``kpitrack submit --dry-run`` of 1,000,000 rows, against a bare ``csv.reader`` pass,
  and the peak memory of storing them;
- status: ``compute_progress`` on 60,000 observations, against a bare loop over the values;
  and ``kpitrack status --format json`` on a stored submission;
- HTML: ``kpitrack report --format html``;
- DOCX: ``kpitrack report --format docx`` with its native charts, for the large programme and
  for the example, against the same Word report with its charts left out;
- store: 1,000 submissions into a chained store and ``verify`` on them (bench_store.py);
- portal: uploads of 10,000 rows and the office's overview of 50 partners against a real
  uvicorn server on loopback, p50/p95 (bench_portal.py);
- growth: validate, status and both reports at 30, 300 and 1,000 indicators;
  benchmarks/bench_growth.py, which also runs alone and shows every size.

Prints one Markdown table; ``--only`` runs the named steps (start, validate, ingest, status,
html, docx, store, portal, growth); ``--write`` also writes the table, with the machine's
details, to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_growth import measure, ratio, target  # noqa: E402
from generate import FIRST_YEAR, generate_submission_csv, generate_workspace  # noqa: E402

PYTHON = sys.executable
KPITRACK = [PYTHON, "-m", "kpitrack"]
YEARS = 10
STEPS = ("start", "validate", "ingest", "status", "html", "docx", "store", "portal", "growth")


@dataclass
class Row:
    step: str
    seconds: float
    peak_mib: float
    baseline: str = "—"
    baseline_seconds: float | None = None
    target: str = ""
    met: bool = True

    @property
    def ratio(self) -> str:
        if self.baseline_seconds is None:
            return "—"
        return f"{self.seconds / self.baseline_seconds:.1f}×"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the ingest file")
    parser.add_argument("--only", help=f"comma-separated steps of {', '.join(STEPS)}")
    parser.add_argument("--write", action="store_true", help="write benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    only = set(STEPS if args.only is None else args.only.split(","))
    if only - set(STEPS):
        parser.error(f"unknown step(s) {', '.join(sorted(only - set(STEPS)))}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kpitrack-bench-") as tmp:
        rows = run_suite(Path(tmp), args.rows, only)
    table = render(rows)
    print(table)
    print(f"\nsuite took {time.perf_counter() - started:.0f} s")
    if args.write:
        (HERE / "RESULTS.md").write_text(results_page(table), encoding="utf-8")
    return 0 if all(row.met for row in rows) else 1


def run_suite(work: Path, ingest_rows: int, only: set[str]) -> list[Row]:
    rows = []
    workspace = work / "programme"
    if only & {"validate", "status", "html", "docx"}:
        generate_workspace(workspace, indicators=300, regions=20, years=YEARS)
    if "start" in only:
        rows.append(cli_start())
    if "validate" in only:
        rows.append(validate(workspace))
    if "ingest" in only:
        rows.extend(ingest(work, ingest_rows))
    if "status" in only:
        rows.append(status_engine())
    if only & {"status", "html", "docx"}:
        report_data = work / "report-data.csv"
        generate_submission_csv(report_data, workspace, rows=15_000)
        run_child(
            [
                *KPITRACK,
                "submit",
                str(report_data),
                "--partner",
                "bureau",
                "--workspace",
                str(workspace),
            ]
        )
        as_of = f"{FIRST_YEAR + YEARS - 1}-12-31"
    if "status" in only:
        status_seconds, status_peak = best_of(
            2, [*KPITRACK, "status", str(workspace), "--as-of", as_of, "--format", "json"]
        )
        rows.append(
            Row(
                "status CLI (15,000 stored rows)",
                status_seconds,
                status_peak,
                target="≤ 2 s",
                met=status_seconds <= 2,
            )
        )
    if "html" in only:
        rows.append(html_report(workspace, as_of, work))
        rows.append(example_html(work / "html-example"))
    if "docx" in only:
        rows.append(docx_report(workspace, as_of, work / "docx", "300 indicators", 10))
        rows.append(docx_report(HERE.parent, "2022-12-31", work / "docx-example", "the example", 2))
    if "store" in only:
        rows.extend(store_rows())
    if "portal" in only:
        rows.extend(portal_rows())
    if "growth" in only:
        rows.extend(growth(work))
    return rows


def store_rows() -> list[Row]:
    import json

    output, peak = run_child([PYTHON, str(HERE / "bench_store.py"), "--json"])
    f = json.loads(output.splitlines()[-1])
    return [
        Row("submit (average of 1,000, chained store)", f["submit_average"], peak, "dry run",
            f["dry_run_average"]),
        Row("verify (1,000 submissions)", f["verify"], peak, "same store unchained",
            f["verify_unchained"]),
    ]  # fmt: skip


def portal_rows() -> list[Row]:
    import json

    output, peak = run_child([PYTHON, str(HERE / "bench_portal.py"), "--json"])
    f = json.loads(output.splitlines()[-1])
    steps = {"upload": 5, "overview first": 3, "overview again": 0.5}  # p95 targets, seconds
    return [Row(f"portal {k} p95 (p50 {f[k]['p50']:.2f} s; bench_portal.py)", f[k]["p95"], peak,
                target=f"p95 ≤ {t} s", met=f[k]["p95"] <= t) for k, t in steps.items()]  # fmt: skip


def cli_start() -> Row:
    seconds, peak = best_of(5, [*KPITRACK, "--help"])
    bare, _ = best_of(5, [PYTHON, "-c", "pass"])
    return Row(
        "CLI start (`kpitrack --help`)",
        seconds,
        peak,
        "`python -c pass`",
        bare,
        "≤ 0.3 s",
        seconds <= 0.3,
    )


def validate(workspace: Path) -> Row:
    seconds, peak = best_of(3, [*KPITRACK, "validate", str(workspace)])
    code = (
        "import sys, yaml, pathlib\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
        "    yaml.safe_load(p.read_text(encoding='utf-8'))\n"
    )
    bare, _ = best_of(3, [PYTHON, "-c", code, str(workspace)])
    return Row(
        "validate (300 indicators)",
        seconds,
        peak,
        "`yaml.safe_load` of the files",
        bare,
        "≤ 1 s",
        seconds <= 1,
    )


def ingest(work: Path, rows: int) -> list[Row]:
    # 300 indicators × 10 years with 20 regions give ~17,000 distinct keys; a million distinct
    # (indicator, period, region) rows need a larger region codelist.
    workspace = work / "ingest"
    generate_workspace(workspace, indicators=300, regions=max(20, -(-rows // 650)), years=YEARS)
    data = work / "ingest.csv"
    generate_submission_csv(data, workspace, rows)
    code = (
        "import csv, sys\n"
        "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
        "    for row in csv.reader(f):\n"
        "        pass\n"
    )
    bare, _ = best_of(2, [PYTHON, "-c", code, str(data)])
    submit = [*KPITRACK, "submit", str(data), "--partner", "bureau", "--workspace", str(workspace)]
    seconds, peak = best_of(2, [*submit, "--dry-run"])
    stored_seconds, stored_peak = best_of(1, submit)
    # The worst case for the plausibility checks: every value drawn afresh, a third of them
    # warned of as a jump. Reported beside the target, which is for figures as partners send.
    noisy = work / "ingest-noise.csv"
    generate_submission_csv(noisy, workspace, rows, noise=True)
    shutil.rmtree(workspace / "measurements", ignore_errors=True)
    noisy_submit = [*KPITRACK, "submit", str(noisy), *submit[len(KPITRACK) + 2 :]]
    noisy_seconds, noisy_peak = best_of(2, [*noisy_submit, "--dry-run"])
    return [
        Row(
            f"ingest ({rows:,} rows, dry run)",
            seconds,
            peak,
            "bare `csv.reader` pass",
            bare,
            "≤ 3× baseline, ≤ 1 GiB",
            seconds <= 3 * bare and peak <= 1024,
        ),
        Row(
            f"ingest ({rows:,} rows, dry run, a third of them warned of)",
            noisy_seconds,
            noisy_peak,
            "bare `csv.reader` pass",
            bare,
            "≤ 1 GiB (no time target)",
            noisy_peak <= 1024,
        ),
        Row(
            f"ingest ({rows:,} rows, stored)",
            stored_seconds,
            stored_peak,
            target="≤ 500 MiB",
            met=stored_peak <= 500,
        ),
    ]


def status_engine() -> Row:
    code = (
        "import sys, time, json\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        "from datetime import date\n"
        "from bench_status import FIRST_YEAR, bare_loop, build\n"
        "from kpitrack.progress.engine import compute_progress\n"
        "ws = build(300, 20, 10)\n"
        "as_of = date(FIRST_YEAR + 10, 6, 30)\n"
        "t = time.perf_counter(); compute_progress(ws, as_of); engine = time.perf_counter() - t\n"
        "t = time.perf_counter(); bare_loop(ws); bare = time.perf_counter() - t\n"
        "print(json.dumps([engine, bare, len(ws.observations())]))\n"
    )
    output, peak = run_child([PYTHON, "-c", code])
    import json

    engine, bare, count = json.loads(output.splitlines()[-1])
    return Row(
        f"status engine ({count:,} observations)",
        engine,
        peak,
        "bare loop over the values",
        bare,
        "≤ 2 s",
        engine <= 2,
    )


def html_report(workspace: Path, as_of: str, work: Path) -> Row:
    seconds, peak = best_of(
        2,
        [
            *KPITRACK,
            "report",
            str(workspace),
            "--as-of",
            as_of,
            "--format",
            "html",
            "--out",
            str(work / "out"),
        ],
    )
    return Row("HTML report (300 indicators)", seconds, peak, target="≤ 3 s", met=seconds <= 3)


def example_html(work: Path) -> Row:
    """The example's HTML report: its time, and its size against the 1.5 MB target (it embeds
    plotly.js and stays self-contained)."""
    command = [*KPITRACK, "report", str(HERE.parent), "--as-of", "2022-12-31"]
    command += ["--lang", "nl", "--format", "html", "--out", str(work)]
    seconds, peak = best_of(2, command)
    size = max(p.stat().st_size for p in work.glob("*.html"))
    megabytes = size / 1_000_000
    return Row(
        f"HTML report (the example): {megabytes:.2f} MB",
        seconds,
        peak,
        target="≤ 1.5 MB, self-contained",
        met=megabytes <= 1.5,
    )


def docx_report(workspace: Path, as_of: str, work: Path, what: str, limit: float) -> Row:
    """``kpitrack report --format docx`` in a fresh process, against the same report (same
    pipeline, same process start) with its charts left out: the ratio is the charts' price."""
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        "from pathlib import Path\nfrom datetime import date\n"
        "from bench_docx import docx_without_charts\n"
        "docx_without_charts(Path(sys.argv[1]), date.fromisoformat(sys.argv[2]), 'nl',"
        " Path(sys.argv[3]))\n"
    )
    (work / "bare").mkdir(parents=True, exist_ok=True)
    # Whole processes both, best of two: the same start-up and imports on either side.
    bare, _ = best_of(2, [PYTHON, "-c", code, str(workspace), as_of, str(work / "bare")])
    seconds, peak = best_of(
        2,
        [
            *KPITRACK,
            "report",
            str(workspace),
            "--as-of",
            as_of,
            "--lang",
            "nl",
            "--format",
            "docx",
            "--out",
            str(work / "out"),
        ],
    )
    return Row(
        f"DOCX report ({what})",
        seconds,
        peak,
        "same report without charts",
        bare,
        f"≤ {limit:g} s",
        seconds <= limit,
    )


def growth(work: Path) -> list[Row]:
    rows = []
    for step, times in measure(work / "growth", runs=1).items():
        small, large = min(times), max(times)
        middle = "".join(f", {n:,}: {times[n][0]:.2f} s" for n in sorted(times)[1:-1])
        rows.append(
            Row(
                f"growth: {step} at {large:,} indicators",
                *times[large],
                f"{small} indicators{middle}",
                times[small][0],
                f"≤ {target(times):.0f}× baseline",
                ratio(times) <= target(times),
            )
        )
    return rows


def best_of(runs: int, command: list[str]) -> tuple[float, float]:
    """Best wall time of ``runs`` runs, and the largest peak memory (MiB) seen."""
    timings, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        _, peak = run_child(command)
        timings.append(time.perf_counter() - start)
        peaks.append(peak)
    return min(timings), max(peaks)


def run_child(command: list[str]) -> tuple[str, float]:
    """Run ``command``; return its stdout and peak resident memory in MiB. It must exit 0."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command[:4])} … failed:\n{err.read().decode()[-2000:]}")
        return out.read().decode(), usage.ru_maxrss / 1024


def render(rows: list[Row]) -> str:
    lines = [
        "| step | seconds | peak memory | baseline | baseline s | ratio | target | met |",
        "|---|---:|---:|---|---:|---:|---|---|",
    ]
    for row in rows:
        base = "—" if row.baseline_seconds is None else f"{row.baseline_seconds:.3f}"
        lines.append(
            f"| {row.step} | {row.seconds:.3f} | {row.peak_mib:,.0f} MiB | {row.baseline} | "
            f"{base} | {row.ratio} | {row.target} | {'yes' if row.met else '**no**'} |"
        )
    return "\n".join(lines)


def results_page(table: str) -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        "# Benchmark results\n\n"
        "Written by `benchmarks/run --write` (see `benchmarks/suite.py` for what each step "
        "times). Each step runs in a fresh process; peak memory is that process's maximum "
        "resident set.\n\n"
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n"
        f"- machine: {os.cpu_count()} cores ({cpu}), {memory:.0f} GiB memory\n"
        f"- Python {platform.python_version()} on {platform.platform()}\n\n"
        f"{table}\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
