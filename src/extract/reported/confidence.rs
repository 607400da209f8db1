//! How sure the sheet is of a stretch of reported speech: a linear model over what is
//! written around the stretch (its cue, its first and last words, the words on either
//! side, its length, where its source is), trained on the train split of the annotated
//! corpus (`examples/train_reported_confidence.rs`) to tell contents that news
//! annotation marks from those it does not (reported thought nobody marked, a clause cut
//! at the wrong place). Shipped as `confidence_model.txt`, one `weight feature` a line,
//! read by the speaker model's [`Model`]. The sheet lists the stretches the model keeps;
//! the checker reads them all.

use crate::extract::attribution::Model;
use crate::text::Span;

use super::Reported;

/// Longest content length (in words) the model tells apart; longer ones share a bucket.
const LENGTH_BUCKETS: usize = 12;

/// Longest source mention (in words) the model tells apart.
const SOURCE_BUCKETS: usize = 5;

/// Bytes read on either side of a content for its neighbouring words.
const NEIGHBOUR_BYTES: usize = 40;

/// The model shipped in the crate (parsed once; empty, and so keeping everything, if it
/// does not parse).
pub(crate) fn builtin() -> &'static Model {
    static BUILTIN: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| Model::parse(include_str!("confidence_model.txt")).unwrap_or_default())
}

/// The stretches of `reported` (found in `text`) that `model` keeps: those whose
/// features score above the model's threshold. `direct` are the draft's direct-quote
/// segments.
pub(crate) fn kept(
    model: &Model,
    text: &str,
    reported: Vec<Reported>,
    direct: &[Span],
) -> Vec<Reported> {
    if model.is_empty() {
        return reported;
    }
    let keep: Vec<bool> = (0..reported.len())
        .map(|i| model.score(&features(text, &reported, i, direct)) > model.null_bias)
        .collect();
    reported
        .into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

/// Lower-cased tokens of `text` (`’` as `'`): words (letters and digits with inner
/// apostrophes and hyphens) and single punctuation characters.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        let c = if c == '’' { '\'' } else { c };
        if c.is_alphanumeric() || (matches!(c, '\'' | '-') && !word.is_empty()) {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if !c.is_whitespace() {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// What the model reads of the stretch `reported[i]` of `text`: its cue, its first and
/// last tokens, the tokens right before and after it, its length, which side of it its
/// source is written on and what that source is, whether it holds or lies in a quotation
/// and whether another stretch holds it or it holds another.
pub(crate) fn features(
    text: &str,
    reported: &[Reported],
    i: usize,
    direct: &[Span],
) -> Vec<String> {
    let r = &reported[i];
    let c = r.content;
    let content = text.get(c.range()).unwrap_or_default();
    let words = tokens(content);
    let first = words.first().map_or("", String::as_str);
    let last = words.last().map_or("", String::as_str);
    let before_start = floor_boundary(text, c.start.saturating_sub(NEIGHBOUR_BYTES));
    let after_end = ceil_boundary(text, c.end + NEIGHBOUR_BYTES);
    let previous = tokens(text.get(before_start..c.start).unwrap_or_default())
        .pop()
        .unwrap_or_default();
    let next = tokens(text.get(c.end..after_end).unwrap_or_default())
        .into_iter()
        .next()
        .unwrap_or_default();
    let cue = r
        .cue
        .as_deref()
        .unwrap_or("")
        .to_lowercase()
        .replace('’', "'");
    let length = content.split_whitespace().count().min(LENGTH_BUCKETS);
    let (side, source) = match &r.speaker {
        None => ("none", "none".to_string()),
        Some(s) => {
            let mention = text.get(s.mention.range()).unwrap_or_default();
            let kind = if super::is_personal_pronoun(&mention.to_lowercase()) {
                "pronoun"
            } else if mention.starts_with(char::is_uppercase) {
                "capital"
            } else {
                "phrase"
            };
            let n = mention.split_whitespace().count().min(SOURCE_BUCKETS);
            let side = if s.mention.end <= c.start {
                "before"
            } else {
                "after"
            };
            (side, format!("{kind}:{n}"))
        }
    };
    let quoted = content.contains(['"', '“', '”']) || content.contains("''");
    let in_direct = direct.iter().any(|d| d.start <= c.start && c.end <= d.end);
    let inside = reported
        .iter()
        .any(|o| o.content != c && o.content.contains(c));
    let holds = reported
        .iter()
        .any(|o| o.content != c && c.contains(o.content));
    let mut out = vec![
        "bias".to_string(),
        format!("cue:{cue}"),
        format!("first:{first}"),
        format!("last:{last}"),
        format!("previous:{previous}"),
        format!("next:{next}"),
        format!("cue_first:{cue}:{first}"),
        format!("length:{length}"),
        format!("side:{side}"),
        format!("source:{source}"),
    ];
    for (on, name) in [
        (quoted, "quoted"),
        (in_direct, "in_direct"),
        (inside, "inside"),
        (holds, "holds"),
    ] {
        if on {
            out.push(name.to_string());
        }
    }
    out
}

/// The nearest char boundary of `text` at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest char boundary of `text` at or after `at` (at most its length).
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_parses_and_has_weights() {
        let model = Model::parse(include_str!("confidence_model.txt"));
        assert!(model.is_ok_and(|m| !m.is_empty()));
    }

    /// A stretch credited by `cue`, the whole of `text` after its first word.
    fn stretch(text: &str, cue: &str) -> Reported {
        let start = text.find(' ').map_or(0, |i| i + 1);
        Reported {
            content: Span::new(start, text.len()),
            speaker: None,
            cue: Some(cue.into()),
            cue_span: None,
        }
    }

    #[test]
    fn the_sheet_keeps_what_scores_above_the_threshold() {
        let model = Model::parse("# null_bias 0.5\n1.0 cue:said\n-1.0 cue:found\n0.2 bias\n")
            .unwrap_or_default();
        let text = "Roe the levy would fail";
        let kept_cues: Vec<_> = kept(
            &model,
            text,
            vec![
                stretch(text, "said"),
                stretch(text, "found"),
                stretch(text, "noted"),
            ],
            &[],
        )
        .into_iter()
        .filter_map(|r| r.cue)
        .collect();
        // said: 1.2 > 0.5; found: -0.8; noted: 0.2 (bias only).
        assert_eq!(kept_cues, ["said"]);
        // An empty model keeps everything.
        assert_eq!(
            kept(&Model::default(), text, vec![stretch(text, "found")], &[]).len(),
            1
        );
    }

    #[test]
    fn tokens_are_lower_case_words_and_single_marks() {
        assert_eq!(
            tokens("Roe’s plan, “won't pass” — 2-1"),
            ["roe's", "plan", ",", "“", "won't", "pass", "”", "—", "2-1"]
        );
    }

    #[test]
    fn a_stretch_is_read_with_its_cue_edges_neighbours_and_source() {
        let text = "Roe said that the levy would fail, officials agreed.";
        let start = text.find("that").unwrap_or_default();
        let end = text.find(',').unwrap_or_default();
        let r = Reported {
            content: Span::new(start, end),
            speaker: Some(crate::extract::Speaker {
                name: "Roe".into(),
                mention: Span::new(0, 3),
                inferred: false,
            }),
            cue: Some("said".into()),
            cue_span: Some(Span::new(4, 8)),
        };
        let f = features(text, &[r], 0, &[]);
        for want in [
            "bias",
            "cue:said",
            "first:that",
            "last:fail",
            "previous:said",
            "next:,",
            "cue_first:said:that",
            "length:5",
            "side:before",
            "source:capital:1",
        ] {
            assert!(f.iter().any(|x| x == want), "{want} missing from {f:?}");
        }
        assert!(!f.iter().any(|x| x == "inside" || x == "quoted"));
    }
}
