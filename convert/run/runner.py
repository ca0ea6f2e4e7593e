"""A whole conversion run, as the command line starts it: find the inputs,
plan the outputs, skip what is current, run the jobs, report, pick the exit
code."""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from convert.run.batch import default_workers, run_batch
from convert.errors import EXIT_OK, ConvertError, UsageError
from convert.plugin.formats import OutputFormat
from convert.run.jobs import Converted, Job, JobResult, OutputRecord, convert_source, expand_inputs, plan_jobs, write_outputs
from convert.run.outputs import STANDARD_STREAM, check_report_path
from convert.run.pipeline import Settings, Source, check_settings, load_source
from convert.plugin.loader import Registry
from convert.run.progress import Progress
from convert.run.report import build_report, report_text, summary_line, write_report
from convert.run.stdio import STDIN_NAME, read_standard_input, refuse_binary_on_terminal, stdin_targets


@dataclass(frozen=True)
class RunOptions:
    """How to run a batch (as opposed to :class:`Settings`: what to make)."""

    output: Path | None = None
    """``-o``: a folder, a file for one input and one format, or ``-`` (standard output)."""
    output_folder: bool = False
    """``-o`` ended with a slash: a folder, whatever its name."""
    patterns: tuple[str, ...] = ()
    """Glob patterns for files inside input folders; default: the readers' extensions."""
    workers: int = field(default_factory=default_workers)
    fail_fast: bool = False
    skip_unchanged: bool = False
    report: Path | None = None
    """``--report``: a JSON file, or ``-`` for standard output."""
    quiet: bool = False
    verbose: bool = False
    executor: str = "local"
    scheduler: str | None = None


def run(arguments: Sequence[str], settings: Settings, registry: Registry, options: RunOptions) -> int:
    """Convert every input; return the exit code (0 all converted, 1 some failed).

    ``-`` as the only input reads standard input.

    :raises UsageError: unknown formats, no inputs, colliding outputs, an
        ``-o`` or ``--report`` that cannot be used; all before anything is converted.
    """
    started = time.perf_counter()
    formats = _check_names(settings, registry)
    from_stdin = _reads_standard_input(arguments)
    if options.output == STANDARD_STREAM:
        return _to_stdout(arguments, from_stdin, formats, settings, registry, options, started)
    if from_stdin:
        targets = stdin_targets(formats, options.output, options.output_folder, settings.metadata)
        jobs = [Job(Path(STDIN_NAME), targets)]
    else:
        jobs = plan_jobs(_sources(arguments, registry, options), formats, options.output, options.output_folder)
    check_settings(registry, settings, [job.input.name for job in jobs])  # readers, options: before converting
    check_report_path(options.report, [job.input for job in jobs], [path for job in jobs for _, path in job.targets])
    skip = options.skip_unchanged and not from_stdin  # standard input is always converted
    manifest = _manifest(jobs, settings, registry, options) if skip else None
    progress = Progress(len(jobs), options.quiet, options.verbose, stdout_free=options.report != STANDARD_STREAM)
    results: dict[Path, JobResult] = {}
    found = _stdin_result(jobs[0], settings, registry) if from_stdin else _results(jobs, settings, registry, options, manifest)
    for result in found:
        results[Path(result.input)] = result
        progress.result(result)
    ordered = [results.get(job.input) or JobResult(str(job.input), status="skipped") for job in jobs]
    seconds = time.perf_counter() - started
    progress.finish(summary_line(ordered, seconds))
    if manifest is not None:
        manifest.record([result for result in ordered if result.status == "ok"])
    _report(ordered, settings, options, seconds)
    return max((result.exit_code for result in ordered), default=EXIT_OK)


def _check_names(settings: Settings, registry: Registry) -> list[tuple[str, OutputFormat]]:
    """Every format and transform named exists; (name, format) pairs for ``--to``."""
    formats = [(name, registry.output(name)) for name in settings.formats]
    for name in settings.transforms:
        registry.transform(name)
    if settings.input_format:
        registry.input(settings.input_format)
    return formats


def _reads_standard_input(arguments: Sequence[str]) -> bool:
    if STDIN_NAME not in arguments:
        return False
    if len(arguments) > 1:
        raise UsageError("- (standard input) must be the only input")
    return True


def _sources(arguments: Sequence[str], registry: Registry, options: RunOptions):
    patterns = options.patterns or tuple(
        f"*{ext}" for ext in sorted(registry.input_extensions()) if ext != ".json"
    )
    sources = expand_inputs(arguments, patterns)
    if not sources:
        raise UsageError(f"no input files found (looked for {', '.join(patterns)})")
    return sources


def _report(results: list[JobResult], settings: Settings, options: RunOptions, seconds: float) -> None:
    if options.report is None:
        return
    report = build_report(results, settings.formats, options.workers, seconds)
    if options.report == STANDARD_STREAM:
        sys.stdout.write(report_text(report))
        sys.stdout.flush()
    else:
        write_report(options.report, report)


def _stdin_result(job: Job, settings: Settings, registry: Registry) -> Iterator[JobResult]:
    """Standard input, read and converted in this process."""
    started = time.perf_counter()
    converted = _convert_loaded(lambda: read_standard_input(settings.max_input_size), job.targets, settings, registry)
    yield write_outputs(job, converted, started)


def _convert_loaded(load, targets, settings: Settings, registry: Registry) -> Converted:
    """Load a source and render it; a failure to load is recorded like any other."""
    try:
        source: Source = load()
    except ConvertError as error:
        failed = Converted()
        failed.fail(error)
        return failed
    return convert_source(source, [name for name, _ in targets], settings, registry)


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


def _to_stdout(arguments: Sequence[str], from_stdin: bool, formats: list[tuple[str, OutputFormat]],
               settings: Settings, registry: Registry, options: RunOptions, started: float) -> int:
    """``-o -``: one input, one format, written to standard output."""
    if options.report == STANDARD_STREAM:
        raise UsageError("-o - and --report - cannot both use standard output; give --report a file name")
    source = Path(STDIN_NAME) if from_stdin else None
    if source is None:
        sources = _sources(arguments, registry, options)
        source = sources[0].path if len(sources) == 1 else None
    if source is None or len(formats) != 1:
        raise UsageError("-o - (standard output) takes exactly one input and one --to format")
    name, fmt = formats[0]
    refuse_binary_on_terminal(name, fmt)
    check_settings(registry, settings, [source.name])
    check_report_path(options.report, [source], [])
    if from_stdin:
        converted = _convert_loaded(lambda: read_standard_input(settings.max_input_size), formats, settings, registry)
    else:
        converted = _convert_loaded(lambda: load_source(source, settings.max_input_size), formats, settings, registry)
    result = JobResult(str(source), warnings=list(converted.warnings))
    for warning in converted.warnings:
        if not options.quiet and warning.level == "warning":
            print(f"convert: warning: {source}: {warning}", file=sys.stderr)
    if converted.errors:
        for error in converted.errors:
            print(f"convert: error: {error}", file=sys.stderr)
        result.status, result.error, result.exit_code = "failed", "; ".join(converted.errors), converted.exit_code
    else:
        data = converted.outputs[name]
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        result.outputs.append(OutputRecord(str(STANDARD_STREAM), name, len(data), hashlib.sha256(data).hexdigest()))
    result.seconds = time.perf_counter() - started
    _report([result], settings, options, result.seconds)
    return result.exit_code
