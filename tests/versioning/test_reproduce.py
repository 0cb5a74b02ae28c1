"""Reproducible reports: what publishing records, --received-by, --reproduce, the preparation
date, and --previous listing what the default comparison lists."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest

from kpitrack.intake.submit import submit_file
from kpitrack.versioning.changes import changes_since, find_previous
from kpitrack.versioning.published import read_published
from kpitrack.workspace import load_workspace

from .conftest import History, commit_all, git

pytestmark = pytest.mark.skipif(__import__("shutil").which("git") is None, reason="needs git")


def _submit(root: Path, tmp_path: Path, partner: str, header: str, rows: str) -> None:
    file = tmp_path / f"{partner}-{len(list(tmp_path.glob('*.csv')))}.csv"
    file.write_text(f"{header}\n{rows}", encoding="utf-8")
    result = submit_file(root, file, partner)
    assert result.accepted, [p.format() for p in result.errors]


def _report(cli, root: Path, out: Path, *args: str, as_of: str = "2019-12-31"):
    result = cli(
        "report", str(root), "--as-of", as_of, "--lang", "nl", "--format", "html",
        "--out", str(out), *args,
    )  # fmt: skip
    return result


def _page(out: Path, as_of: str = "2019-12-31") -> str:
    return (out / f"proef_{as_of}_nl.html").read_text(encoding="utf-8")


@pytest.fixture
def published(history: History, tmp_path: Path, cli, monkeypatch) -> History:
    """v1 on a branch, figures for 2019 received 2020-01-15, the report of 2019-12-31 published
    (at 2020-02-01); then more figures and a lowered target, committed."""
    root = history.root
    git(root, "checkout", "-q", "-b", "rapportage", history.commits["v1"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1579082400")  # 2020-01-15 10:00 UTC
    _submit(root, tmp_path, "politie", "indicator,period,value", "zaken,2019,170\n")
    _submit(root, tmp_path, "politie", "action,date,status,note", "AL1.1,2019-11-01,in_progress,\n")
    commit_all(root, "Figures 2019")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1580551200")  # 2020-02-01
    result = _report(cli, root, tmp_path / "published", "--publish")
    assert result.code == 0, result.err
    commit_all(root, "Published report 2019-12-31")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1601546400")  # 2020-10-01
    git(root, "checkout", "-q", history.commits["target"], "--", "programme", "kpis")
    _submit(root, tmp_path, "politie", "indicator,period,value", "zaken,2019,175\nzaken,2020,185\n")
    commit_all(root, "Lower the target; figures 2020")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    return history


def test_publish_records_each_figure_and_state_as_shown(published: History) -> None:
    (entry,) = read_published(published.root)[0]
    assert entry.prepared == "2020-02-01"
    assert [(f.id, f.status, f.period, f.value) for f in entry.indicators or ()] == [
        ("zaken", "off_track", "2019", 170.0)
    ]
    assert entry.indicators[0].ratio == pytest.approx(1 / 3, abs=0.001)
    assert {a.id: a.state for a in entry.actions or ()} == {
        "AL1.1": "in_progress",
        "AL1.1.a": "not_reported",
        "AL1.2": "planned",
    }


def test_reproduce_rebuilds_the_published_html_byte_for_byte(
    published: History, tmp_path: Path, cli
) -> None:
    root = published.root
    original = (tmp_path / "published" / "proef_2019-12-31_nl.html").read_bytes()
    # Today's report of the same date differs: it sees the revised 2019 figure and the new
    # target, and is a draft.
    assert _report(cli, root, tmp_path / "now").code == 0
    now = (tmp_path / "now" / "proef_2019-12-31_nl.html").read_bytes()
    assert now != original
    result = _report(cli, root, tmp_path / "again", "--reproduce")
    assert result.code == 0, result.err
    assert (tmp_path / "again" / "proef_2019-12-31_nl.html").read_bytes() == original
    # Nothing was recorded, and the work tree was not touched.
    assert len(read_published(root)[0]) == 1
    assert git(root, "status", "--porcelain") == ""


def test_reproduce_without_a_published_report_says_which_there_are(
    published: History, tmp_path: Path, cli
) -> None:
    result = _report(cli, published.root, tmp_path / "o", "--reproduce", as_of="2020-06-30")
    assert result.code == 1
    assert (
        "no report as of 2020-06-30 in nl was published; published are: 2019-12-31 (nl)"
        in result.err
    )
    both = _report(cli, published.root, tmp_path / "o", "--reproduce", "--publish")
    assert both.code == 2 and "--reproduce" in both.err


def test_received_by_uses_only_what_had_arrived(published: History, tmp_path: Path, cli) -> None:
    root = published.root
    # The 2019 figure was revised on 2020-10-01: by 2020-06-30 only the first one had arrived.
    result = _report(cli, root, tmp_path / "o", "--received-by", "2020-06-30", as_of="2020-12-31")
    assert result.code == 0, result.err
    page = html.unescape(_page(tmp_path / "o", "2020-12-31"))
    assert "Cijfers ontvangen tot en met</dt><dd>30 juni 2020" in page
    values = page[page.index("Waarden van Zaken naar het OM") :]
    values = values[: values.index("</table>")]
    assert "170" in values and "175" not in values and "185" not in values
    full = _report(cli, root, tmp_path / "f", as_of="2020-12-31")
    assert full.code == 0
    page = html.unescape(_page(tmp_path / "f", "2020-12-31"))
    assert "Cijfers ontvangen tot en met</dt><dd>1 oktober 2020" in page


def test_the_preparation_date_comes_from_the_data_never_the_as_of_date(
    published: History, tmp_path: Path, cli, monkeypatch
) -> None:
    root = published.root
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _report(cli, root, tmp_path / "o").code == 0
    page = html.unescape(_page(tmp_path / "o"))
    # The later of the last store entry (1 October 2020) and the commit (made today).
    committed = git(root, "log", "-1", "--format=%cs")
    shown = max(committed, "2020-10-01")
    from kpitrack.i18n import format_date

    assert f"Opgesteld op</dt><dd>{format_date(date.fromisoformat(shown), 'nl')}" in page
    assert "Opgesteld op</dt><dd>31 december 2019" not in page
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609495200")  # 2021-01-01 10:00 UTC
    assert _report(cli, root, tmp_path / "e").code == 0
    assert "Opgesteld op</dt><dd>1 januari 2021" in html.unescape(_page(tmp_path / "e"))


def test_a_later_report_compares_with_what_was_published(
    published: History, tmp_path: Path, cli
) -> None:
    root = published.root
    assert _report(cli, root, tmp_path / "o", as_of="2021-06-30").code == 0
    page = html.unescape(_page(tmp_path / "o", "2021-06-30"))
    assert "Vergeleken met de rapportage met peildatum 31 december 2019." in page
    # Then: 170 (2019) off track, as printed; now the 2020 figure.
    assert (
        "Sinds de vorige rapportage (31 december 2019): 170 zaken (2019) → 185 zaken (2020); "
        "achter op schema → " in page
    )
    changes = page[page.index('<section id="changes"') :]
    # AL1.1 was in progress at the previous report; its due date has passed since.
    row = changes[changes.index("Stand gewijzigd") :]
    row = row[: row.index("</tr>")]
    assert "Opleiden (AL1.1)" in row and "in uitvoering" in row and "te laat" in row


def test_an_older_record_without_figures_is_still_read(published: History, tmp_path, cli) -> None:
    path = published.root / "reports" / "published.yaml"
    text = path.read_text(encoding="utf-8")
    older = text[: text.index("  prepared:")] + "\n"
    path.write_text(older, encoding="utf-8")
    (entry,) = read_published(published.root)[0]
    assert entry.indicators is None and entry.prepared is None
    assert _report(cli, published.root, tmp_path / "o", as_of="2020-12-31").code == 0
    page = html.unescape(_page(tmp_path / "o", "2020-12-31"))
    assert "Vergeleken met de rapportage met peildatum 31 december 2019." in page
    assert "Sinds de vorige rapportage" not in page  # nothing recorded to compare with


def test_previous_commit_lists_what_the_default_comparison_lists(
    history: History, tmp_path: Path, cli
) -> None:
    """A target revision and a new target decided before the previous report but in force
    only after it: the default comparison lists both; so does --previous with its commit."""
    import copy

    import yaml

    root = history.root
    git(root, "checkout", "-q", "-b", "vooruit", history.commits["v1"])
    kpi = root / "kpis" / "zaken.yaml"
    data = yaml.safe_load(kpi.read_text(encoding="utf-8"))
    data["targets"].append({"period": "2022", "value": 230, "set": "2020-03-01"})
    data["targets"].append({"period": "2021", "value": 210, "set": "2020-03-01"})
    kpi.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    programme = root / "programme" / "programme.yaml"
    prog = yaml.safe_load(programme.read_text(encoding="utf-8"))
    prog["version"] = "2019.2"
    programme.write_text(yaml.safe_dump(copy.deepcopy(prog), sort_keys=False), encoding="utf-8")
    commit = commit_all(root, "Targets decided in advance")
    assert _report(cli, root, tmp_path / "p", "--publish").code == 0
    commit_all(root, "Published")
    workspace = load_workspace(root)
    as_of = date(2020, 12, 31)
    default = find_previous(workspace, as_of)
    given = find_previous(workspace, as_of, commit)
    assert default is not None and given is not None
    listed = [
        (c.kind, c.subject_id, c.period, c.after) for c in changes_since(workspace, as_of, default)
    ]
    assert ("target_revised", "zaken", "2022", 230) in listed
    assert ("target_added", "zaken", "2021", 210) in listed
    assert [
        (c.kind, c.subject_id, c.period, c.after) for c in changes_since(workspace, as_of, given)
    ] == listed
    # A commit no report was published from is compared as it is: its definitions (the two
    # targets were added after it) and its store.
    bare = find_previous(workspace, as_of, history.commits["v1"])
    assert bare is not None and bare.as_of is None
    from_v1 = [
        (c.kind, c.subject_id, c.period, c.after) for c in changes_since(workspace, as_of, bare)
    ]
    assert ("target_revised", "zaken", "2022", 230) in from_v1
    assert ("target_added", "zaken", "2021", 210) in from_v1


def test_revised_breakdown_cells_are_listed_without_giving_a_small_count_away() -> None:
    from progress_builders import indicator, obs, workspace

    from kpitrack.report.change_rows import change_entries
    from kpitrack.versioning.changes import PreviousState

    def cell(code: str, value: float, submission: int, was: float | None = None):
        return obs(
            "2020",
            value,
            breakdown=(("regio", code),),
            submission=submission,
            revised_from=was,
            revision_of=1 if was is not None else None,
        )

    ws = workspace(
        [indicator()],
        [
            cell("noord", 12, 1), cell("midden", 3, 1), cell("zuid", 20, 1),
            cell("noord", 14, 2, 12), cell("midden", 4, 2, 3), cell("zuid", 21, 2, 20),
        ],
    )  # fmt: skip
    previous = PreviousState("2020-12-31", date(2020, 12, 31), None, 1, since=date(2020, 12, 31))
    found = [c for c in changes_since(ws, date(2021, 6, 30), previous) if c.kind == "revised_cell"]
    rows = {r.subject: (r.before, r.after) for r in change_entries(found, ws, "nl")}
    assert rows == {
        # The small count and the cell withheld with it stay withheld in both versions.
        "Zaken (zaken), 2020, Regio Midden": ("<5", "<5"),
        "Zaken (zaken), 2020, Regio Noord": ("×", "×"),
        "Zaken (zaken), 2020, Regio Zuid": ("20", "21"),
    }
    assert {r.kind_label for r in change_entries(found, ws, "nl")} == {
        "Cijfer in uitsplitsing herzien"
    }


def test_reproduce_a_report_cut_by_date_and_compared_with_a_commit(
    published: History, tmp_path: Path, cli, monkeypatch
) -> None:
    root = published.root
    first = read_published(root)[0][0].commit
    assert first is not None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1610000000")  # 2021-01-07
    args = ("--received-by", "2020-09-30", "--previous", first[:10], "--publish")
    result = _report(cli, root, tmp_path / "pub", *args, as_of="2020-12-31")
    assert result.code == 0, result.err
    commit_all(root, "Published report 2020-12-31")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    entry = read_published(root)[0][-1]
    assert (entry.received_by, entry.compared_with) == ("2020-09-30", first)
    original = (tmp_path / "pub" / "proef_2020-12-31_nl.html").read_bytes()
    page = html.unescape(original.decode("utf-8"))
    assert "Cijfers ontvangen tot en met</dt><dd>30 september 2020" in page
    # More figures arrive; the reproduction still shows only what the published report did.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1612137600")  # 2021-02-01
    _submit(root, tmp_path, "politie", "indicator,period,value", "zaken,2020,200\n")
    commit_all(root, "Figures 2020 revised")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    result = _report(cli, root, tmp_path / "again", "--reproduce", as_of="2020-12-31")
    assert result.code == 0, result.err
    assert (tmp_path / "again" / "proef_2020-12-31_nl.html").read_bytes() == original
