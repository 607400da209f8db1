//! Fuzz target `markup`: see `fuzz/harness.rs` (`markup_target`) for what it exercises and the
//! invariants it asserts.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::markup_target(data));
