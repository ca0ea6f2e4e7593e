"""Benchmark convert against itself and, when installed, pandoc.

Measures whole-process wall time (median of N runs) and peak RSS for:

* each format on the seed (pandoc's comparable conversion alternates with
  ours, run by run, so both see the same machine);
* the seed repeated 10x and 100x into one document (and the in-process
  render time, to check that cost grows linearly);
* a batch of 100 seed copies in one convert call, -j 1 and -j 2, to EPUB and
  to EPUB+DOCX+JSON (against a loop of 100 pandoc calls);
* ``convert --help`` and which heavy libraries each command imports.

Usage::

    python benchmarks/bench.py                  # full run, table + benchmarks/results/latest.json
    python benchmarks/bench.py --runs 3 --quick # fewer runs, skip the 100x document

Prints a table; writes JSON with every figure.
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
SEED = ROOT / "seeds" / "000_fbb78fa2d04dba80.txt"
CONVERT = [sys.executable, "-m", "convert"]
HEAVY = ("reportlab", "ebooklib", "docx", "lxml", "tqdm")
PANDOC_FORMATS = {"epub": "epub", "docx": "docx", "json": "json"}


def measure(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time (s) and peak RSS (MiB) of one run of a command and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode not in (0,):
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {stderr[-500:]}")
    return elapsed, usage.ru_maxrss // 1024


def compare(label: str, ours: list[str], theirs: list[str] | None, runs: int, cwd: Path) -> dict:
    """Run ours and theirs alternately ``runs`` times; medians and the ratio."""
    ours_t, ours_rss, theirs_t = [], [], []
    for _ in range(runs):
        seconds, rss = measure(ours, cwd)
        ours_t.append(seconds)
        ours_rss.append(rss)
        if theirs:
            theirs_t.append(measure(theirs, cwd)[0])
    row = {"case": label, "ours_s": statistics.median(ours_t), "ours_rss_mib": max(ours_rss)}
    if theirs_t:
        row["pandoc_s"] = statistics.median(theirs_t)
        row["ratio"] = row["ours_s"] / row["pandoc_s"]
    return row


def in_process(path: Path, fmt: str, repeats: int) -> float:
    """Median in-process time to read and render ``path`` (imports excluded)."""
    code = f"""
import statistics, time, convert
data = open({str(path)!r}, 'rb').read()
convert.render(convert.read_bytes(data, 'x.txt').document, {fmt!r})  # warm up: imports
times = []
for _ in range({repeats}):
    t = time.perf_counter()
    convert.render(convert.read_bytes(data, 'x.txt').document, {fmt!r})
    times.append(time.perf_counter() - t)
print(statistics.median(times))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(out.stdout.strip())


def imported_heavy(args: list[str], cwd: Path) -> list[str]:
    """Heavy top-level packages a convert command imports (python -X importtime)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "convert", *args],
                            capture_output=True, text=True, cwd=cwd)
    found = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name.split(".")[0] in HEAVY:
                found.add(name.split(".")[0])
    return sorted(found)


def prepare(work: Path) -> dict[str, Path]:
    text = SEED.read_text("utf-8")
    body = text.split("\n", 1)[1]
    files = {"seed": work / "seed.txt"}
    files["seed"].write_text(text, "utf-8")
    for times in (10, 100):
        files[f"seed x{times}"] = work / f"seed{times}.txt"
        files[f"seed x{times}"].write_text(text + body * (times - 1), "utf-8")
    batch = work / "batch"
    batch.mkdir()
    for index in range(100):
        shutil.copy(SEED, batch / f"seed{index:03}.txt")
    files["batch"] = batch
    return files


def compile_bytecode() -> None:
    """Write .pyc files first: with PYTHONDONTWRITEBYTECODE set (or a read-only
    checkout), every run would otherwise recompile every module, which no
    installed copy does."""
    import compileall

    for folder in ("convert", "plugins"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def run(runs: int, quick: bool) -> dict:
    compile_bytecode()
    pandoc = shutil.which("pandoc")
    rows, scaling = [], []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = prepare(work)
        out = work / "out"
        for fmt in ("epub", "docx", "json", "pdf"):
            theirs = [pandoc, "-f", "markdown", str(files["seed"]), "-o", str(out / f"p.{fmt}")] \
                if pandoc and fmt in PANDOC_FORMATS else None
            out.mkdir(exist_ok=True)
            rows.append(compare(f"seed -> {fmt}", [*CONVERT, str(files["seed"]), "--to", fmt, "-o", str(out), "-q"],
                                theirs, runs, work))
        for label in ("seed x10",) + (() if quick else ("seed x100",)):
            for fmt in ("epub", "docx", "json", "pdf"):
                rows.append(compare(f"{label} -> {fmt}",
                                    [*CONVERT, str(files[label]), "--to", fmt, "-o", str(out), "-q"],
                                    None, max(1, runs // 2) if "100" in label else runs, work))
        for fmt in ("epub", "docx", "json", "pdf"):
            one = in_process(files["seed"], fmt, runs)
            entry = {"format": fmt, "seed_s": one}
            for label in ("seed x10",) + (() if quick else ("seed x100",)):
                many = in_process(files[label], fmt, max(1, runs // 2))
                entry[f"{label}_s"] = many
                entry[f"{label}_ratio"] = many / one
            scaling.append(entry)
        loop = None
        if pandoc:
            script = "; ".join(
                f"{pandoc} -f markdown {files['batch'] / f'seed{i:03}.txt'} -o {out / f'p{i}.epub'}" for i in range(100))
            loop = ["bash", "-c", script]
        for jobs in (1, 2):
            rows.append(compare(f"batch 100 -> epub, -j {jobs}",
                                [*CONVERT, str(files["batch"]), "--to", "epub", "-o", str(out / f"b{jobs}"), "-j", str(jobs), "-q"],
                                loop, max(1, runs // 2), work))
        for jobs in (1, 2):
            rows.append(compare(f"batch 100 -> epub+docx+json, -j {jobs}",
                                [*CONVERT, str(files["batch"]), "--to", "epub", "--to", "docx", "--to", "json",
                                 "-o", str(out / f"m{jobs}"), "-j", str(jobs), "-q"], None, max(1, runs // 2), work))
        rows.append(compare("convert --help", [*CONVERT, "--help"], None, runs, work))
        imports = {
            "--help": imported_heavy(["--help"], work),
            "--list-formats": imported_heavy(["--list-formats"], work),
            "--to json": imported_heavy([str(files["seed"]), "--to", "json", "-o", str(out), "-q"], work),
        }
    return {"python": sys.version.split()[0], "cpus": os.cpu_count(), "pandoc": pandoc, "runs": runs,
            "rows": rows, "scaling": scaling, "heavy_imports": imports}


def print_table(result: dict) -> None:
    print(f"{'case':<40} {'ours (s)':>9} {'RSS MiB':>8} {'pandoc (s)':>11} {'ours/pandoc':>12}")
    for row in result["rows"]:
        pandoc = f"{row['pandoc_s']:.3f}" if "pandoc_s" in row else "-"
        ratio = f"{row['ratio']:.2f}x" if "ratio" in row else "-"
        print(f"{row['case']:<40} {row['ours_s']:>9.3f} {row['ours_rss_mib']:>8} {pandoc:>11} {ratio:>12}")
    speedups = {r["case"]: r["ours_s"] for r in result["rows"]}
    for what in ("epub", "epub+docx+json"):
        one, two = speedups.get(f"batch 100 -> {what}, -j 1"), speedups.get(f"batch 100 -> {what}, -j 2")
        if one and two:
            print(f"batch 100 -> {what}: -j 2 is {one / two:.2f}x faster than -j 1")
    print("\nin-process read+render time (imports excluded):")
    for entry in result["scaling"]:
        extra = "  ".join(f"{k.replace('_s', '')}: {v:.3f}" for k, v in entry.items() if k not in ("format", "seed_s"))
        print(f"  {entry['format']:<5} seed {entry['seed_s']:.4f} s  {extra}")
    print("\nheavy libraries imported:", json.dumps(result["heavy_imports"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median); default 5")
    parser.add_argument("--quick", action="store_true", help="skip the 100x document")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json",
                        help="where to write the figures as JSON")
    args = parser.parse_args()
    result = run(args.runs, args.quick)
    print_table(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten: {args.json}")


if __name__ == "__main__":
    main()
