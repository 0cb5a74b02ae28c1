"""The HTML report inlines the vendored partial plotly.js bundle, matching the plotly package."""

from __future__ import annotations

import plotly.offline

from kpitrack.report.plotly_bundle import bundle_version, plotly_bundle


def test_bundle_is_the_plotly_packages_version() -> None:
    # The plotly package writes the chart JSON; the bundle that draws it must be the same release.
    assert bundle_version() == plotly.offline.get_plotlyjs_version()


def test_bundle_is_the_partial_one_and_draws_scatter_traces() -> None:
    source = plotly_bundle()
    assert "plotly.js (basic - minified)" in source[:200]
    assert len(source.encode()) < 1_300_000
    assert "scatter" in source and "error_y" in source
