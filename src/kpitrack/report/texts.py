"""Fixed texts of the report per language: UI labels, icons, colours and the method annex.

Status words themselves come from :mod:`kpitrack.i18n` (one vocabulary for the CLI and the
reports); this module holds what only the report needs. A language without its own table falls
back to English, so a programme in another language still gets a complete report.
"""

from __future__ import annotations

from kpitrack.i18n import ACTION_ICONS, STATUS_ICONS
from kpitrack.report.model import MethodSection

__all__ = ["ACTION_ICONS", "STATUS_ICONS"]  # re-exported beside the colours

# Every colour has at least 4.5:1 contrast on white (tests/report/test_texts.py checks this).
STATUS_COLOURS: dict[str, str] = {
    "achieved": "#0f5c2e",
    "on_track": "#1a7f37",
    "at_risk": "#8a5a00",
    "off_track": "#b02a00",
    "deteriorating": "#a4161a",
    "monitoring": "#4b5563",
    "no_data": "#5f6368",
}
ACTION_COLOURS: dict[str, str] = {
    "done": "#1a7f37",
    "in_progress": "#0550ae",
    "overdue": "#a4161a",
    "not_reported": "#5f6368",
    "planned": "#4b5563",
    "dropped": "#5f6368",
}

_NL: dict[str, str] = {
    "report_kind": "Voortgangsrapportage",
    "draft": "Concept",
    "skip_link": "Naar de inhoud",
    "toc": "Inhoud",
    "period_covered": "Looptijd programma",
    "as_of": "Peildatum",
    "version": "Versie definities",
    "commit": "Definities vastgelegd in (git-commit)",
    "commit_modified": "met nog niet vastgelegde wijzigingen",
    "snapshot": "Gegevens (momentopname)",
    "owner": "Eigenaar",
    "generated": "Opgesteld",
    "summary": "Samenvatting",
    "summary_caption": "Status van de indicatoren en acties per actielijn",
    "key_messages": "Kernboodschappen",
    "action_line": "Actielijn",
    "indicators": "Indicatoren",
    "actions_heading": "Acties en mijlpalen",
    "total": "Totaal",
    "indicator_status": "Status indicatoren",
    "action_state": "Stand acties",
    "no_actions": "Geen acties in deze actielijn.",
    "no_indicators": "Geen indicatoren in deze actielijn.",
    "col_id": "Nr.",
    "col_action": "Actie",
    "col_kind": "Soort",
    "col_owner": "Verantwoordelijk",
    "col_due": "Gereed",
    "col_state": "Stand",
    "col_update": "Laatste update",
    "col_period": "Periode",
    "col_value": "Waarde",
    "col_obs_status": "Status waarneming",
    "col_interval": "Marge",
    "col_note": "Toelichting",
    "col_target": "Streefwaarde",
    "col_set": "Vastgesteld",
    "col_reason": "Reden",
    "col_target_state": "Geldigheid",
    "col_partner": "Partner",
    "col_expected": "Indicatoren",
    "col_with_data": "Met gegevens",
    "col_share": "Aandeel",
    "col_latest_submission": "Laatste aanlevering",
    "col_kind_change": "Soort wijziging",
    "col_subject": "Onderwerp",
    "col_before": "Was",
    "col_after": "Wordt",
    "col_when": "Datum",
    "col_who": "Door",
    "status": "Status",
    "explanation": "Toelichting op de status",
    "flags": "Kanttekeningen",
    "ratio": "Voortgang t.o.v. verwachting",
    "baseline": "Nulmeting",
    "latest": "Laatste waarde",
    "target": "Streefwaarde",
    "definition": "Definitie",
    "source": "Bron",
    "data_owner": "Aanleverende partij",
    "unit": "Eenheid",
    "measure": "Soort maat",
    "direction": "Gewenste richting",
    "caveats": "Kanttekeningen bij de cijfers",
    "values": "Waarden",
    "values_caption": "Waarden van {name}",
    "chart": "Grafiek",
    "chart_data": "Gegevens van de grafiek",
    "breakdown": "Uitsplitsing",
    "breakdown_caption": "{name}, uitgesplitst, {period}",
    "suppressed_note": "Aantallen kleiner dan {n} worden niet getoond (weergegeven als {mark}).",
    "withheld_mark": "×",
    "withheld_note": "Ook een ander aantal is weggelaten ({mark}), zodat het kleine aantal niet "
    "uit het totaal is af te leiden.",
    "targets": "Streefwaarden en bijstellingen",
    "targets_caption": "Streefwaarden van {name}",
    "no_values": "Nog geen waarden.",
    "commentary": "Toelichting van de rapporteur",
    "changes": "Wijzigingen sinds de vorige rapportage",
    "changes_caption": "Wijzigingen sinds de vorige rapportage",
    "no_changes": "Geen wijzigingen geregistreerd.",
    "annex": "Bijlage",
    "method": "Werkwijze",
    "completeness": "Volledigheid van de gegevens per partner",
    "completeness_caption": "Indicatoren met gegevens in de looptijd tot de peildatum",
    "all_actions": "Alle acties en mijlpalen",
    "all_actions_caption": "Alle acties en mijlpalen met hun stand",
    "footnotes": "Voetnoten",
    "revised": "herzien (was {before})",
    "revised_short": "herzien",
    "partial": "onvolledig: niet alle onderdelen aangeleverd",
    "baseline_from_observation": "Geen nulmeting vastgesteld: de vroegste waarneming dient als "
    "nulmeting.",
    "target_in_force": "geldt",
    "target_superseded": "vervangen",
    "target_other": "andere periode",
    "action": "actie",
    "milestone": "mijlpaal",
    "legend": "Legenda",
    "legend_actual": "Gemeten",
    "legend_provisional": "Voorlopig of geschat",
    "legend_interval": "Marge",
    "legend_baseline": "Nulmeting",
    "legend_target_path": "Pad naar streefwaarde",
    "legend_target": "Streefwaarde",
    "legend_superseded": "Vervangen streefwaarde",
    "set_on": "vastgesteld {date}",
    "chart_alt": "Lijngrafiek van {name} per periode, {count} waarden",
    "chart_summary_one": "{name}: één waarde, {value} in {period}.",
    "chart_summary_up": "{name}: {count} waarden, gestegen van {first} in {first_period} naar "
    "{last} in {last_period}.",
    "chart_summary_down": "{name}: {count} waarden, gedaald van {first} in {first_period} naar "
    "{last} in {last_period}.",
    "chart_summary_same": "{name}: {count} waarden, {last} in {last_period}, even hoog als in "
    "{first_period}.",
    "chart_summary_none": "{name}: nog geen waarden.",
    "chart_summary_target": "Streefwaarde {target} in {period}.",
    "chart_summary_superseded": "Eerdere streefwaarde(n): {items}.",
    "missing_value": "ontbreekt",
    "measure_count": "aantal",
    "measure_percentage": "percentage",
    "measure_ratio": "verhouding",
    "measure_amount": "hoeveelheid",
    "measure_index": "index",
    "direction_increase": "stijgen",
    "direction_decrease": "dalen",
    "direction_maintain": "handhaven",
    "direction_none": "geen (kengetal)",
    "footnote_source": "Bron: {text}",
    "footnote_caveat": "Let op: {text}",
    "back_to_top": "Terug naar de inhoud",
    "figure_label": "Figuur",
    "table_label": "Tabel",
    "page_x_of_y": "Pagina {page} van {pages}",
    "toc_hint": "Kies 'Veld bijwerken' (F9) om de inhoudsopgave bij te werken.",
}

_EN: dict[str, str] = {
    "report_kind": "Progress report",
    "draft": "Draft",
    "skip_link": "Skip to content",
    "toc": "Contents",
    "period_covered": "Programme period",
    "as_of": "As of",
    "version": "Definition version",
    "commit": "Definitions committed in (git commit)",
    "commit_modified": "with changes not yet committed",
    "snapshot": "Data snapshot",
    "owner": "Owner",
    "generated": "Prepared",
    "summary": "Summary",
    "summary_caption": "Status of indicators and actions per action line",
    "key_messages": "Key messages",
    "action_line": "Action line",
    "indicators": "Indicators",
    "actions_heading": "Actions and milestones",
    "total": "Total",
    "indicator_status": "Indicator status",
    "action_state": "Action state",
    "no_actions": "No actions in this action line.",
    "no_indicators": "No indicators in this action line.",
    "col_id": "No.",
    "col_action": "Action",
    "col_kind": "Kind",
    "col_owner": "Responsible",
    "col_due": "Due",
    "col_state": "State",
    "col_update": "Latest update",
    "col_period": "Period",
    "col_value": "Value",
    "col_obs_status": "Observation status",
    "col_interval": "Interval",
    "col_note": "Note",
    "col_target": "Target",
    "col_set": "Set on",
    "col_reason": "Reason",
    "col_target_state": "Validity",
    "col_partner": "Partner",
    "col_expected": "Indicators",
    "col_with_data": "With data",
    "col_share": "Share",
    "col_latest_submission": "Latest submission",
    "col_kind_change": "Kind of change",
    "col_subject": "Subject",
    "col_before": "Before",
    "col_after": "After",
    "col_when": "Date",
    "col_who": "By",
    "status": "Status",
    "explanation": "Why this status",
    "flags": "Flags",
    "ratio": "Progress against expected",
    "baseline": "Baseline",
    "latest": "Latest value",
    "target": "Target",
    "definition": "Definition",
    "source": "Source",
    "data_owner": "Data supplied by",
    "unit": "Unit",
    "measure": "Measure",
    "direction": "Desired direction",
    "caveats": "Caveats",
    "values": "Values",
    "values_caption": "Values of {name}",
    "chart": "Chart",
    "chart_data": "Chart data",
    "breakdown": "Breakdown",
    "breakdown_caption": "{name}, broken down, {period}",
    "suppressed_note": "Counts below {n} are not shown (displayed as {mark}).",
    "withheld_mark": "×",
    "withheld_note": "One more count is withheld ({mark}) so that the small count cannot be "
    "worked out from the total.",
    "targets": "Targets and revisions",
    "targets_caption": "Targets of {name}",
    "no_values": "No values yet.",
    "commentary": "Rapporteur's commentary",
    "changes": "Changes since the previous report",
    "changes_caption": "Changes since the previous report",
    "no_changes": "No changes recorded.",
    "annex": "Annex",
    "method": "Method",
    "completeness": "Data completeness per partner",
    "completeness_caption": "Indicators with data in the programme period up to the as-of date",
    "all_actions": "All actions and milestones",
    "all_actions_caption": "All actions and milestones with their state",
    "footnotes": "Notes",
    "revised": "revised (was {before})",
    "revised_short": "revised",
    "partial": "partial: not every part was delivered",
    "baseline_from_observation": "No baseline was set: the earliest observation serves as "
    "baseline.",
    "target_in_force": "in force",
    "target_superseded": "superseded",
    "target_other": "other period",
    "action": "action",
    "milestone": "milestone",
    "legend": "Legend",
    "legend_actual": "Measured",
    "legend_provisional": "Provisional or estimated",
    "legend_interval": "Interval",
    "legend_baseline": "Baseline",
    "legend_target_path": "Path to target",
    "legend_target": "Target",
    "legend_superseded": "Superseded target",
    "set_on": "set {date}",
    "chart_alt": "Line chart of {name} per period, {count} values",
    "chart_summary_one": "{name}: one value, {value} in {period}.",
    "chart_summary_up": "{name}: {count} values, up from {first} in {first_period} to {last} in "
    "{last_period}.",
    "chart_summary_down": "{name}: {count} values, down from {first} in {first_period} to {last} "
    "in {last_period}.",
    "chart_summary_same": "{name}: {count} values, {last} in {last_period}, the same as in "
    "{first_period}.",
    "chart_summary_none": "{name}: no values yet.",
    "chart_summary_target": "Target {target} in {period}.",
    "chart_summary_superseded": "Earlier target(s): {items}.",
    "missing_value": "missing",
    "measure_count": "count",
    "measure_percentage": "percentage",
    "measure_ratio": "ratio",
    "measure_amount": "amount",
    "measure_index": "index",
    "direction_increase": "increase",
    "direction_decrease": "decrease",
    "direction_maintain": "maintain",
    "direction_none": "none (context figure)",
    "footnote_source": "Source: {text}",
    "footnote_caveat": "Note: {text}",
    "back_to_top": "Back to contents",
    "figure_label": "Figure",
    "table_label": "Table",
    "page_x_of_y": "Page {page} of {pages}",
    "toc_hint": "Choose 'Update field' (F9) to update the table of contents.",
}

_TEXTS: dict[str, dict[str, str]] = {"nl": _NL, "en": _EN}

TEXT_KEYS: tuple[str, ...] = tuple(_EN)


def texts_for(lang: str) -> dict[str, str]:
    """UI labels for ``lang`` (English for a language without its own table)."""
    return dict(_TEXTS.get(lang, _EN))


def method_sections(
    lang: str, *, on_track: str, at_risk: str, stale_periods: str
) -> tuple[MethodSection, ...]:
    """The status method (design §5) in plain words, thresholds already formatted."""
    if lang == "nl":
        return (
            MethodSection(
                "Hoe de status wordt bepaald",
                (
                    "Voor elke indicator vergelijken we twee dingen: hoeveel van de weg van de "
                    "nulmeting naar de streefwaarde al is afgelegd (gerealiseerd), en hoeveel "
                    "daarvan je op dat moment zou verwachten als de voortgang gelijkmatig over "
                    "de tijd verliep (verwacht).",
                    "De verhouding gerealiseerd gedeeld door verwacht bepaalt de status: bij "
                    f"{on_track} of meer is die 'op koers', vanaf {at_risk} 'risico', daaronder "
                    "'achter op schema'. Is de waarde verder van de streefwaarde dan bij de "
                    "nulmeting, dan is de status 'verslechterd'. Is de streefwaarde gehaald, "
                    "dan is de status 'behaald'.",
                    "Geldt een streefwaarde die later is bijgesteld, dan telt de laatst "
                    "vastgestelde vóór de peildatum; eerdere streefwaarden blijven zichtbaar.",
                    "Kengetallen zonder streefwaarde krijgen geen oordeel ('kengetal, geen "
                    "oordeel'): alleen het verloop wordt getoond. Zonder waarneming na de "
                    "nulmeting is de status "
                    "'geen gegevens'. Zonder vastgestelde nulmeting dient de vroegste "
                    "waarneming als nulmeting.",
                ),
            ),
            MethodSection(
                "Kanttekeningen",
                (
                    "Een waarde is voorlopig of geschat als de partner dat aangeeft. Een waarde "
                    f"is verouderd als zij meer dan {stale_periods} rapportageperiodes vóór de "
                    "peildatum ligt. Een herziene waarde vervangt een eerder aangeleverde; de "
                    "oude waarde blijft bewaard.",
                    "Per actielijn tellen we hoeveel indicatoren elke status hebben; er wordt "
                    "geen gemiddelde score berekend.",
                ),
            ),
        )
    return (
        MethodSection(
            "How the status is set",
            (
                "For each indicator we compare two things: how much of the way from the "
                "baseline to the target has been covered (achieved), and how much you would "
                "expect by now if progress were even over time (expected).",
                "Achieved divided by expected sets the status: "
                f"{on_track} or more is 'on track', from {at_risk} 'at risk', below that 'off "
                "track'. A value further from the target than at the baseline is "
                "'deteriorating'. A target met is 'achieved'.",
                "When a target has been revised, the latest one set before the as-of date "
                "counts; earlier targets stay visible.",
                "Context figures without a target get no judgement ('monitoring, no "
                "judgement'): only their trend is shown. "
                "Without an observation after the baseline the status is 'no data'. Without a "
                "declared baseline the earliest observation serves as baseline.",
            ),
        ),
        MethodSection(
            "Flags",
            (
                "A value is provisional or estimated when the partner says so. A value is stale "
                f"when it lies more than {stale_periods} reporting periods before the as-of "
                "date. A revised value replaces one delivered before; the old value is kept.",
                "Per action line we count how many indicators have each status; no average "
                "score is computed.",
            ),
        ),
    )
