"""Writing a file so that it either appears whole or not at all."""

from __future__ import annotations

import itertools
import os
from contextlib import suppress
from pathlib import Path

from convert.errors import OutputError

TEMP_SUFFIX = ".convert-part"
"""Suffix of the temporary files that become outputs; never left behind."""


_counter = itertools.count()


def _temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{next(_counter)}{TEMP_SUFFIX}")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it.

    Missing parent directories are created.  On any failure (including
    Ctrl-C) the temporary file is removed and ``path`` is left untouched.

    :raises OutputError: the directory cannot be created or written.
    """
    # The name is chosen before the file exists, so that cleanup knows it
    # whenever an interruption lands, even between creating and writing.
    temporary = _temporary_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException as error:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
        raise
