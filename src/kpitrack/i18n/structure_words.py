"""The words of the open-data structure (SDMX): names of concepts and of the fixed codes.

They come from the catalogues like every other word; a language without a catalogue gets the
English ones.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kpitrack.i18n.catalogue import translations

if TYPE_CHECKING:
    from gettext import NullTranslations


def structure_word(key: str, lang: str) -> str:
    """The words for ``key`` (a concept id such as ``OBS_VALUE``, a codelist id, ``total``)."""
    return _words(translations(lang))[key]


def structure_words(key: str, languages: list[str]) -> dict[str, str]:
    """The words for ``key`` in every language of the programme."""
    return {lang: structure_word(key, lang) for lang in languages}


@lru_cache(maxsize=64)  # per catalogue: each is read once per language
def _words(t: NullTranslations) -> dict[str, str]:
    return {
        "dataflow": t.pgettext("open data structure", "Indicators of the programme"),
        "dsd": t.pgettext(
            "open data structure", "Indicators of the programme: observations with their provenance"
        ),
        "concepts": t.pgettext("open data structure", "Concepts of the programme's indicators"),
        "INDICATOR": t.pgettext("open data structure", "Indicator"),
        "TIME_PERIOD": t.pgettext("open data structure", "Time period"),
        "OBS_VALUE": t.pgettext("open data structure", "Observation value"),
        "OBS_STATUS": t.pgettext("open data structure", "Observation status"),
        "CONF_STATUS": t.pgettext("open data structure", "Confidentiality status"),
        "LOWER_BOUND": t.pgettext("open data structure", "Lower bound of the interval"),
        "UPPER_BOUND": t.pgettext("open data structure", "Upper bound of the interval"),
        "COMMENT_OBS": t.pgettext("open data structure", "Note"),
        "UNIT_MEASURE": t.pgettext("open data structure", "Unit"),
        "PARTNER": t.pgettext("open data structure", "Partner that submitted the figure"),
        "SUBMISSION": t.pgettext("open data structure", "Submission number"),
        "RECEIVED": t.pgettext("open data structure", "Received (UTC)"),
        "REVISED": t.pgettext("open data structure", "Revises an earlier submission"),
        "CL_INDICATOR": t.pgettext("open data structure", "Indicators"),
        "CL_OBS_STATUS": t.pgettext("open data structure", "Observation status"),
        "CL_CONF_STATUS": t.pgettext("open data structure", "Confidentiality status"),
        "CL_PARTNER": t.pgettext("open data structure", "Partners"),
        "CL_UNIT_MEASURE": t.pgettext("open data structure", "Units"),
        "total": t.pgettext("open data structure", "Total"),
        "conf_F": t.pgettext("open data structure", "Free (published)"),
        "conf_C": t.pgettext(
            "open data structure",
            "Confidential: a count below the programme's minimum (small-cell rule)",
        ),
        "conf_D": t.pgettext(
            "open data structure",
            "Secondary confidentiality: withheld so that a small count cannot be worked out "
            "from the total",
        ),
        "mapping": t.pgettext("open data structure", "kpitrack id"),
    }
