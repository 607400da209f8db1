//! Finding direct quotes: curly and straight marks, multi-sentence and multi-paragraph
//! quotes, nested single quotes, markup skipped. Grouping split quotes, telling speech
//! from scare quotes and titles, and crediting speakers is [`super::attribution`]'s job.

use crate::text::{source_paragraphs, Span};

use super::attribution::{attribute, KnownPerson, PeopleIndex, Speaker};

/// A direct quote: one or more segments of quoted words (a split quote has several),
/// with its speaker when one was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words of each segment, without the marks, in original byte offsets.
    pub segments: Vec<Span>,
    /// Who said it, when found.
    pub speaker: Option<Speaker>,
    /// The reporting verb or phrase the attribution rests on (`said`, `according to`, `:`).
    pub cue: Option<String>,
}

/// One span of text between a pair of double quote marks.
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

/// Finds every direct quote in `text` (the original text of a draft) and credits its
/// speaker.
pub fn find_quotes(text: &str) -> Vec<Quote> {
    find_quotes_with_people(text, &[])
}

/// Like [`find_quotes`], resolving speakers to `people` (from the rule files) where the
/// draft names them by last name, alias or title.
pub fn find_quotes_with_people(text: &str, people: &[KnownPerson]) -> Vec<Quote> {
    find_quotes_indexed(text, &PeopleIndex::new(people))
}

/// Like [`find_quotes_with_people`], with the people already indexed (to check many
/// drafts against the same people).
pub fn find_quotes_indexed(text: &str, people: &PeopleIndex) -> Vec<Quote> {
    let paragraphs = source_paragraphs(text);
    let spans = quoted_spans(text, &paragraphs);
    attribute(text, &paragraphs, &spans, people)
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

/// Every span between paired double quote marks, paragraph by paragraph.
///
/// Double quotes do not nest (nested quotes use single marks, which stay inside the
/// outer quote). A quote still open at a paragraph's end is kept when the next paragraph
/// starts with an opening mark (a quote over several paragraphs) and dropped otherwise
/// (an unbalanced mark). Markup tags (`<tweet id="…">`) are skipped.
pub fn quoted_spans(text: &str, paragraphs: &[Span]) -> Vec<QuotedSpan> {
    let mut out = Vec::new();
    for (pi, para) in paragraphs.iter().enumerate() {
        let mut open: Option<(usize, usize)> = None; // (mark start, inner start)
        let bytes = text.as_bytes();
        let mut i = para.start;
        while i < para.end {
            // Only `<` and the quote marks matter: `"`, and the first bytes of `“„‟”`
            // (0xE2), `«»` (0xC2) and `＂` (0xEF). None of these is a UTF-8 continuation
            // byte, so `i` is on a char boundary whenever it stops.
            if !matches!(bytes[i], b'<' | b'"' | 0xC2 | 0xE2 | 0xEF) {
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
            let Some(mark) = classify(text, i, c) else {
                i = after;
                continue;
            };
            match (open, mark) {
                (None, Mark::Open | Mark::Either) => open = Some((i, after)),
                (None, Mark::Close) => {}
                (Some((start, inner)), Mark::Close | Mark::Either) => {
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
                (Some(_), Mark::Open) => open = Some((i, after)),
            }
            i = after;
        }
        if let Some((start, inner)) = open {
            let next_opens = paragraphs.get(pi + 1).is_some_and(|next| {
                let first = text[next.range()].chars().next();
                first.is_some_and(|c| classify(text, next.start, c) != Some(Mark::Close))
                    && first.is_some_and(|c| matches!(c, '“' | '"' | '„' | '«'))
            });
            if next_opens && inner < para.end {
                out.push(QuotedSpan {
                    inner: Span::new(inner, para.end),
                    outer: Span::new(start, para.end),
                    paragraph: pi,
                    runs_on: true,
                });
            }
        }
    }
    out
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

    fn inner_texts(text: &str) -> Vec<(&str, bool)> {
        let paragraphs = source_paragraphs(text);
        quoted_spans(text, &paragraphs)
            .into_iter()
            .map(|q| (&text[q.inner.range()], q.runs_on))
            .collect()
    }

    #[test]
    fn quote_marks_table() {
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
            ("„Low open“ is German style", &[]),
            ("«Bonjour tout,» dit-elle.", &["Bonjour tout,"]),
            ("\u{FF02}Wide marks\u{FF02} here", &["Wide marks"]),
            ("a <b>“tagged” text</b> é “after”", &["tagged", "after"]),
        ];
        for (text, want) in table {
            let got: Vec<&str> = inner_texts(text).into_iter().map(|(t, _)| t).collect();
            assert_eq!(&got, want, "in {text:?}");
        }
    }

    #[test]
    fn quote_over_paragraphs_runs_on() {
        let text = "“First part of it.\n\n“Second part,” she said.";
        assert_eq!(
            inner_texts(text),
            vec![("First part of it.", true), ("Second part,", false)]
        );
    }

    proptest::proptest! {
        /// Any text: no panic, and every segment and speaker mention lies inside the text
        /// on char boundaries, with segments in document order.
        #[test]
        fn spans_stay_inside_the_text(text in "(?s)[a-zA-Z .,:;!?\n\"'()\u{201c}\u{201d}\u{2018}\u{2019}\u{2014}\u{ab}\u{bb}\u{201e}\u{ff02}<>=/é]{0,200}") {
            let mut last = 0;
            for q in find_quotes(&text) {
                for s in &q.segments {
                    proptest::prop_assert!(s.start <= s.end && s.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    proptest::prop_assert!(s.start >= last);
                    last = s.start;
                }
                if let Some(sp) = &q.speaker {
                    let m = sp.mention;
                    proptest::prop_assert!(m.start <= m.end && m.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                }
            }
        }
    }
}
