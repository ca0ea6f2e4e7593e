"""``--skip-unchanged``: remember what produced each output, so CI re-runs
rebuild only what changed.

A manifest (``.convert-manifest.json``) lives in the output folder (``-o``)
or, for outputs written next to their inputs, in the inputs' common folder.
For each output it records the SHA-256 of the input it was made from, a
*recipe* (convert, model and plugin versions, the settings and
``SOURCE_DATE_EPOCH``) and the SHA-256 of the output itself.  An input is
skipped only when, for every one of its outputs, the input's bytes hash the
same, the recipe is the same, and the output file still hashes as recorded.
Modification times play no part: a fresh checkout skips what is current, and
an output overwritten by any other run is made again.

Every run that writes outputs updates an existing manifest (and
``--skip-unchanged`` creates one).  The update re-reads the manifest under an
exclusive lock on its folder and merges, so concurrent runs into one folder
lose no entry; the file is replaced atomically.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

from convert import __version__
from convert.errors import ConvertError
from convert.model import MODEL_VERSION
from convert.plugin.loader import Registry
from convert.run.atomic import write_atomic
from convert.run.jobs import Job, JobResult, OutputRecord
from convert.run.pipeline import Settings
from convert.run.sources import read_input, source_date_epoch

MANIFEST_NAME = ".convert-manifest.json"
MANIFEST_VERSION = 2
_CHUNK = 1024 * 1024


def recipe(settings: Settings, fmt: str, registry: Registry) -> str:
    """Everything besides the input's bytes that decides an output's bytes."""
    described = {
        "tool": __version__,
        "model": MODEL_VERSION,
        "plugins": sorted(f"{plugin.name} {plugin.version}" for plugin in registry.plugins),
        "format": fmt,
        "writer": registry.provider(registry.output(fmt)),
        "input_format": settings.input_format,
        "metadata": settings.metadata,
        "options": settings.options,
        "transforms": settings.transforms,
        "source_date_epoch": source_date_epoch(),
    }
    import json  # as the other uses below: a run that keeps no manifest does not import it

    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (no lock file is left behind)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: merging still happens, unlocked
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


class Manifest:
    """Output path -> how it was made, kept in one file."""

    def __init__(self, folder: Path, recipes: dict[str, str], max_input_size: int) -> None:
        self.folder = folder
        self.path = folder / MANIFEST_NAME
        self.recipes = recipes
        self.max_input_size = max_input_size
        self.entries = self._load()

    def exists(self) -> bool:
        return self.path.is_file()

    def _load(self) -> dict[str, dict]:
        import json

        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return {}  # an older manifest's entries cannot prove anything
        outputs = data.get("outputs")
        return outputs if isinstance(outputs, dict) else {}

    def _key(self, path: Path | str) -> str:
        return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(self.folder))).as_posix()

    def current(self, job: Job) -> list[OutputRecord] | None:
        """The job's outputs if every one is current, else None."""
        if job.problem or not job.targets:
            return None
        try:
            data, _ = read_input(job.input, self.max_input_size)
        except ConvertError:
            return None  # converting it will say what is wrong
        input_sha256 = hashlib.sha256(data).hexdigest()
        records = []
        for fmt, path in job.targets:
            entry = self.entries.get(self._key(path))
            if not isinstance(entry, dict) or entry.get("recipe") != self.recipes.get(fmt) \
                    or entry.get("input_sha256") != input_sha256:
                return None
            try:
                if _file_sha256(path) != entry.get("sha256"):
                    return None
            except OSError:
                return None
            records.append(OutputRecord(str(path), fmt, int(entry.get("bytes", 0)), entry["sha256"]))
        return records

    def record(self, results: Sequence[JobResult]) -> None:
        """Merge the outputs written by ``results`` into the manifest on disk.

        :raises OutputError: the manifest cannot be written.
        """
        updates = {
            self._key(output.path): {
                "input_sha256": result.input_sha256,
                "recipe": self.recipes[output.format],
                "sha256": output.sha256,
                "bytes": output.bytes,
            }
            for result in results if result.status != "skipped" and result.input_sha256
            for output in result.outputs if output.format in self.recipes
        }
        if not updates or not self.folder.is_dir():
            return
        import json

        with _locked(self.folder):
            merged = {**self._load(), **updates}
            data = {"tool": {"name": "convert", "version": __version__}, "version": MANIFEST_VERSION,
                    "outputs": merged}
            write_atomic(self.path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8"))
        self.entries = merged
