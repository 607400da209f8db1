//! Altered values: the verified value, written in the draft's own style.
//!
//! The draft's text of the value is read again, piece by piece: its numbers (digits with
//! their grouping, decimals and scale — `1,200`, `1.2 million`, `$1.2bn` — or words —
//! `twelve`, `twenty-five`, `five million`), and for a date its month, day and year. Only
//! the pieces whose value changes are rewritten, each in the style it was written in;
//! everything between them (the currency sign, `%` or ` per cent`, the tally's dash or
//! ` to `, the date's commas) is kept. So `Jan. 15, 2025` becomes `Jan. 14, 2025`,
//! `12–1` becomes `13–0`, `twelve-to-one` becomes `thirteen-to-zero` and `$1.1bn`
//! becomes `$1.2bn`. Where the style cannot be kept (another currency, a value that has
//! no such form), the rule's own text of the value is the replacement.
//!
//! A replacement is only proposed when the value parser, reading it in place of the old
//! value in its sentence, finds the verified value there (and the sentence is still one
//! sentence): a fix never writes something the checker would read differently.

use crate::extract::values::MONTH_NAMES;
use crate::extract::{find_values, Value};
use crate::rules::ClaimRule;
use crate::text::{fold_char, normalize, sentences, Normalized, Span};

use super::Fix;

/// The fix of an altered claim: the value `found` (read at `at`, a span of the located
/// `sentence` of the normalised text) written at `written` in `text` (the checked text)
/// becomes the claim's value. `None` when no replacement reads back as the claim's value.
pub(crate) fn value_fix(
    text: &str,
    written: Span,
    normalized: &Normalized,
    sentence: Span,
    at: Span,
    found: &Value,
    claim: &ClaimRule,
) -> Option<Fix> {
    let old = text.get(written.range())?;
    let sentence_text = normalized.text.get(sentence.range())?;
    candidates(old, found, &claim.value, &claim.expected)
        .into_iter()
        .find(|r| r != old && reads_as(sentence_text, at, r, &claim.value))
        .map(|replacement| Fix {
            start: written.start,
            end: written.end,
            replacement,
            safe: true,
        })
}

/// The replacements to try for `old` (read as `found`), best first: `expected` in the
/// style of `old`, then the rule's own text of it.
pub(crate) fn candidates(
    old: &str,
    found: &Value,
    expected: &Value,
    rule_text: &str,
) -> Vec<String> {
    let mut out: Vec<String> = styled(old, found, expected).into_iter().collect();
    let rule_text = rule_text.trim();
    if !rule_text.is_empty() && !out.iter().any(|c| c == rule_text) {
        out.push(rule_text.to_string());
    }
    out
}

/// True when `sentence` (normalised) with `replacement` written over `at` states
/// `expected` where the replacement is, and is still as many sentences as before.
pub(crate) fn reads_as(sentence: &str, at: Span, replacement: &str, expected: &Value) -> bool {
    let (Some(before), Some(after)) = (sentence.get(..at.start), sentence.get(at.end..)) else {
        return false;
    };
    let written = normalize(replacement).text;
    let spliced = format!("{before}{written}{after}");
    let new = Span::new(at.start, at.start + written.len());
    let stated = find_values(&spliced, expected.kind())
        .iter()
        .any(|v| expected.satisfies(&v.value) && v.span.overlaps(new));
    stated && sentences(&spliced).len() == sentences(sentence).len()
}

/// `expected` written in the style of `old` (the draft's text of a value read as
/// `found`), when the style is known.
pub(crate) fn styled(old: &str, found: &Value, expected: &Value) -> Option<String> {
    let pieces = number_pieces(old);
    let rewrite = |replaced: &[(&Piece, String)]| {
        let mut out = String::with_capacity(old.len() + 8);
        let mut from = 0;
        for (piece, new) in replaced {
            out.push_str(old.get(from..piece.span.start)?);
            out.push_str(new);
            from = piece.span.end;
        }
        out.push_str(old.get(from..)?);
        Some(out)
    };
    match expected {
        Value::Tally { yes, no } => {
            let [a, b, ..] = pieces.as_slice() else {
                return None;
            };
            let yes = write_number(*yes as f64, &a.written, false)?;
            let no = write_number(*no as f64, &b.written, false)?;
            rewrite(&[(a, yes), (b, no)])
        }
        Value::Year(year) => {
            let [p] = pieces.as_slice() else {
                return None;
            };
            let Written::Digits {
                int_len,
                scale: None,
                ..
            } = p.written
            else {
                return None;
            };
            let new = match int_len {
                4 => format!("{year:04}"),
                2 => format!("{:02}", year.rem_euclid(100)),
                _ => return None,
            };
            rewrite(&[(p, new)])
        }
        Value::Number(n) | Value::Percent(n) => {
            let p = pieces.first()?;
            rewrite(&[(p, write_number(*n, &p.written, false)?)])
        }
        Value::Money { amount, currency } => {
            let Value::Money { currency: was, .. } = found else {
                return None;
            };
            if !was.eq_ignore_ascii_case(currency) {
                return None;
            }
            let p = pieces.first()?;
            rewrite(&[(p, write_number(*amount, &p.written, true)?)])
        }
        Value::Date { year, month, day } => styled_date(old, *year, *month, *day),
        Value::Text(_) => None,
    }
}

// ---------------------------------------------------------------------------------------
// Numbers as written
// ---------------------------------------------------------------------------------------

/// How a number is written.
#[derive(Debug, Clone, PartialEq)]
enum Written {
    /// In digits.
    Digits {
        /// With thousands separators (`1,200`).
        commas: bool,
        /// Digits before the decimal point, separators left out.
        int_len: usize,
        /// Digits after the decimal point.
        frac_len: usize,
        /// A scale after the digits (`million`, `m`, `bn`), as written.
        scale: Option<ScaleText>,
    },
    /// In words.
    Spelled {
        /// The letter case of the words.
        case: Case,
        /// Tens and units joined by a hyphen (`twenty-five`), not a space.
        hyphen: bool,
        /// `and` after `hundred` or a scale word (`one hundred and five`).
        and: bool,
    },
}

/// A scale written after digits.
#[derive(Debug, Clone, PartialEq)]
struct ScaleText {
    /// Its power of ten.
    exp: u32,
    /// As written, with the space before a word (` million`, `m`, `bn`).
    text: String,
}

/// The letter case of a word as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    Capital,
    Upper,
}

impl Case {
    fn of(word: &str) -> Case {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters > 1 && word.chars().all(|c| !c.is_lowercase()) {
            Case::Upper
        } else if word.chars().next().is_some_and(char::is_uppercase) {
            Case::Capital
        } else {
            Case::Lower
        }
    }

    fn apply(self, text: &str) -> String {
        match self {
            Case::Lower => text.to_lowercase(),
            Case::Upper => text.to_uppercase(),
            Case::Capital => {
                let mut chars = text.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_uppercase().chain(chars).collect()
                })
            }
        }
    }
}

/// A number in a value's text.
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    /// Where, in the value's text (the scale included).
    span: Span,
    written: Written,
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
/// Scale words and their powers of ten, largest first.
const SCALES: [(&str, u32); 4] = [
    ("trillion", 12),
    ("billion", 9),
    ("million", 6),
    ("thousand", 3),
];

/// The power of ten of a scale word written after digits.
fn scale_word(lower: &str) -> Option<u32> {
    match lower {
        "thousand" => Some(3),
        "million" | "mln" => Some(6),
        "billion" | "bln" => Some(9),
        "trillion" | "trn" => Some(12),
        _ => None,
    }
}

/// The power of ten of a scale letter written straight after digits.
fn scale_suffix(lower: &str) -> Option<u32> {
    match lower {
        "k" => Some(3),
        "m" | "mn" | "mln" => Some(6),
        "b" | "bn" | "bln" => Some(9),
        "tn" => Some(12),
        _ => None,
    }
}

/// True for a word that is part of a number written in words.
fn number_word(lower: &str) -> bool {
    UNITS.contains(&lower)
        || TENS.contains(&lower)
        || lower == "hundred"
        || SCALES.iter().any(|(w, _)| *w == lower)
}

/// The alphabetic run at `i` of `s`: its end.
fn letters_end(s: &str, i: usize) -> usize {
    i + s[i..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum::<usize>()
}

/// True for whitespace, or a character the normaliser reads as a space (a no-break
/// space).
fn is_space(c: char) -> bool {
    c.is_whitespace() || fold_char(c) == Some(" ")
}

/// Every number written in `s`, in order.
fn number_pieces(s: &str) -> Vec<Piece> {
    let bytes = s.as_bytes();
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) {
        if c.is_ascii_digit() {
            let start = i;
            let mut j = i;
            while digit(j) {
                j += 1;
            }
            let mut int_len = j - start;
            let mut commas = false;
            if int_len <= 3 {
                while bytes.get(j) == Some(&b',')
                    && digit(j + 1)
                    && digit(j + 2)
                    && digit(j + 3)
                    && !digit(j + 4)
                {
                    commas = true;
                    int_len += 3;
                    j += 4;
                }
            }
            let mut frac_len = 0;
            if bytes.get(j) == Some(&b'.') && digit(j + 1) {
                j += 1;
                while digit(j) {
                    j += 1;
                    frac_len += 1;
                }
            }
            let mut scale = None;
            let suffix_end = letters_end(s, j);
            if suffix_end > j {
                if let Some(exp) = scale_suffix(&s[j..suffix_end].to_lowercase()) {
                    scale = Some(ScaleText {
                        exp,
                        text: s[j..suffix_end].to_string(),
                    });
                    j = suffix_end;
                }
            } else if let Some(space) = s[j..].chars().next().filter(|&c| is_space(c)) {
                let word_at = j + space.len_utf8();
                let word_end = letters_end(s, word_at);
                if let Some(exp) = scale_word(&s[word_at..word_end].to_lowercase()) {
                    scale = Some(ScaleText {
                        exp,
                        text: s[j..word_end].to_string(),
                    });
                    j = word_end;
                }
            }
            out.push(Piece {
                span: Span::new(start, j),
                written: Written::Digits {
                    commas,
                    int_len,
                    frac_len,
                    scale,
                },
            });
            i = j;
        } else if c.is_alphabetic() {
            let end = letters_end(s, i);
            let lower = s[i..end].to_lowercase();
            if UNITS.contains(&lower.as_str()) || TENS.contains(&lower.as_str()) {
                let (span, written) = spelled_run(s, i, end);
                out.push(Piece { span, written });
                i = span.end;
            } else {
                i = end;
            }
        } else {
            i += c.len_utf8();
        }
    }
    out
}

/// A number in words starting with the word `s[start..end]`: its span and style. It
/// runs on over number words joined by a space or a hyphen, and `and` between two of
/// them.
fn spelled_run(s: &str, start: usize, end: usize) -> (Span, Written) {
    let mut last = end;
    // Tens and units are hyphenated unless the draft joins them with a space.
    let mut hyphen = true;
    let mut and = false;
    let mut previous = s[start..end].to_lowercase();
    while let Some(joiner) = s[last..].chars().next() {
        let is_hyphen = fold_char(joiner) == Some("-") || joiner == '-';
        if !(is_space(joiner) || is_hyphen) {
            break;
        }
        let next = last + joiner.len_utf8();
        let next_end = letters_end(s, next);
        let word = s[next..next_end].to_lowercase();
        if number_word(&word) {
            if TENS.contains(&previous.as_str()) && UNITS.contains(&word.as_str()) {
                hyphen = is_hyphen;
            }
            previous = word;
            last = next_end;
            continue;
        }
        // `and` between number words: `one hundred and five`.
        if word == "and" {
            if let Some(j2) = s[next_end..].chars().next().filter(|&c| is_space(c)) {
                let after = next_end + j2.len_utf8();
                let after_end = letters_end(s, after);
                let word = s[after..after_end].to_lowercase();
                if number_word(&word) {
                    and = true;
                    previous = word;
                    last = after_end;
                    continue;
                }
            }
        }
        break;
    }
    (
        Span::new(start, last),
        Written::Spelled {
            case: Case::of(&s[start..end]),
            hyphen,
            and,
        },
    )
}

/// `n` written as `like` was; `money` pads cents (`$1.50` → `$2.25`, `$3.00`).
fn write_number(n: f64, like: &Written, money: bool) -> Option<String> {
    if !n.is_finite() || n < 0.0 {
        return None;
    }
    match like {
        Written::Spelled { case, hyphen, and } => {
            if n.fract() == 0.0 && n < 1e15 {
                let words = spell(n as u64, *hyphen, *and);
                if words.split_whitespace().count() <= 6 {
                    return Some(case.apply(&words));
                }
            }
            // Too long in words: digits, with a scale word for a large amount.
            let scaled = SCALES
                .iter()
                .filter(|(_, exp)| *exp >= 6)
                .find(|(_, exp)| n >= 10f64.powi(*exp as i32))
                .and_then(|(word, exp)| {
                    let m = decimal(n / 10f64.powi(*exp as i32), false)?;
                    (m.split('.').nth(1).map_or(0, str::len) <= 3).then(|| format!("{m} {word}"))
                });
            scaled.or_else(|| decimal(n, true))
        }
        Written::Digits {
            commas,
            int_len,
            frac_len,
            scale,
        } => {
            if let Some(scale) = scale {
                let m = n / 10f64.powi(scale.exp as i32);
                if m >= 1.0 {
                    if let Some(m) = decimal(m, m >= 10_000.0) {
                        if m.split('.').nth(1).map_or(0, str::len) <= 3 {
                            return Some(format!("{m}{}", scale.text));
                        }
                    }
                }
                return decimal(n, true);
            }
            let group = *commas || (*int_len <= 3 && n >= 1000.0);
            let mut out = decimal(n, group)?;
            if money && *frac_len == 2 {
                let have = out.split('.').nth(1).map_or(0, str::len);
                if have < 2 {
                    if have == 0 {
                        out.push('.');
                    }
                    out.extend(std::iter::repeat_n('0', 2 - have));
                }
            }
            Some(out)
        }
    }
}

/// `x` in decimal digits, the shortest that reads back as `x`; the whole part grouped
/// by thousands with commas when `group`. `None` past a thousand trillion.
fn decimal(x: f64, group: bool) -> Option<String> {
    if !x.is_finite() || x.abs() >= 1e15 {
        return None;
    }
    let plain = format!("{x}");
    let (int, frac) = match plain.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (plain.clone(), None),
    };
    let int = if group { grouped(&int) } else { int };
    Some(match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    })
}

/// Digits grouped by thousands with commas.
fn grouped(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (n - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` in English words, lower case: `thirteen`, `twenty-five` (`twenty five` without
/// `hyphen`), `one hundred and five` (with `and`), `two thousand twenty-three`.
fn spell(n: u64, hyphen: bool, and: bool) -> String {
    if n == 0 {
        return UNITS[0].to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut rest = n;
    for (word, exp) in SCALES {
        let unit = 10u64.pow(exp);
        let count = rest / unit;
        if count > 0 {
            parts.push(format!("{} {word}", spell_group(count, hyphen, and)));
            rest %= unit;
        }
    }
    if rest > 0 {
        let small = spell_group(rest, hyphen, and);
        if and && !parts.is_empty() && rest < 100 {
            parts.push(format!("and {small}"));
        } else {
            parts.push(small);
        }
    }
    parts.join(" ")
}

/// 1 to 999 in words.
fn spell_group(n: u64, hyphen: bool, and: bool) -> String {
    let below_100 = |n: u64| -> String {
        if n < 20 {
            return UNITS[n as usize].to_string();
        }
        let tens = TENS[(n / 10 - 2) as usize];
        match n % 10 {
            0 => tens.to_string(),
            u => format!(
                "{tens}{}{}",
                if hyphen { "-" } else { " " },
                UNITS[u as usize]
            ),
        }
    };
    if n < 100 {
        return below_100(n);
    }
    let hundreds = format!("{} hundred", UNITS[(n / 100) as usize]);
    match n % 100 {
        0 => hundreds,
        r if and => format!("{hundreds} and {}", below_100(r)),
        r => format!("{hundreds} {}", below_100(r)),
    }
}

// ---------------------------------------------------------------------------------------
// Dates as written
// ---------------------------------------------------------------------------------------

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
fn styled_date(old: &str, year: i32, month: u8, day: Option<u8>) -> Option<String> {
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

#[cfg(test)]
mod tests;
