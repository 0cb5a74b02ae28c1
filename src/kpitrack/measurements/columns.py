"""The words of a submitted table: column names and codes, in English and in Dutch (design §4).

These are the file format's own words, not translations: intake accepts both languages in every
file, whatever language its template was written in, so they live here and never in a
catalogue a translator edits. A template chooses one set by its language (``--lang``).

A template also carries read-only columns beside the ids (an indicator's name and unit, an
action's title): intake recognises them in both languages and ignores them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kpitrack.measurements.model import ObsStatus

if TYPE_CHECKING:
    from kpitrack.definitions.models import Programme

MEASUREMENT_FIXED = ("indicator", "period", "value")
MEASUREMENT_OPTIONAL = ("obs_status", "lower", "upper", "note", "source")
ACTION_FIXED = ("action", "date", "status")
ACTION_OPTIONAL = ("note",)

DUTCH_COLUMNS: dict[str, str] = {
    "periode": "period",
    "waarde": "value",
    "status": "obs_status",
    "onder": "lower",
    "boven": "upper",
    "toelichting": "note",
    "bron": "source",
}
"""Dutch name → column of a measurement table (``indicator`` is the same word in both)."""

DUTCH_ACTION_COLUMNS: dict[str, str] = {
    "actie": "action",
    "datum": "date",
    "toelichting": "note",
}
"""Dutch name → column of an action-update table (``status`` is the same word in both)."""

READ_ONLY_COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("name", "naam"),
    "unit": ("unit", "eenheid"),
    "title": ("title", "titel"),
}
"""Columns a template shows beside the ids and intake ignores: English and Dutch name."""

MEASUREMENT_READ_ONLY = ("name", "unit")
ACTION_READ_ONLY = ("title",)

IGNORED_MEASUREMENT_COLUMNS = frozenset(
    word for column in MEASUREMENT_READ_ONLY for word in READ_ONLY_COLUMNS[column]
)
IGNORED_ACTION_COLUMNS = frozenset(
    word for column in ACTION_READ_ONLY for word in READ_ONLY_COLUMNS[column]
)

DUTCH_OBS_STATUS: dict[str, ObsStatus] = {
    "definitief": "A",
    "voorlopig": "P",
    "geschat": "E",
    "breuk": "B",
    "ontbreekt": "M",
}
"""Dutch words for the SDMX observation statuses, accepted in any case (``Voorlopig``)."""

DUTCH_ACTION_STATES: dict[str, str] = {
    "gereed": "done",
    "in uitvoering": "in_progress",
    "gepland": "planned",
    "vervallen": "dropped",
}
"""Dutch words for the states an owner may submit, accepted in any case."""


def column_names(lang: str, columns: tuple[str, ...]) -> list[str]:
    """The names of ``columns`` in a template of language ``lang`` (Dutch for ``nl``)."""
    if lang != "nl":
        return [READ_ONLY_COLUMNS[c][0] if c in READ_ONLY_COLUMNS else c for c in columns]
    dutch = {column: word for word, column in DUTCH_COLUMNS.items()}
    dutch.update({column: word for word, column in DUTCH_ACTION_COLUMNS.items()})
    dutch.update({column: words[1] for column, words in READ_ONLY_COLUMNS.items()})
    return [dutch.get(c, c) for c in columns]


def obs_status_words(lang: str) -> list[str]:
    """What a template's status drop-down offers: the letters, or the Dutch words."""
    if lang == "nl":
        return list(DUTCH_OBS_STATUS)
    return list(DUTCH_OBS_STATUS.values())


def action_state_words(lang: str) -> list[str]:
    """What a template's action state drop-down offers."""
    if lang == "nl":
        return list(DUTCH_ACTION_STATES)
    return list(DUTCH_ACTION_STATES.values())


def measurement_aliases(programme: Programme) -> dict[str, str]:
    """Other names of a measurement table's columns: the Dutch ones, and each dimension's label
    in every language (as written and in lower case) unless it is already another column's."""
    aliases = dict(DUTCH_COLUMNS)
    taken = {*MEASUREMENT_FIXED, *MEASUREMENT_OPTIONAL, *programme.codelists, *aliases}
    taken |= IGNORED_MEASUREMENT_COLUMNS
    labels: dict[str, set[str]] = {}
    for dim, codelist in programme.codelists.items():
        for label in codelist.label.values():
            for name in (label, label.lower()):
                labels.setdefault(name, set()).add(dim)
    for name, named in labels.items():
        if len(named) == 1 and name not in taken:  # a label two codelists share names neither
            aliases[name] = next(iter(named))
    return aliases
