"""Text for WordprocessingML: characters XML forbids, and the language tags Word expects.

No python-docx here: the chart writer uses it too, and ``import kpitrack`` must stay fast.
"""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF;
# lxml refuses them, so one stray byte from a partner's Excel would abort the whole report.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB", "fr": "fr-BE", "de": "de-DE", "fy": "fy-NL"}


def clean_text(text: str) -> str:
    """Remove the characters XML 1.0 forbids (control characters, lone surrogates)."""
    return _FORBIDDEN.sub("", text)


def language_tag(lang: str) -> str:
    """BCP 47 tag Word expects for a programme language code (``nl`` -> ``nl-NL``)."""
    return _LANGUAGE_TAGS.get(lang, lang)
