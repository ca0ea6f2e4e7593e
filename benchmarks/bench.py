"""Benchmark convert, whole process, against pandoc and against its own input size.

One run reports:

* ratios: each of EPUB, DOCX and JSON on the seed against pandoc's comparable
  conversion (``pandoc -f markdown SEED -o out.FMT``; the two alternate run by
  run so both see the same machine), and PDF against our own EPUB;
* batch: 100 seed copies to EPUB in one ``convert -j 1`` call against a loop
  of 100 pandoc calls;
* imports: ``python -X importtime`` of ``convert --help`` and of a ``--to
  json`` conversion, the convert modules with the largest cumulative import
  time, and which writer libraries each command imports;
* floor: the interpreter alone (``python -c pass``), and with the standard
  modules any conversion needs (dataclasses for the model, re for the
  grammar, typing for pluggy, pathlib, hashlib), as a share of pandoc's time;
* scaling: the seed 1x, 10x and 100x; 10k and 100k one-line headings
  (``# x``); 10k list items (``- x``); a 1 MB verbatim block; time and peak
  memory per format, flagging a 100k-heading case over 1.5x ten times the
  10k case and peak memory over 10x the input plus 100 MB.

Figures reflect an installed package: the sources are byte-compiled first and
the children run without PYTHONDONTWRITEBYTECODE.

Usage::

    python benchmarks/bench.py            # --runs 5; writes benchmarks/results/latest.json
    python benchmarks/bench.py --quick    # 3 runs, one pandoc batch loop, 60 s cap per case
    python benchmarks/bench.py --only ratios   # the ratios and the floor alone
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_fbb78fa2d04dba80.txt"
CONVERT = [sys.executable, "-m", "convert"]
FORMATS = ("epub", "pdf", "docx", "json")
PANDOC_FORMATS = ("epub", "docx", "json")
WRITER_LIBRARIES = ("reportlab", "ebooklib", "docx", "lxml")
OWN_PACKAGES = ("convert", "convert_plugins")
TARGETS = {"epub": 0.5, "json": 0.5, "docx": 0.7, "pdf": 3.0, "batch": 0.05}
MIB = 1024 * 1024


def child_environment() -> dict[str, str]:
    """The environment of an installed package: bytecode is read and written."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


ENV = child_environment()


class TimedOut(Exception):
    pass


def measure(command: list[str], cwd: Path, timeout: float | None = None) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of one run of a command; TimedOut past ``timeout``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    expired = threading.Event()

    def kill() -> None:
        expired.set()
        os.killpg(process.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if timer:
        timer.cancel()
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if expired.is_set():
        raise TimedOut(f"over {timeout:.0f} s")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {stderr[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


def convert_to(source: Path, fmt: str, out: Path) -> list[str]:
    return [*CONVERT, str(source), "--to", fmt, "-o", str(out), "-q"]


def pandoc_to(pandoc: str, source: Path, fmt: str, out: Path) -> list[str]:
    return [pandoc, "-f", "markdown", str(source), "-o", str(out / f"pandoc.{fmt}")]


def paired(ours: list[str], theirs: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median wall time of ours and theirs, run alternately."""
    ours_t, theirs_t = [], []
    for _ in range(runs):
        ours_t.append(measure(ours, cwd)[0])
        theirs_t.append(measure(theirs, cwd)[0])
    return statistics.median(ours_t), statistics.median(theirs_t)


def ratios(pandoc: str | None, seed: Path, out: Path, runs: int) -> list[dict]:
    rows = []
    for fmt in PANDOC_FORMATS + ("pdf",):
        if fmt == "pdf":
            ours, theirs = paired(convert_to(seed, "pdf", out), convert_to(seed, "epub", out), runs, out)
            against = "our EPUB"
        elif pandoc:
            ours, theirs = paired(convert_to(seed, fmt, out), pandoc_to(pandoc, seed, fmt, out), runs, out)
            against = "pandoc"
        else:
            continue
        ratio = ours / theirs
        rows.append({"format": fmt, "ours_s": ours, "against": against, "theirs_s": theirs,
                     "ratio": ratio, "target": TARGETS[fmt], "met": ratio <= TARGETS[fmt]})
    return rows


FLOOR_MODULES = "dataclasses, re, typing, pathlib, hashlib"


def floor(pandoc: str | None, seed: Path, out: Path, runs: int) -> dict:
    """What no conversion in Python can go below: the interpreter's start and
    exit, and importing the standard modules every conversion needs."""
    bare = [sys.executable, "-c", "pass"]
    needed = [sys.executable, "-c", f"import {FLOOR_MODULES}"]
    row = {"modules": FLOOR_MODULES,
           "interpreter_s": statistics.median(measure(bare, out)[0] for _ in range(runs * 3)),
           "with_modules_s": statistics.median(measure(needed, out)[0] for _ in range(runs * 3))}
    if pandoc:
        row["pandoc_json_s"] = statistics.median(
            measure(pandoc_to(pandoc, seed, "json", out), out)[0] for _ in range(runs))
    return row


def batch(pandoc: str | None, seed: Path, work: Path, runs: int) -> dict:
    folder = work / "batch"
    folder.mkdir()
    for index in range(100):
        shutil.copy(seed, folder / f"seed{index:03}.txt")
    ours = [*CONVERT, str(folder), "--to", "epub", "-o", str(work / "batch-out"), "-j", "1", "-q"]
    row: dict = {"documents": 100, "jobs": 1}
    if not pandoc:
        row["ours_s"] = statistics.median(measure(ours, work)[0] for _ in range(runs))
        return row
    loop = "; ".join(f"{pandoc} -f markdown {folder / f'seed{i:03}.txt'} -o {work / f'p{i}.epub'}"
                     for i in range(100))
    row["ours_s"], row["pandoc_s"] = paired(ours, ["bash", "-c", f"set -e; {loop}"], runs, work)
    row["ratio"] = row["ours_s"] / row["pandoc_s"]
    row["target"] = TARGETS["batch"]
    row["met"] = row["ratio"] <= TARGETS["batch"]
    return row


def import_times(args: list[str], cwd: Path, top: int) -> dict:
    """Own modules with the largest cumulative import time, and writer libraries imported."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "convert", *args],
                            capture_output=True, text=True, cwd=cwd, env=ENV)
    own, libraries, total = [], set(), 0
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        _, cumulative, name = line.split("|")
        raw = name.rstrip()
        name, micros = raw.strip(), int(cumulative.strip())
        if len(raw) - len(raw.lstrip()) == 1:  # a top-level import: counts towards the total
            total += micros
        if name.split(".")[0] in OWN_PACKAGES:
            own.append((micros, name))
        if name.split(".")[0] in WRITER_LIBRARIES:
            libraries.add(name.split(".")[0])
    own.sort(reverse=True)
    return {"total_ms": total / 1000, "top": [{"module": n, "cumulative_ms": m / 1000} for m, n in own[:top]],
            "writer_libraries": sorted(libraries)}


def scaling_inputs(work: Path) -> dict[str, Path]:
    text = SEED.read_text("utf-8")
    body = text.split("\n", 1)[1]
    contents = {
        "seed x1": text,
        "seed x10": text + body * 9,
        "seed x100": text + body * 99,
        "10k headings": "Title\n\n" + "# x\n\n" * 10_000,
        "100k headings": "Title\n\n" + "# x\n\n" * 100_000,
        "10k list items": "Title\n\n" + "- x\n" * 10_000,
        "1 MB verbatim": "Title\n\nCode follows.\n\n" + "    x = 1  # a line of code, forty bytes\n" * 25_000,
    }
    files = {}
    for index, (label, content) in enumerate(contents.items()):
        files[label] = work / f"scale{index}.txt"
        files[label].write_text(content, "utf-8")
    return files


def scaling(work: Path, timeout: float) -> list[dict]:
    rows = []
    out = work / "scale-out"
    out.mkdir()
    for label, path in scaling_inputs(work).items():
        size = path.stat().st_size
        row = {"input": label, "bytes": size}
        for fmt in FORMATS:
            try:
                seconds, rss = measure(convert_to(path, fmt, out), work, timeout)
                row[fmt] = {"s": seconds, "rss_mib": rss, "memory_ok": rss <= 10 * size / MIB + 100}
            except TimedOut as error:
                row[fmt] = {"error": str(error)}
            except RuntimeError as error:
                row[fmt] = {"error": str(error).splitlines()[-1][:120]}
        rows.append(row)
    by_label = {row["input"]: row for row in rows}
    small, large = by_label["10k headings"], by_label["100k headings"]
    for fmt in FORMATS:
        a, b = small[fmt].get("s"), large[fmt].get("s")
        large[fmt]["linear"] = bool(a and b and b <= 1.5 * 10 * a)
    return rows


def run(runs: int, quick: bool, timeout: float, only: str | None = None) -> dict:
    subprocess.run([sys.executable, "-m", "compileall", "-q", "convert", "plugins"], cwd=ROOT, env=ENV, check=True)
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed = work / "seed.txt"
        shutil.copy(SEED, seed)
        out = work / "out"
        out.mkdir()
        for fmt in FORMATS:  # warm the caches (and pandoc's) once before timing
            measure(convert_to(seed, fmt, out), work)
        if only == "ratios":
            result = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "load": os.getloadavg(),
                      "pandoc": pandoc, "runs": runs, "quick": quick, "ratios": ratios(pandoc, seed, out, runs),
                      "floor": floor(pandoc, seed, out, runs)}
            result["load_after"] = os.getloadavg()
            return result
        if only == "scaling":
            result = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "load": os.getloadavg(),
                      "runs": 1, "quick": quick, "scaling": scaling(work, timeout)}
            result["load_after"] = os.getloadavg()
            return result
        result = {
            "python": sys.version.split()[0], "cpus": os.cpu_count(), "load": os.getloadavg(),
            "pandoc": pandoc, "runs": runs, "quick": quick,
            "ratios": ratios(pandoc, seed, out, runs),
            "floor": floor(pandoc, seed, out, runs),
            "batch": batch(pandoc, seed, work, 1 if quick else max(1, runs // 2)),
            "imports": {
                "--help": import_times(["--help"], work, 8),
                "--list-formats": import_times(["--list-formats"], work, 0),
                "--to json": import_times([str(seed), "--to", "json", "-o", str(out), "-q"], work, 12),
                **{f"--to {fmt}": import_times([str(seed), "--to", fmt, "-o", str(out), "-q"], work, 0)
                   for fmt in ("epub", "docx", "pdf")},
            },
            "scaling": scaling(work, timeout),
        }
        result["load_after"] = os.getloadavg()
    return result


def print_report(result: dict) -> None:
    load = " ".join(f"{x:.2f}" for x in result["load"])
    print(f"python {result['python']}, {result['cpus']} CPUs, load average at start {load}, runs {result['runs']}")
    if "ratios" not in result:  # --only scaling
        print_scaling(result)
        return
    print("\nwhole process on the seed (median)")
    print(f"  {'format':<6} {'ours s':>8} {'against':>9} {'s':>8} {'ratio':>7} {'target':>7}")
    for row in result["ratios"]:
        print(f"  {row['format']:<6} {row['ours_s']:>8.3f} {row['against']:>9} {row['theirs_s']:>8.3f} "
              f"{row['ratio']:>6.2f}x {row['target']:>6.2f}x {'met' if row['met'] else 'NOT MET'}")
    print_floor(result["floor"])
    if "batch" not in result:  # --only ratios
        print(f"\nload average at end {' '.join(f'{x:.2f}' for x in result['load_after'])}")
        return
    b = result["batch"]
    line = f"\nbatch of 100 seeds to EPUB, -j 1: {b['ours_s']:.2f} s"
    if "pandoc_s" in b:
        line += (f"; 100 pandoc calls {b['pandoc_s']:.2f} s; ratio {b['ratio']:.3f}x "
                 f"(target {b['target']}x: {'met' if b['met'] else 'NOT MET'})")
    print(line)
    for command, figures in result["imports"].items():
        print(f"\nimports, convert {command}: {figures['total_ms']:.1f} ms in all; "
              f"writer libraries: {', '.join(figures['writer_libraries']) or 'none'}")
        for entry in figures["top"]:
            print(f"  {entry['cumulative_ms']:>7.1f} ms  {entry['module']}")
    print_scaling(result)


def print_floor(row: dict) -> None:
    interpreter, needed = row["interpreter_s"], row["with_modules_s"]
    line = (f"\nfloor: the interpreter starts and exits in {interpreter * 1000:.1f} ms; "
            f"with {row['modules']} imported, {needed * 1000:.1f} ms")
    if "pandoc_json_s" in row:
        line += f" ({needed / row['pandoc_json_s']:.2f}x pandoc's JSON, {row['pandoc_json_s'] * 1000:.1f} ms)"
    print(line)


def print_scaling(result: dict) -> None:
    print("\nscaling, whole process: seconds / peak RSS MiB (! = memory over 10x input + 100 MB)")
    print(f"  {'input':<15} {'bytes':>9} " + " ".join(f"{fmt:>16}" for fmt in FORMATS))
    for row in result["scaling"]:
        cells = []
        for fmt in FORMATS:
            cell = row[fmt]
            if "error" in cell:
                text = cell["error"][:16]
            else:
                text = f"{cell['s']:.2f}/{cell['rss_mib']:.0f}" + ("" if cell["memory_ok"] else "!")
                if "linear" in cell and not cell["linear"]:
                    text += " NONLIN"
            cells.append(f"{text:>16}")
        print(f"  {row['input']:<15} {row['bytes']:>9} " + " ".join(cells))
    for fmt in FORMATS:
        cell = next(r for r in result["scaling"] if r["input"] == "100k headings")[fmt]
        if not cell.get("linear"):
            print(f"  {fmt}: 100k headings over 1.5x ten times the 10k case (or failed): non-linear")
    print(f"\nload average at end {' '.join(f'{x:.2f}' for x in result['load_after'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="runs per paired case (median); default 5, 3 with --quick")
    parser.add_argument("--quick", action="store_true",
                        help="3 runs, the pandoc batch loop once, 60 s cap per scaling case")
    parser.add_argument("--timeout", type=float, help="cap per scaling case in seconds; default 600, 60 with --quick")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json",
                        help="where to write the figures as JSON")
    parser.add_argument("--only", choices=["ratios", "scaling"],
                        help="run only the ratios (with the floor) or only the scaling table")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 5)
    timeout = args.timeout or (60.0 if args.quick else 600.0)
    result = run(runs, args.quick, timeout, args.only)
    print_report(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten: {args.json}")


if __name__ == "__main__":
    main()
