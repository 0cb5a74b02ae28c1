"""Number, date and period formatting and labels per language."""

from __future__ import annotations

from datetime import date

import pytest

from kpitrack import i18n


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "text"),
    [
        (6250, "nl", None, "6.250"),
        (6250, "en", None, "6,250"),
        (6250.0, "en", None, "6,250"),
        (1234.5, "nl", None, "1.234,5"),
        (2.5, "en", 0, "3"),  # half up, not half even
        (6.25, "nl", 1, "6,3"),
        (2.675, "en", 2, "2.68"),  # as written, not as stored in binary
        (-0.0001, "en", 2, "0.00"),
        (1 / 3, "en", None, "0.333"),
        (1234.5, "de", None, "1.234,5"),  # another language: its own separators
    ],
)
def test_format_number(value: float, lang: str, decimals: int | None, text: str) -> None:
    assert i18n.format_number(value, lang, decimals) == text


def test_format_percent() -> None:
    assert i18n.format_percent(0.58, "nl") == "58%"
    assert i18n.format_percent(0.58, "en") == "58%"
    assert i18n.format_percent(0.585, "en", 1) == "58.5%"
    assert i18n.format_percent(0.005, "nl") == "1%"
    assert i18n.format_percent(-0.2, "nl") == "-20%"


def test_format_date_and_locale() -> None:
    assert i18n.format_date(date(2020, 12, 31), "nl") == "31 december 2020"
    assert i18n.format_date(date(2020, 12, 31), "en") == "31 December 2020"
    assert (i18n.locale_for("nl"), i18n.locale_for("en"), i18n.locale_for("fr")) == (
        "nl_NL",
        "en_GB",
        "fr_BE",
    )


@pytest.mark.parametrize(
    ("period", "nl", "en"),
    [
        ("2019", "2019", "2019"),
        ("2019-H1", "1e halfjaar 2019", "first half of 2019"),
        ("2019-H2", "2e halfjaar 2019", "second half of 2019"),
        ("2019-Q3", "3e kwartaal 2019", "Q3 2019"),
        ("2019-05", "mei 2019", "May 2019"),
    ],
)
def test_format_period(period: str, nl: str, en: str) -> None:
    assert i18n.format_period(period, "nl") == nl
    assert i18n.format_period(period, "en") == en


def test_labels_in_both_languages_with_english_fallback() -> None:
    assert i18n.status_label("at_risk", "nl") == "risico"
    assert i18n.status_label("at_risk", "fr") == "à risque"
    assert i18n.status_label("at_risk", "de") == "at risk"  # no catalogue: English
    assert i18n.flag_label("provisional", "nl") == "voorlopig"
    assert i18n.action_state_label("overdue", "nl") == "te laat"
    assert i18n.action_state_label("overdue", "en") == "overdue"
    codes = {"A": ("definitief", "normal"), "P": ("voorlopig", "provisional"),
             "E": ("geschat", "estimated"), "B": ("breuk in de reeks", "break in series"),
             "M": ("ontbrekend", "missing")}  # fmt: skip
    for code, (nl, en) in codes.items():
        assert (i18n.obs_status_label(code, "nl"), i18n.obs_status_label(code, "en")) == (nl, en)


def test_every_status_flag_and_state_has_a_label() -> None:
    from kpitrack.measurements.model import ACTION_STATES
    from kpitrack.progress.model import FLAGS, INDICATOR_STATES

    for lang in ("nl", "en"):
        assert len({i18n.status_label(s, lang) for s in INDICATOR_STATES}) == len(INDICATOR_STATES)
        assert len({i18n.flag_label(f, lang) for f in FLAGS}) == len(FLAGS)
        assert len({i18n.action_state_label(s, lang) for s in ACTION_STATES}) == len(ACTION_STATES)
