"""Plugin discovery, control and isolation, through real entry points.

Each test installs small plugin distributions into a private folder (a module
plus a ``.dist-info`` with ``entry_points.txt``, exactly what pip would write)
and runs ``convert`` with that folder on ``PYTHONPATH``.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

import convert_plugins
from convert import BLOCK_TYPES
from convert.plugin import hookspecs
from convert.plugin.loader import load_registry

from conftest import ROOT, run_cli

GOOD = '''
from convert import OutputFormat, hookimpl
MODEL_MAJOR = 2

def write(document, stream, context):
    stream.write(document.meta.title.encode("utf-8"))

@hookimpl
def register_output_formats(register):
    register(OutputFormat("{fmt}", ".{fmt}.txt", "text/plain", "Title only", write))
'''


def install(site: Path, module: str, code: str, dist: str | None = None, version: str = "1.0") -> None:
    """Write a one-module distribution with a convert.plugins entry point."""
    dist = dist or module.replace("_", "-")
    (site / f"{module}.py").write_text(textwrap.dedent(code), "utf-8")
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(f"[convert.plugins]\n{module} = {module}\n")


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    return folder


def cli(site: Path, *args, env=None):
    return run_cli(*args, env={"PYTHONPATH": str(site), **(env or {})})


def test_builtin_plugins_module_is_ours():
    assert Path(convert_plugins.__file__).resolve().parent == ROOT / "plugins"


def test_third_party_plugin_is_listed_and_used(site, seed):
    install(site, "titleonly", GOOD.format(fmt="title"))
    listing = json.loads(cli(site, "--list-plugins", "--json").stdout)
    found = {p["name"]: p for p in listing["plugins"]}
    assert found["titleonly"]["source"] == "installed package"
    assert found["titleonly"]["package"] == "titleonly" and found["titleonly"]["version"] == "1.0"
    assert found["titleonly"]["output_formats"] == ["title"]
    assert found["json"]["source"] == "built-in"
    result = cli(site, seed, "--to", "title")
    assert result.returncode == 0, result.stderr
    assert seed.with_suffix(".title.txt").read_text("utf-8") == "Headlines at the World Socialist Web Site today:"


def test_broken_plugins_are_reported_once_and_others_work(site, seed):
    install(site, "badimport", "import no_such_module_anywhere\n")
    install(site, "badhook", GOOD.replace("register(OutputFormat", "raise RuntimeError('boom'); register(OutputFormat").format(fmt="x"))
    install(site, "oldmajor", GOOD.format(fmt="old").replace("MODEL_MAJOR = 2", "MODEL_MAJOR = 1"))
    install(site, "typo", "from convert import hookimpl\nMODEL_MAJOR = 2\n@hookimpl\ndef register_output_format(register):\n    pass\n")
    result = cli(site, seed, "--to", "json")
    assert result.returncode == 0
    problems = [line for line in result.stderr.splitlines() if "was not loaded" in line]
    assert len(problems) == 4, result.stderr
    assert any("badimport" in line and "no_such_module_anywhere" in line for line in problems)
    assert any("badhook" in line and "boom" in line for line in problems)
    assert any("oldmajor" in line and "MODEL_MAJOR = 1" in line for line in problems)
    assert any("typo" in line and "register_output_format" in line for line in problems)
    assert seed.with_suffix(".json").exists()


def test_strict_mode_makes_a_broken_plugin_fatal(site, seed):
    install(site, "badimport", "import no_such_module_anywhere\n")
    result = cli(site, seed, "--to", "json", env={"CONVERT_STRICT_PLUGINS": "1"})
    assert result.returncode == 1 and "badimport" in result.stderr


def test_convert_plugins_limits_what_loads(site, seed):
    install(site, "badimport", "import no_such_module_anywhere\n")
    result = cli(site, "--list-plugins", "--json", env={"CONVERT_PLUGINS": "json,text"})
    names = [p["name"] for p in json.loads(result.stdout)["plugins"]]
    assert names == ["json", "text"] and "badimport" not in result.stderr


def test_duplicate_format_names_must_be_chosen(site, seed):
    install(site, "first_plugin", GOOD.format(fmt="dup"))
    install(site, "second_plugin", GOOD.format(fmt="dup"))
    result = cli(site, seed, "--to", "dup")
    assert result.returncode == 2
    assert "dup@first_plugin or dup@second_plugin" in result.stderr
    chosen = cli(site, seed, "--to", "dup@second_plugin")
    assert chosen.returncode == 0, chosen.stderr


def test_failing_writer_names_its_plugin_and_leaves_no_file(site, seed, tmp_path):
    install(site, "crashy", GOOD.format(fmt="crash").replace(
        "stream.write(document.meta.title.encode(\"utf-8\"))", "stream.write(b'half'); raise ValueError('bad luck')"))
    out = tmp_path / "out"
    result = cli(site, seed, "--to", "crash", "--to", "json", "-o", out)
    assert result.returncode == 1
    assert "crash writer (plugin 'crashy') failed: ValueError: bad luck" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [seed.with_suffix(".json").name]


def test_transform_hook_and_builtin_colophon(seed, tmp_path):
    target = tmp_path / "out.json"
    run_cli(seed, "--to", "json", "-o", target, "--transform", "colophon", check=True)
    blocks = json.loads(target.read_text("utf-8"))["blocks"]
    assert blocks[-2]["text"] == "Colophon"
    assert "8ab595a1f1477aa702f9168ac8b9d63b2ff12a684091ac833d1d367a53fee2e9" in blocks[-1]["text"]
    unknown = run_cli(seed, "--to", "json", "--transform", "nope")
    assert unknown.returncode == 2 and "unknown transform 'nope'" in unknown.stderr


def test_registry_isolated_from_entry_points(monkeypatch):
    registry = load_registry(environ={"CONVERT_PLUGINS": ""})
    assert registry.plugins == [] and registry.outputs == {}


def test_every_hook_is_documented():
    """Like datasette: each hook's exact signature appears in docs/plugins.md."""
    text = (ROOT / "docs" / "plugins.md").read_text("utf-8")
    names = [name for name in dir(hookspecs) if name.startswith("register_")]
    assert names
    for name in names:
        assert f"### `{name}(register)`" in text


def test_every_node_type_is_documented():
    text = (ROOT / "docs" / "model.md").read_text("utf-8")
    for node in BLOCK_TYPES:
        assert f"### `{node.__name__}`" in text
