"""A safe YAML reader that locates every value and refuses what people get wrong (design §3).

Built on PyYAML's *event* stream: values are assembled from parse events, so no object is ever
constructed by a tag, an alias is never expanded (a billion-laughs file costs one pass over its
events) and every node's line and column are known. Plain scalars resolve like YAML 1.2 core;
a plain scalar that YAML 1.1 would read differently is an error with the hint to quote it.
Mapping keys are always strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kpitrack.core.files import FileRefused, read_regular_file
from kpitrack.core.problems import Problem

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_NUMBER_CHARS = 30
"""Plain numbers longer than this are refused (no 5,000-digit integer, no float overflow)."""

YamlPath = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line, column

# The value of a refused (complex) key is read but not kept.
_DROPPED = "\x00dropped"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDocument:
    """Plain data of one file plus where each value (and each mapping key) starts."""

    file: str
    data: Any = None
    positions: dict[YamlPath, Position] = field(default_factory=dict)
    key_positions: dict[YamlPath, Position] = field(default_factory=dict)

    def position(self, path: YamlPath, *, key: bool = False) -> Position:
        """Position of ``path`` (its key when ``key``), else of the nearest ancestor."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


def read_yaml(path: Path, display: str | None = None) -> tuple[YamlDocument, list[Problem]]:
    """Read one YAML file; problems are returned, never raised. ``display`` names it in errors.

    Only a regular file of at most :data:`MAX_BYTES` is read: a symlink, a FIFO, a device or a
    directory is refused with a located problem, without reading or waiting.
    """
    name = display if display is not None else str(path)
    doc = YamlDocument(file=name)
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except FileRefused as refused:
        return doc, [refused.problem(name)]
    text, problem = decode_utf8(raw, name)
    if problem is not None:
        return doc, [problem]
    return parse_yaml(text, name)


def decode_utf8(raw: bytes, name: str) -> tuple[str, Problem | None]:
    """Decode UTF-8 (a BOM is allowed); the problem locates the first byte that is not UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return "", Problem(
            "encoding",
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
            file=name,
            line=line,
            column=column,
        )


def parse_yaml(text: str, name: str = "<string>") -> tuple[YamlDocument, list[Problem]]:
    """Parse YAML text into a :class:`YamlDocument`, collecting every problem found."""
    builder = _Builder(name)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if builder.feed(event):
                builder.doc.data = None
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or str(exc)
        if exc.context:
            what = f"{what} ({exc.context})"
        builder.problem("yaml-syntax", what, mark)
        builder.doc.data = None
    except yaml.YAMLError as exc:
        # The reader's errors (forbidden control characters) carry a position but no mark.
        position = getattr(exc, "position", None)
        line, column = _offset_position(text, position) if position is not None else (None, None)
        builder.problems.append(
            Problem("yaml-syntax", _reader_message(exc), file=name, line=line, column=column)
        )
        builder.doc.data = None
    return builder.doc, builder.problems


class _Frame:
    __slots__ = ("container", "key", "key_mark", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: YamlPath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None  # pending mapping key, waiting for its value
        self.key_mark: Any = None


class _Builder:
    """Turns parse events into plain values, positions and problems."""

    def __init__(self, name: str) -> None:
        self.doc = YamlDocument(file=name)
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.documents = 0

    def problem(self, code: str, message: str, mark: Any, path: YamlPath = ()) -> None:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        self.problems.append(
            Problem(
                code,
                message,
                file=self.doc.file,
                line=line,
                column=column,
                path=format_path(path) or None,
            )
        )

    def feed(self, event: Any) -> bool:
        """Handle one event; True stops the parse (a problem that makes going on pointless)."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problem(
                    "yaml-syntax",
                    "only one YAML document per file ('---' starts another)",
                    event.start_mark,
                )
                return True
            return False
        if isinstance(event, yaml.AliasEvent):
            self.problem(
                "yaml-alias",
                f"alias *{event.anchor} is not allowed; write the value out in full",
                event.start_mark,
                self._next_path(),
            )
            self._value(None, event.start_mark)
            return False
        if isinstance(event, yaml.NodeEvent):
            self._check_node(event)
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                self.problem(
                    "yaml-too-deep",
                    f"nesting deeper than {MAX_DEPTH} levels is not allowed",
                    event.start_mark,
                    self._next_path(),
                )
                return True
            self._open(event)
        elif isinstance(event, yaml.CollectionEndEvent):
            self._close()
        return False

    def _check_node(self, event: Any) -> None:
        path = self._next_path()
        if event.anchor is not None:
            self.problem(
                "yaml-anchor",
                f"anchor &{event.anchor} is not allowed (anchors and aliases are refused); "
                "write each value out in full",
                event.start_mark,
                path,
            )
        if event.tag is not None:
            self.problem(
                "yaml-tag",
                f"tag {event.tag} is not allowed; remove it (quote the value if it must be text)",
                event.start_mark,
                path,
            )

    def _scalar(self, event: Any) -> None:
        plain = not event.style and event.tag is None
        text: str = event.value
        frame = self.stack[-1] if self.stack else None
        is_key = (
            isinstance(frame, _Frame) and isinstance(frame.container, dict) and (frame.key is None)
        )
        if plain:
            hint = ambiguity(text)
            if hint is not None:
                where = self._next_path() if not is_key else (*self.stack[-1].path, text)
                self.problem(
                    "yaml-ambiguous-scalar",
                    f"{text!r} is read differently by YAML 1.1 and 1.2 ({hint}); "
                    f'quote it: "{text}"',
                    event.start_mark,
                    where,
                )
        where = self._next_path() if not is_key else (*self.stack[-1].path, text)
        forbidden = _FORBIDDEN.search(text)
        if forbidden is not None:
            # Only an escape ("\x01") gets here (the reader refuses them raw); reports cannot
            # show such characters and Word refuses them.
            self.problem(
                "yaml-control-character",
                f"character U+{ord(forbidden.group()):04X} is not allowed in a text; remove it",
                event.start_mark,
                where,
            )
        if plain and len(text) > MAX_NUMBER_CHARS and (_INT.match(text) or _FLOAT.match(text)):
            self.problem(
                "yaml-number",
                f"a number of {len(text):,} characters is not allowed (at most "
                f"{MAX_NUMBER_CHARS}); check the value",
                event.start_mark,
                where,
            )
            plain = False  # kept as text: never converted
        if is_key:
            assert frame is not None
            self._key(frame, text, event.start_mark)
            return
        self._value(resolve_plain(text) if plain else text, event.start_mark)

    def _key(self, frame: _Frame, key: str, mark: Any) -> None:
        assert isinstance(frame.container, dict)
        path = (*frame.path, key)
        if key in frame.container:
            first = self.doc.key_positions.get(path)
            where = f" (first at line {first[0]})" if first else ""
            self.problem("yaml-duplicate-key", f"duplicate key {key!r}{where}", mark, path)
        else:
            self.doc.key_positions[path] = (mark.line + 1, mark.column + 1)
        frame.key = key
        frame.key_mark = mark

    def _next_path(self) -> YamlPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        return frame.path + ((frame.key,) if frame.key is not None else ())

    def _value(self, value: Any, mark: Any) -> None:
        path = self._next_path()
        self.doc.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        if not self.stack:
            self.doc.data = value
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            frame.container.append(value)
        elif frame.key is None:
            # A collection used as a mapping key: refused, and its contents are dropped.
            self.problem("yaml-complex-key", "a mapping key must be a plain text", mark, path)
            frame.key = _DROPPED
        else:
            if frame.key not in frame.container and frame.key != _DROPPED:
                frame.container[frame.key] = value
            frame.key = None

    def _open(self, event: Any) -> None:
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        path = self._next_path()
        self._value(container, event.start_mark)
        self.stack.append(_Frame(container, path))

    def _close(self) -> None:
        if self.stack:
            self.stack.pop()


_AMBIGUOUS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(?:y|n|yes|no|on|off)$", re.IGNORECASE),
        "YAML 1.1 reads it as true/false",
    ),
    (re.compile(r"^[-+]?0[0-9]+$"), "YAML 1.1 reads a leading zero as an octal number"),
    (re.compile(r"^[-+]?0[oOxXbB][0-9a-fA-F_]+$"), "a number in another base"),
    (re.compile(r"^[-+]?[0-9.][0-9_.]*_[0-9_.]*$"), "YAML 1.1 reads it as a number, ignoring _"),
    (
        re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$"),
        "YAML 1.1 reads it as a base-60 number",
    ),
    (
        re.compile(r"^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)[eE][-+]?[0-9]+$"),
        "YAML 1.2 reads it as a number in exponent notation, YAML 1.1 as text",
    ),
    (
        re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ]|[ \t]+)[0-9]{1,2}:[0-9]{2}"),
        "YAML 1.1 reads it as a timestamp",
    ),
    (
        re.compile(r"^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$"),
        "read as an infinite or not-a-number value",
    ),
]

_BOOL_FIRST = frozenset("yYnNoO")
_NUMBER_FIRST = frozenset("0123456789+-.")

# Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def ambiguity(text: str) -> str | None:
    """Why YAML 1.1 and 1.2 read this plain scalar differently, or None when they agree."""
    first = text[:1]
    if first in _BOOL_FIRST:
        pattern, hint = _AMBIGUOUS[0]
        return hint if len(text) <= 3 and pattern.match(text) else None
    if not first or first not in _NUMBER_FIRST:
        return None  # every other ambiguous form starts like a number
    for pattern, hint in _AMBIGUOUS[1:]:
        if pattern.match(text):
            return hint
    return None


def resolve_plain(text: str) -> Any:
    """Resolve a plain scalar like YAML 1.2 core (plus dates); anything else stays text."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    if _DATE.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text


def format_path(path: YamlPath) -> str:
    """``('action_lines', 2, 'actions', 0, 'due')`` → ``action_lines[2].actions[0].due``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = str(part)
            if not re.match(r"^[A-Za-z0-9_-]+$", text):
                text = f"[{text!r}]"
                out += text
                continue
            out += f".{text}" if out else text
    return out


def _offset_position(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _reader_message(exc: yaml.YAMLError) -> str:
    character = getattr(exc, "character", None)
    if isinstance(character, str):
        return f"character U+{ord(character):04X} is not allowed in YAML; remove it"
    return str(exc).splitlines()[0] if str(exc) else "the file cannot be read as YAML"
