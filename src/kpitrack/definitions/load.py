"""Load a workspace's definitions: ``programme/programme.yaml`` and ``kpis/*.yaml`` (design §3).

Every file is read with the safe YAML reader, checked against the pydantic models and then, as a
whole, against the cross-reference rules. All problems are collected; nothing is raised.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kpitrack.core.files import not_a_plain_directory
from kpitrack.core.layout import DEFINITION_PATHS, KPIS_DIR, PROGRAMME_FILE, WorkspaceLayout
from kpitrack.core.problems import Problem
from kpitrack.definitions.messages import validation_problems
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.definitions.yamlsafe import YamlDocument, read_yaml


@dataclass
class Definitions:
    """The parsed definitions, their YAML documents (to locate later problems) and problems.

    ``programme`` is None when programme.yaml is unusable; ``indicators`` holds the valid
    indicators by id, sorted; ``problems`` every error and warning found.
    """

    programme: Programme | None = None
    programme_doc: YamlDocument | None = None
    indicators: dict[str, Indicator] = field(default_factory=dict)
    indicator_docs: dict[str, YamlDocument] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_definitions(root: Path) -> Definitions:
    """Read, validate and cross-check all definition files of the workspace at ``root``."""
    from kpitrack.definitions.crossref import check_references

    result = Definitions()
    if not root.is_dir():
        result.problems.append(
            Problem("missing-workspace", f"workspace directory {str(root)!r} does not exist")
        )
        return result
    layout = WorkspaceLayout(root)
    if _linked_directories(layout, result.problems):
        return result
    programme_path = layout.programme_file
    languages: list[str] | None = None
    if not os.path.lexists(programme_path):
        where = "programme/ directory" if not programme_path.parent.is_dir() else PROGRAMME_FILE
        result.problems.append(
            Problem(
                "missing-programme",
                f"no {where} in {str(root)!r}: a workspace needs programme/programme.yaml "
                "(kpitrack init DIR creates a working example)",
                file=layout.shown(PROGRAMME_FILE),
            )
        )
    else:
        doc, problems = read_yaml(programme_path, layout.shown(PROGRAMME_FILE))
        result.programme_doc = doc
        result.problems.extend(problems)
        languages = _languages(doc.data)
        if _is_mapping(doc, result.problems, "programme"):
            try:
                result.programme = Programme.model_validate(doc.data)
            except ValidationError as exc:
                found = validation_problems(exc, Programme, doc, languages)
                result.problems.extend(_not_yet_reported(found, problems))
    for path in _indicator_files(layout, result.problems):
        _load_indicator(layout, path, languages, result)
    result.indicators = dict(sorted(result.indicators.items()))
    if result.programme is not None and result.programme_doc is not None:
        result.problems.extend(
            check_references(
                result.programme, result.programme_doc, result.indicators, result.indicator_docs
            )
        )
    return result


def _linked_directories(layout: WorkspaceLayout, problems: list[Problem]) -> bool:
    """Refuse ``programme/`` or ``kpis/`` as a symlink (or as a file): True when refused.

    A linked directory would make the definitions come from anywhere on the machine.
    """
    refused = False
    for relative in DEFINITION_PATHS:
        reason = not_a_plain_directory(layout.root / relative)
        if reason is not None:
            where = layout.shown(relative)
            problems.append(Problem("definitions-symlink", f"{relative}/ {reason}", file=where))
            refused = True
    return refused


def _indicator_files(layout: WorkspaceLayout, problems: list[Problem]) -> list[Path]:
    directory = layout.kpis
    if not directory.is_dir():
        return []
    files: list[Path] = []
    for path in sorted(directory.iterdir()):
        if path.name.startswith("."):
            continue
        # Whatever stands at <id>.yaml is read as a definition; the reader refuses a symlink,
        # a FIFO, a device or a directory there, so none of them is silently skipped.
        if path.suffix == ".yaml":
            files.append(path)
        elif path.suffix in (".yml", ".YAML", ".YML", ".json"):
            problems.append(
                Problem(
                    "file-name",
                    f"indicator files are named <id>.yaml; rename {path.name} "
                    f"to {path.stem}.yaml (it is not read now)",
                    file=layout.shown(f"{KPIS_DIR}/{path.name}"),
                )
            )
    return files


def _load_indicator(
    layout: WorkspaceLayout, path: Path, languages: list[str] | None, result: Definitions
) -> None:
    doc, problems = read_yaml(path, layout.shown(f"{KPIS_DIR}/{path.name}"))
    result.problems.extend(problems)
    if not _is_mapping(doc, result.problems, "indicator"):
        return
    try:
        indicator = Indicator.model_validate(doc.data)
    except ValidationError as exc:
        found = validation_problems(exc, Indicator, doc, languages)
        result.problems.extend(_not_yet_reported(found, problems))
        return
    if indicator.id != path.stem:
        line, column = doc.position(("id",))
        result.problems.append(
            Problem(
                "id-file-name",
                f"the id {indicator.id!r} differs from the file name {path.name}; "
                f"rename the file to {indicator.id}.yaml or set id: {path.stem}",
                file=doc.file,
                line=line,
                column=column,
                path="id",
            )
        )
        return
    result.indicators[indicator.id] = indicator
    result.indicator_docs[indicator.id] = doc


def _is_mapping(doc: YamlDocument, problems: list[Problem], what: str) -> bool:
    """True when the document holds a mapping; an empty or other document is a problem."""
    if isinstance(doc.data, dict):
        return True
    if any(p.file == doc.file and p.severity == "error" for p in problems):
        return False  # already reported (syntax, encoding, size)
    found = "nothing" if doc.data is None else f"a {type(doc.data).__name__}"
    problems.append(
        Problem(
            "not-a-mapping",
            f"the file must hold one {what} as a mapping (key: value), found {found}",
            file=doc.file,
            line=1,
            column=1,
        )
    )
    return False


def _not_yet_reported(found: list[Problem], yaml_problems: list[Problem]) -> list[Problem]:
    """Drop a model error on a value the YAML reader already refused (one message is enough)."""
    seen = {(p.line, p.column) for p in yaml_problems}
    return [p for p in found if (p.line, p.column) not in seen]


def _languages(data: Any) -> list[str] | None:
    if isinstance(data, dict):
        languages = data.get("languages")
        if isinstance(languages, list) and all(isinstance(x, str) for x in languages):
            return list(languages)
    return None
