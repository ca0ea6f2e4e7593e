"""Helpers for byte-identical outputs: one date per document, and ZIP
containers (EPUB, DOCX) re-packed in a fixed order with fixed timestamps."""

from __future__ import annotations

import io
import re
import struct
import zlib
from datetime import datetime, timezone
from typing import Sequence

from convert.model import Document

_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)  # the earliest date a ZIP entry can carry
_ZIP_LAST = datetime(2107, 12, 31, 23, 59, 58, tzinfo=timezone.utc)  # the latest (seconds are stored halved)
_MODIFIED = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")


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


def repack_zip(data: bytes, when: datetime, first: Sequence[str] = (), stored: Sequence[str] = ()) -> bytes:
    """Rewrite a ZIP archive deterministically.

    Entries named in ``first`` come first, in that order; the rest keep their
    order.  Every entry gets the timestamp ``when``, held to the years a ZIP
    entry can carry (1980 to 2107), and fixed permissions; entries named in ``stored`` are not compressed
    (EPUB's ``mimetype`` must be stored), all others are deflated.
    """
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = [name for name in first if name in names] + [name for name in names if name not in first]
    return pack_zip([(name, source.read(name)) for name in ordered], when, stored)


def pack_zip(files: Sequence[tuple[str, bytes | str]], when: datetime, stored: Sequence[str] = ()) -> bytes:
    """A deterministic ZIP archive of ``files`` (name, content; text is written
    as UTF-8) in their order: what :func:`repack_zip` makes of an archive
    holding them in that order, without building that archive first."""
    stamp = min(max(when, _EPOCH), _ZIP_LAST).timetuple()[:6]
    entries = [(name, content.encode("utf-8") if isinstance(content, str) else content, name not in stored)
               for name, content in files]
    names = [name for name, _ in files]
    if len(set(names)) < len(names) or any("\x00" in name for name in names) or len(names) > _MOST_ENTRIES or \
            sum(len(content) for _, content, _ in entries) > _PLAIN_LIMIT:
        return _write_with_zipfile(entries, stamp)  # duplicates, odd names, or ZIP64 records needed
    return _write_zip(entries, stamp)


_PLAIN_LIMIT = 1 << 30
"""Archives up to this size are written without ZIP64 records, as zipfile writes them."""
_MOST_ENTRIES = 0xFFFF
"""More entries than this need ZIP64 records too."""
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # zipfile's default "version made by" and "needed to extract"
_UNIX = 3
_PERMISSIONS = 0o644 << 16
_UTF8_NAME = 0x800
_STORED, _DEFLATED = 0, 8  # zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED


def _write_zip(entries: list[tuple[str, bytes, bool]], stamp: tuple) -> bytes:
    """The archive ``zipfile`` writes for these entries (name, data, deflated),
    byte for byte, in one pass: no ZipInfo objects, no seeking back to patch
    each local header, and no import of zipfile (with bz2, lzma and shutil)."""
    year, month, day, hour, minute, second = stamp
    dos_date = (year - 1980) << 9 | month << 5 | day
    dos_time = hour << 11 | minute << 5 | second // 2
    out, central, offset = [], [], 0
    for name, content, deflated in entries:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        if deflated:
            compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile's
            packed = compressor.compress(content) + compressor.flush()
        else:
            packed = content
        method = _DEFLATED if deflated else _STORED
        crc = zlib.crc32(content)
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, method, dos_time, dos_date, crc, len(packed),
                             len(content), len(encoded), 0)
        out += (header, encoded, packed)
        central += (_CENTRAL.pack(b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, flags, method, dos_time, dos_date,
                                  crc, len(packed), len(content), len(encoded), 0, 0, 0, 0, _PERMISSIONS, offset),
                    encoded)
        offset += len(header) + len(encoded) + len(packed)
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(out) + directory + end


def _write_with_zipfile(entries: list[tuple[str, bytes, bool]], stamp: tuple) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content, deflated in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED
            info.external_attr = _PERMISSIONS
            info.create_system = _UNIX  # Unix, so the permissions above mean the same everywhere
            target.writestr(info, content)
    return out.getvalue()
