"""What a batch prints while it runs.

On a terminal: a progress bar (tqdm, imported only then) and a line per
failure.  Elsewhere (a pipe, a log, ``CI`` set): one concise line per failed
input and a final summary, never escape codes.  One input alone prints the
paths it wrote, like any Unix tool.  Reader and writer warnings are printed
for every input (grouped under its name in batches), unless ``--quiet``.
"""

from __future__ import annotations

import os
import sys
from convert.run.jobs import JobResult


def wants_bar(quiet: bool, total: int) -> bool:
    """A bar only for several inputs, on an interactive terminal, outside CI."""
    return not quiet and total > 1 and sys.stderr.isatty() and not os.environ.get("CI")


class Progress:
    """Receives each result as it completes and tells the user what matters."""

    def __init__(self, total: int, quiet: bool = False, verbose: bool = False, stdout_free: bool = True) -> None:
        """:param stdout_free: whether output paths may go to standard output
            (not when ``--report -`` writes the report there)."""
        self.single = total == 1
        self.quiet, self.verbose = quiet, verbose
        self.stdout_free = stdout_free
        self._bar = None
        if wants_bar(quiet, total):
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)

    def _say(self, line: str, to_stderr: bool = True) -> None:
        if self._bar is not None:
            self._bar.write(line, file=sys.stderr if to_stderr else sys.stdout)
        else:
            print(line, file=sys.stderr if to_stderr else sys.stdout, flush=True)

    def result(self, result: JobResult) -> None:
        """Report one finished input."""
        show_details = self.verbose or (self.single and not self.quiet)
        if show_details:
            for warning in result.warnings:
                if warning.level == "warning" or self.verbose:
                    self._say(f"convert: {warning.level}: {result.input}: {warning}")
            for output in result.outputs:
                self._say(output.path, to_stderr=not self.stdout_free)
        elif not self.quiet:
            self._group_warnings(result)
        if result.status == "failed":
            self._say(f"convert: error: {result.error}")
        if self._bar is not None:
            self._bar.update(1)

    def _group_warnings(self, result: JobResult) -> None:
        """A batch's warnings for one input: a line naming it, then one indented line each."""
        warnings = [warning for warning in result.warnings if warning.level == "warning"]
        if warnings:
            count = f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}"
            self._say("\n".join([f"convert: {count} in {result.input}:", *(f"  {warning}" for warning in warnings)]))

    def finish(self, summary: str) -> None:
        """Close the bar and print the summary line (batches only)."""
        if self._bar is not None:
            self._bar.close()
        if not self.single and not self.quiet:
            print(summary, file=sys.stderr, flush=True)


