"""The workbook embedded in each Word chart, so that the rapporteur can edit its data in Word.

Word draws a chart from the values cached in the chart part; "Edit data" opens the embedded
workbook, and without one Word reports that the linked file is not available. The workbook holds
exactly the cells the chart's formulas name (``Sheet1``: column A the axis labels, then one
column per series, then the error bars), written here as a minimal SpreadsheetML package: one
sheet of numbers and inline strings, with fixed zip timestamps so reports stay byte-identical.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from kpitrack.report.docx_chart import ChartPlan
from kpitrack.report.docx_text import clean_text

WORKBOOK_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "Sheet1"
_EPOCH = (1980, 1, 1, 0, 0, 0)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

_FILES = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/></Types>'
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        f'<sheet name="{SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
    ),
    "xl/styles.xml": (
        f'<styleSheet xmlns="{_MAIN}"><fonts count="1"><font><sz val="11"/>'
        '<name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill '
        'patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" '
        'fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle '
        'name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    ),
}


def workbook(plan: ChartPlan, period_heading: str) -> bytes:
    """The .xlsx holding the cells the chart of ``plan`` refers to."""
    columns: list[tuple[str, tuple[object, ...]]] = [(period_heading, plan.labels)]
    columns += [(s.name, s.values) for s in plan.series]
    bars = next((s for s in plan.series if s.plus), None)
    if bars is not None:
        columns += [(f"{bars.name} +", bars.plus), (f"{bars.name} −", bars.minus)]
    rows = [f'<row r="1">{"".join(_cell(c, 1, h) for c, (h, _) in enumerate(columns))}</row>']
    for index in range(len(plan.categories)):
        r = index + 2
        cells = "".join(_cell(c, r, values[index]) for c, (_, values) in enumerate(columns))
        rows.append(f'<row r="{r}">{cells}</row>')
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(rows)}</sheetData></worksheet>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (*_FILES.items(), ("xl/worksheets/sheet1.xml", sheet)):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text)
    return buffer.getvalue()


def column_letters(number: int) -> str:
    """Spreadsheet column letters of a 0-based column number (0 → A, 26 → AA)."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(column: int, row: int, value: object) -> str:
    ref = f"{column_letters(column)}{row}"
    if value is None or value == "":
        return ""
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{float(value)!r}</v></c>'
    text = escape(clean_text(str(value)))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
