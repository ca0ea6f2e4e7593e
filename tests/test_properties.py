"""Property-based tests: documents generated from the reader's alphabet.

The default profile keeps CI fast; ``HYPOTHESIS_PROFILE=thorough`` runs many
more examples.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import convert
from convert.errors import InputError
from convert.model.json_form import dumps, loads
from convert.testing import first_missing_word
from convert.model.walk import words

from extract import EXTRACTORS, epub_spine_documents

_CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
settings.register_profile("default", max_examples=20, deadline=None, suppress_health_check=_CHECKS)
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=_CHECKS)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

PIECES = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ", min_size=1, max_size=30),
    st.integers(0, 2500).map(lambda n: f"{n}. "),
    st.integers(3, 8).map(lambda n: "*" * n),
    st.sampled_from(["- ", "* ", "• ", "1) ", "# ", "CHAPTER IV", "\t", "  ", "<b>", "&amp;", "]]>", "---"]),
    st.text(min_size=1, max_size=8),  # arbitrary Unicode, control characters and surrogates included
)
LINE = st.lists(PIECES, max_size=6).map("".join)
DOCUMENT = st.tuples(st.lists(LINE, min_size=1, max_size=25), st.sampled_from(["\n", "\r\n", "\r"])).map(
    lambda parts: parts[1].join(parts[0])
)


def read(text: str):
    data = text.encode("utf-8", "surrogatepass")
    try:
        return convert.read_bytes(data, "generated.txt").document
    except InputError as error:  # the only refusal valid UTF-8 text can get
        assert "empty" in str(error) or "whitespace" in str(error) or "not a text file" in str(error)
        return None


@given(DOCUMENT)
def test_reader_and_json_round_trip(text):
    document = read(text)
    if document is not None:
        assert loads(dumps(document)) == document


@pytest.fixture(scope="module")
def keep(tmp_path_factory):
    """Where generated EPUBs are kept, for the session's EPUBCheck sweep."""
    folder = tmp_path_factory.mktemp("generated")
    return lambda data: (folder / f"{hashlib.sha256(data).hexdigest()[:16]}.epub").write_bytes(data)


@given(DOCUMENT)
def test_every_writer_keeps_the_text(keep, text):
    document = read(text)
    if document is None:
        return
    expected = words(document)
    for fmt in ("json", "epub", "docx"):
        data = convert.render(document, fmt)
        missing = first_missing_word(expected, EXTRACTORS[fmt](data).split())
        assert missing is None, (fmt, missing)
    epub = convert.render(document, "epub")
    keep(epub)
    for _, root in epub_spine_documents(epub):
        assert root.tag.endswith("html")
    pdf = convert.render(document, "pdf")
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(pdf), strict=True).pages) >= 1


@given(DOCUMENT)
def test_docx_parts_are_well_formed(text):
    document = read(text)
    if document is None:
        return
    archive = zipfile.ZipFile(io.BytesIO(convert.render(document, "docx")))
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(archive.read(name))
