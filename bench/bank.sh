#!/usr/bin/env bash
# Benchmark: factcheck with a newsroom-wide bank of 1,000, 10,000 and 100,000 verified
# entries (a third each quotes, claims and statements, all `required: false`), against archives of 1,000
# and 10,000 generated 2,000-word drafts, side by side with `rg -F -f` (every bank quote
# as a fixed string) over the same archive and with the straightforward per-rule engine;
# then precision at bank scale (1,000 drafts that quote and state bank entries
# correctly, 300 with one planted error each, against the 100,000-entry bank), `rules
# check` on that bank, and a bank of 50,000 entries written as one file.
#
#   bash bench/bank.sh            # prints a Markdown table (takes a few minutes)
#
# Everything generated goes under target/bench (or $BENCH_DIR); nothing is committed.
# The generator is seeded (examples/gen_bank.rs): the same files on every machine.
# Needs hyperfine, ripgrep and GNU time; installs them with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${BENCH_DIR:-target/bench}
jobs=${BENCH_JOBS:-2}
mkdir -p "$out"

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      (apt-get install -y "$2" >/dev/null 2>&1 ||
        (apt-get update >/dev/null 2>&1 && apt-get install -y "$2" >/dev/null 2>&1)) || true
    fi
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "bench: $1 is needed (apt-get install $2)" >&2; exit 2; }
}
need hyperfine hyperfine
need rg ripgrep
[ -x /usr/bin/time ] || need /usr/bin/time time

echo "building (release)..." >&2
cargo build --release --quiet --bin factcheck --example gen_bank
fc=$PWD/target/release/factcheck
gen=$PWD/target/release/examples/gen_bank

echo "generating banks and archives in $out..." >&2
for n in 1000 10000 100000; do
  [ -d "$out/bank-$n" ] || "$gen" bank --entries "$n" --out "$out/bank-$n"
  [ -f "$out/patterns-$n.txt" ] || "$gen" patterns --entries "$n" --out "$out/patterns-$n.txt"
done
[ -d "$out/archive-1000" ] || "$gen" drafts --count 1000 --out "$out/archive-1000"
[ -d "$out/archive-10000" ] || "$gen" drafts --count 10000 --out "$out/archive-10000"
draft=$out/archive-1000/draft-00000.txt

export FACTCHECK_CACHE_DIR=$out/cache
rm -rf "$FACTCHECK_CACHE_DIR"

# Mean wall and CPU (user + system) time of a command in milliseconds, by hyperfine.
mean_ms() {
  local runs=$1; shift
  hyperfine -N --style none --warmup 1 --runs "$runs" -i --export-csv "$out/hf.csv" "$*" >/dev/null 2>&1
  awk -F, 'NR == 2 { printf "%.0f %.0f\n", $2 * 1000, ($5 + $6) * 1000 }' "$out/hf.csv"
}

# Wall seconds, peak memory (MB) and CPU seconds (user + system) of a command, by GNU
# time.
timed() {
  /usr/bin/time -f "%e %M %U %S" -o "$out/time.txt" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$out/time.txt" | awk '{ printf "%s %.0f %.2f\n", $1, $2 / 1024, $3 + $4 }'
}

div() { awk -v a="$1" -v b="$2" "BEGIN { printf \"%.${3:-0}f\", a / b }"; }

printf '\nWall time is on this machine as it was; CPU time (user + system) is what the work costs,\n'
printf 'and CPU / %s is what %s idle cores would take. Load average at start: %s.\n\n' "$jobs" "$jobs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| bank entries | 1 draft, whole process: wall / CPU | 1 draft, first run (YAML + compile) | 1,000 drafts: wall / CPU | 10,000 drafts: wall / CPU | drafts/s on %s idle cores (CPU) | peak memory | `rg -F -f`, 10,000 drafts: wall / CPU | CPU vs rg | straightforward engine |\n' "$jobs"
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
declare -A per_draft
for n in 1000 10000 100000; do
  bank=$out/bank-$n
  read -r cold _ < <(mean_ms 3 "$fc --no-cache -j $jobs --rules $bank $draft")
  "$fc" -j "$jobs" --rules "$bank" "$draft" >/dev/null 2>&1 || true # fills the cache
  read -r warm warm_cpu < <(mean_ms 20 "$fc -j $jobs --rules $bank $draft")
  read -r s1k _ c1k < <(timed "$fc" -j "$jobs" --rules "$bank" "$out"/archive-1000/*.txt)
  read -r s10k mem c10k < <(timed "$fc" -j "$jobs" --rules "$bank" "$out"/archive-10000/*.txt)
  read -r rg10k _ rgc < <(timed rg -j "$jobs" -F -f "$out/patterns-$n.txt" "$out/archive-10000")
  per_draft[$n]=$(div "$c10k" 10 3)
  # The straightforward engine compiles one regex per context term and compares every
  # quote rule with every draft quote: a sample of drafts, and not at 100k (it would
  # need about 20 GB for the regexes).
  case $n in
    1000) sample=100 ;;
    10000) sample=10 ;;
    *) sample=0 ;;
  esac
  if [ "$sample" -gt 0 ]; then
    files=("$out"/archive-1000/*.txt)
    read -r sst stmem stc < <(timed "$fc" --straightforward -j "$jobs" --rules "$bank" "${files[@]:0:$sample}")
    straight="$(div "$sample" "$(div "$stc" "$jobs" 3)" 1) drafts/s (${sample} drafts: ${sst} s / ${stc} s CPU, ${stmem} MB)"
  else
    straight="not run (about 20 GB of regexes)"
  fi
  printf '| %s | %s ms / %s ms | %s ms | %s s / %s s | %s s / %s s | %s | %s MB | %s s / %s s | %sx | %s |\n' \
    "$n" "$warm" "$warm_cpu" "$cold" "$s1k" "$c1k" "$s10k" "$c10k" \
    "$(div 10000 "$(div "$c10k" "$jobs" 3)")" "$mem" "$rg10k" "$rgc" "$(div "$c10k" "$rgc" 2)" "$straight"
done
# The same archive against the largest bank, with JSON output instead of text: how
# much of the time is rendering.
read -r sj _ cj < <(timed "$fc" -j "$jobs" --format json --rules "$out/bank-100000" "$out"/archive-10000/*.txt)
printf '\nWith --format json instead of text (100,000 entries, 10,000 drafts): %s s / %s s CPU.\n' "$sj" "$cj"
printf 'CPU per draft on the 10,000-draft archive: %s ms (1k bank), %s ms (10k), %s ms (100k): growth from 1k to 100k entries %sx.\n' \
  "${per_draft[1000]}" "${per_draft[10000]}" "${per_draft[100000]}" "$(div "${per_draft[100000]}" "${per_draft[1000]}" 2)"

# Precision at bank scale: drafts that quote and state entries drawn from the whole
# 100,000-entry bank correctly (every finding in them is false), and drafts with one
# planted error each (each must be found), checked against that bank.
prec=$out/precision-100000
[ -d "$prec" ] || "$gen" precision --entries 100000 --count 1000 --planted 300 --words 800 --out "$prec"
read -r ps _ pc < <(timed "$fc" -j "$jobs" --format json -o "$out/precision.json" --rules "$out/bank-100000" "$prec"/clean-*.txt "$prec"/planted-*.txt)
printf '\nPrecision against the 100,000-entry bank (%s drafts, %s s wall / %s s CPU):\n' "$(ls "$prec"/*.txt | wc -l)" "$ps" "$pc"
python3 - "$out/precision.json" "$prec/planted.tsv" <<'PY'
import collections, json, os, sys
doc = json.load(open(sys.argv[1]))
key = {}
for line in open(sys.argv[2]).read().splitlines()[1:]:
    name, kind, ruleset, rule = line.split("\t")
    key[name] = (kind, ruleset, rule)
clean = false = planted_found = planted_false = planted = 0
kinds = collections.Counter()
for f in doc["files"]:
    name = os.path.basename(f["path"])
    got = [(x["kind"], x["ruleset"], x["rule"]) for x in f["findings"]]
    if name.startswith("clean-"):
        clean += 1
        false += len(got)
        kinds.update(k for k, _, _ in got)
    elif name in key:
        planted += 1
        if key[name] in got:
            planted_found += 1
        extra = [g for g in got if g != key[name]]
        planted_false += len(extra)
        kinds.update(k for k, _, _ in extra)
print(f"- clean drafts: {clean}, false findings: {false} = {false / max(clean, 1):.3f} per clean draft (target <= 0.02)")
print(f"- planted errors found: {planted_found}/{planted} (target: all); other findings in those drafts: {planted_false}")
print(f"- false findings by kind: {dict(kinds) or 'none'}")
PY

# The bank's own consistency (`rules check`): 100,000 entries, hashed by normalised text.
read -r rs rmem rc < <(timed "$fc" rules check "$out/bank-100000")
"$fc" rules check --format json "$out/bank-100000" > "$out/rules-check.json" || true
printf '\n`rules check` on the 100,000-entry bank: %s s wall / %s s CPU, %s MB; %s\n' "$rs" "$rc" "$rmem" \
  "$(python3 -c 'import collections,json,sys; d=json.load(open(sys.argv[1])); c=collections.Counter(p["kind"] for p in d["errors"]+d["warnings"]); print(dict(c) or "no problems")' "$out/rules-check.json")"

# A bank written as one file: 50,000 entries, one ruleset, first run (YAML + compile).
[ -f "$out/onefile-50000/bank.yaml" ] || "$gen" bank --entries 50000 --one-file --out "$out/onefile-50000"
read -r os omem oc < <(timed "$fc" --no-cache --rules "$out/onefile-50000/bank.yaml" "$draft")
printf 'One-file bank of 50,000 entries (%s MB of YAML), one draft, no cache: %s s wall / %s s CPU, %s MB.\n' \
  "$(du -m "$out/onefile-50000/bank.yaml" | cut -f1)" "$os" "$oc" "$omem"
printf 'Machine: %s cores, %s; --jobs %s; load average at the end: %s.\n' "$(nproc)" "$(uname -sr)" "$jobs" "$(cut -d' ' -f1-3 /proc/loadavg)"
