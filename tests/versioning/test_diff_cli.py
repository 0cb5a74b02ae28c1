"""`kpitrack diff OLD NEW` between git revisions and directories: output and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import History, git


def test_target_revision_between_commits(history: History, cli, monkeypatch) -> None:
    monkeypatch.chdir(history.root)
    result = cli("diff", "HEAD~3", "HEAD~2")
    assert result.code == 1, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"--- HEAD~3 (version 2019.1, {history.commits['v1'][:7]})"
    assert lines[1] == f"+++ HEAD~2 (version 2020.1, {history.commits['target'][:7]})"
    assert '~ programme proef version: "2019.1" → "2020.1"' in lines
    assert (
        "~ indicator zaken target 2022 revised: 240 (set 2018-11-13) → 220 (set 2020-06-15; "
        "reason: nl: Minder rechercheurs beschikbaar | en: Fewer detectives available)"
    ) in lines
    assert lines[-1] == "2 change(s)"


def test_new_indicator_and_removed_action_in_json(history: History, cli, monkeypatch) -> None:
    monkeypatch.chdir(history.root)
    result = cli("diff", history.commits["target"], "HEAD", "--format", "json")
    assert result.code == 1, result.err
    payload = json.loads(result.out)
    assert payload["old"] == {
        "source": history.commits["target"],
        "commit": history.commits["target"],
        "version": "2020.1",
    }
    assert payload["new"]["commit"] == history.commits["action"]
    assert [(c["kind"], c["entity"], c["id"], c["parent"]) for c in payload["changes"]] == [
        ("removed", "action", "AL1.2", "AL1"),
        ("added", "indicator", "slachtoffers", "AL1"),
    ]
    added = payload["changes"][1]["after"]
    assert added["name"] == {"nl": "Geregistreerde slachtoffers", "en": "Registered victims"}
    assert payload["changes"][0]["before"]["due"] == "2021-12-31"
    assert payload["count"] == 2


def test_same_definitions_exit_zero(history: History, cli, monkeypatch) -> None:
    monkeypatch.chdir(history.root)
    result = cli("diff", "HEAD", ".")
    assert (result.code, result.out.splitlines()[-1]) == (0, "no definition changes")
    assert json.loads(cli("diff", "HEAD", "HEAD", "--format", "json").out)["changes"] == []


def test_working_tree_edits_are_seen_and_left_alone(history: History, cli, monkeypatch) -> None:
    monkeypatch.chdir(history.root)
    kpi = history.root / "kpis" / "zaken.yaml"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("Politie", "Politie, jaarverslag"))
    before = git(history.root, "status", "--porcelain")
    result = cli("diff", "HEAD", ".")
    assert result.code == 1
    assert '~ indicator zaken source [nl]: "Politie" → "Politie, jaarverslag"' in result.out
    assert "[en]" not in result.out
    assert git(history.root, "status", "--porcelain") == before


def test_two_directories_outside_git(history: History, cli, tmp_path: Path, monkeypatch) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(history.root, old)
    shutil.copytree(history.root, new)
    (new / "kpis" / "slachtoffers.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    result = cli("diff", str(old), str(new))
    assert result.code == 1
    assert result.out.splitlines()[:2] == [
        f"--- {old} (version 2020.1)",
        f"+++ {new} (version 2020.1)",
    ]
    assert "- indicator slachtoffers: nl: Geregistreerde slachtoffers" in result.out


@pytest.mark.parametrize("revision", ["no-such-tag", "HEAD~9", "--output=x"])
def test_unknown_revision_is_usage_error(history: History, cli, monkeypatch, revision) -> None:
    monkeypatch.chdir(history.root)
    result = (
        cli("diff", "HEAD", revision) if revision[0] != "-" else cli("diff", "HEAD", "--", revision)
    )
    assert result.code == 2
    assert "revision" in result.err and "Traceback" not in result.err
    assert result.out == ""


def test_revision_outside_git_is_usage_error(tmp_path: Path, cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("diff", "HEAD~1", "HEAD")
    assert result.code == 2
    assert "not inside a git repository" in result.err


def test_invalid_definitions_at_revision_are_usage_error(
    history: History, cli, monkeypatch
) -> None:
    monkeypatch.chdir(history.root)
    kpi = history.root / "kpis" / "zaken.yaml"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("direction: increase", "direction: up"))
    git(history.root, "commit", "-q", "-am", "Broken direction")
    result = cli("diff", "HEAD~1", "HEAD")
    assert result.code == 2
    assert "HEAD:kpis/zaken.yaml:" in result.err  # located in the broken revision
    assert "the definitions in 'HEAD' are invalid" in result.err
    assert "kpitrack-rev-" not in result.err  # the temporary export stays invisible


def test_revision_without_definitions_names_the_revision(history: History, cli, monkeypatch):
    monkeypatch.chdir(history.root)
    git(history.root, "checkout", "-q", "--orphan", "leeg")
    git(history.root, "rm", "-rq", "--cached", ".")
    git(history.root, "commit", "-q", "--allow-empty", "-m", "Empty")
    result = cli("diff", "leeg", history.commits["v1"])
    assert result.code == 2
    assert "leeg:programme/programme.yaml: missing-programme" in result.err
    assert "kpitrack-rev-" not in result.err
