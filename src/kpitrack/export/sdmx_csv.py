"""SDMX-CSV 2.0.0 data: one row per key with its current value (sdmx-twg/sdmx-csv, v2.0.0).

Following the field guide of the specification:

- a header row is mandatory: ``STRUCTURE``, ``STRUCTURE_ID``, ``ACTION``, then the component
  ids in the order of the data structure, grouped as dimensions, measure, attributes;
- ``STRUCTURE`` is ``dataflow`` and ``STRUCTURE_ID`` names it ``AGENCY:ID(VERSION)``;
- ``ACTION`` is ``I`` (information: data disseminated for information);
- coded components hold code ids, others their value; no component is multi-valued or
  multi-lingual here, so the header is plain ``STRUCTURE`` (no ``[;]`` sub-field separator);
- comma separator, decimal point, UTF-8, RFC 4180 quoting and CRLF line ends;
- an attribute without a value is an empty field; an observation value that is intentionally
  missing (withdrawn, or withheld by the small-cell rule) is ``NaN``, SDMX's missing number,
  beside the attribute that says why (``OBS_STATUS`` ``M``, ``CONF_STATUS`` ``C`` or ``D``).
"""

from __future__ import annotations

from kpitrack.export.ids import TOTAL_CODE, sdmx_period
from kpitrack.export.observations import ExportedObservation
from kpitrack.export.sdmx_structure import CONF_OF_WITHHELD, SdmxStructure
from kpitrack.export.table import Cell, Column, FieldType, Table
from kpitrack.export.tables import PERIOD_PATTERN

STRUCTURE_TYPE = "dataflow"
ACTION = "I"
MISSING_NUMBER = "NaN"
SDMX_CSV_MEDIA_TYPE = "application/vnd.sdmx.data+csv; version=2.0.0"

_DESCRIPTIONS = {
    "INDICATOR": "Indicator (code of CL_INDICATOR; its annotation KPITRACK_ID gives the "
    "kpitrack id).",
    "TIME_PERIOD": "Period in SDMX form: 2019, 2019-S1 (half-year), 2019-Q3, 2019-05.",
    "OBS_VALUE": "The figure, decimal point; NaN when withdrawn (OBS_STATUS M) or withheld "
    "(CONF_STATUS C or D).",
    "OBS_STATUS": "Observation status: A normal, P provisional, E estimated, B break in series, "
    "M missing (withdrawn).",
    "CONF_STATUS": "Confidentiality: F published; C a count below the programme's minimum; "
    "D withheld with it so that it cannot be worked out from the total.",
    "LOWER_BOUND": "Lower bound of the uncertainty interval, if given.",
    "UPPER_BOUND": "Upper bound of the uncertainty interval, if given.",
    "COMMENT_OBS": "The partner's note. Text that a spreadsheet would read as a formula "
    "(starting with = + - @) carries a leading apostrophe.",
    "UNIT_MEASURE": "Unit of the indicator (code of CL_UNIT_MEASURE).",
    "PARTNER": "Partner that submitted the figure (code of CL_PARTNER).",
    "SUBMISSION": "Number of the submission in the store.",
    "RECEIVED": "When the submission was received (UTC).",
    "REVISED": "true when the figure revises an earlier submission's value for the same key.",
}
_TYPES: dict[str, FieldType] = {
    "Double": "number",
    "Integer": "integer",
    "DateTime": "datetime",
    "Boolean": "boolean",
}


def sdmx_table(structure: SdmxStructure, rows: list[ExportedObservation]) -> Table:
    """The SDMX-CSV message as a table: one row per current value."""
    table = Table(
        name="observations-sdmx",
        title="Current value per indicator, breakdown and period (SDMX-CSV 2.0)",
        columns=_columns(structure),
        primary_key=tuple(c.id for c in structure.components if c.role in ("dimension", "time")),
    )
    dimensions = sorted(structure.dimension_of)
    for row in rows:
        obs = row.observation
        codes = dict(obs.breakdown)
        value: Cell = MISSING_NUMBER if row.value is None else row.value
        cells: dict[str, Cell] = {
            "INDICATOR": structure.indicator_codes[obs.indicator],
            **{
                structure.dimension_of[dim]: structure.codes_of[dim][codes[dim]]
                if dim in codes
                else TOTAL_CODE
                for dim in dimensions
            },
            "TIME_PERIOD": sdmx_period(obs.period),
            "OBS_VALUE": value,
            "OBS_STATUS": obs.obs_status,
            "CONF_STATUS": CONF_OF_WITHHELD[row.withheld],
            "LOWER_BOUND": row.lower,
            "UPPER_BOUND": row.upper,
            "COMMENT_OBS": row.note or None,
            "UNIT_MEASURE": structure.unit_of.get(obs.indicator),
            "PARTNER": structure.partner_codes[obs.provenance.partner],
            "SUBMISSION": obs.provenance.submission,
            "RECEIVED": obs.provenance.received,
            "REVISED": obs.revised,
        }
        table.rows.append(
            (
                STRUCTURE_TYPE,
                structure.structure_id,
                ACTION,
                *(cells[c.id] for c in structure.components),
            )
        )
    return table


def _columns(structure: SdmxStructure) -> tuple[Column, ...]:
    fixed = (
        Column(
            "STRUCTURE",
            "string",
            "Type of the structure the row is defined by (SDMX-CSV 2.0).",
            True,
            (STRUCTURE_TYPE,),
        ),
        Column(
            "STRUCTURE_ID",
            "string",
            "The dataflow as AGENCY:ID(VERSION); its definition is in the SDMX-ML structure file.",
            True,
            (structure.structure_id,),
        ),
        Column("ACTION", "string", "I: data for information.", True, (ACTION,)),
    )
    codelists = {cl.id: cl for cl in structure.codelists}
    components: list[Column] = []
    for component in structure.components:
        description = _DESCRIPTIONS.get(component.id) or (
            f"Breakdown: {component.names[structure.languages[0]]} "
            f"(code of {component.codelist}; {TOTAL_CODE} is the total)."
        )
        key = component.role in ("dimension", "time")
        if component.codelist is not None:
            codes = tuple(code.id for code in codelists[component.codelist].codes)
            components.append(
                Column(component.id, "string", description, key or component.mandatory, codes)
            )
        elif component.role == "time":
            pattern = PERIOD_PATTERN.replace("H[12]", "S[12]")
            components.append(Column(component.id, "string", description, True, pattern=pattern))
        else:
            kind = _TYPES.get(component.text_type or "", "string")
            components.append(Column(component.id, kind, description, component.mandatory))
    return (*fixed, *components)
