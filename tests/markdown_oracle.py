"""Oracles for the Markdown reader's tests: the words markdown-it-py's own
HTML rendering shows, and whether a writer handles model 2.0 yet."""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

from convert.text.cleaning import clean_text

COMMENT = re.compile(r"\s*(<!--(?:(?!-->).)*-->\s*)+", re.DOTALL)  # the reader's: ends at the first "-->"


class _VisibleText(HTMLParser):
    """The text an HTML page shows: character data, and an image's alt text
    where the image would be; block elements separate words."""

    BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr", "br", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")
        elif tag in self.BLOCKS:
            self.parts.append(" ")

    handle_startendtag = handle_starttag


def html_words(html: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts).split()


@lru_cache(maxsize=1)
def markdown_it():
    """markdown-it-py as the reader configures it, rendering raw HTML as text."""
    from markdown_it import MarkdownIt
    from markdown_it.common.utils import escapeHtml
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("gfm-like").use(front_matter_plugin)
    md.validateLink = lambda url: True  # an unsafe link's text is still text
    md.normalizeLinkText = lambda text: text  # autolinks read as written

    def literal_html(self, tokens, index, options, env):
        content = tokens[index].content
        return content if COMMENT.fullmatch(content) else escapeHtml(content)

    md.add_render_rule("html_block", literal_html)
    md.add_render_rule("html_inline", literal_html)
    return md


def rendered_words(source: str) -> list[str]:
    """The words markdown-it-py's HTML rendering of ``source`` shows, after the
    core's character rule (a stray backspace is removed in every format)."""
    return clean_text(" ".join(html_words(markdown_it().render(source))))[0].split()
