//! Cues: the words and phrases that credit content to a source — verbs of saying and
//! thinking (`said`, `argued`, `believes`), `according to`, and the other words news
//! writing attributes with.

use super::Paragraph;

/// Verbs of saying and thinking that credit the clause after them to their subject.
const SAYING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "argued",
    "argues",
    "noted",
    "notes",
    "warned",
    "warns",
    "insisted",
    "insists",
    "believes",
    "believe",
    "believed",
    "wrote",
    "writes",
    "announced",
    "announces",
    "claimed",
    "claims",
    "explained",
    "explains",
    "stated",
    "states",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "suggested",
    "suggests",
    "contended",
    "contends",
    "maintained",
    "maintains",
    "predicted",
    "predicts",
    "reported",
    "reports",
    "thinks",
    "think",
    "thought",
    "tweeted",
    "concluded",
    "concludes",
    "conceded",
    "concedes",
    "confirmed",
    "confirms",
    "emphasized",
    "stressed",
    "stresses",
    "asserted",
    "asserts",
    "alleged",
    "alleges",
    "recalled",
    "recalls",
    "testified",
    "acknowledged",
    "agreed",
    "agrees",
    "fears",
    "feared",
    "hopes",
    "hoped",
    "worries",
    "worried",
    "expects",
    "expected",
    "charged",
    "complained",
    "complains",
    "countered",
    "replied",
    "responded",
    "promised",
    "vowed",
    "pledged",
    "declared",
    "declares",
    "observed",
    "remarked",
    "found",
    "finds",
    "showed",
    "shows",
    "revealed",
    "reveals",
    "estimated",
    "estimates",
    "projected",
];

/// How a cue credits its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueShape {
    /// A reporting verb: its subject is the source.
    Verb,
    /// `according to X`: the source follows the cue.
    According,
}

/// A cue in a paragraph: its tokens (`first..=last`) and how it credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cue {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) shape: CueShape,
}

/// Whether a lower-cased word is a verb of saying or thinking.
pub(super) fn is_saying_verb(lower: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| SAYING_VERBS.iter().copied().collect())
        .contains(lower)
}

/// The cues among tokens `from..to` (one sentence), in order.
pub(super) fn cues_in(p: &Paragraph, from: usize, to: usize) -> Vec<Cue> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if p.kind(i) == super::TokenKind::Word {
            let lower = p.lower(i);
            if lower == "according" && i + 1 < to && p.lower(i + 1) == "to" {
                out.push(Cue {
                    first: i,
                    last: i + 1,
                    shape: CueShape::According,
                });
                i += 2;
                continue;
            }
            if is_saying_verb(lower) && !p.is_capitalized(i) {
                out.push(Cue {
                    first: i,
                    last: i,
                    shape: CueShape::Verb,
                });
            }
        }
        i += 1;
    }
    out
}
