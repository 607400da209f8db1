#!/usr/bin/env bash
# Worst-case time: times the release binary on generated adversarial drafts of growing
# size and prints the time per MB, which stays flat when time is proportional to size
# (see docs/reliability.md). Then runs the bad-input rows too slow for a debug build.
#
#   bash bench/adversarial.sh                 # 1, 2, 4 and 8 MB, every input family
#   bash bench/adversarial.sh --sizes 1,2     # any option of examples/adversarial.rs
#   bash bench/adversarial.sh --list          # the input families
#
# Set SKIP_IGNORED_TESTS=1 to skip the 20 MB rows of tests/bad_inputs.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin factcheck --example adversarial
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(--sizes 1,2,4,8)
fi
./target/release/examples/adversarial --bin target/release/factcheck --rules rules "${args[@]}"
case " ${args[*]} " in
  *" --list "*|*" --generate-only "*) exit 0 ;;
esac
if [ "${SKIP_IGNORED_TESTS:-0}" != 1 ]; then
  echo
  echo "== bad inputs too slow for a debug build (20 MB drafts), on the release build"
  cargo test --release --quiet --test bad_inputs -- --ignored
fi
