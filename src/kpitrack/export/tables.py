"""The plain tables of ``export --format csv|xlsx``: the full history of observations, and the
statuses per indicator, action and milestone (``status --format json`` flattened)."""

from __future__ import annotations

from typing import Any

from kpitrack.core.periods import PERIOD_FORMS
from kpitrack.export.observations import ExportedObservation
from kpitrack.export.table import Cell, Column, FieldType, Table
from kpitrack.measurements.model import ACTION_STATES, OBS_STATUSES
from kpitrack.progress.document import status_document
from kpitrack.progress.model import FLAGS, INDICATOR_STATES, ProgressReport
from kpitrack.workspace import Workspace

PERIOD_PATTERN = r"\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?"
WITHHELD = ("small", "complement")
KINDS = ("indicator", "action", "milestone")
# Every state an indicator, action or milestone can have (design §5).
STATES = tuple(dict.fromkeys((*INDICATOR_STATES, *ACTION_STATES)))


def observation_table(workspace: Workspace, rows: list[ExportedObservation]) -> Table:
    """Every stored observation in submission order, revisions included."""
    programme = workspace.programme
    dimensions = sorted(programme.codelists)
    fixed = _observation_columns(workspace)
    names = {column.name for column in fixed}
    dimension_columns = tuple(
        Column(
            f"{dim}_code" if dim in names else dim,
            "string",
            f"Breakdown by the codelist {dim!r}: the code of the cell; empty in a total.",
            enum=tuple(sorted(programme.codelists[dim].codes)),
        )
        for dim in dimensions
    )
    columns = (*fixed[:2], *dimension_columns, *fixed[2:])
    table = Table(
        name="observations",
        title="Every accepted figure with its provenance, revisions included",
        columns=columns,
        primary_key=("submission", "source_row"),
    )
    for row in rows:
        obs = row.observation
        codes = dict(obs.breakdown)
        table.rows.append(
            (
                obs.indicator,
                obs.period,
                *(codes.get(dim) for dim in dimensions),
                row.value,
                obs.obs_status,
                row.lower,
                row.upper,
                row.note or None,
                obs.source or None,
                row.withheld,
                obs.provenance.partner,
                obs.provenance.submission,
                obs.provenance.row,
                obs.provenance.received,
                obs.revised,
                obs.revision_of,
                row.revised_from,
                row.current,
            )
        )
    return table


def status_table(workspace: Workspace, progress: ProgressReport) -> Table:
    """One row per indicator, action and milestone: what ``status --format json`` gives."""
    languages = workspace.languages
    document = status_document(progress)
    table = Table(
        name="status",
        title=f"Status per indicator, action and milestone on {progress.as_of.isoformat()}",
        columns=_status_columns(workspace),
        primary_key=("kind", "id"),
    )
    for item in document["indicators"]:
        indicator = workspace.indicators[item["id"]]
        table.rows.append(
            (
                "indicator",
                item["id"],
                item["action_line"],
                None,
                *(_text(indicator.name, lang) for lang in languages),
                item["status"],
                ";".join(item["flags"]) or None,
                item["ratio"],
                *_pair(item["baseline"]),
                *_pair(item["latest"]),
                *_pair(item["target"]),
                indicator.owner,
                None,
                None,
                None,
                *(item["explanation"].get(lang) for lang in languages),
            )
        )
    titles = _titles(workspace)
    for item in document["actions"]:
        update = item["update"] or {}
        table.rows.append(
            (
                item["kind"],
                item["id"],
                item["action_line"],
                item["parent"],
                *(_text(titles.get(item["id"]), lang) for lang in languages),
                item["state"],
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                item["owner"],
                item["due"],
                update.get("date"),
                update.get("note") or None,
                *(None for _ in languages),
            )
        )
    return table


def _observation_columns(workspace: Workspace) -> tuple[Column, ...]:
    indicators = tuple(sorted(workspace.indicators))
    partners = tuple(sorted(p.id for p in workspace.programme.partners))
    return (
        Column("indicator", "string", "Indicator id (kpis/<id>.yaml).", True, indicators),
        Column(
            "period",
            "string",
            f"Period of the figure: {PERIOD_FORMS}.",
            True,
            pattern=PERIOD_PATTERN,
        ),
        Column(
            "value",
            "number",
            "The figure, decimal point. Empty when withdrawn (obs_status M) or withheld.",
        ),
        Column(
            "obs_status",
            "string",
            "SDMX observation status: A normal, P provisional, E estimated, B break in series, "
            "M missing (withdrawn).",
            True,
            OBS_STATUSES,
        ),
        Column("lower", "number", "Lower bound of the uncertainty interval, if given."),
        Column("upper", "number", "Upper bound of the uncertainty interval, if given."),
        Column(
            "note",
            "string",
            "The partner's note on the figure. Text that a spreadsheet would read as a formula "
            "(starting with = + - @) carries a leading apostrophe.",
        ),
        Column(
            "source",
            "string",
            "The publication the figure comes from, as the partner gave it (the indicator's "
            "source applies when empty). Formula-like text carries a leading apostrophe, as in "
            "note.",
        ),
        Column(
            "withheld",
            "string",
            "Why the value is withheld (small-cell rule, programme disclosure.min_count): "
            "'small' for a count below the minimum, 'complement' for the cell withheld with "
            "it so that it cannot be worked out from the total. Empty when shown.",
            enum=WITHHELD,
        ),
        Column("partner", "string", "Partner that submitted the figure.", True, partners),
        Column("submission", "integer", "Number of the submission in the store.", True),
        Column("source_row", "integer", "Row of the figure in the file as received.", True),
        Column("received", "datetime", "When the submission was received (UTC).", True),
        Column(
            "revised",
            "boolean",
            "true when this row revises an earlier submission's row for the same key.",
            True,
        ),
        Column("revision_of", "integer", "Submission whose value this row replaced."),
        Column("revised_from", "number", "The value this row replaced (empty when withheld)."),
        Column(
            "current",
            "boolean",
            "true for the newest submission of its key: the value in force.",
            True,
        ),
    )


def _status_columns(workspace: Workspace) -> tuple[Column, ...]:
    languages = workspace.languages
    number: FieldType = "number"
    return (
        Column("kind", "string", "indicator, action or milestone.", True, KINDS),
        Column("id", "string", "Id of the indicator, action or milestone.", True),
        Column("action_line", "string", "Action line it belongs to.", True),
        Column("parent", "string", "For a milestone: its action."),
        *(Column(f"name_{lang}", "string", f"Name or title ({lang}).") for lang in languages),
        Column(
            "status",
            "string",
            "Indicator status (design §5) or action/milestone state.",
            True,
            STATES,
        ),
        Column("flags", "string", "Indicator flags, separated by ';': " + ", ".join(FLAGS) + "."),
        Column("ratio", number, "R = progress achieved / progress expected (4 decimals)."),
        Column("baseline_period", "string", "Baseline period.", pattern=PERIOD_PATTERN),
        Column("baseline_value", number, "Baseline value."),
        Column("latest_period", "string", "Period of the latest figure.", pattern=PERIOD_PATTERN),
        Column("latest_value", number, "Latest figure (total)."),
        Column("target_period", "string", "Period of the target in force.", pattern=PERIOD_PATTERN),
        Column("target_value", number, "Target in force."),
        Column("owner", "string", "Partner responsible.", True),
        Column("due", "date", "Due date of an action or milestone."),
        Column("update_date", "date", "Date of the latest update of an action or milestone."),
        Column("update_note", "string", "Note of that update."),
        *(
            Column(f"explanation_{lang}", "string", f"Why the indicator has its status ({lang}).")
            for lang in languages
        ),
    )


def _pair(pair: dict[str, Any] | None) -> tuple[Cell, Cell]:
    return (None, None) if pair is None else (pair["period"], pair["value"])


def _titles(workspace: Workspace) -> dict[str, object]:
    titles: dict[str, object] = {}
    for _line, action in workspace.actions():
        titles[action.id] = action.title
        for milestone in action.milestones:
            titles[milestone.id] = milestone.title
    return titles


def _text(text: object, lang: str) -> str | None:
    if isinstance(text, dict):
        value = text.get(lang) or next(iter(text.values()), "")
        return str(value) or None
    return str(text) if text else None
