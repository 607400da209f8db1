//! Checking a draft as written — plain text, Markdown or HTML — rather than bare prose:
//! the checker reads the draft's [`Prose`], its findings are mapped back to the original
//! bytes, the rulesets named in the front matter narrow what is reported, and inline
//! `factcheck-ignore` comments move findings to [`CheckedFile::suppressed`].
//!
//! Suppression rules (documented in docs/cli.md):
//! - `<!-- factcheck-ignore RULE… -->` silences the named rules in one paragraph: the one
//!   that holds the comment, or, for a comment standing alone, the next one.
//! - `<!-- factcheck-ignore-file RULE… -->` silences them in the whole draft, `missing`
//!   findings included (they have no position, so only this form silences them).
//! - RULE is a rule id, `ruleset/rule`, `unverified` (quotes no rule covers) or
//!   `unverified-figure` (figures no claim covers).
//! - A RULE that no loaded ruleset defines is an error (exit 2, with file:line:col): a
//!   typo must not silently silence nothing. A suppression that silences no finding is
//!   reported as an `unused-suppression` warning, like an unused `noqa`.

use std::collections::HashSet;

use crate::extract::{
    find_quotes_indexed, find_reported, sheet_entries, KnownPerson, PeopleIndex, Quote, Reported,
};
use crate::rules::Severity;
use crate::text::{
    InputFormat, MarkupError, NameInDraft, Prose, SourceFile, Span, SuppressionScope,
};

use super::{CheckOptions, CheckedFile, Checker, Finding, FindingKind};

/// Why a draft could not be checked: its markup, or a name in it that the rules do not
/// know. Shown as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct DocumentError {
    /// The draft's path as given.
    pub path: String,
    /// 1-based line in the draft.
    pub line: usize,
    /// 1-based column (characters) in the draft.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl DocumentError {
    fn at(source: &SourceFile, offset: usize, message: String) -> Self {
        let (line, column) = source.line_col(offset.min(source.text.len()));
        DocumentError {
            path: source.path.clone(),
            line,
            column,
            message,
        }
    }
}

/// The name a suppression uses for findings of quotes that no rule covers.
pub const UNVERIFIED_RULE_NAME: &str = "unverified";

/// The name a suppression uses for findings of figures that no claim covers.
pub const UNVERIFIED_FIGURE_RULE_NAME: &str = "unverified-figure";

impl Checker<'_> {
    /// Checks a draft written as `format`: see the module documentation. Every span of
    /// the result is in the original bytes of `source`.
    pub fn check_document(
        &self,
        source: SourceFile,
        format: InputFormat,
    ) -> Result<CheckedFile, DocumentError> {
        self.check_document_with(source, format, &self.options)
    }

    /// [`Checker::check_document`] with other options than the checker's own: a
    /// service keeps one checker for its rules and lets each request choose whether
    /// quotes (and figures) that no rule covers are reported.
    pub fn check_document_with(
        &self,
        source: SourceFile,
        format: InputFormat,
        options: &CheckOptions,
    ) -> Result<CheckedFile, DocumentError> {
        let prose =
            Prose::extract(&source.text, format).map_err(|MarkupError { offset, message }| {
                DocumentError::at(&source, offset, message)
            })?;
        let defined = if prose.suppressions.is_empty() {
            HashSet::new()
        } else {
            self.rule_names()
        };
        for suppression in &prose.suppressions {
            for name in &suppression.rules {
                if !defined.contains(name.name.as_str()) {
                    return Err(DocumentError::at(
                        &source,
                        name.span.start,
                        format!(
                            "`factcheck-ignore` names the rule `{}`, which no ruleset defines \
                             (write a rule id, `ruleset/rule`, `{UNVERIFIED_RULE_NAME}` or \
                             `{UNVERIFIED_FIGURE_RULE_NAME}`)",
                            name.name
                        ),
                    ));
                }
            }
        }
        if let Some(names) = &prose.front_matter_rulesets {
            for name in names {
                if !self.rulesets.iter().any(|r| r.id == name.name) {
                    let known: Vec<&str> = self.rulesets.iter().map(|r| r.id.as_str()).collect();
                    return Err(DocumentError::at(
                        &source,
                        name.span.start,
                        format!(
                            "the front matter names the ruleset `{}`, which is not loaded \
                             (loaded: {})",
                            name.name,
                            if known.is_empty() {
                                "none".to_string()
                            } else {
                                known.join(", ")
                            }
                        ),
                    ));
                }
            }
        }
        let (findings, coverage) = if prose.is_verbatim() {
            self.check_with_options(&source, options)
        } else {
            let view = SourceFile::new(source.path.clone(), prose.text(&source.text));
            let (mut findings, coverage) = self.check_with_options(&view, options);
            for f in &mut findings {
                f.span = f.span.map(|s| prose.to_original(s));
                f.fix = f.fix.take().and_then(|fix| {
                    super::fix::markup::to_original(&fix, &view.text, &source.text, &prose, format)
                });
            }
            (findings, coverage)
        };
        let mut checked = CheckedFile::new(source, findings);
        checked.coverage = coverage;
        if let Some(names) = &prose.front_matter_rulesets {
            let names: Vec<&str> = names.iter().map(|n| n.name.as_str()).collect();
            checked.keep_rulesets(&names);
        }
        checked.apply_suppressions(&prose);
        Ok(checked)
    }

    /// Every name a suppression may give: each rule's id and `ruleset/rule`, and
    /// `unverified`.
    fn rule_names(&self) -> HashSet<String> {
        let mut names = HashSet::new();
        names.insert(UNVERIFIED_RULE_NAME.to_string());
        names.insert(UNVERIFIED_FIGURE_RULE_NAME.to_string());
        // Every ruleset, decoded from a cached bank if need be: only drafts with
        // suppression comments ask.
        for r in self.rulesets.iter() {
            let ids = r
                .claims
                .iter()
                .map(|c| &c.id)
                .chain(r.quotes.iter().map(|q| &q.id))
                .chain(r.statements.iter().map(|s| &s.id));
            for id in ids {
                names.insert(id.clone());
                names.insert(format!("{}/{id}", r.id));
            }
        }
        names
    }
}

/// True when the suppression name `name` covers `finding`.
fn names_finding(name: &str, finding: &Finding) -> bool {
    if name == UNVERIFIED_RULE_NAME {
        return finding.kind == FindingKind::Unverified;
    }
    if name == UNVERIFIED_FIGURE_RULE_NAME {
        return finding.kind == FindingKind::UnverifiedFigure;
    }
    let Some(rule) = finding.rule.as_deref() else {
        return false;
    };
    match name.split_once('/') {
        Some((ruleset, id)) => finding.ruleset.as_deref() == Some(ruleset) && rule == id,
        None => rule == name,
    }
}

impl CheckedFile {
    /// Moves the findings that `prose`'s suppression comments silence from
    /// [`CheckedFile::findings`] to [`CheckedFile::suppressed`], and adds an
    /// `unused-suppression` warning for each rule named by a comment that silenced
    /// nothing. Spans are in the original bytes.
    pub fn apply_suppressions(&mut self, prose: &Prose) {
        if prose.suppressions.is_empty() {
            return;
        }
        let mut used: Vec<Vec<bool>> = prose
            .suppressions
            .iter()
            .map(|s| vec![false; s.rules.len()])
            .collect();
        let mut kept = Vec::with_capacity(self.findings.len());
        for finding in std::mem::take(&mut self.findings) {
            let mut silenced = false;
            for (i, suppression) in prose.suppressions.iter().enumerate() {
                let in_scope = match (suppression.scope, finding.span) {
                    (SuppressionScope::File, _) => true,
                    (SuppressionScope::Block(Some(block)), Some(span)) => {
                        block.start <= span.start && span.start < block.end.max(block.start + 1)
                    }
                    _ => false,
                };
                if !in_scope {
                    continue;
                }
                for (j, name) in suppression.rules.iter().enumerate() {
                    if names_finding(&name.name, &finding) {
                        used[i][j] = true;
                        silenced = true;
                    }
                }
            }
            if silenced {
                self.suppressed.push(finding);
            } else {
                kept.push(finding);
            }
        }
        let missing: Vec<&Finding> = kept
            .iter()
            .filter(|f| f.kind == FindingKind::Missing)
            .collect();
        let mut unused = Vec::new();
        for (suppression, used) in prose.suppressions.iter().zip(&used) {
            for (name, _) in suppression.rules.iter().zip(used).filter(|(_, u)| !**u) {
                let is_missing = missing.iter().any(|f| names_finding(&name.name, f));
                unused.push(unused_suppression(name, suppression.scope, is_missing));
            }
        }
        kept.extend(unused);
        kept.sort_by_key(|f| f.span.map(|s| (s.start, s.end)));
        self.findings = kept;
    }
}

/// The warning for a suppression of `name` that silenced nothing; `missing` when the
/// rule's finding is a `missing` one, which only `factcheck-ignore-file` can silence.
fn unused_suppression(name: &NameInDraft, scope: SuppressionScope, missing: bool) -> Finding {
    let where_ = match scope {
        SuppressionScope::File => "in this draft",
        SuppressionScope::Block(_) if missing => {
            "in the paragraph it applies to (its finding is `missing`, which has no \
             position: `factcheck-ignore-file` silences it)"
        }
        SuppressionScope::Block(_) => "in the paragraph it applies to",
    };
    Finding {
        kind: FindingKind::UnusedSuppression,
        severity: Severity::Warning,
        ruleset: None,
        rule: Some(name.name.clone()),
        message: format!("suppresses nothing: no finding of this rule {where_}; remove it"),
        expected: None,
        found: None,
        span: Some(Span::new(name.span.start, name.span.end)),
        fix: None,
    }
}

/// The direct quotes of a draft written as `format` (what `factcheck quotes` lists): found
/// in the draft's prose, as the checker finds them, with every span — segments and
/// speaker mentions — mapped back to the original bytes of `source`.
pub fn quotes_of_document(
    source: &SourceFile,
    format: InputFormat,
    people: &[KnownPerson],
) -> Result<Vec<Quote>, DocumentError> {
    speech_of_document(source, format, people, false).map(|(quotes, _)| quotes)
}

/// The direct quotes of a draft written as `format` and, when `with_reported`, its
/// reported speech (what `factcheck quotes --reported` lists): found in the draft's prose,
/// with every span — segments, contents, cues and speaker mentions — mapped back to the
/// original bytes of `source`.
pub fn speech_of_document(
    source: &SourceFile,
    format: InputFormat,
    people: &[KnownPerson],
    with_reported: bool,
) -> Result<(Vec<Quote>, Vec<Reported>), DocumentError> {
    let prose = Prose::extract(&source.text, format)
        .map_err(|MarkupError { offset, message }| DocumentError::at(source, offset, message))?;
    let text = prose.text(&source.text);
    let people = PeopleIndex::new(people);
    let mut quotes = find_quotes_indexed(text, &people);
    let mut reported = if with_reported {
        sheet_entries(text, find_reported(text, &quotes, &people), &quotes)
    } else {
        Vec::new()
    };
    if !prose.is_verbatim() {
        let map_speaker = |speaker: &mut Option<crate::extract::Speaker>| {
            if let Some(speaker) = speaker {
                speaker.mention = prose.to_original(speaker.mention);
            }
        };
        for quote in &mut quotes {
            for segment in &mut quote.segments {
                *segment = prose.to_original(*segment);
            }
            map_speaker(&mut quote.speaker);
        }
        for r in &mut reported {
            r.content = prose.to_original(r.content);
            r.cue_span = r.cue_span.map(|s| prose.to_original(s));
            map_speaker(&mut r.speaker);
        }
    }
    Ok((quotes, reported))
}
