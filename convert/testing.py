"""A conformance kit for output plugins: ready pytest checks.

Subclass :class:`WriterConformance` in your plugin's tests, name your format,
and optionally give a text extractor; pytest then runs your writer over the
standard documents below and checks what every writer must guarantee::

    from convert.testing import WriterConformance

    class TestMarkdownConformance(WriterConformance):
        format_name = "markdown"

        @staticmethod
        def extract_text(data: bytes) -> str:
            return data.decode("utf-8")

The checks: no exception on any standard document (every node type, an empty
document, empty sections, hostile text, a large document); the writer writes
only to the stream it is given (the core makes the file appear atomically);
identical bytes for identical input under ``SOURCE_DATE_EPOCH``; and, with an
extractor, every word of the document present in order.
"""

from __future__ import annotations

import os
from typing import Callable, ClassVar

import pytest

from convert import api
from convert.text.cleaning import clean_document
from convert.model import Document
from convert.model.samples import CONTROL, HOSTILE, UNICODE, standard_documents
from convert.model.walk import words

__all__ = ["CONTROL", "HOSTILE", "UNICODE", "WriterConformance", "render_bytes", "standard_documents"]


def render_bytes(format_name: str, document: Document, options: dict | None = None) -> bytes:
    """Render a document as the pipeline does (:func:`convert.api.render`): the
    core's cleaning rule, then the installed plugin providing ``format_name``."""
    return api.render(document, format_name, options)


DOCUMENTS = standard_documents()


class WriterConformance:
    """Checks every output plugin must pass; subclass it and set ``format_name``."""

    format_name: ClassVar[str] = ""
    """The ``--to`` name of the format under test."""
    extract_text: ClassVar[Callable[[bytes], str] | None] = None
    """Optional: turns output bytes back into the text a reader sees."""

    @pytest.fixture(params=sorted(DOCUMENTS), scope="class")
    @classmethod
    def case(cls, request, tmp_path_factory) -> tuple[str, Document, bytes]:
        name = request.param
        cwd = os.getcwd()
        scratch = tmp_path_factory.mktemp(f"{cls.format_name}-{name}")
        os.chdir(scratch)  # a writer that writes files beside the stream would show up here
        try:
            data = render_bytes(cls.format_name, DOCUMENTS[name])
        finally:
            os.chdir(cwd)
        assert not list(scratch.iterdir()), f"{cls.format_name} writer created files of its own"
        # keep the output where validators (and people) can look at it
        extension = api.registry().output(cls.format_name).extension
        (scratch / f"{name}{extension}").write_bytes(data)
        return name, DOCUMENTS[name], data

    def test_writes_something(self, case):
        _, _, data = case
        assert data, "the writer wrote no bytes"

    def test_deterministic(self, case):
        _, document, data = case
        assert render_bytes(self.format_name, document) == data, "two renderings differ"

    def test_every_word_in_order(self, case):
        if type(self).extract_text is None:
            pytest.skip("no extract_text given for this format")
        _, document, data = case
        extracted = type(self).extract_text(data).split()
        missing = first_missing_word(words(clean_document(document)[0]), extracted)
        assert missing is None, f"word {missing!r} missing or out of order"


def first_missing_word(expected: list[str], found: list[str]) -> str | None:
    """The first expected word not found, in order, in ``found`` (None if all are)."""
    position = 0
    for word in expected:
        try:
            position = found.index(word, position) + 1
        except ValueError:
            return word
    return None
