"""Definition changes between two versions of a workspace (``kpitrack diff``, design §7).

Compares programme metadata, partners, codelists and their codes, action lines, actions (due
dates, owners, titles), milestones, indicators field by field, and target histories. Values are
compared in their JSON form, so dates read ``2020-12-31`` and texts are ``{lang: text}`` maps.

JSON shape (stable)::

    {"old": {"source", "commit", "version"}, "new": {...}, "count": n,
     "changes": [{"kind", "entity", "id", "parent", "field", "before", "after"}]}

- ``kind``: ``added`` | ``removed`` | ``changed`` | ``revised`` (a new target entry that
  supersedes an earlier one for the same period: ``before`` is the superseded entry).
- ``entity``: ``programme`` | ``partner`` | ``codelist`` | ``code`` | ``action_line`` |
  ``action`` | ``milestone`` | ``indicator`` | ``target``.
- ``id``: the entity's id (programme id; code; for a target the indicator id).
- ``parent``: codelist of a code, action line of an action, action of a milestone, action line
  of an indicator; null otherwise.
- ``field``: the changed field (``due``, ``period.end``, ``unit``...) for ``changed``; the target
  period for targets; null for a whole entity added or removed.
- ``before`` / ``after``: JSON values; the whole entity for added/removed, a target entry
  ``{"period", "value", "set", "reason"}`` for targets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, get_args

from kpitrack.definitions.models import Indicator, Programme

ChangeKind = Literal["added", "removed", "changed", "revised"]
Entity = Literal[
    "programme",
    "partner",
    "codelist",
    "code",
    "action_line",
    "action",
    "milestone",
    "indicator",
    "target",
]
ENTITY_ORDER: tuple[Entity, ...] = get_args(Entity)  # the order changes are listed in

# Nested settings are compared leaf by leaf so the diff names e.g. `period.end`.
_FLATTENED = ("period", "reporting", "disclosure", "status")


@dataclass(frozen=True, slots=True)
class Change:
    """One definition change; see the module docstring for the meaning of each field."""

    kind: ChangeKind
    entity: Entity
    id: str
    field: str | None = None
    before: Any = None
    after: Any = None
    parent: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of one change."""
        return {
            "kind": self.kind,
            "entity": self.entity,
            "id": self.id,
            "parent": self.parent,
            "field": self.field,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True, slots=True)
class DefinitionDiff:
    """The changes between two sources and what was compared (source, commit, version)."""

    changes: list[Change]
    old: dict[str, Any] | None = None
    new: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the module docstring."""
        return {
            "old": self.old,
            "new": self.new,
            "count": len(self.changes),
            "changes": [c.to_dict() for c in self.changes],
        }


def diff_sources(old: str, new: str) -> DefinitionDiff:
    """Definition changes from ``old`` to ``new`` (directories or git revisions, see sources)."""
    from kpitrack.versioning.sources import load_source

    before = load_source(old)
    after = load_source(new)
    changes = diff_definitions(
        before.programme, before.indicators, after.programme, after.indicators
    )
    return DefinitionDiff(changes, _side(before), _side(after))


def diff_definitions(
    old_programme: Programme,
    old_indicators: dict[str, Indicator],
    new_programme: Programme,
    new_indicators: dict[str, Indicator],
) -> list[Change]:
    """Every change from the old definitions to the new, in a stable order."""
    old_p = old_programme.model_dump(mode="json", by_alias=True)
    new_p = new_programme.model_dump(mode="json", by_alias=True)
    changes: list[Change] = []
    changes += _programme_changes(old_p, new_p)
    changes += _keyed("partner", _by_id(old_p["partners"]), _by_id(new_p["partners"]), parent=None)
    changes += _keyed(
        "codelist", old_p["codelists"], new_p["codelists"], parent=None, skip=("codes",)
    )
    for codelist in sorted(set(old_p["codelists"]) | set(new_p["codelists"]), key=natural_key):
        old_codes = old_p["codelists"].get(codelist, {}).get("codes", {})
        new_codes = new_p["codelists"].get(codelist, {}).get("codes", {})
        changes += _values("code", old_codes, new_codes, parent=codelist)
    changes += _keyed("action_line", *_action_lines(old_p, new_p), parent=None, skip=("actions",))
    changes += _keyed("action", *_actions(old_p, new_p), parent="action_line", skip=("milestones",))
    changes += _keyed("milestone", *_milestones(old_p, new_p), parent="action")
    old_i = {k: v.model_dump(mode="json", by_alias=True) for k, v in old_indicators.items()}
    new_i = {k: v.model_dump(mode="json", by_alias=True) for k, v in new_indicators.items()}
    changes += _keyed("indicator", old_i, new_i, parent="action_line", skip=("targets",))
    for indicator in sorted(set(old_i) & set(new_i), key=natural_key):
        changes += target_changes(
            indicator, old_i[indicator]["targets"], new_i[indicator]["targets"]
        )
    return sorted(changes, key=_order)


def target_changes(
    indicator: str, old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> list[Change]:
    """Target entries added, revised (a later entry for a period), edited or removed."""
    old_by_key = {(t["period"], t["set"]): t for t in old}
    new_by_key = {(t["period"], t["set"]): t for t in new}
    changes: list[Change] = []
    for key, entry in new_by_key.items():
        if key in old_by_key:
            if old_by_key[key] != entry:
                changes.append(
                    Change("changed", "target", indicator, key[0], old_by_key[key], entry)
                )
            continue
        earlier = [t for t in old if t["period"] == key[0] and t["set"] < key[1]]
        if earlier:
            superseded = max(earlier, key=lambda t: t["set"])
            changes.append(Change("revised", "target", indicator, key[0], superseded, entry))
        else:
            changes.append(Change("added", "target", indicator, key[0], None, entry))
    for key, entry in old_by_key.items():
        if key not in new_by_key:
            changes.append(Change("removed", "target", indicator, key[0], entry, None))
    return changes


def natural_key(text: str) -> tuple[Any, ...]:
    """Sort ``AL1.2`` before ``AL1.10``."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def _programme_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    skip = {"partners", "codelists", "action_lines"}
    flat_old = _flatten({k: v for k, v in old.items() if k not in skip})
    flat_new = _flatten({k: v for k, v in new.items() if k not in skip})
    return [
        Change("changed", "programme", new["id"], field, flat_old.get(field), flat_new.get(field))
        for field in _fields(flat_old, flat_new)
        if flat_old.get(field) != flat_new.get(field)
    ]


def _keyed(
    entity: Entity,
    old: dict[str, dict[str, Any]],
    new: dict[str, dict[str, Any]],
    *,
    parent: str | None,
    skip: tuple[str, ...] = (),
) -> list[Change]:
    """Added, removed and field-by-field changed entities keyed by id."""
    changes: list[Change] = []
    for key in sorted(set(old) | set(new), key=natural_key):
        before, after = old.get(key), new.get(key)
        owner = (after or before or {}).get(parent) if parent else None
        if before is None:
            changes.append(Change("added", entity, key, None, None, _without(after, skip), owner))
        elif after is None:
            changes.append(
                Change("removed", entity, key, None, _without(before, skip), None, owner)
            )
        else:
            b, a = _without(before, skip), _without(after, skip)
            changes += [
                Change("changed", entity, key, f, b.get(f), a.get(f), owner)
                for f in _fields(b, a)
                if b.get(f) != a.get(f)
            ]
    return changes


def _values(
    entity: Entity, old: dict[str, Any], new: dict[str, Any], *, parent: str
) -> list[Change]:
    changes: list[Change] = []
    for key in sorted(set(old) | set(new), key=natural_key):
        if key not in old:
            changes.append(Change("added", entity, key, None, None, new[key], parent))
        elif key not in new:
            changes.append(Change("removed", entity, key, None, old[key], None, parent))
        elif old[key] != new[key]:
            changes.append(Change("changed", entity, key, "label", old[key], new[key], parent))
    return changes


def _action_lines(
    old: dict[str, Any], new: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    return _by_id(old["action_lines"]), _by_id(new["action_lines"])


def _actions(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    def collect(programme: dict[str, Any]) -> dict[str, Any]:
        return {
            a["id"]: {**a, "action_line": al["id"]}
            for al in programme["action_lines"]
            for a in al["actions"]
        }

    return collect(old), collect(new)


def _milestones(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    def collect(programme: dict[str, Any]) -> dict[str, Any]:
        return {
            m["id"]: {**m, "action": a["id"]}
            for al in programme["action_lines"]
            for a in al["actions"]
            for m in a["milestones"]
        }

    return collect(old), collect(new)


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def _without(entity: dict[str, Any] | None, skip: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in (entity or {}).items() if k not in skip}


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if key in _FLATTENED and isinstance(value, dict):
            flat.update({f"{key}.{sub}": v for sub, v in value.items()})
        else:
            flat[key] = value
    return flat


def _fields(old: dict[str, Any], new: dict[str, Any]) -> Iterator[str]:
    """Field names in model order, then any only the old one had."""
    yield from new
    yield from (f for f in old if f not in new)


def _order(change: Change) -> tuple[Any, ...]:
    # Targets sort with their indicator; fields keep model order (stable sort).
    entity = "indicator" if change.entity == "target" else change.entity
    parent = natural_key(change.parent or "") if change.entity == "code" else ()
    return (
        ENTITY_ORDER.index(entity),
        parent,
        natural_key(change.id),
        change.entity == "target",
        natural_key(change.field or "") if change.entity == "target" else (),
    )


def _side(source: Any) -> dict[str, Any]:
    return {"source": source.spec, "commit": source.commit, "version": source.programme.version}
