"""The portal's checkout of the workspace: the store's one writer (design §9).

It keeps the workspace loaded and loads it again when a definition file or the ledger changes
(someone pulled new definitions, a CLI submit landed) — a ledger that only grew by new
submissions is read from where it was left, so a new upload costs what it holds, not what the
whole store holds; and after each stored submission it
commits the store's new files in a git commit of their own — those paths only, no hooks,
authored by the portal — when the workspace is a git repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kpitrack.core.errors import KpitrackError
from kpitrack.core.layout import DEFINITION_PATHS, WorkspaceLayout
from kpitrack.intake.history import HistoryBuilder
from kpitrack.measurements.ledger import LEDGER_NAME, read_ledger
from kpitrack.measurements.lock import store_lock
from kpitrack.measurements.store import StoreReader
from kpitrack.workspace import Workspace, load_workspace, with_store

AUTHOR = ("kpitrack portal", "portal@kpitrack.invalid")
_GIT_TIMEOUT = 60

Signature = tuple[tuple[str, int, int], ...]
T = TypeVar("T")


class Checkout:
    """The workspace as the portal serves it, loaded again whenever its files change."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()
        self._signature: tuple[Signature, Signature] = ((), ())
        self._workspace: Workspace | None = None
        self._definitions: Workspace | None = None  # the definitions only, read when they change
        self._reader: StoreReader | None = None
        self.reloads = 0
        self.last_error: KpitrackError | None = None
        self._derived: dict[object, Any] = {}  # built from the workspace loaded now
        self.history = HistoryBuilder(self.root)  # reads only the ledger entries it has not seen

    def workspace(self) -> Workspace:
        """The current workspace; when the files changed but no longer load, the last good one.

        New definitions are read whole; a ledger that only grew is read from where the last
        read ended (:class:`~kpitrack.measurements.store.StoreReader`). Raises the loading
        error when there never was a good workspace.
        """
        definitions_now, ledger_now = self._signature_now()
        with self._lock:
            if (definitions_now, ledger_now) != self._signature or self._workspace is None:
                try:
                    definitions, reader = self._definitions, self._reader
                    if (
                        definitions is None
                        or reader is None
                        or definitions_now != self._signature[0]
                    ):
                        definitions = load_workspace(self.root, measurements=False)
                        reader = StoreReader(
                            self.root, definitions.programme, definitions.indicators
                        )
                    self._workspace = with_store(definitions, reader.read)
                    self._definitions, self._reader = definitions, reader
                    self.last_error = None
                    self.reloads += 1
                    self._derived = {}
                except KpitrackError as error:
                    self.last_error = error
                    if self._workspace is None:
                        raise
                    # Read the definitions again next time: they may be what failed.
                    self._definitions = None
                self._signature = (definitions_now, ledger_now)
            return self._workspace

    def derived(self, key: object, build: Callable[[Workspace], T]) -> T:
        """``build(workspace)``, kept until the workspace's files change.

        What every page of a kind would otherwise recompute from the same files — the history
        of every submission, the reporting calendar at a date — is built once per change of
        the definitions or the ledger (keys name what and, where it matters, the date).
        """
        workspace = self.workspace()
        with self._lock:
            if workspace is self._workspace and key in self._derived:
                return self._derived[key]  # type: ignore[no-any-return]
        value = build(workspace)
        with self._lock:
            if workspace is self._workspace:
                if len(self._derived) > 64:  # dates change daily: never grow without bound
                    self._derived.clear()
                self._derived[key] = value
        return value

    def _signature_now(self) -> tuple[Signature, Signature]:
        """(the definition files', the ledger's) names, modification times and sizes."""
        found: list[tuple[str, int, int]] = []
        for part in DEFINITION_PATHS:
            base = self.root / part
            for path in sorted(base.rglob("*.yaml")) if base.is_dir() else [base]:
                found.extend(_stat(path))
        ledger = self.root / WorkspaceLayout(self.root).store.name / LEDGER_NAME
        return tuple(found), tuple(_stat(ledger))


def _stat(path: Path) -> list[tuple[str, int, int]]:
    try:
        stat = path.stat()
    except OSError:
        return []
    return [(str(path), stat.st_mtime_ns, stat.st_size)]


@dataclass(frozen=True)
class GitCommit:
    """What :func:`commit_store_files` did: the commit made (None: nothing to commit) and paths."""

    commit: str | None
    paths: tuple[str, ...]


def commit_store_files(root: Path, message: str) -> GitCommit | None:
    """Commit the store's files that are new or changed, in a commit of their own.

    None when the workspace is not in a git repository. Only files the ledger names (and the
    ledger with the store's own .gitignore and .gitattributes) are committed: whatever else is
    changed or staged in the work tree stays as it was. Runs under the store's lock so the
    ledger and its files are complete. Raises :class:`GitFailed` when git refuses.
    """
    store = WorkspaceLayout(Path(root)).store
    if shutil.which("git") is None or not store.is_dir() or not _in_git(store):
        return None
    with store_lock(store):
        ledger = read_ledger(store)
        named = {LEDGER_NAME, ".gitignore", ".gitattributes"}
        for entry in ledger.entries:
            named.update((entry.data, entry.received_path))
        listed = _git(store, "ls-files", "-z", "--others", "--modified", "--exclude-standard")
        pending = tuple(sorted(p for p in listed.split("\0") if p in named))
        if not pending:
            return GitCommit(None, ())
        _git(store, "add", "--", *pending)
        _git(store, "commit", "--no-verify", "--quiet", "-m", message, "--", *pending)
        commit = _git(store, "rev-parse", "HEAD").strip()
    return GitCommit(commit, pending)


class GitFailed(KpitrackError):
    """git refused to commit the store's files (the submission itself is stored)."""


def _in_git(path: Path) -> bool:
    try:
        return _git(path, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except GitFailed:
        return False


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "LC_ALL": "C",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_AUTHOR_NAME": AUTHOR[0],
        "GIT_AUTHOR_EMAIL": AUTHOR[1],
        "GIT_COMMITTER_NAME": AUTHOR[0],
        "GIT_COMMITTER_EMAIL": AUTHOR[1],
    }
    # No hooks and no signing prompt: the portal commits unattended, exactly these paths.
    config = ["-c", "core.hooksPath=/dev/null", "-c", "commit.gpgSign=false"]
    try:
        done = subprocess.run(
            ["git", *config, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitFailed(f"git {args[0]} failed: {exc}") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitFailed(f"git {args[0]} failed: {detail[-1] if detail else done.returncode}")
    return done.stdout.decode("utf-8", "replace")
