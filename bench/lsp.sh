#!/usr/bin/env bash
# Benchmark of the language server: with the 100,000-entry bank loaded
# (examples/gen_bank.rs, as bench/bank.sh makes it), how long after the debounce the
# diagnostics of a generated 2,000-word draft arrive when one word of it is edited, and
# how long a save (checked at once) takes. The client is bench/lsp_latency.py (the
# Python standard library only), speaking to `factcheck lsp` over its standard input
# and output as an editor does; the server's CPU time (user + system) comes from /proc.
#
#   bash bench/lsp.sh            # prints a Markdown table (a few minutes the first time)
#
# Env: BENCH_ROUNDS (50 edits and 50 saves per bank). Everything generated goes under
# target/bench (or $BENCH_DIR); nothing is committed.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${BENCH_DIR:-target/bench}
rounds=${BENCH_ROUNDS:-50}
debounce_ms=200 # crate::lsp::DEFAULT_DEBOUNCE
mkdir -p "$out"

echo "building (release)..." >&2
cargo build --release --quiet --bin factcheck --example gen_bank
fc=$PWD/target/release/factcheck
gen=$PWD/target/release/examples/gen_bank

echo "generating the banks and the drafts in $out..." >&2
for n in 1000 100000; do
  [ -d "$out/bank-$n" ] || "$gen" bank --entries "$n" --out "$out/bank-$n"
done
[ -d "$out/archive-1000" ] || "$gen" drafts --count 1000 --out "$out/archive-1000"
draft=$out/archive-1000/draft-00000.txt
export FACTCHECK_CACHE_DIR=$out/cache

printf '\nLoad average at start: %s; %s cores, %s. %s edits and %s saves per bank; debounce %s ms.\n\n' \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" "$(uname -sr)" "$rounds" "$rounds" "$debounce_ms"
printf '| bank entries | draft words | first diagnostics after didOpen (loads the bank) | edit: after the debounce, median / p95 / max | edit: server CPU | save: median / p95 / max | save: server CPU |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|\n'
for n in 1000 100000; do
  bank=$(cd "$out/bank-$n" && pwd)
  # Fill the compiled rules cache, as any earlier run of factcheck would have.
  "$fc" --rules "$bank" "$draft" >/dev/null 2>&1 || true
  python3 bench/lsp_latency.py "$fc" "$bank" "$draft" "$rounds" "$debounce_ms" |
    python3 -c '
import json, sys
r = json.load(sys.stdin)
e, s = r["edit_after_debounce_ms"], r["save_ms"]
assert r["exit_code"] == 0, r
print("| %s | %d | %d ms | %s / %s / %s ms | %s ms | %s / %s / %s ms | %s ms |" % (
    sys.argv[1], r["words"], r["open_ms"], e["median"], e["p95"], e["max"],
    r["edit_cpu_ms"], s["median"], s["p95"], s["max"], r["save_cpu_ms"]))
' "$n"
done
printf '\nLoad average at the end: %s.\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
