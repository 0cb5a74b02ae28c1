"""The report's status colours, beside the icons: what a status looks like, not what it says.

Words live in the catalogues of :mod:`kpitrack.i18n` (UI labels in
:mod:`kpitrack.i18n.report_texts`); icons are shared with the CLI and re-exported here.
"""

from __future__ import annotations

from kpitrack.i18n import ACTION_ICONS
from kpitrack.i18n import STATUS_ICONS as _STATUS_ICONS

__all__ = ["ACTION_COLOURS", "ACTION_ICONS", "STATUS_COLOURS", "STATUS_ICONS"]

# The report counts verdicts on outdated figures apart ("stale", not a status of the engine).
STATUS_ICONS: dict[str, str] = {**_STATUS_ICONS, "stale": "◷"}

# Every colour has at least 4.5:1 contrast on white (tests/report/test_model.py checks this).
STATUS_COLOURS: dict[str, str] = {
    "achieved": "#0f5c2e",
    "on_track": "#1a7f37",
    "at_risk": "#8a5a00",
    "off_track": "#b02a00",
    "deteriorating": "#a4161a",
    "monitoring": "#4b5563",
    "no_data": "#5f6368",
    "stale": "#6b4c00",  # a verdict on outdated figures: never the colour of a current one
}
ACTION_COLOURS: dict[str, str] = {
    "done": "#1a7f37",
    "in_progress": "#0550ae",
    "overdue": "#a4161a",
    "not_reported": "#5f6368",
    "planned": "#4b5563",
    "dropped": "#5f6368",
}
