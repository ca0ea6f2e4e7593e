"""Benchmark the Markdown reader: a ~50 KB README to EPUB, against ``pandoc -f gfm``.

Whole-process wall time (median of N runs, ours and pandoc's alternating so
both see the same machine) and peak RSS, on the same file: by default
``corpus/markdown/20_request-README.md`` (46 KB, the README of npm
``request``).  Also the in-process time of reading alone (markdown-it and
the model), to show where the time goes.

Usage::

    python benchmarks/markdown.py                    # 7 runs
    python benchmarks/markdown.py --runs 3 FILE.md   # another file
    python benchmarks/markdown.py --json out.json    # also write every figure

pandoc, when it can reach the network, also downloads the README's badge
images into the EPUB; offline it gives up on each at once.  The figures in
``docs/markdown.md`` say which case they are.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "corpus" / "markdown" / "20_request-README.md"


def measure(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time (s) and peak RSS (MiB) of one run of a command and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {stderr[-500:]}")
    return elapsed, usage.ru_maxrss // 1024


def read_time(source: Path, runs: int) -> float:
    """Median in-process time to read the file into the model (parser already built)."""
    from convert.plugin.formats import ReadContext
    from convert_plugins.markdown.reader import read_markdown

    data = source.read_bytes()
    context = ReadContext(source.name, "0" * 64, "2026-01-01T00:00:00Z")
    read_markdown(data, context)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read_markdown(data, context)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=README)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    figures: dict = {"source": args.source.name, "bytes": args.source.stat().st_size, "runs": args.runs}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / args.source.name
        shutil.copyfile(args.source, source)
        ours = [sys.executable, "-m", "convert", source.name, "--to", "epub", "-o", "ours.epub", "-q"]
        theirs = [pandoc, "-f", "gfm", source.name, "-o", "pandoc.epub", "--quiet"] if pandoc else None
        samples: dict[str, list[tuple[float, int]]] = {"convert": [], "pandoc": []}
        for _ in range(args.runs):
            samples["convert"].append(measure(ours, work))
            if theirs:
                samples["pandoc"].append(measure(theirs, work))
        for name, runs in samples.items():
            if runs:
                figures[name] = {
                    "seconds": round(statistics.median(t for t, _ in runs), 3),
                    "peak_mib": max(rss for _, rss in runs),
                    "epub_bytes": (work / ("ours.epub" if name == "convert" else "pandoc.epub")).stat().st_size,
                }
    figures["read_seconds"] = round(read_time(args.source, args.runs), 3)
    if pandoc:
        figures["pandoc_version"] = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        figures["ratio"] = round(figures["convert"]["seconds"] / figures["pandoc"]["seconds"], 2)
    _print(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    return 0


def _print(figures: dict) -> None:
    print(f"{figures['source']} ({figures['bytes']:,} bytes) to EPUB, median of {figures['runs']} runs")
    for name in ("convert", "pandoc"):
        if name in figures:
            row = figures[name]
            print(f"  {name:8} {row['seconds']:6.3f} s  peak {row['peak_mib']:4} MiB  EPUB {row['epub_bytes']:,} bytes")
    if "pandoc" not in figures:
        print("  pandoc   not installed (apt-get install pandoc)")
    else:
        print(f"  convert takes {figures['ratio']:.2f}x pandoc's time ({figures['pandoc_version']})")
    print(f"  reading alone (in process): {figures['read_seconds'] * 1000:.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
