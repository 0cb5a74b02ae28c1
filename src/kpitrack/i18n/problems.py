"""Problem messages in the reader's language: what is wrong with a submitted file, worded for the
partner who sent it.

The library words its problems in English where it finds them: the row checks run millions of
times and stay free of catalogues, and ``validate --format json`` and the CLI keep one stable
English text. A page that shows problems in another language (the portal) rewords each through
:func:`problem_message`: the English message is matched against the message forms below — the
English text with named placeholders — and the form's translation in the catalogue is filled
with the same values. A message that no form matches stays English; tests/i18n/test_problems.py
fails when a problem the file checks produce has no form.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from kpitrack.i18n.catalogue import SOURCE_LANGUAGE, has_catalogue, translations

if TYPE_CHECKING:
    from kpitrack.core.problems import Problem


def N_(message: str) -> str:
    """Mark a message form for the catalogues; it is translated when a problem is shown."""
    return message


# Each form is exactly the English text the code writes, with the variable parts named. Where
# a variable part can hold English words ("none: partner x owns no indicator"), that variant is
# a form of its own: the longest form that matches wins.
FORMS: tuple[str, ...] = (
    # TRANSLATORS: problems of a submitted file, shown to the partner who sent it, one per row
    # and column. Quoted values ({text}, {name}, {code}…) are cells of the file, as typed; lists
    # ({columns}, {indicators}, {codes}) are names the file must use, never translated.
    N_("checking stopped at row {row} after {count} errors; the rest of the file was not checked"),
    N_("the header has {count} columns; a submission has at most {limit} ({columns})"),
    N_("column {name} appears twice"),
    N_("{text} is not a number; write digits like 1234 or 12.5 or 12,5"),
    N_("note has {count} characters; at most {limit}"),
    N_("row has {count} fields, the header has {width}"),
    N_(
        "row has {count} fields, the header has {width}; the header uses {delimiter} but this "
        "row seems to use {other}: use one delimiter for the whole file"
    ),
    N_(
        "the file mixes decimal points and decimal commas (e.g. rows {first} and {second}); "
        "use one decimal mark"
    ),
    N_(
        "numbers like {example} (first in row {row}) could be a decimal or a thousands "
        "separator and no other number settles it; write whole numbers without separators "
        "(1234) or give the decimals unambiguously (1234.5 / 1234,5)"
    ),
    N_(
        "indicator {indicator} has no breakdown by {dimension}; its dimensions: none (totals "
        "only); leave this cell empty"
    ),
    N_(
        "indicator {indicator} has no breakdown by {dimension}; its dimensions: {dimensions}; "
        "leave this cell empty"
    ),
    N_("{code} is not a code of {dimension}; valid codes: {codes}"),
    N_(
        "{text} is not a period; use YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM (e.g. 2019, "
        "2019-H1, 2019-Q3, 2019-05)"
    ),
    # TRANSLATORS: {frequency} is translated as a definition value: year, half-year, quarter…
    N_("{indicator} is reported per {frequency}: write a period like {example}, not {text}"),
    N_("{period} lies before the earliest baseline period of the programme (starting {date})"),
    N_("{period} lies after the programme end ({date})"),
    N_(
        "indicator {indicator} is submitted by {owner}, not by {partner}; your indicators: "
        "none: partner {partner} owns no indicator"
    ),
    N_(
        "indicator {indicator} is submitted by {owner}, not by {partner}; your indicators: "
        "{indicators}"
    ),
    N_("unknown indicator {indicator}; your indicators: none: partner {partner} owns no indicator"),
    N_("unknown indicator {indicator}; your indicators: {indicators}"),
    N_("obs_status M (missing) needs an empty value; remove the value or change obs_status"),
    N_("value is empty: fill in a number, or set obs_status M (missing) and explain in note"),
    N_("obs_status M (missing) needs a note saying why the figure is missing"),
    N_("{value} is not a count: {indicator} counts whole numbers ≥ 0"),
    N_("{value} is not a percentage: {indicator} takes 0 to 100"),
    N_("lower {lower} is above upper {upper}"),
    N_("value {value} is below lower {lower}"),
    N_("value {value} is above upper {upper}"),
    N_(
        "{indicator} {period} (total) is already given in row {row}; one row per indicator, "
        "period and breakdown"
    ),
    N_(
        "{indicator} {period} ({breakdown}) is already given in row {row}; one row per "
        "indicator, period and breakdown"
    ),
    N_("unknown action or milestone {action}; yours: none: partner {partner} owns no action"),
    N_("unknown action or milestone {action}; yours: {actions}"),
    N_(
        "{action} is updated by {owner}, not by {partner}; yours: none: partner {partner} owns "
        "no action"
    ),
    N_("{action} is updated by {owner}, not by {partner}; yours: {actions}"),
    N_("'overdue' is derived from the due date and cannot be submitted; use {states}"),
    N_("status {status} is not one of {states}"),
    N_("{action} on {date} is already updated in row {row}"),
    N_("file is {size} MiB; the limit is {limit} MiB: split it (per year or per indicator)"),
    N_("file is too large; the limit is {limit} MiB: split it (per year or per indicator)"),
    N_("{suffix} is not supported: save as .xlsx or .csv"),
    N_("unknown file type {suffix}: submit .csv or .xlsx"),
    N_("the first line must be the header"),
    N_("the header mixes ',' and ';': use one delimiter for the whole file"),
    N_("tab-separated files are not accepted: use ',' or ';'"),
    # TRANSLATORS: {detail} is the CSV reader's own English words for what broke.
    N_("header: {detail}"),
    N_("{detail}; the rest of the file was not read"),
    N_(
        "the workbook unpacks to {size} MiB; the limit is {limit} MiB: split it (per year or "
        "per indicator)"
    ),
    N_("not a readable .xlsx workbook ({detail})"),
    N_("the workbook has sheets {sheets}: put the figures on a sheet named 'data'"),
    N_("the workbook is damaged ({detail}); the rest was not read"),
    N_("unknown partner {partner}; partners: {partners}"),
    N_("the file has a header but no rows"),
    N_(
        "already stored as submission {seq} ({partner}, {file}, received {received}): the same "
        "bytes are never stored twice; nothing was written"
    ),
    N_(
        "the store does not verify (see above); nothing was written. Run kpitrack verify, "
        "repair the store (git history holds every committed version), then submit again"
    ),
    N_("partner {partner} owns no indicator and no action"),
    # Columns named in Dutch or English (the other names follow "or:"), Dutch codes, 60%,
    # thousands separators, the bound on every number, a source per figure, day-month-year.
    N_(
        "unknown column {name} (did you mean {suggestion}?); valid columns: {columns} (or: {dutch})"
    ),
    N_("unknown column {name}; valid columns: {columns} (or: {dutch})"),
    N_("column {name} is column {other} again"),
    N_("missing column(s) {missing}; a submission needs {columns} (or: {dutch})"),
    N_(
        "{text} is not a number: thousands separators must group three digits (1.234,5 or "
        "1,234.5), or leave them out (1234,5)"
    ),
    N_("{text} is too large: numbers are at most 10^15 (1,000,000,000,000,000) in magnitude"),
    N_(
        "obs_status {status} is not one of A (normal, the default when empty), P (provisional), "
        "E (estimated), B (break in series), M (missing); in Dutch: {words}"
    ),
    # TRANSLATORS: {measure} is the indicator's measure as its definition names it (count,
    # amount, ratio, index).
    N_(
        "{text}: {indicator} is not a percentage ({measure}); write the number without % (in a "
        "spreadsheet: format the cell as a number, not as a percentage)"
    ),
    N_("source has {count} characters; at most {limit}: name the publication, not its contents"),
    N_("{text} is not a date; write YYYY-MM-DD (e.g. 2020-06-30) or DD-MM-YYYY (30-06-2020)"),
    # Encodings of a CSV file.
    N_(
        "the file is not UTF-8: it was read as Windows-1252 (line {line} reads {quoted}); if a "
        "character looks wrong, save the file as 'CSV UTF-8' (Excel: Save As → CSV UTF-8 "
        "(comma delimited))"
    ),
    N_(
        "the file is UTF-16 or UTF-32 ('Unicode text'); save the file as 'CSV UTF-8' (Excel: "
        "Save As → CSV UTF-8 (comma delimited))"
    ),
    N_(
        "byte {byte} is neither UTF-8 nor Windows-1252; save the file as 'CSV UTF-8' (Excel: "
        "Save As → CSV UTF-8 (comma delimited))"
    ),
    N_(
        "the file is not UTF-8 and byte {byte} reads as {windows} in Windows-1252 but as "
        "{latin} in ISO-8859-15: the encoding cannot be told; save the file as 'CSV UTF-8' "
        "(Excel: Save As → CSV UTF-8 (comma delimited))"
    ),
    # Workbooks: a cell as Excel names it ({cell}: C7, 'Blad 2'!B3), what is hidden.
    N_(
        "cell {cell} holds a formula ({formula}); kpitrack reads values only: select the cells, "
        "copy them and paste them back as values (Paste Special → Values; in Dutch Excel: "
        "Plakken speciaal → Waarden)"
    ),
    N_("the sheet {sheet} is hidden: its values are read as submitted; unhide it to check them"),
    N_(
        "the sheet {sheet} is very hidden (only the VBA editor shows it): its values are read as "
        "submitted; unhide it to check them"
    ),
    N_(
        "the sheet {sheet} is hidden and holds values (the first in {cell}); only the sheet "
        "{data} is read: move figures there, or delete the sheet"
    ),
    N_(
        "the sheet {sheet} is very hidden (only the VBA editor shows it) and holds values (the "
        "first in {cell}); only the sheet {data} is read: move figures there, or delete the "
        "sheet"
    ),
    N_(
        "row {row} is hidden and holds values (the first in {cell}); they are read as "
        "submitted: unhide the row to check them"
    ),
    N_(
        "column {column} is hidden and holds values (the first in {cell}); they are read as "
        "submitted: unhide the column to check them"
    ),
    N_(
        "cell {cell} shows {shown} but holds {value} (number format {format}); {value} is "
        "read: check that it is the figure you mean, or show more decimals"
    ),
    # TRANSLATORS: the last line of a kind of warning listed 100 times.
    N_("… and {more} more like these ({count} in all)"),
    # Plausibility: warnings (or errors, where an indicator asks) about valid figures.
    # {figure} is an indicator, its period and its breakdown: "zaken 2019 (region=noord)".
    N_(
        "the cells of {figure} by {dimension} add up to {sum}, but the total is {total}: "
        "correct the cells or the total (or leave a cell out if the breakdown is not complete)"
    ),
    N_(
        "the cells of {figure} by {dimension} add up to {sum}, but the total (stored by "
        "submission {seq}) is {total}: correct the cells or the total (or leave a cell out if "
        "the breakdown is not complete)"
    ),
    N_(
        "{figure}: {value} is {ratio} times above the previous value {was} ({previous}); "
        "more than {factor} times is implausible: check the figure"
    ),
    N_(
        "{figure}: {value} is {ratio} times above the previous value {was} ({previous}, "
        "submission {seq}); more than {factor} times is implausible: check the figure"
    ),
    N_(
        "{figure}: {value} is {ratio} times below the previous value {was} ({previous}); "
        "more than {factor} times is implausible: check the figure"
    ),
    N_(
        "{figure}: {value} is {ratio} times below the previous value {was} ({previous}, "
        "submission {seq}); more than {factor} times is implausible: check the figure"
    ),
    N_(
        "{figure}: {value} looks like a fraction of 1, but the previous value {was} "
        "({previous}) is on the scale 0 to 100: write {percent} for {percent}%"
    ),
    N_(
        "{figure}: {value} looks like a fraction of 1, but the previous value {was} "
        "({previous}, submission {seq}) is on the scale 0 to 100: write {percent} for "
        "{percent}%"
    ),
    N_(
        "{figure}: {value} looks like a fraction of 1, but the baseline and targets of the "
        "indicator are on the scale 0 to 100: write {percent} for {percent}%"
    ),
    N_(
        "{figure}: {value} is on the scale 0 to 100, but the previous value {was} "
        "({previous}) looks like a fraction of 1: if it meant {percent}%, submit a correction "
        "of it"
    ),
    N_(
        "{figure}: {value} is on the scale 0 to 100, but the previous value {was} "
        "({previous}, submission {seq}) looks like a fraction of 1: if it meant {percent}%, "
        "submit a correction of it"
    ),
    N_(
        "{indicator} {period} ends on {end}, not before the day this file is received "
        "({today}): a figure for a period that has not ended is a forecast; submit it once the "
        "period is over"
    ),
    N_(
        "{action} is updated on {date}, after the day it is received ({today}): report what "
        "has happened, not what is planned"
    ),
)

_NUMBERS = ("count", "limit", "size", "width", "more")
"""Placeholders that hold an amount the code wrote in English (10,000): written again in the
reader's language (row numbers stay as they are)."""
_ENGLISH_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


@dataclass(frozen=True, slots=True)
class _Form:
    source: str
    pattern: re.Pattern[str]
    literal: int
    """Characters of fixed text: the more, the more specific the form."""


def problem_message(message: str, lang: str) -> str:
    """``message`` (a problem's English text) in ``lang``; unchanged in English, in a language
    without a catalogue, and when no form matches it."""
    if lang == SOURCE_LANGUAGE or not has_catalogue(lang):
        return message
    found = match_form(message)
    if found is None:
        return message
    source, values = found
    shown = {name: _value(name, value, lang) for name, value in values.items()}
    return translations(lang).gettext(source).format(**shown)


def localized_problem(problem: Problem, lang: str) -> Problem:
    """``problem`` with its message in ``lang`` (code and location unchanged)."""
    return replace(problem, message=problem_message(problem.message, lang))


def match_form(message: str) -> tuple[str, dict[str, str]] | None:
    """The form ``message`` is worded in and the values of its placeholders, or None."""
    for form in _forms():
        match = form.pattern.fullmatch(message)
        if match is not None:
            return form.source, match.groupdict()
    return None


@lru_cache(maxsize=1)
def _forms() -> tuple[_Form, ...]:
    made = []
    for source in FORMS:
        parts: list[str] = []
        named: set[str] = set()
        literal = 0
        for text, name, _spec, _conversion in string.Formatter().parse(source):
            parts.append(re.escape(text))
            literal += len(text)
            if name is None:
                continue
            parts.append(f"(?P={name})" if name in named else f"(?P<{name}>.+?)")
            named.add(name)
        made.append(_Form(source, re.compile("".join(parts), re.DOTALL), literal))
    return tuple(sorted(made, key=lambda form: -form.literal))


def _value(name: str, value: str, lang: str) -> str:
    if name == "frequency":
        from kpitrack.i18n.change_words import coded_value

        return coded_value(value, lang)
    if name in _NUMBERS and _ENGLISH_NUMBER.fullmatch(value):
        from kpitrack.i18n.formatting import format_number

        return format_number(int(value.replace(",", "")), lang)
    return value
