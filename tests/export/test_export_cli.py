"""``kpitrack export`` on the command line: paths printed, same input → same bytes, and errors
for people with the exit codes of design §7 (1 invalid input, 2 usage)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kpitrack.cli import main

AS_OF = "2022-12-31"
CASES = [
    ("sdmx-csv", "observations", "figures.csv"),
    ("csv", "observations", "history.csv"),
    ("xlsx", "observations", "history.xlsx"),
    ("csv", "status", "status.csv"),
    ("xlsx", "status", "status.xlsx"),
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def export(
    capsys: pytest.CaptureFixture[str], root: Path, out: Path, *args: str
) -> tuple[int, str, str]:
    return run(capsys, "export", str(root), "--as-of", AS_OF, "--out", str(out), *args)


@pytest.mark.parametrize(("format", "what", "name"), CASES)
def test_same_store_and_as_of_give_byte_identical_files(
    capsys: pytest.CaptureFixture[str],
    small_workspace: Path,
    tmp_path: Path,
    format: str,
    what: str,
    name: str,
) -> None:
    contents = []
    for run_dir in ("one", "two"):
        out = tmp_path / run_dir / name
        code, printed, err = export(
            capsys, small_workspace, out, "--format", format, "--what", what
        )
        assert (code, err) == (0, "")
        paths = [Path(line) for line in printed.splitlines()]
        assert paths[0] == out and all(p.is_file() for p in paths)
        contents.append({p.name: p.read_bytes() for p in paths})
    assert contents[0] == contents[1]
    assert not list(tmp_path.rglob(".*.tmp"))


def test_the_example_exports_and_prints_the_three_files(
    capsys: pytest.CaptureFixture[str], example_workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "open-data" / "samen-tegen-mensenhandel.csv"
    code, printed, _ = export(capsys, example_workspace, out, "--format", "sdmx-csv")
    assert code == 0
    assert printed.splitlines() == [
        str(out),
        str(out.with_name("samen-tegen-mensenhandel.structure.xml")),
        str(out.with_name("datapackage.json")),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "json"], "--format"),
        (["--format", "sdmx-csv", "--what", "status"], "observations"),
        (["--format", "xlsx"], ".xlsx"),
        (["--format", "csv", "--as-of", "31-12-2022"], "--as-of"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str],
    small_workspace: Path,
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    code, _, err = run(
        capsys, "export", str(small_workspace), "--out", str(tmp_path / "x.csv"), *args
    )
    assert code == 2 and message in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()


def test_out_is_required_and_a_directory_is_not_a_file(
    capsys: pytest.CaptureFixture[str], small_workspace: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export", str(small_workspace), "--format", "csv")
    assert code == 2 and "--out" in err
    (tmp_path / "dir.csv").mkdir()
    code, _, err = export(capsys, small_workspace, tmp_path / "dir.csv", "--format", "csv")
    assert code == 2 and "is a directory" in err


def test_an_unwritable_place_is_invalid_input_with_the_path_named(
    capsys: pytest.CaptureFixture[str], small_workspace: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where a directory should be\n")
    out = blocker / "figures.csv"
    code, _, err = export(capsys, small_workspace, out, "--format", "sdmx-csv")
    assert code == 1
    assert f"cannot write {out}: {blocker} is a file" in err and "Traceback" not in err
    if os.geteuid() != 0:  # root writes anywhere; a read-only directory stops anyone else
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        code, _, err = export(capsys, small_workspace, locked / "x.csv", "--format", "csv")
        assert code == 1 and "cannot write" in err


def test_an_empty_store_says_there_is_nothing_to_export(
    capsys: pytest.CaptureFixture[str], empty_workspace: Path, tmp_path: Path
) -> None:
    for format in ("sdmx-csv", "csv", "xlsx"):
        name = "x.xlsx" if format == "xlsx" else "x.csv"
        code, _, err = export(capsys, empty_workspace, tmp_path / name, "--format", format)
        assert code == 1 and "nothing to export" in err and "kpitrack submit" in err
    assert list(tmp_path.iterdir()) == [empty_workspace]
    # Statuses exist without figures: every indicator without data.
    code, _, _ = export(
        capsys, empty_workspace, tmp_path / "s.csv", "--format", "csv", "--what", "status"
    )
    assert code == 0 and "no_data" in (tmp_path / "s.csv").read_text()


def test_no_figure_up_to_the_as_of_date_is_said_so(
    capsys: pytest.CaptureFixture[str], small_workspace: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys,
        "export",
        str(small_workspace),
        "--format",
        "csv",
        "--as-of",
        "2018-06-30",
        "--out",
        str(tmp_path / "x.csv"),
    )
    assert code == 1 and "2018-06-30" in err


def test_an_invalid_workspace_is_reported_not_exported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = export(capsys, tmp_path / "nowhere", tmp_path / "x.csv", "--format", "csv")
    assert code == 1 and "Traceback" not in err and err
