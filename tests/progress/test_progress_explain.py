"""Explanations: a sentence form per status, per language, that reproduces R."""

from __future__ import annotations

import re
from datetime import date

import pytest
from progress_builders import indicator, obs, programme, workspace

from kpitrack.core.explanation import PeriodValue, TargetRevision
from kpitrack.core.periods import parse_period
from kpitrack.progress.engine import compute_progress
from kpitrack.progress.explain import cited_decimals

AS_OF = date(2020, 12, 31)


def explained(ind, observations, as_of: date = AS_OF, **kwargs) -> dict[str, str]:
    return (
        compute_progress(workspace([ind], observations, **kwargs), as_of).indicators[0].explanation
    )


def test_design_example_reads_as_in_the_contract() -> None:
    ind = indicator(
        baseline={"period": "2017", "value": 160},
        targets=[{"period": "2022", "value": 220, "set": "2018-11-13"}],
    )
    text = explained(ind, [obs("2020", 196)])
    assert text["nl"].startswith(
        "Verwacht was 60% van de weg van 160 (2017) naar 220 (2022) in 2020; "
        "gerealiseerd is 60% (196)"
    )
    assert text["en"].startswith(
        "Expected 60% of the way from 160 (2017) to 220 (2022) by 2020; achieved 60% (196)"
    )


KEEP_100 = {
    "direction": "maintain",
    "targets": [{"period": "2021", "value": 100, "set": "2018-11-13"}],
}
TARGET_IS_BASELINE = {"targets": [{"period": "2021", "value": 100, "set": "2018-11-13"}]}
CONTEXT = {"direction": "none", "targets": [], "baseline": None}


@pytest.mark.parametrize(
    ("observations", "kwargs", "nl", "en"),
    [
        ([obs("2020", 210)], {}, "Streefwaarde 200 (2021) behaald: 210 in 2020",
         "Target of 200 (2021) met"),
        ([obs("2020", 90)], {}, "verder van de streefwaarde af dan bij de nulmeting",
         "Deteriorating."),
        ([obs("2020", 110)], {}, "Achter op schema.", "Off track."),
        ([obs("2020", 150)], {}, "Risico.", "At risk."),
        ([obs("2020", 180)], {}, "Op koers.", "On track."),
        ([], {}, "Geen meting na de nulmeting van 100 (2017) tot en met 31 december 2020. "
         "Geen gegevens.",
         "No observation after the baseline of 100 (2017) up to 31 December 2020. No data."),
        ([obs("2019", 5), obs("2020", 6)], CONTEXT,
         "Kengetal zonder streefwaarde: 6 in 2020, tegen 5 in 2019 (+20%). Geen oordeel.",
         "Context figure without a target: 6 in 2020, against 5 in 2019 (+20%). No judgement."),
        ([obs("2020", 106)], KEEP_100,
         "Te handhaven op 100 (2021, ±5%): 106 in 2020 wijkt 6% af, buiten de marge.",
         "is 6% away, outside the band. Off track."),
        ([obs("2020", 105.04)], KEEP_100, "wijkt 5,04% af", "is 5.04% away"),
        ([obs("2020", 103)], KEEP_100, "ligt binnen de marge. Behaald.",
         "is within the band. Achieved."),
        ([obs("2020", 90)], TARGET_IS_BASELINE, "is gelijk aan de nulmeting",
         "equals the baseline"),
    ],
)  # fmt: skip
def test_sentence_forms(observations, kwargs, nl: str, en: str) -> None:
    text = explained(indicator(**kwargs), observations)
    assert nl in text["nl"]
    assert en in text["en"]


def test_percentages_carry_the_percent_sign() -> None:
    ind = indicator(
        measure="percentage",
        direction="decrease",
        baseline={"period": "2017", "value": 55.5},
        targets=[{"period": "2021", "value": 30, "set": "2018-11-13"}],
    )
    text = explained(ind, [obs("2020", 45.25)])
    assert "van 55,5% (2017) naar 30% (2021)" in text["nl"]
    assert "(45.25%)" in text["en"]


def test_other_languages_get_english_words_and_their_own_numbers() -> None:
    prog = programme(languages=["nl", "de"], title={"nl": "Proef", "de": "Probe"})
    ind = indicator(
        baseline={"period": "2017", "value": 1000},
        targets=[{"period": "2021", "value": 2000, "set": "2018-11-13"}],
    )
    text = explained(ind, [obs("2020", 1500)], prog=prog)
    assert set(text) == {"nl", "de"}
    assert "from 1.000 (2017) to 2.000 (2021)" in text["de"]


def test_half_year_periods_are_written_out() -> None:
    ind = indicator(frequency="half-year", baseline={"period": "2018-H2", "value": 10},
                    targets=[{"period": "2021-H2", "value": 40, "set": "2018-11-13"}])  # fmt: skip
    text = explained(ind, [obs("2020-H1", 20)])
    assert (
        "van 10 (2e halfjaar 2018) naar 40 (2e halfjaar 2021) in het eerste halfjaar van 2020"
        in text["nl"]
    )


_EN = re.compile(
    r"from (?P<y0>[−\d,.]+) \((?P<p0>\d{4})\) to (?P<yt>[−\d,.]+) \((?P<pt>\d{4})\) by "
    r"(?P<p>\d{4}); .*?(?:\((?P<y>[−\d,.]+)\)|at (?P<y2>[−\d,.]+) the value).*?"
    r"(?P<r>−?[\d,.]+)% of what was expected"
)


def recompute(sentence: str) -> tuple[float, float]:
    """R from the numbers in an English sentence, and the R it states."""
    m = _EN.search(sentence)
    assert m, sentence

    def number(text: str) -> float:
        # Running text writes a real minus sign (U+2212), never a hyphen.
        return float(text.replace(",", "").replace("\u2212", "-"))

    y0, yt = number(m["y0"]), number(m["yt"])
    y = number(m["y"] or m["y2"])
    t0, t_target, t = (parse_period(m[k]).end for k in ("p0", "pt", "p"))
    expected = min(1.0, (t - t0).days / (t_target - t0).days)
    return ((y - y0) / (yt - y0)) / expected, number(m["r"]) / 100


@pytest.mark.parametrize("y", [90, 100, 120, 150, 160, 175, 190])
def test_the_numbers_in_the_sentence_reproduce_r(y: int) -> None:
    result = compute_progress(workspace([indicator()], [obs("2019", y)]), AS_OF).indicators[0]
    assert result.ratio is not None
    from_numbers, stated = recompute(result.explanation["en"])
    assert from_numbers == pytest.approx(result.ratio)
    assert stated == pytest.approx(result.ratio, abs=0.005)


def test_an_indicator_without_targets_is_a_context_figure_with_a_trend_since_the_baseline() -> None:
    ind = indicator(targets=[], baseline={"period": "2012", "value": 315})
    result = compute_progress(workspace([ind], [obs("2017", 141)]), AS_OF).indicators[0]
    assert result.status == "monitoring"
    assert result.explanation["nl"].startswith(
        "Kengetal zonder streefwaarde: 141 in 2017, tegen 315 in 2012 (−55%)."
    )


def test_the_engine_returns_what_the_sentence_cites_as_data() -> None:
    ind = indicator(
        baseline={"period": "2017", "value": 160},
        targets=[
            {"period": "2022", "value": 240, "set": "2018-01-01"},
            {"period": "2022", "value": 220, "set": "2018-11-13"},
        ],
    )
    result = compute_progress(workspace([ind], [obs("2020", 196)]), AS_OF).indicators[0]
    data = result.explanation.data
    assert (data.form, data.status) == ("standard", result.status)
    assert data.baseline == PeriodValue("2017", 160)
    assert data.latest == PeriodValue("2020", 196)
    assert data.target == PeriodValue("2022", 220)
    assert (data.expected, data.achieved, data.ratio) == (
        result.progress_expected,
        result.progress_achieved,
        result.ratio,
    )
    assert data.revision == TargetRevision("2022", 240, 220, date(2018, 11, 13))
    assert (data.on_track, data.at_risk, data.as_of) == (0.95, 0.6, AS_OF)
    assert "bijgesteld van 240 naar 220" in result.explanation["nl"]


@pytest.mark.parametrize(
    ("ratio", "decimals"),
    [(0.5, 0), (0.96, 0), (0.9496, 2), (0.949, 1), (0.59996, 3), (0.9499999, 4), (-0.004, 1)],
)
def test_r_is_cited_with_the_decimals_that_keep_its_band(ratio: float, decimals: int) -> None:
    assert cited_decimals(ratio, 0.95, 0.6) == decimals
