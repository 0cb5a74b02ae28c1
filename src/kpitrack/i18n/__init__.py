"""Every word kpitrack shows people, per language, and numbers and dates in each language's form.

The words live in gettext catalogues (``locale/<lang>/LC_MESSAGES/kpitrack.po``, see
docs/translating.md); numbers, dates and month names come from babel.
"""

from kpitrack.i18n.catalogue import catalogue_languages
from kpitrack.i18n.formatting import (
    format_date,
    format_number,
    format_percent,
    format_period,
    local_text,
    locale_for,
)
from kpitrack.i18n.labels import (
    ACTION_ICONS,
    STATUS_ICONS,
    action_state_label,
    flag_label,
    obs_status_label,
    status_label,
)

__all__ = [
    "ACTION_ICONS",
    "STATUS_ICONS",
    "action_state_label",
    "catalogue_languages",
    "flag_label",
    "format_date",
    "format_number",
    "format_percent",
    "format_period",
    "local_text",
    "locale_for",
    "obs_status_label",
    "status_label",
]
