"""JSON output: the model itself, valid against the shipped schema, and a
lossless input format."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from convert import model
from convert.model.json_form import schema_text

from conftest import run_cli, source_words
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
    path.write_text(json.dumps({"schema": "convert-idm", "version": "2.0.0", "meta": {}, "blocks": []}))
    result = run_cli(path, "--to", "json", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "version 2.0.0 is not supported" in result.stderr and "Traceback" not in result.stderr
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
    }
}


def test_model_changes_bump_the_version():
    classes = (model.Document, model.Meta, *model.BLOCK_TYPES, model.ListItem)
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
