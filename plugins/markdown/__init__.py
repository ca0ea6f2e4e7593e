"""Markdown input: CommonMark with GitHub's tables, strikethrough and
autolinks, read with markdown-it-py (``docs/markdown.md``).

Registration only: the reader (and markdown-it with it) is imported on first
use, so converting other formats does not pay for it.
"""

from convert import InputFormat, Option, hookimpl

MODEL_MAJOR = 2


@hookimpl
def register_input_formats(register):
    register(
        InputFormat(
            name="markdown",
            extensions=(".md", ".markdown"),
            description="Markdown: CommonMark with GFM tables, strikethrough and autolinks",
            read="convert_plugins.markdown.reader:read_markdown",
            options=(Option("language", "the document's language (BCP 47), or auto: guessed from the text",
                            default="auto"),),
        )
    )
