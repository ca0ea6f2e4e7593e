"""XHTML documents of the EPUB: the title page, the contents page (the
navigation document) and one content document per section.

The documents are built as text in a single pass and encoded once.  Every
text from the model goes through :func:`.inline.escape`, so markup-like text
such as ``<script>``, ``&amp;`` or ``]]>`` is shown literally.
"""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple, Sequence

from convert.model import Block
from convert.model.languages import is_right_to_left

from .blocks import direction_attribute, render_block
from .inline import escape

STYLESHEET = "style.css"
"""File name of the stylesheet every document links, next to the documents."""


# records are NamedTuples: a frozen dataclass costs some tenths of a millisecond to create at import
class Page(NamedTuple):
    """What every XHTML document of the book shares."""

    title: str
    """The ``<title>``: the section's heading, or the document title."""
    language: str
    """BCP 47 tag for ``lang`` and ``xml:lang``."""


class Entry(NamedTuple):
    """One entry of the table of contents."""

    file_name: str
    label: str
    level: int
    """Outline depth, 1 for the top level."""


def encoded(pieces: Iterable[str]) -> Iterator[bytes]:
    """Text made piece by piece, as UTF-8 in chunks of some hundred pieces,
    each made only when the ZIP writer asks for it: a document of a hundred
    thousand entries is never held whole (the archive keeps it compressed)."""
    pending: list[str] = []
    for piece in pieces:
        pending.append(piece)
        if len(pending) >= 512:
            yield "".join(pending).encode("utf-8")
            pending.clear()
    yield "".join(pending).encode("utf-8")


def _head(page: Page, body_attributes: str = "") -> str:
    language = escape(page.language)
    rtl = ' dir="rtl"' if is_right_to_left(page.language) else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
        f' lang="{language}" xml:lang="{language}"{rtl}>\n'
        f"<head>\n<title>{escape(page.title)}</title>\n"
        f'<link rel="stylesheet" type="text/css" href="{STYLESHEET}"/>\n</head>\n<body{body_attributes}>\n'
    )


_TAIL = "</body>\n</html>\n"


def _document(page: Page, body: Iterable[str], body_attributes: str = "") -> bytes:
    return "".join((_head(page, body_attributes), *body, _TAIL)).encode("utf-8")


def content_document(page: Page, blocks: Iterable[Block]) -> bytes:
    """A section's content document, encoded as UTF-8."""
    return _document(page, (render_block(block) + "\n" for block in blocks))


def title_page(page: Page, authors: tuple[str, ...], date: str) -> bytes:
    """The title page: the title, its authors, and the document's date (ISO 8601)."""
    parts = ['<section class="title-page" epub:type="titlepage">\n',
             f'<h1 class="title"{direction_attribute(page.title)}>{escape(page.title)}</h1>\n']
    if authors:
        parts.append(f'<p class="authors">{escape(", ".join(authors))}</p>\n')
    if date:
        parts.append(f'<p class="date"><time datetime="{escape(date)}">{escape(date)}</time></p>\n')
    parts.append("</section>\n")
    return _document(page, parts)


def navigation_document(page: Page, entries: Sequence[Entry],
                        landmarks: list[tuple[str, str, str]]) -> Iterator[bytes]:
    """The contents page (EPUB navigation document), in chunks made as they
    are read: the table of contents nested by level, and the landmarks
    (``(type, href, label)``), hidden, as reading systems offer them in their
    own menus."""
    return encoded(_navigation_parts(page, entries, landmarks))


def _navigation_parts(page: Page, entries: Sequence[Entry], landmarks: list[tuple[str, str, str]]) -> Iterator[str]:
    yield from (_head(page), '<nav epub:type="toc" role="doc-toc" id="toc" class="contents">\n',
                f"<h1{direction_attribute(page.title)}>{escape(page.title)}</h1>\n")
    yield from _nested_list(entries)
    yield from ("</nav>\n", '<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<h2>Landmarks</h2>\n<ol>\n')
    yield from (f'<li><a epub:type="{kind}" href="{escape(href)}">{escape(label)}</a></li>\n'
                for kind, href, label in landmarks)
    yield from ("</ol>\n</nav>\n", _TAIL)


def nesting(levels: Iterable[int]) -> list[int]:
    """The depth (0 for the top) at which each entry of an outline nests: under
    the nearest earlier entry of a lower level.  A depth is never more than
    one deeper than the entry before it, whatever levels the headings skip."""
    open_levels: list[int] = []
    depths = []
    for level in levels:
        while open_levels and open_levels[-1] >= level:
            open_levels.pop()
        depths.append(len(open_levels))
        open_levels.append(level)
    return depths


def _nested_list(entries: Sequence[Entry]) -> Iterable[str]:
    """Entries as nested ``ol``: a deeper entry opens a list inside the entry before it."""
    open_lists = 0
    for entry, depth in zip(entries, nesting(entry.level for entry in entries)):
        while open_lists > depth + 1:
            open_lists -= 1
            yield "</li>\n</ol>\n"
        if open_lists == depth + 1:
            yield "</li>\n"
        else:
            yield "<ol>\n"
            open_lists += 1
        yield f'<li{direction_attribute(entry.label)}><a href="{escape(entry.file_name)}">{escape(entry.label)}</a>'
    for _ in range(open_lists):
        yield "</li>\n</ol>\n"
