"""Changes since the previous report: revised and new figures, target and definition changes.

The *previous report* is the latest entry of ``reports/published.yaml`` with an earlier as-of
date, or, with ``kpitrack report --previous REV``, the report published from git revision REV
(when one was: then both list exactly the same), else the state of the workspace in REV (its
definitions and its store ledger, dated by the commit). What changed since then:

- figures: a total received after the previous report's last submission that replaced a value
  the previous report had (``revised``: old → new, partner, date received), that withdrew one
  (``withdrawn``: obs_status ``M``, the old value and the partner's note as the reason), or that
  is new (``new_figures``: a count per indicator);
- targets: entries added to a target history (``target_revised`` when they supersede an entry
  for the same period), found both by comparing definitions and by their ``set`` date falling
  after the previous as-of date (so it also works outside git);
- breakdown cells: revised cells (old → new), the small-cell rule applied as in every
  publication (a cell withheld once is withheld in all its versions);
- actions and milestones whose state changed (as the previous report recorded them, or as
  they were then);
- definitions (when the previous definitions are known: a git commit): indicators and actions
  added or removed, due dates moved, other fields changed (see :mod:`kpitrack.versioning.diff`).

Everything here is language-neutral data; :mod:`kpitrack.report.change_rows` words it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kpitrack.core.periods import parse_period
from kpitrack.versioning.diff import Change, diff_definitions
from kpitrack.versioning.previous import PreviousState, find_previous, previous_state

if TYPE_CHECKING:
    from kpitrack.measurements.model import Observation
    from kpitrack.workspace import Workspace

__all__ = [
    "KINDS",
    "PreviousState",
    "ReportChange",
    "changes_since",
    "find_previous",
    "previous_state",
]

# Kinds of change, in the order the report lists them.
KINDS = (
    "indicator_added",
    "indicator_removed",
    "target_revised",
    "target_added",
    "target_changed",
    "target_removed",
    "action_added",
    "action_removed",
    "due_changed",
    "definition_changed",
    "action_state_changed",
    "revised",
    "withdrawn",
    "revised_cell",
    "new_figures",
)


@dataclass(frozen=True, slots=True)
class ReportChange:
    """One change since the previous report, before wording."""

    kind: str
    """One of :data:`KINDS`."""
    subject_id: str
    """Indicator, action or milestone id (the programme id for programme fields)."""
    subject: Any = None
    """Name or title ({lang: text}) of the subject; None when it has none."""
    period: str | None = None
    """Period of a figure or target."""
    before: Any = None
    """Old value: a number, a date string, a text map, a count; None when new."""
    after: Any = None
    """New value; None when removed."""
    when: date | None = None
    """Date received (figures) or set (targets); None when unknown."""
    who: str | None = None
    """Partner id for figures; None for definition changes (the programme's owner)."""
    reason: dict[str, str] | None = None
    """Reason of a target revision."""
    field: str | None = None
    """Changed field of a definition change."""
    entity: str | None = None
    """Entity of a definition change (indicator, action, milestone, programme...)."""
    breakdown: tuple[tuple[str, str], ...] = ()
    """Dimension codes of a revised breakdown cell."""
    withheld: str | None = None
    """``small`` or ``complement`` when the small-cell rule withholds the cell's values."""
    note: str | None = None
    """The partner's note with a withdrawn figure (in the language the partner wrote it)."""


def changes_since(workspace: Workspace, as_of: date, previous: PreviousState) -> list[ReportChange]:
    """Every change between ``previous`` and the report at ``as_of``, in report order."""
    changes: list[ReportChange] = []
    if previous.programme is not None:
        changes += _definition_changes(workspace, as_of, previous)
    changes += _targets_set_since(workspace, as_of, previous, changes)
    changes += _figure_changes(workspace, as_of, previous.last_submission)
    changes += _cell_changes(workspace, as_of, previous.last_submission)
    changes += _state_changes(workspace, as_of, previous)
    return sorted(changes, key=_order)


def _definition_changes(
    workspace: Workspace, as_of: date, previous: PreviousState
) -> list[ReportChange]:
    assert previous.programme is not None
    diff = diff_definitions(
        previous.programme, previous.indicators, workspace.programme, workspace.indicators
    )
    changes: list[ReportChange] = []
    for change in diff:
        converted = _from_diff(change, as_of)
        if converted is not None:
            changes.append(converted)
    return changes


def _from_diff(change: Change, as_of: date) -> ReportChange | None:
    entity = change.entity
    whole = change.after if change.kind == "added" else change.before
    if entity == "target":
        entry = change.after if change.after is not None else change.before
        set_on = date.fromisoformat(entry["set"])
        if change.kind in ("added", "revised") and set_on > as_of:
            return None  # not yet in force at this report's date
        return ReportChange(
            kind=f"target_{change.kind}",
            subject_id=change.id,
            period=change.field,
            before=change.before["value"] if change.before else None,
            after=change.after["value"] if change.after else None,
            when=set_on,
            reason=(change.after or {}).get("reason"),
            entity="target",
        )
    if entity in ("indicator", "action", "milestone") and change.kind in ("added", "removed"):
        kind = "indicator" if entity == "indicator" else "action"
        title = whole.get("name") or whole.get("title")
        return ReportChange(f"{kind}_{change.kind}", change.id, title, entity=entity)
    if entity in ("action", "milestone") and change.field == "due":
        return ReportChange(
            "due_changed", change.id, None, before=change.before, after=change.after, entity=entity
        )
    if change.kind == "changed":
        return ReportChange(
            "definition_changed",
            change.id,
            None,
            before=change.before,
            after=change.after,
            field=change.field,
            entity=entity,
        )
    # A partner, codelist, code or action line added or removed: before or after is None.
    return ReportChange(
        "definition_changed",
        change.id,
        None,
        before=change.before,
        after=change.after,
        entity=entity,
    )


def _targets_set_since(
    workspace: Workspace, as_of: date, previous: PreviousState, known: list[ReportChange]
) -> list[ReportChange]:
    """Target entries whose ``set`` date lies after the previous report (and by as-of)."""
    since = previous.since
    if since is None:
        return []
    seen = {(c.subject_id, c.period, c.when) for c in known if c.entity == "target"}
    changes: list[ReportChange] = []
    for indicator in workspace.indicators.values():
        for target in indicator.targets:
            if not since < target.set <= as_of:
                continue
            if (indicator.id, target.period, target.set) in seen:
                continue
            earlier = [
                t for t in indicator.targets if t.period == target.period and t.set < target.set
            ]
            before = max(earlier, key=lambda t: t.set).value if earlier else None
            changes.append(
                ReportChange(
                    kind="target_revised" if earlier else "target_added",
                    subject_id=indicator.id,
                    period=target.period,
                    before=before,
                    after=target.value,
                    when=target.set,
                    reason=dict(target.reason) if target.reason else None,
                    entity="target",
                )
            )
    return changes


def _figure_changes(workspace: Workspace, as_of: date, last_seen: int) -> list[ReportChange]:
    """Revised totals (old → new) and counts of new totals received after ``last_seen``."""
    at_previous: dict[tuple[str, str], Observation] = {}
    latest: dict[tuple[str, str], Observation] = {}
    for obs in workspace.observations():
        if obs.breakdown or parse_period(obs.period).end > as_of:
            continue  # breakdown cells may be small counts; later periods are not in the report
        key = (obs.indicator, obs.period)
        if obs.provenance.submission <= last_seen:
            at_previous[key] = obs
        latest[key] = obs
    changes: list[ReportChange] = []
    new: dict[str, list[Observation]] = {}
    for key, obs in latest.items():
        if obs.provenance.submission <= last_seen:
            continue
        old = at_previous.get(key)
        if obs.obs_status == "M" and (old is None or old.obs_status != "M"):
            changes.append(_withdrawal(obs, old))
        elif old is None:
            new.setdefault(obs.indicator, []).append(obs)
        elif (old.value, old.obs_status) != (obs.value, obs.obs_status):
            changes.append(_figure_change("revised", obs, old.value))
    for indicator, observations in new.items():
        periods = sorted((o.period for o in observations), key=lambda p: parse_period(p))
        newest = max(observations, key=lambda o: o.provenance.received)
        changes.append(
            ReportChange(
                kind="new_figures",
                subject_id=indicator,
                period=", ".join(periods),
                after=len(observations),
                when=date.fromisoformat(newest.provenance.received[:10]),
                who=newest.provenance.partner,
            )
        )
    return changes


def _withdrawal(obs: Observation, old: Observation | None) -> ReportChange:
    """A figure withdrawn (obs_status ``M``): the value it took away, and the partner's note."""
    return _figure_change(
        "withdrawn", obs, None if old is None else old.value, note=obs.note or None
    )


def _figure_change(
    kind: str, obs: Observation, before: float | None, **details: Any
) -> ReportChange:
    """A change of one figure: its old value, the new one (None when withdrawn), who and when."""
    return ReportChange(
        kind=kind,
        subject_id=obs.indicator,
        period=obs.period,
        before=before,
        after=obs.value,
        when=date.fromisoformat(obs.provenance.received[:10]),
        who=obs.provenance.partner,
        **details,
    )


def _cell_changes(workspace: Workspace, as_of: date, last_seen: int) -> list[ReportChange]:
    """Revised breakdown cells (old → new) received after ``last_seen``, with the small-cell
    rule: a cell withheld in any version is marked withheld, so no version gives it away."""
    from kpitrack.progress.disclosure import applies, withheld_in_history

    threshold = workspace.programme.disclosure.min_count
    counted = {i.id for i in workspace.indicators.values() if applies(i.measure, threshold)}
    cells = [
        obs
        for obs in workspace.observations()
        if obs.breakdown and parse_period(obs.period).end <= as_of
    ]
    withheld = withheld_in_history((o for o in cells if o.indicator in counted), threshold)
    at_previous: dict[tuple[str, str, tuple[tuple[str, str], ...]], Observation] = {}
    latest: dict[tuple[str, str, tuple[tuple[str, str], ...]], Observation] = {}
    for obs in cells:
        if obs.provenance.submission <= last_seen:
            at_previous[obs.key] = obs
        latest[obs.key] = obs
    changes: list[ReportChange] = []
    for key, obs in latest.items():
        old = at_previous.get(key)
        if obs.provenance.submission <= last_seen or old is None:
            continue
        if (old.value, old.obs_status) == (obs.value, obs.obs_status):
            continue
        changes.append(
            _figure_change(
                "revised_cell",
                obs,
                old.value,
                breakdown=obs.breakdown,
                withheld=withheld.get(key),
            )
        )
    return changes


def _state_changes(
    workspace: Workspace, as_of: date, previous: PreviousState
) -> list[ReportChange]:
    """Actions and milestones whose state differs from the previous report's."""
    from kpitrack.progress.action_states import action_progress

    then = previous.states
    if then is None:
        # A bare revision is dated by its commit, but never later than this report.
        day = previous.as_of or (min(previous.since, as_of) if previous.since else None)
        if day is None:
            return []
        updates = [
            u
            for u in workspace.action_updates()
            if u.provenance.submission <= previous.last_submission
        ]
        then = {
            item.id: item.state
            for item in action_progress(previous.programme or workspace.programme, updates, day)
        }
    changes: list[ReportChange] = []
    for item in action_progress(workspace.programme, workspace.action_updates(), as_of):
        before = then.get(item.id)
        if before is None or before == item.state:
            continue  # a new action is listed among the definition changes
        changes.append(
            ReportChange(
                kind="action_state_changed",
                subject_id=item.id,
                before=before,
                after=item.state,
                when=date.fromisoformat(item.update_date) if item.update_date else None,
                who=item.owner,
                entity=item.kind,
            )
        )
    return changes


def _order(change: ReportChange) -> tuple[Any, ...]:
    from kpitrack.versioning.diff import natural_key

    return (
        KINDS.index(change.kind),
        natural_key(change.subject_id),
        parse_period(change.period.split(",")[0]).start if change.period else date.min,
        change.when or date.min,
    )
