"""Steps of features/versioning.feature: a target lowered with a reason, seen in report and diff."""

from __future__ import annotations

import html
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from kpitrack.cli import main

scenarios("versioning.feature")

REPOSITORY = Path(__file__).resolve().parents[1]  # the example workspace lives at the root
ENGLISH_REASON = "Less detective capacity"


def _git(root: Path, *args: str) -> str:
    identity = ["-c", "user.name=Programmabureau", "-c", "user.email=pb@example.org"]
    done = subprocess.run(
        ["git", "-C", str(root), *identity, "-c", "commit.gpgsign=false", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _kpitrack(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out = capsys.readouterr()
    return int(exit_info.value.code or 0), out.out, out.err


def _report(
    context: dict[str, Any], capsys: pytest.CaptureFixture[str], as_of: str, *extra: str
) -> Path:
    root: Path = context["root"]
    code, out, err = _kpitrack(
        capsys,
        "report",
        str(root),
        "--as-of",
        as_of,
        "--lang",
        "nl",
        "--format",
        "html",
        "--out",
        str(root.parent / "out"),
        *extra,
    )
    assert code == 0, err
    return Path(out.strip().splitlines()[-1])


@given(
    parsers.parse('het voorbeeldprogramma "{title}" in een git-repository'),
    target_fixture="context",
)
def example_in_git(title: str, tmp_path: Path) -> dict[str, Any]:
    root = tmp_path / "werkruimte"
    for part in ("programme", "kpis"):
        shutil.copytree(REPOSITORY / part, root / part)
    assert title in (root / "programme" / "programme.yaml").read_text(encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "Programma vastgesteld")
    return {"root": root}


@given(parsers.parse("de rapportage per {as_of} is gepubliceerd en vastgelegd in git"))
def published(context: dict[str, Any], capsys: pytest.CaptureFixture[str], as_of: str) -> None:
    _report(context, capsys, as_of, "--publish")
    _git(context["root"], "add", "reports/published.yaml")
    _git(context["root"], "commit", "-q", "-m", f"Rapportage per {as_of} gepubliceerd")


@when(
    parsers.parse(
        'het programmabureau de streefwaarde {period} van "{indicator}" per {day} '
        'verlaagt naar {value:d} met de reden "{reason}"'
    )
)
def lower_target(
    context: dict[str, Any], period: str, indicator: str, day: str, value: int, reason: str
) -> None:
    path = context["root"] / "kpis" / f"{indicator}.yaml"
    text = path.read_text(encoding="utf-8")
    entry = (
        f'  - {{period: "{period}", value: {value}, set: {day}, '
        f'reason: {{nl: "{reason}", en: "{ENGLISH_REASON}"}}}}\n'
    )
    # A revision is a new entry after the existing ones, never an edit of the old entry.
    last = text.rindex("  - {period:")
    end = text.index("\n", last) + 1
    path.write_text(text[:end] + entry + text[end:], encoding="utf-8")


@when("de wijziging vastlegt in git")
def commit_change(context: dict[str, Any]) -> None:
    _git(context["root"], "commit", "-q", "-am", "Streefwaarde bijgesteld")


@when(parsers.parse("de rapportage per {as_of} wordt gemaakt"))
def make_report(context: dict[str, Any], capsys: pytest.CaptureFixture[str], as_of: str) -> None:
    path = _report(context, capsys, as_of)
    context["page"] = html.unescape(path.read_text(encoding="utf-8"))


@when(parsers.parse('het programmabureau "{command}" uitvoert'))
def run_command(
    context: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    command: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(context["root"])
    args = shlex.split(command)
    assert args[0] == "kpitrack"
    context["code"], context["out"], context["err"] = _kpitrack(capsys, *args[1:])


def _section(page: str, start: str, end: str) -> str:
    begin = page.index(start)
    return page[begin : page.index(end, begin)]


@then(
    parsers.parse(
        'toont de rapportage bij "{indicator}" de streefwaarde {old:d} als vervangen '
        "en {new:d} als geldend"
    )
)
def both_targets(context: dict[str, Any], indicator: str, old: int, new: int) -> None:
    targets = _section(context["page"], f'aria-labelledby="ind-{indicator}-targets"', "</table>")
    context["targets"] = targets
    rows = targets.split("<tr")
    assert any(f">{old}<" in row and "vervangen" in row for row in rows), targets
    assert any(f">{new}<" in row and "van kracht" in row for row in rows), targets


@then(parsers.parse('staat de reden "{reason}" bij de streefwaarden'))
def reason_with_targets(context: dict[str, Any], reason: str) -> None:
    assert reason in context["targets"]
    context["reason"] = reason


@then(
    parsers.parse(
        'staat onder de wijzigingen sinds de vorige rapportage "{label}" van {old:d} '
        "naar {new:d} met de reden"
    )
)
def change_listed(context: dict[str, Any], label: str, old: int, new: int) -> None:
    changes = _section(context["page"], '<section id="changes"', "</section>")
    row = next(r for r in changes.split("<tr") if label in r)
    assert f">{old}<" in row
    assert f">{new} (reden: {context['reason']})<" in row


@then(parsers.parse("eindigt het commando met code {code:d}"))
def exit_code(context: dict[str, Any], code: int) -> None:
    assert context["code"] == code, context["err"]


@then(parsers.parse('toont de uitvoer "{text}"'))
def output_shows(context: dict[str, Any], text: str) -> None:
    assert text in context["out"]
