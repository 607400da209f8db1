//! Who each stretch of a draft is credited to: the reported speech the extractor finds
//! (`X said that …`, `according to X, …`, `He added …`), and the direct quotes, each
//! credited to its quote's speaker. Found once per draft, on first use: only drafts in
//! which a statement rule is located pay for it.

use super::super::quotes::Draft;
use crate::extract::reported::find_reported;
use crate::extract::{PeopleIndex, Speaker};
use crate::text::{SourceFile, Span};

/// A stretch of the draft credited to someone (or, with no speaker, to no one named).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Credit {
    /// What is credited: the reported content, or a quote segment (original bytes).
    pub content: Span,
    /// Who it is credited to, when the draft says.
    pub speaker: Option<Speaker>,
    /// The reporting verb or phrase (`said`, `denied`, `according to`), when there is one.
    pub cue: Option<String>,
    /// Where the reporting verb or phrase is written (reported speech only).
    pub cue_span: Option<Span>,
    /// True for a direct quote's segment.
    pub quoted: bool,
}

/// Everything credited in the draft, found on first use and kept with the draft.
pub(super) fn of_draft<'d>(
    source: &SourceFile,
    draft: &'d Draft,
    people: &PeopleIndex,
) -> &'d [Credit] {
    draft.credits.get_or_init(|| find(source, draft, people))
}

/// Reported speech, then every quote segment.
fn find(source: &SourceFile, draft: &Draft, people: &PeopleIndex) -> Vec<Credit> {
    let mut credits = reported(source, draft, people);
    for quote in &draft.quotes {
        for &segment in &quote.segments {
            credits.push(Credit {
                content: segment,
                speaker: quote.speaker.clone(),
                cue: quote.cue.clone(),
                cue_span: None,
                quoted: true,
            });
        }
    }
    credits
}

/// The draft's reported speech, from the reported-speech extractor.
fn reported(source: &SourceFile, draft: &Draft, people: &PeopleIndex) -> Vec<Credit> {
    find_reported(&source.text, &draft.quotes, people)
        .into_iter()
        .map(|r| Credit {
            content: r.said(&source.text),
            speaker: r.speaker,
            cue: r.cue,
            cue_span: r.cue_span,
            quoted: false,
        })
        .collect()
}
