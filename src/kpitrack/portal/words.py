"""The portal's words: gettext translations per language and the language of a request.

Every page string is an English source string marked for translation (``_()`` in Python,
``{% trans %}`` / ``_()`` in templates), extracted into the gettext catalogues of
``kpitrack.i18n`` with every other word kpitrack shows (``make catalogues``; babel.cfg reads the
portal's Python and its Jinja templates). :func:`translation_for` is the one place that asks
for a language's catalogue. Pages are offered in the programme's languages that have a
catalogue, following the browser's preference.
"""

from __future__ import annotations

import gettext

from kpitrack.i18n.catalogue import SOURCE_LANGUAGE, has_catalogue, translations


def translation_for(lang: str) -> gettext.NullTranslations:
    """The gettext translation of the portal's words into ``lang`` (loaded once per language)."""
    return translations(lang)


def has_words(lang: str) -> bool:
    """True when pages can be shown in ``lang``: the source language, or one with a catalogue."""
    return lang == SOURCE_LANGUAGE or has_catalogue(lang)


def page_languages(programme_languages: list[str]) -> list[str]:
    """The programme's languages the portal can show pages in (at least the source language)."""
    offered = [lang for lang in programme_languages if has_words(lang)]
    return offered or [SOURCE_LANGUAGE]


def choose_language(accept_language: str | None, offered: list[str], chosen: str | None) -> str:
    """The page language: the one the person chose, else the browser's best offered one.

    ``accept_language`` is the ``Accept-Language`` header (``nl-NL,nl;q=0.9,en;q=0.8``); a tag
    matches an offered language by its primary subtag. Without a match: the first offered.
    """
    if chosen in offered:
        return str(chosen)
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if quality > 0 and primary in offered:
            ranked.append((-quality, position, primary))
    return sorted(ranked)[0][2] if ranked else offered[0]
