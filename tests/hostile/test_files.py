"""The file helpers every command reads and writes through (kpitrack.core.files), at their edges,
and the checks of dates given from outside (kpitrack.core.dates)."""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from kpitrack.core import dates, files
from kpitrack.core.errors import OutputError, UsageError
from kpitrack.core.files import FileRefused, read_regular_file, write_file, write_files


def refused(path: Path, limit: int = 100, **kw: Any) -> FileRefused:
    with pytest.raises(FileRefused) as info:
        read_regular_file(path, limit, **kw)
    return info.value


def test_a_file_at_its_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100) == b"x" * 100
    path.write_bytes(b"x" * 101)
    problem = refused(path).problem("a.yaml")
    assert (problem.code, problem.file) == ("file-too-large", "a.yaml")
    assert problem.message == "the file is 101 bytes; the limit is 100 bytes"


def test_a_file_larger_than_its_size_said_is_cut_off_after_limit_plus_one_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size from fstat is a hint: reading stops at limit + 1 bytes whatever it said."""
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    def small(fd: int) -> Any:
        result = real_fstat(fd)
        return os.stat_result((*result[:6], 10, *result[7:]))  # st_size 10

    reads: list[int] = []
    real_read = os.read

    def counting(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        reads.append(len(data))
        return data

    monkeypatch.setattr(os, "fstat", small)
    monkeypatch.setattr(os, "read", counting)
    assert refused(path, 100).reason == "too-large"
    assert sum(reads) == 101


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device", "directory", "socket"])
def test_what_is_not_a_regular_file_is_refused_without_waiting(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    if kind == "symlink":
        (tmp_path / "real.yaml").write_text("a: 1\n")
        path.symlink_to(tmp_path / "real.yaml")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o644, os.makedev(1, 5))
        except PermissionError:
            pytest.skip("creating a device node needs CAP_MKNOD")
    elif kind == "directory":
        path.mkdir()
    else:
        import socket

        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    started = time.monotonic()
    found = refused(path)
    assert time.monotonic() - started < 1
    expected = {"symlink": "file-symlink"}.get(kind, "file-not-regular")
    assert found.code == expected
    assert kind.replace("fifo", "FIFO").split("-")[0] in found.message or kind == "symlink"


def test_a_name_swapped_for_a_fifo_after_the_check_is_caught_on_the_open_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check of the name and the open are apart; the descriptor decides, and never blocks."""
    path = tmp_path / "x.yaml"
    os.mkfifo(path)
    monkeypatch.setattr(files, "_kind_at", lambda *args: None)  # the name looked fine
    started = time.monotonic()
    assert refused(path).reason == "not-regular"
    assert time.monotonic() - started < 1


def test_a_link_named_on_the_command_line_is_followed_to_a_regular_file_only(
    tmp_path: Path,
) -> None:
    (tmp_path / "real.csv").write_bytes(b"a,b\n")
    (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    assert read_regular_file(tmp_path / "link.csv", 10, follow_symlinks=True) == b"a,b\n"
    assert refused(tmp_path / "zero.csv", follow_symlinks=True).reason == "not-regular"
    assert refused(tmp_path / "absent.csv", follow_symlinks=True).reason == "missing"


def test_outputs_get_the_mode_of_a_plain_open_and_no_temporary_file_stays(tmp_path: Path) -> None:
    old = os.umask(0o027)
    files._UMASK.clear()
    try:
        write_file(tmp_path / "a.html", b"<p>a</p>")
    finally:
        os.umask(old)
        files._UMASK.clear()
    assert stat.S_IMODE((tmp_path / "a.html").stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]


def test_a_failed_rename_puts_back_the_files_of_earlier_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "r.html", tmp_path / "r.docx"
    first.write_bytes(b"old html")
    second.write_bytes(b"old docx")
    real = os.replace
    calls = [0]

    def replace(src: Any, dst: Any) -> None:
        calls[0] += 1
        if calls[0] == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError, match=r"cannot write .*r\.docx: no space left on the device"):
        write_files([(first, b"new html"), (second, b"new docx")])
    monkeypatch.undo()
    assert first.read_bytes() == b"old html" and second.read_bytes() == b"old docx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "r.html"]


def test_a_failed_write_of_the_second_file_leaves_the_first_unwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.write

    def write(fd: int, data: Any) -> int:
        if bytes(data[:4]) == b"SECO":
            raise OSError(errno.EFBIG, "File too large")
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(OutputError, match="larger than the file-size limit allows"):
        write_files([(tmp_path / "a", b"FIRST"), (tmp_path / "b", b"SECOND")])
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_file(tmp_path / "a", b"data")
    assert list(tmp_path.iterdir()) == []


def test_outputs_are_never_written_through_a_link_or_onto_a_device(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep")
    (tmp_path / "out.csv").symlink_to(victim)
    with pytest.raises(OutputError, match="is a symlink"):
        write_file(tmp_path / "out.csv", b"x")
    assert victim.read_text() == "keep"
    with pytest.raises(OutputError, match="is a character device"):
        write_file(Path("/dev/null"), b"x")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(OutputError, match="is a directory"):
        write_file(tmp_path / "dir.csv", b"x")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("1900-01-01", True),
        ("2999-12-31", True),
        ("1899-12-31", False),
        ("3000-01-01", False),
        ("0001-01-01", False),
        ("9999-12-31", False),
    ],
)
def test_as_of_dates_at_the_edges_of_the_year_range(text: str, ok: bool) -> None:
    if ok:
        assert dates.parse_as_of(text).isoformat() == text
    else:
        with pytest.raises(UsageError, match="out of range: kpitrack works with dates from 1900"):
            dates.parse_as_of(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        ("  ", None),
        ("0", "1970-01-01T00:00:00+00:00"),
        (" 1700000000 ", "2023-11-14T22:13:20+00:00"),
        (str(dates._LAST_EPOCH), "2999-12-31T23:59:59+00:00"),
        (str(dates._LAST_EPOCH + 1), UsageError),
        ("-1", UsageError),
        ("1.5e9", UsageError),
        ("gisteren", UsageError),
        ("٣٣", UsageError),  # digits, but not ASCII ones
        ("9" * 400, UsageError),
    ],
)
def test_source_date_epoch(value: str, expected: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    if expected is UsageError:
        with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH must be a whole number") as info:
            dates.source_date_epoch()
        assert len(info.value.message) < 300
    else:
        moment = dates.source_date_epoch()
        assert (moment.isoformat() if moment else None) == expected


def test_an_os_error_anywhere_is_a_plain_located_message(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's boundary: an OSError no layer turned into a message is still not a bug report."""
    import kpitrack.definitions.init as init

    def full(directory: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(directory / "kpis"))

    monkeypatch.setattr(init, "create_workspace", full)
    run = cli(["init", str(tmp_path / "nieuw")])
    assert run.code == 1
    assert (
        run.err.strip()
        == f"kpitrack: {tmp_path}/nieuw/kpis: no space left on the device (the disk is full)"
    )
