"""The ``convert`` command line: parse options, call the core, report, exit.

Everything that converts lives elsewhere; this module only turns options
into :class:`~convert.pipeline.Settings`, prints, and picks the exit code.
"""

from __future__ import annotations

import os
import sys

import click

from convert import __version__
from convert.cli.conversion import DEFAULT_MAX_INPUT_SIZE, fail, load_plugins, parse_size, run_conversion
from convert.errors import EXIT_INTERRUPTED, EXIT_USAGE, ConvertError
from convert.run.signals import Terminated, exit_at_once_on_signals

EPILOG = """\b
Examples:
  convert notes.txt --to epub                 writes notes.epub next to notes.txt
  convert notes.txt --to epub --to pdf -o out/
  convert notes.txt --to pdf -o book.pdf      one input, one format: -o names the file
  convert notes.txt --inspect                 shows the structure found, and why
  cat notes.txt | convert - --to epub -o notes.epub
                                              reads standard input
  convert books/ --to epub -o build/ --report report.json
                                              converts a folder, mirroring it under build/

\b
Exit codes:
  0  every input converted
  1  some inputs failed (all others were still converted)
  2  usage error: bad option, unknown format, no inputs found, colliding outputs
  130  interrupted (Ctrl-C); no partial output is left behind
  143  terminated (SIGTERM); no partial output is left behind

\b
Environment:
  SOURCE_DATE_EPOCH         the date stamped on every output (default: each input's modification time)
  CONVERT_PLUGINS=a,b       load only the named plugins and the text reader (-name: all but it; empty: none)
  CONVERT_STRICT_PLUGINS=1  plugins that fail to load are an error, not a warning (1, true or yes)
  CONVERT_DEBUG=1           show the Python traceback of a plugin's failure (as --traceback does)
  CI                        set: no progress bar, one line per failed input
"""


def _print_listing(what: str, as_json: bool) -> None:
    from convert.cli import listing
    from convert.plugin.loader import load_registry

    registry = load_registry()  # the listing shows what was not loaded, and why
    if what == "formats":
        text = listing.formats_json(registry) if as_json else "\n".join(listing.format_lines(registry))
    else:
        text = listing.plugins_json(registry) if as_json else "\n".join(listing.plugin_lines(registry))
    click.echo(text)


class Size(click.ParamType):
    """A number of bytes: ``500000``, ``20M``, ``1G`` (K, M, G are powers of 1024)."""

    name = "size"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        size = parse_size(value)
        if size is None:
            self.fail(f"{value!r} is not a size such as 500000, 20M or 1G", param, ctx)
        return size


def _print_version(verbose: bool) -> None:
    """The version; with ``-v`` also the model's and every loaded plugin's."""
    click.echo(f"convert, version {__version__}")
    if not verbose:
        return
    from convert import MODEL_VERSION

    registry = load_plugins()
    click.echo(f"document model {MODEL_VERSION}")
    click.echo("plugins:")
    for plugin in registry.plugins:
        source = "built-in" if plugin.builtin else "installed package"
        click.echo(f"  {plugin.name} {plugin.version} ({plugin.package}, {source})")


@click.command(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-t", "--to", "formats", multiple=True, metavar="FORMAT",
              help="Output format (repeatable): epub, pdf, docx, json, ... see --list-formats. "
                   "FORMAT@PLUGIN picks one of two plugins offering the same format.")
@click.option("-f", "--from", "input_format", metavar="FORMAT",
              help="Input format, instead of choosing by file extension (unknown extensions read as text).")
@click.option("-o", "--output", metavar="PATH",
              help="Output folder (created if missing; input folders are mirrored below it), or output file "
                   "NAME.ext for one input and one format with that extension, or - for standard output. "
                   "A name without an extension, or ending in /, is a folder. Default: next to each input.")
@click.option("-m", "--metadata", "metadata", multiple=True, metavar="KEY=VALUE",
              help="Set metadata: title, language, author (repeatable), publisher, subject, keywords, ...")
@click.option("-O", "--option", "options", multiple=True, metavar="KEY=VALUE",
              help="Reader, writer or transform option, e.g. paragraphs=wrapped, page_size=letter; "
                   "NAME.KEY=VALUE for one format only (see --list-formats).")
@click.option("-T", "--transform", "transforms", multiple=True, metavar="NAME",
              help="Apply a document transform after reading (repeatable, in order), e.g. colophon.")
@click.option("--encoding", metavar="NAME",
              help="Decode inputs with this encoding instead of detecting UTF-8/UTF-16/Windows-1252.")
@click.option("--max-input-size", type=Size(), default=DEFAULT_MAX_INPUT_SIZE, show_default=True, metavar="SIZE",
              help="Refuse inputs larger than SIZE (bytes, or with K/M/G).")
@click.option("--inspect", is_flag=True, help="Show the structure found in each input, with source lines and reasons; write nothing.")
@click.option("--list-formats", is_flag=True, help="List the available input and output formats and exit.")
@click.option("--list-plugins", is_flag=True, help="List the loaded plugins, their versions and what they provide, and exit.")
@click.option("--json", "as_json", is_flag=True, help="With --list-formats or --list-plugins: print JSON.")
@click.option("--print-schema", type=click.Choice(["idm", "report"]), is_flag=False, flag_value="idm",
              help="Print the JSON Schema of the document model (or of the batch report) and exit.")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), metavar="N",
              help="Convert N inputs at a time in worker processes (default: the number of CPUs; 1 runs in-process).")
@click.option("--glob", "patterns", multiple=True, metavar="PATTERN",
              help="Files to take from input folders (repeatable), e.g. '*.txt'. Default: the input formats' extensions.")
@click.option("--report", metavar="FILE.json",
              help="Write a JSON report: each input's status, outputs (path, bytes, sha256), errors, warnings, "
                   "time; - for standard output. An existing file is replaced only if it is an earlier report.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failed input (the report lists the rest as skipped).")
@click.option("--skip-unchanged", is_flag=True,
              help="Skip inputs whose outputs were made from the same bytes, versions and settings, and are unchanged since.")
@click.option("--executor", type=click.Choice(["local", "dask"]),
              help="Run the batch in local processes (the default), or on a Dask cluster (needs convert-text[dask]; "
                   "the default when --scheduler is given).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --executor dask: the scheduler, tcp://HOST:8786, or 'local' for a cluster on this machine.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Also print every output, warning and reader decision.")
@click.option("--traceback", "show_tracebacks", is_flag=True,
              help="Show the Python traceback of a plugin's failure (as CONVERT_DEBUG=1 does).")
@click.option("-V", "--version", "show_version", is_flag=True,
              help="Print the version and exit; with -v also the version of every loaded plugin.")
def cli(inputs, formats, input_format, output, metadata, options, transforms, encoding, max_input_size, inspect,
        list_formats, list_plugins, as_json, print_schema, workers, patterns, report, fail_fast,
        skip_unchanged, executor, scheduler, quiet, verbose, show_tracebacks, show_version):
    """Convert plain-text and Markdown documents to EPUB, PDF, DOCX or JSON, faithfully.

    Each INPUT is read once into a document model and written to every --to
    format. INPUT may be a file or a folder (searched recursively for *.txt,
    *.text, *.md and *.markdown), or - for standard input (name the output with
    -o or --metadata title). Outputs are written to a temporary file and renamed, so a failure
    never leaves a partial file.
    """
    if show_version:
        _print_version(verbose)
        return
    if print_schema:
        from convert.model.json_form import schema_text

        click.echo(schema_text(print_schema), nl=False)
        return
    if show_tracebacks:
        os.environ["CONVERT_DEBUG"] = "1"  # worker processes inherit it
    if list_formats or list_plugins:
        try:
            _print_listing("formats" if list_formats else "plugins", as_json)
        except ConvertError as error:
            fail(str(error), error.exit_code)
        return
    run_conversion(inputs, formats, input_format, output, metadata, options, transforms, encoding, max_input_size,
                   inspect, workers, patterns, report, fail_fast, skip_unchanged, executor, scheduler, quiet, verbose)


def usage_line(error: click.UsageError) -> str:
    """Click's own usage errors (unknown option, bad value) as one line, like ours."""
    message = " ".join(error.format_message().split()).rstrip(".")
    if message[:1].isupper() and not message[1:2].isupper():
        message = message[0].lower() + message[1:]
    return f"{message}; see 'convert --help'"


def main() -> None:
    """Entry point of the ``convert`` console script."""
    try:
        code = cli.main(prog_name="convert", standalone_mode=False)
    except click.UsageError as error:
        click.echo(f"convert: error: {usage_line(error)}", err=True)
        code = EXIT_USAGE
    except click.ClickException as error:
        error.show()
        code = error.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo("\nconvert: interrupted; no partial output was left behind", err=True)
        code = EXIT_INTERRUPTED
    except Terminated as terminated:
        click.echo("convert: terminated; no partial output was left behind", err=True)
        code = terminated.exit_code
    exit_at_once_on_signals(code or 0)
    sys.exit(code or 0)
