"""The self-contained HTML report: one file, plotly.js inlined once, a strict CSP, no request.

Layout lives in ``report.html.j2`` (overridable per workspace); this module prepares the chart
fragments, renders with autoescape on in Jinja's sandbox (a workspace's template is data, not
code: it cannot reach Python internals such as ``''.__class__.__mro__``), and computes the
Content-Security-Policy from the inline scripts actually present (their sha256 hashes), so
nothing else can run — not even a script smuggled into programme text, which autoescape has
already turned into inert text.
"""

from __future__ import annotations

import base64
import hashlib
import re
import traceback
from typing import TYPE_CHECKING, Any

from kpitrack.core.errors import ReportError
from kpitrack.core.problems import Problem
from kpitrack.report.charts import figure_dict

if TYPE_CHECKING:
    from jinja2 import TemplateError

    from kpitrack.report.model import ReportModel
    from kpitrack.report.templates import TemplateSet

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"
CSP_PLACEHOLDER = "__KPITRACK_CSP__"
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
# Static charts: no mode bar, no zoom; hover labels stay (they add the formatted values).
PLOTLY_CONFIG: dict[str, Any] = {"displayModeBar": False, "responsive": True}


def render_html(model: ReportModel, templates: TemplateSet) -> str:
    """The HTML report of ``model``; byte-identical for the same model and templates."""
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup
    from plotly.offline import get_plotlyjs

    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(p) for p in templates.search_path]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    charts = {
        indicator.chart.div_id: Markup(chart_fragment(indicator.chart, model.lang))
        for section in model.action_lines
        for indicator in section.indicators
    }
    plotly_js = get_plotlyjs()
    try:
        page = env.get_template(TEMPLATE).render(
            model=model,
            t=model.texts,
            charts=charts,
            css=Markup(templates.read_text(STYLESHEET)),
            plotly_js=Markup(plotly_js.replace("</script", "<\\/script")),
            csp=CSP_PLACEHOLDER,
        )
    except TemplateError as exc:
        raise _template_error(exc) from None
    return page.replace(CSP_PLACEHOLDER, content_security_policy(page), 1)


def _template_error(exc: TemplateError) -> ReportError:
    """A template that does not render: located at its file and line when known."""
    from jinja2 import TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    file, line = None, None
    if isinstance(exc, TemplateSyntaxError):
        file, line = exc.filename, exc.lineno
    else:
        for frame, lineno in traceback.walk_tb(exc.__traceback__):
            name = frame.f_code.co_filename
            if name.endswith(".j2"):
                file, line = name, lineno
    what = "refused (the template sandbox allows no Python internals)"
    message = f"report template {what}: {exc}" if isinstance(exc, SecurityError) else str(exc)
    code = "template-unsafe" if isinstance(exc, SecurityError) else "template-error"
    problem = Problem(code, message, file, line)
    return ReportError("the HTML report template cannot be rendered (see above)", [problem])


def chart_fragment(chart: Any, lang: str) -> str:
    """One chart as an HTML fragment with a stable div id (no plotly.js, no MathJax)."""
    import plotly.io as pio

    return str(
        pio.to_html(
            figure_dict(chart, lang),
            full_html=False,
            include_plotlyjs=False,
            include_mathjax=False,
            div_id=chart.div_id,
            validate=False,
            config=PLOTLY_CONFIG,
        )
    )


def content_security_policy(page: str) -> str:
    """A CSP that allows exactly the inline scripts of ``page`` and nothing from the network."""
    hashes = sorted(
        {
            "'sha256-"
            + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            + "'"
            for body in _SCRIPT.findall(page)
        }
    )
    # plotly sets style attributes on its SVG, so inline styles are needed; styles cannot run
    # code, and all text is escaped. Images only from data:/blob: (plotly's own SVG patterns).
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(hashes) if hashes else "script-src 'none'",
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
