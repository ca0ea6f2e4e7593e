"""Running many jobs: in this process (``-j 1``) or in a pool of worker
processes, with results handed back one by one as they complete.

Each worker loads the plugins once and converts whole jobs (read once, write
every format), so results are identical whatever the number of workers.  The
number of jobs in flight is bounded, so memory does not grow with the batch.
Ctrl-C stops handing out jobs, lets running ones finish their atomic writes
(workers ignore the signal; the parent handles it), and re-raises: no
temporary or partial file is left behind.
"""

from __future__ import annotations

import gc
import os
import signal
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from convert.run.jobs import Job, JobResult, run_job
from convert.run.pipeline import Settings
from convert.plugin.loader import Registry, load_registry

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

_worker_registry: Registry | None = None


def default_workers() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _init_worker(registry: Registry | None) -> None:
    global _worker_registry
    # Ctrl-C reaches the whole process group; the parent alone handles it,
    # and a worker finishes the job it has started.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_registry = registry if registry is not None else load_registry()


def _work(job: Job, settings: Settings) -> JobResult:
    assert _worker_registry is not None
    return run_job(job, settings, _worker_registry)


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
        yield from _in_pool(jobs, settings, registry, min(workers, len(jobs)), stop)


def _in_process(jobs: Iterable[Job], settings: Settings, registry: Registry, stop) -> Iterator[JobResult]:
    for job in jobs:
        result = run_job(job, settings, registry)
        yield result
        if stop(result):
            return


def _pool(workers: int, registry: Registry) -> ProcessPoolExecutor:
    import multiprocessing  # only batches with several workers pay for these imports
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the loaded plugins with the workers; elsewhere each loads its own
    if "fork" in multiprocessing.get_all_start_methods():
        context, shared = multiprocessing.get_context("fork"), registry
        gc.freeze()  # keep the workers' garbage collector off the pages they share
    else:
        context, shared = multiprocessing.get_context("spawn"), None
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(shared,))


def _in_pool(jobs: Sequence[Job], settings: Settings, registry: Registry, workers: int, stop) -> Iterator[JobResult]:
    from concurrent.futures import FIRST_COMPLETED, wait

    pending = iter(jobs)
    in_flight: set[Future] = set()
    pool = _pool(workers, registry)
    try:
        stopped = False
        while True:
            while not stopped and len(in_flight) < workers * 2:
                job = next(pending, None)
                if job is None:
                    break
                in_flight.add(pool.submit(_work, job, settings))
            if not in_flight:
                break
            done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()
                yield result
                stopped = stopped or stop(result)
    finally:
        # running jobs finish their atomic writes; queued ones are dropped
        pool.shutdown(wait=True, cancel_futures=True)
