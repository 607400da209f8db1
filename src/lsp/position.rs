//! Positions as the protocol counts them: a 0-based line and a character offset in
//! UTF-8 or UTF-16 code units (negotiated at start), converted exactly to and from the
//! byte offsets the checker works in. Lines end at `\n`, `\r\n` or a lone `\r`, as LSP
//! 3.17 says and as [`crate::text::line_breaks`] counts them.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::text::{line_breaks, Span};

/// The unit of a position's `character`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PositionEncoding {
    /// UTF-8 code units: bytes.
    Utf8,
    /// UTF-16 code units (the protocol's default).
    Utf16,
}

impl PositionEncoding {
    /// UTF-8 when the client offers it (`general.positionEncodings`), else UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
            _ => PositionEncoding::Utf16,
        }
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// Code units of `text` in this encoding.
    fn units(self, text: &str) -> usize {
        match self {
            PositionEncoding::Utf8 => text.len(),
            PositionEncoding::Utf16 => text.chars().map(char::len_utf16).sum(),
        }
    }
}

/// A text's line starts, for converting positions in one encoding.
#[derive(Debug, Clone)]
pub struct LineMap {
    /// Byte offset where each line starts (the first is 0).
    starts: Vec<usize>,
    encoding: PositionEncoding,
}

impl LineMap {
    /// Indexes the lines of `text`.
    pub fn new(text: &str, encoding: PositionEncoding) -> Self {
        let mut starts = vec![0];
        starts.extend(line_breaks(text).map(|i| i + 1));
        LineMap { starts, encoding }
    }

    /// Number of lines (a text without a line break has one).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of line `line`'s content, without its line break.
    fn line_content(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let end = match self.starts.get(line + 1) {
            Some(&next) => {
                let bytes = text.as_bytes();
                let mut end = next - 1;
                if bytes[end] == b'\n' && end > start && bytes[end - 1] == b'\r' {
                    end -= 1;
                }
                end
            }
            None => text.len(),
        };
        (start, end)
    }

    /// The position of byte `offset` of `text` (clamped to the text, moved back to a
    /// character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(self.encoding.units(&text[start..offset])).unwrap_or(u32::MAX),
        )
    }

    /// The byte offset of `position` in `text`. A character past the end of its line
    /// means the line's end, a line past the last means the text's end (as the protocol
    /// says), and a position inside a character (half of a UTF-16 surrogate pair, a byte
    /// inside a UTF-8 sequence) means that character's start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let (start, end) = self.line_content(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let width = match self.encoding {
                PositionEncoding::Utf8 => c.len_utf8(),
                PositionEncoding::Utf16 => c.len_utf16(),
            };
            if units + width > wanted {
                return start + i;
            }
            units += width;
        }
        end
    }

    /// The range of byte span `span` of `text`.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte span of `range` in `text` (start and end in order).
    pub fn span(&self, text: &str, range: Range) -> Span {
        let start = self.offset(text, range.start);
        let end = self.offset(text, range.end);
        Span::new(start.min(end), start.max(end))
    }

    /// The range of line `line`'s content (without its line break).
    pub fn line_range(&self, text: &str, line: usize) -> Range {
        let line = line.min(self.starts.len() - 1);
        let (start, end) = self.line_content(text, line);
        self.range(text, Span::new(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One draft, a byte offset in it, and the position of that offset in UTF-8 and
    /// UTF-16 code units.
    struct Case {
        name: &'static str,
        text: &'static str,
        offset: usize,
        utf8: (u32, u32),
        utf16: (u32, u32),
    }

    const CASES: &[Case] = &[
        Case {
            name: "ascii",
            text: "Ann said: \"hi\"",
            offset: 11,
            utf8: (0, 11),
            utf16: (0, 11),
        },
        Case {
            name: "after curly quotes",
            // “ and ” are 3 bytes, 1 UTF-16 unit each.
            text: "“We’re here,” she said.",
            offset: "“We’re here,”".len(),
            utf8: (0, 19),
            utf16: (0, 13),
        },
        Case {
            name: "accents on a second line",
            text: "Title\nJosé Núñez said “sí”.",
            offset: "Title\nJosé Núñez said “".len(),
            utf8: (1, 22),
            utf16: (1, 17),
        },
        Case {
            name: "emoji (a surrogate pair in UTF-16)",
            text: "Vote 🗳️ 13-0",
            offset: "Vote 🗳️ ".len(),
            utf8: (0, 13),
            utf16: (0, 9),
        },
        Case {
            name: "CRLF line ends",
            text: "one\r\ntwo “2”\r\nthree",
            offset: "one\r\ntwo “2”\r\nth".len(),
            utf8: (2, 2),
            utf16: (2, 2),
        },
        Case {
            name: "CRLF, after non-ASCII on the line",
            text: "a\r\n“é” x",
            offset: "a\r\n“é” ".len(),
            utf8: (1, 9),
            utf16: (1, 4),
        },
        Case {
            name: "a lone CR ends a line",
            text: "old\rmac “file”",
            offset: "old\rmac “".len(),
            utf8: (1, 7),
            utf16: (1, 5),
        },
        Case {
            name: "end of the text",
            text: "end 😀",
            offset: "end 😀".len(),
            utf8: (0, 8),
            utf16: (0, 6),
        },
    ];

    #[test]
    fn offsets_and_positions_convert_both_ways_in_both_encodings() {
        for case in CASES {
            for (encoding, (line, character)) in [
                (PositionEncoding::Utf8, case.utf8),
                (PositionEncoding::Utf16, case.utf16),
            ] {
                let map = LineMap::new(case.text, encoding);
                let position = Position::new(line, character);
                assert_eq!(
                    map.position(case.text, case.offset),
                    position,
                    "{} ({encoding:?}): offset to position",
                    case.name
                );
                assert_eq!(
                    map.offset(case.text, position),
                    case.offset,
                    "{} ({encoding:?}): position to offset",
                    case.name
                );
            }
        }
    }

    #[test]
    fn every_character_boundary_round_trips() {
        let text = "“Héllo,” 👋 she said.\r\nSecond “line” — café\rthird\n";
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let map = LineMap::new(text, encoding);
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                // Offsets inside a CRLF pair are not positions of their own.
                if offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n')
                {
                    continue;
                }
                let position = map.position(text, offset);
                assert_eq!(map.offset(text, position), offset, "{encoding:?} {offset}");
            }
        }
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab“c”\r\nxyz";
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let map = LineMap::new(text, encoding);
            // Past the end of a line: the line's end, before its CRLF.
            assert_eq!(map.offset(text, Position::new(0, 99)), "ab“c”".len());
            // Past the last line: the end of the text.
            assert_eq!(map.offset(text, Position::new(7, 0)), text.len());
        }
        // Inside a surrogate pair (UTF-16) or a UTF-8 sequence: that character's start.
        let text = "a😀b";
        let utf16 = LineMap::new(text, PositionEncoding::Utf16);
        assert_eq!(utf16.offset(text, Position::new(0, 2)), 1);
        let utf8 = LineMap::new(text, PositionEncoding::Utf8);
        assert_eq!(utf8.offset(text, Position::new(0, 3)), 1);
        // A byte offset inside a character: that character's position.
        assert_eq!(utf16.position(text, 3), Position::new(0, 1));
    }

    #[test]
    fn negotiation_prefers_utf8_when_offered() {
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(
            PositionEncoding::negotiate(Some(&offered)),
            PositionEncoding::Utf8
        );
        assert_eq!(
            PositionEncoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            PositionEncoding::Utf16
        );
        assert_eq!(PositionEncoding::negotiate(None), PositionEncoding::Utf16);
    }
}
