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
from kpitrack.report.plotly_bundle import plotly_bundle

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
# The printed page (A4, margins in mm); the charts are redrawn at the text width for printing.
PAGE_MARGINS_MM = (22, 18, 20, 18)  # top, right, bottom, left
PRINT_CHART_WIDTH_PX = round((210 - PAGE_MARGINS_MM[1] - PAGE_MARGINS_MM[3]) / 25.4 * 96) - 4
# A chart keeps the width it was drawn at on screen; printing lays the page out narrower, so
# before printing every chart is redrawn at the printed text width, and afterwards at the
# window's width again. Plotly draws synchronously, so the print sees the redrawn charts.
PRINT_JS = f"""(function () {{
  function charts() {{ return document.querySelectorAll(".js-plotly-plot"); }}
  window.addEventListener("beforeprint", function () {{
    if (!window.Plotly) return;
    charts().forEach(function (div) {{
      window.Plotly.relayout(div, {{ width: {PRINT_CHART_WIDTH_PX} }});
    }});
  }});
  window.addEventListener("afterprint", function () {{
    if (!window.Plotly) return;
    charts().forEach(function (div) {{
      window.Plotly.relayout(div, {{ width: null }}).then(function () {{
        window.Plotly.Plots.resize(div);
      }});
    }});
  }});
}})();"""


def render_html(model: ReportModel, templates: TemplateSet) -> str:
    """The HTML report of ``model``; byte-identical for the same model and templates."""
    from jinja2 import StrictUndefined, TemplateError
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    env = SandboxedEnvironment(
        loader=templates.jinja_loader(),
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
    plotly_js = plotly_bundle()
    try:
        page = env.get_template(TEMPLATE).render(
            model=model,
            t=model.texts,
            charts=charts,
            css=Markup(templates.read_text(STYLESHEET)),
            page_css=Markup(page_css(model)),
            print_js=Markup(PRINT_JS),
            plotly_js=Markup(plotly_js.replace("</script", "<\\/script")),
            csp=CSP_PLACEHOLDER,
        )
    except TemplateError as exc:
        raise _template_error(exc) from None
    return page.replace(CSP_PLACEHOLDER, content_security_policy(page), 1)


def page_css(model: ReportModel) -> str:
    """The printed page: A4, the programme title as running header, page numbers, and the draft
    mark in the top margin of every page (where it can never cover text).

    Generated rather than in ``report.css`` because it holds the programme's title and words in
    the report's language; it comes before the stylesheet, so a workspace's ``report.css`` can
    still restyle or replace it.
    """
    top, right, bottom, left = PAGE_MARGINS_MM
    texts = model.texts
    page_number = " ".join(
        "counter(page)"
        if piece == "{page}"
        else "counter(pages)"
        if piece == "{pages}"
        else css_string(piece)
        for piece in re.split(r"(\{page\}|\{pages\})", texts["page_x_of_y"])
        if piece
    )
    muted = 'font: 8pt "DejaVu Sans", Arial, sans-serif; color: #4b5563;'
    draft = (
        f"  @top-right {{ content: {css_string(texts['draft'])}; text-transform: uppercase;"
        ' font: bold 9pt "DejaVu Sans", Arial, sans-serif; letter-spacing: .08em;'
        " color: #a4161a;"
        " vertical-align: bottom; padding-bottom: 3mm; }\n"
        if model.draft
        else ""
    )
    return (
        "@page {\n"
        f"  size: A4; margin: {top}mm {right}mm {bottom}mm {left}mm;\n"
        f"  @top-left {{ content: {css_string(model.title)}; {muted}"
        " vertical-align: bottom; padding-bottom: 3mm; }\n"
        f"{draft}"
        f"  @bottom-center {{ content: {page_number}; {muted} }}\n"
        "}\n"
        "@page :first {\n  @top-left { content: none; }\n  @bottom-center { content: none; }\n}"
    )


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that is safe inside ``<style>``.

    Every character but letters, digits and spaces is written as a six-digit escape, so no
    quote, backslash or ``</style>`` in a programme title can end the string or the element.
    """
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x}" for c in text) + '"'


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
