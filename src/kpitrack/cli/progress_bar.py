"""A progress bar on standard error while a long command writes its files; silent when piped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[Path], None]]:
    """Yield a function to call with each file written; draws a rich bar on a terminal."""
    import sys

    if not sys.stderr.isatty():
        yield lambda _path: None
        return
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    progress.start()
    task = progress.add_task(label, total=total)

    def advance(path: Path) -> None:
        progress.update(task, advance=1, description=f"{label}: {path.suffix.lstrip('.')}")

    try:
        yield advance
    finally:
        progress.stop()
