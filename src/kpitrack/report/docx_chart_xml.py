"""The DrawingML chart part (``c:chartSpace``) of a :class:`ChartPlan`, and its place in Word.

Written as a string, in the element order of the ECMA-376 schema (``dml-chart.xsd``; a test
validates every chart against it), rather than through python-pptx's chart writer: that writer
styles all series alike, so each series' markers, dashes, per-point markers and error bars would
have to be patched into its output afterwards, and it would add python-pptx, Pillow and
XlsxWriter to the runtime. Here each element is written once, as the report needs it.

Values are number references (``c:numRef``) with their cached values, which Word and
LibreOffice draw from; the references name the cells of the workbook embedded with each chart
(:mod:`kpitrack.report.docx_chart_data`), which Word opens for "Edit data".

All chart text is 9 pt at the printed size (the chart is placed at its full 16 cm width).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from xml.sax.saxutils import escape

from kpitrack.report.docx_chart import (
    ACTUAL,
    BASELINE,
    PROVISIONAL,
    SUPERSEDED,
    TARGET,
    ChartPlan,
    Series,
)
from kpitrack.report.docx_chart_data import SHEET, column_letters
from kpitrack.report.docx_text import clean_text

CHART_WIDTH_CM = 16.0  # the text width of A4 with 2.5 cm margins
CHART_HEIGHT_CM = 8.0
EMU_PER_CM = 360_000
TEXT_SIZE = 900  # hundredths of a point: 9 pt
TEXT_COLOUR = "1F1F1F"
AXIS_COLOUR = "595959"
GRID_COLOUR = "D9D9D9"
_CAT_AX, _VAL_AX = 500000001, 500000002

NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_RELATIONSHIP = NS_R + "/chart"


@dataclass(frozen=True, slots=True)
class Look:
    """How a series is drawn: its line (none when ``line`` is empty) and its markers."""

    line: str = ""
    width_emu: int = 28_575  # 2.25 pt
    dash: str = ""
    symbol: str = "none"
    size: int = 7
    fill: str = ""
    outline: str = ""


# Shape carries the meaning as well as colour: open markers are not final figures, the
# superseded target is an open grey diamond (as in the HTML chart).
LOOKS = {
    "baseline": Look(symbol="square", size=9, fill=BASELINE, outline=BASELINE),
    "target_path": Look(line=TARGET, width_emu=22_225, dash="dash"),
    "actual": Look(line=ACTUAL, symbol="circle", size=7, fill=ACTUAL, outline=ACTUAL),
    "provisional": Look(symbol="circle", size=9, fill=PROVISIONAL, outline=PROVISIONAL),
    "provisional_centre": Look(symbol="circle", size=4, fill="FFFFFF", outline="FFFFFF"),
    "target": Look(symbol="diamond", size=10, fill=TARGET, outline=TARGET),
    "superseded": Look(symbol="diamond", size=10, fill=SUPERSEDED, outline=SUPERSEDED),
    "superseded_centre": Look(symbol="diamond", size=5, fill="FFFFFF", outline="FFFFFF"),
}
# Number formats are written in the en-US notation; the locale prefix makes LibreOffice show
# the report language's separators (Word uses the reader's own).
# The locale of the value axis's number format. French takes France's (40C): Word's and
# LibreOffice's fr-BE group thousands with a dot (8.000), the report's text as CLDR's fr_BE does,
# with a space (8 000), and an axis must read like the text beside it.
_LCID = {"nl-NL": "413", "en-GB": "809", "fr-BE": "40C", "de-DE": "407", "fy-NL": "462"}


def inline_chart(rid: str, shape_id: int, description: str, title: str) -> str:
    """The ``wp:inline`` drawing that shows the chart part related as ``rid``, with alt text."""
    cx = round(CHART_WIDTH_CM * EMU_PER_CM)
    cy = round(CHART_HEIGHT_CM * EMU_PER_CM)
    return (
        f'<w:drawing xmlns:w="{NS_W}" xmlns:wp="{NS_WP}" xmlns:a="{NS_A}" xmlns:c="{NS_C}"'
        f' xmlns:r="{NS_R}"><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="{_attr(f"Chart {shape_id}")}"'
        f' descr="{_attr(description)}" title="{_attr(title)}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic><a:graphicData uri="{NS_C}"><c:chart r:id="{_attr(rid)}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def chart_space(plan: ChartPlan, language: str, font: str = "", workbook_rid: str = "") -> bytes:
    """The chart part's XML for ``plan``; ``language`` is a tag such as ``nl-NL``, ``font`` the
    typeface of the chart's text (the document's body font; empty: the office suite's own),
    ``workbook_rid`` the chart part's relationship to its embedded workbook (none when empty)."""
    out = [
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n",
        f'<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">',
        '<c:date1904 val="0"/>',
        f'<c:lang val="{_attr(language)}"/>',
        '<c:roundedCorners val="0"/>',
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>',
        '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>',
    ]
    for order, series in enumerate(plan.series):
        out.append(_series(plan, series, order))
    out.append(
        f'<c:marker val="1"/><c:axId val="{_CAT_AX}"/><c:axId val="{_VAL_AX}"/></c:lineChart>'
    )
    text = _text_props(font)
    out.append(_category_axis(plan, text))
    out.append(_value_axis(plan, text, font, _LCID.get(language, "")))
    out.append(f"<c:spPr>{_fill('FFFFFF')}{_no_line()}</c:spPr></c:plotArea>")
    if plan.legend:
        hidden = "".join(
            f'<c:legendEntry><c:idx val="{i}"/><c:delete val="1"/></c:legendEntry>'
            for i, series in enumerate(plan.series)
            if not series.in_legend
        )
        out.append(f'<c:legend><c:legendPos val="b"/>{hidden}<c:overlay val="0"/>{text}</c:legend>')
    out.append('<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>')
    out.append(f"<c:spPr>{_fill('FFFFFF')}{_no_line()}</c:spPr>")
    out.append(text)
    if workbook_rid:
        out.append(f'<c:externalData r:id="{_attr(workbook_rid)}"><c:autoUpdate val="0"/>')
        out.append("</c:externalData>")
    out.append("</c:chartSpace>")
    return "".join(out).encode("utf-8")


def _series(plan: ChartPlan, series: Series, order: int) -> str:
    look = LOOKS[series.kind]
    if not series.joined:
        look = dataclasses.replace(look, line="")
    if look.symbol != "none" and plan.marker_scale != 1:
        size = max(3, round(look.size * plan.marker_scale))
        look = dataclasses.replace(look, size=size)
    column = column_letters(order + 1)
    n = len(plan.categories)
    out = [
        f'<c:ser><c:idx val="{order}"/><c:order val="{order}"/>',
        f"<c:tx><c:strRef><c:f>{SHEET}!${column}$1</c:f><c:strCache>"
        f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{_esc(series.name)}</c:v></c:pt>'
        "</c:strCache></c:strRef></c:tx>",
        f"<c:spPr>{_line(look.line, look.width_emu, look.dash)}</c:spPr>",
        _marker(look.symbol, look.size, look.fill, look.outline),
    ]
    for index in sorted(series.markers):
        symbol = series.markers[index]
        # A diamond or triangle looks smaller than a circle of the same size.
        size = look.size + (1 if symbol in ("diamond", "triangle") else 0)
        out.append(
            f'<c:dPt><c:idx val="{index}"/>'
            f"{_marker(symbol, size, look.fill, look.outline)}"
            '<c:bubble3D val="0"/></c:dPt>'
        )
    if series.plus:
        bars = len(plan.series) + 1  # the error bar columns follow the series columns
        out.append(
            '<c:errBars><c:errBarType val="both"/><c:errValType val="cust"/>'
            '<c:noEndCap val="0"/>'
            f"<c:plus>{_numbers(column_letters(bars), n, series.plus)}</c:plus>"
            f"<c:minus>{_numbers(column_letters(bars + 1), n, series.minus)}</c:minus>"
            f"<c:spPr>{_line(look.line or ACTUAL, 19_050)}</c:spPr></c:errBars>"
        )
    out.append(f"<c:cat>{_strings('A', plan.labels)}</c:cat>")
    out.append(f"<c:val>{_numbers(column, n, series.values)}</c:val>")
    out.append('<c:smooth val="0"/></c:ser>')
    return "".join(out)


def _category_axis(plan: ChartPlan, text: str) -> str:
    # The labels between the shown ones are blank (see docx_chart._axis_labels); on a dense
    # axis a tick mark per category would be a comb, so the labels alone mark the periods.
    ticks = "out" if plan.label_skip <= 1 else "none"
    return (
        f'<c:catAx><c:axId val="{_CAT_AX}"/><c:scaling><c:orientation val="minMax"/>'
        '</c:scaling><c:delete val="0"/><c:axPos val="b"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/>'
        f'<c:majorTickMark val="{ticks}"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="low"/><c:spPr>{_line(AXIS_COLOUR, 9_525)}</c:spPr>'
        f"{text}"
        f'<c:crossAx val="{_VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        '<c:tickLblSkip val="1"/><c:tickMarkSkip val="1"/>'
        '<c:noMultiLvlLbl val="1"/></c:catAx>'
    )


def _value_axis(plan: ChartPlan, text: str, font: str, lcid: str) -> str:
    axis = plan.axis
    number_format = f"[$-{lcid}]{axis.number_format}" if lcid else axis.number_format
    title = ""
    if plan.y_title:
        # Rotated along the axis; laid out by the office suite beside the tick labels.
        title = (
            '<c:title><c:tx><c:rich><a:bodyPr rot="-5400000" vert="horz"/><a:lstStyle/>'
            f"<a:p><a:pPr>{_run_props('a:defRPr', font)}</a:pPr>"
            f"<a:r>{_run_props('a:rPr', font)}<a:t>{_esc(plan.y_title)}</a:t></a:r></a:p>"
            '</c:rich></c:tx><c:overlay val="0"/></c:title>'
        )
    return (
        f'<c:valAx><c:axId val="{_VAL_AX}"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{_number(axis.maximum)}"/><c:min val="{_number(axis.minimum)}"/>'
        '</c:scaling><c:delete val="0"/><c:axPos val="l"/>'
        f"<c:majorGridlines><c:spPr>{_line(GRID_COLOUR, 9_525)}</c:spPr></c:majorGridlines>"
        f"{title}"
        f'<c:numFmt formatCode="{_attr(number_format)}" sourceLinked="0"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f"<c:spPr>{_line(AXIS_COLOUR, 9_525)}</c:spPr>{text}"
        f'<c:crossAx val="{_CAT_AX}"/><c:crosses val="autoZero"/>'
        f'<c:crossBetween val="between"/><c:majorUnit val="{_number(axis.step)}"/></c:valAx>'
    )


# --- pieces ------------------------------------------------------------------------------------


def _strings(column: str, values: tuple[str, ...]) -> str:
    points = "".join(f'<c:pt idx="{i}"><c:v>{_esc(v)}</c:v></c:pt>' for i, v in enumerate(values))
    last = len(values) + 1
    return (
        f"<c:strRef><c:f>{SHEET}!${column}$2:${column}${last}</c:f><c:strCache>"
        f'<c:ptCount val="{len(values)}"/>{points}</c:strCache></c:strRef>'
    )


def _numbers(column: str, n: int, values: tuple[float | None, ...]) -> str:
    # An empty cell has no c:pt at all: the chart shows a gap there.
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{_number(v)}</c:v></c:pt>'
        for i, v in enumerate(values)
        if v is not None
    )
    return (
        f"<c:numRef><c:f>{SHEET}!${column}$2:${column}${n + 1}</c:f><c:numCache>"
        f'<c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>{points}'
        "</c:numCache></c:numRef>"
    )


def _marker(symbol: str, size: int, fill: str, outline: str) -> str:
    if symbol == "none":
        return '<c:marker><c:symbol val="none"/></c:marker>'
    return (
        f'<c:marker><c:symbol val="{symbol}"/><c:size val="{size}"/>'
        f"<c:spPr>{_fill(fill)}{_line(outline, 19_050)}</c:spPr></c:marker>"
    )


def _line(colour: str, width_emu: int = 28_575, dash: str = "") -> str:
    if not colour:
        return _no_line()
    pattern = f'<a:prstDash val="{dash}"/>' if dash else ""
    return f'<a:ln w="{width_emu}" cap="rnd">{_fill(colour)}{pattern}<a:round/></a:ln>'


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>' if colour else "<a:noFill/>"


def _no_line() -> str:
    return "<a:ln><a:noFill/></a:ln>"


def _run_props(tag: str, font: str) -> str:
    face = f'<a:latin typeface="{_attr(font)}"/><a:cs typeface="{_attr(font)}"/>' if font else ""
    return f'<{tag} sz="{TEXT_SIZE}" b="0">{_fill(TEXT_COLOUR)}{face}</{tag}>'


def _text_props(font: str) -> str:
    props = _run_props("a:defRPr", font)
    return f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{props}</a:pPr></a:p></c:txPr>"


def _number(value: float) -> str:
    return repr(float(value)) if value != int(value) or abs(value) >= 1e15 else str(int(value))


def _esc(text: str) -> str:
    return escape(_clean(text))


def _attr(text: str) -> str:
    return escape(_clean(text), {'"': "&quot;"})


def _clean(text: str) -> str:
    return clean_text(text)
