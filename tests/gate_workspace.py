"""A workspace for tests that pin the submission gate: two codelists sharing a code, indicators
broken down by one or the other, and helpers that send a row down a chosen route of the checker.

The row checker has three routes to the same outcome (rows.py): the full check of a row
(:meth:`RowChecker.check`), the fast path that proves a row plain, and a large CSV checked in two
processes. :func:`route_rows` puts rows before a target row so that it takes the route asked for;
:class:`Routes` records which rows went to the full check and which the child process joined,
so a test can assert the route was taken, not merely hoped for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kpitrack.definitions.load import read_definitions
from kpitrack.intake.submit import SubmissionResult, submit_file
from kpitrack.measurements import parallel, rowcheck
from kpitrack.measurements.store import read_store

PROGRAMME = """\
schema: kpitrack/1
id: poort
version: "1.0"
title: {nl: Poortproef, en: Gate test}
owner: Ministerie
period: {start: 2018-01-01, end: 2022-12-31}
languages: [nl, en]
reporting: {frequency: year}
partners:
  - {id: politie, name: Politie}
  - {id: ngo, name: NGO}
  - {id: gemeente, name: Gemeente}  # owns no indicator
codelists:
  region:
    nl: Regio
    en: Region
    codes: {noord: Noord, zuid: Zuid, onbekend: Onbekend}
  sex:
    nl: Geslacht
    en: Sex
    codes: {man: Man, vrouw: Vrouw, onbekend: Onbekend}
action_lines:
  - id: AL1
    title: {nl: Lijn, en: Line}
    actions:
      - {id: AL1.1, title: {nl: Actie, en: Action}, owner: politie, due: 2020-12-31}
"""

INDICATOR = """\
id: {id}
action_line: AL1
name: {{nl: {id}, en: {id}}}
definition: {{nl: {id}, en: {id}}}
measure: {measure}
unit: {{nl: eenheid, en: unit}}
direction: increase
frequency: year
dimensions: [{dims}]
owner: {owner}
source: {{nl: Bron, en: Source}}
baseline: {{period: "2017", value: 10}}
"""

INDICATORS = {
    # id: (measure, dimensions, owner)
    "zaken": ("count", "region", "politie"),
    "slachtoffers": ("count", "region", "politie"),  # the same dimensions as zaken
    "aandeel": ("percentage", "sex", "politie"),
    "meldingen": ("count", "", "ngo"),
}

CODES = {"region": ("noord", "zuid", "onbekend"), "sex": ("man", "vrouw", "onbekend")}
DIMENSION = {ind: dims for ind, (_, dims, _) in INDICATORS.items()}

HEADER = ["indicator", "period", "value", "region", "sex", "obs_status", "lower", "upper", "note"]

Row = dict[str, str]


def write_gate_workspace(root: Path) -> Path:
    """Write the workspace at ``root`` and return it."""
    (root / "programme").mkdir(parents=True)
    (root / "kpis").mkdir()
    (root / "programme" / "programme.yaml").write_text(PROGRAMME, encoding="utf-8")
    for ind, (measure, dims, owner) in INDICATORS.items():
        text = INDICATOR.format(id=ind, measure=measure, dims=dims, owner=owner)
        (root / "kpis" / f"{ind}.yaml").write_text(text, encoding="utf-8")
    return root


def route_rows(target: Row, route: str) -> list[Row]:
    """Rows ending in ``target`` that send it down ``route``.

    ``full``: the target comes first, so its period is seen for the first time (full check).
    ``fast`` and ``two-processes``: rows before it give its indicator's period with another
    breakdown and its dimension cells in another period, both plain, so the fast path knows
    everything it needs and proves the target plain (two processes: the child sees the target).
    """
    if route == "full":
        return [target]
    ind, period = target["indicator"], target["period"]
    dim = DIMENSION[ind]
    other_period = "2021" if period != "2021" else "2020"
    same_cells = {k: v for k, v in target.items() if k in ("indicator", "region", "sex")}
    other_code = next(code for code in CODES[dim] if code != target.get(dim, ""))
    rows = [
        {**same_cells, "period": other_period, "value": "1"},
        {"indicator": ind, "period": period, dim: other_code, "value": "1"},
    ]
    if route == "two-processes":
        # Filler rows of another indicator make the first part large enough to be cut before
        # the target (the child then checks it, with its own fresh checker).
        rows = [
            {"indicator": "slachtoffers" if ind != "slachtoffers" else "zaken", "period": str(y),
             "value": "1"}
            for y in range(2018, 2023)
        ] + rows  # fmt: skip
    return [*rows, target]


def csv_text(rows: list[Row], header: list[str] = HEADER, delimiter: str = ";") -> str:
    """The rows as CSV text with ``header`` (cells a row lacks are empty)."""
    lines = [delimiter.join(header)]
    lines += [delimiter.join(row.get(column, "") for column in header) for row in rows]
    return "\n".join(lines) + "\n"


@dataclass
class Routes:
    """Rows the full check saw (this process) and rows a child process checked and handed back."""

    full: list[int] = field(default_factory=list)
    joined: list[int] = field(default_factory=list)


def record_routes(monkeypatch: pytest.MonkeyPatch) -> Routes:
    """Record the route of every row (the checker itself runs unchanged)."""
    seen = Routes()
    check = rowcheck.RowChecker.check
    join = parallel._join

    def recorded_check(self: rowcheck.RowChecker, row: int, cells: list[str]) -> None:
        seen.full.append(row)
        check(self, row, cells)

    def recorded_join(checker: rowcheck.RowChecker, recorded: Any) -> bool:
        joined = join(checker, recorded)
        if joined:
            seen.joined += [row for given in recorded.groups.values() for row in given.values()]
        return joined

    monkeypatch.setattr(rowcheck.RowChecker, "check", recorded_check)
    monkeypatch.setattr(parallel, "_join", recorded_join)
    return seen


def split_every_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check even a small CSV in two processes (skipped where this machine cannot)."""
    if not parallel.can_fork():
        pytest.skip("no second processor, or threads running: rows are never split here")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)


def assert_route(routes: Routes, route: str, row: int) -> None:
    """The target row took ``route``."""
    if route == "full":
        assert row in routes.full, routes
    elif route == "fast":
        assert row not in routes.full and not routes.joined, routes
    else:
        assert row in routes.joined, routes


def submit(workspace: Path, name: str, data: bytes | str, **kw: Any) -> SubmissionResult:
    """Submit a file of that name holding ``data`` as politie (or ``partner=``)."""
    path = workspace.parent / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    partner = kw.pop("partner", "politie")
    return submit_file(workspace, path, partner, **kw)


def stored_lines(workspace: Path, seq: int = 1) -> list[str]:
    """The data lines of submission ``seq`` as the store keeps them (without the header)."""
    (data,) = (workspace / "measurements" / "data").glob(f"{seq:06d}-*.csv")
    return data.read_text(encoding="utf-8").splitlines()[1:]


def stored_figures(workspace: Path) -> dict[tuple[str, str, str], tuple[Any, ...]]:
    """(indicator, period, breakdown text) → (value, lower, upper, obs_status) read back."""
    loaded = read_definitions(workspace)
    assert loaded.programme is not None and not loaded.problems
    found = read_store(workspace, loaded.programme, loaded.indicators)
    assert not found.problems, found.problems
    return {
        (o.indicator, o.period, ";".join(f"{d}={c}" for d, c in o.breakdown)): (
            o.value,
            o.lower,
            o.upper,
            o.obs_status,
        )
        for o in found.observations
    }


def located(result: SubmissionResult) -> list[tuple[str, int | None, int | None, str | None]]:
    """The errors as (code, line, column number, column name as the file names it)."""
    return [(p.code, p.line, p.column, p.path) for p in result.errors]
