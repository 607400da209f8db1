//! Typed values in prose — tallies, years, dates, numbers, percentages, money and text —
//! parsed by one parser on both sides: the rule's expected value and the draft's wording.

use crate::text::Span;

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

/// A normalised value: equal values compare equal however they were written.
#[derive(Debug, Clone, PartialEq)]
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

/// Parses a value as written in a rule file.
pub fn parse_value(kind: ValueKind, written: &str) -> Result<Value, ValueError> {
    let _ = (kind, written);
    todo!("values helper")
}

/// Finds every value of `kind` in `text` (normalised text: see [`crate::text::normalize`]).
pub fn find_values(text: &str, kind: ValueKind) -> Vec<FoundValue> {
    let _ = (text, kind);
    todo!("values helper")
}
