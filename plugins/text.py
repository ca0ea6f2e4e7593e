"""Plain-text input: the grammar in :mod:`convert.plaintext`, as a plugin."""

from convert import InputFormat, Option, hookimpl

MODEL_MAJOR = 2


@hookimpl
def register_input_formats(register):
    register(
        InputFormat(
            name="text",
            extensions=(".txt", ".text"),
            description="Plain text: one paragraph per line, or hard-wrapped paragraphs",
            read="convert.plaintext:read_plain_text",
            options=(
                Option("paragraphs", "paragraph style: one per line, hard-wrapped, or detected",
                       choices=("auto", "lines", "wrapped"), default="auto"),
                Option("language", "the document's language (BCP 47), or auto: guessed from the text",
                       default="auto"),
            ),
        )
    )
