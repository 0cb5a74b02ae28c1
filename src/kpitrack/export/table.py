"""A table to export: typed columns with their documentation, and rows of plain values.

The csv and xlsx writers lay a :class:`Table` out; ``datapackage.json`` describes its columns
from the same :class:`Column` objects, so the file and its description cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Cell = str | int | float | bool | None
FieldType = Literal["string", "number", "integer", "boolean", "date", "datetime"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, Table Schema type, meaning, and the values it may hold."""

    name: str
    type: FieldType
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells in the order of ``columns``; ``primary_key`` names the columns of a key."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    primary_key: tuple[str, ...] = ()
