"""A whole conversion run, as the command line starts it: find the inputs,
plan the outputs, skip what is current, run the jobs, report, pick the exit
code."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from convert.run.batch import default_workers, run_batch
from convert.errors import EXIT_OK, UsageError
from convert.run.jobs import Job, JobResult, expand_inputs, plan_jobs
from convert.run.pipeline import Settings, check_settings
from convert.plugin.loader import Registry
from convert.run.progress import Progress
from convert.run.report import build_report, summary_line, write_report


@dataclass(frozen=True)
class RunOptions:
    """How to run a batch (as opposed to :class:`Settings`: what to make)."""

    output: Path | None = None
    patterns: tuple[str, ...] = ()
    """Glob patterns for files inside input folders; default: the readers' extensions."""
    workers: int = field(default_factory=default_workers)
    fail_fast: bool = False
    skip_unchanged: bool = False
    report: Path | None = None
    quiet: bool = False
    verbose: bool = False
    executor: str = "local"
    scheduler: str | None = None


def run(arguments: Sequence[str], settings: Settings, registry: Registry, options: RunOptions) -> int:
    """Convert every input; return the exit code (0 all converted, 1 some failed).

    :raises UsageError: unknown formats, no inputs, colliding outputs.
    """
    started = time.perf_counter()
    formats = [(name, registry.output(name)) for name in settings.formats]
    patterns = options.patterns or tuple(
        f"*{ext}" for ext in sorted(registry.input_extensions()) if ext != ".json"
    )
    sources = expand_inputs(arguments, patterns)
    if not sources:
        raise UsageError(f"no input files found (looked for {', '.join(patterns)})")
    check_settings(registry, settings, [source.path.name for source in sources])
    if options.output == Path("-"):
        return _to_stdout(sources, settings, registry, options)
    jobs = plan_jobs(sources, formats, options.output)
    manifest = _manifest(jobs, settings, registry, options) if options.skip_unchanged else None
    progress = Progress(len(jobs), options.quiet, options.verbose)
    results: dict[Path, JobResult] = {}
    for result in _results(jobs, settings, registry, options, manifest):
        results[Path(result.input)] = result
        progress.result(result)
    ordered = [results.get(job.input) or JobResult(str(job.input), status="skipped") for job in jobs]
    seconds = time.perf_counter() - started
    progress.finish(summary_line(ordered, seconds))
    if manifest is not None:
        manifest.record([result for result in ordered if result.status == "ok"])
    if options.report:
        write_report(options.report, build_report(ordered, settings.formats, options.workers, seconds))
    return max((result.exit_code for result in ordered), default=EXIT_OK)


def _results(jobs: list[Job], settings: Settings, registry: Registry, options: RunOptions, manifest) -> Iterator[JobResult]:
    """Skipped jobs first, then the others as they complete."""
    todo = []
    for job in jobs:
        current = manifest.current(job) if manifest is not None else None
        if current is None:
            todo.append(job)
        else:
            yield JobResult(str(job.input), status="skipped", outputs=current)
    stop = (lambda result: result.status == "failed") if options.fail_fast else (lambda result: False)
    if options.executor == "dask":
        from convert.run.distributed import run_on_dask

        yield from run_on_dask(todo, settings, registry, options.scheduler, stop, options.workers)
    else:
        yield from run_batch(todo, settings, registry, options.workers, stop)


def _manifest(jobs: list[Job], settings: Settings, registry: Registry, options: RunOptions):
    from convert.run.manifest import Manifest, fingerprint
    from convert.run.outputs import common_root

    folder = common_root([path for job in jobs for _, path in job.targets])
    versions = {plugin.name: plugin.version for plugin in registry.plugins}
    fingerprints = {
        name: fingerprint(settings, name, versions.get(registry.provider(registry.output(name)), "?"))
        for name in settings.formats
    }
    return Manifest(folder, fingerprints)


def _to_stdout(sources, settings: Settings, registry: Registry, options: RunOptions) -> int:
    """``-o -``: one input, one format, written to standard output."""
    import sys

    from convert.run.jobs import convert_source
    from convert.run.pipeline import load_source

    if len(sources) != 1 or len(settings.formats) != 1:
        raise UsageError("-o - (standard output) takes exactly one input and one --to format")
    source = load_source(sources[0].path, settings.max_input_size)
    converted = convert_source(source, settings.formats, settings, registry)
    for warning in converted.warnings:
        if not options.quiet and warning.level == "warning":
            print(f"convert: warning: {sources[0].path}: {warning}", file=sys.stderr)
    if converted.errors:
        for error in converted.errors:
            print(f"convert: error: {error}", file=sys.stderr)
        return converted.exit_code
    sys.stdout.buffer.write(converted.outputs[settings.formats[0]])
    sys.stdout.buffer.flush()
    return EXIT_OK
