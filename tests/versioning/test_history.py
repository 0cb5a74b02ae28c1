"""Warnings from the definitions' git history: targets edited in place, a version not bumped."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

from kpitrack.versioning.history import check_with_history
from kpitrack.versioning.published import PublishedReport, record_published

from .conftest import INDICATOR, PROGRAMME, History, commit_all, git, write_workspace


def _edit_first_target(root: Path, value: int) -> None:
    indicator = copy.deepcopy(INDICATOR)
    indicator["targets"][0]["value"] = value
    programme: dict[str, Any] = copy.deepcopy(PROGRAMME)
    programme["version"] = "2020.1"
    write_workspace(root, programme, [indicator])


def test_a_committed_target_edited_in_place_is_a_warning(history: History) -> None:
    _edit_first_target(history.root, 185)
    check = check_with_history(history.root)
    assert check.valid
    (warning,) = [w for w in check.warnings if w.code == "target-edited"]
    assert warning.path == "targets[0]" and warning.line and warning.file
    assert warning.file.endswith("kpis/zaken.yaml")
    assert "was 190 in the last commit and is 185 now" in warning.message


def test_an_edit_committed_after_a_published_report_is_still_found(history: History) -> None:
    record_published(
        history.root,
        PublishedReport(
            as_of=date(2020, 12, 31),
            langs=("nl",),
            version="2020.1",
            commit=history.commits["action"],
            snapshot="0" * 64,
            last_submission=None,
            generated="2021-01-15T10:00:00+00:00",
            files=("proef_2020-12-31_nl.html",),
        ),
    )
    _edit_first_target(history.root, 185)
    commit_all(history.root, "Correct a target in place")
    check = check_with_history(history.root)
    codes = sorted(w.code for w in check.warnings)
    assert codes == ["target-edited", "version-not-bumped"]
    edited = next(w for w in check.warnings if w.code == "target-edited")
    assert "in the report of 2020-12-31" in edited.message
    bumped = next(w for w in check.warnings if w.code == "version-not-bumped")
    assert bumped.path == "version" and bumped.file and bumped.file.endswith("programme.yaml")


def test_a_revision_as_a_new_entry_is_no_warning(history: History) -> None:
    assert [w.code for w in check_with_history(history.root).warnings] == []


def test_outside_git_there_is_no_history(tmp_path: Path) -> None:
    write_workspace(tmp_path, copy.deepcopy(PROGRAMME), [copy.deepcopy(INDICATOR)])
    assert check_with_history(tmp_path).warnings == []
    git(tmp_path, "init", "-q")  # a repository without a commit: no history either
    assert check_with_history(tmp_path).warnings == []
