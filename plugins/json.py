"""JSON output and input: the document model itself, versioned, as described
by the JSON Schema that ``convert --print-schema`` prints."""

from __future__ import annotations

from typing import BinaryIO

from convert import Context, Document, InputFormat, OutputFormat, ReadContext, ReadResult, hookimpl
from convert.errors import InputError

MODEL_MAJOR = 2


def write_json(document: Document, stream: BinaryIO, context: Context) -> None:
    """Write the document's JSON form (UTF-8, deterministic)."""
    from convert.model.json_form import dumps  # imported when used: every conversion registers this plugin

    stream.write(dumps(document).encode("utf-8"))


def read_json(data: bytes, context: ReadContext) -> ReadResult:
    """Read a document back from its JSON form."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{context.source_name}: not UTF-8 JSON (byte offset {error.start})") from None
    from convert.model.json_form import loads

    return ReadResult(loads(text, context.source_name))


@hookimpl
def register_output_formats(register):
    register(OutputFormat("json", ".json", "application/json", "The document model as versioned JSON", write_json))


@hookimpl
def register_input_formats(register):
    register(InputFormat("json", (".json",), "A document model written by --to json", read_json))
