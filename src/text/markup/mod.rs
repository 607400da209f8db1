//! The prose of a draft written in Markdown or HTML (or plain text with suppression
//! comments): the text a reader reads, with a map from every byte of it back to the
//! original file.
//!
//! The checker works on prose. A Markdown or HTML draft is turned into a [`Prose`] view:
//! the words of headings, paragraphs, list items, block quotes and link texts, with
//! markup taken out (code, HTML tags and comments, URLs, front matter, scripts and
//! styles), entities decoded (`&ldquo;` → `“`), one space for each run of soft line
//! breaks and a blank line (`"\n\n"`) between blocks, so that a paragraph of the view is a
//! block of the document. Inline markup is *deleted*, not blanked, so `<em>very</em>,`
//! reads `very,` and `AT&amp;T` reads `AT&T` — no stray spaces inside words or before
//! punctuation.
//!
//! The view is not the same length as the original, so it carries an [`OffsetMap`]: a
//! list of segments, each a run of view bytes copied verbatim from the original (mapped
//! byte for byte) or a replacement (a decoded entity, a line break turned into a space, a
//! paragraph break) mapped as a whole to the original bytes it replaces. Findings on the
//! view are mapped back with [`Prose::to_original`]; every span lands on character
//! boundaries of the original (a property test holds it).
//!
//! The same pass collects the inline suppression comments
//! (`<!-- factcheck-ignore RULE… -->`, see [`Suppression`]) and, for Markdown, the
//! rulesets named in the YAML front matter ([`Prose::front_matter_rulesets`]).

mod html;
mod markdown;

use std::ops::Range;
use std::path::Path;

use super::{source_paragraphs, Span};

/// How a draft is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum InputFormat {
    /// Plain text: every byte is prose (suppression comments aside).
    #[default]
    Text,
    /// CommonMark Markdown, with YAML front matter.
    Markdown,
    /// HTML: the visible text.
    Html,
}

impl InputFormat {
    /// File extensions (lower case, without the dot) of each format; a directory given as
    /// a draft is searched for files with one of them.
    pub const EXTENSIONS: [(&'static str, InputFormat); 5] = [
        ("txt", InputFormat::Text),
        ("md", InputFormat::Markdown),
        ("markdown", InputFormat::Markdown),
        ("html", InputFormat::Html),
        ("htm", InputFormat::Html),
    ];

    /// The format a file's extension names, if it is one of [`Self::EXTENSIONS`].
    pub fn from_extension(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|&(_, format)| format)
    }

    /// The format of a draft at `path`: from its extension, plain text otherwise
    /// (standard input, `.text`, no extension).
    pub fn for_path(path: &Path) -> InputFormat {
        Self::from_extension(path).unwrap_or_default()
    }
}

/// A name written in the draft (a rule in a suppression comment, a ruleset in the front
/// matter) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameInDraft {
    /// The name as written.
    pub name: String,
    /// Where, in the original bytes.
    pub span: Span,
}

/// Where a suppression comment applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuppressionScope {
    /// `factcheck-ignore-file`: the whole draft, missing findings included.
    File,
    /// `factcheck-ignore`: one paragraph (block) of the draft, in original bytes — the
    /// paragraph holding the comment, or, for a comment standing alone, the next one.
    /// `None` when no paragraph follows the comment.
    Block(Option<Span>),
}

/// An inline suppression comment: `<!-- factcheck-ignore RULE[ RULE…] -->` or
/// `<!-- factcheck-ignore-file RULE[ RULE…] -->`, in Markdown, HTML and plain text.
/// RULE is a rule id, `ruleset/rule`, or `unverified` (quotes no rule covers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The rules it names, in order.
    pub rules: Vec<NameInDraft>,
    /// Where it applies.
    pub scope: SuppressionScope,
    /// The comment itself, in original bytes.
    pub span: Span,
}

/// A problem with the markup of a draft that stops it from being checked (front matter
/// that is not valid YAML, a suppression comment naming no rule).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct MarkupError {
    /// Where, in the original bytes.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// One run of the view and the original bytes it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Start in the view.
    view: usize,
    /// Length in the view (never 0).
    view_len: usize,
    /// Start in the original.
    original: usize,
    /// Length in the original.
    original_len: usize,
    /// Copied byte for byte (`view_len == original_len`): offsets map one to one.
    verbatim: bool,
}

/// Maps offsets of a [`Prose`] view back to the original text.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// In view order, contiguous in the view; gaps in the original are deleted markup.
    segments: Vec<Segment>,
    /// The original's length (the image of the view's end).
    original_len: usize,
}

impl OffsetMap {
    /// The segment holding view byte `at`, if any.
    fn segment(&self, at: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.view + s.view_len <= at);
        self.segments.get(i)
    }

    /// The original offset where view byte `at` starts (the original's end for the
    /// view's end).
    pub fn start(&self, at: usize) -> usize {
        match self.segment(at) {
            Some(s) if s.verbatim => s.original + (at - s.view),
            Some(s) => s.original,
            None => self.original_len,
        }
    }

    /// The original offset where the view text before `at` ends (`at` exclusive).
    pub fn end(&self, at: usize) -> usize {
        if at == 0 {
            return self.segments.first().map_or(0, |s| s.original);
        }
        match self.segment(at - 1) {
            Some(s) if s.verbatim => s.original + (at - s.view),
            Some(s) => s.original + s.original_len,
            None => self.original_len,
        }
    }
}

/// The prose of a draft and the way back to its original bytes.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// The view; `None` when it is the original itself (plain text without suppression
    /// comments).
    text: Option<String>,
    map: OffsetMap,
    /// The suppression comments, in document order.
    pub suppressions: Vec<Suppression>,
    /// The rulesets named in the front matter (`factcheck: {rules: [...]}`), if it names
    /// any.
    pub front_matter_rulesets: Option<Vec<NameInDraft>>,
}

impl Prose {
    /// Extracts the prose of `original`, written as `format`.
    pub fn extract(original: &str, format: InputFormat) -> Result<Prose, MarkupError> {
        let mut b = Builder::new(original);
        let mut front_matter = None;
        match format {
            InputFormat::Text => {
                if !original.contains("factcheck-ignore") {
                    return Ok(Prose {
                        text: None,
                        map: OffsetMap::default(),
                        suppressions: Vec::new(),
                        front_matter_rulesets: None,
                    });
                }
                b.verbatim_text = true;
                plain_text(&mut b)?;
            }
            InputFormat::Markdown => front_matter = markdown::extract(&mut b)?,
            InputFormat::Html => {
                html::extract(&mut b, 0..original.len())?;
            }
        }
        Ok(b.finish(front_matter))
    }

    /// The view: the text the checker reads (`original` itself when nothing was taken
    /// out).
    pub fn text<'a>(&'a self, original: &'a str) -> &'a str {
        self.text.as_deref().unwrap_or(original)
    }

    /// True when the view is the original text, byte for byte.
    pub fn is_verbatim(&self) -> bool {
        self.text.is_none()
    }

    /// Maps a span of the view to the original bytes it came from.
    pub fn to_original(&self, span: Span) -> Span {
        if self.text.is_none() {
            return span;
        }
        let start = self.map.start(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        Span::new(start, self.map.end(span.end).max(start))
    }
}

/// A suppression comment found while building, before its scope is known.
struct PendingSuppression {
    rules: Vec<NameInDraft>,
    file: bool,
    /// Where the comment was, in the view.
    view_at: usize,
    span: Span,
}

/// Builds a view and its map, left to right.
struct Builder<'a> {
    original: &'a str,
    text: String,
    segments: Vec<Segment>,
    suppressions: Vec<PendingSuppression>,
    /// Plain text: the view keeps the original's layout, trailing line breaks included.
    verbatim_text: bool,
}

impl<'a> Builder<'a> {
    fn new(original: &'a str) -> Self {
        Builder {
            original,
            text: String::with_capacity(original.len()),
            segments: Vec::new(),
            suppressions: Vec::new(),
            verbatim_text: false,
        }
    }

    fn push_segment(&mut self, original: Range<usize>, view_len: usize, verbatim: bool) {
        if view_len == 0 {
            return;
        }
        let view = self.text.len() - view_len;
        if verbatim {
            if let Some(last) = self.segments.last_mut() {
                if last.verbatim
                    && last.view + last.view_len == view
                    && last.original + last.original_len == original.start
                {
                    last.view_len += view_len;
                    last.original_len += view_len;
                    return;
                }
            }
        }
        self.segments.push(Segment {
            view,
            view_len,
            original: original.start,
            original_len: original.len(),
            verbatim,
        });
    }

    /// Appends the original bytes of `range` as they are.
    fn copy(&mut self, mut range: Range<usize>) {
        if !self.verbatim_text && (self.text.is_empty() || self.text.ends_with([' ', '\n'])) {
            // Markup deleted between two spaces leaves one.
            while range.start < range.end && self.original.as_bytes()[range.start] == b' ' {
                range.start += 1;
            }
        }
        if range.is_empty() {
            return;
        }
        let original = self.original;
        self.text.push_str(&original[range.clone()]);
        let len = range.len();
        self.push_segment(range, len, true);
    }

    /// Appends `with` in place of the original bytes of `range`.
    fn replace(&mut self, range: Range<usize>, with: &str) {
        if with.is_empty() {
            return;
        }
        if self.original.get(range.clone()) == Some(with) {
            return self.copy(range);
        }
        self.text.push_str(with);
        self.push_segment(range, with.len(), false);
    }

    /// Appends the prose text `text` that stands for `range` (copied when the original
    /// reads the same, else a replacement — an entity, an escape).
    fn prose(&mut self, range: Range<usize>, text: &str) {
        self.replace(range, text);
    }

    /// A word break standing for `range` (line breaks, whitespace runs): one space,
    /// unless the view already ends with whitespace or is empty.
    fn space(&mut self, range: Range<usize>) {
        if self.text.is_empty() || self.text.ends_with([' ', '\n']) {
            return;
        }
        self.replace(range, " ");
    }

    /// A block boundary at original offset `at`: a blank line, unless the view is empty
    /// or already ends with one.
    fn paragraph_break(&mut self, at: usize) {
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        // A space before the break is dropped.
        self.trim_end(&[' ']);
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        let with = if self.text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        self.text.push_str(with);
        self.push_segment(at..at, with.len(), false);
    }

    /// Drops the view's trailing `chars` (ASCII), shortening the segments they came from.
    fn trim_end(&mut self, chars: &[char]) {
        while self.text.ends_with(chars) {
            self.text.pop();
            if let Some(last) = self.segments.last_mut() {
                last.view_len -= 1;
                if last.verbatim {
                    last.original_len -= 1;
                }
                if last.view_len == 0 {
                    self.segments.pop();
                }
            }
        }
    }

    /// Reads an HTML comment's body at `body` (original bytes) with the comment at
    /// `comment`; records it when it is a suppression.
    fn comment(&mut self, body: Range<usize>, comment: Range<usize>) -> Result<(), MarkupError> {
        let Some(directive) = parse_directive(self.original, body)? else {
            return Ok(());
        };
        self.suppressions.push(PendingSuppression {
            rules: directive.rules,
            file: directive.file,
            view_at: self.text.len(),
            span: Span::new(comment.start, comment.end),
        });
        Ok(())
    }

    fn finish(mut self, front_matter_rulesets: Option<Vec<NameInDraft>>) -> Prose {
        if !self.verbatim_text {
            // The view ends on its last word, not on a block break.
            self.trim_end(&[' ', '\n']);
        }
        let map = OffsetMap {
            segments: self.segments,
            original_len: self.original.len(),
        };
        let paragraphs = if self.suppressions.iter().any(|s| !s.file) {
            source_paragraphs(&self.text)
        } else {
            Vec::new()
        };
        let prose = Prose {
            text: Some(self.text),
            map,
            suppressions: Vec::new(),
            front_matter_rulesets,
        };
        let suppressions = self
            .suppressions
            .into_iter()
            .map(|s| {
                let scope = if s.file {
                    SuppressionScope::File
                } else {
                    let first = paragraphs.partition_point(|p| p.end <= s.view_at);
                    let block = paragraphs.get(first).map(|&p| prose.to_original(p));
                    SuppressionScope::Block(block)
                };
                Suppression {
                    rules: s.rules,
                    scope,
                    span: s.span,
                }
            })
            .collect();
        Prose {
            suppressions,
            ..prose
        }
    }
}

/// A parsed `factcheck-ignore` directive.
struct Directive {
    rules: Vec<NameInDraft>,
    file: bool,
}

/// The directive in an HTML comment body (original bytes `body`), if it is one.
fn parse_directive(original: &str, body: Range<usize>) -> Result<Option<Directive>, MarkupError> {
    let text = &original[body.clone()];
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let (file, keyword) = if rest.starts_with("factcheck-ignore-file") {
        (true, "factcheck-ignore-file")
    } else if rest.starts_with("factcheck-ignore") {
        (false, "factcheck-ignore")
    } else {
        return Ok(None);
    };
    let after = &rest[keyword.len()..];
    if after.chars().next().is_some_and(|c| !c.is_whitespace()) {
        // `factcheck-ignored`, `factcheck-ignore-next`: not a directive.
        return Ok(None);
    }
    let names_at = body.start + lead + keyword.len();
    let mut rules = Vec::new();
    let mut offset = 0;
    for piece in after.split(|c: char| c.is_whitespace() || c == ',') {
        if !piece.is_empty() {
            let start = names_at + offset;
            rules.push(NameInDraft {
                name: piece.to_string(),
                span: Span::new(start, start + piece.len()),
            });
        }
        offset += piece.len() + 1;
    }
    if rules.is_empty() {
        return Err(MarkupError {
            offset: body.start + lead,
            message: format!(
                "`{keyword}` names no rule: write `<!-- {keyword} RULE -->` with a rule id, \
                 `ruleset/rule` or `unverified`"
            ),
        });
    }
    Ok(Some(Directive { rules, file }))
}

/// Plain text: everything is prose except `<!-- factcheck-ignore… -->` comments, which
/// are taken out (other HTML comments are left as they are: in plain text they are text).
fn plain_text(b: &mut Builder) -> Result<(), MarkupError> {
    let original = b.original;
    let mut copied_to = 0;
    let mut from = 0;
    while let Some(found) = original[from..].find("<!--") {
        let start = from + found;
        let body_start = start + 4;
        let Some(close) = original[body_start..].find("-->") else {
            break;
        };
        let body_end = body_start + close;
        let end = body_end + 3;
        let is_directive = original[body_start..body_end]
            .trim_start()
            .starts_with("factcheck-ignore");
        if is_directive {
            // A comment alone on its line goes with its line, so that the text keeps
            // its paragraph style (no blank line appears where the comment was).
            // (Both scans stop at the first other character: linear over the draft.)
            let bytes = original.as_bytes();
            let mut line_start = start;
            while line_start > copied_to && matches!(bytes[line_start - 1], b' ' | b'\t') {
                line_start -= 1;
            }
            let alone_before = line_start == 0 || matches!(bytes[line_start - 1], b'\n' | b'\r');
            let mut line_end = end;
            while line_end < bytes.len() && matches!(bytes[line_end], b' ' | b'\t' | b'\r') {
                line_end += 1;
            }
            let alone_after = line_end == bytes.len() || bytes[line_end] == b'\n';
            let line_end = (line_end + 1).min(bytes.len());
            let (cut_start, cut_end) = if alone_before && alone_after {
                (line_start.max(copied_to), line_end)
            } else {
                (start, end)
            };
            b.copy(copied_to..cut_start);
            b.comment(body_start..body_end, start..end)?;
            copied_to = cut_end;
        }
        from = end;
    }
    b.copy(copied_to..original.len());
    Ok(())
}

#[cfg(test)]
mod tests;
