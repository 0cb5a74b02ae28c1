"""Definitions: model errors and cross-references, each at its exact file:line:column."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kpitrack.cli.problems import validation_summary
from kpitrack.definitions.load import read_definitions
from kpitrack.workspace import check_workspace

from .conftest import FIXTURES, REPO

P = "programme/programme.yaml"
K = "kpis/zaken.yaml"

# case → every problem it must produce: (file, line, column, code, path)
CASES: dict[str, list[tuple[str, int, int, str, str]]] = {
    "unknown-key": [(P, 23, 9, "unknown-key", "action_lines[0].actions[0].titel")],
    "unknown-owner": [(P, 31, 16, "unknown-reference", "action_lines[1].actions[0].owner")],
    "duplicate-action-id": [
        (P, 25, 18, "duplicate-id", "action_lines[0].actions[0].milestones[0].id")
    ],
    "stray-language-key": [(P, 4, 28, "language-unknown", "title.jaarverslag")],
    "missing-language": [(P, 27, 12, "language-missing", "action_lines[1].title")],
    "duplicate-partner": [
        (K, 9, 8, "unknown-reference", "owner"),
        (P, 10, 10, "duplicate-id", "partners[1].id"),
        (P, 31, 16, "unknown-reference", "action_lines[1].actions[0].owner"),
    ],
    "missing-key": [(P, 29, 9, "missing-key", "action_lines[1].actions[0].due")],
    "invalid-choice": [(P, 8, 24, "invalid-value", "reporting.frequency")],
    "invalid-id": [(P, 2, 5, "invalid-value", "id")],
    "unquoted-version": [(P, 3, 10, "invalid-value", "version")],
    "invalid-date": [(P, 23, 14, "invalid-value", "action_lines[0].actions[0].due")],
    "unknown-action-line": [(K, 2, 14, "unknown-reference", "action_line")],
    "unknown-dimension": [(K, 8, 14, "unknown-reference", "dimensions[0]")],
    "target-outside-programme": [(K, 13, 14, "period-outside-programme", "targets[0].period")],
    "percentage-range": [
        (K, 11, 35, "percentage-range", "baseline.value"),
        (K, 13, 29, "percentage-range", "targets[0].value"),
    ],
    "duplicate-target": [(K, 14, 5, "duplicate-target", "targets[1]")],
    "period-frequency": [(K, 13, 14, "period-frequency", "targets[0].period")],
    "id-file-name": [(K, 1, 5, "id-file-name", "id")],
    "unknown-indicator-owner": [(K, 9, 8, "unknown-reference", "owner")],
    "invalid-measure": [(K, 5, 10, "invalid-value", "measure")],
    "target-before-baseline": [(K, 13, 14, "target-before-baseline", "targets[0].period")],
}


def located(root: Path) -> list[tuple[str, int | None, int | None, str, str | None]]:
    check = check_workspace(root)
    errors, _warnings, _summary = check.errors, check.warnings, validation_summary(check)
    return [
        (Path(p.file or "").relative_to(root).as_posix(), p.line, p.column, p.code, p.path)
        for p in errors
    ]


def test_the_base_fixture_is_valid(make_case: Callable[[str], Path]) -> None:
    check = check_workspace(make_case(""))
    errors, warnings, summary = check.errors, check.warnings, validation_summary(check)
    assert errors == [] and warnings == []
    assert summary.endswith("— valid")


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_rejection_is_located(make_case: Callable[[str], Path], case: str) -> None:
    assert located(make_case(case)) == CASES[case]


def test_every_case_fixture_is_tested() -> None:
    assert sorted(p.name for p in (FIXTURES / "cases").iterdir()) == sorted(
        [*CASES, "revision-without-reason"]
    )


def test_messages_say_what_would_be_valid(make_case: Callable[[str], Path]) -> None:
    def message(case: str) -> str:
        check = check_workspace(make_case(case))
        errors, _, _ = check.errors, check.warnings, validation_summary(check)
        return errors[0].message

    assert "valid keys are: id, title, description, owner, due, milestones" in message(
        "unknown-key"
    )
    assert "did you mean 'title'" in message("unknown-key")
    assert "valid values: year, half-year, quarter, month" in message("invalid-choice")
    assert "lower-case letters, digits" in message("invalid-id")
    assert 'quote it: "1.0"' in message("unquoted-version")
    assert "the programme has AL1, AL2" in message("unknown-action-line")
    assert "unquoted comma" in message("stray-language-key")


def test_a_revision_without_reason_is_a_warning(make_case: Callable[[str], Path]) -> None:
    check = check_workspace(make_case("revision-without-reason"))
    errors, warnings, summary = check.errors, check.warnings, validation_summary(check)
    assert errors == []
    assert [(w.line, w.column, w.code, w.severity) for w in warnings] == [
        (14, 5, "target-reason-missing", "warning")
    ]
    assert "1 warning" in summary


def test_a_revision_with_reason_is_fine(make_case: Callable[[str], Path]) -> None:
    root = make_case("revision-without-reason")
    path = root / "kpis" / "zaken.yaml"
    path.write_text(
        path.read_text().replace(
            "set: 2021-03-01}",
            "set: 2021-03-01, reason: {nl: Minder capaciteit, en: Less capacity}}",
        )
    )
    assert (check_workspace(root).errors, check_workspace(root).warnings) == ([], [])


def test_the_example_programme_is_valid() -> None:
    check = check_workspace(REPO)
    errors, warnings, summary = check.errors, check.warnings, validation_summary(check)
    assert errors == [] and [w.code for w in warnings] == ["due-outside-programme"]
    assert summary.startswith("programme samen-tegen-mensenhandel 2026.2: 5 action lines")
    loaded = read_definitions(REPO)
    programme, indicators, _ = loaded.programme, loaded.indicators, loaded.problems
    assert programme is not None
    assert len(indicators) >= 12
    assert sum(len(al.actions) for al in programme.action_lines) >= 15
    assert len(programme.codelists["region"].codes) == 10
    targets = {(t.period, t.value) for t in indicators["zaken-naar-om"].targets}
    assert targets == {("2019", 190), ("2022", 240)}
    assert indicators["zaken-naar-om"].baseline is None
    assert indicators["comensha-registraties"].direction == "none"


def test_all_problems_of_a_run_are_collected(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(FIXTURES / "base", root)
    (root / "kpis" / "zaken.yaml").write_text(
        (root / "kpis" / "zaken.yaml")
        .read_text()
        .replace("action_line: AL1", "action_line: AL7")
        .replace("owner: politie", "owner: om")
        .replace("dimensions: [region]", "dimensions: [regio]")
    )
    shutil.copy(FIXTURES / "yaml" / "three-problems.yaml", root / "kpis" / "three-problems.yaml")
    errors = located(root)
    assert [e[3] for e in errors if e[0] == K] == ["unknown-reference"] * 3
    three = [e for e in errors if e[0] == "kpis/three-problems.yaml"]
    assert [e[1:4] for e in three if e[3].startswith("yaml-")] == [
        (2, 12, "yaml-ambiguous-scalar"),
        (3, 1, "yaml-duplicate-key"),
        (4, 6, "yaml-ambiguous-scalar"),
    ]
    # The file also misses required keys; those are reported too, not instead.
    assert {e[3] for e in three} == {
        "yaml-ambiguous-scalar",
        "yaml-duplicate-key",
        "missing-key",
        "unknown-key",
    }


def test_a_missing_programme_is_a_clear_error(tmp_path: Path) -> None:
    check = check_workspace(tmp_path)
    errors, _warnings, summary = check.errors, check.warnings, validation_summary(check)
    assert [e.code for e in errors] == ["missing-programme"]
    assert "programme/ directory" in errors[0].message
    assert "no valid programme" in summary


def test_a_missing_workspace_is_a_clear_error(tmp_path: Path) -> None:
    check = check_workspace(tmp_path / "nope")
    errors, _, _ = check.errors, check.warnings, validation_summary(check)
    assert [e.code for e in errors] == ["missing-workspace"]


def test_a_yml_file_is_not_silently_ignored(make_case: Callable[[str], Path]) -> None:
    root = make_case("")
    (root / "kpis" / "extra.yml").write_text("id: extra\n")
    assert [(e[0], e[3]) for e in located(root)] == [("kpis/extra.yml", "file-name")]


def test_an_empty_indicator_file_is_an_error(make_case: Callable[[str], Path]) -> None:
    root = make_case("")
    (root / "kpis" / "leeg.yaml").write_text("# nothing yet\n")
    assert [(e[0], e[1], e[3]) for e in located(root)] == [("kpis/leeg.yaml", 1, "not-a-mapping")]


def test_a_partner_name_of_the_wrong_kind(make_case: Callable[[str], Path]) -> None:
    root = make_case("")
    path = root / P
    path.write_text(path.read_text().replace("name: Bureau}", "name: [Bureau]}"))
    errors = located(root)
    assert errors == [(P, 9, 24, "invalid-value", "partners[0].name")]


def test_dates_that_do_not_fit_the_programme_are_warnings(tmp_path: Path) -> None:
    from small_workspace import write_small_workspace

    root = write_small_workspace(tmp_path / "ws")
    programme = root / "programme" / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    text = text.replace("due: 2020-12-31", "due: 2023-06-30")  # the action: after the programme
    text = text.replace("due: 2019-12-31, owner: ngo", "due: 2024-01-31, owner: ngo")
    programme.write_text(text, encoding="utf-8")
    zaken = root / "kpis" / "zaken.yaml"
    zaken.write_text(
        zaken.read_text(encoding="utf-8").replace(
            "targets:\n", 'targets:\n  - {period: "2021", value: 200, set: 2023-02-01}\n'
        ),
        encoding="utf-8",
    )
    check = check_workspace(root)
    assert check.errors == []
    found = sorted((w.code, w.path) for w in check.warnings)
    assert found == [
        ("due-outside-programme", "action_lines[0].actions[0].due"),
        ("due-outside-programme", "action_lines[0].actions[0].milestones[1].due"),
        ("milestone-after-action", "action_lines[0].actions[0].milestones[1].due"),
        ("target-set-after-programme", "targets[0].set"),
    ]
    assert all(w.line for w in check.warnings)
