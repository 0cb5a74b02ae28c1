"""The small workspace with figures that name their own source and files accepted with warnings,
submitted through the real intake: shared by the HTML and the Word report tests.

- zaken (politie): 2018 from "Politie, jaarverslag 2018", 2019 and 2020 from one CBS table
  (one letter for both), 2021 and 2022 without a source of their own. File a.csv holds two
  breakdowns that do not add up to their totals (2 warnings), b.csv one (1 warning), c.csv
  (2022 only) one more (1 warning).
- aandeel (politie): a figure without a source column (its table has no source column).
- meldingen (ngo): 2019 with a hostile source (a bidi override hiding a spreadsheet formula,
  and script), no warning; 2020 ten times 2019 (a jump: 1 warning).
"""

from __future__ import annotations

from pathlib import Path

from kpitrack.intake.submit import submit_file
from small_workspace import write_small_workspace

FIRST = "Politie, jaarverslag 2018"
CBS = "CBS StatLine, tabel 84 (2020)"
HOSTILE = '\u202e=HYPERLINK("http://x","klik") <script>window.__pwned=1</script>'
"""A partner's source: a right-to-left override before a formula, then script."""
SHOWN_HOSTILE = HOSTILE.removeprefix("\u202e")
"""The hostile source as a report shows it: the override gone, the rest as text."""

_HEADER = "indicator,period,value,region,bron\n"
_FILES = (
    (
        "politie",
        "a.csv",
        _HEADER + f'zaken,2018,180,,"{FIRST}"\nzaken,2018,100,noord,\nzaken,2018,70,zuid,\n'
        f'zaken,2019,200,,"{CBS}"\nzaken,2019,100,noord,\nzaken,2019,90,zuid,\n',
    ),
    (
        "politie",
        "b.csv",
        _HEADER + f'zaken,2020,210,,"{CBS}"\nzaken,2020,100,noord,\nzaken,2020,100,zuid,\n'
        "zaken,2021,220,,\n",
    ),
    ("politie", "c.csv", _HEADER + "zaken,2022,230,,\nzaken,2022,1,noord,\nzaken,2022,1,zuid,\n"),
    ("politie", "d.csv", "indicator,period,value\naandeel,2019-H1,43\n"),
    (
        "ngo",
        "e.csv",
        "indicator,period,value,source\nmeldingen,2019,40,"
        + '"'
        + HOSTILE.replace('"', '""')
        + '"\n',
    ),
    ("ngo", "f.csv", "indicator,period,value\nmeldingen,2020,400\n"),
)
WARNINGS = {"a.csv": 2, "b.csv": 1, "c.csv": 1, "d.csv": 0, "e.csv": 0, "f.csv": 1}
"""The warnings each file is accepted with (the tests check the intake agrees)."""


def write_sourced_workspace(root: Path) -> Path:
    """The small workspace at ``root`` with the files above submitted in order."""
    write_small_workspace(root)
    for partner, name, text in _FILES:
        path = root.parent / name
        path.write_text(text, encoding="utf-8")
        result = submit_file(root, path, partner)
        assert result.accepted, [p.format() for p in result.errors]
        assert result.total_warnings == WARNINGS[name], [p.format() for p in result.warnings]
    return root
