"""CSV encodings: UTF-8 as it is, Windows-1252 read and reported, the rest refused with the way
to save as UTF-8 — never guessed silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpitrack.intake.submit import submit_file
from kpitrack.measurements.encoding import SAVE_AS, decode

HEADER = "indicator;period;value;note\n"


def test_utf8_with_or_without_bom_is_read_as_it_is() -> None:
    text = "indicator,note\nzaken,café ©\n".encode()
    assert decode(text) == decode(b"\xef\xbb\xbf" + text)
    assert decode(text).encoding == "UTF-8" and decode(text).data == text


def test_windows_1252_is_converted_and_the_line_quoted() -> None:
    found = decode("indicator,note\nzaken,ok\nzaken,€ 5 voor café\n".encode("cp1252"))
    assert found.encoding == "Windows-1252" and not found.error
    assert found.data.decode("utf-8").endswith("€ 5 voor café\n")
    assert (found.line, found.quoted) == (3, "zaken,€ 5 voor café")


@pytest.mark.parametrize(
    ("data", "line", "column", "words"),
    [
        (b"a,b\nc,caf\x81\n", 2, 6, "neither UTF-8 nor Windows-1252"),
        (b"a,b\nc,\xa4 5\n", 2, 3, "in ISO-8859-15: the encoding cannot be told"),
        (b"a,b\nc,\xbd liter\n", 2, 3, "the encoding cannot be told"),
        ("a,b\n".encode("utf-16"), None, None, "UTF-16 or UTF-32"),
    ],
)
def test_bytes_that_cannot_be_told_apart_are_refused(
    data: bytes, line: int | None, column: int | None, words: str
) -> None:
    found = decode(data)
    assert words in found.error and SAVE_AS in found.error
    assert (found.line, found.column) == (line, column)


def test_a_latin9_byte_beside_a_windows_only_byte_is_windows_1252() -> None:
    # 0x80 (€) exists only in Windows-1252: 0xA4 then reads as its '¤'.
    assert decode(b"a,b\nc,\x80 \xa4\n").encoding == "Windows-1252"


def test_a_windows_1252_submission_is_stored_as_utf8_with_a_warning(workspace: Path) -> None:
    path = workspace.parent / "excel.csv"
    path.write_bytes((HEADER + "zaken;2019;170;geschat, zie toelichting café\n").encode("cp1252"))
    result = submit_file(workspace, path, "politie")
    assert result.accepted and result.encoding == "Windows-1252"
    assert [(p.code, p.line) for p in result.warnings] == [("encoding-windows-1252", 2)]
    assert "read as Windows-1252 (line 2 reads 'zaken;2019;170;geschat, zie toelichting café')" in (
        result.warnings[0].message
    )
    stored = next((workspace / "measurements" / "data").glob("*.csv")).read_text("utf-8")
    assert "geschat, zie toelichting café" in stored
    received = next((workspace / "measurements" / "received").glob("*"))
    assert received.read_bytes() == path.read_bytes()  # the file as received, unconverted


def test_an_ambiguous_submission_is_refused_at_the_byte(workspace: Path) -> None:
    path = workspace.parent / "latin9.csv"
    path.write_bytes(HEADER.encode() + b"zaken;2019;170;kosten \xa4 12\n")
    result = submit_file(workspace, path, "politie")
    assert [(p.code, p.line, p.column) for p in result.errors] == [("encoding", 2, 23)]
    assert "Save As → CSV UTF-8" in result.errors[0].message
    assert not (workspace / "measurements").exists()
