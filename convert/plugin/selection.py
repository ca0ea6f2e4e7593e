"""The environment variables that control plugin loading.

``CONVERT_PLUGINS``
    unset: every installed plugin loads.  ``epub,json``: only these (and the
    built-in plain-text reader ``text``, which reads every input no other
    reader claims, unless the list says ``-text``).  ``-name`` alone:
    everything but ``name``.  Empty: none at all.  A name that is not
    installed is warned about.
``CONVERT_STRICT_PLUGINS``
    ``1``, ``true`` or ``yes``: a plugin that is not loaded is an error.
``CONVERT_DEBUG``
    ``1``, ``true`` or ``yes`` (or ``--traceback``): a plugin's failure is
    shown with its Python traceback.
"""

from __future__ import annotations

import sys
from typing import AbstractSet, Iterable, Mapping, NamedTuple

from convert.plugin.options import suggest
from convert.plugin.registry import TEXT_READER

_ON = ("1", "true", "yes")
_OFF = ("", "0", "false", "no", "off")


def switch(environ: Mapping[str, str], name: str, warnings: list[str] | None = None) -> bool:
    """Whether an on/off variable is on: only ``1``, ``true`` or ``yes`` (any case) are."""
    value = environ.get(name, "").strip().lower()
    if value in _ON:
        return True
    if value not in _OFF and warnings is not None:
        warnings.append(f"{name}={environ[name]!r} is not understood (1, true or yes turn it on); it is off")
    return False


def debugging(environ: Mapping[str, str] | None = None) -> bool:
    """``CONVERT_DEBUG`` is on: show the tracebacks of plugin failures."""
    import os

    return switch(os.environ if environ is None else environ, "CONVERT_DEBUG")


def show_traceback(what: str, error: BaseException | str) -> None:
    """Print a plugin failure's traceback to standard error when debugging."""
    if not debugging():
        return
    if not isinstance(error, str):
        import traceback

        error = "".join(traceback.format_exception(error))
    sys.stderr.write(f"convert: traceback of {what}:\n{error}")
    sys.stderr.flush()


class Selection(NamedTuple):
    """Which plugins may load."""

    raw: str | None = None
    """``CONVERT_PLUGINS`` as set, or None."""
    include: AbstractSet[str] | None = None
    """The names to load, or None for every installed plugin."""
    exclude: AbstractSet[str] = frozenset()
    named: AbstractSet[str] = frozenset()
    """The names the variable spelled out (``text`` is added implicitly)."""

    def allows(self, name: str) -> bool:
        if name in self.exclude:
            return False
        return self.include is None or name in self.include

    def unknown(self, installed: Iterable[str], warnings: list[str]) -> None:
        """Warn about names that are not installed plugins."""
        installed = set(installed)
        for name in sorted((self.include or set()) | self.exclude):
            if name not in installed and not (name == TEXT_READER and name not in self.named):
                warnings.append(
                    f"CONVERT_PLUGINS names {name!r}, which is not an installed plugin"
                    f"{suggest(name, installed)}; installed: {', '.join(sorted(installed)) or 'none'}"
                )

def selection(environ: Mapping[str, str]) -> Selection:
    """Parse ``CONVERT_PLUGINS``."""
    raw = environ.get("CONVERT_PLUGINS")
    if raw is None:
        return Selection()
    names = [name.strip() for name in raw.split(",") if name.strip()]
    exclude = {name[1:].strip() for name in names if name.startswith("-")}
    include = {name for name in names if not name.startswith("-")}
    named = include | exclude
    if not names:
        return Selection(raw, set(), set(), named)
    if not include:
        return Selection(raw, None, exclude, named)
    return Selection(raw, include | {TEXT_READER}, exclude, named)
