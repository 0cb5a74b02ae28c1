"""The one error boundary of the command line (design §7).

Exit codes: 0 success, 1 invalid input, 2 usage error, 130 interrupted. Every known error
becomes a message for people, an ``OSError`` a plain reason naming the file, and anything
unexpected a short note saying it is a bug (its traceback only with ``--debug``).
"""

from __future__ import annotations

import contextlib
import os
import sys

import typer

from kpitrack.core.errors import KpitrackError


def run(app: typer.Typer, args: list[str]) -> None:
    """Run the command line ``args``; exit with its code. Known errors become messages for
    people; anything unexpected a short note (a traceback only with ``--debug``)."""
    _tolerant_streams()
    debug = "--debug" in args or os.environ.get("KPITRACK_DEBUG") == "1"
    code: int
    try:
        # Standalone mode handles --help, usage errors (exit 2) and typer.Exit by itself.
        app(args=args, prog_name="kpitrack")
        code = 0
    except KpitrackError as exc:
        _print_error(exc)
        code = exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        code = 130
    except OSError as exc:  # the machine said no (disk full, read-only, permission): not a bug
        if debug:
            raise
        _print_os_error(exc)
        code = 1
    except Exception as exc:  # the boundary: never a traceback for people
        if debug:
            raise
        print(
            f"kpitrack: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in kpitrack, not in your files. Run again with --debug for details.",
            file=sys.stderr,
        )
        code = 1
    sys.exit(code)


def _print_os_error(exc: OSError) -> None:
    from kpitrack.cli.problems import safe_text
    from kpitrack.core.files import plain_reason

    where = f"{exc.filename}: " if exc.filename is not None else ""
    print(f"kpitrack: {safe_text(where + plain_reason(exc))}", file=sys.stderr)


def _print_error(exc: KpitrackError) -> None:
    from kpitrack.cli.problems import print_problems, safe_text
    from kpitrack.core.errors import ValidationFailed

    if exc.problems:
        warnings = exc.warnings if isinstance(exc, ValidationFailed) else []
        errors = [p for p in exc.problems if p.severity == "error"]
        print_problems(errors, warnings)
    if not exc.problems or not isinstance(exc, ValidationFailed):
        print(f"kpitrack: {safe_text(exc.message)}", file=sys.stderr)


def _tolerant_streams() -> None:
    """Let the standard streams show what their encoding cannot (``\\u2714``), never crash on it.

    With ``PYTHONIOENCODING=latin-1`` or an ASCII terminal, a status icon or a Dutch quote
    would otherwise end the command with ``UnicodeEncodeError`` halfway through its output.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A closed or detached stream cannot be changed; there is nothing to show on it.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
