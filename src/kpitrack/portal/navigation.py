"""The main menu of each role: a partner's own pages; the programme office's pages on all."""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined; templates translate it when shown."""
    return message


@dataclass(frozen=True)
class MenuItem:
    path: str
    label: str  # English source text; the template shows _(label)


MENU = {
    "partner": (
        MenuItem("/partner", N_("Overview")),
        MenuItem("/due", N_("Still expected")),
        MenuItem("/submissions", N_("History")),
    ),
    "office": (
        MenuItem("/office", N_("Partners")),
        MenuItem("/review", N_("To review")),
        MenuItem("/expected", N_("Expected and delivered")),
        MenuItem("/people", N_("People")),
        MenuItem("/submissions", N_("All submissions")),
    ),
}


def menu_for(role: str) -> tuple[MenuItem, ...]:
    """The menu of a role (``partner`` or ``office``)."""
    return MENU.get(role, ())
