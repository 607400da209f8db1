//! The prose of a Markdown draft, from `pulldown-cmark`'s events with their byte ranges.
//!
//! Kept: the text of paragraphs, headings, list items, block quotes, emphasis, link texts
//! and inline code. Taken out: fenced and indented code blocks, images (their alt text
//! and URL), link URLs, autolinks, reference definitions, footnote markers, math, HTML
//! tags and comments (the text inside inline HTML and HTML blocks is kept, as
//! [`super::html`] reads it), and the YAML front matter, whose `factcheck: {rules: […]}`
//! is read.

use pulldown_cmark::{
    CodeBlockKind, Event, LinkType, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{html, Builder, MarkupError, NameInDraft};
use crate::text::Span;

/// Reads the Markdown of `b.original` into `b`; returns the rulesets its front matter
/// names, if any.
pub(super) fn extract(b: &mut Builder) -> Result<Option<Vec<NameInDraft>>, MarkupError> {
    let original = b.original;
    // A byte-order mark would hide the front matter's opening `---`.
    let base = if original.starts_with('\u{FEFF}') {
        3
    } else {
        0
    };
    let body = &original[base..];
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES;
    // Text events are not merged: an entity stays its own event, so a replacement covers
    // the entity alone and the text around it maps byte for byte.
    let events = Parser::new_ext(body, options).into_offset_iter();
    // Depth of constructs whose text is not prose (code blocks, images, autolinks).
    let mut skip = 0usize;
    // The front matter being read: the range of its text in the original.
    let mut front_matter: Option<std::ops::Range<usize>> = None;
    // For each open link: whether it is an autolink.
    let mut links: Vec<bool> = Vec::new();
    let mut rulesets = None;
    // The HTML block being read: its runs of contiguous lines so far (inside a block
    // quote or a list item, the `> ` or indentation between lines is not HTML).
    let mut html_block: Option<Vec<std::ops::Range<usize>>> = None;
    for (event, range) in events {
        let range = range.start + base..range.end + base;
        match event {
            Event::Start(tag) => match tag {
                Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                    front_matter = Some(range.end..range.end);
                }
                Tag::MetadataBlock(_) => skip += 1,
                Tag::CodeBlock(CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) => {
                    b.paragraph_break(range.start);
                    skip += 1;
                }
                Tag::Image { .. } => skip += 1,
                Tag::Link { link_type, .. } => {
                    let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    skip += usize::from(autolink);
                    links.push(autolink);
                }
                Tag::HtmlBlock => {
                    b.paragraph_break(range.start);
                    html_block = Some(Vec::new());
                }
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition => b.paragraph_break(range.start),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                    if let Some(yaml) = front_matter.take() {
                        // Read from the original: the event text has CRLF made LF.
                        rulesets = front_matter_rulesets(original, yaml.start, &original[yaml])?;
                    }
                }
                TagEnd::MetadataBlock(_) | TagEnd::Image => skip = skip.saturating_sub(1),
                TagEnd::CodeBlock => {
                    skip = skip.saturating_sub(1);
                    b.paragraph_break(range.end);
                }
                TagEnd::Link => {
                    // An autolink raised `skip` when it opened.
                    skip = skip.saturating_sub(usize::from(links.pop() == Some(true)));
                }
                TagEnd::HtmlBlock => {
                    if let Some(runs) = html_block.take() {
                        for run in runs {
                            if skip == 0 {
                                html::extract(b, run)?;
                            }
                        }
                        b.paragraph_break(range.end);
                    }
                }
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::TableCell
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition => b.paragraph_break(range.end),
                _ => {}
            },
            Event::Text(text) => {
                if let Some(yaml) = &mut front_matter {
                    if yaml.start == yaml.end {
                        yaml.start = range.start;
                    }
                    yaml.end = range.end;
                } else if skip == 0 {
                    b.prose(range, &text);
                }
            }
            Event::Code(code) => {
                if skip == 0 {
                    // The range holds the backticks; keep only the code between them.
                    match original[range.clone()].find(&*code) {
                        Some(at) => b.copy(range.start + at..range.start + at + code.len()),
                        None => b.prose(range, &code),
                    }
                }
            }
            Event::Html(_) => {
                if let Some(runs) = &mut html_block {
                    match runs.last_mut() {
                        Some(last) if last.end == range.start => last.end = range.end,
                        _ => runs.push(range),
                    }
                }
            }
            Event::InlineHtml(_) => {
                if skip == 0 {
                    html::extract(b, range)?;
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if skip == 0 {
                    b.space(range);
                }
            }
            Event::Rule => b.paragraph_break(range.start),
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }
    Ok(rulesets)
}

/// What factcheck reads from a draft's front matter; other keys belong to other tools.
#[derive(Debug, Deserialize)]
struct FrontMatter {
    factcheck: Option<FrontMatterFactcheck>,
}

/// The `factcheck:` entry of the front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatterFactcheck {
    /// The rulesets that apply to this draft.
    rules: Vec<Spanned<String>>,
}

/// The rulesets named by the front matter `yaml`, which starts at original offset `at`.
fn front_matter_rulesets(
    original: &str,
    at: usize,
    yaml: &str,
) -> Result<Option<Vec<NameInDraft>>, MarkupError> {
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    let parsed: Option<FrontMatter> =
        serde_saphyr::from_str_with_options(yaml, options).map_err(|e| {
            let offset = e
                .location()
                .map_or(at, |l| at + offset_of(yaml, l.line(), l.column()));
            MarkupError {
                offset,
                message: format!(
                    "the front matter is not valid YAML, or its `factcheck:` entry is not \
                     `{{rules: [RULESET, …]}}`: {}",
                    first_line(&e.without_snippet().to_string())
                ),
            }
        })?;
    let Some(factcheck) = parsed.and_then(|f| f.factcheck) else {
        return Ok(None);
    };
    let names = factcheck
        .rules
        .into_iter()
        .map(|name| {
            let start = at + offset_of(yaml, name.referenced.line(), name.referenced.column());
            // A quoted name starts at its quote mark.
            let quoted = original
                .get(start..)
                .is_some_and(|written| written.starts_with(['"', '\'']));
            let start = (start + usize::from(quoted)).min(original.len());
            NameInDraft {
                span: Span::new(start, (start + name.value.len()).min(original.len())),
                name: name.value,
            }
        })
        .collect();
    Ok(Some(names))
}

/// The first line of an error message (serde-saphyr appends context on later lines).
fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message)
}

/// The byte offset in `text` of 1-based `line` and `column` (characters); the end of the
/// text when past it.
fn offset_of(text: &str, line: u64, column: u64) -> usize {
    let mut at = 0;
    for _ in 1..line.max(1) {
        match text[at..].find('\n') {
            Some(i) => at += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[at..];
    let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    at + line_text
        .char_indices()
        .nth(skip)
        .map_or(line_text.len(), |(i, _)| i)
}
