"""EPUB 3 output.

Registration only: the writer is imported on first use, so listing formats
or converting to other formats does not pay for it.
"""

from convert import Option, OutputFormat, hookimpl

MODEL_MAJOR = 2


@hookimpl
def register_output_formats(register):
    register(
        OutputFormat(
            name="epub",
            extension=".epub",
            media_type="application/epub+zip",
            description="EPUB 3 e-book: title page, contents, one chapter per section; EPUB Accessibility 1.1",
            write="convert_plugins.epub.writer:write_epub",
            options=(Option("toc_title", "the heading of the contents (default: Contents, or its translation)"),),
        )
    )
