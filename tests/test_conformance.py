"""The built-in plugins pass the same conformance kits third parties use."""

from __future__ import annotations

import pytest

from convert.model.json_form import dumps
from convert.plugin.loader import load_registry
from convert.testing import ReaderConformance, TransformConformance, WriterConformance, standard_documents

from conftest import HOSTILE_TEXT, SEED
from extract import EXTRACTORS

AVAILABLE = set(load_registry().outputs)


def conformance_for(name: str):
    marks = pytest.mark.skipif(name not in AVAILABLE, reason=f"the {name} plugin is not loaded")

    @marks
    class Conformance(WriterConformance):
        format_name = name
        extract_text = staticmethod(EXTRACTORS[name])

    Conformance.__name__ = f"Test{name.capitalize()}Conformance"
    return Conformance


TestJsonConformance = conformance_for("json")
TestEpubConformance = conformance_for("epub")
TestPdfConformance = conformance_for("pdf")
TestDocxConformance = conformance_for("docx")


class TestTextReaderConformance(ReaderConformance):
    format_name = "text"
    plugin = "convert_plugins.text"
    samples = {"seed.txt": SEED.read_bytes(), "hostile.txt": HOSTILE_TEXT.encode("utf-8")}


class TestJsonReaderConformance(ReaderConformance):
    format_name = "json"
    plugin = "convert_plugins.json"
    text_based = False  # JSON is UTF-8 by definition: no --encoding, no guessing
    samples = {"doc.json": dumps(standard_documents()["every-node-type"]).encode("utf-8")}


class TestColophonConformance(TransformConformance):
    transform_name = "colophon"
    plugin = "convert_plugins.colophon"
