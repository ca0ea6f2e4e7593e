"""PDF output: a typeset, navigable PDF with embedded Unicode fonts.

This module only registers the format; reportlab is imported by
:mod:`convert_plugins.pdf.writer` when a PDF is actually written.  Before
any of the writer's modules imports it, right-to-left support is offered to
reportlab (see :mod:`convert_plugins.pdf.rtl`), which looks for it only once.
"""

from convert import Option, OutputFormat, hookimpl

from . import rtl

rtl.install()

MODEL_MAJOR = 2


@hookimpl
def register_output_formats(register):
    register(
        OutputFormat(
            name="pdf",
            extension=".pdf",
            media_type="application/pdf",
            description="PDF with contents, bookmarks and embedded fonts (--option page_size=a4|letter)",
            write="convert_plugins.pdf.writer:write_pdf",
            options=(Option("page_size", "the page size", choices=("a4", "letter"), default="a4"),),
        )
    )
