"""Where outputs go: next to their input, into ``-o DIR`` mirroring the
inputs' folders, or to ``-o FILE`` for one input and one format."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from convert.errors import UsageError
from convert.plugin.formats import OutputFormat


@dataclass(frozen=True)
class Input:
    """An input file and the folder its relative output path starts from."""

    path: Path
    root: Path

    @property
    def relative(self) -> Path:
        """The input's path below :attr:`root` (which is absolute)."""
        return self.path.resolve().relative_to(self.root)


def common_root(paths: Sequence[Path]) -> Path:
    """The deepest folder holding every path (the folder mirrored under ``-o DIR``)."""
    parents = [str(path.resolve().parent) for path in paths]
    return Path(os.path.commonpath(parents)) if parents else Path.cwd()


def output_is_file(output: Path | None, inputs: int, formats: int) -> bool:
    """``-o`` names a file when it has an extension, is not an existing folder,
    and there is one input and one format."""
    return bool(
        output is not None and inputs == 1 and formats == 1 and output.suffix and not output.is_dir()
    )


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
