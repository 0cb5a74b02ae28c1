"""Steps of features/ministry_staff.feature: ministry staff edit and validate definitions."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from kpitrack.cli import main

scenarios("ministry_staff.feature")

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture
def context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    # Commands run inside the workspace, as staff would in their checkout.
    monkeypatch.chdir(tmp_path)
    return {"root": tmp_path}


@given(parsers.parse('een kopie van het voorbeeldprogramma "{title}"'))
def example_copy(context: dict[str, Any], title: str) -> None:
    root: Path = context["root"]
    for part in ("programme", "kpis"):
        shutil.copytree(REPOSITORY / part, root / part)
    assert title in (root / "programme" / "programme.yaml").read_text(encoding="utf-8")


@given(parsers.parse('in "{file}" is "{old}" vervangen door "{new}"'))
def replace_text(context: dict[str, Any], file: str, old: str, new: str) -> None:
    path: Path = context["root"] / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


@given(parsers.parse('in "{file}" staat onderaan nog eens "{line}"'))
def append_line(context: dict[str, Any], file: str, line: str) -> None:
    path: Path = context["root"] / file
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + line + "\n", encoding="utf-8")


@given(parsers.parse('een lege map "{name}"'))
def empty_directory(context: dict[str, Any], name: str) -> None:
    (context["root"] / name).mkdir()


@when(parsers.parse('het programmabureau "{command}" uitvoert'))
def run_command(context: dict[str, Any], command: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = shlex.split(command)
    assert args[0] == "kpitrack"
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(args[1:])
    captured = capsys.readouterr()
    context.update(code=int(exit_info.value.code or 0), out=captured.out, err=captured.err)


@then(parsers.parse("eindigt het commando met code {code:d}"))
def exit_code(context: dict[str, Any], code: int) -> None:
    assert context["code"] == code, context["err"]


@then(parsers.parse('toont de uitvoer "{text}"'))
def output_shows(context: dict[str, Any], text: str) -> None:
    assert text in context["out"]


@then(parsers.parse('meldt kpitrack "{text}"'))
def error_reported(context: dict[str, Any], text: str) -> None:
    assert any(line.startswith(text) for line in context["err"].splitlines()), context["err"]


@then(parsers.parse('noemt de melding de bestaande actielijnen "{listing}"'))
def names_valid_action_lines(context: dict[str, Any], listing: str) -> None:
    assert f"the programme has {listing}" in context["err"]
