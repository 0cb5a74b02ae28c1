"""The ReportModel builds from a workspace and a ProgressReport, formatted for the language."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from kpitrack.i18n.report_texts import report_text_keys, report_texts
from kpitrack.report import model as report_model
from kpitrack.report import model_indicator, model_parts
from kpitrack.report.build import build_report_model
from kpitrack.report.texts import ACTION_COLOURS, STATUS_COLOURS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "report-model.md"


def test_model_carries_engine_status_and_formatted_numbers(workspace, progress):
    model = build_report_model(workspace, progress, "nl", snapshot_hash="h")
    zaken = model.action_lines[0].indicators[0]
    assert zaken.status.code == "at_risk"
    assert zaken.status.label == "risico"
    # E = 1096/1826 days, P = (187 - 160)/(220 - 160), R = P/E (see test_fixture.py).
    assert zaken.explanation.startswith(
        "Verwacht was 60% van de weg van 160 (2017) naar 220 (2022) in 2020; "
        "gerealiseerd is 45% (187), dat is 75% van het verwachte. Risico."
    )
    assert "bijgesteld van 240 naar 220" in zaken.explanation
    assert zaken.latest == "187 zaken (2020)"
    assert zaken.baseline == "160 zaken (2017)"
    assert [r.value for r in zaken.values] == ["170", "185", "187"]
    assert zaken.values[2].interval == "175–200"
    assert zaken.values[2].obs_status_label == "voorlopig"
    assert zaken.values[1].revised_text == "herzien (was 180)"
    assert zaken.ratio == "75%"
    # Against the first target for 2022 (240): P = 27/80, R = 0.56, below at_risk (0.60).
    assert zaken.target_verdicts == (
        "Risico ten opzichte van de bijgestelde streefwaarde 220 zaken; "
        "ten opzichte van de oorspronkelijke 240 zaken: achter op schema"
    )
    assert model.as_of == "31 december 2020"
    # Thousands separators: CoMensha's counts of possible victims.
    victims = model.action_lines[1].indicators[0]
    assert victims.latest == "1.013 mogelijke slachtoffers (2020)"
    assert [r.value for r in victims.values] == ["1.076", "1.372", "1.013"]
    english = build_report_model(workspace, progress, "en", snapshot_hash="h")
    assert english.action_lines[0].indicators[0].latest == "187 cases (2020)"
    assert english.action_lines[0].indicators[0].status.label == "at risk"
    assert english.action_lines[1].indicators[0].latest == "1,013 possible victims (2020)"


def test_target_history_and_chart_keep_superseded_targets(workspace, progress):
    model = build_report_model(workspace, progress, "nl", snapshot_hash="")
    zaken = model.action_lines[0].indicators[0]
    assert [(t.value, t.state) for t in zaken.targets] == [
        ("190", "other"),
        ("240", "superseded"),
        ("220", "in_force"),
    ]
    assert [p.value for p in zaken.chart.superseded] == [240]
    assert zaken.chart.superseded[0].set_date == "13 november 2018"
    assert [p.value for p in zaken.chart.target_path] == [160, 220]
    assert "240" in zaken.chart.summary


def test_small_cells_are_suppressed_in_breakdown(workspace, progress):
    model = build_report_model(workspace, progress, "nl", snapshot_hash="")
    breakdown = model.action_lines[0].indicators[0].breakdown
    assert breakdown is not None
    cells = {r.codes[0]: (r.value, r.suppressed) for r in breakdown.rows}
    assert cells["Noord-Nederland"] == ("<5", True)
    assert cells["Oost-Nederland"] == ("120", False)
    # West (64) is the smallest other cell: withheld so that 187 - 120 does not give noord away.
    assert cells["West"] == ("×", True)
    assert breakdown.note


def test_summary_actions_annex_and_footnotes(workspace, progress):
    model = build_report_model(workspace, progress, "nl", snapshot_hash="")
    row = model.summary.rows[0]
    assert [c.status.code for c in row.indicator_counts][:3] == ["achieved", "on_track", "at_risk"]
    assert {c.status.code: c.count for c in model.summary.totals.indicator_counts}["at_risk"] == 1
    action = model.action_lines[0].actions[0]
    assert action.state.label == "te laat"
    assert action.milestones[0].state.code == "done"
    assert action.milestones[0].update_date == "20 juni 2019"
    assert [a.id for a in model.annex.actions] == ["AL1.1", "AL1.1.a"]
    completeness = {r.partner_id: r for r in model.annex.completeness}
    assert (completeness["politie"].expected, completeness["politie"].with_data) == (1, 1)
    assert completeness["politie"].latest_submission == "2 november 2020"
    kinds = [f.kind for f in model.footnotes]
    assert kinds == ["source", "caveat", "source"]
    # Source and caveat concern every figure: on the indicator (caption), not on each value.
    assert model.action_lines[0].indicators[0].footnotes == (1, 2)
    assert model.action_lines[0].indicators[0].values[0].footnotes == ()
    # No previous report (none published, no --previous): no changes, and the report says it
    # is the first rather than "no changes recorded".
    assert model.changes == () and model.previous_report == ""


def test_commentary_is_read_and_sanitised(workspace, progress, tmp_path):
    root = tmp_path / "commentary"
    root.mkdir()
    (root / "summary.md").write_text("Kern: **goed** <b>x</b> [a](javascript:alert(1))\n")
    (root / "zaken-naar-om.md").write_text("# Kop\n\nTekst.\n")
    model = build_report_model(workspace, progress, "nl", commentary_root=root, snapshot_hash="")
    key = model.summary.key_messages
    assert key is not None
    assert "<strong>goed</strong>" in key.html
    assert "<b>" not in key.html
    assert 'href="javascript' not in key.html
    section = model.action_lines[0].indicators[0]
    assert section.commentary is not None
    assert "<h4>Kop</h4>" in section.commentary.html


def test_generated_at_never_comes_from_the_clock(workspace, progress, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_report_model(workspace, progress, "nl").generated_at == "2020-12-31"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert build_report_model(workspace, progress, "nl").generated_at.startswith("1970-01-01")


def test_texts_complete_in_every_language():
    for lang in ("nl", "en", "de"):
        assert set(report_texts(lang)) == set(report_text_keys())


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_status_colours_have_aa_contrast_on_white_and_on_grey():
    for colour in [*STATUS_COLOURS.values(), *ACTION_COLOURS.values()]:
        for background in ("#ffffff", "#f3f5f7"):
            ratio = (_luminance(background) + 0.05) / (_luminance(colour) + 0.05)
            assert ratio >= 4.5, (colour, background, ratio)


def _documented() -> dict[str, set[str]]:
    sections: dict[str, set[str]] = {}
    current = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (\w+)$", line)
        if heading:
            current = heading.group(1)
            sections[current] = set()
            continue
        cell = re.match(r"^\| `(\w+)` \|", line)
        if cell and current is not None:
            sections[current].add(cell.group(1))
    return sections


def test_every_model_field_is_documented_and_vice_versa():
    modules = (report_model, model_indicator, model_parts)
    classes = {
        name: obj
        for module in modules
        for name, obj in vars(module).items()
        if dataclasses.is_dataclass(obj) and obj.__module__ == module.__name__
    }
    # Everything a renderer needs is importable from the model module itself.
    assert set(classes) == set(report_model.__all__)
    documented = _documented()
    texts = documented.pop("texts")
    assert set(documented) == set(classes)
    for name, cls in classes.items():
        fields = {f.name for f in dataclasses.fields(cls)}
        assert documented[name] == fields, name
    assert texts == set(report_text_keys())
