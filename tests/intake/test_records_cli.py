"""``kpitrack due`` and ``kpitrack log`` on the command line: the lists the portal shows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kpitrack.intake.review import review_submission
from store_helpers import submit


def kpitrack(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "kpitrack", *args], capture_output=True)


def test_due_in_every_format(workspace: Path) -> None:
    submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    text = kpitrack("due", str(workspace), "--as-of", "2020-05-01")
    assert text.returncode == 0, text.stderr
    out = text.stdout.decode()
    assert "proef: still expected as of 2020-05-01 (late, or due by 2020-11-01)" in out
    assert "Politie (politie): 7 outstanding, 6 late" in out
    assert "late      2019-06-30  milestone  AL1.1.a" in out
    assert "zaken 2019 " not in out  # delivered

    document = json.loads(kpitrack("due", str(workspace), "--as-of", "2020-05-01",
                                   "--format", "json").stdout)  # fmt: skip
    assert [p["id"] for p in document["partners"]] == ["politie", "ngo"]
    assert len(document["partners"][0]["figures"]) == 6

    ics = kpitrack("due", str(workspace), "--as-of", "2020-05-01", "--format", "ics").stdout
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and ics.endswith(b"END:VCALENDAR\r\n")
    assert ics.count(b"BEGIN:VEVENT") == 10
    again = kpitrack("due", str(workspace), "--as-of", "2020-05-01", "--format", "ics").stdout
    assert again == ics

    csv = kpitrack("due", str(workspace), "--as-of", "2020-05-01", "--format", "csv").stdout
    lines = csv.decode().split("\r\n")
    assert lines[0] == "partner_id,partner_name,contact,kind,id,what,period,due,state"
    assert "politie,Politie,,figure,aandeel,Aandeel,2020-H1,2020-09-28,upcoming" in lines

    bad = kpitrack("due", str(workspace), "--as-of", "31-12-2020")
    assert bad.returncode == 2


def test_the_contact_of_a_mail_merge_comes_from_the_definitions_or_the_accounts(
    workspace: Path,
) -> None:
    from kpitrack.accounts.database import open_accounts
    from kpitrack.accounts.people import add_person, set_password

    with open_accounts(workspace) as db:
        ana = add_person(db, "ana@politie.example", partner="politie")
        set_password(db, ana, "een zin van een paar woorden")
        add_person(db, "bo@ngo.example", partner="ngo")  # invited, not active: not a contact
    csv = kpitrack("due", str(workspace), "--as-of", "2020-05-01", "--format", "csv").stdout
    rows = csv.decode().split("\r\n")
    assert any(r.startswith("politie,Politie,ana@politie.example,") for r in rows)
    assert any(r.startswith("ngo,NGO,,") for r in rows)


def test_log_prints_submissions_reviews_and_withdrawals(workspace: Path) -> None:
    first = submit(workspace, "zaken,2019,180,,,,,\nzaken,2020,190,,,,,\n", "a.csv")
    second = submit(workspace, "zaken,2019,181,,,,,\nzaken,2020,,,M,,,bron ingetrokken\n", "b.csv")
    review_submission(workspace, second, "return", "p-office", "waarom ingetrokken?")
    submit(workspace, "meldingen,2019,40,,,,,\n", "n.csv", partner="ngo")
    done = kpitrack("log", str(workspace))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert (
        lines[0].startswith(f"    {first}  ")
        and "politie  submission of figures  a.csv" in lines[0]
    )
    assert "2 rows  by the command line" in lines[0]
    assert "revised   zaken 2019 (total): 180 → 181 (was submission 1)" in lines[2]
    assert (
        "withdrew  zaken 2020 (total): 190 (submission 1) → no value; note: bron ingetrokken"
        in (lines[3])
    )
    assert "review: submission 2 returned by p-office: waarom ingetrokken?" in lines[4]
    assert "ngo  submission of figures  n.csv" in lines[5]

    only = kpitrack("log", str(workspace), "--partner", "ngo", "--format", "json")
    document = json.loads(only.stdout)
    assert [e["partner"] for e in document["entries"]] == ["ngo"]
    zaken = json.loads(kpitrack("log", str(workspace), "--indicator", "zaken", "--format",
                                "json").stdout)  # fmt: skip
    assert [(e["seq"], e["event"]) for e in zaken["entries"]] == [
        (1, "submission"),
        (2, "submission"),
        (3, "review"),
    ]
    assert zaken["entries"][1]["withdrawals"][0]["note"] == "bron ingetrokken"
    unknown = kpitrack("log", str(workspace), "--partner", "nobody")
    assert unknown.returncode == 2 and b"unknown partner 'nobody'" in unknown.stderr


def test_reading_commands_leave_no_local_state_behind(workspace: Path) -> None:
    submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    assert kpitrack("log", str(workspace)).returncode == 0
    assert kpitrack("due", str(workspace)).returncode == 0
    assert not (workspace / ".kpitrack").exists()
