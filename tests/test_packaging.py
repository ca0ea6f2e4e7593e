"""What gets installed: the distribution's name everywhere, the wheel's
contents, and the manual page generated from the command's help."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

# `pip install convert`, `pip install -U "convert>=0.1"`, `'convert[dask]'`: the
# PyPI project `convert` is another one; ours is `convert-text`.
WRONG_INSTALL = re.compile(
    r"pip3? install\s+(?:-\S+\s+)*['\"]?convert(?![\w-])|(?<![\w./-])convert\[[\w,\s]+\]"
)
SKIPPED_SUFFIXES = {".epub", ".pdf", ".docx", ".png", ".jpg", ".woff2", ".ttf", ".otf", ".zip", ".whl"}


def tracked_files() -> list[Path]:
    """The repository's files (git's list; every file below the root without git)."""
    if shutil.which("git") and (ROOT / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        return [ROOT / name for name in listed.decode().split("\0") if name]
    ignored = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis"}
    return [path for path in ROOT.rglob("*")
            if path.is_file() and not ignored & set(path.relative_to(ROOT).parts)]


def wrong_install_lines(path: Path) -> list[str]:
    if path.suffix in SKIPPED_SUFFIXES or path == Path(__file__):
        return []
    try:
        text = path.read_text("utf-8")
    except (UnicodeDecodeError, OSError):
        return []
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if path.name == "CHANGELOG.md" and "renam" in line.lower():
            continue  # a changelog line may describe the rename itself
        if WRONG_INSTALL.search(line):
            found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_the_pattern_finds_what_it_should():
    for line in ("pip install convert", "pip install 'convert[dask]'", 'pip install -U "convert>=0.1"',
                 "install it with: convert[dask]", "pip3 install convert==0.1"):
        assert WRONG_INSTALL.search(line), line
    for line in ("pip install convert-text", "pip install 'convert-text[dask]'", "pip install ./convert-text-markdown",
                 "python -m convert", "convert notes.txt", "registry.convert[name]", "pip install -e ."):
        assert not WRONG_INSTALL.search(line), line


def test_no_file_tells_users_to_install_the_wrong_project():
    files = tracked_files()
    assert any(path.name == "README.md" for path in files)
    found = [line for path in files for line in wrong_install_lines(path)]
    assert not found, "the distribution is convert-text:\n" + "\n".join(found)


def build_isolation_flags() -> list[str]:
    """Build with the installed setuptools when it is recent enough (the
    ``test`` extra installs one), else let pip fetch it in isolation."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        major = int(version("setuptools").split(".")[0])
    except (PackageNotFoundError, ValueError):
        return []
    return ["--no-build-isolation"] if major >= 77 else []


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel, built from a copy of the sources (the checkout is not touched)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("convert", "plugins"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", *build_isolation_flags(),
         "-w", str(base / "dist"), str(source)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    (built,) = (base / "dist").glob("convert_text-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_adds_only_convert_names(wheel):
    (top_level,) = [name for name in wheel.namelist() if name.endswith(".dist-info/top_level.txt")]
    names = wheel.read(top_level).decode().split()
    assert names and all(name.startswith("convert") for name in names), names
    roots = {name.split("/")[0] for name in wheel.namelist() if ".dist-info/" not in name}
    assert all(root.startswith("convert") for root in roots), roots


def test_the_wheel_holds_every_module_and_data_file(wheel):
    names = set(wheel.namelist())
    expected = {f"convert/{path.relative_to(ROOT / 'convert').as_posix()}"
                for path in (ROOT / "convert").rglob("*.py")}
    expected |= {f"convert_plugins/{path.relative_to(ROOT / 'plugins').as_posix()}"
                 for path in (ROOT / "plugins").rglob("*.py")}
    expected |= {"convert/schemas/idm.schema.json", "convert/schemas/report.schema.json", "convert/py.typed"}
    expected |= {f"convert_plugins/{path.relative_to(ROOT / 'plugins').as_posix()}"
                 for path in (ROOT / "plugins").rglob("*.css")}
    assert not expected - names, f"missing from the wheel: {sorted(expected - names)}"
    metadata = next(name for name in names if name.endswith(".dist-info/METADATA"))
    text = wheel.read(metadata).decode()
    assert "Name: convert-text" in text and "License-Expression: MIT" in text
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)


def test_the_license_is_mit():
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert text.startswith("MIT License") and "Copyright (c) 2026 the convert authors" in text


def test_the_changelog_describes_this_release_and_the_last():
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    from convert import __version__

    headings = re.findall(r"^## (\d+\.\d+\.\d+)", text, re.MULTILINE)
    assert __version__ in headings and len(headings) >= 2


def test_the_manual_page_in_docs_is_up_to_date():
    from convert.cli.manpage import render_manpage

    shipped = (ROOT / "docs" / "convert.1").read_text("utf-8")
    assert shipped == render_manpage(), "regenerate it: python -m convert.cli.manpage > docs/convert.1"


def test_the_manual_page_lists_every_option():
    from convert.cli.command import cli
    from convert.cli.manpage import render_manpage

    page = render_manpage().replace("\\-", "-")
    for param in cli.params:
        for name in param.opts:
            if name.startswith("-"):
                assert name in page, name
    for section in (".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH EXIT CODES", ".SH ENVIRONMENT"):
        assert section in page


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
def test_the_manual_page_renders_without_warnings():
    from convert.cli.manpage import render_manpage

    result = subprocess.run(["groff", "-man", "-Tutf8", "-ww"], input=render_manpage(),
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    text = re.sub(".\b", "", result.stdout).replace("\u2010", "-")  # overstrike bold, hyphens
    assert "--max-input-size" in text
