"""Pydantic models of ``programme/programme.yaml`` and ``kpis/<id>.yaml`` (design §3).

Field descriptions become the JSON Schema documentation that editors show. The models check the
shape of one file; rules that need the whole workspace (cross-references, languages, target
periods inside the programme) live in :mod:`kpitrack.definitions.crossref`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from kpitrack.core.numbers import MAX_MAGNITUDE
from kpitrack.core.periods import PERIOD_FORMS, parse_period

SCHEMA_VERSION = "kpitrack/1"

LOWER_ID = r"^[a-z0-9][a-z0-9._-]*$"
MIXED_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"

LowerId = Annotated[str, Field(pattern=LOWER_ID, max_length=100)]

Figure = Annotated[
    float,
    Field(allow_inf_nan=False, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE),
]
"""A value of an indicator: finite and at most 10^15 in magnitude (kpitrack.core.numbers)."""
MixedId = Annotated[str, Field(pattern=MIXED_ID, max_length=100)]


def _period_string(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        parse_period(value)  # raises ValueError with the valid forms
    return value


PeriodStr = Annotated[
    str,
    BeforeValidator(_period_string),
    Field(description=f"A period: {PERIOD_FORMS}.", json_schema_extra={"examples": ["2019"]}),
]

LocalText = Annotated[
    dict[str, Annotated[str, Field(max_length=20_000)]],
    Field(
        description="Text per language code, one entry for every language of the programme "
        "(e.g. {nl: ..., en: ...}).",
        min_length=1,
    ),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Period(Model):
    start: date = Field(description="First day of the programme (YYYY-MM-DD).")
    end: date = Field(description="Last day of the programme (YYYY-MM-DD).")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class Reporting(Model):
    frequency: Literal["year", "half-year", "quarter", "month"] = Field(
        "half-year", description="How often the programme reports to parliament."
    )
    deadline: int = Field(
        90,
        ge=0,
        le=3660,
        description="Days after the end of a period that its figures are due "
        "(the reporting calendar; dates in Europe/Amsterdam).",
    )
    review: Literal["required", "none"] = Field(
        "none",
        description="required: figures count as approved only after the programme office "
        "approves their submission; reports mark the others.",
    )


class Disclosure(Model):
    min_count: int = Field(
        5,
        ge=0,
        le=1_000_000_000,
        description="Cells of a breakdown below this count are shown as '<N', never the number.",
    )


class Thresholds(Model):
    on_track: float = Field(
        0.95, gt=0, le=10, description="R (progress achieved / expected) at or above: on track."
    )
    at_risk: float = Field(
        0.60, ge=0, le=10, description="R at or above (and below on_track): at risk."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.at_risk > self.on_track:
            raise ValueError("at_risk must not be above on_track")
        return self


class Partner(Model):
    id: LowerId = Field(description="Partner id used in `owner` fields and `--partner`.")
    name: str | LocalText = Field(description="Name as shown in reports.")
    contact: str | None = Field(None, description="Optional contact (e-mail or department).")


class Codelist(Model):
    """A codelist: its label per language plus ``codes`` (code → label)."""

    label: LocalText = Field(description="Name of the codelist per language.")
    codes: dict[Annotated[str, Field(pattern=MIXED_ID)], str | LocalText] = Field(
        description="Codes and their labels (a plain string or text per language).", min_length=1
    )

    @model_validator(mode="before")
    @classmethod
    def _split_label(cls, data: Any) -> Any:
        # The YAML form is {nl: Regio, en: Region, codes: {...}}: every key but `codes` is a label.
        if isinstance(data, dict) and "label" not in data:
            label = {k: v for k, v in data.items() if k != "codes"}
            return {"label": label, "codes": data.get("codes")}
        return data


Reference = Annotated[
    LocalText,
    Field(description="A parliamentary reference per language (Kamerstuk 28638, nr. 164)."),
]
Commitment = Annotated[
    LocalText,
    Field(description="A commitment to parliament (toezegging) per language, with its source."),
]


class Milestone(Model):
    id: MixedId = Field(description="Milestone id, unique in the programme (e.g. AL1.3.a).")
    title: LocalText = Field(description="What is delivered.")
    due: date = Field(description="Due date (YYYY-MM-DD).")
    owner: LowerId | None = Field(None, description="Partner responsible; default: the action's.")


class Action(Model):
    id: MixedId = Field(description="Action id, unique in the programme (e.g. AL1.3).")
    title: LocalText = Field(description="What the action is.")
    description: LocalText | None = Field(None, description="Optional longer description.")
    owner: LowerId = Field(description="Partner responsible (the only one who may submit updates).")
    due: date = Field(description="Due date (YYYY-MM-DD).")
    milestones: list[Milestone] = Field(default_factory=list, description="Milestones on the way.")
    references: list[Reference] = Field(
        default_factory=list, description="Parliamentary papers about this action."
    )
    commitments: list[Commitment] = Field(
        default_factory=list, description="Commitments to parliament this action fulfils."
    )


class ActionLine(Model):
    id: MixedId = Field(description="Action line id (e.g. AL1).")
    title: LocalText = Field(description="Title of the action line.")
    summary: LocalText | None = Field(None, description="What the action line aims at.")
    actions: list[Action] = Field(default_factory=list, description="The action line's actions.")


class Programme(Model):
    schema_: Literal["kpitrack/1"] = Field(
        alias="schema", description="Format version of this file: kpitrack/1."
    )
    id: LowerId = Field(description="Programme id (lower case, digits, . _ -).")
    version: str = Field(
        min_length=1,
        max_length=50,
        description='Definition version, bumped on every published change (quote it: "2019.1").',
    )
    title: LocalText = Field(description="Programme title.")
    owner: str = Field(min_length=1, description="Ministry or body that owns the programme.")
    period: Period = Field(description="Programme period.")
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]] = Field(
        min_length=1,
        description="Languages of all texts; the first is the default report language.",
    )
    reporting: Reporting = Field(default_factory=Reporting, description="Reporting cycle.")
    disclosure: Disclosure = Field(default_factory=Disclosure, description="Small-cell rule.")
    status: Thresholds = Field(default_factory=Thresholds, description="Status thresholds (§5).")
    partners: list[Partner] = Field(min_length=1, description="Partners that own actions/figures.")
    codelists: dict[Annotated[str, Field(pattern=LOWER_ID)], Codelist] = Field(
        default_factory=dict, description="Codelists for breakdowns (dimension id → codelist)."
    )
    action_lines: list[ActionLine] = Field(min_length=1, description="The action lines.")
    references: list[Reference] = Field(
        default_factory=list,
        description="Parliamentary papers of the programme (shown on the report's title page).",
    )
    commitments: list[Commitment] = Field(
        default_factory=list, description="Commitments to parliament of the programme as a whole."
    )

    @field_validator("languages")
    @classmethod
    def _unique_languages(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("languages must not repeat")
        return value


class Baseline(Model):
    period: PeriodStr
    value: Figure = Field(description="Value at the end of the baseline period (nulmeting).")


class Target(Model):
    period: PeriodStr
    value: Figure = Field(description="Target value (streefwaarde) for the period.")
    set: date = Field(description="Date the target was set; a revision is a new entry.")
    reason: LocalText | None = Field(None, description="Why the target was revised.")


class Plausibility(Model):
    jump_factor: float = Field(
        3,
        gt=1,
        le=1_000_000,
        allow_inf_nan=False,
        description="A value more than this factor above or below the previous value of the "
        "same series is implausible.",
    )
    errors: bool = Field(
        False, description="true: implausible rows are errors that reject the file."
    )


Measure = Literal["count", "percentage", "ratio", "amount", "index"]
Direction = Literal["increase", "decrease", "maintain", "none"]
Aggregation = Literal["sum", "last", "mean"]


class Indicator(Model):
    id: LowerId = Field(description="Indicator id; equals the file name kpis/<id>.yaml.")
    action_line: MixedId = Field(description="Id of the action line the indicator belongs to.")
    name: LocalText = Field(description="Name of the indicator.")
    definition: LocalText = Field(description="What is counted and what not.")
    measure: Measure = Field(description="count | percentage | ratio | amount | index.")
    unit: LocalText | None = Field(None, description="Unit per language (zaken / cases).")
    direction: Direction = Field(
        description="increase | decrease | maintain | none (context figure, no judgement)."
    )
    frequency: Literal["year", "half-year", "quarter", "month"] = Field(
        description="Period of the indicator's figures."
    )
    aggregation: Aggregation = Field(
        "sum", description="How sub-periods roll up into the indicator's period: sum | last | mean."
    )
    dimensions: list[LowerId] = Field(
        default_factory=list, description="Codelists that may break the figure down."
    )
    owner: LowerId = Field(description="The only partner that may submit this indicator.")
    source: LocalText = Field(description="Where the figures come from.")
    baseline: Baseline | None = Field(
        None, description="Optional; without it the earliest observation serves as baseline."
    )
    targets: list[Target] = Field(
        default_factory=list, description="Target history; [] makes it a context figure."
    )
    caveats: LocalText | None = Field(None, description="Shown with every figure of the indicator.")
    status: Thresholds | None = Field(None, description="Overrides the programme's thresholds.")
    decimals: int | None = Field(
        None, ge=0, le=6, description="Decimals shown in reports (default by measure)."
    )
    schedule: list[PeriodStr] | None = Field(
        None,
        description="The periods a figure is expected for, when not every period of the "
        "frequency (irregular surveys); without it every period of the programme is expected.",
    )
    plausibility: Plausibility | None = Field(
        None, description="Checks of implausible rows on submission (warnings by default)."
    )
