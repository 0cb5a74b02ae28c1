"""The plotly.js that the HTML report inlines once: the vendored partial "basic" bundle.

The full bundle that ships with the plotly package is 4.8 MB; the report draws only scatter
traces (lines, markers, error bars), which the 1.2 MB basic bundle holds. See vendor/README.md.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

BUNDLE = "plotly-basic.min.js"


@lru_cache(maxsize=1)
def plotly_bundle() -> str:
    """The bundle's source text."""
    return (files("kpitrack.report") / "vendor" / BUNDLE).read_text(encoding="utf-8")


def bundle_version() -> str:
    """The plotly.js version named in the bundle's header comment (``4.1.1``)."""
    header = plotly_bundle()[:200]
    return header.split(" v", 1)[1].split()[0]
