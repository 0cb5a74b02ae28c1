"""Fixtures of the versioning tests: small definitions as plain data, and git workspaces."""

from __future__ import annotations

import copy
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

PROGRAMME: dict[str, Any] = {
    "schema": "kpitrack/1",
    "id": "proef",
    "version": "2019.1",
    "title": {"nl": "Proefprogramma", "en": "Trial programme"},
    "owner": "Ministerie van Justitie en Veiligheid",
    "period": {"start": "2018-11-13", "end": "2022-12-31"},
    "languages": ["nl", "en"],
    "partners": [{"id": "politie", "name": "Nationale Politie"}, {"id": "om", "name": "OM"}],
    "codelists": {
        "regio": {"nl": "Regio", "en": "Region", "codes": {"noord": "Noord", "zuid": "Zuid"}}
    },
    "action_lines": [
        {
            "id": "AL1",
            "title": {"nl": "Basisaanpak", "en": "Basic approach"},
            "actions": [
                {
                    "id": "AL1.1",
                    "title": {"nl": "Opleiden", "en": "Training"},
                    "owner": "politie",
                    "due": "2020-12-31",
                    "milestones": [
                        {
                            "id": "AL1.1.a",
                            "title": {"nl": "Plan", "en": "Plan"},
                            "due": "2019-06-30",
                        }
                    ],
                },
                {
                    "id": "AL1.2",
                    "title": {"nl": "Capaciteit", "en": "Capacity"},
                    "owner": "om",
                    "due": "2021-12-31",
                },
            ],
        }
    ],
}

INDICATOR: dict[str, Any] = {
    "id": "zaken",
    "action_line": "AL1",
    "name": {"nl": "Zaken naar het OM", "en": "Cases sent to prosecution"},
    "definition": {"nl": "Aantal zaken", "en": "Number of cases"},
    "measure": "count",
    "unit": {"nl": "zaken", "en": "cases"},
    "direction": "increase",
    "frequency": "year",
    "owner": "politie",
    "source": {"nl": "Politie", "en": "Police"},
    "baseline": {"period": "2017", "value": 160},
    "targets": [
        {"period": "2019", "value": 190, "set": "2018-11-13"},
        {"period": "2022", "value": 240, "set": "2018-11-13"},
    ],
}


@pytest.fixture
def programme_data() -> dict[str, Any]:
    return copy.deepcopy(PROGRAMME)


@pytest.fixture
def indicator_data() -> dict[str, Any]:
    return copy.deepcopy(INDICATOR)


def write_workspace(
    root: Path, programme: dict[str, Any], indicators: list[dict[str, Any]]
) -> None:
    """Write definitions as YAML files; indicators not listed are removed."""
    (root / "programme").mkdir(parents=True, exist_ok=True)
    (root / "kpis").mkdir(exist_ok=True)
    (root / "programme" / "programme.yaml").write_text(
        yaml.safe_dump(programme, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    for old in (root / "kpis").glob("*.yaml"):
        old.unlink()
    for indicator in indicators:
        (root / "kpis" / f"{indicator['id']}.yaml").write_text(
            yaml.safe_dump(indicator, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a local identity; return stdout."""
    result = subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "-c",
            "user.name=Programmabureau",
            "-c",
            "user.email=programmabureau@example.org",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def commit_all(root: Path, message: str) -> str:
    git(root, "add", "-A", ".")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


REASON = {"nl": "Minder rechercheurs beschikbaar", "en": "Fewer detectives available"}


@dataclass
class History:
    """A git workspace: v1, then a target revision, a new indicator, a removed action."""

    root: Path
    commits: dict[str, str]


@pytest.fixture
def history(tmp_path: Path) -> History:
    """Workspace in a subdirectory of a repository (as in this project) with four commits."""
    repo = tmp_path / "repo"
    root = repo / "ws"
    root.mkdir(parents=True)
    git(repo, "init", "-q")
    programme, indicator = copy.deepcopy(PROGRAMME), copy.deepcopy(INDICATOR)
    write_workspace(root, programme, [indicator])
    commits = {"v1": commit_all(root, "Programme 2019.1")}
    indicator["targets"].append(
        {"period": "2022", "value": 220, "set": "2020-06-15", "reason": REASON}
    )
    programme["version"] = "2020.1"
    write_workspace(root, programme, [indicator])
    commits["target"] = commit_all(root, "Lower the 2022 target")
    victims = {
        **copy.deepcopy(INDICATOR),
        "id": "slachtoffers",
        "name": {"nl": "Geregistreerde slachtoffers", "en": "Registered victims"},
        "direction": "none",
        "owner": "om",
        "baseline": None,
        "targets": [],
    }
    del victims["baseline"]
    write_workspace(root, programme, [indicator, victims])
    commits["indicator"] = commit_all(root, "Add a context figure")
    del programme["action_lines"][0]["actions"][1]
    write_workspace(root, programme, [indicator, victims])
    commits["action"] = commit_all(root, "Drop action AL1.2")
    return History(root, commits)


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``kpitrack`` in-process through its error boundary; return code and output."""
    from kpitrack.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            main(list(args))
        captured = capsys.readouterr()
        return CliResult(int(exit_info.value.code or 0), captured.out, captured.err)

    return run
