//! The visible text of HTML: a small tokenizer made for this one job.
//!
//! It reads tags (with quoted attribute values, which may hold `>`), comments, `<!…>`
//! and `<?…>` declarations, and character references; it skips the content of `script`,
//! `style`, `template`, `title`, `noscript` and `textarea`; it makes every block element
//! (`p`, `div`, `h1`–`h6`, `li`, `blockquote`, `br`, `tr`, `td`…) a paragraph break,
//! shows `<q>` as the quote marks a browser shows, and deletes other inline tags
//! (`<em>very</em>,` reads `very,`); it collapses whitespace as a browser does. It builds no tree: visible text in document order is all the checker
//! needs, and every piece of it must keep its byte range in the file. A tree builder
//! (html5ever) keeps no byte ranges, and a tokenizer crate would be one more dependency,
//! decoding text as it goes, for the handful of token kinds read here — so this job,
//! narrow and fuzzed (`fuzz/`, target `markup`), has its own tokenizer. Malformed markup
//! never fails: an unclosed tag or comment runs to the end of the input, a `<` that opens
//! no tag is text.
//!
//! Character references: numeric ones (`&#8217;`, `&#x2019;`, with the Windows-1252
//! meanings of 128–159 that browsers give them) and the named ones drafts use
//! (typographic quotes, dashes, spaces, accented letters, symbols; see
//! [`named_entity`]). An unknown name is left as written.

use std::ops::Range;

use super::{Builder, MarkupError};

/// Elements whose content is not visible text.
const HIDDEN: [&str; 6] = [
    "script", "style", "template", "title", "noscript", "textarea",
];

/// Elements that start or end a block: a paragraph break in the prose.
const BLOCKS: [&str; 41] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Reads the HTML in `range` of `b.original` (a whole HTML draft, or HTML inside
/// Markdown) into `b`.
pub(super) fn extract(b: &mut Builder, range: Range<usize>) -> Result<(), MarkupError> {
    let original = b.original;
    let bytes = original.as_bytes();
    let end = range.end;
    let mut i = range.start;
    // Start of the text run not yet copied.
    let mut run = i;
    // How many `<q>` elements are open.
    let mut q_depth = 0usize;
    while i < end {
        match bytes[i] {
            b'<' => {
                let Some(markup) = markup_at(original, i, end) else {
                    i += 1;
                    continue;
                };
                b.copy(run..i);
                match markup {
                    Markup::Comment { body, end: close } => {
                        b.comment(body, i..close)?;
                        i = close;
                    }
                    Markup::Other { end: close } => i = close,
                    Markup::Tag {
                        name,
                        closing,
                        end: close,
                    } => {
                        let lower = name.to_ascii_lowercase();
                        if BLOCKS.contains(&lower.as_str()) {
                            b.paragraph_break(i);
                        } else if lower == "q" {
                            // A browser shows `<q>` with quote marks: double outside,
                            // single inside another `<q>`.
                            let mark = match (closing, q_depth % 2) {
                                (false, 0) => "\u{201C}",
                                (false, _) => "\u{2018}",
                                (true, 1) => "\u{201D}",
                                (true, _) => "\u{2019}",
                            };
                            if closing {
                                q_depth = q_depth.saturating_sub(1);
                            } else {
                                q_depth += 1;
                            }
                            b.prose(i..close, mark);
                        }
                        i = close;
                        if !closing && HIDDEN.contains(&lower.as_str()) {
                            i = closing_tag_end(original, i, end, &lower);
                        }
                    }
                }
                run = i;
            }
            b'&' => match reference_at(&original[i..end]) {
                Some((len, decoded)) => {
                    b.copy(run..i);
                    b.prose(i..i + len, &decoded);
                    i += len;
                    run = i;
                }
                None => i += 1,
            },
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' => {
                let start = i;
                while i < end && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') {
                    i += 1;
                }
                if i - start == 1 && bytes[start] == b' ' && run < start {
                    // A single space inside text: part of the text run.
                    continue;
                }
                b.copy(run..start);
                b.space(start..i);
                run = i;
            }
            _ => i += 1,
        }
    }
    b.copy(run..end);
    Ok(())
}

/// What starts with `<`.
enum Markup<'a> {
    /// `<!-- … -->`: the body's range and the end of the comment.
    Comment { body: Range<usize>, end: usize },
    /// `<!…>`, `<?…>`: a declaration or processing instruction, up to `end`.
    Other { end: usize },
    /// A start or end tag, up to `end` (after its `>`).
    Tag {
        name: &'a str,
        closing: bool,
        end: usize,
    },
}

/// The markup at `at` (a `<`), or `None` when the `<` is text.
fn markup_at(original: &str, at: usize, end: usize) -> Option<Markup<'_>> {
    let rest = &original[at..end];
    let bytes = rest.as_bytes();
    if rest.starts_with("<!--") {
        let body_start = at + 4;
        let (body_end, close) = match original[body_start..end].find("-->") {
            Some(i) => (body_start + i, body_start + i + 3),
            None => (end, end),
        };
        return Some(Markup::Comment {
            body: body_start..body_end,
            end: close,
        });
    }
    if matches!(bytes.get(1), Some(b'!' | b'?')) {
        let close = rest.find('>').map_or(end, |i| at + i + 1);
        return Some(Markup::Other { end: close });
    }
    let (closing, name_at) = if bytes.get(1) == Some(&b'/') {
        (true, 2)
    } else {
        (false, 1)
    };
    if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_len = bytes[name_at..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
        .count();
    let name = &rest[name_at..name_at + name_len];
    // Up to the `>` outside quoted attribute values.
    let mut quote = None;
    let mut close = end;
    for (i, &c) in bytes.iter().enumerate().skip(name_at + name_len) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => {
                close = at + i + 1;
                break;
            }
            _ => {}
        }
    }
    Some(Markup::Tag {
        name,
        closing,
        end: close,
    })
}

/// The end of the `</name …>` tag closing a hidden element whose content starts at
/// `from` (the end of the input when it is never closed).
fn closing_tag_end(original: &str, from: usize, end: usize, name: &str) -> usize {
    let bytes = original.as_bytes();
    let mut i = from;
    while let Some(found) = original[i..end].find("</") {
        let at = i + found;
        let name_end = at + 2 + name.len();
        let matches_name = name_end <= end
            && original
                .get(at + 2..name_end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && !bytes
                .get(name_end)
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if matches_name {
            return original[name_end..end]
                .find('>')
                .map_or(end, |j| name_end + j + 1);
        }
        i = at + 2;
    }
    end
}

/// The character reference at the start of `text` (which starts with `&`): its length
/// and what it stands for, or `None` when it is not one this reader knows.
pub(super) fn reference_at(text: &str) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    let name_len = bytes
        .iter()
        .skip(1)
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
        .count();
    if name_len == 0 || bytes.get(1 + name_len) != Some(&b';') {
        return None;
    }
    let name = &text[1..1 + name_len];
    let len = name_len + 2;
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|c| c.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()
            }
            None if !number.is_empty() && number.bytes().all(|c| c.is_ascii_digit()) => {
                number.parse().ok()
            }
            _ => return None,
        };
        let c = value.map_or('\u{FFFD}', numeric_char);
        return Some((len, c.to_string()));
    }
    named_entity(name).map(|s| (len, s.to_string()))
}

/// The character a numeric reference stands for, as browsers read it: 128–159 as in
/// Windows-1252 (`&#146;` is `’`), NUL, surrogates and values past Unicode as U+FFFD.
fn numeric_char(value: u32) -> char {
    const WINDOWS_1252: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}',
        '\u{017D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}',
        '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}',
        '\u{9D}', '\u{017E}', '\u{0178}',
    ];
    match value {
        0 => '\u{FFFD}',
        128..=159 => WINDOWS_1252[(value - 128) as usize],
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

/// The named character references drafts use: markup characters, typographic quotes,
/// dashes, spaces and symbols, and the accented letters of Western European names.
/// (The full HTML table has over 2,000 names, nearly all mathematical symbols that
/// prose never needs.)
pub(super) fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{A0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "hairsp" => "\u{200A}",
        "zwsp" | "ZeroWidthSpace" => "\u{200B}",
        "zwnj" => "\u{200C}",
        "zwj" => "\u{200D}",
        "shy" => "\u{AD}",
        "ndash" => "\u{2013}",
        "mdash" => "\u{2014}",
        "minus" => "\u{2212}",
        "hyphen" | "dash" => "\u{2010}",
        "lsquo" => "\u{2018}",
        "rsquo" | "rsquor" => "\u{2019}",
        "sbquo" => "\u{201A}",
        "ldquo" => "\u{201C}",
        "rdquo" | "rdquor" => "\u{201D}",
        "bdquo" => "\u{201E}",
        "laquo" => "\u{AB}",
        "raquo" => "\u{BB}",
        "lsaquo" => "\u{2039}",
        "rsaquo" => "\u{203A}",
        "prime" => "\u{2032}",
        "Prime" => "\u{2033}",
        "hellip" | "mldr" => "\u{2026}",
        "bull" | "bullet" => "\u{2022}",
        "middot" => "\u{B7}",
        "sect" => "\u{A7}",
        "para" => "\u{B6}",
        "dagger" => "\u{2020}",
        "Dagger" => "\u{2021}",
        "copy" | "COPY" => "\u{A9}",
        "reg" | "REG" => "\u{AE}",
        "trade" | "TRADE" => "\u{2122}",
        "deg" => "\u{B0}",
        "plusmn" => "\u{B1}",
        "times" => "\u{D7}",
        "divide" => "\u{F7}",
        "frac12" | "half" => "\u{BD}",
        "frac14" => "\u{BC}",
        "frac34" => "\u{BE}",
        "permil" => "\u{2030}",
        "percnt" => "%",
        "dollar" => "$",
        "cent" => "\u{A2}",
        "pound" => "\u{A3}",
        "euro" => "\u{20AC}",
        "yen" => "\u{A5}",
        "num" => "#",
        "excl" => "!",
        "quest" => "?",
        "iexcl" => "\u{A1}",
        "iquest" => "\u{BF}",
        "ordf" => "\u{AA}",
        "ordm" => "\u{BA}",
        "sup1" => "\u{B9}",
        "sup2" => "\u{B2}",
        "sup3" => "\u{B3}",
        "acute" => "\u{B4}",
        "Agrave" => "\u{C0}",
        "Aacute" => "\u{C1}",
        "Acirc" => "\u{C2}",
        "Atilde" => "\u{C3}",
        "Auml" => "\u{C4}",
        "Aring" => "\u{C5}",
        "AElig" => "\u{C6}",
        "Ccedil" => "\u{C7}",
        "Egrave" => "\u{C8}",
        "Eacute" => "\u{C9}",
        "Ecirc" => "\u{CA}",
        "Euml" => "\u{CB}",
        "Igrave" => "\u{CC}",
        "Iacute" => "\u{CD}",
        "Icirc" => "\u{CE}",
        "Iuml" => "\u{CF}",
        "Ntilde" => "\u{D1}",
        "Ograve" => "\u{D2}",
        "Oacute" => "\u{D3}",
        "Ocirc" => "\u{D4}",
        "Otilde" => "\u{D5}",
        "Ouml" => "\u{D6}",
        "Oslash" => "\u{D8}",
        "Ugrave" => "\u{D9}",
        "Uacute" => "\u{DA}",
        "Ucirc" => "\u{DB}",
        "Uuml" => "\u{DC}",
        "Yacute" => "\u{DD}",
        "szlig" => "\u{DF}",
        "agrave" => "\u{E0}",
        "aacute" => "\u{E1}",
        "acirc" => "\u{E2}",
        "atilde" => "\u{E3}",
        "auml" => "\u{E4}",
        "aring" => "\u{E5}",
        "aelig" => "\u{E6}",
        "ccedil" => "\u{E7}",
        "egrave" => "\u{E8}",
        "eacute" => "\u{E9}",
        "ecirc" => "\u{EA}",
        "euml" => "\u{EB}",
        "igrave" => "\u{EC}",
        "iacute" => "\u{ED}",
        "icirc" => "\u{EE}",
        "iuml" => "\u{EF}",
        "ntilde" => "\u{F1}",
        "ograve" => "\u{F2}",
        "oacute" => "\u{F3}",
        "ocirc" => "\u{F4}",
        "otilde" => "\u{F5}",
        "ouml" => "\u{F6}",
        "oslash" => "\u{F8}",
        "ugrave" => "\u{F9}",
        "uacute" => "\u{FA}",
        "ucirc" => "\u{FB}",
        "uuml" => "\u{FC}",
        "yacute" => "\u{FD}",
        "yuml" => "\u{FF}",
        "OElig" => "\u{152}",
        "oelig" => "\u{153}",
        "Scaron" => "\u{160}",
        "scaron" => "\u{161}",
        _ => return None,
    })
}
