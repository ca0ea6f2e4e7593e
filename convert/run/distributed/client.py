"""Running a batch from this machine: read inputs, submit them, write results."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from convert.run.batch import default_workers
from convert.errors import ConvertError, UsageError
from convert.run.jobs import Converted, Job, JobResult, write_outputs
from convert.run.pipeline import Settings, load_source
from convert.plugin.loader import Registry
from convert.run.distributed.attempts import RETRIES, Attempts, count_attempts, retry_warning
from convert.run.distributed.workers import Selection, WorkerMismatch, _ignore_interrupts, check_workers, convert_remote

PLUGIN_VARIABLES = ("CONVERT_PLUGINS", "CONVERT_STRICT_PLUGINS")
"""Environment variables choosing plugins; the workers use this machine's."""
SCATTER_OVER = 1024 * 1024
"""Inputs larger than this many bytes are sent to a worker directly."""
INSTALL_HINT = "pip install 'convert-text[dask]'"
SETTLED = ("finished", "error", "cancelled")
"""Future states that will not change; a ``lost`` future is computed again by the scheduler."""


def run_on_dask(
    jobs: Sequence[Job],
    settings: Settings,
    registry: Registry,
    scheduler: str | None,
    stop: Callable[[JobResult], bool] = lambda result: False,
    workers: int | None = None,
    quiet: bool = False,
) -> Iterator[JobResult]:
    """Run ``jobs`` on a Dask cluster, yielding each result as it completes.

    :param scheduler: ``tcp://HOST:PORT`` of a running scheduler, or
        ``local`` for a cluster of worker processes on this machine.
    :param stop: called with each result; returning True (``--fail-fast``)
        stops submitting further jobs.
    :param workers: with ``local``: the number of worker processes.
    :param quiet: keep Dask's own log lines off standard error (``-q``).
    :raises UsageError: Dask is not installed, the scheduler cannot be
        reached, or a worker's versions or plugins differ from this machine's.
    """
    if not scheduler:
        raise UsageError("--executor dask needs --scheduler tcp://HOST:8786 (or --scheduler local)")
    if not jobs:
        return
    selection = tuple((name, os.environ[name]) for name in PLUGIN_VARIABLES if name in os.environ)
    with _dask_logs(quiet), _client(scheduler, workers, quiet) as client:
        expected = check_workers(client, registry, selection)
        # enough queued per worker thread that none idles while results travel back
        limit = 4 * max(1, sum(client.nthreads().values()))
        yield from _run(client, jobs, settings, (selection, expected), limit, stop)


_SILENT = logging.CRITICAL + 1


@contextmanager
def _dask_logs(quiet: bool):
    """Under ``-q``, Dask's own log lines (a worker lost, keys it could not
    gather) stay off standard error: convert reports what matters itself."""
    if not quiet:
        yield
        return
    _import_distributed()  # its loggers exist once it is imported
    names = ["distributed", "tornado"] + [
        name for name in logging.root.manager.loggerDict if name.startswith(("distributed.", "tornado."))
    ]
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(_SILENT)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise UsageError(f"--executor dask needs Dask distributed; install it with: {INSTALL_HINT}") from None
    return distributed


@contextmanager
def _client(scheduler: str, workers: int | None, quiet: bool = False):
    """A client of the given scheduler, or of a loopback-only cluster started here."""
    distributed = _import_distributed()
    cluster = None
    try:
        if scheduler == "local":
            cluster = distributed.LocalCluster(
                n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address=None, silence_logs=_SILENT if quiet else logging.ERROR,
                # the scheduler's plain HTTP endpoint (health, metrics) on any free loopback port
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            )
            client = distributed.Client(cluster, set_as_default=False)
            client.run(_ignore_interrupts)
        else:
            # a malformed address is refused before a client exists: a client
            # that failed to start would linger until the interpreter exits
            scheme, location = distributed.comm.parse_address(scheduler)
            distributed.comm.registry.get_backend(scheme).resolve_address(location)
            _check_port(scheme, location)
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


def _check_port(scheme: str, location: str) -> None:
    """A port no connection can use is refused at once, rather than after the connect timeout."""
    if scheme not in ("tcp", "tls", "ws", "wss"):
        return
    from distributed.comm.addressing import parse_host_port

    _, port = parse_host_port(location, default_port=8786)
    if not 1 <= int(port) <= 65535:
        raise ValueError(f"port {port} is not between 1 and 65535")


@dataclass
class _Task:
    """A submitted job and what must be kept alive until its result is written."""

    job: Job
    load_seconds: float
    payload: Any
    """The source, or the future of its copy already sent to a worker."""


class _Interrupts:
    """Ctrl-C and SIGTERM are held while this process writes or talks to the
    cluster, and acted on while it waits for results (where a run spends its time).

    Landing just after a temporary file is created, before its cleanup is
    armed, a signal would leave that file behind; landing inside a call to the
    scheduler, it makes Dask log a traceback.
    """

    def __init__(self) -> None:
        self.held: list[int] = []
        self.usual = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
        # only the main thread receives signals; a handler set outside Python cannot be put back
        self.active = threading.current_thread() is threading.main_thread() and None not in self.usual.values()

    def _note(self, signum: int, frame: Any) -> None:
        self.held.append(signum)

    def hold(self) -> None:
        if self.active:
            for number in self.usual:
                signal.signal(number, self._note)

    def restore(self, act: bool = True) -> None:
        """Put the usual handlers back; with ``act``, a signal held until now acts."""
        if not self.active:
            return
        for number, handler in self.usual.items():
            signal.signal(number, handler)
        held, self.held = self.held, []
        if act and held:
            number = signal.SIGTERM if signal.SIGTERM in held else signal.SIGINT
            if callable(self.usual[number]):
                self.usual[number](number, None)
            elif self.usual[number] == signal.SIG_DFL:
                signal.raise_signal(number)


def _run(
    client, jobs: Sequence[Job], settings: Settings, check: tuple[Selection, str], limit: int, stop
) -> Iterator[JobResult]:
    """Submit jobs, at most ``limit`` in flight, and write each result as it completes."""
    pending = iter(jobs)
    in_flight: dict[Any, _Task] = {}
    completed = _import_distributed().as_completed(loop=client.loop)
    stopped, interrupts = False, _Interrupts()
    interrupts.hold()
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
                in_flight[submitted[0]] = submitted[1]
                completed.add(submitted[0])
            if not in_flight:
                break
            interrupts.restore()
            batch = completed.next_batch(block=True)
            interrupts.hold()
            settled = [future for future in batch if future.status in SETTLED]
            for future in batch:
                if future.status not in SETTLED:  # its result was lost with a worker: being computed again
                    completed.add(future)
            attempts = count_attempts(client, [future.key for future in settled])
            for future in settled:
                result = _finish(in_flight.pop(future), future, attempts.get(future.key, Attempts()))
                future.release()
                yield result
                stopped = stopped or stop(result)
        interrupts.restore()
    finally:
        interrupts.restore(act=False)
        # outputs are written only here, so cancelling leaves nothing partial behind
        if in_flight:
            client.cancel(list(in_flight))


def _submit(client, job: Job, settings: Settings, check: tuple[Selection, str]):
    """Read the input and submit it: (future, task), or the failed result."""
    started = time.perf_counter()
    try:
        source = load_source(job.input, settings.max_input_size)
    except ConvertError as error:  # recorded exactly as a local job records it
        failed = Converted()
        failed.fail(error)
        return write_outputs(job, failed, started)
    # a large input goes straight to a worker rather than through the scheduler
    payload = client.scatter(source, hash=False) if len(source.data) > SCATTER_OVER else source
    formats = [name for name, _ in job.targets]
    future = client.submit(convert_remote, payload, formats, settings, *check, retries=RETRIES, pure=False)
    return future, _Task(job, time.perf_counter() - started, payload)


def _finish(task: _Task, future, attempts: Attempts) -> JobResult:
    """Write a completed job's outputs; a job the cluster could not run is a failed input."""
    if future.status not in ("error", "cancelled"):  # finished, or lost since and computed again
        converted, work_seconds = future.result()
        outcome = f"completed on attempt {attempts.failed + 1}"
    else:
        error, attempts = _task_error(future, attempts)
        converted, work_seconds = Converted(errors=[error]), 0.0
        outcome = f"gave up after {attempts.failed} attempts"
    # the duration counts reading, rendering and writing, not waiting in the queue
    result = write_outputs(task.job, converted, time.perf_counter() - task.load_seconds - work_seconds)
    if attempts.failed:
        result.warnings.append(retry_warning(attempts, outcome))
    return result


def _task_error(future, attempts: Attempts) -> tuple[str, Attempts]:
    """Why the cluster gave up on a job, and every failed attempt counted."""
    try:
        error = future.exception()
    except Exception as cancelled:  # a cancelled future raises instead of returning
        error = cancelled
    if isinstance(error, _import_distributed().KilledWorker):  # the last death is already counted
        return f"{attempts.died} Dask workers died while converting it", attempts
    attempts = Attempts(attempts.died, attempts.raised + 1)  # the last attempt raised too
    if isinstance(error, WorkerMismatch):
        return f"not converted: {error}", attempts
    return f"failed on the Dask workers after {attempts.failed} attempts: {type(error).__name__}: {error}", attempts
