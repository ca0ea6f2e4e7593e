"""Reading an input file without trusting it, and the one date a document is
stamped with.

Only regular files are read.  The file is opened without blocking (a FIFO
with no writer, a terminal, a device) and its type is checked on the opened
descriptor, so swapping the path between the check and the read changes
nothing.  At most the limit plus one byte is ever read: a file that grows
after its size was checked, or ``/dev/stdin`` redirected from a file, is
refused as soon as it passes the limit.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from convert.errors import InputError, UsageError

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 16 * 1024 * 1024

EARLIEST = -62135596800
"""0001-01-01T00:00:00Z: the first moment a four-digit ISO 8601 year can name."""
LATEST = 253402300799
"""9999-12-31T23:59:59Z: the last one."""


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def read_input(path: Path, limit: int) -> tuple[bytes, float]:
    """The bytes of a regular file of at most ``limit`` bytes, and its modification time.

    :raises UsageError: the path is missing or is a directory.
    :raises InputError: not a regular file, unreadable, or over ``limit``.
    """
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise UsageError(f"{path}: is a directory (give files, or a directory with --to and -o for a batch)")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(f"{path}: not a regular file ({_kind(status.st_mode)}); only regular files are read")
        if status.st_size > limit:
            raise InputError(f"{path}: {status.st_size} bytes is over the --max-input-size limit of {limit} bytes")
        data = _read_at_most(descriptor, limit + 1)
        if len(data) > limit:  # it grew after fstat
            raise InputError(f"{path}: more than {limit} bytes, over the --max-input-size limit of {limit} bytes")
        return data, status.st_mtime
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)


def _read_at_most(descriptor: int, count: int) -> bytes:
    chunks = []
    while count > 0:
        chunk = os.read(descriptor, min(count, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as a whole number of seconds, or None when unset.

    :raises UsageError: not a whole number, or outside years 1970 to 9999.
    """
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None
    try:
        seconds = int(text)
    except ValueError:
        raise UsageError(f"SOURCE_DATE_EPOCH={text!r} is not a whole number of seconds") from None
    if not 0 <= seconds <= LATEST:
        raise UsageError(f"SOURCE_DATE_EPOCH={text!r} is out of range: 0 to {LATEST} (the end of year 9999)")
    return seconds


def document_date(modified: float | None) -> str:
    """``SOURCE_DATE_EPOCH`` if set, else ``modified`` (a file's modification
    time, held to years 1 to 9999), as ISO 8601 UTC."""
    seconds = source_date_epoch()
    if seconds is None:
        seconds = min(max(int(modified or 0), EARLIEST), LATEST)
    moment = time.gmtime(seconds)  # not datetime: the JSON path has no other use for it
    return (f"{moment.tm_year:04d}-{moment.tm_mon:02d}-{moment.tm_mday:02d}"  # strftime's %Y drops leading zeros
            f"T{moment.tm_hour:02d}:{moment.tm_min:02d}:{moment.tm_sec:02d}Z")
