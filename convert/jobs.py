"""Turning command-line inputs into conversion jobs, and running one job.

A job is one input file and the outputs to write for it.  :func:`run_job`
reads the input once, renders every format in memory, then writes each
output atomically; whatever goes wrong is recorded, never raised, so one bad
input cannot stop the others.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .atomic import write_atomic
from .errors import ConvertError, Diagnostic, UsageError
from .outputs import Input, check_collisions, common_root, output_is_file, plan
from .pipeline import Settings, load_source, read_source, render
from .plugins import Registry


@dataclass(frozen=True)
class Job:
    """One input and where each of its outputs goes."""

    input: Path
    targets: tuple[tuple[str, Path], ...]
    """(format name, output path) pairs."""


@dataclass
class OutputRecord:
    """One written output, as the report lists it."""

    path: str
    format: str
    bytes: int
    sha256: str


@dataclass
class JobResult:
    """What happened to one input."""

    input: str
    status: str = "ok"
    """``ok``, ``failed`` or ``skipped``."""
    outputs: list[OutputRecord] = field(default_factory=list)
    error: str | None = None
    warnings: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0


def expand_inputs(arguments: Sequence[str], patterns: Sequence[str]) -> list[Input]:
    """Files as given; directories searched recursively for ``patterns``.

    :raises UsageError: an argument does not exist.
    """
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = {p for pattern in patterns for p in path.rglob(pattern) if p.is_file()}
            paths.extend(sorted(found))
        elif path.exists():
            paths.append(path)
        else:
            raise UsageError(f"{argument}: no such file or directory")
    unique = list(dict.fromkeys(paths))
    root = common_root(unique)
    return [Input(path, root) for path in unique]


def plan_jobs(inputs: Sequence[Input], formats: Sequence, output: Path | None) -> list[Job]:
    """Decide every output path, refusing collisions before anything is written."""
    to_file = output_is_file(output, len(inputs), len(formats))
    jobs, planned = [], []
    for source in inputs:
        targets = tuple((fmt.name, plan(source, fmt, output, to_file)) for fmt in formats)
        planned.extend((target, source.path) for _, target in targets)
        jobs.append(Job(source.path, targets))
    check_collisions(planned)
    return jobs


def run_job(job: Job, settings: Settings, registry: Registry) -> JobResult:
    """Convert one input to all its outputs; failures are recorded, not raised."""
    started = time.perf_counter()
    result = JobResult(str(job.input))
    errors: list[str] = []
    try:
        source = load_source(job.input, settings.max_input_size)
        document = read_source(source, registry, settings)
    except ConvertError as error:
        errors.append(str(error))
    else:
        result.warnings.extend(document.warnings)
        for name, path in job.targets:
            try:
                output = render(document, registry.output(name), registry, settings)
                write_atomic(path, output.data)
            except ConvertError as error:
                errors.append(str(error))
                continue
            result.warnings.extend(output.warnings)
            digest = hashlib.sha256(output.data).hexdigest()
            result.outputs.append(OutputRecord(str(path), name, len(output.data), digest))
    if errors:
        result.status, result.error = "failed", "; ".join(errors)
    result.seconds = time.perf_counter() - started
    return result


def run_jobs(jobs: Iterable[Job], settings: Settings, registry: Registry) -> Iterable[JobResult]:
    """Run jobs one after the other in this process."""
    for job in jobs:
        yield run_job(job, settings, registry)
