"""Steps of rapporteur_report.feature: the report of the example in HTML, Word and status JSON."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("rapporteur_report.feature")

ROOT = Path(__file__).resolve().parents[1]
# CoMensha annual reports (domain fact sheet): possible victims registered per year.
COMENSHA = {"2019": 1372, "2020": 1013, "2021": 791, "2022": 814}


def kpitrack(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "kpitrack", *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def context() -> dict[str, Any]:
    return {"reports": []}


@given(parsers.parse('een kopie van het voorbeeldprogramma "{programme}"'), target_fixture="ws")
def example_copy(programme: str, tmp_path: Path) -> Path:
    workspace = tmp_path / programme
    for part in ("programme", "kpis", "commentary"):
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, workspace / part)
    return workspace


@given("de werkmap van deze repository met alle opgeslagen cijfers", target_fixture="ws")
def repository_workspace() -> Path:
    # The report only reads the workspace (no --publish), so the repository itself serves.
    return ROOT


@given("CoMensha heeft de gepubliceerde registraties van 2019 tot en met 2022 aangeleverd")
def comensha_submits(ws: Path) -> None:
    csv = ws.parent / "comensha.csv"
    rows = [f"comensha-registraties,{period},{value}" for period, value in COMENSHA.items()]
    csv.write_text("indicator,period,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    kpitrack("submit", str(csv), "--partner", "comensha", "--workspace", str(ws))


@when(
    parsers.re(
        r"de rapporteur de rapportage (?:nogmaals )?maakt per (?P<as_of>\S+) in het "
        r'"(?P<lang>\w+)" als "(?P<formats>[\w,]+)"'
    )
)
def make_report(
    ws: Path, context: dict[str, Any], as_of: str, lang: str, formats: str, tmp_path: Path
) -> None:
    # Never beside the workspace: for the repository itself that is a directory shared with
    # other checkouts, where a concurrent run would overwrite the report being read.
    out = tmp_path / f"out{len(context['reports'])}"
    result = kpitrack(
        "report", str(ws), "--as-of", as_of, "--lang", lang, "--format", formats, "--out", str(out)
    )
    context["reports"].append([Path(line) for line in result.stdout.split()])


@when(parsers.parse("de rapporteur de status opvraagt als JSON per {as_of}"))
def status_json(ws: Path, context: dict[str, Any], as_of: str) -> None:
    result = kpitrack("status", str(ws), "--as-of", as_of, "--format", "json")
    context["status"] = json.loads(result.stdout)


@then(parsers.parse('staat er een HTML-bestand en een Word-bestand met de naam "{stem}"'))
def both_files(context: dict[str, Any], stem: str) -> None:
    paths = context["reports"][0]
    assert sorted(p.name for p in paths) == [f"{stem}.docx", f"{stem}.html"]
    assert all(p.stat().st_size > 0 for p in paths)


@then(
    parsers.parse('is de laatste waarde van "{indicator}" in de statusopgave {value:d} in {period}')
)
def json_latest(context: dict[str, Any], indicator: str, value: int, period: str) -> None:
    entry = _json_indicator(context, indicator)
    assert entry["latest"] == {"period": period, "value": value}


@then(
    parsers.parse(
        'toont de HTML voor "{indicator}" de laatste waarde "{latest}" en de status "{label}"'
    )
)
def html_latest(context: dict[str, Any], indicator: str, latest: str, label: str) -> None:
    shown = _html_indicators(context)[indicator]
    assert shown["latest"] == latest
    assert shown["label"] == label
    assert shown["status"] == _json_indicator(context, indicator)["status"]


@then(parsers.parse('staat in het Word-document bij "{name}" de laatste waarde "{latest}"'))
def docx_value(context: dict[str, Any], name: str, latest: str) -> None:
    import docx
    from docx.oxml.ns import qn

    path = next(p for p in context["reports"][0] if p.suffix == ".docx")
    body = docx.Document(str(path)).element.body
    texts = ["".join(t.text or "" for t in block.iter(qn("w:t"))) for block in body]
    styles = ["".join(s.get(qn("w:val"), "") for s in block.iter(qn("w:pStyle"))) for block in body]
    # The indicator's heading (possibly numbered), then its section.
    starts = [
        i
        for i, (text, style) in enumerate(zip(texts, styles, strict=True))
        if style.startswith("Heading") and text.strip().endswith(name)
    ]
    assert starts, f"no heading {name!r} in the Word report"
    section = texts[starts[0] + 1 : starts[0] + 40]
    assert any(latest in text for text in section)


@then(
    "komen status en laatste waarde van elke indicator in de HTML exact overeen met de statusopgave"
)
def html_matches_json(context: dict[str, Any]) -> None:
    shown = _html_indicators(context)
    entries = context["status"]["indicators"]
    assert set(shown) == {e["id"] for e in entries}
    for entry in entries:
        html = shown[entry["id"]]
        assert html["status"] == entry["status"], entry["id"]
        latest = entry["latest"]
        if latest is None:
            assert html["latest"] == "", entry["id"]
            continue
        # "814 mogelijke slachtoffers (2022)", "43% van de gemeenten (2017)": number, unit, period
        found = re.fullmatch(r"([\d.,]+)[% ].*\((\S+)\)", html["latest"])
        assert found is not None, html["latest"]
        number, period = found.groups()
        assert period == latest["period"], entry["id"]
        # As submitted, never rounded: the same number as in the status JSON.
        assert _parse_nl(number) == pytest.approx(latest["value"], abs=1e-9), entry["id"]


@then(
    "komen status en laatste waarde van elke indicator in het Word-document exact overeen met "
    "de HTML en de statusopgave"
)
def docx_matches_html_and_json(context: dict[str, Any]) -> None:
    from kpitrack.i18n import format_number, status_label
    from kpitrack.i18n.verdicts import dated_verdict

    html = _html_indicators(context)
    word = _docx_indicators(context)
    entries = context["status"]["indicators"]
    assert entries
    for entry in entries:
        shown = html[entry["id"]]
        found = word.get(shown["name"])
        assert found is not None, f"no section for {shown['name']!r} in the Word report"
        # The status label: Word = HTML = the words of the status JSON's code; a verdict on an
        # outdated figure says the period of its figure.
        expected = status_label(entry["status"], "nl")
        if "stale" in entry["flags"]:
            expected = dated_verdict(entry["status"], entry["latest"]["period"], "nl")
        assert found["label"] == shown["label"] == expected, entry["id"]
        assert found["latest"] == shown["latest"], entry["id"]
        latest = entry["latest"]
        if latest is None:
            assert found["latest"] == "", entry["id"]
            continue
        # "814 mogelijke slachtoffers (2022)", "43% van de gemeenten (2017)"
        number = format_number(latest["value"], "nl")
        assert re.fullmatch(rf"{re.escape(number)}[% ].*\({re.escape(latest['period'])}\)",
                            found["latest"]), (entry["id"], found["latest"])  # fmt: skip


@then("zijn beide webpagina's byte voor byte gelijk")
def identical(context: dict[str, Any]) -> None:
    first, second = (paths[0].read_bytes() for paths in context["reports"])
    assert first == second


def _json_indicator(context: dict[str, Any], indicator: str) -> dict[str, Any]:
    return next(e for e in context["status"]["indicators"] if e["id"] == indicator)


def _parse_nl(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _docx_indicators(context: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Per indicator heading (name): the status label and the latest value the section shows."""
    import docx

    path = next(p for p in context["reports"][0] if p.suffix == ".docx")
    found: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for paragraph in docx.Document(str(path)).paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        text = paragraph.text
        if style.startswith("Heading"):
            current = (
                found.setdefault(text, {"label": "", "latest": ""}) if style.endswith("3") else None
            )
        elif current is not None and text.startswith("Status: ") and not current["label"]:
            # "Status: kengetal, geen oordeel (kanttekeningen: verouderd)": label, flags
            current["label"] = text.removeprefix("Status: ").split(" (")[0]
        elif current is not None and text.startswith("Laatste stand: "):
            current["latest"] = text.removeprefix("Laatste stand: ")
    return found


def _html_indicators(context: dict[str, Any]) -> dict[str, dict[str, str]]:
    path = next(p for p in context["reports"][0] if p.suffix == ".html")
    parser = _IndicatorParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


class _IndicatorParser(HTMLParser):
    """Collects per indicator article: data-status, the status label and the latest value."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, dict[str, str]] = {}
        self.current: str | None = None
        self.capture: str | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article" and attributes.get("data-indicator"):
            self.current = attributes["data-indicator"]
            self.found[self.current] = {
                "status": attributes.get("data-status") or "",
                "latest": "",
                "label": "",
                "name": "",
            }
        elif self.current and tag == "h3":
            self.capture = "name"
        elif self.current and tag == "dd" and attributes.get("class") == "latest":
            self.capture = "latest"
        elif (
            self.current
            and tag == "span"
            and attributes.get("class") == "label"
            and not self.found[self.current]["label"]
        ):
            self.capture = "label"

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.current = None
        if tag in ("dd", "span", "h3"):
            self.capture = None

    def handle_data(self, data: str) -> None:
        if self.current and self.capture:
            self.found[self.current][self.capture] += data
