"""A whole conversion run, as the command line starts it: find the inputs,
plan the outputs, skip what is current, run the jobs, report, pick the exit
code.

However the run ends (done, Ctrl-C, SIGTERM), the report and the manifest
describe what completed."""

from __future__ import annotations

import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Iterator, NamedTuple, Sequence

from convert.run.batch import default_workers, run_batch
from convert.errors import ConvertError, OutputError, UsageError
from convert.plugin.formats import OutputFormat
from convert.run.inputs import Unreadable
from convert.run.jobs import (Converted, Job, JobResult, OutputRecord, convert_source, expand_inputs, failed_job,
                              plan_jobs, write_outputs)
from convert.run.names import printable
from convert.run.outputs import STANDARD_STREAM, check_report_path, common_root, output_is_file
from convert.run.pipeline import Settings, Source, check_settings, load_source
from convert.run.spool import Spool, write_data
from convert.plugin.loader import Registry
from convert.run.progress import Progress, silence_stdout
from convert.run.report import build_report, report_text, summary_line, write_report
from convert.run.signals import Terminated, noted, terminate_raises
from convert.run.stdio import STDIN_NAME, read_standard_input, refuse_binary_on_terminal, stdin_targets


class RunOptions(NamedTuple):
    """How to run a batch (as opposed to :class:`Settings`: what to make)."""

    output: Path | None = None
    """``-o``: a folder, a file for one input and one format, or ``-`` (standard output)."""
    output_folder: bool = False
    """``-o`` ended with a slash: a folder, whatever its name."""
    patterns: tuple[str, ...] = ()
    """Glob patterns for files inside input folders; default: the readers' extensions."""
    workers: int | None = None
    """``-j``: worker processes; None for one per CPU this process may use."""
    fail_fast: bool = False
    skip_unchanged: bool = False
    report: Path | None = None
    """``--report``: a JSON file, or ``-`` for standard output."""
    quiet: bool = False
    verbose: bool = False
    executor: str = "local"
    scheduler: str | None = None

    @property
    def worker_count(self) -> int:
        return self.workers or default_workers()


def check_values(settings: Settings) -> None:
    """Refuse, once and before any input is read, values no input could satisfy.

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

    ``-`` as the only input reads standard input.

    :raises UsageError: unknown formats, no inputs, colliding outputs, an
        ``-o`` or ``--report`` that cannot be used; all before anything is converted.
    :raises KeyboardInterrupt, Terminated: after the report and the manifest were written.
    """
    started = time.perf_counter()
    check_values(settings)
    formats = _check_names(settings, registry)
    from_stdin = _reads_standard_input(arguments)
    if options.output == STANDARD_STREAM:
        return _to_stdout(arguments, from_stdin, formats, settings, registry, options, started)
    if from_stdin:
        targets = stdin_targets(formats, options.output, options.output_folder, settings.metadata)
        jobs = [Job(Path(STDIN_NAME), targets)]
    else:
        jobs = plan_jobs(_sources(arguments, registry, options), formats, options.output, options.output_folder)
    # readers, options: before converting
    check_settings(registry, settings, [job.input.name for job in jobs if not job.problem])
    check_report_path(options.report, [job.input for job in jobs], [path for job in jobs for _, path in job.targets])
    progress = Progress(len(jobs), options.quiet, options.verbose, stdout_free=options.report != STANDARD_STREAM)
    results: dict[Path, JobResult] = {}
    manifest, stopped = None, None
    try:
        with terminate_raises():
            manifest = None if from_stdin else _manifest(jobs, settings, registry, options)
            found = _stdin_result(jobs[0], settings, registry) if from_stdin else \
                _results(jobs, settings, registry, options, manifest)
            with closing(found):
                for result in found:
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
        _report(ordered, settings, options, seconds)
    if stopped is not None:
        raise stopped
    late.raise_any()
    return max([result.exit_code for result in ordered] + [progress.exit_code])


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
    report = build_report(results, settings.formats, options.worker_count, seconds)
    if options.report == STANDARD_STREAM:
        _write_stdout(report_text(report).encode("utf-8"))
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

        yield from run_on_dask(todo, settings, registry, options.scheduler, stop, options.worker_count, options.quiet)
    else:
        yield from run_batch(todo, settings, registry, options.worker_count, stop)


def _manifest(jobs: list[Job], settings: Settings, registry: Registry, options: RunOptions):
    """The manifest to keep: with ``--skip-unchanged``, or when one exists already."""
    from convert.run.manifest import MANIFEST_NAME, Manifest, recipe

    targets = [path for job in jobs for _, path in job.targets]
    if not targets:
        return None
    to_file = output_is_file(options.output, len(jobs), len(settings.formats), options.output_folder)
    folder = options.output if options.output is not None and not to_file else common_root(targets)
    if not options.skip_unchanged and not (folder / MANIFEST_NAME).is_file():
        return None  # none to keep up to date: no need to work out the recipes
    recipes = {name: recipe(settings, name, registry) for name in settings.formats}
    manifest = Manifest(folder, recipes, settings.max_input_size)
    return manifest if options.skip_unchanged or manifest.exists() else None


def _write_stdout(data: bytes | Spool) -> None:
    """Write to standard output; a full disk or a closed pipe is one error.

    :raises OutputError: standard output cannot be written.
    """
    try:
        write_data(sys.stdout.buffer, data)
        sys.stdout.buffer.flush()
    except OSError as error:
        silence_stdout()
        raise OutputError(f"cannot write to standard output: {error.strerror or error}") from None


def _to_stdout(arguments: Sequence[str], from_stdin: bool, formats: list[tuple[str, OutputFormat]],
               settings: Settings, registry: Registry, options: RunOptions, started: float) -> int:
    """``-o -``: one input, one format, written to standard output."""
    if options.report == STANDARD_STREAM:
        raise UsageError("-o - and --report - cannot both use standard output; give --report a file name")
    source = Path(STDIN_NAME) if from_stdin else None
    if source is None:
        sources = _sources(arguments, registry, options)
        if len(sources) == 1 and isinstance(sources[0], Unreadable):
            raise OutputError(f"{sources[0].path}: {sources[0].error}")
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
            print(printable(f"convert: warning: {source}: {warning}"), file=sys.stderr)
    if converted.errors:
        for error in converted.errors:
            print(printable(f"convert: error: {error}"), file=sys.stderr)
        result.status, result.error, result.exit_code = "failed", "; ".join(converted.errors), converted.exit_code
    else:
        data = converted.outputs[name]
        _write_stdout(data)
        result.outputs.append(OutputRecord(str(STANDARD_STREAM), name, data.size, data.sha256()))
    result.seconds = time.perf_counter() - started
    _report([result], settings, options, result.seconds)
    return result.exit_code
