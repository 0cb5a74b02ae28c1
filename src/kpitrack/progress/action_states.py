"""Actions and milestones at an as-of date, and the roll-up per action line (design §5).

The state comes from the latest update dated on or before the as-of date (by date, then by
submission order) and the due date: without an update an item is ``planned``, or
``not_reported`` once its due date has passed — a gap in reporting, not a verdict on delivery;
``in_progress`` or ``planned`` past due is ``overdue``; ``done`` and ``dropped`` stay. An action
counts its milestones that are ``overdue`` or ``not_reported`` (``late_milestones``), so it can
say so before its own due date. ``overdue`` and ``not_reported`` are derived here, never
submitted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from kpitrack.definitions.models import Programme
from kpitrack.measurements.model import ACTION_STATES, ActionState, ActionUpdate
from kpitrack.progress.model import INDICATOR_STATES, ActionLineProgress, ActionProgress

LATE_STATES = frozenset({"overdue", "not_reported"})
"""States of an item past its due date that is not done or dropped."""


def action_progress(
    programme: Programme, updates: Iterable[ActionUpdate], as_of: date
) -> tuple[ActionProgress, ...]:
    """Every action followed by its milestones, in programme order, with its state at ``as_of``."""
    latest = _latest_updates(updates, as_of)
    result: list[ActionProgress] = []
    for line in programme.action_lines:
        for action in line.actions:
            milestones = [
                _progress(
                    milestone.id,
                    line.id,
                    "milestone",
                    action.id,
                    milestone.owner or action.owner,
                    milestone.due,
                    latest,
                    as_of,
                )
                for milestone in action.milestones
            ]
            late = sum(1 for m in milestones if m.state in LATE_STATES)
            own = _progress(
                action.id, line.id, "action", None, action.owner, action.due, latest, as_of
            )
            result.append(replace(own, late_milestones=late))
            result.extend(milestones)
    return tuple(result)


def state_at(due: date, update_state: ActionState | None, as_of: date) -> ActionState:
    """The state of one action or milestone from its latest update (or none) and its due date."""
    if update_state in ("done", "dropped"):
        return update_state
    if due < as_of:
        return "not_reported" if update_state is None else "overdue"
    if update_state is None or update_state == "overdue":
        return "planned"
    return update_state


def roll_up(
    programme: Programme,
    indicator_states: Sequence[tuple[str, str]],
    actions: Sequence[ActionProgress],
) -> tuple[ActionLineProgress, ...]:
    """Counts per action line: every indicator status and every action state, zeros included.

    ``actions`` counts actions; milestones are counted apart under ``milestones``.
    """
    result: list[ActionLineProgress] = []
    for line in programme.action_lines:
        counts: dict[str, int] = dict.fromkeys(INDICATOR_STATES, 0)
        for action_line, status in indicator_states:
            if action_line == line.id:
                counts[status] += 1
        action_counts: dict[str, int] = dict.fromkeys(ACTION_STATES, 0)
        milestone_counts: dict[str, int] = dict.fromkeys(ACTION_STATES, 0)
        for item in actions:
            if item.action_line == line.id:
                bucket = action_counts if item.kind == "action" else milestone_counts
                bucket[item.state] += 1
        result.append(
            ActionLineProgress(
                id=line.id,
                counts=dict(counts),
                actions=dict(action_counts),
                milestones=dict(milestone_counts),
            )
        )
    return tuple(result)


def _latest_updates(
    updates: Iterable[ActionUpdate], as_of: date
) -> dict[str, tuple[date, ActionUpdate]]:
    latest: dict[str, tuple[date, ActionUpdate]] = {}
    # sorted() is stable: rows of one submission keep their order.
    for update in sorted(updates, key=lambda u: u.provenance.submission):
        try:
            when = date.fromisoformat(update.date)
        except ValueError:
            continue  # the store validates dates; a broken one cannot decide a state
        if when > as_of:
            continue
        current = latest.get(update.action)
        # Later submissions win among updates of the same date.
        if current is None or when >= current[0]:
            latest[update.action] = (when, update)
    return latest


def _progress(
    item_id: str,
    action_line: str,
    kind: str,
    parent: str | None,
    owner: str,
    due: date,
    latest: dict[str, tuple[date, ActionUpdate]],
    as_of: date,
) -> ActionProgress:
    found = latest.get(item_id)
    update = found[1] if found else None
    return ActionProgress(
        id=item_id,
        action_line=action_line,
        kind="milestone" if kind == "milestone" else "action",
        parent=parent,
        owner=owner,
        due=due,
        state=state_at(due, update.status if update else None, as_of),
        update_date=found[0].isoformat() if found else None,
        update_note=update.note if update else None,
    )
