"""Strict and selection modes, silent mistakes made loud, debugging (issue
17, problems 5, 6 and 9)."""

from __future__ import annotations

import json

import pytest

from convert import MODEL_MAJOR

from plugin_helpers import HEADER, cli, install, writer

NO_MAJOR = "from convert import OutputFormat, hookimpl\n@hookimpl\ndef register_output_formats(register):\n    pass\n"


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    return folder


@pytest.fixture
def broken(site):
    install(site, "badimport", "import no_such_module_anywhere\n")
    install(site, "nomajor", NO_MAJOR)
    return site


# 5. Strict mode

def test_strict_listing_is_one_line_naming_every_broken_plugin(broken):
    result = cli(broken, "--list-plugins", env={"CONVERT_STRICT_PLUGINS": "1"})
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("convert: error: CONVERT_STRICT_PLUGINS is on and 2 plugins were not loaded: ")
    assert "'badimport' (badimport): ModuleNotFoundError: No module named 'no_such_module_anywhere'" in result.stderr
    assert "'nomajor' (nomajor): it does not declare MODEL_MAJOR" in result.stderr


@pytest.mark.parametrize("value", ["true", "YES"])
def test_strict_mode_is_on_for_true_and_yes(broken, seed, value):
    result = cli(broken, seed, "--to", "json", env={"CONVERT_STRICT_PLUGINS": value})
    assert result.returncode == 1 and "2 plugins were not loaded" in result.stderr


@pytest.mark.parametrize("value", ["0", "false", "no", "off", ""])
def test_strict_mode_is_off_for_false_no_off(broken, seed, value):
    result = cli(broken, seed, "--to", "json", env={"CONVERT_STRICT_PLUGINS": value})
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("was not loaded") == 2


def test_strict_mode_warns_about_a_value_it_does_not_understand(site, seed):
    result = cli(site, seed, "--to", "json", env={"CONVERT_STRICT_PLUGINS": "maybe"})
    assert result.returncode == 0
    assert "CONVERT_STRICT_PLUGINS='maybe' is not understood (1, true or yes turn it on); it is off" in result.stderr


# 6. Silent mistakes

def test_unknown_names_in_convert_plugins_warn(site, seed):
    result = cli(site, seed, "--to", "json", env={"CONVERT_PLUGINS": "nosuch,jsn,text,json"})
    assert result.returncode == 0
    assert "CONVERT_PLUGINS names 'nosuch', which is not an installed plugin" in result.stderr
    assert "CONVERT_PLUGINS names 'jsn', which is not an installed plugin (did you mean 'json'?)" in result.stderr


def test_the_docs_selection_keeps_text_input_working(site, seed):
    result = cli(site, seed, "--to", "epub", env={"CONVERT_PLUGINS": "epub,json"})
    assert result.returncode == 0, result.stderr
    assert seed.with_suffix(".epub").is_file()


def test_deselecting_the_text_reader_says_the_selection_caused_the_error(site, seed):
    result = cli(site, seed, "--to", "json", env={"CONVERT_PLUGINS": "json,-text"})
    assert result.returncode == 2
    assert ("no input format reads '.txt' files: no reader claims it and the plain-text reader 'text' is not "
            "loaded (CONVERT_PLUGINS='json,-text' limits which plugins load)") in result.stderr
    unknown = cli(site, seed, "--to", "epub", env={"CONVERT_PLUGINS": "json"})
    assert unknown.returncode == 2
    assert "unknown output format 'epub'; available: json (see --list-formats) (CONVERT_PLUGINS='json'" \
        in unknown.stderr


def test_a_minus_name_loads_everything_else(site):
    listing = json.loads(cli(site, "--list-plugins", "--json", env={"CONVERT_PLUGINS": "-pdf"}).stdout)
    names = {plugin["name"] for plugin in listing["plugins"]}
    assert "pdf" not in names and {"text", "json", "epub"} <= names


@pytest.mark.parametrize("option, message", [
    ("foo=bar", "unknown option -O foo; the formats and transforms in use (pdf, text) take: encoding, language, "
                "page_size, paragraphs (see --list-formats)"),
    ("pagesize=letter", "unknown option -O pagesize (did you mean 'page_size'?)"),
    ("page_size=legal", "-O page_size='legal' is not one of: a4, letter"),
    ("epub.page_size=letter", "-O epub.page_size: nothing named 'epub' is used in this run"),
])
def test_unknown_options_and_values_are_usage_errors(seed, tmp_path, option, message):
    result = cli(tmp_path, seed, "--to", "pdf", "-O", option)
    assert result.returncode == 2
    assert message in result.stderr
    assert not seed.with_suffix(".pdf").exists()


def test_modules_without_hooks_or_model_major_are_reported(site, seed):
    install(site, "nohooks", HEADER + "def register_output_formats(register):\n    pass\n")
    install(site, "empty", HEADER)
    install(site, "nomajor", NO_MAJOR)
    install(site, "typo", HEADER + "@hookimpl\ndef register_output_format(register):\n    pass\n")
    install(site, "returns", HEADER + "@hookimpl\ndef register_transforms(register):\n    return ['x']\n")
    result = cli(site, seed, "--to", "json")
    assert result.returncode == 0
    warnings = result.stderr
    assert ("plugin 'nohooks' (nohooks) was not loaded: it implements no hook: decorate register_output_formats "
            "with @convert.hookimpl") in warnings
    assert "plugin 'empty' (empty) was not loaded: it implements no hook (register_output_formats" in warnings
    assert ("plugin 'nomajor' (nomajor) was not loaded: it does not declare MODEL_MAJOR "
            f"(add MODEL_MAJOR = {MODEL_MAJOR}") in warnings
    assert "None" not in warnings
    assert ("it implements an unknown hook 'register_output_format' (did you mean 'register_output_formats'?)"
            in warnings)
    assert "register_transforms returned ['x'] instead of calling register(...) for each item" in warnings


# 9. Debugging

def test_quiet_hides_plugin_load_warnings(broken, seed):
    result = cli(broken, seed, "--to", "json", "-q")
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize("how", [{"env": {"CONVERT_DEBUG": "1"}}, {"args": ("--traceback",)}])
def test_debugging_shows_a_plugin_failure_with_its_traceback(broken, seed, how):
    install(broken, "crashy", writer("crash", ".crash", "raise ValueError('bad luck')"))
    result = cli(broken, seed, "--to", "crash", "--to", "json", *how.get("args", ()), env=how.get("env"))
    assert result.returncode == 1
    assert "convert: traceback of crash writer (plugin 'crashy'):\nTraceback (most recent call last):" \
        in result.stderr
    assert 'crashy.py", line' in result.stderr and "ValueError: bad luck" in result.stderr
    assert "convert: traceback of plugin 'badimport':\nTraceback" in result.stderr  # a load failure too
    listing = cli(broken, "--list-plugins", *how.get("args", ()), env=how.get("env"))
    assert "not loaded: plugin 'badimport'" in listing.stdout
    assert 'badimport.py", line 1' in listing.stderr and "ModuleNotFoundError" in listing.stderr


def test_without_debugging_no_traceback(broken, seed):
    install(broken, "crashy", writer("crash", ".crash", "raise ValueError('bad luck')"))
    result = cli(broken, seed, "--to", "crash", "--to", "json", "-v")
    assert "Traceback" not in result.stderr + result.stdout
    assert "crash writer (plugin 'crashy') failed: ValueError: bad luck" in result.stderr


def test_problems_are_structured_in_json(broken):
    listing = json.loads(cli(broken, "--list-plugins", "--json").stdout)
    problems = {problem["plugin"]: problem for problem in listing["problems"]}
    assert problems["badimport"] == {
        "plugin": "badimport", "module": "badimport", "package": "badimport", "version": "1.0",
        "reason": "import-error", "message": "ModuleNotFoundError: No module named 'no_such_module_anywhere'",
    }
    assert problems["nomajor"]["reason"] == "model-version"


def test_transforms_and_options_are_listed_with_the_formats(site):
    text = cli(site, "--list-formats").stdout
    assert "Transforms (--transform):" in text and "colophon" in text
    assert "-O page_size=a4|letter: the page size" in text
    listing = json.loads(cli(site, "--list-formats", "--json").stdout)
    (colophon,) = [item for item in listing["transforms"] if item["name"] == "colophon"]
    assert colophon["options"] == [{"name": "colophon_heading", "type": "str", "choices": None,
                                    "values": "TEXT", "default": "Colophon",
                                    "help": "the heading of the colophon section"}]


def test_a_plugins_warnings_name_it(site, seed):
    install(site, "warner", writer("warn", ".warn", """
        context.warning("odd", "something odd", 3)
        stream.write(b"x")
    """))
    result = cli(site, seed, "--to", "warn")
    assert result.returncode == 0
    assert "line 3: something odd (warn writer (plugin 'warner'))" in result.stderr
