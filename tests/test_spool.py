"""Outputs wait in a spool: in memory while small, in a temporary file once
large, and the bytes written are the same either way."""

from __future__ import annotations

import hashlib
import io
import pickle
import zipfile
from pathlib import Path

import pytest

from convert.plugin.loader import load_registry
from convert.run import spool as spool_module
from convert.run.jobs import Job, run_job
from convert.run.pipeline import Settings
from convert.run.spool import Spool

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_fbb78fa2d04dba80.txt"


def test_a_spool_moves_to_disk_past_its_limit_and_keeps_every_byte():
    spool = Spool(in_memory=10)
    spool.write(b"abc")
    assert not spool._on_disk
    spool.write(bytearray(b"0123456789"))
    spool.write(memoryview(b"xyz"))
    assert spool._on_disk
    assert spool.size == 16 and spool.tell() == 16
    assert spool.getvalue() == b"abc0123456789xyz"
    assert b"".join(bytes(chunk) for chunk in spool.chunks()) == b"abc0123456789xyz"


@pytest.mark.parametrize("limit", [0, 100, 10**9])
def test_a_seeking_writer_makes_the_same_bytes_as_in_memory(limit):
    # zipfile seeks back to fill in each entry's header
    def archive(stream):
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as made:
            for index in range(5):
                made.writestr(f"part{index}.txt", f"part {index} " * 500)

    expected = io.BytesIO()
    archive(expected)
    spool = Spool(in_memory=limit)
    archive(spool)
    assert spool.getvalue() == expected.getvalue()
    out = io.BytesIO()
    spool.write_to(out)
    assert out.getvalue() == expected.getvalue()


def test_the_digest_taken_while_copying_follows_later_writes():
    spool = Spool(in_memory=8)
    spool.write(b"first part, on disk")
    out = io.BytesIO()
    spool.write_to(out)
    assert spool.sha256() == hashlib.sha256(out.getvalue()).hexdigest()
    spool.write(b" and more")
    assert spool.sha256() == hashlib.sha256(b"first part, on disk and more").hexdigest()


def test_a_spool_travels_to_another_process_as_its_bytes():
    spool = Spool(in_memory=4)
    spool.write(b"several bytes")
    copy = pickle.loads(pickle.dumps(spool))
    assert isinstance(copy, Spool) and copy.getvalue() == b"several bytes"
    assert copy.sha256() == spool.sha256()


def test_outputs_larger_than_memory_are_written_whole(tmp_path, monkeypatch):
    registry = load_registry()
    formats = ("epub", "pdf", "docx", "json")

    def convert(folder: Path) -> dict[str, bytes]:
        targets = tuple((name, folder / f"seed.{name}") for name in formats)
        result = run_job(Job(SEED, targets), Settings(formats), registry)
        assert result.status == "ok", result.error
        for record in result.outputs:
            data = Path(record.path).read_bytes()
            assert len(data) == record.bytes
            assert hashlib.sha256(data).hexdigest() == record.sha256
        return {name: path.read_bytes() for name, path in targets}

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    in_memory = convert(tmp_path / "memory")
    monkeypatch.setattr(spool_module, "IN_MEMORY", 1024)  # every output of the seed is larger
    on_disk = convert(tmp_path / "disk")
    assert on_disk == in_memory
    assert sorted(path.name for path in (tmp_path / "disk").iterdir()) == sorted(f"seed.{name}" for name in formats)
