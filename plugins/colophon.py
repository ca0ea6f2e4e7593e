"""The ``colophon`` transform: append a short provenance section.

Archivists want to know where a file came from.  ``--transform colophon``
adds a final "Colophon" section naming the source file, its SHA-256, its date
and the converter's version; ``--option colophon_heading=...`` renames the
heading.  Generated nodes carry source lines ``(0, 0)``.
"""

from __future__ import annotations

from convert import Context, Document, Heading, Option, Paragraph, Transform, __version__, hookimpl

MODEL_MAJOR = 2


def add_colophon(document: Document, context: Context) -> Document:
    """Return the document with a colophon section at the end."""
    meta = document.meta
    heading = context.options.get("colophon_heading", "Colophon")
    facts = [f"Converted from {meta.source_name or 'an unnamed source'}"]
    if meta.source_sha256:
        facts.append(f"(SHA-256 {meta.source_sha256})")
    if meta.modified:
        facts.append(f"dated {meta.modified}")
    text = " ".join(facts) + f" by convert {__version__}."
    return Document(meta, (*document.blocks, Heading(1, heading), Paragraph(text)))


@hookimpl
def register_transforms(register):
    register(Transform(
        "colophon", "Append a provenance section (source, SHA-256, date, version)", add_colophon,
        options=(Option("colophon_heading", "the heading of the colophon section", default="Colophon"),),
    ))
