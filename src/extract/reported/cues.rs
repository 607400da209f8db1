//! Cues: the words and phrases that credit content to a source — verbs of saying and
//! thinking (`said`, `argued`, `believes`), `according to`, and the other words news
//! writing attributes with (`found`, `endorsed`, `criticized`), read from a lexicon
//! derived from annotated news (`cue_words.tsv`, written by
//! `examples/derive_reported_cues.rs`), lists of verbs of saying and thinking and of
//! wanting and knowing, and verbs that report only after a record (`polls show`).

use rustc_hash::FxHashMap;

use super::words::is_record_noun;
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

/// Verbs that credit their clause only when a record is their subject (`polls show`,
/// `the study finds`); alone they are too often no report (`show up`, `find a way`).
const RECORD_VERBS: &[&str] = &[
    "show",
    "find",
    "suggest",
    "indicate",
    "indicates",
    "indicated",
];

/// Verbs of wanting, intending, knowing and fearing: weak cues that credit only a clause
/// they open plainly (`wants to run`, `knows that the count is wrong`), never an object
/// (`wants a recount`, `knows the mayor`).
const INTENT_VERBS: &[&str] = &[
    "want",
    "wants",
    "wanted",
    "plan",
    "plans",
    "planned",
    "planning",
    "decide",
    "decides",
    "decided",
    "intend",
    "intends",
    "intended",
    "seek",
    "seeks",
    "know",
    "knows",
    "knew",
    "learned",
    "see",
    "sees",
    "saw",
    "recognize",
    "recognizes",
    "recognized",
    "fear",
    "worry",
    "agree",
    "expect",
    "expected",
    "determined",
    "willing",
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
    /// It heads a cue in fewer than [`STRONG_CUE_SHARE`] of the times it is written.
    weak: bool,
}

/// The derived words that head cues often enough, with the verbs of saying and thinking.
fn lexicon() -> &'static FxHashMap<String, CueWord> {
    static MAP: std::sync::OnceLock<FxHashMap<String, CueWord>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: FxHashMap<String, CueWord> = SAYING_VERBS
            .iter()
            .map(|w| ((*w).to_string(), CueWord { weak: false }))
            .collect();
        for line in DERIVED.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            // The fourth column (short contents cued) is the derivation's record only.
            let [word, heads, written, _short] = cols[..] else {
                continue;
            };
            let (Ok(heads), Ok(written)) = (heads.parse::<usize>(), written.parse::<usize>())
            else {
                continue;
            };
            if heads >= MIN_CUE_COUNT
                && heads as f64 >= MIN_CUE_SHARE * written as f64
                && !NOT_CUES.contains(&word)
            {
                map.entry(word.to_string()).or_insert(CueWord {
                    weak: (heads as f64) < STRONG_CUE_SHARE * written as f64,
                });
            }
        }
        for w in INTENT_VERBS {
            map.entry((*w).to_string())
                .or_insert(CueWord { weak: true });
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
    /// A reporting verb: its subject is the source, the clause or object after it the
    /// content (`said the plan would fail`, `endorsed her`).
    Verb,
    /// `according to X`: the source follows the cue.
    According,
    /// `In a … poll, C`: a sentence-opening phrase naming a record credits the clause
    /// after its comma.
    InRecord,
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

/// Most words of the record phrase in `In a … poll, C`.
const RECORD_PHRASE_WORDS: usize = 12;

/// True when tokens from `k` hold, before the first comma (within
/// [`RECORD_PHRASE_WORDS`] and with content after it), a record noun (`a new county
/// poll released Monday,`).
fn opens_record_phrase(p: &Paragraph, k: usize, to: usize) -> bool {
    let mut record = false;
    for j in k..to.min(k + RECORD_PHRASE_WORDS + 1) {
        match p.kind(j) {
            TokenKind::Word => record |= is_record_noun(p.lower(j)),
            TokenKind::Punct if p.word(j) == "," => return record && j > k && j + 2 < to,
            TokenKind::Punct if p.word(j) == "/" || p.word(j) == "-" => {}
            _ => return false,
        }
    }
    false
}

/// The cues among tokens `from..to` (one sentence), in order.
pub(super) fn cues_in(p: &Paragraph, from: usize, to: usize) -> Vec<Cue> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if p.kind(i) == TokenKind::Word {
            let lower = p.lower(i);
            if i == from && lower == "in" && opens_record_phrase(p, i + 1, to) {
                out.push(Cue {
                    first: i,
                    last: i,
                    shape: CueShape::InRecord,
                    weak: false,
                });
                i += 1;
                continue;
            }
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
            // "polls show", "the records indicate": verbs that report only after a record.
            let after_record = i > from
                && RECORD_VERBS.contains(&lower)
                && p.kind(i - 1) == TokenKind::Word
                && is_record_noun(p.lower(i - 1));
            let weak = match lexicon().get(lower).filter(|_| !compound) {
                Some(word) => (!p.is_capitalized(i)).then_some(word.weak),
                None => after_record.then_some(true),
            };
            if let Some(weak) = weak {
                out.push(Cue {
                    first: i,
                    last: i,
                    shape: CueShape::Verb,
                    weak,
                });
            }
        }
        i += 1;
    }
    out
}
