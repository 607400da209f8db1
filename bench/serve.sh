#!/usr/bin/env bash
# Benchmark of the review service: 10,000 `POST /api/v1/check` of generated 2,000-word
# drafts from 2 concurrent clients (each on one keep-alive connection), against
# `factcheck serve` on 127.0.0.1, once with the LA rules (rules/) and once with a
# 100,000-entry bank (examples/gen_bank.rs, as bench/bank.sh makes it).
#
#   bash bench/serve.sh            # prints a Markdown table (a few minutes)
#
# The load generator is examples/load.rs (std only; loopback addresses only): it
# sends a warm-up of 500 requests, then times 10,000, and reads the server's memory
# from /proc (resident after the warm-up and at the end, and the peak). The server's
# CPU time (user + system, from /proc) is reported beside the wall time. The script
# starts each server itself and stops it with SIGTERM. Everything generated goes under
# target/bench (or $BENCH_DIR).
#
# Env: BENCH_REQUESTS (10000), BENCH_CLIENTS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${BENCH_DIR:-target/bench}
requests=${BENCH_REQUESTS:-10000}
clients=${BENCH_CLIENTS:-2}
mkdir -p "$out"

echo "building (release)..." >&2
cargo build --release --quiet --bin factcheck --example gen_bank --example load
fc=$PWD/target/release/factcheck
gen=$PWD/target/release/examples/gen_bank
load=$PWD/target/release/examples/load

echo "generating the bank and the drafts in $out..." >&2
[ -d "$out/bank-100000" ] || "$gen" bank --entries 100000 --out "$out/bank-100000"
[ -d "$out/archive-1000" ] || "$gen" drafts --count 1000 --out "$out/archive-1000"
words=$(cat "$out"/archive-1000/draft-0000*.txt | wc -w)
export FACTCHECK_CACHE_DIR=$out/cache

# CPU seconds (user + system) of a process so far.
cpu_s() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}

# One server, one load run: prints a table row.
bench() {
  local label=$1 rules=$2
  local db log pid addr
  db=$(mktemp -u -p "$out" serve-XXXX.sqlite)
  log=$(mktemp -p "$out" serve-XXXX.log)
  "$fc" serve --rules "$rules" --listen 127.0.0.1:0 --db "$db" 2>"$log" &
  pid=$!
  addr=
  for _ in $(seq 1 6000); do  # up to 10 minutes: a first load compiles and caches the bank
    addr=$(grep -o 'listening on http://[0-9.:]*' "$log" | sed 's|listening on http://||' || true)
    [ -n "$addr" ] && break
    kill -0 "$pid" 2>/dev/null || { echo "bench: the server exited: $(cat "$log")" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$addr" ] || { echo "bench: the server did not start" >&2; kill "$pid"; exit 1; }
  local loaded cpu0 cpu1 result
  loaded=$(grep -o 'loaded [0-9]* rules from [0-9]* files* in [0-9]* ms' "$log" || true)
  cpu0=$(cpu_s "$pid")
  result=$("$load" --addr "$addr" --drafts "$out/archive-1000" --requests "$requests" \
    --clients "$clients" --warmup 500 --pid "$pid")
  cpu1=$(cpu_s "$pid")
  kill -TERM "$pid"
  wait "$pid" || { echo "bench: the server did not stop cleanly" >&2; exit 1; }
  rm -f "$db" "$db-wal" "$db-shm" "$log"
  python3 - "$label" "$result" "$cpu0" "$cpu1" "$loaded" <<'PY'
import json, sys
label, result, cpu0, cpu1, loaded = sys.argv[1:6]
r = json.loads(result)
cpu = float(cpu1) - float(cpu0)
print("| %s | %d | %d | %.1f s / %.1f s | %.0f | %.2f ms | %.2f ms | %.0f MB | %.0f MB | %.0f MB | %s |" % (
    label, r["requests"], r["errors"], r["wall_s"], cpu, r["throughput"], r["p50_ms"], r["p99_ms"],
    r["rss_after_warmup_mb"], r["rss_end_mb"], r["peak_rss_mb"], loaded or "?"))
PY
}

printf '\n%s requests of 2,000-word drafts (%s words in the first ten), %s concurrent clients, after 500 warm-up requests.\n' \
  "$requests" "$words" "$clients"
printf 'Load average at start: %s; %s cores.\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
printf '| rules | requests | errors | wall / server CPU | requests/s | p50 | p99 | RSS after warm-up | RSS at end | peak RSS | rules load |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n'
bench "LA rules (rules/)" rules
bench "100,000-entry bank" "$out/bank-100000"
printf '\nLoad average at the end: %s.\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
