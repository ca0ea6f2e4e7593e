"""The common command, ``convert INPUT... --to FORMAT [-o OUT] [-q] [-v] [-j N]``,
run without importing click.

Importing click costs about as much as converting a short document, so a
command made only of these options is parsed here and run as click would run
it.  Anything else (another option, a value that looks like an option, a
shell-completion request, a mistake to report) is left to the click command
in :mod:`convert.cli.command`, which gives the same result with the full
parser.
"""

from __future__ import annotations

import errno
import os
import sys

_VALUED = {"-t": "formats", "--to": "formats", "-o": "output", "--output": "output", "-j": "workers",
           "--jobs": "workers"}
_FLAGS = {"-q": "quiet", "--quiet": "quiet", "-v": "verbose", "--verbose": "verbose"}
_COMPLETION = "_CONVERT_COMPLETE"  # click's shell-completion request for a program named convert


def simple_arguments(arguments: list[str]) -> dict | None:
    """The command's parameters if ``arguments`` use only the options above, each
    well formed; None when click must parse them."""
    if _COMPLETION in os.environ:
        return None
    found: dict = {"inputs": [], "formats": [], "output": None, "workers": None, "quiet": False, "verbose": False}
    pending = list(arguments)
    while pending:
        argument = pending.pop(0)
        name, equals, value = argument.partition("=") if argument.startswith("--") else (argument, "", "")
        if argument in _FLAGS:
            found[_FLAGS[argument]] = True
        elif name in _VALUED:
            if not equals:
                if not pending:
                    return None
                value = pending.pop(0)
            key = _VALUED[name]
            if value.startswith("-") or (key != "formats" and found[key] is not None):
                return None
            if key == "workers" and not (value.isascii() and value.isdigit() and int(value) >= 1):
                return None
            if key == "formats":
                found[key].append(value)
            else:
                found[key] = int(value) if key == "workers" else value
        elif argument.startswith("-") or equals:
            return None
        else:
            found["inputs"].append(argument)
    if not found["inputs"] or not found["formats"]:
        return None  # click reports the mistake
    return found


def run_simple(found: dict) -> None:
    """Run the conversion and exit, handling interrupts and a closed pipe as
    :func:`convert.cli.command.main` and click do."""
    from convert.cli.conversion import DEFAULT_MAX_INPUT_SIZE, echo_error, parse_size, run_conversion
    from convert.errors import EXIT_INTERRUPTED
    from convert.run.signals import Terminated, exit_at_once_on_signals

    try:
        run_conversion(
            tuple(found["inputs"]), tuple(found["formats"]), input_format=None, output=found["output"],
            metadata=(), options=(), transforms=(), encoding=None,
            max_input_size=parse_size(DEFAULT_MAX_INPUT_SIZE), inspect=False, workers=found["workers"],
            patterns=(), report=None, fail_fast=False, skip_unchanged=False, executor=None, scheduler=None,
            quiet=found["quiet"], verbose=found["verbose"],
        )
    except (EOFError, KeyboardInterrupt):
        import click

        click.echo(file=sys.stderr)  # click closes the terminal's ^C echo with a blank line
        echo_error("\nconvert: interrupted; no partial output was left behind")
        code = EXIT_INTERRUPTED
    except Terminated as terminated:
        echo_error("convert: terminated; no partial output was left behind")
        code = terminated.exit_code
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        _quiet_closed_pipe()
        sys.exit(1)
    exit_at_once_on_signals(code)
    sys.exit(code)


def _quiet_closed_pipe() -> None:
    """As click does when the reader of the output went away: no error at exit."""
    from click import utils

    wrapper = getattr(utils, "_PacifyFlushWrapper", None) or utils.PacifyFlushWrapper  # renamed in click 8.3
    sys.stdout = wrapper(sys.stdout)
    sys.stderr = wrapper(sys.stderr)
