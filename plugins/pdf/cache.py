"""A per-user cache of things the PDF writer derives from installed packages
once (static font cuts, parsed hyphenation patterns), so that later runs
start fast.  Entries are keyed by their source's path, size and modification time and
the version of the tool that made them, so a changed source or tool makes a new entry;
they are written atomically, so concurrent runs never read half an entry.
When no cache folder is writable, the writer works without it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def folder() -> Path:
    """``$XDG_CACHE_HOME/convert-text`` (or ``~/.cache/convert-text``)."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "convert-text"


def digest(path: Path) -> str:
    """A short key for a file's version: a digest of its path, size and
    modification time, as Python's own bytecode cache keys a source.  Reading
    and hashing the file instead (two variable fonts of 2 MB) took some 5 ms
    a run."""
    status = path.stat()
    return hashlib.sha256(f"{path}|{status.st_size}|{status.st_mtime_ns}".encode()).hexdigest()[:16]


def store(path: Path, data: bytes) -> bool:
    """Write ``data`` at ``path`` atomically; False when the cache is not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".new-", delete=False) as temporary:
            temporary.write(data)
        os.replace(temporary.name, path)
        return True
    except OSError:
        return False
