//! Rendering a drafted ruleset as a commented YAML rule file.

use std::fmt::Write;

use super::DraftRuleset;
use crate::rules::value_kind_key;

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// The scalar as written by a person: plain when YAML reads it back as the same string
/// (in a flow collection when `in_flow`), double-quoted otherwise.
fn scalar(s: &str, in_flow: bool) -> String {
    let reserved = matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n" | "~"
    );
    let starts_ok = s.starts_with(|c: char| c.is_alphabetic());
    let safe_chars = s.chars().all(|c| {
        c.is_alphanumeric()
            || matches!(c, ' ' | '-' | '.' | '’' | '\'' | '(' | ')' | '/' | '&')
            || (c == ',' && !in_flow)
    });
    let plain = !s.is_empty()
        && starts_ok
        && safe_chars
        && !reserved
        && !s.ends_with(' ')
        && !s.contains("  ");
    if plain {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// Renders a drafted ruleset as a rule file: stable order (people, then claims, quotes
/// and statements in document order), a comment above each rule the extractor is unsure
/// of, and quotes without a speaker and statements without context terms left commented
/// out for the author to complete.
pub fn render_yaml(draft: &DraftRuleset) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Drafted by `factcheck extract` from {}.",
        draft.source
    );
    let _ = writeln!(
        out,
        "# Review every rule against the verified material before committing it."
    );
    let _ = writeln!(out, "ruleset: {}", scalar(&draft.id, false));
    if let Some(description) = &draft.description {
        let _ = writeln!(out, "description: {}", scalar(description, false));
    }
    match &draft.source_id {
        Some(id) => {
            let _ = writeln!(out, "sources:");
            let _ = writeln!(out, "  - id: {}", scalar(id, false));
            let _ = writeln!(out, "    path: {}", scalar(&draft.source, false));
            if let Some(sha256) = &draft.source_sha256 {
                let _ = writeln!(out, "    sha256: {sha256}");
            }
        }
        None => {
            let _ = writeln!(out, "sources: [{}]", quoted(&draft.source));
        }
    }
    let source_line = |prefix: &str| {
        draft
            .source_id
            .as_ref()
            .map(|id| format!("  {prefix}  source: {}\n", scalar(id, false)))
            .unwrap_or_default()
    };
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "people:{}",
        if draft.people.is_empty() { " []" } else { "" }
    );
    for person in &draft.people {
        let _ = writeln!(out, "  - id: {}", scalar(&person.id, false));
        let _ = writeln!(out, "    name: {}", scalar(&person.name, false));
        if let Some(title) = &person.title {
            let _ = writeln!(out, "    title: {}", scalar(title, false));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "claims:{}",
        if draft.claims.is_empty() { " []" } else { "" }
    );
    for claim in &draft.claims {
        if let Some(note) = &claim.note {
            let _ = writeln!(out, "  # {note}");
        }
        let _ = writeln!(out, "  - id: {}", scalar(&claim.id, false));
        let _ = writeln!(out, "    statement: {}", scalar(&claim.statement, false));
        let context: Vec<String> = claim.context.iter().map(|c| scalar(c, true)).collect();
        let _ = writeln!(out, "    context: [{}]", context.join(", "));
        let _ = writeln!(
            out,
            "    value: {{ {}: {} }}",
            value_kind_key(claim.kind),
            if claim.value.chars().all(|c| c.is_ascii_digit()) {
                claim.value.clone()
            } else {
                quoted(&claim.value)
            }
        );
        out.push_str(&source_line(""));
    }
    let _ = writeln!(out);
    let has_quote = draft.quotes.iter().any(|q| q.speaker.is_some());
    let _ = writeln!(out, "quotes:{}", if has_quote { "" } else { " []" });
    for quote in &draft.quotes {
        if let Some(note) = &quote.note {
            let _ = writeln!(out, "  # {note}");
        }
        let prefix = if quote.speaker.is_some() { "" } else { "# " };
        let _ = writeln!(out, "  {prefix}- id: {}", scalar(&quote.id, false));
        let speaker = quote.speaker.as_deref().unwrap_or("?");
        let _ = writeln!(out, "  {prefix}  speaker: {}", scalar(speaker, false));
        let _ = writeln!(out, "  {prefix}  text: {}", quoted(&quote.text));
        out.push_str(&source_line(prefix));
    }
    if !draft.statements.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "statements:");
    }
    for statement in &draft.statements {
        if let Some(note) = &statement.note {
            let _ = writeln!(out, "  # {note}");
        }
        // A statement needs context terms to load: without them it is left for the
        // author to complete.
        let prefix = if statement.context.is_empty() {
            "# "
        } else {
            ""
        };
        let _ = writeln!(out, "  {prefix}- id: {}", scalar(&statement.id, false));
        let _ = writeln!(
            out,
            "  {prefix}  speaker: {}",
            scalar(&statement.speaker, false)
        );
        let _ = writeln!(
            out,
            "  {prefix}  statement: {}",
            quoted(&statement.statement)
        );
        let context: Vec<String> = statement.context.iter().map(|c| scalar(c, true)).collect();
        let _ = writeln!(out, "  {prefix}  context: [{}]", context.join(", "));
        out.push_str(&source_line(prefix));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authoring::extract_ruleset;
    use crate::text::SourceFile;

    #[test]
    fn scalars_are_plain_only_when_yaml_reads_them_back() {
        let table: &[(&str, bool, &str)] = &[
            ("Karen Bass", false, "Karen Bass"),
            (
                "spokesperson, Federation",
                false,
                "spokesperson, Federation",
            ),
            (
                "spokesperson, Federation",
                true,
                "\"spokesperson, Federation\"",
            ),
            ("yes", false, "\"yes\""),
            ("13-0", false, "\"13-0\""),
            ("a: b", false, "\"a: b\""),
            ("it’s #1", false, "\"it’s #1\""),
            ("", false, "\"\""),
        ];
        for (input, in_flow, want) in table {
            assert_eq!(scalar(input, *in_flow), *want, "{input:?}");
        }
    }

    #[test]
    fn drafted_ruleset_renders_as_a_loadable_commented_file() {
        let text = "The board approved the budget in a 7-2 vote on Monday.\n\n\
                    “We kept every promise we made,” said Mayor Ana Ruiz.\n\n\
                    “Nobody asked us first,” one resident said.\n\n\
                    Ruiz added that the new library would not close on weekends.\n\n\
                    Board member Tom Reyes said the parks budget had been cut in half.\n";
        let draft = extract_ruleset(&SourceFile::new("story.txt", text), "story");
        let yaml = render_yaml(&draft);
        insta::assert_snapshot!(yaml);
        let rules = crate::rules::load_rule_file("story.yaml", &yaml).expect("loads");
        assert_eq!(rules.claims.len(), 1);
        assert_eq!(rules.quotes.len(), 1);
        assert_eq!(rules.statements.len(), 2);
    }
}
