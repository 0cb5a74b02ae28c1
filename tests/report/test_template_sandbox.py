"""A workspace's report template is data, not code: it renders in Jinja's sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpitrack.core.errors import ReportError
from kpitrack.report.build import build_report_model
from kpitrack.report.html import render_html
from kpitrack.report.templates import TemplateSet


def render_with(fixtures, root: Path, template: str) -> str:  # type: ignore[no-untyped-def]
    (root / "report_templates").mkdir(parents=True, exist_ok=True)
    (root / "report_templates" / "report.html.j2").write_text(template, encoding="utf-8")
    workspace = fixtures.make_workspace(root)
    progress = fixtures.make_progress(workspace)
    model = build_report_model(workspace, progress, "nl", snapshot_hash="")
    return render_html(model, TemplateSet.for_workspace(root))


@pytest.mark.parametrize(
    "expression",
    [
        "''.__class__.__mro__",
        "model.__class__.__init__.__globals__",
        "lipsum.__globals__.os",
        "range.__init__.__globals__",
        "t.__class__.__subclasses__()",
        "model.__class__.__base__",
    ],
)
def test_a_template_cannot_reach_python_internals(
    fixtures, tmp_path: Path, expression: str
) -> None:
    # Stops: server-side template injection from a workspace's report_templates/ (os, files).
    template = "<p>{{ model.title }}</p>\n<p>{{ " + expression + " }}</p>\n"
    with pytest.raises(ReportError, match="cannot be rendered") as refused:
        render_with(fixtures, tmp_path, template)
    (problem,) = refused.value.problems
    assert problem.code == "template-unsafe"
    assert problem.file == str(tmp_path.resolve() / "report_templates" / "report.html.j2")
    assert problem.line == 2


def test_an_ordinary_override_still_renders(fixtures, tmp_path: Path) -> None:
    page = render_with(fixtures, tmp_path, "<h1>{{ model.title }}</h1>{{ t.report_kind }}\n")
    assert page.startswith("<h1>Samen tegen mensenhandel</h1>")
