"""Properties of the YAML reader: it never raises, and JSON-shaped data reads back unchanged."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kpitrack.definitions.yamlsafe import parse_yaml

# Text YAML may hold as is (it refuses raw control characters and non-characters). U+2028 and
# U+2029 are line breaks in YAML 1.1, which the reader speaks: a JSON string holding one raw is
# folded or, in a key, refused, so they are not "JSON read back unchanged".
printable = st.text(
    st.characters(
        blacklist_categories=("Cc", "Cs", "Cn", "Co", "Zl", "Zp"), blacklist_characters="\ufeff"
    ),
    max_size=20,
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    printable,
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(printable, children, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(values)
def test_json_documents_read_back_unchanged(value: Any) -> None:
    # JSON is YAML 1.2 flow syntax: its scalars are unambiguous in both YAML versions.
    doc, problems = parse_yaml(json.dumps(value, ensure_ascii=False), "doc.json")
    assert problems == []
    assert doc.data == value


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_data_or_located_problems_never_an_exception(text: str) -> None:
    _doc, problems = parse_yaml(text, "any.yaml")
    for problem in problems:
        assert problem.file == "any.yaml"
        assert problem.code.startswith("yaml-")
