"""The command line: the typer app, its views, and the one error boundary (:func:`main`)."""

from kpitrack.cli.app import app, main

__all__ = ["app", "main"]
