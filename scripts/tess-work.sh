#!/usr/bin/env bash
# Count Tesseract's recognition work (not time) of a postocr run, for A/B tests on a busy
# machine: wall and CPU time vary by ±10 % with other load, these counts do not.
#
#   scripts/tess-work.sh [--bin PATH] FILE... [-- POSTOCR-ARGS...]
#
# Uses perf uprobes on libtesseract (root, `apt-get install linux-perf`):
#   lines   calls of Tesseract::LSTMRecognizeWord (one per text line or word read by an LSTM
#           model, every model of a language set counted: "rus+ukr" reads a line the first
#           model rejects twice)
#   steps   calls of FullyConnected::ForwardTimeStep: the LSTM's time steps, proportional to
#           the width of all text read, the best single measure of recognition work
#   cpu_ms  task-clock of the run (noisy under load; includes model loading)
# Runs postocr --jobs 1 with OMP_THREAD_LIMIT=1; records go to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./target/release/postocr
if [ "${1:-}" = --bin ]; then bin=$2; shift 2; fi
files=() extra=()
while [ $# -gt 0 ]; do
  if [ "$1" = -- ]; then shift; extra=("$@"); break; fi
  files+=("$1"); shift
done
lib=$(ldd "$bin" | awk '/libtesseract/ {print $3}')
lib=$(readlink -f "$lib")
addr() { printf '0x%x' "0x$(nm -D "$lib" | grep -m1 "$1" | cut -d' ' -f1)"; }
perf probe -q -d 'probe_libtesseract:pw_*' 2>/dev/null || true
perf probe -q -x "$lib" -a "pw_lines=$(addr '9Tesseract17LSTMRecognizeWord')"
perf probe -q -x "$lib" -a "pw_steps=$(addr 'FullyConnected15ForwardTimeStepEiPf')"
stat=$(mktemp)
OMP_THREAD_LIMIT=1 perf stat -x, -o "$stat" \
  -e probe_libtesseract:pw_lines,probe_libtesseract:pw_steps,task-clock \
  "$bin" --jobs 1 "${extra[@]}" "${files[@]}" >/dev/null 2>&1 || true
perf probe -q -d 'probe_libtesseract:pw_*' || true
awk -F, '/pw_lines/ {l=$1} /pw_steps/ {s=$1} /task-clock/ {c=$1}
  END {printf "lines %d  steps %d  cpu_ms %.0f\n", l, s, c}' "$stat"
rm -f "$stat"
