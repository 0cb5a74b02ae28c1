"""kpitrack ids become legal SDMX ids, one to one; periods become SDMX time periods."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kpitrack.export.ids import (
    CODE_ID,
    NCNAME_ID,
    RESERVED,
    agency_id,
    code_ids,
    component_ids,
    sdmx_period,
    structure_version,
    unit_code,
)

KPITRACK_ID = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,12}", fullmatch=True)


def test_dots_become_underscores_and_other_ids_stay() -> None:
    assert code_ids(["zaken-naar-om", "AL1.3", "aandeel.gemeenten"]) == {
        "zaken-naar-om": "zaken-naar-om",
        "AL1.3": "AL1_3",
        "aandeel.gemeenten": "aandeel_gemeenten",
    }


def test_two_ids_that_meet_stay_apart() -> None:
    assert code_ids(["a.b", "a_b", "a.b_2"]) == {"a_b": "a_b", "a.b": "a_b_2", "a.b_2": "a_b_2_2"}


@given(st.lists(KPITRACK_ID, max_size=12))
def test_code_ids_are_legal_and_one_to_one(ids: list[str]) -> None:
    mapping = code_ids(ids)
    assert set(mapping) == set(ids)
    assert len(set(mapping.values())) == len(mapping)
    assert all(CODE_ID.match(code) for code in mapping.values())


@given(st.lists(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,12}", fullmatch=True), max_size=8))
def test_component_ids_are_names_unique_and_never_reserved(ids: list[str]) -> None:
    mapping = component_ids(ids)
    values = list(mapping.values())
    assert len(set(values)) == len(values)
    assert all(NCNAME_ID.match(v) and v not in RESERVED for v in values)


def test_component_ids_read_as_sdmx_names() -> None:
    assert component_ids(["region", "age.group", "2024-cohort", "indicator"]) == {
        "region": "REGION",
        "age.group": "AGE_GROUP",
        "2024-cohort": "DIM_2024_COHORT",
        "indicator": "DIM_INDICATOR",
    }


def test_periods_agency_version_and_units() -> None:
    assert [sdmx_period(p) for p in ("2019", "2019-H1", "2019-H2", "2019-Q3", "2019-05")] == [
        "2019",
        "2019-S1",
        "2019-S2",
        "2019-Q3",
        "2019-05",
    ]
    assert agency_id("samen-tegen-mensenhandel") == "SAMEN_TEGEN_MENSENHANDEL"
    assert agency_id("2025.plan") == "P_2025_PLAN"
    assert structure_version("2019.1") == "2019.1"
    assert structure_version("v2-beta") == "1.0"
    assert unit_code("% van de gemeenten") == "PCT_VAN_DE_GEMEENTEN"
    assert unit_code("regio's") == "REGIO_S"
    assert unit_code("coördinatoren") == "COORDINATOREN"
    assert re.fullmatch(r"[A-Z0-9_]+", unit_code("€ miljoen")) and unit_code("€") == "UNIT"
