"""Column widths of the Word report's tables, taken from what the columns hold.

Word breaks a word in the middle when it does not fit its column ("aangekondig" / "d"). A column
is therefore never narrower than its longest word, a column that must not wrap (dates, states,
numbers) never narrower than its longest text, and the width left over goes to the columns
with the most text (notes, titles), as a browser lays out a table.

Text is measured with the advance widths of Arial (metric-compatible with Helvetica and
Liberation Sans, the reference document's font and LibreOffice's stand-in for it). No
python-docx here: the module is pure arithmetic.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TEXT_WIDTH_CM = 16.0  # A4 less the reference document's margins of 2.5 cm
CELL_PADDING_CM = 2 * 85 / 1440 * 2.54  # left and right cell margins of the table style
# Measured widths are estimates (kerning, a substituted font): a little room on top.
SAFETY = 1.06
SLACK_CM = 0.08
CM_PER_PT = 2.54 / 72

# Advance widths in 1/1000 em of ASCII 32..126 (Adobe's Helvetica metrics, which Arial shares).
_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 "
    "556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 "
    "833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 "
    "556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 "
    "334 260 334 584"
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 "
    "556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 "
    "722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 611 556 611 "
    "556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 556 556 500 389 "
    "280 389 584"
)
_WIDTHS = {
    False: dict(zip(map(chr, range(32, 127)), map(int, _REGULAR.split()), strict=True)),
    True: dict(zip(map(chr, range(32, 127)), map(int, _BOLD.split()), strict=True)),
}
_WIDE = {"—": 1000, "…": 1000, "€": 556, "–": 556, "‘": 222, "’": 222, "“": 333, "”": 333}
_AVERAGE = 556


@dataclass(frozen=True, slots=True)
class CellText:
    """The text of one table cell, as far as its width goes: its paragraphs, each a sequence
    of runs of plain or bold text."""

    paragraphs: tuple[tuple[tuple[str, bool], ...], ...]


def text_width_cm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of ``text`` on one line, in cm, at ``size_pt`` points."""
    table = _WIDTHS[bold]
    units = 0
    for char in text:
        width = table.get(char) or _WIDE.get(char)
        if width is None:
            if char == "\u00a0":
                width = table[" "]
            else:  # "ë", "é": the width of the letter without its accent
                base = unicodedata.normalize("NFKD", char)[:1]
                width = table.get(base, _AVERAGE)
        units += width
    return units / 1000 * size_pt * CM_PER_PT


def column_widths(
    rows: Sequence[Sequence[CellText]],
    *,
    size_pt: float = 9.0,
    total_cm: float = TEXT_WIDTH_CM,
    nowrap: Iterable[int] = (),
) -> list[float]:
    """Widths in cm of the columns of ``rows`` (header included), adding up to ``total_cm``.

    Each column gets at least its longest word (its longest text for the columns in
    ``nowrap``); what is left is shared in proportion to how much more the columns would need
    to show their longest text on one line. Only when even the minimum does not fit are the
    columns narrowed, in proportion.
    """
    columns = max((len(row) for row in rows), default=0)
    if columns == 0:
        return []
    keep_whole = set(nowrap)
    least = [0.0] * columns
    most = [0.0] * columns
    for row in rows:
        for index, cell in enumerate(row):
            line = _measure(cell, size_pt, words=False)
            word = line if index in keep_whole else _measure(cell, size_pt, words=True)
            least[index] = max(least[index], word)
            most[index] = max(most[index], line)
    pad = CELL_PADDING_CM + SLACK_CM
    least = [w * SAFETY + pad for w in least]
    most = [max(w * SAFETY + pad, low) for w, low in zip(most, least, strict=True)]
    if sum(most) <= total_cm:
        # Everything fits on one line: the table still spans the text width.
        return _scaled(most, total_cm)
    if sum(least) > total_cm:
        return _scaled(least, total_cm)
    room = total_cm - sum(least)
    wants = [high - low for high, low in zip(most, least, strict=True)]
    share = sum(wants)
    return [low + room * want / share for low, want in zip(least, wants, strict=True)]


def _measure(cell: CellText, size_pt: float, *, words: bool) -> float:
    """The width of a cell's longest paragraph on one line, or (``words``) of its longest
    word."""
    longest = 0.0
    for runs in cell.paragraphs:
        if not words:
            line = sum(text_width_cm(text, size_pt, bold=bold) for text, bold in runs)
            longest = max(longest, line)
            continue
        current = 0.0
        for text, bold in runs:
            for part in _split_keep(text):
                if part == " ":
                    longest = max(longest, current)
                    current = 0.0
                else:
                    current += text_width_cm(part, size_pt, bold=bold)
        longest = max(longest, current)
    return longest


def _split_keep(text: str) -> list[str]:
    """``text`` as words and single spaces (the places a line may break)."""
    parts: list[str] = []
    word = ""
    for char in text:
        if char in " \t\n":
            if word:
                parts.append(word)
                word = ""
            parts.append(" ")
        else:
            word += char
    if word:
        parts.append(word)
    return parts


def _scaled(widths: list[float], total: float) -> list[float]:
    factor = total / sum(widths)
    return [w * factor for w in widths]
