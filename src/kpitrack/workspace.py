"""A programme workspace: definitions plus the measurement store, loaded once."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from kpitrack.core.errors import ValidationFailed
from kpitrack.core.files import not_a_plain_directory
from kpitrack.core.layout import COMMENTARY_DIR, STORE_DIR, WorkspaceLayout
from kpitrack.core.problems import Problem, errors_of, warnings_of
from kpitrack.definitions.load import Definitions, read_definitions
from kpitrack.definitions.models import Action, ActionLine, Indicator, Milestone, Partner, Programme
from kpitrack.measurements.model import ActionUpdate, Observation
from kpitrack.measurements.store import StoreContents, read_store


@dataclass
class Workspace:
    """Everything the engine and the reports need, already parsed and cross-checked."""

    root: Path
    programme: Programme
    indicators: dict[str, Indicator]  # by id, sorted by id
    warnings: list[Problem] = field(default_factory=list)
    _observations: list[Observation] = field(default_factory=list)
    _action_updates: list[ActionUpdate] = field(default_factory=list)

    def observations(self) -> list[Observation]:
        """Accepted observations with provenance, in submission order."""
        return self._observations

    def action_updates(self) -> list[ActionUpdate]:
        """Accepted action and milestone updates, in submission order."""
        return self._action_updates

    @property
    def languages(self) -> list[str]:
        return list(self.programme.languages)

    def partner(self, partner_id: str) -> Partner:
        return next(p for p in self.programme.partners if p.id == partner_id)

    def action_line(self, action_line_id: str) -> ActionLine:
        return next(al for al in self.programme.action_lines if al.id == action_line_id)

    def actions(self) -> list[tuple[ActionLine, Action]]:
        return [(al, a) for al in self.programme.action_lines for a in al.actions]

    def milestones(self) -> list[tuple[ActionLine, Action, Milestone]]:
        return [(al, a, m) for al, a in self.actions() for m in a.milestones]

    def indicators_of(self, action_line_id: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.action_line == action_line_id]

    def up_to(self, last_seq: int) -> Workspace:
        """The workspace as its store was after the first ``last_seq`` ledger entries.

        The store is read again up to that entry: a review decision recorded later (an
        approval, or a return that takes a submission's figures out) must not reach back into
        a report cut earlier. The prefix's warnings are the whole store's (already reported).
        """
        stored = read_store(self.root, self.programme, self.indicators, up_to=last_seq)
        return replace(
            self,
            warnings=list(self.warnings),
            _observations=stored.observations,
            _action_updates=stored.updates,
        )


def load_workspace(
    path: str | Path, *, measurements: bool = True, definitions: Path | None = None
) -> Workspace:
    """Open a workspace: definitions and store read once; raise one :class:`ValidationFailed`.

    ``measurements=False`` reads the definitions only (what intake and templates need);
    ``definitions`` reads them from another directory (a commit's, exported) and the store
    from ``path``.
    """
    root = Path(path)
    definitions_found = read_definitions(definitions if definitions is not None else root)
    return _opened(root, definitions_found, measurements)


def _opened(root: Path, definitions: Definitions, measurements: bool) -> Workspace:
    errors, warnings = errors_of(definitions.problems), warnings_of(definitions.problems)
    if errors or definitions.programme is None:
        raise ValidationFailed(errors, warnings)
    workspace = Workspace(
        root=root,
        programme=definitions.programme,
        indicators=definitions.indicators,
        warnings=warnings,
    )
    if not measurements:
        return workspace
    return with_store(
        workspace, lambda: read_store(root, workspace.programme, workspace.indicators)
    )


def with_store(definitions: Workspace, read: Callable[[], StoreContents]) -> Workspace:
    """A workspace of these definitions holding the store as ``read()`` finds it.

    ``definitions`` is a workspace read with ``measurements=False``; it is not changed. A
    program that keeps its definitions loaded (the portal) passes a
    :class:`~kpitrack.measurements.store.StoreReader`'s ``read``, which reads only what is
    new. Raises :class:`ValidationFailed` as :func:`load_workspace` does.
    """
    root = definitions.root
    refused = _linked_store(root)
    if refused:
        raise ValidationFailed(refused, definitions.warnings)
    stored = read()
    warnings = [*definitions.warnings, *warnings_of(stored.problems)]
    store_errors = errors_of(stored.problems)
    if store_errors:
        raise ValidationFailed(store_errors, warnings)
    return Workspace(
        root=root,
        programme=definitions.programme,
        indicators=definitions.indicators,
        warnings=warnings,
        _observations=stored.observations,
        _action_updates=stored.updates,
    )


@dataclass(frozen=True)
class WorkspaceCheck:
    """What ``kpitrack validate`` found: every problem of the definitions and the store."""

    root: Path
    programme: Programme | None  # None: no usable programme.yaml
    indicators: int
    errors: list[Problem]
    warnings: list[Problem]
    definitions: Definitions | None = field(default=None, repr=False, compare=False)

    @property
    def valid(self) -> bool:
        return not self.errors


def check_workspace(root: Path) -> WorkspaceCheck:
    """Check the definitions, the stored measurements and the commentary file names of the
    workspace at ``root``."""
    definitions = read_definitions(root)
    problems = list(definitions.problems)
    refused = _linked_store(root) if root.is_dir() else []
    problems += refused
    if definitions.programme is not None and not refused and WorkspaceLayout(root).store.is_dir():
        stored = read_store(root, definitions.programme, definitions.indicators)
        problems += stored.problems
    if definitions.programme is not None:
        problems += commentary_problems(root, definitions.programme, definitions.indicators)
    return WorkspaceCheck(
        root=root,
        programme=definitions.programme,
        indicators=len(definitions.indicators),
        errors=errors_of(problems),
        warnings=warnings_of(problems),
        definitions=definitions,
    )


def _linked_store(root: Path) -> list[Problem]:
    """``measurements/`` as a symlink (or a file) is refused: the figures must be this store's."""
    reason = not_a_plain_directory(WorkspaceLayout(root).store)
    if reason is None:
        return []
    return [
        Problem(
            "store-symlink", f"{STORE_DIR}/ {reason}", file=WorkspaceLayout(root).shown(STORE_DIR)
        )
    ]


COMMENTARY_SUMMARY = "summary"
"""The commentary file of the summary: ``summary.<lang>.md``."""


@dataclass(frozen=True)
class CommentaryFiles:
    """The commentary files of one report date: by (name, language), and what is wrong."""

    files: dict[tuple[str, str], Path]
    """(``summary``, an action line id or an indicator id; language) → the file."""
    problems: list[Problem]


def commentary_files(
    directory: Path, programme: Programme, indicator_ids: Iterable[str]
) -> CommentaryFiles:
    """The commentary in ``commentary/<as-of>/``: ``<name>.<lang>.md`` per programme language,
    or a plain ``<name>.md`` for the first language (with a warning when there are more).

    A file whose name matches no summary, action line or indicator in a programme language is
    an error (it would silently be left out of the report); hidden files (``.gitkeep``) are
    not commentary. The files are not read here: the report refuses links and devices.
    """
    names = {COMMENTARY_SUMMARY, *(line.id for line in programme.action_lines), *indicator_ids}
    languages = list(programme.languages)
    files: dict[tuple[str, str], Path] = {}
    plain: dict[str, Path] = {}
    problems: list[Problem] = []
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError:
        return CommentaryFiles(files, problems)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        stem = entry.name[: -len(".md")] if entry.name.endswith(".md") else None
        if stem in names:
            plain[stem] = path
            continue
        name, _, lang = (stem or "").rpartition(".")
        if stem is not None and name in names and lang in languages:
            files[(name, lang)] = path
            continue
        problems.append(_unknown_commentary(path, languages))
    first = languages[0]
    for name, path in plain.items():
        if (name, first) in files:
            problems.append(
                Problem(
                    "commentary-twice",
                    f"{path.name} and {files[(name, first)].name} are both the {first} "
                    f"commentary of {name}; keep {files[(name, first)].name}",
                    file=str(path),
                )
            )
            continue
        files[(name, first)] = path
        if len(languages) > 1:
            others = ", ".join(f"{name}.{lang}.md" for lang in languages[1:])
            problems.append(
                Problem(
                    "commentary-plain",
                    f"{path.name} serves the first language ({first}) only; name it "
                    f"{name}.{first}.md, and write {others} for the other languages",
                    file=str(path),
                    severity="warning",
                )
            )
    return CommentaryFiles(files, problems)


def commentary_problems(
    root: Path, programme: Programme, indicators: Mapping[str, Indicator]
) -> list[Problem]:
    """What is wrong with the commentary of every report date (``kpitrack validate``)."""
    base = WorkspaceLayout(root).root / COMMENTARY_DIR
    if not base.is_dir() or base.is_symlink():
        return []  # the report refuses a linked commentary directory itself
    problems: list[Problem] = []
    for entry in sorted(os.scandir(base), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir(follow_symlinks=False) or not _is_date(entry.name):
            problems.append(
                Problem(
                    "commentary-unknown",
                    f"{COMMENTARY_DIR}/{entry.name} is not a report date: commentary lives in "
                    f"{COMMENTARY_DIR}/<as-of date YYYY-MM-DD>/",
                    file=str(Path(entry.path)),
                )
            )
            continue
        problems += commentary_files(Path(entry.path), programme, indicators).problems
    return problems


def _unknown_commentary(path: Path, languages: list[str]) -> Problem:
    forms = ", ".join(f"<name>.{lang}.md" for lang in languages)
    return Problem(
        "commentary-unknown",
        f"{path.name} matches no commentary: name it summary, an action line id or an "
        f"indicator id, as {forms} (or <name>.md for {languages[0]})",
        file=str(path),
    )


def _is_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
