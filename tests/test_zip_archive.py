"""The deterministic ZIP writer behind EPUB and DOCX: the bytes zipfile writes
for the same entries, without holding every entry's record."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

from hypothesis import given
from hypothesis import strategies as st

import test_properties  # noqa: F401  (registers and loads the hypothesis profiles)
from convert.reproducible import write_zip

WHEN = datetime(2026, 1, 31, 12, 34, 56, tzinfo=timezone.utc)


def zipfile_bytes(entries, when, stored) -> bytes:
    """What :mod:`zipfile` writes for the same entries, with the same settings."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data)
    return out.getvalue()


def written(entries, when=WHEN, stored=()) -> bytes:
    out = io.BytesIO()
    write_zip(out, iter(entries), when, stored)
    return out.getvalue()


NAMES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=12)


@given(st.lists(st.tuples(NAMES, st.binary(max_size=3000) | st.text(max_size=500).map(str.encode)),
                max_size=6, unique_by=lambda entry: entry[0]),
       st.sets(st.integers(0, 5)))
def test_same_bytes_as_zipfile(entries, stored_positions):
    stored = {name for i, (name, _) in enumerate(entries) if i in stored_positions}
    data = written(entries, stored=stored)
    assert data == zipfile_bytes(entries, WHEN, stored)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert [(info.filename, archive.read(info)) for info in archive.infolist()] == entries


def test_dates_outside_what_zip_can_carry_are_held_to_its_years():
    early = written([("a", b"x")], datetime(1970, 1, 1, tzinfo=timezone.utc))
    late = written([("a", b"x")], datetime(2200, 1, 1, tzinfo=timezone.utc))
    assert zipfile.ZipFile(io.BytesIO(early)).infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)
    assert zipfile.ZipFile(io.BytesIO(late)).infolist()[0].date_time == (2107, 12, 31, 23, 59, 58)


def test_more_entries_than_a_plain_zip_directory_counts():
    # past 65,535 entries the directory's end needs the ZIP64 records, as zipfile writes them
    entries = [(f"{n}", b"") for n in range(70_000)]
    data = written(entries, stored={name for name, _ in entries})
    assert data == zipfile_bytes(entries, WHEN, {name for name, _ in entries})
    assert len(zipfile.ZipFile(io.BytesIO(data)).infolist()) == 70_000
