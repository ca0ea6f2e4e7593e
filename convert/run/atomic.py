"""Writing a file so that it either appears whole or not at all."""

from __future__ import annotations

import itertools
import os
import re
from contextlib import suppress
from pathlib import Path
from typing import Collection, Iterable

from convert.errors import OutputError
from convert.run.spool import Spool, write_data

TEMP_SUFFIX = ".convert-part"
"""Suffix of the temporary files that become outputs; never left behind."""
NAME_MAX = 255
"""The longest file name, in bytes, on the usual file systems."""

_counter = itertools.count()
_TEMPORARY = re.compile(rf"\.(?P<name>.*)\.(?P<pid>[0-9]+)\.[0-9]+{re.escape(TEMP_SUFFIX)}", re.DOTALL)


def temporary_name(path: Path) -> Path:
    """``.NAME.PID.N.convert-part`` beside ``path``; NAME is shortened so that
    the whole name stays within :data:`NAME_MAX` bytes."""
    tail = f".{os.getpid()}.{next(_counter)}{TEMP_SUFFIX}"
    name = os.fsencode(path.name)[: NAME_MAX - 1 - len(tail)]
    return path.with_name(f".{os.fsdecode(name)}{tail}")


def write_atomic(path: Path, data: bytes | Spool) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it.

    Missing parent directories are created.  On any failure (including
    Ctrl-C) the temporary file is removed and ``path`` is left untouched.

    :raises OutputError: the directory cannot be created or written.
    """
    # The name is chosen before the file exists, so that cleanup knows it
    # whenever an interruption lands, even between creating and writing.
    temporary = temporary_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
        with os.fdopen(handle, "wb") as stream:
            write_data(stream, data)
        os.replace(temporary, path)
    except BaseException as error:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        raise


def remove_leftovers(paths: Iterable[Path], pids: Collection[int]) -> list[Path]:
    """Remove the temporary files that processes ``pids`` left beside ``paths``
    (a worker killed while writing cannot remove its own); return them."""
    wanted = {str(pid) for pid in pids}
    removed = []
    for folder, names in _by_folder(paths).items():
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            found = _TEMPORARY.fullmatch(entry)
            if found and found["pid"] in wanted and any(name.startswith(found["name"]) for name in names):
                with suppress(OSError):
                    os.unlink(folder / entry)
                    removed.append(folder / entry)
    return removed


def _by_folder(paths: Iterable[Path]) -> dict[Path, set[str]]:
    folders: dict[Path, set[str]] = {}
    for path in paths:
        folders.setdefault(path.parent, set()).add(path.name)
    return folders
