"""Rapporteur commentary: Markdown rendered safely for the HTML report and as plain text.

Commentary is written by people outside the tool's control, so: raw HTML is off (a ``<script>``
stays text), images are off (they would make the self-contained report fetch from the network),
and links keep only http, https, mailto and in-page (#) targets.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack.core.errors import ReportError
from kpitrack.core.files import FileRefused, not_a_plain_directory, read_regular_file
from kpitrack.core.problems import Problem
from kpitrack.report.model import Commentary

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

SAFE_SCHEMES = ("http:", "https:", "mailto:")


MAX_COMMENTARY_BYTES = 256 * 1024
"""A commentary file above 256 KiB is refused: commentary is prose, not a data dump."""


def read_commentary(path: Path) -> Commentary | None:
    """The commentary in ``path`` (UTF-8 Markdown), or None when the file is absent or empty.

    Raises :class:`ReportError` for a symlink (it could pull any file into a published report),
    a FIFO, a device or a directory, and for a file above :data:`MAX_COMMENTARY_BYTES`.
    """
    try:
        raw = read_regular_file(path, MAX_COMMENTARY_BYTES)
    except FileRefused as refused:
        if refused.reason == "missing":
            return None
        raise _refused(path, f"commentary-{refused.reason}", refused.message) from None
    text = raw.decode("utf-8-sig", errors="replace")
    if not text.strip():
        return None
    return commentary_from_markdown(text)


def check_commentary_directories(*directories: Path) -> None:
    """Refuse ``commentary/`` or ``commentary/<as-of>/`` as a symlink (or as a file)."""
    for directory in directories:
        reason = not_a_plain_directory(directory)
        if reason is not None:
            problem = Problem(
                "commentary-symlink", f"commentary directory {reason}", str(directory)
            )
            raise ReportError(f"cannot use commentary {directory}", [problem])


def commentary_from_markdown(text: str) -> Commentary:
    """Render Markdown to sanitised HTML and to plain-text paragraphs."""
    text = _strip_controls(text)
    md = _parser()
    tokens = md.parse(text)
    for token in tokens:
        # Commentary sits under the report's own h1-h3: its headings start at h4.
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 3)}"
    html = md.renderer.render(tokens, md.options, {})
    paragraphs = tuple(
        para
        for token in tokens
        if token.type == "inline"
        for para in [_plain(token)]
        if para.strip()
    )
    return Commentary(markdown=text, html=str(html), paragraphs=paragraphs)


def _refused(path: Path, code: str, what: str) -> ReportError:
    problem = Problem(code, f"commentary file {what}", file=str(path))
    return ReportError(f"cannot use commentary {path}", [problem])


def is_safe_link(url: str) -> bool:
    """Only absolute http/https/mailto links and in-page anchors survive."""
    cleaned = "".join(ch for ch in url if ch > " ").lower()
    return cleaned.startswith(SAFE_SCHEMES) or cleaned.startswith("#")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "html_inline", "html_block"])
    md.enable("table")
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    return md


def _plain(token: object) -> str:
    children = getattr(token, "children", None) or []
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def _strip_controls(text: str) -> str:
    # Characters XML forbids would break the Word renderer and mean nothing in HTML.
    return _FORBIDDEN.sub("", text)


# XML 1.0 forbids C0 controls but tab/LF/CR, lone surrogates and U+FFFE/U+FFFF; DEL is noise.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
