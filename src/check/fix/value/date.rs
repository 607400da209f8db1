//! Dates as written: the month (full, abbreviated with or without a period, in its letter
//! case), the day (with its ordinal suffix) and the year, or an ISO date with the draft's
//! dashes; only the parts that change are rewritten.

use super::{is_space, letters_end, Case};
use crate::extract::values::MONTH_NAMES;
use crate::text::{fold_char, Span};

/// Month names as AP style abbreviates them before a day (March to July are never
/// abbreviated).
const AP_MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

/// The month a word names (a full name, or an abbreviation of three letters or more,
/// `Sept` included).
fn month_of(word: &str) -> Option<(u8, bool)> {
    let lower = word.to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTH_NAMES.iter().zip(1u8..).find_map(|(name, m)| {
        let name = name.to_lowercase();
        if name == lower {
            Some((m, true))
        } else if name.starts_with(&lower) && (lower.len() == 3 || lower == "sept") {
            Some((m, false))
        } else {
            None
        }
    })
}

/// Month `m` in the style of `like` (a month word as written, with its period if it has
/// one).
fn month_like(m: u8, like: &str) -> String {
    let word = like.trim_end_matches('.');
    let full = month_of(word).is_some_and(|(_, full)| full);
    let name = MONTH_NAMES[usize::from(m - 1)];
    let text = if full {
        name.to_string()
    } else if like.ends_with('.') {
        AP_MONTHS[usize::from(m - 1)].to_string()
    } else {
        name.chars().take(3).collect()
    };
    Case::of(word).apply(&text)
}

/// The ordinal suffix of a day (`1st`, `2nd`, `11th`).
fn ordinal(day: u8) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// A date token: digits, a word (with a period after it), or one other character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateTok {
    Digits,
    Word,
    Dash,
    Space,
    Other,
}

fn date_tokens(s: &str) -> Vec<(DateTok, Span)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) {
        let (kind, end) = if c.is_ascii_digit() {
            let len = s[i..].bytes().take_while(u8::is_ascii_digit).count();
            (DateTok::Digits, i + len)
        } else if c.is_alphabetic() {
            (DateTok::Word, letters_end(s, i))
        } else if c == '-' || fold_char(c) == Some("-") {
            (DateTok::Dash, i + c.len_utf8())
        } else if is_space(c) {
            (DateTok::Space, i + c.len_utf8())
        } else {
            (DateTok::Other, i + c.len_utf8())
        };
        out.push((kind, Span::new(i, end)));
        i = end;
    }
    out
}

/// The date `year`, `month`, `day` written in the style of `old`.
pub(super) fn styled_date(old: &str, year: i32, month: u8, day: Option<u8>) -> Option<String> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let toks = date_tokens(old);
    let text = |span: Span| &old[span.range()];
    let shape: Vec<DateTok> = toks.iter().map(|(k, _)| *k).collect();
    // ISO: 2025-01-14, 2023-03, with the draft's dashes.
    if let [DateTok::Digits, DateTok::Dash, DateTok::Digits, rest @ ..] = shape.as_slice() {
        if rest.is_empty() || rest == [DateTok::Dash, DateTok::Digits] {
            let dash = text(toks[1].1);
            let day_dash = toks.get(3).map_or(dash, |t| text(t.1));
            let mut out = format!("{year:04}{dash}{month:02}");
            if let Some(d) = day {
                out.push_str(&format!("{day_dash}{d:02}"));
            }
            return Some(out);
        }
    }
    // Words and numbers: find the month (with its period), the day (with its ordinal
    // suffix) and the year.
    let mut month_at: Option<Span> = None;
    let mut day_at: Option<(Span, bool)> = None;
    let mut year_at: Option<Span> = None;
    let mut k = 0;
    while k < toks.len() {
        let (kind, span) = toks[k];
        match kind {
            DateTok::Word if month_at.is_none() && month_of(text(span)).is_some() => {
                let with_period = toks
                    .get(k + 1)
                    .filter(|(kind, s)| *kind == DateTok::Other && text(*s) == ".");
                month_at = Some(with_period.map_or(span, |(_, s)| span.cover(*s)));
                k += usize::from(with_period.is_some());
            }
            DateTok::Digits if span.len() == 4 && year_at.is_none() => year_at = Some(span),
            DateTok::Digits if span.len() <= 2 && day_at.is_none() => {
                let suffix = toks.get(k + 1).filter(|(kind, s)| {
                    *kind == DateTok::Word
                        && matches!(text(*s).to_lowercase().as_str(), "st" | "nd" | "rd" | "th")
                });
                day_at = Some((
                    suffix.map_or(span, |(_, s)| span.cover(*s)),
                    suffix.is_some(),
                ));
                k += usize::from(suffix.is_some());
            }
            _ => {}
        }
        k += 1;
    }
    let (month_at, year_at) = (month_at?, year_at?);
    let month_text = month_like(month, text(month_at));
    match (day_at, day) {
        (Some((day_span, suffixed)), Some(d)) => {
            let mut edits: Vec<(Span, String)> = Vec::new();
            if month_of(text(month_at).trim_end_matches('.')).map(|(m, _)| m) != Some(month) {
                edits.push((month_at, month_text));
            }
            let new_day = if suffixed {
                format!("{d}{}", ordinal(d))
            } else {
                d.to_string()
            };
            if text(day_span) != new_day {
                edits.push((day_span, new_day));
            }
            if text(year_at) != year.to_string() {
                edits.push((year_at, format!("{year:04}")));
            }
            edits.sort_by_key(|(s, _)| s.start);
            let mut out = String::new();
            let mut from = 0;
            for (span, new) in edits {
                out.push_str(&old[from..span.start]);
                out.push_str(&new);
                from = span.end;
            }
            out.push_str(&old[from..]);
            Some(out)
        }
        // The draft gives a day the rule does not: the month and year only.
        // (A month alone is written in full, capitalised: `March 2023`.)
        (Some(_), None) | (None, None) => {
            let case = match Case::of(text(month_at)) {
                Case::Upper => Case::Upper,
                _ => Case::Capital,
            };
            let name = MONTH_NAMES[usize::from(month - 1)];
            Some(format!("{} {year:04}", case.apply(name)))
        }
        // The rule gives a day the draft does not.
        (None, Some(d)) => Some(format!("{month_text} {d}, {year:04}")),
    }
}
