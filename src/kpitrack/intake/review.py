"""The programme office's review of a submission: approve it, or return it with a reason.

Each decision is a chained ``review`` entry in the ledger (who: the pseudonymous person id;
when; the reason), appended under the store's lock like a submission. The latest decision on a
submission is the one in force: a returned submission's figures stop counting until the partner
submits again (or the office approves it after all); with ``reporting.review: required`` the
figures of a submission not yet approved count but are marked (design §4, §9).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from kpitrack.core.errors import ValidationFailed
from kpitrack.core.problems import Problem
from kpitrack.measurements.commit import append_review
from kpitrack.measurements.ledger import ReviewEntry, store_dir

Decision = Literal["approve", "return"]
DECISIONS: tuple[Decision, ...] = ("approve", "return")
MAX_REASON = 1000
"""Characters of a reason: a few sentences a partner reads, never a pasted document."""

# Control characters (but line feeds) and bidirectional overrides mean nothing in a reason and
# could make it read differently from what it is.
_HIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def review_submission(
    root: Path,
    submission: int,
    decision: str,
    person: str,
    reason: str | None = None,
    *,
    wait: float | None = None,
) -> ReviewEntry:
    """Record the office's ``decision`` on ``submission``; returns the ledger entry written.

    Raises :class:`ValidationFailed` for an unknown decision or submission, a return without a
    reason or a reason longer than :data:`MAX_REASON`, and a store that does not verify.
    """
    if decision not in DECISIONS:
        raise ValidationFailed(
            [Problem("review-decision", f"decision must be approve or return, not {decision!r}")]
        )
    text = clean_reason(reason)
    if decision == "return" and not text:
        raise ValidationFailed(
            [Problem("review-reason", "a returned submission needs a reason for the partner")]
        )
    if len(text) > MAX_REASON:
        raise ValidationFailed(
            [
                Problem(
                    "review-reason",
                    f"the reason has {len(text)} characters; at most {MAX_REASON}",
                )
            ]
        )
    return append_review(
        store_dir(Path(root)),
        submission=submission,
        decision=decision,
        person=person,
        reason=text or None,
        wait=wait,
    )


def clean_reason(reason: str | None) -> str:
    """The reason as stored: line endings unified, hidden characters removed, trimmed."""
    text = (reason or "").replace("\r\n", "\n").replace("\r", "\n")
    return _HIDDEN.sub("", text).strip()
