"""``kpitrack export``: load → compute → table → files (design §7, docs/export.md).

- ``--what observations`` (default): ``sdmx-csv`` writes the current value per key as
  SDMX-CSV 2.0, with the SDMX-ML structure file (``<name>.structure.xml``) and
  ``datapackage.json`` beside it; ``csv`` and ``xlsx`` write every stored row, revisions
  included, in submission order (``csv`` with ``datapackage.json``).
- ``--what status``: the status of every indicator, action and milestone, as ``csv`` (with
  ``datapackage.json``) or ``xlsx``.

Small counts are withheld in every format by the one rule of :mod:`kpitrack.progress.disclosure`.
The files of one export are written together, whole or not at all (temporary names, then
renames; see :mod:`kpitrack.core.files`); the same store and as-of date give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack.core.errors import ExportError, UsageError
from kpitrack.core.files import unusable_output, write_files
from kpitrack.core.layout import refuse_output_inside

if TYPE_CHECKING:
    from kpitrack.export.table import Table
    from kpitrack.workspace import Workspace

FORMATS = ("sdmx-csv", "csv", "xlsx")
WHATS = ("observations", "status")
_SUFFIX = {"sdmx-csv": ".csv", "csv": ".csv", "xlsx": ".xlsx"}


@dataclass(frozen=True, slots=True)
class ExportFile:
    """One file of an export, not yet written."""

    path: Path
    content: bytes


def write_export(
    directory: str | Path,
    *,
    format: str,
    out: str | Path,
    what: str = "observations",
    as_of: date,
) -> list[Path]:
    """Write the export of the workspace at ``directory`` to ``out`` (and the files beside it).

    Returns the paths written, the data file first. Raises :class:`UsageError` for a format,
    subject or file name that do not go together, :class:`ExportError` when there is nothing to
    export or a file cannot be written, and ``ValidationFailed`` for an invalid workspace.
    """
    from kpitrack.workspace import load_workspace

    out = Path(out)
    check_request(format, what, out)
    refuse_output_inside(Path(directory), out, "--out")
    workspace = load_workspace(directory)
    files = export_files(workspace, format=format, what=what, as_of=as_of, out=out)
    return write_files([(file.path, file.content) for file in files])


def check_request(format: str, what: str, out: Path) -> None:
    """Refuse, before any work, a request that cannot be right."""
    if format not in FORMATS:
        raise UsageError(f"--format takes {', '.join(FORMATS)}; got {format!r}")
    if what not in WHATS:
        raise UsageError(f"--what takes {' or '.join(WHATS)}; got {what!r}")
    if what == "status" and format == "sdmx-csv":
        raise UsageError("sdmx-csv carries observations; export the status as csv or xlsx")
    if out.suffix.lower() != _SUFFIX[format]:
        raise UsageError(
            f"--out {out} does not end in {_SUFFIX[format]}, the file type of --format {format}"
        )
    if out.is_dir():
        example = out / f"data{_SUFFIX[format]}"
        raise UsageError(f"--out {out} is a directory; give a file name, e.g. {example}")
    reason = unusable_output(out)
    if reason is not None:
        raise UsageError(f"--out {out} {reason}; give the name of a regular file")


def export_files(
    workspace: Workspace, *, format: str, what: str, as_of: date, out: Path
) -> list[ExportFile]:
    """The files of an export as bytes (nothing is written): data file first."""
    from kpitrack.export import datapackage

    when = datetime(as_of.year, as_of.month, as_of.day)
    if what == "status":
        table = _status_table(workspace, as_of)
    elif format == "sdmx-csv":
        return _sdmx_files(workspace, as_of, out)
    else:
        table = _history_table(workspace, as_of)
    if format == "xlsx":
        from kpitrack.export.writers import table_xlsx

        return [ExportFile(out, table_xlsx(table, when))]
    from kpitrack.export.writers import table_csv

    resource = datapackage.resource(table, out.name)
    return [
        ExportFile(out, table_csv(table)),
        _descriptor(workspace, out, resource, as_of),
    ]


def _sdmx_files(workspace: Workspace, as_of: date, out: Path) -> list[ExportFile]:
    from kpitrack.export import datapackage
    from kpitrack.export.observations import current
    from kpitrack.export.sdmx_csv import SDMX_CSV_MEDIA_TYPE, sdmx_table
    from kpitrack.export.sdmx_ml import structure_xml
    from kpitrack.export.sdmx_structure import build_structure
    from kpitrack.export.writers import table_csv

    rows = current(workspace, as_of)
    _require(rows, workspace, as_of)
    structure = build_structure(workspace)
    table = sdmx_table(structure, rows)
    resource = datapackage.resource(table, out.name, media_type=SDMX_CSV_MEDIA_TYPE)
    return [
        ExportFile(out, table_csv(table)),
        ExportFile(out.with_name(f"{out.stem}.structure.xml"), structure_xml(structure, as_of)),
        _descriptor(workspace, out, resource, as_of),
    ]


def _history_table(workspace: Workspace, as_of: date) -> Table:
    from kpitrack.export.observations import history
    from kpitrack.export.tables import observation_table

    rows = history(workspace, as_of)
    _require(rows, workspace, as_of)
    return observation_table(workspace, rows)


def _status_table(workspace: Workspace, as_of: date) -> Table:
    from kpitrack.export.tables import status_table
    from kpitrack.progress.engine import compute_progress

    return status_table(workspace, compute_progress(workspace, as_of))


def _require(rows: Sequence[object], workspace: Workspace, as_of: date) -> None:
    if rows:
        return
    if not workspace.observations():
        raise ExportError(
            f"nothing to export: no figures are stored in {workspace.root / 'measurements'} "
            "yet (kpitrack submit FILE --partner ID stores a partner's figures)"
        )
    raise ExportError(
        f"nothing to export: no stored figure is for a period that ends on or before "
        f"{as_of.isoformat()} (--as-of)"
    )


def _descriptor(
    workspace: Workspace, out: Path, resource: dict[str, object], as_of: date
) -> ExportFile:
    from kpitrack.export import datapackage

    resources = datapackage.merged(out.parent, resource)["resources"]
    descriptor = datapackage.package(workspace, resources, as_of.isoformat())
    return ExportFile(out.parent / datapackage.DESCRIPTOR, datapackage.descriptor_bytes(descriptor))
