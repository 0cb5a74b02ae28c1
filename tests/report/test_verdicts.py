"""What the report says around each verdict: its period when outdated, estimates, breaks in
series, the original target, context figures, the next figure expected and the forecast."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from progress_builders import indicator, obs, programme, workspace

from kpitrack.i18n.formatting import MINUS
from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import build_report_model
from kpitrack.report.verdicts import FigureThen, PreviousFigures

AS_OF = date(2021, 12, 31)


def _section(ws, as_of: date, lang: str, tmp_path: Path, **kwargs):
    model = build_report_model(
        ws, compute_progress(ws, as_of), lang, commentary_root=tmp_path, snapshot_hash="", **kwargs
    )
    return model, model.action_lines[0].indicators[0]


# --- outdated verdicts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "label", "sentence"),
    [
        (
            "nl",
            "op koers in 2019; sindsdien geen cijfers",
            "Op koers in 2019; sindsdien geen cijfers.",
        ),
        ("en", "on track in 2019; no figures since", "On track in 2019; no figures since."),
    ],
)
def test_an_outdated_verdict_is_said_with_its_year(lang, label, sentence, tmp_path):
    # 2019 is more than two half-years before the end of 2021: the verdict is outdated.
    ws = workspace([indicator()], [obs("2019", 160)])
    result = compute_progress(ws, AS_OF).indicators[0]
    assert result.status == "on_track" and "stale" in result.flags
    assert result.explanation[lang].endswith(sentence)  # the status JSON's sentence too
    _, section = _section(ws, AS_OF, lang, tmp_path)
    assert section.stale and section.status.label == label
    assert section.status.code == "on_track"  # the engine's status, unchanged
    assert section.status.colour != compute_status_colour("on_track")  # not a current green


def compute_status_colour(code: str) -> str:
    from kpitrack.report.texts import STATUS_COLOURS

    return STATUS_COLOURS[code]


def test_a_current_verdict_has_no_year(tmp_path):
    ws = workspace([indicator()], [obs("2021", 196)])
    _, section = _section(ws, AS_OF, "nl", tmp_path)
    assert not section.stale and section.status.label == "op koers"
    assert "sindsdien" not in section.explanation


def test_an_outdated_context_figure_says_how_old_its_figure_is(tmp_path):
    ws = workspace([indicator(targets=[], direction="none")], [obs("2018", 150)])
    _, section = _section(ws, AS_OF, "nl", tmp_path)
    assert section.status.label == "kengetal, geen oordeel; laatste cijfer over 2018"


# --- estimates and breaks in series --------------------------------------------------------------


def test_an_estimate_is_flagged_estimated_not_provisional(tmp_path):
    ws = workspace([indicator()], [obs("2021", 180, status="E")])
    _, section = _section(ws, AS_OF, "nl", tmp_path)
    assert [(f.code, f.label) for f in section.flags] == [("estimated", "geschat")]


def test_no_change_is_given_across_a_break_in_series(tmp_path):
    context = indicator(targets=[], direction="none", baseline={"period": "2014", "value": 6250})
    ws = workspace([context], [obs("2015", 6250), obs("2021", 5000, status="B")])
    _, section = _section(ws, AS_OF, "nl", tmp_path)
    # Without the break it would read "(−20%)": across it, no change and the reason why.
    assert "%" not in section.explanation
    assert "Er begint in 2021 een nieuwe reeks (andere methode of bron)" in section.explanation
    assert section.chart.summary.startswith(
        "Zaken: twee waarden, 5.000 in 2021; in 2021 begint een nieuwe reeks"
    )
    assert "gedaald" not in section.chart.summary
    # The change since the previous report neither: then 6.250 (2015), now a new series.
    previous = PreviousFigures(
        date(2020, 12, 31), {"zaken": FigureThen("monitoring", "2015", 6250)}
    )
    _, section = _section(ws, AS_OF, "nl", tmp_path, previous=previous)
    assert section.since_previous == (
        "Sinds de vorige rapportage (31 december 2020): 6.250 (2015) → 5.000 (2021), niet "
        "vergelijkbaar: in 2021 begint een nieuwe reeks (andere methode of bron); kengetal, geen "
        "oordeel → kengetal, geen oordeel."
    )


def test_a_change_without_a_break_is_given_with_a_real_minus(tmp_path):
    context = indicator(targets=[], direction="none", baseline={"period": "2017", "value": 200})
    ws = workspace([context], [obs("2021", 150)])
    _, section = _section(ws, AS_OF, "nl", tmp_path)
    assert f"({MINUS}25%)" in section.explanation and "(-25%)" not in section.explanation


def test_a_context_figure_drops_the_baseline_note(tmp_path):
    context = indicator(targets=[], direction="none", baseline=None)
    ws = workspace([context], [obs("2019", 120), obs("2021", 150)])
    result = compute_progress(ws, AS_OF).indicators[0]
    assert result.baseline_from_observation
    for lang in ("nl", "en"):
        assert (
            "baseline" not in result.explanation[lang]
            and "nulmeting" not in result.explanation[lang]
        )
    _, section = _section(ws, AS_OF, "nl", tmp_path)
    assert section.baseline == "" and section.baseline_note == ""
    # A judged indicator keeps it: there the first figure is what progress is measured from.
    judged = workspace([indicator(baseline=None)], [obs("2019", 120), obs("2021", 150)])
    assert "serves as baseline" in compute_progress(judged, AS_OF).indicators[0].explanation["en"]


# --- the original target beside the revised one --------------------------------------------------


def test_the_verdict_against_the_original_target_stands_beside_the_revised_one(tmp_path):
    targets = [
        {"period": "2021", "value": 200, "set": "2018-11-13"},
        {"period": "2021", "value": 160, "set": "2020-06-15"},
    ]
    ws = workspace([indicator(targets=targets)], [obs("2021", 160)])
    result = compute_progress(ws, AS_OF).indicators[0]
    assert (result.status, result.original_status) == ("achieved", "at_risk")
    _, section = _section(ws, AS_OF, "nl", tmp_path)
    assert section.target_verdicts == (
        "Behaald ten opzichte van de bijgestelde streefwaarde 160; ten opzichte van de "
        "oorspronkelijke 200: risico"
    )
    _, english = _section(ws, AS_OF, "en", tmp_path)
    assert english.target_verdicts == (
        "Achieved against the revised target of 160; against the original 200: at risk"
    )
    unrevised = workspace([indicator()], [obs("2021", 160)])
    assert _section(unrevised, AS_OF, "nl", tmp_path)[1].target_verdicts == ""


# --- then → now, the next figure, the forecast --------------------------------------------------


def test_the_change_since_the_previous_published_report(tmp_path):
    ws = workspace([indicator()], [obs("2020", 150), obs("2021", 175)])
    then = PreviousFigures(date(2020, 12, 31), {"zaken": FigureThen("on_track", "2020", 150)})
    _, section = _section(ws, AS_OF, "nl", tmp_path, previous=then)
    assert section.since_previous == (
        "Sinds de vorige rapportage (31 december 2020): 150 (2020) → 175 (2021); op koers → risico."
    )
    same = PreviousFigures(date(2021, 6, 30), {"zaken": FigureThen("on_track", "2021", 175)})
    _, section = _section(ws, AS_OF, "en", tmp_path, previous=same)
    assert section.since_previous == (
        "Since the previous report (30 June 2021): no new figure, still 175 (2021); on track → "
        "at risk."
    )
    new = PreviousFigures(date(2020, 12, 31), {})
    assert _section(ws, AS_OF, "nl", tmp_path, previous=new)[1].since_previous == (
        "Nieuw sinds de vorige rapportage (31 december 2020)."
    )
    # A record without figures (written before they were recorded): nothing to compare with.
    older = PreviousFigures(date(2020, 12, 31), None)
    assert _section(ws, AS_OF, "nl", tmp_path, previous=older)[1].since_previous == ""


def test_the_next_figure_expected_and_when_it_is_late(tmp_path):
    ws = workspace([indicator()], [obs("2019", 160)])
    _, section = _section(ws, AS_OF, "nl", tmp_path)
    # 2020 is due 90 days after its end; by the end of 2021 it is late.
    assert section.next_late
    assert section.next_expected == (
        "Het cijfer over 2020 had uiterlijk op 31 maart 2021 binnen moeten zijn en is niet "
        "ontvangen: te laat."
    )
    _, on_time = _section(ws, date(2020, 12, 31), "en", tmp_path)
    assert not on_time.next_late
    assert on_time.next_expected == "Next figure: 2020, due on 31 March 2021."
    surveyed = workspace([indicator(schedule=["2017", "2019"])], [obs("2019", 160)])
    _, section = _section(surveyed, AS_OF, "nl", tmp_path)
    assert section.next_expected == "Er wordt geen volgend cijfer verwacht."


def test_the_forecast_says_when_the_target_is_reached_and_how_uncertain(tmp_path):
    prog = programme(period={"start": "2016-01-01", "end": "2021-12-31"})
    ind = indicator(
        baseline={"period": "2016", "value": 100},
        targets=[{"period": "2021", "value": 240, "set": "2016-01-01"}],
    )
    figures = [obs("2017", 110), obs("2018", 122), obs("2019", 128), obs("2020", 141)]
    ws = workspace([ind], figures, prog=prog)
    model, section = _section(ws, date(2020, 12, 31), "nl", tmp_path)
    assert section.forecast.startswith(
        "In dit tempo wordt de streefwaarde van 240 in 2031 gehaald, tien jaar na het einde van "
        "het programma."
    )
    assert (
        "De trend berust op vier cijfers (2017–2020); met een kans van 95% ligt een cijfer over "
        "2021 tussen 136 en 164." in section.forecast
    )
    assert section.forecast.endswith("Met zo weinig cijfers is deze verwachting onzeker.")
    method = [part.heading for part in model.annex.method]
    assert "Verwachting" in method
    # Fewer than three comparable figures: no forecast, and nothing said.
    few = workspace([ind], figures[:2], prog=prog)
    assert _section(few, date(2020, 12, 31), "nl", tmp_path)[1].forecast == ""


def test_the_html_shows_every_text_around_the_verdict(tmp_path):
    from kpitrack.report.html import render_html
    from kpitrack.report.templates import TemplateSet

    targets = [
        {"period": "2021", "value": 200, "set": "2018-11-13"},
        {"period": "2021", "value": 180, "set": "2019-06-15"},
    ]
    ind = indicator(baseline={"period": "2016", "value": 100}, targets=targets)
    figures = [obs("2017", 110), obs("2018", 122), obs("2019", 128)]
    then = PreviousFigures(date(2018, 12, 31), {"zaken": FigureThen("on_track", "2018", 122)})
    model, section = _section(workspace([ind], figures), date(2019, 12, 31), "nl", tmp_path,
                              previous=then)  # fmt: skip
    assert section.target_verdicts and section.since_previous and section.forecast
    page = render_html(model, TemplateSet.for_workspace(None))
    block = page[page.index('<div class="status-block"') :]
    block = block[: block.index("</div>")]
    for text in (
        section.target_verdicts,
        section.since_previous,
        section.forecast,
        section.next_expected,
    ):
        assert html_escape(text) in block, text


def html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)
