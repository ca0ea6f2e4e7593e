"""CommonMark output for convert."""

from convert import OutputFormat, hookimpl

MODEL_MAJOR = 2
"""The major version of convert's document model this plugin was written for."""


@hookimpl
def register_output_formats(register):
    register(
        OutputFormat(
            name="markdown",
            extension=".md",
            media_type="text/markdown",
            description="CommonMark text, every character escaped to read literally",
            write="convert_text_markdown.writer:write_markdown",
        )
    )
