"""Counting the attempts at a job, for the report's ``worker-retry`` warnings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from convert.errors import Diagnostic

RETRIES = 2
"""Extra attempts for a job that raised unexpectedly (Dask ``retries``)."""


@dataclass(frozen=True)
class Attempts:
    """The attempts at one job that did not complete."""

    died: int = 0
    """Attempts whose worker died."""
    raised: int = 0
    """Attempts that raised an unexpected error."""

    @property
    def failed(self) -> int:
        return self.died + self.raised


def retry_warning(attempts: Attempts, outcome: str) -> Diagnostic:
    """The report's note that a job needed more than one attempt."""
    causes = []
    if attempts.died:
        causes.append(f"{attempts.died} worker(s) died while running it")
    if attempts.raised:
        causes.append(f"{attempts.raised} attempt(s) raised an unexpected error")
    return Diagnostic("worker-retry", f"{outcome}: {' and '.join(causes)}")


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
