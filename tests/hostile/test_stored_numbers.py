"""A store written by an older version: no stored value can make status or report fail.

Older versions stored ``<400 digits>.5`` as ``inf`` and accepted counts of ``1e28``; their
stores verify (the hashes are right). Reading one gives a located problem naming the
submission and the file, never an internal error, and a later correction cures it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kpitrack.measurements.commit import commit_submission
from kpitrack.measurements.rows import STORED_COLUMNS_WITHOUT_SOURCE

from .conftest import Run

AS_OF = "2020-12-31"


def store_as_older_version(ws: Path, rows: list[str], name: str = "oud.csv") -> None:
    """Commit rows exactly as given (no row checks), the way an older kpitrack stored them
    (before the ``source`` column)."""
    data = (
        ",".join(STORED_COLUMNS_WITHOUT_SOURCE) + "\n" + "".join(f"{r}\n" for r in rows)
    ).encode()
    commit_submission(
        ws / "measurements",
        partner="politie",
        kind="measurements",
        file_name=name,
        received=b"as received: " + data,
        data=data,
        rows=len(rows),
        definition_version="1.0",
    )


def assert_clean(run: Run) -> None:
    assert "Traceback" not in run.text and "internal error" not in run.text, run.text


@pytest.mark.parametrize(
    "row",
    [
        "2,zaken,2019,,inf,A,,,",
        "2,zaken,2019,,-inf,A,,,",
        "2,zaken,2019,,nan,A,,,",
        "2,zaken,2019,,1e400,A,,,",
        "2,zaken,2019,,1e28,A,,,",
        "2,zaken,2019,,10000000000000001,A,,,",
        "2,zaken,2019,,12,A,nan,20,",
        "2,zaken,2019,,12,A,1,1e300,",
        "2,zaken,2019,,twaalf,A,,,",
        "2,zaken,2019,,12,X,,,",
    ],
    ids=["inf", "-inf", "nan", "overflow", "1e28", "beyond-bound", "nan-lower", "huge-upper",
         "text", "status"],
)  # fmt: skip
def test_an_unusable_stored_value_is_a_located_error_until_corrected(
    workspace: Path, cli: Any, tmp_path: Path, row: str
) -> None:
    store_as_older_version(workspace, ["2,zaken,2018,,170,A,,,", row])
    assert cli(["verify", str(workspace)]).code == 0  # the hashes are right
    for args in (
        ["status", str(workspace), "--as-of", AS_OF, "--format", "json"],
        ["report", str(workspace), "--as-of", AS_OF, "--format", "html", "--out", str(tmp_path)],
    ):
        run = cli(args)
        assert_clean(run)
        assert run.code == 1
        assert "stored-value" in run.err
        assert "measurements/data/000001-politie.csv:3:" in run.err  # file and line
        assert "submission 1 (politie, oud.csv), row 2" in run.err
        assert "submit a correction of zaken 2019" in run.err
    validate = cli(["validate", str(workspace), "--format", "json"])
    assert_clean(validate)
    assert validate.code == 1 and "stored-value" in validate.out
    # A correction of the figure cures status and the report; the old row stays a warning.
    correction = tmp_path / "correctie.csv"
    correction.write_text("indicator,period,value\nzaken,2019,180\n", encoding="utf-8")
    submitted = cli(
        ["submit", str(correction), "--partner", "politie", "--workspace", str(workspace)]
    )
    assert submitted.code == 0, submitted.err
    status = cli(["status", str(workspace), "--as-of", AS_OF, "--format", "json"])
    assert status.code == 0, status.err
    (zaken,) = [i for i in status.json()["indicators"] if i["id"] == "zaken"]
    assert zaken["latest"] == {"period": "2019", "value": 180.0}
    validate = cli(["validate", str(workspace), "--format", "json"])
    assert validate.code == 0
    assert [w["code"] for w in validate.json()["warnings"]] == ["stored-value"]


@pytest.mark.parametrize(
    "row",
    ["2,zaken,2019", "x,zaken,2019,,1,A,,,", "2,zaken,20x9,,1,A,,,", "2,zaken,2019,region,1,A,,,"],
    ids=["short", "row-number", "period", "breakdown"],
)
def test_a_malformed_stored_row_is_left_out_with_a_warning(
    workspace: Path, cli: Any, row: str
) -> None:
    store_as_older_version(workspace, ["2,zaken,2018,,170,A,,,", row])
    status = cli(["status", str(workspace), "--as-of", AS_OF, "--format", "json"])
    assert_clean(status)
    assert status.code == 0, status.err
    validate = cli(["validate", str(workspace), "--format", "json"])
    assert [w["code"] for w in validate.json()["warnings"]] == ["stored-row-invalid"]
