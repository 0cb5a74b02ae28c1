"""A report in French is French from cover to annex: no English or Dutch word of kpitrack's own,
numbers and dates as fr_BE writes them, in HTML and in Word.

The programme (french_programme.py) declares ``languages: [nl, fr]`` and is written in both, so
every word of the report that is not the programme's own comes from kpitrack.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree

from french_programme import AS_OF, write_french_programme


def _words(text: str) -> list[str]:
    return text.split()


NBSP, NNBSP, MINUS = "\u00a0", "\u202f", "\u2212"

# Words of kpitrack's English and Dutch that French never uses (word by word, any case). Words
# French shares (action, date, note, source, total, programme, page, de, en) are not listed.
ENGLISH = _words(
    "the and of with in by for to is are no not none yet one two three "
    "target targets baseline achieved track risk deteriorating judgement monitoring "
    "report reports progress summary contents key milestone milestones "
    "provisional estimated outdated stale revised partial overdue planned dropped done "
    "since previous expected measured half quarter due state line chart update reached "
    "forecast trend value values status owner kind indicator indicators partner unit period "
    "definition draft prepared received annex method flags caveats breakdown superseded force "
    "latest first second pace programme's rapporteur"
)
DUTCH = _words(
    "het een van op koers streefwaarde streefwaarden nulmeting cijfer cijfers "
    "actielijn actielijnen mijlpaal mijlpalen voorlopig geschat verouderd gereed uitvoering "
    "gepland vervallen sinds vorige verwacht waarde waarden geen halfjaar kwartaal peildatum "
    "toelichting bijlage inhoud samenvatting stand bron eigenaar niet met voor naar bij "
    "januari maart juni kengetal oordeel behaald risico schema verslechterd gegevens zonder "
    "voortgangsmelding laat zijn wordt werkwijze kernboodschap wijzigingen"
)
FOREIGN = re.compile(r"\b(" + "|".join(ENGLISH + DUTCH) + r")\b", re.IGNORECASE)
# What a French report may show that is not French: the command that rebuilds it.
COMMANDS = re.compile(r"kpitrack report --reproduce")


@dataclass(frozen=True)
class Reports:
    root: Path
    html: Path
    docx: Path


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Reports:
    base = tmp_path_factory.mktemp("plan")
    root = write_french_programme(base / "ws")
    out = base / "out"
    done = _kpitrack(
        "report", str(root), "--as-of", AS_OF.isoformat(), "--lang", "fr",
        "--format", "html,docx", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    stem = f"plan-traite_{AS_OF.isoformat()}_fr"
    return Reports(root, out / f"{stem}.html", out / f"{stem}.docx")


def _kpitrack(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kpitrack", *args], capture_output=True, text=True, check=False
    )


class _Text(HTMLParser):
    """The text a reader sees (or a screen reader reads), scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.append(" ")
        for name, value in attrs:
            if name in ("alt", "aria-label", "title") and value:
                self.parts.append(f" {value} ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def chart_words(path: Path) -> list[str]:
    """The words each HTML chart draws: legend names, hover texts, axis titles."""
    html = path.read_text(encoding="utf-8")
    words: list[str] = []
    for call in re.findall(r"Plotly\.newPlot\(\s*\"[^\"]+\",\s*(\[.*?\]),\s*(\{.*?\}),\s*\{", html):
        traces, layout = json.loads(call[0]), json.loads(call[1])
        for trace in traces:
            words.append(trace.get("name", ""))
            words.extend(t for t in trace.get("text", []) if isinstance(t, str))
        for axis in ("xaxis", "yaxis"):
            title = layout.get(axis, {}).get("title", {})
            words.append(title.get("text", "") if isinstance(title, dict) else str(title))
    return words


def docx_text(path: Path) -> str:
    """Every text of the Word file: body, tables, headers, footers, footnotes and charts."""
    texts: list[str] = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            tree = etree.fromstring(package.read(name))
            for element in tree.iter():
                tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
                if tag in ("t", "v") and element.text:
                    texts.append(element.text)
                    texts.append(" ")
                elif tag in ("p", "tab", "br", "tc"):
                    texts.append(" ")
                elif tag == "docPr":
                    texts.append(f" {element.get('descr', '')} {element.get('title', '')} ")
    return "".join(texts)


def foreign_words(text: str) -> list[str]:
    return sorted({m.group(0) for m in FOREIGN.finditer(COMMANDS.sub(" ", text))})


def test_the_html_report_is_french_throughout(reports: Reports) -> None:
    text = html_text(reports.html)
    assert foreign_words(text) == []
    assert foreign_words(" ".join(chart_words(reports.html))) == []
    assert '<html lang="fr">' in reports.html.read_text(encoding="utf-8")
    for heading in ("Synthèse", "Message clé", "Modifications depuis le rapport précédent",
                    "Annexe", "Méthode", "Exhaustivité des données par partenaire"):  # fmt: skip
        assert heading in text


def test_the_word_report_is_french_throughout(reports: Reports) -> None:
    text = docx_text(reports.docx)
    assert foreign_words(text) == []
    for heading in ("Synthèse", "Message clé", "Modifications depuis le rapport précédent",
                    "Annexe", "Méthode", "Table des matières"):  # fmt: skip
        assert heading in text
    with zipfile.ZipFile(reports.docx) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
        charts = [package.read(n).decode("utf-8") for n in package.namelist() if "/charts/" in n]
    assert 'w:val="fr-BE"' in styles  # spelling and hyphenation in French
    # The value axes group thousands with a space like the text (Word's fr-BE would use a dot).
    assert charts and all('formatCode="[$-40C]' in chart for chart in charts if "c:valAx" in chart)


@pytest.mark.parametrize("reader", [html_text, docx_text], ids=["html", "docx"])
def test_numbers_and_dates_are_written_as_in_belgium(reports: Reports, reader) -> None:
    text = reader(reports.html if reader is html_text else reports.docx)
    assert f"6{NNBSP}250{NBSP}dossiers" in text  # a narrow no-break space groups thousands
    assert f"31{NBSP}décembre 2022" in text  # the day never apart from its month
    assert f"1er{NBSP}janvier 2019" in text and "1 janvier" not in text
    assert f"88{NBSP}%" in text  # a percentage with its no-break space
    assert f"{MINUS}45{NBSP}%" in text  # a real minus sign
    assert "2e semestre 2022" in text and "T2 2022" in text
    assert f"Statut{NBSP}:" in text  # a no-break space before the colon
    assert "au 2e semestre 2022" in text  # the preposition a half-year takes
    assert not re.search(r"\d,\d{3}\b", text)  # no English grouping


def test_the_headline_agrees_in_gender_and_number(reports: Reports) -> None:
    text = html_text(reports.html)
    assert "Huit indicateurs sont assortis d'une valeur cible." in text
    assert "deux atteints, un en bonne voie, un à risque" in text
    assert "État d'avancement des sept actions : une réalisée".replace(" :", f"{NBSP}:") in text
    assert "deux prévues et une abandonnée" in text
    assert "État d'avancement des trois jalons : un réalisé".replace(" :", f"{NBSP}:") in text


def test_an_unknown_language_is_a_clear_error(reports: Reports, tmp_path: Path) -> None:
    done = _kpitrack(
        "report", str(reports.root), "--as-of", AS_OF.isoformat(), "--lang", "de",
        "--format", "html", "--out", str(tmp_path),
    )  # fmt: skip
    assert done.returncode == 2
    assert "can be written in nl, fr" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_dutch_report_of_the_same_programme_has_no_french(
    reports: Reports, tmp_path: Path
) -> None:
    done = _kpitrack(
        "report", str(reports.root), "--as-of", AS_OF.isoformat(), "--lang", "nl",
        "--format", "html", "--out", str(tmp_path),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = html_text(tmp_path / f"plan-traite_{AS_OF.isoformat()}_nl.html")
    french = re.findall(
        r"\b(valeur|cible|chiffres?|semestre|appréciation|échéance|jalons?|rapport|statut)\b",
        text,
        re.IGNORECASE,
    )
    assert french == []
    assert "6.250 dossiers" in text and "31 december 2022" in text


@pytest.mark.browser
def test_the_french_report_fits_a_phone(reports: Reports) -> None:
    # French labels are the longest ("indicateur de contexte, sans appréciation"): at 390 px no
    # element may push the page sideways.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 390, "height": 900})
        page.goto(reports.html.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
              .filter((e) => e.getBoundingClientRect().right > 391)
              .filter((e) => !e.closest('.table-wrap, .plot-container'))
              .map((e) => e.tagName + ' ' + e.textContent.slice(0, 40))"""
        )
        browser.close()
    assert width <= 390 and wide == []
