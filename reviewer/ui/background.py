"""Long work off the GUI thread: a job runs in the thread pool and reports progress by signals."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reviewer.core.errors import ReviewerError

__all__ = ["Job", "start_job"]

log = logging.getLogger(__name__)


class Job(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[Callable[[int, int, str], None]], Any],
                 stop: threading.Event | None = None) -> None:
        super().__init__()
        self.work = work
        self.cancelled = False
        self.stop = stop  # set on cancel, for work that can end early (a file reader process)

    def cancel(self) -> None:
        """Stop waiting for the job: its result, when it comes, is dropped, and work that watches
        ``stop`` ends at once."""
        self.cancelled = True
        if self.stop is not None:
            self.stop.set()

    def run(self) -> None:
        def report(done: int, total: int, message: str) -> None:
            if not self.cancelled:
                self.progressed.emit(done, total, message)

        try:
            result = self.work(report)
        except ReviewerError as error:
            if not self.cancelled:
                self.failed.emit(str(error))
            return
        except Exception as error:
            log.error("background job failed:\n%s", traceback.format_exc())
            if not self.cancelled:
                self.failed.emit(f"an unexpected problem stopped the work ({type(error).__name__}: {error}); "
                                 "the details are in the log")
            return
        if not self.cancelled:
            self.succeeded.emit(result)


class _Runner(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job.run()


def start_job(job: Job) -> Job:
    QThreadPool.globalInstance().start(_Runner(job))
    return job
