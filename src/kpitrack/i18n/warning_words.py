"""The plausibility warnings a partner's submissions had, in words, for the report's
completeness annex (the column's header and the note under it are report texts)."""

from __future__ import annotations

from kpitrack.i18n.catalogue import translations


def warnings_text(total: int, with_warnings: int, recorded: int, unrecorded: int, lang: str) -> str:
    """A partner's plausibility warnings at submission, for the completeness annex.

    ``total`` warnings in ``with_warnings`` of the ``recorded`` submissions that recorded them
    (``12 (in 3 submissions)``, ``none``); ``unrecorded`` submissions did not (older ledger
    entries) and are counted apart, never as having none.
    """
    from kpitrack.i18n.formatting import format_number

    t = translations(lang)
    parts = []
    if recorded and total:
        parts.append(
            t.ngettext(
                "{count} (in {submissions} submission)",
                "{count} (in {submissions} submissions)",
                with_warnings,
            ).format(
                count=format_number(total, lang), submissions=format_number(with_warnings, lang)
            )
        )
    elif recorded:
        parts.append(t.pgettext("warnings at submission", "none"))
    if unrecorded and recorded:
        parts.append(
            t.ngettext(
                "not recorded for {count} submission",
                "not recorded for {count} submissions",
                unrecorded,
            ).format(count=format_number(unrecorded, lang))
        )
    elif unrecorded:
        parts.append(t.pgettext("warnings at submission", "not recorded"))
    return "; ".join(parts)
