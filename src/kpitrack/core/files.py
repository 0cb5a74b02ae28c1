"""Files in and out: inputs are read only when they are regular files; outputs are written whole.

A workspace is data that anyone may have edited, so an input file may be a symlink to a secret,
a FIFO that never ends, a device that never stops (``/dev/zero``) or a directory.
:func:`read_regular_file` opens without following a final symlink and without blocking, checks
the opened descriptor (not the name, which could change in between), refuses anything but a
regular file and never reads more than its limit plus one byte.

Outputs go through :func:`write_files`: every file is first written to a temporary name made by
``mkstemp`` in its own directory (created exclusively: a symlink planted at that name is never
followed) and synced, then all are renamed into place; a symlink, directory or device at a
final name is refused. A failure anywhere removes the temporary files and undoes
the renames already done, so a run writes all its files or none, and every ``OSError`` becomes
an :class:`~kpitrack.core.errors.OutputError` that names the file and says why in plain words.

Standard library only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from kpitrack.core.errors import OutputError
from kpitrack.core.problems import Problem

Refusal = Literal["missing", "symlink", "not-regular", "too-large", "unreadable"]

_CHUNK = 1024 * 1024


class FileRefused(Exception):
    """An input that is not read: absent, a symlink, not a regular file, too large, unreadable.

    ``code`` (``file-symlink``, ``file-not-regular``, ...) and ``message`` (a phrase about the
    file, without its name) make a located :class:`Problem` with :meth:`problem`.
    """

    def __init__(self, reason: Refusal, message: str, size: int | None = None) -> None:
        super().__init__(message)
        self.reason: Refusal = reason
        self.message = message
        self.size = size

    @property
    def code(self) -> str:
        """The problem code: ``file-`` and the reason (``file-too-large``, ...)."""
        return f"file-{self.reason}"

    def problem(self, file: str, code: str | None = None) -> Problem:
        """A problem located at ``file``: ``the file <message>`` (``code`` replaces the code)."""
        return Problem(code or self.code, f"the file {self.message}", file=file)


def read_regular_file(path: Path | str, limit: int, *, follow_symlinks: bool = False) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; else :class:`FileRefused`.

    A symlink at ``path`` is refused unless ``follow_symlinks`` (a file named on the command
    line may be a link; a file inside a workspace may not). Whatever the name leads to, only a
    regular file is read: a FIFO, a device, a socket or a directory is refused without waiting
    and without reading.
    """
    path = os.fspath(path)
    kind = _kind_at(path, follow_symlinks)
    if kind is not None:
        raise kind
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _open_refusal(path, exc, follow_symlinks) from None
    try:
        # The descriptor, not the name: the name may have been swapped since the check above.
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(
                "not-regular", f"is {describe_mode(info.st_mode)}, not a regular file"
            )
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        data = _read_at_most(fd, limit + 1)
    except OSError as exc:
        raise FileRefused("unreadable", f"cannot be read: {plain_reason(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _too_large(None, limit)  # it grew while we read it
    return data


def not_a_plain_directory(path: Path) -> str | None:
    """Why ``path`` cannot be used as a directory of the workspace, or None (absent is fine).

    A symlinked directory could pull any directory of the machine into a report or a store.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be read: {plain_reason(exc)}"
    if stat.S_ISLNK(info.st_mode):
        return "is a symlink; it must be a plain directory"
    if not stat.S_ISDIR(info.st_mode):
        return f"is {describe_mode(info.st_mode)}, not a directory"
    return None


def describe_mode(mode: int) -> str:
    """What a file is, for people: ``a directory``, ``a FIFO (named pipe)``, ..."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symlink"
    if stat.S_ISREG(mode):
        return "a regular file"
    return "a special file"


def unusable_output(path: Path) -> str | None:
    """Why no output can be written at ``path`` (``is a symlink; ...``), or None when it can.

    Absent and a regular file are fine. A symlink is refused whatever it points to: writing
    through it would change a file elsewhere, and renaming over it would replace a link such as
    ``/dev/stdout``. A directory, a device or a FIFO is refused too.
    """
    try:
        info = os.lstat(path)
    except OSError:
        return None  # absent, or under a file or an unreadable directory: the write says why
    if stat.S_ISREG(info.st_mode):
        return None
    if stat.S_ISLNK(info.st_mode):
        return "is a symlink; outputs are never written through links"
    return f"is {describe_mode(info.st_mode)}, not a regular file"


def write_file(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all (see :func:`write_files`)."""
    return write_files([(path, data)])[0]


def write_files(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write every file, or none: temporary names first, then renames; return the paths.

    Raises :class:`OutputError` (naming the file and the reason: disk full, read-only, no
    permission, file-size limit, ...) and leaves no temporary file and none of these files
    changed when anything fails.
    """
    staged: list[tuple[Path, str]] = []
    current = files[0][0] if files else Path()
    try:
        for path, data in files:
            current = path
            reason = unusable_output(path)
            if reason is not None:
                raise OutputError(f"cannot write {path}: it {reason}")
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
            )
            staged.append((path, temporary))
            try:
                os.fchmod(fd, 0o666 & ~_umask())
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
        current = _rename_all(staged)
    except OSError as exc:
        _remove(temporary for _, temporary in staged)
        raise OutputError(f"cannot write {current}: {_reason(current, exc)}") from None
    except BaseException:
        _remove(temporary for _, temporary in staged)
        raise
    for directory in {path.parent for path, _ in staged}:
        _sync_directory(directory)
    return [path for path, _ in files]


def plain_reason(exc: OSError) -> str:
    """An OS error in plain words: what happened and, where it helps, what to do."""
    reasons = {
        errno.ENOSPC: "no space left on the device (the disk is full)",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EFBIG: "the file is larger than the file-size limit allows",
        errno.EISDIR: "it is a directory",
        errno.ENAMETOOLONG: "the file name is too long",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def _kind_at(path: str, follow_symlinks: bool) -> FileRefused | None:
    """Refuse by the name first, so a device or FIFO is never even opened."""
    try:
        info = os.stat(path) if follow_symlinks else os.lstat(path)
    except FileNotFoundError:
        return FileRefused("missing", "does not exist")
    except OSError as exc:
        return FileRefused("unreadable", f"cannot be read: {plain_reason(exc)}")
    if stat.S_ISLNK(info.st_mode):
        return FileRefused("symlink", "is a symlink; it must be a plain file")
    if not stat.S_ISREG(info.st_mode):
        return FileRefused("not-regular", f"is {describe_mode(info.st_mode)}, not a regular file")
    return None


def _open_refusal(path: str, exc: OSError, follow_symlinks: bool) -> FileRefused:
    if exc.errno == errno.ENOENT:
        return FileRefused("missing", "does not exist")
    # O_NOFOLLOW on a symlink: ELOOP on Linux, EMLINK on FreeBSD.
    if not follow_symlinks and exc.errno in (errno.ELOOP, errno.EMLINK) and os.path.islink(path):
        return FileRefused("symlink", "is a symlink; it must be a plain file")
    if exc.errno == errno.ENXIO:  # a socket, or a FIFO without writer on some systems
        return FileRefused("not-regular", "is not a regular file")
    return FileRefused("unreadable", f"cannot be read: {plain_reason(exc)}")


def _too_large(size: int | None, limit: int) -> FileRefused:
    shown = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return FileRefused("too-large", f"is {shown}; the limit is {_human(limit)}", size)


def _human(limit: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if limit >= size and limit % size == 0:
            return f"{limit // size} {unit}"
    return f"{limit:,} bytes"


def _read_at_most(fd: int, count: int) -> bytes:
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(fd, min(left, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        view = view[written:]


def _rename_all(staged: list[tuple[Path, str]]) -> Path:
    """Rename each temporary file to its final name; on a failure put the old files back.

    With more than one file, an existing file is first hard-linked to a hidden backup name, so
    a failed rename of the second file can restore the first.
    """
    done: list[tuple[Path, str | None]] = []
    current = staged[0][0] if staged else Path()
    try:
        for path, temporary in staged:
            current = path
            backup = _backup(path) if len(staged) > 1 else None
            try:
                os.replace(temporary, path)
            except BaseException:
                _remove([backup] if backup else [])
                raise
            done.append((path, backup))
    except BaseException:
        for path, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, path)
                else:
                    os.unlink(path)
        raise
    _remove(backup for _, backup in done if backup is not None)
    return current


def _backup(path: Path) -> str | None:
    if not os.path.lexists(path):
        return None
    for _ in range(5):
        name = str(path.with_name(f".{path.name}.{secrets.token_hex(4)}.old"))
        try:
            os.link(path, name, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            return None  # no hard links here: this file cannot be restored, the run goes on
        return name
    return None


def _remove(names: Iterable[str]) -> None:
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _sync_directory(directory: Path) -> None:
    # The renames are durable once the directory is synced; not every platform can do it.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(path: Path, exc: OSError) -> str:
    # mkdir says "File exists" when a file stands where a directory is needed: say which.
    if isinstance(exc, FileExistsError | NotADirectoryError):
        blocking = next((p for p in path.parents if p.exists() or p.is_symlink()), None)
        if blocking is not None and not blocking.is_dir():
            return f"{blocking} is a file, not a directory"
    return plain_reason(exc)


_UMASK: list[int] = []


def _umask() -> int:
    """The process umask (read once): outputs get the mode a plain ``open`` would give them."""
    if not _UMASK:
        found = None
        with contextlib.suppress(OSError, ValueError):
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("Umask:"):
                    found = int(line.split()[1], 8)
        if found is None:
            found = os.umask(0o022)
            os.umask(found)
        _UMASK.append(found)
    return _UMASK[0]
