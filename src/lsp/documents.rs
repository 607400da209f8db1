//! The documents the editor has open: their text as the editor holds it (edits applied
//! as they arrive, whole or by range), their version, and what they are to the server —
//! a draft to check, a YAML file that may be a rule file, or neither.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{TextDocumentContentChangeEvent, TextDocumentItem, Uri};

use super::position::{LineMap, PositionEncoding};
use crate::text::InputFormat;

/// What an open document is to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A draft, checked as written in this format.
    Draft(InputFormat),
    /// A YAML file: a rule file when it lies under the rules a draft would use.
    Yaml,
    /// Anything else: left alone.
    Other,
}

impl DocumentKind {
    /// The kind of a document from its language id, else its file extension: plain text,
    /// Markdown and HTML are drafts, YAML may be rules.
    pub fn of(language_id: &str, path: Option<&Path>) -> Self {
        match language_id.to_ascii_lowercase().as_str() {
            "plaintext" | "text" | "txt" => return DocumentKind::Draft(InputFormat::Text),
            "markdown" => return DocumentKind::Draft(InputFormat::Markdown),
            "html" => return DocumentKind::Draft(InputFormat::Html),
            "yaml" => return DocumentKind::Yaml,
            _ => {}
        }
        let Some(path) = path else {
            return DocumentKind::Other;
        };
        if let Some(format) = InputFormat::from_extension(path) {
            return DocumentKind::Draft(format);
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml") => {
                DocumentKind::Yaml
            }
            _ => DocumentKind::Other,
        }
    }
}

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its URI as the editor names it.
    pub uri: Uri,
    /// Its file, for a `file:` URI.
    pub path: Option<PathBuf>,
    /// The editor's version of the text.
    pub version: i32,
    /// The text as the editor holds it.
    pub text: String,
    /// Its lines, for positions.
    pub lines: LineMap,
    /// What it is to the server.
    pub kind: DocumentKind,
}

impl Document {
    /// A document as `didOpen` hands it over.
    pub fn open(item: TextDocumentItem, encoding: PositionEncoding) -> Self {
        let path = uri_to_path(&item.uri);
        let kind = DocumentKind::of(&item.language_id, path.as_deref());
        Document {
            lines: LineMap::new(&item.text, encoding),
            uri: item.uri,
            path,
            version: item.version,
            text: item.text,
            kind,
        }
    }

    /// Applies `didChange` edits in order: one without a range replaces the whole text,
    /// one with a range replaces that range (in the text as the edits before left it).
    pub fn apply_changes(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: PositionEncoding,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let span = self.lines.span(&self.text, range);
                    self.text.replace_range(span.range(), &change.text);
                }
            }
            self.lines = LineMap::new(&self.text, encoding);
        }
        self.version = version;
    }

    /// The folder rules and configuration are searched from: the file's own folder.
    pub fn folder(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// The name findings and errors give the draft: its path, else its URI.
    pub fn name(&self) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => self.uri.as_str().to_string(),
        }
    }
}

/// The open documents by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<String, Document>,
}

impl Documents {
    /// Adds (or replaces) a document.
    pub fn insert(&mut self, document: Document) {
        self.open
            .insert(document.uri.as_str().to_string(), document);
    }

    /// The document at `uri`, if open.
    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri.as_str())
    }

    /// The document at `uri`, if open, to edit.
    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.open.get_mut(uri.as_str())
    }

    /// Closes the document at `uri`.
    pub fn remove(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(uri.as_str())
    }

    /// Every open document.
    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.open.values()
    }
}

/// The file a `file:` URI names (percent-decoded); `None` for other schemes.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // The authority is empty or `localhost`; the path starts at the next slash.
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        // `/C:/dir` names `C:/dir`.
        let text = String::from_utf8(bytes).ok()?;
        let text = match text.as_bytes() {
            [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => text[1..].to_string(),
            _ => text,
        };
        Some(PathBuf::from(text))
    }
}

/// The `file:` URI of an absolute path (every byte outside the unreserved set and `/`
/// percent-encoded).
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.parse().ok()
}

/// `%XX` escapes decoded; `None` for a broken escape.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn uri(text: &str) -> Uri {
        text.parse().expect("uri")
    }

    #[test]
    fn file_uris_become_paths_and_back() {
        let cases = [
            (
                "file:///home/ann/drafts/vote.md",
                "/home/ann/drafts/vote.md",
            ),
            (
                "file:///home/ann/Ines%20draft.txt",
                "/home/ann/Ines draft.txt",
            ),
            ("file:///home/ann/In%C3%A9s.txt", "/home/ann/Inés.txt"),
            ("file://localhost/tmp/a.txt", "/tmp/a.txt"),
        ];
        for (text, path) in cases {
            assert_eq!(uri_to_path(&uri(text)), Some(PathBuf::from(path)), "{text}");
        }
        for path in ["/home/ann/Inés draft.txt", "/tmp/a b/c#d.md"] {
            let back = path_to_uri(Path::new(path)).expect("uri");
            assert_eq!(uri_to_path(&back), Some(PathBuf::from(path)), "{path}");
        }
        assert_eq!(uri_to_path(&uri("untitled:Untitled-1")), None);
    }

    #[test]
    fn kinds_come_from_the_language_id_then_the_extension() {
        let cases = [
            ("markdown", None, DocumentKind::Draft(InputFormat::Markdown)),
            ("plaintext", None, DocumentKind::Draft(InputFormat::Text)),
            (
                "html",
                Some("/a/b.txt"),
                DocumentKind::Draft(InputFormat::Html),
            ),
            (
                "",
                Some("/a/b.md"),
                DocumentKind::Draft(InputFormat::Markdown),
            ),
            ("yaml", None, DocumentKind::Yaml),
            ("", Some("/a/rules/x.yml"), DocumentKind::Yaml),
            ("rust", Some("/a/b.rs"), DocumentKind::Other),
        ];
        for (language, path, kind) in cases {
            assert_eq!(
                DocumentKind::of(language, path.map(Path::new)),
                kind,
                "{language} {path:?}"
            );
        }
    }

    #[test]
    fn incremental_edits_apply_in_order_in_both_encodings() {
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let text = "“Café” 😀 said Ann.\r\nVote: 12-1.";
            let mut doc = Document::open(
                TextDocumentItem::new(uri("file:///d.txt"), "plaintext".into(), 1, text.into()),
                encoding,
            );
            let units = |s: &str| match encoding {
                PositionEncoding::Utf8 => s.len() as u32,
                PositionEncoding::Utf16 => s.encode_utf16().count() as u32,
            };
            let at = |line, s: &str| Position::new(line, units(s));
            let changes = vec![
                // 12-1 becomes 13-0 on the second line.
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(at(1, "Vote: "), at(1, "Vote: 12-1"))),
                    range_length: None,
                    text: "13-0".into(),
                },
                // Ann becomes Bo, after the emoji.
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(
                        at(0, "“Café” 😀 said "),
                        at(0, "“Café” 😀 said Ann"),
                    )),
                    range_length: None,
                    text: "Bo".into(),
                },
            ];
            doc.apply_changes(changes, 2, encoding);
            assert_eq!(
                doc.text, "“Café” 😀 said Bo.\r\nVote: 13-0.",
                "{encoding:?}"
            );
            assert_eq!(doc.version, 2);
            doc.apply_changes(
                vec![TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: "new".into(),
                }],
                3,
                encoding,
            );
            assert_eq!(doc.text, "new");
        }
    }
}
