"""Running many jobs: in this process (``-j 1``) or in a pool of worker
processes, with results handed back one by one as they complete.

Each worker loads the plugins once and converts whole jobs (read once, write
every format), so results are identical whatever the number of workers.  The
number of jobs in flight is bounded, so memory does not grow with the batch.

Stopping: a first Ctrl-C stops handing out jobs and lets running ones finish
(their results are still handed back), then raises ``KeyboardInterrupt``.  A
second Ctrl-C, or SIGTERM, stops the workers at once, removes what they were
writing, and raises ``KeyboardInterrupt`` or
:class:`~convert.run.signals.Terminated`.

A worker that dies (killed, out of memory, crashed) breaks the pool; a new
pool takes over.  The inputs that were in flight are tried again one at a
time, so the one that kills its worker is found: it fails, the others
complete.
"""

from __future__ import annotations

import os
import time
from collections import deque
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from convert.errors import Diagnostic
from convert.plugin.loader import Registry
from convert.run.atomic import remove_leftovers
from convert.run.jobs import Job, JobResult, failed_job, run_job
from convert.run.pipeline import Settings
from convert.run.pool import STOP_GRACE, WorkerPool
from convert.run.signals import Requests, noted

if TYPE_CHECKING:
    from concurrent.futures import Future

POLL_SECONDS = 0.1
"""How often the parent looks at stop requests while waiting for workers."""
DIED = "the worker process converting it died twice (killed, out of memory, or crashed)"


def default_workers() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_batch(
    jobs: Sequence[Job],
    settings: Settings,
    registry: Registry,
    workers: int = 1,
    stop: Callable[[JobResult], bool] = lambda result: False,
) -> Iterator[JobResult]:
    """Run ``jobs``, yielding each result as it completes.

    :param workers: 1 runs in this process; more uses a process pool.
    :param stop: called with each result; returning True (``--fail-fast``)
        stops handing out further jobs.
    """
    if workers <= 1 or len(jobs) <= 1:
        yield from _in_process(jobs, settings, registry, stop)
    else:
        yield from _Batch(jobs, settings, registry, min(workers, len(jobs)), stop).run()


def _in_process(jobs: Iterable[Job], settings: Settings, registry: Registry, stop) -> Iterator[JobResult]:
    # Ctrl-C and SIGTERM raise where they land; an atomic write in progress cleans up after itself
    for job in jobs:
        result = run_job(job, settings, registry)
        yield result
        if stop(result):
            return


def _retried(result: JobResult) -> JobResult:
    note = "completed on attempt 2: the worker process of attempt 1 died"
    result.warnings.append(Diagnostic("worker-retry", note))
    return result


class _Batch:
    """One pool run: hand out jobs, collect results, survive dead workers, stop on request."""

    def __init__(self, jobs: Sequence[Job], settings: Settings, registry: Registry, workers: int, stop) -> None:
        self.pending: deque[Job] = deque(jobs)
        self.settings, self.workers, self.stop = settings, workers, stop
        self.pool = WorkerPool(workers, registry)
        self.in_flight: dict[Future, Job] = {}
        self.suspects: deque[Job] = deque()
        """Jobs in flight when a worker died, each tried again alone."""
        self.retried: set[Job] = set()
        self.stopping = False

    def run(self) -> Iterator[JobResult]:
        with noted() as requests:
            try:
                yield from self._loop(requests)
            except BaseException:
                self._stop_now()
                raise
            finally:
                self.pool.close()
        if requests.interrupts:  # a first Ctrl-C, acted on once running jobs were done
            raise KeyboardInterrupt()

    def _loop(self, requests: Requests) -> Iterator[JobResult]:
        from concurrent.futures import FIRST_COMPLETED, wait

        while True:
            if requests.terminated or requests.interrupts > 1:
                requests.raise_any()
            if requests.interrupts and not self.stopping:
                self._wind_down()
            if not self.stopping and not self._fill():
                yield from self._after_a_death()  # found broken when handing out a job
                continue
            if not self.in_flight:
                return
            done, _ = wait(self.in_flight, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
            yield from self._collect(done)

    def _fill(self) -> bool:
        """Hand out jobs; False if the pool turned out broken (a worker died while idle)."""
        if self.suspects:  # alone in the pool: if a worker dies now, this job killed it
            if not self.in_flight:
                return self._submit(self.suspects, retry=True)
            return True
        # one job per worker and one more, the most the executor passes on at once:
        # none waits where it could only be cancelled (which its shutdown mishandles)
        while len(self.in_flight) < self.workers + 1 and self.pending:
            if not self._submit(self.pending):
                return False
        return True

    def _submit(self, queue: deque[Job], retry: bool = False) -> bool:
        from concurrent.futures.process import BrokenProcessPool

        job = queue[0]
        try:
            future = self.pool.submit(job, self.settings)
        except BrokenProcessPool:
            return False  # the job stays first in line
        queue.popleft()
        if retry:
            self.retried.add(job)
        self.in_flight[future] = job
        return True

    def _wind_down(self) -> None:
        """A first Ctrl-C (or --fail-fast): hand out nothing more.  Jobs in flight
        are running or next in line, and complete."""
        self.stopping = True

    def _collect(self, done: Iterable[Future]) -> Iterator[JobResult]:
        from concurrent.futures import CancelledError
        from concurrent.futures.process import BrokenProcessPool

        broken = False
        for future in done:
            job = self.in_flight.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                self.in_flight[future] = job  # settled below with every job in flight
                broken = True
                continue
            except CancelledError:  # dropped by a shutdown
                continue
            except Exception as error:  # the job or its result could not travel between processes
                result = failed_job(job, f"unexpected error in a worker: {type(error).__name__}: {error}",
                                    time.perf_counter())
            yield _retried(result) if job in self.retried else result
            if self.stop(result):
                self._wind_down()
        if broken:
            yield from self._after_a_death()

    def _after_a_death(self) -> Iterator[JobResult]:
        """Replace the pool; the jobs it failed are suspects, or failed inputs if they were retried."""
        from concurrent.futures import wait

        wait(self.in_flight, timeout=STOP_GRACE)  # the executor fails every job it had at once
        finished = [future for future in self.in_flight if future.done() and future.exception() is None]
        yield from self._collect(finished)  # completed just before the death
        jobs = list(self.in_flight.values())
        self.in_flight.clear()
        old_workers = self.pool.replace()
        remove_leftovers((path for job in jobs for _, path in job.targets), old_workers)
        for job in jobs:
            if job in self.retried:
                yield failed_job(job, DIED, time.perf_counter())
            elif not self.stopping:
                self.suspects.append(job)

    def _stop_now(self) -> None:
        """End every worker now and remove the temporary files of the jobs they were running."""
        stopped = self.pool.stop_now()
        remove_leftovers((path for job in self.in_flight.values() for _, path in job.targets), stopped)
