"""Random measurement tables for the small workspace, and the full outcome of validating one.

Shared by the tests that compare ways of checking rows (the plain-row path, two processes) with
the full check of every row: same problems in the same order, counts, decimal verdict, keys and
stored text.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from pathlib import Path

from hypothesis import strategies as st

from kpitrack.definitions.load import read_definitions
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.readers import read_csv
from kpitrack.measurements.rows import validate_measurements
from kpitrack.measurements.validate import ErrorSink
from small_workspace import write_small_workspace

Definitions = tuple[Programme, dict[str, Indicator]]

BEDRAG = """\
id: bedrag
action_line: AL1
name: {nl: Bedrag, en: Amount}
definition: {nl: Uitgaven, en: Spending}
measure: amount
direction: none
frequency: quarter
dimensions: [region]
owner: politie
source: {nl: Politie, en: Police}
"""


def small_definitions(root: Path) -> Definitions:
    """The small workspace with a quarterly amount by region added, written at ``root``."""
    write_small_workspace(root)
    (root / "kpis" / "bedrag.yaml").write_text(BEDRAG, encoding="utf-8")
    loaded = read_definitions(root)
    programme, indicators, problems = loaded.programme, loaded.indicators, loaded.problems
    assert programme is not None, problems
    return programme, indicators


COLUMNS = ["indicator", "period", "value", "region", "obs_status", "lower", "upper", "note"]
CELLS = {
    "indicator": ["zaken", "aandeel", "bedrag", "meldingen", "onbekend", "zaken "],
    "period": [
        "2018",
        "2019",
        "2016",
        "2023",
        "2019-H1",
        "2020-H2",
        "2019-Q3",
        "2021-Q1",
        "2019-13",
        " 2019",
        "2019-h1",
        "",
    ],
    "value": [
        "12",
        "0",
        "007",
        "101",
        "12.5",
        "12,5",
        "1.234",
        "1,234",
        "123.456",
        "123,456",
        "12.0",
        ".5",
        "5.",
        "-3",
        "+4",
        "1e3",
        "inf",
        "nan",
        " 7",
        "9" * 400,
        "9" * 299,
        "",
        "1.2.3",
        "١٢",
    ],
    "region": ["", "", "noord", "zuid", "west"],
    "obs_status": ["", "", "A", "P", "E", "B", "M", "X"],
    "lower": ["", "", "", "1", "10.5", "10,5", "99", "x", "100.500"],
    "upper": ["", "", "", "20", "200.25", "200,25", "5", "-1"],
    "note": ["", "", "weg", "=SUM(A1)", "a, b", 'zei "ja"', "x" * 2001, " "],
}


@st.composite
def tables(draw: st.DrawFn) -> str:
    """Valid rows mixed with every kind of rejection, columns in any order, some absent."""
    required = ["indicator", "period", "value"]
    optional = draw(st.lists(st.sampled_from(COLUMNS[3:]), unique=True))
    header = draw(st.permutations(required + optional))
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [header]
    for _ in range(draw(st.integers(0, 40))):
        shape = draw(st.integers(0, 19))
        if shape == 0:
            lines.append([])  # blank line
        elif shape == 1:
            lines.append(["zaken", "2019"])  # too few fields
        else:
            lines.append([draw(st.sampled_from(CELLS[name])) for name in header])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows(lines)
    return buffer.getvalue()


NUMBERS = ["0", "12", "007", "99.5", "12,5", "1.234", "123.456", "123,456", "12.0", "250"]


@st.composite
def plain_tables(draw: st.DrawFn) -> str:
    """Mostly valid rows, so that the plain path decides nearly every row itself."""
    header = draw(st.permutations(COLUMNS))
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [header]
    for _ in range(draw(st.integers(1, 40))):
        indicator = draw(st.sampled_from(["zaken", "aandeel", "bedrag"]))
        year = draw(st.integers(2017, 2022))
        period = {
            "zaken": str(year),
            "aandeel": f"{year}-H{draw(st.integers(1, 2))}",
            "bedrag": f"{year}-Q{draw(st.integers(1, 4))}",
        }[indicator]
        value = draw(st.sampled_from(NUMBERS))
        lower, upper = draw(
            st.sampled_from(
                [("", ""), ("", ""), ("0", ""), ("", "999,5"), ("1.000", "300.5"), ("5", "500")]
            )
        )
        cells = {
            "indicator": indicator,
            "period": period,
            "value": value,
            "region": "" if indicator == "aandeel" else draw(st.sampled_from(["", "noord"])),
            "obs_status": draw(st.sampled_from(["", "A", "P", "E", "B"])),
            "lower": lower,
            "upper": upper,
            "note": draw(st.sampled_from(["", "", "bron: CBS", "=x"])),
        }
        lines.append([cells[name] for name in header])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(lines)
    return buffer.getvalue()


def outcome(
    text: str,
    definitions: Definitions,
    *,
    plain: bool = True,
    keep: bool = False,
    partner: str = "politie",
) -> tuple[object, ...]:
    """Everything validating ``text`` as the partner's submission yields, read problems too."""
    programme, indicators = definitions
    table = read_csv("t.csv", text.encode("utf-8"))
    sink = ErrorSink("t.csv")
    checked = validate_measurements(
        table, programme, indicators, partner, sink, keep=keep, plain_path=plain
    )
    return (
        [asdict(p) for p in sink.items],
        [asdict(p) for p in sink.warnings],
        sink.total,
        [asdict(p) for p in table.problems],
        checked.rows,
        checked.decimal,
        checked.groups,
        "".join(checked.lines),
    )
