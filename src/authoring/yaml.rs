//! Rendering a drafted ruleset as a commented YAML rule file.

use std::fmt::Write;

use super::{kind_name, DraftRuleset};

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// Renders a drafted ruleset as a rule file: stable order (people, then claims and
/// quotes in document order), a comment above each rule the extractor is unsure of, and
/// quotes without a speaker left commented out for the author to complete.
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
    let _ = writeln!(out, "ruleset: {}", quoted(&draft.id));
    if let Some(description) = &draft.description {
        let _ = writeln!(out, "description: {}", quoted(description));
    }
    let _ = writeln!(out, "sources: [{}]", quoted(&draft.source));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "people:{}",
        if draft.people.is_empty() { " []" } else { "" }
    );
    for person in &draft.people {
        let _ = writeln!(out, "  - id: {}", quoted(&person.id));
        let _ = writeln!(out, "    name: {}", quoted(&person.name));
        if let Some(title) = &person.title {
            let _ = writeln!(out, "    title: {}", quoted(title));
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
        let _ = writeln!(out, "  - id: {}", quoted(&claim.id));
        let _ = writeln!(out, "    statement: {}", quoted(&claim.statement));
        let context: Vec<String> = claim.context.iter().map(|c| quoted(c)).collect();
        let _ = writeln!(out, "    context: [{}]", context.join(", "));
        let _ = writeln!(
            out,
            "    value: {{ {}: {} }}",
            kind_name(claim.kind),
            quoted(&claim.value)
        );
    }
    let _ = writeln!(out);
    let has_quote = draft.quotes.iter().any(|q| q.speaker.is_some());
    let _ = writeln!(out, "quotes:{}", if has_quote { "" } else { " []" });
    for quote in &draft.quotes {
        if let Some(note) = &quote.note {
            let _ = writeln!(out, "  # {note}");
        }
        let prefix = if quote.speaker.is_some() { "" } else { "# " };
        let _ = writeln!(out, "  {prefix}- id: {}", quoted(&quote.id));
        let speaker = quote.speaker.as_deref().unwrap_or("?");
        let _ = writeln!(out, "  {prefix}  speaker: {}", quoted(speaker));
        let _ = writeln!(out, "  {prefix}  text: {}", quoted(&quote.text));
    }
    out
}
