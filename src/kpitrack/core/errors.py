"""The exceptions kpitrack raises for people: each carries its problems and an exit code.

The CLI's one error boundary turns them into messages (exit 1, or 2 for usage errors).
"""

from __future__ import annotations

from kpitrack.core.problems import Problem


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


class OutputError(KpitrackError):
    """An output file could not be written (disk full, read-only, no permission, ...)."""
