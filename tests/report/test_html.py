"""The HTML report: deterministic, self-contained, escaped, small cells never shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kpitrack.report.build import build_report_model
from kpitrack.report.html import content_security_policy, render_html
from kpitrack.report.templates import TemplateSet

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'


@pytest.fixture
def render(fixtures):
    def run(root: Path, *, hostile: bool = False, lang: str = "nl") -> str:
        return _render(fixtures, root, hostile=hostile, lang=lang)

    return run


def _render(fixtures, root: Path, *, hostile: bool = False, lang: str = "nl") -> str:
    assert fixtures.HOSTILE == HOSTILE
    workspace = fixtures.make_workspace(root, hostile=hostile)
    progress = fixtures.make_progress(workspace)
    model = build_report_model(workspace, progress, lang, snapshot_hash="abc123")
    return render_html(model, TemplateSet.for_workspace(root))


def test_html_is_byte_identical_across_runs(render, tmp_path):
    assert render(tmp_path).encode() == render(tmp_path).encode()


def test_html_is_self_contained_with_metadata(render, tmp_path):
    page = render(tmp_path)
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in page
    assert '<meta charset="utf-8">' in page
    assert '<meta name="kpitrack:definition-version" content="2019.1">' in page
    assert '<meta name="kpitrack:data-snapshot" content="abc123">' in page
    assert '<meta name="kpitrack:as-of" content="2020-12-31">' in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.split("<script>", 1)[0])
    assert len(re.findall(r"<script[^>]*>\s*/\*\*\s*\n?\s*\* plotly\.js", page)) <= 1
    assert page.count("Plotly.newPlot") == 2
    assert '<a class="skip-link" href="#main">' in page
    assert page.count("<h1>") == 1


def test_csp_allows_exactly_the_inline_scripts(render, tmp_path):
    page = render(tmp_path)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = csp.group(1)
    assert "default-src 'none'" in policy
    assert "unsafe-eval" not in policy and "script-src 'unsafe-inline'" not in policy
    scripts = re.findall(r"<script\b[^>]*>", page)
    # plotly.js, the charts' redraw for printing, two charts
    assert policy.count("'sha256-") == len(scripts) == 4
    assert content_security_policy("<p>no script</p>").count("script-src 'none'") == 1


def test_programme_text_and_commentary_are_escaped(render, tmp_path):
    commentary = tmp_path / "commentary" / "2020-12-31"
    commentary.mkdir(parents=True)
    (commentary / "zaken-naar-om.md").write_text(HOSTILE + "\n\n[x](javascript:alert(1))\n")
    page = render(tmp_path, hostile=True)
    assert "window.__pwned" in page  # the text is there ...
    assert "<script>window.__pwned" not in page  # ... but never as markup
    assert "<img src=x" not in page
    assert 'href="javascript' not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page


def test_small_counts_never_appear_in_the_html(render, tmp_path):
    page = render(tmp_path)
    assert "&lt;5" in page
    # The breakdown cell of 3 for Noord-Nederland is neither in the table nor in any chart.
    row = re.search(r"<th scope=\"row\">Noord-Nederland</th>\s*<td[^>]*>([^<]*)</td>", page)
    assert row is not None and row.group(1) == "&lt;5"
    # Nor is West (64), which with the total (187) and Oost (120) would give the 3 away.
    row = re.search(r"<th scope=\"row\">West</th>\s*<td[^>]*>([^<]*)</td>", page)
    assert row is not None and row.group(1) == "×"
    charts = re.findall(r"Plotly\.newPlot\((.*?)\)\s*\};", page, re.DOTALL)
    assert charts and all("noord" not in c.lower() for c in charts)


def test_workspace_template_overrides_builtin_file_by_file(render, tmp_path):
    override = tmp_path / "report_templates"
    override.mkdir()
    (override / "report.css").write_text("body { color: #111111; } /* workspace */\n")
    page = render(tmp_path)
    assert "/* workspace */" in page
    assert "Plotly.newPlot" in page  # the built-in report.html.j2 still renders


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_status_is_text_plus_hidden_icon(render, tmp_path, lang):
    page = render(tmp_path, lang=lang)
    label = "risico" if lang == "nl" else "at risk"
    icon = '<span class="icon" aria-hidden="true">▲</span>'
    assert f'{icon} <span class="label">{label}</span>' in page
