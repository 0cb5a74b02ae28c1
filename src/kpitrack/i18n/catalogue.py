"""The gettext catalogues: every word kpitrack shows, one compiled catalogue per language.

A language's words live in ``locale/<lang>/LC_MESSAGES/kpitrack.po`` (compiled to ``.mo`` beside
it, see docs/translating.md). Message ids are the English text, so English needs no
translation and a language without a catalogue reads English, with its own number and date
format. Short words that name a code carry a context (``msgctxt``: "indicator status",
"flag"…), because one English word can need two translations.

Catalogues load on first use, once per language, with the standard library's gettext.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gettext import NullTranslations

DOMAIN = "kpitrack"
"""The catalogues' file name: ``kpitrack.po`` and ``kpitrack.mo``."""
LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the catalogues live, one folder per language."""
SOURCE_LANGUAGE = "en"
"""The language of the message ids: its catalogue may leave every message untranslated."""

# A language code (nl, en, pt_BR); anything else never becomes part of a path.
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})*")


@lru_cache(maxsize=64)
def translations(lang: str) -> NullTranslations:
    """The catalogue of ``lang``; a language without one gets the English message ids."""
    import gettext

    if not _LANGUAGE.fullmatch(lang):
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def has_catalogue(lang: str) -> bool:
    """Whether ``lang`` has a catalogue of its own (else its words are the English ones)."""
    from gettext import GNUTranslations

    return isinstance(translations(lang), GNUTranslations)


def catalogue_languages() -> list[str]:
    """The languages kpitrack can write whole reports in: those with a catalogue, and English."""
    found = {path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return sorted(found | {SOURCE_LANGUAGE})
