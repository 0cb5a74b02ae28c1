"""Steps of features/portal_office.feature: the programme office in the portal, over HTTP.

The pages are Dutch here (the browser asks for Dutch), as the office reads them.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import add_person, set_password
from kpitrack.portal.app import create_app
from kpitrack.portal.config import PortalConfig
from kpitrack.progress.engine import compute_progress
from kpitrack.workspace import load_workspace
from small_workspace import write_small_workspace

scenarios("portal_office.feature")

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
PASSWORD = "een zin van een paar woorden"
NAMES = {"bureau@jenv.example": "programmabureau", "ana@politie.example": "Ana"}


@pytest.fixture
def office(tmp_path: Path) -> Any:
    root = write_small_workspace(tmp_path / "ws")
    state: dict[str, Any] = {"root": root, "clients": {}, "people": {}, "tmp": tmp_path}
    yield state
    for client in state["clients"].values():
        client.close()


def _client(office: dict[str, Any], who: str) -> Any:
    return office["clients"][who]


def _token(client: Any, path: str) -> str:
    found = CSRF.search(client.get(path).text)
    assert found, path
    return found.group(1)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kpitrack", *args], capture_output=True, text=True)


@given(
    parsers.parse(
        'een werkruimte met de partners "{first}" en "{second}" die om accordering vraagt'
    )
)
def reviewing_workspace(office: dict[str, Any], first: str, second: str) -> None:
    programme = office["root"] / "programme" / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    assert f"id: {first}" in text and f"id: {second}" in text
    programme.write_text(
        text.replace(
            "reporting: {frequency: half-year}",
            "reporting: {frequency: half-year, review: required}",
        ),
        encoding="utf-8",
    )


@given(parsers.parse('de kalender van het portaal staat op "{day}"'))
def calendar_day(office: dict[str, Any], day: str) -> None:
    office["app"] = create_app(PortalConfig(root=office["root"], as_of=date.fromisoformat(day)))


@given(parsers.parse('"{email}" van het programmabureau is ingelogd'))
@given(parsers.parse('"{email}" van partner "{partner}" is ingelogd'))
def logged_in(office: dict[str, Any], email: str, partner: str | None = None) -> None:
    from starlette.testclient import TestClient

    with open_accounts(office["root"]) as db:
        person = add_person(db, email, partner=partner, name=NAMES[email])
        set_password(db, person, PASSWORD)
    office["people"][NAMES[email]] = person
    client = TestClient(office["app"], headers={"accept-language": "nl-NL,nl;q=0.9"})
    data = {"csrf": _token(client, "/login"), "email": email, "password": PASSWORD}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303
    office["clients"][NAMES[email]] = client


@when(parsers.parse('Ana een bestand instuurt met {value:d} zaken voor "{period}"'))
@given(parsers.parse('Ana heeft een bestand ingestuurd met {value:d} zaken voor "{period}"'))
def upload(office: dict[str, Any], value: int, period: str) -> None:
    client = _client(office, "Ana")
    text = f"indicator,period,value\nzaken,{period},{value}\n"
    response = client.post(
        "/upload",
        data={"csrf": _token(client, "/partner")},
        files={"file": (f"zaken-{value}.csv", text.encode())},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def _decide(office: dict[str, Any], who: str, seq: int, **fields: str) -> Any:
    client = _client(office, who)
    token = _token(client, f"/submissions/{seq}") if who != "Ana" else _token(client, "/partner")
    return client.post(
        f"/submissions/{seq}/review", data={"csrf": token, **fields}, follow_redirects=False
    )


@when(parsers.parse('het programmabureau aanlevering {seq:d} terugstuurt met de reden "{reason}"'))
def return_it(office: dict[str, Any], seq: int, reason: str) -> None:
    response = _decide(office, "programmabureau", seq, decision="return", reason=reason)
    assert response.status_code == 303


@when(parsers.parse("het programmabureau aanlevering {seq:d} accordeert"))
def approve_it(office: dict[str, Any], seq: int) -> None:
    assert _decide(office, "programmabureau", seq, decision="approve").status_code == 303


@when(parsers.parse("Ana probeert aanlevering {seq:d} te accorderen"))
def partner_tries(office: dict[str, Any], seq: int) -> None:
    office["page"] = _decide(office, "Ana", seq, decision="approve")


def _figure(office: dict[str, Any], indicator: str, period: str) -> Any:
    progress = compute_progress(load_workspace(office["root"]), date(2022, 12, 31))
    found = next(i for i in progress.indicators if i.id == indicator)
    return next((p for p in found.series if p.period == period), None)


@then(
    parsers.parse(
        'is het cijfer van "{indicator}" voor "{period}" {value:d} en nog niet geaccordeerd'
    )
)
def counts_unapproved(office: dict[str, Any], indicator: str, period: str, value: int) -> None:
    point = _figure(office, indicator, period)
    assert (point.value, point.approved) == (value, False)


@then(parsers.parse('is het cijfer van "{indicator}" voor "{period}" {value:d} en geaccordeerd'))
def counts_approved(office: dict[str, Any], indicator: str, period: str, value: int) -> None:
    point = _figure(office, indicator, period)
    assert (point.value, point.approved) == (value, True)


@then(parsers.parse('telt het cijfer van "{indicator}" voor "{period}" niet meer mee'))
def not_counted(office: dict[str, Any], indicator: str, period: str) -> None:
    assert _figure(office, indicator, period) is None


@then(parsers.parse('ziet Ana op haar overzicht "{text}"'))
def partner_sees(office: dict[str, Any], text: str) -> None:
    page = _client(office, "Ana").get("/partner").text
    assert text in page and "heeft aanlevering 1 (zaken-12.csv) teruggestuurd" in page


@then(
    parsers.parse(
        'staat "{indicator}" voor "{period}" weer op Ana\'s lijst van wat nog wordt verwacht'
    )
)
def expected_again(office: dict[str, Any], indicator: str, period: str) -> None:
    page = _client(office, "Ana").get("/due").text
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)
    assert any(f"<code>{indicator}</code>" in r and f">{period}</td>" in r for r in rows)


@then(parsers.parse('toont "kpitrack log" de aanleveringen en besluiten:'))
def log_shows(office: dict[str, Any], datatable: list[list[str]]) -> None:
    done = _run("log", str(office["root"]))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    events = [line for line in lines if re.match(r"\s+\d+  \d{4}-", line)]
    _header, *rows = datatable
    assert len(events) == len(rows)
    for line, row in zip(events, rows, strict=True):
        seq, event, partner, by = (cell.strip() for cell in row)
        person = office["people"][by].person_id
        assert line.split()[0] == seq and f"  {partner}  " in line
        kind = "submission of figures" if event == "aanlevering" else "review: submission"
        assert kind in line and f"by {person} ({by if by == 'Ana' else 'programmabureau'})" in line


@then('meldt "kpitrack verify" een gave opslag')
def verify_clean(office: dict[str, Any]) -> None:
    done = _run("verify", str(office["root"]))
    assert done.returncode == 0 and "store OK" in done.stdout, done.stdout + done.stderr


@when(parsers.parse('het programmabureau via "{menu}" de lijst "{link}" opent'))
def open_page(office: dict[str, Any], menu: str, link: str) -> None:
    client = _client(office, "programmabureau")
    page = client.get("/office").text
    for title in (menu, link):
        path = re.search(rf'<a href="([^"]+)"[^>]*>{re.escape(title)}</a>', page)
        assert path, title
        office["page"] = client.get(path.group(1))
        page = office["page"].text


@then(parsers.parse('staan er {total:d} onderdelen van "{partner}" op, waarvan {late:d} te laat'))
def items_of(office: dict[str, Any], total: int, partner: str, late: int) -> None:
    page = office["page"].text
    section = page[page.index(f">{partner}</a></h2>") :]
    section = section[: section.index("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S)[1:]
    assert len(rows) == total
    assert sum("state-late" in r for r in rows) == late


@then(parsers.parse('staan op de pagina dezelfde onderdelen als in "kpitrack due --format csv"'))
def same_as_cli(office: dict[str, Any]) -> None:
    done = _run("due", str(office["root"]), "--as-of", "2020-05-01", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    page = office["page"].text
    shown = re.findall(r"<code>([^<]+)</code>", page[page.index("<main") :])
    assert sorted(shown) == sorted(r["id"] for r in rows)
    # The page's own calendar file is the same file.
    portal_csv = _client(office, "programmabureau").get("/due.csv").content.decode()
    assert portal_csv.replace("\r\n", "\n") == done.stdout.replace("\r\n", "\n")


@then(parsers.parse('krijgt {who} "{text}" te zien'))
def sees(office: dict[str, Any], who: str, text: str) -> None:
    assert office["page"].status_code == 404
    assert f"<h1>{text}</h1>" in office["page"].text


@then("staat er geen besluit in het grootboek")
def no_decision(office: dict[str, Any]) -> None:
    ledger = (office["root"] / "measurements" / "ledger.jsonl").read_text(encoding="utf-8")
    assert '"kind": "review"' not in ledger


@when(parsers.parse('het programmabureau het account van "{email}" blokkeert en wist'))
def disable_and_erase(office: dict[str, Any], email: str) -> None:
    client = _client(office, "programmabureau")
    person = office["people"][NAMES[email]]
    for action, fields in (("disable", {}), ("erase", {"confirm": "1"})):
        token = _token(client, "/people")
        response = client.post(
            f"/people/{person.person_id}/{action}", data={"csrf": token, **fields}
        )
        assert response.status_code == 200, response.text


@then(parsers.parse('staat bij aanlevering {seq:d} "{text}"'))
def submission_shows(office: dict[str, Any], seq: int, text: str) -> None:
    page = _client(office, "programmabureau").get(f"/submissions/{seq}").text
    assert text in page and "ana@politie.example" not in page
