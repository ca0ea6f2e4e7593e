"""LibreOffice as an outside reader of DOCX files: each file is opened, its
indexes and fields updated as a user would ("Tools > Update > Update All"),
and exported as PDF.

LibreOffice has no command-line switch to update a table of contents, so a
small Basic macro does it, installed in a private user profile.  The Noto
fonts the DOCX names come from the PDF plugin's font packages, made visible
to LibreOffice through a fontconfig file, so the pages are laid out in the
fonts the document asks for.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub UpdatedPdfs(pairs As String)
  files = Split(pairs, "|")
  For n = 0 To UBound(files) Step 2
    UpdatedPdf(files(n), files(n + 1))
  Next
End Sub

Sub UpdatedPdf(source As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), "_blank", 0, load())
  indexes = document.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next
  document.getTextFields().refresh()
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName"
  store(0).Value = "writer_pdf_Export"
  document.storeToURL(ConvertToURL(target), store())
  document.close(True)
End Sub
</script:module>
"""


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def noto_fonts_config(folder: Path) -> Path | None:
    """A fontconfig file adding the Noto Serif and Noto Sans font packages to
    the system's fonts (None when the packages are missing)."""
    try:
        import fontpkg_noto_sans
        import fontpkg_noto_serif
    except ImportError:
        return None
    directories = "".join(f"<dir>{Path(package.ROOT) / 'files'}</dir>" for package in (fontpkg_noto_serif, fontpkg_noto_sans))
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"{directories}<cachedir>{folder / 'font-cache'}</cachedir></fontconfig>",
        "utf-8",
    )
    return config


def updated_pdfs(documents: list[Path], folder: Path) -> list[Path]:
    """Each DOCX as LibreOffice prints it after updating its indexes; a PDF
    is missing when LibreOffice could not open or convert the file (it exits
    0 even then)."""
    executable = soffice()
    assert executable is not None, "LibreOffice is not installed"
    environment = dict(os.environ)
    config = noto_fonts_config(folder)
    if config is not None:
        environment["FONTCONFIG_FILE"] = str(config)
    command = [executable, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless"]
    # the first start creates the profile; the macro goes into its Standard library
    _run([*command, "--terminate_after_init"], environment)
    module = folder / "profile" / "user" / "basic" / "Standard" / "Module1.xba"
    module.parent.mkdir(parents=True, exist_ok=True)
    module.write_text(MACRO, "utf-8")
    pdfs = [folder / f"{document.stem}.pdf" for document in documents]
    pairs = "|".join(str(path) for pair in zip(documents, pdfs) for path in pair)
    _run([*command, f'macro:///Standard.Module1.UpdatedPdfs("{pairs}")'], environment)
    return pdfs


def _run(command: list[str], environment: dict[str, str], timeout: float = 180) -> None:
    """Run LibreOffice in a session of its own, so that a hung instance (a
    macro error waits for a click no one can give) is ended with all its
    processes, not just the launcher script."""
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise AssertionError(f"LibreOffice did not finish within {timeout} s") from None
