"""Dataclass methods from the precompiled table are the methods ``@dataclass``
would have compiled: same code, same behaviour; unknown texts still compile."""

from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys

import pytest

from convert import precompiled
from convert.precompile import code_bytes
from convert.precompiled_methods import FUNCTIONS


def same_code(made, compiled) -> bool:
    """Two code objects that do the same thing (names of the outer function and file aside)."""
    fields = ("co_code", "co_names", "co_varnames", "co_freevars", "co_cellvars", "co_argcount",
              "co_kwonlyargcount", "co_posonlyargcount", "co_flags")
    if any(getattr(made, field) != getattr(compiled, field) for field in fields):
        return False
    if len(made.co_consts) != len(compiled.co_consts):
        return False
    for mine, theirs in zip(made.co_consts, compiled.co_consts):
        if hasattr(mine, "co_code"):
            if not (hasattr(theirs, "co_code") and mine.co_name == theirs.co_name and same_code(mine, theirs)):
                return False
        elif mine != theirs or type(mine) is not type(theirs):
            return False
    return True


def test_every_table_function_is_its_text_compiled():
    assert len(FUNCTIONS) > 100
    for text, function in FUNCTIONS.items():
        namespace: dict = {}
        # as dataclasses compiles it: without this module's __future__ import
        builtins.exec(compile(text, "<string>", "exec", dont_inherit=True), {}, namespace)
        assert same_code(function.__code__, namespace["__create_fn__"].__code__), text


PROBE = """
import dataclasses, inspect, json, sys
import convert
from convert import Diagnostic, Document, Meta, Paragraph, Span
from convert.plugin.formats import OutputFormat
from convert.precompiled import compiled_at_run_time

span = Span(0, 4, "emphasis")
paragraph = Paragraph("word", (span,))
document = Document(Meta(title="T"), (paragraph,))
try:
    paragraph.text = "changed"
except dataclasses.FrozenInstanceError as error:
    frozen = str(error)
described = {
    "repr": [repr(document), repr(Diagnostic("code", "message"))],
    "eq": [paragraph == Paragraph("word", (span,)), paragraph == Paragraph("other")],
    "hash": hash(span) == hash(Span(0, 4, "emphasis")),
    "frozen": frozen,
    "replace": repr(dataclasses.replace(paragraph, text="else")),
    "fields": [f.name for f in dataclasses.fields(Meta)],
    "signatures": [str(inspect.signature(cls)) for cls in (Span, Paragraph, Meta, OutputFormat)],
    "modules": [Paragraph.__init__.__module__, Paragraph.__repr__.__module__, OutputFormat.__eq__.__module__],
    "qualnames": [Paragraph.__init__.__qualname__, Span.__setattr__.__qualname__],
    "params": repr(Paragraph.__dataclass_params__),
    "compiled_at_run_time": compiled_at_run_time["dataclass_texts"],
}
print(json.dumps(described))
"""


def described(environment: dict) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            env={**os.environ, **environment}, timeout=120, check=True)
    return json.loads(result.stdout)


def test_classes_made_from_the_table_are_the_classes_compiled_at_run_time():
    from_table = described({})
    compiled = described({"CONVERT_NO_PRECOMPILED": "1"})
    assert from_table.pop("compiled_at_run_time") == 0  # the model and plugin classes came from the table
    compiled.pop("compiled_at_run_time")  # not counted: the table is off
    assert from_table == compiled
    assert from_table["modules"] == ["convert.model.nodes", "convert.model.nodes", "convert.plugin.formats"]


def test_a_text_not_in_the_table_is_compiled(monkeypatch):
    monkeypatch.setattr(precompiled, "compiled_at_run_time", {"dataclass_texts": 0, "patterns": 0})
    namespace: dict = {}
    text = "def __create_fn__(x, kind):\n def double(self) -> kind:\n  return 2 * x\n return double"
    precompiled._cached_exec(text, {"__name__": "convert.example"}, namespace)
    double = namespace["__create_fn__"](x=21, kind=int)
    assert double(None) == 42
    assert double.__annotations__ == {"return": int}  # evaluated, as dataclasses compiles them
    assert precompiled.compiled_at_run_time["dataclass_texts"] == 1


@pytest.mark.parametrize("module", [None, "convert.model.nodes"])
def test_a_text_in_the_table_gives_its_function(module):
    text = next(iter(FUNCTIONS))
    namespace: dict = {}
    precompiled._cached_exec(text, {"__name__": module} if module else {}, namespace)
    parameters = FUNCTIONS[text].__code__.co_varnames[:FUNCTIONS[text].__code__.co_argcount]
    made = namespace["__create_fn__"](**{name: object() for name in parameters})
    assert made.__code__ is FUNCTIONS[text](**{name: object() for name in parameters}).__code__
    if module:
        assert made.__module__ == module


def engine_arguments(pattern: str, flags: int, monkeypatch) -> tuple:
    """What compiling the pattern from scratch hands the matching engine, in the table's form."""
    from re import _compiler

    handed = []
    engine = _compiler._sre

    class Recording:
        def __getattr__(self, name):
            return getattr(engine, name)

        def compile(self, *arguments):
            handed.append(arguments[1:])
            return engine.compile(*arguments)

    with monkeypatch.context() as patch:
        patch.setattr(_compiler, "_sre", Recording())
        (precompiled.compile_pattern or _compiler.compile)(pattern, flags)
    final_flags, code, groups, groupindex, indexgroup = handed[0]
    return (int(final_flags), code_bytes(code), int(groups),
            tuple(sorted((name, int(index)) for name, index in groupindex.items())), tuple(indexgroup))


def test_every_table_pattern_is_its_pattern_compiled(monkeypatch):
    from convert.precompiled_patterns import ENGINE, PATTERNS

    if ENGINE != precompiled.engine():
        pytest.skip("the pattern table was written by another Python release")
    assert len(PATTERNS) > 100
    for (pattern, flags), stored in PATTERNS.items():
        assert engine_arguments(pattern, flags, monkeypatch) == stored, pattern


def test_patterns_from_the_table_match_as_compiled_ones():
    import re

    from convert.precompiled_patterns import PATTERNS

    if precompiled.compile_pattern is None:
        pytest.skip("the pattern table is not in use in this process")
    (pattern, flags), _ = max(PATTERNS.items(), key=lambda item: len(item[1][1]))  # the longest code
    from_table = re._compiler.compile(pattern, flags)
    compiled = precompiled.compile_pattern(pattern, flags)
    assert (from_table.pattern, from_table.flags, from_table.groups, dict(from_table.groupindex)) == \
        (compiled.pattern, compiled.flags, compiled.groups, dict(compiled.groupindex))
    samples = ["", "a", "Chapter 1", "# x", "- item", "\u00e9t\u00e9", "1. one", "==", "\u6f22\u5b57"]
    assert [bool(from_table.search(text)) for text in samples] == [bool(compiled.search(text)) for text in samples]
