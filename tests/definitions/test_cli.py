"""`kpitrack validate`, `schema` and `init` through the CLI: output, JSON shape, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kpitrack.cli import main
from kpitrack.definitions.schema import render, schema_documents

from .conftest import REPO


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_validate_the_example_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate", str(REPO)], capsys)
    # One warning, and a true one: the police capacity is to be reached in 2023, a year after
    # the programme (Kamerstuk 28638, nr. 177).
    assert code == 0
    assert err.count("(warning)") == 1 and "due-outside-programme (warning)" in err
    assert "samen-tegen-mensenhandel 2026.2" in out and out.strip().endswith("valid, 1 warning(s)")


def test_validate_reports_file_line_column_and_exits_1(
    make_case: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_case("unknown-action-line")
    code, _out, err = run(["validate", str(root)], capsys)
    assert code == 1
    assert err.splitlines() == [
        f"{root}/kpis/zaken.yaml:2:14: unknown-reference: action_line: action line 'AL9' does "
        "not exist; the programme has AL1, AL2"
    ]


def test_validate_json_shape(
    make_case: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_case("revision-without-reason")
    (root / "kpis" / "zaken.yaml").write_text(
        (root / "kpis" / "zaken.yaml").read_text().replace("AL1", "AL9")
    )
    code, out, _err = run(["validate", str(root), "--format", "json"], capsys)
    assert code == 1
    payload = json.loads(out)
    assert set(payload) == {"valid", "errors", "warnings"}
    assert payload["valid"] is False
    keys = {"file", "line", "column", "path", "code", "message"}
    assert [set(e) for e in payload["errors"]] == [keys]
    assert payload["errors"][0] | {"message": ""} == {
        "file": f"{root}/kpis/zaken.yaml",
        "line": 2,
        "column": 14,
        "path": "action_line",
        "code": "unknown-reference",
        "message": "",
    }
    assert [(w["code"], w["line"]) for w in payload["warnings"]] == [("target-reason-missing", 14)]


def test_validate_json_of_a_valid_workspace(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(REPO), "--format", "json"], capsys)
    assert code == 0
    result = json.loads(out)
    assert (result["valid"], result["errors"]) == (True, [])
    assert [w["code"] for w in result["warnings"]] == ["due-outside-programme"]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, _err = run(["validate", str(REPO), "--format", "xml"], capsys)
    assert code == 2


def test_init_creates_a_workspace_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nieuw"
    code, out, _ = run(["init", str(target)], capsys)
    assert code == 0 and "kpitrack validate" in out
    assert (target / ".gitignore").read_text().count("measurements/.lock") == 1
    assert "kpitrack validate" in (target / "README.md").read_text()
    assert sorted(p.name for p in (target / "schemas").iterdir()) == [
        "indicator.schema.json",
        "programme.schema.json",
    ]
    code, out, err = run(["validate", str(target)], capsys)
    assert (code, err) == (0, "")
    assert "2 action lines" in out and "3 indicators" in out


def test_init_starter_has_a_breakdown_and_milestones(tmp_path: Path) -> None:
    from kpitrack.definitions.init import create_workspace
    from kpitrack.definitions.load import read_definitions

    create_workspace(tmp_path / "ws")
    loaded = read_definitions(tmp_path / "ws")
    programme, indicators, problems = loaded.programme, loaded.indicators, loaded.problems
    assert problems == [] and programme is not None
    assert any(i.dimensions for i in indicators.values())
    assert all(a.milestones for al in programme.action_lines for a in al.actions)
    assert 3 <= sum(len(al.actions) for al in programme.action_lines) <= 4


def test_init_refuses_a_directory_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    code, _out, err = run(["init", str(tmp_path)], capsys)
    assert code == 1
    assert "not empty" in err and "Traceback" not in err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_init_accepts_an_empty_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, _err = run(["init", str(tmp_path)], capsys)
    assert code == 0 and (tmp_path / "programme" / "programme.yaml").is_file()


def test_committed_schemas_equal_the_generated_ones() -> None:
    for name, document in schema_documents().items():
        assert (REPO / "schemas" / name).read_text(encoding="utf-8") == render(document), name


def test_schema_command_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema", "--out", str(tmp_path / "s")], capsys)
    assert code == 0 and len(out.splitlines()) == 2
    programme = json.loads((tmp_path / "s" / "programme.schema.json").read_text())
    assert programme["properties"]["action_lines"]["description"] == "The action lines."
    assert "schema" in programme["required"]  # by alias
    codelist = programme["$defs"]["Codelist"]
    assert codelist["required"] == ["codes"] and "additionalProperties" in codelist


def test_every_example_yaml_names_its_schema() -> None:
    files = [REPO / "programme" / "programme.yaml", *sorted((REPO / "kpis").glob("*.yaml"))]
    starter = REPO / "src" / "kpitrack" / "starter"
    files += [starter / "programme" / "programme.yaml", *sorted((starter / "kpis").glob("*.yaml"))]
    for path in files:
        kind = "programme" if path.parent.name == "programme" else "indicator"
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json", path


def test_validate_also_reads_the_measurement_store(
    make_case: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_case("")
    submission = tmp_path / "cijfers.csv"
    submission.write_text(
        "indicator,period,value,region,obs_status,lower,upper,note\n"
        "zaken,2020,120,,A,,,\nzaken,2020,70,noord,A,,,\n",
        encoding="utf-8",
    )
    code, _, err = run(
        ["submit", str(submission), "--partner", "politie", "--workspace", str(root)], capsys
    )
    assert code == 0, err
    assert run(["validate", str(root), "--format", "json"], capsys)[0] == 0
    # The codelist loses the code a stored row uses: validate must look into the store.
    programme = root / "programme" / "programme.yaml"
    programme.write_text(programme.read_text().replace("noord: Noord, ", ""))
    code, out, _ = run(["validate", str(root), "--format", "json"], capsys)
    warnings = json.loads(out)["warnings"]
    assert code == 0
    assert ["measurements/" in w["file"] for w in warnings] == [True]
