"""Hyphenation by the document's language, with pyphen's patterns.

reportlab asks for a word's hyphenation points when the word does not fit at
the end of a line.  pyphen parses its pattern file for a language on first
use, which takes longer than laying out a whole short document, so the
parsed patterns are kept in the cache (:mod:`convert_plugins.pdf.cache`).
"""

from __future__ import annotations

import functools
import pickle
from typing import Any, Callable

HyphenationPoints = Callable[[str], Any]


def hyphenator(language: str) -> HyphenationPoints | str:
    """pyphen's hyphenation points for a BCP 47 language, or "" when it has no patterns."""
    import pyphen

    tag = language.replace("-", "_")
    name = pyphen.language_fallback(tag) or pyphen.language_fallback(tag.split("_")[0])
    return _hyphenator(name) if name else ""


@functools.lru_cache(maxsize=None)
def _hyphenator(name: str) -> HyphenationPoints:
    import pyphen

    from . import cache

    path = pyphen.LANGUAGES[name]
    cached = cache.folder() / "hyphenation" / f"{name}-{cache.digest(path)}-pyphen{pyphen.__version__}.pickle"
    if path not in pyphen.hdcache:
        try:
            pyphen.hdcache[path] = pickle.loads(cached.read_bytes())
        except (OSError, pickle.PickleError, EOFError, AttributeError):
            pyphen.hdcache[path] = pyphen.HyphDict(path)
            cache.store(cached, pickle.dumps(pyphen.hdcache[path], pickle.HIGHEST_PROTOCOL))
    # at least two letters before a break and three after it, as English typesetting has it
    iterate = pyphen.Pyphen(lang=name, left=2, right=3).iterate

    def points(word: str) -> Any:
        # a word with a hyphen of its own breaks there or not at all: a second
        # hyphen inserted beside it would print "out-" over "-of-state"
        return () if "-" in word or "\u2010" in word else iterate(word)

    return points
