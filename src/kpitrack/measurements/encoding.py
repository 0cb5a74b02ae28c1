"""The text encoding of a submitted CSV: UTF-8, or Windows-1252 when no other reading fits.

Three encodings are considered, the ones Dutch and English spreadsheets save CSV in:

- **UTF-8** (with or without a byte order mark): every file that decodes as UTF-8 is read as
  UTF-8. A Windows-1252 text decodes as UTF-8 only when each of its accented capitals
  (``À``–``ß``) is followed by a character such as ``©`` or ``¤``, which ordinary text never is.
- **Windows-1252** ("CSV (comma delimited)" of Excel on Windows): read when the bytes decode in
  it, converted to UTF-8, and reported with a warning that quotes a line as it was read.
- **ISO-8859-15** (Latin-9): it reads eight bytes differently from Windows-1252 (``0xA4`` is
  ``€`` in it and ``¤`` in Windows-1252; also ``0xA6 0xA8 0xB4 0xB8 0xBC 0xBD 0xBE``), and has
  no characters at ``0x80``–``0x9F``. A file holding one of those eight bytes and none in
  ``0x80``–``0x9F`` reads as text in both, differently: it is refused as ambiguous, never
  guessed. (ISO-8859-1 reads every byte a text holds as Windows-1252 does.)

Anything else — a byte Windows-1252 leaves undefined (``0x81 0x8D 0x8F 0x90 0x9D``), UTF-16 or
UTF-32 ("Unicode text") — is refused with the advice to save as "CSV UTF-8". Mac Roman and the
DOS code pages are not considered: their accented letters read as other Windows-1252
characters, which the warning's quoted line shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOM = b"\xef\xbb\xbf"
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_C1 = re.compile(rb"[\x80-\x9f]")
_LATIN9_DIFFERS = re.compile(rb"[\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe]")
_NON_ASCII = re.compile(rb"[\x80-\xff]")

SAVE_AS = "save the file as 'CSV UTF-8' (Excel: Save As → CSV UTF-8 (comma delimited))"


@dataclass(frozen=True)
class Decoded:
    """The file as UTF-8 bytes and the encoding it was read in; or why it cannot be read."""

    data: bytes
    encoding: str = "UTF-8"
    error: str = ""  # why the file was refused ("" when read)
    line: int | None = None  # where: of the error, or of the line the warning quotes
    column: int | None = None
    quoted: str = ""  # a line with non-ASCII text as read (Windows-1252 only)


def decode(data: bytes) -> Decoded:
    """Read ``data`` as UTF-8 (BOM dropped) or Windows-1252 (converted); see the module."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    elif data.startswith(_UTF16_32_BOMS):
        return Decoded(data, error=f"the file is UTF-16 or UTF-32 ('Unicode text'); {SAVE_AS}")
    if data.isascii():  # ASCII is UTF-8: no need to decode it twice
        return Decoded(data)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        return Decoded(data)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line, column = _where(data, exc.start)
        return Decoded(
            data,
            error=f"byte 0x{data[exc.start]:02x} is neither UTF-8 nor Windows-1252; {SAVE_AS}",
            line=line,
            column=column,
        )
    differs = _LATIN9_DIFFERS.search(data)
    if differs is not None and _C1.search(data) is None:
        byte = data[differs.start() : differs.start() + 1]
        line, column = _where(data, differs.start())
        return Decoded(
            data,
            error=f"the file is not UTF-8 and byte 0x{byte[0]:02x} reads as "
            f"{byte.decode('cp1252')!r} in Windows-1252 but as {byte.decode('iso8859_15')!r} "
            f"in ISO-8859-15: the encoding cannot be told; {SAVE_AS}",
            line=line,
            column=column,
        )
    first = _NON_ASCII.search(data)
    start = utf8_error.start if first is None else first.start()
    line, _ = _where(data, start)
    begin = data.rfind(b"\n", 0, start) + 1
    end = data.find(b"\n", start)
    quoted = data[begin : end if end >= 0 else len(data)].decode("cp1252").rstrip("\r")
    return Decoded(text.encode("utf-8"), "Windows-1252", line=line, quoted=quoted[:120])


def _where(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based, in bytes) of ``offset``."""
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1
