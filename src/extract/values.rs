//! Typed values in prose — tallies, years, dates, numbers, percentages, money and text —
//! parsed by one parser on both sides: the rule's expected value and the draft's wording.
//!
//! The text is first split into tokens (digit runs with their thousands separators and
//! decimals, words, single punctuation marks, and whether whitespace separates them), then
//! scanned left to right. At each token the longest reading wins, in this order: full
//! dates, day-month fragments, dash chains (`13-0`, `2019-20`, `2025-01-14`, phone
//! numbers), money, percentages, `to` tallies, and finally years and plain numbers. So a
//! number that is part of a date, tally, percentage or amount of money is never also
//! reported as a plain number.
//!
//! Years and numbers: a standalone four-digit whole number from 1000 to 2999 (no comma,
//! no decimals, no scale word) is always a year, and is also a number unless the word
//! before it is a year word (`in`, `since`, `by`, `until`, `till`, `from`, `of`,
//! `before`, `after`, `through`, `during`, `circa`), a month name, or a `mid-`/`pre-`/
//! `post-` prefix. Year ranges (`2019-2020`, `2019-20`) give two years and no number.
//!
//! [`parse_value`] runs the same scanner over the rule's value and requires exactly one
//! value of the asked kind covering all of it, so a rule value and the prose it should
//! match are read the same way. A few forms are for rule files only: an ISO month
//! (`2023-03`; in prose `YYYY-MM` is read as a date only when it cannot be a season such
//! as `2011-12`), and a bare number for a percentage (`60` is 60%).

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use crate::text::{fold_char, words_for_compare, Span};

/// The kind of value a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// A vote tally such as `13-0`.
    Tally,
    /// A calendar year such as `1979`.
    Year,
    /// A date at day or month precision.
    Date,
    /// A plain quantity such as `14` or `1.2 million`.
    Number,
    /// A percentage such as `60%`.
    Percent,
    /// An amount of money such as `$1.2 billion`.
    Money,
    /// A phrase that must appear.
    Text,
}

impl ValueKind {
    /// The kind's name in messages: `tally`, `year`, `date`, `number`, `percentage`,
    /// `amount`, `text`.
    pub fn noun(self) -> &'static str {
        match self {
            ValueKind::Tally => "tally",
            ValueKind::Year => "year",
            ValueKind::Date => "date",
            ValueKind::Number => "number",
            ValueKind::Percent => "percentage",
            ValueKind::Money => "amount",
            ValueKind::Text => "text",
        }
    }
}

/// A normalised value: equal values compare equal however they were written.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    /// Votes for and against.
    Tally {
        /// Votes in favour.
        yes: u64,
        /// Votes against.
        no: u64,
    },
    /// A year.
    Year(i32),
    /// A date; `day` is `None` at month precision.
    Date {
        /// Year.
        year: i32,
        /// Month, 1-12.
        month: u8,
        /// Day of month, when given.
        day: Option<u8>,
    },
    /// A quantity.
    Number(f64),
    /// A percentage (60% is `Percent(60.0)`).
    Percent(f64),
    /// An amount with its currency code (`USD`, `EUR`, `GBP`).
    Money {
        /// The amount in whole units.
        amount: f64,
        /// ISO-style currency code.
        currency: String,
    },
    /// A phrase, compared case-insensitively after folding.
    Text(String),
}

/// Why a written value could not be parsed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("cannot read {written:?} as a {kind:?}: {reason}")]
pub struct ValueError {
    /// The kind that was asked for.
    pub kind: ValueKind,
    /// The text as written.
    pub written: String,
    /// What was wrong.
    pub reason: String,
}

/// A value found in text, with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundValue {
    /// The normalised value.
    pub value: Value,
    /// Where it was written, in the text that was searched.
    pub span: Span,
}

impl Value {
    /// The kind of this value.
    pub fn kind(&self) -> ValueKind {
        match self {
            Value::Tally { .. } => ValueKind::Tally,
            Value::Year(_) => ValueKind::Year,
            Value::Date { .. } => ValueKind::Date,
            Value::Number(_) => ValueKind::Number,
            Value::Percent(_) => ValueKind::Percent,
            Value::Money { .. } => ValueKind::Money,
            Value::Text(_) => ValueKind::Text,
        }
    }

    /// True when `found` (read from prose) states this expected value: the same kind and
    /// equal, with numbers compared to a relative tolerance of 1e-9, a month-precision
    /// date satisfied by any day of that month, and text compared case-insensitively
    /// after folding ([`words_for_compare`]).
    pub fn satisfies(&self, found: &Value) -> bool {
        match (self, found) {
            (Value::Tally { yes, no }, Value::Tally { yes: y, no: n }) => yes == y && no == n,
            (Value::Year(a), Value::Year(b)) => a == b,
            (
                Value::Date { year, month, day },
                Value::Date {
                    year: y,
                    month: m,
                    day: d,
                },
            ) => year == y && month == m && (day.is_none() || day == d),
            (Value::Number(a), Value::Number(b)) | (Value::Percent(a), Value::Percent(b)) => {
                close(*a, *b)
            }
            (
                Value::Money { amount, currency },
                Value::Money {
                    amount: a,
                    currency: c,
                },
            ) => currency.eq_ignore_ascii_case(c) && close(*amount, *a),
            (Value::Text(a), Value::Text(b)) => words_for_compare(a) == words_for_compare(b),
            _ => false,
        }
    }
}

/// Number words that usually are not figures: `one` (`one of the reasons`, `one day`),
/// and words that stand for one only now and then (`a`, `an`, `single`, `once`, `lone`,
/// `sole`; the scanner never reads these as numbers, they are listed so that what is weak
/// is decided in one place). A value written as one of them contradicts a claim only of
/// its own magnitude ([`Value::same_magnitude`]): `one` is no alteration of `1,056`, but
/// may be of `2`. Written as a figure (`1`), a value is never weak.
pub const WEAK_NUMBER_WORDS: &[&str] = &["one", "a", "an", "single", "once", "lone", "sole"];

/// True when `written` (a value as the draft writes it) is one of the
/// [`WEAK_NUMBER_WORDS`], in any case.
pub fn is_weak_number_word(written: &str) -> bool {
    let written = written.trim();
    WEAK_NUMBER_WORDS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(written))
}

impl Value {
    /// True when two values are of the same order of magnitude: for numbers, the same
    /// power of ten (every number under ten counting as one order); any two values of
    /// another kind are.
    pub fn same_magnitude(&self, other: &Value) -> bool {
        fn order(x: f64) -> i32 {
            let x = x.abs();
            if x < 10.0 || !x.is_finite() {
                0
            } else {
                x.log10().floor() as i32
            }
        }
        match (self, other) {
            (Value::Number(a), Value::Number(b)) => order(*a) == order(*b),
            _ => true,
        }
    }
}

/// Equal to a relative tolerance of 1e-9.
fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Tally { yes, no } => write!(f, "{yes}-{no}"),
            Value::Year(y) => write!(f, "{y}"),
            Value::Date {
                year,
                month,
                day: Some(day),
            } => write!(f, "{year:04}-{month:02}-{day:02}"),
            Value::Date {
                year,
                month,
                day: None,
            } => write!(f, "{year:04}-{month:02}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Percent(p) => write!(f, "{p}%"),
            Value::Money { amount, currency } => match currency.as_str() {
                "USD" => write!(f, "${amount}"),
                "EUR" => write!(f, "€{amount}"),
                "GBP" => write!(f, "£{amount}"),
                code => write!(f, "{code} {amount}"),
            },
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// Parses a value as written in a rule file.
pub fn parse_value(kind: ValueKind, written: &str) -> Result<Value, ValueError> {
    let fail = |reason: String| ValueError {
        kind,
        written: written.to_string(),
        reason,
    };
    let s = written.trim();
    if s.is_empty() {
        return Err(fail("the value is empty".to_string()));
    }
    if kind == ValueKind::Text {
        return Ok(Value::Text(s.to_string()));
    }
    if kind == ValueKind::Tally && DASH_TRIPLE.is_match(&fold_dashes(s)) {
        return Err(fail(ABSTENTIONS.to_string()));
    }
    if kind == ValueKind::Date {
        if let Some(iso) = parse_iso_date(s) {
            return iso.map_err(fail);
        }
    }
    let found = scan(s);
    let whole = Span::new(0, s.len());
    if let Some(f) = found
        .iter()
        .find(|f| f.value.kind() == kind && f.span == whole)
    {
        return Ok(f.value.clone());
    }
    if kind == ValueKind::Percent
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        if let Some(FoundValue {
            value: Value::Number(n),
            ..
        }) = found.iter().find(|f| f.span == whole)
        {
            return Ok(Value::Percent(*n));
        }
    }
    Err(fail(diagnose(kind, s, &found)))
}

/// Finds every value of `kind` in `text` (normalised text: see [`crate::text::normalize`]).
pub fn find_values(text: &str, kind: ValueKind) -> Vec<FoundValue> {
    if kind == ValueKind::Text {
        return Vec::new();
    }
    let mut found: Vec<FoundValue> = scan(text)
        .into_iter()
        .filter(|f| f.value.kind() == kind)
        .collect();
    found.sort_by_key(|f| f.span.start);
    found
}

/// Finds every value of every kind but text in `text` (normalised text), in order of
/// where they start: a number that is also a year, and the year of a date, are found
/// once per reading, with overlapping spans.
pub fn find_all_values(text: &str) -> Vec<FoundValue> {
    let mut found = scan(text);
    found.retain(|f| f.value.kind() != ValueKind::Text);
    found.sort_by_key(|f| (f.span.start, f.span.end));
    found
}

// ---------------------------------------------------------------------------------------
// Rule-file diagnostics
// ---------------------------------------------------------------------------------------

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$").expect("constant regex"));
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d+)$").expect("constant regex")
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d+)$")
        .expect("constant regex")
});
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^([a-z]+)\.?,?\s+(\d+)$").expect("constant regex"));
static NO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]+\.?)$",
    )
    .expect("constant regex")
});
static DASH_TRIPLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+\s*-\s*\d+\s*-\s*\d+$").expect("constant regex"));
static DASH_PAIR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+)(\s*)-(\s*)(\d+)$").expect("constant regex"));

const ABSTENTIONS: &str =
    "write a tally as votes for and against only, such as 7-0; abstentions are not part of it";

/// Folds dashes to `-` (for the diagnostic regexes).
fn fold_dashes(s: &str) -> String {
    s.chars()
        .map(|c| if fold_char(c) == Some("-") { '-' } else { c })
        .collect()
}

/// Reads an ISO date or month (`2025-01-14`, `2023-03`) from a rule file: `None` when the
/// text is not in that shape, otherwise the date or why it is invalid.
fn parse_iso_date(s: &str) -> Option<Result<Value, String>> {
    let folded = fold_dashes(s);
    let caps = ISO_DATE.captures(&folded)?;
    let year = caps.get(1)?.as_str().parse::<i32>().ok()?;
    let month = caps.get(2)?.as_str().parse::<u32>().ok()?;
    let day = match caps.get(3) {
        Some(d) => Some(d.as_str().parse::<u32>().ok()?),
        None => None,
    };
    Some(check_date(year, month, day))
}

/// Validates the parts of a date, explaining what is wrong.
fn check_date(year: i32, month: u32, day: Option<u32>) -> Result<Value, String> {
    if !(1000..=2999).contains(&year) {
        return Err(format!("the year {year} is outside 1000-2999"));
    }
    let month = u8::try_from(month)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| format!("there is no month {month}; months run from 1 to 12"))?;
    let day = match day {
        None => None,
        Some(d) => {
            let last = days_in_month(year, month);
            let d = u8::try_from(d)
                .ok()
                .filter(|d| (1..=last).contains(d))
                .ok_or_else(|| {
                    format!(
                        "{} {year} has {last} days, so there is no day {d}",
                        MONTH_NAMES[usize::from(month - 1)]
                    )
                })?;
            Some(d)
        }
    };
    Ok(Value::Date { year, month, day })
}

/// Explains why `s` is not a value of `kind`.
fn diagnose(kind: ValueKind, s: &str, found: &[FoundValue]) -> String {
    let name = kind.noun();
    if let Some(f) = found.iter().find(|f| f.value.kind() == kind) {
        let inner = &s[f.span.range()];
        if f.span.start == 0 {
            return format!(
                "unexpected text {:?} after the {name} {inner:?}; write only the value",
                s[f.span.end..].trim()
            );
        }
        return format!(
            "unexpected text {:?} before the {name} {inner:?}; write only the value",
            s[..f.span.start].trim()
        );
    }
    match kind {
        ValueKind::Tally => {
            let folded = fold_dashes(s);
            if let Some(c) = DASH_PAIR.captures(&folded) {
                let (a, b) = (&c[1], &c[4]);
                if !c[2].is_empty() || !c[3].is_empty() {
                    return format!("write a tally without spaces around the dash, as {a}-{b}");
                }
                if leading_zero(a) || leading_zero(b) {
                    return "tally numbers cannot have leading zeros".to_string();
                }
                if a.len() >= 4 && b.len() >= 4 {
                    return format!(
                        "{a} and {b} are both 1000 or more, which reads as a year range, \
                         not a tally"
                    );
                }
            }
            "expected a tally: two whole numbers joined by '-' or 'to', such as 13-0, \
             13 to 0 or thirteen-to-zero"
                .to_string()
        }
        ValueKind::Year => "expected a year: four digits from 1000 to 2999, such as 1979 \
             (abbreviations like '79 are not accepted)"
            .to_string(),
        ValueKind::Date => diagnose_date(s).unwrap_or_else(|| {
            "expected a date such as 2025-01-14, January 14, 2025, 14 January 2025, \
             Jan. 14, 2025, or a month such as March 2023 or 2023-03"
                .to_string()
        }),
        ValueKind::Number => "expected a number such as 14, fourteen, 1,200,000, 1.2 million \
             or 1.2m"
            .to_string(),
        ValueKind::Percent => "expected a percentage such as 60%, 60 percent, 60 per cent, \
             sixty percent or 5 percentage points"
            .to_string(),
        ValueKind::Money => {
            if found
                .iter()
                .any(|f| matches!(f.value, Value::Number(_)) && f.span.len() == s.len())
            {
                return "the amount has no currency: write it as $500, €3 million, £2bn, \
                        US$5 or 5 million dollars"
                    .to_string();
            }
            "expected an amount of money such as $1.2 billion, $500,000, $5m, €3 million, \
             £2bn, US$5 or 5 million dollars"
                .to_string()
        }
        ValueKind::Text => "expected some text".to_string(),
    }
}

/// Explains what is wrong with something shaped like a date, when it is.
fn diagnose_date(s: &str) -> Option<String> {
    if NO_YEAR.is_match(s) {
        return Some("a date needs a year, as in January 14, 2025".to_string());
    }
    let (month_word, day, year) = if let Some(c) = MONTH_FIRST.captures(s) {
        (
            c.get(1)?.as_str(),
            Some(c.get(2)?.as_str()),
            c.get(3)?.as_str(),
        )
    } else if let Some(c) = DAY_FIRST.captures(s) {
        (
            c.get(2)?.as_str(),
            Some(c.get(1)?.as_str()),
            c.get(3)?.as_str(),
        )
    } else if let Some(c) = MONTH_YEAR.captures(s) {
        (c.get(1)?.as_str(), None, c.get(2)?.as_str())
    } else {
        return None;
    };
    let Some((month, _)) = month_number(&month_word.to_lowercase()) else {
        return Some(format!("{month_word:?} is not a month name"));
    };
    if year.len() != 4 {
        return Some(format!(
            "write the year in full, with four digits, not {year:?}"
        ));
    }
    let year = year.parse::<i32>().ok()?;
    let day = match day {
        Some(d) => Some(d.parse::<u32>().ok()?),
        None => None,
    };
    if let Err(reason) = check_date(year, u32::from(month), day) {
        return Some(reason);
    }
    if day.is_none() {
        return Some(format!(
            "write the month name capitalised, as in {} {year}",
            MONTH_NAMES[usize::from(month - 1)]
        ));
    }
    None
}

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month number of a lower-case month name, and whether it is an abbreviation (which may
/// take a period).
fn month_number(w: &str) -> Option<(u8, bool)> {
    Some(match w {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn valid_day(year: i32, month: u8, day: u8) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// zero to nineteen.
fn unit_value(w: &str) -> Option<u64> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

/// twenty to ninety.
fn tens_value(w: &str) -> Option<u64> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Power of ten of a scale word written out after a number.
fn scale_word(w: &str) -> Option<u32> {
    Some(match w {
        "thousand" => 3,
        "million" | "mln" => 6,
        "billion" | "bln" => 9,
        "trillion" | "trn" => 12,
        _ => return None,
    })
}

/// Words before a four-digit number that make it a year and not a quantity.
const YEAR_WORDS: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "of", "before", "after", "through", "during",
    "circa",
];

/// Units after a `5-10`/`5 to 10` pair that make it a range, not a tally.
const RANGE_UNITS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "seconds",
    "times",
    "mile",
    "miles",
    "feet",
    "inches",
    "meters",
    "metres",
    "kilometers",
    "kilometres",
    "km",
    "degrees",
    "people",
];

/// The decimal `int.frac` times ten to `exp`, correctly rounded (`None` when it
/// overflows).
fn decimal(int: &str, frac: &str, exp: u32) -> Option<f64> {
    let e = i64::from(exp) - i64::try_from(frac.len()).ok()?;
    format!("{int}{frac}e{e}")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

fn leading_zero(digits: &str) -> bool {
    digits.len() > 1 && digits.starts_with('0')
}

// ---------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Nothing: the tokens touch.
    Adjacent,
    /// Spaces or a single line break.
    Space,
    /// A paragraph break, or the start of the text.
    Break,
}

/// Letters written straight after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    None,
    /// `14th`.
    Ordinal,
    /// `1990s`, `1990's`.
    Decade,
    /// `5k`, `1.2m`, `3bn`; `b` only counts for money.
    Scale {
        exp: u32,
        b: bool,
    },
}

#[derive(Debug)]
struct NumTok {
    /// The whole part, without thousands separators.
    int: String,
    /// The digits after the decimal point.
    frac: String,
    /// Written with thousands separators.
    commas: bool,
    /// Part of a dotted version or code (`1.2.3`).
    version: bool,
    /// Part of an identifier (`COVID-19`, `A380`, `5G`, `24/7`, `10:30`).
    tainted: bool,
    suffix: Suffix,
}

#[derive(Debug)]
enum TokKind {
    Num(NumTok),
    Word {
        lower: String,
        capital: bool,
        upper: bool,
    },
    Punct(char),
}

#[derive(Debug)]
struct Tok {
    kind: TokKind,
    start: usize,
    end: usize,
    gap: Gap,
}

/// Splits `text` into tokens.
fn lex(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut gap = Gap::Break;
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
        if c.is_ascii_digit() {
            let (end, num) = lex_number(text, i);
            toks.push(Tok {
                kind: TokKind::Num(num),
                start: i,
                end,
                gap,
            });
            gap = Gap::Adjacent;
            i = end;
            continue;
        }
        if c.is_alphabetic() {
            let len: usize = text[i..]
                .chars()
                .take_while(|ch| ch.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            let word = &text[i..i + len];
            toks.push(Tok {
                kind: TokKind::Word {
                    lower: word.to_lowercase(),
                    capital: c.is_uppercase(),
                    upper: word.chars().all(char::is_uppercase),
                },
                start: i,
                end: i + len,
                gap,
            });
            gap = Gap::Adjacent;
            i += len;
            continue;
        }
        let folded = fold_char(c);
        if c.is_whitespace() || folded == Some(" ") {
            let mut newlines = 0;
            let mut len = 0;
            for ch in text[i..].chars() {
                if ch.is_whitespace() || matches!(fold_char(ch), Some(" " | "")) {
                    newlines += usize::from(ch == '\n');
                    len += ch.len_utf8();
                } else {
                    break;
                }
            }
            gap = if newlines >= 2 || gap == Gap::Break {
                Gap::Break
            } else {
                Gap::Space
            };
            i += len;
            continue;
        }
        if folded == Some("") {
            i += c.len_utf8();
            continue;
        }
        let p = match folded {
            Some("-") => '-',
            Some("'") => '\'',
            Some("\"") => '"',
            _ => c,
        };
        toks.push(Tok {
            kind: TokKind::Punct(p),
            start: i,
            end: i + c.len_utf8(),
            gap,
        });
        gap = Gap::Adjacent;
        i += c.len_utf8();
    }
    for k in 0..toks.len() {
        let (tainted, suffix) = classify(&toks, k);
        if let TokKind::Num(n) = &mut toks[k].kind {
            n.tainted = tainted;
            n.suffix = suffix;
        }
    }
    toks
}

/// Reads a number starting at the ASCII digit at `start`: digits, thousands separators
/// (only after a first group of one to three digits), a decimal part, and any further
/// dotted parts (a version, marked as such).
fn lex_number(text: &str, start: usize) -> (usize, NumTok) {
    let bytes = text.as_bytes();
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let mut j = start;
    while digit(j) {
        j += 1;
    }
    let mut int = text[start..j].to_string();
    let mut commas = false;
    if j - start <= 3 {
        while bytes.get(j) == Some(&b',')
            && digit(j + 1)
            && digit(j + 2)
            && digit(j + 3)
            && !digit(j + 4)
        {
            int.push_str(&text[j + 1..j + 4]);
            commas = true;
            j += 4;
        }
    }
    let mut frac = String::new();
    if bytes.get(j) == Some(&b'.') && digit(j + 1) {
        let from = j + 1;
        j = from;
        while digit(j) {
            j += 1;
        }
        frac.push_str(&text[from..j]);
    }
    let mut version = false;
    while bytes.get(j) == Some(&b'.') && digit(j + 1) {
        version = true;
        j += 1;
        while digit(j) {
            j += 1;
        }
    }
    (
        j,
        NumTok {
            int,
            frac,
            commas,
            version,
            tainted: false,
            suffix: Suffix::None,
        },
    )
}

/// Decides whether the number at `i` is part of an identifier, and reads the letters
/// written straight after it.
fn classify(toks: &[Tok], i: usize) -> (bool, Suffix) {
    let Some(TokKind::Num(n)) = toks.get(i).map(|t| &t.kind) else {
        return (false, Suffix::None);
    };
    let adjacent = |k: usize| toks.get(k).is_some_and(|t| t.gap == Gap::Adjacent);
    let is_num = |k: usize| matches!(toks.get(k).map(|t| &t.kind), Some(TokKind::Num(_)));
    let word = |k: usize| match toks.get(k).map(|t| &t.kind) {
        Some(TokKind::Word { lower, .. }) => Some(lower.as_str()),
        _ => None,
    };
    let alnum = |k: usize| adjacent(k) && (is_num(k) || word(k).is_some());
    let mut tainted = n.version;
    if adjacent(i) && i > 0 {
        match &toks[i - 1].kind {
            TokKind::Word { .. } | TokKind::Punct('_') => tainted = true,
            TokKind::Punct('/' | ':' | '.') if i >= 2 && adjacent(i - 1) && is_num(i - 2) => {
                tainted = true;
            }
            TokKind::Punct('-') if i >= 2 && adjacent(i - 1) => {
                if let Some(w) = word(i - 2) {
                    if !matches!(w, "mid" | "pre" | "post" | "to" | "early" | "late") {
                        tainted = true;
                    }
                }
            }
            _ => {}
        }
    }
    let mut suffix = Suffix::None;
    if adjacent(i + 1) {
        match &toks[i + 1].kind {
            TokKind::Word { lower, .. } => {
                let closed = !alnum(i + 2);
                suffix = match lower.as_str() {
                    "st" | "nd" | "rd" | "th" if closed => Suffix::Ordinal,
                    "s" if closed => Suffix::Decade,
                    "k" if closed => Suffix::Scale { exp: 3, b: false },
                    "m" | "mn" | "mln" if closed => Suffix::Scale { exp: 6, b: false },
                    "bn" | "bln" if closed => Suffix::Scale { exp: 9, b: false },
                    "b" if closed => Suffix::Scale { exp: 9, b: true },
                    "tn" if closed => Suffix::Scale { exp: 12, b: false },
                    _ => {
                        tainted = true;
                        Suffix::None
                    }
                };
            }
            TokKind::Punct('\'')
                if adjacent(i + 2) && word(i + 2) == Some("s") && !alnum(i + 3) =>
            {
                suffix = Suffix::Decade;
            }
            TokKind::Punct('_') => tainted = true,
            TokKind::Punct('/' | ':') if adjacent(i + 2) && is_num(i + 2) => tainted = true,
            _ => {}
        }
    }
    (tainted, suffix)
}

// ---------------------------------------------------------------------------------------
// Scanner
// ---------------------------------------------------------------------------------------

/// A quantity read at a token: digits (with an optional scale) or spelled-out words.
#[derive(Debug)]
struct Quantity {
    first: usize,
    /// One past its last token.
    end: usize,
    value: f64,
    /// The whole number, when written without decimals or a scale.
    int: Option<u64>,
    /// Has a scale word or suffix (`million`, `m`, `bn`).
    scaled: bool,
    /// Written as words.
    spelled: bool,
    /// Has a `b` suffix, which only money takes.
    b_suffix: bool,
    /// A plain four-digit number from 1000 to 2999.
    year: Option<i32>,
}

struct Scanner<'a> {
    toks: &'a [Tok],
    out: Vec<FoundValue>,
    /// Dash chains that fell through are not re-read from their later numbers.
    chain_until: usize,
}

/// Reads every value of every kind in `text`, in document order.
fn scan(text: &str) -> Vec<FoundValue> {
    let toks = lex(text);
    let mut s = Scanner {
        toks: &toks,
        out: Vec::new(),
        chain_until: 0,
    };
    let mut i = 0;
    while i < toks.len() {
        let next = match &toks[i].kind {
            TokKind::Word { .. } => s.at_word(i),
            TokKind::Num(_) => s.at_num(i),
            TokKind::Punct(_) => s.money_prefix(i),
        };
        i = next.filter(|&n| n > i).unwrap_or(i + 1);
    }
    s.out
}

impl Scanner<'_> {
    fn gap(&self, k: usize) -> Option<Gap> {
        self.toks.get(k).map(|t| t.gap)
    }

    fn spaced(&self, k: usize) -> bool {
        self.gap(k) == Some(Gap::Space)
    }

    fn adjacent(&self, k: usize) -> bool {
        self.gap(k) == Some(Gap::Adjacent)
    }

    fn word(&self, k: usize) -> Option<&str> {
        match &self.toks.get(k)?.kind {
            TokKind::Word { lower, .. } => Some(lower),
            _ => None,
        }
    }

    fn num(&self, k: usize) -> Option<&NumTok> {
        match &self.toks.get(k)?.kind {
            TokKind::Num(n) => Some(n),
            _ => None,
        }
    }

    fn is_punct(&self, k: usize, c: char) -> bool {
        matches!(self.toks.get(k).map(|t| &t.kind), Some(TokKind::Punct(p)) if *p == c)
    }

    /// The span of tokens `a..b` (`b` exclusive, `b > a`).
    fn span(&self, a: usize, b: usize) -> Span {
        let start = self.toks.get(a).map_or(0, |t| t.start);
        let end = b
            .checked_sub(1)
            .and_then(|k| self.toks.get(k))
            .map_or(start, |t| t.end);
        Span::new(start, end.max(start))
    }

    fn emit(&mut self, value: Value, a: usize, b: usize) {
        let span = self.span(a, b);
        self.out.push(FoundValue { value, span });
    }

    fn at_word(&mut self, i: usize) -> Option<usize> {
        if let Some(end) = self.date_month_first(i) {
            return Some(end);
        }
        if let Some(end) = self.month_year(i) {
            return Some(end);
        }
        if let Some(end) = self.month_day(i) {
            return Some(end);
        }
        if let Some(end) = self.money_prefix(i) {
            return Some(end);
        }
        let q = self.quantity(i)?;
        Some(self.after_quantity(&q))
    }

    fn at_num(&mut self, i: usize) -> Option<usize> {
        if self.num(i)?.tainted {
            return Some(self.chain_end(i));
        }
        if let Some(end) = self.date_day_first(i) {
            return Some(end);
        }
        if let Some(end) = self.day_month(i) {
            return Some(end);
        }
        if let Some(end) = self.dash_chain(i) {
            return Some(end);
        }
        let q = self.quantity(i)?;
        Some(self.after_quantity(&q))
    }

    /// One past the last number of the dash chain starting at `i`.
    fn chain_end(&self, i: usize) -> usize {
        let mut k = i;
        while self.is_punct(k + 1, '-')
            && self.adjacent(k + 1)
            && self.num(k + 2).is_some()
            && self.adjacent(k + 2)
        {
            k += 2;
        }
        k + 1
    }

    /// Reads a quantity at `k`.
    fn quantity(&self, k: usize) -> Option<Quantity> {
        match &self.toks.get(k)?.kind {
            TokKind::Num(n) => {
                if n.tainted || n.version {
                    return None;
                }
                let (exp, end, b) = match n.suffix {
                    Suffix::Ordinal | Suffix::Decade => return None,
                    Suffix::Scale { exp, b } => (exp, k + 2, b),
                    Suffix::None => match self.spaced(k + 1).then(|| self.word(k + 1)).flatten() {
                        Some(w) => match scale_word(w) {
                            Some(exp) => (exp, k + 2, false),
                            None => (0, k + 1, false),
                        },
                        None => (0, k + 1, false),
                    },
                };
                let value = decimal(&n.int, &n.frac, exp)?;
                let plain = exp == 0 && n.frac.is_empty();
                let int = if plain {
                    n.int.parse::<u64>().ok()
                } else {
                    None
                };
                let year = if plain && !n.commas && n.int.len() == 4 {
                    n.int
                        .parse::<i32>()
                        .ok()
                        .filter(|y| (1000..=2999).contains(y))
                } else {
                    None
                };
                Some(Quantity {
                    first: k,
                    end,
                    value,
                    int,
                    scaled: exp != 0,
                    spelled: false,
                    b_suffix: b,
                    year,
                })
            }
            TokKind::Word { .. } => {
                let (end, value, scaled) = self.spelled(k)?;
                Some(Quantity {
                    first: k,
                    end,
                    value: value as f64,
                    int: (!scaled).then_some(value),
                    scaled,
                    spelled: true,
                    b_suffix: false,
                    year: None,
                })
            }
            TokKind::Punct(_) => None,
        }
    }

    /// The word that continues a spelled-out number after the token before `k`:
    /// separated by a space or joined by a hyphen.
    fn next_word(&self, k: usize) -> Option<usize> {
        let t = self.toks.get(k)?;
        match &t.kind {
            TokKind::Word { .. } if t.gap == Gap::Space => Some(k),
            TokKind::Punct('-')
                if t.gap == Gap::Adjacent && self.adjacent(k + 1) && self.word(k + 1).is_some() =>
            {
                Some(k + 1)
            }
            _ => None,
        }
    }

    /// 1 to 99 in words: `seven`, `fourteen`, `twenty`, `twenty-five`, `twenty five`.
    fn small(&self, k: usize) -> Option<(usize, u64)> {
        let w = self.word(k)?;
        if let Some(t) = tens_value(w) {
            if let Some(j) = self.next_word(k + 1) {
                if let Some(u) = self
                    .word(j)
                    .and_then(unit_value)
                    .filter(|u| (1..=9).contains(u))
                {
                    return Some((j + 1, t + u));
                }
            }
            return Some((k + 1, t));
        }
        let u = unit_value(w).filter(|&u| u >= 1)?;
        Some((k + 1, u))
    }

    /// Below a thousand in words: a small number, optionally times `hundred` and plus a
    /// small number (`one hundred and five`, `twenty-five hundred`).
    fn group(&self, k: usize) -> Option<(usize, u64)> {
        let (end, v) = self.small(k)?;
        let Some(h) = self
            .next_word(end)
            .filter(|&j| self.word(j) == Some("hundred"))
        else {
            return Some((end, v));
        };
        let hundreds = v * 100;
        let after = h + 1;
        if let Some(a) = self.next_word(after) {
            let start = if self.word(a) == Some("and") {
                self.next_word(a + 1)
            } else {
                Some(a)
            };
            if let Some((e, rest)) = start.and_then(|s| self.small(s)) {
                return Some((e, hundreds + rest));
            }
        }
        Some((after, hundreds))
    }

    /// A number in words at `k`: its end, value, and whether it has a scale word.
    fn spelled(&self, k: usize) -> Option<(usize, u64, bool)> {
        if self.word(k) == Some("zero") {
            return Some((k + 1, 0, false));
        }
        let (mut end, mut current) = self.group(k)?;
        let mut total: u64 = 0;
        let mut last_scale = u32::MAX;
        let mut scaled = false;
        while let Some(j) = self.next_word(end) {
            let Some(exp) = self.word(j).and_then(scale_word) else {
                break;
            };
            if exp >= last_scale {
                break;
            }
            total = total.checked_add(current.checked_mul(10u64.pow(exp))?)?;
            last_scale = exp;
            scaled = true;
            end = j + 1;
            current = 0;
            let Some(a) = self.next_word(end) else {
                break;
            };
            let start = if self.word(a) == Some("and") {
                self.next_word(a + 1)
            } else {
                Some(a)
            };
            match start.and_then(|s| self.group(s)) {
                Some((e, v)) => {
                    end = e;
                    current = v;
                }
                None => break,
            }
        }
        Some((end, total.checked_add(current)?, scaled))
    }

    /// What a quantity is, from what follows it: money, a percentage, a tally, a year or
    /// a plain number. Returns where reading continues.
    fn after_quantity(&mut self, q: &Quantity) -> usize {
        if let Some((end, code)) = self.currency_after(q.end) {
            self.emit(
                Value::Money {
                    amount: q.value,
                    currency: code.to_string(),
                },
                q.first,
                end,
            );
            return end;
        }
        if q.b_suffix {
            return q.end;
        }
        if !q.scaled {
            if let Some(end) = self.percent_after(q.end) {
                self.emit(Value::Percent(q.value), q.first, end);
                return end;
            }
        }
        if let Some(end) = self.tally_to(q) {
            return end;
        }
        if let Some(y) = q.year {
            self.emit(Value::Year(y), q.first, q.end);
            if !self.year_context(q.first) {
                self.emit(Value::Number(q.value), q.first, q.end);
            }
            return q.end;
        }
        if q.spelled && q.int == Some(1) && q.end == q.first + 1 && self.pronoun_one(q.first) {
            return q.end;
        }
        self.emit(Value::Number(q.value), q.first, q.end);
        q.end
    }

    /// True when the four-digit number at `k` follows a year word, a month name, or a
    /// `mid-` prefix.
    fn year_context(&self, k: usize) -> bool {
        let Some(prev) = k.checked_sub(1) else {
            return false;
        };
        if self.spaced(k) {
            if let Some(w) = self.word(prev) {
                return YEAR_WORDS.contains(&w) || month_number(w).is_some();
            }
        }
        if self.adjacent(k) && self.is_punct(prev, '-') && self.adjacent(prev) {
            if let Some(w) = prev.checked_sub(1).and_then(|p| self.word(p)) {
                return matches!(w, "mid" | "pre" | "post" | "early" | "late");
            }
        }
        false
    }

    /// True when the word `one` at `k` is a pronoun (`no one`, `the one`, `one another`).
    fn pronoun_one(&self, k: usize) -> bool {
        let before = k
            .checked_sub(1)
            .filter(|_| self.spaced(k))
            .and_then(|p| self.word(p));
        let after = self.spaced(k + 1).then(|| self.word(k + 1)).flatten();
        matches!(
            before,
            Some("no" | "the" | "this" | "that" | "which" | "any" | "every" | "each")
        ) || after == Some("another")
    }

    /// A currency written after an amount at `k`: its end and code.
    fn currency_after(&self, k: usize) -> Option<(usize, &'static str)> {
        let t = self.toks.get(k)?;
        match &t.kind {
            TokKind::Word { lower, .. } if t.gap == Gap::Space => {
                let next = self.spaced(k + 1).then(|| self.word(k + 1)).flatten();
                match (lower.as_str(), next) {
                    ("dollars" | "dollar", _) => Some((k + 1, "USD")),
                    ("euros" | "euro", _) => Some((k + 1, "EUR")),
                    ("yen", _) => Some((k + 1, "JPY")),
                    ("us", Some("dollars" | "dollar")) => Some((k + 2, "USD")),
                    ("pounds" | "pound", Some("sterling")) => Some((k + 2, "GBP")),
                    _ => None,
                }
            }
            TokKind::Punct('€') if t.gap != Gap::Break => Some((k + 1, "EUR")),
            _ => None,
        }
    }

    /// A percent sign or word at `k`: its end.
    fn percent_after(&self, k: usize) -> Option<usize> {
        let t = self.toks.get(k)?;
        match &t.kind {
            TokKind::Punct('%') if t.gap != Gap::Break => Some(k + 1),
            TokKind::Punct('-') if t.gap == Gap::Adjacent && self.adjacent(k + 1) => {
                match self.word(k + 1)? {
                    "percent" | "pct" => Some(k + 2),
                    "per"
                        if self.is_punct(k + 2, '-')
                            && self.adjacent(k + 2)
                            && self.adjacent(k + 3)
                            && self.word(k + 3) == Some("cent") =>
                    {
                        Some(k + 4)
                    }
                    "percentage" => self.points_after(k + 2),
                    _ => None,
                }
            }
            TokKind::Word { lower, .. } if t.gap == Gap::Space => match lower.as_str() {
                "percent" | "pct" => Some(k + 1),
                "per" if self.spaced(k + 1) && self.word(k + 1) == Some("cent") => Some(k + 2),
                "per"
                    if self.is_punct(k + 1, '-')
                        && self.adjacent(k + 1)
                        && self.adjacent(k + 2)
                        && self.word(k + 2) == Some("cent") =>
                {
                    Some(k + 3)
                }
                "percentage" => self.points_after(k + 1),
                _ => None,
            },
            _ => None,
        }
    }

    /// `point`/`points` after `percentage`, by a space or a hyphen.
    fn points_after(&self, k: usize) -> Option<usize> {
        let is_points = |j: usize| matches!(self.word(j), Some("point" | "points"));
        if self.spaced(k) && is_points(k) {
            return Some(k + 1);
        }
        if self.is_punct(k, '-') && self.adjacent(k) && self.adjacent(k + 1) && is_points(k + 1) {
            return Some(k + 2);
        }
        None
    }

    /// True when what follows `k` makes a number pair a range, not a tally.
    fn range_follows(&self, k: usize) -> bool {
        self.percent_after(k).is_some()
            || self.currency_after(k).is_some()
            || (self.is_punct(k, '-') && self.adjacent(k))
            || (self.spaced(k)
                && self
                    .word(k)
                    .is_some_and(|w| RANGE_UNITS.contains(&w) || scale_word(w).is_some()))
    }

    /// A tally written with `to`: `13 to 0`, `13-to-0`, `thirteen to zero`.
    fn tally_to(&mut self, a: &Quantity) -> Option<usize> {
        let yes = a.int?;
        if a.scaled || a.b_suffix {
            return None;
        }
        if a.first > 0 && self.spaced(a.first) {
            if let Some("from" | "between") = self.word(a.first - 1) {
                return None;
            }
        }
        let k = a.end;
        let j = if self.word(k) == Some("to") && self.spaced(k) && self.spaced(k + 1) {
            k + 1
        } else if self.is_punct(k, '-')
            && self.adjacent(k)
            && self.word(k + 1) == Some("to")
            && self.adjacent(k + 1)
            && self.is_punct(k + 2, '-')
            && self.adjacent(k + 2)
            && self.adjacent(k + 3)
        {
            k + 3
        } else {
            return None;
        };
        let b = self.quantity(j)?;
        let no = b.int?;
        if b.scaled || b.b_suffix || (yes >= 1000 && no >= 1000) || self.range_follows(b.end) {
            return None;
        }
        self.emit(Value::Tally { yes, no }, a.first, b.end);
        Some(b.end)
    }

    /// Numbers joined by hyphens at `i`: a tally (`13-0`, `7-0-1`), a year range
    /// (`2019-2020`, `2019-20`), an ISO date or month, or something to skip (a phone
    /// number, a code like `113-04`). `None` when the numbers are to be read one by one
    /// (a range such as `5-10%` or `1,000-2,000`).
    fn dash_chain(&mut self, i: usize) -> Option<usize> {
        if i < self.chain_until {
            return None;
        }
        let mut idx = vec![i];
        let mut k = i;
        while self.is_punct(k + 1, '-')
            && self.adjacent(k + 1)
            && self.num(k + 2).is_some()
            && self.adjacent(k + 2)
        {
            idx.push(k + 2);
            k += 2;
        }
        // "13 - 0": a hyphen spaced on both sides joins exactly two numbers.
        if idx.len() == 1
            && self.is_punct(i + 1, '-')
            && !self.adjacent(i + 1)
            && !self.adjacent(i + 2)
            && self.num(i + 2).is_some()
            && !self.is_punct(i + 3, '-')
        {
            idx.push(i + 2);
            k = i + 2;
        }
        if idx.len() == 1 {
            return None;
        }
        let end = k + 1;
        self.chain_until = end;
        let nums: Vec<&NumTok> = idx.iter().filter_map(|&x| self.num(x)).collect();
        if nums.iter().any(|n| n.commas || !n.frac.is_empty()) {
            return None;
        }
        let last = nums.last()?;
        match last.suffix {
            Suffix::Scale { .. } => return None,
            Suffix::Ordinal | Suffix::Decade => return Some(end + 1),
            Suffix::None => {}
        }
        if nums.iter().any(|n| n.tainted || n.version) {
            return Some(end);
        }
        if self.is_punct(end, '-') && self.adjacent(end) {
            return None;
        }
        let ints: Vec<&str> = nums.iter().map(|n| n.int.as_str()).collect();
        if ints.len() == 2 && self.range_follows(end) {
            return None;
        }
        match ints.as_slice() {
            [a, b, c] => {
                if a.len() == 4 && b.len() == 2 && c.len() == 2 {
                    let y = a.parse::<i32>().ok()?;
                    let m = b.parse::<u8>().ok()?;
                    let d = c.parse::<u8>().ok()?;
                    if (1000..=2999).contains(&y) && valid_day(y, m, d) {
                        self.emit(
                            Value::Date {
                                year: y,
                                month: m,
                                day: Some(d),
                            },
                            i,
                            end,
                        );
                        self.emit(Value::Year(y), i, i + 1);
                    }
                    return Some(end);
                }
                let small = ints.iter().all(|s| s.len() <= 3 && !leading_zero(s));
                if small && !self.range_follows(end) {
                    if let (Ok(yes), Ok(no)) = (a.parse::<u64>(), b.parse::<u64>()) {
                        self.emit(Value::Tally { yes, no }, i, end);
                    }
                }
                Some(end)
            }
            [a, b] => {
                let year_like = |s: &str| {
                    s.len() == 4 && s.parse::<i32>().is_ok_and(|y| (1000..=2999).contains(&y))
                };
                let second = idx.get(1).copied().unwrap_or(i);
                if year_like(a) {
                    let first: i32 = a.parse().ok()?;
                    if year_like(b) {
                        let other: i32 = b.parse().ok()?;
                        self.emit(Value::Year(first), i, i + 1);
                        self.emit(Value::Year(other), second, end);
                        return Some(end);
                    }
                    if b.len() == 2 {
                        let yy: i32 = b.parse().ok()?;
                        if yy == (first + 1) % 100 {
                            self.emit(Value::Year(first), i, i + 1);
                            self.emit(Value::Year(first + 1), second, end);
                        } else if (1..=12).contains(&yy) {
                            self.emit(
                                Value::Date {
                                    year: first,
                                    month: u8::try_from(yy).ok()?,
                                    day: None,
                                },
                                i,
                                end,
                            );
                            self.emit(Value::Year(first), i, i + 1);
                        } else {
                            let mut other = first - first % 100 + yy;
                            if other <= first {
                                other += 100;
                            }
                            self.emit(Value::Year(first), i, i + 1);
                            self.emit(Value::Year(other), second, end);
                        }
                        return Some(end);
                    }
                    if b.len() != 4 {
                        return Some(end);
                    }
                }
                if leading_zero(a) || leading_zero(b) {
                    return Some(end);
                }
                let (Ok(yes), Ok(no)) = (a.parse::<u64>(), b.parse::<u64>()) else {
                    return Some(end);
                };
                if yes >= 1000 && no >= 1000 {
                    return None;
                }
                self.emit(Value::Tally { yes, no }, i, end);
                Some(end)
            }
            _ => Some(end),
        }
    }

    /// Money with its currency first: `$5`, `US$5`, `€3 million`, `£2bn`, `USD 5`.
    fn money_prefix(&mut self, i: usize) -> Option<usize> {
        let tok = self.toks.get(i)?;
        let (code, at, space_ok): (&'static str, usize, bool) = match &tok.kind {
            TokKind::Punct(c) => {
                let code = match c {
                    '$' => "USD",
                    '€' => "EUR",
                    '£' => "GBP",
                    '¥' => "JPY",
                    '₹' => "INR",
                    _ => return None,
                };
                if *c == '$' && i > 0 && tok.gap == Gap::Adjacent && self.word(i - 1).is_some() {
                    return None;
                }
                (code, i + 1, true)
            }
            TokKind::Word { lower, upper, .. } => {
                if self.is_punct(i + 1, '$') && self.adjacent(i + 1) {
                    let code = match lower.as_str() {
                        "us" => "USD",
                        "c" | "ca" | "can" => "CAD",
                        "a" | "au" => "AUD",
                        "nz" => "NZD",
                        "hk" => "HKD",
                        "s" => "SGD",
                        _ => return None,
                    };
                    (code, i + 2, false)
                } else if *upper && self.spaced(i + 1) {
                    let code = match lower.as_str() {
                        "usd" => "USD",
                        "eur" => "EUR",
                        "gbp" => "GBP",
                        "jpy" => "JPY",
                        "cad" => "CAD",
                        "aud" => "AUD",
                        "chf" => "CHF",
                        "cny" => "CNY",
                        "inr" => "INR",
                        "nzd" => "NZD",
                        "hkd" => "HKD",
                        _ => return None,
                    };
                    (code, i + 1, true)
                } else {
                    return None;
                }
            }
            TokKind::Num(_) => return None,
        };
        if !(self.adjacent(at) || (space_ok && self.spaced(at))) {
            return None;
        }
        let q = self.quantity(at)?;
        if q.spelled {
            return None;
        }
        self.emit(
            Value::Money {
                amount: q.value,
                currency: code.to_string(),
            },
            i,
            q.end,
        );
        Some(q.end)
    }

    /// A month name at `k`, with its period if abbreviated: end, month, capitalised.
    fn month_at(&self, k: usize) -> Option<(usize, u8, bool)> {
        let TokKind::Word { lower, capital, .. } = &self.toks.get(k)?.kind else {
            return None;
        };
        let (month, abbreviated) = month_number(lower)?;
        let end = if abbreviated && self.is_punct(k + 1, '.') && self.adjacent(k + 1) {
            k + 2
        } else {
            k + 1
        };
        Some((end, month, *capital))
    }

    /// A day of the month at `k` (`14`, `14th`): end and day.
    fn day_at(&self, k: usize) -> Option<(usize, u8)> {
        let n = self.num(k)?;
        if n.tainted || n.version || n.commas || !n.frac.is_empty() || n.int.len() > 2 {
            return None;
        }
        let day = n.int.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?;
        match n.suffix {
            Suffix::None => Some((k + 1, day)),
            Suffix::Ordinal => Some((k + 2, day)),
            _ => None,
        }
    }

    /// A year of a date at `k`: end and year.
    fn year_at(&self, k: usize) -> Option<(usize, i32)> {
        let n = self.num(k)?;
        if n.tainted
            || n.version
            || n.commas
            || !n.frac.is_empty()
            || n.int.len() != 4
            || n.suffix != Suffix::None
        {
            return None;
        }
        let year = n
            .int
            .parse::<i32>()
            .ok()
            .filter(|y| (1000..=2999).contains(y))?;
        if self.is_punct(k + 1, '-') && self.adjacent(k + 1) && self.num(k + 2).is_some() {
            return None;
        }
        Some((k + 1, year))
    }

    /// Emits a full date and its year.
    fn emit_date(&mut self, date: (i32, u8, Option<u8>), from: usize, year_at: usize) {
        let (year, month, day) = date;
        self.emit(Value::Date { year, month, day }, from, year_at + 1);
        self.emit(Value::Year(year), year_at, year_at + 1);
    }

    /// `January 14, 2025`, `Jan. 14 2025`, `Sept. 3, 2024`, `January 14th, 2025`.
    fn date_month_first(&mut self, i: usize) -> Option<usize> {
        let (me, month, _) = self.month_at(i)?;
        if !self.spaced(me) {
            return None;
        }
        let (de, day) = self.day_at(me)?;
        let ys = if self.is_punct(de, ',') && self.adjacent(de) {
            de + 1
        } else {
            de
        };
        if !self.spaced(ys) {
            return None;
        }
        let (ye, year) = self.year_at(ys)?;
        if !valid_day(year, month, day) {
            return None;
        }
        self.emit_date((year, month, Some(day)), i, ys);
        Some(ye)
    }

    /// `March 2023` (capitalised).
    fn month_year(&mut self, i: usize) -> Option<usize> {
        let (me, month, capital) = self.month_at(i)?;
        if !capital || !self.spaced(me) {
            return None;
        }
        let (ye, year) = self.year_at(me)?;
        self.emit_date((year, month, None), i, me);
        Some(ye)
    }

    /// `Jan. 14` without a year: read so the day is not taken for a number, not reported.
    fn month_day(&self, i: usize) -> Option<usize> {
        let (me, month, capital) = self.month_at(i)?;
        if !capital || !self.spaced(me) {
            return None;
        }
        let (de, day) = self.day_at(me)?;
        valid_day(2000, month, day).then_some(de)
    }

    /// The month after a day: `14 January`, `14th of January`: end, month, capitalised.
    fn month_after_day(&self, de: usize) -> Option<(usize, u8, bool)> {
        if !self.spaced(de) {
            return None;
        }
        let k = if self.word(de) == Some("of") && self.spaced(de + 1) {
            de + 1
        } else {
            de
        };
        self.month_at(k)
    }

    /// `14 January 2025`, `14th of January, 2025`.
    fn date_day_first(&mut self, i: usize) -> Option<usize> {
        let (de, day) = self.day_at(i)?;
        let (me, month, _) = self.month_after_day(de)?;
        let ys = if self.is_punct(me, ',') && self.adjacent(me) {
            me + 1
        } else {
            me
        };
        if !self.spaced(ys) {
            return None;
        }
        let (ye, year) = self.year_at(ys)?;
        if !valid_day(year, month, day) {
            return None;
        }
        self.emit_date((year, month, Some(day)), i, ys);
        Some(ye)
    }

    /// `14 January` without a year: read, not reported.
    fn day_month(&self, i: usize) -> Option<usize> {
        let (de, day) = self.day_at(i)?;
        let (me, month, capital) = self.month_after_day(de)?;
        (capital && valid_day(2000, month, day)).then_some(me)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;
    use proptest::prelude::*;
    use ValueKind::*;

    /// `(kind, as written in a rule, prose, should the prose satisfy the rule)`.
    const EQUIVALENCES: &[(ValueKind, &str, &str, bool)] = &[
        (Tally, "13-0", "The council voted 13-0 on Tuesday.", true),
        (Tally, "13-0", "It passed 13\u{2013}0.", true),
        (Tally, "13-0", "It passed 13\u{2014}0.", true),
        (Tally, "13-0", "approved 13 to 0", true),
        (Tally, "13-0", "approved in a 13 - 0 vote", true),
        (Money, "$1.2 billion", "a $1.2 bln plan", true),
        (Tally, "13-0", "approved 13-to-0", true),
        (Tally, "13-0", "approved thirteen-to-zero", true),
        (Tally, "13-0", "Thirteen to zero, the council agreed.", true),
        (Tally, "13\u{2013}0", "voted 13-0", true),
        (Tally, "13 to 0", "voted 13-0", true),
        (Tally, "13 - 0", "voted 13-0", true),
        (Tally, "thirteen-to-zero", "voted 13-0", true),
        (Tally, "52-48", "The Senate voted 52 to 48.", true),
        (Tally, "7-0", "a 7-0-1 vote", true),
        (Tally, "13-0", "voted 12-1", false),
        (Tally, "13-0", "voted 0-13", false),
        (Tally, "13-0", "ticket 113-04", false),
        (Tally, "13-0", "13-0x", false),
        (Year, "1979", "since 1979", true),
        (Year, "1979", "the 1979 law", true),
        (Year, "1979", "in mid-1979", true),
        (Year, "2025", "on January 14, 2025, it met", true),
        (Year, "2025", "Jan. 14, 2025", true),
        (Year, "2025", "on 2025-01-14", true),
        (Year, "2023", "in March 2023", true),
        (Year, "2019", "the 2019-20 season", true),
        (Year, "2020", "the 2019-20 season", true),
        (Year, "2020", "from 2019-2020", true),
        (Year, "1979", "in 1978", false),
        (Year, "1979", "in '79", false),
        (Year, "1979", "cost $1979", false),
        (Year, "1979", "1,979 people", false),
        (Year, "1990", "the 1990s", false),
        (Date, "2025-01-14", "on January 14, 2025", true),
        (Date, "January 14, 2025", "on 2025-01-14", true),
        (Date, "14 January 2025", "on Jan. 14, 2025", true),
        (Date, "Jan. 14, 2025", "on 14 January 2025", true),
        (Date, "Jan 14 2025", "on January 14th, 2025", true),
        (Date, "2025-01-14", "on the 14th of January, 2025", true),
        (Date, "2025-01-14", "on january 14, 2025", true),
        (Date, "Sept. 3, 2024", "on September 3, 2024", true),
        (Date, "September 3, 2024", "on Sept. 3, 2024", true),
        (Date, "2024-09-03", "on Sep 3 2024", true),
        (Date, "March 2023", "in March 2023", true),
        (Date, "March 2023", "on March 5, 2023", true),
        (Date, "2023-03", "in March 2023", true),
        (Date, "2023-03", "on 2023-03-31", true),
        (Date, "2024-02-29", "on Feb. 29, 2024", true),
        (Date, "March 2023", "on April 2, 2023", false),
        (Date, "2025-01-14", "on January 15, 2025", false),
        (Date, "2025-01-14", "in January 2025", false),
        (Date, "2025-01-14", "on Jan. 14", false),
        (Number, "14", "fourteen members", true),
        (Number, "14", "Fourteen members", true),
        (Number, "14", "14 members", true),
        (Number, "fourteen", "14 members", true),
        (Number, "1.2 million", "1,200,000 residents", true),
        (Number, "1.2 million", "1.2 million residents", true),
        (Number, "1.2 million", "1.2m residents", true),
        (Number, "1,200,000", "1.2 Million residents", true),
        (Number, "5000", "a 5k run", true),
        (Number, "3 billion", "3bn", true),
        (Number, "25", "twenty-five members", true),
        (Number, "25", "twenty five members", true),
        (Number, "100", "one hundred members", true),
        (Number, "105", "one hundred and five members", true),
        (Number, "2500", "twenty-five hundred members", true),
        (Number, "2023", "two thousand twenty-three members", true),
        (Number, "1200000", "one million two hundred thousand", true),
        (Number, "1979", "the 1979 members", true),
        (Number, "0.5", "0.5 points", true),
        (Number, "14", "the 14th member", false),
        (Number, "19", "COVID-19 cases", false),
        (Number, "380", "an A380 jet", false),
        (Number, "1", "the H1N1 virus", false),
        (Number, "5", "5G masts", false),
        (Number, "1979", "since 1979", false),
        (Number, "60", "60% of members", false),
        (Number, "14", "on Jan. 14, 2025", false),
        (Number, "14", "on Jan. 14 the council", false),
        (Number, "13", "voted 13-0", false),
        (Number, "5", "$5 fee", false),
        (Number, "24", "open 24/7", false),
        (Number, "1", "no one objected", false),
        (Percent, "60%", "60% of voters", true),
        (Percent, "60%", "60 % of voters", true),
        (Percent, "60%", "60 percent of voters", true),
        (Percent, "60%", "60 per cent of voters", true),
        (Percent, "60%", "a 60-percent majority", true),
        (Percent, "60%", "sixty percent of voters", true),
        (Percent, "60 per cent", "60%", true),
        (Percent, "60", "60%", true),
        (Percent, "60.5%", "60.5% of voters", true),
        (Percent, "25%", "twenty-five per cent", true),
        (
            Percent,
            "5 percentage points",
            "up 5 percentage points",
            true,
        ),
        (Percent, "5%", "up 5 percentage points", true),
        (Percent, "60%", "60 voters", false),
        (Percent, "60%", "60.5% of voters", false),
        (Money, "$1.2 billion", "$1,200,000,000", true),
        (Money, "$1.2 billion", "a $1.2bn plan", true),
        (Money, "$1.2 billion", "a $1.2 billion plan", true),
        (Money, "$1.2 billion", "1.2 billion dollars", true),
        (Money, "$1.2 billion", "a $1.2B plan", true),
        (Money, "$1,200,000,000", "$1.2 billion", true),
        (Money, "$500,000", "$500,000", true),
        (Money, "$500,000", "$500k", true),
        (Money, "$5m", "$5 million", true),
        (Money, "5 million dollars", "$5m", true),
        (Money, "five million dollars", "$5m", true),
        (Money, "\u{20ac}3 million", "\u{20ac}3m", true),
        (Money, "\u{20ac}3 million", "3 million euros", true),
        (Money, "\u{a3}2bn", "\u{a3}2 billion", true),
        (Money, "US$5", "$5", true),
        (Money, "USD 5", "US$5", true),
        (Money, "\u{20ac}3 million", "$3 million", false),
        (Money, "$5", "5 members", false),
        (Money, "$1.2 billion", "$1.3 billion", false),
    ];

    #[test]
    fn written_values_match_their_prose_forms() {
        for &(kind, rule, prose, should) in EQUIVALENCES {
            let expected = parse_value(kind, rule)
                .unwrap_or_else(|e| panic!("rule value {rule:?} should parse: {e}"));
            for text in [prose.to_string(), normalize(prose).text] {
                let found = find_values(&text, kind);
                let matched = found.iter().any(|f| expected.satisfies(&f.value));
                assert_eq!(
                    matched,
                    should,
                    "{kind:?} {rule:?} in {text:?}: found {:?}",
                    found
                        .iter()
                        .map(|f| f.value.to_string())
                        .collect::<Vec<_>>()
                );
            }
        }
    }

    /// `(kind, written, canonical form)`.
    const PARSES: &[(ValueKind, &str, &str)] = &[
        (Tally, "13-0", "13-0"),
        (Tally, " 13 to 0 ", "13-0"),
        (Tally, "Thirteen-to-Zero", "13-0"),
        (Year, "1979", "1979"),
        (Date, "2025-01-14", "2025-01-14"),
        (Date, "Jan. 14, 2025", "2025-01-14"),
        (Date, "14 January 2025", "2025-01-14"),
        (Date, "Sept. 3, 2024", "2024-09-03"),
        (Date, "March 2023", "2023-03"),
        (Date, "2023-03", "2023-03"),
        (Date, "2011-12", "2011-12"),
        (Number, "14", "14"),
        (Number, "1.2 million", "1200000"),
        (Number, "1.5", "1.5"),
        (Number, "1,200,000", "1200000"),
        (Percent, "60%", "60%"),
        (Percent, "60", "60%"),
        (Percent, "60.50 percent", "60.5%"),
        (Money, "$1.2 billion", "$1200000000"),
        (Money, "$1.2B", "$1200000000"),
        (Money, "\u{20ac}3 million", "\u{20ac}3000000"),
        (Money, "\u{a3}2bn", "\u{a3}2000000000"),
        (Money, "US$5", "$5"),
        (Money, "C$5", "CAD 5"),
        (Money, "5 million dollars", "$5000000"),
        (Text, "  The Budget Committee ", "The Budget Committee"),
    ];

    #[test]
    fn rule_values_parse_to_canonical_forms() {
        for &(kind, written, canonical) in PARSES {
            let value = parse_value(kind, written)
                .unwrap_or_else(|e| panic!("{written:?} should parse: {e}"));
            assert_eq!(value.kind(), kind, "{written:?}");
            assert_eq!(value.to_string(), canonical, "{written:?}");
        }
    }

    /// `(kind, written, words the reason must contain)`.
    const REJECTIONS: &[(ValueKind, &str, &str)] = &[
        (Tally, "", "empty"),
        (Tally, "   ", "empty"),
        (Tally, "13-0x", "tally"),
        (Tally, "13-0 votes", "unexpected text \"votes\""),
        (Tally, "13", "tally"),
        (Tally, "2019-2020", "year range"),
        (Tally, "7-0-1", "abstentions"),
        (Tally, "13-00", "leading zeros"),
        (Tally, "1.5-2", "tally"),
        (Year, "'79", "four digits"),
        (Year, "79", "four digits"),
        (Year, "3000", "four digits"),
        (Year, "1979.5", "four digits"),
        (Year, "1,979", "four digits"),
        (Year, "January 14, 2025", "before the year"),
        (Date, "February 30, 2025", "28 days"),
        (Date, "2025-02-29", "28 days"),
        (Date, "2025-13-01", "no month 13"),
        (Date, "0999-01-01", "outside"),
        (Date, "January 14", "needs a year"),
        (Date, "Smarch 14, 2025", "not a month"),
        (Date, "January 14, 25", "four digits"),
        (Date, "march 2023", "capitalised"),
        (Date, "1/14/2025", "expected a date"),
        (Date, "tomorrow", "expected a date"),
        (Number, "fourteenish", "expected a number"),
        (Number, "14th", "expected a number"),
        (Number, "1.2 zillion", "after the number"),
        (Number, "COVID-19", "expected a number"),
        (Number, "60%", "expected a number"),
        (Number, "-5", "before the number"),
        (Percent, "sixty", "expected a percentage"),
        (Percent, "60 percent of voters", "after the percentage"),
        (Money, "500", "no currency"),
        (Money, "$", "expected an amount"),
        (Money, "$1.2 gazillion", "after the amount"),
        (Text, " \t ", "empty"),
    ];

    #[test]
    fn unparsable_rule_values_are_rejected_with_a_reason() {
        for &(kind, written, needle) in REJECTIONS {
            match parse_value(kind, written) {
                Ok(v) => panic!("{kind:?} {written:?} should be rejected, read {v:?}"),
                Err(e) => {
                    assert_eq!(e.kind, kind);
                    assert_eq!(e.written, written);
                    assert!(
                        e.reason.contains(needle),
                        "{kind:?} {written:?}: reason {:?} lacks {needle:?}",
                        e.reason
                    );
                }
            }
        }
    }

    /// `(text, kind, exactly the spans found)`.
    const SPANS: &[(&str, ValueKind, &[&str])] = &[
        ("It passed 13-0 in 2019-2020.", Tally, &["13-0"]),
        ("It passed 13-0 in 2019-2020.", Year, &["2019", "2020"]),
        ("It passed 13-0 in 2019-2020.", Number, &[]),
        (
            "The vote was thirteen-to-zero.",
            Tally,
            &["thirteen-to-zero"],
        ),
        (
            "The vote was 13 to 0, then 7-2.",
            Tally,
            &["13 to 0", "7-2"],
        ),
        ("A 7-0-1 vote.", Tally, &["7-0-1"]),
        ("Ticket 113-04 and 13-0.", Tally, &["13-0"]),
        ("Call 555-123-4567 on 2025-01-14.", Tally, &[]),
        ("Call 555-123-4567 on 2025-01-14.", Number, &[]),
        ("Call 555-123-4567 on 2025-01-14.", Date, &["2025-01-14"]),
        ("Call 555-123-4567 on 2025-01-14.", Year, &["2025"]),
        ("It rose from 13 to 20 between 5 to 10 years.", Tally, &[]),
        ("It rose from 13 to 20.", Number, &["13", "20"]),
        ("Up 5-10% and 5 to 10 percent.", Tally, &[]),
        (
            "Up 5-10% and 5 to 10 percent.",
            Percent,
            &["10%", "10 percent"],
        ),
        ("Up 5-10% and 5 to 10 percent.", Number, &["5", "5"]),
        ("COVID-19 cases rose 60 per cent.", Number, &[]),
        (
            "COVID-19 cases rose 60 per cent.",
            Percent,
            &["60 per cent"],
        ),
        ("since 1979, 14 of them", Number, &["14"]),
        ("since 1979, 14 of them", Year, &["1979"]),
        ("the 1979 law had 2,000 pages", Number, &["1979", "2,000"]),
        (
            "$1.2 billion and \u{20ac}3 million, US$5",
            Money,
            &["$1.2 billion", "\u{20ac}3 million", "US$5"],
        ),
        (
            "1.2 billion dollars, or 5 million US dollars",
            Money,
            &["1.2 billion dollars", "5 million US dollars"],
        ),
        ("On Jan. 14, 2025, the board met.", Date, &["Jan. 14, 2025"]),
        ("On Jan. 14, 2025, the board met.", Year, &["2025"]),
        ("On Jan. 14, 2025, the board met.", Number, &[]),
        (
            "Tuesday, January 14th, 2025 and 3 March 2024",
            Date,
            &["January 14th, 2025", "3 March 2024"],
        ),
        (
            "twenty-five members in March 2023",
            Number,
            &["twenty-five"],
        ),
        ("twenty-five members in March 2023", Date, &["March 2023"]),
        (
            "H1N1, A380, 5G, 14th, 10:30, 24/7, v1.2.3, the 1990s",
            Number,
            &[],
        ),
        (
            "No one voted against; one member abstained.",
            Number,
            &["one"],
        ),
        (
            "60 %, 60-percent, sixty percent, 5 percentage points",
            Percent,
            &["60 %", "60-percent", "sixty percent", "5 percentage points"],
        ),
        (
            "the 2011-12 season, 1999-00 and 2023-03",
            Year,
            &["2011", "12", "1999", "00", "2023"],
        ),
        (
            "the 2011-12 season, 1999-00 and 2023-03",
            Date,
            &["2023-03"],
        ),
        ("in mid-2020 and the 2020 budget", Number, &["2020"]),
        (
            "1.2m people, 5k runners, 1,200,000 and 3bn",
            Number,
            &["1.2m", "5k", "1,200,000", "3bn"],
        ),
        ("a 5b note", Number, &[]),
        ("the total was 1979\n\n14 members", Number, &["1979", "14"]),
    ];

    #[test]
    fn spans_cover_exactly_the_written_values() {
        for &(text, kind, expected) in SPANS {
            let found = find_values(text, kind);
            let got: Vec<&str> = found.iter().map(|f| &text[f.span.range()]).collect();
            assert_eq!(got, expected, "{kind:?} in {text:?}");
        }
    }

    #[test]
    fn values_found_carry_their_reading() {
        let found = find_values("It passed thirteen to zero on Sept. 3, 2024.", Tally);
        assert_eq!(found[0].value, Value::Tally { yes: 13, no: 0 });
        let found = find_values("It passed thirteen to zero on Sept. 3, 2024.", Date);
        assert_eq!(
            found[0].value,
            Value::Date {
                year: 2024,
                month: 9,
                day: Some(3)
            }
        );
        let found = find_values("It cost \u{a3}2bn.", Money);
        assert_eq!(
            found[0].value,
            Value::Money {
                amount: 2e9,
                currency: "GBP".to_string()
            }
        );
        assert!(find_values("13-0 in 1979", Text).is_empty());
    }

    #[test]
    fn satisfaction_rules() {
        let month = Value::Date {
            year: 2023,
            month: 3,
            day: None,
        };
        let day = Value::Date {
            year: 2023,
            month: 3,
            day: Some(5),
        };
        assert!(month.satisfies(&day));
        assert!(!day.satisfies(&month));
        assert!(Value::Number(0.3).satisfies(&Value::Number(0.1 + 0.2)));
        assert!(!Value::Number(14.0).satisfies(&Value::Percent(14.0)));
        assert!(!Value::Year(2023).satisfies(&day));
        let text = Value::Text("The “Budget” Committee".to_string());
        assert!(text.satisfies(&Value::Text("the \"budget\" committee.".to_string())));
        assert!(!text.satisfies(&Value::Text("the finance committee".to_string())));
        assert_eq!(text.kind(), ValueKind::Text);
    }

    #[test]
    fn long_inputs_scan_in_linear_time() {
        let inputs = [
            "1-".repeat(100_000),
            "1,000-".repeat(50_000),
            "one ".repeat(100_000),
            "twenty-five hundred thousand ".repeat(20_000),
            "9".repeat(200_000),
            "$".repeat(100_000),
            "January ".repeat(100_000),
        ];
        // The CPU time of this thread, not the wall clock: the bound is on the work
        // (quadratic scans of these inputs would take hours), not on the machine's load.
        let start = thread_cpu_time();
        for input in &inputs {
            for kind in [Tally, Year, Date, Number, Percent, Money] {
                let _ = find_values(input, kind);
            }
        }
        let took = thread_cpu_time() - start;
        assert!(took.as_secs() < 20, "took {took:?} of CPU");
    }

    /// The CPU time this thread has used.
    fn thread_cpu_time() -> std::time::Duration {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid timespec for clock_gettime to fill in.
        let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
        assert_eq!(ok, 0, "clock_gettime: {}", std::io::Error::last_os_error());
        std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    }

    const KINDS: [ValueKind; 7] = [Tally, Year, Date, Number, Percent, Money, Text];

    fn check_spans(text: &str) {
        for kind in KINDS {
            for f in find_values(text, kind) {
                assert!(f.span.start <= f.span.end && f.span.end <= text.len());
                assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
                assert_eq!(f.value.kind(), kind);
            }
            let _ = parse_value(kind, text);
        }
    }

    proptest! {
        #[test]
        fn find_values_never_panics_and_spans_are_char_boundaries(text in any::<String>()) {
            check_spans(&text);
        }

        #[test]
        fn find_values_handles_value_like_noise(
            text in "([0-9]{1,5}|[,.%$€£ '\u{2013}\u{2014}/:_-]|to|one|twenty|hundred|million|m|bn|k|th|s|Jan|March|percent|per|cent|dollars|US|é|\u{200b}|\n){0,40}"
        ) {
            check_spans(&text);
        }
    }
}
