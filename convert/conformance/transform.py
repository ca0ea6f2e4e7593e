"""The transform kit: a transform turns every standard document into a valid
document, the same way each time, keeping the source's provenance."""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

import pytest

from convert.conformance.common import Kit
from convert.conformance.writer import DOCUMENTS, first_missing_word
from convert.errors import Diagnostic
from convert.model import Document
from convert.model.walk import words
from convert.plugin.registry import Registry
from convert.plugin.transforms import Transform
from convert.text.cleaning import clean_document


class TransformConformance(Kit):
    """Checks every transform must pass; subclass it and set ``transform_name``::

        class TestShoutConformance(TransformConformance):
            transform_name = "shout"
            plugin = convert_text_wiki        # optional
            keeps_words = False               # it changes words (upper-cases them)
    """

    transform_name: ClassVar[str] = ""
    """The ``--transform`` name under test (``shout``, or ``shout@plugin``)."""
    options: ClassVar[Mapping[str, str]] = {}
    """``-O`` pairs to run it with."""
    keeps_words: ClassVar[bool] = True
    """Every word of the document is still there afterwards, in order (set
    False for a transform that removes or rewrites words)."""
    _name_attribute = "transform_name"

    @classmethod
    def _lookup(cls, registry: Registry, name: str) -> Transform:
        return registry.transform(name)

    @classmethod
    def apply(cls, document: Document) -> tuple[Document, list[Diagnostic]]:
        """Run the transform as the pipeline does, on a document the reader
        could have produced (cleaned); the result is checked and cleaned."""
        from convert.run.pipeline import Settings, apply_transforms, check_settings

        registry = cls.registry()
        settings = Settings(formats=(), transforms=(cls.transform_name,), options=tuple(cls.options.items()))
        check_settings(registry, settings)
        warnings: list[Diagnostic] = []
        document = clean_document(document)[0]
        return apply_transforms(document, settings.transforms, registry, settings, warnings), warnings

    @pytest.fixture(params=sorted(DOCUMENTS), scope="class")
    @classmethod
    def case(cls, request: Any) -> tuple[Document, Document]:
        document = clean_document(DOCUMENTS[request.param])[0]
        return document, cls.apply(document)[0]

    def test_returns_a_valid_document(self, case):
        _, transformed = case  # the pipeline checked it: a PluginError says what is wrong
        assert isinstance(transformed, Document)

    def test_deterministic(self, case):
        document, transformed = case
        assert self.apply(document)[0] == transformed, "two runs differ"

    def test_keeps_the_provenance(self, case):
        document, transformed = case
        for field_name in ("source_name", "source_sha256", "modified"):
            before, after = getattr(document.meta, field_name), getattr(transformed.meta, field_name)
            assert before == after, f"meta.{field_name} changed from {before!r} to {after!r}"

    def test_keeps_every_word(self, case):
        if not self.keeps_words:
            pytest.skip("keeps_words = False")
        document, transformed = case
        missing = first_missing_word(words(document), words(transformed))
        assert missing is None, f"word {missing!r} missing or out of order; set keeps_words = False if intended"
