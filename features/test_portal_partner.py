"""Steps of features/portal_partner.feature: a partner's path through the portal, over HTTP."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import add_person, invite
from kpitrack.portal.app import create_app
from kpitrack.portal.config import PortalConfig
from small_workspace import write_small_workspace

scenarios("portal_partner.feature")

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@pytest.fixture
def portal(tmp_path: Path) -> Any:
    from starlette.testclient import TestClient

    root = write_small_workspace(tmp_path / "ws")
    app = create_app(PortalConfig(root=root))
    clients: dict[str, TestClient] = {}

    def client(who: str) -> TestClient:
        # English pages: the steps read the words of the page as written in the code.
        return clients.setdefault(who, TestClient(app, headers={"accept-language": "en"}))

    yield {"root": root, "client": client, "invitations": {}}
    for opened in clients.values():
        opened.close()


def _token(client: Any, path: str) -> str:
    found = CSRF.search(client.get(path).text)
    assert found, path
    return found.group(1)


def _name(email: str) -> str:
    return email.split("@")[0].capitalize()


@given(parsers.parse('een werkruimte met de partners "{first}" en "{second}"'))
def workspace(portal: dict[str, Any], first: str, second: str) -> None:
    text = (portal["root"] / "programme" / "programme.yaml").read_text(encoding="utf-8")
    assert f"id: {first}" in text and f"id: {second}" in text


@given(parsers.parse('het programmabureau heeft "{email}" van partner "{partner}" uitgenodigd'))
def invited(portal: dict[str, Any], email: str, partner: str) -> None:
    with open_accounts(portal["root"]) as db:
        person = add_person(db, email, partner=partner)
        portal["invitations"][_name(email)] = invite(db, person).token


@given(
    parsers.parse(
        'de uitnodiging van "{email}" van partner "{partner}" is {days:d} dagen geleden verstuurd'
    )
)
def old_invitation(portal: dict[str, Any], email: str, partner: str, days: int) -> None:
    with open_accounts(portal["root"]) as db:
        person = add_person(db, email, partner=partner)
        sent = datetime.now(UTC) - timedelta(days=days)
        portal["invitations"][_name(email)] = invite(db, person, now=sent).token


@when(parsers.parse('{who} de uitnodiging opent en het wachtwoord "{password}" kiest'))
@given(parsers.parse('{who} heeft het wachtwoord "{password}" gekozen'))
def choose_password(portal: dict[str, Any], who: str, password: str) -> None:
    client = portal["client"](who)
    path = f"/invite/{portal['invitations'][who]}"
    data = {"csrf": _token(client, path), "password": password, "repeat": password}
    portal["page"] = client.post(path, data=data)


@when(parsers.parse("{who} de uitnodiging opent"))
def open_invitation(portal: dict[str, Any], who: str) -> None:
    portal["page"] = portal["client"](who).get(f"/invite/{portal['invitations'][who]}")


@then(parsers.parse('ziet {who} het overzicht van "{name}"'))
def sees_overview(portal: dict[str, Any], who: str, name: str) -> None:
    page = portal["page"]
    assert page.url.path == "/partner"
    assert f"<h1>{name}</h1>" in page.text


@when(parsers.parse('{who} het CSV-sjabloon voor "{period}" ophaalt'))
def fetch_template(portal: dict[str, Any], who: str, period: str) -> None:
    response = portal["client"](who).get(f"/template?format=csv&period={period}")
    assert response.status_code == 200
    portal["template"] = response.content.decode("utf-8-sig").splitlines()


@then(
    parsers.parse(
        'heeft het sjabloon een rij voor "{indicator}" in "{period}" voor het totaal en elke regio'
    )
)
def template_rows(portal: dict[str, Any], indicator: str, period: str) -> None:
    header, *rows = [line.split(",") for line in portal["template"]]
    region, at = header.index("region"), _column(header, "period", "periode")
    regions = [r[region] for r in rows if r[0] == indicator and r[at] == period]
    assert regions == ["", "noord", "zuid"]


def _column(header: list[str], english: str, dutch: str) -> int:
    """Where a column is, by its English or its Dutch name (the template's language)."""
    return header.index(english if english in header else dutch)


@when(parsers.parse('{who} het sjabloon instuurt met "{total}" als totaal van "{indicator}"'))
def upload_template(portal: dict[str, Any], who: str, total: str, indicator: str) -> None:
    header, *rows = [line.split(",") for line in portal["template"]]
    region, value = header.index("region"), _column(header, "value", "waarde")
    lines = [",".join(header)]
    for row in rows:
        if row[0] != indicator:
            continue
        row[value] = total if not row[region] else "6"
        lines.append(",".join(row))
    client = portal["client"](who)
    portal["page"] = client.post(
        "/upload",
        data={"csrf": _token(client, "/partner")},
        files={"file": ("proef_politie_template.csv", "\n".join(lines).encode())},
    )


@then(parsers.parse('toont de pagina een fout in rij {row:d}, kolom "{column}"'))
def error_in_page(portal: dict[str, Any], row: int, column: str) -> None:
    page = portal["page"]
    assert page.status_code == 422
    body = page.text[page.text.index('<table class="problems">') :]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", body.split("</tr>", 2)[1], re.S)
    assert cells[0] == str(row) and f"<code>{column}</code>" in cells[1]


@then("is er niets opgeslagen")
def nothing_stored(portal: dict[str, Any]) -> None:
    assert not (portal["root"] / "measurements").exists()


@then(parsers.parse('toont de pagina "{text}"'))
def page_shows(portal: dict[str, Any], text: str) -> None:
    assert text in portal["page"].text


@then(parsers.parse('staat inzending {seq:d} in {who}\'s geschiedenis met het bestand "{file}"'))
def in_history(portal: dict[str, Any], seq: int, who: str, file: str) -> None:
    history = portal["client"](who).get("/submissions").text
    assert f'<a href="/submissions/{seq}">{seq}</a>' in history and file in history


@then('meldt "kpitrack verify" een gave opslag')
def verify_clean(portal: dict[str, Any]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kpitrack", "verify", str(portal["root"])],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "store OK: 1 submission(s)" in done.stdout


@given(parsers.parse('partner "{partner}" heeft een inzending gedaan'))
def other_partner_submitted(portal: dict[str, Any], partner: str, tmp_path: Path) -> None:
    file = tmp_path / "ngo.csv"
    file.write_text("indicator,period,value\nmeldingen,2019,40\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kpitrack", "submit", str(file), "--partner", partner,
         "--workspace", str(portal["root"])],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


@when(parsers.parse("{who} inzending {seq:d} opvraagt"))
def ask_submission(portal: dict[str, Any], who: str, seq: int) -> None:
    portal["page"] = portal["client"](who).get(f"/submissions/{seq}")


@then(parsers.parse('krijgt {who} "{text}" te zien'))
def sees(portal: dict[str, Any], who: str, text: str) -> None:
    assert portal["page"].status_code in (404, 410)
    assert f"<h1>{text}</h1>" in portal["page"].text
