"""``reports/published.yaml``: what each published report was built from.

A list, oldest first, one entry per ``kpitrack report --publish``::

    - as_of: "2020-06-30"
      langs: ["nl", "en"]
      version: "2020.1"               # definition version
      commit: "3f2a…"                 # git commit of the workspace, or null outside git
      snapshot: "5a16…"               # sha256 of the store's ledger lines then
      chain_head: "e786…"             # sha256 of the last ledger line then (the chain head)
      last_submission: 4              # number of the last ledger entry then, or null
      generated: "2020-07-01T09:00:00Z"
      files: ["proef_2020-06-30_nl.html", …]
      prepared: "2020-07-01"          # the preparation date the report shows
      received_by: "2020-06-30"       # only with --received-by: the date the figures stop
      compared_with: "9c1e…"          # only with --previous: the commit compared with
      indicators:                     # each indicator as the report showed it
        - {id: "zaken", status: "at_risk", period: "2019", value: 175, ratio: 0.78}
      actions:                        # each action and milestone's state
        - {id: "AL1.1", state: "in_progress"}

``prepared`` and the lists were added later: records without them are read as they are (a
later report then shows no "then → now" per indicator).

``kpitrack verify`` checks that the ledger still passes through every recorded chain head (and,
for records written before ``chain_head`` existed, every recorded snapshot). The file is only
ever appended to, by rewriting it whole to a temporary name and renaming it
over the old one under a lock. Every string is double-quoted, so the project's strict YAML
reader (which refuses ambiguous plain scalars) reads it back unchanged.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kpitrack.core.errors import OutputError
from kpitrack.core.files import plain_reason, write_file
from kpitrack.core.layout import PUBLISHED_FILE, WorkspaceLayout
from kpitrack.core.problems import Problem

_HEADER = (
    "# Reports published with `kpitrack report --publish`: what each was built from.\n"
    "# Written by kpitrack; appended to, never edited.\n"
)


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """One indicator as a published report showed it."""

    id: str
    status: str
    period: str | None
    value: float | None
    ratio: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "period": self.period,
            "value": _plain_number(self.value),
            "ratio": None if self.ratio is None else round(self.ratio, 4),
        }


@dataclass(frozen=True, slots=True)
class PublishedState:
    """One action or milestone's state in a published report."""

    id: str
    state: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state}


@dataclass(frozen=True, slots=True)
class PublishedReport:
    """One published report."""

    as_of: date
    langs: tuple[str, ...]
    version: str
    commit: str | None
    snapshot: str
    last_submission: int | None
    generated: str
    files: tuple[str, ...]
    chain_head: str | None = None  # None: recorded before the ledger was chained
    prepared: str | None = None  # ISO date shown as the preparation date; None: older record
    received_by: str | None = None  # ISO date of --received-by; None: the whole store
    compared_with: str | None = None  # commit given with --previous; None: the record before
    indicators: tuple[PublishedFigure, ...] | None = None  # None: not recorded (older record)
    actions: tuple[PublishedState, ...] | None = None  # None: not recorded (older record)

    def to_dict(self) -> dict[str, Any]:
        """The entry as written to the YAML file (plain data, field order fixed)."""
        optional: dict[str, Any] = {}
        for key in ("prepared", "received_by", "compared_with"):
            if getattr(self, key) is not None:
                optional[key] = getattr(self, key)
        if self.indicators is not None:
            optional["indicators"] = [figure.to_dict() for figure in self.indicators]
        if self.actions is not None:
            optional["actions"] = [state.to_dict() for state in self.actions]
        return {
            "as_of": self.as_of.isoformat(),
            "langs": list(self.langs),
            "version": self.version,
            "commit": self.commit,
            "snapshot": self.snapshot,
            **({"chain_head": self.chain_head} if self.chain_head is not None else {}),
            "last_submission": self.last_submission,
            "generated": self.generated,
            "files": list(self.files),
            **optional,
        }


def read_published(root: Path) -> tuple[list[PublishedReport], list[Problem]]:
    """Entries of ``reports/published.yaml`` (none when absent), with located problems."""
    from kpitrack.definitions.yamlsafe import format_path, read_yaml

    path = WorkspaceLayout(root).published
    if not os.path.lexists(path):
        return [], []
    doc, problems = read_yaml(path, display=PUBLISHED_FILE)  # refuses a link, FIFO or device
    if any(p.severity == "error" for p in problems):
        return [], problems
    data = doc.data if doc.data is not None else []
    if not isinstance(data, list):
        line, column = doc.position(())
        return [], [_problem(doc.file, line, column, "", "expected a list of published reports")]
    entries: list[PublishedReport] = []
    for index, item in enumerate(data):
        entry, message, key = _entry(item)
        if entry is not None:
            entries.append(entry)
            continue
        where: tuple[str | int, ...] = (index, key) if key else (index,)
        line, column = doc.position(where)
        problems.append(_problem(doc.file, line, column, format_path(where), message))
    return entries, problems


def record_published(root: Path, entry: PublishedReport) -> Path:
    """Append ``entry`` to ``reports/published.yaml`` atomically; return the file's path."""
    path = WorkspaceLayout(root).published
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path.parent / ".published.lock"):
        existing: list[dict[str, Any]] = []
        if os.path.lexists(path):
            entries, problems = read_published(root)
            errors = [p for p in problems if p.severity == "error"]
            if errors:
                from kpitrack.core.errors import ValidationFailed

                # Rewriting would drop the entries we could not read: refuse instead.
                raise ValidationFailed(errors)
            existing = [e.to_dict() for e in entries]
        _write_atomically(path, _HEADER + dump_entries([*existing, entry.to_dict()]))
    return path


def previous_published(entries: list[PublishedReport], as_of: date) -> PublishedReport | None:
    """The latest published report with an as-of date before ``as_of`` (last written wins)."""
    earlier = [e for e in entries if e.as_of < as_of]
    if not earlier:
        return None
    latest = max(e.as_of for e in earlier)
    return [e for e in earlier if e.as_of == latest][-1]


def dump_entries(entries: list[dict[str, Any]]) -> str:
    """YAML for the entries: block style, strings double-quoted, keys plain, no aliases."""
    return yaml.dump(entries, Dumper=_QuotingDumper, sort_keys=False, allow_unicode=True, width=100)


class _QuotingDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.MappingNode:
    pairs = [
        (yaml.ScalarNode("tag:yaml.org,2002:str", key), dumper.represent_data(value))
        for key, value in data.items()
    ]
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=False)


_QuotingDumper.add_representer(str, _represent_str)
_QuotingDumper.add_representer(dict, _represent_dict)


def _entry(item: Any) -> tuple[PublishedReport | None, str, str | None]:
    if not isinstance(item, dict):
        return None, "expected a mapping (as_of, langs, version, ...)", None
    unknown = sorted(set(item) - set(_FIELDS) - set(_OPTIONAL))
    if unknown:
        valid = ", ".join([*_FIELDS, *_OPTIONAL])
        return None, f"unknown key {unknown[0]!r}; valid: {valid}", unknown[0]
    for key, check in _FIELDS.items():
        if key not in item:
            return None, f"missing key {key!r}", None
        if not check(item[key]):
            return None, f"invalid value {item[key]!r}", key
    for key, check in _OPTIONAL.items():
        if key in item and not check(item[key]):
            return None, f"invalid value {item[key]!r}", key
    try:
        raw = item["as_of"]
        as_of = raw if isinstance(raw, date) else date.fromisoformat(raw)
    except ValueError:
        return None, "as_of must be a date YYYY-MM-DD", "as_of"
    entry = PublishedReport(
        as_of=as_of,
        langs=tuple(item["langs"]),
        version=item["version"],
        commit=item["commit"],
        snapshot=item["snapshot"],
        last_submission=item["last_submission"],
        generated=item["generated"],
        files=tuple(item["files"]),
        chain_head=item.get("chain_head"),
        prepared=item.get("prepared"),
        received_by=item.get("received_by"),
        compared_with=item.get("compared_with"),
        indicators=_figures(item["indicators"]) if "indicators" in item else None,
        actions=tuple(PublishedState(a["id"], a["state"]) for a in item["actions"])
        if "actions" in item
        else None,
    )
    return entry, "", None


def _figures(items: list[dict[str, Any]]) -> tuple[PublishedFigure, ...]:
    return tuple(
        PublishedFigure(
            id=item["id"],
            status=item["status"],
            period=item.get("period"),
            value=None if item.get("value") is None else float(item["value"]),
            ratio=None if item.get("ratio") is None else float(item["ratio"]),
        )
        for item in items
    )


def _plain_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_figure(item: Any) -> bool:
    if not isinstance(item, dict) or not {"id", "status"} <= set(item) <= _FIGURE_KEYS:
        return False
    return (
        isinstance(item["id"], str)
        and isinstance(item["status"], str)
        and (item.get("period") is None or isinstance(item["period"], str))
        and all(item.get(key) is None or _is_number(item[key]) for key in ("value", "ratio"))
    )


def _is_state(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and set(item) == {"id", "state"}
        and all(isinstance(item[key], str) for key in ("id", "state"))
    )


_FIGURE_KEYS = {"id", "status", "period", "value", "ratio"}


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


_FIELDS: dict[str, Any] = {
    "as_of": lambda v: isinstance(v, str | date),
    "langs": _is_str_list,
    "version": _is_str,
    "commit": lambda v: v is None or isinstance(v, str),
    "snapshot": _is_str,
    "last_submission": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)),
    "generated": _is_str,
    "files": _is_str_list,
}
_OPTIONAL: dict[str, Any] = {
    "chain_head": lambda v: isinstance(v, str) and len(v) == 64,
    "prepared": _is_str,
    "received_by": _is_str,
    "compared_with": _is_str,
    "indicators": lambda v: isinstance(v, list) and all(_is_figure(i) for i in v),
    "actions": lambda v: isinstance(v, list) and all(_is_state(i) for i in v),
}


def _problem(file: str, line: int, column: int, path: str, message: str) -> Problem:
    return Problem(
        "published-entry", message, file=file, line=line, column=column, path=path or None
    )


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; publishing is rare and manual there
        yield
        return
    # Never through a link, never blocking on a FIFO planted at the lock's name.
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(lock_path, flags, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot lock {lock_path}: {plain_reason(exc)}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputError(f"cannot lock {lock_path}: it is not a regular file")
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _write_atomically(path: Path, text: str) -> None:
    write_file(path, text.encode("utf-8"))
