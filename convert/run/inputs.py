"""Finding the inputs: files as given, folders searched for file-name patterns.

A folder search stays inside the folder.  Patterns are matched against each
path below the folder, from the right (``*.txt`` at any depth, as
``rglob`` does), so a pattern that is absolute or climbs out with ``..`` is
refused.  Links to folders are not followed (they may lead outside, or in a
circle); a link to a file is an input at the link's own place in the tree.
A folder that cannot be listed (no permission, a path longer than the system
allows) is a failed input, never silently skipped.  The search keeps its own
stack, so a tree of any depth cannot exhaust Python's.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Iterable, NamedTuple, Sequence

from convert.errors import UsageError
from convert.run.outputs import Input, common_root


class Unreadable(NamedTuple):
    """A folder (or entry) found while searching that could not be read."""

    path: Path
    error: str


def check_patterns(patterns: Iterable[str]) -> None:
    """Refuse patterns that could match outside the input folders.

    :raises UsageError: an empty or absolute pattern, or one containing ``..``.
    """
    for pattern in patterns:
        parts = PurePosixPath(pattern.replace("\\", "/")).parts  # either separator climbs
        absolute = pattern.startswith(("/", "\\")) or bool(PureWindowsPath(pattern).drive)
        if not pattern.strip() or absolute or ".." in parts:
            raise UsageError(
                f"--glob {pattern!r}: a pattern selects files inside the input folders, "
                "so it cannot be empty or absolute, or contain '..'"
            )


def _matches(parts: Sequence[str], pattern: Sequence[str]) -> bool:
    """Whether path components match pattern components (``**``: any number of folders)."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(_matches(parts[index:], rest) for index in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatch(parts[0], head) and _matches(parts[1:], rest)


def _compile(pattern: str) -> tuple[str, ...]:
    return ("**", *PurePath(pattern).parts)  # matched from the right, at any depth


def _kind(entry: os.DirEntry) -> str:
    """``folder`` to search, ``file`` to consider, or ``pass`` (a link to a folder, a dangling link)."""
    try:
        if entry.is_dir(follow_symlinks=False):  # from the listing itself: no path to resolve
            return "folder"
        if not entry.is_symlink():
            return "file"
        return "pass" if stat.S_ISDIR(entry.stat().st_mode) else "file"
    except FileNotFoundError:
        return "pass"
    except OSError:
        return "file"  # reading it will say what is wrong


def search(folder: Path, patterns: Sequence[str]) -> tuple[list[Path], list[Unreadable]]:
    """Files below ``folder`` matching any pattern, sorted, and what could not be read."""
    compiled = [_compile(pattern) for pattern in patterns]
    found: list[Path] = []
    unreadable: list[Unreadable] = []
    stack = [(folder, ())]
    while stack:
        directory, relative = stack.pop()
        try:
            with os.scandir(directory) as entries:
                listed = list(entries)
        except OSError as error:
            unreadable.append(Unreadable(directory, f"cannot read folder: {error.strerror or error}"))
            continue
        for entry in listed:
            parts = (*relative, entry.name)
            kind = _kind(entry)
            if kind == "folder":
                stack.append((Path(entry.path), parts))
            elif kind == "file" and any(_matches(parts, pattern) for pattern in compiled):
                found.append(Path(entry.path))
    return sorted(found), sorted(unreadable, key=lambda item: item.path)


def expand_inputs(arguments: Sequence[str], patterns: Sequence[str]) -> list[Input | Unreadable]:
    """Files as given; folders searched for ``patterns``; folders that could not
    be read, as :class:`Unreadable` entries after the inputs.

    :raises UsageError: an argument does not exist, or a pattern leaves the folders.
    """
    check_patterns(patterns)
    paths: list[Path] = []
    unreadable: list[Unreadable] = []
    for argument in arguments:
        path = Path(argument)
        try:
            is_folder, exists = path.is_dir(), path.exists()
        except OSError as error:  # a path longer than the system allows, ...
            raise UsageError(f"{argument}: {error.strerror or error}") from None
        if is_folder:
            files, problems = search(path, patterns)
            paths.extend(files)
            unreadable.extend(problems)
        elif exists:
            paths.append(path)
        else:
            raise UsageError(f"{argument}: no such file or directory")
    unique = list(dict.fromkeys(paths))
    root = common_root(unique)
    return [Input(path, root) for path in unique] + unreadable
