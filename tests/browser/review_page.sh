#!/usr/bin/env bash
# Browser test of the review page of `factcheck serve` (GET /).
#
# Starts `factcheck serve` on a free loopback port with a temporary reviews database,
# starts chromedriver (Debian's `chromium` and `chromium-driver`, installed here when
# missing), and drives headless Chromium over WebDriver (tests/browser/review_page.py,
# Python standard library only): load the page, paste a sample draft, check it, count
# the marks per kind against the API's findings, see an approval refused, apply all
# fixes, see no altered finding on the re-check, approve; then a second draft whose
# error findings are accepted with a reason, approved; both reviews read back from the
# SQLite file. Then stops the server with SIGTERM and expects exit 0.
#
# Usage: bash tests/browser/review_page.sh [ALTERED_DRAFT MISATTRIBUTED_DRAFT]
#        (default data/altered.txt data/misattributed.txt)
# Env: FACTCHECK_BIN (default: builds with cargo and uses target/debug/factcheck).
# Prints one summary line; exits non-zero on any failure.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$(pwd)
first=${1:-data/altered.txt}
second=${2:-data/misattributed.txt}

fail() {
    echo "review page browser test: FAILED: $*" >&2
    exit 1
}

# Debian's packages, installed when missing.
. tests/browser/debian.sh
need_debian chromium:chromium chromedriver:chromium-driver || fail "chromium and chromium-driver are needed"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to drive the browser"

if [ -z "${FACTCHECK_BIN:-}" ]; then
    cargo build --quiet --bin factcheck || fail "cargo build failed"
    FACTCHECK_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/factcheck"
fi
[ -x "$FACTCHECK_BIN" ] || fail "no factcheck binary at $FACTCHECK_BIN"

work=$(mktemp -d)
server_pid=
driver_pid=
cleanup() {
    [ -n "$driver_pid" ] && kill "$driver_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The server, on a port it picks (its log says which).
FACTCHECK_CACHE_DIR="" "$FACTCHECK_BIN" serve --rules rules --listen 127.0.0.1:0 --db "$work/reviews.sqlite" 2>"$work/server.log" &
server_pid=$!
url=
for _ in $(seq 1 300); do
    url=$(grep -o 'listening on http://[0-9.:]*' "$work/server.log" | sed 's/listening on //' || true)
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || fail "the server exited: $(cat "$work/server.log")"
    sleep 0.1
done
[ -n "$url" ] || fail "the server did not start: $(cat "$work/server.log")"

port=$(free_port)
chromedriver --port="$port" --allowed-ips=127.0.0.1 >"$work/driver.log" 2>&1 &
driver_pid=$!
for _ in $(seq 1 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/status', timeout=1)" 2>/dev/null && break
    sleep 0.1
done

summary=$(timeout 300 python3 tests/browser/review_page.py "$url" "http://127.0.0.1:$port" \
    "$work/reviews.sqlite" "$first" "$second" "$(mktemp -d -p "$work")") || fail "$summary"

kill -TERM "$server_pid"
code=0
wait "$server_pid" || code=$?
server_pid=
[ "$code" = 0 ] || fail "the server exited $code on SIGTERM"

echo "review page browser test: ok: $summary"
