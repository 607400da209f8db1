//! Text handling: the [`Span`] type, [`SourceFile`] with its line index, normalisation with
//! an offset map back to the original bytes, sentence/paragraph segmentation, and the
//! prose of Markdown and HTML drafts ([`Prose`]); files replaced atomically.

mod atomic;
mod layout;
mod markup;
mod normalize;
mod sentences;
mod source;
mod span;

pub use atomic::write_atomically;
pub use markup::{
    InputFormat, MarkupError, NameInDraft, OffsetMap, Prose, Suppression, SuppressionScope,
};
pub use normalize::{fold_char, normalize, words_for_compare, Normalized};
pub use sentences::{paragraphs, sentences, source_paragraphs};
pub use source::{
    display_size, display_size_over, group_digits, line_breaks, parse_size, LineIndex, ReadOptions,
    SourceError, SourceFile, DEFAULT_MAX_DRAFT_SIZE,
};
pub use span::Span;
