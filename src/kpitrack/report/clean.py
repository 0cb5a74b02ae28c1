"""Text that reaches a report carries no invisible controls: stripped once, in the model.

A partner's note or a definition may hold control characters (a stray byte from a spreadsheet)
or bidirectional overrides (U+202E turns ``exe.txt`` into what reads as ``txt.exe``). Neither
means anything in a report for parliament, and an override can make a figure or a name read
differently from what it is. :func:`cleaned` strips them from every text of a
:class:`~kpitrack.report.model.ReportModel`, so the HTML and the Word renderer lay out the very
same text.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

T = TypeVar("T")

HIDDEN = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 controls but tab, LF and CR; DEL; C1 controls
    "\u061c\u200e\u200f"  # Arabic letter mark, left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\ud800-\udfff\ufffe\uffff"  # lone surrogates and non-characters (XML forbids them)
    "]"
)
"""Characters no report text keeps."""


def strip_hidden(text: str) -> str:
    """``text`` without control characters and bidirectional formatting characters."""
    return HIDDEN.sub("", text)


def cleaned(value: T) -> T:
    """``value`` with :func:`strip_hidden` applied to every string in it (dataclasses, tuples,
    lists and dicts are walked; everything else is kept as it is)."""
    return _clean(value)  # type: ignore[no-any-return]


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        stripped = HIDDEN.sub("", value)
        if stripped == value:
            return value
        return stripped if type(value) is str else type(value)(stripped)  # keep Markup
    if isinstance(value, tuple):
        return tuple(_clean(item) for item in value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _clean(old)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
