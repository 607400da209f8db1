//! Fuzz regressions: every input under `tests/fuzz_regressions/<target>/` (crash inputs
//! the fuzz targets found, kept after the fix) and every seed under
//! `fuzz/seeds/<target>/` goes through the same code as the fuzz target `<target>`
//! (`fuzz/harness.rs`, included here), with the same invariant checks.
//!
//! To add a crash input: copy `fuzz/artifacts/<target>/crash-…` to
//! `tests/fuzz_regressions/<target>/` with a name saying what it was, fix the bug, and
//! run `cargo test --test fuzz_regressions`.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

/// Runs every file of `tests/fuzz_regressions/<target>/` and `fuzz/seeds/<target>/`
/// through `body`; returns how many there were.
fn replay(target: &str, body: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for dir in [
        root.join("tests/fuzz_regressions").join(target),
        root.join("fuzz/seeds").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.is_file()) {
            let bytes = std::fs::read(&path).expect("readable input");
            let outcome = std::panic::catch_unwind(|| body(&bytes));
            assert!(outcome.is_ok(), "{target}: {} fails", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn normalize_regressions() {
    assert!(replay("normalize", harness::normalize_target) > 0);
}

#[test]
fn quotes_regressions() {
    assert!(replay("quotes", harness::quotes_target) > 0);
}

#[test]
fn values_regressions() {
    assert!(replay("values", harness::values_target) > 0);
}

#[test]
fn rules_regressions() {
    assert!(replay("rules", harness::rules_target) > 0);
}

#[test]
fn check_regressions() {
    assert!(replay("check", harness::check_target) > 0);
}

#[test]
fn markup_regressions() {
    assert!(replay("markup", harness::markup_target) > 0);
}

/// Inputs too large for the fuzzers' default length that once overflowed the stack in
/// attribution (a mention read through one possessive or role after another).
#[test]
fn long_mention_chains() {
    for chain in ["Aa\u{2019}s ", "Aa spokesman ", "the The "] {
        let text = format!(
            "{}said \u{201c}we will win this fight today.\u{201d}",
            chain.repeat(30_000)
        );
        harness::quotes_target(text.as_bytes());
    }
}
