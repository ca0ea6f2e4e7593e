"""The reader kit: a reader turns its samples into valid documents and
refuses what it cannot read with a one-line error, never a crash."""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

import pytest

from convert.conformance.common import Kit, one_line
from convert.errors import ConvertError, InputError
from convert.plugin.contracts import PluginError
from convert.plugin.formats import InputFormat, ReadResult
from convert.plugin.registry import Registry

MODIFIED = "2026-01-01T00:00:00Z"

HOSTILE_INPUTS: dict[str, bytes] = {
    "empty": b"",
    "blank-lines": b"  \n\t\n\r\n",
    "png-image": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "nul-bytes": b"\x00" * 200,
    "invalid-utf8": b"caf\xe9 \x81\x8d\x8f\x90\x9d \xff\xfe",
    "control-characters": "Title\n\nescape\x1b nul\x00 form\x0cfeed \u2028 line\n".encode("utf-8"),
    "lone-carriage-returns": b"one\rtwo\r\rthree\r",
    "one-long-line": b"word " * 20000,
    "markup": b"<script>alert(1)</script> &amp; ]]> {{ x }} %s # [x](y) | *a* _b_ `c`\n",
}
"""Inputs every reader must survive: a valid document, or a one-line error."""


class ReaderConformance(Kit):
    """Checks every input plugin must pass; subclass it and set ``format_name``
    and ``samples``::

        class TestWikiReaderConformance(ReaderConformance):
            format_name = "wiki"
            plugin = convert_text_wiki               # optional
            samples = {"notes.wiki": b"= Notes =\\n\\nSome text.\\n"}
    """

    format_name: ClassVar[str] = ""
    """The ``--from`` name of the format under test (``wiki``, or ``wiki@plugin``)."""
    samples: ClassVar[Mapping[str, bytes]] = {}
    """Typical inputs, by file name: each must read into a valid document."""
    text_based: ClassVar[bool] = True
    """The format is text: binary input must be refused (``looks like a PNG
    image``) and ``--encoding`` honoured, as :func:`convert.decode_source` does."""
    _name_attribute = "format_name"

    @classmethod
    def _lookup(cls, registry: Registry, name: str) -> InputFormat:
        return registry.input(name)

    @classmethod
    def read(cls, name: str, data: bytes, options: Mapping[str, str] | None = None) -> ReadResult:
        """Read as the pipeline does: the reader's result checked, provenance,
        the cleaning rule."""
        from convert.run.pipeline import Settings, Source, check_settings, read_source

        registry = cls.registry()
        settings = Settings(formats=(), input_format=cls.format_name, options=tuple((options or {}).items()))
        check_settings(registry, settings)
        return read_source(Source(name, data, MODIFIED), registry, settings)

    @pytest.fixture(params=sorted(HOSTILE_INPUTS))
    def hostile(self, request: Any) -> tuple[str, bytes]:
        return request.param, HOSTILE_INPUTS[request.param]

    def _samples(self) -> Mapping[str, bytes]:
        if not self.samples:
            pytest.fail(f"{type(self).__name__}: set samples = {{'name.ext': b'...'}}, typical inputs", pytrace=False)
        return self.samples

    def test_samples_read_into_valid_documents(self):
        for name, data in self._samples().items():
            result = self.read(name, data)  # the pipeline checks the result: a PluginError says what is wrong
            assert result.document.meta.source_name, "the core fills the source name when the reader leaves it empty"

    def test_deterministic(self):
        for name, data in self._samples().items():
            assert self.read(name, data) == self.read(name, data), f"{name}: two readings differ"

    def test_hostile_input_gives_a_document_or_a_one_line_error(self, hostile):
        name, data = hostile
        try:
            self.read(f"{name}{self._extension()}", data)
        except PluginError:
            raise
        except ConvertError as error:
            one_line(error)

    def test_binary_input_is_refused_by_its_kind(self):
        if not self.text_based:
            pytest.skip("not a text format")
        with pytest.raises(InputError, match="PNG"):
            self.read(f"image{self._extension()}", HOSTILE_INPUTS["png-image"])

    def test_encoding_option_is_honoured(self):
        """The first sample, re-encoded in EBCDIC (or GB 18030 when EBCDIC
        cannot hold it), reads the same given ``-O encoding=`` (``--encoding``)."""
        if not self.text_based:
            pytest.skip("not a text format")
        name, data = next(iter(self._samples().items()))
        expected = self.read(name, data).document
        recoded, encoding = _recode(data.decode("utf-8-sig"))
        failure = None
        try:
            found = self.read(name, recoded, {"encoding": encoding}).document
        except InputError as error:
            failure = str(error)
        if failure is None and (found.blocks, found.meta.title) != (expected.blocks, expected.meta.title):
            failure = "the document differs from the UTF-8 sample's"
        if failure:
            pytest.fail(f"-O encoding={encoding} (--encoding) was not honoured: {failure}; decode with "
                        "convert.decode_source(data, context)", pytrace=False)

    def _extension(self) -> str:
        extensions = self.subject().extensions
        return extensions[0] if extensions else ""


def _recode(text: str) -> tuple[bytes, str]:
    for encoding in ("cp500", "gb18030"):
        try:
            return text.encode(encoding), encoding
        except UnicodeEncodeError:
            continue
    raise AssertionError("unreachable: GB 18030 encodes all of Unicode")
