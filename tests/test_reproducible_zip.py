"""ZIP containers are re-packed in one pass, byte for byte as zipfile writes them."""

from __future__ import annotations

import io
import warnings
import zipfile
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from convert.reproducible import _write_with_zipfile, _write_zip, pack_zip, repack_zip

NAMES = st.sampled_from(["mimetype", "META-INF/container.xml", "OEBPS/section-001.xhtml", "word/document.xml",
                         "\u00e9t\u00e9/\u00fc.txt", "\u6f22\u5b57.xml", "x" * 180])
CONTENT = st.one_of(st.binary(max_size=600), st.text(max_size=400).map(lambda text: text.encode("utf-8") * 20))
ENTRIES = st.lists(st.tuples(NAMES, CONTENT, st.booleans()), max_size=6, unique_by=lambda entry: entry[0])
STAMPS = st.tuples(st.integers(1980, 2107), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23),
                   st.integers(0, 59), st.integers(0, 59))


@settings(max_examples=150, deadline=None)
@given(ENTRIES, STAMPS)
def test_one_pass_writer_matches_zipfile(entries, stamp):
    assert _write_zip(entries, stamp) == _write_with_zipfile(entries, stamp)


def stored_archive(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_repacked_archive_reads_back_in_order_with_fixed_dates():
    files = {"b.xhtml": b"<p>b</p>" * 50, "mimetype": b"application/epub+zip", "a/\u00e9.css": b""}
    when = datetime(1975, 5, 1, tzinfo=timezone.utc)  # before 1980: held to the earliest ZIP date
    packed = repack_zip(stored_archive(files), when, first=("mimetype",), stored=("mimetype",))
    archive = zipfile.ZipFile(io.BytesIO(packed))
    assert archive.testzip() is None
    assert archive.namelist() == ["mimetype", "b.xhtml", "a/\u00e9.css"]
    assert [info.compress_type for info in archive.infolist()] == [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED,
                                                                  zipfile.ZIP_DEFLATED]
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {name: archive.read(name) for name in archive.namelist()} == files


def test_duplicate_names_are_written_as_zipfile_writes_them():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate, writing and re-packing
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("same", b"one")
            archive.writestr("same", b"two")
        packed = repack_zip(buffer.getvalue(), datetime(2020, 1, 1, tzinfo=timezone.utc))
    assert [info.filename for info in zipfile.ZipFile(io.BytesIO(packed)).infolist()] == ["same", "same"]


@settings(max_examples=100, deadline=None)
@given(ENTRIES, st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1)))
def test_packing_files_equals_repacking_an_archive_of_them(entries, moment):
    files = [(name, content) for name, content, _ in entries]
    stored = [name for name, _, deflated in entries if not deflated]
    when = moment.replace(tzinfo=timezone.utc)
    assert pack_zip(files, when, stored) == repack_zip(stored_archive(dict(files)), when, stored=stored)
    text = [(name, content.decode("utf-8", "replace")) for name, content in files]  # text is written as UTF-8
    assert pack_zip(text, when) == pack_zip([(name, content.encode("utf-8")) for name, content in text], when)


def test_more_entries_than_a_plain_zip_counts():
    # past 65,535 entries the archive needs ZIP64 records, which zipfile writes
    files = [(f"OEBPS/section-{index:06d}.xhtml", b"") for index in range(0x10000)]
    packed = pack_zip(files, datetime(2020, 1, 1, tzinfo=timezone.utc))
    assert packed == _write_with_zipfile([(name, data, True) for name, data in files], (2020, 1, 1, 0, 0, 0))
    assert len(zipfile.ZipFile(io.BytesIO(packed)).namelist()) == 0x10000
