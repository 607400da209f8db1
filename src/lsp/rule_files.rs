//! Rule files while they are edited: what `factcheck rules check` says of them (the
//! load error with its line and column, or the weak-rule warnings) from the text in the
//! editor, a ruleset id another rule file already uses, and the person ids of the file
//! offered after `speaker:`.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Diagnostic, DiagnosticSeverity, Range,
    TextEdit,
};

use super::diagnostics::at_line_column;
use super::documents::Document;
use crate::rules::{lint, load_rule_file, RuleSet};
use crate::text::Span;

/// The code of a rule file's load error.
pub const RULE_ERROR_CODE: &str = "invalid-rule-file";
/// The code of a ruleset id that another loaded rule file already uses.
pub const DUPLICATE_RULESET_CODE: &str = "duplicate-ruleset";

/// The diagnostics of rule file `doc`, checked from its text in the editor; `others` are
/// the rulesets loaded with it (from disk), for a ruleset id used twice.
pub fn rule_file_diagnostics(doc: &Document, others: &[RuleSet]) -> Vec<Diagnostic> {
    let text = &doc.text;
    let name = doc.name();
    let ruleset = match load_rule_file(&name, text) {
        Ok(ruleset) => ruleset,
        Err(e) => {
            return vec![at_line_column(
                text,
                &doc.lines,
                e.line,
                e.column,
                DiagnosticSeverity::ERROR,
                RULE_ERROR_CODE,
                e.message,
            )]
        }
    };
    let mut out = Vec::new();
    let canonical = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let this_file = doc.path.as_deref().map(canonical);
    let same_file = |path: &str| Some(canonical(std::path::Path::new(path))) == this_file;
    if let Some(other) = others
        .iter()
        .find(|r| r.id == ruleset.id && !same_file(&r.path))
    {
        out.push(at_line_column(
            text,
            &doc.lines,
            ruleset_line(text),
            1,
            DiagnosticSeverity::ERROR,
            DUPLICATE_RULESET_CODE,
            format!(
                "the ruleset id `{}` is also used by {}; ruleset ids must be unique",
                ruleset.id, other.path
            ),
        ));
    }
    for l in lint(std::slice::from_ref(&ruleset)) {
        out.push(at_line_column(
            text,
            &doc.lines,
            l.position.line,
            l.position.column,
            DiagnosticSeverity::WARNING,
            l.kind.as_str(),
            format!("{}: {}", l.item, l.message),
        ));
    }
    out
}

/// The 1-based line of the top-level `ruleset:` key (1 when there is none).
fn ruleset_line(text: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with("ruleset:"))
        .map_or(1, |i| i + 1)
}

/// The completion at byte `offset` of rule file `doc`: the person ids of the file when
/// the cursor is on the value of a `speaker:` key; `None` elsewhere.
pub fn speaker_completion(doc: &Document, offset: usize) -> Option<Vec<CompletionItem>> {
    let text = &doc.text;
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let key = before.rfind("speaker:")?;
    // `speaker:` must be a key: at the start of the line, after `- `, `{` or `,`.
    let lead = before[..key].trim_end();
    if !(lead.is_empty() || lead.ends_with(['-', '{', ','])) {
        return None;
    }
    let value = &before[key + "speaker:".len()..];
    let typed = value.trim_start();
    if !typed
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return None;
    }
    let replace = Span::new(offset - typed.len(), offset);
    let range: Range = doc.lines.range(text, replace);
    let space = if value.is_empty() { " " } else { "" };
    let items = people_of(text)
        .into_iter()
        .map(|(id, detail)| CompletionItem {
            label: id.clone(),
            kind: Some(CompletionItemKind::VALUE),
            detail,
            filter_text: Some(id.clone()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                range,
                format!("{space}{id}"),
            ))),
            ..CompletionItem::default()
        })
        .collect();
    Some(items)
}

/// The person ids of a rule file with their names: from the file loaded, or, while it
/// does not load (it is being edited), from the entries under `people:`.
fn people_of(text: &str) -> Vec<(String, Option<String>)> {
    if let Ok(ruleset) = load_rule_file("edited.yaml", text) {
        return ruleset
            .people
            .iter()
            .map(|p| {
                let detail = match &p.title {
                    Some(title) => format!("{} ({title})", p.name),
                    None => p.name.clone(),
                };
                (p.id.clone(), Some(detail))
            })
            .collect();
    }
    // The people section, cut into its entries (each starts with `- `).
    let mut entries: Vec<String> = Vec::new();
    let mut in_people = false;
    for line in text.lines() {
        let top_level = !line.starts_with([' ', '\t', '-', '#']) && !line.trim().is_empty();
        if top_level {
            in_people = line.starts_with("people:");
            continue;
        }
        if !in_people {
            continue;
        }
        if line.trim_start().starts_with("- ") || entries.is_empty() {
            entries.push(String::new());
        }
        if let Some(entry) = entries.last_mut() {
            entry.push_str(line.trim_start().trim_start_matches("- "));
            entry.push('\n');
        }
    }
    let mut people: Vec<(String, Option<String>)> = Vec::new();
    for entry in &entries {
        let Some(id) = key_value(entry, "id") else {
            continue;
        };
        if people.iter().any(|(known, _)| *known == id) {
            continue;
        }
        let detail = key_value(entry, "name").map(|name| match key_value(entry, "title") {
            Some(title) => format!("{name} ({title})"),
            None => name,
        });
        people.push((id, detail));
    }
    people
}

/// The value of `key` in one person entry written in either YAML style (`key: value`
/// lines, or `{ key: value, … }`), without quotes.
fn key_value(entry: &str, key: &str) -> Option<String> {
    let pattern = format!("{key}:");
    let mut from = 0;
    while let Some(found) = entry[from..].find(&pattern) {
        let at = from + found;
        from = at + pattern.len();
        let is_key = at == 0 || entry[..at].ends_with([' ', '{', ',', '\n']);
        if !is_key {
            continue;
        }
        let value = entry[from..]
            .split([',', '}', '\n'])
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches(['"', '\'']);
        if !value.is_empty() {
            return Some(value.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::PositionEncoding;
    use lsp_types::TextDocumentItem;

    const RULES: &str = "ruleset: t\npeople:\n  - id: ann\n    name: Ann Lee\n    title: Mayor\n  - { id: bo-park, name: Bo Park }\n\
        quotes:\n  - id: q1\n    speaker: \n    text: We will build the bridge this year\n";

    fn doc(text: &str) -> Document {
        Document::open(
            TextDocumentItem::new(
                "file:///r/rules/t.yaml".parse().expect("uri"),
                "yaml".into(),
                1,
                text.into(),
            ),
            PositionEncoding::Utf16,
        )
    }

    #[test]
    fn speaker_ids_are_offered_after_speaker() {
        // The file does not load while `speaker:` has no value: the ids come from the
        // people entries.
        let text = RULES;
        let offset = text.find("speaker: ").expect("key") + "speaker: ".len();
        let items = speaker_completion(&doc(text), offset).expect("completion");
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["ann", "bo-park"]);

        // Once it loads, with the names; a typed prefix is replaced.
        let text = RULES.replace("speaker: \n", "speaker: an\n");
        let offset = text.find("speaker: an").expect("key") + "speaker: an".len();
        let items = speaker_completion(&doc(&text), offset).expect("completion");
        assert_eq!(items.len(), 2);
        let first = &items[0];
        assert_eq!(first.detail.as_deref(), Some("Ann Lee (Mayor)"));
        match &first.text_edit {
            Some(CompletionTextEdit::Edit(edit)) => {
                assert_eq!(edit.new_text, "ann");
                assert_eq!(edit.range.end.character - edit.range.start.character, 2);
            }
            other => panic!("{other:?}"),
        }

        // Elsewhere: nothing.
        let offset = text.find("text: We").expect("text") + 6;
        assert!(speaker_completion(&doc(&text), offset).is_none());
        let text = "  description: the speaker: x";
        assert!(speaker_completion(&doc(text), text.len()).is_none());
    }

    #[test]
    fn rule_files_get_their_load_error_or_their_lints() {
        let broken =
            "ruleset: t\nquotes:\n  - id: q1\n    speaker: nobody\n    text: Four words are here\n";
        let diagnostics = rule_file_diagnostics(&doc(broken), &[]);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].severity, Some(DiagnosticSeverity::ERROR));
        assert_eq!(diagnostics[0].range.start.line, 3, "{diagnostics:?}");

        let weak = "ruleset: t\npeople:\n  - { id: ann, name: Ann Lee }\nquotes:\n  - { id: q1, speaker: ann, text: Too short }\n";
        let diagnostics = rule_file_diagnostics(&doc(weak), &[]);
        assert!(
            diagnostics.iter().any(|d| d.code
                == Some(lsp_types::NumberOrString::String("short-quote".into()))
                && d.severity == Some(DiagnosticSeverity::WARNING)),
            "{diagnostics:?}"
        );

        let other = load_rule_file("/elsewhere/other.yaml", weak).expect("loads");
        let diagnostics = rule_file_diagnostics(&doc(weak), &[other]);
        assert!(
            diagnostics.iter().any(|d| d.code
                == Some(lsp_types::NumberOrString::String(
                    DUPLICATE_RULESET_CODE.into()
                ))),
            "{diagnostics:?}"
        );
    }
}
