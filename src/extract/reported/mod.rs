//! Reported speech: content a draft credits to a source through a cue without quoting it
//! word for word (`Smith said the plan would fail`, `the plan would fail, according to
//! a city report`). The stages, one file each:
//!
//! - [`marks`]: quotations in doubled apostrophes (`''…''`), read as quoted spans;
//! - [`cues`]: the words and phrases that credit content to a source (`said`, `told`,
//!   `according to`, `argued`, a colon …), from a word list derived from annotated news
//!   and a list of verbs of saying and thinking;
//! - [`clauses`]: the reporting clause around a cue — which side the content is on and
//!   where the source is written (`X said (that) C`, `C, X said`, `C, said X`,
//!   `according to X, C`);
//! - [`content`]: the content's exact span, trimmed of the cue, the source and
//!   punctuation (an opening `that` is kept; [`Reported::said`] leaves it out), and the
//!   stretches that are not reported speech (`said to be`, questions, headlines, `X said
//!   nothing`);
//! - [`sources`]: the source — a person read and resolved by the direct-quote
//!   attribution's stages ([`super::attribution::shared`]), or an organisation, poll or
//!   document (`the report found`);
//! - [`words`]: the word lists the clause and source stages read;
//! - [`confidence`]: a model trained on annotated news of how sure the sheet is of a
//!   stretch;
//! - this file: the pass over a draft's paragraphs that puts the stages together, and
//!   what the sheet lists of it ([`sheet_entries`]).

mod clauses;
mod confidence;
mod content;
mod cues;
mod marks;
mod sources;
#[cfg(test)]
mod tests;
mod words;

pub use words::{is_personal_pronoun, NOT_SOURCE_NAMES};

use crate::text::{source_paragraphs, Span};

use super::attribution::shared::{Paragraph, Resolver, TokenKind};
use super::attribution::{PeopleIndex, Speaker};
use super::quotes::{quoted_spans, Quote};

/// One stretch of reported speech: content the draft credits to a source through a cue.
#[derive(Debug, Clone, PartialEq)]
pub struct Reported {
    /// The reported content only (not the source, not the cue), original byte offsets, half-open.
    pub content: Span,
    /// Who the draft credits, resolved as for direct quotes (`None`: no source found).
    pub speaker: Option<Speaker>,
    /// The cue as written (`said`, `told`, `according to`, `argued`, `:`, …), if any.
    pub cue: Option<String>,
    /// Where the cue is written.
    pub cue_span: Option<Span>,
}

impl Reported {
    /// The content without the `that` that opens it (`that the plan would fail` → `the
    /// plan would fail`): what was said, as a statement or a finding quotes it. `text` is
    /// the text the content's offsets are into.
    pub fn said(&self, text: &str) -> Span {
        let c = self.content;
        let Some(written) = text.get(c.range()) else {
            return c;
        };
        let rest = ["that", "That"]
            .iter()
            .find_map(|t| written.strip_prefix(t))
            .filter(|rest| rest.starts_with(char::is_whitespace));
        match rest {
            Some(rest) => {
                let trimmed = rest.trim_start();
                Span::new(c.end - trimmed.len(), c.end)
            }
            None => c,
        }
    }
}

/// Whether a word (lower-cased) is one the reported-speech finder takes for a cue: a
/// verb of saying or thinking, or a word of the lexicon derived from annotated news
/// (`according` only with its `to`, which the caller checks).
pub fn is_reporting_word(lower: &str) -> bool {
    lower == "according" || cues::is_cue_word(lower)
}

/// Whether a word (lower-cased) is one of the verbs of saying and thinking (`said`,
/// `argued`, `believes`): the narrow list, without the lexicon's other cues.
pub fn is_verb_of_saying(lower: &str) -> bool {
    cues::is_saying_verb(lower)
}

/// Most words of a content that, lying inside another content, is listed only as part of
/// it (see [`without_nested_fragments`]).
const NESTED_FRAGMENT_WORDS: usize = 9;

/// The stretches a reader is shown as statements (the reported-speech sheet): all of
/// `reported` but a short content (at most nine words) lying inside another's content,
/// which is a part of that statement (`Roe said Lee argued it would fail`: Lee's content
/// is inside Roe's), not one of its own. In the train split such fragments match an annotated
/// content well under two times in three. The checker keeps them: a statement rule for
/// the inner speaker is still credited there.
pub fn without_nested_fragments(text: &str, reported: Vec<Reported>) -> Vec<Reported> {
    let contents: Vec<Span> = reported.iter().map(|r| r.content).collect();
    reported
        .into_iter()
        .filter(|r| {
            let c = r.content;
            let short = text
                .get(c.range())
                .is_some_and(|t| t.split_whitespace().count() <= NESTED_FRAGMENT_WORDS);
            !(short && contents.iter().any(|&o| o != c && o.contains(c)))
        })
        .collect()
}

/// What the reported-speech sheet (`factcheck quotes --reported`) lists of the stretches
/// `reported` found in `text`: [`without_nested_fragments`], then those the confidence
/// model keeps (it leaves out stretches that, by what is written around them, news
/// annotation rarely marks as reported speech). `quotes` are the draft's direct quotes.
/// The checker reads every stretch.
pub fn sheet_entries(text: &str, reported: Vec<Reported>, quotes: &[Quote]) -> Vec<Reported> {
    let direct = direct_segments(quotes);
    confidence::kept(
        confidence::builtin(),
        text,
        without_nested_fragments(text, reported),
        &direct,
    )
}

/// The features the confidence model reads for each stretch of `reported`, found in
/// `text` (`quotes` are the draft's direct quotes): what
/// `examples/train_reported_confidence.rs` trains on.
pub fn confidence_features(
    text: &str,
    reported: &[Reported],
    quotes: &[Quote],
) -> Vec<Vec<String>> {
    let direct = direct_segments(quotes);
    (0..reported.len())
        .map(|i| confidence::features(text, reported, i, &direct))
        .collect()
}

/// The segments of the direct quotes, sorted.
fn direct_segments(quotes: &[Quote]) -> Vec<Span> {
    let mut direct: Vec<Span> = quotes
        .iter()
        .flat_map(|q| q.segments.iter().copied())
        .collect();
    direct.sort_by_key(|s| (s.start, s.end));
    direct
}

/// Every stretch of reported speech in `text` (the original text of a draft), outside direct
/// quotes (`quotes` are the draft's direct quotes, as `find_quotes_indexed` returns them).
pub fn find_reported(text: &str, quotes: &[Quote], people: &PeopleIndex) -> Vec<Reported> {
    let paragraphs = source_paragraphs(text);
    let spans = marks::with_apostrophe_pairs(text, &paragraphs, quoted_spans(text, &paragraphs));
    let direct = direct_segments(quotes);
    let mut resolver = Resolver::new(text, people);
    let mut out = Vec::new();
    let mut si = 0;
    for (pi, para) in paragraphs.iter().enumerate() {
        let first = si;
        while si < spans.len() && spans[si].paragraph == pi {
            si += 1;
        }
        let p = Paragraph::read(text, *para, &spans[first..si], people);
        resolver.learn(&p);
        for clause in clauses::in_paragraph(&p) {
            let Some(content) = content::span_of(&p, &clause, &direct) else {
                continue;
            };
            let speaker = clause
                .source
                .map(|s| sources::speaker(&resolver, &p, s, clause.cue, content.start));
            out.push(Reported {
                content,
                speaker,
                cue: Some(text[clause.cue.range()].to_string()),
                cue_span: Some(clause.cue),
            });
        }
    }
    out.sort_by_key(|r| (r.content.start, r.content.end));
    out.dedup_by(|b, a| a.content == b.content);
    out
}
