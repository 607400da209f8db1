//! "Ignore this finding here": where a `factcheck-ignore` comment goes so that it
//! silences one finding and changes nothing else (docs/cli.md, "Suppressing a finding
//! inline").
//!
//! A finding with a position gets `<!-- factcheck-ignore RULE -->` for its paragraph: on
//! a line of its own just before the paragraph (keeping a block quote's `>`), else inline
//! at the paragraph's start (HTML, a list item), else at the end of its first line. A missing finding gets
//! `<!-- factcheck-ignore-file RULE -->` at the top of the draft (after a Markdown front
//! matter). Each placement is tried in turn and kept only when reading the edited draft
//! back shows the comment covering the finding and the prose words unchanged — a
//! Markdown line that starts with `<!--` would otherwise swallow its line as raw HTML.

use crate::check::{Finding, FindingKind, UNVERIFIED_RULE_NAME};
use crate::rules::RuleSet;
use crate::text::{source_paragraphs, InputFormat, Prose, Span, SuppressionScope};

/// An insertion into a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    /// Byte offset to insert at.
    pub at: usize,
    /// What to insert.
    pub text: String,
}

/// The name a suppression comment gives the rule of `finding`: `unverified`, the rule's
/// id, or `ruleset/rule` when another ruleset has a rule of the same id. `None` for a
/// finding no comment can silence (an unused suppression).
pub fn suppression_name(finding: &Finding, rulesets: &[RuleSet]) -> Option<String> {
    match finding.kind {
        FindingKind::UnusedSuppression => None,
        FindingKind::Unverified => Some(UNVERIFIED_RULE_NAME.to_string()),
        _ => {
            let rule = finding.rule.as_deref()?;
            let defining = rulesets
                .iter()
                .filter(|r| {
                    r.claims.iter().any(|c| c.id == rule) || r.quotes.iter().any(|q| q.id == rule)
                })
                .take(2)
                .count();
            match (&finding.ruleset, defining) {
                (Some(ruleset), n) if n > 1 => Some(format!("{ruleset}/{rule}")),
                _ => Some(rule.to_string()),
            }
        }
    }
}

/// Where to put a comment silencing `finding` (named `name`) in `text`, written as
/// `format`; `None` when no placement leaves the draft's prose as it was.
pub fn ignore_insertion(
    text: &str,
    format: InputFormat,
    finding: &Finding,
    name: &str,
) -> Option<Insertion> {
    let before = Prose::extract(text, format).ok()?;
    let words_before: Vec<&str> = before.text(text).split_whitespace().collect();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let candidates = match finding.span {
        None => {
            let at = after_front_matter(text, format);
            vec![Insertion {
                at,
                text: format!("<!-- factcheck-ignore-file {name} -->{newline}"),
            }]
        }
        Some(span) => {
            let paragraph = paragraph_start(text, &before, span.start)?;
            let line_start = text[..paragraph].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let prefix = &text[line_start..paragraph];
            let mut candidates = Vec::new();
            if prefix.chars().all(|c| matches!(c, ' ' | '\t' | '>')) {
                candidates.push(Insertion {
                    at: line_start,
                    text: format!("{prefix}<!-- factcheck-ignore {name} -->{newline}"),
                });
            }
            candidates.push(Insertion {
                at: paragraph,
                text: format!("<!-- factcheck-ignore {name} --> "),
            });
            let line_end = text[paragraph..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| paragraph + i);
            candidates.push(Insertion {
                at: line_end,
                text: format!(" <!-- factcheck-ignore {name} -->"),
            });
            candidates
        }
    };
    candidates.into_iter().find(|insertion| {
        let mut edited = String::with_capacity(text.len() + insertion.text.len());
        edited.push_str(&text[..insertion.at]);
        edited.push_str(&insertion.text);
        edited.push_str(&text[insertion.at..]);
        let Ok(after) = Prose::extract(&edited, format) else {
            return false;
        };
        let words_after: Vec<&str> = after.text(&edited).split_whitespace().collect();
        if words_after != words_before {
            return false;
        }
        let target = finding.span.map(|s| {
            let shift = if insertion.at <= s.start {
                insertion.text.len()
            } else {
                0
            };
            s.start + shift
        });
        after.suppressions.iter().any(|s| {
            s.rules.iter().any(|r| r.name == name)
                && match (s.scope, target) {
                    (SuppressionScope::File, None) => true,
                    (SuppressionScope::Block(Some(block)), Some(at)) => {
                        block.start <= at && at < block.end.max(block.start + 1)
                    }
                    _ => false,
                }
        })
    })
}

/// The original offset where the paragraph holding `offset` starts, as the checker
/// reads paragraphs (a block of a Markdown or HTML draft).
fn paragraph_start(text: &str, prose: &Prose, offset: usize) -> Option<usize> {
    let view = prose.text(text);
    source_paragraphs(view)
        .into_iter()
        .map(|p| prose.to_original(p))
        .take_while(|p: &Span| p.start <= offset)
        .last()
        .map(|p| p.start)
}

/// Where a draft's text starts: after a Markdown front matter (`---` … `---`), else 0.
fn after_front_matter(text: &str, format: InputFormat) -> usize {
    if format != InputFormat::Markdown {
        return 0;
    }
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return 0;
    };
    let opened = text.len() - rest.len();
    let mut at = opened;
    for line in rest.split_inclusive('\n') {
        at += line.len();
        if matches!(line.trim_end_matches(['\r', '\n']), "---" | "...") {
            return at;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn finding(kind: FindingKind, span: Option<Span>) -> Finding {
        Finding {
            kind,
            severity: Severity::Error,
            ruleset: Some("rs".into()),
            rule: Some("vote".into()),
            message: String::new(),
            expected: None,
            found: None,
            span,
            fix: None,
        }
    }

    fn apply(text: &str, insertion: &Insertion) -> String {
        format!(
            "{}{}{}",
            &text[..insertion.at],
            insertion.text,
            &text[insertion.at..]
        )
    }

    #[test]
    fn comments_go_where_they_silence_the_finding_and_nothing_else() {
        let cases: &[(&str, InputFormat, &str, &str)] = &[
            (
                "plain text, one paragraph a line",
                InputFormat::Text,
                "First line.\nThe vote was 12-1 on Tuesday.\nLast line.\n",
                "First line.\n<!-- factcheck-ignore vote -->\nThe vote was 12-1 on Tuesday.\nLast line.\n",
            ),
            (
                "plain text, CRLF, hard-wrapped",
                InputFormat::Text,
                "Intro here.\r\n\r\nThe council met and\r\nthe vote was 12-1.\r\n",
                "Intro here.\r\n\r\n<!-- factcheck-ignore vote -->\r\nThe council met and\r\nthe vote was 12-1.\r\n",
            ),
            (
                "markdown paragraph",
                InputFormat::Markdown,
                "# Title\n\nThe council met and\nthe vote was **12-1**.\n",
                "# Title\n\n<!-- factcheck-ignore vote -->\nThe council met and\nthe vote was **12-1**.\n",
            ),
            (
                "markdown block quote",
                InputFormat::Markdown,
                "Intro.\n\n> The vote was 12-1.\n",
                "Intro.\n\n> <!-- factcheck-ignore vote -->\n> The vote was 12-1.\n",
            ),
            (
                "markdown list item: inline at its start",
                InputFormat::Markdown,
                "Intro.\n\n- The vote was 12-1.\n- Other.\n",
                "Intro.\n\n- <!-- factcheck-ignore vote --> The vote was 12-1.\n- Other.\n",
            ),
            (
                "html paragraph: inline",
                InputFormat::Html,
                "<p>Intro.</p>\n<p>The vote was 12-1.</p>\n",
                "<p>Intro.</p>\n<p><!-- factcheck-ignore vote --> The vote was 12-1.</p>\n",
            ),
        ];
        for (name, format, text, expected) in cases {
            let at = text.find("12-1").expect("value");
            let f = finding(FindingKind::Altered, Some(Span::new(at, at + 4)));
            let insertion = ignore_insertion(text, *format, &f, "vote")
                .unwrap_or_else(|| panic!("{name}: no placement"));
            assert_eq!(apply(text, &insertion), *expected, "{name}");
        }
    }

    #[test]
    fn missing_findings_get_a_file_comment_after_the_front_matter() {
        let text = "---\ntitle: x\n---\n\nThe vote.\n";
        let f = finding(FindingKind::Missing, None);
        let insertion = ignore_insertion(text, InputFormat::Markdown, &f, "vote").expect("some");
        assert_eq!(
            apply(text, &insertion),
            "---\ntitle: x\n---\n<!-- factcheck-ignore-file vote -->\n\nThe vote.\n"
        );
        let insertion = ignore_insertion("The vote.", InputFormat::Text, &f, "vote").expect("some");
        assert_eq!(insertion.at, 0);
    }

    #[test]
    fn names_are_qualified_only_when_ambiguous() {
        let rules = |id: &str| {
            crate::rules::load_rule_file(
                "t.yaml",
                &format!(
                    "ruleset: {id}\nclaims:\n  - {{ id: vote, statement: s, context: [vote], value: {{ tally: 13-0 }} }}\n"
                ),
            )
            .expect("rules")
        };
        let f = finding(FindingKind::Altered, Some(Span::new(0, 1)));
        assert_eq!(
            suppression_name(&f, &[rules("rs")]).as_deref(),
            Some("vote")
        );
        assert_eq!(
            suppression_name(&f, &[rules("rs"), rules("other")]).as_deref(),
            Some("rs/vote")
        );
        let unverified = Finding {
            rule: None,
            ruleset: None,
            ..finding(FindingKind::Unverified, Some(Span::new(0, 1)))
        };
        assert_eq!(
            suppression_name(&unverified, &[]).as_deref(),
            Some("unverified")
        );
        let unused = finding(FindingKind::UnusedSuppression, Some(Span::new(0, 1)));
        assert_eq!(suppression_name(&unused, &[]), None);
    }
}
