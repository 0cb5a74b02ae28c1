"""Review of the report as a reader sees it: one sentence per chart, figures as submitted, the
partner's latest delivery, one draft mark, the definitions' commit on the title page."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date
from types import SimpleNamespace

import pytest

from kpitrack.definitions.init import create_workspace
from kpitrack.intake.submit import submit_file
from kpitrack.progress.document import status_document
from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import build_report_model, write_reports
from kpitrack.report.html import render_html
from kpitrack.report.templates import TemplateSet
from kpitrack.workspace import load_workspace

AS_OF = date(2024, 12, 31)
FIGURES = """indicator,period,value,provincie,obs_status,lower,upper,note
vragen-beantwoord,2024,1180,,P,,,figure up to November
vragen-beantwoord,2024,412,noord,,,,
wachttijd-dagen,2024-H1,24.5,,,,,
"""


@pytest.fixture(scope="module")
def starter(tmp_path_factory) -> SimpleNamespace:
    """The ``kpitrack init`` workspace with the partner guide's submission (received today)."""
    root = tmp_path_factory.mktemp("starter") / "demo"
    create_workspace(root)
    figures = root.parent / "figures.csv"
    figures.write_text(FIGURES, encoding="utf-8")
    assert submit_file(root, figures, "uitvoerder").accepted
    workspace = load_workspace(root)
    progress = compute_progress(workspace, AS_OF)
    models = {
        lang: build_report_model(workspace, progress, lang, snapshot_hash="h")
        for lang in ("nl", "en")
    }
    return SimpleNamespace(root=root, workspace=workspace, progress=progress, models=models)


def _indicator(model, indicator_id):
    return next(i for s in model.action_lines for i in s.indicators if i.id == indicator_id)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "Beantwoorde vragen: één waarde, 1.180 vragen in 2024."),
        ("en", "Questions answered: one value, 1,180 questions in 2024."),
    ],
)
def test_a_single_point_is_summarised_once(starter, lang, expected):
    summary = _indicator(starter.models[lang], "vragen-beantwoord").chart.summary
    assert summary.startswith(expected)
    assert summary.count("1.180" if lang == "nl" else "1,180") == 1


@pytest.mark.parametrize(
    ("totals", "nl", "en"),
    [
        (
            (170, 185, 187),
            "drie waarden, gestegen van 170 zaken in 2018 naar 187 zaken in 2020.",
            "three values, up from 170 cases in 2018 to 187 cases in 2020.",
        ),
        (
            (190, 185, 170),
            "drie waarden, gedaald van 190 zaken in 2018 naar 170 zaken in 2020.",
            "three values, down from 190 cases in 2018 to 170 cases in 2020.",
        ),
        (
            (170, 190, 170),
            "drie waarden, 170 zaken in 2020, even hoog als in 2018.",
            "three values, 170 cases in 2020, the same as in 2018.",
        ),
    ],
)
def test_several_points_give_first_last_and_direction(fixtures, tmp_path, totals, nl, en):
    # The partner's totals for 2018-2020, without an interval (it would not hold them all).
    workspace = fixtures.make_workspace(tmp_path, totals=totals, interval=None)
    progress = fixtures.make_progress(workspace)
    for lang, expected in (("nl", nl), ("en", en)):
        model = build_report_model(workspace, progress, lang, snapshot_hash="")
        assert expected in model.action_lines[0].indicators[0].chart.summary


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "nl",
            "gedaald van 1.076 mogelijke slachtoffers in 2017 naar 1.013 mogelijke slachtoffers",
        ),
        ("en", "down from 1,076 possible victims in 2017 to 1,013 possible victims in 2020."),
    ],
)
def test_a_summary_groups_thousands(workspace, progress, lang, expected):
    model = build_report_model(workspace, progress, lang, snapshot_hash="")
    assert expected in model.action_lines[1].indicators[0].chart.summary


def test_a_submitted_decimal_reads_the_same_everywhere(starter):
    """24.5 days (an amount without ``decimals``) is never rounded to 25 anywhere."""
    for lang, text in (("nl", "24,5"), ("en", "24.5")):
        wachttijd = _indicator(starter.models[lang], "wachttijd-dagen")
        assert f"({text})" in wachttijd.explanation
        assert wachttijd.latest.startswith(f"{text} ")
        assert [r.value for r in wachttijd.values] == [text]
        assert wachttijd.chart.value_texts == (text,)
        assert f"{text} " in wachttijd.chart.summary
        assert not re.search(r"\b25\b", wachttijd.latest + wachttijd.chart.summary)
    document = status_document(starter.progress)
    latest = next(i for i in document["indicators"] if i["id"] == "wachttijd-dagen")["latest"]
    assert latest["value"] == 24.5


def test_figures_carry_their_unit(starter):
    nl = starter.models["nl"]
    assert _indicator(nl, "vragen-beantwoord").latest == "1.180 vragen (2024)"
    assert _indicator(nl, "wachttijd-dagen").baseline == "30 dagen (2e halfjaar 2023)"
    assert _indicator(nl, "gemeenten-met-afspraken").target == "100% van de gemeenten (2025)"


def test_latest_submission_shows_a_delivery_received_after_the_as_of_date(starter):
    received = starter.workspace.observations()[0].provenance.received[:10]
    assert received > AS_OF.isoformat()  # the report for 2024 is made later, as in practice
    rows = {r.partner_id: r for r in starter.models["nl"].annex.completeness}
    from kpitrack import i18n

    assert rows["uitvoerder"].latest_submission == i18n.format_date(
        date.fromisoformat(received), "nl"
    )
    assert rows["gemeenten"].latest_submission == ""  # nothing delivered


def test_a_delivery_only_for_later_periods_is_not_used(starter):
    # The same store read for an as-of date before any submitted period: nothing is used.
    progress = compute_progress(starter.workspace, date(2023, 12, 31))
    model = build_report_model(starter.workspace, progress, "nl", snapshot_hash="")
    assert {r.partner_id: r.latest_submission for r in model.annex.completeness}["uitvoerder"] == ""


def _title_area(page: str) -> str:
    return page.split('<header class="title-page">', 1)[1].split("</header>", 1)[0]


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(("lang", "word"), [("nl", "concept"), ("en", "draft")])
def test_a_draft_is_marked_once(starter, lang, word):
    page = render_html(starter.models[lang], TemplateSet.for_workspace(None))
    title = _title_area(page)
    assert len(re.findall(word, _text(title), re.IGNORECASE)) == 1
    assert 'class="draft-banner"' in title
    published = dataclasses.replace(starter.models[lang], draft=False)
    page = render_html(published, TemplateSet.for_workspace(None))
    assert not re.search(word, _text(_title_area(page)), re.IGNORECASE)


def test_the_annex_names_the_definitions_commit_not_the_title_page(starter):
    commit = "0123456789abcdef0123456789abcdef01234567"
    model = dataclasses.replace(starter.models["nl"], definitions_commit=commit)
    page = render_html(model, TemplateSet.for_workspace(None))
    # The commit and the data snapshot identify the report for its reproduction: in the annex,
    # with a line that says so; the title page gives a reader dates instead.
    assert commit not in _title_area(page) and commit in _annex(page)
    assert f'<meta name="kpitrack:definitions-commit" content="{commit}">' in page
    assert "nog niet vastgelegde" not in page
    modified = dataclasses.replace(model, definitions_modified=True)
    assert "nog niet vastgelegde wijzigingen" in _annex(
        render_html(modified, TemplateSet.for_workspace(None))
    )
    without = render_html(starter.models["nl"], TemplateSet.for_workspace(None))
    assert "git-commit" not in _annex(without).split("</p>", 1)[-1]  # outside git: no empty line


def _annex(page: str) -> str:
    return page[page.index('<h3 id="provenance">') :]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_report_of_a_git_workspace_names_its_commit(starter, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(starter.root, root)
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, check=True, env=env, capture_output=True, text=True
    ).stdout.strip()
    (path,) = write_reports(root, as_of=AS_OF, lang="en", formats=["html"], out=tmp_path / "out")
    page = path.read_text(encoding="utf-8")
    assert f'<meta name="kpitrack:definitions-commit" content="{head}">' in page
    assert head in _annex(page) and head not in _title_area(page)


def _definition_fields() -> list[tuple[str, str]]:
    """(entity, field) of every definition change ``kpitrack diff`` can report."""
    from kpitrack.definitions import models

    flattened = {"period": models.Period, "reporting": models.Reporting}
    flattened |= {"disclosure": models.Disclosure, "status": models.Thresholds}
    skip = {"partners", "codelists", "action_lines", "actions", "milestones", "targets", "codes"}
    pairs: list[tuple[str, str]] = []
    for name, sub in models.Programme.model_fields.items():
        if name in flattened:
            pairs += [("programme", f"{name}.{f}") for f in flattened[name].model_fields]
        elif name not in skip:
            pairs.append(("programme", sub.alias or name))
    entities = {
        "partner": models.Partner,
        "codelist": models.Codelist,
        "action_line": models.ActionLine,
        "action": models.Action,
        "milestone": models.Milestone,
        "indicator": models.Indicator,
    }
    for entity, cls in entities.items():
        pairs += [(entity, f) for f in cls.model_fields if f not in skip]
    pairs += [("code", "label"), ("milestone", "action"), ("action", "action_line")]
    return pairs


@pytest.mark.parametrize(("entity", "field"), _definition_fields())
def test_changed_definition_fields_are_named_in_dutch(starter, entity, field):
    from kpitrack.report.change_rows import change_entries
    from kpitrack.versioning.changes import ReportChange

    change = ReportChange(
        "definition_changed", "x", None, before="a", after="b", field=field, entity=entity
    )
    (entry,) = change_entries([change], starter.workspace, "nl")
    named = entry.subject.rsplit(": ", 1)[1]
    assert named != field or field in ("schema", "index"), entry.subject
    assert "_" not in named and "." not in named, entry.subject


def test_changed_codes_and_thresholds_read_as_words(starter):
    from kpitrack.report.change_rows import change_entries
    from kpitrack.versioning.changes import ReportChange

    changes = [
        ReportChange("definition_changed", "x", before="count", after="amount", field="measure"),
        ReportChange("definition_changed", "x", before="sum", after="mean", field="aggregation"),
        ReportChange("definition_changed", "p", before=0.95, after=0.9, field="status.on_track"),
        ReportChange("definition_changed", "x", before=[], after=["provincie"], field="dimensions"),
    ]
    rows = change_entries(changes, starter.workspace, "nl")
    assert [(r.before, r.after) for r in rows] == [
        ("aantal", "hoeveelheid"),
        ("optellen", "gemiddelde"),
        ("95%", "90%"),
        ("", "Provincie"),
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_method_names_each_status_as_the_report_shows_it(starter, lang):
    model = starter.models[lang]
    method = " ".join(p for part in model.annex.method for p in part.paragraphs)
    for status in model.summary.indicator_statuses:
        assert f"'{status.label}'" in method, status.code


def test_amount_is_not_called_money_and_chart_ticks_are_short_codes(starter):
    from kpitrack.report.charts import figure_dict

    wachttijd = _indicator(starter.models["nl"], "wachttijd-dagen")
    assert wachttijd.measure_label == "hoeveelheid"  # days, not a sum of money ("bedrag")
    # Period codes, not words: "1e halfjaar 2024" a dozen times over would crowd the axis. The
    # first two periods are too close for two labels on a phone: the later one is named.
    ticks = figure_dict(wachttijd.chart, "nl")["layout"]["xaxis"]["ticktext"]
    assert ticks == ["", "H1<br>2024", "H2<br>2027"]


def test_without_a_previous_report_the_changes_say_it_is_the_first(fixtures, tmp_path):
    workspace = fixtures.make_workspace(tmp_path)
    progress = fixtures.make_progress(workspace)
    for lang, words in (
        ("nl", "Dit is de eerste rapportage; er is geen eerdere om mee te vergelijken."),
        ("en", "This is the first report; there is no previous one to compare with."),
    ):
        model = build_report_model(workspace, progress, lang, snapshot_hash="")
        # One way to find changes (versioning.changes): none without a previous report, even
        # with a revised figure in the store.
        assert model.changes == () and model.previous_report == ""
        page = render_html(model, TemplateSet.for_workspace(None))
        changes = page[page.index('<section id="changes"') : page.index('<section id="annex"')]
        assert words in changes
