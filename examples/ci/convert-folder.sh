#!/usr/bin/env bash
# Convert every text document under a folder to EPUB and PDF, keep a JSON
# report, and fail the job when any input failed.
#
#   examples/ci/convert-folder.sh SOURCE_DIR OUTPUT_DIR
#
# Exit codes are convert's own: 0 all converted, 1 some inputs failed (the
# others were still converted and the report says which and why), 2 usage
# error (e.g. no inputs found).
set -uo pipefail

source_dir=${1:?usage: convert-folder.sh SOURCE_DIR OUTPUT_DIR}
output_dir=${2:?usage: convert-folder.sh SOURCE_DIR OUTPUT_DIR}
report="$output_dir/report.json"

if [ -z "${CONVERT_SKIP_INSTALL:-}" ]; then   # set it when convert is already installed
  python3 -m venv .convert-venv
  . .convert-venv/bin/activate
  pip install --quiet "${CONVERT_PACKAGE:-convert-text}"
fi

# Reproducible outputs: stamp every file with the commit's date.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

mkdir -p "$output_dir"
convert "$source_dir" --to epub --to pdf -o "$output_dir" --report "$report" --skip-unchanged
status=$?

case "$status" in
  0) echo "all documents converted; report: $report" ;;
  1) echo "some documents failed; see $report" >&2
     python -c 'import json,sys; r=json.load(open(sys.argv[1])); [print("  failed:", e["input"], "-", e["error"]) for e in r["inputs"] if e["status"]=="failed"]' "$report" >&2 ;;
  *) echo "convert could not run (exit $status)" >&2 ;;
esac
exit "$status"
