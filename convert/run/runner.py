"""A whole conversion run, as the command line starts it: find the inputs,
plan the outputs, skip what is current, run the jobs, report, pick the exit
code.

However the run ends (done, Ctrl-C, SIGTERM), the report and the manifest
describe what completed."""

from __future__ import annotations

import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from convert.errors import EXIT_OK, UsageError
from convert.plugin.loader import Registry
from convert.run.batch import default_workers, run_batch
from convert.run.inputs import Unreadable, expand_inputs
from convert.run.jobs import Job, JobResult, failed_job, plan_jobs
from convert.run.outputs import common_root, output_is_file
from convert.run.pipeline import Settings
from convert.run.progress import Progress
from convert.run.report import build_report, summary_line, write_report
from convert.run.signals import Terminated, noted, terminate_raises


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


def check_settings(settings: Settings) -> None:
    """Refuse, once and before any input is read, settings no input could satisfy.

    :raises UsageError: an encoding that is not a text encoding, a bad
        ``SOURCE_DATE_EPOCH``, a malformed language tag.
    """
    from convert.model.languages import LanguageTagError, check_language
    from convert.run.metadata import check_metadata
    from convert.run.sources import source_date_epoch
    from convert.text.decoding import check_encoding

    source_date_epoch()
    check_metadata(settings.metadata)
    options = dict(settings.options)
    if options.get("encoding"):
        check_encoding(options["encoding"])
    if options.get("language"):
        try:
            check_language(options["language"])
        except LanguageTagError as error:
            raise UsageError(f"--option language: {error}") from None


def run(arguments: Sequence[str], settings: Settings, registry: Registry, options: RunOptions) -> int:
    """Convert every input; return the exit code (0 all converted, 1 some failed).

    :raises UsageError: unknown formats, no inputs, colliding outputs.
    :raises KeyboardInterrupt, Terminated: after the report and manifest were written.
    """
    started = time.perf_counter()
    check_settings(settings)
    formats = [(name, registry.output(name)) for name in settings.formats]
    for name in settings.transforms:
        registry.transform(name)
    if settings.input_format:
        registry.input(settings.input_format)
    patterns = options.patterns or tuple(
        f"*{ext}" for ext in sorted(registry.input_extensions()) if ext != ".json"
    )
    sources = expand_inputs(arguments, patterns)
    if not sources:
        raise UsageError(f"no input files found (looked for {', '.join(patterns)})")
    if options.output == Path("-"):
        return _to_stdout(sources, settings, registry, options)
    jobs = plan_jobs(sources, formats, options.output)
    progress = Progress(len(jobs), options.quiet, options.verbose)
    results: dict[Path, JobResult] = {}
    manifest, stopped = None, None
    try:
        with terminate_raises():
            manifest = _manifest(jobs, settings, registry, options)
            with closing(_results(jobs, settings, registry, options, manifest)) as produced:
                for result in produced:
                    results[Path(result.input)] = result
                    progress.result(result)
    except (KeyboardInterrupt, Terminated) as signal:
        stopped = signal
    ordered = [results.get(job.input) or JobResult(str(job.input), status="skipped") for job in jobs]
    seconds = time.perf_counter() - started
    with noted() as late:  # a signal now waits until the record of what completed is written
        progress.finish(summary_line(ordered, seconds))
        if manifest is not None:
            manifest.record(ordered)
        if options.report:
            write_report(options.report, build_report(ordered, settings.formats, options.workers, seconds))
    if stopped is not None:
        raise stopped
    late.raise_any()
    return max([result.exit_code for result in ordered] + [progress.exit_code])


def _results(jobs: list[Job], settings: Settings, registry: Registry, options: RunOptions, manifest) -> Iterator[JobResult]:
    """Inputs that cannot be tried and skipped jobs first, then the others as they complete."""
    todo = []
    for job in jobs:
        if job.problem:
            yield failed_job(job, job.problem, time.perf_counter())
            if options.fail_fast:
                return
            continue
        current = manifest.current(job) if manifest is not None and options.skip_unchanged else None
        if current is None:
            todo.append(job)
        else:
            yield JobResult(str(job.input), status="skipped", outputs=current)
    stop = (lambda result: result.status == "failed") if options.fail_fast else (lambda result: False)
    if options.executor == "dask":
        from convert.run.distributed import run_on_dask

        yield from run_on_dask(todo, settings, registry, options.scheduler, stop, options.workers, options.quiet)
    else:
        yield from run_batch(todo, settings, registry, options.workers, stop)


def _manifest(jobs: list[Job], settings: Settings, registry: Registry, options: RunOptions):
    """The manifest to keep: with ``--skip-unchanged``, or when one exists already."""
    from convert.run.manifest import Manifest, recipe

    targets = [path for job in jobs for _, path in job.targets]
    if not targets:
        return None
    to_file = options.output is not None and output_is_file(options.output, len(jobs), len(settings.formats))
    folder = options.output if options.output is not None and not to_file else common_root(targets)
    recipes = {name: recipe(settings, name, registry) for name in settings.formats}
    manifest = Manifest(folder, recipes, settings.max_input_size)
    return manifest if options.skip_unchanged or manifest.exists() else None


def _to_stdout(sources, settings: Settings, registry: Registry, options: RunOptions) -> int:
    """``-o -``: one input, one format, written to standard output."""
    import sys

    from convert.errors import OutputError
    from convert.run.jobs import convert_source
    from convert.run.names import printable
    from convert.run.pipeline import load_source

    if len(sources) != 1 or len(settings.formats) != 1:
        raise UsageError("-o - (standard output) takes exactly one input and one --to format")
    if isinstance(sources[0], Unreadable):
        raise OutputError(printable(f"{sources[0].path}: {sources[0].error}"))
    source = load_source(sources[0].path, settings.max_input_size)
    converted = convert_source(source, settings.formats, settings, registry)
    for warning in converted.warnings:
        if not options.quiet and warning.level == "warning":
            print(printable(f"convert: warning: {sources[0].path}: {warning}"), file=sys.stderr)
    if converted.errors:
        for error in converted.errors:
            print(printable(f"convert: error: {error}"), file=sys.stderr)
        return converted.exit_code
    try:
        sys.stdout.buffer.write(converted.outputs[settings.formats[0]])
        sys.stdout.buffer.flush()
    except OSError as error:
        from convert.run.progress import silence_stdout

        silence_stdout()
        raise OutputError(f"cannot write to standard output: {error.strerror or error}") from None
    return EXIT_OK
