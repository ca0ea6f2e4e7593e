"""How rendering time grows with the number of sections: a text of N one-line
headings (``# x``), read once, rendered in each format, in process.

Linear growth means 10x the headings costs about 10x the time::

    python benchmarks/headings.py                       # 10000 and 100000, EPUB
    python benchmarks/headings.py --counts 10000,40000,80000 --formats epub,docx
"""

from __future__ import annotations

import argparse
import time

import convert


def measure(count: int, fmt: str) -> tuple[float, int]:
    """Seconds (CPU time of this process) to render ``count`` headings, and the output's size."""
    document = convert.read_bytes(("Headings\n" + "# x\n" * count).encode(), "headings.txt").document
    started = time.process_time()
    data = convert.render(document, fmt)
    return time.process_time() - started, len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", default="10000,100000", help="heading counts, comma-separated")
    parser.add_argument("--formats", default="epub", help="formats, comma-separated (default epub)")
    args = parser.parse_args()
    counts = [int(count) for count in args.counts.split(",")]
    for fmt in args.formats.split(","):
        convert.render(convert.read_bytes(b"Warm-up\n# x\n", "w.txt").document, fmt)  # imports
        first = None
        for count in counts:
            seconds, size = measure(count, fmt)
            first = first or (count, seconds)
            growth = (seconds / first[1]) / (count / first[0]) if first[1] else float("nan")
            print(f"{fmt:5} {count:>8} headings  {seconds:7.2f} s  {size / 1e6:7.1f} MB  "
                  f"time per heading x{growth:.2f} of the first row")


if __name__ == "__main__":
    main()
