"""What the writers print around a document's own text (the contents heading
in the document's language, the scene-break ornament), so that every format
marks the same thing the same way."""

from __future__ import annotations

SCENE_BREAK_MARK = "\u2042"
"""The ornament printed for a scene break, centred: ⁂ (ASTERISM), in every format."""

CONTENTS_TITLES = {
    "de": "Inhalt", "es": "Índice", "fr": "Table des matières", "it": "Indice",
    "nl": "Inhoud", "pt": "Sumário", "tr": "İçindekiler",
}
"""The heading of the table of contents in a few languages; English otherwise."""


def contents_title(language: str) -> str:
    """The heading of the table of contents for a BCP 47 language tag."""
    return CONTENTS_TITLES.get(language.split("-")[0].lower(), "Contents")
