"""DOCX output: a Word document in named styles (Title, Heading 1-9, Quote,
Source Code, Verse, List Bullet / List Number with real numbering, Table
Grid, Hyperlink), a contents page with a TOC field, page numbers in the
footer, and clean core and application properties.

Options (``--option KEY=VALUE``):

``page_size=a4`` or ``page_size=letter``
    the paper (default A4); the text block is 5 inches wide on either;
``toc=no``
    leave out the table of contents;
``toc_title=TEXT``
    the heading of the contents (default "Contents", or its translation for
    a few languages).

This module only registers the format; :mod:`convert_plugins.docx.writer`
is imported when a DOCX is actually written, and writes the XML and the
package itself, with neither python-docx nor lxml (see
:mod:`convert_plugins.docx.oxml` and :mod:`convert_plugins.docx.package`).
"""

from convert import Option, OutputFormat, hookimpl

MODEL_MAJOR = 2

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@hookimpl
def register_output_formats(register):
    register(
        OutputFormat(
            name="docx",
            extension=".docx",
            media_type=MEDIA_TYPE,
            description="Word document (Office Open XML) with styles, outline and table of contents",
            write="convert_plugins.docx.writer:write_docx",
            options=(
                Option("page_size", "the paper size", choices=("a4", "letter"), default="a4"),
                Option("toc", "a table of contents after the title", type=bool, default=True),
                Option("toc_title", "the heading of the contents (default: Contents, or its translation)"),
            ),
        )
    )
