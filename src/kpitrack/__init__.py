"""kpitrack: track a government programme's actions and indicators and report on them.

The public API is imported lazily so that ``import kpitrack`` and ``kpitrack --help`` stay fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "ProgressReport",
    "ValidationFailed",
    "Workspace",
    "__version__",
    "build_report_model",
    "compute_progress",
    "load_workspace",
]

if TYPE_CHECKING:
    from kpitrack.core.errors import ValidationFailed
    from kpitrack.progress.engine import compute_progress
    from kpitrack.progress.model import ProgressReport
    from kpitrack.report.build import build_report_model
    from kpitrack.workspace import Workspace, load_workspace

_LAZY = {
    "ValidationFailed": "kpitrack.core.errors",
    "Workspace": "kpitrack.workspace",
    "load_workspace": "kpitrack.workspace",
    "compute_progress": "kpitrack.progress.engine",
    "ProgressReport": "kpitrack.progress.model",
    "build_report_model": "kpitrack.report.build",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'kpitrack' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
