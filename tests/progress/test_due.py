"""What is still expected (``kpitrack due``, the portal's lists): the calendar at a date.

The small workspace: zaken (yearly) and aandeel (half-yearly) of politie, meldingen (yearly) of
ngo; figures due 90 days after their period; half-yearly reporting, so "upcoming" means due
within six months of the as-of date.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kpitrack.intake.review import review_submission
from kpitrack.progress.due import due_list, expected_overview, window_end
from kpitrack.progress.due_formats import CSV_COLUMNS, due_csv, due_document, due_ics, fold
from kpitrack.workspace import load_workspace
from small_workspace import write_small_workspace
from store_helpers import require_review, submit

AS_OF = date(2020, 5, 1)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return write_small_workspace(tmp_path / "ws")


def owed(root: Path, partner: str, as_of: date = AS_OF) -> list[tuple[str, str, str, str]]:
    found = due_list(load_workspace(root), as_of).of(partner)
    return [(f.state, f.indicator, f.period, f.due.isoformat()) for f in found.figures] + [
        (a.state, a.id, a.action_state, a.due.isoformat()) for a in found.actions
    ]


def test_late_and_upcoming_figures_and_actions_per_partner(workspace: Path) -> None:
    assert window_end(load_workspace(workspace), AS_OF) == date(2020, 11, 1)
    assert owed(workspace, "politie") == [
        ("late", "aandeel", "2018-H1", "2018-09-28"),
        ("late", "aandeel", "2018-H2", "2019-03-31"),
        ("late", "zaken", "2018", "2019-03-31"),
        ("late", "aandeel", "2019-H1", "2019-09-28"),
        ("late", "aandeel", "2019-H2", "2020-03-30"),
        ("late", "zaken", "2019", "2020-03-30"),
        ("upcoming", "aandeel", "2020-H1", "2020-09-28"),
        ("late", "AL1.1.a", "not_reported", "2019-06-30"),
    ]
    # The milestone of ngo; the action AL1.1 (due 2020-12-31) is beyond the coming period.
    assert owed(workspace, "ngo") == [
        ("late", "meldingen", "2018", "2019-03-31"),
        ("late", "meldingen", "2019", "2020-03-30"),
        ("late", "AL1.1.b", "not_reported", "2019-12-31"),
    ]
    assert due_list(load_workspace(workspace), AS_OF).of("politie").late == 7
    later = owed(workspace, "politie", date(2020, 7, 1))
    assert ("upcoming", "AL1.1", "planned", "2020-12-31") in later


def test_a_delivered_figure_is_no_longer_expected_until_its_submission_is_returned(
    workspace: Path,
) -> None:
    seq = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    assert ("late", "zaken", "2019", "2020-03-30") not in owed(workspace, "politie")
    review_submission(workspace, seq, "return", "p-office", "regio's ontbreken")
    assert ("late", "zaken", "2019", "2020-03-30") in owed(workspace, "politie")


def test_a_withdrawn_figure_counts_as_delivered(workspace: Path) -> None:
    submit(workspace, "zaken,2019,,,M,,,telling afgebroken\n", "a.csv")
    assert ("late", "zaken", "2019", "2020-03-30") not in owed(workspace, "politie")


def test_the_overview_counts_expected_and_delivered_per_partner_and_year(workspace: Path) -> None:
    require_review(workspace)
    first = submit(workspace, "zaken,2019,180,,,,,\naandeel,2019-H1,40,,,,,\n", "a.csv")
    rows = {r.partner: r for r in expected_overview(load_workspace(workspace), AS_OF)}
    assert list(rows) == ["politie", "ngo"]
    year = {c.year: c for c in rows["politie"].years}
    assert [c.year for c in rows["politie"].years] == [2018, 2019, 2020, 2021, 2022]
    counted = year[2019]
    assert (counted.expected, counted.delivered, counted.late, counted.awaiting_approval) == (
        3,
        2,
        1,
        2,
    )
    assert (year[2020].expected, year[2020].upcoming, year[2020].later) == (3, 1, 2)
    review_submission(workspace, first, "approve", "p-office")
    rows = {r.partner: r for r in expected_overview(load_workspace(workspace), AS_OF)}
    assert next(c for c in rows["politie"].years if c.year == 2019).awaiting_approval == 0
    assert rows["ngo"].due.late == 3


def test_the_calendar_file_follows_rfc_5545(workspace: Path) -> None:
    import icalendar

    loaded = load_workspace(workspace)
    text = due_ics(due_list(loaded, AS_OF), loaded)
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == 11  # 8 of politie, 3 of ngo
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    first = events[0]
    assert first["DTSTART"].dt == date(2018, 9, 28)
    assert first["DTSTART"].params.get("VALUE") == "DATE"
    assert str(first["SUMMARY"]) == "Politie: Aandeel 2018-H1 (aandeel)"
    assert first["DTSTAMP"].dt.isoformat() == "2020-05-01T00:00:00+00:00"
    assert uids[0] == "proef.politie.figure.aandeel.2018-H1@kpitrack"
    # Same data, same date: the same bytes (a calendar re-importing it updates, never doubles).
    assert due_ics(due_list(load_workspace(workspace), AS_OF), load_workspace(workspace)) == text


def test_long_lines_fold_between_characters_never_inside_one() -> None:
    line = "SUMMARY:" + "Coördinatie € " * 12
    folded = fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert all(len(p) <= 75 for p in parts) and len(parts) > 2
    assert all(p.startswith(b" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(folded.split("\r\n"))) == line
    for part in parts:
        part.decode("utf-8")  # a split inside a character would not decode


def test_the_mail_merge_file_and_the_json(workspace: Path) -> None:
    import csv
    import io

    loaded = load_workspace(workspace)
    found = due_list(loaded, AS_OF)
    rows = list(csv.reader(io.StringIO(due_csv(found, loaded, {"ngo": "info@ngo.example"}))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[-1] == [
        "ngo",
        "NGO",
        "info@ngo.example",
        "milestone",
        "AL1.1.b",
        "Mijlpaal 2",
        "",
        "2019-12-31",
        "late",
    ]
    assert len(rows) == 12
    document = due_document(found, loaded, {"ngo": "info@ngo.example"})
    assert document["as_of"] == "2020-05-01" and document["until"] == "2020-11-01"
    politie, ngo = document["partners"]
    assert politie["contact"] is None and ngo["contact"] == "info@ngo.example"
    assert politie["figures"][0] == {
        "indicator": "aandeel",
        "name": "Aandeel",
        "period": "2018-H1",
        "due": "2018-09-28",
        "state": "late",
    }
    assert ngo["actions"] == [
        {
            "id": "AL1.1.b",
            "kind": "milestone",
            "title": "Mijlpaal 2",
            "due": "2019-12-31",
            "state": "late",
        }
    ]
