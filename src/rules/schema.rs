//! The rule-file schema as written on disk: serde structs with `deny_unknown_fields` at
//! every level and [`Spanned`] nodes wherever validation may need to point at a line and
//! column. [`super::load`] turns these into the public [`super::RuleSet`] types.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::Severity;

/// A whole rule file, or `None` when the document is empty (or only comments / `null`).
pub(super) struct RawDocument(pub(super) Option<RawRuleFile>);

impl<'de> Deserialize<'de> for RawDocument {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct DocumentVisitor;

        impl<'de> Visitor<'de> for DocumentVisitor {
            type Value = RawDocument;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a mapping of rule-file keys (`ruleset:`, `people:`, `claims:`, `quotes:`)",
                )
            }

            fn visit_map<A>(self, map: A) -> Result<RawDocument, A::Error>
            where
                A: MapAccess<'de>,
            {
                RawRuleFile::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|file| RawDocument(Some(file)))
            }

            fn visit_unit<E>(self) -> Result<RawDocument, E> {
                Ok(RawDocument(None))
            }

            fn visit_none<E>(self) -> Result<RawDocument, E> {
                Ok(RawDocument(None))
            }
        }

        deserializer.deserialize_any(DocumentVisitor)
    }
}

/// The top-level mapping of a rule file. Required keys are `Option`s so that a missing
/// one is reported by validation at the start of its mapping, with a clear message.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRuleFile {
    #[serde(default)]
    pub(super) ruleset: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) sources: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) people: Option<Vec<Spanned<RawPerson>>>,
    #[serde(default)]
    pub(super) claims: Option<Vec<Spanned<RawClaim>>>,
    #[serde(default)]
    pub(super) quotes: Option<Vec<Spanned<RawQuote>>>,
}

/// One entry of `people:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPerson {
    #[serde(default)]
    pub(super) id: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) name: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) title: Option<String>,
    #[serde(default)]
    pub(super) aliases: Option<Vec<Spanned<String>>>,
}

/// One entry of `claims:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClaim {
    #[serde(default)]
    pub(super) id: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) statement: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) context: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) value: Option<Spanned<RawValue>>,
    #[serde(default)]
    pub(super) required: Option<bool>,
    #[serde(default)]
    pub(super) severity: Option<Severity>,
}

/// A claim's `value:` mapping; exactly one kind must be given. Numbers are read as the
/// text they were written with (`year: 1979` gives `"1979"`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawValue {
    #[serde(default)]
    pub(super) tally: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) year: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) date: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) number: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) percent: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) money: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) text: Option<Spanned<String>>,
}

/// One entry of `quotes:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuote {
    #[serde(default)]
    pub(super) id: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) speaker: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) text: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) required: Option<bool>,
    #[serde(default)]
    pub(super) severity: Option<Severity>,
}
