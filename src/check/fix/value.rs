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
    // Only a replacement with a sentence's end mark in it (`Jan.`) can split a sentence.
    let may_split = written.contains(['.', '!', '?', '…']);
    stated && (!may_split || sentences(&spliced).len() == sentences(sentence).len())
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
        Value::Date { year, month, day } => date::styled_date(old, *year, *month, *day),
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

mod date;

#[cfg(test)]
mod tests;
