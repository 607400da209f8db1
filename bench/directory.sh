#!/usr/bin/env bash
# Benchmark: `factcheck DIR` over a directory tree of 1,000 generated drafts (a third
# each plain text, Markdown and HTML; some stating the LA ruleset's claims and quotes,
# some of those altered), checked against rules/.
#
#   bash bench/directory.sh        # prints wall time, CPU time, drafts/s and peak memory
#
# The drafts are generated under target/bench (or $BENCH_DIR) by a seeded generator
# (examples/gen_drafts.rs): the same files on every machine; nothing is committed.
# Uses hyperfine for the times when it is there (installed with apt-get when missing and
# possible), and GNU time for the peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${BENCH_DIR:-target/bench}
count=${BENCH_DRAFTS:-1000}
jobs=${BENCH_JOBS:-$(nproc)}
mkdir -p "$out"

if ! command -v hyperfine >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y hyperfine >/dev/null 2>&1 || true
fi

echo "building (release)..." >&2
cargo build --release --quiet --bin factcheck --example gen_drafts
fc=$PWD/target/release/factcheck
dir=$out/drafts-$count
rm -rf "$dir"
target/release/examples/gen_drafts --count "$count" --out "$dir"
printf 'drafts: %s files, %s bytes (%s .txt, %s .md, %s .html)\n' \
  "$(find "$dir" -type f | wc -l)" "$(cat "$dir"/*/* | wc -c)" \
  "$(find "$dir" -name '*.txt' | wc -l)" "$(find "$dir" -name '*.md' | wc -l)" "$(find "$dir" -name '*.html' | wc -l)"

cmd=("$fc" --rules rules --no-cache -j "$jobs" "$dir")
# Exit code 1 (error findings) is expected; 2 would be a failure.
set +e
"${cmd[@]}" >"$out/directory-output.txt" 2>"$out/directory-stderr.txt"
code=$?
set -e
if [ "$code" -ge 2 ]; then
  echo "factcheck failed (exit $code):" >&2
  head -20 "$out/directory-stderr.txt" >&2
  exit 2
fi
tail -n 1 "$out/directory-output.txt"

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --style none --warmup 1 --runs "${BENCH_RUNS:-10}" -i \
    --export-csv "$out/directory.csv" "${cmd[*]}" >/dev/null 2>&1
  read -r wall cpu < <(awk -F, 'NR == 2 { printf "%.3f %.3f\n", $2, $5 + $6 }' "$out/directory.csv")
  how="hyperfine, mean of ${BENCH_RUNS:-10} runs"
else
  /usr/bin/time -f "%e %U %S" -o "$out/time.txt" "${cmd[@]}" >/dev/null 2>&1 || true
  read -r wall cpu < <(tail -n 1 "$out/time.txt" | awk '{ printf "%s %.3f\n", $1, $2 + $3 }')
  how="/usr/bin/time, one run"
fi
/usr/bin/time -f "%M" -o "$out/mem.txt" "${cmd[@]}" >/dev/null 2>&1 || true
mem=$(tail -n 1 "$out/mem.txt" | awk '{ printf "%.0f", $1 / 1024 }')

awk -v n="$count" -v w="$wall" -v c="$cpu" -v m="$mem" -v j="$jobs" -v how="$how" 'BEGIN {
  printf "wall %.3f s, CPU (user + system) %.3f s (%s)\n", w, c, how
  printf "%.0f drafts/s wall; %.0f drafts/s per CPU-second; peak memory %s MB; --jobs %s\n", n / w, n / c, m, j
}'
printf 'machine: %s cores, %s; load average: %s\n' "$(nproc)" "$(uname -sr)" "$(cut -d' ' -f1-3 /proc/loadavg)"
