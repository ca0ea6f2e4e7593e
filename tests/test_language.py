"""The document's language, when nobody names it, is guessed from the text
(``convert/text/language.py``), and every output declares what was guessed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

import convert
from conftest import ROOT, run_cli
from convert.text.language import guess_language

SENTENCES = {
    "ar": "هذا البرنامج يحول النصوص العادية إلى كتب إلكترونية ويحافظ على كل كلمة كما هي في الملف الأصلي.",
    "fa": "این برنامه متن ساده را به کتاب الکترونیکی تبدیل می‌کند و هر واژه را همان‌گونه که هست نگه می‌دارد. "
          "پس از نصب، فرمان را اجرا کنید.",
    "ur": "یہ پروگرام سادہ متن کو برقی کتاب میں بدل دیتا ہے اور ہر لفظ کو ویسے ہی رکھتا ہے۔ "
          "انسٹال کرنے کے بعد کمانڈ چلائیں۔",
    "he": "התוכנה ממירה טקסט פשוט לספרים אלקטרוניים ושומרת על כל מילה בדיוק כפי שנכתבה במקור.",
    "el": "Το πρόγραμμα μετατρέπει απλό κείμενο σε ηλεκτρονικά βιβλία και διατηρεί κάθε λέξη ακριβώς όπως γράφτηκε.",
    "ru": "Программа преобразует простой текст в электронные книги и сохраняет каждое слово точно таким, "
          "каким оно было написано.",
    "uk": "Програма перетворює звичайний текст на електронні книжки і зберігає кожне слово саме таким, "
          "яким його було написано.",
    "bg": "Програмата превръща обикновен текст в електронни книги и запазва всяка дума точно както е написана "
          "в оригинала, със същия ред.",
    "ja": "このプログラムは、プレーンテキストを電子書籍に変換し、すべての単語を元のまま保持します。",
    "zh": "这个程序把纯文本转换成电子书，并且完整保留原文中的每一个字。安装以后，运行下面的命令即可。",
    "ko": "이 프로그램은 일반 텍스트를 전자책으로 변환하고 모든 단어를 원래대로 유지합니다.",
    "th": "โปรแกรมนี้แปลงข้อความธรรมดาเป็นหนังสืออิเล็กทรอนิกส์และรักษาทุกคำไว้ตามต้นฉบับ",
    "hi": "यह प्रोग्राम सादे पाठ को ई-पुस्तकों में बदलता है और हर शब्द को वैसे ही रखता है जैसा वह लिखा गया था।",
    "en": "The program turns plain text into electronic books and keeps every word as it was written. "
          "If the file cannot be read, it says why and stops.",
    "de": "Das Programm wandelt einfachen Text in elektronische Bücher um und bewahrt jedes Wort genau so, wie es "
          "geschrieben wurde. Wenn die Datei nicht gelesen werden kann, wird eine Meldung ausgegeben, die den Grund nennt.",
    "fr": "Le programme convertit le texte brut en livres électroniques et conserve chaque mot tel qu'il a été écrit. "
          "Si le fichier ne peut pas être lu, un message indique la raison dans la console et le programme s'arrête.",
    "es": "El programa convierte el texto plano en libros electrónicos y conserva cada palabra tal como fue escrita. "
          "Si el archivo no se puede leer, el programa muestra un mensaje que explica la razón por la que se detuvo.",
    "pl": "Program zamienia zwykły tekst na książki elektroniczne i zachowuje każde słowo dokładnie tak, jak zostało "
          "napisane. Jeśli pliku nie można odczytać, program wyświetla komunikat, który wyjaśnia przyczynę, i kończy "
          "pracę. To jest prosty przykład, ale pokazuje, co się dzieje.",
    "cs": "Program převádí prostý text na elektronické knihy a zachovává každé slovo přesně tak, jak bylo napsáno. "
          "Je to jednoduchý příklad, ale ukazuje, co se děje. Soubor, který nejde přečíst, není chyba programu.",
}
"""One or two sentences of each language, all saying much the same."""


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_a_few_sentences_name_their_language(language):
    guess = guess_language("\n".join([SENTENCES[language]] * 2))
    assert guess.language == language, guess.reason
    assert guess.reason.startswith(f"{language}: ")


def test_the_guess_is_the_same_every_time():
    text = SENTENCES["uk"] + "\n" + SENTENCES["ru"]
    assert len({guess_language(text) for _ in range(3)}) == 1


@pytest.mark.parametrize("text", ["", "Hello.", "12 34 56 -- ** ==", "e = mc^2"])
def test_too_little_text_is_the_default_language(text):
    assert guess_language(text).language == "en"


def test_addresses_are_not_words():
    """``github.com`` holds Portuguese ``com``; a changelog of links is still English."""
    entry = ("* fix the parser ([#12](https://github.com/example/project/issues/12)) "
             "([a1b2c3](https://github.com/example/project/commit/a1b2c3)), see www.example.com or mail do@example.com\n")
    text = entry * 40 + "This release fixes the parser and the writer for every user.\n"
    assert guess_language(text).language == "en"


def _read(tmp_path: Path, name: str, text: str, **settings) -> convert.ReadResult:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return convert.read_file(path, **settings)


def test_code_does_not_decide_the_language_of_a_markdown_document(tmp_path):
    code = "```python\n" + "def convert(path):\n    return open(path).read()  # the file as it is\n" * 30 + "```\n"
    result = _read(tmp_path, "readme.md", f"# 简介\n\n{SENTENCES['zh']}\n\n{code}")
    assert result.document.meta.language == "zh"
    assert any(note.code == "language" and note.message.startswith("zh: ") for note in result.notes)


def test_a_named_language_wins_over_the_guess(tmp_path):
    arabic = f"العنوان\n\n{SENTENCES['ar']}\n"
    assert _read(tmp_path, "a.txt", arabic).document.meta.language == "ar"
    assert _read(tmp_path, "b.txt", arabic, options={"language": "fa"}).document.meta.language == "fa"
    assert _read(tmp_path, "c.txt", arabic, metadata={"language": "ur"}).document.meta.language == "ur"
    front = f"---\nlang: it\n---\n\n{SENTENCES['de']}\n"
    assert _read(tmp_path, "d.md", front).document.meta.language == "it"
    assert _read(tmp_path, "e.md", SENTENCES["de"]).document.meta.language == "de"


def test_inspect_says_which_language_and_why(tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text(f"Titel\n\n{SENTENCES['de']}\n", "utf-8")
    result = run_cli(str(source), "--inspect")
    assert result.returncode == 0, result.stderr
    assert "language: de: " in result.stdout and "of its common words" in result.stdout


def test_a_right_to_left_text_comes_out_right_to_left_everywhere(tmp_path):
    """Nobody said Arabic: the guess reaches every writer, as a declared language would."""
    source = tmp_path / "guide.txt"
    source.write_text(f"دليل المستخدم\n\nالمقدمة\n=======\n\n{SENTENCES['ar']}\n", "utf-8")
    result = run_cli(str(source), "--to", "epub", "--to", "docx", "--to", "pdf", "--to", "json", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "guide.epub") as book:
        opf = etree.fromstring(book.read("EPUB/content.opf"))
        pages = [etree.fromstring(book.read(name)) for name in book.namelist() if name.endswith(".xhtml")]
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert opf.find(f".//{dc}language").text == "ar"
    assert opf.find("{http://www.idpf.org/2007/opf}spine").get("page-progression-direction") == "rtl"
    assert pages and all(page.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar" for page in pages)
    with zipfile.ZipFile(tmp_path / "guide.docx") as document:
        styles = document.read("word/styles.xml").decode("utf-8")
    assert 'w:bidi="ar' in styles and "<w:bidi/>" in styles
    assert PdfReader(tmp_path / "guide.pdf").trailer["/Root"]["/Lang"] == "ar"
    assert json.loads((tmp_path / "guide.json").read_text("utf-8"))["meta"]["language"] == "ar"


def _keys() -> list[tuple[Path, str]]:
    rows = [line.split("\t") for line in (ROOT / "corpus/languages/KEYS.tsv").read_text("utf-8").splitlines()[1:]]
    pairs = [(ROOT / "corpus/languages" / name, language) for name, language, _ in rows if name.startswith("dev/")]
    for key in sorted((ROOT / "corpus/plaintext/keys").glob("*.json")):
        language = json.loads(key.read_text("utf-8"))["language"]
        pairs.append((ROOT / "corpus/plaintext/docs" / f"{key.stem}.txt", language))
    return pairs


KNOWN_MISSES = {"vim-tutor-sr.txt": "Serbian in Latin letters is read as Croatian: they share their common words"}


def test_the_development_corpus_is_guessed_as_its_keys_say():
    pairs = _keys()
    assert len(pairs) >= 130
    wrong = []
    for path, expected in pairs:
        language = convert.read_file(path, input_format="text").document.meta.language
        if language.split("-")[0] != expected and path.name not in KNOWN_MISSES:
            wrong.append(f"{path.name}: {language}, not {expected}")
    assert wrong == []
