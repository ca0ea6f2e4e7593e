"""What runs on the Dask workers, and the check that they match this machine."""

from __future__ import annotations

import hashlib
import json
import signal
import threading
import time
from typing import Any, Mapping, Sequence

from convert import __version__
from convert.errors import UsageError
from convert.run.jobs import Converted, convert_source
from convert.model import MODEL_VERSION
from convert.run.pipeline import Settings, Source
from convert.plugin.loader import Registry, load_registry

WORKER_WAIT = 60.0
"""Seconds to wait for a first worker to join the scheduler."""

Selection = tuple[tuple[str, str], ...]
"""The client's plugin-selecting environment variables, as (name, value) pairs."""


class WorkerMismatch(Exception):
    """A job reached a worker whose plugins or versions differ from the client's."""


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
        from distributed import get_worker

        raise WorkerMismatch(f"Dask worker {get_worker().address} has another convert version or other plugins")
    started = time.perf_counter()
    with _convert_lock:
        converted = convert_source(source, formats, settings, registry)
    return converted, time.perf_counter() - started


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
