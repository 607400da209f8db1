//! Text output (in progress).
use super::{Emitter, QuoteEmitter, QuoteSheet};
use crate::check::CheckedFile;
use std::io::{self, Write};
/// Text findings.
pub struct TextEmitter;
impl Emitter for TextEmitter {
    fn emit(&self, _out: &mut dyn Write, _files: &[CheckedFile]) -> io::Result<()> {
        todo!()
    }
}
/// Text quotes.
pub struct QuotesText;
impl QuoteEmitter for QuotesText {
    fn emit(&self, _out: &mut dyn Write, _sheets: &[QuoteSheet]) -> io::Result<()> {
        todo!()
    }
}
