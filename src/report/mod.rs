//! Output: one [`Emitter`] per format over the same [`CheckedFile`]s, and the quote sheet
//! of `factcheck quotes`.

mod json;
mod text;

pub use json::{JsonEmitter, QuotesJson};
pub use text::{QuotesText, TextEmitter};

use std::io::{self, Write};

use crate::check::CheckedFile;
use crate::extract::Quote;
use crate::text::SourceFile;

/// Renders the findings of a run in one output format.
pub trait Emitter {
    /// Writes every file's findings, then the run summary.
    fn emit(&self, out: &mut dyn Write, files: &[CheckedFile]) -> io::Result<()>;
}

/// A draft with the quotes found in it: what `factcheck quotes` renders.
#[derive(Debug, Clone)]
pub struct QuoteSheet {
    /// The draft.
    pub source: SourceFile,
    /// Its quotes in document order.
    pub quotes: Vec<Quote>,
}

/// Renders quote sheets in one output format.
pub trait QuoteEmitter {
    /// Writes every file's quotes.
    fn emit(&self, out: &mut dyn Write, sheets: &[QuoteSheet]) -> io::Result<()>;
}
