"""Facts about document languages that every writer needs the same way."""

from __future__ import annotations

RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "syr", "ug", "ur", "yi"})
"""Primary language subtags written right to left."""


def primary_subtag(language: str) -> str:
    """``pt-BR`` gives ``pt``."""
    return language.split("-", 1)[0].lower()


def is_right_to_left(language: str) -> bool:
    """Whether a language (BCP 47 tag) is written right to left."""
    return primary_subtag(language) in RIGHT_TO_LEFT
