"""reports/published.yaml: append atomically, read back with the strict reader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kpitrack.core.errors import ValidationFailed
from kpitrack.versioning.published import (
    PUBLISHED_FILE,
    PublishedReport,
    previous_published,
    read_published,
    record_published,
)


def _entry(as_of: str, **changes: object) -> PublishedReport:
    values: dict[str, object] = {
        "as_of": date.fromisoformat(as_of),
        "langs": ("nl",),
        "version": "2019.1",
        "commit": None,
        "snapshot": "sha256:" + "0" * 64,
        "last_submission": 3,
        "generated": "2020-07-01T09:00:00Z",
        "files": (f"proef_{as_of}_nl.html",),
    }
    values.update(changes)
    return PublishedReport(**values)  # type: ignore[arg-type]


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    # Values that an unquoting writer would turn into numbers, booleans or YAML 1.1 traps.
    first = _entry("2019-12-31", version="2019", commit="1e3", snapshot="no", last_submission=None)
    second = _entry("2020-06-30", langs=("nl", "en"), commit="0123456789" * 4)
    record_published(tmp_path, first)
    record_published(tmp_path, second)
    entries, problems = read_published(tmp_path)
    assert problems == []
    assert entries == [first, second]
    text = (tmp_path / PUBLISHED_FILE).read_text(encoding="utf-8")
    assert text.startswith("# Reports published")
    assert 'version: "2019"' in text and "last_submission: null" in text
    assert not list((tmp_path / "reports").glob(".published-*"))  # no temporary file left


def test_absent_file_is_no_entries(tmp_path: Path) -> None:
    assert read_published(tmp_path) == ([], [])


def test_previous_is_latest_before_as_of(tmp_path: Path) -> None:
    a, b, b2, c = (
        _entry("2019-12-31"),
        _entry("2020-06-30"),
        _entry("2020-06-30", version="2020.2"),
        _entry("2020-12-31"),
    )
    entries = [a, b, b2, c]
    assert previous_published(entries, date(2020, 12, 31)) is b2
    assert previous_published(entries, date(2020, 7, 1)) is b2
    assert previous_published(entries, date(2020, 6, 30)) is a
    assert previous_published(entries, date(2019, 12, 31)) is None


def test_broken_entry_is_located_and_blocks_appending(tmp_path: Path) -> None:
    path = tmp_path / PUBLISHED_FILE
    path.parent.mkdir()
    path.write_text(
        '- as_of: "2020-06-30"\n  langs: ["nl"]\n  version: "1"\n  commit: null\n'
        '  snapshot: ""\n  last_submission: 1\n  generated: ""\n  files: []\n  colour: "red"\n',
        encoding="utf-8",
    )
    entries, problems = read_published(tmp_path)
    assert entries == []
    (problem,) = problems
    assert (problem.file, problem.line, problem.path) == ("reports/published.yaml", 9, "[0].colour")
    assert "unknown key 'colour'" in problem.message
    with pytest.raises(ValidationFailed, match=r"1 error\(s\) found") as refused:
        record_published(tmp_path, _entry("2020-12-31"))
    assert [p.path for p in refused.value.problems] == ["[0].colour"]
    assert "colour" in path.read_text(encoding="utf-8")  # nothing was dropped


def test_hand_written_unquoted_date_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / PUBLISHED_FILE
    path.parent.mkdir()
    path.write_text(
        '- as_of: 2020-06-30\n  langs: [nl]\n  version: "1"\n  commit: null\n'
        '  snapshot: ""\n  last_submission: null\n  generated: ""\n  files: []\n',
        encoding="utf-8",
    )
    entries, problems = read_published(tmp_path)
    assert problems == [] and entries[0].as_of == date(2020, 6, 30)
