"""Labels of codes: indicator statuses, flags, action states, observation statuses; icons.

The words come from the catalogues (:mod:`kpitrack.i18n.catalogue`), each with the context of
its vocabulary; a code without a label reads as itself.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kpitrack.i18n.catalogue import translations

if TYPE_CHECKING:
    from gettext import NullTranslations

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
    "not_reported": "◌",
    "planned": "○",
    "dropped": "–",
}


def status_label(status: str, lang: str) -> str:
    """The words for an indicator status (op koers / on track)."""
    return _statuses(translations(lang)).get(status, status)


def flag_label(flag: str, lang: str) -> str:
    """The words for a flag beside a status (voorlopig / provisional)."""
    return _flags(translations(lang)).get(flag, flag)


def action_state_label(state: str, lang: str) -> str:
    """The words for an action or milestone state (te laat / overdue)."""
    return _action_states(translations(lang)).get(state, state)


def obs_status_label(code: str, lang: str) -> str:
    """The words for an SDMX observation status code (P → voorlopig / provisional)."""
    return _obs_statuses(translations(lang)).get(code, code)


@lru_cache(maxsize=64)  # per catalogue: each is read once per language
def _statuses(t: NullTranslations) -> dict[str, str]:
    return {
        "achieved": t.pgettext("indicator status", "achieved"),
        "on_track": t.pgettext("indicator status", "on track"),
        "at_risk": t.pgettext("indicator status", "at risk"),
        "off_track": t.pgettext("indicator status", "off track"),
        "deteriorating": t.pgettext("indicator status", "deteriorating"),
        "monitoring": t.pgettext("indicator status", "monitoring, no judgement"),
        "no_data": t.pgettext("indicator status", "no data"),
        # The report counts verdicts on outdated figures apart, under this heading.
        "stale": t.pgettext("indicator status", "outdated"),
    }


@lru_cache(maxsize=64)
def _flags(t: NullTranslations) -> dict[str, str]:
    return {
        "provisional": t.pgettext("flag", "provisional"),
        "estimated": t.pgettext("flag", "estimated"),
        "stale": t.pgettext("flag", "stale"),
        "revised": t.pgettext("flag", "revised"),
        "target_revised": t.pgettext("flag", "target revised"),
        "partial": t.pgettext("flag", "partial"),
        "unreviewed": t.pgettext("flag", "not yet approved"),
    }


@lru_cache(maxsize=64)
def _action_states(t: NullTranslations) -> dict[str, str]:
    return {
        "done": t.pgettext("action state", "done"),
        "in_progress": t.pgettext("action state", "in progress"),
        "overdue": t.pgettext("action state", "overdue"),
        "not_reported": t.pgettext("action state", "no progress reported"),
        "planned": t.pgettext("action state", "planned"),
        "dropped": t.pgettext("action state", "dropped"),
    }


@lru_cache(maxsize=64)
def _obs_statuses(t: NullTranslations) -> dict[str, str]:
    return {
        "A": t.pgettext("observation status", "normal"),
        "P": t.pgettext("observation status", "provisional"),
        "E": t.pgettext("observation status", "estimated"),
        "B": t.pgettext("observation status", "break in series"),
        "M": t.pgettext("observation status", "missing"),
    }
