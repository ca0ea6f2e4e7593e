"""Where outputs go: next to their input, into ``-o DIR`` mirroring the
inputs' folders, or to ``-o FILE`` for one input and one format; and where
the ``--report`` may go without replacing anything it should not."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

from convert.errors import UsageError
from convert.plugin.formats import OutputFormat

STANDARD_STREAM = Path("-")
"""``-`` as an input, ``-o`` or ``--report``: standard input or output."""

FOLDER_RULE = (
    "-o NAME.ext is a file only for one input and one --to format with that extension; "
    "a name without an extension (or ending in /) is a folder"
)


class Input(NamedTuple):
    """An input file and the folder its relative output path starts from."""

    path: Path
    root: Path

    @property
    def relative(self) -> Path:
        """The input's path below :attr:`root` (which is absolute)."""
        return Path(os.path.abspath(self.path)).relative_to(self.root)


def common_root(paths: Sequence[Path]) -> Path:
    """The deepest folder holding every path (the folder mirrored under ``-o DIR``).

    Paths are taken as written, links not followed: a link inside an input
    folder must not move where every other output goes.
    """
    parents = [os.path.dirname(os.path.abspath(path)) for path in paths]
    return Path(os.path.commonpath(parents)) if parents else Path.cwd()


def output_is_file(output: Path | None, inputs: int, formats: int, folder: bool = False) -> bool:
    """``-o`` names a file when it has an extension, is not an existing folder,
    was not given with a trailing slash (``folder``), and there is one input
    and one format (:func:`check_output` refuses the other cases)."""
    return bool(
        output is not None and not folder and inputs == 1 and formats == 1 and output.suffix
        and not output.is_dir()
    )


def check_output(output: Path | None, inputs: int, formats: Sequence[OutputFormat], folder: bool = False) -> None:
    """Refuse an ``-o`` that names a file which cannot hold these outputs.

    A name with an extension that is not an existing folder names a file, and
    must fit: one input, one format, the format's extension.  A name without
    an extension, an existing folder, or a name given with a trailing slash
    (``folder``) is a folder, and must not be an existing file.

    :raises UsageError: explaining the rule.
    """
    if output is None or output == STANDARD_STREAM or folder or output.is_dir():
        return
    if not output.suffix:
        if output.exists() or output.is_symlink():
            raise UsageError(f"-o {output} is an existing file, but a name without an extension is a folder; "
                             f"choose another -o")
        return
    if inputs != 1:
        problem = f"there are {inputs} inputs"
    elif len(formats) != 1:
        problem = f"there are {len(formats)} --to formats"
    elif output.suffix.lower() != formats[0].extension.lower():
        problem = f"--to {formats[0].name} writes {formats[0].extension} files"
    else:
        return
    raise UsageError(f"-o {output} names a file, but {problem}: {FOLDER_RULE}")


def plan(source: Input, fmt: OutputFormat, output: Path | None, to_file: bool) -> Path:
    """The output path for one input and one format.

    :raises UsageError: the output would overwrite its own input.
    """
    if to_file and output is not None:
        target = output
    elif output is None:
        target = source.path.with_suffix(fmt.extension)
    else:
        target = output / source.relative.with_suffix(fmt.extension)
    if target.resolve() == source.path.resolve():
        raise UsageError(f"{source.path}: the {fmt.name} output would overwrite the input; choose another -o")
    return target


def check_collisions(planned: Sequence[tuple[Path, Path, str]]) -> None:
    """Refuse outputs that would land on one path: two inputs', or two
    ``--to`` formats' of one input (the same format twice, or two plugins'
    formats with one extension), or an output on another input.

    :param planned: (output path, input path, format as given) triples.
    """
    inputs = {source.resolve(): source for _, source, _ in planned}
    seen: dict[Path, tuple[Path, str]] = {}
    for target, source, name in planned:
        key = target.resolve()
        if key in seen:
            other, other_name = seen[key]
            if other != source:
                raise UsageError(f"{other} and {source} would both be written to {target}")
            if other_name == name:
                raise UsageError(f"--to {name} is given twice")
            raise UsageError(f"--to {other_name} and --to {name} would both be written to {target}; "
                             "choose one, or convert in two runs with different -o")
        if key in inputs and inputs[key] != source:
            raise UsageError(f"the {name} output of {source} would overwrite the input {inputs[key]}")
        seen[key] = (source, name)


def report_path(value: str) -> Path:
    """``--report`` as given: ``-`` for standard output, else a file name.

    :raises UsageError: the name ends with a slash, so it can only be a folder.
    """
    if value != "-" and value.endswith(("/", os.sep)):
        raise UsageError(f"--report {value} names a folder; give a file name such as {value}report.json")
    return Path(value)


def check_report_path(report: Path | None, inputs: Iterable[Path], outputs: Iterable[Path]) -> None:
    """Refuse a ``--report`` path that would replace something, before anything is converted.

    Refused: a folder, an input, an output of this run, the manifest, a
    device, pipe or socket, and an existing file that is not a report from
    an earlier run (which is replaced, as outputs are).

    :raises UsageError: naming ``--report`` and what the path is.
    """
    if report is None or report == STANDARD_STREAM:
        return
    if report.is_dir():
        raise _refused(report, "is a folder")
    target = report.resolve()
    if any(path != STANDARD_STREAM and path.resolve() == target for path in inputs):
        raise _refused(report, "is an input of this run")
    if any(path.resolve() == target for path in outputs):
        raise _refused(report, "is one of the outputs this run writes")
    from convert.run.manifest import MANIFEST_NAME

    if report.name == MANIFEST_NAME:
        raise _refused(report, "is the name of the --skip-unchanged manifest")
    if report.parent.exists() and not report.parent.is_dir():
        raise _refused(report, f"is inside {report.parent}, which is not a folder")
    try:
        mode = os.stat(report).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise _refused(report, f"cannot be examined ({error.strerror or error})") from None
    if not stat.S_ISREG(mode):
        raise _refused(report, "is not a regular file (a device, pipe or socket)")
    if not _is_report(report):
        raise _refused(report, "exists and is not a convert report, so it is not replaced")


def _refused(report: Path, what: str) -> UsageError:
    return UsageError(f"--report {report} {what}; choose another file name such as report.json")


def _is_report(path: Path) -> bool:
    """A report written earlier: JSON whose first key is ``"schema": "convert-report"``."""
    from convert.run.report import REPORT_SCHEMA

    try:
        with open(path, "rb") as stream:
            head = stream.read(256)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and f'"schema": "{REPORT_SCHEMA}"'.encode() in head
