"""Dataclass methods compiled ahead of time.

``@dataclass`` writes each method it adds (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, a frozen class's ``__setattr__`` ...) as source text
and compiles it with ``exec``; for the fifty-odd dataclasses a conversion
imports, that compiling is about a sixth of the start-up.  The texts are the
same in every process, so :mod:`convert.precompiled_methods` holds them as
ordinary functions, compiled once into its bytecode file.  :func:`install`
makes the ``exec`` that ``dataclasses`` calls look a text up there first: a
text found is answered with the function ``exec`` would have made (the same
code, called with the same arguments); any other text (another program's
dataclass, a class changed since the table was written, another Python
version's dataclasses) is compiled as before.  So the table changes how fast
classes are made, never what they are.

Regular expressions are the same: compiling a pattern is parsing it and
turning it into the matching engine's code, pure Python that the start-up
repeats for every pattern of every module it imports (reportlab's alone cost
a PDF conversion 40 ms).  :mod:`convert.precompiled_patterns` holds that
code for the patterns a conversion compiles, and the engine is handed it
directly; the table is used only by the Python version and engine that
wrote it, and a pattern not in it compiles as before.

After adding or changing a dataclass or a pattern, regenerate both tables
with ``python -m convert.precompile`` (the benchmark reports how much was
compiled at run time).  ``CONVERT_NO_PRECOMPILED=1`` turns them off.
"""

# no ``from __future__ import annotations`` here: a text this module compiles
# must be compiled as in dataclasses, where annotations are evaluated
import builtins
import dataclasses
import os
import sys

PACKAGES = ("convert", "convert_plugins")
TABLE_FORMAT = 2
"""How the pattern table keeps the code (2: the hex of the 4-byte words); a table in another form is not used."""
compiled_at_run_time = {"dataclass_texts": 0, "patterns": 0}
"""How many of this project's dataclass method texts, and how many patterns
(any module's), this process compiled itself: counted, not kept, as a
long-running program may compile patterns without end."""
_functions: dict = {}
_patterns: dict = {}
compile_pattern = None
"""``re``'s own compiling, once the table answers first."""


def install() -> None:
    """Answer ``dataclasses``' ``exec`` calls and pattern compiling from the tables (once per process)."""
    if os.environ.get("CONVERT_NO_PRECOMPILED") or getattr(dataclasses, "exec", None) is _cached_exec:
        return
    try:
        from convert.precompiled_methods import FUNCTIONS
    except ImportError:  # a table being rewritten: compile everything
        return
    _functions.update(FUNCTIONS)
    dataclasses.exec = _cached_exec
    _install_patterns()


def engine() -> tuple:
    """What a pattern's compiled code depends on: the Python release and the matching engine."""
    import _sre

    return tuple(sys.version_info[:3]), _sre.MAGIC, _sre.CODESIZE, sys.maxunicode, sys.byteorder


def _install_patterns() -> None:
    from re import _compiler

    try:
        from convert.precompiled_patterns import ENGINE, FORMAT, PATTERNS
    except ImportError:
        return
    if ENGINE != engine() or FORMAT != TABLE_FORMAT:
        return
    _patterns.update(PATTERNS)
    global compile_pattern
    compile_pattern = _compiler.compile

    def cached_compile(pattern, flags=0):
        found = _patterns.get((pattern, flags)) if type(pattern) in (str, bytes) and type(flags) is int else None
        if found is None:
            compiled_at_run_time["patterns"] += 1
            return compile_pattern(pattern, flags)
        final_flags, code, groups, groupindex, indexgroup = found
        # the code is kept as the hex of its 4-byte words (a table of int tuples loads ten times slower)
        return _compiler._sre.compile(pattern, final_flags, memoryview(bytes.fromhex(code)).cast("I").tolist(),
                                      groups, dict(groupindex), indexgroup)

    _compiler.compile = cached_compile


def _cached_exec(source, globals=None, locals=None):
    function = _functions.get(source) if type(source) is str and type(locals) is dict else None
    if function is None:
        if type(globals) is dict and str(globals.get("__name__", "")).startswith(PACKAGES):
            compiled_at_run_time["dataclass_texts"] += 1
        return builtins.exec(source, globals, locals)
    module = globals.get("__name__") if type(globals) is dict else None

    def __create_fn__(**arguments):
        made = function(**arguments)
        if module is not None:
            made.__module__ = module  # as compiling in the class's module would have set it
        return made

    locals["__create_fn__"] = __create_fn__
