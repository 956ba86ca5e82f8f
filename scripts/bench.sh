#!/usr/bin/env bash
# Benchmark: postocr against plain Tesseract set-ups, on one folder of images.
#
#   scripts/bench.sh [DIR] [--runs N] [--b0-runs N] [--no-b0] [--big N] [--out FILE]
#
#   DIR          folder of images (default: samples/); every *.png/*.jpg/*.jpeg under it
#   --runs N     timed runs per set-up (default 3)
#   --b0-runs N  runs of B0, the slow shell loop (default: --runs, but 1 past 100 images)
#   --no-b0      skip B0 altogether
#   --big N      first build a folder of N images by hard-linking DIR's images under new
#                names (in target/bench/, removed afterwards) and benchmark that instead
#   --out FILE   also write the tables there (default bench/last.md, bench/big-N.md with --big)
#
# Set-ups, all over the same list of images:
#   B0   tesseract IMG out, in a shell loop, default settings (what most people write)
#   B1   OMP_THREAD_LIMIT=1 + GNU parallel -j2 tesseract IMG out -l eng
#   B2   the same as B1 with -l eng+rus+ukr (postocr's default language set)
#   P1   postocr --jobs 1 (release build; records to /dev/null)
#   P2   postocr --jobs 2
# Times come from hyperfine (mean of the runs); peak RSS from /usr/bin/time (%M: the largest
# single process: for the Tesseract set-ups one tesseract, for postocr the whole program).
# Then one image alone (postocr vs tesseract), and from a --timings run of P2 the share of
# per-image time spent outside Tesseract's recognition.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=samples runs=3 b0_runs="" no_b0=0 big=0 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --b0-runs) b0_runs=$2; shift 2 ;;
    --no-b0) no_b0=1; shift ;;
    --big) big=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) dir=$1; shift ;;
  esac
done
[ -d "$dir" ] || { echo "bench: $dir is not a folder" >&2; exit 2; }

need=()
command -v tesseract >/dev/null || need+=(tesseract-ocr)
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v parallel >/dev/null || need+=(parallel)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench: installing ${need[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq "${need[@]}" >&2
fi

cargo build --release --quiet
bin=$PWD/target/release/postocr
mkdir -p target/bench
work=$(mktemp -d "$PWD/target/bench/run.XXXXXX")
trap 'rm -rf "$work"' EXIT

find "$dir" -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' \) | LC_ALL=C sort >"$work/src.list"
n_src=$(wc -l <"$work/src.list")
[ "$n_src" -gt 0 ] || { echo "bench: no images under $dir" >&2; exit 2; }
label="$dir ($n_src images)"
if [ "$big" -gt 0 ]; then
  mkdir "$work/big"
  i=0
  while [ "$i" -lt "$big" ]; do
    while IFS= read -r f && [ "$i" -lt "$big" ]; do
      i=$((i + 1))
      dst=$work/big/$(printf '%06d' "$i")-$(basename "$f")
      ln "$f" "$dst" 2>/dev/null || cp "$f" "$dst"
    done <"$work/src.list"
  done
  find "$work/big" -type f | LC_ALL=C sort >"$work/list"
  label="$big images made from $dir ($n_src images, repeated under new names)"
  out=${out:-bench/big-$big.md}
else
  cp "$work/src.list" "$work/list"
fi
out=${out:-bench/last.md}
n=$(wc -l <"$work/list")
[ -n "$b0_runs" ] || { if [ "$n" -gt 100 ]; then b0_runs=1; else b0_runs=$runs; fi; }

# Each set-up is a small script over the list; /usr/bin/time appends its peak RSS (KiB).
mk() { # name, body
  printf '#!/usr/bin/env bash\nset -e\nlist=%q; work=%q; bin=%q\n%s\n' "$work/list" "$work" "$bin" "$2" >"$work/$1.sh"
  chmod +x "$work/$1.sh"
}
mk B0 'unset OMP_THREAD_LIMIT
while IFS= read -r f; do tesseract "$f" "$work/out-b0" >/dev/null 2>&1; done <"$list"'
mk B1 'OMP_THREAD_LIMIT=1 parallel --will-cite -j2 "tesseract {} $work/out-b1-{%} -l eng >/dev/null 2>&1" <"$list"'
mk B2 'OMP_THREAD_LIMIT=1 parallel --will-cite -j2 "tesseract {} $work/out-b2-{%} -l eng+rus+ukr >/dev/null 2>&1" <"$list"'
mk P1 '"$bin" --jobs 1 --quiet - <"$list" >/dev/null 2>"$work/p1.err" || [ $? -eq 1 ]'
mk P2 '"$bin" --jobs 2 --quiet - <"$list" >/dev/null 2>"$work/p2.err" || [ $? -eq 1 ]'
timed() { printf '/usr/bin/time -f %%M -a -o %q %q' "$work/rss-$1" "$work/$1.sh"; }

echo "bench: $label; $runs runs each (B0: $b0_runs)" >&2
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
hf=(hyperfine --style basic --warmup 0)
if [ "$no_b0" = 0 ]; then
  "${hf[@]}" --runs "$b0_runs" --export-csv "$work/b0.csv" -n B0 "$(timed B0)" >&2
fi
"${hf[@]}" --runs "$runs" --export-csv "$work/rest.csv" \
  -n B1 "$(timed B1)" -n B2 "$(timed B2)" -n P1 "$(timed P1)" -n P2 "$(timed P2)" >&2

# One image alone: the first of the list. One warm-up run first: a cold first run (files
# and models not yet in the page cache) slows whichever command comes first.
one=$(head -n1 "$work/list")
q1=$(printf %q "$one") qo=$(printf %q "$work/one")
hyperfine --style basic --warmup 1 --runs $((runs + 2)) --export-csv "$work/one.csv" \
  -n "OMP_THREAD_LIMIT=1 tesseract -l eng" "OMP_THREAD_LIMIT=1 tesseract $q1 $qo -l eng" \
  -n "OMP_THREAD_LIMIT=1 tesseract -l eng+rus+ukr" "OMP_THREAD_LIMIT=1 tesseract $q1 $qo -l eng+rus+ukr" \
  -n "postocr (eng+rus+ukr with posts)" "$(printf %q "$bin") --quiet $q1 >/dev/null" >&2

# Per-stage time from records (--timings), summed over the images.
"$bin" --jobs 2 --quiet --timings - <"$work/list" >"$work/timings.jsonl" 2>/dev/null || true
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "## postocr benchmark"
  echo
  echo "- images: $label"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM"
  echo "- $(tesseract --version 2>&1 | head -n1), postocr $(git describe --always --dirty 2>/dev/null || echo '?'), $(date -u +%Y-%m-%d)"
  echo "- load average (1, 5, 15 min) before: $load_before, after: $load_after (other work on the machine slows every row, and the -j2 rows most)"
  echo "- runs: $runs each (B0: $( [ "$no_b0" = 0 ] && echo "$b0_runs" || echo skipped)); time = mean wall time of the runs"
  echo
  csvs=("$work/rest.csv")
  [ -f "$work/b0.csv" ] && csvs=("$work/b0.csv" "${csvs[@]}")
  cat "${csvs[@]}" | awk -F, -v n="$n" -v work="$work" '
    $1 == "command" { next }
    {
      name[++k] = $1; mean[k] = $2; by[$1] = $2
      rss = 0; f = work "/rss-" $1
      while ((getline line < f) > 0) if (line + 0 > rss) rss = line + 0
      close(f); mem[k] = rss / 1024
    }
    END {
      desc["B0"] = "tesseract loop, default settings"
      desc["B1"] = "OMP_THREAD_LIMIT=1 parallel -j2 tesseract -l eng"
      desc["B2"] = "OMP_THREAD_LIMIT=1 parallel -j2 tesseract -l eng+rus+ukr"
      desc["P1"] = "postocr --jobs 1 (eng+rus+ukr, posts)"
      desc["P2"] = "postocr --jobs 2 (eng+rus+ukr, posts)"
      print "| set-up | | time (s) | images/s | vs B0 | vs B1 | vs B2 | peak RSS (MB) |"
      print "|---|---|---:|---:|---:|---:|---:|---:|"
      for (i = 1; i <= k; i++) {
        r = ""
        split("B0 B1 B2", base, " ")
        for (j = 1; j <= 3; j++) r = r sprintf(" %s |", (base[j] in by) ? sprintf("%.2f×", by[base[j]] / mean[i]) : "–")
        printf "| %s | %s | %.2f | %.2f |%s %.0f |\n", name[i], desc[name[i]], mean[i], n / mean[i], r, mem[i]
      }
      if (("P1" in by) && ("P2" in by)) printf "\npostocr --jobs 2 vs --jobs 1: %.2f×\n", by["P1"] / by["P2"]
    }'
  echo
  echo "One image (\`$(basename "$one")\`), mean of $((runs + 2)) runs after one warm-up run:"
  echo
  echo "| command | time (ms) |"
  echo "|---|---:|"
  awk -F, '$1 != "command" { printf "| %s | %.0f |\n", $1, $2 * 1000 }' "$work/one.csv"
  echo
  echo "Where postocr's time goes (\`--timings\`, summed over the images of one --jobs 2 run):"
  echo
  awk '
    {
      if (match($0, /"elapsed_ms":[0-9]+/)) total += substr($0, RSTART + 13, RLENGTH - 13)
      if (match($0, /"timings":\{[^}]*\}/)) {
        t = substr($0, RSTART + 11, RLENGTH - 12); m = split(t, kv, ",")
        for (i = 1; i <= m; i++) { split(kv[i], p, ":"); gsub(/"/, "", p[1]); s[p[1]] += p[2] }
      }
    }
    END {
      if (total == 0) { print "(no timings)"; exit }
      outside = s["read"] + s["decode"] + s["prepare"] + s["layout"] + s["posts"]
      rest = total - outside - s["ocr"]
      print "| stage | ms | share |"
      print "|---|---:|---:|"
      split("read decode prepare ocr layout posts", st, " ")
      for (i = 1; i <= 6; i++) {
        printf "| %s | %d | %.1f %% |\n", st[i], s[st[i]], 100 * s[st[i]] / total
        if (st[i] == "ocr") {
          split("ocr_page ocr_reread ocr_counts", sub_, " ")
          for (j = 1; j <= 3; j++) printf "| · %s | %d | %.1f %% |\n", sub_[j], s[sub_[j]], 100 * s[sub_[j]] / total
        }
      }
      printf "| other (record, between stages) | %d | %.1f %% |\n", rest, 100 * rest / total
      printf "| **outside recognition** (read+decode+prepare+layout+posts) | %d | **%.1f %%** |\n", outside, 100 * outside / total
    }' "$work/timings.jsonl"
} >"$work/table.md"

mkdir -p "$(dirname "$out")"
cp "$work/table.md" "$out"
cat "$work/table.md"
echo >&2
echo "bench: tables written to $out" >&2
