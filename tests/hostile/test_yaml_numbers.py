"""Numbers in definitions stay within the bound of kpitrack.core.numbers, with located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpitrack.cli.problems import validation_summary
from kpitrack.workspace import check_workspace, load_workspace

ZAKEN = "kpis/zaken.yaml"
TARGET = '- {period: "2022", value: '
BASELINE = 'baseline: {period: "2017", value: '


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        (TARGET + "240", TARGET + "10000000000000000000000000000", "targets[0].value"),
        (BASELINE + "160}", BASELINE + "1000000000000001}", "baseline.value"),
        (BASELINE + "160}", BASELINE + "-10000000000000000}", "baseline.value"),
    ],
)  # fmt: skip
def test_a_figure_beyond_the_bound_is_a_located_error(
    workspace: Path, old: str, new: str, path: str
) -> None:
    file = workspace / ZAKEN
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")
    check = check_workspace(workspace)
    found = [p for p in check.errors if p.path == path]
    assert found, [p.format() for p in check.errors]
    assert found[0].file is not None and found[0].file.endswith(ZAKEN) and found[0].line
    assert "10^15" in found[0].message
    assert not check.valid and "error" in validation_summary(check)


def test_the_bound_itself_is_accepted(workspace: Path) -> None:
    file = workspace / ZAKEN
    text = file.read_text(encoding="utf-8").replace(
        'baseline: {period: "2017", value: 160}',
        'baseline: {period: "2017", value: 1000000000000000}',
    )
    file.write_text(text, encoding="utf-8")
    assert load_workspace(workspace).indicators["zaken"].baseline is not None


def test_a_huge_disclosure_threshold_is_refused(workspace: Path) -> None:
    file = workspace / "programme" / "programme.yaml"
    text = file.read_text(encoding="utf-8").replace(
        "languages: [nl, en]\n",
        "languages: [nl, en]\ndisclosure: {min_count: 100000000000000000000}\n",
    )
    file.write_text(text, encoding="utf-8")
    check = check_workspace(workspace)
    assert [p.path for p in check.errors] == ["disclosure.min_count"]
