"""The few git commands versioning needs, run against a workspace without touching its work tree.

A workspace may be a subdirectory of a repository (this project's root is itself a workspace), so
paths inside a revision are resolved relative to the workspace with git's ``REV:./path`` form.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from pathlib import Path

from kpitrack.core.errors import UsageError

_TIMEOUT = 60


class GitError(UsageError):
    """A git command failed: not a repository, unknown revision, git missing (exit code 2)."""


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
    if revision.startswith("-"):
        raise GitError(f"not a git revision: {revision!r}")
    result = _run(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
    if result.returncode != 0:
        raise GitError(f"unknown git revision {revision!r} in {root}")
    return result.stdout.decode().strip()


def uncommitted_paths(root: Path, *paths: str) -> list[str]:
    """Repository-relative names of files under ``paths`` (workspace-relative) not committed."""
    if not is_git_workspace(root):
        return []
    result = _run(root, "status", "--porcelain", "--untracked-files=all", "--", *paths)
    return [line[3:] for line in result.stdout.decode("utf-8", "replace").splitlines() if line]


def export_paths(root: Path, commit: str, paths: list[str], dest: Path) -> None:
    """Write ``paths`` (workspace-relative) as they are in ``commit`` under ``dest``.

    Run inside the workspace, ``git archive`` names members relative to it; paths the revision
    lacks are skipped rather than failing the whole archive.
    """
    present = [p for p in paths if _exists_in(root, commit, p)]
    if not present:
        return
    result = _run(root, "archive", "--format=tar", commit, "--", *present)
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        for member in archive.getmembers():
            relative = Path(member.name)
            if not member.isfile() or relative.is_absolute() or ".." in relative.parts:
                continue  # links and odd names are never materialised
            target = dest / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = archive.extractfile(member)
            if handle is not None:
                target.write_bytes(handle.read())


def read_file_at(root: Path, commit: str, path: str) -> bytes | None:
    """The content of a workspace-relative file in ``commit``; None when it does not exist there."""
    result = _run(root, "show", f"{commit}:./{path}", check=False)
    return result.stdout if result.returncode == 0 else None


def _exists_in(root: Path, commit: str, path: str) -> bool:
    result = _run(root, "ls-tree", "--name-only", commit, "--", path, check=False)
    return result.returncode == 0 and bool(result.stdout.strip())


def _run(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    if shutil.which("git") is None:
        raise GitError("git is not installed; give two directories instead of revisions")
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
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
    import os

    # A fixed locale keeps git's messages parseable; no pager, no prompts for credentials.
    env = dict(os.environ)
    env.update({"LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"})
    return env
