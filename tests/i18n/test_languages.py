"""A language is one catalogue: Dutch and French come with a .po file, other languages read
English.

The German catalogue here is a throwaway one in a temporary folder, compiled the way
``make catalogues`` compiles; nothing else changes for kpitrack to speak it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kpitrack.core.explanation import Explanation, PeriodValue
from kpitrack.i18n import catalogue, status_label
from kpitrack.i18n.catalogue import DOMAIN, has_catalogue, translations
from kpitrack.i18n.explanations import Explanations, explanation_text
from kpitrack.i18n.formatting import format_period
from kpitrack.i18n.instructions import template_instructions
from kpitrack.i18n.report_texts import report_texts

GERMAN = r"""
msgid ""
msgstr ""
"Language: de\n"
"Content-Type: text/plain; charset=utf-8\n"

msgctxt "indicator status"
msgid "on track"
msgstr "im Plan"

msgid "Summary"
msgstr "Zusammenfassung"

msgid "Instructions"
msgstr "Anleitung"

msgid "first half of {year}"
msgstr "1. Halbjahr {year}"

msgid ""
"Target of {target} ({target_period}) met: {value} in {period}, against "
"{baseline} at the baseline ({baseline_period}). {status}."
msgstr ""
"Zielwert {target} ({target_period}) erreicht: {value} im Jahr {period}, gegenüber "
"{baseline} beim Ausgangswert ({baseline_period}). {status}."

msgctxt "indicator status"
msgid "achieved"
msgstr "erreicht"
"""

ACHIEVED = Explanation(
    form="achieved",
    status="achieved",
    as_of=date(2022, 12, 31),
    measure="count",
    decimals=None,
    baseline=PeriodValue("2018", 4500),
    latest=PeriodValue("2022", 6250),
    target=PeriodValue("2022", 6000),
)


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The shipped catalogues plus a small German one, as if de/…/kpitrack.po were added."""
    locale = tmp_path / "locale"
    for mo in catalogue.LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"):
        copy = locale / mo.relative_to(catalogue.LOCALE_DIR)
        copy.parent.mkdir(parents=True)
        copy.write_bytes(mo.read_bytes())
    po = locale / "de" / "LC_MESSAGES" / f"{DOMAIN}.po"
    po.parent.mkdir(parents=True)
    po.write_text(GERMAN, encoding="utf-8")
    with open(po, "rb") as source, open(po.with_suffix(".mo"), "wb") as compiled:
        write_mo(compiled, read_po(source))
    monkeypatch.setattr(catalogue, "LOCALE_DIR", locale)
    translations.cache_clear()
    yield locale
    translations.cache_clear()


def test_a_new_language_speaks_from_its_catalogue(german: Path) -> None:
    assert has_catalogue("de")
    assert status_label("on_track", "de") == "im Plan"
    assert report_texts("de")["summary"] == "Zusammenfassung"
    assert format_period("2019-H1", "de") == "1. Halbjahr 2019"
    assert template_instructions("de", "politie").title == "Anleitung"
    assert explanation_text(ACHIEVED, "de") == (
        "Zielwert 6.000 (2022) erreicht: 6.250 im Jahr 2022, gegenüber 4.500 beim Ausgangswert "
        "(2018). Erreicht."
    )


def test_an_untranslated_message_reads_english(german: Path) -> None:
    assert status_label("at_risk", "de") == "at risk"
    assert report_texts("de")["toc"] == "Contents"
    assert format_period("2019-H2", "de") == "second half of 2019"


def test_the_other_languages_are_unchanged(german: Path) -> None:
    assert status_label("on_track", "nl") == "op koers"
    assert status_label("on_track", "en") == "on track"
    assert status_label("on_track", "fr") == "en bonne voie"


def test_a_language_without_catalogue_reads_english_with_its_own_numbers() -> None:
    assert not has_catalogue("de")
    assert has_catalogue("nl") and has_catalogue("en") and has_catalogue("fr")
    assert status_label("on_track", "de") == "on track"
    assert explanation_text(ACHIEVED, "de") == (
        "Target of 6.000 (2022) met: 6.250 in 2022, against 4.500 at the baseline (2018). Achieved."
    )
    # Sheets of languages that fall back to English keep apart by their language code.
    assert template_instructions("de", "politie").title == "Instructions (de)"
    assert template_instructions("en", "politie").title == "Instructions"
    assert template_instructions("nl", "politie").title == "Toelichting"


def test_dutch_and_english_explanations() -> None:
    assert explanation_text(ACHIEVED, "nl") == (
        "Streefwaarde 6.000 (2022) behaald: 6.250 in 2022, tegen 4.500 bij de nulmeting (2018). "
        "Behaald."
    )
    assert explanation_text(ACHIEVED, "en") == (
        "Target of 6,000 (2022) met: 6,250 in 2022, against 4,500 at the baseline (2018). Achieved."
    )


def test_french_explanations_as_belgium_writes_them() -> None:
    # fr_BE: a narrow no-break space groups the thousands, a no-break space precedes the colon.
    assert explanation_text(ACHIEVED, "fr") == (
        "Valeur cible de 6\u202f000 (2022) atteinte\u00a0: 6\u202f250 en 2022, contre une valeur "
        "de référence de 4\u202f500 (2018). Atteint."
    )
    assert status_label("off_track", "fr") == "en retard sur le calendrier"
    assert format_period("2022-H1", "fr") == "1er semestre 2022"
    assert format_period("2022-Q1", "fr") == "T1 2022"
    assert template_instructions("fr", "politie").title == "Mode d'emploi"


def test_explanations_are_a_read_only_mapping_of_the_programme_languages() -> None:
    explained = Explanations(ACHIEVED, ["nl", "en"])
    assert list(explained) == ["nl", "en"] and len(explained) == 2
    assert explained == {lang: explanation_text(ACHIEVED, lang) for lang in ("nl", "en")}
    assert explained["en"] is explained["en"]  # worded once
    assert explained.data is ACHIEVED
    with pytest.raises(KeyError):
        explained["de"]
    with pytest.raises(TypeError):
        explained["de"] = "x"  # type: ignore[index]


def test_report_language_must_have_words_and_be_the_programmes(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "kpitrack", "report", str(root), "--as-of", "2022-12-31",
         "--lang", "fr", "--format", "html", "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "can be written in nl, en" in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []
