"""The writer kit: every output plugin renders the standard documents."""

from __future__ import annotations

import os
from typing import Any, Callable, ClassVar, Mapping

import pytest

from convert.conformance.common import Kit
from convert.model import Document
from convert.model.walk import words
from convert.plugin.formats import OutputFormat
from convert.plugin.registry import Registry
from convert.testing import standard_documents
from convert.text.cleaning import clean_document

DOCUMENTS = standard_documents()


def render_with(registry: Registry, format_name: str, document: Document,
                options: Mapping[str, str] | None = None) -> bytes:
    """Render as the pipeline does: the cleaning rule, the options checked
    against the writer's declarations, the writer's result checked."""
    from convert.run.pipeline import Settings, check_settings, render

    document, _ = clean_document(document)
    settings = Settings(formats=(format_name,), options=tuple((options or {}).items()))
    check_settings(registry, settings)
    from convert.plugin.formats import ReadResult

    return render(ReadResult(document), registry.output(format_name), registry, settings).data.getvalue()


class WriterConformance(Kit):
    """Checks every output plugin must pass; subclass it and set ``format_name``::

        class TestHtmlConformance(WriterConformance):
            format_name = "html"
            plugin = convert_text_html        # optional: test the module, not the installed plugins
            extract_text = staticmethod(html_text)   # optional: bytes -> visible text
    """

    format_name: ClassVar[str] = ""
    """The ``--to`` name of the format under test (``html``, or ``html@plugin``)."""
    extract_text: ClassVar[Callable[[bytes], str] | None] = None
    """Optional: turns output bytes back into the text a reader sees."""
    _name_attribute = "format_name"

    @classmethod
    def _lookup(cls, registry: Registry, name: str) -> OutputFormat:
        return registry.output(name)

    @classmethod
    def render(cls, document: Document, options: Mapping[str, str] | None = None) -> bytes:
        return render_with(cls.registry(), cls.format_name, document, options)

    @pytest.fixture(params=sorted(DOCUMENTS), scope="class")
    @classmethod
    def case(cls, request: Any, tmp_path_factory: Any) -> tuple[str, Document, bytes]:
        name = request.param
        cwd = os.getcwd()
        scratch = tmp_path_factory.mktemp(f"{cls.format_name.replace('@', '-')}-{name}")
        os.chdir(scratch)  # a writer that writes files beside the stream would show up here
        try:
            data = cls.render(DOCUMENTS[name])
        finally:
            os.chdir(cwd)
        assert not list(scratch.iterdir()), f"{cls.format_name} writer created files of its own"
        # keep the output where validators (and people) can look at it
        (scratch / f"{name}{cls.subject().extension}").write_bytes(data)
        return name, DOCUMENTS[name], data

    def test_writes_something(self, case):
        _, _, data = case
        assert data, "the writer wrote no bytes"

    def test_deterministic(self, case):
        _, document, data = case
        assert self.render(document) == data, "two renderings differ"

    def test_every_word_in_order(self, case):
        if type(self).extract_text is None:
            pytest.skip("no extract_text given for this format")
        _, document, data = case
        extracted = type(self).extract_text(data).split()
        missing = first_missing_word(words(clean_document(document)[0]), extracted)
        assert missing is None, f"word {missing!r} missing or out of order"

    def test_every_declared_option_value(self):
        """Each choice of each declared option (both values of a yes/no one) renders."""
        document = DOCUMENTS["empty-sections"]  # headings alone: what page and contents options act on
        for option in self.subject().options:
            values = option.choices or (("yes", "no") if option.type is bool else ())
            for value in values:
                assert self.render(document, {option.name: value}), f"-O {option.name}={value} wrote nothing"


def first_missing_word(expected: list[str], found: list[str]) -> str | None:
    """The first expected word not found, in order, in ``found`` (None if all are)."""
    position = 0
    for word in expected:
        try:
            position = found.index(word, position) + 1
        except ValueError:
            return word
    return None
