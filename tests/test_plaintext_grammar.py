"""The plain-text grammar, case by case, from tests/fixtures/plaintext.txt.

Every rule of docs/plain-text.md has at least one case here; the case names
start with the rule's name as the documentation gives it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.plugin.formats import ReadContext
from convert.model import Heading, LineBlock, ListBlock, Paragraph, Quotation, SceneBreak, Table, Verbatim
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
        source = "\n".join(lines[index + 2 : end_input]).replace("¶", "").replace("→", "\t") + "\n"
        cases.append((name, source, lines[end_input + 1 : end_expected]))
        index = end_expected + 1
    return cases


def _flat(text: str) -> str:
    return text.replace("\t", "→").replace("\n", " ⏎ ")


def _links(block) -> str:
    targets = [span.target for span in getattr(block, "spans", ()) if span.kind == "link"]
    return "".join(f" [link {target}]" for target in targets)


def describe_blocks(blocks, indent: str = "") -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, Heading):
            number = f" {block.number}" if block.number else ""
            out.append(f"{indent}heading {block.level}{number}: {block.text}{_links(block)}")
        elif isinstance(block, Paragraph):
            out.append(f"{indent}p: {block.text}{_links(block)}")
        elif isinstance(block, SceneBreak):
            out.append(f"{indent}break")
        elif isinstance(block, Verbatim):
            kind = f" {block.kind}" if block.kind else ""
            out.append(f"{indent}verbatim{kind}: {_flat(block.text)}")
        elif isinstance(block, LineBlock):
            out.append(f"{indent}lines: {_flat(block.text)}{_links(block)}")
        elif isinstance(block, Quotation):
            out.append(f"{indent}quote:")
            out.extend(describe_blocks(block.blocks, indent + "  "))
        elif isinstance(block, Table):
            out.append(f"{indent}table")
        elif isinstance(block, ListBlock):
            start = f" {block.start}" if block.start != 1 else ""
            out.append(f"{indent}list {block.style}{start}:")
            for item in block.items:
                first, *rest = item.blocks or (Paragraph(""),)
                text = first.text if isinstance(first, Paragraph) else ""
                out.append(f"{indent}  {item.marker} {text}")
                out.extend(describe_blocks(rest, indent + "    "))
    return out


def describe(result) -> list[str]:
    document = result.document
    out = [f"title: {document.meta.title}"] if document.meta.title_lines else []
    if not document.meta.title_lines and document.meta.title != "Case":
        out = [f"title (not in the text): {document.meta.title}"]
    return out + describe_blocks(document.blocks)


CASES = read_cases(FIXTURES)


def test_fixture_file_has_cases():
    assert len(CASES) >= 60


@pytest.mark.parametrize("name,source,expected", CASES, ids=[case[0] for case in CASES])
def test_grammar_case(name, source, expected):
    assert describe(parse_text(source, ReadContext("case.txt"))) == expected


def test_the_documentation_lists_every_rule_in_the_order_they_are_tried():
    import re

    from convert.plaintext.rules import RULES

    doc = (Path(__file__).parent.parent / "docs" / "plain-text.md").read_text("utf-8")
    section = doc[doc.index("## 6. Blocks"):doc.index("## 7.")]
    documented = [name.replace("`", "").casefold() for name in re.findall(r"^\* \*\*([^*]+)\*\*", section, re.M)]
    # the title page is tried first but documented with the title (section 5)
    assert documented == [rule.name.casefold() for rule in RULES if rule.name != "title page"]


def test_every_rule_has_a_case():
    from convert.plaintext.rules import RULES

    names = {case[0].split(":")[0].casefold() for case in CASES}
    missing = [rule.name for rule in RULES if not any(name.startswith(rule.name.casefold()) for name in names)]
    assert missing == []
