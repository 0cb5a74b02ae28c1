"""JSON Schemas of the definition files, for editor completion and checks (``kpitrack schema``).

Generated from the pydantic models (by alias, with their descriptions), then adjusted where the
YAML form differs from the model's: a codelist is written ``{nl: ..., en: ..., codes: {...}}``
and a period may be an unquoted year.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kpitrack.core.files import write_files
from kpitrack.core.periods import PERIOD_FORMS
from kpitrack.definitions.models import SCHEMA_VERSION, Indicator, Programme

_BASE = "https://kpitrack.example/schemas/"
_PERIOD_PATTERN = r"^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$"


def schema_documents() -> dict[str, dict[str, Any]]:
    """``{"programme.schema.json": ..., "indicator.schema.json": ...}``."""
    return {
        "programme.schema.json": _document(
            Programme.model_json_schema(by_alias=True, mode="validation"),
            "programme.schema.json",
            f"kpitrack programme definition ({SCHEMA_VERSION}): programme/programme.yaml",
        ),
        "indicator.schema.json": _document(
            Indicator.model_json_schema(by_alias=True, mode="validation"),
            "indicator.schema.json",
            f"kpitrack indicator definition ({SCHEMA_VERSION}): kpis/<id>.yaml",
        ),
    }


def write_schemas(out: Path) -> list[Path]:
    """Write the schemas into ``out`` (created if needed); returns the paths written."""
    files = [(out / name, render(doc).encode("utf-8")) for name, doc in schema_documents().items()]
    return write_files(files)


def render(document: dict[str, Any]) -> str:
    """The stable text form written to disk (sorted keys, two-space indent, final newline)."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _document(schema: dict[str, Any], name: str, title: str) -> dict[str, Any]:
    defs: dict[str, Any] = schema.get("$defs", {})
    if "Codelist" in defs:
        defs["Codelist"] = _codelist_schema(defs["Codelist"])
    _fix_periods(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _BASE + name,
        **{k: v for k, v in schema.items() if k != "title"},
        "title": title,
    }


def _codelist_schema(generated: dict[str, Any]) -> dict[str, Any]:
    # The model splits the YAML mapping into `label` and `codes`; editors see the YAML form.
    codes = generated["properties"]["codes"]
    return {
        "type": "object",
        "description": "A codelist: its name per language (nl: ..., en: ...) plus `codes` "
        "(code → label).",
        "properties": {"codes": codes},
        "required": ["codes"],
        "additionalProperties": {
            "type": "string",
            "description": "Name of the codelist in this language.",
        },
    }


def _fix_periods(node: Any) -> None:
    """A period is a string like 2019-H1, or an unquoted year (YAML reads it as a number)."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict) and isinstance(properties.get("period"), dict):
            period = properties["period"]
            if period.get("type") == "string":
                properties["period"] = {
                    "description": period.get("description", f"A period: {PERIOD_FORMS}."),
                    "examples": period.get("examples", ["2019"]),
                    "anyOf": [
                        {"type": "string", "pattern": _PERIOD_PATTERN},
                        {"type": "integer", "minimum": 1000, "maximum": 9999},
                    ],
                }
        for value in node.values():
            _fix_periods(value)
    elif isinstance(node, list):
        for value in node:
            _fix_periods(value)
