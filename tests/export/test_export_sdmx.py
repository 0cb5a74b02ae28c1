"""SDMX-CSV 2.0 export: the rules of the specification, checked one by one, and a read back
with its SDMX-ML structure by a maintained SDMX library (sdmx1)."""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import date
from pathlib import Path

import pytest
import sdmx

from kpitrack.export.build import write_export
from kpitrack.progress.disclosure import applies, withheld_in_history
from kpitrack.workspace import load_workspace

AS_OF = date(2022, 12, 31)
# SDMX-ML 2.1 id types (SDMXCommon.xsd): codes are IDType, agencies NestedNCNameIDType.
CODE = re.compile(r"^[A-Za-z0-9_@$\-]+$")
AGENCY = r"[A-Za-z][A-Za-z0-9_\-]*(\.[A-Za-z][A-Za-z0-9_\-]*)*"
STRUCTURE_ID = re.compile(
    rf"^(?P<agency>{AGENCY}):(?P<id>[A-Za-z0-9_@$\-]+)\((?P<v>[0-9]+(\.[0-9]+)*)\)$"
)
# SDMX time periods: gYear, gYearMonth, and reporting periods (semester, quarter).
TIME_PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]|S[12]|Q[1-4]))?$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][+-]?\d+)?$")


@pytest.fixture(scope="module", params=["small", "example"])
def exported(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, Path]:
    """(workspace, SDMX-CSV file, structure file) of each test workspace."""
    workspace = request.getfixturevalue(f"{request.param}_workspace")
    out = tmp_path_factory.mktemp("sdmx") / "figures.csv"
    paths = write_export(workspace, format="sdmx-csv", out=out, as_of=AS_OF)
    assert paths == [out, out.with_name("figures.structure.xml"), out.with_name("datapackage.json")]
    return workspace, out, paths[1]


def records(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def test_rfc_4180_utf8_crlf_and_a_rectangular_table(exported: tuple[Path, Path, Path]) -> None:
    _, data, _ = exported
    raw = data.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "the header must start with STRUCTURE, no BOM"
    raw.decode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    rows = records(data)
    assert len(rows) > 1 and len({len(row) for row in rows}) == 1


def test_header_row_as_the_specification_fixes_it(exported: tuple[Path, Path, Path]) -> None:
    _, data, structure_file = exported
    header = records(data)[0]
    # No multi-valued or multi-lingual component: STRUCTURE without a sub-field separator.
    assert header[:3] == ["STRUCTURE", "STRUCTURE_ID", "ACTION"]
    assert not any("[" in name or ":" in name for name in header)
    assert len(set(header)) == len(header)
    dsd = sdmx.read_sdmx(structure_file).dataflow["DF_INDICATORS"].structure
    dimensions = [d.id for d in dsd.dimensions]
    measures = [m.id for m in dsd.measures]
    attributes = [a.id for a in dsd.attributes]
    # Components in the order of the data structure: dimensions, measures, attributes.
    assert header[3:] == dimensions + measures + attributes
    assert dimensions[0] == "INDICATOR" and dimensions[-1] == "TIME_PERIOD"
    assert measures == ["OBS_VALUE"] and attributes[:2] == ["OBS_STATUS", "CONF_STATUS"]


def test_each_row_names_its_dataflow_action_codes_and_a_decimal_point(
    exported: tuple[Path, Path, Path],
) -> None:
    _, data, structure_file = exported
    message = sdmx.read_sdmx(structure_file)
    flow = message.dataflow["DF_INDICATORS"]
    dsd = flow.structure
    header, *rows = records(data)
    for row in rows:
        cell = dict(zip(header, row, strict=True))
        assert cell["STRUCTURE"] == "dataflow"
        match = STRUCTURE_ID.match(cell["STRUCTURE_ID"])
        assert match, cell["STRUCTURE_ID"]
        assert (match["agency"], match["id"], match["v"]) == (
            flow.maintainer.id,
            flow.id,
            flow.version,
        )
        assert cell["ACTION"] == "I"
        for component in [*dsd.dimensions, *dsd.attributes]:
            representation = component.local_representation
            value = cell[component.id]
            if representation is not None and representation.enumerated is not None:
                codes = representation.enumerated
                assert value == "" or value in codes, (component.id, value)
                assert value == "" or CODE.match(value)
        assert TIME_PERIOD.match(cell["TIME_PERIOD"])
        assert cell["OBS_VALUE"] == "NaN" or NUMBER.match(cell["OBS_VALUE"]), cell["OBS_VALUE"]
        for bound in ("LOWER_BOUND", "UPPER_BOUND"):
            assert cell[bound] == "" or NUMBER.match(cell[bound])
        assert cell["OBS_STATUS"] and cell["CONF_STATUS"] and cell["PARTNER"]


def test_one_row_per_key_with_the_current_value(exported: tuple[Path, Path, Path]) -> None:
    workspace, data, _ = exported
    header, *rows = records(data)
    key_columns = header[3 : header.index("OBS_VALUE")]
    keys = [tuple(row[header.index(c)] for c in key_columns) for row in rows]
    assert len(keys) == len(set(keys))
    assert len(rows) == len(expected_current(workspace))


def test_sdmx1_reads_back_the_current_values(exported: tuple[Path, Path, Path]) -> None:
    workspace, data, structure_file = exported
    flow = sdmx.read_sdmx(structure_file).dataflow["DF_INDICATORS"]
    message = sdmx.read_sdmx(data, structure=flow)
    assert len(message.data) == 1 and message.data[0].action.name == "information"
    read = {}
    for observation in message.data[0].obs:
        key = observation.dimension
        indicator = code_annotation(flow, "INDICATOR", key["INDICATOR"].value)
        region = key.values.get("REGION")
        breakdown = region.value if region is not None else "_T"
        read[(indicator, key["TIME_PERIOD"].value, breakdown)] = float(observation.value)
    expected = expected_current(workspace)
    assert read.keys() == expected.keys()
    for key, value in expected.items():
        assert (math.isnan(value) and math.isnan(read[key])) or read[key] == value, key


def test_structure_holds_every_code_with_its_kpitrack_id(exported: tuple[Path, Path, Path]) -> None:
    workspace, _, structure_file = exported
    ws = load_workspace(workspace)
    message = sdmx.read_sdmx(structure_file)
    indicators = message.codelist["CL_INDICATOR"]
    mapped = {code_id(c): c.id for c in indicators}
    assert set(mapped) == set(ws.indicators)
    assert all(CODE.match(code) for code in mapped.values())
    assert {c.id for c in message.codelist["CL_OBS_STATUS"]} == {"A", "P", "E", "B", "M"}
    assert {c.id for c in message.codelist["CL_CONF_STATUS"]} == {"F", "C", "D"}
    for lang in ws.languages:
        first = sorted(ws.indicators)[0]
        assert indicators[mapped[first]].name.localizations[lang] == ws.indicators[first].name[lang]


def test_the_small_workspace_in_sdmx_ids_withheld_and_missing(
    small_workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "proef.csv"
    write_export(small_workspace, format="sdmx-csv", out=out, as_of=AS_OF)
    header, *rows = records(out)
    cells = {
        (r[header.index("INDICATOR")], r[header.index("REGION")], r[header.index("TIME_PERIOD")]): r
        for r in rows
    }

    def get(key: tuple[str, str, str], column: str) -> str:
        return cells[key][header.index(column)]

    # Ids with a dot, and the half-year as SDMX's semester.
    assert get(("aandeel_gemeenten", "_T", "2019-S1"), "OBS_VALUE") == "43.5"
    assert get(("zaken", "zuid_holland", "2022"), "OBS_VALUE") == "900"
    # Withheld: the small cell (C) and the cell withheld with it (D), never their number.
    assert [get(("zaken", "noord", "2022"), c) for c in ("OBS_VALUE", "CONF_STATUS")] == [
        "NaN",
        "C",
    ]
    assert [get(("zaken", "west", "2022"), c) for c in ("OBS_VALUE", "CONF_STATUS")] == ["NaN", "D"]
    # Revised from a small count: withheld still, and so is the cell that would give it away.
    assert get(("zaken", "noord", "2021"), "CONF_STATUS") == "C"
    assert get(("zaken", "west", "2021"), "CONF_STATUS") == "D"
    assert get(("zaken", "_T", "2021"), "OBS_VALUE") == "280"
    # Withdrawn: missing on purpose, with its status.
    assert [get(("meldingen", "_T", "2020"), c) for c in ("OBS_VALUE", "OBS_STATUS")] == [
        "NaN",
        "M",
    ]
    # Percentages are never withheld.
    assert get(("aandeel_gemeenten", "noord", "2019-S1"), "OBS_VALUE") == "2"


def expected_current(workspace: Path) -> dict[tuple[str, str, str], float]:
    """The newest value per key, NaN when withdrawn or withheld, read from the store."""
    ws = load_workspace(workspace)
    min_count = ws.programme.disclosure.min_count
    newest = {}
    for obs in sorted(ws.observations(), key=lambda o: o.provenance.submission):
        if int(obs.period[:4]) <= AS_OF.year:
            newest[obs.key] = obs
    counted = [
        o for o in ws.observations() if applies(ws.indicators[o.indicator].measure, min_count)
    ]
    withheld = withheld_in_history(counted, min_count)
    expected = {}
    for key, obs in newest.items():
        indicator, period, breakdown = key
        code = dict(breakdown).get("region", "_T").replace(".", "_")
        sdmx_period = period.replace("-H", "-S")
        value = math.nan if obs.value is None or key in withheld else obs.value
        expected[(indicator, sdmx_period, code)] = value
    return expected


def code_id(code: object) -> str:
    """The kpitrack id in a code's KPITRACK_ID annotation."""
    annotation = next(a for a in code.annotations if a.type == "KPITRACK_ID")  # type: ignore[attr-defined]
    return str(annotation.title)


def code_annotation(flow: object, dimension: str, value: str) -> str:
    component = flow.structure.dimensions.get(dimension)  # type: ignore[attr-defined]
    return code_id(component.local_representation.enumerated[value])
