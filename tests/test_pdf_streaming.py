"""The PDF writer's parts that save memory and start-up time: the story made
as the layout reads it, the file written object by object (byte-identical to
reportlab's own), and fonts read from their cached tables."""

from __future__ import annotations

import io

# the PDF plugin first: it offers reportlab right-to-left support, which
# reportlab looks for once, when it is first imported
from convert_plugins.pdf import filewriter
from convert_plugins.pdf.queue import BATCH, FlowableQueue

from reportlab.lib.styles import ParagraphStyle  # noqa: E402,I001
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate


class Item:
    def __init__(self, name: str, keep_with_next: bool = False) -> None:
        self.name, self.keep_with_next = name, keep_with_next

    def getKeepWithNext(self) -> bool:
        return self.keep_with_next


def counted(items):
    made = []

    def generate():
        for item in items:
            made.append(item)
            yield item

    return generate(), made


def test_the_queue_makes_flowables_only_as_they_are_read():
    source, made = counted([Item(str(n)) for n in range(1000)])
    queue = FlowableQueue(source)
    assert len(queue) >= 1
    assert queue[0].name == "0"
    assert len(made) <= BATCH
    del queue[0]
    assert queue[0].name == "1"
    assert len(made) <= BATCH


def test_the_queue_is_ready_past_a_chain_kept_with_the_next():
    items = [Item(str(n)) for n in range(BATCH - 2)] + [Item("a", True), Item("b", True), Item("c", True),
                                                         Item("d"), Item("e")]
    source, made = counted(items)
    queue = FlowableQueue(source)
    count = len(queue)
    assert count >= BATCH + 2 and [queue[i].name for i in range(BATCH - 2, BATCH + 2)] == ["a", "b", "c", "d"]


def test_the_queue_takes_back_split_parts_at_the_front_and_runs_to_the_end():
    queue = FlowableQueue(Item(str(n)) for n in range(5))
    first = queue.pop(0)
    queue[0:0] = [Item("0a"), Item("0b")]
    queue.insert(0, first)
    names = []
    while len(queue):
        names.append(queue[0].name)
        del queue[0]
    assert names == ["0", "0a", "0b", "1", "2", "3", "4"]


def _document(canvasmaker) -> None:
    style = ParagraphStyle("body")
    story = [Paragraph(f"Paragraph {n} " * 40, style) for n in range(60)]
    SimpleDocTemplate(io.BytesIO(), invariant=1, pageCompression=1).build(story, canvasmaker=canvasmaker)


def test_the_file_written_as_it_goes_is_reportlabs_own():
    """Pages compressed as they are finished, objects written as they are
    formatted: the same bytes as reportlab's own file."""
    written = {}

    class Streaming(Canvas):
        def showPage(self):
            super().showPage()
            filewriter.compress_page(self._doc.Pages.pages[-1])

        def save(self):
            if len(self._code):
                self.showPage()
            stream = io.BytesIO()
            filewriter.save(self._doc, self, stream)
            written["streamed"] = stream.getvalue()

    class Joined(Canvas):
        def save(self):
            written["joined"] = self.getpdfdata()

    for canvas in (Streaming, Joined):
        _document(canvas)
    assert written["streamed"].startswith(b"%PDF-1.")
    assert written["streamed"] == written["joined"]


def test_a_face_read_from_the_cache_is_the_face_parsed(tmp_path, monkeypatch):
    from convert_plugins.pdf import facecache
    from convert_plugins.pdf.fontfiles import SERIF

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = SERIF.source(False, False)
    parsed = facecache.load("Test-Parsed", path)  # parses, and stores the tables
    assert list((tmp_path / "convert-text" / "faces").iterdir())
    read = facecache.load("Test-Read", path)
    assert read.face is not parsed.face
    kept = {key: value for key, value in vars(parsed.face).items() if key != "_pdfScale"}
    assert {key: value for key, value in vars(read.face).items() if key != "_pdfScale"} == kept
    assert [read.face._pdfScale(x) for x in (0, 1, 733, 2048)] == [parsed.face._pdfScale(x) for x in (0, 1, 733, 2048)]
    assert set(vars(read)) == set(vars(parsed))
    assert (read._asciiReadable, read.shapable) == (parsed._asciiReadable, parsed.shapable)
    assert read.stringWidth("Hello, world", 11) == parsed.stringWidth("Hello, world", 11)
