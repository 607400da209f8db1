//! Hover on a quote: who the draft credits it to, the rule that covers it (or
//! `unverified`), and that rule's verified words and speaker.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::documents::Document;
use crate::check::{quote_rules_holding, quotes_of_document, CheckedFile, Finding, FindingKind};
use crate::extract::{KnownPerson, Quote};
use crate::rules::{QuoteRule, RuleSet};
use crate::text::{InputFormat, SourceFile};

/// The hover at byte `offset` of `doc`: `None` when no quote is there.
pub fn hover(
    doc: &Document,
    checked: &CheckedFile,
    rulesets: &[RuleSet],
    people: &[KnownPerson],
    format: InputFormat,
    offset: usize,
) -> Option<Hover> {
    let source = SourceFile::new(doc.name(), doc.text.clone());
    let quotes = quotes_of_document(&source, format, people).ok()?;
    let (quote, segment) = quotes.iter().find_map(|q| {
        q.segments
            .iter()
            .find(|s| s.start <= offset && offset <= s.end)
            .map(|s| (q, *s))
    })?;
    let text = &doc.text;
    let mut lines = vec![format!("**Quote** {}", credited(text, quote))];
    let touches = |f: &&Finding| {
        f.span.is_some_and(|s| {
            quote.segments.iter().any(|q| q.overlaps(s))
                || quote
                    .speaker
                    .as_ref()
                    .is_some_and(|sp| sp.mention.overlaps(s))
        })
    };
    let finding = checked
        .findings
        .iter()
        .find(touches)
        .map(|f| (f, false))
        .or_else(|| checked.suppressed.iter().find(touches).map(|f| (f, true)));
    let covering: Option<(&RuleSet, &QuoteRule)> = match finding {
        Some((f, _)) if f.kind == FindingKind::Unverified => None,
        Some((f, _)) => find_rule(rulesets, f.ruleset.as_deref(), f.rule.as_deref()),
        None => {
            let words = text.get(segment.start..segment.end).unwrap_or_default();
            let credited = quote.speaker.as_ref().map(|s| s.name.as_str());
            quote_rules_holding(rulesets, words, credited)
                .first()
                .map(|&(r, q)| (&rulesets[r], &rulesets[r].quotes[q]))
        }
    };
    let state = match finding {
        Some((f, true)) => format!("{} (suppressed)", f.kind.as_str()),
        Some((f, false)) => f.kind.as_str().to_string(),
        None => "verified".to_string(),
    };
    match covering {
        Some((ruleset, rule)) => {
            let speaker = ruleset.speaker_of(rule);
            lines.push(format!("**Rule** `{}/{}` — {state}", ruleset.id, rule.id));
            lines.push(format!("**Verified words** “{}”", rule.text.trim()));
            let title = speaker
                .title
                .as_deref()
                .map_or(String::new(), |t| format!(" ({t})"));
            lines.push(format!("**Verified speaker** {}{title}", speaker.name));
        }
        None => lines.push(format!(
            "**Rule** unverified — no rule covers this quote{}",
            if state == "verified" {
                String::new()
            } else {
                format!(" ({state})")
            }
        )),
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: lines.join("\n\n"),
        }),
        range: Some(doc.lines.range(text, segment)),
    })
}

/// "credited to NAME (“mention”)", or that the draft credits nobody.
fn credited(text: &str, quote: &Quote) -> String {
    match &quote.speaker {
        None => "— no speaker found in the draft".to_string(),
        Some(speaker) => {
            let mention = text
                .get(speaker.mention.start..speaker.mention.end)
                .unwrap_or_default();
            if mention == speaker.name {
                format!("credited to **{}**", speaker.name)
            } else {
                format!("credited to **{}** (“{mention}”)", speaker.name)
            }
        }
    }
}

/// The quote rule `rule` of ruleset `ruleset`.
fn find_rule<'r>(
    rulesets: &'r [RuleSet],
    ruleset: Option<&str>,
    rule: Option<&str>,
) -> Option<(&'r RuleSet, &'r QuoteRule)> {
    let (ruleset, rule) = (ruleset?, rule?);
    let set = rulesets.iter().find(|r| r.id == ruleset)?;
    Some((set, set.quotes.iter().find(|q| q.id == rule)?))
}
