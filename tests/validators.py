"""External validators as the tests run them; ``.ci/install-validators`` installs them.

DAISY Ace (accessibility checks for EPUB) is installed from npm as
``@daisy/ace-cli``, whose command is ``ace-cli`` (the full ``@daisy/ace``
package names it ``ace`` but also pulls in Electron).  Ace drives a browser
through Puppeteer; the install skips Puppeteer's own browser download, so Ace
needs ``PUPPETEER_EXECUTABLE_PATH`` pointing at a system Chromium.  Ace
itself always launches it with ``--no-sandbox --disable-setuid-sandbox``, so it
also runs as root.  The invocation is::

    env PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium ace-cli -s -f -o OUTDIR book.epub

Ace exits 0 whether or not it finds violations (1 when it cannot run at all)
and writes ``OUTDIR/report.json``; see :func:`violations` for its structure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

ACE_SKIP_REASON = ("DAISY Ace is not installed, or no Chromium for it "
                   "(`bash .ci/install-validators` installs both)")
ACE_TIMEOUT = 600  # seconds for one EPUB; Ace's own per-document limit is 240 s


def _browser() -> str | None:
    """A Chromium/Chrome for Puppeteer: $PUPPETEER_EXECUTABLE_PATH, else one on the PATH."""
    if configured := os.environ.get("PUPPETEER_EXECUTABLE_PATH"):
        return configured if os.access(configured, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def ace_command() -> list[str] | None:
    """The argv prefix that runs Ace (append options and the EPUB), or None
    when Ace or a browser for it is missing."""
    ace = shutil.which("ace-cli") or shutil.which("ace")
    if ace is None:
        return None
    browser = _browser()
    if browser is None:
        # A full @daisy/ace install may have downloaded Puppeteer's own Chrome.
        cache = Path(os.environ.get("PUPPETEER_CACHE_DIR", Path.home() / ".cache" / "puppeteer"))
        return [ace] if cache.is_dir() and any(cache.iterdir()) else None
    return ["env", f"PUPPETEER_EXECUTABLE_PATH={browser}", ace]


def run_ace_report(epub_path: Path | str, outdir: Path | str) -> dict:
    """Run Ace on one EPUB and return its whole report.json."""
    command = ace_command()
    if command is None:
        raise RuntimeError(ACE_SKIP_REASON)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [*command, "--silent", "--force", "--outdir", str(outdir.resolve()), str(Path(epub_path).resolve())],
        capture_output=True, text=True, timeout=ACE_TIMEOUT, cwd=outdir,
    )
    report = outdir / "report.json"
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"Ace failed (exit {result.returncode}) on {epub_path}:\n"
                           f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return json.loads(report.read_text("utf-8"))


def violations(report: dict) -> list[dict]:
    """Every failed check in an Ace report, flattened.

    The report (JSON-LD, EARL vocabulary) has ``assertions``: one per checked
    file (the package document ``EPUB/content.opf``, each XHTML content
    document, the navigation document), each with ``earl:testSubject``
    ``{url, dct:title}``, ``earl:result`` ``{earl:outcome: pass|fail}`` and its
    own ``assertions``, one per failed rule::

        {"earl:result": {"earl:outcome": "fail", "dct:description": <message>,
                         "earl:pointer": {"cfi": [...], "css": [...]},   # content documents only
                         "html": <the offending markup>},
         "earl:assertedBy": "Ace" | "aXe",
         "earl:test": {"dct:title": <rule id>, "earl:impact": minor|moderate|serious|critical,
                       "dct:description": ..., "help": {"url": ..., ...}, "rulesetTags": [...]}}

    Each violation returned is ``{rule, impact, message, file, location, html}``.
    """
    found: list[dict] = []

    def walk(assertions: list, subject: dict) -> None:
        for assertion in assertions:
            subject_here = assertion.get("earl:testSubject", subject)
            nested = assertion.get("assertions") or []
            test = assertion.get("earl:test")
            result = assertion.get("earl:result") or {}
            if test is not None and result.get("earl:outcome") == "fail":
                pointer = result.get("earl:pointer") or {}
                found.append({
                    "rule": test.get("dct:title"),
                    "impact": test.get("earl:impact"),
                    "message": result.get("dct:description") or test.get("dct:description"),
                    "file": subject_here.get("url"),
                    "location": ", ".join(dict.fromkeys(pointer.get("css") or pointer.get("cfi") or [])),
                    "html": result.get("html", ""),
                })
            walk(nested, subject_here)

    walk(report.get("assertions") or [], {})
    return found


def run_ace(epub_path: Path | str, outdir: Path | str) -> list[dict]:
    """Run Ace on one EPUB; the violations it reports (empty when it finds none)."""
    return violations(run_ace_report(epub_path, outdir))


def format_violations(found: list[dict]) -> str:
    """One line per violation, for an assertion message."""
    return "\n".join(
        f"  [{v['impact']}] {v['rule']} in {v['file']}"
        + (f" at {v['location']}" if v["location"] else "")
        + f": {' '.join((v['message'] or '').split())}"
        for v in found
    )
