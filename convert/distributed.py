"""Running a batch on a Dask cluster (``--executor dask --scheduler ADDRESS``).

The workers need not share this machine's file system: this process reads
each input, sends its bytes to a worker, which parses and renders it in
memory; the output bytes come back and are written here, atomically, by the
same code as the local batch (:func:`convert.jobs.write_outputs`).  Results
are consumed as they complete with a bounded number of jobs in flight, so
memory does not grow with the batch.

Before the first job, every worker is asked for its convert version, model
version, plugins and formats; a worker that differs from this machine is
refused, because its outputs would differ.  Each job carries a fingerprint of
that description too, so a worker joining later with other plugins fails the
job instead of producing different bytes.

A job whose worker died, or that raised unexpectedly, is run again (the
scheduler's own rescheduling, and Dask ``retries``); the scheduler's count of
attempts is recorded as a ``worker-retry`` warning in that input's report.

This is the only module that imports Dask, and only when it runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping, Sequence

from . import __version__
from .errors import ConvertError, Diagnostic, UsageError
from .jobs import Converted, Job, JobResult, convert_source, write_outputs
from .model import MODEL_VERSION
from .pipeline import Settings, Source, load_source
from .plugins import Registry, load_registry

RETRIES = 2
"""Extra attempts for a job that raised unexpectedly (Dask ``retries``)."""
WORKER_WAIT = 60.0
"""Seconds to wait for a first worker to join the scheduler."""
PLUGIN_VARIABLES = ("CONVERT_PLUGINS", "CONVERT_STRICT_PLUGINS")
"""Environment variables choosing plugins; the workers use this machine's."""
SCATTER_OVER = 1024 * 1024
"""Inputs larger than this many bytes are sent to a worker directly."""
INSTALL_HINT = "pip install 'convert[dask]'"

Selection = tuple[tuple[str, str], ...]


class WorkerMismatch(Exception):
    """A job reached a worker whose plugins or versions differ from the client's."""


@dataclass(frozen=True)
class Attempts:
    """How often the scheduler had to run one job."""

    died: int = 0
    """Workers that died while running it."""
    raised: int = 0
    """Attempts that raised an unexpected error and were retried."""

    @property
    def total(self) -> int:
        return 1 + self.died + self.raised


# --- on the workers -------------------------------------------------------

_worker_lock = threading.Lock()
_worker_state: tuple[Selection, Registry, dict] | None = None
# writer libraries are not all thread-safe, and the GIL would serialise
# pure-Python rendering anyway: one conversion at a time per worker process
_convert_lock = threading.Lock()


def describe(registry: Registry) -> dict[str, Any]:
    """What must be identical on the client and every worker for identical outputs."""
    def provided(table: Mapping[str, list]) -> list[str]:
        return sorted(f"{name}@{plugin}" for name, entries in table.items() for _, plugin in entries)

    return {
        "convert": __version__,
        "model": MODEL_VERSION,
        "plugins": sorted(f"{plugin.name} {plugin.version}" for plugin in registry.plugins),
        "output formats": provided(registry.outputs),
        "input formats": provided(registry.inputs),
        "transforms": provided(registry.transforms),
    }


def fingerprint(description: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(description, sort_keys=True).encode()).hexdigest()


def _state(selection: Selection) -> tuple[Selection, Registry, dict]:
    """This worker process's plugins, loaded once (per plugin selection)."""
    global _worker_state
    with _worker_lock:
        if _worker_state is None or _worker_state[0] != selection:
            registry = load_registry(environ=dict(selection))
            _worker_state = (selection, registry, describe(registry))
        return _worker_state


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group; workers of a cluster started
    # here are stopped by the client instead, quietly
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def worker_description(selection: Selection) -> dict[str, Any]:
    """Run on every worker (``client.run``) before the batch starts."""
    return _state(selection)[2]


def convert_remote(
    source: Source, formats: Sequence[str], settings: Settings, selection: Selection, expected: str
) -> tuple[Converted, float]:
    """A task: render one source on a worker; returns the outputs and the seconds spent."""
    _, registry, description = _state(selection)
    if fingerprint(description) != expected:
        raise WorkerMismatch("this worker's convert version or plugins differ from the client's")
    started = time.perf_counter()
    with _convert_lock:
        converted = convert_source(source, formats, settings, registry)
    return converted, time.perf_counter() - started


# --- on the client --------------------------------------------------------


def run_on_dask(
    jobs: Sequence[Job],
    settings: Settings,
    registry: Registry,
    scheduler: str | None,
    stop: Callable[[JobResult], bool] = lambda result: False,
    workers: int | None = None,
) -> Iterator[JobResult]:
    """Run ``jobs`` on a Dask cluster, yielding each result as it completes.

    :param scheduler: ``tcp://HOST:PORT`` of a running scheduler, or
        ``local`` for a cluster of worker processes on this machine.
    :param stop: called with each result; returning True (``--fail-fast``)
        stops submitting further jobs.
    :param workers: with ``local``: the number of worker processes.
    :raises UsageError: Dask is not installed, the scheduler cannot be
        reached, or a worker's versions or plugins differ from this machine's.
    """
    if not scheduler:
        raise UsageError("--executor dask needs --scheduler tcp://HOST:8786 (or --scheduler local)")
    if not jobs:
        return
    selection = tuple((name, os.environ[name]) for name in PLUGIN_VARIABLES if name in os.environ)
    with _client(scheduler, workers) as client:
        expected = check_workers(client, registry, selection)
        limit = 2 * max(1, sum(client.nthreads().values()))
        yield from _run(client, jobs, settings, (selection, expected), limit, stop)


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise UsageError(f"--executor dask needs Dask distributed; install it with: {INSTALL_HINT}") from None
    return distributed


@contextmanager
def _client(scheduler: str, workers: int | None):
    """A client of the given scheduler, or of a loopback-only cluster started here."""
    distributed = _import_distributed()
    cluster = None
    try:
        if scheduler == "local":
            cluster = distributed.LocalCluster(
                n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address=None,
                # the scheduler's plain HTTP endpoint (health, metrics) on any free loopback port
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            )
            client = distributed.Client(cluster, set_as_default=False)
            client.run(_ignore_interrupts)
        else:
            client = distributed.Client(scheduler, set_as_default=False)
    except (OSError, ValueError, TypeError) as error:
        if cluster is not None:
            cluster.close()
        raise UsageError(f"cannot connect to the Dask scheduler {scheduler!r}: {error}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def check_workers(client, registry: Registry, selection: Selection) -> str:
    """Refuse workers whose versions or plugins differ; return the expected fingerprint.

    :raises UsageError: no worker joined in time, or one differs.
    """
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError:
        raise UsageError(f"no Dask worker joined the scheduler within {WORKER_WAIT:.0f} s") from None
    here = describe(registry)
    answers = client.run(worker_description, selection, on_error="return")
    for address, there in sorted(answers.items()):
        if isinstance(there, BaseException):
            raise UsageError(f"Dask worker {address} cannot load convert's plugins: {there}")
        differences = compare(here, there)
        if differences:
            raise UsageError(
                f"Dask worker {address} differs from this machine ({'; '.join(differences)}); "
                "install the same convert version and plugins on every worker"
            )
    return fingerprint(here)


def compare(here: Mapping[str, Any], there: Mapping[str, Any]) -> list[str]:
    """Human-readable differences between two :func:`describe` results."""
    differences = []
    for key, mine in here.items():
        theirs = there.get(key)
        if mine == theirs:
            continue
        if isinstance(mine, list) and isinstance(theirs, list):
            missing = [item for item in mine if item not in theirs]
            extra = [item for item in theirs if item not in mine]
            parts = [f"missing {', '.join(missing)}"] * bool(missing) + [f"extra {', '.join(extra)}"] * bool(extra)
            differences.append(f"{key}: {'; '.join(parts)} on the worker")
        else:
            differences.append(f"{key} {mine} here, {theirs} on the worker")
    return differences


@dataclass
class _Task:
    """A submitted job and what must be kept alive until its result is written."""

    job: Job
    load_seconds: float
    payload: Any
    """The source, or the future of its copy already sent to a worker."""


def _run(client, jobs: Sequence[Job], settings: Settings, check: tuple[Selection, str], limit: int, stop) -> Iterator[JobResult]:
    """Submit jobs, at most ``limit`` in flight, and write each result as it completes."""
    distributed = _import_distributed()
    pending = iter(jobs)
    in_flight: dict[Any, _Task] = {}
    completed = distributed.as_completed(loop=client.loop)
    stopped = False
    try:
        while True:
            while not stopped and len(in_flight) < limit:
                job = next(pending, None)
                if job is None:
                    break
                submitted = _submit(client, job, settings, check)
                if isinstance(submitted, JobResult):  # the input could not be read here
                    yield submitted
                    stopped = stopped or stop(submitted)
                    continue
                future, task = submitted
                in_flight[future] = task
                completed.add(future)
            if not in_flight:
                break
            batch = completed.next_batch(block=True)
            attempts = count_attempts(client, [future.key for future in batch])
            for future in batch:
                task = in_flight.pop(future)
                result = _finish(task, future, attempts.get(future.key, Attempts()))
                future.release()
                yield result
                stopped = stopped or stop(result)
    finally:
        # outputs are written only here, so cancelling leaves nothing partial behind
        if in_flight:
            client.cancel(list(in_flight))


def _submit(client, job: Job, settings: Settings, check: tuple[Selection, str]):
    """Read the input and submit it: (future, task), or the failed result."""
    started = time.perf_counter()
    try:
        source = load_source(job.input, settings.max_input_size)
    except ConvertError as error:  # recorded exactly as a local job records it
        return write_outputs(job, Converted(errors=[str(error)]), started)
    # a large input goes straight to a worker rather than through the scheduler
    payload = client.scatter(source, hash=False) if len(source.data) > SCATTER_OVER else source
    formats = [name for name, _ in job.targets]
    future = client.submit(convert_remote, payload, formats, settings, *check, retries=RETRIES, pure=False)
    return future, _Task(job, time.perf_counter() - started, payload)


def _finish(task: _Task, future, attempts: Attempts) -> JobResult:
    """Write a completed job's outputs; a job the cluster could not run is a failed input."""
    if future.status == "finished":
        converted, work_seconds = future.result()
    else:
        converted, work_seconds = Converted(errors=[_task_error(future, attempts)]), 0.0
    # the duration counts reading, rendering and writing, not waiting in the queue
    result = write_outputs(task.job, converted, time.perf_counter() - task.load_seconds - work_seconds)
    if attempts.total > 1:
        result.warnings.append(retry_warning(attempts))
    return result


def _task_error(future, attempts: Attempts) -> str:
    try:
        error = future.exception()
    except BaseException as cancelled:  # a cancelled future raises instead of returning
        error = cancelled
    if type(error).__name__ == "KilledWorker":
        return f"{attempts.died} Dask workers died while converting it"
    if isinstance(error, WorkerMismatch):
        return f"not converted: {error}"
    return f"failed on the Dask workers after {attempts.total} attempts: {type(error).__name__}: {error}"


def retry_warning(attempts: Attempts) -> Diagnostic:
    """The report's note that a job needed more than one attempt."""
    causes = []
    if attempts.died:
        causes.append(f"{attempts.died} worker(s) died while running it")
    if attempts.raised:
        causes.append(f"{attempts.raised} attempt(s) raised an unexpected error")
    return Diagnostic("worker-retry", f"attempt {attempts.total}: {' and '.join(causes)}")


def count_attempts(client, keys: Sequence[Any]) -> dict[Any, Attempts]:
    """The scheduler's record of worker deaths and retries for each key.

    Asked while the client still holds the futures, so the scheduler still
    knows the tasks.
    """
    counts = client.run_on_scheduler(_scheduler_probe(), list(keys), RETRIES)
    return {key: Attempts(died, raised) for key, (died, raised) in counts.items()}


def _scheduler_probe() -> Callable:
    # defined inside a function so that it is sent by value: the scheduler
    # need not have convert installed
    def probe(keys, retries, dask_scheduler=None):
        counts = {}
        for key in keys:
            task = dask_scheduler.tasks.get(key)
            if task is not None:
                counts[key] = (getattr(task, "suspicious", 0), retries - getattr(task, "retries", retries))
        return counts

    return probe
