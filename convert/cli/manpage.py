"""The manual page ``convert.1``, generated from the command's own help, so
that the two never disagree.

``python -m convert.cli.manpage > convert.1`` writes it (the module is part of
every installation); ``docs/convert.1`` is a copy that a test keeps up to date.
"""

from __future__ import annotations

import inspect
import sys
import textwrap
from typing import Iterator

import click

from convert import __version__


def _roff(text: str) -> str:
    """Text made safe for roff: backslashes, hyphens, and control characters at a line start."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in text.split("\n"))


def _description(command: click.Command) -> tuple[str, list[str]]:
    """The help's first line, and its other paragraphs joined into lines."""
    paragraphs = [" ".join(part.split()) for part in inspect.cleandoc(command.help or "").split("\n\n")]
    return paragraphs[0], paragraphs[1:]


def _options(command: click.Command, context: click.Context) -> Iterator[str]:
    for param in command.get_params(context):
        record = param.get_help_record(context) if isinstance(param, click.Option) else None
        if record is None:
            continue
        names, help_text = record
        yield ".TP"
        yield f"\\fB{_roff(names)}\\fR"
        yield _roff(help_text)


def _epilog_sections(epilog: str) -> Iterator[str]:
    """Each ``Heading:`` block of the epilog as a section, its lines kept as written."""
    for block in epilog.split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip() and line != "\b"]
        if not lines:
            continue
        yield f".SH {lines[0].rstrip(':').upper()}"
        yield ".nf"
        yield _roff(textwrap.dedent("\n".join(lines[1:])))
        yield ".fi"


def render_manpage(command: click.Command | None = None) -> str:
    """The roff source of ``convert(1)``."""
    if command is None:
        from convert.cli.command import cli as command
    context = click.Context(command, info_name="convert", **command.context_settings)
    summary, paragraphs = _description(command)
    lines = [
        '.\\" Generated from the help of convert by python -m convert.cli.manpage; do not edit.',
        f'.TH CONVERT 1 "" "convert {__version__}" "User Commands"',
        ".SH NAME",
        f"convert \\- {_roff(summary[:1].lower() + summary[1:].rstrip('.'))}",
        ".SH SYNOPSIS",
        ".B convert",
        "[\\fIOPTION\\fR]... [\\fIINPUT\\fR]...",
        ".SH DESCRIPTION",
    ]
    for paragraph in paragraphs:
        lines += [_roff(paragraph), ".PP"]
    lines[-1:] = [".SH OPTIONS"]
    lines += _options(command, context)
    lines += _epilog_sections(command.epilog or "")
    lines += [
        ".SH SEE ALSO",
        "The README of convert, and its docs/plain\\-text.md, docs/model.md and docs/plugins.md.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    sys.stdout.write(render_manpage())


if __name__ == "__main__":
    main()
