"""How a run stops when asked to.

* SIGTERM (what ``kill``, ``timeout`` and CI cancellation send) raises
  :class:`Terminated`: stop at once, exit 143.
* Ctrl-C (SIGINT) raises ``KeyboardInterrupt``, as Python does; a worker
  pool takes a first Ctrl-C as "finish what is running" and a second as
  "stop at once" (see :mod:`convert.run.batch`), exit 130.

Stopping at once still leaves no worker process and no temporary file, and
the report and the manifest are written for what completed: that writing is
short, and signals arriving during it wait until it is done.
"""

from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

EXIT_TERMINATED = 143
"""128 + SIGTERM, as a shell reports a process ended by it."""


class Terminated(BaseException):
    """SIGTERM arrived: stop now.  Like ``KeyboardInterrupt``, not an ``Exception``,
    so that no ``except Exception`` swallows it."""

    exit_code = EXIT_TERMINATED


def _in_main_thread() -> bool:
    # only the main thread may set handlers; a handler set outside Python cannot be put back
    return threading.current_thread() is threading.main_thread()


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


@contextmanager
def terminate_raises() -> Iterator[None]:
    """While inside, SIGTERM raises :class:`Terminated` in the main thread."""
    previous = signal.getsignal(signal.SIGTERM) if _in_main_thread() else None
    if previous is None:
        yield
        return
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def exit_at_once_on_signals(code: int) -> None:
    """Once a run is over: Ctrl-C or SIGTERM during the interpreter's own
    clean-up exits at once with ``code`` instead of printing a traceback."""
    if not _in_main_thread():
        return
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda signum, frame: os._exit(code))


class Requests:
    """Stop requests noted by :func:`noted` instead of acted on."""

    def __init__(self) -> None:
        self.interrupts = 0
        self.terminated = False

    def note(self, signum, frame) -> None:
        if signum == signal.SIGTERM:
            self.terminated = True
        else:
            self.interrupts += 1

    def raise_any(self) -> None:
        """Raise what was asked for, SIGTERM first."""
        if self.terminated:
            raise Terminated()
        if self.interrupts:
            raise KeyboardInterrupt()


@contextmanager
def noted(requests: Requests | None = None) -> Iterator[Requests]:
    """While inside, SIGINT and SIGTERM are only counted in the yielded :class:`Requests`."""
    requests = requests or Requests()
    if not _in_main_thread():
        yield requests
        return
    previous = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    if None in previous.values():
        yield requests
        return
    for number in previous:
        signal.signal(number, requests.note)
    try:
        yield requests
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
