"""Typed problems and the exceptions that carry them.

Every bad input becomes a :class:`Problem` (code, location, message); problems are collected into
lists and rendered in one place (:mod:`kpitrack.console`). Nothing here prints.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
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


class KpitrackError(Exception):
    """Base of every error the CLI prints for people (exit code 1 unless said otherwise)."""

    exit_code = 1

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = list(problems or [])


class ValidationFailed(KpitrackError):
    """Definitions or a submission are invalid; ``problems`` holds every error found."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) found", problems)
        self.warnings: list[Problem] = list(warnings or [])


class UsageError(KpitrackError):
    """The command was called wrongly (exit code 2)."""

    exit_code = 2


class StoreBusy(KpitrackError):
    """Another submission holds the store's lock for longer than we wait."""


class ReportError(KpitrackError):
    """A report could not be written (missing browser for charts, unwritable output, ...)."""


class ExportError(KpitrackError):
    """An export could not be made (nothing to export, unwritable output, ...)."""


@dataclass(slots=True)
class ProblemList:
    """Collects problems; errors and warnings apart."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.items if p.severity == "error"), key=Problem.sort_key)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.items if p.severity == "warning"), key=Problem.sort_key)
