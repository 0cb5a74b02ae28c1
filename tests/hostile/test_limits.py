"""The README's Limits table states the limits the code enforces; each limit holds at its edge."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kpitrack.core import dates
from kpitrack.definitions import yamlsafe
from kpitrack.measurements import lock, readers, validate
from kpitrack.measurements.validate import ErrorSink, check_header, check_note
from kpitrack.report import docx, markdown, templates

README = Path(__file__).resolve().parents[2] / "README.md"


def limits_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Limits") : text.index("## Development")]


@pytest.mark.parametrize(
    ("row", "stated"),
    [
        ("a YAML definition file", f"{yamlsafe.MAX_BYTES // 1048576} MiB"),
        ("YAML nesting", f"{yamlsafe.MAX_DEPTH} levels"),
        ("a YAML number", f"at most {yamlsafe.MAX_NUMBER_CHARS} characters"),
        ("a submission file", f"{readers.MAX_FILE_BYTES // 1048576} MiB"),
        ("an XLSX workbook unpacked", f"{readers.MAX_XLSX_UNPACKED // 1048576} MiB"),
        ("a CSV field", f"{csv.field_size_limit():,} characters"),
        ("header columns", f"| {validate.MAX_COLUMNS} |"),
        ("a `note` cell", f"{validate.MAX_NOTE_CHARS:,} characters"),
        ("errors of a submission", f"first {validate.MAX_LISTED_ERRORS:,} listed"),
        ("errors of a submission", f"after {validate.MAX_COUNTED_ERRORS:,} errors"),
        ("error messages quoting a cell", f"cut at {validate.MAX_MESSAGE_CHARS} characters"),
        ("a commentary file", f"{markdown.MAX_COMMENTARY_BYTES // 1024} KiB"),
        ("a report template", f"{templates.MAX_TEMPLATE_BYTES // 1048576} MiB"),
        ("`--as-of`", f"years {dates.FIRST_YEAR} to {dates.LAST_YEAR}"),
        ("a Word document property", f"{docx.PROPERTY_LIMIT} characters"),
        ("waiting for the store's lock", "one minute" if lock.DEFAULT_WAIT == 60 else "?"),
    ],
)
def test_readme_states_the_enforced_limit(row: str, stated: str) -> None:
    lines = [line for line in limits_section().splitlines() if line.startswith(f"| {row}")]
    assert lines, f"no row {row!r} in the Limits table"
    assert any(stated in line for line in lines), (stated, lines)


def test_note_limit_at_its_edge() -> None:
    sink = ErrorSink("f.csv")
    check_note("x" * validate.MAX_NOTE_CHARS, 2, 7, sink.add)
    assert sink.total == 0
    check_note("x" * (validate.MAX_NOTE_CHARS + 1), 2, 7, sink.add)
    assert [(p.code, p.line, p.column, p.path) for p in sink.items] == [
        ("note-too-long", 2, 8, "note")
    ]


def test_column_limit_at_its_edge() -> None:
    fixed = ("indicator", "period", "value")
    sink = ErrorSink("f.csv")
    at_limit = [*fixed, *(f"c{i}" for i in range(validate.MAX_COLUMNS - 3)), "", ""]
    check_header(at_limit, fixed, (), sink)
    assert {p.code for p in sink.items} == {"unknown-column"}
    sink = ErrorSink("f.csv")
    assert check_header([*at_limit[:-2], "c-extra"], fixed, (), sink) is None
    assert [p.code for p in sink.items] == ["too-many-columns"]


def test_yaml_number_limit_at_its_edge() -> None:
    edge = "1" * yamlsafe.MAX_NUMBER_CHARS
    doc, problems = yamlsafe.parse_yaml(f"a: {edge}\nb: {edge}1\nc: '{edge}1'\n")
    assert doc.data["a"] == int(edge) and doc.data["c"] == edge + "1"
    assert [(p.code, p.line, p.column) for p in problems] == [("yaml-number", 2, 4)]


def test_commentary_limit_at_its_edge(tmp_path: Path) -> None:
    from kpitrack.core.errors import ReportError

    path = tmp_path / "summary.md"
    path.write_bytes(b"a" * markdown.MAX_COMMENTARY_BYTES)
    assert markdown.read_commentary(path) is not None
    path.write_bytes(b"a" * (markdown.MAX_COMMENTARY_BYTES + 1))
    with pytest.raises(ReportError, match="cannot use commentary") as refused:
        markdown.read_commentary(path)
    assert [p.code for p in refused.value.problems] == ["commentary-too-large"]


def test_message_quoting_a_huge_cell_is_cut() -> None:
    sink = ErrorSink("f.csv")
    sink.add("period", f"{'x' * 100_000!r} is not a period", 2, "period", 2)
    (problem,) = sink.items
    assert len(problem.message) == validate.MAX_MESSAGE_CHARS
    assert re.match(r"^'x+…$", problem.message)
