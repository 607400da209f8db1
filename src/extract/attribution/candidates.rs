//! Candidate speakers of a quote and their features: every mention of its paragraph
//! (names, pronouns, role noun phrases, and any noun phrase right before or after a
//! reporting verb), the mention the hand-written patterns of [`super::cues`] propose,
//! and the previous quote's speaker. [`super::model`] scores them; training and the
//! runtime read the same features through [`FeatureSink`].

use crate::text::Span;

use super::gender::{first_name_gender, is_not_person};
use super::lexicon::{AUXILIARIES, TITLES};
use super::mentions::{is_possessive, Mention, MentionKind};
use super::tokens::{sentence_start, Para, TokKind};

/// Most candidates kept per quote (the nearest ones).
pub(super) const MAX_CANDIDATES: usize = 24;

/// Which hand-written pattern proposed a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Proposal {
    /// A reporting clause after the quote (`“…,” X said`, `said X`).
    After,
    /// A reporting clause before the quote (`X said: “…”`, `according to X`).
    Before,
    /// A previous paragraph that ends `X said:`.
    Intro,
    /// A bare quote continuing the previous speaker.
    Continue,
    /// The subject of a reporting verb in the sentence before a bare quote.
    SubjectBefore,
}

impl Proposal {
    fn name(self) -> &'static str {
        match self {
            Proposal::After => "after",
            Proposal::Before => "before",
            Proposal::Intro => "intro",
            Proposal::Continue => "cont",
            Proposal::SubjectBefore => "subj",
        }
    }
}

/// A mention of the quote's paragraph (or of the previous one) that may be its speaker.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    /// The mention.
    pub(super) mention: Mention,
    /// Its first and last token in its paragraph.
    pub(super) first: usize,
    pub(super) last: usize,
    /// True for a noun phrase found only by its place next to a reporting verb.
    pub(super) phrase: bool,
    /// The pattern that proposed it, if one did.
    pub(super) proposal: Option<Proposal>,
    /// Paragraphs before the quote's (0: the same paragraph).
    pub(super) paragraphs_back: usize,
}

/// Receives features as parts (`["side", "after"]`): the runtime adds up their weights,
/// the trainer writes them down.
pub(super) trait FeatureSink {
    /// One feature.
    fn add(&mut self, parts: &[&str]);
}

/// Words that start a noun phrase that can name a speaker (`the investor`, `one user`).
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "another", "this", "that", "these", "those", "his", "her", "their",
    "its", "some", "many", "several", "two", "three", "other", "our", "my",
];

/// Words that do not continue a noun phrase after its determiner.
fn ends_phrase(p: &Para, i: usize) -> bool {
    !p.is_word(i)
        || p.is_reporting_verb(i)
        || matches!(
            p.lower(i).as_str(),
            "who"
                | "which"
                | "that"
                | "of"
                | "in"
                | "at"
                | "on"
                | "for"
                | "with"
                | "to"
                | "from"
                | "by"
                | "and"
                | "or"
                | "was"
                | "is"
                | "has"
                | "had"
                | "will"
                | "would"
        )
        || AUXILIARIES.contains(&p.lower(i).as_str())
}

/// Noun phrases beside reporting verbs that the mention readers do not know
/// (`the investor said`, `wrote one commenter`): (first token, last token).
fn verb_phrases(p: &Para) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for v in (0..p.toks.len()).filter(|&v| p.is_reporting_verb(v)) {
        // Before: back over auxiliaries, then a phrase from a determiner.
        let mut j = v;
        while j > 0 && p.is_word(j - 1) && AUXILIARIES.contains(&p.lower(j - 1).as_str()) {
            j -= 1;
        }
        if j > 0 {
            let last = j - 1;
            let mut k = last;
            let mut steps = 0;
            while steps < 6 && p.is_word(k) && !ends_phrase(p, k) {
                if DETERMINERS.contains(&p.lower(k).as_str()) {
                    out.push((k, last));
                    break;
                }
                if k == 0 {
                    break;
                }
                k -= 1;
                steps += 1;
            }
        }
        // After: a determiner right after the verb, and the words up to a break.
        if p.is_word(v + 1) && DETERMINERS.contains(&p.lower(v + 1).as_str()) {
            let mut e = v + 1;
            while e < v + 7 && p.is_word(e + 1) && !ends_phrase(p, e + 1) {
                e += 1;
            }
            out.push((v + 1, e));
        }
    }
    out
}

/// The candidates for the quote at token `q` of paragraph `p`: the paragraph's mentions
/// (`scan`, from [`Para::mention_scan`]) and noun phrases beside reporting verbs, and
/// the mentions proposed by the patterns (`proposed`, with the paragraph they are in,
/// counted back from `p`), nearest to the quote first, at most [`MAX_CANDIDATES`].
pub(super) fn candidates(
    p: &Para,
    q: usize,
    scan: &[(usize, usize, Mention)],
    proposed: &[(Proposal, Mention, usize)],
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = scan
        .iter()
        .map(|&(first, last, mention)| Candidate {
            mention,
            first,
            last,
            phrase: false,
            proposal: None,
            paragraphs_back: 0,
        })
        .collect();
    for (first, last) in verb_phrases(p) {
        if out.iter().any(|c| c.first <= last && first <= c.last) {
            continue;
        }
        let span = p.toks[first].span.cover(p.toks[last].span);
        out.push(Candidate {
            mention: Mention {
                span,
                kind: MentionKind::Role,
            },
            first,
            last,
            phrase: true,
            proposal: None,
            paragraphs_back: 0,
        });
    }
    for &(proposal, mention, back) in proposed {
        let same = out.iter_mut().find(|c| {
            c.paragraphs_back == back
                && c.mention.span.start < mention.span.end
                && mention.span.start < c.mention.span.end
                && c.proposal.is_none()
        });
        match same {
            Some(c) => {
                c.proposal = Some(proposal);
                c.mention = mention;
            }
            None => {
                let (first, last) = if back == 0 {
                    tokens_of(p, mention.span)
                } else {
                    (0, 0)
                };
                out.push(Candidate {
                    mention,
                    first,
                    last,
                    phrase: false,
                    proposal: Some(proposal),
                    paragraphs_back: back,
                });
            }
        }
    }
    // A proposed mention is one noun phrase ("Ana Ruiz of the Federation for Immigration
    // Reform"): the mentions inside it are that phrase, not rival speakers.
    let proposed_spans: Vec<Span> = out
        .iter()
        .filter(|c| c.proposal.is_some() && c.paragraphs_back == 0)
        .map(|c| c.mention.span)
        .collect();
    out.retain(|c| {
        c.proposal.is_some()
            || c.paragraphs_back > 0
            || !proposed_spans
                .iter()
                .any(|s| s.start <= c.mention.span.start && c.mention.span.end <= s.end)
    });
    let distance = |c: &Candidate| {
        if c.paragraphs_back > 0 {
            usize::MAX - 1
        } else if c.last < q {
            q - c.last
        } else {
            c.first.saturating_sub(q)
        }
    };
    out.sort_by_key(|c| (distance(c), c.first));
    out.truncate(MAX_CANDIDATES);
    out
}

/// Whether the mention at `span` is the antecedent of a relative clause whose reporting
/// verb introduces the quote at token `q` (`Ana Ruiz, who said: “…”`): the grammar names
/// the speaker outright, whatever else the sentence holds.
pub(super) fn introduced_by_relative(p: &Para, span: Span, q: usize) -> bool {
    let (_, last) = tokens_of(p, span);
    relative_cue(p, last).is_some_and(|verb| verb_introduces(p, verb, q))
}

/// Whether the reporting verb at token `verb` introduces the quote at token `q`: only
/// punctuation stands between them.
fn verb_introduces(p: &Para, verb: usize, q: usize) -> bool {
    verb < q && (verb + 1..q).all(|t| p.toks[t].kind == TokKind::Punct)
}

/// The first and last token of paragraph `p` inside `span`.
fn tokens_of(p: &Para, span: Span) -> (usize, usize) {
    let first = p.toks.partition_point(|t| t.span.start < span.start);
    let end = p.toks.partition_point(|t| t.span.end <= span.end);
    (first, end.saturating_sub(1).max(first))
}

/// Distance buckets.
fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=6 => "4-6",
        7..=12 => "7-12",
        13..=25 => "13-25",
        _ => "26+",
    }
}

/// The class of token `i` as a neighbour of a mention.
fn class(p: &Para, i: Option<usize>, q: usize) -> &'static str {
    let Some(i) = i else {
        return "^";
    };
    if i >= p.toks.len() {
        return "$";
    }
    match p.toks[i].kind {
        TokKind::Quote => {
            if i == q {
                "q"
            } else {
                "Q"
            }
        }
        TokKind::Punct => match p.word(i) {
            "," => ",",
            ":" => ":",
            ";" => ";",
            "(" => "(",
            ")" => ")",
            "." | "!" | "?" => ".",
            "—" | "–" | "-" | "--" | "―" => "-",
            _ => "p",
        },
        TokKind::Word => {
            if p.is_reporting_verb(i) {
                if p.lower(i).ends_with("ing") {
                    "Vg"
                } else {
                    "V"
                }
            } else {
                match p.lower(i).as_str() {
                    "of" | "in" | "at" | "to" | "with" | "for" | "by" | "from" | "on" | "about"
                    | "after" | "before" | "than" | "like" | "as" => "P",
                    "and" | "or" => "&",
                    "who" | "which" | "that" => "W",
                    _ if AUXILIARIES.contains(&p.lower(i).as_str()) => "A",
                    _ if p.is_capitalized(i) => "C",
                    _ => "w",
                }
            }
        }
    }
}

/// The reporting verb of a relative clause right after the mention ending at token
/// `last`: `Ana Ruiz, who said:`, `the group, which has argued`.
fn relative_cue(p: &Para, last: usize) -> Option<usize> {
    let mut j = last + 1;
    if p.is_punct(j, ",") {
        j += 1;
    }
    if !(p.is_word(j) && matches!(p.lower(j).as_str(), "who" | "which")) {
        return None;
    }
    j += 1;
    // Auxiliaries and one adverb between: "who has long said", "who later told".
    let mut skipped = 0;
    while skipped < 3 && p.is_word(j) && !p.is_reporting_verb(j) {
        let w = p.lower(j);
        if !(AUXILIARIES.contains(&w.as_str()) || w.ends_with("ly") || skipped == 0) {
            return None;
        }
        j += 1;
        skipped += 1;
    }
    (p.is_word(j) && p.is_reporting_verb(j)).then_some(j)
}

/// The token after `last`, past auxiliaries when a reporting verb follows them.
fn right_of(p: &Para, last: usize) -> Option<usize> {
    let mut j = last + 1;
    while j < p.toks.len() && j < last + 4 && class(p, Some(j), usize::MAX) == "A" {
        j += 1;
    }
    if j < p.toks.len() && p.is_reporting_verb(j) {
        Some(j)
    } else {
        Some(last + 1)
    }
}

/// Facts about the quote the features of every candidate refer to.
pub(super) struct QuoteContext<'a> {
    /// The quote's paragraph.
    pub(super) p: &'a Para<'a>,
    /// The quote's token.
    pub(super) q: usize,
    /// How the quoted words end (`,`, `.`, `?`, `!`, or `w`).
    pub(super) end: &'static str,
}

impl<'a> QuoteContext<'a> {
    /// The context of the quote at token `q` of `p`, whose words are `inner`.
    pub(super) fn new(p: &'a Para<'a>, q: usize, inner: &str) -> Self {
        let last = inner
            .trim_end()
            .trim_end_matches(['’', '\'', '"', '”'])
            .chars()
            .last();
        let end = match last {
            Some(',') => ",",
            Some('.') | Some('…') => ".",
            Some('?') => "?",
            Some('!') => "!",
            Some('—') | Some('–') | Some('-') => "-",
            _ => "w",
        };
        QuoteContext { p, q, end }
    }
}

/// The features of candidate `c` (the `rank`-th nearest on its side) of a quote.
pub(super) fn features(
    ctx: &QuoteContext,
    c: &Candidate,
    rank: usize,
    sink: &mut impl FeatureSink,
) {
    let p = ctx.p;
    let q = ctx.q;
    let kind = match c.mention.kind {
        MentionKind::Name => "name",
        MentionKind::Role if c.phrase => "phrase",
        MentionKind::Role => "role",
        MentionKind::Pronoun => match &p.text[c.mention.span.range()] {
            "he" | "He" | "she" | "She" => "he/she",
            "it" | "It" => "it",
            "they" | "They" => "they",
            _ => "I/we",
        },
    };
    let proposal = c.proposal.map_or("none", Proposal::name);
    sink.add(&["bias"]);
    sink.add(&["kind", kind]);
    sink.add(&["prop", proposal]);
    sink.add(&["prop*kind", proposal, kind]);
    sink.add(&["prop*end", proposal, ctx.end]);
    let written = &p.text[c.mention.span.range()];
    let first_word = written.split_whitespace().next().unwrap_or("");
    let word1 = if first_name_gender(first_word).is_some() {
        "first-name"
    } else if TITLES.contains(&first_word) {
        "title"
    } else if p.lexicon.is_reporting_verb(&first_word.to_lowercase()) {
        "verb"
    } else if DETERMINERS.contains(&first_word.to_lowercase().as_str()) {
        "determiner"
    } else if first_word.starts_with(char::is_uppercase) {
        "capital"
    } else {
        "lower"
    };
    let words = written.split_whitespace().count();
    sink.add(&["word1*kind", word1, kind]);
    sink.add(&["words*kind", bucket(words.min(4)), kind]);
    sink.add(&["possessive", if is_possessive(written) { "1" } else { "0" }]);
    if c.mention.kind == MentionKind::Name {
        sink.add(&["not-person", if is_not_person(written) { "1" } else { "0" }]);
    }
    if c.paragraphs_back > 0 {
        sink.add(&["back", if c.paragraphs_back == 1 { "1" } else { "2+" }]);
        sink.add(&["back*prop", proposal]);
        sink.add(&["back*q0", if q == 0 { "1" } else { "0" }]);
        return;
    }
    let after = c.first > q;
    let side = if after { "after" } else { "before" };
    let dist = if after {
        c.first - q - 1
    } else {
        q - c.last - 1
    };
    let left = class(p, c.first.checked_sub(1), q);
    let right_at = right_of(p, c.last);
    let right = class(p, right_at, q);
    let rank = bucket(rank.min(3));
    sink.add(&["side", side]);
    sink.add(&["side*dist", side, bucket(dist)]);
    sink.add(&["side*rank", side, rank]);
    sink.add(&["side*kind", side, kind]);
    sink.add(&["side*left", side, left]);
    sink.add(&["side*right", side, right]);
    sink.add(&["side*left*right", side, left, right]);
    sink.add(&["side*dist*right", side, bucket(dist), right]);
    sink.add(&["side*end", side, ctx.end]);
    sink.add(&["side*end*right", side, ctx.end, right]);
    sink.add(&["kind*right", kind, right]);
    sink.add(&["kind*left", kind, left]);
    sink.add(&["side*q0", side, if q == 0 { "1" } else { "0" }]);
    let (lo, hi) = if after {
        (q + 1, c.first)
    } else {
        (c.last + 1, q)
    };
    let verbs = (lo..hi).filter(|&t| p.is_reporting_verb(t)).count();
    let quotes = (lo..hi)
        .filter(|&t| p.toks[t].kind == TokKind::Quote)
        .count();
    let stops = (lo..hi).filter(|&t| p.ends_sentence(t)).count();
    sink.add(&["side*verbs", side, bucket(verbs.min(2))]);
    sink.add(&["side*quotes", side, bucket(quotes.min(2))]);
    let same_sentence = sentence_start(p, c.first) == sentence_start(p, q)
        || (after && stops == 0 && !p.ends_sentence(q));
    sink.add(&[
        "side*sentence",
        side,
        if same_sentence {
            "same"
        } else {
            bucket(stops.min(3))
        },
    ]);
    if let Some(verb) = relative_cue(p, c.last) {
        // Whether the relative clause introduces this very quote ("…, who said: “…”").
        let introduces = verb_introduces(p, verb, q);
        sink.add(&["relative-cue", if introduces { "q" } else { "other" }]);
    }
    if let Some(v) = right_at.filter(|&v| v < p.toks.len() && p.is_reporting_verb(v)) {
        sink.add(&["verb>", p.lower(v).as_str()]);
    }
    if let Some(v) = c.first.checked_sub(1).filter(|&v| p.is_reporting_verb(v)) {
        sink.add(&["<verb", p.lower(v).as_str()]);
    }
}

/// The features of abstaining: no candidate is the speaker.
pub(super) fn null_features(ctx: &QuoteContext, proposed: bool, sink: &mut impl FeatureSink) {
    let q0 = if ctx.q == 0 { "1" } else { "0" };
    sink.add(&["null"]);
    sink.add(&["null*end", ctx.end]);
    sink.add(&["null*q0", q0]);
    sink.add(&["null*proposed", if proposed { "1" } else { "0" }]);
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::Lexicon;
    use super::super::quotes_in;
    use super::*;

    /// The paragraph of `text` (one paragraph, its quotes found) with the shipped verbs.
    fn with_para<R>(text: &str, f: impl FnOnce(&Para) -> R) -> R {
        let (toks, _) = quotes_in(text);
        let roles: Vec<String> = Vec::new();
        let p = Para::new(text, toks, &roles, Lexicon::builtin());
        f(&p)
    }

    #[test]
    fn noun_phrases_beside_reporting_verbs() {
        let table: &[(&str, &[&str])] = &[
            ("“It is over,” the investor said.", &["the investor"]),
            (
                "“It is over,” wrote one commenter on the site.",
                &["one commenter"],
            ),
            (
                "“It is over,” said an industry lobbyist who asked not to be named.",
                &["an industry lobbyist"],
            ),
            (
                "“It is over,” this Trump look-alike declared.",
                &["this Trump look-alike"],
            ),
            ("The plan failed on Tuesday.", &[]),
        ];
        for (text, want) in table {
            let got: Vec<String> = with_para(text, |p| {
                verb_phrases(p)
                    .into_iter()
                    .map(|(f, l)| text[p.toks[f].span.cover(p.toks[l].span).range()].to_string())
                    .collect()
            });
            assert_eq!(&got, want, "in {text:?}");
        }
    }

    /// Records features by name.
    #[derive(Default)]
    struct Names(Vec<String>);

    impl FeatureSink for Names {
        fn add(&mut self, parts: &[&str]) {
            self.0.push(parts.join(":"));
        }
    }

    #[test]
    fn candidates_are_nearest_first_with_their_features() {
        let text = "Ana Ruiz met the mayor. “We will win this fight,” the investor said.";
        with_para(text, |p| {
            let scan = p.mention_scan();
            let q = (0..p.toks.len())
                .find(|&i| p.toks[i].kind == TokKind::Quote)
                .expect("a quote");
            let found = candidates(p, q, &scan, &[]);
            let shown: Vec<&str> = found
                .iter()
                .map(|c| &text[c.mention.span.range()])
                .collect();
            assert_eq!(shown, ["the investor", "the mayor", "Ana Ruiz"]);
            let ctx = QuoteContext::new(p, q, "We will win this fight,");
            let mut names = Names::default();
            features(&ctx, &found[0], 0, &mut names);
            for want in [
                "kind:phrase",
                "prop:none",
                "side:after",
                "side*dist:after:0",
                "side*right:after:V",
                "side*end:after:,",
                "verb>:said",
                "word1*kind:determiner:phrase",
            ] {
                assert!(
                    names.0.iter().any(|n| n == want),
                    "{want} not in {:?}",
                    names.0
                );
            }
        });
    }
}
