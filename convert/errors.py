"""Errors and warnings shared by the core, the plugins and the CLI.

User mistakes and bad input raise a :class:`ConvertError` subclass whose
message is one line meant for a person; the CLI prints it without a traceback
and exits with the class's ``exit_code``.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
"""Every input converted."""
EXIT_FAILED = 1
"""At least one input could not be converted (the others were)."""
EXIT_USAGE = 2
"""Bad option, unknown format, missing input: nothing was converted."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C; no partial output is left behind."""


class ConvertError(Exception):
    """A failure explained by its message; never shown with a traceback."""

    exit_code = EXIT_FAILED


class UsageError(ConvertError):
    """The command line asks for something impossible (unknown format, missing file)."""

    exit_code = EXIT_USAGE


class InputError(ConvertError):
    """An input cannot be read as a document (binary, undecodable, empty, too big)."""


class OutputError(ConvertError):
    """An output cannot be written (unwritable directory, writer failure)."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A note about a document: what was decided, guessed, repaired or dropped."""

    code: str
    """Stable identifier, e.g. ``numbering-gap`` or ``control-character``."""
    message: str
    """One line for a person."""
    line: int | None = None
    """Source line it concerns, when there is one."""
    level: str = "warning"
    """``warning`` for what a user should know; ``info`` for decisions shown by
    ``--inspect`` and ``--verbose`` only."""

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message
