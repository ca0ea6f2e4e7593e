"""What the writers print around a document's own text (the contents heading
in the document's language, the scene-break ornament), so that every format
marks the same thing the same way."""

from __future__ import annotations

SCENE_BREAK_MARK = "\u2042"
"""The ornament printed for a scene break, centred: ⁂ (ASTERISM), in every format."""

CONTENTS_TITLES = {
    "ar": "المحتويات", "be": "Змест", "bg": "Съдържание", "bn": "সূচিপত্র", "ca": "Índex",
    "cs": "Obsah", "da": "Indhold", "de": "Inhalt", "el": "Περιεχόμενα", "eo": "Enhavo",
    "es": "Índice", "fa": "فهرست مطالب", "fi": "Sisällys", "fr": "Table des matières",
    "he": "תוכן העניינים", "hi": "विषय सूची", "hr": "Sadržaj", "hu": "Tartalomjegyzék",
    "hy": "Բովանդակություն", "id": "Daftar isi", "it": "Indice", "ja": "目次", "ka": "სარჩევი",
    "kk": "Мазмұны", "ko": "목차", "lv": "Saturs", "mk": "Содржина", "nb": "Innhold", "nl": "Inhoud",
    "nn": "Innhald", "no": "Innhold", "pl": "Spis treści", "pt": "Sumário", "ro": "Cuprins",
    "ru": "Содержание", "sk": "Obsah", "sl": "Kazalo", "sr": "Садржај", "sv": "Innehåll",
    "ta": "பொருளடக்கம்", "th": "สารบัญ", "tr": "İçindekiler", "uk": "Зміст", "ur": "فہرست",
    "vi": "Mục lục", "zh": "目录",
}
"""The heading of the table of contents in the languages the reader can
guess (``convert.text.language``) and a few more; English otherwise."""


TRADITIONAL_CHINESE = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")
"""Tags of Chinese written in traditional characters, whose contents are 目錄."""


def contents_title(language: str) -> str:
    """The heading of the table of contents for a BCP 47 language tag."""
    if language.lower().startswith(TRADITIONAL_CHINESE):
        return "目錄"
    return CONTENTS_TITLES.get(language.split("-")[0].lower(), "Contents")
