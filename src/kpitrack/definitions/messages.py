"""Pydantic validation errors reworded for people and located in the YAML file.

Each error's ``loc`` is walked through the parsed data to find the YAML path and its line and
column; the message says what is wrong and what would be valid (the keys a mapping takes, the
values a choice allows, the form of an id).
"""

from __future__ import annotations

import difflib
import types
import typing
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from kpitrack.core.problems import Problem
from kpitrack.definitions.models import LOWER_ID, MIXED_ID
from kpitrack.definitions.yamlsafe import YamlDocument, YamlPath, format_path

_PATTERNS = {
    LOWER_ID: "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit",
    MIXED_ID: "letters, digits, '.', '_' and '-', starting with a letter or digit",
    r"^[a-z]{2,3}$": "a language code of two or three lower-case letters (nl, en, fy)",
}


def validation_problems(
    exc: ValidationError,
    model: type[BaseModel],
    doc: YamlDocument,
    languages: list[str] | None = None,
) -> list[Problem]:
    """One located problem per error (alternatives of a union merged into one)."""
    problems: list[Problem] = []
    union_groups: dict[YamlPath, list[dict[str, Any]]] = {}
    for details in exc.errors(include_url=False):
        error: dict[str, Any] = dict(details)
        loc = tuple(error["loc"])
        branch = _union_branch(loc, doc.data)
        if branch is not None:
            union_groups.setdefault(branch, []).append(error)
            continue
        problems.append(_problem(error, loc, model, doc, languages))
    for prefix, errors in union_groups.items():
        problems.extend(_union_problems(prefix, errors, model, doc, languages))
    return problems


def _problem(
    error: dict[str, Any],
    loc: tuple[Any, ...],
    model: type[BaseModel],
    doc: YamlDocument,
    languages: list[str] | None,
) -> Problem:
    path, on_key = _resolve(loc, doc.data)
    kind = error["type"]
    code = "invalid-value"
    if kind == "missing":
        line, column = doc.position(path[:-1])
        code = "missing-key"
        message = f"missing required key {loc[-1]!r}"
    elif kind == "extra_forbidden":
        line, column = doc.position(path, key=True)
        code = "unknown-key"
        message = _unknown_key(str(loc[-1]), _valid_keys(model, loc[:-1]))
    else:
        line, column = doc.position(path, key=on_key)
        message = _message(error)
        if kind == "string_type" and error["input"] is None and path and languages is not None:
            key = path[-1]
            if isinstance(key, str) and key not in languages and _is_text_map(model, loc[:-1]):
                code = "language-unknown"
                line, column = doc.position(path, key=True)
                message = (
                    f"{key!r} is not a language of the programme ({', '.join(languages)}) and has "
                    "no text; an unquoted comma inside {...} splits a text into a stray key like "
                    "this: quote the text"
                )
    return Problem(
        code, message, file=doc.file, line=line, column=column, path=format_path(path) or None
    )


def _message(error: dict[str, Any]) -> str:
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    shown = _show(value)
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace("'", "")
        return f"{shown} is not allowed; valid values: {allowed.replace(' or ', ', ')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        form = _PATTERNS.get(pattern, f"text matching {pattern}")
        return f"{shown} is not valid here; use {form}"
    if kind == "string_type":
        if value is None:
            return "expected text, found nothing"
        if isinstance(value, bool | int | float | date):
            return f'expected text, found {shown}; quote it: "{_plain(value)}"'
        return f"expected text, found {_kind(value)}"
    if kind.startswith(("date_", "datetime_")):
        detail = ctx.get("error")
        reason = f" ({detail})" if detail else ""
        return f"{shown} is not a valid date{reason}; write YYYY-MM-DD, e.g. 2020-12-31"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "finite_number"):
        if kind == "finite_number":
            return f"{shown} is not a finite number"
        return f"expected a number, found {shown}"
    if kind in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        return f"expected a mapping (key: value), found {_kind(value)}"
    if kind == "list_type":
        return f"expected a list, found {_kind(value)}"
    if kind == "too_short":
        if ctx.get("field_type") == "Dictionary":
            return "must not be empty; give a text per programme language"
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        low, high = ctx.get("ge", ctx.get("gt")), ctx.get("le", ctx.get("lt"))
        if kind.startswith("less"):
            return f"{shown} is too large; at most {_bound(high)}"
        return f"{shown} is too small; at least {_bound(low)}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "bool_type" or kind == "bool_parsing":
        return f"expected true or false, found {shown}"
    return f"{error['msg']} (found {shown})"


def _union_problems(
    prefix: YamlPath,
    errors: list[dict[str, Any]],
    model: type[BaseModel],
    doc: YamlDocument,
    languages: list[str] | None,
) -> list[Problem]:
    value = _value_at(prefix, doc.data)
    wanted = "dict" if isinstance(value, dict) else "str" if isinstance(value, str) else None
    branch = [e for e in errors if wanted and str(e["loc"][len(prefix)]).startswith(wanted)]
    if branch:
        return [
            _problem(e, (*prefix, *tuple(e["loc"])[len(prefix) + 1 :]), model, doc, languages)
            for e in branch
        ]
    line, column = doc.position(prefix)
    return [
        Problem(
            "invalid-value",
            f"expected text or a text per language ({{nl: ..., en: ...}}), found {_kind(value)}",
            file=doc.file,
            line=line,
            column=column,
            path=format_path(prefix) or None,
        )
    ]


def _union_branch(loc: tuple[Any, ...], data: Any) -> YamlPath | None:
    """For an error inside one alternative of a union, the path of the union value."""
    current = data
    for index, part in enumerate(loc):
        if _has(current, part):
            current = current[part]
        elif isinstance(part, str) and (part == "str" or part.startswith("dict[")):
            return tuple(loc[:index])
        else:
            return None
    return None


def _resolve(loc: tuple[Any, ...], data: Any) -> tuple[YamlPath, bool]:
    """The YAML path of a pydantic ``loc`` (synthetic parts skipped) and whether it is a key."""
    path: list[str | int] = []
    current = data
    on_key = False
    for part in loc:
        if part == "[key]":
            on_key = True
        elif _has(current, part):
            path.append(part)
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and part not in ("label",):
            # A key that is missing or unknown still belongs to the path.
            path.append(part)
            current = None
    return tuple(path), on_key


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container)


def _value_at(path: YamlPath, data: Any) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _valid_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    target = _annotation_at(model, loc)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [info.alias or name for name, info in target.model_fields.items()]
    return []


def _is_text_map(model: type[BaseModel], loc: tuple[Any, ...]) -> bool:
    target = _annotation_at(model, loc)
    return typing.get_origin(target) is dict


def _annotation_at(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    """The type expected at ``loc`` (following fields, list items and dict values)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            fields = {info.alias or name: info for name, info in current.model_fields.items()}
            info = fields.get(str(part))
            if info is None:
                return None
            current = info.annotation
        elif typing.get_origin(current) is list and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in options if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else options[-1]
        else:
            return annotation


def _unknown_key(key: str, valid: list[str]) -> str:
    if not valid:
        return f"unknown key {key!r}"
    close = difflib.get_close_matches(key, valid, n=1)
    guess = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key {key!r}{guess}; valid keys are: {', '.join(valid)}"


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict | list):
        return _kind(value)
    text = _plain(value)
    return repr(text) if len(text) <= 80 else repr(text[:77] + "...")


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{_plain(value)} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    return f"{_plain(value)!r}"


def _bound(value: Any) -> str:
    """A limit as people write it: 1000000000000000.0 → 10^15, 10 → 10."""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e6:
        exponent = len(str(int(abs(value)))) - 1
        if abs(value) == 10**exponent:
            return ("-" if value < 0 else "") + f"10^{exponent}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
