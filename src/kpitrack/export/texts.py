"""The words of the SDMX structure: names of concepts and of the fixed codes, per language.

Dutch and English have their own wording; any other programme language gets the English one.
"""

from __future__ import annotations

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "dataflow": "Indicators of the programme",
        "dsd": "Indicators of the programme: observations with their provenance",
        "concepts": "Concepts of the programme's indicators",
        "INDICATOR": "Indicator",
        "TIME_PERIOD": "Time period",
        "OBS_VALUE": "Observation value",
        "OBS_STATUS": "Observation status",
        "CONF_STATUS": "Confidentiality status",
        "LOWER_BOUND": "Lower bound of the interval",
        "UPPER_BOUND": "Upper bound of the interval",
        "COMMENT_OBS": "Note",
        "UNIT_MEASURE": "Unit",
        "PARTNER": "Partner that submitted the figure",
        "SUBMISSION": "Submission number",
        "RECEIVED": "Received (UTC)",
        "REVISED": "Revises an earlier submission",
        "CL_INDICATOR": "Indicators",
        "CL_OBS_STATUS": "Observation status",
        "CL_CONF_STATUS": "Confidentiality status",
        "CL_PARTNER": "Partners",
        "CL_UNIT_MEASURE": "Units",
        "total": "Total",
        "conf_F": "Free (published)",
        "conf_C": "Confidential: a count below the programme's minimum (small-cell rule)",
        "conf_D": "Secondary confidentiality: withheld so that a small count cannot be worked "
        "out from the total",
        "mapping": "kpitrack id",
    },
    "nl": {
        "dataflow": "Indicatoren van het programma",
        "dsd": "Indicatoren van het programma: waarnemingen met hun herkomst",
        "concepts": "Begrippen van de indicatoren van het programma",
        "INDICATOR": "Indicator",
        "TIME_PERIOD": "Periode",
        "OBS_VALUE": "Waarde",
        "OBS_STATUS": "Status van de waarneming",
        "CONF_STATUS": "Vertrouwelijkheid",
        "LOWER_BOUND": "Ondergrens van het interval",
        "UPPER_BOUND": "Bovengrens van het interval",
        "COMMENT_OBS": "Toelichting",
        "UNIT_MEASURE": "Eenheid",
        "PARTNER": "Partner die het cijfer aanleverde",
        "SUBMISSION": "Nummer van de aanlevering",
        "RECEIVED": "Ontvangen (UTC)",
        "REVISED": "Herziet een eerdere aanlevering",
        "CL_INDICATOR": "Indicatoren",
        "CL_OBS_STATUS": "Status van de waarneming",
        "CL_CONF_STATUS": "Vertrouwelijkheid",
        "CL_PARTNER": "Partners",
        "CL_UNIT_MEASURE": "Eenheden",
        "total": "Totaal",
        "conf_F": "Vrij (gepubliceerd)",
        "conf_C": "Vertrouwelijk: een telling onder het minimum van het programma "
        "(kleine-aantallenregel)",
        "conf_D": "Secundair vertrouwelijk: weggelaten zodat een kleine telling niet uit het "
        "totaal is af te leiden",
        "mapping": "kpitrack-id",
    },
}


def word(key: str, lang: str) -> str:
    """The words for ``key`` in ``lang`` (English for a language without its own wording)."""
    return _WORDS.get(lang, _WORDS["en"])[key]


def words(key: str, languages: list[str]) -> dict[str, str]:
    """The words for ``key`` in every language of the programme."""
    return {lang: word(key, lang) for lang in languages}
