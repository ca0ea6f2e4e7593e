"""Regular expressions compiled on first use.

Compiling a pattern costs from 20 µs to 1 ms, and the plain-text grammar has
about a hundred of them, most of which a given document never needs (a
changelog's dates, a man page's sections, a table of contents' leaders).
:func:`lazy_compile` stands in for :func:`re.compile` at module level so
that a pattern is compiled only when a document first exercises it.
"""

from __future__ import annotations

import re

_METHODS = ("match", "fullmatch", "search", "findall", "finditer", "sub", "subn", "split")


class _Compiled:
    """A compiled pattern's methods and attributes, held by the instance."""

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self.flags!r})"


class _LazyPattern(_Compiled):
    """``re.compile(source, flags)``, compiled when an attribute is first looked up."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = source
        self.flags = flags

    def __getattr__(self, name: str):
        compiled = re.compile(self.pattern, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        self.groups = compiled.groups
        self.groupindex = compiled.groupindex
        # Without __getattr__ on its class, looking up a method is as fast as on the compiled pattern.
        self.__class__ = _Compiled
        return getattr(compiled, name)


def lazy_compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern used like ``re.compile(source, flags)``, compiled on its first use."""
    return _LazyPattern(source, flags)  # type: ignore[return-value]
