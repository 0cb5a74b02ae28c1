"""Work shared with one forked child process: its value handed back pickled through a pipe.

Used where a large submission's checks split in two (:mod:`parallel` for the rows,
:mod:`plausibility` for the series); each caller keeps the outcome of one process.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable


def can_fork() -> bool:
    """Whether work can be shared with a forked child: fork exists, no other thread runs, and
    there is a second processor."""
    # Forking copies only the calling thread: with other threads running (a web server) a lock
    # they hold could never be released in the child.
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    cpus = (
        os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    )
    return len(cpus) >= 2


class Child:
    """A forked process computing one value, handed back pickled through a pipe."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid = pid
        self.pipe = pipe
        self.done = False

    @classmethod
    def start(cls, work: Callable[[], object]) -> Child | None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child: never returns
            status = 1
            try:
                os.close(read_end)
                payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as out:
                    out.write(payload)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        return cls(pid, read_end)

    def result(self) -> object | None:
        """The child's value, or None when it failed."""
        with os.fdopen(self.pipe, "rb") as pipe:
            payload = pipe.read()
        self.pipe = -1
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        if status != 0 or not payload:
            return None
        found: object = pickle.loads(payload)
        return found

    def stop(self) -> None:
        """End the child if it still runs (its value was not needed) and reap it."""
        if self.pipe >= 0:
            os.close(self.pipe)
            self.pipe = -1
        if not self.done:
            # Not reaped yet, so the process (maybe a zombie) is there to be killed.
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.done = True
