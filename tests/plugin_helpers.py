"""Small plugin distributions for tests: a module plus a ``.dist-info`` with
``entry_points.txt``, exactly what pip would write, in a private folder that
``convert`` runs with on ``PYTHONPATH``."""

from __future__ import annotations

import importlib
import sys
import textwrap
from pathlib import Path

from convert import MODEL_MAJOR

from conftest import run_cli

HEADER = f"from convert import *\nfrom convert import decode_source\nMODEL_MAJOR = {MODEL_MAJOR}\n"


def install(site: Path, module: str, code: str, dist: str | None = None, version: str = "1.0",
            entry: str | None = None) -> None:
    """Write a one-module distribution whose ``convert.plugins`` entry point is ``entry`` (default: the module)."""
    dist = dist or module.replace("_", "-")
    (site / f"{module}.py").write_text(textwrap.dedent(code), "utf-8")
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(f"[convert.plugins]\n{entry or module} = {module}\n")


def reader(name: str, extension: str, body: str) -> str:
    """A plugin with one reader whose ``read(data, context)`` body is ``body``."""
    return HEADER + f"""
def read(data, context):
{textwrap.indent(textwrap.dedent(body), "    ")}

@hookimpl
def register_input_formats(register):
    register(InputFormat({name!r}, ({extension!r},), "test reader", read))
"""


def transform(name: str, body: str) -> str:
    """A plugin with one transform whose ``apply(document, context)`` body is ``body``."""
    return HEADER + f"""
def apply(document, context):
{textwrap.indent(textwrap.dedent(body), "    ")}

@hookimpl
def register_transforms(register):
    register(Transform({name!r}, "test transform", apply))
"""


def writer(name: str, extension: str, body: str, options: str = "()") -> str:
    """A plugin with one writer whose ``write(document, stream, context)`` body is ``body``."""
    return HEADER + f"""
def write(document, stream, context):
{textwrap.indent(textwrap.dedent(body), "    ")}

@hookimpl
def register_output_formats(register):
    register(OutputFormat({name!r}, {extension!r}, "text/plain", "test writer", write, options={options}))
"""


def cli(site: Path, *args, env=None, cwd=None):
    return run_cli(*args, cwd=cwd, env={"PYTHONPATH": str(site), **(env or {})})


def load(site: Path, module: str):
    """Import a module written into ``site`` (on ``sys.path`` for the test's duration)."""
    if str(site) not in sys.path:
        sys.path.insert(0, str(site))
    importlib.invalidate_caches()
    sys.modules.pop(module, None)
    return importlib.import_module(module)


GOOD_WRITER = HEADER + '''
def write(document, stream, context):
    stream.write(document.meta.title.encode("utf-8"))

@hookimpl
def register_output_formats(register):
    register(OutputFormat("{fmt}", ".{fmt}.out", "text/plain", "Title only", write))
'''
