"""Fixtures of the progress-engine tests; builders live in progress_builders.py."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

# With --import-mode=importlib test directories are not on sys.path; the builders module is.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def as_of() -> date:
    """The as-of date most tests look from: the end of 2020."""
    return date(2020, 12, 31)
