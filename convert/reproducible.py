"""Helpers for byte-identical outputs: one date per document, and ZIP
containers (EPUB, DOCX) re-packed in a fixed order with fixed timestamps."""

from __future__ import annotations

import io
import re
import zipfile
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
    stamp = min(max(when, _EPOCH), _ZIP_LAST).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = [name for name in first if name in names] + [name for name in names if name not in first]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above mean the same everywhere
            target.writestr(info, source.read(name))
    return out.getvalue()
