"""The report's fixed words: UI labels and the method annex, per language.

Status words themselves come from :mod:`kpitrack.i18n.labels` (one vocabulary for the CLI and
the reports); this module holds what only the report needs. Keys name what a text labels; the
HTML and Word templates read them from ``ReportModel.texts`` (docs/report-model.md). A language
without a catalogue gets the English words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kpitrack.i18n.catalogue import translations

if TYPE_CHECKING:
    from gettext import NullTranslations

WITHHELD_MARK = "×"
"""The mark of a count withheld to protect a small one: a sign, the same in every language."""

MethodText = tuple[str, tuple[str, ...]]
"""A part of the method annex: its heading and its paragraphs."""


def report_texts(lang: str) -> dict[str, str]:
    """The report's UI labels in ``lang`` (``{…}`` placeholders left for the builder to fill)."""
    return _texts(translations(lang))


def report_text_keys() -> tuple[str, ...]:
    """The keys of :func:`report_texts`, the same in every language."""
    from gettext import NullTranslations

    return tuple(_texts(NullTranslations()))


def late_milestones_text(count: int, lang: str) -> str:
    """Of an action: how many of its milestones are overdue or not reported, in words."""
    from kpitrack.i18n.spelled import spelled

    if count <= 0:
        return ""
    _ = translations(lang).gettext
    if count == 1:
        return _("one milestone overdue or not reported")
    return _("{count} milestones overdue or not reported").format(count=spelled(count, lang))


def provenance_line(lang: str, *, commit: bool, snapshot: bool) -> str:
    """The one line that says what the identifiers in the annex are for."""
    _ = translations(lang).gettext
    if commit:
        return _(
            "The git commit names the version of the definitions (programme, indicators, "
            "targets) and the data snapshot the state of the measurement store this report was "
            "built from: together they let anyone rebuild it exactly (kpitrack report "
            "--reproduce)."
        )
    if snapshot:
        return _(
            "The data snapshot names the state of the measurement store this report was built from."
        )
    return ""


def compared_with(lang: str, *, report_date: str = "", commit: str = "") -> str:
    """What the changes since the previous report compare with, in one sentence."""
    _ = translations(lang).gettext
    if report_date:
        return _("Compared with the report as of {date}.").format(date=report_date)
    return _("Compared with the definitions and figures of git commit {commit}.").format(
        commit=commit
    )


def method_texts(
    lang: str, *, on_track: str, at_risk: str, stale_periods: str, deadline: str = "90"
) -> list[MethodText]:
    """The status method (design §5) in plain words, the thresholds already formatted."""
    _ = translations(lang).gettext
    return [
        (
            _("How the status is set"),
            (
                _(
                    "For each indicator we compare two things: how much of the way from the "
                    "baseline to the target has been covered (achieved), and how much you would "
                    "expect by now if progress were even over time (expected)."
                ),
                _(
                    "Achieved divided by expected sets the status: {on_track} or more is 'on "
                    "track', from {at_risk} 'at risk', below that 'off track'. A value further "
                    "from the target than at the baseline is 'deteriorating'. A target met is "
                    "'achieved'."
                ).format(on_track=on_track, at_risk=at_risk),
                _(
                    "When a target has been revised, the latest one set before the as-of date "
                    "counts; earlier targets stay visible."
                ),
                _(
                    "Context figures without a target get no judgement ('monitoring, no "
                    "judgement'): only their trend is shown. Without an observation after the "
                    "baseline the status is 'no data'. Without a declared baseline the earliest "
                    "observation serves as baseline."
                ),
            ),
        ),
        (
            _("Flags"),
            (
                _(
                    "A value is provisional or estimated when the partner says so. A value is "
                    "stale when it lies more than {stale_periods} reporting periods before the "
                    "as-of date. A revised value replaces one delivered before; the old value is "
                    "kept."
                ).format(stale_periods=stale_periods),
                _(
                    "Per action line we count how many indicators have each status; no average "
                    "score is computed."
                ),
            ),
        ),
        (
            _("Outdated figures and gaps in reporting"),
            (
                _(
                    "A verdict on a stale value is not counted as current: the summary counts "
                    "it in a column of its own ('outdated'), and the indicator names the period "
                    "of the figure the verdict rests on."
                ),
                _(
                    "An action or milestone past its due date is 'overdue' when its latest "
                    "update says it is not done, and 'no progress reported' when no update was "
                    "ever submitted: a gap in reporting, not a verdict on delivery. An action "
                    "whose milestones are overdue or not reported says so before its own due "
                    "date. Actions and milestones are counted together in the summary."
                ),
            ),
        ),
        (
            _("Series, revised targets and the reporting calendar"),
            (
                _(
                    "A figure marked as a break in series is the first of a new method or "
                    "source: no change is computed across it, and the report says why it shows "
                    "none."
                ),
                _(
                    "Where a revision changed the target in force, the verdict against the "
                    "original target is shown beside the one against the revised target, so "
                    "that moving a target cannot change a verdict unseen."
                ),
                _(
                    "A figure is due {deadline} days after the end of its period (an "
                    "indicator from irregular surveys: only for the periods of its schedule). "
                    "The next figure expected is shown with each indicator, marked late when "
                    "its due date has passed."
                ).format(deadline=deadline),
            ),
        ),
        (
            _("Forecast"),
            (
                _(
                    "Where an indicator with a target has at least three comparable figures "
                    "after its baseline (after a break in series, only those of the new "
                    "series), a straight line is fitted through the latest of them, at most "
                    "five, by least squares, with time counted in months between the ends of "
                    "the periods. The line is followed period by period to the first period in "
                    "which it meets the target, at most twenty years beyond the target period."
                ),
                _(
                    "A straight line rather than the compound growth rate Open SDG uses: the "
                    "counts and shares of such programmes rise and fall by amounts more than "
                    "by rates, may be zero, and a growth rate from two end points swings "
                    "widely on a short series. The line uses every recent figure and says how "
                    "uncertain it is: the report gives the 95% prediction interval of a figure "
                    "for the target period, which is wide when there are few figures. Context "
                    "figures and values to be maintained get no forecast."
                ),
            ),
        ),
    ]


def label_colon(lang: str) -> str:
    """The colon after a label ("Status: on track"), as ``lang`` writes it: French puts a
    no-break space before it ("Statut : en bonne voie")."""
    return _colon(translations(lang))


def _colon(t: NullTranslations) -> str:
    # TRANSLATORS: the colon between a label and its text ("Status: on track"), with the space
    # the language puts before it (French: a no-break space, U+00A0).
    return t.pgettext("punctuation", ":")


def _texts(t: NullTranslations) -> dict[str, str]:
    _ = t.gettext
    return {
        "colon": _colon(t),
        "report_kind": _("Progress report"),
        "draft": _("Draft"),
        "skip_link": _("Skip to content"),
        "toc": _("Contents"),
        "period_covered": _("Programme period"),
        "as_of": _("As of"),
        "version": _("Definition version"),
        "commit": _("Definitions committed in (git commit)"),
        "commit_modified": _("with changes not yet committed"),
        "snapshot": _("Data snapshot"),
        "owner": _("Owner"),
        "generated": _("Prepared on"),
        "received_up_to": _("Figures received up to and including"),
        "references": _("Parliamentary papers"),
        "commitments": _("Commitments and announcements"),
        "headline": _("Key message"),
        "summary_note": _(
            "Outdated: the latest figure is more than two reporting periods old; such verdicts "
            "are counted here and not under their status. Actions and milestones are counted "
            "together."
        ),
        "first_report": _("This is the first report; there is no previous one to compare with."),
        "provenance": _("Version and data"),
        "summary": _("Summary"),
        "summary_caption": _("Status of indicators and actions per action line"),
        "key_messages": _("Summary by the rapporteur"),
        "action_line": _("Action line"),
        "indicators": _("Indicators"),
        "actions_heading": _("Actions and milestones"),
        "total": _("Total"),
        "indicator_status": _("Indicator status"),
        "action_state": _("Action state"),
        "no_actions": _("No actions in this action line."),
        "no_indicators": _("No indicators in this action line."),
        "col_id": _("No."),
        "col_action": _("Action"),
        "col_kind": _("Kind"),
        "col_owner": _("Responsible"),
        "col_due": _("Due"),
        "col_state": _("State"),
        "col_update": _("Latest update"),
        "col_period": _("Period"),
        "col_value": _("Value"),
        "col_obs_status": _("Observation status"),
        "col_interval": _("Interval"),
        "col_note": _("Note"),
        "col_target": _("Target"),
        "col_set": _("Set on"),
        "col_reason": _("Reason"),
        "col_target_state": _("Validity"),
        "col_partner": _("Partner"),
        "col_expected": _("Indicators"),
        "col_with_data": _("With data"),
        "col_share": _("Share"),
        "col_latest_submission": _("Latest submission"),
        # TRANSLATORS: completeness annex: of those with data, indicators with a figure unapproved
        "col_unreviewed": _("Of which not yet approved"),
        # TRANSLATORS: completeness annex: plausibility warnings the partner's files had
        "col_warnings": _("Warnings at submission"),
        "col_kind_change": _("Kind of change"),
        "col_subject": _("Subject"),
        "col_before": _("Before"),
        "col_after": _("After"),
        "col_when": _("Date"),
        "col_who": _("By"),
        "status": _("Status"),
        "explanation": _("Why this status"),
        "flags": _("Flags"),
        "ratio": _("Progress against expected"),
        "baseline": _("Baseline"),
        "latest": _("Latest value"),
        "target": _("Target"),
        "definition": _("Definition"),
        "source": _("Source"),
        "data_owner": _("Data supplied by"),
        "unit": _("Unit"),
        "measure": _("Measure"),
        "direction": _("Desired direction"),
        "caveats": _("Caveats"),
        "values": _("Values"),
        "values_caption": _("Values of {name}"),
        "download_csv": _("Download these figures (CSV)"),
        # TRANSLATORS: under a value table: the letters in its Source column, each explained
        "figure_sources": _("Source per figure"),
        "chart": _("Chart"),
        "chart_data": _("Chart data"),
        "breakdown": _("Breakdown"),
        "breakdown_caption": _("{name}, broken down, {period}"),
        "suppressed_note": _("Counts below {n} are not shown (displayed as {mark})."),
        "withheld_mark": WITHHELD_MARK,
        "withheld_note": _(
            "One more count is withheld ({mark}) so that the small count cannot be worked out "
            "from the total."
        ),
        "targets": _("Targets and revisions"),
        "targets_caption": _("Targets of {name}"),
        "no_values": _("No values yet."),
        "commentary": _("Rapporteur's commentary"),
        "changes": _("Changes since the previous report"),
        "changes_caption": _("Changes since the previous report"),
        "no_changes": _("Nothing has changed since the previous report."),
        "annex": _("Annex"),
        "method": _("Method"),
        "completeness": _("Data completeness per partner"),
        "completeness_caption": _(
            "Indicators with data in the programme period up to the as-of date"
        ),
        "completeness_review_note": _(
            "The programme office approves every submission. Figures it has not yet approved "
            "count as data, are marked “{mark}” beside the figure, and are counted apart in the "
            "last column."
        ),
        "completeness_warnings_note": _(
            "A warning at submission is a figure that looked implausible and was accepted after "
            "a check: a breakdown that does not add up to its total, a jump from the previous "
            "figure larger than the indicator allows, a percentage written as a fraction, or a "
            "period not yet ended; "
            "“not recorded” means the submission was stored before warnings were counted."
        ),
        "all_actions": _("All actions and milestones"),
        "all_actions_caption": _("All actions and milestones with their state"),
        "footnotes": _("Notes"),
        "revised": _("revised (was {before})"),
        "revised_short": _("revised"),
        "partial": _("partial: not every part was delivered"),
        "baseline_from_observation": _(
            "No baseline was set: the earliest observation serves as baseline."
        ),
        "target_in_force": _("in force"),
        "target_superseded": _("superseded"),
        "target_other": _("other period"),
        "action": _("action"),
        "milestone": _("milestone"),
        "legend": _("Legend"),
        "legend_actual": _("Measured"),
        "legend_provisional": _("Provisional or estimated"),
        "legend_interval": _("Interval"),
        "legend_baseline": _("Baseline"),
        "legend_target_path": _("Path to target"),
        "legend_target": _("Target"),
        "legend_superseded": _("Superseded target"),
        "set_on": _("set {date}"),
        "chart_alt": _("Line chart of {name} per period, {count} values"),
        "chart_summary_one": _("{name}: one value, {value} in {period}."),
        "chart_summary_up": _(
            "{name}: {count} values, up from {first} in {first_period} to {last} in {last_period}."
        ),
        "chart_summary_down": _(
            "{name}: {count} values, down from {first} in {first_period} to {last} in "
            "{last_period}."
        ),
        "chart_summary_same": _(
            "{name}: {count} values, {last} in {last_period}, the same as in {first_period}."
        ),
        "chart_summary_none": _("{name}: no values yet."),
        "chart_summary_break": _(
            "{name}: {count} values, {last} in {last_period}; a new series starts in "
            "{break_period} (another method or source), so no change from earlier values is "
            "given."
        ),
        "chart_summary_target": _("Target {target} in {period}."),
        "chart_summary_superseded": _("Earlier target(s): {items}."),
        "missing_value": _("missing"),
        "measure_count": _("count"),
        "measure_percentage": _("percentage"),
        "measure_ratio": _("ratio"),
        "measure_amount": _("amount"),
        "measure_index": _("index"),
        "direction_increase": _("increase"),
        "direction_decrease": _("decrease"),
        "direction_maintain": _("maintain"),
        "direction_none": _("none (context figure)"),
        "footnote_source": _("Source: {text}"),
        "footnote_caveat": _("Note: {text}"),
        "back_to_top": _("Back to contents"),
        "figure_label": _("Figure"),
        "table_label": _("Table"),
        "page_x_of_y": _("Page {page} of {pages}"),
        "toc_hint": _("Choose 'Update field' (F9) to update the table of contents."),
    }
