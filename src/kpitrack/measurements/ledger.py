"""The store's layout and its ledger, ``measurements/ledger.jsonl`` (design §4).

::

    measurements/ledger.jsonl                    one JSON object per accepted submission
    measurements/data/000001-politie.csv         normalised rows, fixed columns, never rewritten
    measurements/received/000001-politie-x.xlsx  the bytes as received

A ledger line is the commit point of a submission: files it does not name are not part of the
store. A last line without its newline is a torn append of an interrupted submit.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kpitrack.core.layout import STORE_DIR, WorkspaceLayout
from kpitrack.core.problems import Problem

LEDGER_NAME = "ledger.jsonl"
DATA_DIR = "data"
RECEIVED_DIR = "received"
TMP_PREFIX = ".tmp-"
META_FILES = frozenset({".lock", ".gitignore", ".gitattributes", "README.md"})
"""Files at the store's top level that are not submissions."""

SEQ_NAME = re.compile(r"^(\d{6,})-")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
KINDS = ("measurements", "actions")


@dataclass(frozen=True)
class LedgerEntry:
    """One accepted submission as the ledger records it."""

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

    def to_line(self) -> bytes:
        """The ledger line, newline included."""
        return (
            json.dumps(asdict(self), ensure_ascii=False, separators=(", ", ": ")) + "\n"
        ).encode()

    @classmethod
    def from_json(cls, obj: Any) -> LedgerEntry:
        """Parse and check one ledger object; ValueError says what is wrong."""
        if not isinstance(obj, dict):
            raise ValueError("not a JSON object")
        names = [f for f in cls.__dataclass_fields__]
        missing = [n for n in names if n not in obj]
        extra = [k for k in obj if k not in names]
        if missing or extra:
            raise ValueError(f"missing {missing} / unexpected {extra} fields")
        ints = ("seq", "rows")
        for name in names:
            kind = int if name in ints else str
            if not isinstance(obj[name], kind) or isinstance(obj[name], bool):
                raise ValueError(f"{name} must be {kind.__name__}")
        entry = cls(**obj)
        if entry.kind not in KINDS:
            raise ValueError(f"kind {entry.kind!r} is not one of {', '.join(KINDS)}")
        for path in (entry.data, entry.received_path):
            if not is_safe_relative(path):
                raise ValueError(f"path {path!r} leaves the store")
        return entry


@dataclass
class Ledger:
    """The ledger as read: committed entries, corrupt lines, and a torn tail if any."""

    entries: list[LedgerEntry] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    committed: bytes = b""  # the complete lines
    torn: bytes = b""  # bytes after the last newline

    @property
    def last_seq(self) -> int:
        return self.entries[-1].seq if self.entries else 0


def store_dir(root: Path) -> Path:
    """The store directory of a workspace."""
    return WorkspaceLayout(Path(root)).store


def read_ledger(store: Path) -> Ledger:
    """Read ``ledger.jsonl``; corrupt complete lines become errors, a torn tail is kept apart."""
    ledger = Ledger()
    path = store / LEDGER_NAME
    label = f"{STORE_DIR}/{LEDGER_NAME}"
    if path.is_symlink():
        ledger.errors.append(Problem("store-symlink", "the ledger is a symlink (refused)", label))
        return ledger
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return ledger
    cut = content.rfind(b"\n") + 1
    ledger.committed, ledger.torn = content[:cut], content[cut:]
    expected = 1
    for number, raw in enumerate(ledger.committed.splitlines(), start=1):
        try:
            entry = LedgerEntry.from_json(json.loads(raw.decode("utf-8")))
        except (ValueError, UnicodeDecodeError, TypeError) as exc:
            ledger.errors.append(
                Problem("ledger-corrupt", f"ledger line {number} is corrupt: {exc}", label, number)
            )
            expected += 1
            continue
        if entry.seq != expected:
            ledger.errors.append(
                Problem(
                    "ledger-sequence",
                    f"ledger line {number} has submission {entry.seq}, expected {expected}",
                    label,
                    number,
                )
            )
        expected = entry.seq + 1
        ledger.entries.append(entry)
    return ledger


def snapshot_of(ledger: Ledger) -> str:
    """sha256 of the committed ledger lines (of b"" for an empty store)."""
    return hashlib.sha256(ledger.committed).hexdigest()


def data_name(seq: int, partner: str) -> str:
    """``data/000001-politie.csv``."""
    return f"{DATA_DIR}/{seq:06d}-{partner}.csv"


def received_name(seq: int, partner: str, original: str) -> str:
    """``received/000001-politie-<safe original name>``."""
    safe = _UNSAFE.sub("_", Path(original).name).lstrip("._-")[-100:] or "submission"
    return f"{RECEIVED_DIR}/{seq:06d}-{partner}-{safe}"


def is_safe_relative(path: str) -> bool:
    """A relative path under ``data/`` or ``received/`` without ``..``."""
    parts = PurePosixPath(path).parts
    return (
        len(parts) == 2
        and parts[0] in (DATA_DIR, RECEIVED_DIR)
        and parts[1] not in ("", ".", "..")
        and not path.startswith("/")
        and "\\" not in path
    )


@dataclass(frozen=True)
class StoreFile:
    """A file found in the store directory (relative path, and whether it is a symlink)."""

    path: str
    symlink: bool

    @property
    def seq(self) -> int | None:
        match = SEQ_NAME.match(PurePosixPath(self.path).name)
        return int(match[1]) if match else None

    @property
    def temporary(self) -> bool:
        return PurePosixPath(self.path).name.startswith(TMP_PREFIX)


def scan_store(store: Path) -> list[StoreFile]:
    """Every file and symlink under the store (without following symlinks), sorted."""
    found: list[StoreFile] = []
    for directory, dirnames, filenames in os.walk(store, followlinks=False):
        base = Path(directory)
        for name in dirnames + filenames:
            full = base / name
            relative = full.relative_to(store).as_posix()
            if full.is_symlink():
                found.append(StoreFile(relative, True))
            elif name in filenames:
                if relative in META_FILES or relative == LEDGER_NAME:
                    continue
                found.append(StoreFile(relative, False))
    return sorted(found, key=lambda f: f.path)


def sha256_file(path: Path) -> str:
    """sha256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
