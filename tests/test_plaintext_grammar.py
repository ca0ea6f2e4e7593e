"""The plain-text grammar, case by case, from tests/fixtures/plaintext.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.plugin.formats import ReadContext
from convert.model import Heading, ListBlock, Paragraph, SceneBreak
from convert.plaintext import parse_text

FIXTURES = Path(__file__).parent / "fixtures" / "plaintext.txt"


def read_cases(path: Path) -> list[tuple[str, str, list[str]]]:
    """Parse "# name / . input . / expected ." cases (markdown-it-py style)."""
    cases, lines = [], path.read_text("utf-8").split("\n")
    index = 0
    while index < len(lines):
        if not lines[index].startswith("# "):
            index += 1
            continue
        name = lines[index][2:]
        assert lines[index + 1] == ".", name
        end_input = lines.index(".", index + 2)
        end_expected = lines.index(".", end_input + 1)
        source = "\n".join(lines[index + 2 : end_input]).replace("¶", "") + "\n"
        cases.append((name, source, lines[end_input + 1 : end_expected]))
        index = end_expected + 1
    return cases


def describe(result) -> list[str]:
    document = result.document
    out = [f"title: {document.meta.title}"] if document.meta.title_lines else []
    for block in document.blocks:
        if isinstance(block, Heading):
            number = f" {block.number}" if block.number else ""
            out.append(f"heading {block.level}{number}: {block.text}")
        elif isinstance(block, Paragraph):
            out.append(f"p: {block.text}")
        elif isinstance(block, SceneBreak):
            out.append("break")
        elif isinstance(block, ListBlock):
            kind = "ordered" if block.ordered else "bullet"
            out.append(f"list {kind}: " + " | ".join(item.text for item in block.items))
    return out


CASES = read_cases(FIXTURES)


def test_fixture_file_has_cases():
    assert len(CASES) >= 12


@pytest.mark.parametrize("name,source,expected", CASES, ids=[case[0] for case in CASES])
def test_grammar_case(name, source, expected):
    assert describe(parse_text(source, ReadContext("case.txt"))) == expected
