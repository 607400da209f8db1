//! Reporting clauses: for each cue, which side of it the content is on and where the
//! source is written — `X said (that) C`, `X told Y (that) C`, `C, X said.`, `C, said X.`,
//! `according to X, C`, `C, according to X.`.

use crate::text::Span;

use super::cues::{cues_in, is_cue_word, is_saying_verb, Cue, CueShape};
use super::sources::{source_starting_at, subject_before, Source};
use super::words::{
    in_number, is_clause_break, is_month, is_participle, is_preposition, is_record_noun,
    is_subordinator, is_time_word, AUXILIARIES, DETERMINERS, FINITE_VERBS, TELLING_VERBS,
};
use super::{Paragraph, TokenKind};

/// A reporting clause found around a cue: the content's tokens (`content.0..content.1`,
/// not yet trimmed), its source, and the cue.
#[derive(Debug, Clone, Copy)]
pub(super) struct Clause {
    pub(super) content: (usize, usize),
    pub(super) source: Option<Source>,
    pub(super) cue: Span,
}

/// Most words of an opening phrase before the content it leads into (`In fact, …`,
/// `Last week, …`).
const OPENER_WORDS: usize = 4;

/// Most tokens between a cue and the `that` opening its content (`said in an interview
/// with the paper on Tuesday that …`).
const THAT_WINDOW: usize = 25;

/// The reporting clauses of a paragraph, sentence by sentence.
pub(super) fn in_paragraph(p: &Paragraph) -> Vec<Clause> {
    let mut out = Vec::new();
    let n = p.len();
    if n == 0 || is_headline(p) {
        return out;
    }
    let mut s = 0;
    for i in 0..n {
        if !(p.ends_sentence(i) || i + 1 == n) {
            continue;
        }
        // The sentence's tokens are s..end; a final `.`/`!`/`?` is left out.
        let end = if p.kind(i) == TokenKind::Punct && p.ends_sentence(i) {
            i
        } else {
            i + 1
        };
        let question = p.kind(i) == TokenKind::Punct && p.word(i) == "?";
        if !question {
            sentence(p, s, end, &mut out);
        }
        s = i + 1;
    }
    out
}

/// A paragraph that is a headline, a caption or a byline: short, without a sentence end.
fn is_headline(p: &Paragraph) -> bool {
    let last = p.len() - 1;
    !p.ends_sentence(last) && p.kind(last) != TokenKind::Quote && p.len() < 40
}

/// The reporting clauses of the sentence at tokens `s..end`.
fn sentence(p: &Paragraph, s: usize, end: usize, out: &mut Vec<Clause>) {
    let mut previous: Option<Source> = None;
    for cue in cues_in(p, s, end) {
        let clause = match cue.shape {
            CueShape::Verb => verb_clause(p, s, end, cue, previous),
            CueShape::According => according_clause(p, s, end, cue),
            CueShape::InRecord => record_clause(p, end, cue),
        };
        if let Some(c) = &clause {
            previous = c.source;
        }
        out.extend(clause);
    }
}

/// The clause around a reporting verb; `previous` is the source of the sentence's
/// previous clause (`X said A and added B`).
fn verb_clause(
    p: &Paragraph,
    s: usize,
    end: usize,
    cue: Cue,
    previous: Option<Source>,
) -> Option<Clause> {
    let (f, v) = (cue.first, cue.last);
    // "said to be", "is expected to win": a passive, not speech ("vowed to block" and
    // "asked to testify" report a plan or a request).
    if v + 1 < end && p.lower(v + 1) == "to" && !object_follows(p, v + 2, end) {
        let passive = (s..f)
            .rev()
            .take_while(|&j| p.kind(j) == TokenKind::Word)
            .take(3)
            .any(|j| {
                matches!(
                    p.lower(j),
                    "is" | "was" | "are" | "were" | "be" | "been" | "being"
                )
            });
        if passive || is_saying_verb(p.lower(v)) {
            return None;
        }
    }
    // "the said document", "in many states", "Ford's plans to": a noun, not a verb —
    // but "while saying that …", "after arguing that …": a participle after its
    // preposition, whose subject is the sentence's.
    // ("It goes without saying that …" credits no one.)
    let participle = || {
        let idiom = f >= s + 2 && p.lower(f - 1) == "without" && p.lower(f - 2).starts_with("go");
        f == v
            && !idiom
            && v + 1 < end
            && (p.lower(v + 1) == "that" || is_clause_word(contraction_head(p.lower(v + 1))))
            && is_saying_participle(p.lower(v))
    };
    if f > s
        && (DETERMINERS.contains(&p.lower(f - 1))
            || (is_preposition(p.lower(f - 1)) && !participle())
            || is_possessive(p.lower(f - 1)))
    {
        return None;
    }
    let cue_span = p.span(f).cover(p.span(v));
    // "Roe on Tuesday said", "Roe last week argued": the subject before the time.
    let time = before_time(p, f, s);
    let mut after = content_after(p, cue, end);
    // "Roe toured the plant and said the line would close": a strong cue (every verb of
    // saying is one; `and announced that …`) coordinated with the sentence's first verb
    // phrase, a clause after it.
    let coordinated_speech = || {
        f == v
            && !cue.weak
            && matches!(after, After::Content(k) if opens_plainly(p, k) || opens_clause(p, k, end))
    };
    let subject = (time < f)
        .then(|| subject_before(p, time, s))
        .flatten()
        .or_else(|| subject_before(p, f, s))
        .or_else(|| {
            coordinated(p, f, s).and_then(|()| {
                previous.or_else(|| {
                    coordinated_speech()
                        .then(|| sentence_subject(p, s, f))
                        .flatten()
                })
            })
        });
    // "''A,'' he said, ''B.''", "A, he added, ''B.''": a content split by its reporting
    // clause is read whole below, not from its quoted second part.
    let interrupts = |src: &Source| {
        p.kind(s) == TokenKind::Quote
            || token_at(p, src.span().start)
                .is_some_and(|first| comma_before(p, first, s).is_some())
    };
    // After a colon nothing is interrupted (`To that, Roe added: ''…''`).
    if matches!(after, After::Content(k) if k <= v + 2 && in_apostrophe_pair(p, k) && p.word(k - 1) != ":")
        && subject.as_ref().is_some_and(interrupts)
    {
        after = After::Quote;
    }
    if let Some(src) = subject.filter(|_| !names_inverted_subject(p, s, cue, end, after)) {
        if let After::Content(k) = after {
            if cue.weak && !opens_plainly(p, k) && !names_record(p, src) {
                return None;
            }
            // "“A,” she said and hung up", "“A,” Roe said happily on the radio": after a
            // quotation and its reporting clause, words that open no clause are the
            // writer's, not more of what was said.
            if !is_participle(p, f)
                && follows_quotation(p, s, src)
                && !opens_plainly(p, k)
                && p.kind(k) != TokenKind::Quote
            {
                return None;
            }
            // An object runs on like any content (`attacked the plan as a giveaway to
            // developers`): in the train split the annotated object ends before a
            // preposition, a time or a conjunction far less often than not.
            let stop = if subordinate_before(p, f, s) {
                // "Smith, who said the plan would fail, left", "While Smith said the plan
                // would fail, …": the content ends with the clause.
                next_comma(p, k, end)
            } else {
                clause_end(p, k, end)
            };
            return Some(Clause {
                content: (k, stop),
                source: Some(src),
                cue: cue_span,
            });
        }
        let first = token_at(p, src.span().start)?;
        // "A, Smith said, B.": the reporting clause interrupts its content (not a
        // participle after its own comma: `A, Smith said, adding, B`).
        let own_participle = f > s && p.word(f - 1) == "," && is_participle(p, f);
        if let Some(k) = resumes_after(p, v + 1, end).filter(|_| !own_participle) {
            if comma_before(p, first, s).is_some() {
                let from = if is_opener(p, s) { k } else { s };
                return Some(Clause {
                    content: (from, clause_end(p, k, end)),
                    source: Some(src),
                    cue: cue_span,
                });
            }
        }
        // "As the paper noted, C." and "C, as Smith said."
        if first > s && p.lower(first - 1) == "as" {
            if first - 1 == s && v + 2 < end && p.word(v + 1) == "," {
                return Some(Clause {
                    content: (v + 2, clause_end(p, v + 2, end)),
                    source: Some(src),
                    cue: cue_span,
                });
            }
            let comma = comma_before(p, first - 1, s)?;
            return opens_content(p, s, comma).then_some(Clause {
                content: (s, comma),
                source: Some(src),
                cue: cue_span,
            });
        }
        // "C, X said."; "In fact, C, X said.": the content after a short opening phrase.
        let comma = comma_before(p, first, s)?;
        let s = if opens_content(p, s, comma) {
            s
        } else {
            let after_opener = (s..comma.min(s + OPENER_WORDS + 1))
                .find(|&j| p.kind(j) == TokenKind::Punct && p.word(j) == ",")
                .map(|j| j + 1)
                .filter(|&k| is_opener(p, s) && k < comma && opens_content(p, k, comma));
            after_opener?
        };
        // "What it stood for: ''A,'' X said.": the content starts after a colon.
        let s = (s + 1..comma)
            .rev()
            .find(|&j| p.kind(j - 1) == TokenKind::Punct && p.word(j - 1) == ":")
            .unwrap_or(s);
        // "''A,'' X said, ''B.''": a quotation split by its reporting clause is one
        // content, to the last of the quoted spans that follow.
        let quoted = p.kind(s) == TokenKind::Quote && comma <= s + 1;
        if after == After::Quote && !quoted {
            return None;
        }
        let stop = if quoted {
            quoted_run_after(p, v + 1, end).unwrap_or(comma)
        } else {
            comma
        };
        return Some(Clause {
            content: (s, stop),
            source: Some(src),
            cue: cue_span,
        });
    }
    // "C, said X." and "''C,'' said X. ''D.''": only a verb of saying goes before its
    // subject (`…, called superdelegates` and `…, attacked or abused` name no source);
    // another verb only as a passive with its agent (`The levy, opposed by the board`).
    let quoted = f > s && p.kind(f - 1) == TokenKind::Quote;
    let inverts = || {
        is_saying_verb(&p.text()[cue_span.range()].to_lowercase())
            || (v + 1 < end && p.lower(v + 1) == "by")
    };
    if ((f > s + 1 && p.word(f - 1) == ",") || quoted) && inverts() {
        let (src, e) = source_starting_at(p, v + 1, end)?;
        // "…, agreed with that point", "…, suggested that Trump had …": the words after
        // the verb are its object or its content, not an inverted subject.
        if matches!(src, Source::Phrase(_)) && !opens_noun_phrase(p, v + 1) {
            return None;
        }
        if e + 1 >= end || p.word(e + 1) == "," {
            let stop = if quoted {
                quoted_run_after(p, e + 1, end).unwrap_or(f)
            } else {
                f - 1
            };
            return Some(Clause {
                content: (s, stop),
                source: Some(src),
                cue: cue_span,
            });
        }
    }
    None
}

/// Whether the words after the cue (tokens `cue.last + 1..end`, `after` being what
/// [`content_after`] read there) are its inverted subject rather than its content: after
/// a comma, a verb of saying followed by a rest of the sentence that names someone and
/// holds no verb (`…, said lobbyist Charlie Black, a partner.`).
fn names_inverted_subject(p: &Paragraph, s: usize, cue: Cue, end: usize, after: After) -> bool {
    let (f, v) = (cue.first, cue.last);
    f > s + 1
        && p.word(f - 1) == ","
        && is_saying_verb(p.lower(v))
        && after == After::Content(v + 1)
        && !(v + 1..end).any(|t| {
            p.kind(t) == TokenKind::Word
                && (is_verb_form(p, t) || is_clause_word(contraction_head(p.lower(t))))
        })
        && (v + 1..end.min(v + 5)).any(|t| p.is_capitalized(t))
        && source_starting_at(p, v + 1, end)
            .is_some_and(|(_, e)| e + 1 >= end || p.word(e + 1) == ",")
}

/// Whether a lower-cased word is the `-ing` form of a verb of saying (`saying`,
/// `arguing`, `adding`, `writing`).
fn is_saying_participle(w: &str) -> bool {
    w.strip_suffix("ing").is_some_and(|stem| {
        is_saying_verb(stem)
            || ["s", "ed", "es", "d"]
                .iter()
                .any(|end| is_saying_verb(&format!("{stem}{end}")))
    })
}

/// Whether a lower-cased word is a preposition, a subordinator, a pronoun opening a
/// clause or an auxiliary: a word that opens no noun phrase.
fn is_function_word(w: &str) -> bool {
    is_preposition(w) || is_subordinator(w) || is_clause_word(w) || AUXILIARIES.contains(&w)
}

/// Whether the word at token `t` is a verb form: finite (`was`), an auxiliary (`has`)
/// or a lower-case past form (`backed`).
fn is_verb_form(p: &Paragraph, t: usize) -> bool {
    let w = p.lower(t);
    FINITE_VERBS.contains(&w)
        || AUXILIARIES.contains(&w)
        || (w.ends_with("ed") && !p.is_capitalized(t))
}

/// Whether token `k` can open a noun phrase that is an inverted subject: not a function
/// word (but `by`: `…, opposed by House Republicans`).
fn opens_noun_phrase(p: &Paragraph, k: usize) -> bool {
    let w = p.lower(k);
    w == "by" || !is_function_word(w)
}

/// Whether a lower-cased word is a possessive (`ford's`, `obama’s`), not a contraction
/// of a pronoun and a verb (`he's`, `that's`).
fn is_possessive(w: &str) -> bool {
    let Some(stem) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) else {
        return false;
    };
    !stem.is_empty()
        && !matches!(
            stem,
            "he" | "she" | "it" | "that" | "there" | "who" | "what" | "here" | "where" | "let"
        )
}

/// The first token of the time phrase right before token `f` (`on Tuesday`, `last
/// week`, `Tuesday`), or `f` when there is none.
fn before_time(p: &Paragraph, f: usize, s: usize) -> usize {
    let mut t = f;
    while t > s && p.kind(t - 1) == TokenKind::Word && is_time_word(p.lower(t - 1)) {
        t -= 1;
    }
    if t < f
        && t > s
        && matches!(
            p.lower(t - 1),
            "on" | "in" | "last" | "this" | "early" | "late"
        )
    {
        t -= 1;
    }
    t
}

/// `In a … poll, C`: the phrase after `In` up to its comma is the source, the clause
/// after the comma the content.
///
/// The content goes on past the record's own phrases: a participle's (`In the new poll,
/// conducted in May, C`) and a sentence adverb (`In a poll released Monday, however, C`).
fn record_clause(p: &Paragraph, end: usize, cue: Cue) -> Option<Clause> {
    let comma_from = |k: usize| {
        (k..end.min(k + RECORD_PHRASE_TOKENS))
            .find(|&j| p.kind(j) == TokenKind::Punct && p.word(j) == ",")
    };
    let comma = comma_from(cue.last + 1)?;
    let first = cue.last + 1;
    let source = Source::Phrase(p.span(first).cover(p.span(comma - 1)));
    let mut k = comma + 1;
    loop {
        let phrase = k < end
            && p.kind(k) == TokenKind::Word
            && !p.is_capitalized(k)
            && (p.lower(k).ends_with("ed") || is_sentence_adverb(p.lower(k)));
        match comma_from(k).filter(|_| phrase) {
            Some(next) if next + 1 < end => k = next + 1,
            _ => break,
        }
    }
    Some(Clause {
        content: (k, clause_end(p, k, end)),
        source: Some(source),
        cue: p.span(cue.first),
    })
}

/// Most tokens of a phrase between commas after a record (`, conducted in May,`).
const RECORD_PHRASE_TOKENS: usize = 10;

/// Adverbs set off by commas at a clause's start (`however`, `meanwhile`).
fn is_sentence_adverb(w: &str) -> bool {
    matches!(
        w,
        "however" | "meanwhile" | "moreover" | "though" | "still" | "also" | "too" | "overall"
    )
}

/// `according to X, C` and `C, according to X.`
fn according_clause(p: &Paragraph, s: usize, end: usize, cue: Cue) -> Option<Clause> {
    let cue_span = p.span(cue.first).cover(p.span(cue.last));
    let (src, e) = source_starting_at(p, cue.last + 1, end)?;
    if cue.first <= s + 1 && e + 1 < end && p.word(e + 1) == "," {
        let k = appositive_end(p, e + 2, end).map_or(e + 2, |c| c + 1);
        return Some(Clause {
            content: (k, clause_end(p, k, end)),
            source: Some(src),
            cue: cue_span,
        });
    }
    let comma = comma_before(p, cue.first, s)?;
    // "A, according to X, B."
    let stop = match resumes_after(p, e + 1, end) {
        Some(k) => clause_end(p, k, end),
        None => comma,
    };
    Some(Clause {
        content: (s, stop),
        source: Some(src),
        cue: cue_span,
    })
}

/// Most tokens of an appositive after a source (`According to Roe, a spokesman for the
/// group, …`).
const APPOSITIVE_TOKENS: usize = 16;

/// The comma closing an appositive that opens at token `k` (`a spokesman for the group,`):
/// a noun phrase opened by an article, with no verb before its comma and words after it.
fn appositive_end(p: &Paragraph, k: usize, end: usize) -> Option<usize> {
    if k >= end || !matches!(p.lower(k), "a" | "an" | "the") {
        return None;
    }
    let comma = (k + 1..end.min(k + APPOSITIVE_TOKENS))
        .take_while(|&j| p.kind(j) == TokenKind::Word || p.word(j) == ",")
        .find(|&j| p.word(j) == ",")?;
    let verbless = (k..comma).all(|j| !is_verb_form(p, j) && !is_cue_word(p.lower(j)));
    (verbless && comma + 1 < end).then_some(comma)
}

/// Where content resumes after a reporting clause that interrupts it (`A, Smith said, B`,
/// `A, according to the report, B`): the token after the comma at `j` (past times:
/// `said Tuesday,`), when a clause follows rather than a participle (`, adding`), a clause
/// break (`, but`, `, which`) or a quotation.
fn resumes_after(p: &Paragraph, mut j: usize, end: usize) -> Option<usize> {
    while j < end && p.kind(j) == TokenKind::Word && is_time_word(p.lower(j)) {
        j += 1;
    }
    // "An early thaw, Roe said, “could flood the road.”": mixed speech resumes in quote
    // marks.
    if j + 1 < end
        && p.kind(j) == TokenKind::Punct
        && p.word(j) == ","
        && p.kind(j + 1) == TokenKind::Quote
    {
        return Some(j + 1);
    }
    if j + 2 >= end || p.kind(j) != TokenKind::Punct || p.word(j) != "," {
        return None;
    }
    let k = j + 1;
    let w = p.lower(k);
    let opens = p.kind(k) == TokenKind::Word
        && (!is_clause_break(w) || matches!(w, "a" | "an" | "the"))
        && !is_participle(p, k)
        && !is_preposition(w)
        && !matches!(w, "and" | "or" | "as" | "that");
    opens.then_some(k)
}

/// True when token `i` opens an object (`pointed to the record`, `said to reporters`)
/// rather than a verb (`said to be`).
fn object_follows(p: &Paragraph, i: usize, end: usize) -> bool {
    i < end
        && (DETERMINERS.contains(&p.lower(i))
            || p.is_capitalized(i)
            || matches!(
                p.lower(i),
                "him" | "her" | "them" | "me" | "us" | "reporters"
            ))
}

/// Nouns of time that `that` may point at (`that night`, `that week`).
const TIME_NOUNS: &[&str] = &[
    "night",
    "day",
    "morning",
    "afternoon",
    "evening",
    "week",
    "month",
    "year",
    "time",
];

/// Whether tokens `k`, `k + 1` name a span of time (`two days`, `a few weeks`, `18
/// months`), as in `said two days after taking office`.
fn names_span_of_time(p: &Paragraph, k: usize, end: usize) -> bool {
    let count = p.lower(k);
    let number = count.chars().all(|c| c.is_ascii_digit())
        || matches!(
            count,
            "a" | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "several"
                | "few"
                | "many"
        );
    let unit = k + 1 < end
        && matches!(
            p.lower(k + 1),
            "minutes" | "hours" | "days" | "weeks" | "months" | "years" | "decades"
        );
    number && unit && k + 2 < end && {
        let next = p.lower(k + 2);
        matches!(
            next,
            "after" | "before" | "ago" | "later" | "earlier" | "into"
        ) || p.kind(k + 2) == TokenKind::Punct
    }
}

/// Whether the `that` at token `k` points at a thing rather than opening a clause: a
/// time (`in her speech that night.`, `that week,`) or one lower-case word ending the
/// sentence (`agreed with that point.`).
fn is_demonstrative(p: &Paragraph, k: usize, end: usize) -> bool {
    let closes = k + 2 >= end
        || (p.kind(k + 2) == TokenKind::Punct && matches!(p.word(k + 2), "." | "!" | "?" | ";"));
    k + 1 < end
        && ((TIME_NOUNS.contains(&p.lower(k + 1))
            && (k + 2 >= end || p.kind(k + 2) == TokenKind::Punct))
            || (closes && p.kind(k + 1) == TokenKind::Word && !p.is_capitalized(k + 1)))
}

/// Whether the `that` at token `j` is a relative pronoun (`said in a documentary that
/// showed the plane`, `incidents that happened`): a verb follows it at once, where a
/// clause it opened would have its subject.
fn opens_relative(p: &Paragraph, j: usize, end: usize) -> bool {
    let v = j + 1;
    v < end
        && p.kind(v) == TokenKind::Word
        && !p.is_capitalized(v)
        && (FINITE_VERBS.contains(&p.lower(v)) || p.lower(v).ends_with("ed"))
}

/// A word without the contracted verb it may carry (`she’d` → `she`, `it's` → `it`).
fn contraction_head(w: &str) -> &str {
    w.split(['\'', '’']).next().unwrap_or(w)
}

/// Most tokens [`opens_clause`] reads for a verb.
const CLAUSE_VERB_WINDOW: usize = 8;

/// Whether the words from token `k` are a clause (`he would run`, `the plan was dead`,
/// `to vote`) rather than a noun phrase (`Fox 35 in Orlando`): they open with `to` or a
/// subject pronoun, or hold a finite verb, a past form or a cue before any punctuation.
fn opens_clause(p: &Paragraph, k: usize, end: usize) -> bool {
    let w = p.lower(k);
    let subject = contraction_head(w);
    w == "to"
        || is_clause_word(subject)
        || matches!(
            subject,
            "you" | "how" | "what" | "why" | "when" | "where" | "who"
        )
        || (k..end.min(k + CLAUSE_VERB_WINDOW))
            .take_while(|&t| p.kind(t) == TokenKind::Word)
            .any(|t| {
                is_verb_form(p, t) || p.lower(t) == "that" || (t > k && is_cue_word(p.lower(t)))
            })
}

/// What follows a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    /// Content starting at this token.
    Content(usize),
    /// Nothing but times, places and manners (`X said Tuesday.`, `X said in a
    /// statement.`, `X said, laughing.`): the content, if any, comes before.
    Nothing,
    /// A direct quote (`X said: “…”`): nothing here for reported speech.
    Quote,
}

/// What follows the cue: past the person told (`told reporters`), times and places (`on
/// Tuesday`, `in an interview`) and a `that`, the content, or nothing.
fn content_after(p: &Paragraph, cue: Cue, end: usize) -> After {
    let mut k = cue.last + 1;
    let verb = p.lower(cue.last);
    let telling = TELLING_VERBS.contains(&verb) && k < end && p.lower(k) != "that";
    if telling {
        k = match p.mention_starting_at(k) {
            // "told ABC 7 that …": a channel's number is part of its name.
            Some((_, e))
                if e + 2 < end
                    && p.kind(e + 1) == TokenKind::Word
                    && p.word(e + 1).bytes().all(|b| b.is_ascii_digit()) =>
            {
                e + 2
            }
            Some((_, e)) => e + 1,
            None => {
                let mut j = k;
                // "told a town hall in Salem that …": the person told ends before a
                // preposition, whose place the search for `that` below passes.
                while j < end
                    && j < k + 4
                    && p.kind(j) == TokenKind::Word
                    && !is_clause_word(contraction_head(p.lower(j)))
                    && !(j > k && is_preposition(p.lower(j)))
                    // "told reporters the bridge would reopen": a determiner opens the
                    // content's subject (not after `asked for`, `warned of`).
                    && !(j > k && DETERMINERS.contains(&p.lower(j)) && !is_preposition(p.lower(k)))
                {
                    j += 1;
                }
                j
            }
        };
    }
    // "vowed to block the plan": the infinitive is the content.
    if k + 1 < end && p.lower(k) == "to" && !object_follows(p, k + 1, end) {
        return After::Content(k);
    }
    // "pointed out that …", "talked up his plans": the verb's particle is not content.
    if k == cue.last + 1
        && k + 1 < end
        && matches!(p.lower(k), "out" | "up")
        && p.kind(k + 1) == TokenKind::Word
        && !is_preposition(p.lower(k + 1))
    {
        k += 1;
    }
    while k < end {
        let w = p.lower(k);
        match p.kind(k) {
            // "said “it gets me mad” every time …": a quoted fragment opening a content
            // that goes on is mixed speech, reported.
            TokenKind::Quote if k + 1 < end && p.kind(k + 1) == TokenKind::Word => {
                return After::Content(k)
            }
            // "said ''it will pass''": a quotation in doubled apostrophes, which the
            // direct-quote finder leaves alone, is reported here.
            TokenKind::Quote if in_apostrophe_pair(p, k) => return After::Content(k),
            TokenKind::Quote => return After::Quote,
            // "said: ''it will pass''", "added, ''…''": past the colon or comma.
            TokenKind::Punct
                if matches!(p.word(k), ":" | ",")
                    && k + 1 < end
                    && in_apostrophe_pair(p, k + 1) =>
            {
                return After::Content(k + 1)
            }
            // "said in his speech that night.": `that` names a time.
            TokenKind::Word if w == "that" && is_demonstrative(p, k, end) => {
                k += 2;
                continue;
            }
            TokenKind::Word if w == "that" => {
                return if k + 1 < end {
                    After::Content(k + 1)
                } else {
                    After::Nothing
                };
            }
            TokenKind::Word if is_time_word(w) => {
                k += 1;
                continue;
            }
            // "reported late Thursday", "said early last week", "projected last August".
            TokenKind::Word
                if (matches!(w, "late" | "early")
                    && k + 1 < end
                    && is_time_word(p.lower(k + 1)))
                    || (p.is_capitalized(k) && is_month(w)) =>
            {
                k += 1;
                continue;
            }
            // "said two days after taking office": a span of time.
            TokenKind::Word if names_span_of_time(p, k, end) => {
                k += 2;
                continue;
            }
            // "told Fox 35 in Orlando.": past the person told, a content is a clause.
            TokenKind::Word if telling && !is_preposition(w) && !opens_clause(p, k, end) => {
                return After::Nothing
            }
            TokenKind::Word if !is_preposition(w) || expletive_there(p, k, end) => {
                return After::Content(k)
            }
            _ => {}
        }
        // "called for the resignation", "pointed to the record": a particle of a cue
        // that is not a verb of saying opens its object.
        let particle_object = p.kind(k) == TokenKind::Word
            && !is_saying_verb(verb)
            && matches!(
                w,
                "for" | "to" | "about" | "on" | "out" | "against" | "of" | "at"
            )
            && k + 1 < end
            && p.kind(k + 1) != TokenKind::Punct
            && !is_time_word(p.lower(k + 1));
        // "called for more rules on the banks that fund it": right after the cue, the
        // particle's object is the content, and a `that` inside it opens a relative
        // clause, not the content.
        if particle_object
            && k == cue.last + 1
            && !matches!(w, "out" | "at")
            && p.kind(k + 1) == TokenKind::Word
            && (k + 1..end.min(k + THAT_WINDOW)).any(|j| p.lower(j) == "that")
        {
            return After::Content(k + 1);
        }
        // A `that` further on opens the content (`said in an interview on Tuesday that
        // …`, `said, however, that …`).
        // Not past a participle of its own (`said, adding that …`).
        let window = (k..end.min(k + THAT_WINDOW)).take_while(|&j| {
            let stop = p.kind(j) == TokenKind::Punct && matches!(p.word(j), ";" | ":");
            let participle = j > k && p.word(j - 1) == "," && is_participle(p, j);
            !(stop || participle)
        });
        let mut quote = false;
        for j in window {
            if p.kind(j) == TokenKind::Quote {
                quote = true;
            }
            if p.kind(j) == TokenKind::Word
                && p.lower(j) == "that"
                && !is_demonstrative(p, j, end)
                && !opens_relative(p, j, end)
            {
                return if j + 1 < end {
                    After::Content(j + 1)
                } else {
                    After::Nothing
                };
            }
        }
        // "said of the senator: ''…''": past a phrase, a colon before a quotation in
        // doubled apostrophes.
        let colon = (k..end.min(k + THAT_WINDOW))
            .find(|&j| p.kind(j) == TokenKind::Punct && matches!(p.word(j), ":" | ";" | "."));
        if let Some(j) = colon.filter(|&j| p.word(j) == ":" && j + 1 < end) {
            if in_apostrophe_pair(p, j + 1) {
                return After::Content(j + 1);
            }
        }
        if particle_object {
            return After::Content(k + 1);
        }
        // A quotation after a participle of its own (`said, adding, “…”`) is that
        // participle's.
        let own = (k..end)
            .find(|&j| j > k && p.word(j - 1) == "," && is_participle(p, j))
            .unwrap_or(end);
        let quote = quote
            || (k..own).any(|j| {
                p.kind(j) == TokenKind::Quote || (p.kind(j) == TokenKind::Punct && p.word(j) == ":")
            });
        return if quote { After::Quote } else { After::Nothing };
    }
    After::Nothing
}

/// Whether token `k` is a quotation in doubled apostrophes (`''…''`): reported speech,
/// not a direct quote (see [`super::marks`]).
fn in_apostrophe_pair(p: &Paragraph, k: usize) -> bool {
    p.kind(k) == TokenKind::Quote && p.text()[p.span(k).range()].starts_with("''")
}

/// `there` opening a clause as its subject (`said there are reasons`, `there will be`,
/// `there certainly was`), not as a place (`said there`, `said there on Monday`).
fn expletive_there(p: &Paragraph, k: usize, end: usize) -> bool {
    // "there certainly was", "there probably will be": past one adverb.
    let v = if k + 2 < end && p.kind(k + 1) == TokenKind::Word && p.lower(k + 1).ends_with("ly") {
        k + 2
    } else {
        k + 1
    };
    p.lower(k) == "there"
        && v < end
        && p.kind(v) == TokenKind::Word
        && matches!(
            p.lower(v),
            "is" | "are"
                | "was"
                | "were"
                | "will"
                | "would"
                | "could"
                | "should"
                | "may"
                | "might"
                | "must"
                | "has"
                | "have"
                | "had"
                | "can"
                | "isn't"
                | "aren't"
                | "wasn't"
                | "weren't"
                | "won't"
                | "seems"
                | "appears"
        )
}

/// True when a source phrase ends with a record (`the county data`, `recent polls`):
/// what it shows is its content even without a `that`.
fn names_record(p: &Paragraph, src: Source) -> bool {
    let Source::Phrase(span) = src else {
        return false;
    };
    p.text()[span.range()]
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| is_record_noun(&w.to_lowercase()))
}

/// True when the content at token `k` opens plainly as reported content: after `that`,
/// or with a question word or an infinitive (`whether …`, `to block …`).
fn opens_plainly(p: &Paragraph, k: usize) -> bool {
    (k > 0 && p.kind(k - 1) == TokenKind::Word && p.lower(k - 1) == "that")
        || matches!(
            p.lower(k),
            "to" | "whether" | "if" | "how" | "why" | "what" | "who" | "when" | "where"
        )
}

/// True when tokens `s..comma` can be content before a reporting clause: a clause, not
/// an opening phrase (`In December, X called …`, `Asked about it, X said …`).
fn opens_content(p: &Paragraph, s: usize, comma: usize) -> bool {
    let words = (s..comma)
        .filter(|&i| p.kind(i) != TokenKind::Punct)
        .count();
    p.kind(s) == TokenKind::Quote || (words >= 3 && !is_opener(p, s))
}

/// True when the sentence at token `s` opens with an opening phrase rather than its
/// subject (`In December, …`, `While …`, `Asked about it, …`).
fn is_opener(p: &Paragraph, s: usize) -> bool {
    let first = p.lower(s);
    p.kind(s) == TokenKind::Word
        && (is_preposition(first)
            || is_subordinator(first)
            || first.ends_with("ed")
            || is_participle(p, s)
            || matches!(first, "later" | "earlier" | "asked" | "instead" | "still"))
}

/// True when the cue at token `f` is in a relative or subordinate clause (`who said`,
/// `who has long argued`, `while Smith said`, `Although the report found`).
fn subordinate_before(p: &Paragraph, f: usize, s: usize) -> bool {
    let relative = (s..f)
        .rev()
        .take(4)
        .take_while(|&j| p.kind(j) == TokenKind::Word)
        .any(|j| matches!(p.lower(j), "who" | "which"));
    // A subordinator opening the clause of the cue: no comma between them.
    let subordinate = (s..f)
        .rev()
        .take(12)
        .take_while(|&j| p.kind(j) != TokenKind::Punct)
        .any(|j| is_subordinator(p.lower(j)));
    relative || subordinate
}

/// True when the verb at token `f` continues a coordination (`… and said`, `… but
/// added`), its subject that of the sentence's previous clause.
fn coordinated(p: &Paragraph, f: usize, s: usize) -> Option<()> {
    let mut j = f;
    while j > s && p.kind(j - 1) == TokenKind::Word && AUXILIARIES.contains(&p.lower(j - 1)) {
        j -= 1;
    }
    (j > s && p.kind(j - 1) == TokenKind::Word && matches!(p.lower(j - 1), "and" | "but" | "or"))
        .then_some(())
}

/// The subject of a sentence whose verb phrases are coordinated before a cue (`Roe
/// toured the plant and said …`): a mention opening the sentence, or opening it after a
/// short phrase and its comma (`On Tuesday, Roe …`), followed by a verb.
fn sentence_subject(p: &Paragraph, s: usize, f: usize) -> Option<Source> {
    // "Ruiz, who answered the door and said …": the relative pronoun's antecedent.
    if let Some(w) = (s..f)
        .rev()
        .find(|&j| matches!(p.lower(j), "who" | "which"))
    {
        return subject_before(p, w + 1, s);
    }
    let (i, m) = p.first_subject(s, f)?;
    let opens = i == s
        || (i > s + 1
            && i <= s + OPENER_WORDS + 1
            && p.word(i - 1) == ","
            && (s..i - 1).all(|j| p.kind(j) == TokenKind::Word));
    let last = (i..f).take_while(|&t| p.span(t).end <= m.span.end).last()?;
    let next = last + 1;
    let verb = next < f
        && (is_verb_form(p, next)
            || (p.kind(next) == TokenKind::Word
                && !p.is_capitalized(next)
                && !is_function_word(p.lower(next))));
    (opens && verb).then_some(Source::Mention(m))
}

/// Whether the sentence at token `s` opens with a quotation whose reporting clause
/// `src` starts right after it (`“A,” she said`, `''A'', Roe said`), or after a role.
fn follows_quotation(p: &Paragraph, s: usize, src: Source) -> bool {
    p.kind(s) == TokenKind::Quote
        && token_at(p, src.span().start).is_some_and(|first| {
            // Past a comma and a role (`“A,” spokesman Al Bent said`).
            first <= s + 4
                && (s + 1..first).all(|j| {
                    (p.kind(j) == TokenKind::Word
                        && !p.is_capitalized(j)
                        && !is_cue_word(p.lower(j))
                        && !is_function_word(p.lower(j))
                        && !matches!(p.lower(j), "who" | "which"))
                        || p.word(j) == ","
                })
        })
}

/// The first `,` at or after token `k` (or `end`).
fn next_comma(p: &Paragraph, k: usize, end: usize) -> usize {
    (k..end)
        .find(|&j| {
            p.kind(j) == TokenKind::Punct
                && matches!(p.word(j), "," | ";" | "—" | "–")
                && !in_number(p, j)
        })
        .unwrap_or(end)
}

/// Words that open a clause rather than continue an object.
fn is_clause_word(w: &str) -> bool {
    matches!(
        w,
        "that" | "he" | "she" | "they" | "it" | "we" | "i" | "there" | "if" | "whether"
    )
}

/// Where content starting at `k` ends: the sentence's end, or an earlier clause break
/// (`, but`, `, which`, `, while`, `;`, a dash, `, saying`, `, according to`, `and
/// said`). A colon continues the content (`said the plan had one flaw: its cost`), and so
/// does `, even` (`, even as …`, `, even though …`): in the train split the annotated
/// content runs on past both far more often than it stops.
fn clause_end(p: &Paragraph, k: usize, end: usize) -> usize {
    // "said that if the levy fails, the bridge will close": a content opening with a
    // subordinate or prepositional phrase goes on past that phrase's comma.
    // An infinitive (`vowed to block the plan, the paper said`) is no fronted phrase.
    // `even if` and `even though` open a fronted clause too.
    let opener = if p.lower(k) == "even" && k + 1 < end {
        k + 1
    } else {
        k
    };
    let mut fronted = p.kind(opener) == TokenKind::Word
        && p.lower(opener) != "to"
        && (is_subordinator(p.lower(opener)) || is_preposition(p.lower(opener)));
    let mut j = k + 1;
    while j < end {
        match p.kind(j) {
            TokenKind::Punct => {
                let w = p.word(j);
                // "said that the levy, which the board backed, would fail": a short
                // subject's aside is skipped, and the clause goes on after it.
                if let Some(close) = aside_after_subject(p, k, j, end) {
                    fronted = false;
                    j = close + 1;
                    continue;
                }
                // "said the county — not the state — will pay": an aside between dashes
                // inside the content is skipped when the clause goes on after it.
                if let Some(close) = dash_aside_end(p, j, end) {
                    j = close + 1;
                    continue;
                }
                if matches!(w, ";" | "—" | "–" | "--") && j + 1 < end {
                    return j;
                }
                if w == "," && j + 1 < end && !in_number(p, j) {
                    let next = p.lower(j + 1);
                    // "said A, and that B" / ", but that B": one content.
                    let another_that =
                        matches!(next, "and" | "but") && j + 2 < end && p.lower(j + 2) == "that";
                    let main_clause = fronted && matches!(next, "a" | "an" | "the");
                    fronted = false;
                    // "fitting that, having overcome …": a comma right after `that` is
                    // inside the clause it opens.
                    let continues = next == "even" || p.lower(j - 1) == "that" || main_clause;
                    // "52 percent said Roe would win, compared with 41 percent for Lee":
                    // the comparison is the writer's.
                    let comparison = next == "compared"
                        && j + 2 < end
                        && matches!(p.lower(j + 2), "with" | "to");
                    if !another_that
                        && !continues
                        && (is_clause_break(next) || is_participle(p, j + 1) || comparison)
                    {
                        return j;
                    }
                }
            }
            TokenKind::Word if matches!(p.lower(j), "and" | "but") => {
                // "said A and added B": the next clause of the same subject.
                let mut v = j + 1;
                while v < end && p.kind(v) == TokenKind::Word && AUXILIARIES.contains(&p.lower(v)) {
                    v += 1;
                }
                if v < end && p.kind(v) == TokenKind::Word && is_cue_word(p.lower(v)) {
                    return if p.kind(j - 1) == TokenKind::Punct {
                        j - 1
                    } else {
                        j
                    };
                }
            }
            _ => {}
        }
        j += 1;
    }
    end
}

/// Most tokens of an aside between dashes inside a content.
const DASH_ASIDE_TOKENS: usize = 15;

/// When the dash at token `j` opens an aside that a second dash closes before `end`, with
/// a lower-case word going on after it (`the county — not the state — will pay`), the
/// closing dash.
fn dash_aside_end(p: &Paragraph, j: usize, end: usize) -> Option<usize> {
    let dash = |t: usize| p.kind(t) == TokenKind::Punct && matches!(p.word(t), "—" | "–" | "--");
    if !dash(j) {
        return None;
    }
    let close = (j + 2..end.min(j + 2 + DASH_ASIDE_TOKENS))
        .find(|&t| dash(t) || (p.kind(t) == TokenKind::Punct && matches!(p.word(t), ";" | ":")))?;
    let goes_on = close + 1 < end
        && dash(close)
        && p.kind(close + 1) == TokenKind::Word
        && p.word(close + 1).starts_with(|c: char| c.is_lowercase());
    goes_on.then_some(close)
}

/// Most words of a content's subject before an aside (`the levy, which …`).
const ASIDE_SUBJECT_WORDS: usize = 3;

/// Most tokens of an aside between a content's subject and its verb.
const ASIDE_TOKENS: usize = 20;

/// When the comma or dash at token `j` opens an aside after a content's short subject
/// (tokens `k..j`: `the levy, which the board backed, would fail`, `Ruiz, the board's
/// chair, said …`, `the plan — a loan — will`), the token that closes the aside: the next
/// comma (or the same dash) followed by a lower-case word that goes on with the clause.
fn aside_after_subject(p: &Paragraph, k: usize, j: usize, end: usize) -> Option<usize> {
    let mark = p.word(j);
    if !matches!(mark, "," | "—" | "–" | "--") || j + 1 >= end || j - k > ASIDE_SUBJECT_WORDS {
        return None;
    }
    let subject = (k..j).all(|t| {
        p.kind(t) == TokenKind::Word
            && !is_function_word(p.lower(t))
            && !matches!(p.lower(t), "and" | "or" | "but" | "not")
    });
    if !subject {
        return None;
    }
    let closes = |t: usize| {
        p.kind(t) == TokenKind::Punct
            && if mark == "," {
                t > j + 1 && p.word(t) == ","
            } else {
                p.word(t) == mark
            }
    };
    let close = (j + 1..end.min(j + 1 + ASIDE_TOKENS)).find(|&t| {
        closes(t) || (p.kind(t) == TokenKind::Punct && matches!(p.word(t), ";" | ":"))
    })?;
    let next = close + 1;
    let goes_on = closes(close)
        && next < end
        && p.kind(next) == TokenKind::Word
        && !p.is_capitalized(next)
        && !is_clause_break(p.lower(next))
        && !is_participle(p, next)
        && !matches!(p.lower(next), "and" | "or" | "according" | "said" | "says");
    goes_on.then_some(close)
}

/// The quoted spans starting at token `from` with nothing but punctuation between them
/// (`, ''B.'' ''C.''`): one past the last, and the word that ends the run, if any;
/// `None` when there is no quoted span.
fn quote_run(p: &Paragraph, from: usize) -> Option<(usize, Option<usize>)> {
    let mut last = None;
    for j in from..p.len() {
        match p.kind(j) {
            TokenKind::Quote => last = Some(j + 1),
            TokenKind::Punct => {}
            TokenKind::Word => return last.map(|l| (l, Some(j))),
        }
    }
    last.map(|l| (l, None))
}

/// One past the last quoted span that continues a quoted content after its reporting
/// clause (tokens `from..end`): right after it (`''A,'' X said, ''B.''`), or opening the
/// next sentence when the rest of the paragraph is quoted or the run ends a sentence
/// (`''A,'' X said on Monday. ''B.''`); `None` when none does.
fn quoted_run_after(p: &Paragraph, from: usize, end: usize) -> Option<usize> {
    if let Some((last, _)) = quote_run(p, from) {
        return Some(last);
    }
    if (from..end).any(|j| p.kind(j) == TokenKind::Quote) || end >= p.len() {
        return None;
    }
    let (last, word) = quote_run(p, end)?;
    word.is_none_or(|w| p.ends_sentence(w - 1)).then_some(last)
}

/// The `,` closing the content before a source at token `first` (`C, X said`), past quote
/// marks (`''C,'' X said`); `None` when there is none or no content before it.
fn comma_before(p: &Paragraph, first: usize, s: usize) -> Option<usize> {
    let mut j = first;
    while j > s + 1
        && p.kind(j - 1) == TokenKind::Punct
        && matches!(p.word(j - 1), "'" | "’" | "\"")
    {
        j -= 1;
    }
    // Not `then_some(j - 1)`: that computes `j - 1` even when `j` is 0.
    // Not a comma grouping a number's digits (`roughly 1,100 names`).
    let comma = j > s + 1
        && p.kind(j - 1) == TokenKind::Punct
        && matches!(p.word(j - 1), "," | "—" | "–")
        && !in_number(p, j - 1);
    let at_comma = if comma { Some(j - 1) } else { None };
    at_comma.or_else(|| {
        // "“C,” X said": the quote carries the comma inside its marks.
        (j > s && p.kind(j - 1) == TokenKind::Quote && j == first).then_some(j)
    })
}

/// The token starting at byte `at` (tokens are in order: a binary search).
fn token_at(p: &Paragraph, at: usize) -> Option<usize> {
    let (mut lo, mut hi) = (0, p.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if p.span(mid).start < at {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo < p.len() && p.span(lo).start == at).then_some(lo)
}
