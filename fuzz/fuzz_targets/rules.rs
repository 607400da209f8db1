//! Fuzz target `rules`: see `fuzz/harness.rs` (`rules_target`) for what it exercises and the
//! invariants it asserts.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::rules_target(data));
