"""The bound on every number kpitrack accepts, stores and reads back.

A figure is a float. Up to 2**53 (about 9.007e15) every integer is exact in a float, so counts
stay exact; beyond it a count of 9,007,199,254,740,993 would silently become ...992, and
rounding steps (``round(x, n)``, formatting) start to overflow near 1e308. No real programme
figure comes near 10**15, so that is the bound: a number whose magnitude exceeds
:data:`MAX_MAGNITUDE`, or that is not finite (``inf``, ``nan``), is refused on every input path
(CSV, XLSX, YAML) and reported, never used, when read from a store written by an older version.
"""

from __future__ import annotations

import math

MAX_MAGNITUDE = 1e15
"""Largest magnitude of an accepted number: integers up to it stay exact in a float."""


def is_storable(value: float) -> bool:
    """True when ``value`` is finite and its magnitude is at most :data:`MAX_MAGNITUDE`."""
    return math.isfinite(value) and abs(value) <= MAX_MAGNITUDE


def plain_number(value: float) -> str:
    """Shortest exact text of a number, for machines and messages: ``12`` not ``12.0``.

    Language-neutral (decimal point, no grouping); :func:`kpitrack.i18n.format_number` writes a
    number for a reader of one language.
    """
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)
