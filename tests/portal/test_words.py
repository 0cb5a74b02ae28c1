"""Every word a page shows is marked for translation; the language follows the browser."""

from __future__ import annotations

import re

import pytest

from kpitrack.portal.pages import TEMPLATES, Pages
from kpitrack.portal.words import choose_language, page_languages

ALLOWED = {"kpitrack"}  # the product's name
TRANSLATED_ATTRIBUTES = re.compile(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"')


def untranslated(source: str) -> list[str]:
    """Text with letters in a template that no ``_()`` or ``{% trans %}`` carries."""
    Pages().environment("en").parse(source)  # a template that does not parse fails here
    text = re.sub(r"{%-?\s*trans\b.*?{%-?\s*endtrans\s*-?%}", " ", source, flags=re.S)
    text = re.sub(r"{#.*?#}", " ", text, flags=re.S)
    text = re.sub(r"{{.*?}}|{%.*?%}", "\x00", text, flags=re.S)
    found = [v for v in TRANSLATED_ATTRIBUTES.findall(text) if re.search(r"[A-Za-z]", v)]
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"&[a-z]+;", " ", text)
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text) if w not in ALLOWED]
    return found + words


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_every_page_word_is_marked_for_translation(name):
    assert untranslated((TEMPLATES / name).read_text(encoding="utf-8")) == []


def test_the_check_finds_unmarked_words():
    assert untranslated("<p>Hello {{ _('there') }}</p>") == ["Hello"]
    assert untranslated('<a href="/x/{{ n }}">{{ n }}</a>') == []
    assert untranslated('<nav aria-label="Main">{% trans %}Menu{% endtrans %}</nav>') == ["Main"]
    assert untranslated("<p>{% trans n=1 %}{{ n }} file{% endtrans %} – 3</p>") == []


def test_the_language_follows_the_browser_among_the_offered_ones():
    offered = ["nl", "en"]
    assert choose_language("nl-NL,nl;q=0.9,en;q=0.8", offered, None) == "nl"
    assert choose_language("en-GB,en;q=0.9,nl;q=0.8", offered, None) == "en"
    assert choose_language("fr-FR,fr;q=0.9,en;q=0.5,nl;q=0.7", offered, None) == "nl"
    assert choose_language("de", offered, None) == "nl"  # nothing offered: the first
    assert choose_language(None, offered, None) == "nl"
    assert choose_language("nl;q=0,en", offered, None) == "en"  # q=0: not acceptable
    assert choose_language("nl;q=abc,en;q=0.1", offered, None) == "en"
    assert choose_language("nl", offered, "en") == "en"  # the person's own choice wins
    assert choose_language("nl", offered, "xx") == "nl"


def test_pages_are_offered_only_in_languages_with_words():
    # Dutch and English have catalogues; a language without one is not offered.
    assert page_languages(["nl", "en"]) == ["nl", "en"]
    assert page_languages(["nl"]) == ["nl"]
    assert page_languages(["xx", "nl"]) == ["nl"]
    assert page_languages(["xx"]) == ["en"]  # nothing else: the source language


def test_the_page_language_is_declared_and_follows_the_browser(portal):
    client = portal.client()
    dutch = client.get("/login", headers={"accept-language": "nl-NL,nl;q=0.9"})
    assert '<html lang="nl">' in dutch.text
    assert "<h1>Inloggen</h1>" in dutch.text
    english = client.get("/login", headers={"accept-language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in english.text
    assert "<h1>Log in</h1>" in english.text
    # No preference: the programme's first language.
    assert '<html lang="nl">' in portal.client(lang="").get("/login").text
