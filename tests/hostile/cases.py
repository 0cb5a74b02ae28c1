"""The hostile corpus: each case is an input (a file in data/ or one generated at test time) and
what kpitrack must do with it — a located error code and exit code, or safe output.

``prepare(workspace, tmp)`` puts the input in place and returns the CLI arguments; the runner in
test_corpus.py checks the exit code, that no traceback is shown, the expected problem (code and
location) and, for every rejected submission, that nothing changed under measurements/.

Every case has a class (:data:`CLASSES`): given as ``kind``, or else read from its id's prefix.
Cases of commands without ``--format json`` (``json=False``) are checked on their text output;
``fault`` makes the operating system fail during the run (patched calls), ``process`` runs the
command as a process of its own (for ``env`` read at start-up, or under ``wrap``: ``prlimit``,
``setpriv``, a private tmpfs), which also bounds a run that would hang or eat all memory.
"""

from __future__ import annotations

import errno
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from workbook_files import write_workbook

from . import os_attacks as osa
from .conftest import DATA, Run

Prepare = Callable[[Path, Path], list[str]]
Check = Callable[[Path, Run], None]
Fault = Callable[[pytest.MonkeyPatch], None]

CLASSES: dict[str, str] = {
    "yaml": "definition files: YAML syntax, types, sizes and characters",
    "csv": "CSV submissions: encodings, delimiters, numbers, sizes, names",
    "xlsx": "XLSX submissions: formulas, zip bombs, broken workbooks, hidden cells, formats",
    "input-file": "inputs that are no regular file: symlinks, FIFOs, devices, directories",
    "output-path": "outputs aimed at links, devices, directories, the definitions or the store",
    "os-failure": "disk full, read-only, permission denied, file-size limit; all or nothing",
    "hidden-text": "control characters and bidi overrides in reports and printed names",
    "terminal-encoding": "output encodings that cannot show a character",
    "arguments": "dates and SOURCE_DATE_EPOCH out of range or malformed",
}
_PREFIX_CLASS = {"yaml": "yaml", "yaml11": "yaml", "csv": "csv", "xlsx": "xlsx", "xls": "xlsx"}

MB50 = 50 * 1024 * 1024


@dataclass(frozen=True)
class Case:
    id: str
    prepare: Prepare
    exit: int
    code: str | None = None  # a problem with this code must be reported...
    line: int | None = None  # ...at this line (row) and column, when given
    column: int | None = None
    file_endswith: str | None = None
    stored: bool = False  # an accepted submission changes the store; every other case must not
    check: Check | None = None
    seconds: float = 10.0
    json: bool = True  # the command takes --format json (validate, submit)
    kind: str = ""  # the class (a key of CLASSES); empty: read from the id's prefix
    says: str | None = None  # text commands: words the output must contain
    fault: Fault | None = None  # operating-system calls that fail during the run
    process: bool = False  # run as `python -m kpitrack` in a process of its own
    env: dict[str, str] | None = None  # environment set for the run
    wrap: tuple[str, ...] = ()  # command prefix of the process (prlimit, setpriv, unshare)

    @property
    def klass(self) -> str:
        """The class of attack this case belongs to."""
        return self.kind or _PREFIX_CLASS[self.id.split("-", 1)[0]]


def definition(name: str, target: str = "kpis/zaken.yaml") -> Prepare:
    """Replace a definition file of the workspace with data/yaml/<name>; run validate."""

    def prepare(ws: Path, tmp: Path) -> list[str]:
        shutil.copyfile(DATA / "yaml" / name, ws / target)
        return ["validate", str(ws), "--format", "json"]

    return prepare


def submission(path: Path | str, partner: str = "politie") -> Prepare:
    """Submit data/csv/<path> (or a Path made by the case) as ``partner``."""

    def prepare(ws: Path, tmp: Path) -> list[str]:
        file = path if isinstance(path, Path) else DATA / "csv" / path
        args = ["submit", str(file), "--partner", partner, "--workspace", str(ws)]
        return [*args, "--format", "json"]

    return prepare


def generated(make: Callable[[Path], Path], partner: str = "politie") -> Prepare:
    """Submit a file that ``make(tmp)`` writes (huge or binary inputs are never committed)."""

    def prepare(ws: Path, tmp: Path) -> list[str]:
        file = make(tmp)
        args = ["submit", str(file), "--partner", partner, "--workspace", str(ws)]
        return [*args, "--format", "json"]

    return prepare


# --- generated inputs -----------------------------------------------------------------------


def big_yaml(ws: Path, tmp: Path) -> list[str]:
    line = b"# " + b"x" * 1021 + b"\n"
    with (ws / "kpis" / "zaken.yaml").open("ab") as out:
        for _ in range(MB50 // len(line)):
            out.write(line)
    return ["validate", str(ws), "--format", "json"]


def big_csv_semantic_garbage(tmp: Path) -> Path:
    """50 MB of well-formed rows that are all wrong: one error per row, millions of rows."""
    path = tmp / "garbage.csv"
    line = b"zaken,20x9,abc,oost,Q,,,\n"
    with path.open("wb") as out:
        out.write(b"indicator,period,value,region,obs_status,lower,upper,note\n")
        out.write(line * (MB50 // len(line)))
    return path


def big_csv_one_cell(tmp: Path) -> Path:
    path = tmp / "onecell.csv"
    path.write_bytes(b'indicator,period,value,note\nzaken,2019,170,"' + b"x" * MB50 + b'"\n')
    return path


def big_csv_binary(tmp: Path) -> Path:
    path = tmp / "binary.csv"
    chunk = bytes(range(256)) * 4096
    path.write_bytes(b"indicator,period,value\n" + chunk * (MB50 // len(chunk)))
    return path


def big_csv_no_newline(tmp: Path) -> Path:
    path = tmp / "oneline.csv"
    path.write_bytes(b"indicator,period,value" + b",x" * (MB50 // 2))
    return path


def _utf16(tmp: Path) -> Path:
    path = tmp / "unicode.csv"
    path.write_bytes("indicator,period,value\nzaken,2019,170\n".encode("utf-16"))
    return path


def csv_bytes(name: str, body: bytes) -> Callable[[Path], Path]:
    """A CSV of the given bytes after a header line."""

    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(b"indicator,period,value,region,obs_status,lower,upper,note\n" + body)
        return path

    return make


def wide(tmp: Path, columns: int) -> Path:
    path = tmp / "wide.csv"
    names = ["indicator", "period", "value", *(f"kolom{i}" for i in range(columns - 3))]
    path.write_text(
        ",".join(names) + "\n" + ",".join(["zaken", "2019", "1"] + [""] * (columns - 3)) + "\n"
    )
    return path


def workbook(
    tmp: Path,
    rows: list[list[object]],
    change: Callable[[Any, Any], None] | None = None,
    name: str = "data.xlsx",
) -> Path:
    return write_workbook(tmp / name, rows, change)


HEADER3: list[object] = ["indicator", "period", "value"]


def _formatted(code: str) -> Callable[[Any, Any], None]:
    def change(book: Any, sheet: Any) -> None:
        sheet["C2"].number_format = code

    return change


def xlsx_hidden_row(tmp: Path) -> Path:
    def hide(book: Any, sheet: Any) -> None:
        sheet.row_dimensions[3].hidden = True

    return workbook(tmp, [HEADER3, ["zaken", "2019", 170], ["zaken", "2020", 180]], hide)


def xlsx_very_hidden_sheet(tmp: Path) -> Path:
    def hide(book: Any, sheet: Any) -> None:
        other = book.create_sheet("codes")  # the template's name, but very hidden: warned
        other["A1"] = "zaken,2021,999"
        other.sheet_state = "veryHidden"

    return workbook(tmp, [HEADER3, ["zaken", "2019", 170]], hide)


def _text(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def xlsx_formulas(tmp: Path) -> Path:
    return workbook(
        tmp,
        [
            ["indicator", "period", "value", "region"],
            ["zaken", "2019", "=1+1", None],
            ["zaken", "2020", '=HYPERLINK("http://evil.example","klik")', None],
        ],
    )


def xlsx_bomb(tmp: Path) -> Path:
    """A workbook whose sheet unpacks to 1 GiB of blanks (about 4 MB on disk)."""
    base = workbook(tmp, [["indicator", "period", "value", "region"]], name="base.xlsx")
    path = tmp / "bomb.xlsx"
    with (
        zipfile.ZipFile(base) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(item, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with zout.open(item.filename, "w", force_zip64=True) as out:
                out.write(head)
                blanks = b" " * (1024 * 1024)
                for _ in range(1024):
                    out.write(blanks)
                out.write(b"</sheetData>" + tail)
    return path


def xlsx_lying_size(tmp: Path) -> Path:
    """A sheet part that unpacks to more than its declared size (zipfile must stop it)."""
    base = workbook(tmp, [HEADER3, ["zaken", "2019", 170]], name="base.xlsx")
    raw = bytearray(base.read_bytes())
    with zipfile.ZipFile(base) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # Patch the declared size (local header and central directory) down to 10 bytes.
    size = info.file_size.to_bytes(4, "little")
    start = 0
    while (found := raw.find(size, start)) >= 0:
        raw[found : found + 4] = (10).to_bytes(4, "little")
        start = found + 4
    path = tmp / "lying.xlsx"
    path.write_bytes(bytes(raw))
    return path


def csv_renamed_xlsx(tmp: Path) -> Path:
    path = tmp / "fake.xlsx"
    path.write_bytes((DATA / "csv" / "valid-bom.csv").read_bytes())
    return path


def truncated_xlsx(tmp: Path) -> Path:
    full = xlsx_formulas(tmp)
    path = tmp / "truncated.xlsx"
    path.write_bytes(full.read_bytes()[:2000])
    return path


def xlsx_two_sheets(tmp: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.create_sheet("andere")
    path = tmp / "twosheets.xlsx"
    book.save(path)
    return path


def xls_file(tmp: Path) -> Path:
    path = tmp / "oud.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return path


def hostile_name(tmp: Path) -> Path:
    """A valid file whose name carries a newline, an RTL override and a traversal attempt."""
    directory = tmp / "..\u202egnp.exe\nnaam"
    directory.mkdir()
    path = directory / "..\u202ecsv.exe\n;rm -rf.csv"
    path.write_bytes((DATA / "csv" / "valid-bom.csv").read_bytes())
    return path


# --- checks of safe output -------------------------------------------------------------------


def stored_inside(ws: Path, run: Run) -> None:
    """Every stored file lies inside measurements/ with a name without control characters."""
    store = ws / "measurements"
    for path in store.rglob("*"):
        assert path.resolve().is_relative_to(store.resolve())
        assert not any(ord(ch) < 32 or ch == "\u202e" for ch in path.name), path.name
    assert len(list((store).rglob("*.csv"))) >= 1


def formulas_escaped(ws: Path, run: Run) -> None:
    """Notes that a spreadsheet would evaluate are stored with a leading quote."""
    stored = "".join(p.read_text("utf-8") for p in (ws / "measurements").rglob("data/*.csv"))
    assert "'=HYPERLINK" in stored and "'@SUM" in stored and "'+cmd" in stored
    assert ",=HYPERLINK" not in stored and ',"=HYPERLINK' not in stored


def no_pwned_file(ws: Path, run: Run) -> None:
    assert not (ws / "PWNED").exists() and not Path("PWNED").exists()


def terminal_safe(ws: Path, run: Run) -> None:
    """The text report never carries raw bidi overrides or escape sequences to the terminal."""
    assert "\u202e" not in run.err and "\x1b" not in run.err


def stopped_early(ws: Path, run: Run) -> None:
    payload = run.json()
    assert len(payload["errors"]) == 1000
    assert [w["code"] for w in payload["warnings"]] == ["too-many-errors"]


CASES: list[Case] = [
    # YAML definitions (design §3)
    Case("yaml-billion-laughs", definition("billion-laughs.yaml"), 1, "yaml-anchor", 1, 4),
    Case("yaml-deep-flow", definition("deep-nesting.yaml"), 1, "yaml-syntax", 1),
    Case("yaml-deep-block", definition("deep-block.yaml"), 1, "yaml-too-deep", 34, 65),
    Case("yaml-duplicate-key", definition("duplicate-key.yaml"), 1, "yaml-duplicate-key", 6, 1),
    Case("yaml11-boolean", definition("yaml11-boolean.yaml"), 1, "yaml-ambiguous-scalar", 4, 41),
    Case("yaml11-octal", definition("yaml11-octal.yaml"), 1, "yaml-ambiguous-scalar", 11, 35),
    Case(
        "yaml11-sexagesimal",
        definition("yaml11-sexagesimal.yaml"),
        1,
        "yaml-ambiguous-scalar",
        11,
        35,
    ),
    Case(
        "yaml-python-object-tag",
        definition("python-object.yaml"),
        1,
        "yaml-tag",
        2,
        14,
        check=no_pwned_file,
    ),
    Case("yaml-include-tag", definition("include-tag.yaml"), 1, "yaml-tag", 2, 13),
    Case("yaml-nan", definition("nan-baseline.yaml"), 1, "yaml-ambiguous-scalar", 11, 35),
    Case("yaml-1e309", definition("exponent-1e309.yaml"), 1, "yaml-ambiguous-scalar", 11, 35),
    Case("yaml-huge-integer", definition("huge-integer.yaml"), 1, "yaml-number", 11, 35),
    Case("yaml-float-overflow", definition("overflow-float.yaml"), 1, "yaml-number", 11, 35),
    Case(
        "yaml-control-escape",
        definition("control-escape.yaml"),
        1,
        "yaml-control-character",
        4,
        18,
    ),
    Case("yaml-nul-byte", definition("nul-byte.yaml"), 1, "yaml-syntax", 4, 24),
    Case("yaml-latin1", definition("latin1.yaml"), 1, "encoding", 4, 36),
    Case("yaml-bom", definition("bom.yaml"), 0),
    Case("yaml-rtl-override-id", definition("rtl-override-id.yaml"), 1, "invalid-value", 1, 5),
    Case("yaml-zero-width-owner", definition("zero-width-owner.yaml"), 1, "invalid-value", 9, 8),
    Case("yaml-traversal-id", definition("traversal-id.yaml"), 1, "invalid-value", 1, 5),
    Case(
        "yaml-traversal-action-line",
        definition("traversal-action-line.yaml"),
        1,
        "invalid-value",
        2,
        14,
    ),
    Case("yaml-invalid-date", definition("invalid-date.yaml"), 1, "invalid-value", 13, 39),
    Case("yaml-stray-comma-key", definition("stray-comma-key.yaml"), 1, "language-unknown", 10, 23),
    Case("yaml-two-documents", definition("two-documents.yaml"), 1, "yaml-syntax", 13, 1),
    Case(
        "yaml-programme-50mb",
        big_yaml,
        1,
        "file-too-large",
        file_endswith="kpis/zaken.yaml",
        seconds=20,
    ),
    # CSV submissions (design §4)
    Case("csv-valid-bom", submission("valid-bom.csv"), 0, stored=True),
    # Windows-1252 (Latin-1 letters) is read, converted and reported; bytes that read otherwise
    # in ISO-8859-15, or that neither encoding defines, and UTF-16 are refused.
    Case("csv-latin1", submission("latin1.csv"), 0, "encoding-windows-1252", 2, stored=True),
    Case(
        "csv-latin9-euro",
        generated(csv_bytes("euro.csv", b"zaken,2019,170,,,,,kosten in \xa4\n")),
        1,
        "encoding",
        2,
        30,
    ),
    Case(
        "csv-undefined-byte",
        generated(csv_bytes("c1.csv", b"zaken,2019,170,,,,,caf\x81\n")),
        1,
        "encoding",
        2,
        23,
    ),
    Case(
        "csv-utf16",
        generated(lambda tmp: _utf16(tmp)),
        1,
        "encoding",
    ),
    Case("csv-nul-byte", submission("nul-byte.csv"), 1, "value", 2, 3),
    Case(
        "csv-mixed-delimiters", submission("mixed-delimiters-header.csv"), 1, "mixed-delimiters", 1
    ),
    # One cell of eight: located at the first cell the row lacks.
    Case("csv-semicolon-row", submission("semicolon-row.csv"), 1, "row-width", 3, 2),
    Case(
        "csv-thousands-dot",
        submission("thousands-dot-ambiguous.csv"),
        1,
        "decimal-ambiguous",
        2,
        3,
    ),
    Case(
        "csv-thousands-comma",
        submission("thousands-comma-ambiguous.csv"),
        1,
        "decimal-ambiguous",
        2,
        3,
    ),
    # 1.234,5 reads as 1234.5 (the decimal mark is beyond doubt): not a whole count.
    Case("csv-thousands-both", submission("thousands-both.csv"), 1, "count", 2, 3),
    Case(
        "csv-thousands-not-by-three",
        generated(csv_bytes("groups.csv", b'zaken,2019,"12.34.567",,,,,\n')),
        1,
        "value",
        2,
        3,
    ),
    Case(
        "csv-percent-sign-on-count",
        generated(csv_bytes("pct.csv", b"zaken,2019,60%,,,,,\n")),
        1,
        "value",
        2,
        3,
    ),
    Case(
        "csv-percent-sign-beyond-bound",
        generated(csv_bytes("pctbig.csv", b"aandeel,2019-H1,1e16%,,,,,\n")),
        1,
        "value",
        2,
        3,
    ),
    Case(
        "csv-dutch-columns",
        generated(
            lambda tmp: _text(
                tmp,
                "nl.csv",
                "indicator;periode;waarde;status;bron\nzaken;2019;170;voorlopig;Jaarverslag\n",
            )
        ),
        0,
        stored=True,
    ),
    Case(
        "csv-source-too-long",
        generated(
            lambda tmp: _text(
                tmp, "src.csv", f"indicator,period,value,bron\nzaken,2019,1,{'x' * 600}\n"
            )
        ),
        1,
        "source-too-long",
        2,
        4,
    ),
    # Plausibility: warnings located at their cell; the file is stored.
    Case(
        "csv-breakdown-not-adding-up",
        generated(
            lambda tmp: _text(
                tmp,
                "sum.csv",
                "indicator,period,value,region\nzaken,2019,6000,\nzaken,2019,2470,noord\n"
                "zaken,2019,2000,zuid\n",
            )
        ),
        0,
        "breakdown-total",
        2,
        3,
        stored=True,
    ),
    Case(
        "csv-jump-to-the-bound",
        generated(
            lambda tmp: _text(
                tmp,
                "jump.csv",
                "indicator,period,value\nzaken,2019,1\nzaken,2020,1000000000000000\n",
            )
        ),
        0,
        "jump",
        3,
        3,
        stored=True,
    ),
    Case(
        "csv-actions-dated-in-the-future",
        generated(
            lambda tmp: _text(tmp, "later.csv", "actie,datum,status\nAL1.1,31-12-2999,gereed\n")
        ),
        0,
        "date-future",
        2,
        2,
        stored=True,
    ),
    # 169.5 under lower, 171,5 under upper in the same row: located at the later, upper.
    Case("csv-decimal-mixed", submission("decimal-mixed.csv"), 1, "decimal-mixed", 2, 6),
    Case("csv-nan", submission("nan.csv"), 1, "value", 2, 3),
    Case("csv-infinity", submission("infinity.csv"), 1, "value", 2, 3),
    Case("csv-1e309", submission("overflow-1e309.csv"), 1, "value", 2, 3),
    Case("csv-1e309-bound", submission("overflow-bound.csv"), 1, "value", 2, 7),
    # Beyond 10^15 (README §Limits): a 400-digit decimal was stored as inf, a count of 1e28
    # crashed the rounding step.
    Case(
        "csv-400-digits-point-5",
        generated(csv_bytes("digits.csv", b"zaken,2019," + b"9" * 400 + b".5,,,,,\n")),
        1,
        "value",
        2,
        3,
    ),
    Case(
        "csv-count-1e28",
        generated(csv_bytes("e28.csv", b"zaken,2019,1e28,,,,,\n")),
        1,
        "value",
        2,
        3,
    ),
    Case(
        "csv-29-digits",
        generated(csv_bytes("d29.csv", b"zaken,2019," + b"1" * 29 + b",,,,,\n")),
        1,
        "value",
        2,
        3,
    ),
    Case(
        "csv-upper-beyond-bound",
        generated(csv_bytes("up.csv", b"zaken,2019,5,,,1,1000000000000001,\n")),
        1,
        "value",
        2,
        7,
    ),
    Case(
        "xlsx-count-1e28",
        generated(
            lambda tmp: workbook(tmp, [["indicator", "period", "value"], ["zaken", "2019", 1e28]])
        ),
        1,
        "value",
        2,
        3,
    ),
    Case("csv-2019-02-30", submission("invalid-date-period.csv"), 1, "period", 2, 2),
    Case(
        "csv-rtl-override",
        submission("rtl-override-indicator.csv"),
        1,
        "unknown-indicator",
        2,
        1,
        check=terminal_safe,
    ),
    Case("csv-zero-width-code", submission("zero-width-code.csv"), 1, "code", 2, 4),
    Case(
        "csv-formula-note",
        submission("formula-note.csv"),
        0,
        stored=True,
        check=formulas_escaped,
    ),
    Case("csv-formula-value", submission("formula-value.csv"), 1, "value", 2, 3),
    Case("csv-unterminated-quote", submission("unterminated-quote.csv"), 1, "csv-syntax", 2),
    Case("csv-tab-separated", submission("tab-separated.csv"), 1, "delimiter", 1),
    Case("csv-empty", submission("empty.csv"), 1, "empty-header", 1),
    Case("csv-header-only", submission("header-only.csv"), 1, "empty"),
    Case(
        "csv-20000-columns",
        submission("wide-header.csv"),
        1,
        "too-many-columns",
        1,
    ),
    Case(
        "csv-150-unknown-columns", generated(lambda tmp: wide(tmp, 150)), 1, "unknown-column", 1, 4
    ),
    Case("csv-control-note", submission("control-note.csv"), 0, stored=True),
    Case("csv-negative-count", submission("negative-count.csv"), 1, "count", 2, 3),
    Case("csv-long-cell", submission("long-period.csv"), 1, "period", 2, 2),
    Case("csv-note-too-long", submission("note-too-long.csv"), 1, "note-too-long", 2, 8),
    Case("csv-actions-bad-date", submission("actions-hostile.csv"), 1, "date", 2, 2),
    Case("csv-actions-long-note", submission("actions-hostile.csv"), 1, "note-too-long", 2, 4),
    Case("csv-actions-traversal", submission("actions-hostile.csv"), 1, "unknown-action", 3, 1),
    Case("csv-duplicate-rows", submission("duplicate-rows.csv"), 1, "duplicate", 3, 1),
    Case("csv-not-owner", submission("not-owner.csv"), 1, "not-owner", 2, 1),
    Case("csv-missing-without-note", submission("missing-without-note.csv"), 1, "note", 2, 8),
    Case("csv-partner-traversal", submission("valid-bom.csv", "../politie"), 1, "unknown-partner"),
    Case("csv-hostile-file-name", generated(hostile_name), 0, stored=True, check=stored_inside),
    Case(
        "csv-50mb-garbage-rows",
        generated(big_csv_semantic_garbage),
        1,
        "period",
        2,
        2,
        check=stopped_early,
        seconds=20,
    ),
    Case("csv-50mb-one-cell", generated(big_csv_one_cell), 1, "csv-syntax", 2, seconds=20),
    Case("csv-50mb-binary", generated(big_csv_binary), 1, "encoding", 3, 119, seconds=20),
    Case("csv-50mb-one-line", generated(big_csv_no_newline), 1, "too-many-columns", 1, seconds=20),
    # XLSX submissions
    Case("xlsx-formulas", generated(xlsx_formulas), 1, "xlsx-formula", 2, 3),
    Case("xlsx-zip-bomb", generated(xlsx_bomb), 1, "xlsx-too-large", seconds=20),
    Case("xlsx-lying-size", generated(xlsx_lying_size), 1, "xlsx-unreadable"),
    Case("xlsx-not-a-zip", generated(csv_renamed_xlsx), 1, "xlsx-unreadable"),
    Case("xlsx-truncated", generated(truncated_xlsx), 1, "xlsx-unreadable"),
    Case("xlsx-two-sheets", generated(xlsx_two_sheets), 1, "xlsx-sheet"),
    Case("xls-old-format", generated(xls_file), 1, "file-format"),
    Case(
        "xlsx-formula-in-header",
        generated(lambda tmp: workbook(tmp, [["indicator", "period", "=CONCAT(1,2)"]])),
        1,
        "xlsx-formula",
        1,
        3,
    ),
    Case(
        "xlsx-date-as-value",
        generated(lambda tmp: workbook(tmp, [HEADER3, ["zaken", "2019", date(2019, 5, 1)]])),
        1,
        "value",
        2,
        3,
    ),
    Case(
        "xlsx-percent-cell-on-count",
        generated(lambda tmp: workbook(tmp, [HEADER3, ["zaken", "2019", 0.6]], _formatted("0%"))),
        1,
        "value",
        2,
        3,
    ),
    Case(
        "xlsx-format-hides-digits",
        generated(
            lambda tmp: workbook(tmp, [HEADER3, ["aandeel", "2019-H1", 40.4]], _formatted("0"))
        ),
        0,
        "xlsx-number-format",
        2,
        3,
        stored=True,
    ),
    Case("xlsx-hidden-row", generated(xlsx_hidden_row), 0, "xlsx-hidden-row", 3, 1, stored=True),
    Case(
        "xlsx-very-hidden-sheet",
        generated(xlsx_very_hidden_sheet),
        0,
        "xlsx-hidden-sheet",
        stored=True,
    ),
]


# --- inputs that are no regular file (design §2; every command that reads them) -------------

# A FIFO or a device would hang or fill memory in a command that reads it: those cases run in a
# process of their own, with a memory cap, so a regression fails instead of stalling the suite.
_BOUNDED = {"process": True, "wrap": ("prlimit", "--as=3000000000", "--"), "seconds": 30.0}
_CODE = {
    "symlink": "file-symlink",
    "dev-zero-link": "file-symlink",
    "fifo": "file-not-regular",
    "device": "file-not-regular",
    "directory": "file-not-regular",
}


def _input(kind: str, where: str, name: str) -> Case:
    relative = {"kpis": "kpis/extra.yaml", "programme": "programme/programme.yaml"}[where]
    bounded = _BOUNDED if kind in ("fifo", "device", "dev-zero-link") else {}
    return Case(
        f"input-{kind}-{where}-{name}",
        osa.definition_file(kind, relative, name),
        2 if name == "diff" else 1,
        _CODE[kind],
        file_endswith=relative,
        check=osa.secret_kept,
        json=name == "validate",
        kind="input-file",
        **bounded,
    )


def _refused(id: str, prepare: Prepare, code: str, **kw: object) -> Case:
    return Case(id, prepare, 1, code, json=False, kind="input-file", **kw)


CASES += [
    *(_input(k, w, "validate") for k in _CODE for w in ("kpis", "programme")),
    *(
        _input(k, "kpis", name)
        for k in ("symlink", "fifo")
        for name in ("status", "report", "template", "export", "diff")
    ),
    _input("device", "kpis", "report"),
    _input("directory", "programme", "status"),
    *(
        _refused(
            f"input-store-link-{name}",
            osa.linked_directory("measurements", name, with_store=True),
            "store-symlink",
        )
        for name in ("validate", "status", "report", "export")
    ),
    _refused(
        "input-programme-dir-link",
        osa.linked_directory("programme", "validate"),
        "definitions-symlink",
    ),
    _refused("input-kpis-dir-link", osa.linked_directory("kpis", "status"), "definitions-symlink"),
    _refused(
        "input-commentary-link",
        osa.linked_directory("commentary", "report"),
        "commentary-symlink",
        check=osa.secret_kept,
    ),
    _refused(
        "input-commentary-as-of-link",
        osa.linked_directory(f"commentary/{osa.AS_OF}", "report"),
        "commentary-symlink",
        check=osa.secret_kept,
    ),
    _refused(
        "input-commentary-fifo", osa.commentary_file("fifo"), "commentary-not-regular", **_BOUNDED
    ),
    _refused(
        "input-commentary-device",
        osa.commentary_file("device"),
        "commentary-not-regular",
        **_BOUNDED,
    ),
    _refused(
        "input-commentary-directory", osa.commentary_file("directory"), "commentary-not-regular"
    ),
    _refused(
        "input-templates-link",
        osa.linked_directory("report_templates", "report"),
        "templates-symlink",
        check=osa.secret_kept,
    ),
    _refused(
        "input-template-link",
        osa.template_file("symlink", "report.html.j2"),
        "template-refused",
        check=osa.secret_kept,
    ),
    _refused(
        "input-template-fifo",
        osa.template_file("fifo", "report.css"),
        "template-refused",
        **_BOUNDED,
    ),
    _refused("input-published-fifo", osa.published_record("fifo"), "file-not-regular", **_BOUNDED),
]


# --- outputs aimed at links, devices, directories, the definitions or the store -------------


def _output(id: str, prepare: Prepare, exit: int, says: str, **kw: object) -> Case:
    return Case(id, prepare, exit, json=False, says=says, kind="output-path", **kw)


_HTML, _DOCX = f"{osa.STEM}.html", f"{osa.STEM}.docx"

CASES += [
    _output(
        "output-report-over-link",
        osa.report_over_link(_HTML),
        1,
        "is a symlink",
        check=osa.only_planted,
    ),
    _output(
        "output-report-temporary-name-link-html",
        osa.report_over_link(f".{_HTML}.tmp"),
        0,
        _HTML,
        check=osa.report_beside_planted_link,
    ),
    _output(
        "output-report-temporary-name-link-docx",
        osa.report_over_link(f".{_DOCX}.tmp", "docx"),
        0,
        _DOCX,
        check=osa.report_beside_planted_link,
    ),
    *(
        _output(
            f"output-report-in-{part}",
            osa.report_out_inside(part),
            2,
            f"lies in {part}/",
            check=osa.nothing_inside(part),
        )
        for part in ("measurements", "programme", "kpis")
    ),
    _output(
        "output-template-over-definition",
        osa.template_out(lambda ws, tmp: ws / "kpis" / "zaken.yaml"),
        2,
        "lies in kpis/",
        check=osa.definitions_unchanged,
    ),
    _output(
        "output-template-over-programme",
        osa.template_out(lambda ws, tmp: ws / "programme" / "programme.yaml", "xlsx"),
        2,
        "lies in programme/",
        check=osa.definitions_unchanged,
    ),
    _output(
        "output-template-into-store", osa.template_out(osa.store_file), 2, "lies in measurements/"
    ),
    _output(
        "output-template-on-directory", osa.template_out(lambda ws, tmp: tmp), 2, "is a directory"
    ),
    _output(
        "output-template-dev-stdout",
        osa.template_out(lambda ws, tmp: Path("/dev/stdout")),
        2,
        "is a symlink",
        check=osa.no_dev_stdout_actions,
    ),
    _output(
        "output-template-dev-null",
        osa.template_out(lambda ws, tmp: Path("/dev/null")),
        2,
        "character device",
    ),
    _output(
        "output-template-over-link",
        osa.template_out(osa.planted_link),
        2,
        "is a symlink",
        check=osa.secret_kept,
    ),
    _output(
        "output-export-into-store",
        osa.export_out(lambda ws, tmp: ws / "measurements" / "cijfers.csv"),
        2,
        "lies in measurements/",
    ),
    _output(
        "output-export-over-link",
        osa.export_out(osa.planted_link),
        2,
        "is a symlink",
        check=osa.secret_kept,
    ),
    _output(
        "output-export-fifo-descriptor",
        osa.export_out(osa.fifo_descriptor),
        1,
        "FIFO",
        check=osa.only_planted,
        **_BOUNDED,
    ),
]


# --- the operating system says no: disk full, read-only, no permission, file-size limit ------


def _failure(id: str, prepare: Prepare, says: str, **kw: object) -> Case:
    kw.setdefault("check", osa.nothing_written)
    return Case(id, prepare, 1, json=False, says=says, kind="os-failure", **kw)


_FULL, _READ_ONLY, _DENIED, _TOO_BIG = (
    "no space left on the device",
    "the file system is read-only",
    "permission denied",
    "larger than the file-size limit allows",
)

CASES += [
    _failure(
        "os-report-html-disk-full",
        osa.report_formats("html"),
        _FULL,
        fault=osa.failing("write", errno.ENOSPC),
    ),
    _failure(
        "os-report-docx-disk-full-at-sync",
        osa.report_formats("docx"),
        _FULL,
        fault=osa.failing("fsync", errno.ENOSPC),
    ),
    _failure(
        "os-report-read-only",
        osa.report_formats("html,docx"),
        _READ_ONLY,
        fault=osa.failing_mkstemp(errno.EROFS),
    ),
    _failure(
        "os-report-rename-denied",
        osa.report_formats("html"),
        _DENIED,
        fault=osa.failing("replace", errno.EACCES),
    ),
    _failure(
        "os-report-file-size-limit",
        osa.report_formats("docx"),
        _TOO_BIG,
        fault=osa.failing("write", errno.EFBIG),
    ),
    _failure(
        "os-template-disk-full", osa.templated, _FULL, fault=osa.failing("fsync", errno.ENOSPC)
    ),
    _failure(
        "os-template-xlsx-read-only",
        osa.template_out(lambda ws, tmp: osa.out_dir(ws) / "sjabloon.xlsx", "xlsx"),
        _READ_ONLY,
        fault=osa.failing_mkstemp(errno.EROFS),
    ),
    _failure("os-export-disk-full", osa.exported, _FULL, fault=osa.failing("write", errno.ENOSPC)),
    _failure(
        "os-export-rename-denied", osa.exported, _DENIED, fault=osa.failing("replace", errno.EACCES)
    ),
    # The same failures for real, in a process of its own.
    _failure(
        "os-report-html-file-size-limit-real",
        osa.report_formats("html"),
        _TOO_BIG,
        process=True,
        wrap=osa.file_size_limit(100_000),
    ),
    _failure(
        "os-report-docx-file-size-limit-real",
        osa.report_formats("docx"),
        _TOO_BIG,
        process=True,
        wrap=osa.file_size_limit(20_000),
    ),
    _failure(
        "os-report-disk-full-real",
        osa.with_tmpfs(osa.report_formats("html,docx")),
        _FULL,
        process=True,
        wrap=osa.in_tmpfs("size=64k"),
        check=osa.left_in_tmpfs_empty,
    ),
    _failure(
        "os-report-read-only-real",
        osa.with_tmpfs(osa.report_formats("html")),
        _READ_ONLY,
        process=True,
        wrap=osa.in_tmpfs("ro,size=64k"),
        check=osa.left_in_tmpfs_empty,
    ),
    _failure(
        "os-report-permission-denied-real",
        osa.unwritable_out,
        _DENIED,
        process=True,
        wrap=osa.WITHOUT_CAPABILITIES,
    ),
    # A report run writes all its formats or none.
    _failure(
        "os-report-second-rename-fails",
        osa.report_formats("html,docx"),
        _FULL,
        fault=osa.failing("replace", errno.ENOSPC, after=1),
    ),
    _failure("os-report-broken-reference-docx", osa.broken_reference, "not a usable Word document"),
    Case(
        "os-report-230-character-title",
        osa.long_title,
        0,
        json=False,
        kind="os-failure",
        check=osa.long_title_report,
    ),
]


# --- hidden characters in reports and in printed names --------------------------------------

CASES += [
    Case(
        "text-report-hidden-characters",
        osa.hidden_note,
        0,
        json=False,
        kind="hidden-text",
        check=osa.no_hidden_characters,
        seconds=20,
    ),
    Case(
        "text-template-escape-in-name",
        osa.escape_name,
        0,
        json=False,
        kind="hidden-text",
        check=osa.terminal_clean,
    ),
    Case(
        "text-submit-escape-in-file-name",
        osa.escape_submission,
        0,
        json=False,
        kind="hidden-text",
        stored=True,
        check=osa.terminal_clean,
    ),
    Case(
        "text-report-escape-in-out-dir",
        osa.escape_out_dir,
        0,
        json=False,
        kind="hidden-text",
        check=osa.terminal_clean,
    ),
]


# --- terminals whose encoding cannot show a character ----------------------------------------

_LATIN1 = {"PYTHONIOENCODING": "latin-1"}
_ASCII = {"PYTHONIOENCODING": "ascii"}
_ASCII_C = {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}


def _encoding(id: str, prepare: Prepare, exit: int, env: dict[str, str], **kw: object) -> Case:
    return Case(
        id,
        prepare,
        exit,
        json=False,
        kind="terminal-encoding",
        process=True,
        env=env,
        check=osa.no_encoding_crash,
        **kw,
    )


CASES += [
    _encoding("encoding-status-latin1", osa.status_table, 0, _LATIN1, says="zaken"),
    _encoding("encoding-status-ascii-c-locale", osa.status_table, 0, _ASCII_C, says="zaken"),
    _encoding("encoding-validate-summary-latin1", osa.valid_in_odd_place, 0, _LATIN1, says="valid"),
    _encoding(
        "encoding-validate-problems-ascii", osa.problems_in_odd_place, 1, _ASCII, code="unknown-key"
    ),
    _encoding("encoding-template-name-ascii", osa.template_odd_name, 0, _ASCII, says="sjabloon"),
]


# --- dates and SOURCE_DATE_EPOCH out of range or malformed -----------------------------------


def _arguments(id: str, prepare: Prepare, says: str, **kw: object) -> Case:
    return Case(id, prepare, 2, json=False, says=says, kind="arguments", **kw)


def _with(name: str, *extra: str) -> Prepare:
    def prepare(ws: Path, tmp: Path) -> list[str]:
        args = osa.exported(ws, tmp) if name == "export" else osa.command(name, ws, tmp)
        return [a for a in args if a != osa.AS_OF and a != "--as-of"] + list(extra)

    return prepare


CASES += [
    *(
        _arguments(
            f"args-epoch-{label}-report",
            osa.report_formats("html"),
            "SOURCE_DATE_EPOCH",
            env={"SOURCE_DATE_EPOCH": value},
        )
        for label, value in (
            ("letters", "gisteren"),
            ("negative", "-1"),
            ("huge", "9" * 20),
            ("year-10000", "253402300800"),
        )
    ),
    _arguments(
        "args-epoch-letters-submit",
        osa.submitted,
        "SOURCE_DATE_EPOCH",
        env={"SOURCE_DATE_EPOCH": "1.5e9"},
    ),
    *(
        _arguments(f"args-as-of-{day}-{name}", _with(name, "--as-of", day), "out of range")
        for day in ("0001-01-01", "9999-12-31")
        for name in ("status", "report", "export")
    ),
    *(
        _arguments(
            f"args-period-{year}-template", _with("template", "--period", year), "out of range"
        )
        for year in ("9999", "0001")
    ),
]
