"""Accessibility of the EPUB output, as DAISY Ace checks it (Ace runs axe-core in
Chromium over every content document and checks the package metadata).
Skips without Ace; ``bash .ci/install-validators`` installs it.

Ace checks one EPUB per call and needs a few seconds for each (a browser
starts every time), so the standard documents are checked as one book and
the development corpus by a sample of its scripts; the whole corpus is a
manual run (README, "What the outputs look like")."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import convert
from conftest import ROOT, SEED, run_cli
from convert import Heading
from convert.model.samples import standard_documents
from validators import ACE_SKIP_REASON, ace_command, format_violations, run_ace

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
CORPUS = ROOT / "corpus" / "plaintext" / "docs"
SCRIPTS = {
    "22_man-zh-cut": "zh",
    "23_man-ru-locale": "ru",
    "24_man-el-cmp": "el",
    "42_emacs-tutorial-ja": "ja",
    "46_emacs-tutorial-he": "he",
}
"""A sample of the development corpus, one document per non-Latin script, with its language."""

needs_ace = pytest.mark.skipif(ace_command() is None, reason=ACE_SKIP_REASON)


def assert_no_violations(epub: Path, outdir: Path) -> None:
    found = run_ace(epub, outdir)
    assert not found, f"DAISY Ace found {len(found)} violations in {epub.name}:\n{format_violations(found)}"


def convert_with_cli(source: Path, epub: Path, *args: str) -> None:
    result = run_cli(source, "--to", "epub", "-o", epub, *args, env={"SOURCE_DATE_EPOCH": EPOCH})
    if result.returncode != 0 or not epub.is_file():
        pytest.fail(f"convert failed (exit {result.returncode}):\n{result.stderr}")


def standard_book() -> convert.Document:
    """Every standard document in one book: each one's blocks under a heading
    naming it (the large one cut to three chapters), with the hostile title."""
    documents = standard_documents()
    blocks: list = []
    for name, document in documents.items():
        content = document.blocks[:36] if name == "large" else document.blocks
        blocks.extend((Heading(1, f"Standard document {name}"), *content))
    hostile = documents["hostile-text"]
    return dataclasses.replace(hostile, blocks=tuple(blocks))


@needs_ace
def test_seed_epub_has_no_ace_violations(tmp_path: Path):
    source = tmp_path / SEED.name
    source.write_bytes(SEED.read_bytes())
    epub = tmp_path / "seed.epub"
    convert_with_cli(source, epub, "--metadata", "author=A. Writer")
    assert_no_violations(epub, tmp_path / "ace")


@needs_ace
@pytest.mark.parametrize("name", ["all-standard-documents", "empty"])
def test_standard_documents_have_no_ace_violations(tmp_path: Path, name: str):
    document = standard_book() if name != "empty" else standard_documents()["empty"]
    epub = tmp_path / f"{name}.epub"
    epub.write_bytes(convert.render(document, "epub"))
    assert_no_violations(epub, tmp_path / "ace")


@needs_ace
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_corpus_documents_in_other_scripts_have_no_ace_violations(tmp_path: Path, name: str):
    epub = tmp_path / f"{name}.epub"
    convert_with_cli(CORPUS / f"{name}.txt", epub, "--metadata", f"language={SCRIPTS[name]}")
    assert_no_violations(epub, tmp_path / "ace")
