#!/usr/bin/env bash
# Browser test of the HTML report (`factcheck --format html -o FILE`).
#
# Renders a report for data/altered.txt, data/misattributed.txt and a draft with an
# injected <script>, loads it in headless Chromium (Debian's `chromium`, installed here
# when missing), and asserts from the rendered DOM that:
#   - every finding with a place in a draft is highlighted by <mark> elements whose class
#     names its kind (the count of highlighted findings equals the findings in the JSON
#     output of the same run);
#   - the rules table is there, one row per rule plus the unverified-quotes row;
#   - the injected <script> did not run (it would set data-injected on <html>), is not a
#     <script> element in the DOM, and shows as text. A control page with a real inline
#     script proves that this Chromium does run scripts under --dump-dom.
# With --screenshot, it also writes docs/html-report.png (1280x900) from the two samples.
#
# Usage: bash tests/browser/html_report.sh [--screenshot]
# Env: FACTCHECK_BIN (default: builds with cargo and uses target/debug/factcheck).
# Prints one summary line; exits non-zero on any failure.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)

fail() {
    echo "html report browser test: FAILED: $*" >&2
    exit 1
}

# Debian's packages, installed when missing.
. tests/browser/debian.sh
need_debian chromium:chromium || fail "chromium is needed"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to read the DOM"

if [ -z "${FACTCHECK_BIN:-}" ]; then
    cargo build --quiet --bin factcheck || fail "cargo build failed"
    FACTCHECK_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/factcheck"
fi
[ -x "$FACTCHECK_BIN" ] || fail "no factcheck binary at $FACTCHECK_BIN"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

chromium_run() {
    # Output of Chromium's own logging goes to stderr and is dropped.
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>/dev/null
}

# A draft that tries to run a script: the sample, and a paragraph quoting a <script>.
injected="$work/injected.txt"
cat data/altered.txt > "$injected"
printf '\nA reader wrote to the council: “We read every word of it <script>document.documentElement.setAttribute(\x27data-injected\x27, \x27yes\x27)</script> and we still disagree.”\n' >> "$injected"
drafts=(data/altered.txt data/misattributed.txt "$injected")

set +e
"$FACTCHECK_BIN" --rules rules --format html -o "$work/report.html" "${drafts[@]}"
code=$?
"$FACTCHECK_BIN" --rules rules --format json "${drafts[@]}" > "$work/findings.json"
set -e
"$FACTCHECK_BIN" rules check --format json rules > "$work/rules.json" || fail "factcheck rules check failed"
[ "$code" = 1 ] || fail "factcheck --format html exited $code, expected 1 (error findings)"
[ -s "$work/report.html" ] || fail "no report written"

chromium_run --dump-dom "file://$work/report.html" > "$work/dom.html" || fail "chromium could not load the report"

# Control: this Chromium runs an inline script under --dump-dom.
printf '<!DOCTYPE html><html><body><script>document.documentElement.setAttribute("data-injected","yes")</script></body></html>' > "$work/control.html"
chromium_run --dump-dom "file://$work/control.html" > "$work/control-dom.html" || fail "chromium could not load the control page"
grep -q 'data-injected="yes"' "$work/control-dom.html" || fail "control page: chromium did not run its script, so the test proves nothing"

summary=$(python3 - "$work/dom.html" "$work/findings.json" "$work/rules.json" <<'PY'
import json, sys
from html.parser import HTMLParser

dom_path, json_path, rules_path = sys.argv[1:4]
dom = open(dom_path, encoding="utf-8").read()
doc = json.load(open(json_path, encoding="utf-8"))

class Dom(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks = []          # (classes, ids)
        self.scripts = 0
        self.html_attrs = {}
        self.rules_rows = 0
        self.in_rules = False
        self.in_tbody = False
        self.text = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        if tag == "script":
            self.scripts += 1
        if tag == "mark":
            self.marks.append((a.get("class", "").split(), a.get("data-findings", "").split()))
        if tag == "table" and "rules-table" in a.get("class", ""):
            self.in_rules = True
        if self.in_rules and tag == "tbody":
            self.in_tbody = True
        if self.in_tbody and tag == "tr":
            self.rules_rows += 1
    def handle_endtag(self, tag):
        if tag == "table":
            self.in_rules = self.in_tbody = False
    def handle_data(self, data):
        self.text.append(data)

p = Dom()
p.feed(dom)
errors = []
if "data-injected" in p.html_attrs:
    errors.append("the injected script ran")
if p.scripts:
    errors.append(f"{p.scripts} <script> element(s) in the DOM")
if "<script>document.documentElement.setAttribute" not in "".join(p.text):
    errors.append("the injected <script> is not shown as text")

# Expected: every finding with a place, by id f<file>-<n>, and its kind.
expected = {}
for i, f in enumerate(doc["files"]):
    for n, finding in enumerate(f["findings"]):
        if finding["start"] is not None:
            expected[f"f{i}-{n}"] = finding["kind"]
seen = {}
for classes, ids in p.marks:
    if "suppressed" in classes:
        continue
    for fid in ids:
        seen.setdefault(fid, set()).update(classes)
if set(seen) != set(expected):
    errors.append(f"highlighted findings {sorted(seen)} != findings {sorted(expected)}")
for fid, kind in expected.items():
    if len(seen.get(fid, ())) and f"k-{kind}" not in seen[fid] and "overlap" not in seen[fid]:
        errors.append(f"{fid}: mark classes {sorted(seen[fid])} lack k-{kind}")
kinds = sorted(set(expected.values()))
for kind in ("altered", "misattributed", "unverified"):
    if kind not in kinds:
        errors.append(f"no {kind} finding highlighted (the samples have one)")

# One row per rule in rules/ (as `factcheck rules check` counts them) plus the
# unverified-quotes row.
rule_count = json.load(open(rules_path, encoding="utf-8"))["summary"]["rules"]
if p.rules_rows != rule_count + 1:
    errors.append(f"rules table has {p.rules_rows} rows, expected {rule_count} rules + 1")

if errors:
    print("; ".join(errors))
    sys.exit(1)
print(f"{len(expected)} findings highlighted ({', '.join(kinds)}) in {len(doc['files'])} drafts, "
      f"rules table {p.rules_rows} rows, injected script not run")
PY
) || fail "$summary"

if [ "${1:-}" = "--screenshot" ]; then
    "$FACTCHECK_BIN" --rules rules --format html -o "$work/samples.html" data/altered.txt data/misattributed.txt || true
    chromium_run --screenshot="$root/docs/html-report.png" --window-size=1280,900 "file://$work/samples.html" >/dev/null \
        || fail "could not take the screenshot"
    summary="$summary; screenshot docs/html-report.png"
fi

echo "html report browser test: ok: $summary"
