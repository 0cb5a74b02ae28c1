"""The store's ledger, ``measurements/ledger.jsonl``: one JSON object per line, a hash chain.

Every entry is one line, appended and never rewritten, so the ledger reads and reviews well in
git. ``seq`` is the entry's line number (1, 2, 3…); a submission's number is its entry's
``seq``. ``prev`` is the sha256 (hex) of the bytes of the line before it, newline included —
for the first line of a store, of nothing (``e3b0c442…``) — so changing, inserting or removing
a line anywhere but at the end breaks the chain. The *chain head* is the sha256 of the last line
(of nothing for an empty ledger); publishing records it (``reports/published.yaml``).

Kinds of entries, fields in the order written:

``measurements`` / ``actions`` — a submission::

    {"seq": 12, "prev": "<sha256>", "kind": "measurements", "partner": "politie",
     "received": "2024-07-01T09:00:00Z", "file": "cijfers.xlsx",
     "sha256_received": "<sha256>", "received_path": "received/000012-politie-cijfers.xlsx",
     "data": "data/000012-politie.csv", "sha256_data": "<sha256>", "rows": 14,
     "definition_version": "2024.1", "warnings": 2, "person": "p-4f1c9a"}

  ``received`` is UTC (``SOURCE_DATE_EPOCH`` when set); ``file`` the name as received;
  ``data`` the normalised rows (fixed columns) and ``received_path`` the bytes as received,
  both relative to ``measurements/`` and each with its sha256; ``rows`` the rows stored;
  ``definition_version`` the programme version it was checked against. ``warnings`` is optional
  (entries written before it existed have none): how many warnings the accepted file had, for
  the report's completeness annex. ``person`` is optional: the pseudonymous id of the person who
  submitted (the portal's; letters, digits, ``-``, ``_``; the mapping to names and e-mail
  addresses stays in ``.kpitrack/``, so a person can be erased without touching the chain).
  Left out when not known (the CLI).

``chain-start`` — seals a ledger written before the chain existed::

    {"seq": 11, "prev": "<sha256 of lines 1–10>", "kind": "chain-start", "entries": 10,
     "recorded": "2024-07-01T09:00:00Z"}

  Entries without ``prev`` may only open a ledger; the next write appends a chain-start whose
  ``prev`` hashes all of them (their bytes as they are: never rewritten), and every entry after
  it is chained.

``review`` — a decision on a submission (written by the portal)::

    {"seq": 13, "prev": "<sha256>", "kind": "review", "submission": 12,
     "decision": "approve" | "return", "reason": "…" (required to return), "person": "p-…",
     "recorded": "2024-07-02T10:00:00Z"}

A last line without its newline is a torn append (a submit killed before its commit point): it
is not part of the ledger.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpitrack.core.layout import STORE_DIR, WorkspaceLayout
from kpitrack.core.problems import Problem
from kpitrack.measurements.files import LEDGER_NAME, is_safe_relative, read_plain

__all__ = ["GENESIS", "LEDGER_NAME", "ChainStart", "Ledger", "LedgerEntry", "ReviewEntry"]

GENESIS = hashlib.sha256(b"").hexdigest()
"""``prev`` of a store's first entry; the chain head of an empty ledger."""
SUBMISSION_KINDS = ("measurements", "actions")
CHAIN_START = "chain-start"
REVIEW = "review"
KINDS = (*SUBMISSION_KINDS, CHAIN_START, REVIEW)
DECISIONS = ("approve", "return")
LABEL = f"{STORE_DIR}/{LEDGER_NAME}"

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_PERSON = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _line(fields: dict[str, Any]) -> bytes:
    return (json.dumps(fields, ensure_ascii=False, separators=(", ", ": ")) + "\n").encode()


@dataclass(frozen=True)
class LedgerEntry:
    """A submission as the ledger records it (kind ``measurements`` or ``actions``)."""

    seq: int
    partner: str
    kind: str  # "measurements" | "actions"
    received: str  # UTC, ISO 8601
    file: str  # name as received
    sha256_received: str
    received_path: str  # relative to measurements/
    data: str  # relative to measurements/
    sha256_data: str
    rows: int
    definition_version: str
    prev: str | None = None  # None: written before the chain existed
    person: str | None = None  # pseudonymous id of the person who submitted
    warnings: int | None = None  # warnings of the accepted file; None: not recorded (older)

    def to_line(self) -> bytes:
        """The ledger line, newline included."""
        fields: dict[str, Any] = {"seq": self.seq}
        if self.prev is not None:
            fields["prev"] = self.prev
        fields.update(
            kind=self.kind,
            partner=self.partner,
            received=self.received,
            file=self.file,
            sha256_received=self.sha256_received,
            received_path=self.received_path,
            data=self.data,
            sha256_data=self.sha256_data,
            rows=self.rows,
            definition_version=self.definition_version,
        )
        if self.warnings is not None:
            fields["warnings"] = self.warnings
        if self.person is not None:
            fields["person"] = self.person
        return _line(fields)

    def files(self) -> tuple[tuple[str, str], tuple[str, str]]:
        """(relative path, sha256) of the file as received and of the stored rows."""
        return ((self.received_path, self.sha256_received), (self.data, self.sha256_data))


@dataclass(frozen=True)
class ChainStart:
    """Seals the unchained entries before it: ``prev`` is the sha256 of their bytes."""

    seq: int
    prev: str
    entries: int
    recorded: str
    kind: str = CHAIN_START

    def to_line(self) -> bytes:
        """The ledger line, newline included."""
        return _line(
            {
                "seq": self.seq,
                "prev": self.prev,
                "kind": self.kind,
                "entries": self.entries,
                "recorded": self.recorded,
            }
        )


@dataclass(frozen=True)
class ReviewEntry:
    """The programme office's decision on a submission (approve, or return with a reason)."""

    seq: int
    prev: str
    submission: int
    decision: str  # "approve" | "return"
    person: str
    recorded: str
    reason: str | None = None
    kind: str = REVIEW

    def to_line(self) -> bytes:
        """The ledger line, newline included."""
        fields: dict[str, Any] = {
            "seq": self.seq,
            "prev": self.prev,
            "kind": self.kind,
            "submission": self.submission,
            "decision": self.decision,
        }
        if self.reason is not None:
            fields["reason"] = self.reason
        fields.update(person=self.person, recorded=self.recorded)
        return _line(fields)


Record = LedgerEntry | ChainStart | ReviewEntry

# Per kind: required fields with their types, then optional ones.
_SUBMISSION = {
    "seq": int,
    "partner": str,
    "kind": str,
    "received": str,
    "file": str,
    "sha256_received": str,
    "received_path": str,
    "data": str,
    "sha256_data": str,
    "rows": int,
    "definition_version": str,
}
_SHAPES: dict[str, tuple[dict[str, type], dict[str, type]]] = {
    "measurements": (_SUBMISSION, {"prev": str, "person": str, "warnings": int}),
    "actions": (_SUBMISSION, {"prev": str, "person": str, "warnings": int}),
    CHAIN_START: (
        {"seq": int, "prev": str, "kind": str, "entries": int, "recorded": str},
        {},
    ),
    REVIEW: (
        {
            "seq": int,
            "prev": str,
            "kind": str,
            "submission": int,
            "decision": str,
            "person": str,
            "recorded": str,
        },
        {"reason": str},
    ),
}


def parse_record(obj: Any) -> Record:
    """Parse and check one ledger object; ValueError says what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    kind = obj.get("kind")
    if kind not in _SHAPES:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    required, optional = _SHAPES[kind]
    missing = [n for n in required if n not in obj]
    extra = [k for k in obj if k not in required and k not in optional]
    if missing or extra:
        raise ValueError(f"missing {missing} / unexpected {extra} fields")
    for name, value in obj.items():
        expected = required.get(name) or optional[name]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ValueError(f"{name} must be {expected.__name__}")
    if "prev" in obj and not _HEX64.match(obj["prev"]):
        raise ValueError("prev must be a sha256 in hex")
    if "person" in obj and not _PERSON.match(obj["person"]):
        raise ValueError("person must be a pseudonymous id (letters, digits, - and _)")
    if obj.get("warnings", 0) < 0:
        raise ValueError("warnings must be a count (0 or more)")
    if kind == CHAIN_START:
        return ChainStart(**obj)
    if kind == REVIEW:
        if obj["decision"] not in DECISIONS:
            raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
        if obj["decision"] == "return" and not obj.get("reason"):
            raise ValueError("a returned submission needs a reason")
        return ReviewEntry(**obj)
    entry = LedgerEntry(**obj)
    for path in (entry.data, entry.received_path):
        if not is_safe_relative(path):
            raise ValueError(f"path {path!r} leaves the store")
    for digest in (entry.sha256_data, entry.sha256_received):
        if not _HEX64.match(digest):
            raise ValueError("file hashes must be sha256 in hex")
    return entry


@dataclass
class Ledger:
    """The ledger as read: its entries, the hash of every line, problems, and a torn tail."""

    records: list[Record] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    committed: bytes = b""  # the complete lines
    torn: bytes = b""  # bytes after the last newline
    line_hashes: list[str] = field(default_factory=list)  # sha256 of each complete line
    unchained: int = 0  # entries written before the chain existed, not yet sealed

    @property
    def entries(self) -> list[LedgerEntry]:
        """The submissions, in order."""
        return [r for r in self.records if isinstance(r, LedgerEntry)]

    @property
    def reviews(self) -> list[ReviewEntry]:
        """The review decisions, in order."""
        return [r for r in self.records if isinstance(r, ReviewEntry)]

    def decisions(self) -> dict[int, ReviewEntry]:
        """The decision in force per submission: the latest review entry naming it."""
        return {review.submission: review for review in self.reviews}

    @property
    def last_seq(self) -> int:
        """Number of the last entry (0 for an empty ledger)."""
        return max(len(self.line_hashes), self.records[-1].seq if self.records else 0)

    @property
    def head(self) -> str:
        """The chain head: sha256 of the last line, or of nothing for an empty ledger."""
        return self.line_hashes[-1] if self.line_hashes else GENESIS

    def up_to(self, count: int) -> Ledger:
        """The ledger as it was after its first ``count`` entries: what a report cut there saw
        (``--received-by``, ``--reproduce``). Its problems are the whole ledger's."""
        if count >= len(self.line_hashes) and not self.torn:
            return self
        return Ledger(
            records=[r for r in self.records if r.seq <= count],
            errors=list(self.errors),
            committed=b"".join(self.committed.splitlines(keepends=True)[:count]),
            line_hashes=self.line_hashes[:count],
            unchained=min(self.unchained, count),
        )

    def prefix_hashes(self) -> set[str]:
        """sha256 of every prefix of whole lines (the store snapshots it has passed through)."""
        digest = hashlib.sha256()
        found = {digest.hexdigest()}
        for line in self.committed.splitlines(keepends=True):
            digest.update(line)
            found.add(digest.hexdigest())
        return found


def store_dir(root: Path) -> Path:
    """The store directory of a workspace."""
    return WorkspaceLayout(Path(root)).store


def read_ledger(store: Path) -> Ledger:
    """Read ``ledger.jsonl``, checking every line, the numbering and the chain.

    Corrupt lines and chain breaks become errors; a torn tail is kept apart.
    """
    ledger = Ledger()
    path = store / LEDGER_NAME
    if path.is_symlink():
        ledger.errors.append(Problem("store-symlink", "the ledger is a symlink (refused)", LABEL))
        return ledger
    if not path.exists():
        return ledger
    content = read_plain(path)
    if content is None:
        ledger.errors.append(Problem("store-unexpected", "the ledger is not a plain file", LABEL))
        return ledger
    cut = content.rfind(b"\n") + 1
    ledger.committed, ledger.torn = content[:cut], content[cut:]
    _ChainCheck(ledger).run()
    return ledger


class _ChainCheck:
    """One pass over the lines: parse each, check its number and its link to the line before."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.prefix = hashlib.sha256()  # of every line so far
        self.chained = False  # a chained entry was seen
        self.after_corrupt = False  # the line before could not be read

    def run(self) -> None:
        for number, raw in enumerate(self.ledger.committed.splitlines(keepends=True), start=1):
            self.line(number, raw)
            self.prefix.update(raw)
            self.ledger.line_hashes.append(hashlib.sha256(raw).hexdigest())
        if not self.chained:
            self.ledger.unchained = len(self.ledger.line_hashes)

    def line(self, number: int, raw: bytes) -> None:
        try:
            record = parse_record(json.loads(raw.decode("utf-8")))
        except (ValueError, UnicodeDecodeError, TypeError) as exc:
            self.error("ledger-corrupt", number, f"ledger line {number} is corrupt: {exc}")
            self.after_corrupt = True
            return
        after_corrupt, self.after_corrupt = self.after_corrupt, False
        if record.seq != number:
            self.error(
                "ledger-sequence",
                number,
                f"ledger line {number} has entry {record.seq}, expected {number}: "
                "an entry before it was removed or inserted",
            )
        self.ledger.records.append(record)
        if record.prev is None:
            if self.chained:
                self.error(
                    "ledger-chain",
                    number,
                    f"entry {record.seq} has no chain hash (prev) although entries before it "
                    "are chained: added by hand?",
                )
            return
        linked = self.chained or after_corrupt  # chained to the line before, not to them all
        if not linked and number > 1 and not isinstance(record, ChainStart):
            self.error(
                "ledger-chain",
                number,
                f"entry {record.seq} is chained but the unchained entries before it were not "
                "sealed by a chain-start entry",
            )
        elif self.chained and isinstance(record, ChainStart):
            self.error(
                "ledger-chain",
                number,
                f"entry {record.seq}: a chain-start entry may only follow unchained entries",
            )
        expected = self.ledger.line_hashes[-1] if linked else self.prefix.hexdigest()
        if record.prev != expected:
            self.error(
                "ledger-chain",
                number,
                f"entry {record.seq} does not follow the line before it (its prev hash differs): "
                "a line before it was changed, inserted or removed",
            )
        elif isinstance(record, ChainStart) and record.entries != number - 1:
            self.error(
                "ledger-chain",
                number,
                f"chain-start entry {record.seq} seals {record.entries} entries, "
                f"but {number - 1} come before it",
            )
        self.chained = True

    def error(self, code: str, number: int, message: str) -> None:
        self.ledger.errors.append(Problem(code, message, LABEL, number))


def snapshot_of(ledger: Ledger) -> str:
    """sha256 of the committed ledger lines (of b"" for an empty store)."""
    return hashlib.sha256(ledger.committed).hexdigest()
