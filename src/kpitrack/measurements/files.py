"""The files of the store: their names, their temporary names, finding and hashing them.

::

    measurements/data/000012-politie.csv             normalised rows of submission 12
    measurements/received/000012-politie-<name>      the bytes as received
    measurements/data/.tmp-000012-politie.csv        the same file before its rename (design §4)

A submission's files are written under their temporary names, its ledger entry is appended (the
commit point), then they are renamed. So a temporary name that no entry names is a submit killed
before its commit point, and a final name that no entry names can only be a removed (or
hand-inserted) entry.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = "data"
RECEIVED_DIR = "received"
TMP_PREFIX = ".tmp-"
LEDGER_NAME = "ledger.jsonl"
META_FILES = frozenset({".lock", ".gitignore", ".gitattributes", "README.md", LEDGER_NAME})
"""Files at the store's top level that are not submissions."""

SEQ_NAME = re.compile(r"^(\d{6,})-")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def data_name(seq: int, partner: str) -> str:
    """``data/000001-politie.csv``."""
    return f"{DATA_DIR}/{seq:06d}-{partner}.csv"


def received_name(seq: int, partner: str, original: str) -> str:
    """``received/000001-politie-<safe original name>``."""
    safe = _UNSAFE.sub("_", Path(original).name).lstrip("._-")[-100:] or "submission"
    return f"{RECEIVED_DIR}/{seq:06d}-{partner}-{safe}"


def temporary_name(relative: str) -> str:
    """``data/.tmp-000001-politie.csv`` for ``data/000001-politie.csv``."""
    directory, slash, name = relative.rpartition("/")
    return f"{directory}{slash}{TMP_PREFIX}{name}"


def is_safe_relative(path: str) -> bool:
    """A relative path under ``data/`` or ``received/`` without ``..``, not a temporary name."""
    directory, _, name = path.partition("/")
    return (
        directory in (DATA_DIR, RECEIVED_DIR)
        and name not in ("", ".", "..")
        and "/" not in name
        and "\\" not in name
        and "\0" not in name
        and not name.startswith(TMP_PREFIX)
    )


@dataclass(frozen=True)
class StoreFile:
    """A file found in the store directory (relative path, and whether it is a symlink)."""

    path: str
    symlink: bool
    regular: bool = True  # False for a FIFO, a device, a socket

    @property
    def name(self) -> str:
        return self.path.rpartition("/")[2]

    @property
    def temporary(self) -> bool:
        return self.name.startswith(TMP_PREFIX)

    @property
    def seq(self) -> int | None:
        """The submission number in the (final) name, if it has one."""
        name = self.name
        match = SEQ_NAME.match(name[len(TMP_PREFIX) :] if self.temporary else name)
        return int(match[1]) if match else None


def scan_store(store: Path) -> list[StoreFile]:
    """Every file and symlink under the store (without following symlinks), sorted.

    Directories are left out (``data/``, ``received/``), as are the store's own files.
    """
    found: list[StoreFile] = []
    pending = [("", str(store))]
    while pending:
        prefix, directory = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:  # unreadable: reported as a file that does not belong
            if prefix:
                found.append(StoreFile(prefix.rstrip("/"), False, False))
            continue
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_symlink():
                found.append(StoreFile(relative, True, False))
            elif entry.is_dir():
                pending.append((relative + "/", entry.path))
            elif relative not in META_FILES:
                found.append(StoreFile(relative, False, entry.is_file()))
    return sorted(found, key=lambda f: f.path)


def located(store: Path, relative: str) -> tuple[Path, bool] | None:
    """Where a file an entry names is: its final name, else its temporary name (True), else None.

    Symlinks are never followed: a symlink at either name is reported as found (a symlink is
    refused by whoever reads it).
    """
    for name, temporary in ((relative, False), (temporary_name(relative), True)):
        path = os.path.join(store, name)
        try:
            os.lstat(path)
        except FileNotFoundError:
            continue
        return Path(path), temporary
    return None


def read_named(store: Path, relative: str) -> tuple[bytes, bool] | None:
    """The bytes of a file an entry names, and whether they were read under its temporary name.

    None when it is missing, a symlink or not a plain file. A rename between looking and opening
    (a submit rolling forward) is retried once.
    """
    for _ in range(2):
        where = located(store, relative)
        if where is None:
            return None
        content = read_plain(where[0])
        if content is not None:
            return content, where[1]
    return None


def read_plain(path: Path) -> bytes | None:
    """A plain file's bytes, never following a symlink nor blocking on a FIFO; None otherwise."""
    digest = _plain(path, keep=True)
    return digest[1] if digest is not None else None


def sha256_plain(path: Path) -> str | None:
    """sha256 of a plain file, read in blocks; None for a symlink, a FIFO, a missing file."""
    digest = _plain(path, keep=False)
    return digest[0] if digest is not None else None


def _plain(path: Path, *, keep: bool) -> tuple[str, bytes] | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        digest, kept = hashlib.sha256(), bytearray()
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            if keep:
                kept += block
        return digest.hexdigest(), bytes(kept)


def rename_to_final(store: Path, relatives: list[str]) -> list[str]:
    """Roll committed files forward: rename each temporary name to its final name, durably.

    Call with the store's lock held. A file whose final name exists, or whose temporary name is
    not a plain file, is left alone. Returns the paths renamed.
    """
    renamed: list[str] = []
    for relative in relatives:
        final = store / relative
        temporary = store / temporary_name(relative)
        if final.exists() or final.is_symlink() or temporary.is_symlink():
            continue
        if not temporary.is_file():
            continue
        os.rename(temporary, final)
        renamed.append(relative)
    for directory in sorted({(store / r).parent for r in renamed}):
        fsync_dir(directory)
    return renamed


def fsync_dir(path: Path) -> None:
    """Make a directory's entries (new names, renames) durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
