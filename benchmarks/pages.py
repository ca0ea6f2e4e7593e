"""Render chosen pages of every output format to PNG, so anyone can look.

Converts SOURCE once to PDF, DOCX and EPUB, then:

* PDF: ``pdftoppm`` renders the pages;
* DOCX: LibreOffice (``soffice --headless --convert-to pdf``, with a private
  profile so it runs beside an open office suite) makes a PDF, ``pdftoppm``
  renders it;
* EPUB: page N is the N-th document of the reading order (1 the title page,
  2 the contents, 3 the start of the text), shown by headless Chromium in a
  window the size of an e-reader screen.

A format whose tool is missing is skipped with a note.  Usage::

    python benchmarks/pages.py seeds/000_fbb78fa2d04dba80.txt --pages 1,2 -o benchmarks/pages/
    python benchmarks/pages.py notes.txt --pages 3 --formats epub -m author="A. Writer"

writes ``OUT/<name>.<format>-<page>.png`` (``--name``, default the source's
stem) and prints each path.
"""

from __future__ import annotations

import argparse
import io
import posixpath
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

FORMATS = ("pdf", "docx", "epub")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
    "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
)
TIMEOUT = 180  # seconds for one external tool


def convert_source(source: Path, formats: list[str], metadata: list[str], folder: Path) -> dict[str, Path]:
    """Convert ``source`` to every format in one call; the output path of each."""
    command = [sys.executable, "-m", "convert", str(source), "-o", str(folder), "-q"]
    for fmt in formats:
        command += ["--to", fmt]
    for item in metadata:
        command += ["--metadata", item]
    subprocess.run(command, check=True, timeout=TIMEOUT)
    return {fmt: folder / f"{source.stem}.{fmt}" for fmt in formats}


def pdf_pages(pdf: Path, pages: list[int], target: Path, width: int) -> list[Path]:
    """Each page of a PDF as a PNG ``width`` pixels wide."""
    made = []
    for page in pages:
        prefix = target.with_name(f"{target.name}-{page}")
        subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                        "-scale-to-x", str(width), "-scale-to-y", "-1", str(pdf), str(prefix)],
                       check=True, timeout=TIMEOUT, capture_output=True)
        made.append(prefix.with_name(prefix.name + ".png"))
    return made


def docx_as_pdf(docx: Path, scratch: Path) -> Path:
    """LibreOffice's PDF of a DOCX, made with a profile of its own."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    profile = (scratch / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(scratch), str(docx)], check=True, timeout=TIMEOUT, capture_output=True)
    pdf = scratch / f"{docx.stem}.pdf"
    if not pdf.is_file():  # LibreOffice exits 0 even when it could not convert
        raise RuntimeError(f"LibreOffice could not convert {docx}")
    return pdf


def epub_reading_order(folder: Path) -> list[Path]:
    """The documents of an unpacked EPUB in reading order (linear spine items)."""
    ns = {"c": "urn:oasis:names:tc:opendocument:xmlns:container", "opf": "http://www.idpf.org/2007/opf"}
    container = ElementTree.parse(folder / "META-INF" / "container.xml")
    package_path = container.find(".//c:rootfile", ns).get("full-path")
    package = ElementTree.parse(folder / package_path)
    hrefs = {item.get("id"): item.get("href") for item in package.iterfind("opf:manifest/opf:item", ns)}
    base = posixpath.dirname(package_path)
    return [folder / posixpath.join(base, hrefs[ref.get("idref")])
            for ref in package.iterfind("opf:spine/opf:itemref", ns) if ref.get("linear", "yes") == "yes"]


def epub_pages(epub: Path, pages: list[int], target: Path, width: int, height: int, scratch: Path) -> list[Path]:
    """Screenshots of the chosen documents of an EPUB's reading order."""
    folder = scratch / "epub"
    zipfile.ZipFile(epub).extractall(folder)
    order = epub_reading_order(folder)
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    made = []
    for page in pages:
        if not 1 <= page <= len(order):
            print(f"pages.py: the EPUB has {len(order)} documents in its reading order; no page {page}",
                  file=sys.stderr)
            continue
        png = target.with_name(f"{target.name}-{page}.png")
        subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={scratch / 'chromium'}",
                        f"--window-size={width},{height}", f"--screenshot={png}", order[page - 1].as_uri()],
                       check=True, timeout=TIMEOUT, capture_output=True)
        made.append(png)
    return made


def shrink(png: Path) -> None:
    """Store a page with a 64-colour palette: text pages stay sharp at a fraction of the size."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=64)
    buffer = io.BytesIO()
    small.save(buffer, "PNG", optimize=True)
    png.write_bytes(buffer.getvalue())


def missing_tool(fmt: str) -> str | None:
    """What is missing to render ``fmt``, or None."""
    if not shutil.which("pdftoppm") and fmt in ("pdf", "docx"):
        return "pdftoppm (poppler-utils)"
    if fmt == "docx" and not (shutil.which("soffice") or shutil.which("libreoffice")):
        return "LibreOffice (soffice)"
    if fmt == "epub" and not any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")):
        return "Chromium"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the document to convert")
    parser.add_argument("--pages", default="1", help="pages to render, comma-separated (default 1)")
    parser.add_argument("-o", "--output", type=Path, default=Path("benchmarks/pages"), help="folder for the PNGs")
    parser.add_argument("--formats", default=",".join(FORMATS), help="formats to render (default pdf,docx,epub)")
    parser.add_argument("--name", help="file-name stem of the PNGs (default: the source's)")
    parser.add_argument("-m", "--metadata", action="append", default=[], help="KEY=VALUE passed to convert")
    parser.add_argument("--width", type=int, default=800, help="width of each PNG in pixels (default 800)")
    parser.add_argument("--height", type=int, default=1100, help="height of an EPUB page in pixels (default 1100)")
    args = parser.parse_args(argv)
    pages = sorted({int(page) for page in args.pages.split(",") if page.strip()})
    formats = [fmt.strip() for fmt in args.formats.split(",") if fmt.strip()]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not pages or min(pages) < 1:
        parser.error(f"unknown format {unknown[0]}" if unknown else "pages are numbered from 1")
    for fmt in formats:
        if reason := missing_tool(fmt):
            print(f"pages.py: skipping {fmt}: {reason} is not installed", file=sys.stderr)
    formats = [fmt for fmt in formats if missing_tool(fmt) is None]
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="convert-pages-") as temporary:
        scratch = Path(temporary)
        outputs = convert_source(args.source.resolve(), formats, args.metadata, scratch)
        for fmt in formats:
            target = args.output / f"{args.name or args.source.stem}.{fmt}"
            if fmt == "pdf":
                made = pdf_pages(outputs[fmt], pages, target, args.width)
            elif fmt == "docx":
                made = pdf_pages(docx_as_pdf(outputs[fmt], scratch), pages, target, args.width)
            else:
                made = epub_pages(outputs[fmt], pages, target, args.width, args.height, scratch)
            for png in made:
                shrink(png)
                print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
