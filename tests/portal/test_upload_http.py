"""The partner's path over HTTP: template, upload, located errors, fix, history, git."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from kpitrack.accounts.audit import read_audit
from kpitrack.measurements.ledger import read_ledger
from kpitrack.measurements.store import verify_store

GOOD = "indicator,period,region,value\nzaken,2019,,12\nzaken,2019,noord,5\nzaken,2019,zuid,7\n"
BAD = (
    "indicator,period,region,value\n"
    "zaken,2019,,twaalf\n"
    "zaken,2019,noord,5\n"
    "zaken,2019,oost,7\n"
    "meldingen,2019,,3\n"
)


def test_the_template_for_the_open_period_and_for_a_year(portal):
    from openpyxl import load_workbook

    client = portal.logged_in("ana@politie.example", "politie")
    response = client.get("/template?format=xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="proef_politie_template.xlsx"' in response.headers["content-disposition"]
    rows = list(load_workbook(io.BytesIO(response.content))["data"].iter_rows(values_only=True))
    # The page's language (English here) names the columns; the name beside the id is read-only.
    assert rows[0][:4] == ("indicator", "name", "period", "value")
    periods = {(r[0], r[2]) for r in rows[1:]}
    assert ("zaken", "2022") in periods  # the programme ended in 2022: its last year is asked
    csv = client.get("/template?format=csv&period=2019").content.decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0].startswith("indicator,name,period,value")
    assert {line.split(",")[2] for line in lines[1:]} == {"2019", "2019-H1", "2019-H2"}
    actions = client.get("/template?format=csv&part=actions").content.decode("utf-8-sig")
    assert actions.splitlines()[0].startswith("action,title,date,status")
    assert "AL1.1.a" in actions and "AL1.1.b" not in actions  # AL1.1.b is the NGO's
    for query in ("format=pdf", "format=csv&period=1999", "format=csv&period=../x", "part=x"):
        assert client.get(f"/template?{query}").status_code == 404, query


def test_a_file_with_errors_shows_each_located_error_and_stores_nothing(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    response = portal.upload(client, "cijfers.csv", BAD)
    assert response.status_code == 422
    page = response.text
    assert "Nothing was stored" in page
    rows = _table_rows(page, "problems")
    assert len(rows) >= 3
    by_row = {row[0]: row for row in rows}
    assert by_row["2"][1] == "value" and "twaalf" in by_row["2"][3]
    assert by_row["4"][1] == "region" and "oost" in by_row["4"][3]
    assert by_row["2"][2] == "D2"  # the cell, as a spreadsheet names it
    assert "meldingen" in by_row["5"][3]
    assert not (portal.root / "measurements" / "ledger.jsonl").exists()
    rejected = [e for e in read_audit(portal.root) if e["event"] == "upload.rejected"]
    assert rejected and rejected[0]["errors"] == len(rows)


def test_fix_and_upload_again_then_the_history_shows_it(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    assert portal.upload(client, "cijfers.csv", BAD).status_code == 422
    stored = portal.upload(client, "cijfers.csv", GOOD)
    assert stored.status_code == 303
    assert stored.headers["location"] == "/submissions/1?stored=1"
    detail = client.get(stored.headers["location"]).text
    assert "Your file was stored as submission 1: 3 rows." in detail
    revised = GOOD.replace("noord,5", "noord,6")
    assert (
        portal.upload(client, "cijfers-v2.csv", revised)
        .headers["location"]
        .startswith("/submissions/2")
    )
    second = client.get("/submissions/2").text
    # Every figure sent again replaces the stored one (the store's rule); one of them changed.
    assert "This submission sent 3 figures again" in second
    assert "2 of them have the same value as before." in second
    assert _table_rows(second, "revisions") == [["Caseszaken", "2019", "Noord", "5", "6", "1"]]
    history = _table_rows(client.get("/submissions").text, "table")
    assert [row[0] for row in history] == ["2", "1"]
    assert history[0][2] == "cijfers-v2.csv" and history[0][3] == "3" and history[0][4] == "3"
    assert history[0][5] == "ana@politie.example"
    assert verify_store(portal.root).errors == []


def test_the_submission_page_lists_what_was_stored_row_by_row(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    with_note = GOOD.replace("region,value\n", "region,value,obs_status,note\n")
    with_note = with_note.replace("zaken,2019,,12\n", "zaken,2019,,12,P,telling loopt\n")
    with_note = with_note.replace("noord,5\n", "noord,5,,\n").replace("zuid,7\n", "zuid,7,,\n")
    assert portal.upload(client, "cijfers.csv", with_note).status_code == 303
    page = client.get("/submissions/1").text
    assert '<h2 id="contents">The figures of this submission</h2>' in page
    assert "Every row, as stored" in page
    assert _table_rows(page, "rows") == [
        ["Caseszaken", "2019", "total", "12", "provisional", "telling loopt"],
        ["Caseszaken", "2019", "Noord", "5", "normal", ""],
        ["Caseszaken", "2019", "Zuid", "7", "normal", ""],
    ]
    actions = "action,date,status,note\nAL1.1.a,2019-06-01,done,klaar\n"
    assert portal.upload(client, "acties.csv", actions).status_code == 303
    page = client.get("/submissions/2").text
    assert "What the file reports" in page
    assert _table_rows(page, "rows") == [["AL1.1.a", "1 Jun 2019", "done", "klaar"]]


def test_check_only_stores_nothing(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    response = portal.upload(client, "cijfers.csv", GOOD, check=True)
    assert response.status_code == 200
    assert "has no errors: 3 rows" in response.text
    assert not (portal.root / "measurements" / "ledger.jsonl").exists()


def test_an_upload_without_a_file(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    token = portal.csrf(client, "/partner")
    response = client.post("/upload", data={"csrf": token})
    assert response.status_code == 422
    assert "Choose a file to upload." in response.text


def test_uploads_and_cli_submits_share_one_store_and_ledger(portal, tmp_path):
    client = portal.logged_in("ana@politie.example", "politie")
    portal.upload(client, "portal.csv", GOOD)
    cli_file = tmp_path / "cli.csv"
    cli_file.write_text(GOOD.replace("12", "13"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kpitrack", "submit", str(cli_file), "--partner", "politie",
         "--workspace", str(portal.root), "--format", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["seq"] == 2
    # Not the first file again: a byte-identical file is refused as already stored.
    portal.upload(client, "portal-2.csv", GOOD.replace("12", "14"))
    ledger = read_ledger(portal.root / "measurements")
    assert [(e.seq, e.file) for e in ledger.entries] == [
        (1, "portal.csv"),
        (2, "cli.csv"),
        (3, "portal-2.csv"),
    ]
    history = _table_rows(client.get("/submissions").text, "table")
    assert [row[5] for row in history] == [
        "ana@politie.example",
        "command line",
        "ana@politie.example",
    ]


def test_an_unsafe_file_name_is_made_safe(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    response = portal.upload(client, "..\\..\\etc/evil;<b>.csv", GOOD)
    assert response.status_code == 303
    entry = read_ledger(portal.root / "measurements").entries[0]
    assert entry.file == "evilb.csv"
    download = client.get("/submissions/1/file")
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"] == (
        'attachment; filename="000001-politie-evilb.csv"'
    )


def test_a_stored_submission_is_committed_alone(portal):
    root = portal.root
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "definitions")
    (root / "notes.txt").write_text("work in progress\n", encoding="utf-8")
    _git(root, "add", "notes.txt")  # staged by someone: must stay out of the portal's commit
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    client = portal.logged_in("ana@politie.example", "politie")
    assert portal.upload(client, "cijfers.csv", GOOD).status_code == 303
    log = _git(root, "log", "-1", "--format=%an <%ae>%n%s%n%b")
    assert log.startswith("kpitrack portal <portal@kpitrack.invalid>\nSubmission 1 from politie")
    files = _git(root, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(files) == [
        "measurements/.gitattributes",
        "measurements/.gitignore",
        "measurements/data/000001-politie.csv",
        "measurements/ledger.jsonl",
        "measurements/received/000001-politie-cijfers.csv",
    ]
    assert _git(root, "diff", "--cached", "--name-only").split() == ["notes.txt"]
    assert ".kpitrack" not in _git(root, "status", "--porcelain", "--untracked-files=all")
    commits = [e for e in read_audit(root) if e["event"] == "git.commit"]
    assert commits and commits[0]["seq"] == 1


def test_changed_definitions_are_read_again(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    assert "Cases" in client.get("/partner").text
    zaken = portal.root / "kpis" / "zaken.yaml"
    zaken.write_text(
        zaken.read_text(encoding="utf-8").replace("en: Cases}", "en: Cases sent on}"),
        encoding="utf-8",
    )
    assert "Cases sent on" in client.get("/partner").text


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def _table_rows(page: str, table_class: str) -> list[list[str]]:
    """The body rows of the first table (``<table class=...>`` or plain), as cell texts."""
    import re

    if table_class == "table":
        start = page.index("<table")
    else:
        start = re.search(rf'<table[^>]*class="[^"]*\b{table_class}\b', page).start()  # type: ignore[union-attr]
    table = page[start:]
    body = table[re.search(r"<tbody[^>]*>", table).end() : table.index("</tbody>")]  # type: ignore[union-attr]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        rows.append([re.sub(r"<[^>]+>", "", cell).strip() for cell in cells])
    return rows


def test_people_of_a_partner_that_left_the_definitions_are_logged_out(portal):
    client = portal.logged_in("bo@ngo.example", "ngo")
    assert client.get("/partner").status_code == 200
    programme = portal.root / "programme" / "programme.yaml"
    text = programme.read_text(encoding="utf-8").replace("  - {id: ngo, name: NGO}\n", "")
    programme.write_text(text.replace("owner: ngo}", "owner: politie}"), encoding="utf-8")
    meldingen = portal.root / "kpis" / "meldingen.yaml"
    meldingen.write_text(meldingen.read_text().replace("owner: ngo", "owner: politie"))
    assert client.get("/partner", follow_redirects=False).headers["location"] == "/login"
