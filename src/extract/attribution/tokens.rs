//! Paragraph tokens: words (with inner apostrophes, hyphens and abbreviation dots),
//! punctuation and whole quoted spans, and [`Para`], a paragraph with the per-token facts
//! every later stage reads (lower-cased forms, reporting verbs, sentence starts).

use std::collections::HashMap;

use crate::text::Span;

use super::super::quotes::QuotedSpan;
use super::lexicon::{is_role_noun, Lexicon, TITLES};
use super::mentions::Mention;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokKind {
    Word,
    Punct,
    /// A quoted span (one token for the whole `“…”`).
    Quote,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) span: Span,
    pub(super) kind: TokKind,
}

/// Tokenises a paragraph: words (with inner apostrophes, hyphens and abbreviation dots),
/// punctuation, and each quoted span as one token.
pub(super) fn tokenize(text: &str, para: Span, quotes: &[QuotedSpan]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut qi = quotes.iter().peekable();
    let mut i = para.start;
    let bytes = text.as_bytes();
    while i < para.end {
        if let Some(q) = qi.peek() {
            if q.outer.start == i {
                toks.push(Tok {
                    span: q.outer,
                    kind: TokKind::Quote,
                });
                i = q.outer.end.max(i + 1);
                qi.next();
                continue;
            }
            if q.outer.start < i {
                qi.next();
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        // Only non-ASCII characters fold to nothing.
        if c.is_whitespace() || (!c.is_ascii() && crate::text::fold_char(c) == Some("")) {
            i += len;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + len;
            while j < para.end {
                // ASCII: a letter or digit continues the word; other ASCII than the
                // joiners below ends it.
                let b = bytes[j];
                if b.is_ascii_alphanumeric() {
                    j += 1;
                    continue;
                }
                if b.is_ascii() && !matches!(b, b'\'' | b'-' | b'.' | b'&') {
                    break;
                }
                let Some(d) = text[j..para.end].chars().next() else {
                    break;
                };
                if d.is_alphanumeric() {
                    j += d.len_utf8();
                    continue;
                }
                // Inner apostrophe, hyphen or dot followed by a letter: same word.
                if matches!(d, '\'' | '’' | '-' | '.' | '&') {
                    let after = j + d.len_utf8();
                    if text[after.min(para.end)..para.end]
                        .chars()
                        .next()
                        .is_some_and(|e| e.is_alphanumeric())
                    {
                        j = after;
                        continue;
                    }
                }
                break;
            }
            // Keep an abbreviation's dot (`Sen.`, `U.S.`, `J.`).
            if j < para.end && bytes[j] == b'.' {
                let word = &text[start..j];
                if is_abbreviation(word) {
                    j += 1;
                }
            }
            toks.push(Tok {
                span: Span::new(start, j),
                kind: TokKind::Word,
            });
            i = j;
        } else {
            toks.push(Tok {
                span: Span::new(i, i + len),
                kind: TokKind::Punct,
            });
            i += len;
        }
    }
    toks
}

pub(super) fn is_abbreviation(word: &str) -> bool {
    (word.len() == 1 && word.chars().all(|c| c.is_uppercase()))
        // A title written with its dot (`Sen.`), compared without building `word.`.
        || TITLES.iter().any(|t| t.strip_suffix('.') == Some(word))
        || word.contains('.')
        || is_party_state(word)
        || matches!(
            word,
            "Jr" | "Sr"
                | "Del"
                | "Maj"
                | "Adm"
                | "St"
                | "Mt"
                | "Ft"
                | "Jan"
                | "Feb"
                | "Mar"
                | "Apr"
                | "Aug"
                | "Sept"
                | "Sep"
                | "Oct"
                | "Nov"
                | "Dec"
                | "No"
                | "Inc"
                | "Corp"
                | "Co"
                | "Ltd"
                | "vs"
        )
}

/// A party-and-state tag such as `R-Ky` or `D-N.Y` (its final dot is an abbreviation).
pub(super) fn is_party_state(word: &str) -> bool {
    let mut parts = word.splitn(2, '-');
    matches!(parts.next(), Some("R" | "D" | "I"))
        && parts
            .next()
            .is_some_and(|st| st.len() <= 6 && st.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Bounds that keep attribution linear in the size of a draft whatever its shape; each
/// is far beyond what prose has, so on real text they never bind.
///
/// Most tokens a speaker search looks back from a quote, within its sentence.
pub(super) const LOOKBACK_TOKENS: usize = 400;
/// Most tokens a run of capitalised words may have to be read as one name.
pub(super) const NAME_MAX_TOKENS: usize = 32;
/// Most links a name may chain (`X of the Y for Z`), and most nested readings of one
/// mention (`the Florida’s …`, `X spokesman Y`).
pub(super) const MENTION_LINKS_MAX: usize = 8;
/// Most earlier names with the same last word looked at to expand a short name.
pub(super) const SAME_LAST_WORD_MAX: usize = 256;
/// Most reporting verbs looked at, nearest first, in one search for a speaker.
pub(super) const VERBS_MAX: usize = 16;

/// A paragraph with its tokens, for pattern matching around quotes.
pub(super) struct Para<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Tok>,
    /// Role nouns from the rule files' titles (`czar` for "border czar").
    pub(super) roles: &'a [String],
    /// The reporting verbs.
    pub(super) lexicon: &'a Lexicon,
    /// Each token lower-cased, `’` as `'`, one after another in one buffer (computed
    /// once: the scans read tokens often; one allocation, not one per token).
    pub(super) lower_text: String,
    /// Where each token's lower-cased form ends in `lower_text` (it starts where the
    /// previous token's ends).
    pub(super) lower_ends: Vec<usize>,
    /// Whether each token is a reporting verb.
    pub(super) verbs: Vec<bool>,
    /// Whether each token is a quoted span long enough to be speech.
    pub(super) speech_sized: Vec<bool>,
    /// For each token index (and the end), the first token of its sentence.
    pub(super) sentence_starts: Vec<usize>,
    /// For each token index (and the end), the nearest reporting verb before it.
    pub(super) prev_verbs: Vec<Option<usize>>,
    /// For each token index (and the end), the nearest reporting verb before it that does
    /// not end in `-ing`.
    pub(super) prev_plain_verbs: Vec<Option<usize>>,
    /// [`super::cues::sentence_subject`] by the token its scan starts from: the first subject mention
    /// with its token, found once per start.
    pub(super) subjects: std::cell::RefCell<HashMap<usize, Option<(usize, Mention)>>>,
}

/// A lower-cased token, borrowed from [`Para`]'s cache.
#[derive(Clone, Copy)]
pub(super) struct Lower<'a>(&'a str);

impl<'a> Lower<'a> {
    pub(super) fn as_str(self) -> &'a str {
        self.0
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl<'a> Para<'a> {
    /// A paragraph of `toks`, with the per-token facts the scans need computed once.
    pub(super) fn new(
        text: &'a str,
        toks: Vec<Tok>,
        roles: &'a [String],
        lexicon: &'a Lexicon,
    ) -> Self {
        let mut p = Para {
            text,
            toks,
            roles,
            lexicon,
            lower_text: String::new(),
            lower_ends: Vec::new(),
            verbs: Vec::new(),
            speech_sized: Vec::new(),
            sentence_starts: Vec::new(),
            prev_verbs: Vec::new(),
            prev_plain_verbs: Vec::new(),
            subjects: std::cell::RefCell::default(),
        };
        let n = p.toks.len();
        p.lower_ends.reserve(n);
        if let (Some(first), Some(last)) = (p.toks.first(), p.toks.last()) {
            p.lower_text
                .reserve(last.span.end.saturating_sub(first.span.start));
        }
        for i in 0..n {
            let word = &text[p.toks[i].span.range()];
            let at = p.lower_text.len();
            if word.is_ascii() {
                p.lower_text.push_str(word);
                p.lower_text[at..].make_ascii_lowercase();
            } else {
                p.lower_text
                    .push_str(&word.to_lowercase().replace('’', "'"));
            }
            p.lower_ends.push(p.lower_text.len());
        }
        p.verbs = (0..n)
            .map(|i| p.toks[i].kind == TokKind::Word && p.lexicon.is_reporting_verb(&p.lower(i)))
            .collect();
        p.speech_sized = (0..n)
            .map(|i| p.toks[i].kind == TokKind::Quote && word_count(p.word(i)) > 4)
            .collect();
        let mut starts = Vec::with_capacity(n + 1);
        let mut start = 0;
        for i in 0..n {
            starts.push(start);
            if p.ends_sentence(i) {
                start = i + 1;
            }
        }
        starts.push(start);
        p.sentence_starts = starts;
        let (mut verb, mut plain) = (None, None);
        p.prev_verbs.reserve(n + 1);
        p.prev_plain_verbs.reserve(n + 1);
        for i in 0..=n {
            p.prev_verbs.push(verb);
            p.prev_plain_verbs.push(plain);
            if p.verbs.get(i).copied().unwrap_or(false) {
                verb = Some(i);
                if !p.lower(i).ends_with("ing") {
                    plain = Some(i);
                }
            }
        }
        p
    }

    /// The reporting verbs before token `at` and at or after `floor`, nearest first, at
    /// most [`VERBS_MAX`]; only those not ending in `-ing` when `plain`.
    pub(super) fn verbs_before(
        &self,
        at: usize,
        floor: usize,
        plain: bool,
    ) -> impl Iterator<Item = usize> + '_ {
        let links = if plain {
            &self.prev_plain_verbs
        } else {
            &self.prev_verbs
        };
        let first = links.get(at.min(self.toks.len())).copied().flatten();
        std::iter::successors(first, move |&v| links[v])
            .take_while(move |&v| v >= floor)
            .take(VERBS_MAX)
    }
}

impl Para<'_> {
    pub(super) fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].span.range()]
    }

    pub(super) fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    pub(super) fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && &self.text[t.span.range()] == p)
    }

    pub(super) fn lower(&self, i: usize) -> Lower<'_> {
        let start = if i == 0 { 0 } else { self.lower_ends[i - 1] };
        Lower(&self.lower_text[start..self.lower_ends[i]])
    }

    /// True when a lower-cased word is a role noun (built in or from a rule's title).
    pub(super) fn is_role(&self, lower: &str) -> bool {
        is_role_noun(lower) || self.roles.iter().any(|r| r == lower)
    }

    pub(super) fn is_reporting_verb(&self, i: usize) -> bool {
        self.verbs.get(i).copied().unwrap_or(false)
    }

    pub(super) fn is_capitalized(&self, i: usize) -> bool {
        self.is_word(i)
            && self
                .word(i)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
    }

    /// True when the capitalised run at `start` is in capitals throughout and reads as a
    /// headline or dateline (`WASHINGTON`, `VOTERS CARE MORE`), not an acronym (`CNN`).
    pub(super) fn is_headline_caps(&self, start: usize) -> bool {
        let mut words = 0;
        let mut letters = 0;
        let mut i = start;
        while self.is_capitalized(i) && i - start < NAME_MAX_TOKENS {
            let w = self.word(i);
            if w.chars().any(char::is_lowercase) {
                return false;
            }
            words += 1;
            letters += w.chars().filter(|c| c.is_alphabetic()).count();
            i += 1;
        }
        words >= 2 || letters >= 6
    }

    /// True when token `i` ends a sentence (`.`, `!`, `?` not part of an abbreviation).
    /// A quote whose words end a sentence (`“… smart.” Trump was …`) ends it too.
    pub(super) fn ends_sentence(&self, i: usize) -> bool {
        match self.toks[i].kind {
            TokKind::Punct => matches!(self.word(i), "." | "!" | "?"),
            TokKind::Quote => {
                self.word(i)
                    .trim_end_matches(['”', '"', '’', '\''])
                    .ends_with(['.', '!', '?'])
                    && (i + 1 >= self.toks.len() || self.is_capitalized(i + 1))
            }
            TokKind::Word => false,
        }
    }
}

impl Para<'_> {
    /// Skips an appositive going backwards: from a `,` at `comma`, the index of the token
    /// before the matching earlier `,` (`Smith, a scholar at X, said`).
    pub(super) fn skip_appositive_back(&self, comma: usize, floor: usize) -> Option<usize> {
        let mut j = comma;
        let mut steps = 0;
        while j > floor && steps < 30 {
            j -= 1;
            steps += 1;
            if self.is_punct(j, ",") && j > floor {
                return Some(j - 1);
            }
            if self.is_speech_sized_quote(j) || self.ends_sentence(j) {
                return None;
            }
        }
        None
    }

    /// True when token `i` is a `,` or a short quoted label ending in a comma inside its
    /// marks (`Homan, appointed as “border czar,” declared`).
    pub(super) fn is_comma_like(&self, i: usize) -> bool {
        self.is_punct(i, ",")
            || (self.toks.get(i).is_some_and(|t| t.kind == TokKind::Quote)
                && self
                    .word(i)
                    .trim_end_matches(['”', '"', '’', '\''])
                    .ends_with(','))
    }

    /// True when token `i` is a quoted span long enough to be speech (not a label).
    pub(super) fn is_speech_sized_quote(&self, i: usize) -> bool {
        self.speech_sized.get(i).copied().unwrap_or(false)
    }
}

/// True when token `i` is a dash (`—`, `–`, `―`, `-`).
pub(super) fn is_dash(p: &Para, i: usize) -> bool {
    ["—", "–", "―", "-", "--"].iter().any(|d| p.is_punct(i, d))
}

/// The first token index at or after `from` that ends the sentence, or the paragraph end.
pub(super) fn sentence_end(p: &Para, from: usize) -> usize {
    (from..p.toks.len())
        .find(|&i| p.ends_sentence(i) || p.toks[i].kind == TokKind::Quote)
        .unwrap_or(p.toks.len())
}

/// The first token index of the sentence holding token `at`.
pub(super) fn sentence_start(p: &Para, at: usize) -> usize {
    p.sentence_starts[at.min(p.toks.len())]
}

/// Where a speaker search back from token `at` starts: the start of its sentence, or
/// [`LOOKBACK_TOKENS`] before `at` in a sentence longer than that.
pub(super) fn lookback_start(p: &Para, at: usize) -> usize {
    sentence_start(p, at).max(at.saturating_sub(LOOKBACK_TOKENS))
}

/// Words of a quoted span, for deciding whether it is speech.
pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
