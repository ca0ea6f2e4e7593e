"""Where a writer's output waits to be written: in memory while it is small,
in an unnamed temporary file once it grows.

Every output is rendered whole before anything is written (so that a failing
writer leaves no partial file), and a large book's bytes held in memory came
on top of its document: a third of the peak for an EPUB of 100,000 headings.
A :class:`Spool` keeps the first :data:`IN_MEMORY` bytes in memory and moves
everything to a temporary file beyond that; the file has no name, so nothing
is left behind whatever happens to the process.
"""

from __future__ import annotations

import hashlib
import io
from typing import BinaryIO, Iterator

IN_MEMORY = 4 * 1024 * 1024
"""Outputs up to this many bytes never touch the disk."""
_CHUNK = 1024 * 1024


class Spool(io.BufferedIOBase):
    """A seekable binary stream for a writer; read back with :meth:`chunks`."""

    def __init__(self, in_memory: int | None = None) -> None:
        super().__init__()
        self._limit = IN_MEMORY if in_memory is None else in_memory
        self._stream: BinaryIO = io.BytesIO()
        self._on_disk = False
        self._digest: str | None = None  # taken while the content is copied out

    @classmethod
    def of(cls, data: bytes) -> Spool:
        """A spool holding ``data`` (an output received from another process)."""
        spool = cls(in_memory=max(len(data), IN_MEMORY))
        spool.write(data)
        return spool

    def __reduce__(self):
        return Spool.of, (self.getvalue(),)  # to another process as its bytes

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._digest = None
        if not self._on_disk and self._stream.tell() + memoryview(data).nbytes > self._limit:
            self._move_to_disk()
        return self._stream.write(data)

    def read(self, size: int | None = -1) -> bytes:
        return self._stream.read(size)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._stream.seek(offset, whence)

    def tell(self) -> int:
        return self._stream.tell()

    def truncate(self, size: int | None = None) -> int:
        self._digest = None
        return self._stream.truncate(size)

    def close(self) -> None:
        self._stream.close()
        super().close()

    @property
    def size(self) -> int:
        """The number of bytes written (the end of the stream)."""
        position = self._stream.tell()
        end = self._stream.seek(0, io.SEEK_END)
        self._stream.seek(position)
        return end

    def chunks(self) -> Iterator[bytes | memoryview]:
        """The whole content, from the start, a piece at a time."""
        if not self._on_disk:
            yield self._stream.getbuffer()
            return
        self._stream.seek(0)
        while chunk := self._stream.read(_CHUNK):
            yield chunk

    def getvalue(self) -> bytes:
        """The whole content as one bytes object."""
        if not self._on_disk:
            return self._stream.getvalue()
        return b"".join(self.chunks())

    def sha256(self) -> str:
        """Hex SHA-256 of the content (read again only if it was never copied out)."""
        if self._digest is None:
            self._copy_out(None)
        return self._digest

    def write_to(self, stream: BinaryIO) -> None:
        """Copy the content to another stream."""
        self._copy_out(stream)

    def _copy_out(self, stream: BinaryIO | None) -> None:
        # the digest is taken on the way, so a large output written to a file
        # is not read back from disk to be hashed for the report
        digest = hashlib.sha256()
        for chunk in self.chunks():
            digest.update(chunk)
            if stream is not None:
                stream.write(chunk)
        self._digest = digest.hexdigest()

    def _move_to_disk(self) -> None:
        import tempfile  # only large outputs need it (its import costs as much as a small conversion)

        position = self._stream.tell()
        disk = tempfile.TemporaryFile()
        disk.write(self._stream.getbuffer())
        disk.seek(position)
        self._stream.close()
        self._stream = disk
        self._on_disk = True


def write_data(stream: BinaryIO, data: bytes | Spool) -> None:
    """Write an output, bytes or a spool, to a stream."""
    if isinstance(data, Spool):
        data.write_to(stream)
    else:
        stream.write(data)
