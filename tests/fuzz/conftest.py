"""Fuzz settings and the definitions the fuzzers validate against: the repository's own example
programme (read-only; submissions are dry runs)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, settings

from kpitrack.definitions.load import read_definitions
from kpitrack.definitions.models import Indicator, Programme

REPO = Path(__file__).resolve().parents[2]

# Bounded so the whole suite stays fast; raise max_examples locally to dig deeper.
FUZZ = settings(
    max_examples=200,
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@lru_cache(maxsize=1)
def definitions() -> tuple[Programme, dict[str, Indicator]]:
    """The example programme and its indicators (loaded once)."""
    loaded = read_definitions(REPO)
    programme, indicators, problems = loaded.programme, loaded.indicators, loaded.problems
    assert programme is not None, problems
    return programme, indicators


def partner_of(indicators: dict[str, Indicator]) -> str:
    """The partner owning the most indicators."""
    owners = [i.owner for i in indicators.values()]
    return max(sorted(set(owners)), key=owners.count)
