"""The few git commands versioning needs, run against a workspace without touching its work tree.

A workspace is data, not code: git runs with hooks, ``core.fsmonitor``, pagers, external diff
and every other configured command disabled, without the system configuration, without replace
objects, and only with plumbing that reads objects (``rev-parse``, ``ls-tree``, ``cat-file``).
So neither a repository's configuration nor its ``.gitattributes`` (``export-ignore``, filters,
``textconv``) can run a command or change what kpitrack reads: a revision is read from its
objects, and the work tree is compared byte for byte with the blobs of ``HEAD``.

A workspace may be a subdirectory of a repository (this project's root is itself a workspace);
paths here are relative to the workspace.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from kpitrack.core.errors import UsageError

_TIMEOUT = 60
MAX_BLOB_BYTES = 16 * 1024 * 1024
"""Larger blobs are not read into memory (a definition file is refused far below this)."""

# Settings that would run a command, or read more than the objects asked for, switched off on
# the command line (which wins over the repository's own configuration).
_SAFE_CONFIG = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.untrackedCache=false",
    "core.pager=cat",
    "core.sshCommand=false",
    "core.askPass=",
    "credential.helper=",
    "diff.external=",
    "safe.bareRepository=explicit",
    "protocol.allow=never",
    "uploadpack.packObjectsHook=",
    "core.alternateRefsCommand=",
)


class GitError(UsageError):
    """A git command failed: not a repository, unknown revision, git missing (exit code 2)."""


@dataclass(frozen=True, slots=True)
class TreeFile:
    """A file of a committed tree: workspace-relative path, mode, blob id and size."""

    path: str
    mode: str
    oid: str
    size: int

    @property
    def regular(self) -> bool:
        return self.mode in ("100644", "100755")


def is_git_workspace(root: Path) -> bool:
    """True when ``root`` lies inside a git work tree (and git is installed)."""
    if shutil.which("git") is None:
        return False
    result = _run(root, "rev-parse", "--is-inside-work-tree", check=False)
    return result.returncode == 0 and result.stdout.strip() == b"true"


def head_commit(root: Path) -> str | None:
    """The commit checked out in the workspace's repository; None outside git or before a commit."""
    if not is_git_workspace(root):
        return None
    result = _run(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    if result.returncode != 0:
        return None
    return result.stdout.decode().strip() or None


def resolve_commit(root: Path, revision: str) -> str:
    """The full commit id of ``revision``; raises :class:`GitError` when unknown."""
    if not is_git_workspace(root):
        raise GitError(
            f"{revision!r} is not a directory, and {root} is not inside a git repository"
        )
    if revision.startswith("-") or "\n" in revision or "\0" in revision:
        raise GitError(f"not a git revision: {revision!r}")
    result = _run(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
    if result.returncode != 0:
        raise GitError(f"unknown git revision {revision!r} in {root}")
    return result.stdout.decode().strip()


def tree_files(root: Path, commit: str, paths: list[str]) -> list[TreeFile]:
    """Every file under ``paths`` (workspace-relative) in ``commit``, read from its tree.

    Symlinks and submodules are listed with their modes; names that would leave the workspace
    are left out.
    """
    result = _run(root, "ls-tree", "-r", "-z", "--long", commit, "--", *paths, check=False)
    if result.returncode != 0:
        return []
    files: list[TreeFile] = []
    for record in result.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, raw_name = record.partition(b"\t")
        parts = meta.split()
        if len(parts) != 4:
            continue
        mode, _kind, oid, size = (p.decode() for p in parts)
        name = raw_name.decode("utf-8", "surrogateescape")
        pure = PurePosixPath(name)
        if pure.is_absolute() or any(part in ("", ".", "..", ".git") for part in pure.parts):
            continue
        files.append(TreeFile(name, mode, oid, int(size) if size.isdigit() else -1))
    return files


def read_blobs(root: Path, oids: list[str]) -> dict[str, bytes]:
    """The contents of blobs by id (``git cat-file --batch``: no filters, no textconv)."""
    wanted = sorted(set(oids))
    if not wanted:
        return {}
    result = _run(root, "cat-file", "--batch", stdin="".join(f"{o}\n" for o in wanted).encode())
    blobs: dict[str, bytes] = {}
    out, position = result.stdout, 0
    while position < len(out):
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) != 3:  # "<oid> missing"
            continue
        oid, _, size = header
        length = int(size)
        blobs[oid.decode()] = out[position : position + length]
        position += length + 1
    return blobs


def export_paths(root: Path, commit: str, paths: list[str], dest: Path) -> None:
    """Write the regular files under ``paths`` (workspace-relative) in ``commit`` under ``dest``.

    Read from git's objects: ``.gitattributes`` (``export-ignore``, filters) has no say. A blob
    larger than :data:`MAX_BLOB_BYTES` is written as a sparse file of its size, which the
    loader refuses as too large without it ever being read.
    """
    files = [f for f in tree_files(root, commit, paths) if f.regular]
    small = [f.oid for f in files if 0 <= f.size <= MAX_BLOB_BYTES]
    blobs = read_blobs(root, small)
    for item in files:
        target = dest / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        content = blobs.get(item.oid)
        if content is not None:
            target.write_bytes(content)
        else:
            with target.open("wb") as handle:
                handle.truncate(max(item.size, MAX_BLOB_BYTES + 1))


def commit_time(root: Path, commit: str) -> datetime | None:
    """When ``commit`` was made (its committer time); None when it cannot be read."""
    result = _run(root, "cat-file", "commit", commit, check=False)
    if result.returncode != 0:
        return None
    for line in result.stdout.split(b"\n"):
        if not line:
            break  # the headers end at the first empty line
        if line.startswith(b"committer "):
            parts = line.rsplit(b" ", 2)
            if len(parts) == 3 and parts[1].isdigit():
                return datetime.fromtimestamp(int(parts[1]), tz=UTC)
    return None


def read_file_at(root: Path, commit: str, path: str) -> bytes | None:
    """The content of a workspace-relative file in ``commit``; None when it does not exist there."""
    found = [f for f in tree_files(root, commit, [path]) if f.path == path and f.regular]
    if not found or not 0 <= found[0].size <= MAX_BLOB_BYTES:
        return None
    return read_blobs(root, [found[0].oid]).get(found[0].oid)


def worktree_differences(root: Path, paths: list[str]) -> list[str]:
    """Workspace-relative files under ``paths`` whose bytes differ from ``HEAD``'s blobs.

    Files git ignores, untracked files, files marked ``--skip-worktree`` or
    ``--assume-unchanged``, removed files, symlinks and anything that is not a plain file all
    count: the index and ``git status`` are never asked. Outside git nothing is compared.
    """
    if not is_git_workspace(root):
        return []
    commit = head_commit(root)
    committed = {f.path: f for f in tree_files(root, commit, paths)} if commit else {}
    present = _worktree_files(root, paths)
    differing = sorted(set(committed) ^ set(present))
    same_size: list[tuple[str, TreeFile]] = []
    for path in sorted(set(committed) & set(present)):
        item, local = committed[path], root / path
        if (
            not item.regular
            or local.is_symlink()
            or not local.is_file()
            or local.stat().st_size != item.size
        ):
            differing.append(path)
        else:
            same_size.append((path, item))
    blobs = read_blobs(root, [item.oid for _, item in same_size])
    for path, item in same_size:
        try:
            matches = (root / path).read_bytes() == blobs.get(item.oid)
        except OSError:
            matches = False
        if not matches:
            differing.append(path)
    return sorted(set(differing))


def _worktree_files(root: Path, paths: list[str]) -> set[str]:
    """Every non-directory entry under ``paths`` in the work tree, without following links."""
    found: set[str] = set()
    for top in paths:
        base = root / top
        if base.is_symlink() or (base.exists() and not base.is_dir()):
            found.add(top)
            continue
        for directory, dirnames, filenames in os.walk(base, followlinks=False):
            here = Path(directory)
            for name in filenames + [d for d in dirnames if (here / d).is_symlink()]:
                found.add((here / name).relative_to(root).as_posix())
    return found


def _run(
    root: Path, *args: str, check: bool = True, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    if shutil.which("git") is None:
        raise GitError("git is not installed; give two directories instead of revisions")
    config = [part for setting in _SAFE_CONFIG for part in ("-c", setting)]
    try:
        result = subprocess.run(
            ["git", "--no-pager", *config, "-C", str(root), *args],
            capture_output=True,
            input=stdin,
            timeout=_TIMEOUT,
            check=False,
            env=_git_env(),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git {args[0]} failed in {root}: {exc}") from None
    if check and result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        message = detail[-1] if detail else f"exit code {result.returncode}"
        raise GitError(f"git {args[0]} failed in {root}: {message}")
    return result


def _git_env() -> dict[str, str]:
    """The environment of every git call: nothing inherited can redirect or extend git.

    Every ``GIT_*`` variable of the caller is dropped (``GIT_DIR``, ``GIT_EXTERNAL_DIFF``,
    ``GIT_CONFIG_PARAMETERS``…); the system configuration is not read, replace objects are
    ignored, no optional lock is taken, no pager and no prompt for credentials. A fixed locale
    keeps git's messages parseable.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        {
            "LC_ALL": "C",
            "GIT_PAGER": "cat",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_NO_REPLACE_OBJECTS": "1",
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_ATTR_NOSYSTEM": "1",
            "GIT_NO_LAZY_FETCH": "1",
        }
    )
    return env
