"""JSON output: the model itself, valid against the shipped schema, and a
lossless input format."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from convert import model
from convert.model.json_form import schema_text

from conftest import FIXTURES, run_cli, source_words
from extract import json_text


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(json.loads(schema_text("idm")))


def test_seed_json_captures_the_structure(seed, validator):
    result = run_cli(seed, "--to", "json", check=True)
    out = seed.with_suffix(".json")
    assert result.stdout.strip() == str(out)
    data = json.loads(out.read_text("utf-8"))
    validator.validate(data)
    assert data["schema"] == "convert-idm" and data["version"] == model.MODEL_VERSION
    kinds = [block["type"] for block in data["blocks"]]
    assert kinds.count("heading") == 12 and kinds.count("paragraph") == 173
    assert kinds.count("break") == 34 and kinds.count("list") == 1
    assert json_text(out.read_bytes()).split() == source_words(seed)


def test_hostile_json_is_valid(hostile, validator):
    run_cli(hostile, "--to", "json", check=True)
    data = json.loads(hostile.with_suffix(".json").read_text("utf-8"))
    validator.validate(data)
    assert "<script>alert(1)</script>" in data["meta"]["title"]


def test_json_round_trip_is_byte_identical(seed, tmp_path):
    run_cli(seed, "--to", "json", check=True)
    first = seed.with_suffix(".json")
    again = tmp_path / "again.json"
    run_cli(first, "--to", "json", "-o", again, check=True)
    assert again.read_bytes() == first.read_bytes()


def test_json_to_json_without_output_would_overwrite_the_input(seed):
    run_cli(seed, "--to", "json", check=True)
    result = run_cli(seed.with_suffix(".json"), "--to", "json")
    assert result.returncode == 2 and "overwrite the input" in result.stderr


def test_newer_major_version_is_refused(tmp_path):
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"schema": "convert-idm", "version": "3.0.0", "meta": {}, "blocks": []}))
    result = run_cli(path, "--to", "json", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "version 3.0.0 is not supported" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "future.json").exists()


def test_json_that_is_not_a_document_is_refused(tmp_path):
    path = tmp_path / "other.json"
    path.write_text('{"hello": "world"}')
    result = run_cli(path, "--to", "json", "-o", tmp_path / "out")
    assert result.returncode == 1 and "not a convert-idm document" in result.stderr


def test_print_schema_is_the_shipped_schema():
    result = run_cli("--print-schema", check=True)
    assert json.loads(result.stdout)["properties"]["schema"]["const"] == "convert-idm"


# The node types and their fields, as released in MODEL_VERSION. Changing the
# model must change this snapshot *and* the version: a new optional field is a
# minor bump, anything else a major one.
MODEL_SNAPSHOT = {
    "1.0.0": {
        "Document": ["meta", "blocks"],
        "Meta": ["title", "language", "authors", "source_name", "source_sha256", "modified", "title_lines", "extra"],
        "Heading": ["level", "text", "number", "lines"],
        "Paragraph": ["text", "lines"],
        "ListBlock": ["ordered", "items", "lines"],
        "ListItem": ["text", "lines"],
        "SceneBreak": ["lines"],
    },
    "2.0.0": {
        "Document": ["meta", "blocks"],
        "Meta": ["title", "language", "authors", "source_name", "source_sha256", "modified", "title_lines", "extra"],
        "Heading": ["level", "text", "number", "lines", "spans"],
        "Paragraph": ["text", "lines", "spans"],
        "Verbatim": ["text", "kind", "language", "lines"],
        "LineBlock": ["text", "lines", "spans"],
        "ListBlock": ["style", "items", "start", "lines"],
        "Quotation": ["blocks", "attribution", "lines"],
        "Table": ["head", "body", "align", "lines"],
        "SceneBreak": ["lines"],
        "ListItem": ["blocks", "marker", "lines"],
        "Cell": ["text", "spans"],
        "Span": ["start", "end", "kind", "target"],
    },
}


def test_model_changes_bump_the_version():
    classes = (model.Document, model.Meta, *model.BLOCK_TYPES, model.ListItem, model.Cell, model.Span)
    current = {cls.__name__: [f.name for f in dataclasses.fields(cls)] for cls in classes}
    assert current == MODEL_SNAPSHOT.get(model.MODEL_VERSION), (
        "the document model changed: bump MODEL_VERSION and add a snapshot"
    )


def test_json_encoders_cover_exactly_the_block_types():
    from convert.model.json_form import ENCODERS

    assert set(ENCODERS) == set(model.BLOCK_TYPES)


def test_epub_from_json_equals_epub_from_text(seed, tmp_path):
    run_cli(seed, "--to", "json", check=True)
    from_text, from_json = tmp_path / "text", tmp_path / "json"
    run_cli(seed, "--to", "epub", "-o", from_text, check=True)
    run_cli(seed.with_suffix(".json"), "--to", "epub", "-o", from_json, check=True)
    name = seed.with_suffix(".epub").name
    assert (from_json / name).read_bytes() == (from_text / name).read_bytes()


def test_a_version_1_document_is_upgraded_on_reading(seed, tmp_path, validator):
    """The seed as the 1.0 JSON writer wrote it reads into the same document
    as the seed read today (lists gain a style, a start and items of blocks)."""
    from convert.model.json_form import loads

    old = (FIXTURES / "seed-model-1.0.json").read_text("utf-8")
    upgraded = loads(old, "seed-model-1.0.json")
    run_cli(seed, "--to", "json", env={"SOURCE_DATE_EPOCH": "1767225600"}, check=True)
    current = loads(seed.with_suffix(".json").read_text("utf-8"))
    # 1.0 did not record list markers; everything else is the same
    unmarked = [block for block in current.blocks]
    for i, block in enumerate(unmarked):
        if isinstance(block, model.ListBlock):
            items = tuple(dataclasses.replace(item, marker=None) for item in block.items)
            unmarked[i] = dataclasses.replace(block, items=items)
    assert upgraded.blocks == tuple(unmarked)
    assert upgraded.meta.title == current.meta.title
    from convert.model.json_form import dumps

    validator.validate(json.loads(dumps(upgraded)))


BAD_BLOCKS = {
    "span outside its text": (
        {"type": "paragraph", "text": "short", "spans": [[2, 40, "emphasis", None]], "lines": [1, 1]},
        "blocks[0] (paragraph).spans[0]: range 2..40 is outside the text",
    ),
    "overlapping spans of one kind": (
        {"type": "paragraph", "text": "0123456789", "spans": [[0, 5, "strong", None], [3, 8, "strong", None]], "lines": [1, 1]},
        "blocks[0] (paragraph).spans[1]: overlaps another strong span",
    ),
    "ragged table": (
        {"type": "table", "align": [], "head": [[{"text": "a"}, {"text": "b"}]], "body": [[{"text": "c"}]], "lines": [1, 1]},
        "blocks[0] (table).body[0]: has 1 cells where the table has 2 columns",
    ),
    "negative list start": (
        {"type": "list", "style": "decimal", "start": -1, "items": [{"marker": None, "blocks": [], "lines": [1, 1]}], "lines": [1, 1]},
        "blocks[0] (list).start: must be a whole number",
    ),
    "huge list start": (
        {"type": "list", "style": "decimal", "start": 10**12, "items": [{"marker": None, "blocks": [], "lines": [1, 1]}], "lines": [1, 1]},
        "blocks[0] (list).start: must be a whole number",
    ),
    "unknown list style": (
        {"type": "list", "style": "klingon", "start": 1, "items": [{"marker": None, "blocks": [], "lines": [1, 1]}], "lines": [1, 1]},
        "blocks[0] (list).style: unknown style 'klingon'",
    ),
    "text that is not text": (
        {"type": "paragraph", "text": None, "lines": [1, 1]},
        "blocks[0] (paragraph).text: expected text, got NoneType",
    ),
    "text that is an object": (
        {"type": "heading", "level": 1, "number": None, "text": {"a": 1}, "lines": [1, 1]},
        "blocks[0] (heading).text: expected text, got dict",
    ),
    "heading level 9": (
        {"type": "heading", "level": 9, "number": None, "text": "x", "lines": [1, 1]},
        "blocks[0] (heading).level: must be 1 to 6",
    ),
    "missing text": ({"type": "paragraph", "lines": [1, 1]}, "blocks[0] (paragraph): missing field 'text'"),
}


def _document(blocks: list, **meta) -> dict:
    return {
        "schema": "convert-idm",
        "version": "2.0.0",
        "meta": {"title": "T", "language": "en", "authors": [], "source_name": "", "source_sha256": "",
                 "modified": "", "title_lines": None, "extra": {}, **meta},
        "blocks": blocks,
    }


def _deep_quotation(depth: int) -> dict:
    block: dict = {"type": "paragraph", "text": "bottom", "lines": [1, 1]}
    for _ in range(depth):
        block = {"type": "quotation", "attribution": None, "blocks": [block], "lines": [1, 1]}
    return block


CASES = {
    **{name: (_document([block]), message) for name, (block, message) in BAD_BLOCKS.items()},
    "quotation nested 10,000 deep": (_document(["DEEP"]), "nested too deeply"),
    "quotation nested 100 deep": (_document([_deep_quotation(100)]), "nested deeper than 64 levels"),
    "authors as one string": (_document([], authors="Alice"), "meta.authors: expected an array, got str"),
    "a sha256 that is not hex": (_document([], source_sha256="zz"), "meta.source_sha256"),
    "a date that is not a date": (_document([], modified="yesterday"), "meta.modified"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_documents_are_refused_in_one_line(tmp_path, name):
    data, message = CASES[name]
    path = tmp_path / "bad.json"
    # 10,000 levels are more than json.dumps can write: splice them in as text
    deep = '{"type": "quotation", "attribution": null, "lines": [1, 1], "blocks": [' * 10_000
    deep += '{"type": "paragraph", "text": "bottom", "lines": [1, 1]}' + "]}" * 10_000
    path.write_text(json.dumps(data).replace('"DEEP"', deep), "utf-8")
    out = tmp_path / "out"
    result = run_cli(path, "--to", "json", "--to", "epub", "--to", "pdf", "--to", "docx", "-o", out)
    assert result.returncode == 1, result.stderr
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2
    assert not out.exists() or not any(out.iterdir())
