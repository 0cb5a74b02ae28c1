"""The text of ``kpitrack due`` and ``kpitrack log`` (their JSON comes from the library)."""

from __future__ import annotations

from kpitrack.cli.problems import safe_text
from kpitrack.i18n import format_number, local_text
from kpitrack.intake.history import HistoryEntry, ReviewDecision
from kpitrack.measurements.model import Breakdown
from kpitrack.progress.due import DueList
from kpitrack.progress.due_formats import due_rows
from kpitrack.workspace import Workspace

LANG = "en"


def print_due(due: DueList, workspace: Workspace) -> None:
    """Per partner with something outstanding: each item, late first; then who owes nothing."""
    print(f"{due.programme}: still expected as of {due.as_of} (late, or due by {due.until})")
    rows = list(due_rows(due, workspace, workspace.languages[0]))
    clear: list[str] = []
    for partner in due.partners:
        mine = [r for r in rows if r.partner == partner.partner]
        name = local_text(workspace.partner(partner.partner).name, workspace.languages[0])
        if not mine:
            clear.append(partner.partner)
            continue
        late = sum(1 for r in mine if r.state == "late")
        print(f"\n{safe_text(name)} ({partner.partner}): {len(mine)} outstanding, {late} late")
        for row in mine:
            item = f"{row.id} {row.period}".strip()
            print(
                f"  {row.state:<8}  {row.due}  {row.kind:<9}  {safe_text(item):<28}  "
                f"{safe_text(row.what)}"
            )
    if clear:
        print(f"\nnothing outstanding: {', '.join(clear)}")


def print_log(entries: list[HistoryEntry], names: dict[str, str]) -> None:
    """Submissions and reviews in ledger order, each submission with its changed figures."""
    if not entries:
        print("no submissions")
        return
    events: list[tuple[int, HistoryEntry | ReviewDecision, HistoryEntry]] = []
    for entry in entries:
        events.append((entry.seq, entry, entry))
        events.extend((review.seq, review, entry) for review in entry.reviews)
    for _, event, entry in sorted(events, key=lambda item: item[0]):
        if isinstance(event, ReviewDecision):
            _print_review(event, entry, names)
        else:
            _print_submission(event, names)


def _print_submission(entry: HistoryEntry, names: dict[str, str]) -> None:
    kind = "actions" if entry.kind == "actions" else "figures"
    rows = f"{entry.rows} row{'s' if entry.rows != 1 else ''}"
    who = _who(entry.person, names)
    if entry.on_behalf:
        who += " (programme office, on the partner's behalf)"
    print(
        f"{entry.seq:>5}  {_moment(entry.received)}  {entry.partner}  submission of {kind}  "
        f"{safe_text(entry.file)}  {rows}  by {who}"
    )
    for revision in entry.revisions:
        if revision.new_status == "M":
            continue  # told as a withdrawal below
        old = _value(revision.old, revision.old_status)
        new = _value(revision.new, revision.new_status)
        print(
            f"         revised   {revision.indicator} {revision.period}"
            f"{_breakdown(revision.breakdown)}: {old} → {new} "
            f"(was submission {revision.replaced_submission})"
        )
    for withdrawal in entry.withdrawals:
        before = (
            f"{_value(withdrawal.old, 'A')} (submission {withdrawal.replaced_submission}) → "
            if withdrawal.replaced_submission is not None
            else ""
        )
        print(
            f"         withdrew  {withdrawal.indicator} {withdrawal.period}"
            f"{_breakdown(withdrawal.breakdown)}: {before}no value; "
            f"note: {safe_text(withdrawal.note)}"
        )


def _print_review(review: ReviewDecision, entry: HistoryEntry, names: dict[str, str]) -> None:
    what = "returned" if review.returned else "approved"
    reason = f": {safe_text(review.reason)}" if review.reason else ""
    print(
        f"{review.seq:>5}  {_moment(review.recorded)}  {entry.partner}  review: submission "
        f"{review.submission} {what} by {_who(review.person, names)}{reason}"
    )


def _who(person: str | None, names: dict[str, str]) -> str:
    if person is None:
        return "the command line"
    name = names.get(person)
    return f"{person} ({safe_text(name)})" if name else person


def _moment(iso: str) -> str:
    return iso.replace("T", " ").replace("Z", " UTC")


def _value(value: float | None, status: str) -> str:
    if value is None:
        return "no value (M)" if status == "M" else "–"
    shown = format_number(value, LANG)
    return f"{shown} ({status})" if status not in ("A", "") else shown


def _breakdown(breakdown: Breakdown) -> str:
    if not breakdown:
        return " (total)"
    return " (" + ", ".join(f"{dim}={code}" for dim, code in breakdown) + ")"
