"""Standard input as a source (``-`` as an input) and standard output as a
target (``-o -``).

Standard input has no file name to name outputs after, so they are named by
``-o`` or by ``--metadata title``; it has no modification time either, so its
outputs are dated ``SOURCE_DATE_EPOCH``, else 1970-01-01 (never the current
time, so the same bytes in give the same bytes out).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Sequence

from convert.errors import InputError, UsageError
from convert.plugin.formats import OutputFormat
from convert.run.outputs import check_output, output_is_file
from convert.run.pipeline import Source, source_date

STDIN_NAME = "-"
"""The source name standard input gets in messages and in the document's metadata."""

_CHUNK = 1024 * 1024
_TEXT_MEDIA_TYPES = ("application/json", "application/xml")


def read_standard_input(max_size: int) -> Source:
    """Read standard input, never more than ``max_size`` plus one byte.

    :raises InputError: standard input is unreadable or over ``max_size``.
    """
    if sys.stdin is None:
        raise InputError(f"{STDIN_NAME}: there is no standard input to read")
    stream = sys.stdin.buffer
    chunks: list[bytes] = []
    total = 0
    try:
        while total <= max_size:
            chunk = stream.read1(min(_CHUNK, max_size + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise InputError(f"{STDIN_NAME}: cannot read standard input: {error.strerror or error}") from None
    if total > max_size:
        raise InputError(f"{STDIN_NAME}: standard input is over the --max-input-size limit of {max_size} bytes")
    return Source(STDIN_NAME, b"".join(chunks), source_date(None))


def stdin_targets(formats: Sequence[tuple[str, OutputFormat]], output: Path | None, folder: bool,
                  metadata: Sequence[tuple[str, str]]) -> tuple[tuple[str, Path], ...]:
    """Where the outputs of standard input go: ``-o FILE``, or a name made
    from ``--metadata title`` in ``-o DIR`` (default: the current folder).

    :raises UsageError: neither names the output.
    """
    check_output(output, 1, [fmt for _, fmt in formats], folder)
    if output_is_file(output, 1, len(formats), folder):
        return ((formats[0][0], output),)
    title = next((value for key, value in reversed(metadata) if key == "title"), None)
    if title is None:
        raise UsageError(
            "-: standard input has no file name to name the outputs after; "
            "give -o FILE.ext (one format), -o - (standard output) or --metadata title=TITLE"
        )
    stem = name_from_title(title)
    base = output if output is not None else Path(".")
    return tuple((name, base / f"{stem}{fmt.extension}") for name, fmt in formats)


def name_from_title(title: str) -> str:
    """A file name stem from a title: its words, lower case, joined by hyphens.

    ``"My Notes: Part 2"`` gives ``my-notes-part-2``.

    :raises UsageError: the title has no letter or digit.
    """
    stem = "-".join(re.findall(r"\w+", title.casefold()))[:100].strip("-_")
    if not stem:
        raise UsageError(f"--metadata title={title!r} has no letter or digit to name the output after; use -o FILE.ext")
    return stem


def is_binary(fmt: OutputFormat) -> bool:
    """Whether a format's bytes are not text a terminal can show."""
    media_type = fmt.media_type.lower()
    return not (media_type.startswith("text/") or media_type in _TEXT_MEDIA_TYPES
                or media_type.endswith(("+json", "+xml")))


def refuse_binary_on_terminal(name: str, fmt: OutputFormat) -> None:
    """``-o -`` with EPUB, PDF or DOCX while standard output is a terminal.

    :raises UsageError: with the two ways to do it instead.
    """
    if is_binary(fmt) and sys.stdout is not None and sys.stdout.isatty():
        raise UsageError(
            f"-o -: --to {name} writes binary data, which is not printed on a terminal; "
            f"pipe it to a program (-o - | ...) or redirect it to a file (-o - > out{fmt.extension})"
        )
