#!/usr/bin/env bash
# The honest baseline: plain `tesseract` over labelled images, its raw text scored like
# postocr's post text (each truth post against its best-matching substring of the output).
# Usage: scripts/baseline-tesseract.sh [DIR...] (default: samples/); LANGS=eng+rus+ukr by default.
set -euo pipefail
cd "$(dirname "$0")/.."
langs=${LANGS:-eng+rus+ukr}
dirs=("$@"); [ ${#dirs[@]} -gt 0 ] || dirs=(samples)
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
find "${dirs[@]}" -type f \( -name '*.png' -o -name '*.jpg' -o -name '*.jpeg' -o -name '*.webp' \) | sort |
  while read -r img; do
    stem=$(basename "${img%.*}")
    [ -f "${img%.*}.truth.json" ] || continue
    printf '%s\0%s\0' "$img" "$out/$stem"
  done | OMP_THREAD_LIMIT=1 xargs -0 -n 2 -P "$(nproc)" sh -c 'tesseract "$0" "$1" -l '"$langs"' >/dev/null 2>&1 || true'
[ -x target/release/postocr ] || cargo build --release -q
./target/release/postocr eval "${dirs[@]}" --raw-text "$out" --worst 0
