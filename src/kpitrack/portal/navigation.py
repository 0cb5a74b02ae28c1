"""The main menu of each role. The second step adds the office's review and its overview of
expected against delivered figures here (``/review``, ``/expected``), and ``/due`` for both."""

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
    "partner": (MenuItem("/partner", N_("Overview")), MenuItem("/submissions", N_("History"))),
    "office": (
        MenuItem("/office", N_("Partners")),
        MenuItem("/submissions", N_("All submissions")),
    ),
}


def menu_for(role: str) -> tuple[MenuItem, ...]:
    """The menu of a role (``partner`` or ``office``)."""
    return MENU.get(role, ())
