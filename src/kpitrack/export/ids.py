"""kpitrack ids and periods as SDMX expects them (documented in docs/export.md).

SDMX codes are ``IDType`` (``[A-Za-z0-9_@$-]+``); component, concept, codelist, structure and
agency ids of SDMX-ML 2.1 are ``NCNameIDType`` (``[A-Za-z][A-Za-z0-9_-]*``). kpitrack ids may
hold ``.``, and programme and codelist ids may start with a digit, so:

- a code keeps its id with every ``.`` written ``_`` (``AL1.3`` → ``AL1_3``); when two ids then
  meet, the later one in sorted order gets ``_2``, ``_3``, …;
- a component id is the id in upper case with ``.`` and ``-`` written ``_`` (``region`` →
  ``REGION``), prefixed ``DIM_`` when it starts with a digit or is a name SDMX-CSV or this
  structure already uses (``INDICATOR``, ``TIME_PERIOD``, ``ACTION``, …);
- periods: ``2019`` and ``2019-Q3`` and ``2019-05`` stay as they are, the half-year ``2019-H1``
  is SDMX's semester ``2019-S1``.

Every code carries its kpitrack id in an annotation (type ``KPITRACK_ID``), so the mapping can
always be read back from the structure file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

CODE_ID = re.compile(r"^[A-Za-z0-9_@$\-]+$")
NCNAME_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
VERSION = re.compile(r"^[0-9]+(\.[0-9]+)*$")

# Column names of SDMX-CSV and the components this structure always has: a dimension taken
# from a programme codelist must not take one of them.
RESERVED = frozenset(
    {
        "STRUCTURE",
        "STRUCTURE_ID",
        "STRUCTURE_NAME",
        "ACTION",
        "SERIES_KEY",
        "OBS_KEY",
        "INDICATOR",
        "TIME_PERIOD",
        "OBS_VALUE",
        "OBS_STATUS",
        "CONF_STATUS",
        "LOWER_BOUND",
        "UPPER_BOUND",
        "COMMENT_OBS",
        "UNIT_MEASURE",
        "PARTNER",
        "SUBMISSION",
        "RECEIVED",
        "REVISED",
    }
)
TOTAL_CODE = "_T"
"""SDMX's code for a total; kpitrack codes start with a letter or digit, so never this one."""


def code_ids(ids: Iterable[str]) -> dict[str, str]:
    """kpitrack ids → SDMX code ids, one to one: ``.`` becomes ``_``; clashes get ``_2``…"""
    ordered = sorted(set(ids))
    taken = {i for i in ordered if "." not in i}
    mapping = {i: i for i in taken}
    for original in ordered:
        if original in mapping:
            continue
        base = original.replace(".", "_")
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}_{n}", n + 1
        taken.add(candidate)
        mapping[original] = candidate
    return mapping


def component_ids(ids: Iterable[str]) -> dict[str, str]:
    """Codelist ids of the programme → dimension ids (upper case, never a reserved name)."""
    taken = set(RESERVED)
    mapping: dict[str, str] = {}
    for original in sorted(set(ids)):
        base = re.sub(r"[^A-Za-z0-9_]", "_", original).upper()
        if not NCNAME_ID.match(base) or base in RESERVED:
            base = f"DIM_{base}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}_{n}", n + 1
        taken.add(candidate)
        mapping[original] = candidate
    return mapping


def agency_id(programme_id: str) -> str:
    """The maintenance agency of the exported structures: the programme, as an SDMX name."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", programme_id).upper()
    return name if NCNAME_ID.match(name) else f"P_{name}"


def structure_version(version: str) -> str:
    """The programme's definition version when SDMX takes it (``2019.1``), else ``1.0``."""
    return version if VERSION.match(version) else "1.0"


def sdmx_period(period: str) -> str:
    """A kpitrack period as an SDMX time period: only the half-year changes (H → S)."""
    if len(period) == 7 and period[5] == "H":
        return f"{period[:4]}-S{period[6]}"
    return period


def unit_code(text: str) -> str:
    """A code for a unit from its text: ``% van de gemeenten`` → ``PCT_VAN_DE_GEMEENTEN``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^A-Za-z0-9]+", "_", ascii_text.replace("%", " PCT ")).strip("_")
    return words.upper() or "UNIT"
