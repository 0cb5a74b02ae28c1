"""Labels per language: indicator statuses, flags, action states, observation statuses, icons."""

from __future__ import annotations

_STATUS = {
    "nl": {
        "achieved": "behaald",
        "on_track": "op koers",
        "at_risk": "risico",
        "off_track": "achter op schema",
        "deteriorating": "verslechterd",
        "monitoring": "kengetal, geen oordeel",
        "no_data": "geen gegevens",
    },
    "en": {
        "achieved": "achieved",
        "on_track": "on track",
        "at_risk": "at risk",
        "off_track": "off track",
        "deteriorating": "deteriorating",
        "monitoring": "monitoring, no judgement",
        "no_data": "no data",
    },
}

_FLAGS = {
    "nl": {
        "provisional": "voorlopig",
        "estimated": "geschat",
        "stale": "verouderd",
        "revised": "herzien",
        "target_revised": "streefwaarde bijgesteld",
        "partial": "onvolledig",
    },
    "en": {
        "provisional": "provisional",
        "estimated": "estimated",
        "stale": "stale",
        "revised": "revised",
        "target_revised": "target revised",
        "partial": "partial",
    },
}

_ACTION_STATES = {
    "nl": {
        "done": "gereed",
        "in_progress": "in uitvoering",
        "overdue": "te laat",
        "not_reported": "geen voortgangsmelding",
        "planned": "gepland",
        "dropped": "vervallen",
    },
    "en": {
        "done": "done",
        "in_progress": "in progress",
        "overdue": "overdue",
        "not_reported": "no progress reported",
        "planned": "planned",
        "dropped": "dropped",
    },
}

_OBS_STATUS = {
    "nl": {
        "A": "normaal",
        "P": "voorlopig",
        "E": "geschat",
        "B": "breuk in reeks",
        "M": "ontbrekend",
    },
    "en": {
        "A": "normal",
        "P": "provisional",
        "E": "estimated",
        "B": "break in series",
        "M": "missing",
    },
}


# Icons are shapes, not only colours, so a status reads in the terminal, in greyscale print and
# for colour-blind readers; they always stand beside the word. One set for the CLI and reports.
STATUS_ICONS: dict[str, str] = {
    "achieved": "✔",
    "on_track": "●",
    "at_risk": "▲",
    "off_track": "✖",
    "deteriorating": "▼",
    "monitoring": "◇",
    "no_data": "○",
}
ACTION_ICONS: dict[str, str] = {
    "done": "✔",
    "in_progress": "◐",
    "overdue": "✖",
    "not_reported": "?",
    "planned": "○",
    "dropped": "–",
}


def status_label(status: str, lang: str) -> str:
    """The words for an indicator status (op koers / on track)."""
    return _label(_STATUS, status, lang)


def flag_label(flag: str, lang: str) -> str:
    """The words for a flag beside a status (voorlopig / provisional)."""
    return _label(_FLAGS, flag, lang)


def action_state_label(state: str, lang: str) -> str:
    """The words for an action or milestone state (te laat / overdue)."""
    return _label(_ACTION_STATES, state, lang)


def obs_status_label(code: str, lang: str) -> str:
    """The words for an SDMX observation status code (P → voorlopig / provisional)."""
    return _label(_OBS_STATUS, code, lang)


def _label(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    words = table.get(lang, table["en"])
    return words.get(key, table["en"].get(key, key))
