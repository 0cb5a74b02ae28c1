"""Submitting again: the same bytes are refused, an older value comes back as a revision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kpitrack.cli import main
from kpitrack.intake.submit import Revision, submit_file

HEADER = "indicator,period,value,region,obs_status,lower,upper,note\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def write(workspace: Path, name: str, text: str) -> Path:
    path = workspace.parent / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(store: Path) -> dict[str, bytes]:
    return {str(p.relative_to(store)): p.read_bytes() for p in store.rglob("*") if p.is_file()}


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_byte_identical_file_is_refused_as_already_stored(
    workspace: Path, capsys: pytest.CaptureFixture[str], dry_run: bool
) -> None:
    # Stops: the same delivery counted twice (and a second copy of its bytes in the store).
    first = write(workspace, "a.csv", HEADER + "zaken,2018,180,,,,,\n")
    assert submit_file(workspace, first, "politie").accepted
    store = workspace / "measurements"
    before = snapshot(store)
    copy = write(workspace, "copy-of-a.csv", first.read_text(encoding="utf-8"))
    args = ["submit", str(copy), "--partner", "politie", "--workspace", str(workspace)]
    code, _, err = run(capsys, *args, *(["--dry-run"] if dry_run else []))
    assert code == 1
    assert f"{copy}: already-stored: already stored as submission 1 (politie, a.csv" in err
    assert snapshot(store) == before
    code, out, _ = run(capsys, *args, "--format", "json")
    payload = json.loads(out)
    assert (code, payload["accepted"], payload["seq"]) == (1, False, None)
    assert [(e["code"], e["file"]) for e in payload["errors"]] == [("already-stored", str(copy))]


def test_an_older_value_again_is_a_revision_with_old_and_new(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Stops: a silent change of a published figure — the result names what it replaces.
    first = write(workspace, "a.csv", HEADER + "zaken,2018,180,,,,,\n")
    second = write(workspace, "b.csv", HEADER + "zaken,2018,185,,,,,\nzaken,2018,90,noord,P,,,\n")
    for path in (first, second):
        assert submit_file(workspace, path, "politie").accepted
    rows = "zaken,2018,180,,,,,herzien\nzaken,2018,91,noord,,,,\nzaken,2019,7,,,,,\n"
    back = write(workspace, "c.csv", HEADER + rows)
    expected = [
        Revision("zaken", "2018", (), 185.0, "A", 2, "politie", 180.0, "A"),
        Revision("zaken", "2018", (("region", "noord"),), 90.0, "P", 2, "politie", 91.0, "A"),
    ]
    dry = submit_file(workspace, back, "politie", dry_run=True)
    assert (dry.revisions, dry.revised) == (2, expected)
    args = ["submit", str(back), "--partner", "politie", "--workspace", str(workspace)]
    code, out, _ = run(capsys, *args, "--dry-run")
    assert code == 0
    assert "  revised zaken 2018 (total): 185 (A, submission 2, politie) → 180 (A)" in out
    assert "  revised zaken 2018 (region=noord): 90 (P, submission 2, politie) → 91 (A)" in out
    code, out, _ = run(capsys, *args, "--format", "json")
    payload = json.loads(out)
    assert code == 0 and payload["seq"] == 3 and payload["revisions"] == 2
    assert payload["revised"][1] == {
        "indicator": "zaken",
        "period": "2018",
        "breakdown": {"region": "noord"},
        "old": {"value": 90.0, "obs_status": "P", "submission": 2, "partner": "politie"},
        "new": {"value": 91.0, "obs_status": "A"},
    }
