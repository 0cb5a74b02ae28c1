"""A source per figure (``source``/``bron``): stored, read back on the observation and on the
series point reports and exports use, and stores written before the column still read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kpitrack.intake.submit import submit_file
from kpitrack.measurements.commit import commit_submission
from kpitrack.measurements.rows import STORED_COLUMNS, STORED_COLUMNS_WITHOUT_SOURCE
from kpitrack.measurements.verify import verify_store
from kpitrack.progress.engine import compute_progress
from kpitrack.workspace import load_workspace


def submit(workspace: Path, text: str, name: str = "in.csv") -> None:
    path = workspace.parent / name
    path.write_text(text, encoding="utf-8")
    result = submit_file(workspace, path, "politie")
    assert result.accepted, [p.format() for p in result.errors]


def test_a_source_is_kept_with_each_figure(workspace: Path) -> None:
    submit(
        workspace,
        "indicator,period,value,region,source\n"
        "zaken,2019,170,,Jaarverslag politie 2019\n"
        "zaken,2019,90,noord,\n"
        "zaken,2020,180,,=Jaarverslag 2020\n",
    )
    observations = load_workspace(workspace).observations()
    assert [(o.period, o.breakdown, o.source) for o in observations] == [
        ("2019", (), "Jaarverslag politie 2019"),
        ("2019", (("region", "noord"),), ""),
        ("2020", (), "=Jaarverslag 2020"),  # stored escaped, read back as given
    ]
    stored = next((workspace / "measurements" / "data").glob("*.csv")).read_text("utf-8")
    assert stored.splitlines()[0] == ",".join(STORED_COLUMNS)
    assert stored.splitlines()[3].endswith(",'=Jaarverslag 2020")
    progress = compute_progress(load_workspace(workspace), date(2021, 6, 30))
    zaken = next(i for i in progress.indicators if i.id == "zaken")
    assert [(p.period, p.source) for p in zaken.series] == [
        ("2019", "Jaarverslag politie 2019"),
        ("2020", "=Jaarverslag 2020"),
    ]


def test_a_revision_carries_its_own_source(workspace: Path) -> None:
    submit(workspace, "indicator,period,value,bron\nzaken,2019,170,Jaarverslag 2019\n")
    submit(workspace, "indicator,period,value\nzaken,2019,172\n", "correctie.csv")
    progress = compute_progress(load_workspace(workspace), date(2020, 6, 30))
    zaken = next(i for i in progress.indicators if i.id == "zaken")
    assert [(p.value, p.source) for p in zaken.series] == [(172, "")]


def test_a_total_summed_from_its_cells_lists_their_sources_once(workspace: Path) -> None:
    submit(
        workspace,
        "indicator,period,value,region,bron\n"
        "zaken,2019,60,noord,Regio Noord\n"
        "zaken,2019,40,zuid,Regio Zuid\n"
        "zaken,2020,70,noord,Monitor\n"
        "zaken,2020,30,zuid,Monitor\n",
    )
    progress = compute_progress(load_workspace(workspace), date(2021, 6, 30))
    zaken = next(i for i in progress.indicators if i.id == "zaken")
    assert [(p.value, p.source) for p in zaken.series] == [
        (100, "Regio Noord; Regio Zuid"),
        (100, "Monitor"),
    ]


def test_a_store_written_before_the_source_column_still_reads(workspace: Path) -> None:
    data = (",".join(STORED_COLUMNS_WITHOUT_SOURCE) + "\n2,zaken,2019,,170,A,,,\n").encode()
    commit_submission(
        workspace / "measurements",
        partner="politie",
        kind="measurements",
        file_name="oud.csv",
        received=b"oud",
        data=data,
        rows=1,
        definition_version="1.0",
    )
    submit(workspace, "indicator,period,value,source\nzaken,2020,180,Jaarverslag 2020\n")
    observations = load_workspace(workspace).observations()
    assert [(o.value, o.source) for o in observations] == [(170, ""), (180, "Jaarverslag 2020")]
    assert verify_store(workspace).errors == []


def test_a_source_beyond_500_characters_is_refused_at_its_cell(workspace: Path) -> None:
    path = workspace.parent / "lang.csv"
    path.write_text(f"indicator,period,value,bron\nzaken,2019,170,{'x' * 501}\n", encoding="utf-8")
    result = submit_file(workspace, path, "politie")
    assert [(p.code, p.line, p.column, p.path) for p in result.errors] == [
        ("source-too-long", 2, 4, "bron")
    ]
    assert "at most 500" in result.errors[0].message
