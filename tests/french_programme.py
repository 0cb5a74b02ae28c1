"""A Belgian programme in Dutch and French, written to disk, filled through ``submit`` and kept in
git, with a report published at the end of 2021 and a year of changes after it.

It is made to use as many of the report's words as possible: every indicator status (one on an
outdated figure), a revised target, a break in series, a breakdown with a withheld small count,
half-yearly and quarterly figures, a forecast, every action state, milestones overdue and not
reported, and the changes since the published report (a revised figure, new figures, a target
revision, a changed action state).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kpitrack.intake.submit import submit_file

PUBLISHED = date(2021, 12, 31)
AS_OF = date(2022, 12, 31)


def _text(nl: str, fr: str) -> dict[str, str]:
    return {"nl": nl, "fr": fr}


PROGRAMME: dict[str, Any] = {
    "schema": "kpitrack/1",
    "id": "plan-traite",
    "version": "2019.1",
    "title": _text(
        "Nationaal actieplan mensenhandel", "Plan d'action national de lutte contre la traite"
    ),
    "owner": "SPF Justice",
    "period": {"start": "2019-01-01", "end": "2022-12-31"},
    "languages": ["nl", "fr"],
    "reporting": {"frequency": "half-year"},
    "disclosure": {"min_count": 5},
    "references": [_text("Parl. St. Kamer 55 1234/001", "Doc. parl. Chambre 55 1234/001")],
    "partners": [
        {"id": "police", "name": "Police fédérale"},
        {"id": "myria", "name": "Myria"},
        {"id": "payoke", "name": "Payoke"},
        {"id": "cellule", "name": "Cellule interdépartementale de coordination"},
    ],
    "codelists": {
        "region": {
            **_text("Gewest", "Région"),
            "codes": {"bruxelles": "Bruxelles", "flandre": "Flandre", "wallonie": "Wallonie"},
        }
    },
    "action_lines": [
        {
            "id": "AX1",
            "title": _text("Opsporing en vervolging", "Recherche et poursuites"),
            "summary": _text(
                "Meer dossiers en snellere vervolging.",
                "Davantage de dossiers et des poursuites plus rapides.",
            ),
            "actions": [
                {
                    "id": "AX1.1",
                    "title": _text("Opleiding van magistraten", "Formation des magistrats"),
                    "owner": "cellule",
                    "due": "2020-12-31",
                    "commitments": [
                        _text("Toezegging aan de Kamer", "Engagement pris devant la Chambre")
                    ],
                },
                {
                    "id": "AX1.2",
                    "title": _text("Gegevensbank van dossiers", "Banque de données des dossiers"),
                    "owner": "police",
                    "due": "2021-06-30",
                    "milestones": [
                        {
                            "id": "AX1.2.a",
                            "title": _text("Bestek", "Cahier des charges"),
                            "due": "2020-06-30",
                        },
                        {
                            "id": "AX1.2.b",
                            "title": _text("Ingebruikname", "Mise en service"),
                            "due": "2021-03-31",
                        },
                    ],
                },
                {
                    "id": "AX1.3",
                    "title": _text("Gezamenlijke controles", "Contrôles conjoints"),
                    "owner": "police",
                    "due": "2023-12-31",
                    "milestones": [
                        {
                            "id": "AX1.3.a",
                            "title": _text("Draaiboek", "Protocole"),
                            "due": "2022-06-30",
                        }
                    ],
                },
            ],
        },
        {
            "id": "AX2",
            "title": _text("Bescherming van slachtoffers", "Protection des victimes"),
            "actions": [
                {
                    "id": "AX2.1",
                    "title": _text("Opvangplaatsen", "Places d'accueil"),
                    "owner": "payoke",
                    "due": "2022-06-30",
                },
                {
                    "id": "AX2.2",
                    "title": _text("Meldpunt", "Point de signalement"),
                    "owner": "myria",
                    "due": "2022-12-31",
                },
                {
                    "id": "AX2.3",
                    "title": _text("Campagne", "Campagne de sensibilisation"),
                    "owner": "myria",
                    "due": "2021-12-31",
                },
                {
                    "id": "AX2.4",
                    "title": _text("Tolken", "Interprètes"),
                    "owner": "payoke",
                    "due": "2024-06-30",
                },
            ],
        },
    ],
}


def _indicator(ident: str, line: str, nl: str, fr: str, owner: str, **rest: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "action_line": line,
        "name": _text(nl, fr),
        "definition": _text(f"{nl}, per periode.", f"{fr}, par période."),
        "measure": rest.pop("measure", "count"),
        "unit": rest.pop("unit", _text("dossiers", "dossiers")),
        "direction": rest.pop("direction", "increase"),
        "frequency": rest.pop("frequency", "year"),
        "owner": owner,
        "source": _text("Jaarverslag", "Rapport annuel"),
        **rest,
    }


def _target(period: str, value: float, set_on: str, **rest: Any) -> dict[str, Any]:
    return {"period": period, "value": value, "set": set_on, **rest}


INDICATORS: list[dict[str, Any]] = [
    # On track, with a revised target (verdict against the original too) and a forecast.
    _indicator(
        "dossiers",
        "AX1",
        "Dossiers bij het parket",
        "Dossiers transmis au parquet",
        "police",
        dimensions=["region"],
        baseline={"period": "2018", "value": 4500},
        targets=[
            _target("2022", 7000, "2019-01-01"),
            _target(
                "2022",
                6500,
                "2022-03-15",
                reason=_text("Nieuwe raming", "Nouvelle estimation"),
            ),
        ],
        caveats=_text("Voorlopige cijfers voor 2022.", "Chiffres provisoires pour 2022."),
    ),
    # Half-yearly, at risk.
    _indicator(
        "enquetes",
        "AX1",
        "Afgeronde onderzoeken",
        "Enquêtes clôturées",
        "police",
        frequency="half-year",
        baseline={"period": "2019-H1", "value": 100},
        targets=[_target("2022-H2", 200, "2019-01-01")],
    ),
    # A percentage that should fall and rose: deteriorating.
    _indicator(
        "delai",
        "AX1",
        "Dossiers ouder dan twee jaar",
        "Dossiers de plus de deux ans",
        "police",
        measure="percentage",
        unit=_text("% van de dossiers", "% des dossiers"),
        direction="decrease",
        baseline={"period": "2018", "value": 40},
        targets=[_target("2022", 20, "2019-01-01")],
    ),
    # Achieved.
    _indicator(
        "formations",
        "AX1",
        "Opgeleide politiemensen",
        "Policiers formés",
        "cellule",
        unit=_text("personen", "personnes"),
        baseline={"period": "2018", "value": 50},
        targets=[_target("2022", 300, "2019-01-01")],
    ),
    # Off track.
    _indicator(
        "places",
        "AX2",
        "Opvangplaatsen",
        "Places d'accueil",
        "payoke",
        unit=_text("plaatsen", "places"),
        baseline={"period": "2018", "value": 60},
        targets=[_target("2022", 120, "2019-01-01")],
    ),
    # Kept at its level: within the band.
    _indicator(
        "accompagnement",
        "AX2",
        "Begeleide slachtoffers",
        "Victimes accompagnées",
        "payoke",
        unit=_text("slachtoffers", "victimes"),
        direction="maintain",
        baseline={"period": "2018", "value": 400},
        targets=[_target("2022", 400, "2019-01-01")],
    ),
    # An outdated verdict: its last figure is for 2019.
    _indicator(
        "retours",
        "AX2",
        "Begeleide terugkeer",
        "Retours accompagnés",
        "payoke",
        unit=_text("personen", "personnes"),
        baseline={"period": "2018", "value": 20},
        targets=[_target("2022", 40, "2019-01-01")],
    ),
    # A target and no figure at all.
    _indicator(
        "condamnations",
        "AX1",
        "Veroordelingen",
        "Condamnations",
        "cellule",
        unit=_text("vonnissen", "jugements"),
        baseline={"period": "2018", "value": 80},
        targets=[_target("2022", 120, "2019-01-01")],
    ),
    # A context figure with a break in series.
    _indicator(
        "signalements",
        "AX2",
        "Meldingen bij het meldpunt",
        "Signalements reçus",
        "myria",
        unit=_text("meldingen", "signalements"),
        direction="none",
        targets=[],
    ),
    # A quarterly context figure.
    _indicator(
        "appels",
        "AX2",
        "Telefonische oproepen",
        "Appels téléphoniques",
        "myria",
        unit=_text("oproepen", "appels"),
        direction="none",
        frequency="quarter",
        targets=[],
    ),
]

# Figures known when the 2021 report was published …
FIGURES_2021 = {
    "police": [
        "dossiers,2019,5000,,",
        "dossiers,2020,5400,,",
        "dossiers,2021,5800,,",
        "dossiers,2021,2900,bruxelles,",
        "dossiers,2021,2897,flandre,",
        "dossiers,2021,3,wallonie,",
        "enquetes,2019-H2,110,,",
        "enquetes,2020-H1,115,,",
        "enquetes,2020-H2,125,,",
        "enquetes,2021-H1,130,,",
        "enquetes,2021-H2,135,,P",
        "delai,2019,42,,",
        "delai,2020,45,,",
        "delai,2021,47,,",
    ],
    "cellule": ["formations,2020,200,,", "formations,2021,280,,"],
    "payoke": [
        "places,2019,62,,",
        "places,2020,64,,",
        "places,2021,66,,E",
        "accompagnement,2020,410,,",
        "accompagnement,2021,395,,",
        "retours,2019,25,,",
    ],
    "myria": [
        "signalements,2019,1200,,",
        "signalements,2020,1350,,",
        "signalements,2021,980,,B",
        "appels,2021-Q3,310,,",
        "appels,2021-Q4,355,,",
    ],
}
UPDATES_2021 = {
    "cellule": ["AX1.1,2020-12-15,done,"],
    "police": ["AX1.2,2021-05-01,in_progress,", "AX1.2.a,2020-06-20,done,"],
    "payoke": ["AX2.1,2021-10-01,in_progress,"],
    "myria": ["AX2.3,2021-11-30,dropped,"],
}
# … and those received after it: a revised figure, new figures, a changed action state.
FIGURES_2022 = {
    "police": [
        "dossiers,2021,5900,,",
        "dossiers,2022,6250,,P",
        "enquetes,2022-H1,140,,",
        "enquetes,2022-H2,197,,",
        "delai,2022,49,,",
    ],
    "cellule": ["formations,2022,310,,"],
    "payoke": ["places,2022,68,,", "accompagnement,2022,402,,"],
    "myria": ["signalements,2022,1040,,", "appels,2022-Q1,290,,", "appels,2022-Q2,335,,"],
}
UPDATES_2022 = {
    "police": ["AX1.2,2022-03-01,in_progress,"],
    "payoke": ["AX2.1,2022-05-01,in_progress,Travaux en retard"],
    "myria": ["AX2.2,2022-06-01,in_progress,"],
}


def write_french_programme(root: Path) -> Path:
    """Write the workspace at ``root``, submit its figures, publish the 2021 report (HTML, in
    French, into ``root``'s sibling ``published``) and add the changes made after it."""
    (root / "programme").mkdir(parents=True)
    (root / "kpis").mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "rapport@example.be")
    git(root, "config", "user.name", "Cellule")
    _write(root / "programme" / "programme.yaml", PROGRAMME)
    for indicator in INDICATORS:
        data = dict(indicator)
        if data["id"] == "dossiers":
            # The revision of the 2022 target comes after the published report.
            data["targets"] = data["targets"][:1]
        _write(root / "kpis" / f"{data['id']}.yaml", data)
    _submit_all(root, FIGURES_2021, UPDATES_2021)
    commit_all(root, "Programme and figures 2021")
    kpitrack(
        "report", str(root), "--as-of", PUBLISHED.isoformat(), "--lang", "fr",
        "--format", "html", "--out", str(root.parent / "published"), "--publish",
    )  # fmt: skip
    commit_all(root, "Report 2021 published")
    programme = dict(PROGRAMME, version="2022.1")
    _write(root / "programme" / "programme.yaml", programme)
    _write(root / "kpis" / "dossiers.yaml", INDICATORS[0])
    _submit_all(root, FIGURES_2022, UPDATES_2022)
    commit_all(root, "Definitions 2022.1 and figures 2022")
    return root


def _submit_all(root: Path, figures: dict[str, list[str]], updates: dict[str, list[str]]) -> None:
    for partner, rows in figures.items():
        _submit(root, partner, "indicator,period,value,region,obs_status", rows)
    for partner, rows in updates.items():
        _submit(root, partner, "action,date,status,note", rows)


def _submit(root: Path, partner: str, header: str, rows: list[str]) -> None:
    number = len(list(root.parent.glob(f"{root.name}-*.csv")))
    path = root.parent / f"{root.name}-{partner}-{number}.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = submit_file(root, path, partner)
    assert result.accepted, [p.format() for p in result.errors]


def _write(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def kpitrack(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the kpitrack command; fail with its output when it does not succeed."""
    done = subprocess.run(
        [sys.executable, "-m", "kpitrack", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
