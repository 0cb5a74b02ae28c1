"""Typed problems: every bad input becomes a :class:`Problem` (code, location, message).

Problems are collected, never printed here; the CLI and the portal render them. Library
functions either return a result carrying its problems or raise
:class:`~kpitrack.core.errors.ValidationFailed` with them (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem: ``file:line:column: code: message``.

    ``path`` is the YAML path (``action_lines[2].actions[0].due``) or the CSV/XLSX column name;
    the text rendering puts it at the start of the message.
    """

    code: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    severity: Severity = "error"

    def format(self) -> str:
        """Render as ``file:line:col: code: message`` (missing parts left out)."""
        location = ":".join(
            str(part) for part in (self.file, self.line, self.column) if part is not None
        )
        message = f"{self.path}: {self.message}" if self.path else self.message
        prefix = f"{location}: " if location else ""
        label = self.code if self.severity == "error" else f"{self.code} (warning)"
        return f"{prefix}{label}: {message}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of design §7: file, line, column, path, code, message."""
        data = asdict(self)
        data.pop("severity")
        return {key: data[key] for key in ("file", "line", "column", "path", "code", "message")}

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file or "", self.line or 0, self.column or 0, self.code)


def errors_of(problems: Iterable[Problem]) -> list[Problem]:
    """The errors among ``problems``, in location order."""
    return sorted((p for p in problems if p.severity == "error"), key=Problem.sort_key)


def warnings_of(problems: Iterable[Problem]) -> list[Problem]:
    """The warnings among ``problems``, in location order."""
    return sorted((p for p in problems if p.severity == "warning"), key=Problem.sort_key)
