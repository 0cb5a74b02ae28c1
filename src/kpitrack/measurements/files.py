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
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

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
    path = PurePosixPath(relative)
    return str(path.with_name(TMP_PREFIX + path.name))


def is_safe_relative(path: str) -> bool:
    """A relative path under ``data/`` or ``received/`` without ``..``, not a temporary name."""
    parts = PurePosixPath(path).parts
    return (
        len(parts) == 2
        and parts[0] in (DATA_DIR, RECEIVED_DIR)
        and parts[1] not in ("", ".", "..")
        and not parts[1].startswith(TMP_PREFIX)
        and not path.startswith("/")
        and "\\" not in path
    )


@dataclass(frozen=True)
class StoreFile:
    """A file found in the store directory (relative path, and whether it is a symlink)."""

    path: str
    symlink: bool

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def temporary(self) -> bool:
        return self.name.startswith(TMP_PREFIX)

    @property
    def final(self) -> str:
        """The final name of a temporary file (the path itself otherwise)."""
        if not self.temporary:
            return self.path
        return str(PurePosixPath(self.path).with_name(self.name[len(TMP_PREFIX) :]))

    @property
    def seq(self) -> int | None:
        match = SEQ_NAME.match(PurePosixPath(self.final).name)
        return int(match[1]) if match else None


def scan_store(store: Path) -> list[StoreFile]:
    """Every file and symlink under the store (without following symlinks), sorted.

    Directories are left out (``data/``, ``received/``), as are the store's own files.
    """
    found: list[StoreFile] = []
    for directory, dirnames, filenames in os.walk(store, followlinks=False):
        base = Path(directory)
        for name in dirnames + filenames:
            full = base / name
            relative = full.relative_to(store).as_posix()
            if full.is_symlink():
                found.append(StoreFile(relative, True))
            elif name in filenames and relative not in META_FILES:
                found.append(StoreFile(relative, False))
    return sorted(found, key=lambda f: f.path)


def located(store: Path, relative: str) -> tuple[Path, bool] | None:
    """Where a file an entry names is: its final name, else its temporary name (True), else None.

    Symlinks are never followed: a symlink at either name is reported as found (a symlink is
    refused by whoever reads it).
    """
    final = store / relative
    if final.is_symlink() or final.exists():
        return final, False
    temporary = store / temporary_name(relative)
    if temporary.is_symlink() or temporary.exists():
        return temporary, True
    return None


def read_named(store: Path, relative: str) -> bytes | None:
    """The bytes of a file an entry names (final or temporary name); None when missing.

    A rename between looking and opening (a submit rolling forward) is retried once.
    """
    for _ in range(2):
        where = located(store, relative)
        if where is None:
            return None
        path = where[0]
        if path.is_symlink() or not path.is_file():
            return None
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except FileNotFoundError:
            continue
        with os.fdopen(fd, "rb") as handle:
            return handle.read()
    return None


def sha256_file(path: Path) -> str:
    """sha256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
