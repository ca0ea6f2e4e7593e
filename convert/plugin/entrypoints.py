"""Finding the ``convert.plugins`` entry points quickly.

``importlib.metadata`` answers the same question but costs about 20 ms to
import (it pulls in ``email``, ``zipfile``, ``csv``, ``socket``...), which is a
seventh of a whole conversion.  Installed distributions are directories named
``NAME-VERSION.dist-info`` (or ``.egg-info``) on ``sys.path`` holding an
``entry_points.txt`` in INI format; reading those directly gives the same
answer.  As in ``importlib.metadata``, the first distribution of a given name
on ``sys.path`` wins.  ``tests/test_entrypoints.py`` checks the two agree.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import Any, Iterable, Iterator, NamedTuple

_INFO_SUFFIXES = (".dist-info", ".egg-info")


class Distribution(NamedTuple):
    """An installed package, as far as plugin listing needs it."""

    name: str
    version: str


class EntryPoint(NamedTuple):
    """One ``name = module:attribute`` line of an entry-point group."""

    name: str
    value: str
    group: str
    dist: Distribution | None = None

    def load(self) -> Any:
        """Import the module and return the object the entry point names."""
        module_name, _, attribute = self.value.partition(":")
        target = importlib.import_module(module_name.strip())
        for part in filter(None, attribute.strip().split(".")):
            target = getattr(target, part)
        return target


def entry_points(group: str, paths: Iterable[str] | None = None) -> list[EntryPoint]:
    """Every entry point of ``group`` in the distributions on ``paths`` (default ``sys.path``)."""
    found, seen = [], set()
    for info_dir in _info_dirs(sys.path if paths is None else paths):
        key = _normalise(_folder_name(info_dir))  # as importlib.metadata keys distributions
        if key in seen:
            continue
        seen.add(key)
        lines = _group_lines(info_dir, group)
        if lines:  # the metadata file is read only for the few distributions that have any
            dist = _distribution(info_dir)
            found.extend(EntryPoint(name, value, group, dist) for name, value in lines)
    return found


def _info_dirs(paths: Iterable[str]) -> Iterator[str]:
    for entry in paths:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:  # zip files, missing folders, path hooks
            continue
        for name in names:
            if name.endswith(_INFO_SUFFIXES):
                yield os.path.join(entry or ".", name)


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _folder_name(info_dir: str) -> str:
    """The distribution's name as its folder spells it: ``NAME-VERSION.dist-info``, ``NAME.egg-info``."""
    return os.path.basename(info_dir).rsplit(".", 1)[0].partition("-")[0]


def _distribution(info_dir: str) -> Distribution:
    """Name and version from the metadata headers, else from the folder name."""
    stem = os.path.basename(info_dir).rsplit(".", 1)[0]
    name, _, version = stem.partition("-")
    headers = {}
    for file_name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(info_dir, file_name), encoding="utf-8") as stream:
                for line in stream:
                    if not line.strip():
                        break  # the headers end at the first blank line
                    key, sep, value = line.partition(":")
                    if sep and key in ("Name", "Version"):
                        headers[key] = value.strip()
            break
        except OSError:
            continue
    return Distribution(headers.get("Name", name), headers.get("Version", version))


def _group_lines(info_dir: str, group: str) -> list[tuple[str, str]]:
    """``(name, value)`` of each entry point of ``group`` in the distribution's ``entry_points.txt``."""
    try:
        with open(os.path.join(info_dir, "entry_points.txt"), encoding="utf-8") as stream:
            text = stream.read()
    except OSError:
        return []
    if group not in text:
        return []
    lines, section = [], None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line:
            name, _, value = line.partition("=")
            lines.append((name.strip(), value.strip()))
    return lines
