"""A Frictionless Data Package (``datapackage.json``) describing exported CSV files.

Every column is described from the same :class:`~kpitrack.export.table.Column` the file was
written from: its type, meaning, whether it is required, its codes or pattern; the table's key
is the primary key; an empty field is a missing value. Exports written to the same directory
share one ``datapackage.json``: each adds or replaces its own resource.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kpitrack.core.files import FileRefused, read_regular_file
from kpitrack.export.table import Column, Table
from kpitrack.workspace import Workspace

DESCRIPTOR = "datapackage.json"
MAX_DESCRIPTOR_BYTES = 4 * 1024 * 1024
"""An existing descriptor above 4 MiB is not ours: it is replaced, not read."""


def resource(table: Table, path: str, *, media_type: str = "text/csv") -> dict[str, Any]:
    """The tabular data resource of one CSV file written from ``table``."""
    return {
        "name": resource_name(Path(path).stem),
        "title": table.title,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": media_type,
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True},
        "schema": {
            "fields": [_field(column) for column in table.columns],
            "missingValues": [""],
            "primaryKey": list(table.primary_key),
        },
    }


def package(workspace: Workspace, resources: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    """The package descriptor: the programme, then its resources sorted by name."""
    programme = workspace.programme
    title = programme.title.get(workspace.languages[0], next(iter(programme.title.values())))
    return {
        "profile": "tabular-data-package",
        "name": resource_name(programme.id),
        "title": title,
        "description": (
            f"Figures of the programme {programme.id} (definition version {programme.version}) "
            f"as of {as_of}, exported by kpitrack. Small counts are withheld by the "
            f"programme's small-cell rule (disclosure.min_count {programme.disclosure.min_count})."
        ),
        "resources": sorted(resources, key=lambda r: str(r.get("name", ""))),
    }


def merged(directory: Path, new: dict[str, Any]) -> dict[str, Any]:
    """Resources already described in ``directory`` (whose files are still there) plus ``new``."""
    existing: list[dict[str, Any]] = []
    try:
        raw = read_regular_file(directory / DESCRIPTOR, MAX_DESCRIPTOR_BYTES)
        descriptor = json.loads(raw.decode("utf-8"))
    except (FileRefused, ValueError):
        descriptor = None  # none, or not one of ours (a link, a FIFO, not JSON): start afresh
    if isinstance(descriptor, dict) and isinstance(descriptor.get("resources"), list):
        existing = [
            r
            for r in descriptor["resources"]
            if isinstance(r, dict)
            and r.get("name") != new["name"]
            and isinstance(r.get("path"), str)
            and (directory / r["path"]).is_file()
        ]
    return {"resources": [*existing, new]}


def descriptor_bytes(descriptor: dict[str, Any]) -> bytes:
    """The descriptor as JSON text (two-space indent, UTF-8, newline at the end)."""
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def resource_name(text: str) -> str:
    """A Data Package name: lower case letters, digits, ``-``, ``_`` and ``.``."""
    name = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-")
    return name or "data"


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.pattern:
        constraints["pattern"] = column.pattern
    if column.type == "datetime":
        field["format"] = "%Y-%m-%dT%H:%M:%SZ"
    if column.type == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    if constraints:
        field["constraints"] = constraints
    return field
