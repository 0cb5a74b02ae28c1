"""The store's exclusive lock: one submission commits at a time, others wait (design §4)."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kpitrack.core.errors import StoreBusy

LOCK_NAME = ".lock"
DEFAULT_WAIT = 60.0
"""Seconds a second submitter waits; ``KPITRACK_LOCK_WAIT`` overrides it (tests use it)."""


def lock_wait() -> float:
    """The configured wait for the lock, in seconds."""
    text = os.environ.get("KPITRACK_LOCK_WAIT")
    try:
        return max(0.0, float(text)) if text else DEFAULT_WAIT
    except ValueError:
        return DEFAULT_WAIT


@contextmanager
def store_lock(store: Path, wait: float | None = None) -> Iterator[None]:
    """Hold ``flock`` on ``<store>/.lock``; raise :class:`StoreBusy` after ``wait`` seconds."""
    wait = lock_wait() if wait is None else wait
    store.mkdir(parents=True, exist_ok=True)
    # O_NOFOLLOW: a symlink planted as the lock file must not redirect our writes.
    fd = os.open(store / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusy(
                        f"another submission is being stored in {store} and did not finish "
                        f"within {wait:g} s; try again later"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
