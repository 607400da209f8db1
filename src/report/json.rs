//! JSON output (in progress).
use super::{Emitter, QuoteEmitter, QuoteSheet};
use crate::check::CheckedFile;
use std::io::{self, Write};
/// JSON findings.
pub struct JsonEmitter;
impl Emitter for JsonEmitter {
    fn emit(&self, _out: &mut dyn Write, _files: &[CheckedFile]) -> io::Result<()> {
        todo!()
    }
}
/// JSON quotes.
pub struct QuotesJson;
impl QuoteEmitter for QuotesJson {
    fn emit(&self, _out: &mut dyn Write, _sheets: &[QuoteSheet]) -> io::Result<()> {
        todo!()
    }
}
