//! Code actions on a draft: each fix of a finding in the requested range as a quick fix
//! (safe ones preferred, unsafe ones — a speaker's name — not), "ignore this finding
//! here" (a `factcheck-ignore` comment, never preferred), and "fix all safe" as the
//! source action `source.fixAll.factcheck`.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, Range, TextEdit, Uri,
    WorkspaceEdit,
};

use super::diagnostics::finding_diagnostic;
use super::documents::Document;
use super::ignore::{ignore_insertion, suppression_name};
use crate::check::fix::{fix_checked, FixSafety};
use crate::check::{CheckedFile, Finding, FindingKind, Fix};
use crate::rules::RuleSet;
use crate::text::{InputFormat, Span};

/// The kind of the "fix all safe" source action.
pub const FIX_ALL_KIND: CodeActionKind = CodeActionKind::new("source.fixAll.factcheck");

/// Longest text quoted in an action's title.
const TITLE_TEXT_MAX: usize = 40;

/// The code actions for `range` of `doc` (checked as `checked`, written as `format`),
/// of the kinds `only` allows (all when `None`).
pub fn code_actions(
    doc: &Document,
    checked: &CheckedFile,
    rulesets: &[RuleSet],
    format: InputFormat,
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let text = &doc.text;
    let wanted = doc.lines.span(text, range);
    let first_line = doc.lines.span(text, doc.lines.line_range(text, 0));
    let mut actions = Vec::new();
    for finding in &checked.findings {
        let at = finding.span.unwrap_or(first_line);
        if !(at.start <= wanted.end && wanted.start <= at.end) {
            continue;
        }
        let diagnostic = finding_diagnostic(finding, text, &doc.lines);
        if allows(only, &CodeActionKind::QUICKFIX) {
            if let Some(fix) = &finding.fix {
                actions.push(fix_action(doc, fix, &diagnostic));
            }
            if let Some(action) = ignore_action(doc, format, finding, rulesets, &diagnostic) {
                actions.push(action);
            }
        }
    }
    if allows(only, &FIX_ALL_KIND) {
        if let Some(action) = fix_all_action(doc, checked) {
            actions.push(action);
        }
    }
    actions
}

/// True when `kind` is among the kinds asked for: a kind covers the kinds under it
/// (`source` covers `source.fixAll.factcheck`).
fn allows(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    let Some(only) = only else {
        return true;
    };
    only.iter().any(|asked| {
        let asked = asked.as_str();
        let kind = kind.as_str();
        asked.is_empty()
            || kind == asked
            || (kind.starts_with(asked) && kind.as_bytes().get(asked.len()) == Some(&b'.'))
    })
}

/// A workspace edit of one document.
fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// `text` for a title: on one line, cut to a few words.
fn shown(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= TITLE_TEXT_MAX {
        return one_line;
    }
    let cut: String = one_line.chars().take(TITLE_TEXT_MAX).collect();
    format!("{}…", cut.trim_end())
}

/// The quick fix of a finding's fix.
fn fix_action(doc: &Document, fix: &Fix, diagnostic: &Diagnostic) -> CodeActionOrCommand {
    let text = &doc.text;
    let replaced = text.get(fix.start..fix.end).unwrap_or_default();
    let what = if fix.replacement.is_empty() {
        format!("Delete “{}”", shown(replaced))
    } else if replaced.is_empty() {
        format!("Insert “{}”", shown(&fix.replacement))
    } else {
        format!(
            "Replace “{}” with “{}”",
            shown(replaced),
            shown(&fix.replacement)
        )
    };
    let title = if fix.safe {
        what
    } else {
        format!("{what} (if the rule is right)")
    };
    let range = doc.lines.range(text, Span::new(fix.start, fix.end));
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit_of(
            &doc.uri,
            vec![TextEdit::new(range, fix.replacement.clone())],
        )),
        is_preferred: fix.safe.then_some(true),
        ..CodeAction::default()
    })
}

/// "Ignore this finding here": the suppression comment that silences it.
fn ignore_action(
    doc: &Document,
    format: InputFormat,
    finding: &Finding,
    rulesets: &[RuleSet],
    diagnostic: &Diagnostic,
) -> Option<CodeActionOrCommand> {
    let name = suppression_name(finding, rulesets)?;
    let insertion = ignore_insertion(&doc.text, format, finding, &name)?;
    let title = if finding.kind == FindingKind::Missing {
        format!("Ignore `{name}` in this draft (factcheck-ignore-file)")
    } else {
        format!("Ignore `{name}` here (factcheck-ignore)")
    };
    let at = doc.lines.position(&doc.text, insertion.at);
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit_of(
            &doc.uri,
            vec![TextEdit::new(Range::new(at, at), insertion.text)],
        )),
        is_preferred: Some(false),
        ..CodeAction::default()
    }))
}

/// Every safe fix at once (overlapping ones resolved as `factcheck fix` resolves them);
/// `None` when there is none.
fn fix_all_action(doc: &Document, checked: &CheckedFile) -> Option<CodeActionOrCommand> {
    let applied = fix_checked(checked, FixSafety::SafeOnly);
    if applied.edits.is_empty() {
        return None;
    }
    let text = &doc.text;
    let edits = applied
        .edits
        .iter()
        .map(|e| {
            TextEdit::new(
                doc.lines.range(text, Span::new(e.start, e.end)),
                e.replacement.clone(),
            )
        })
        .collect();
    let count = applied.edits.len();
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!(
            "Apply the {count} safe factcheck fix{}",
            if count == 1 { "" } else { "es" }
        ),
        kind: Some(FIX_ALL_KIND),
        edit: Some(edit_of(&doc.uri, edits)),
        ..CodeAction::default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_asked_for_cover_the_kinds_under_them() {
        let source = [CodeActionKind::SOURCE];
        let fix_all = [CodeActionKind::SOURCE_FIX_ALL];
        let quickfix = [CodeActionKind::QUICKFIX];
        assert!(allows(None, &FIX_ALL_KIND));
        assert!(allows(Some(&source), &FIX_ALL_KIND));
        assert!(allows(Some(&fix_all), &FIX_ALL_KIND));
        assert!(!allows(Some(&quickfix), &FIX_ALL_KIND));
        assert!(allows(Some(&quickfix), &CodeActionKind::QUICKFIX));
        assert!(!allows(Some(&source), &CodeActionKind::QUICKFIX));
        let sourcex = [CodeActionKind::new("sourcex")];
        assert!(!allows(Some(&sourcex), &FIX_ALL_KIND));
    }

    #[test]
    fn titles_quote_a_few_words() {
        assert_eq!(shown("13-0"), "13-0");
        assert_eq!(shown("a\nb"), "a b");
        let long = "word ".repeat(20);
        assert!(shown(&long).ends_with('…'));
        assert!(shown(&long).chars().count() <= TITLE_TEXT_MAX + 1);
    }
}
