"""The errors of an uploaded file in the page's language: a partner reading the portal in French
or Dutch sees every located error in that language, with the file's own values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kpitrack.accounts.throttle import ThrottleRules
from kpitrack.portal.app import create_app
from kpitrack.portal.config import PortalConfig

from .conftest import Portal

BAD = (
    "indicator,period,region,value\n"
    "zaken,2019,,twaalf\n"
    "zaken,2019,oost,7\n"
    "meldingen,2019,,3\n"
    "zaken,2019-H1,,4\n"
)
ENGLISH = re.compile(r"\b(is not|not a|the|your|valid codes|submitted by|write)\b")


def _french(root: Path) -> None:
    """The small workspace with French instead of English as its second language."""
    for path in [root / "programme" / "programme.yaml", *sorted((root / "kpis").glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8").replace(
            "languages: [nl, en]", "languages: [nl, fr]"
        )
        path.write_text(re.sub(r"\ben:", "fr:", text), encoding="utf-8")


def _errors(page: str) -> list[str]:
    table = page[page.index('class="problems"') :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return [
        re.sub(r"<[^>]+>", "", cells[-1]).strip()
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
        if (cells := re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            [
                "'twaalf' n'est pas un nombre\u202f; écrivez des chiffres, par exemple 1234, "
                "12.5 ou 12,5",
                "'oost' n'est pas un code de region\u202f; codes valides\u00a0: noord, zuid",
                "l'indicateur meldingen est transmis par ngo, et non par politie\u202f; vos "
                "indicateurs\u00a0: aandeel, zaken",
                "l'indicateur zaken est déclaré par année\u00a0: indiquez une période comme "
                "2019, et non '2019-H1'",
            ],
        ),
        (
            "nl",
            [
                "'twaalf' is geen getal; schrijf cijfers, zoals 1234, 12.5 of 12,5",
                "'oost' is geen code van region; geldige codes: noord, zuid",
                "indicator meldingen wordt aangeleverd door ngo, niet door politie; uw "
                "indicatoren: aandeel, zaken",
                "indicator zaken wordt per jaar gerapporteerd: schrijf een periode als 2019, niet "
                "'2019-H1'",
            ],
        ),
    ],
)
def test_the_errors_of_an_upload_read_in_the_page_language(
    root: Path, lang: str, expected: list[str]
) -> None:
    if lang == "fr":
        _french(root)
    config = PortalConfig(root=root, throttle=ThrottleRules(per_account=3, per_address=6))
    portal = Portal(root, config, create_app(config))
    portal.person("ana@politie.example", "politie")
    client = portal.client(lang=lang)
    assert portal.login(client, "ana@politie.example").status_code == 303
    try:
        response = portal.upload(client, "cijfers.csv", BAD)
        assert response.status_code == 422
        errors = _errors(response.text)
        assert [e.replace("&#39;", "'") for e in errors] == expected
        assert not any(ENGLISH.search(e) for e in errors)
    finally:
        client.close()
