"""A kept StoreReader (the portal's) gives what a whole read gives, reading only what is new."""

from __future__ import annotations

from pathlib import Path

from kpitrack.definitions.load import read_definitions
from kpitrack.intake.review import review_submission
from kpitrack.measurements.store import StoreReader, read_store
from store_helpers import submit


def whole(workspace: Path):  # type: ignore[no-untyped-def]
    definitions = read_definitions(workspace)
    return read_store(workspace, definitions.programme, definitions.indicators)


def test_reading_again_equals_a_whole_read_as_the_ledger_grows(workspace: Path) -> None:
    definitions = read_definitions(workspace)
    reader = StoreReader(workspace, definitions.programme, definitions.indicators)
    assert reader.read() == whole(workspace)
    submit(workspace, "zaken,2019,180,,,,,\nzaken,2019,80,noord,,,,\n", "a.csv")
    first = reader.read()
    assert first == whole(workspace) and len(first.observations) == 2
    second = submit(workspace, "zaken,2019,181,,,,,\nzaken,2020,190,,,,,\n", "b.csv")
    again = reader.read()
    assert again == whole(workspace)
    revised = [o for o in again.observations if o.revised]
    assert [(o.revised_from, o.value) for o in revised] == [(180, 181)]
    assert len(first.observations) == 2  # what was handed out earlier does not change
    # A decision may change which earlier figures count: the whole store is read again.
    review_submission(workspace, second, "return", "p-office", "klopt niet")
    assert reader.read() == whole(workspace)
    assert [o.value for o in reader.read().observations] == [180, 80]
    submit(workspace, "zaken,2019,182,,,,,\n", "c.csv")
    assert reader.read() == whole(workspace)


def test_a_damaged_store_is_read_whole_until_it_is_repaired(workspace: Path) -> None:
    definitions = read_definitions(workspace)
    reader = StoreReader(workspace, definitions.programme, definitions.indicators)
    submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    data = next((workspace / "measurements" / "data").iterdir())
    good = data.read_bytes()
    data.write_bytes(good.replace(b"180", b"999"))
    assert [p.code for p in reader.read().problems] == ["store-hash"]
    data.write_bytes(good)
    repaired = reader.read()
    assert repaired == whole(workspace) and repaired.problems == []
    assert [o.value for o in repaired.observations] == [180]
