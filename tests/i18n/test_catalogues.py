"""The word catalogues: complete, compiled from their .po, shipped, loaded lazily.

Every message the code asks for must be in every language's .po, translated in every language
but English (the message ids are the English text); each committed .mo must hold exactly what
its .po compiles to, so an edited .po without ``make catalogues`` fails here.
"""

from __future__ import annotations

import functools
import gettext
import io
import re
import string
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

try:
    from babel.messages.frontend import parse_mapping_cfg
except ImportError:  # babel before 2.16
    from babel.messages.frontend import parse_mapping as parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from kpitrack.i18n.catalogue import DOMAIN, LOCALE_DIR, SOURCE_LANGUAGE

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src" / "kpitrack"
POS = sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
Key = tuple[str | None, str]  # (msgctxt, msgid); a plural message by its singular
PERCENT_FIELD = re.compile(r"%\((\w+)\)[sd]")  # the portal's python-format placeholders


def _lang(po: Path) -> str:
    return po.parent.parent.name  # <lang>/LC_MESSAGES/kpitrack.po


@functools.cache
def _in_code() -> dict[Key, str]:
    """Every message the code asks for (with babel.cfg, as ``make catalogues`` extracts)."""
    with open(REPO / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[Key, str] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(REPO), method_map, options_map
    ):
        singular = message if isinstance(message, str) else message[0]
        assert isinstance(singular, str), (filename, lineno, message)
        found[(context, singular)] = f"{filename}:{lineno}"
    return found


def _messages(path: Path) -> dict[Key, tuple[tuple[str, ...], bool]]:
    """The live messages of a .po or .pot: (context, id) → (translation forms, fuzzy).

    A plural message has its singular as id and one translation per plural form.
    """
    with open(path, "rb") as file:
        catalogue = read_po(file)
    return {
        (m.context, _singular(m.id)): (_forms(m.string), m.fuzzy) for m in catalogue if m.id
    }  # obsolete entries (#~) are not iterated


def _plurals(path: Path) -> dict[Key, str]:
    """The plural id of each plural message (the English text for more than one)."""
    with open(path, "rb") as file:
        catalogue = read_po(file)
    return {
        (m.context, _singular(m.id)): m.id[1]
        for m in catalogue
        if m.id and not isinstance(m.id, str)
    }


def _singular(msgid: object) -> str:
    return msgid if isinstance(msgid, str) else str(msgid[0])  # type: ignore[index]


def _forms(text: object) -> tuple[str, ...]:
    return (text,) if isinstance(text, str) else tuple(str(t) for t in text)  # type: ignore[attr-defined]


def test_there_is_a_catalogue_for_dutch_french_and_english() -> None:
    assert {_lang(po) for po in POS} >= {"nl", "fr", "en"}


def test_the_code_asks_for_words_and_they_come_from_the_i18n_package_or_the_portal() -> None:
    # Words live in i18n/; the portal (the top floor, a web application with its own pages and
    # templates) marks its page words where they are shown, and they go into the same catalogues.
    found = _in_code()
    assert len(found) > 400
    assert all(
        where.startswith(("src/kpitrack/i18n/", "src/kpitrack/portal/")) for where in found.values()
    )
    assert any(where.startswith("src/kpitrack/portal/templates/") for where in found.values())


@pytest.mark.parametrize("po", POS, ids=_lang)
def test_every_message_in_the_code_is_in_the_catalogue(po: Path) -> None:
    in_code, in_po = _in_code(), _messages(po)
    missing = {key: where for key, where in in_code.items() if key not in in_po}
    assert not missing, f"run `make catalogues`: {_lang(po)} lacks {missing}"
    stale = sorted(str(key) for key in in_po if key not in in_code)
    assert not stale, f"run `make catalogues`: {_lang(po)} has messages no code asks for: {stale}"


COMPLETE = ("nl", "fr")
"""Languages whose reports must never show an English word: every message translated."""


@pytest.mark.parametrize("lang", COMPLETE)
def test_dutch_and_french_are_translated_in_full(lang: str) -> None:
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    assert po in POS, f"{lang} has no catalogue"
    test_every_message_is_translated(po)
    assert len(_messages(po)) == len(_in_code())


@pytest.mark.parametrize("po", [p for p in POS if _lang(p) != SOURCE_LANGUAGE], ids=_lang)
def test_every_message_is_translated(po: Path) -> None:
    untranslated = [key for key, (forms, fuzzy) in _messages(po).items() if not all(forms) or fuzzy]
    assert not untranslated, f"{_lang(po)}: translate (and unmark fuzzy) {untranslated}"


@pytest.mark.parametrize("po", POS, ids=_lang)
def test_translations_keep_the_placeholders(po: Path) -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    def percent_fields(text: str) -> set[str]:
        return set(PERCENT_FIELD.findall(text))

    plurals = _plurals(po)
    for key, (forms, _) in _messages(po).items():
        msgid = key[1]
        for number, text in enumerate(forms):
            if not text:
                continue
            source = plurals.get(key, msgid) if number else msgid
            assert fields(text) == fields(source), (msgid, text)
            # A plural form may leave out the number ("one file" for 1): no new names, though.
            wanted = percent_fields(source)
            got = percent_fields(text)
            assert got <= wanted and (got == wanted or key in plurals), (msgid, text)


PERIOD_FIELDS = {
    "period", "baseline_period", "target_period", "first_period", "last_period", "break_period",
    "reach",
}  # fmt: skip
"""The placeholders that hold a period (kpitrack.i18n.formatting.PeriodText) in every message."""


@pytest.mark.parametrize("po", POS, ids=_lang)
def test_only_periods_take_a_preposition_form(po: Path) -> None:
    # "{period:in}" gives "au 1er semestre 2019" in French; on any other placeholder, or with
    # another form, str.format would raise when the report is written.
    from kpitrack.i18n.formatting import PERIOD_FORMS

    for key, (forms, _) in _messages(po).items():
        for text in forms:
            for _, name, spec, _ in string.Formatter().parse(text):
                if spec:
                    assert name in PERIOD_FIELDS and spec in PERIOD_FORMS, (key, text)


def test_a_period_placeholder_gives_its_preposition_form() -> None:
    from kpitrack.i18n.formatting import format_period

    assert "{p:in} / {p:for} / {p}".format(p=format_period("2019-H1", "fr")) == (
        "au 1er semestre 2019 / pour le 1er semestre 2019 / 1er semestre 2019"
    )
    assert "{p:in}, {p:for}".format(p=format_period("2019", "fr")) == "en 2019, pour 2019"
    assert "{p:in}".format(p=format_period("2020-Q3", "fr")) == "au T3 2020"
    assert "{p:in}".format(p=format_period("2020-04", "fr")) == "en avril 2020"
    assert "{p:in}".format(p=format_period("2019-H2", "nl")) == "in het tweede halfjaar van 2019"
    assert "{p:in}".format(p=format_period("2019-H2", "en")) == "in the second half of 2019"
    assert f"{format_period('2019', 'nl'):>6}" == "  2019"  # other specs as for any text


def test_the_template_holds_every_message() -> None:
    assert set(_messages(LOCALE_DIR / f"{DOMAIN}.pot")) == set(_in_code())


@pytest.mark.parametrize("po", POS, ids=_lang)
def test_the_compiled_catalogue_is_up_to_date(po: Path) -> None:
    with open(po, "rb") as file:
        catalogue = read_po(file)
    fresh = io.BytesIO()
    write_mo(fresh, catalogue)  # what `pybabel compile` writes (fuzzy entries left out)
    fresh.seek(0)
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"run `make catalogues`: {mo.name} of {_lang(po)} is missing"
    with open(mo, "rb") as file:
        committed = gettext.GNUTranslations(file)
    expected = gettext.GNUTranslations(fresh)
    assert committed._catalog == expected._catalog, (
        f"run `make catalogues`: {_lang(po)}/{mo.name} is not compiled from its .po"
    )


def test_the_check_sees_a_stale_compiled_catalogue(tmp_path: Path) -> None:
    po = tmp_path / "nl" / "LC_MESSAGES" / f"{DOMAIN}.po"
    po.parent.mkdir(parents=True)
    source = (LOCALE_DIR / "nl" / "LC_MESSAGES" / f"{DOMAIN}.po").read_text("utf-8")
    po.write_text(source.replace('msgstr "op koers"', 'msgstr "op schema"'), "utf-8")
    committed = LOCALE_DIR / "nl" / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po.with_suffix(".mo").write_bytes(committed.read_bytes())
    with pytest.raises(AssertionError, match=r"not compiled from its \.po"):
        test_the_compiled_catalogue_is_up_to_date(po)


def test_every_compiled_catalogue_ships_in_the_wheel() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["kpitrack.i18n"]
    shipped = {path for pattern in patterns for path in (SRC / "i18n").glob(pattern)}
    compiled = set(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    assert compiled and compiled <= shipped
    assert "kpitrack.i18n" in pyproject["tool"]["setuptools"]["packages"]


def test_catalogues_load_on_first_use_only() -> None:
    code = (
        "import kpitrack.progress.engine, kpitrack.report.build\n"
        "from kpitrack.i18n.catalogue import translations\n"
        "print(translations.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"


def test_a_catalogue_is_read_once_per_language() -> None:
    from kpitrack.i18n.catalogue import translations

    assert translations("nl") is translations("nl")
    assert translations("nl").pgettext("indicator status", "on track") == "op koers"


@pytest.mark.parametrize("lang", ["../nl", "nl/../nl", "", "n", "nl.utf8"])
def test_a_strange_language_code_reads_english(lang: str) -> None:
    from kpitrack.i18n.catalogue import has_catalogue
    from kpitrack.i18n.labels import status_label

    assert status_label("on_track", lang) == "on track"
    assert not has_catalogue(lang)


def test_messages_are_english_text_with_named_placeholders() -> None:
    for _, msgid in _in_code():
        assert not re.search(r"\{\d*\}|%[sd]", msgid), msgid  # {name} only: order-free
