"""Turning command-line inputs into conversion jobs, and running one job.

A job is one input file and the outputs to write for it.  :func:`run_job`
reads the input once, renders every format (each output waits in a
:class:`~convert.run.spool.Spool`), then writes each output atomically; whatever goes wrong is recorded, never raised, so one bad
input cannot stop the others.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import NamedTuple, Sequence

from convert.run.atomic import write_atomic
from convert.errors import EXIT_FAILED, EXIT_OK, ConvertError, Diagnostic
from convert.plugin.formats import OutputFormat
from convert.run.inputs import Unreadable, expand_inputs  # noqa: F401  (expand_inputs: used from here too)
from convert.run.outputs import Input, check_collisions, check_output, output_is_file, plan
from convert.run.pipeline import Settings, Source, load_source, read_source, render
from convert.plugin.loader import Registry
from convert.run.names import safe_name
from convert.run.spool import Spool


class Job(NamedTuple):
    """One input and where each of its outputs goes.

    (The records here are tuples and plain classes, not dataclasses, which
    cost a third of a millisecond each to create at start-up.)
    """

    input: Path
    targets: tuple[tuple[str, Path], ...]
    """(format name, output path) pairs."""
    problem: str | None = None
    """Why the input cannot even be tried (a folder that could not be read)."""


class OutputRecord(NamedTuple):
    """One written output, as the report lists it."""

    path: str
    format: str
    bytes: int
    sha256: str


class JobResult:
    """What happened to one input."""

    def __init__(self, input: str, status: str = "ok", outputs: list[OutputRecord] | None = None,
                 warnings: list[Diagnostic] | None = None, input_sha256: str | None = None) -> None:
        self.input = input
        self.status = status
        """``ok``, ``failed`` or ``skipped``."""
        self.outputs: list[OutputRecord] = outputs if outputs is not None else []
        self.error: str | None = None
        self.warnings: list[Diagnostic] = warnings if warnings is not None else []
        self.seconds = 0.0
        self.exit_code = EXIT_OK
        """0, or the exit code the failure calls for (1 bad input, 2 bad option)."""
        self.input_sha256 = input_sha256
        """The SHA-256 of the input's bytes as converted (for the skip-unchanged manifest)."""

    def __repr__(self) -> str:
        return f"JobResult({self.input!r}, {self.status!r}, error={self.error!r})"


def plan_jobs(inputs: Sequence[Input | Unreadable], formats: Sequence[tuple[str, OutputFormat]],
              output: Path | None, folder: bool = False) -> list[Job]:
    """Decide every output path, refusing collisions before anything is written.

    :param formats: (name as the user gave it, format) pairs.
    :param folder: ``-o`` was given with a trailing slash: a folder whatever its name.
    """
    check_output(output, len(inputs), [fmt for _, fmt in formats], folder)
    to_file = output_is_file(output, len(inputs), len(formats), folder)
    jobs, planned = [], []
    for source in inputs:
        if isinstance(source, Unreadable):
            jobs.append(Job(source.path, (), problem=source.error))
            continue
        targets = tuple((name, plan(source, fmt, output, to_file)) for name, fmt in formats)
        planned.extend((target, source.path, name) for name, target in targets)
        jobs.append(Job(source.path, targets))
    check_collisions(planned)
    return jobs


class Converted:
    """One source rendered: each format's output, or errors."""

    def __init__(self, errors: list[str] | None = None, exit_code: int = EXIT_OK,
                 source_sha256: str | None = None) -> None:
        self.outputs: dict[str, Spool] = {}
        self.warnings: list[Diagnostic] = []
        self.errors: list[str] = errors if errors is not None else []
        self.exit_code = exit_code
        """The most serious failure's exit code (2 for a bad option found by a writer)."""
        self.source_sha256 = source_sha256
        """The SHA-256 of the source the outputs were made from."""

    def fail(self, error: ConvertError) -> None:
        self.errors.append(str(error))
        self.exit_code = max(self.exit_code, error.exit_code)


def convert_source(source: Source, formats: Sequence[str], settings: Settings, registry: Registry) -> Converted:
    """Read a source once and render it to each format; failures are recorded.

    A failing format does not stop the others.  Nothing touches the file
    system, so this runs as well in a remote worker as in this process.
    """
    converted = Converted(source_sha256=source.sha256)
    try:
        document = read_source(source, registry, settings)
    except ConvertError as error:
        converted.fail(error)
        return converted
    converted.warnings.extend(document.warnings + document.notes)  # notes: shown by --verbose only
    for name in formats:
        try:
            output = render(document, registry.output(name), registry, settings)
        except ConvertError as error:
            converted.fail(error)
            continue
        converted.outputs[name] = output.data
        converted.warnings.extend(output.warnings)
    return converted


def write_outputs(job: Job, converted: Converted, started: float) -> JobResult:
    """Write a job's rendered outputs atomically and describe what happened."""
    result = JobResult(str(job.input), warnings=list(converted.warnings), input_sha256=converted.source_sha256)
    for name, path in job.targets:
        data = converted.outputs.get(name)
        if data is None:
            continue
        try:
            write_atomic(path, data)
        except ConvertError as error:
            converted.fail(error)
            continue
        result.outputs.append(OutputRecord(str(path), name, data.size, data.sha256()))
    if converted.errors:
        result.status = "failed"
        result.error = "; ".join(_located(error, job.input) for error in converted.errors)
        result.exit_code = max(converted.exit_code, EXIT_FAILED)
    result.seconds = time.perf_counter() - started
    return result


def _located(message: str, path: Path) -> str:
    """Name the input by its full path: readers only know the file name."""
    for prefix in (f"{path}: ", f"{path.name}: ", f"{safe_name(path.name)}: "):
        if message.startswith(prefix):
            message = message[len(prefix):]
    return f"{path}: {message}"


def failed_job(job: Job, message: str, started: float) -> JobResult:
    """The result of a job that failed before anything was rendered."""
    return write_outputs(job, Converted(errors=[message], exit_code=EXIT_FAILED), started)


def run_job(job: Job, settings: Settings, registry: Registry) -> JobResult:
    """Convert one input to all its outputs; failures are recorded, not raised."""
    started = time.perf_counter()
    if job.problem:
        return failed_job(job, job.problem, started)
    try:
        source = load_source(job.input, settings.max_input_size)
        formats = [name for name, _ in job.targets]
        return write_outputs(job, convert_source(source, formats, settings, registry), started)
    except ConvertError as error:
        failed = Converted()
        failed.fail(error)
        return write_outputs(job, failed, started)
    except Exception as error:  # a defect must cost one input, not the batch
        return failed_job(job, f"unexpected error: {type(error).__name__}: {error}", started)
