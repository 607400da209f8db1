//! Mentions of a speaker in a paragraph: names (with titles, particles, `X of the Y`),
//! pronouns and role noun phrases (`the senator`, `Clinton spokesman Brian Fallon`),
//! read backwards from a token or forwards from one.

use crate::text::Span;

use super::lexicon::{is_not_name, PRONOUNS};
use super::tokens::{Para, MENTION_LINKS_MAX, NAME_MAX_TOKENS};

impl Para<'_> {
    /// A name whose last token is `end` (reading backwards), as (first token, last token).
    pub(super) fn name_ending_at(&self, end: usize) -> Option<(usize, usize)> {
        if !self.is_capitalized(end) || is_possessive(self.word(end)) {
            return None;
        }
        let mut start = end;
        while start > 0 && end - start < NAME_MAX_TOKENS {
            let prev = start - 1;
            let capitalized = self.is_capitalized(prev) && !is_possessive(self.word(prev));
            let particle = self.is_word(prev)
                && matches!(
                    self.word(prev),
                    "de" | "van" | "von" | "da" | "del" | "la" | "bin" | "al" | "le"
                )
                && prev > 0
                && self.is_capitalized(prev - 1);
            if capitalized || particle {
                start = prev;
            } else {
                break;
            }
        }
        // Drop leading sentence words that are not names ("But Smith").
        while start < end && is_not_name(self.word(start)) {
            start += 1;
        }
        if is_not_name(self.word(start)) && start == end {
            return None;
        }
        Some((start, end))
    }

    /// A speaker mention ending at token `end`: a name, a pronoun, or a role noun phrase.
    pub(super) fn mention_ending_at(&self, end: usize) -> Option<Mention> {
        if !self.is_word(end) {
            return None;
        }
        let lower = self.lower(end);
        if PRONOUNS.contains(&lower.as_str()) {
            return Some(Mention::pronoun(self.toks[end].span));
        }
        if let Some((mut s, e)) = self.name_ending_at(end) {
            // "Ana Ruiz of the Federation for Immigration Reform said": the organisation
            // belongs to the person named before it.
            for _ in 0..MENTION_LINKS_MAX {
                let mut k = s;
                if k > 0 && self.is_word(k - 1) && self.lower(k - 1) == "the" {
                    k -= 1;
                }
                let linked = k >= 2
                    && self.is_word(k - 1)
                    && matches!(self.lower(k - 1).as_str(), "of" | "for" | "at")
                    && self.is_capitalized(k - 2);
                match linked.then(|| self.name_ending_at(k - 2)).flatten() {
                    Some((head, _)) => s = head,
                    None => break,
                }
            }
            return Some(Mention::name(self.toks[s].span.cover(self.toks[e].span)));
        }
        if self.is_role(&lower) || lower.ends_with("-year-old") {
            // Walk back to a determiner within a few words: "the former secretary of state".
            let mut s = end;
            for _ in 0..6 {
                if s == 0 || !self.is_word(s - 1) {
                    break;
                }
                s -= 1;
                let w = self.lower(s);
                if matches!(
                    w.as_str(),
                    "the" | "a" | "an" | "his" | "her" | "their" | "its" | "one"
                ) {
                    return Some(Mention::role(self.toks[s].span.cover(self.toks[end].span)));
                }
                if self.is_capitalized(s) {
                    // "Clinton spokesman": a name-led role.
                    return Some(Mention::role(self.toks[s].span.cover(self.toks[end].span)));
                }
            }
        }
        None
    }

    /// Every mention of the paragraph, read forwards from its first token, each scan
    /// going on after the mention it found: (first token, last token, mention).
    pub(super) fn mention_scan(&self) -> Vec<(usize, usize, Mention)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if let Some((m, e)) = self.mention_starting_at(i) {
                out.push((i, e, m));
                i = e + 1;
            } else {
                i += 1;
            }
        }
        out
    }

    /// A speaker mention starting at token `start` (reading forwards).
    pub(super) fn mention_starting_at(&self, start: usize) -> Option<(Mention, usize)> {
        self.mention_from(start, 0)
    }

    /// [`Para::mention_starting_at`], `depth` readings deep (a reading may defer to one
    /// starting further on: `the X`, `Florida’s X`, `X spokesman Y`).
    pub(super) fn mention_from(&self, start: usize, depth: usize) -> Option<(Mention, usize)> {
        if !self.is_word(start) || depth > MENTION_LINKS_MAX {
            return None;
        }
        let lower = self.lower(start);
        if PRONOUNS.contains(&lower.as_str()) {
            return Some((Mention::pronoun(self.toks[start].span), start));
        }
        if lower == "the" && self.is_capitalized(start + 1) {
            // "the Rev. Peter Wherry", "the White House"
            if let Some((m, e)) = self.mention_from(start + 1, depth + 1) {
                let span = self.toks[start].span.cover(m.span);
                return Some((Mention { span, kind: m.kind }, e));
            }
        }
        if matches!(
            lower.as_str(),
            "the" | "a" | "an" | "his" | "her" | "their" | "one" | "another" | "some" | "many"
        ) {
            // A role noun phrase: up to six words ending in a role noun.
            let mut last_role = None;
            let mut j = start + 1;
            while j < start + 7 && self.is_word(j) {
                if self.is_role(&self.lower(j)) {
                    last_role = Some(j);
                } else if last_role.is_some() && !self.is_capitalized(j) && self.lower(j) != "of" {
                    break;
                }
                j += 1;
            }
            if let Some(r) = last_role {
                // A capitalised name right after the role ("the senator John Smith").
                let mut e = r;
                while self.is_capitalized(e + 1)
                    && !self.is_reporting_verb(e + 1)
                    && e - r < NAME_MAX_TOKENS
                {
                    e += 1;
                }
                return Some((
                    Mention::role(self.toks[start].span.cover(self.toks[e].span)),
                    e,
                ));
            }
            return None;
        }
        // "Florida’s Rick Wilson": the possessive is not the speaker.
        if self.is_capitalized(start) && is_possessive(self.word(start)) {
            return self
                .is_capitalized(start + 1)
                .then(|| self.mention_from(start + 1, depth + 1))
                .flatten();
        }
        if self.is_capitalized(start)
            && !is_not_name(self.word(start))
            && !self.is_headline_caps(start)
        {
            let mut e = start;
            while e - start < NAME_MAX_TOKENS {
                if self.is_capitalized(e + 1) && !is_possessive(self.word(e)) {
                    e += 1;
                } else if self.is_word(e + 1)
                    && matches!(
                        self.word(e + 1),
                        "de" | "van" | "von" | "da" | "del" | "la" | "bin" | "al"
                    )
                    && self.is_capitalized(e + 2)
                {
                    e += 2;
                } else {
                    break;
                }
            }
            // "Monmouth University political scientist Patrick Murray", "Cruz constituent
            // Dan Golvach": lower-case descriptors with a role noun, then the name.
            let descriptors = (e + 1..e + 4)
                .take_while(|&k| {
                    self.is_word(k) && !self.is_capitalized(k) && !self.is_reporting_verb(k)
                })
                .last();
            if let Some(d) = descriptors {
                let has_role = (e + 1..=d)
                    .any(|k| self.is_role(&self.lower(k)) || self.lower(k) == "constituent");
                if has_role && self.is_capitalized(d + 1) {
                    if let Some((m, end)) = self.mention_from(d + 1, depth + 1) {
                        if m.kind == MentionKind::Name {
                            return Some((m, end));
                        }
                    }
                }
            }
            // "Clinton spokesman Brian Fallon": take the name after the role.
            if self.is_word(e + 1) && self.is_role(&self.lower(e + 1)) {
                let mut f = e + 1;
                while self.is_word(f + 1) && !self.is_capitalized(f + 1) && f < e + 4 {
                    if self.is_reporting_verb(f + 1) {
                        break;
                    }
                    f += 1;
                }
                if self.is_capitalized(f + 1) {
                    if let Some((m, end)) = self.mention_from(f + 1, depth + 1) {
                        return Some((m, end));
                    }
                }
                return Some((
                    Mention::role(self.toks[start].span.cover(self.toks[f].span)),
                    f,
                ));
            }
            // "Rep. Elijah Cummings of Maryland": the place belongs to the mention.
            if self.is_word(e + 1) && self.word(e + 1) == "of" && self.is_capitalized(e + 2) {
                e += 2;
                let place = e;
                while self.is_capitalized(e + 1)
                    && !self.is_reporting_verb(e + 1)
                    && e - place < NAME_MAX_TOKENS
                {
                    e += 1;
                }
            }
            return Some((
                Mention::name(self.toks[start].span.cover(self.toks[e].span)),
                e,
            ));
        }
        None
    }
}

pub(super) fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s") || word.ends_with("s'") || word.ends_with("s’")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MentionKind {
    Name,
    Pronoun,
    Role,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub(super) span: Span,
    pub(super) kind: MentionKind,
}

impl Mention {
    pub(super) fn name(span: Span) -> Self {
        Mention {
            span,
            kind: MentionKind::Name,
        }
    }
    pub(super) fn pronoun(span: Span) -> Self {
        Mention {
            span,
            kind: MentionKind::Pronoun,
        }
    }
    pub(super) fn role(span: Span) -> Self {
        Mention {
            span,
            kind: MentionKind::Role,
        }
    }
}
