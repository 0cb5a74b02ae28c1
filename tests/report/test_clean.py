"""Hidden characters leave the report model once, so both renderers show the same text."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from kpitrack.report.clean import cleaned, strip_hidden
from kpitrack.report.docx import PROPERTY_LIMIT, _property


@dataclass(frozen=True, slots=True)
class Row:
    note: str
    value: float
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Page:
    title: str
    html: Markup
    rows: tuple[Row, ...]
    texts: dict[str, str]


def test_controls_and_bidi_formatting_are_stripped_and_words_kept() -> None:
    text = "a\u202eb\u202cc \u2066d\u2069 e\u200ef\u200f\u061c g\x1b[31m\x07\x7f\x85 h\ti\nj\r"
    assert strip_hidden(text) == "abc d ef g[31m h\ti\nj\r"


def test_every_string_of_a_nested_model_is_cleaned_and_types_are_kept() -> None:
    page = Page(
        title="Titel\u202e",
        html=Markup("<p>x\u2066y</p>"),
        rows=(Row("noot\x1b", 1.5, ("a\u200f", "b")), Row("schoon", 2.0, ())),
        texts={"kop": "Kop\u2069"},
    )
    clean = cleaned(page)
    assert clean == Page(
        "Titel",
        Markup("<p>xy</p>"),
        (Row("noot", 1.5, ("a", "b")), Row("schoon", 2.0, ())),
        {"kop": "Kop"},
    )
    assert isinstance(clean.html, Markup)
    assert clean.rows[1] is page.rows[1]  # nothing to clean: the same object


def test_word_properties_are_cut_to_their_limit() -> None:
    assert _property("x" * PROPERTY_LIMIT) == "x" * PROPERTY_LIMIT
    cut = _property("\x01" + "y" * 300)
    assert len(cut) == PROPERTY_LIMIT and cut.endswith("…") and cut.startswith("yyy")
