"""Builders of sample ReportModels for the Word renderer tests (dataclasses, no workspace)."""

from __future__ import annotations

from kpitrack.i18n import format_number
from kpitrack.i18n.report_texts import provenance_line
from kpitrack.i18n.report_texts import report_texts as texts_for
from kpitrack.report import model as rm
from kpitrack.report.build import method_sections
from kpitrack.report.texts import ACTION_COLOURS, ACTION_ICONS, STATUS_COLOURS, STATUS_ICONS

STATUSES = tuple(STATUS_ICONS)
STATES = tuple(ACTION_ICONS)
_WORDS = {
    "nl": {"at_risk": "Risico", "on_track": "Op koers", "monitoring": "Kengetal, geen oordeel"},
    "en": {"at_risk": "At risk", "on_track": "On track", "monitoring": "Context figure"},
}


def status(code: str, lang: str = "nl") -> rm.StatusLabel:
    if code in STATUS_ICONS:
        word = _WORDS.get(lang, _WORDS["en"]).get(code, code.replace("_", " "))
        return rm.StatusLabel(code, word, STATUS_ICONS[code], STATUS_COLOURS[code])
    return rm.StatusLabel(code, code.replace("_", " "), ACTION_ICONS[code], ACTION_COLOURS[code])


def _row(al_id: str, title: str, counts: dict[str, int], states: dict[str, int]) -> rm.SummaryRow:
    return rm.SummaryRow(
        action_line_id=al_id,
        title=title,
        anchor=f"al-{al_id.lower()}",
        indicator_counts=tuple(
            rm.StatusCount(status(s), counts.get(s, 0), str(counts.get(s, 0))) for s in STATUSES
        ),
        action_counts=tuple(
            rm.StatusCount(status(s), states.get(s, 0), str(states.get(s, 0))) for s in STATES
        ),
        indicators=sum(counts.values()),
    )


def _chart(name: str, periods: list[str], values: list[float], lang: str) -> rm.ChartModel:
    labels = rm.ChartLabels("Gemeten", "Voorlopig", "Marge", "Nulmeting", "Pad", "Doel", "Oud", "n")
    texts = tuple(format_number(v, lang) for v in values)
    return rm.ChartModel(
        div_id=f"chart-{name}",
        title=name,
        periods=tuple(periods),
        x=tuple(f"{p}-12-31" for p in periods),
        values=tuple(values),
        value_texts=texts,
        obs_status=tuple("A" for _ in values),
        lower=tuple(None for _ in values),
        upper=tuple(None for _ in values),
        baseline=None,
        target_path=(),
        targets=(),
        superseded=(),
        labels=labels,
        decimals=0,
        alt_text=f"Lijngrafiek van {name} per jaar, {len(values)} waarden",
        summary=f"{name}: {texts[0]} in {periods[0]}, {texts[-1]} in {periods[-1]}."
        if values
        else f"{name}: nog geen waarden.",
    )


def make_indicator(
    ind_id: str,
    name: str,
    *,
    lang: str = "nl",
    code: str = "at_risk",
    values: list[tuple[str, float]] | None = None,
    source: str = "Nationaal Rapporteur, dadermonitor",
    caveats: str = "",
    footnotes: tuple[int, ...] = (1,),
    row_notes: dict[str, tuple[int, ...]] | None = None,
) -> rm.IndicatorSection:
    # At risk, as the engine would say: 19 (2017) → 35 (2022); by 2019 40% of the way was
    # expected (two of five years), 25% was achieved (23), R = 0.625, between 0.60 and 0.95.
    values = values if values is not None else [("2017", 19), ("2018", 21), ("2019", 23)]
    rows = tuple(
        rm.ValueRow(
            period=p,
            period_label=p,
            value=format_number(v, lang),
            obs_status="A" if i < len(values) - 1 else "P",
            obs_status_label="definitief" if i < len(values) - 1 else "voorlopig",
            interval="",
            note="",
            revised=False,
            revised_text="",
            partial=False,
            footnotes=(row_notes or {}).get(p, ()),
        )
        for i, (p, v) in enumerate(values)
    )
    return rm.IndicatorSection(
        id=ind_id,
        anchor=f"ind-{ind_id}",
        name=name,
        status=status(code, lang),
        explanation="Verwacht was 40% van de weg van 19 (2017) naar 35 (2022); gerealiseerd 25%.",
        flags=(rm.FlagLabel("provisional", "voorlopig"),),
        ratio="63%",
        baseline="19 regio's (2017)",
        baseline_note="",
        latest=rows[-1].value + " regio's (2019)" if rows else "",
        target="35 regio's (2022)",
        definition="Regio's met een zorgcoördinator voor slachtoffers van mensenhandel (van 35).",
        source=source,
        owner="CoMensha",
        unit="regio's",
        measure_label="aantal",
        direction_label="stijgen",
        caveats=caveats,
        footnotes=footnotes,
        values=rows,
        values_caption=f"Waarden van {name}",
        breakdown=None,
        chart=_chart(name, [p for p, _ in values], [v for _, v in values], lang),
        targets=(
            rm.TargetRow(
                "2022", "2022", "35", "13 november 2018", "2018-11-13", "", "in_force", "van kracht"
            ),
        ),
        commentary=None,
    )


def make_model(
    lang: str = "nl",
    *,
    draft: bool = True,
    title: str = "Samen tegen mensenhandel",
    lines: tuple[rm.ActionLineSection, ...] | None = None,
    footnotes: tuple[rm.Footnote, ...] | None = None,
    changes: tuple[rm.ChangeEntry, ...] = (),
) -> rm.ReportModel:
    """A two-action-line report; every part of design §6 present."""
    texts = texts_for(lang)
    milestone = rm.ActionRow(
        "AL1.4.a", "milestone", "mijlpaal", "AL1.4", "AL1", "Alle 35 regio's een zorgcoördinator",
        "Ministerie van Justitie en Veiligheid", "31 december 2022", "2022-12-31",
        status("planned"), "", "", (),
    )  # fmt: skip
    action = rm.ActionRow(
        "AL1.4", "action", "actie", "", "AL1", "Landelijke dekking met zorgcoördinatoren",
        "CoMensha", "31 december 2022", "2022-12-31", status("in_progress"), "1 juni 2020",
        "Dertig regio's gedekt", (milestone,),
    )  # fmt: skip
    if lines is None:
        lines = (
            rm.ActionLineSection(
                id="AL1",
                anchor="al-al1",
                title="Basisaanpak op orde",
                summary="Professionals herkennen signalen; slachtoffers krijgen opvang en zorg.",
                counts=_row("AL1", "Basisaanpak op orde", {"at_risk": 1, "on_track": 1}, {}),
                commentary=rm.Commentary("x", "<p>x</p>", ("De regio's zijn bijna gedekt.",)),
                actions=(action,),
                indicators=(
                    make_indicator("zorgcoordinatie-regios", "Regio's met zorgcoördinatie"),
                    make_indicator(
                        "veroordelingen",
                        "Veroordelingen voor mensenhandel",
                        code="on_track",
                        values=[("2012", 110), ("2013", 156), ("2014", 133), ("2015", 139)],
                        caveats="Alleen eerste aanleg.",
                        footnotes=(2, 3),
                        row_notes={"2014": (4,)},
                    ),
                ),
            ),
            rm.ActionLineSection(
                id="AL2",
                anchor="al-al2",
                title="Arbeidsuitbuiting",
                summary="",
                counts=_row("AL2", "Arbeidsuitbuiting", {}, {}),
                commentary=None,
                actions=(),
                indicators=(),
            ),
        )
    if footnotes is None:
        footnotes = (
            rm.Footnote(1, "source", "Bron: Voortgangsbrieven van het programma"),
            rm.Footnote(2, "source", "Bron: Nationaal Rapporteur, dadermonitor"),
            rm.Footnote(3, "caveat", "Kanttekening: alleen eerste aanleg"),
            rm.Footnote(4, "note", "Inclusief hoger beroep"),
        )
    rows = tuple(line.counts for line in lines)
    totals = _row("", texts["total"], {"at_risk": 1, "on_track": 1}, {"in_progress": 1})
    return rm.ReportModel(
        lang=lang,
        programme_id="samen-tegen-mensenhandel",
        title=title,
        owner="Ministerie van Justitie en Veiligheid",
        period_covered="13 november 2018 – 31 december 2022",
        period_start_iso="2018-11-13",
        period_end_iso="2022-12-31",
        as_of="30 juni 2020",
        as_of_iso="2020-06-30",
        version="2019.1",
        snapshot_hash="sha256:" + "ab12" * 16,
        generated_at="2020-06-30T00:00:00+00:00",
        draft=draft,
        texts=texts,
        summary=rm.Summary(
            indicator_statuses=tuple(status(s, lang) for s in STATUSES),
            action_states=tuple(status(s, lang) for s in STATES),
            rows=rows,
            totals=totals,
            key_messages=rm.Commentary(
                "k", "<p>k</p>", ("Twee van de drie indicatoren op koers.",)
            ),
            headline=(
                "Twee indicatoren hebben een streefwaarde. Eén daarvan is op actuele cijfers te "
                "beoordelen: één met risico.",
                "Stand van de enige actie: één in uitvoering.",
            ),
        ),
        action_lines=lines,
        changes=changes,
        annex=rm.Annex(
            method=method_sections(lang, on_track="95%", at_risk="60%", stale_periods="2"),
            completeness=(
                rm.CompletenessRow("comensha", "CoMensha", 2, 1, "2", "1", "50%", "1 juni 2020"),
            ),
            actions=(action, milestone),
            provenance=provenance_line(lang, commit=True, snapshot=True),
        ),
        footnotes=footnotes,
        status_legend=tuple(status(s, lang) for s in STATUSES + STATES),
        prepared="1 juli 2020",
        received_up_to="30 juni 2020",
        references=("Kamerstuk 28638, nr. 164",),
        previous_report="Vergeleken met de rapportage met peildatum 31 december 2019.",
    )


Point = tuple[str, float | None, str, float | None, float | None]  # period, value, obs, lo, hi


def make_chart(
    points: list[Point],
    *,
    name: str = "Grafiek",
    baseline: tuple[str, float] | None = None,
    targets: list[tuple[str, float]] = (),  # type: ignore[assignment]
    superseded: list[tuple[str, float]] = (),  # type: ignore[assignment]
    unit: str = "zaken",
    lang: str = "nl",
) -> rm.ChartModel:
    """A ChartModel as the report builds it, from period codes (ends and labels derived)."""
    from kpitrack.core.periods import parse_period

    def end(code: str) -> str:
        return parse_period(code).end.isoformat()

    def marked(code: str, value: float, set_date: str = "") -> rm.ChartPoint:
        return rm.ChartPoint(end(code), value, format_number(value, lang), code, set_date, code)

    base = marked(*baseline) if baseline else None
    in_force = [marked(c, v, "1 januari 2019") for c, v in targets]
    path = (base, in_force[-1]) if base and in_force else ()
    labels = rm.ChartLabels(
        "Gemeten", "Voorlopig", "Marge", "Nulmeting", "Pad", "Doel", "Oud", unit
    )
    return rm.ChartModel(
        div_id="chart-x",
        title=name,
        periods=tuple(p for p, *_ in points),
        x=tuple(end(p) for p, *_ in points),
        values=tuple(v for _, v, *_ in points),
        value_texts=tuple(format_number(v, lang) if v is not None else "-" for _, v, *_ in points),
        obs_status=tuple(s for _, _, s, *_ in points),
        lower=tuple(lo for *_, lo, _ in points),
        upper=tuple(hi for *_, hi in points),
        baseline=base,
        target_path=path,
        targets=tuple(in_force),
        superseded=tuple(marked(c, v, "1 januari 2018") for c, v in superseded),
        labels=labels,
        decimals=0,
        alt_text=f"Lijngrafiek van {name}",
        summary=f"{name}.",
        period_codes=tuple(p for p, *_ in points),
    )


def with_chart(chart: rm.ChartModel, model: rm.ReportModel | None = None) -> rm.ReportModel:
    """``model`` (the sample) with one indicator whose chart is ``chart``."""
    import dataclasses

    model = model or make_model()
    indicator = dataclasses.replace(make_indicator("x", chart.title), chart=chart)
    line = dataclasses.replace(model.action_lines[0], indicators=(indicator,))
    return dataclasses.replace(model, action_lines=(line, *model.action_lines[1:]))
