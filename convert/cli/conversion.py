"""What ``convert INPUT... --to FORMAT`` does once its options are parsed.

This module does not import click: a plain conversion (see
:mod:`convert.cli.simple`) runs without it, and click, which costs a tenth of
a short conversion to import, is only loaded when something is printed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from convert.errors import EXIT_OK, ConvertError, UsageError

DEFAULT_MAX_INPUT_SIZE = "100M"
_UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: str) -> int | None:
    """``500000``, ``20M``, ``1G`` as a number of bytes (K, M, G are powers of 1024); None if not a size."""
    text = str(value).strip().lower().removesuffix("b")
    factor = _UNITS.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in _UNITS else text
    if not number.isdigit():
        return None
    return int(number) * factor


def echo_error(message: str) -> None:
    """One line on standard error, written by click as everything else the command prints."""
    import click

    click.echo(message, err=True)


def fail(message: str, code: int) -> None:
    from convert.run.names import printable

    echo_error(printable(f"convert: error: {message}"))
    sys.exit(code)


def load_plugins(quiet: bool = False):
    from convert.plugin.loader import load_registry

    if quiet:
        return load_registry()
    return load_registry(warn=lambda problem: echo_error(f"convert: warning: {problem}"))


def run_conversion(inputs, formats, input_format, output, metadata, options, transforms, encoding, max_input_size,
                   inspect, workers, patterns, report, fail_fast, skip_unchanged, executor, scheduler, quiet,
                   verbose) -> None:
    """Convert (or ``--inspect``) the inputs and exit with the run's code; errors print one line."""
    try:
        from convert.run.metadata import check_metadata, parse_pairs
        from convert.run.pipeline import Settings

        pairs = parse_pairs(options, "--option") + ((("encoding", encoding),) if encoding else ())
        settings = Settings(
            formats=tuple(dict.fromkeys(formats)),  # --to json --to json: one output, written once
            input_format=input_format,
            metadata=parse_pairs(metadata, "--metadata"),
            options=pairs,
            transforms=tuple(transforms),
            max_input_size=max_input_size,
        )
        check_metadata(settings.metadata)
        if not inputs:
            raise UsageError("no input given; try 'convert --help'")
        if inspect:
            code = _inspect(inputs, settings, quiet)
        elif not formats:
            raise UsageError("no output format: add --to FORMAT (see --list-formats)")
        else:
            from convert.run.outputs import report_path
            from convert.run.runner import RunOptions, run

            if scheduler and executor == "local":
                raise UsageError("--scheduler is for --executor dask")
            executor = executor or ("dask" if scheduler else "local")
            run_options = RunOptions(
                output=Path(output) if output is not None else None,
                output_folder=output is not None and output.endswith(("/", os.sep)),
                patterns=tuple(patterns), fail_fast=fail_fast, skip_unchanged=skip_unchanged,
                report=report_path(report) if report is not None else None,
                quiet=quiet, verbose=verbose, executor=executor, scheduler=scheduler, workers=workers or None,
            )
            code = run(inputs, settings, load_plugins(quiet), run_options)
    except ConvertError as error:
        fail(str(error), error.exit_code)
    sys.exit(code)


def _inspect(inputs, settings, quiet: bool) -> int:
    import click

    from convert.cli.outline import outline_lines
    from convert.run.pipeline import check_settings, load_source, read_source
    from convert.run.stdio import STDIN_NAME, read_standard_input

    registry = load_plugins(quiet)
    check_settings(registry, settings, [Path(name).name for name in inputs])
    for index, name in enumerate(inputs):
        if name == STDIN_NAME:
            source = read_standard_input(settings.max_input_size)
        else:
            source = load_source(Path(name), settings.max_input_size)
        result = read_source(source, registry, settings)
        if index:
            click.echo()
        click.echo("\n".join(outline_lines(result)))
    return EXIT_OK
