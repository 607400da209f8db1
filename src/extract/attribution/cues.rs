//! Reporting clauses around a quote: the cue (a reporting verb, `according to`, a colon,
//! a dash sign-off) and the mention it credits — after the quote (`“…,” X said`, `said
//! X`), before it (`X said: “…”`, `X told reporters that “…”`), or closing the previous
//! paragraph (`He said:`).

use crate::text::Span;

use super::lexicon::AUXILIARIES;
use super::mentions::{Mention, MentionKind};
use super::tokens::{is_dash, lookback_start, sentence_end, Para, LOOKBACK_TOKENS};

/// How a quoted span was attributed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Attribution {
    pub(super) mention: Mention,
    pub(super) cue: Span,
    /// Token index (in the paragraph) where the attribution clause ends, when it follows
    /// the quote; used to join split quotes.
    pub(super) clause_end: Option<usize>,
}

/// `“…,” said X` / `“…,” X said` / `“…,” X, a title, said` / `“…,” according to X`.
pub(super) fn attribution_after(p: &Para, q: usize, quote_text: &str) -> Option<Attribution> {
    let mut i = q + 1;
    let mut dash = false;
    while p.is_punct(i, ",") || is_dash(p, i) {
        dash |= is_dash(p, i);
        i += 1;
    }
    let end = sentence_end(p, i);
    let closed = quote_text
        .trim_end()
        .trim_end_matches(['’', '\'', '"', '”'])
        .ends_with(['.', '!', '?', ',', '—', '–', '-', ':', ';', '…']);
    let comma_after = i > q + 1;
    if i >= p.toks.len() {
        return None;
    }
    // according to X
    if p.lower(i) == "according" && p.is_word(i + 1) && p.lower(i + 1) == "to" {
        let (m, e) = p.mention_starting_at(i + 2)?;
        return Some(Attribution {
            mention: m,
            cue: p.toks[i].span.cover(p.toks[i + 1].span),
            clause_end: Some(e),
        });
    }
    // “…” — Jane Smith.
    if dash {
        if let Some((m, e)) = p.mention_starting_at(i) {
            if m.kind == MentionKind::Name
                && (e + 1 >= p.toks.len() || p.ends_sentence(e + 1) || p.is_punct(e + 1, ","))
            {
                return Some(Attribution {
                    mention: m,
                    cue: p.toks[i - 1].span,
                    clause_end: Some(e),
                });
            }
        }
    }
    // said X
    if p.is_reporting_verb(i) && !p.word(i).starts_with(char::is_uppercase) {
        // "said Sen. Smith", "said the senator", and "said 9/11 widow Terry Strada":
        // a few lower-case or numeric descriptors may come before the name.
        let mut j = i + 1;
        while j < (i + 6).min(end) {
            if let Some((m, e)) = p.mention_starting_at(j) {
                if m.kind != MentionKind::Pronoun || (j == i + 1 && p.lower(j) != "i") {
                    return Some(Attribution {
                        mention: m,
                        cue: p.toks[i].span,
                        clause_end: Some(e),
                    });
                }
            }
            let descriptor = (p.is_word(j) && !p.is_capitalized(j)) || p.is_punct(j, "/");
            if !descriptor || p.is_reporting_verb(j) {
                break;
            }
            j += 1;
        }
    }
    // X said / X, a title, said / Senate minority leader X said: the first reporting
    // verb close after the quote, and its subject.
    let limit = end.min(i + 40);
    let v = (i..limit)
        .find(|&v| p.is_reporting_verb(v) && !p.word(v).starts_with(char::is_uppercase))?;
    // The subject must start the clause (a few descriptive words may come first); when
    // the verb's nearest subject is further away, long appositives stand between, and the
    // mention right after the quote is the speaker ("X, a title, one of …, said").
    let starts_clause = |m: &Mention| {
        (i..v)
            .find(|&t| p.toks[t].span.start >= m.span.start)
            .unwrap_or(v)
            <= i + 6
    };
    let m = match subject_of(p, v, i).filter(starts_clause) {
        Some(m) => m,
        None => {
            let (m, e) = p.mention_starting_at(i)?;
            let linked = p.is_punct(e + 1, ",") || p.is_punct(e + 1, "(");
            if !linked || (e + 1..v).any(|t| p.is_speech_sized_quote(t)) {
                return None;
            }
            m
        }
    };
    // Without closing punctuation, only "“…” Grubbs said" right after the quote counts.
    let name_then_verb =
        p.toks[i].span.start == m.span.start && v > 0 && p.toks[v - 1].span.end == m.span.end;
    if !(closed || comma_after || name_then_verb) && m.kind != MentionKind::Pronoun {
        return None;
    }
    // A sentence-final quote followed by "Smith said the …" opens a new statement.
    let terminal = closed
        && quote_text
            .trim_end()
            .trim_end_matches(['’', '\'', '"', '”'])
            .ends_with('.');
    if terminal && !comma_after && end - v > 12 {
        return None;
    }
    Some(Attribution {
        mention: m,
        cue: p.toks[v].span,
        clause_end: Some(v),
    })
}

/// `X said: “…”` / `X told reporters that “…”` / `according to X, “…”` / a colon after a
/// sentence naming X / the subject of a reporting verb earlier in the same sentence.
pub(super) fn attribution_before(p: &Para, q: usize) -> Option<Attribution> {
    let start = lookback_start(p, q);
    // Previous quote in the same sentence bounds the search.
    let floor = (start..q)
        .rev()
        .find(|&i| p.is_speech_sized_quote(i))
        .map_or(start, |i| i + 1);
    if floor >= q {
        return None;
    }
    // according to X, “…”
    for i in floor..q.saturating_sub(1) {
        if p.lower(i) == "according" && p.is_word(i + 1) && p.lower(i + 1) == "to" {
            if let Some((m, _)) = p.mention_starting_at(i + 2) {
                return Some(Attribution {
                    mention: m,
                    cue: p.toks[i].span.cover(p.toks[i + 1].span),
                    clause_end: None,
                });
            }
        }
    }
    // The closest reporting verb before the quote with a subject right before it.
    for v in p.verbs_before(q, floor, false) {
        // "The council, said Ana Ruiz, is “…”" and "Said Ana Ruiz, “…”": the speaker
        // follows the verb.
        let plain_verb =
            !p.lower(v).ends_with("ing") && !p.lower(v).starts_with("tel") && p.lower(v) != "told";
        let inverted = (plain_verb && (v == floor || p.is_punct(v - 1, ",")))
            .then(|| p.mention_starting_at(v + 1))
            .flatten()
            .filter(|(_, e)| p.is_punct(e + 1, ","));
        if let Some((m, _)) = inverted {
            return Some(Attribution {
                mention: m,
                cue: p.toks[v].span,
                clause_end: None,
            });
        }
        if let Some(m) = subject_of(p, v, floor) {
            return Some(Attribution {
                mention: m,
                cue: p.toks[v].span,
                clause_end: None,
            });
        }
    }
    // A colon right before the quote: the sentence's subject, when it looks like a
    // person ("Here’s", "Signs point to this:" and "Pollsters" do not).
    if q > floor && (p.is_punct(q - 1, ":") || p.is_punct(q - 1, "—")) {
        let colon = q - 1;
        let plausible = |m: &Mention, end: usize| match m.kind {
            MentionKind::Pronoun | MentionKind::Role => true,
            MentionKind::Name => {
                p.text[m.span.range()].split_whitespace().count() >= 2 || end + 1 == colon
            }
        };
        if let Some((m, _)) = p
            .mention_starting_at(floor)
            .filter(|(m, e)| plausible(m, *e))
        {
            return Some(Attribution {
                mention: m,
                cue: p.toks[colon].span,
                clause_end: None,
            });
        }
        for i in floor + 1..colon {
            if let Some((m, e)) = p.mention_starting_at(i) {
                if m.kind == MentionKind::Name && plausible(&m, e) {
                    return Some(Attribution {
                        mention: m,
                        cue: p.toks[colon].span,
                        clause_end: None,
                    });
                }
            }
        }
    }
    None
}

/// The subject of the sentence starting at `floor`: the first mention, before `end`, not
/// inside a leading prepositional phrase (`Here in Columbia, Sanders …`).
pub(super) fn sentence_subject(p: &Para, floor: usize, end: usize) -> Option<Mention> {
    // The scan from `floor` does not depend on `end`: find its first subject once (as far
    // as any search reaches) and answer every `end` from that.
    let reach = (floor + LOOKBACK_TOKENS + 64).min(p.toks.len());
    if end > reach {
        return first_subject(p, floor, end).map(|(_, m)| m);
    }
    let cached = p.subjects.borrow().get(&floor).copied();
    let first = match cached {
        Some(first) => first,
        None => {
            let first = first_subject(p, floor, reach);
            p.subjects.borrow_mut().insert(floor, first);
            first
        }
    };
    first.filter(|&(i, _)| i < end).map(|(_, m)| m)
}

/// [`sentence_subject`]'s scan: the first mention from `floor`, starting before `end`,
/// that does not follow a preposition, with its token.
pub(super) fn first_subject(p: &Para, floor: usize, end: usize) -> Option<(usize, Mention)> {
    let mut i = floor;
    while i < end {
        let after_preposition = i > floor
            && p.is_word(i - 1)
            && matches!(
                p.lower(i - 1).as_str(),
                "in" | "at"
                    | "on"
                    | "from"
                    | "to"
                    | "with"
                    | "for"
                    | "by"
                    | "of"
                    | "about"
                    | "after"
                    | "before"
            );
        if let Some((m, e)) = p.mention_starting_at(i) {
            if !after_preposition {
                return Some((i, m));
            }
            i = e + 1;
        } else {
            i += 1;
        }
    }
    None
}

/// The subject of the reporting verb at `v`: a mention right before it, possibly with
/// auxiliaries (`later`, `has`) or an appositive (`Smith, a scholar at X, said`) between.
pub(super) fn subject_of(p: &Para, v: usize, floor: usize) -> Option<Mention> {
    let mut j = v;
    let mut steps = 0;
    while j > floor
        && steps < 3
        && p.is_word(j - 1)
        && AUXILIARIES.contains(&p.lower(j - 1).as_str())
    {
        j -= 1;
        steps += 1;
    }
    if j == floor {
        return None;
    }
    let mut end = j - 1;
    // "…with Ana Ruiz, who said": the relative pronoun's antecedent.
    if p.is_word(end) && matches!(p.lower(end).as_str(), "who" | "which") && end > floor {
        end -= 1;
        if p.is_punct(end, ",") && end > floor {
            end -= 1;
        }
        return p.mention_ending_at(end);
    }
    // "Gov. John Kasich (R-OH), said": a comma after the parenthesis.
    if p.is_punct(end, ",") && end > floor && p.is_punct(end - 1, ")") {
        end -= 1;
    }
    // "Rep. Gwen Moore (D-Wis.) said": skip the parenthesis.
    end = before_parenthesis(p, end, floor)?;
    if p.lower(v).ends_with("ing") {
        // "footage of Hillary Clinton asking, “…”": a name right before the participle,
        // unless it is the object of a preposition ("on Facebook writing").
        if !p.is_punct(end, ",") {
            if let Some(m) = p.mention_ending_at(end) {
                let first = (floor..=end).find(|&t| p.toks[t].span.start >= m.span.start);
                let object = first.is_some_and(|f| {
                    f > floor
                        && p.is_word(f - 1)
                        && matches!(
                            p.lower(f - 1).as_str(),
                            "on" | "in" | "at" | "to" | "with" | "from" | "via" | "for"
                        )
                });
                if !object {
                    return Some(m);
                }
            }
        }
        // "Spicer said, adding …": the subject of the reporting verb it continues.
        if let Some(m) = p
            .verbs_before(end, floor, true)
            .find_map(|u| subject_of(p, u, floor))
        {
            return Some(m);
        }
        // "Here in Columbia, Sanders stepped up …, saying …": the sentence's subject.
        return sentence_subject(p, floor, end);
    }
    // "Ana Ruiz — who chairs the board — told …": the aside between dashes.
    if is_dash(p, end) {
        end = before_aside(end, floor, DASH_ASIDE_TOKENS, |t| is_dash(p, t))?;
    }
    let appositive = p.is_comma_like(end);
    if appositive {
        // "Ana Ruiz (D), a lawyer, said": the parenthesis before the appositive too.
        end = before_parenthesis(p, p.skip_appositive_back(end, floor)?, floor)?;
        // "Sen. Ana Ruiz, R-Ore., a candidate, said": past a party and state too.
        if let Some(comma) = party_tag_ending_at(p, end, floor) {
            end = comma.checked_sub(1)?;
        }
    }
    if end < floor {
        return None;
    }
    let Some(m) = p.mention_ending_at(end) else {
        return open_appositive_head(p, end, floor);
    };
    // "Eddie Roe, who was a member of the Alliance, a group of bloggers, said": the
    // appositive ends a relative clause; the subject is the relative pronoun's antecedent.
    if let Some(head) = appositive
        .then(|| relative_clause_head(p, m, end, floor))
        .flatten()
    {
        return Some(head);
    }
    // "Anthony Anton, president and CEO of X stated": an appositive left open; the
    // person is named before its comma.
    let first = (floor..=end).find(|&t| p.toks[t].span.start >= m.span.start)?;
    let mut k = first;
    while k > floor && k + 8 > first && p.is_word(k - 1) && !p.is_capitalized(k - 1) {
        k -= 1;
    }
    if k > floor + 1 && k < first && p.is_punct(k - 1, ",") {
        if let Some(head) =
            mention_before_comma(p, k - 1, floor).filter(|h| h.kind == MentionKind::Name)
        {
            return Some(head);
        }
    }
    Some(m)
}

/// When tokens after a comma up to `end` write a party and state (`R-Ore.`, `D-N.Y.`,
/// `I-Vt.`), the comma.
fn party_tag_ending_at(p: &Para, end: usize, floor: usize) -> Option<usize> {
    let comma = (floor..end).rev().take(4).find(|&t| p.is_punct(t, ","))?;
    let tag = &p.text[p.toks[comma + 1].span.start..p.toks[end].span.end];
    let mut chars = tag.chars();
    let party = matches!(chars.next(), Some('R' | 'D' | 'I'));
    let dash = matches!(chars.next(), Some('-' | '–'));
    let state = chars.next().is_some_and(char::is_uppercase);
    (party && dash && state && tag.len() <= 12 && comma > floor).then_some(comma)
}

/// Most tokens between a relative pronoun's comma and the mention that ends its clause.
const RELATIVE_CLAUSE_TOKENS: usize = 20;

/// The antecedent of a relative clause that mention `m` (its last token `end`) ends,
/// when the clause opens with `, who` or `, whose` after a name or role.
fn relative_clause_head(p: &Para, m: Mention, end: usize, floor: usize) -> Option<Mention> {
    let first = (floor..=end).find(|&t| p.toks[t].span.start >= m.span.start)?;
    let comma = (floor + 1..first)
        .rev()
        .take(RELATIVE_CLAUSE_TOKENS)
        .take_while(|&t| !p.ends_sentence(t))
        .find(|&t| p.is_punct(t, ","))?;
    if !matches!(p.lower(comma + 1).as_str(), "who" | "whose") {
        return None;
    }
    mention_before_comma(p, comma, floor).filter(|h| h.kind != MentionKind::Pronoun)
}

/// Most tokens of an aside between dashes before a verb (`Roe — who … — told`).
const DASH_ASIDE_TOKENS: usize = 25;

/// Most words of an appositive left open before its verb (`Sen. Ana Ruiz (D-NY), a
/// supporter of the levy told …`).
const OPEN_APPOSITIVE_WORDS: usize = 12;

/// The person an appositive left open names, when token `end` (the word before the verb)
/// ends the appositive rather than a mention: a name of two words or more, then a comma
/// (past a parenthesis), then `a`, `an` or `the` opening the appositive.
fn open_appositive_head(p: &Para, end: usize, floor: usize) -> Option<Mention> {
    let comma = (floor + 1..end)
        .rev()
        .take(OPEN_APPOSITIVE_WORDS)
        .take_while(|&t| p.is_word(t) || p.is_punct(t, ","))
        .find(|&t| p.is_punct(t, ","))?;
    // "Roe, a Republican who has not endorsed …": the verb is the relative clause's.
    let clause = (comma + 1..=end).any(|t| {
        let w = p.lower(t);
        matches!(w.as_str(), "who" | "whom" | "whose" | "which" | "that")
            || AUXILIARIES.contains(&w.as_str())
    });
    if clause || !matches!(p.lower(comma + 1).as_str(), "a" | "an" | "the") || comma == floor {
        return None;
    }
    mention_before_comma(p, comma, floor)
        .filter(|h| h.kind == MentionKind::Name && p.text[h.span.range()].contains(' '))
}

/// The mention written right before the comma at token `comma`, past a parenthesis
/// (`Ana Ruiz (D),`).
fn mention_before_comma(p: &Para, comma: usize, floor: usize) -> Option<Mention> {
    p.mention_ending_at(before_parenthesis(p, comma.checked_sub(1)?, floor)?)
}

/// The token before a parenthesis that token `end` closes (`Moore (D-Wis.)`), or `end`
/// itself when it closes none; `None` when the parenthesis opens at `floor` or no opening
/// is near.
fn before_parenthesis(p: &Para, end: usize, floor: usize) -> Option<usize> {
    if !p.is_punct(end, ")") {
        return Some(end);
    }
    before_aside(end, floor, 12, |t| p.is_punct(t, "("))
}

/// The token before the aside that token `end` closes: the nearest token `opens` within
/// `window` tokens back; `None` when it is at `floor` or none is near.
fn before_aside(
    end: usize,
    floor: usize,
    window: usize,
    opens: impl Fn(usize) -> bool,
) -> Option<usize> {
    let open = (floor..end).rev().take(window).find(|&t| opens(t))?;
    (open > floor).then(|| open - 1)
}

/// For a quote opening its paragraph (`k == 0`, token `q == 0`): the attribution of a
/// previous paragraph that ends with a colon (`He said:`), with that paragraph.
pub(super) fn introduced_by<'p, 'a>(
    prev: Option<&'p Para<'a>>,
    k: usize,
    q: usize,
) -> Option<(&'p Para<'a>, Attribution)> {
    let pp = prev?;
    let last = pp.toks.len().checked_sub(1)?;
    if k != 0 || q != 0 || !pp.is_punct(last, ":") {
        return None;
    }
    let start = lookback_start(pp, last);
    let from_verb = (start..last).rev().find_map(|v| {
        if !pp.is_reporting_verb(v) {
            return None;
        }
        subject_of(pp, v, start).map(|m| (m, pp.toks[v].span))
    });
    let (mention, cue) = from_verb.or_else(|| {
        pp.mention_starting_at(start)
            .map(|(m, _)| (m, pp.toks[last].span))
    })?;
    Some((
        pp,
        Attribution {
            mention,
            cue,
            clause_end: None,
        },
    ))
}
