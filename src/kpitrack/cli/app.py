"""The command line: parse arguments, call one function, print, exit (design §7).

No rules live here. Heavy modules are imported inside the commands so ``--help`` stays fast.
Exit codes: 0 success, 1 invalid input, 2 usage error; :func:`main` runs the commands inside
the one error boundary (cli/boundary.py).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kpitrack import __version__
from kpitrack.cli.records import due, log
from kpitrack.cli.users import users_app
from kpitrack.core.errors import UsageError

app = typer.Typer(
    rich_markup_mode=None,
    add_completion=False,
    no_args_is_help=True,
    help="Track a government programme: definitions, submissions, status and progress reports.",
)
app.add_typer(users_app, name="users")


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


class SheetFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


class ExportFormat(StrEnum):
    sdmx_csv = "sdmx-csv"
    csv = "csv"
    xlsx = "xlsx"


class ExportWhat(StrEnum):
    observations = "observations"
    status = "status"


WorkspaceArg = Annotated[Path, typer.Argument(help="Workspace directory.", show_default=True)]
WorkspaceOpt = Annotated[Path, typer.Option("--workspace", help="Workspace directory.")]


def _version(value: bool) -> None:
    if value:
        print(f"kpitrack {__version__}")
        raise typer.Exit(0)


# Commands that stamp a time on what they write (SOURCE_DATE_EPOCH, when set).
_STAMPING = frozenset({"report", "submit"})


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    if debug:
        os.environ["KPITRACK_DEBUG"] = "1"
    if ctx.invoked_subcommand in _STAMPING:
        from kpitrack.core.dates import source_date_epoch

        source_date_epoch()  # a malformed value is a usage error before any work is done


@app.command()
def init(directory: Annotated[Path, typer.Argument(help="New workspace directory.")]) -> None:
    """Create a new workspace with a small working example."""
    from kpitrack.definitions.init import create_workspace

    create_workspace(directory)
    shown = _shown(directory)
    print(f"created workspace {shown}; next: kpitrack validate {shown}")


@app.command()
def validate(
    directory: WorkspaceArg = Path("."),
    format: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Check the definitions (and the stored measurements) of a workspace."""
    from kpitrack.cli.problems import print_problems, problems_json, validation_summary
    from kpitrack.versioning.history import check_with_history

    check = check_with_history(directory)
    if format is TextOrJson.json:
        print(problems_json(check.errors, check.warnings))
    else:
        print_problems(check.errors, check.warnings)
        if check.valid:
            print(_shown(validation_summary(check)))
    raise typer.Exit(0 if check.valid else 1)


@app.command()
def schema(
    out: Annotated[
        Path | None, typer.Option("--out", help="Directory to write schemas to.")
    ] = None,
) -> None:
    """Write JSON Schemas of the YAML files (for editor completion)."""
    from kpitrack.definitions.schema import schema_documents, write_schemas

    if out is None:
        import json

        print(json.dumps(schema_documents(), indent=2, ensure_ascii=False))
    else:
        for path in write_schemas(out):
            print(_shown(path))


@app.command()
def template(
    partner: Annotated[str, typer.Option("--partner", help="Partner id.")],
    workspace: WorkspaceOpt = Path("."),
    format: Annotated[SheetFormat, typer.Option("--format")] = SheetFormat.xlsx,
    period: Annotated[str | None, typer.Option("--period", help="Period to fill in.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Output file.")] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language of the column names and instructions (default: the first)."
        ),
    ] = None,
) -> None:
    """Write a submission template for one partner."""
    from kpitrack.intake.template import write_templates

    for path in write_templates(
        workspace, partner, format.value, period=period, out=out, lang=lang
    ):
        print(_shown(path))


@app.command()
def submit(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX file to submit.")],
    partner: Annotated[str, typer.Option("--partner", help="Submitting partner id.")],
    workspace: WorkspaceOpt = Path("."),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate only.")] = False,
    format: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Validate a submission and, when valid, store it."""
    from kpitrack.cli.submit_view import print_result
    from kpitrack.intake.submit import submit_file

    result = submit_file(workspace, file, partner, dry_run=dry_run)
    print_result(result, format.value)
    raise typer.Exit(0 if result.accepted else 1)


@app.command()
def status(
    directory: WorkspaceArg = Path("."),
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date YYYY-MM-DD.")] = None,
    format: Annotated[TableOrJson, typer.Option("--format")] = TableOrJson.table,
) -> None:
    """Status per indicator, action line and action at a date."""
    from kpitrack.cli.status_table import print_table, status_json
    from kpitrack.progress.engine import compute_progress
    from kpitrack.workspace import load_workspace

    as_of_date = _as_of(as_of)
    progress = compute_progress(load_workspace(directory), as_of_date)
    if format is TableOrJson.json:
        print(status_json(progress))
    else:
        print_table(progress)


@app.command()
def report(
    directory: WorkspaceArg = Path("."),
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date YYYY-MM-DD.")] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Report language (a programme language kpitrack has words in)."
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="html, docx, pdf or a list: html,docx,pdf.")
    ] = "html,docx",
    out: Annotated[Path, typer.Option("--out", help="Output directory.")] = Path("out"),
    publish: Annotated[
        bool, typer.Option("--publish", help="Record this report in reports/published.yaml.")
    ] = False,
    previous: Annotated[
        str | None, typer.Option("--previous", help="Compare with this git revision.")
    ] = None,
    received_by: Annotated[
        str | None,
        typer.Option(
            "--received-by", help="Use only submissions received up to this date (YYYY-MM-DD)."
        ),
    ] = None,
    reproduce: Annotated[
        bool,
        typer.Option(
            "--reproduce",
            help="Rebuild the report published for --as-of exactly, from its record.",
        ),
    ] = False,
) -> None:
    """Write the progress report (HTML, Word and/or PDF; PDF needs LibreOffice)."""
    from kpitrack.cli.problems import print_problems
    from kpitrack.cli.progress_bar import progress_bar
    from kpitrack.core.dates import parse_as_of
    from kpitrack.report.build import write_reports

    formats = [f.strip() for f in format.split(",") if f.strip()]
    unknown = sorted(set(formats) - {"html", "docx", "pdf"})
    if unknown or not formats:
        raise UsageError(
            f"--format takes html, docx, pdf or a list such as html,docx; got {format!r}"
        )
    with progress_bar(len(formats), "report") as advance:
        paths = write_reports(
            directory,
            as_of=_as_of(as_of),
            lang=lang,
            formats=formats,
            out=out,
            publish=publish,
            previous=previous,
            received_by=parse_as_of(received_by, "--received-by") if received_by else None,
            reproduce=reproduce,
            on_written=advance,
            on_warning=lambda problem: print_problems([], [problem]),
        )
    for path in paths:
        print(_shown(path))


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="File format.")],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    directory: WorkspaceArg = Path("."),
    what: Annotated[
        ExportWhat, typer.Option("--what", help="Figures or statuses.")
    ] = ExportWhat.observations,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date YYYY-MM-DD.")] = None,
) -> None:
    """Open data out: figures (SDMX-CSV, CSV, XLSX) or statuses (CSV, XLSX)."""
    from kpitrack.export.build import write_export

    paths = write_export(
        directory, format=format.value, what=what.value, as_of=_as_of(as_of), out=out
    )
    for path in paths:
        print(_shown(path))


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="Git revision or directory.")],
    new: Annotated[str, typer.Argument(help="Git revision or directory.")],
    format: Annotated[TextOrJson, typer.Option("--format")] = TextOrJson.text,
) -> None:
    """Definition changes between two git revisions or two directories (exit 1 when changed).

    An existing directory is read as a workspace ("." is the working tree); anything else is a
    git revision of the workspace in the current directory: kpitrack diff HEAD~1 HEAD,
    kpitrack diff v2019.1 . Exit 0 no change, 1 changes, 2 error.
    """
    from kpitrack.cli.diff_view import render_diff
    from kpitrack.versioning.diff import diff_sources

    diff = diff_sources(old, new)
    rendered = render_diff(diff, format.value)
    print(rendered if format is TextOrJson.json else _shown(rendered))
    raise typer.Exit(1 if diff.changes else 0)


@app.command()
def verify(directory: WorkspaceArg = Path(".")) -> None:
    """Check the measurement store against its ledger."""
    from kpitrack.cli.problems import print_problems, store_summary
    from kpitrack.measurements.store import verify_store

    check = verify_store(directory)
    print_problems(check.errors, check.warnings)
    if not check.errors:
        print(store_summary(check))
    raise typer.Exit(1 if check.errors else 0)


@app.command()
def serve(
    directory: Annotated[
        Path | None, typer.Argument(help="Workspace directory (default: the current one).")
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="Serve a copy of the example with demo accounts.")
    ] = False,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="Mark cookies Secure (TLS in front).")
    ] = False,
    trusted_proxy: Annotated[
        str, typer.Option("--trusted-proxy", help="Proxy addresses whose X-Forwarded-* count.")
    ] = "127.0.0.1",
    max_upload_mib: Annotated[
        int, typer.Option("--max-upload-mib", help="Largest upload accepted, in MiB.")
    ] = 25,
) -> None:
    """The partner portal: partners upload and fix their files, the office follows (design §9)."""
    from importlib import import_module

    # The CLI and the portal share a floor and never import each other: start it by name.
    import_module("kpitrack.portal.serve").serve(
        directory,
        host=host,
        port=port,
        demo=demo,
        secure_cookies=secure_cookies,
        trusted_proxy=trusted_proxy,
        max_upload_mib=max_upload_mib,
    )


# What a clerk asks: what is still expected, and what happened (cli/records.py).
app.command()(due)
app.command()(log)


def _as_of(text: str | None) -> date:
    from kpitrack.core.dates import parse_as_of

    return parse_as_of(text)


def _shown(path: Path | str) -> str:
    """A path (or a line naming one) as printed: control characters and bidi overrides shown."""
    from kpitrack.cli.problems import safe_text

    return safe_text(str(path))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the CLI: run ``app`` inside the one error boundary (cli/boundary.py)."""
    from kpitrack.cli.boundary import run

    run(app, sys.argv[1:] if argv is None else argv)
