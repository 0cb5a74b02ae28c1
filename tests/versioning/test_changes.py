"""Changes since the previous report: published records, revised figures, target revisions."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest

from kpitrack.intake.submit import submit_file
from kpitrack.report.change_rows import change_entries
from kpitrack.versioning.changes import changes_since, find_previous
from kpitrack.versioning.published import read_published
from kpitrack.workspace import load_workspace

from .conftest import REASON, History, commit_all, git


def _submit(root: Path, tmp_path: Path, partner: str, rows: str) -> None:
    file = tmp_path / f"{partner}-{len(list(tmp_path.glob('*.csv')))}.csv"
    file.write_text("indicator,period,value\n" + rows, encoding="utf-8")
    result = submit_file(root, file, partner)
    assert result.accepted, [p.format() for p in result.errors]


@pytest.fixture
def published(history: History, tmp_path: Path, cli, monkeypatch) -> History:
    """Back at v1 on a branch: 2019 figure 170, report of 2019-12-31 published."""
    root = history.root
    git(root, "checkout", "-q", "-b", "rapportage", history.commits["v1"])
    _submit(root, tmp_path, "politie", "zaken,2019,170\n")
    commit_all(root, "Figures 2019")
    result = cli(
        "report",
        str(root),
        "--as-of",
        "2019-12-31",
        "--lang",
        "nl",
        "--format",
        "html",
        "--out",
        str(tmp_path / "out"),
        "--publish",
    )
    assert result.code == 0, result.err
    commit_all(root, "Published report 2019-12-31")
    # Then the 2022 target is lowered, a figure revised and a new one delivered.
    git(root, "checkout", "-q", history.commits["action"], "--", "programme", "kpis")
    _submit(root, tmp_path, "politie", "zaken,2019,175\nzaken,2020,185\n")
    commit_all(root, "Definitions 2020.1 and figures 2020")
    return history


def test_publish_records_provenance(published: History) -> None:
    entries, problems = read_published(published.root)
    assert problems == []
    (entry,) = entries
    assert entry.as_of == date(2019, 12, 31)
    assert entry.langs == ("nl",) and entry.version == "2019.1"
    assert entry.commit == git(published.root, "rev-parse", "HEAD~2")  # built from "Figures 2019"
    assert entry.last_submission == 1
    assert entry.files == ("proef_2019-12-31_nl.html",)
    assert len(entry.snapshot) == 64


def test_changes_since_the_published_report(published: History) -> None:
    workspace = load_workspace(published.root)
    previous = find_previous(workspace, date(2020, 12, 31))
    assert previous is not None and previous.as_of == date(2019, 12, 31)
    assert previous.programme is not None and previous.programme.version == "2019.1"
    changes = changes_since(workspace, date(2020, 12, 31), previous)
    summary = [(c.kind, c.subject_id, c.period, c.before, c.after) for c in changes]
    assert summary == [
        ("indicator_added", "slachtoffers", None, None, None),
        ("target_revised", "zaken", "2022", 240.0, 220.0),
        ("action_removed", "AL1.2", None, None, None),
        ("definition_changed", "proef", None, "2019.1", "2020.1"),
        ("revised", "zaken", "2019", 170.0, 175.0),
        ("new_figures", "zaken", "2020", None, 1),
    ]
    target = changes[1]
    assert target.reason == REASON and target.when == date(2020, 6, 15)
    rows = change_entries(changes, workspace, "nl")
    assert (rows[1].kind_label, rows[1].subject, rows[1].before, rows[1].after) == (
        "Streefwaarde herzien",
        "Zaken naar het OM (zaken), 2022",
        "240",
        "220 (reden: Minder rechercheurs beschikbaar)",
    )
    assert (rows[1].when, rows[1].who) == ("15 juni 2020", "Ministerie van Justitie en Veiligheid")
    assert rows[2].subject == "Capaciteit (AL1.2)" and rows[2].before == "verwijderd"
    assert rows[3].subject == "programma proef: definitieversie"
    assert (rows[4].kind_label, rows[4].before, rows[4].after, rows[4].who) == (
        "Cijfer herzien",
        "170",
        "175",
        "Nationale Politie",
    )
    english = change_entries(changes, workspace, "en")
    assert english[5].after == "1 figure: 2020"
    assert rows[5].after == "1 cijfer: 2020"  # one figure, its plural form


def test_report_shows_the_changes_and_both_targets(published: History, tmp_path: Path, cli) -> None:
    out = tmp_path / "out2"
    result = cli(
        "report",
        str(published.root),
        "--as-of",
        "2020-12-31",
        "--lang",
        "nl",
        "--format",
        "html",
        "--out",
        str(out),
    )
    assert result.code == 0, result.err
    page = html.unescape((out / "proef_2020-12-31_nl.html").read_text(encoding="utf-8"))
    changes = page[page.index('<section id="changes"') :]
    for text in (
        "Streefwaarde herzien",
        "220 (reden: Minder rechercheurs beschikbaar)",
        "Cijfer herzien",
        "170",
        "175",
        "Nieuwe indicator",
        "Capaciteit (AL1.2)",
    ):
        assert text in changes, text
    # The indicator's own target history shows both 2022 targets and the reason.
    history = page[
        page.index("Streefwaarden en bijstellingen") : page.index('<section id="changes"')
    ]
    assert "240" in history and "220" in history and "vervangen" in history
    assert "Minder rechercheurs beschikbaar" in history


def test_no_published_report_means_no_previous(history: History) -> None:
    workspace = load_workspace(history.root)
    assert find_previous(workspace, date(2020, 12, 31)) is None


def test_previous_revision_replaces_the_published_record(published: History) -> None:
    workspace = load_workspace(published.root)
    # HEAD~1 holds v1 definitions and the ledger with one submission.
    previous = find_previous(workspace, date(2020, 12, 31), "HEAD~1")
    assert previous is not None
    assert (previous.as_of, previous.last_submission) == (None, 1)
    kinds = [c.kind for c in changes_since(workspace, date(2020, 12, 31), previous)]
    assert kinds.count("revised") == 1 and "target_revised" in kinds
    # Compared with the current commit: nothing changed.
    same = find_previous(workspace, date(2020, 12, 31), "HEAD")
    assert same is not None and changes_since(workspace, date(2020, 12, 31), same) == []


def test_target_set_after_previous_as_of_is_found_without_git(
    published: History, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(published.root, copy, ignore=shutil.ignore_patterns(".git"))
    workspace = load_workspace(copy)  # outside any repository: no definitions to diff
    previous = find_previous(workspace, date(2020, 12, 31))
    assert previous is not None and previous.programme is None
    changes = changes_since(workspace, date(2020, 12, 31), previous)
    assert [c.kind for c in changes] == ["target_revised", "revised", "new_figures"]
    # A report dated before the revision was set does not list it.
    early = changes_since(workspace, date(2020, 6, 14), previous)
    assert "target_revised" not in [c.kind for c in early]


def test_publishing_uncommitted_definitions_is_refused(
    published: History, tmp_path: Path, cli
) -> None:
    kpi = published.root / "kpis" / "zaken.yaml"
    kpi.write_text(kpi.read_text(encoding="utf-8").replace("Politie", "Politie, jaarverslag"))
    result = cli(
        "report",
        str(published.root),
        "--as-of",
        "2020-12-31",
        "--format",
        "html",
        "--out",
        str(tmp_path / "o"),
        "--publish",
    )
    assert result.code == 1
    assert "differ from the last commit (HEAD)" in result.err
    assert str(published.root / "kpis" / "zaken.yaml") in result.err
    assert len(read_published(published.root)[0]) == 1


def test_publish_outside_git_records_no_commit(history: History, tmp_path: Path, cli) -> None:
    import shutil

    root = tmp_path / "plain"
    shutil.copytree(history.root, root, ignore=shutil.ignore_patterns(".git"))
    args = ["report", str(root), "--format", "html", "--out", str(tmp_path / "o"), "--publish"]
    assert cli(*args, "--as-of", "2020-06-30").code == 0
    assert cli(*args, "--as-of", "2020-12-31", "--lang", "en").code == 0
    entries, problems = read_published(root)
    assert problems == []
    assert [(e.as_of.isoformat(), e.langs, e.commit, e.last_submission) for e in entries] == [
        ("2020-06-30", ("nl",), None, None),
        ("2020-12-31", ("en",), None, None),
    ]


def test_unknown_previous_revision_is_usage_error(published: History, tmp_path: Path, cli) -> None:
    result = cli(
        "report",
        str(published.root),
        "--as-of",
        "2020-12-31",
        "--format",
        "html",
        "--out",
        str(tmp_path / "o"),
        "--previous",
        "v1999",
    )
    assert result.code == 2
    assert "unknown git revision 'v1999'" in result.err


def test_unreachable_published_commit_falls_back_to_set_dates(published: History) -> None:
    path = published.root / "reports" / "published.yaml"
    entries, _ = read_published(published.root)
    path.write_text(
        path.read_text(encoding="utf-8").replace(str(entries[0].commit), "f" * 40),
        encoding="utf-8",
    )
    workspace = load_workspace(published.root)
    previous = find_previous(workspace, date(2020, 12, 31))
    assert previous is not None and previous.programme is None
    kinds = [c.kind for c in changes_since(workspace, date(2020, 12, 31), previous)]
    assert kinds == ["target_revised", "revised", "new_figures"]


def test_a_withdrawn_figure_is_listed_with_its_old_value_and_note(
    published: History, tmp_path: Path, cli
) -> None:
    file = tmp_path / "withdraw.csv"
    file.write_text(
        "indicator,period,value,obs_status,note\n"
        "zaken,2019,,M,Dubbel geteld; wordt opnieuw vastgesteld\n",
        encoding="utf-8",
    )
    result = submit_file(published.root, file, "politie")
    assert result.accepted, [p.format() for p in result.errors]
    commit_all(published.root, "Figure 2019 withdrawn")
    workspace = load_workspace(published.root)
    previous = find_previous(workspace, date(2020, 12, 31))
    assert previous is not None
    changes = changes_since(workspace, date(2020, 12, 31), previous)
    (withdrawn,) = [c for c in changes if c.kind == "withdrawn"]
    # The value the previous report printed is what was taken away, not the later revision.
    assert (withdrawn.subject_id, withdrawn.period, withdrawn.before) == ("zaken", "2019", 170.0)
    assert withdrawn.who == "politie"
    assert not [c for c in changes if c.kind == "revised" and c.period == "2019"]
    rows = {r.kind: r for r in change_entries(changes, workspace, "nl")}
    row = rows["withdrawn"]
    assert (row.kind_label, row.before, row.after) == (
        "Cijfer ingetrokken",
        "170",
        "ingetrokken: Dubbel geteld; wordt opnieuw vastgesteld",
    )
    english = {r.kind: r for r in change_entries(changes, workspace, "en")}["withdrawn"]
    assert (english.kind_label, english.after) == (
        "Figure withdrawn",
        "withdrawn: Dubbel geteld; wordt opnieuw vastgesteld",
    )
    out = tmp_path / "out3"
    report = cli(
        "report",
        str(published.root),
        "--as-of",
        "2020-12-31",
        "--lang",
        "nl",
        "--format",
        "html,docx",
        "--out",
        str(out),
    )
    assert report.code == 0, report.err
    page = html.unescape((out / "proef_2020-12-31_nl.html").read_text(encoding="utf-8"))
    section = page[page.index('<section id="changes"') :]
    assert "Cijfer ingetrokken" in section and "Dubbel geteld" in section

    from docx import Document

    document = Document(str(out / "proef_2020-12-31_nl.docx"))
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert "Cijfer ingetrokken" in cells
    assert "ingetrokken: Dubbel geteld; wordt opnieuw vastgesteld" in cells
