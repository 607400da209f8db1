//! Cues: the words and phrases that credit content to a source — verbs of saying and
//! thinking (`said`, `argued`, `believes`), `according to`, and the other words news
//! writing attributes with (`found`, `endorsed`, `criticized`), read from a lexicon
//! derived from annotated news (`cue_words.tsv`, written by
//! `examples/derive_reported_cues.rs`) and a list of verbs of saying and thinking.

use rustc_hash::FxHashMap;

use super::{Paragraph, TokenKind};

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
    "agreed",
    "agrees",
    "fears",
    "feared",
    "hopes",
    "hoped",
    "worries",
    "expects",
    "complained",
    "complains",
    "countered",
    "replied",
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
];

/// The derived lexicon: `word<TAB>times heading an annotated cue<TAB>times written<TAB>
/// short contents cued`.
const DERIVED: &str = include_str!("cue_words.tsv");

/// Least share of its written occurrences a derived word must have headed a cue in.
const MIN_CUE_SHARE: f64 = 0.35;
/// Share below which a derived word is a weak cue: it credits only a clause it opens
/// plainly (`found that …`, `sought to …`), not any words after it (`found a way`).
const STRONG_CUE_SHARE: f64 = 0.5;
/// Fewest annotated cues a derived word must have headed.
const MIN_CUE_COUNT: usize = 5;

/// Derived words that are never cues on their own: `according` is read with its `to`;
/// the verbs of seeming credit the subject's own predicate (`seemed unconvinced`), which
/// no clause pattern reads.
const NOT_CUES: &[&str] = &[
    "according",
    "seemed",
    "seems",
    "seem",
    "appeared",
    "appears",
    "appear",
];

/// What the lexicon knows of a cue word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CueWord {
    /// Its content is mostly a short object (`endorsed her`) rather than a clause.
    object: bool,
    /// It heads a cue in fewer than [`STRONG_CUE_SHARE`] of the times it is written.
    weak: bool,
}

/// The derived words that head cues often enough, with the verbs of saying and thinking.
fn lexicon() -> &'static FxHashMap<String, CueWord> {
    static MAP: std::sync::OnceLock<FxHashMap<String, CueWord>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: FxHashMap<String, CueWord> = SAYING_VERBS
            .iter()
            .map(|w| {
                let word = CueWord {
                    object: false,
                    weak: false,
                };
                ((*w).to_string(), word)
            })
            .collect();
        for line in DERIVED.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [word, heads, written, short] = cols[..] else {
                continue;
            };
            let (Ok(heads), Ok(written), Ok(short)) = (
                heads.parse::<usize>(),
                written.parse::<usize>(),
                short.parse::<usize>(),
            ) else {
                continue;
            };
            if heads >= MIN_CUE_COUNT
                && heads as f64 >= MIN_CUE_SHARE * written as f64
                && !NOT_CUES.contains(&word)
            {
                map.entry(word.to_string()).or_insert(CueWord {
                    object: 2 * short >= heads,
                    weak: (heads as f64) < STRONG_CUE_SHARE * written as f64,
                });
            }
        }
        map
    })
}

/// Whether a lower-cased word is one of the verbs of saying and thinking.
pub(super) fn is_saying_verb(lower: &str) -> bool {
    SAYING_VERBS.contains(&lower)
}

/// Whether a lower-cased word is a cue word.
pub(super) fn is_cue_word(lower: &str) -> bool {
    lexicon().contains_key(lower)
}

/// How a cue credits its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CueShape {
    /// A reporting verb: its subject is the source, the clause after it the content.
    Verb,
    /// A verb whose content is its object (`endorsed her`, `denounced the plan`).
    Object,
    /// `according to X`: the source follows the cue.
    According,
}

/// A cue in a paragraph: its tokens (`first..=last`) and how it credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cue {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) shape: CueShape,
    /// A weak cue credits only a clause it opens plainly (`found that …`).
    pub(super) weak: bool,
}

/// The cues among tokens `from..to` (one sentence), in order.
pub(super) fn cues_in(p: &Paragraph, from: usize, to: usize) -> Vec<Cue> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if p.kind(i) == TokenKind::Word {
            let lower = p.lower(i);
            if lower == "according" && i + 1 < to && p.lower(i + 1) == "to" {
                out.push(Cue {
                    first: i,
                    last: i + 1,
                    shape: CueShape::According,
                    weak: false,
                });
                i += 2;
                continue;
            }
            // "a think tank" is no cue.
            let compound = lower == "think" && i + 1 < to && p.lower(i + 1) == "tank";
            if let Some(word) = lexicon().get(lower).filter(|_| !compound) {
                if !p.is_capitalized(i) {
                    out.push(Cue {
                        first: i,
                        last: i,
                        shape: if word.object {
                            CueShape::Object
                        } else {
                            CueShape::Verb
                        },
                        weak: word.weak,
                    });
                }
            }
        }
        i += 1;
    }
    out
}
