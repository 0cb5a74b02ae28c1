"""Fuzz the commentary sanitiser: whatever the Markdown, the HTML carries only safe tags,
attributes and link targets, and no character XML forbids."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kpitrack.report.markdown import commentary_from_markdown, is_safe_link

from .conftest import FUZZ

PIECES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "[x](javascript:alert(1))",
    "[x]( JAVAscript:alert(1))",
    "[x](java\tscript:1)",
    "[x](data:text/html,1)",
    "[x](vbscript:1)",
    "<javascript:alert(1)>",
    "![i](http://evil/x.png)",
    "[x](https://ok.example/)",
    "[x](#anker)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "| a | b |\n|---|:-:|\n| 1 | 2 |\n",
    "# kop\n",
    "```\n<script>\n```\n",
    "&lt;script&gt;",
    "&#106;avascript:",
    "\x00",
    "\x01",
    "\x0b",
    "\ufffe",
    "\u202e",
    "\n",
    "> ",
    "* ",
    "1. ",
    "**",
    "`",
]

ALLOWED_TAGS = {
    "p", "em", "strong", "a", "code", "pre", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
    "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"href", "title", "start", "style", "class"}

markdown = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map(
    "".join
)


@FUZZ
@given(markdown)
def test_sanitised_html_has_only_safe_tags_and_links(text: str) -> None:
    commentary = commentary_from_markdown(text)
    html = commentary.html
    for tag, attributes in re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)([^>]*)>", html):
        assert tag.lower() in ALLOWED_TAGS, tag
        for name, value in re.findall(r'([a-zA-Z:-]+)="([^"]*)"', attributes):
            assert name in ALLOWED_ATTRIBUTES, name
            if name == "href":
                assert is_safe_link(value.replace("&amp;", "&")), value
            if name == "style":
                assert re.fullmatch(r"text-align:(left|right|center)", value), value
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", html)
    assert not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", p) for p in commentary.paragraphs)


@FUZZ
@given(st.text(max_size=60))
def test_is_safe_link_refuses_every_script_scheme(suffix: str) -> None:
    for scheme in ("javascript:", "JavaScript:", " javascript:", "java\tscript:", "data:"):
        assert not is_safe_link(scheme + suffix)
