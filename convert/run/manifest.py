"""``--skip-unchanged``: remember what produced each output, so CI re-runs
rebuild only what changed.

A manifest (``.convert-manifest.json``) lives in the output folder (``-o``)
or, for outputs written next to their inputs, in the inputs' common folder.
An input is skipped when every one of its outputs exists, is at least as new
as the input, and the manifest says it was made by the same tool version,
plugin version and settings.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Sequence

from convert import __version__
from convert.run.atomic import write_atomic
from convert.run.jobs import Job, JobResult, OutputRecord
from convert.run.pipeline import Settings

MANIFEST_NAME = ".convert-manifest.json"


def fingerprint(settings: Settings, fmt: str, plugin_version: str) -> str:
    """What must match for an old output to count as current."""
    recipe = {
        "tool": __version__,
        "format": fmt,
        "plugin_version": plugin_version,
        "input_format": settings.input_format,
        "metadata": settings.metadata,
        "options": settings.options,
        "transforms": settings.transforms,
    }
    return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()


class Manifest:
    """Output path -> how it was made, loaded from and saved to one file."""

    def __init__(self, folder: Path, fingerprints: dict[str, str]) -> None:
        self.path = folder / MANIFEST_NAME
        self.fingerprints = fingerprints
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text("utf-8"))["outputs"]
        except (OSError, ValueError, KeyError, TypeError):
            self.entries = {}

    def _key(self, path: Path | str) -> str:
        return str(Path(path).resolve())

    def current(self, job: Job) -> list[OutputRecord] | None:
        """The job's outputs if they are all up to date, else None."""
        try:
            input_time = job.input.stat().st_mtime
        except OSError:
            return None
        records = []
        for fmt, path in job.targets:
            entry = self.entries.get(self._key(path))
            try:
                stat = path.stat()
            except OSError:
                return None
            if not entry or entry["fingerprint"] != self.fingerprints[fmt] or stat.st_mtime < input_time:
                return None
            if stat.st_size != entry["bytes"]:
                return None
            records.append(OutputRecord(str(path), fmt, entry["bytes"], entry["sha256"]))
        return records

    def record(self, results: Sequence[JobResult]) -> None:
        """Remember the outputs of successful jobs and save the manifest."""
        for result in results:
            for output in result.outputs:
                self.entries[self._key(output.path)] = {
                    "fingerprint": self.fingerprints[output.format],
                    "bytes": output.bytes,
                    "sha256": output.sha256,
                }
        data = {"tool": {"name": "convert", "version": __version__}, "outputs": self.entries}
        write_atomic(self.path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8"))
