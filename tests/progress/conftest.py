"""Fixtures of the progress-engine tests; builders live in progress_builders.py."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def as_of() -> date:
    """The as-of date most tests look from: the end of 2020."""
    return date(2020, 12, 31)
