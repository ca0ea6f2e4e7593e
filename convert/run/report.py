"""The machine-readable batch report (``--report FILE.json``).

Its shape is published as ``convert/schemas/report.schema.json``
(``convert --print-schema report``): one entry per input, in the order the
inputs were given, plus totals.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Sequence

from convert import __version__
from convert.run.atomic import write_atomic
from convert.run.jobs import JobResult
from convert.run.names import readable_json_text

REPORT_SCHEMA = "convert-report"
REPORT_VERSION = "1.0.0"


def _entry(result: JobResult) -> dict:
    # a file name's bytes that are not UTF-8 are written as \xNN: the report is UTF-8 JSON
    return {
        "input": readable_json_text(result.input),
        "status": result.status,
        "outputs": [{**output._asdict(), "path": readable_json_text(output.path)} for output in result.outputs],
        "error": None if result.error is None else readable_json_text(result.error),
        "warnings": [
            {"code": w.code, "message": readable_json_text(w.message), "line": w.line}
            for w in result.warnings if w.level == "warning"
        ],
        "seconds": round(result.seconds, 4),
    }


def build_report(results: Sequence[JobResult], formats: Sequence[str], workers: int, seconds: float) -> dict:
    """The report as a JSON-ready dictionary; ``results`` in input order."""
    statuses = Counter(result.status for result in results)
    entries = [_entry(result) for result in results]
    return {
        "schema": REPORT_SCHEMA,
        "version": REPORT_VERSION,
        "tool": {"name": "convert", "version": __version__},
        "formats": list(formats),
        "workers": workers,
        "inputs": entries,
        "totals": {
            "inputs": len(results),
            "ok": statuses["ok"],
            "failed": statuses["failed"],
            "skipped": statuses["skipped"],
            "outputs": sum(len(result.outputs) for result in results),
            "warnings": sum(len(entry["warnings"]) for entry in entries),
            "seconds": round(seconds, 3),
        },
    }


def report_text(report: dict) -> str:
    """The report as JSON text, as ``--report`` writes it."""
    import json  # only a run with --report needs it

    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def write_report(path: Path, report: dict) -> None:
    """Write the report atomically, as UTF-8 JSON."""
    write_atomic(path, report_text(report).encode("utf-8"))


def summary_line(results: Sequence[JobResult], seconds: float) -> str:
    """``48 converted, 1 failed, 1 skipped in 3.2 s``."""
    statuses = Counter(result.status for result in results)
    return f"{statuses['ok']} converted, {statuses['failed']} failed, {statuses['skipped']} skipped in {seconds:.1f} s"
