"""Commentary per language: ``<name>.<lang>.md``; a plain ``<name>.md`` serves the first language
only, with a warning; a file whose name matches nothing is an error in validate and report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kpitrack.definitions.init import create_workspace

AS_OF = "2024-12-31"


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    from kpitrack.cli import main

    def run(*args: str) -> Run:
        capsys.readouterr()
        with pytest.raises(SystemExit) as done:
            main(list(args))
        captured = capsys.readouterr()
        return Run(int(done.value.code or 0), captured.out, captured.err)

    return run


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    create_workspace(root)  # languages: [nl, en]
    (root / "commentary" / AS_OF).mkdir(parents=True)
    return root


def _write(ws: Path, name: str, text: str) -> None:
    (ws / "commentary" / AS_OF / name).write_text(text, encoding="utf-8")


def _report(cli, ws: Path, lang: str) -> tuple[Run, str]:
    out = ws.parent / f"out-{lang}"
    run = cli("report", str(ws), "--as-of", AS_OF, "--lang", lang, "--format", "html",
              "--out", str(out))  # fmt: skip
    pages = list(out.glob("*.html"))
    return run, pages[0].read_text(encoding="utf-8") if pages else ""


def test_each_language_reads_its_own_commentary(cli, ws):
    _write(ws, "summary.nl.md", "Nederlandse toelichting.\n")
    _write(ws, "summary.en.md", "English summary.\n")
    _write(ws, "AL1.en.md", "Only in English.\n")
    run, dutch = _report(cli, ws, "nl")
    assert run.code == 0, run.err
    assert "Nederlandse toelichting." in dutch and "English summary." not in dutch
    assert "Only in English." not in dutch
    run, english = _report(cli, ws, "en")
    assert "English summary." in english and "Nederlandse toelichting." not in english
    assert "Only in English." in english
    assert run.err == "" and cli("validate", str(ws)).code == 0


def test_a_plain_file_serves_the_first_language_only_with_a_warning(cli, ws):
    _write(ws, "summary.md", "Toelichting zonder taal.\n")
    run, dutch = _report(cli, ws, "nl")
    assert run.code == 0
    assert "Toelichting zonder taal." in dutch
    assert "commentary-plain" in run.err and "summary.nl.md" in run.err
    run, english = _report(cli, ws, "en")
    assert run.code == 0 and "Toelichting zonder taal." not in english
    check = cli("validate", str(ws))
    assert check.code == 0 and "commentary-plain" in check.err


@pytest.mark.parametrize("name", ["samenvatting.md", "summary.de.md", "AL9.nl.md", "notes.txt"])
def test_a_file_that_matches_nothing_is_an_error(cli, ws, name):
    _write(ws, name, "Wordt dit gelezen?\n")
    check = cli("validate", str(ws))
    assert check.code == 1
    assert f"{name}: commentary-unknown: " in check.err and "<name>.en.md" in check.err
    run, page = _report(cli, ws, "nl")
    assert run.code == 1 and page == ""
    assert f"{name}: commentary-unknown: " in run.err


def test_a_plain_and_a_dutch_file_for_one_summary_are_an_error(cli, ws):
    _write(ws, "summary.md", "a\n")
    _write(ws, "summary.nl.md", "b\n")
    check = cli("validate", str(ws))
    assert check.code == 1 and "commentary-twice" in check.err


def test_a_commentary_folder_that_is_not_a_date_is_an_error(cli, ws):
    (ws / "commentary" / "concept").mkdir()
    check = cli("validate", str(ws))
    assert check.code == 1 and "commentary/concept is not a report date" in check.err
