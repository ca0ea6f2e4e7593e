"""The worker processes of a local batch: started, replaced when one dies,
and stopped at once when asked.

Workers ignore Ctrl-C (it reaches the whole process group; the parent alone
decides).  SIGTERM makes a worker remove the temporary file it is writing and
exit at once; on Linux a worker also gets SIGTERM when the parent dies, so no
worker outlives its run, even one killed with SIGKILL.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
from typing import TYPE_CHECKING

from convert.plugin.loader import Registry, load_registry
from convert.run.jobs import Job, JobResult, run_job
from convert.run.pipeline import Settings
from convert.run.signals import EXIT_TERMINATED

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

STOP_GRACE = 1.0
"""Seconds a worker has to end after SIGTERM before it is killed."""
CLOSE_GRACE = 5.0
"""Seconds idle workers have to exit at the end of a batch before they are made to."""
SETTLE_GRACE = 5.0
"""Seconds the executor's thread has to finish once its workers are gone."""

_PR_SET_PDEATHSIG = 1
_worker_registry: Registry | None = None
_in_job = False
_stopping = False


class _Stop(BaseException):
    """Raised in a worker by SIGTERM, so that a write in progress removes its temporary file."""


def _on_terminate(signum, frame) -> None:
    global _stopping
    if _stopping:  # a second signal must not interrupt the clean-up of the first
        return
    _stopping = True
    if _in_job:
        raise _Stop()
    os._exit(EXIT_TERMINATED)


def _die_with(parent: int) -> None:
    """Ask Linux to send SIGTERM to this worker when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(EXIT_TERMINATED)


def _init_worker(registry: Registry | None, parent: int) -> None:
    global _worker_registry
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_terminate)
    _die_with(parent)
    _worker_registry = registry if registry is not None else load_registry()


def _work(job: Job, settings: Settings) -> JobResult:
    global _in_job
    assert _worker_registry is not None
    try:
        _in_job = True
        return run_job(job, settings, _worker_registry)
    except _Stop:
        # no exit handlers: they could wait on queues the parent no longer reads
        os._exit(EXIT_TERMINATED)
    finally:
        _in_job = False


class WorkerPool:
    """A process pool that can be replaced after a worker died, and stopped at once."""

    def __init__(self, workers: int, registry: Registry) -> None:
        self.workers = workers
        self.registry = registry
        self.stopped = False
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing  # only batches with several workers pay for these imports
        from concurrent.futures import ProcessPoolExecutor

        # fork shares the loaded plugins with the workers; elsewhere each loads its own
        if "fork" in multiprocessing.get_all_start_methods():
            context, shared = multiprocessing.get_context("fork"), self.registry
            gc.freeze()  # keep the workers' garbage collector off the pages they share
        else:
            context, shared = multiprocessing.get_context("spawn"), None
        return ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_init_worker, initargs=(shared, os.getpid())
        )

    def submit(self, job: Job, settings: Settings) -> Future:
        return self.executor.submit(_work, job, settings)

    def replace(self) -> set[int]:
        """Start a new pool after a worker died; return the old pool's process ids."""
        old = self.stop_now()
        self.executor, self.stopped = self._start(), False
        return old

    def _processes(self) -> list:
        return list((getattr(self.executor, "_processes", None) or {}).values())

    def stop_now(self) -> set[int]:
        """End every worker within about :data:`STOP_GRACE` seconds; return their ids."""
        processes, manager = self._processes(), self._manager()
        for process in processes:
            _quietly(process.terminate)
        _end(processes, STOP_GRACE)
        # no cancel_futures: the executor would then fail futures it has cancelled itself
        self.executor.shutdown(wait=False)
        self._settle(manager)
        return {process.pid for process in processes}

    def close(self) -> None:
        """Once no job is left: ask the workers to exit, and make them after
        :data:`CLOSE_GRACE` seconds.  (The executor's own shutdown would wait
        forever if a worker was killed while taking a job off the queue: it
        dies holding the queue's lock, and the others wait for that lock.)"""
        if self.stopped:
            return
        processes, manager = self._processes(), self._manager()
        self.executor.shutdown(wait=False)
        _end(processes, CLOSE_GRACE)  # idle: nothing of theirs to clean up
        self._settle(manager)

    def _manager(self):
        """The executor's own thread; taken before ``shutdown``, which forgets it."""
        return getattr(self.executor, "_executor_manager_thread", None)

    def _settle(self, manager) -> None:
        """Let the executor's own thread finish, its workers gone: left running
        into the interpreter's exit, it races the exit handler over a closed pipe."""
        if manager is not None:
            manager.join(SETTLE_GRACE)
        self.stopped = True


def _end(processes: list, grace: float) -> None:
    """Wait up to ``grace`` seconds for ``processes`` to exit; kill those that do not."""
    deadline = time.monotonic() + grace
    for process in processes:
        _quietly(process.join, max(0.0, deadline - time.monotonic()))
    stuck = [process for process in processes if process.is_alive()]
    for process in stuck:
        _quietly(process.kill)
        _quietly(process.join, 1.0)


def _quietly(action, *args) -> None:
    try:
        action(*args)
    except (OSError, ValueError, AssertionError):  # already gone, or already reaped by the executor
        pass
