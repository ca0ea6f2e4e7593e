"""Helpers for byte-identical outputs: one date per document, and ZIP
containers (EPUB, DOCX) written in a fixed order with fixed timestamps."""

from __future__ import annotations

import re
import struct
import zlib
from datetime import datetime, timezone
from typing import BinaryIO, Collection, Iterable

from convert.model import Document

_MODIFIED = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")
_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)  # the earliest date a ZIP entry can carry
_ZIP_LAST = datetime(2107, 12, 31, 23, 59, 58, tzinfo=timezone.utc)  # the latest (seconds are stored halved)


def document_datetime(document: Document) -> datetime:
    """The document's ``modified`` date as an aware UTC datetime (1980-01-01 if unset)."""
    if not document.meta.modified:
        return _EPOCH
    parts = _MODIFIED.fullmatch(document.meta.modified)
    if parts:  # the form the model keeps; strptime (and its locale set-up) for anything else
        try:
            return datetime(*map(int, parts.groups()), tzinfo=timezone.utc)
        except ValueError:
            pass  # out of range: strptime's message says what
    return datetime.strptime(document.meta.modified, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def write_zip(stream: BinaryIO, entries: Iterable[tuple[str, bytes | Iterable[bytes]]], when: datetime,
              stored: Collection[str] = ()) -> None:
    """Write ``(name, data)`` entries as a deterministic ZIP archive, in one pass.

    Every entry gets the timestamp ``when``, held to the years a ZIP entry can
    carry (1980 to 2107), and fixed permissions; entries named in ``stored``
    are not compressed (EPUB's ``mimetype`` must be stored), all others are
    deflated.  An entry's data may be given in pieces, compressed as they
    come, so that a large part is never joined whole.  The bytes are those :mod:`zipfile` writes for the same entries
    into a seekable file, but entries may be produced one by one and only
    their directory records (some 70 bytes each) are kept, so an archive of
    a hundred thousand parts never holds them all at once.

    :raises ValueError: the archive would need ZIP64 sizes (an entry or the
        archive over 2 GiB).
    """
    stamp = min(max(when, _EPOCH), _ZIP_LAST).timetuple()[:6]
    dos_date = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
    dos_time = stamp[3] << 11 | stamp[4] << 5 | stamp[5] // 2
    try:
        offset = stream.tell()
    except (AttributeError, OSError):
        offset = 0
    directory = bytearray()
    count = 0
    for name, data in entries:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), 0x800  # the UTF-8 name flag
        method = _STORED if name in stored else _DEFLATED
        packed, crc, size = _pack(data, method == _DEFLATED)
        if size * 1.05 > _ZIP64_LIMIT or offset > _ZIP64_LIMIT:
            raise ValueError("the archive would be larger than 2 GiB")
        fields = (_VERSION, 0, flags, method, dos_time, dos_date, crc, len(packed), size)
        stream.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", *fields, len(encoded), 0))
        stream.write(encoded)
        stream.write(packed)
        directory += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", _VERSION, _UNIX, *fields, len(encoded), 0, 0, 0, 0,
                                 _PERMISSIONS, offset)
        directory += encoded
        offset += 30 + len(encoded) + len(packed)
        count += 1
    _write_directory(stream, directory, count, offset)


def _pack(data: bytes | Iterable[bytes], deflate: bool) -> tuple[bytes, int, int]:
    """An entry's data as stored (deflated or not), its CRC-32 and its size."""
    pieces = (data,) if isinstance(data, (bytes, bytearray)) else data
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15) if deflate else None
    packed, crc, size = [], 0, 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
        size += len(piece)
        packed.append(compressor.compress(piece) if compressor else piece)
    if compressor:
        packed.append(compressor.flush())
    return b"".join(packed), crc, size


_ZIP64_LIMIT = (1 << 31) - 1
_STORED, _DEFLATED = 0, 8  # zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
_VERSION = 20  # the version needed to extract, and made by, as zipfile writes them
_UNIX = 3  # made on Unix, so that the permissions mean the same everywhere
_PERMISSIONS = 0o644 << 16


def _write_directory(stream: BinaryIO, directory: bytearray, count: int, start: int) -> None:
    """The central directory, then its end records (ZIP64 ones too past 65,535 entries, as zipfile does)."""
    stream.write(directory)
    size = len(directory)
    if count > 0xFFFF:
        stream.write(struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, start))
        stream.write(struct.pack("<4sLQL", b"PK\x06\x07", 0, start + size, 1))
        count = 0xFFFF
    stream.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, start, 0))
