//! Who a source credits with the words at a place. A transcript labels its speakers —
//! `COUNCILMEMBER SOTO-MARTINEZ:`, `Soto-Martinez:`, `MAYOR BASS:` at the start of a line
//! or paragraph, in upper or title case, ending with a colon — and each label opens a
//! turn that runs until the next label. Prose attributes a quotation instead
//! (`“…,” Bass said`), found by the same attribution as drafts'
//! ([`find_quotes_with_people`]). A quotation attributed in prose is credited to its
//! speaker even inside a labelled turn (a councilmember quoting someone else); other
//! words in a turn are credited to the turn's label.

use crate::check::TextWords;
use crate::extract::{find_quotes_with_people, KnownPerson, Quote};
use crate::rules::RuleSet;
use crate::text::{words_for_compare, Span};

use super::sources::ReadSource;

/// Fewest labels that make a source a transcript: one line reading `Note:` does not.
const MIN_LABELS: usize = 2;
/// Most words a speaker label has (`VICE CHAIR OF THE BOARD SMITH`).
const MAX_LABEL_WORDS: usize = 7;
/// Longest speaker label, in bytes.
const MAX_LABEL_BYTES: usize = 80;
/// Lower-case words a title-case label may hold after its first word.
const LABEL_PARTICLES: &[&str] = &[
    "of", "the", "and", "for", "de", "del", "la", "le", "van", "von", "der", "da", "di",
];

/// A speaker's turn in a transcript: the label and the words it covers (spans in the
/// source's prose view).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The label as written, without its colon (`MAYOR BASS`).
    pub label: String,
    /// Where the label is written.
    pub label_span: Span,
    /// The words of the turn: from after the colon to the next label.
    pub span: Span,
}

/// How a source credits words to a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditBasis {
    /// A transcript's speaker label.
    Label,
    /// An attribution in prose (`“…,” she said`); `inferred` when the name was not
    /// written at the quotation (a pronoun, a role, a continuing speaker).
    Prose {
        /// The name was inferred, not written at the quotation.
        inferred: bool,
    },
}

/// The speaker a source credits with some words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// Who: the label, or the resolved name of the attributed speaker.
    pub name: String,
    /// Where the label or the mention is written (in the prose view).
    pub span: Span,
    /// Label or prose.
    pub basis: CreditBasis,
    /// The index in the ruleset's people of the person the credit names, if any.
    pub person: Option<usize>,
}

/// A source read for one ruleset: its turns and its attributed quotations, with the
/// ruleset's people to resolve speakers to.
pub struct SourceDocument<'s> {
    /// The source as read.
    pub source: &'s ReadSource,
    /// The transcript's turns, in order (none for prose).
    pub turns: Vec<Turn>,
    /// The words of the prose view, to find quotes' words in.
    pub words: TextWords,
    /// The quotations the prose attributes (spans in the prose view).
    quotes: Vec<Quote>,
    /// The people of the ruleset, as the attribution knows them.
    people: Vec<KnownPerson>,
}

impl<'s> SourceDocument<'s> {
    /// Reads the turns and the quotations of `source`, resolving speakers to the people
    /// of `ruleset`.
    pub fn new(source: &'s ReadSource, ruleset: &RuleSet) -> Self {
        let view = source.view();
        let people = crate::check::known_people(std::slice::from_ref(ruleset));
        SourceDocument {
            source,
            turns: transcript_turns(view),
            words: TextWords::new(view),
            quotes: find_quotes_with_people(view, &people),
            people,
        }
    }

    /// Who the source credits with the words at `span` (in the prose view): the speaker
    /// a quotation holding them is attributed to, else the label of the turn holding
    /// them; `None` when the source credits nobody there.
    pub fn credit_at(&self, span: Span) -> Option<Credit> {
        let quoted = self
            .quotes
            .iter()
            .find(|q| q.segments.iter().any(|s| s.overlaps(span)));
        if let Some(speaker) = quoted.and_then(|q| q.speaker.as_ref()) {
            return Some(Credit {
                person: self.person_named(&speaker.name),
                name: speaker.name.clone(),
                span: speaker.mention,
                basis: CreditBasis::Prose {
                    inferred: speaker.inferred,
                },
            });
        }
        let turn = self.turns.iter().find(|t| {
            t.span.start <= span.start && span.start < t.span.end.max(t.span.start + 1)
        })?;
        Some(Credit {
            person: self.person_named(&turn.label),
            name: turn.label.clone(),
            span: turn.label_span,
            basis: CreditBasis::Label,
        })
    }

    /// The first person of the ruleset whom `credited` names: their full name, an
    /// alias (the last name included) or a title form (`the mayor`, `Mayor Karen
    /// Bass`), written as whole words in it.
    pub fn person_named(&self, credited: &str) -> Option<usize> {
        (0..self.people.len()).find(|&i| self.names(credited, i))
    }

    /// True when `credited` names person `index` of the ruleset.
    pub fn names(&self, credited: &str, index: usize) -> bool {
        let Some(person) = self.people.get(index) else {
            return false;
        };
        let credited = words_for_compare(credited);
        std::iter::once(&person.name)
            .chain(&person.aliases)
            .any(|name| {
                let name = words_for_compare(name);
                !name.is_empty() && credited.windows(name.len()).any(|w| w == name.as_slice())
            })
    }
}

/// The turns of a transcript: each speaker label at the start of a line, and the text
/// up to the next one. Empty unless the text has at least [`MIN_LABELS`] labels.
pub fn transcript_turns(text: &str) -> Vec<Turn> {
    let mut labels: Vec<(String, Span, usize)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if let Some((label, span, body)) = speaker_label(line) {
            labels.push((label, span.shift(line_start), line_start + body));
        }
        line_start += line.len();
    }
    if labels.len() < MIN_LABELS {
        return Vec::new();
    }
    let ends: Vec<usize> = labels
        .iter()
        .skip(1)
        .map(|(_, span, _)| span.start)
        .chain(std::iter::once(text.len()))
        .collect();
    labels
        .into_iter()
        .zip(ends)
        .map(|((label, label_span, body), end)| Turn {
            label,
            label_span,
            span: Span::new(body.min(end), end),
        })
        .collect()
}

/// The speaker label a line opens with, if any: the label (without the colon), its
/// span in the line, and where the turn's words start in the line.
pub fn speaker_label(line: &str) -> Option<(String, Span, usize)> {
    let lead = line.len() - line.trim_start().len();
    let rest = &line[lead..];
    let colon = rest.find(':')?;
    let label = &rest[..colon];
    let after = &rest[colon + 1..];
    // `10:30` or `https://…` is no label; a label is followed by a space or the line end.
    if !(after.is_empty() || after.starts_with([' ', '\t', '\r', '\n'])) {
        return None;
    }
    if label.is_empty() || label.len() > MAX_LABEL_BYTES || label != label.trim() {
        return None;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_LABEL_WORDS {
        return None;
    }
    let upper = words.iter().all(|w| is_upper_word(w));
    let title = words
        .iter()
        .enumerate()
        .all(|(i, w)| is_title_word(w) || (i > 0 && LABEL_PARTICLES.contains(w)));
    if !(upper || title) {
        return None;
    }
    let body = lead + colon + 1 + (after.len() - after.trim_start_matches([' ', '\t']).len());
    Some((label.to_string(), Span::new(lead, lead + colon), body))
}

/// A word of letters (with `-`, `'`, `’` and `.` inside) whose letters are all
/// upper-case: `SOTO-MARTINEZ`, `O’BRIEN`, `DR.`.
fn is_upper_word(word: &str) -> bool {
    name_word(word) && !word.chars().any(char::is_lowercase)
}

/// A word of letters (as [`is_upper_word`]) that starts with an upper-case letter:
/// `Soto-Martinez`, `McCarthy`.
fn is_title_word(word: &str) -> bool {
    name_word(word) && word.chars().next().is_some_and(char::is_uppercase)
}

fn name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_labels() {
        // (line, label found)
        let table: &[(&str, Option<&str>)] = &[
            (
                "COUNCILMEMBER SOTO-MARTINEZ: We will not.",
                Some("COUNCILMEMBER SOTO-MARTINEZ"),
            ),
            ("Soto-Martinez: We will not.", Some("Soto-Martinez")),
            ("MAYOR BASS: Thank you.", Some("MAYOR BASS")),
            ("  THE CLERK:\n", Some("THE CLERK")),
            (
                "Vice Chair of the Board Smith: Yes.",
                Some("Vice Chair of the Board Smith"),
            ),
            ("DR. O’BRIEN: Present.", Some("DR. O’BRIEN")),
            // Prose, times, links and sentences are not labels.
            (
                "Councilmember Soto-Martinez stressed the stance: “We will.”",
                None,
            ),
            ("At 10:30 the meeting resumed.", None),
            ("See https://example.org for more.", None),
            ("The vote: 13-0.", None),
            ("the clerk: here", None),
            (": nothing", None),
            ("SPEAKER 2: Yes.", None),
        ];
        for (line, want) in table {
            let got = speaker_label(line).map(|(label, _, _)| label);
            assert_eq!(got.as_deref(), *want, "{line:?}");
        }
    }

    #[test]
    fn turns_run_to_the_next_label() {
        let text =
            "Minutes of the meeting.\nMAYOR BASS: We stand together.\nMore from the mayor.\n\
                    Soto-Martinez: We will not cooperate.\n";
        let turns = transcript_turns(text);
        let got: Vec<(&str, &str)> = turns
            .iter()
            .map(|t| (t.label.as_str(), &text[t.span.range()]))
            .collect();
        assert_eq!(
            got,
            [
                ("MAYOR BASS", "We stand together.\nMore from the mayor.\n"),
                ("Soto-Martinez", "We will not cooperate.\n"),
            ]
        );
        assert_eq!(&text[turns[0].label_span.range()], "MAYOR BASS");
        // One label alone does not make a transcript.
        assert!(transcript_turns("Note: the vote was 13-0.\nIt passed.\n").is_empty());
    }
}
