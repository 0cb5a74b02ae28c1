"""Each figure's own source beside it: a letter in the value table, the source under the table.

A partner may say per row where a figure was published (the ``source`` column, Dutch ``bron``);
the example programme's figures come from a different publication each year. The indicator's
source (its definition) stays on the caption; a figure with a source of its own gets a letter in
the value table's source column, and the letters are explained in a list under the table. A
letter keeps the table narrow on paper and on a phone, however long the source, and a source
shared by several years is written once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from kpitrack.report.clean import strip_hidden
from kpitrack.report.model import FigureSource, ValueRow

if TYPE_CHECKING:
    from kpitrack.progress.model import SeriesPoint


def with_sources(
    rows: Sequence[ValueRow], series: Sequence[SeriesPoint]
) -> tuple[tuple[ValueRow, ...], tuple[FigureSource, ...]]:
    """``rows`` (one per point of ``series``, in its order) with their sources and letters, and
    the distinct sources under their letters in order of first use."""
    letters: dict[str, str] = {}
    marked: list[ValueRow] = []
    for row, point in zip(rows, series, strict=True):
        # Stripped before comparing: two sources differing only by an invisible character
        # would otherwise get two letters for what reads as the same text.
        source = strip_hidden(point.source).strip()
        if not source:
            marked.append(row)
            continue
        mark = letters.setdefault(source, letter(len(letters)))
        marked.append(replace(row, source=source, source_mark=mark))
    sources = tuple(FigureSource(mark=mark, text=text) for text, mark in letters.items())
    return tuple(marked), sources


def letter(index: int) -> str:
    """``a`` for 0, … ``z`` for 25, ``aa`` for 26, ``ab``… (as spreadsheet columns, lower case)."""
    word = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        word = chr(ord("a") + rest) + word
    return word
