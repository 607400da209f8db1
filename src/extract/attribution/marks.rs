//! Quote marks and conventions, the first stage of attribution: which marks a draft quotes
//! with, and the spans between paired marks, paragraph by paragraph.
//!
//! **Conventions.** American style quotes with double marks (`“…”`, `"…"`) and nests
//! single marks inside them; British and Commonwealth style quotes with single marks
//! (`‘…’`, `'…'`) and nests double marks inside. Guillemets (`«…»`, and `»…«` as German
//! and Danish print them) and German low-high marks (`„…“`, Polish `„…”`) belong to the
//! double family. A draft's convention is the family that quotes more spans at the top
//! level (not nested inside the other family); a tie is American style.
//!
//! **Marks or apostrophes.** Double marks are told opening or closing by their shape, or,
//! for straight and misused curly marks, by whether they touch a word on the left or
//! right. A single mark is also an apostrophe, so it is read in its context: between two
//! letters it is an apostrophe (`town’s`, `don’t`, `o’clock`, `Hawke’s Bay`); before a
//! word it opens a quote unless the word is an elision (`’90s`, `’tis`, `’em`, `rock ’n’
//! roll`); after a word it may close one — or be a possessive (`the Joneses’`), which is
//! why a quote closes at the first mark after punctuation (`,’`), else the first after a
//! word not ending in `s`, else the last candidate before the next opening mark. Two
//! single marks together (`''`, as typewriter text writes a double mark) count as a
//! double mark.
//!
//! **Spans.** Marks pair within a paragraph; a quote still open at a paragraph's end is
//! kept when the next paragraph opens with a mark of the same family (the news
//! convention for a quote over several paragraphs) and dropped otherwise (an unbalanced
//! mark). Marks of the other family inside a quote are nested quotes: they stay part of
//! it. Markup tags (`<tweet id="…">`) are skipped.

use crate::text::Span;

/// One span of text between a pair of quote marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotedSpan {
    /// The words between the marks.
    pub inner: Span,
    /// The words with their marks (the closing mark is absent for a paragraph of a
    /// quote that runs on into the next paragraph).
    pub outer: Span,
    /// Index of the paragraph holding it.
    pub paragraph: usize,
    /// True when the quote is left open at the paragraph's end and the next paragraph
    /// opens a quote again: the news convention for a quote over several paragraphs.
    pub runs_on: bool,
}

/// Which marks a draft quotes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    /// Double marks quote (`“…”`, `"…"`, `«…»`, `„…“`); single marks nest inside them.
    Double,
    /// Single marks quote (`‘…’`, `'…'`); double marks nest inside them.
    Single,
}

/// The quote convention of a draft and its quoted spans under it.
pub fn quoted_spans_and_convention(
    text: &str,
    paragraphs: &[Span],
) -> (Convention, Vec<QuotedSpan>) {
    let double = double_spans(text, paragraphs);
    if !text.contains(['‘', '’', '\'', '‚', '‛', '‹', '＇']) {
        return (Convention::Double, double);
    }
    let single = single_spans(text, paragraphs);
    let single_top = single
        .iter()
        .filter(|(_, family)| *family == Family::Single);
    let single_count = single_top.count();
    if single_count > single.len() - single_count {
        (
            Convention::Single,
            single.into_iter().map(|(span, _)| span).collect(),
        )
    } else {
        (Convention::Double, double)
    }
}

/// Every span between paired quote marks, paragraph by paragraph, under the draft's
/// convention (see the module documentation).
pub fn quoted_spans(text: &str, paragraphs: &[Span]) -> Vec<QuotedSpan> {
    quoted_spans_and_convention(text, paragraphs).1
}

/// The family of a quote mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// A straight `"` whose side cannot be told from its neighbours.
    Either,
}

/// Classifies a double quote mark at `i` (of char `c`) by its neighbours.
fn classify(text: &str, i: usize, c: char) -> Option<Mark> {
    // Called for every character of a draft: most are no quote mark at all.
    if !matches!(c, '“' | '„' | '‟' | '«' | '”' | '»' | '"' | '＂') {
        return None;
    }
    let prev = text[..i].chars().next_back();
    let next = text[i + c.len_utf8()..].chars().next();
    let space_before = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
    let space_after = next.is_none_or(|n| n.is_whitespace() || ",.;:!?)]}—–".contains(n));
    match c {
        '“' | '„' | '‟' | '«' => Some(Mark::Open),
        // A right mark used as a left one (bad typography): opens when it starts a word.
        '”' | '»' if space_before && !space_after => Some(Mark::Either),
        '”' | '»' => Some(Mark::Close),
        '"' | '＂' => Some(match (space_before, space_after) {
            (true, false) => Mark::Open,
            (false, true) => Mark::Close,
            _ => Mark::Either,
        }),
        _ => None,
    }
}

/// How a double mark at `i` (of char `c`) reads inside a quote opened by `opener`: the
/// closing mark of the German (`„…“`) and reversed-guillemet (`»…«`) conventions looks
/// like an opening one, and closes when it ends a word.
fn classify_in(text: &str, i: usize, c: char, opener: char) -> Option<Mark> {
    let ends_word = || {
        let prev = text[..i].chars().next_back();
        let next = text[i + c.len_utf8()..].chars().next();
        prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(|n| !n.is_alphanumeric())
    };
    match (opener, c) {
        ('„', '“') | ('»', '«') if ends_word() => Some(Mark::Close),
        _ => classify(text, i, c),
    }
}

/// True for the first byte of a character the scans look at: `<` (markup), `"`, `'`,
/// and the first bytes of `“”„‟‘’‚‛‹›` (0xE2), `«»` (0xC2) and `＂＇` (0xEF). None is a
/// UTF-8 continuation byte, so a scan stopping on one is on a char boundary.
fn may_matter(b: u8, single: bool) -> bool {
    matches!(b, b'<' | b'"' | 0xC2 | 0xE2 | 0xEF) || (single && b == b'\'')
}

/// Spans between double marks (American style): single marks inside stay part of the
/// quote. A paragraph whose marks nest and balance (`“He said “no” twice.”`) gives its
/// outer quotes ([`nested_double_spans`]); otherwise a second opening mark means the
/// first was stray.
fn double_spans(text: &str, paragraphs: &[Span]) -> Vec<QuotedSpan> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for (pi, para) in paragraphs.iter().enumerate() {
        if let Some(spans) = nested_double_spans(text, paragraphs, pi) {
            out.extend(spans);
            continue;
        }
        let mut open: Option<(usize, usize, char)> = None; // (mark start, inner start, mark)
        let mut i = para.start;
        while i < para.end {
            if !may_matter(bytes[i], false) {
                i += 1;
                continue;
            }
            let Some(c) = text[i..para.end].chars().next() else {
                break;
            };
            if c == '<' && open.is_none() {
                if let Some(len) = tag_length(&text[i..para.end]) {
                    i += len;
                    continue;
                }
            }
            let after = i + c.len_utf8();
            let mark = match open {
                Some((_, _, opener)) => classify_in(text, i, c, opener),
                None => classify(text, i, c),
            };
            let Some(mark) = mark else {
                i = after;
                continue;
            };
            match (open, mark) {
                (None, Mark::Open | Mark::Either) => open = Some((i, after, c)),
                (None, Mark::Close) => {}
                (Some((start, inner, _)), Mark::Close | Mark::Either) => {
                    if inner < i {
                        out.push(QuotedSpan {
                            inner: Span::new(inner, i),
                            outer: Span::new(start, after),
                            paragraph: pi,
                            runs_on: false,
                        });
                    }
                    open = None;
                }
                // A second opening mark: the first one was stray.
                (Some(_), Mark::Open) => open = Some((i, after, c)),
            }
            i = after;
        }
        if let Some((start, inner, _)) = open {
            if next_paragraph_opens(text, paragraphs, pi, Family::Double) && inner < para.end {
                out.push(run_on(start, inner, para.end, pi));
            }
        }
    }
    out
}

/// The outer quotes of paragraph `pi` when its double marks nest: all are curly or all
/// straight, every mark reads as opening or closing (none is ambiguous), no closing mark comes without an open quote,
/// a quote opens inside another, and at the paragraph's end every quote is closed — or
/// one is left open and the next paragraph opens a quote (a quote over several
/// paragraphs). `None` otherwise: the marks are then paired one after another.
fn nested_double_spans(text: &str, paragraphs: &[Span], pi: usize) -> Option<Vec<QuotedSpan>> {
    let para = paragraphs[pi];
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut start, mut inner) = (para.start, para.start);
    // Whether the marks seen are straight ones: curly and straight marks mixed (a quoted
    // excerpt in another typography) are paired one after another.
    let mut straight: Option<bool> = None;
    let mut i = para.start;
    while i < para.end {
        if !may_matter(bytes[i], false) {
            i += 1;
            continue;
        }
        let c = text[i..para.end].chars().next()?;
        if c == '<' && depth == 0 {
            if let Some(len) = tag_length(&text[i..para.end]) {
                i += len;
                continue;
            }
        }
        let after = i + c.len_utf8();
        let mark = classify(text, i, c);
        if mark.is_some() && *straight.get_or_insert(c == '"') != (c == '"') {
            return None;
        }
        match mark {
            None => {}
            Some(Mark::Either) => return None,
            Some(Mark::Open) => {
                if depth == 0 {
                    (start, inner) = (i, after);
                }
                depth += 1;
                deepest = deepest.max(depth);
            }
            Some(Mark::Close) => {
                depth = depth.checked_sub(1)?;
                if depth == 0 && inner < i {
                    out.push(QuotedSpan {
                        inner: Span::new(inner, i),
                        outer: Span::new(start, after),
                        paragraph: pi,
                        runs_on: false,
                    });
                }
            }
        }
        i = after;
    }
    if deepest < 2 {
        return None;
    }
    match depth {
        0 => Some(out),
        1 if next_paragraph_opens(text, paragraphs, pi, Family::Double) && inner < para.end => {
            out.push(run_on(start, inner, para.end, pi));
            Some(out)
        }
        _ => None,
    }
}

/// The span of a quote left open at the end of paragraph `pi` (ending at `end`).
fn run_on(start: usize, inner: usize, end: usize, pi: usize) -> QuotedSpan {
    QuotedSpan {
        inner: Span::new(inner, end),
        outer: Span::new(start, end),
        paragraph: pi,
        runs_on: true,
    }
}

/// True when the paragraph after `pi` starts with an opening mark of `family`.
fn next_paragraph_opens(text: &str, paragraphs: &[Span], pi: usize, family: Family) -> bool {
    let Some(next) = paragraphs.get(pi + 1) else {
        return false;
    };
    let Some(first) = text[next.range()].chars().next() else {
        return false;
    };
    match family {
        Family::Double => {
            classify(text, next.start, first) != Some(Mark::Close)
                && matches!(first, '“' | '"' | '„' | '«')
        }
        Family::Single => {
            double_single(text, next.start).is_none()
                && classify_single(text, next.start, first) == Some(Single::Open)
        }
    }
}

/// How a single mark reads in its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Single {
    Open,
    /// A mark that may close a quote, with how sure that is.
    Close(Closing),
}

/// How surely a single mark after a word closes a quote rather than being an apostrophe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Closing {
    /// After a word ending in `s`: may be a possessive (`the voters’ choice`).
    Weak,
    /// After another word (`a good start’ and`).
    Medium,
    /// After punctuation or a nested closing mark (`,’`, `.’`, `”’`).
    Strong,
}

fn is_single_mark(c: char) -> bool {
    matches!(c, '‘' | '’' | '\'' | '‚' | '‛' | '‹' | '›' | '＇')
}

/// Words that drop their first letters behind an apostrophe: `’tis`, `’em`, `rock ’n’
/// roll`, `’cause`.
const ELISIONS: &[&str] = &[
    "tis", "twas", "twere", "twill", "twould", "em", "n", "cause", "cos", "cuz", "til", "bout",
    "neath", "nuff", "fraid", "gainst", "ello", "kay",
];

/// True when the word starting at `at` follows an apostrophe of elision: a decade or
/// year (`’90s`, `’16`) or one of [`ELISIONS`].
fn is_elided_word(text: &str, at: usize) -> bool {
    let rest = &text[at..];
    let word_len = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 2 && (word.len() == 2 || &word[2..] == "s") {
        return true;
    }
    // A short word: compare it lower-cased without allocating for long ones.
    word.len() <= 6 && ELISIONS.contains(&word.to_lowercase().as_str())
}

/// Reads the single mark `c` at `i` (see the module documentation).
fn classify_single(text: &str, i: usize, c: char) -> Option<Single> {
    if !is_single_mark(c) {
        return None;
    }
    let after = i + c.len_utf8();
    let prev = text[..i].chars().next_back();
    let next = text[after..].chars().next();
    match c {
        '‹' | '‚' | '‛' => return Some(Single::Open),
        '›' => return Some(Single::Close(Closing::Strong)),
        _ => {}
    }
    let word_before = prev.is_some_and(char::is_alphanumeric);
    let word_after = next.is_some_and(char::is_alphanumeric);
    match (word_before, word_after) {
        // town’s, don’t, o’clock, Hawke’s
        (true, true) => None,
        (false, true) => (!is_elided_word(text, after)).then_some(Single::Open),
        (true, false) => {
            // rock ’n’ roll: the mark after the `n` (one byte long).
            let n_elided = prev == Some('n') && {
                let before_word = text[..i - 1].chars().next_back();
                let before_that = before_word.map_or(0, char::len_utf8);
                before_word.is_some_and(is_single_mark)
                    && text[..i - 1 - before_that]
                        .chars()
                        .next_back()
                        .is_none_or(char::is_whitespace)
            };
            if n_elided {
                return None;
            }
            let possessive = prev.is_some_and(|p| matches!(p, 's' | 'S' | 'z'));
            Some(Single::Close(if possessive {
                Closing::Weak
            } else {
                Closing::Medium
            }))
        }
        (false, false) => {
            let opens_before = |p: char| p.is_whitespace() || "([{—–/“\"„«".contains(p);
            let space_next = next.is_none_or(char::is_whitespace);
            if prev.is_none_or(opens_before) && !space_next {
                // ‘“Twenty is plenty”…’, ‘…and so on’, ‘[W]e will’
                Some(Single::Open)
            } else if prev.is_some_and(|p| !p.is_whitespace()) {
                // ,’  .’  ?’  ”’  )’
                Some(Single::Close(Closing::Strong))
            } else {
                None
            }
        }
    }
}

/// A doubled single mark at `i` (`''`, `’’`, `‘‘`: a double mark as typewriter text
/// writes it): how it reads as a double mark, and its length.
fn double_single(text: &str, i: usize) -> Option<(Mark, usize)> {
    let mut chars = text[i..].chars();
    let first = chars.next()?;
    let second = chars.next()?;
    if !matches!(first, '\'' | '’' | '‘') || second != first {
        return None;
    }
    let len = 2 * first.len_utf8();
    // ‘’Tis: an opening mark, then an apostrophe of elision.
    if is_elided_word(text, i + len) {
        return None;
    }
    let prev = text[..i].chars().next_back();
    let next = text[i + len..].chars().next();
    let space_before = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
    let space_after = next.is_none_or(|n| n.is_whitespace() || ",.;:!?)]}—–".contains(n));
    Some((
        match (space_before, space_after) {
            (true, false) => Mark::Open,
            (false, true) => Mark::Close,
            _ => Mark::Either,
        },
        len,
    ))
}

/// Where a single-mark quote closes among the candidate marks after its opening (see
/// the module documentation): `(mark start, mark length, how sure)`.
fn closing_mark(candidates: &[(usize, usize, Closing)]) -> Option<(usize, usize)> {
    let first = |kind| candidates.iter().find(|c| c.2 == kind);
    first(Closing::Strong)
        .or_else(|| first(Closing::Medium))
        .or_else(|| candidates.last())
        .map(|&(at, len, _)| (at, len))
}

/// The state of a paragraph scan in single-mark (British) style.
enum Open {
    None,
    /// A double-mark quote at the top level: (mark start, inner start, mark).
    Double(usize, usize, char),
    /// A single-mark quote.
    Single {
        start: usize,
        inner: usize,
        /// Marks that may close it.
        candidates: Vec<(usize, usize, Closing)>,
        /// Inside a nested double-mark quote.
        nested: bool,
    },
}

/// Spans in single-mark (British) style, each with the family of its marks: single marks
/// quote, double marks inside them nest, and double marks outside them quote too.
fn single_spans(text: &str, paragraphs: &[Span]) -> Vec<(QuotedSpan, Family)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for (pi, para) in paragraphs.iter().enumerate() {
        let mut open = Open::None;
        let mut i = para.start;
        while i < para.end {
            if !may_matter(bytes[i], true) {
                i += 1;
                continue;
            }
            let Some(c) = text[i..para.end].chars().next() else {
                break;
            };
            if c == '<' && matches!(open, Open::None) {
                if let Some(len) = tag_length(&text[i..para.end]) {
                    i += len;
                    continue;
                }
            }
            // Which family the mark is of, how it reads, and its length.
            let (double, single, len) = match double_single(text, i) {
                Some((mark, len)) if i + len <= para.end => (Some(mark), None, len),
                _ => {
                    let double = match open {
                        Open::Double(_, _, opener) => classify_in(text, i, c, opener),
                        _ => classify(text, i, c),
                    };
                    (double, classify_single(text, i, c), c.len_utf8())
                }
            };
            let after = i + len;
            match (&mut open, double, single) {
                (Open::None, Some(Mark::Open | Mark::Either), _) => {
                    open = Open::Double(i, after, c);
                }
                (Open::None, _, Some(Single::Open)) => {
                    open = Open::Single {
                        start: i,
                        inner: after,
                        candidates: Vec::new(),
                        nested: false,
                    };
                }
                (&mut Open::Double(start, inner, _), Some(Mark::Close | Mark::Either), _) => {
                    if inner < i {
                        let span = QuotedSpan {
                            inner: Span::new(inner, i),
                            outer: Span::new(start, after),
                            paragraph: pi,
                            runs_on: false,
                        };
                        out.push((span, Family::Double));
                    }
                    open = Open::None;
                }
                (Open::Double(..), Some(Mark::Open), _) => open = Open::Double(i, after, c),
                (Open::Single { nested, .. }, Some(mark), _) => {
                    *nested = match mark {
                        Mark::Open => true,
                        Mark::Close => false,
                        Mark::Either => !*nested,
                    };
                }
                (
                    Open::Single {
                        candidates,
                        nested: false,
                        ..
                    },
                    None,
                    Some(Single::Close(how)),
                ) => candidates.push((i, len, how)),
                (
                    &mut Open::Single {
                        start,
                        inner,
                        ref candidates,
                        nested: false,
                    },
                    None,
                    Some(Single::Open),
                ) => {
                    // A new quote opens: the open one closed before it, or was stray.
                    if let Some((at, mark_len)) = closing_mark(candidates) {
                        out.push((single_span(start, inner, at, mark_len, pi), Family::Single));
                    }
                    open = Open::Single {
                        start: i,
                        inner: after,
                        candidates: Vec::new(),
                        nested: false,
                    };
                }
                _ => {}
            }
            i = after;
        }
        match open {
            Open::None => {}
            Open::Double(start, inner, _) => {
                if next_paragraph_opens(text, paragraphs, pi, Family::Double) && inner < para.end {
                    out.push((run_on(start, inner, para.end, pi), Family::Double));
                }
            }
            Open::Single {
                start,
                inner,
                candidates,
                ..
            } => {
                let runs_on = next_paragraph_opens(text, paragraphs, pi, Family::Single);
                let close = closing_mark(&candidates);
                // A possessive-looking mark does not close a quote that runs on.
                let sure = candidates.iter().any(|c| c.2 > Closing::Weak);
                match close {
                    Some((at, mark_len)) if sure || !runs_on => {
                        out.push((single_span(start, inner, at, mark_len, pi), Family::Single));
                    }
                    _ if runs_on && inner < para.end => {
                        out.push((run_on(start, inner, para.end, pi), Family::Single));
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// A single-mark quote from its opening mark at `start` (words from `inner`) to its
/// closing mark at `at` (of `len` bytes).
fn single_span(start: usize, inner: usize, at: usize, len: usize, pi: usize) -> QuotedSpan {
    QuotedSpan {
        inner: Span::new(inner, at.max(inner)),
        outer: Span::new(start, at + len),
        paragraph: pi,
        runs_on: false,
    }
}

/// Length of a markup tag starting at the beginning of `s` (`<tweet id="1">`, `</b>`),
/// if `s` starts with one.
fn tag_length(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('<')?;
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
        return None;
    }
    let end = s.find('>')?;
    let inner = &s[1..end];
    // A tag has no line break and a name made of letters, digits and dashes.
    let name_ok = inner
        .trim_start_matches(['/', '!'])
        .split(|c: char| c.is_whitespace())
        .next()
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    (name_ok && !inner.contains('\n') && end < 2000).then_some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::source_paragraphs;

    fn inner_texts(text: &str) -> Vec<(&str, bool)> {
        let paragraphs = source_paragraphs(text);
        quoted_spans(text, &paragraphs)
            .into_iter()
            .map(|q| (&text[q.inner.range()], q.runs_on))
            .collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        inner_texts(text).into_iter().map(|(t, _)| t).collect()
    }

    fn convention_of(text: &str) -> Convention {
        quoted_spans_and_convention(text, &source_paragraphs(text)).0
    }

    #[test]
    fn double_marks_table() {
        let table: &[(&str, &[&str])] = &[
            ("“Curly,” she said.", &["Curly,"]),
            ("\"Straight,\" she said.", &["Straight,"]),
            ("“One. Two three.” More", &["One. Two three."]),
            ("“A,” she said. “B.”", &["A,", "B."]),
            ("He said “it’s ‘fine’ now” today.", &["it’s ‘fine’ now"]),
            (
                "the council “is ignoring it,” he said",
                &["is ignoring it,"],
            ),
            ("<tweet id=\"12\">“Hi there”</tweet>", &["Hi there"]),
            ("a stray ” mark and “a real one”", &["a real one"]),
            ("“unclosed and alone\n\nNext paragraph.", &[]),
            ("\u{FF02}Wide marks\u{FF02} here", &["Wide marks"]),
            ("a <b>“tagged” text</b> é “after”", &["tagged", "after"]),
            // Double marks nested in double marks, when they balance.
            (
                "“People wore “Vote Yes” shirts to the hearing,” she said.",
                &["People wore “Vote Yes” shirts to the hearing,"],
            ),
            (
                "\"If a buyer says, \"I'd like ten crates,\" you might ask why,\" he said.",
                &["If a buyer says, \"I'd like ten crates,\" you might ask why,"],
            ),
            ("a stray “ mark and “a real one”", &["a real one"]),
            (
                "\"An excerpt with “inner” marks,” of another typography.\"",
                &["inner"],
            ),
        ];
        for (text, want) in table {
            assert_eq!(&spans(text), want, "in {text:?}");
            assert_eq!(convention_of(text), Convention::Double, "in {text:?}");
        }
    }

    /// Guillemets and German low-high marks, as French, Swiss, German, Danish and Polish
    /// print them, with their own nested marks.
    #[test]
    fn guillemets_and_low_high_marks_table() {
        let table: &[(&str, &[&str])] = &[
            ("«Bonjour tout,» dit-elle.", &["Bonjour tout,"]),
            ("« Nous restons », a-t-elle dit.", &[" Nous restons "]),
            (
                "„Wir bleiben hier“, sagte sie. „Das ist ‚sicher‘.“",
                &["Wir bleiben hier", "Das ist ‚sicher‘."],
            ),
            ("»Wir bleiben«, sagte sie.", &["Wir bleiben"]),
            ("„Zostajemy tutaj”, powiedziała.", &["Zostajemy tutaj"]),
            ("„Low open“ is German style", &["Low open"]),
        ];
        for (text, want) in table {
            assert_eq!(&spans(text), want, "in {text:?}");
        }
    }

    /// Single marks in British style: quotes, split quotes, nested double quotes, and
    /// every kind of apostrophe, curly and straight, read as part of the words.
    #[test]
    fn single_marks_and_apostrophes_table() {
        let table: &[(&str, &[&str])] = &[
            ("‘Every child counts,’ she said.", &["Every child counts,"]),
            (
                "‘Every child counts,’ she said. ‘Twenty is plenty.’",
                &["Every child counts,", "Twenty is plenty."],
            ),
            (
                "'Every child counts,' she said. 'Twenty is plenty.'",
                &["Every child counts,", "Twenty is plenty."],
            ),
            (
                "‘We said “no” to the plan,’ she said.",
                &["We said “no” to the plan,"],
            ),
            (
                "‘The sign read “Twenty’s Plenty”,’ he said.",
                &["The sign read “Twenty’s Plenty”,"],
            ),
            (
                "‘“Twenty is plenty” is our message,’ she said.",
                &["“Twenty is plenty” is our message,"],
            ),
            (
                "‘The town’s roads don’t need it,’ he said.",
                &["The town’s roads don’t need it,"],
            ),
            (
                "‘It’s the voters’ money,’ she said.",
                &["It’s the voters’ money,"],
            ),
            (
                "‘We won,’ she said of the Joneses’ challenge.",
                &["We won,"],
            ),
            (
                "She called it ‘a good start’ and said ‘we will watch the voters’.",
                &["a good start", "we will watch the voters"],
            ),
            (
                "‘Back in the ’90s it was rock ’n’ roll till one o’clock,’ he said.",
                &["Back in the ’90s it was rock ’n’ roll till one o’clock,"],
            ),
            (
                "'Back in the '90s it was rock 'n' roll till one o'clock,' he said.",
                &["Back in the '90s it was rock 'n' roll till one o'clock,"],
            ),
            (
                "‘’Tis the season in Hawke’s Bay,’ she said.",
                &["’Tis the season in Hawke’s Bay,"],
            ),
            ("‘‘Tis the season,’ she said.", &["‘Tis the season,"]),
            ("The Joneses’ dog and the ’90s: no quote here.", &[]),
            ("é‘: and é’ n’ é", &[]),
            (
                "Councillor Ama Osei told the chamber: ‘Slow down.’",
                &["Slow down."],
            ),
        ];
        for (text, want) in table {
            assert_eq!(&spans(text), want, "in {text:?}");
            if !want.is_empty() {
                assert_eq!(convention_of(text), Convention::Single, "in {text:?}");
            }
        }
    }

    #[test]
    fn conventions_follow_the_draft() {
        let table: &[(&str, Convention)] = &[
            // Single quotes nested in double ones: American style.
            ("“She said ‘no’ twice,” he said.", Convention::Double),
            // A headline in single marks over a body in double marks.
            (
                "Mayor: ‘We Will Win’\n\n“We will win,” she said. “Soon,” she added.",
                Convention::Double,
            ),
            // Double quotes nested in single ones: British style.
            ("‘She said “no” twice,’ he said.", Convention::Single),
            // Typewriter double marks are double marks.
            (
                "It ''makes me smart,'' he said. ''Very smart.''",
                Convention::Double,
            ),
            (
                "No quotes at all, only the council’s view.",
                Convention::Double,
            ),
        ];
        for (text, want) in table {
            assert_eq!(convention_of(text), *want, "in {text:?}");
        }
    }

    #[test]
    fn quote_over_paragraphs_runs_on() {
        let text = "“First part of it.\n\n“Second part,” she said.";
        assert_eq!(
            inner_texts(text),
            vec![("First part of it.", true), ("Second part,", false)]
        );
        let text = "‘First part of the voters’ plan.\n\n‘Second part,’ she said.";
        assert_eq!(
            inner_texts(text),
            vec![
                ("First part of the voters’ plan.", true),
                ("Second part,", false)
            ]
        );
    }
}
