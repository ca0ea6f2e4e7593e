"""The built-in writers pass the same conformance kit third parties use."""

from __future__ import annotations

import pytest

from convert.plugin.loader import load_registry
from convert.testing import WriterConformance

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
