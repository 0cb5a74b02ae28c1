"""``datapackage.json`` beside each CSV export: every column described, and the Frictionless
validator passes the package (and fails it when a file breaks its description)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kpitrack.export.build import write_export

AS_OF = date(2022, 12, 31)
EXPORTS = [("sdmx-csv", "observations"), ("csv", "observations"), ("csv", "status")]


@pytest.fixture(scope="module", params=["small", "example"])
def package_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory with the three CSV exports of a workspace and their one package."""
    root = request.getfixturevalue(f"{request.param}_workspace")
    out = tmp_path_factory.mktemp("package")
    for format, what in EXPORTS:
        name = f"{format}-{what}.csv"
        write_export(root, format=format, what=what, out=out / name, as_of=AS_OF)
    return out


def test_frictionless_passes_the_package(
    package_dir: Path, frictionless_validate: Callable[..., Any]
) -> None:
    report = frictionless_validate(package_dir / "datapackage.json")
    assert report.valid, report.flatten(["title", "note"])
    assert sorted(task.name for task in report.tasks) == [
        "csv-observations",
        "csv-status",
        "sdmx-csv-observations",
    ]
    assert all(task.stats["rows"] > 0 for task in report.tasks)


def test_every_column_is_described_with_its_type_and_the_key(package_dir: Path) -> None:
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    for resource in descriptor["resources"]:
        header = next(csv.reader(io.StringIO((package_dir / resource["path"]).read_text("utf-8"))))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header
        assert all(f["type"] and f["description"] for f in fields)
        assert resource["schema"]["missingValues"] == [""]
        assert set(resource["schema"]["primaryKey"]) <= set(header)
        assert resource["encoding"] == "utf-8" and resource["dialect"]["delimiter"] == ","


@pytest.mark.parametrize(
    ("column", "bad"),
    [("value", "zes"), ("indicator", "onbekend"), ("received", "gisteren"), ("submission", "")],
)
def test_the_validator_catches_a_file_that_breaks_its_description(
    small_workspace: Path,
    tmp_path: Path,
    column: str,
    bad: str,
    frictionless_validate: Callable[..., Any],
) -> None:
    write_export(small_workspace, format="csv", out=tmp_path / "history.csv", as_of=AS_OF)
    broken = tmp_path / "broken"
    shutil.copytree(tmp_path, broken, ignore=shutil.ignore_patterns("broken"))
    path = broken / "history.csv"
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
    rows[1][rows[0].index(column)] = bad
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    assert frictionless_validate(tmp_path / "datapackage.json").valid
    assert not frictionless_validate(broken / "datapackage.json").valid


def test_an_export_to_the_same_directory_replaces_its_own_resource_only(
    small_workspace: Path, tmp_path: Path
) -> None:
    write_export(small_workspace, format="csv", out=tmp_path / "a.csv", as_of=AS_OF)
    write_export(small_workspace, format="csv", what="status", out=tmp_path / "b.csv", as_of=AS_OF)
    first = (tmp_path / "datapackage.json").read_bytes()
    write_export(small_workspace, format="csv", out=tmp_path / "a.csv", as_of=AS_OF)
    assert (tmp_path / "datapackage.json").read_bytes() == first
    (tmp_path / "b.csv").unlink()
    write_export(small_workspace, format="csv", out=tmp_path / "a.csv", as_of=AS_OF)
    names = [
        r["name"] for r in json.loads((tmp_path / "datapackage.json").read_text())["resources"]
    ]
    assert names == ["a"]
