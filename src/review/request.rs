//! What clients post: a draft (its text, a name that picks its format like a file
//! extension, the options of the check) and a review of it.

use std::path::Path;

use serde::Deserialize;

use crate::text::{display_size, InputFormat, ReadOptions, SourceFile};

use super::{Accepted, Decision, ReviewError};

/// The name of a draft posted without one.
pub const DEFAULT_DRAFT_NAME: &str = "draft.txt";

fn default_name() -> String {
    DEFAULT_DRAFT_NAME.to_string()
}

/// How a posted draft is written (`input_format`), as `--input-format` says it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatChoice {
    /// From the name's extension: .md and .markdown are Markdown, .html and .htm HTML,
    /// anything else plain text.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
}

/// A draft posted to `/api/v1/check`, `/api/v1/quotes` or `/api/v1/fix`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftRequest {
    /// The draft's text.
    pub text: String,
    /// Its name: shown as the path in the answer, and its extension picks the format.
    #[serde(default = "default_name")]
    pub name: String,
    /// How it is written.
    #[serde(default)]
    pub input_format: FormatChoice,
    /// Report quotes that no rule covers (`None`: as the configuration says).
    #[serde(default)]
    pub unverified: Option<bool>,
    /// List reported speech too (`/api/v1/quotes`).
    #[serde(default)]
    pub reported: bool,
    /// Apply unsafe fixes too (`/api/v1/fix`).
    #[serde(default, rename = "unsafe")]
    pub unsafe_fixes: bool,
}

impl DraftRequest {
    /// Parses a request body.
    pub fn from_json(body: &[u8]) -> Result<DraftRequest, ReviewError> {
        parse_body(body)
    }

    /// Refuses the options named in `names` that are set but belong to another route.
    pub(super) fn refuse_options(&self, names: &[&str]) -> Result<(), ReviewError> {
        for &name in names {
            let set = match name {
                "reported" => self.reported,
                "unsafe" => self.unsafe_fixes,
                _ => false,
            };
            if set {
                return Err(ReviewError::InvalidRequest(format!(
                    "\"{name}\" does not apply here ({})",
                    match name {
                        "reported" => "it is an option of /api/v1/quotes",
                        _ => "it is an option of /api/v1/fix",
                    }
                )));
            }
        }
        Ok(())
    }

    /// The format the draft is read as.
    pub fn format(&self) -> InputFormat {
        match self.input_format {
            FormatChoice::Auto => InputFormat::for_path(Path::new(&self.name)),
            FormatChoice::Text => InputFormat::Text,
            FormatChoice::Markdown => InputFormat::Markdown,
            FormatChoice::Html => InputFormat::Html,
        }
    }

    /// The draft as the checker reads a file: refused when over `max_size` bytes, empty
    /// or whitespace only, or holding a NUL byte.
    pub fn into_source(self, max_size: u64) -> Result<(SourceFile, InputFormat), ReviewError> {
        let format = self.format();
        if self.text.len() as u64 > max_size {
            return Err(ReviewError::TooLarge(format!(
                "{} is larger than the {} limit (--max-draft-size)",
                self.name,
                display_size(max_size)
            )));
        }
        let options = ReadOptions {
            max_size,
            encoding: None,
        };
        let source = SourceFile::decode(self.name, self.text.into_bytes(), &options)
            .map_err(|e| ReviewError::InvalidDraft(e.to_string()))?;
        Ok((source, format))
    }
}

/// A review posted to `/api/v1/reviews`.
#[derive(Debug, Clone)]
pub struct ReviewRequest {
    /// The draft reviewed.
    pub draft: DraftRequest,
    /// Who reviews it.
    pub reviewer: String,
    /// The decision.
    pub decision: Decision,
    /// A note.
    pub note: String,
    /// The findings accepted, each with a reason.
    pub accepted: Vec<Accepted>,
}

/// The body of a review, as posted.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewBody {
    text: String,
    #[serde(default = "default_name")]
    name: String,
    #[serde(default)]
    input_format: FormatChoice,
    #[serde(default)]
    unverified: Option<bool>,
    reviewer: String,
    decision: Decision,
    #[serde(default)]
    note: String,
    #[serde(default)]
    accepted: Vec<Accepted>,
}

impl ReviewRequest {
    /// Parses a request body.
    pub fn from_json(body: &[u8]) -> Result<ReviewRequest, ReviewError> {
        let body: ReviewBody = parse_body(body)?;
        Ok(ReviewRequest {
            draft: DraftRequest {
                text: body.text,
                name: body.name,
                input_format: body.input_format,
                unverified: body.unverified,
                reported: false,
                unsafe_fixes: false,
            },
            reviewer: body.reviewer,
            decision: body.decision,
            note: body.note,
            accepted: body.accepted,
        })
    }

    /// Refuses a review without a reviewer, or an acceptance without a rule or a reason.
    pub(super) fn validate(&self) -> Result<(), ReviewError> {
        if self.reviewer.trim().is_empty() {
            return Err(ReviewError::InvalidRequest(
                "\"reviewer\" is empty: name who reviews the draft".into(),
            ));
        }
        for (i, accepted) in self.accepted.iter().enumerate() {
            if accepted.rule.trim().is_empty() {
                return Err(ReviewError::InvalidRequest(format!(
                    "accepted[{i}]: \"rule\" is empty"
                )));
            }
            if accepted.reason.trim().is_empty() {
                return Err(ReviewError::InvalidRequest(format!(
                    "accepted[{i}] ({}): a finding is accepted only with a reason",
                    accepted.rule
                )));
            }
        }
        Ok(())
    }
}

/// A JSON body as `T`; serde's message (with line and column) on failure.
fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ReviewError> {
    serde_json::from_slice(body).map_err(|e| {
        let what = if e.is_data() {
            "the request does not fit this route"
        } else {
            "the body is not valid JSON"
        };
        ReviewError::InvalidRequest(format!("{what}: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_request_takes_defaults_and_refuses_unknown_fields() {
        let request = DraftRequest::from_json(br#"{"text": "Hello."}"#).expect("parses");
        assert_eq!(request.name, DEFAULT_DRAFT_NAME);
        assert_eq!(request.format(), InputFormat::Text);
        assert_eq!(request.unverified, None);
        let cases: &[(&[u8], &str)] = &[
            (br#"{"name": "a.md"}"#, "missing field `text`"),
            (
                br#"{"text": "x", "unverfied": true}"#,
                "unknown field `unverfied`",
            ),
            (br#"{"text": 3}"#, "invalid type"),
            (
                br#"{"text": "x", "input_format": "pdf"}"#,
                "unknown variant `pdf`",
            ),
            (b"{\"text\": ", "not valid JSON"),
            (b"", "not valid JSON"),
        ];
        for (body, expected) in cases {
            let error = DraftRequest::from_json(body).expect_err("refused");
            assert!(matches!(error, ReviewError::InvalidRequest(_)));
            assert!(error.to_string().contains(expected), "{error}");
        }
    }

    #[test]
    fn the_name_picks_the_format_unless_input_format_says() {
        let cases = [
            (r#"{"text": "x", "name": "a.md"}"#, InputFormat::Markdown),
            (r#"{"text": "x", "name": "a.HTM"}"#, InputFormat::Html),
            (
                r#"{"text": "x", "name": "a.md", "input_format": "text"}"#,
                InputFormat::Text,
            ),
            (
                r#"{"text": "x", "input_format": "html"}"#,
                InputFormat::Html,
            ),
        ];
        for (body, format) in cases {
            let request = DraftRequest::from_json(body.as_bytes()).expect("parses");
            assert_eq!(request.format(), format, "{body}");
        }
    }

    #[test]
    fn drafts_are_refused_as_the_command_line_refuses_files() {
        let request = |text: &str| {
            DraftRequest::from_json(
                serde_json::json!({"text": text, "name": "d.txt"})
                    .to_string()
                    .as_bytes(),
            )
            .expect("parses")
        };
        assert!(matches!(
            request(" \n").into_source(100),
            Err(ReviewError::InvalidDraft(m)) if m.contains("d.txt is empty")
        ));
        assert!(matches!(
            request("a\0b").into_source(100),
            Err(ReviewError::InvalidDraft(m)) if m.contains("binary")
        ));
        assert!(matches!(
            request("0123456789").into_source(9),
            Err(ReviewError::TooLarge(_))
        ));
        assert!(request("Fine.").into_source(100).is_ok());
    }

    #[test]
    fn a_review_needs_a_reviewer_and_reasons() {
        let parse = |v: serde_json::Value| ReviewRequest::from_json(v.to_string().as_bytes());
        let ok = parse(serde_json::json!({
            "text": "x", "reviewer": "Ann", "decision": "changes-requested",
            "accepted": [{"rule": "r", "reason": "because"}]
        }))
        .expect("parses");
        assert!(ok.validate().is_ok());
        assert_eq!(ok.decision, Decision::ChangesRequested);
        let refused = [
            serde_json::json!({"text": "x", "reviewer": " ", "decision": "approved"}),
            serde_json::json!({"text": "x", "reviewer": "Ann", "decision": "approved",
                "accepted": [{"rule": "r", "reason": ""}]}),
        ];
        for body in refused {
            let request = parse(body.clone()).expect("parses");
            assert!(request.validate().is_err(), "{body}");
        }
        assert!(
            parse(serde_json::json!({"text": "x", "reviewer": "A", "decision": "maybe"})).is_err()
        );
        assert!(parse(serde_json::json!({"text": "x", "decision": "approved"})).is_err());
    }
}
