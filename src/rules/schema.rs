//! The rule-file schema as written on disk: serde structs with `deny_unknown_fields` at
//! every level and [`Spanned`] nodes wherever validation may need to point at a line and
//! column. [`super::load`] turns these into the public [`super::RuleSet`] types.
//!
//! These structs are also the one source of the JSON Schema in `schema/rules.schema.json`
//! (see [`super::json_schema`]): they derive [`JsonSchema`], their doc comments become
//! the schema's descriptions (so they are written for rule authors), `deny_unknown_fields`
//! becomes `additionalProperties: false`, and a key added here appears in the schema.
//! schemars cannot see through [`Spanned`], so every `Spanned` field says what it holds
//! with `#[schemars(with = "…")]` — the type the YAML node has, without the position.
//! Keys that validation requires are `Option`s here (so that a missing one is reported
//! at its mapping with a clear message, not by serde) and are marked
//! `#[schemars(required)]` for the schema. Optional keys are `Option`s without
//! `#[serde(default)]` (serde already reads a missing `Option` as `None`), so that the
//! schema lists no `default` and accepts `null` where the loader does (`people:`); the
//! value kinds are the one exception, see [`RawValue`].

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{ExampleKind, Pronouns, Severity};

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
                    "a mapping of rule-file keys (`ruleset:`, `people:`, `claims:`, `quotes:`, \
                     `statements:`)",
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

/// A factcheck rule file: one ruleset — the people who may be quoted, the claims a draft
/// must state correctly, the direct quotes it must reproduce verbatim and credit to the
/// right speaker, and the statements (reported speech) it must credit to the right
/// speaker. Reference: docs/rules.md.
// Validation reports a missing `ruleset` at 1:1 with a clear message.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RuleFile", title = "factcheck rule file")]
pub(super) struct RawRuleFile {
    /// Unique id of the ruleset, across every rule file loaded together; shown in
    /// reports. Letters, digits, `.`, `_` and `-`, starting with a letter or digit.
    #[schemars(with = "String", required, pattern(r"^[A-Za-z0-9][A-Za-z0-9._-]*$"))]
    pub(super) ruleset: Option<Spanned<String>>,
    /// What the story is about.
    pub(super) description: Option<String>,
    /// Where the facts were verified: free text or URLs (kept for the record), or a
    /// mapping naming a source file that rules can be pinned to (`id`, `path`, `sha256`)
    /// and that `factcheck rules verify` checks them against.
    #[schemars(with = "Option<Vec<RawSource>>")]
    pub(super) sources: Option<Vec<Spanned<RawSource>>>,
    /// Everyone quoted or named in the story.
    #[schemars(with = "Option<Vec<RawPerson>>")]
    pub(super) people: Option<Vec<Spanned<RawPerson>>>,
    /// Facts the draft must state correctly.
    #[schemars(with = "Option<Vec<RawClaim>>")]
    pub(super) claims: Option<Vec<Spanned<RawClaim>>>,
    /// Direct quotes the draft must reproduce verbatim, credited to their speaker.
    #[schemars(with = "Option<Vec<RawQuote>>")]
    pub(super) quotes: Option<Vec<Spanned<RawQuote>>>,
    /// Reported speech the draft must credit to the right speaker without reversing it
    /// (`X said that …`, `according to X, …`).
    #[schemars(with = "Option<Vec<RawStatement>>")]
    pub(super) statements: Option<Vec<Spanned<RawStatement>>>,
}

/// A person who may be quoted or named.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Person")]
pub(super) struct RawPerson {
    /// Unique among the ruleset's people; what quotes use as `speaker`. Default: the
    /// slug of `name` (`Hugo Soto-Martinez` → `hugo-soto-martinez`).
    #[schemars(with = "Option<String>")]
    pub(super) id: Option<Spanned<String>>,
    /// Full name as written in prose, e.g. `Hugo Soto-Martinez`.
    #[schemars(with = "String", required)]
    pub(super) name: Option<Spanned<String>>,
    /// Title or role, e.g. `Councilmember` or `Mayor`; lets drafts say `the mayor`.
    pub(super) title: Option<String>,
    /// Other ways a draft may name the person (`Dr. King`, `MLK`). The last name is
    /// always an alias.
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) aliases: Option<Vec<Spanned<String>>>,
    /// The pronouns drafts use for the person: `she`, `he` or `they`; `it` marks an
    /// organisation. A pronoun in a draft is credited only to someone it agrees with.
    pub(super) pronouns: Option<Pronouns>,
}

/// A fact the draft must state correctly, located by its context terms.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Claim")]
pub(super) struct RawClaim {
    /// Unique within the ruleset (claims, quotes and statements share one namespace);
    /// shown in reports.
    #[schemars(with = "String", required)]
    pub(super) id: Option<Spanned<String>>,
    /// The claim in words, shown in reports. Not matched against the draft.
    #[schemars(with = "String", required)]
    pub(super) statement: Option<Spanned<String>>,
    /// Terms that locate the claim: it is checked in the sentences that contain all of
    /// them (case-insensitive, tolerant of plurals and verb endings). `"a|b"` means
    /// either `a` or `b`. Without context a different value is never reported.
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) context: Option<Vec<Spanned<String>>>,
    /// The expected value: exactly one of `tally`, `year`, `date`, `number`, `percent`,
    /// `money`, `text`.
    #[schemars(with = "RawValue", required)]
    pub(super) value: Option<Spanned<RawValue>>,
    /// `true` (default): a draft that never states the claim gets a `missing` finding.
    /// `false`: checked only where the draft mentions it.
    pub(super) required: Option<bool>,
    /// Severity of this claim's findings (default `error`); only `error` fails a run.
    pub(super) severity: Option<Severity>,
    /// Texts that show what the rule accepts and what it reports; `factcheck rules test`
    /// checks them.
    #[schemars(with = "Option<RawExamples>")]
    pub(super) examples: Option<Spanned<RawExamples>>,
    /// The `id` of the source file (under `sources:`) that states the claim: its context
    /// terms and value in one sentence; `factcheck rules verify` checks it.
    #[schemars(with = "Option<String>")]
    pub(super) source: Option<Spanned<String>>,
}

/// A claim's expected value: exactly one kind. A YAML number is read as the text it is
/// written with (`year: 1979` is `"1979"`), then parsed the way drafts are read.
// Validation reports none or several kinds at the mapping. Unlike other optional keys,
// a kind may not be null (`tally: ~` states no value), so the schema type is `Scalar`,
// not `Option<Scalar>`; `default` keeps it optional and `skip_serializing_if` keeps a
// `"default": null` out of the schema (schemars reads both; only Deserialize is derived).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Value", extend("minProperties" = 1, "maxProperties" = 1))]
pub(super) struct RawValue {
    /// Votes for and against, e.g. `"13-0"`; matches 13–0, 13 to 0, thirteen-to-zero.
    #[serde(default)]
    #[schemars(with = "Scalar", skip_serializing_if = "Option::is_none")]
    pub(super) tally: Option<Spanned<String>>,
    /// A four-digit year, e.g. `1979`.
    #[serde(default)]
    #[schemars(with = "Scalar", skip_serializing_if = "Option::is_none")]
    pub(super) year: Option<Spanned<String>>,
    /// A date, e.g. `"2025-01-14"` or `"January 14, 2025"`; `"March 2023"` is month
    /// precision.
    #[serde(default)]
    #[schemars(with = "Scalar", skip_serializing_if = "Option::is_none")]
    pub(super) date: Option<Spanned<String>>,
    /// A quantity, e.g. `14`, `fourteen` or `"1.2 million"`.
    #[serde(default)]
    #[schemars(with = "Scalar", skip_serializing_if = "Option::is_none")]
    pub(super) number: Option<Spanned<String>>,
    /// A percentage, e.g. `"60%"`.
    #[serde(default)]
    #[schemars(with = "Scalar", skip_serializing_if = "Option::is_none")]
    pub(super) percent: Option<Spanned<String>>,
    /// An amount with its currency, e.g. `"$1.2 billion"` or `"€3 million"`.
    #[serde(default)]
    #[schemars(with = "Scalar", skip_serializing_if = "Option::is_none")]
    pub(super) money: Option<Spanned<String>>,
    /// A phrase that must appear, compared case-insensitively, e.g. `unanimous`.
    #[serde(default)]
    #[schemars(with = "Scalar", skip_serializing_if = "Option::is_none")]
    pub(super) text: Option<Spanned<String>>,
}

/// A direct quote the draft must reproduce verbatim and credit to its speaker.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Quote")]
pub(super) struct RawQuote {
    /// Unique within the ruleset (claims, quotes and statements share one namespace);
    /// shown in reports.
    #[schemars(with = "String", required)]
    pub(super) id: Option<Spanned<String>>,
    /// A person's `id`, or a person's exact `name`.
    #[schemars(with = "String", required)]
    pub(super) speaker: Option<Spanned<String>>,
    /// The verified words, verbatim, without the attribution (`she said`).
    #[schemars(with = "String", required)]
    pub(super) text: Option<Spanned<String>>,
    /// `true` (default): a draft without the quote gets a `missing` finding.
    pub(super) required: Option<bool>,
    /// Severity of this quote's findings (default `error`; an unattributed quote is at
    /// most a warning).
    pub(super) severity: Option<Severity>,
    /// Texts that show what the rule accepts and what it reports; `factcheck rules test`
    /// checks them.
    #[schemars(with = "Option<RawExamples>")]
    pub(super) examples: Option<Spanned<RawExamples>>,
    /// The `id` of the source file (under `sources:`) where the speaker says these words
    /// verbatim; `factcheck rules verify` checks it.
    #[schemars(with = "Option<String>")]
    pub(super) source: Option<Spanned<String>>,
}

/// Something a person said, reported in the draft's own words (`X said that …`): located
/// by its context terms, it must be credited to its speaker and keep its polarity.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Statement")]
pub(super) struct RawStatement {
    /// Unique within the ruleset (claims, quotes and statements share one namespace);
    /// shown in reports.
    #[schemars(with = "String", required)]
    pub(super) id: Option<Spanned<String>>,
    /// A person's `id`, or a person's exact `name`.
    #[schemars(with = "String", required)]
    pub(super) speaker: Option<Spanned<String>>,
    /// What was said, plainly, shown in reports; its negations (not, never, no longer…)
    /// are compared with the draft's.
    #[schemars(with = "String", required)]
    pub(super) statement: Option<Spanned<String>>,
    /// Terms that locate the statement: it is checked in the sentences that contain all
    /// of them (case-insensitive, tolerant of plurals and verb endings). `"a|b"` means
    /// either `a` or `b`. At least one term.
    #[schemars(with = "Vec<String>", required, length(min = 1))]
    pub(super) context: Option<Spanned<Vec<Spanned<String>>>>,
    /// `true` (default): a draft that never states it gets a `missing` finding.
    pub(super) required: Option<bool>,
    /// Severity of this statement's findings (default `error`; an unattributed statement
    /// is at most a warning unless factcheck.toml raises it).
    pub(super) severity: Option<Severity>,
    /// Texts that show what the rule accepts and what it reports; `factcheck rules test`
    /// checks them.
    #[schemars(with = "Option<RawExamples>")]
    pub(super) examples: Option<Spanned<RawExamples>>,
    /// The `id` of the source file (under `sources:`) where the speaker says it.
    #[schemars(with = "Option<String>")]
    pub(super) source: Option<Spanned<String>>,
}

/// Example texts for one rule, each checked against that rule alone by
/// `factcheck rules test`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Examples")]
pub(super) struct RawExamples {
    /// Texts that satisfy the rule: checked alone, they get no finding for it.
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) pass: Option<Vec<Spanned<String>>>,
    /// Texts the rule must report, each with the kind of finding it must produce.
    #[schemars(with = "Option<Vec<RawFailExample>>")]
    pub(super) fail: Option<Vec<Spanned<RawFailExample>>>,
}

/// A text the rule must report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FailExample")]
pub(super) struct RawFailExample {
    /// The text to check.
    #[schemars(with = "String", required)]
    pub(super) text: Option<Spanned<String>>,
    /// The finding the rule must produce for the text.
    #[schemars(with = "ExampleKind", required)]
    pub(super) kind: Option<Spanned<ExampleKind>>,
}

/// A `sources:` entry: free text (a description or a URL), or a source file.
// Deserialized by hand (a string or a mapping), so that the mapping's nodes keep their
// positions (serde's `untagged` buffers them and loses them); the derive only describes
// it for the schema, as `anyOf` a string or a `SourceFile`.
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
#[schemars(rename = "Source")]
pub(super) enum RawSource {
    // Free text or a URL, kept for the record. (Plain comments: a doc comment here
    // would wrap the alternative's schema in an `allOf`.)
    Text(String),
    // A source file rules can be pinned to.
    File(Box<RawSourceFile>),
}

impl<'de> Deserialize<'de> for RawSource {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct SourceVisitor;

        impl<'de> Visitor<'de> for SourceVisitor {
            type Value = RawSource;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("free text, or a mapping with `id` and `path`")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<RawSource, E> {
                Ok(RawSource::Text(value.to_string()))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<RawSource, E> {
                Ok(RawSource::Text(value))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<RawSource, E> {
                Ok(RawSource::Text(value.to_string()))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<RawSource, E> {
                Ok(RawSource::Text(value.to_string()))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<RawSource, E> {
                Ok(RawSource::Text(value.to_string()))
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<RawSource, E> {
                Ok(RawSource::Text(value.to_string()))
            }

            fn visit_map<A>(self, map: A) -> Result<RawSource, A::Error>
            where
                A: MapAccess<'de>,
            {
                RawSourceFile::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|file| RawSource::File(Box::new(file)))
            }
        }

        deserializer.deserialize_any(SourceVisitor)
    }
}

/// A primary source the rules were verified against (a transcript, a vote record, a
/// press release), read like a draft (.txt, .md, .html). Rules name it with `source:`;
/// `factcheck rules verify` checks them against it and `factcheck rules pin` records its
/// SHA-256.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SourceFile")]
pub(super) struct RawSourceFile {
    /// Unique among the ruleset's sources; what claims and quotes name with `source:`.
    #[schemars(with = "String", required)]
    pub(super) id: Option<Spanned<String>>,
    /// The file, relative to the rule file (`sources/council-2024-12-10.txt`).
    #[schemars(with = "String", required)]
    pub(super) path: Option<Spanned<String>>,
    /// SHA-256 of the file as verified: 64 lower-case hex digits, written by
    /// `factcheck rules pin`; a file that no longer has it is reported stale.
    #[schemars(with = "Option<String>", pattern(r"^[0-9a-f]{64}$"))]
    pub(super) sha256: Option<Spanned<String>>,
    /// Where people can find the source (not read by factcheck).
    pub(super) url: Option<String>,
    /// What the source is, e.g. `City Council regular meeting, 10 December 2024`.
    pub(super) title: Option<String>,
}

/// A scalar read as the text it is written with: a string, or a number (`1979`).
struct Scalar;

impl JsonSchema for Scalar {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Scalar".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number"] })
    }
}
