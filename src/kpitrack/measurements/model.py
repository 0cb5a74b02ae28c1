"""What the store holds: observations and action updates, each with its provenance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ObsStatus = Literal["A", "P", "E", "B", "M"]
OBS_STATUSES: tuple[ObsStatus, ...] = ("A", "P", "E", "B", "M")

ActionState = Literal["done", "in_progress", "overdue", "not_reported", "planned", "dropped"]
ACTION_STATES: tuple[ActionState, ...] = (
    "done",
    "in_progress",
    "overdue",
    "not_reported",
    "planned",
    "dropped",
)
# `overdue` (past due, the latest update says not done) and `not_reported` (past due, no update
# at all) are derived from the due date, never submitted.
SUBMITTABLE_ACTION_STATES: tuple[ActionState, ...] = ("done", "in_progress", "planned", "dropped")

Breakdown = tuple[tuple[str, str], ...]
"""Dimension codes of a row, sorted by dimension id; () is the total."""


@dataclass(frozen=True, slots=True)
class Provenance:
    submission: int
    partner: str
    received: str  # ISO 8601 UTC timestamp of the submission
    file: str  # file name as received
    row: int  # row in the received file (header = row 1)


@dataclass(frozen=True, slots=True)
class Observation:
    """One accepted figure. ``revised_from`` is the value it replaced for the same key.

    ``approved`` is the programme office's review of its submission: True approved; False not
    yet approved while the programme requires review (``reporting.review: required``); None
    not reviewed where review is not required. Figures of a returned submission are never
    observations: they stop counting (design §4).
    """

    indicator: str
    period: str
    breakdown: Breakdown
    value: float | None  # None only with obs_status "M"
    obs_status: ObsStatus
    lower: float | None
    upper: float | None
    note: str
    provenance: Provenance
    revised_from: float | None = None
    revision_of: int | None = None  # submission number of the replaced value
    approved: bool | None = None
    source: str = ""  # where the figure was published, as the partner gave it ("" if not)

    @property
    def key(self) -> tuple[str, str, Breakdown]:
        return (self.indicator, self.period, self.breakdown)

    @property
    def revised(self) -> bool:
        return self.revision_of is not None


@dataclass(frozen=True, slots=True)
class ActionUpdate:
    """A state reported by an action's (or milestone's) owner on a date."""

    action: str
    date: str  # YYYY-MM-DD
    status: ActionState
    note: str
    provenance: Provenance
