"""Git cannot be fooled, and a workspace's git configuration cannot run anything.

Publishing compares the definitions with HEAD's blobs byte for byte; ``diff`` reads revisions
from git objects; no configured command (fsmonitor, filters, hooks) ever runs. Publishing
records the store's chain head, and ``verify`` checks the ledger still passes through it.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from pathlib import Path

import pytest
import yaml

from kpitrack.versioning.published import read_published

from .conftest import INDICATOR, History, commit_all, git


def publish(cli, root: Path, out: Path, as_of: str = "2020-12-31"):  # type: ignore[no-untyped-def]
    return cli(
        "report", str(root), "--as-of", as_of, "--format", "html", "--out", str(out), "--publish"
    )


def assert_refused(result, root: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    assert result.code == 1, result.err
    assert "cannot publish: the definitions differ from the last commit (HEAD)" in result.err
    assert str(root / name) in result.err
    assert not (root / "reports" / "published.yaml").exists()


def test_an_ignored_extra_definition_file_blocks_publishing(
    history: History, tmp_path: Path, cli
) -> None:
    # Stops: an indicator git does not show (ignored) entering a report published as "committed".
    root = history.root
    (root / ".gitignore").write_text("kpis/extra.yaml\n", encoding="utf-8")
    commit_all(root, "Ignore a file")
    extra = {**copy.deepcopy(INDICATOR), "id": "extra"}
    (root / "kpis" / "extra.yaml").write_text(yaml.safe_dump(extra), encoding="utf-8")
    assert git(root, "status", "--porcelain") == ""  # git status sees nothing
    assert_refused(publish(cli, root, tmp_path / "out"), root, "kpis/extra.yaml")


@pytest.mark.parametrize("flag", ["--skip-worktree", "--assume-unchanged"])
def test_a_hidden_edit_blocks_publishing(history: History, tmp_path: Path, cli, flag: str) -> None:
    # Stops: an edit the index is told to overlook (skip-worktree / assume-unchanged).
    root = history.root
    git(root, "update-index", flag, "kpis/zaken.yaml")
    kpi = root / "kpis" / "zaken.yaml"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("value: 220", "value: 120"))
    assert git(root, "status", "--porcelain") == ""
    assert_refused(publish(cli, root, tmp_path / "out"), root, "kpis/zaken.yaml")


def test_an_untracked_definition_file_blocks_publishing(
    history: History, tmp_path: Path, cli
) -> None:
    root = history.root
    (root / "programme" / "notes.txt").write_text("x", encoding="utf-8")
    assert_refused(publish(cli, root, tmp_path / "out"), root, "programme/notes.txt")


def test_export_ignore_cannot_hide_a_changed_target(history: History, cli, monkeypatch) -> None:
    # Stops: a committed .gitattributes keeping the changed file out of `git archive`.
    root = history.root
    (root / ".gitattributes").write_text("kpis/zaken.yaml export-ignore\n", encoding="utf-8")
    before = commit_all(root, "Attributes")
    kpi = root / "kpis" / "zaken.yaml"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("value: 220", "value: 120"))
    after = commit_all(root, "Quietly lower the target")
    monkeypatch.chdir(root)
    result = cli("diff", before, after, "--format", "json")
    assert result.code == 1, result.out + result.err
    changes = json.loads(result.out)["changes"]
    assert [(c["entity"], c["id"], c["after"]["value"]) for c in changes] == [
        ("target", "zaken", 120)
    ]


def test_configured_commands_never_run(history: History, tmp_path: Path, cli, monkeypatch) -> None:
    # Stops: a workspace's git configuration running code: an fsmonitor hook (run by
    # `git status`), a smudge filter (run by `git archive`), a pager, an external diff.
    root = history.root
    marker = tmp_path / "ran"
    script = tmp_path / "evil.sh"
    script.write_text(f'#!/bin/sh\necho "$0 $*" >> {marker}\ncat\n', encoding="utf-8")
    script.chmod(0o755)
    (root / ".gitattributes").write_text("*.yaml filter=evil\n", encoding="utf-8")
    commit_all(root, "Attributes")
    git(root, "config", "core.fsmonitor", str(script))
    git(root, "config", "filter.evil.smudge", str(script))
    git(root, "config", "filter.evil.clean", str(script))
    git(root, "config", "core.pager", str(script))
    git(root, "config", "diff.external", str(script))
    monkeypatch.setenv("GIT_EXTERNAL_DIFF", str(script))
    monkeypatch.chdir(root)
    assert cli("diff", "HEAD~2", "HEAD").code == 1
    report = cli("report", str(root), "--as-of", "2020-12-31", "--format", "html", "--out",
                 str(tmp_path / "out"))  # fmt: skip
    assert report.code == 0, report.err
    assert not marker.exists(), marker.read_text()


def test_publishing_records_the_chain_head_and_verify_checks_it(
    history: History, tmp_path: Path, cli
) -> None:
    # Stops: removing the last submission with its files after a report was published from it.
    root = history.root
    figures = tmp_path / "figures.csv"
    figures.write_text("indicator,period,value\nzaken,2019,170\n", encoding="utf-8")
    args = ["--partner", "politie", "--workspace", str(root)]
    assert cli("submit", str(figures), *args).code == 0
    commit_all(root, "Figures 2019")
    assert publish(cli, root, tmp_path / "out").code == 0
    store = root / "measurements"
    ledger = store / "ledger.jsonl"
    (entry,) = read_published(root)[0]
    assert entry.chain_head == cli("verify", str(root)).out.split("chain head ")[1].strip()
    text = (root / "reports" / "published.yaml").read_text(encoding="utf-8")
    assert f'chain_head: "{entry.chain_head}"' in text
    # A later submission leaves the published head in the chain.
    later = tmp_path / "later.csv"
    later.write_text("indicator,period,value\nzaken,2020,180\n", encoding="utf-8")
    assert cli("submit", str(later), *args).code == 0
    assert cli("verify", str(root)).code == 0
    # Remove every trace of submission 1: its line and its files.
    lines = ledger.read_bytes().splitlines(keepends=True)
    for path in [*store.glob("data/000001-*"), *store.glob("received/000001-*")]:
        path.unlink()
    ledger.write_bytes(b"")
    for path in [*store.glob("data/000002-*"), *store.glob("received/000002-*")]:
        path.unlink()
    assert len(lines) == 2
    result = cli("verify", str(root))
    assert result.code == 1
    assert "published-head" in result.err and "reports/published.yaml:" in result.err
    refused = cli("submit", str(figures), *args)
    assert refused.code == 1 and "published-head" in refused.err
    assert ledger.read_bytes() == b""


def test_older_records_without_a_chain_head_are_read_and_their_snapshot_checked(
    history: History, tmp_path: Path, cli
) -> None:
    root = history.root
    figures = tmp_path / "figures.csv"
    figures.write_text("indicator,period,value\nzaken,2019,170\n", encoding="utf-8")
    assert cli("submit", str(figures), "--partner", "politie", "--workspace", str(root)).code == 0
    ledger = root / "measurements" / "ledger.jsonl"
    snapshot = hashlib.sha256(ledger.read_bytes()).hexdigest()
    published = root / "reports" / "published.yaml"
    published.parent.mkdir()
    published.write_text(
        f'- as_of: "2019-12-31"\n  langs: ["nl"]\n  version: "2019.1"\n  commit: null\n'
        f'  snapshot: "{snapshot}"\n  last_submission: 1\n  generated: "2020-01-02T00:00:00Z"\n'
        "  files: []\n",
        encoding="utf-8",
    )
    (entry,), problems = read_published(root)
    assert problems == [] and entry.chain_head is None
    assert cli("verify", str(root)).code == 0
    ledger.write_bytes(ledger.read_bytes().replace(b'"rows": 1', b'"rows": 2'))
    result = cli("verify", str(root))
    assert result.code == 1 and "published-head" in result.err


def test_git_never_sees_the_callers_git_variables(history: History, monkeypatch) -> None:
    # GIT_DIR from a calling hook or shell must not point kpitrack at another repository.
    from kpitrack.versioning.git import head_commit

    monkeypatch.setenv("GIT_DIR", os.devnull)
    monkeypatch.setenv("GIT_WORK_TREE", os.devnull)
    assert head_commit(history.root) == history.commits["action"]
