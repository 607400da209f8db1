//! Attribution: which quoted spans are speech, how split quotes group, and who said each
//! quote — reporting verbs after or before the quote (`“…,” X said`, `said X`,
//! `X told Y: “…”`), `according to X`, a colon after a sentence naming X, a bare quote
//! continuing the previous speaker, pronouns and role nouns resolved to the most recent
//! fitting person, last names, aliases and titles.

use std::collections::HashMap;

use crate::text::Span;

use super::quotes::{Quote, QuotedSpan};

/// A person the attribution may resolve mentions to (from the rule files).
#[derive(Debug, Clone, PartialEq)]
pub struct KnownPerson {
    /// Full name.
    pub name: String,
    /// Other names: last name, aliases, title forms such as `the mayor`.
    pub aliases: Vec<String>,
}

/// Known people indexed for resolving mentions: built once, it serves any number of
/// drafts, and finds a person by name, alias or title form without going through every
/// person (a newsroom bank names thousands).
///
/// Lookups return exactly what a scan of the people in order would: the first person
/// that fits.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct PeopleIndex {
    /// Full names, in the order given.
    names: Vec<String>,
    /// Lower-cased full name or alias → the first person with it as either.
    by_name_or_alias: HashMap<String, usize>,
    /// Lower-cased full name → the first person with it.
    by_name: HashMap<String, usize>,
    /// Lower-cased alias → the first person with it.
    by_alias: HashMap<String, usize>,
    /// The head nouns of the role aliases (`the border czar` → `czar`), sorted.
    roles: Vec<String>,
}

impl PeopleIndex {
    /// Indexes `people` (earlier people win when names or aliases are shared).
    pub fn new(people: &[KnownPerson]) -> Self {
        let mut index = PeopleIndex {
            names: people.iter().map(|p| p.name.clone()).collect(),
            roles: title_roles(people),
            ..PeopleIndex::default()
        };
        for (i, p) in people.iter().enumerate() {
            let name = p.name.to_lowercase();
            index.by_name.entry(name.clone()).or_insert(i);
            index.by_name_or_alias.entry(name).or_insert(i);
            for alias in &p.aliases {
                let alias = alias.to_lowercase();
                index.by_alias.entry(alias.clone()).or_insert(i);
                index.by_name_or_alias.entry(alias).or_insert(i);
            }
        }
        index
    }

    /// The first person whose name or an alias is `plain` (case-insensitively), or
    /// whose full name ends `plain` after a space (`Mayor Karen Bass` → Karen Bass).
    fn known(&self, plain: &str) -> Option<&str> {
        let lower = plain.to_lowercase();
        let mut first = self.by_name_or_alias.get(&lower).copied();
        for (i, _) in lower.match_indices(' ') {
            if let Some(&p) = self.by_name.get(&lower[i + 1..]) {
                first = Some(first.map_or(p, |f| f.min(p)));
            }
        }
        first.map(|p| self.names[p].as_str())
    }

    /// The first person with `lower` (lower-cased) as an alias.
    fn with_alias(&self, lower: &str) -> Option<&str> {
        self.by_alias.get(lower).map(|&p| self.names[p].as_str())
    }
}

/// The speaker credited with a quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The resolved name of the person (the mention itself when nothing better is known).
    pub name: String,
    /// Where the mention the attribution rests on is written (may be a pronoun).
    pub mention: Span,
    /// True when the name was inferred (a pronoun, a role such as "the mayor", or a
    /// quote continuing an earlier speaker) rather than written at the quote.
    pub inferred: bool,
}

/// Verbs (and verb phrases' heads) that report speech.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "telling",
    "added",
    "adds",
    "adding",
    "wrote",
    "writes",
    "writing",
    "tweeted",
    "tweets",
    "tweeting",
    "posted",
    "asked",
    "asks",
    "asking",
    "stated",
    "states",
    "noted",
    "notes",
    "argued",
    "argues",
    "explained",
    "explains",
    "declared",
    "declares",
    "affirmed",
    "affirms",
    "stressed",
    "stresses",
    "insisted",
    "insists",
    "continued",
    "continues",
    "recalled",
    "recalls",
    "replied",
    "replies",
    "responded",
    "responds",
    "warned",
    "warns",
    "claimed",
    "claims",
    "contended",
    "acknowledged",
    "admitted",
    "admits",
    "announced",
    "observed",
    "remarked",
    "suggested",
    "countered",
    "quipped",
    "joked",
    "jokes",
    "concluded",
    "concludes",
    "emphasized",
    "emphasised",
    "shouted",
    "yelled",
    "cautioned",
    "predicted",
    "promised",
    "vowed",
    "reiterated",
    "agreed",
    "complained",
    "lamented",
    "boasted",
    "bragged",
    "conceded",
    "confirmed",
    "demanded",
    "mused",
    "opined",
    "proclaimed",
    "protested",
    "reasoned",
    "recounted",
    "retorted",
    "screamed",
    "speculated",
    "testified",
    "underscored",
    "urged",
    "whispered",
    "highlighted",
    "reaffirmed",
    "maintained",
    "maintains",
    "charged",
    "alleged",
    "blasted",
    "answered",
    "answers",
    "exclaimed",
    "confessed",
    "interjected",
    "echoed",
    "chanted",
    "reported",
    "reports",
    "read",
    "reads",
    "wondered",
    "thundered",
    "snapped",
    "scoffed",
    "sniffed",
    "griped",
    "pleaded",
    "begged",
    "assured",
    "barked",
    "beamed",
    "boomed",
    "marveled",
    "mocked",
    "joined",
    "pointed",
    "put",
    "went",
    "shot",
    "fired",
    "chimed",
    "summed",
    "texted",
    "emailed",
    "e-mailed",
    "messaged",
    "described",
    "called",
    "labeled",
    "dubbed",
    "insisting",
    "arguing",
    "noting",
    "explaining",
    "declaring",
    "warning",
    "calling",
    "promising",
    "concluding",
    "stating",
    "announcing",
    "acknowledging",
    "admitting",
    "asserting",
    "asserted",
    "asserts",
    "added:",
    "sings",
    "sang",
    "sing",
    "singing",
    "chants",
    "shouts",
    "shouting",
    "yells",
    "laughed",
    "laughs",
    "sighed",
    "smiled",
    "remembered",
    "remembers",
    "predicts",
    "posts",
    "shared",
    "cried",
    "repeated",
    "repeats",
    "attacked",
    "criticized",
    "praised",
    "slammed",
    "decried",
    "denounced",
    "condemned",
    "touted",
    "pledged",
    "commented",
    "comments",
    "advised",
    "informed",
    "reminded",
    "cheered",
    "roared",
    "interrupted",
    "quoted",
    "wrote:",
    "continued:",
    "writes:",
    "argue",
    "insist",
    "warn",
    "add",
    "note",
    "explain",
    "recall",
    "mocks",
    "pressed",
    "presses",
    "started",
    "state",
    "conclude",
    "thanked",
    "thanks",
    "cited",
    "cites",
    "proclaiming",
    "labeling",
    "began",
    "begins",
    "ended",
    "ends",
    "opened",
    "closed",
    "tweeting",
    "writing:",
    "saying:",
    "adding:",
    "explaining:",
];

/// Verbs after which a quoted fragment is a label, not speech (`dubbed it “…”`).
const NAMING_VERBS: &[&str] = &[
    "dubbed",
    "nicknamed",
    "titled",
    "entitled",
    "named",
    "branded",
    "labeled",
    "labelled",
    "hashtag",
    "hashtagged",
];

/// Nouns that introduce a title, not speech (`the show “…”`).
const TITLE_NOUNS: &[&str] = &[
    "show",
    "book",
    "film",
    "movie",
    "song",
    "album",
    "program",
    "programme",
    "series",
    "episode",
    "column",
    "article",
    "essay",
    "novel",
    "play",
    "musical",
    "documentary",
    "podcast",
    "headline",
    "slogan",
    "hashtag",
    "banner",
    "sign",
    "signs",
    "t-shirt",
    "hat",
    "hats",
    "op-ed",
    "segment",
    "magazine",
    "newspaper",
    "poem",
    "memo",
    "report",
    "bill",
    "act",
    "campaign",
    "pac",
    "titled",
    "entitled",
    "called",
    "named",
    "nicknamed",
    "dubbed",
];

/// Words that may stand between a speaker and the reporting verb (`X later said`).
const AUXILIARIES: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "would",
    "will",
    "once",
    "recently",
    "previously",
    "earlier",
    "again",
    "further",
    "simply",
    "just",
    "quickly",
    "flatly",
    "repeatedly",
    "publicly",
    "privately",
    "bluntly",
    "angrily",
    "calmly",
    "did",
    "does",
    "reportedly",
    "allegedly",
    "famously",
    "frequently",
    "often",
    "told",
    "went",
    "on",
    "to",
    "had",
    "even",
    "subsequently",
    "ultimately",
    "finally",
    "first",
    "memorably",
    "sarcastically",
    "jokingly",
    "proudly",
    "defiantly",
    "softly",
    "recalled",
];

/// Subject pronouns that can report speech.
const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it"];

/// Role nouns that can head a speaker mention (`the senator`, `a spokeswoman for …`).
const ROLE_NOUNS: &[&str] = &[
    "senator",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "officials",
    "mayor",
    "governor",
    "candidate",
    "nominee",
    "president",
    "aide",
    "aides",
    "adviser",
    "advisor",
    "advisers",
    "lawmaker",
    "congressman",
    "congresswoman",
    "representative",
    "chairman",
    "chairwoman",
    "chair",
    "secretary",
    "councilmember",
    "councilman",
    "councilwoman",
    "statement",
    "campaign",
    "source",
    "sources",
    "businessman",
    "billionaire",
    "leader",
    "director",
    "lawyer",
    "attorney",
    "analyst",
    "strategist",
    "pollster",
    "expert",
    "author",
    "professor",
    "economist",
    "reporter",
    "host",
    "anchor",
    "writer",
    "columnist",
    "judge",
    "justice",
    "sheriff",
    "chief",
    "commissioner",
    "minister",
    "ambassador",
    "general",
    "manager",
    "founder",
    "ceo",
    "executive",
    "activist",
    "voter",
    "supporter",
    "protester",
    "woman",
    "man",
    "mother",
    "father",
    "daughter",
    "son",
    "wife",
    "husband",
    "friend",
    "veteran",
    "speaker",
    "democrat",
    "republican",
    "press",
    "group",
    "organization",
    "committee",
    "agency",
    "department",
    "office",
    "release",
    "report",
    "post",
    "tweet",
    "email",
    "letter",
    "memo",
    "ad",
    "website",
    "newspaper",
    "paper",
    "network",
    "outlet",
    "magazine",
    "frontrunner",
    "front-runner",
    "contender",
    "rival",
    "opponent",
    "challenger",
    "incumbent",
    "mogul",
    "star",
    "pastor",
    "rabbi",
    "priest",
    "bishop",
    "pope",
    "king",
    "queen",
    "prince",
    "student",
    "teacher",
    "officer",
    "detective",
    "agent",
    "member",
    "members",
    "resident",
    "residents",
    "owner",
    "worker",
    "employee",
    "doctor",
    "nurse",
    "historian",
    "scholar",
    "researcher",
    "scientist",
    "critic",
    "critics",
    "blogger",
    "commentator",
    "pundit",
    "delegate",
    "delegates",
    "organizer",
    "volunteer",
    "politician",
    "insider",
    "operative",
    "consultant",
    "administration",
    "white",
    "house",
    "couple",
    "ruling",
    "book",
    "article",
    "piece",
    "study",
    "survey",
    "poll",
    "court",
    "lawsuit",
    "complaint",
    "filing",
    "order",
    "decision",
    "opinion",
    "document",
    "documents",
    "indictment",
    "analysis",
    "editorial",
    "video",
    "message",
    "note",
    "narrator",
    "announcer",
    "spokespeople",
    "representatives",
    "lawmakers",
    "protesters",
    "crowd",
    "audience",
    "authors",
    "moderator",
    "board",
    "team",
    "panel",
    "jury",
    "senators",
    "voters",
    "commission",
    "council",
    "party",
    "activists",
    "experts",
    "scholars",
    "economists",
    "heavyweights",
    "person",
    "people",
    "ads",
    "paper",
    "researchers",
    "analysts",
    "organizers",
    "advocates",
    "leaders",
    "authorities",
    "police",
    "prosecutors",
];

/// Capitalised words that start a sentence but are not names.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "For",
    "From",
    "To",
    "With",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Because",
    "Although",
    "Though",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "There",
    "Here",
    "Then",
    "Now",
    "Still",
    "Also",
    "Even",
    "Just",
    "Only",
    "However",
    "Meanwhile",
    "Instead",
    "Indeed",
    "Asked",
    "According",
    "Speaking",
    "Writing",
    "Said",
    "Says",
    "Not",
    "No",
    "Yes",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Which",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Each",
    "Every",
    "Other",
    "Another",
    "One",
    "Two",
    "Three",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Thanks",
    "Thank",
    "Well",
    "Oh",
    "Like",
    "Unlike",
    "Despite",
    "During",
    "Over",
    "Under",
    "Among",
    "Without",
    "Within",
    "Into",
    "Through",
    "About",
    "Against",
    "By",
    "Of",
    "Up",
    "Down",
    "Out",
    "Off",
    "Do",
    "Does",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Been",
    "Has",
    "Have",
    "Had",
    "Will",
    "Would",
    "Can",
    "Could",
    "Should",
    "May",
    "Might",
    "Must",
    "Let",
    "Please",
    "Read",
    "Watch",
    "See",
    "Follow",
    "Image",
    "Photo",
    "Video",
    "Update",
    "Editor",
    "Note",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Title words that may precede a name (`Sen.`, `Mayor`).
const TITLES: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Lt.",
    "Gen.",
    "Col.",
    "Rev.",
    "Sgt.",
    "Capt.",
    "Prof.",
    "Pres.",
    "Sec.",
    "Atty.",
    "Supt.",
    "Gov",
    "Sen",
    "Rep",
    "Senator",
    "Representative",
    "Governor",
    "Mayor",
    "President",
    "President-elect",
    "Councilmember",
    "Councilman",
    "Councilwoman",
    "Secretary",
    "Judge",
    "Justice",
    "Chief",
    "Speaker",
    "Attorney",
    "General",
    "Sheriff",
    "Commissioner",
    "Ambassador",
    "Pastor",
    "Father",
    "Sister",
    "Rabbi",
    "Bishop",
    "Professor",
    "Candidate",
    "Chairman",
    "Chairwoman",
    "Director",
    "Coach",
    "Officer",
    "Detective",
    "Former",
    "Vice",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Punct,
    /// A quoted span (one token for the whole `“…”`).
    Quote,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    span: Span,
    kind: TokKind,
}

/// Tokenises a paragraph: words (with inner apostrophes, hyphens and abbreviation dots),
/// punctuation, and each quoted span as one token.
fn tokenize(text: &str, para: Span, quotes: &[QuotedSpan]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut qi = quotes.iter().peekable();
    let mut i = para.start;
    let bytes = text.as_bytes();
    while i < para.end {
        if let Some(q) = qi.peek() {
            if q.outer.start == i {
                toks.push(Tok {
                    span: q.outer,
                    kind: TokKind::Quote,
                });
                i = q.outer.end.max(i + 1);
                qi.next();
                continue;
            }
            if q.outer.start < i {
                qi.next();
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        // Only non-ASCII characters fold to nothing.
        if c.is_whitespace() || (!c.is_ascii() && crate::text::fold_char(c) == Some("")) {
            i += len;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + len;
            while j < para.end {
                // ASCII: a letter or digit continues the word; other ASCII than the
                // joiners below ends it.
                let b = bytes[j];
                if b.is_ascii_alphanumeric() {
                    j += 1;
                    continue;
                }
                if b.is_ascii() && !matches!(b, b'\'' | b'-' | b'.' | b'&') {
                    break;
                }
                let Some(d) = text[j..para.end].chars().next() else {
                    break;
                };
                if d.is_alphanumeric() {
                    j += d.len_utf8();
                    continue;
                }
                // Inner apostrophe, hyphen or dot followed by a letter: same word.
                if matches!(d, '\'' | '’' | '-' | '.' | '&') {
                    let after = j + d.len_utf8();
                    if text[after.min(para.end)..para.end]
                        .chars()
                        .next()
                        .is_some_and(|e| e.is_alphanumeric())
                    {
                        j = after;
                        continue;
                    }
                }
                break;
            }
            // Keep an abbreviation's dot (`Sen.`, `U.S.`, `J.`).
            if j < para.end && bytes[j] == b'.' {
                let word = &text[start..j];
                if is_abbreviation(word) {
                    j += 1;
                }
            }
            toks.push(Tok {
                span: Span::new(start, j),
                kind: TokKind::Word,
            });
            i = j;
        } else {
            toks.push(Tok {
                span: Span::new(i, i + len),
                kind: TokKind::Punct,
            });
            i += len;
        }
    }
    toks
}

fn is_abbreviation(word: &str) -> bool {
    (word.len() == 1 && word.chars().all(|c| c.is_uppercase()))
        // A title written with its dot (`Sen.`), compared without building `word.`.
        || TITLES.iter().any(|t| t.strip_suffix('.') == Some(word))
        || word.contains('.')
        || is_party_state(word)
        || matches!(
            word,
            "Jr" | "Sr"
                | "Del"
                | "Maj"
                | "Adm"
                | "St"
                | "Mt"
                | "Ft"
                | "Jan"
                | "Feb"
                | "Mar"
                | "Apr"
                | "Aug"
                | "Sept"
                | "Sep"
                | "Oct"
                | "Nov"
                | "Dec"
                | "No"
                | "Inc"
                | "Corp"
                | "Co"
                | "Ltd"
                | "vs"
        )
}

/// A party-and-state tag such as `R-Ky` or `D-N.Y` (its final dot is an abbreviation).
fn is_party_state(word: &str) -> bool {
    let mut parts = word.splitn(2, '-');
    matches!(parts.next(), Some("R" | "D" | "I"))
        && parts
            .next()
            .is_some_and(|st| st.len() <= 6 && st.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// Bounds that keep attribution linear in the size of a draft whatever its shape; each
/// is far beyond what prose has, so on real text they never bind.
///
/// Most tokens a speaker search looks back from a quote, within its sentence.
const LOOKBACK_TOKENS: usize = 400;
/// Most tokens a run of capitalised words may have to be read as one name.
const NAME_MAX_TOKENS: usize = 32;
/// Most links a name may chain (`X of the Y for Z`), and most nested readings of one
/// mention (`the Florida’s …`, `X spokesman Y`).
const MENTION_LINKS_MAX: usize = 8;
/// Most earlier names with the same last word looked at to expand a short name.
const SAME_LAST_WORD_MAX: usize = 256;
/// Most reporting verbs looked at, nearest first, in one search for a speaker.
const VERBS_MAX: usize = 16;

/// Whether a lower-cased word is one of the [`REPORTING_VERBS`] (a set built once: every
/// word of a draft is looked up).
fn is_reporting_verb(lower: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| REPORTING_VERBS.iter().copied().collect())
        .contains(lower)
}

/// Whether a lower-cased word is one of the built-in [`ROLE_NOUNS`] (a set built once:
/// the mention scans ask for many tokens).
fn is_role_noun(lower: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| ROLE_NOUNS.iter().copied().collect())
        .contains(lower)
}

/// Whether a word (as written) is one of the [`NOT_NAMES`] (a set built once: the name
/// scans ask for every capitalised token).
fn is_not_name(word: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.iter().copied().collect())
        .contains(word)
}

/// A paragraph with its tokens, for pattern matching around quotes.
struct Para<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    /// Role nouns from the rule files' titles (`czar` for "border czar").
    roles: &'a [String],
    /// Each token lower-cased, `’` as `'`, one after another in one buffer (computed
    /// once: the scans read tokens often; one allocation, not one per token).
    lower_text: String,
    /// Where each token's lower-cased form ends in `lower_text` (it starts where the
    /// previous token's ends).
    lower_ends: Vec<usize>,
    /// Whether each token is a reporting verb.
    verbs: Vec<bool>,
    /// Whether each token is a quoted span long enough to be speech.
    speech_sized: Vec<bool>,
    /// For each token index (and the end), the first token of its sentence.
    sentence_starts: Vec<usize>,
    /// For each token index (and the end), the nearest reporting verb before it.
    prev_verbs: Vec<Option<usize>>,
    /// For each token index (and the end), the nearest reporting verb before it that does
    /// not end in `-ing`.
    prev_plain_verbs: Vec<Option<usize>>,
    /// [`sentence_subject`] by the token its scan starts from: the first subject mention
    /// with its token, found once per start.
    subjects: std::cell::RefCell<HashMap<usize, Option<(usize, Mention)>>>,
}

/// A lower-cased token, borrowed from [`Para`]'s cache.
#[derive(Clone, Copy)]
struct Lower<'a>(&'a str);

impl<'a> Lower<'a> {
    fn as_str(self) -> &'a str {
        self.0
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl<'a> Para<'a> {
    /// A paragraph of `toks`, with the per-token facts the scans need computed once.
    fn new(text: &'a str, toks: Vec<Tok>, roles: &'a [String]) -> Self {
        let mut p = Para {
            text,
            toks,
            roles,
            lower_text: String::new(),
            lower_ends: Vec::new(),
            verbs: Vec::new(),
            speech_sized: Vec::new(),
            sentence_starts: Vec::new(),
            prev_verbs: Vec::new(),
            prev_plain_verbs: Vec::new(),
            subjects: std::cell::RefCell::default(),
        };
        let n = p.toks.len();
        p.lower_ends.reserve(n);
        if let (Some(first), Some(last)) = (p.toks.first(), p.toks.last()) {
            p.lower_text
                .reserve(last.span.end.saturating_sub(first.span.start));
        }
        for i in 0..n {
            let word = &text[p.toks[i].span.range()];
            let at = p.lower_text.len();
            if word.is_ascii() {
                p.lower_text.push_str(word);
                p.lower_text[at..].make_ascii_lowercase();
            } else {
                p.lower_text
                    .push_str(&word.to_lowercase().replace('’', "'"));
            }
            p.lower_ends.push(p.lower_text.len());
        }
        p.verbs = (0..n)
            .map(|i| p.toks[i].kind == TokKind::Word && is_reporting_verb(&p.lower(i)))
            .collect();
        p.speech_sized = (0..n)
            .map(|i| p.toks[i].kind == TokKind::Quote && word_count(p.word(i)) > 4)
            .collect();
        let mut starts = Vec::with_capacity(n + 1);
        let mut start = 0;
        for i in 0..n {
            starts.push(start);
            if p.ends_sentence(i) {
                start = i + 1;
            }
        }
        starts.push(start);
        p.sentence_starts = starts;
        let (mut verb, mut plain) = (None, None);
        p.prev_verbs.reserve(n + 1);
        p.prev_plain_verbs.reserve(n + 1);
        for i in 0..=n {
            p.prev_verbs.push(verb);
            p.prev_plain_verbs.push(plain);
            if p.verbs.get(i).copied().unwrap_or(false) {
                verb = Some(i);
                if !p.lower(i).ends_with("ing") {
                    plain = Some(i);
                }
            }
        }
        p
    }

    /// The reporting verbs before token `at` and at or after `floor`, nearest first, at
    /// most [`VERBS_MAX`]; only those not ending in `-ing` when `plain`.
    fn verbs_before(
        &self,
        at: usize,
        floor: usize,
        plain: bool,
    ) -> impl Iterator<Item = usize> + '_ {
        let links = if plain {
            &self.prev_plain_verbs
        } else {
            &self.prev_verbs
        };
        let first = links.get(at.min(self.toks.len())).copied().flatten();
        std::iter::successors(first, move |&v| links[v])
            .take_while(move |&v| v >= floor)
            .take(VERBS_MAX)
    }
}

impl Para<'_> {
    fn word(&self, i: usize) -> &str {
        &self.text[self.toks[i].span.range()]
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && &self.text[t.span.range()] == p)
    }

    fn lower(&self, i: usize) -> Lower<'_> {
        let start = if i == 0 { 0 } else { self.lower_ends[i - 1] };
        Lower(&self.lower_text[start..self.lower_ends[i]])
    }

    /// True when a lower-cased word is a role noun (built in or from a rule's title).
    fn is_role(&self, lower: &str) -> bool {
        is_role_noun(lower) || self.roles.iter().any(|r| r == lower)
    }

    fn is_reporting_verb(&self, i: usize) -> bool {
        self.verbs.get(i).copied().unwrap_or(false)
    }

    fn is_capitalized(&self, i: usize) -> bool {
        self.is_word(i)
            && self
                .word(i)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase())
    }

    /// True when the capitalised run at `start` is in capitals throughout and reads as a
    /// headline or dateline (`WASHINGTON`, `VOTERS CARE MORE`), not an acronym (`CNN`).
    fn is_headline_caps(&self, start: usize) -> bool {
        let mut words = 0;
        let mut letters = 0;
        let mut i = start;
        while self.is_capitalized(i) && i - start < NAME_MAX_TOKENS {
            let w = self.word(i);
            if w.chars().any(char::is_lowercase) {
                return false;
            }
            words += 1;
            letters += w.chars().filter(|c| c.is_alphabetic()).count();
            i += 1;
        }
        words >= 2 || letters >= 6
    }

    /// True when token `i` ends a sentence (`.`, `!`, `?` not part of an abbreviation).
    /// A quote whose words end a sentence (`“… smart.” Trump was …`) ends it too.
    fn ends_sentence(&self, i: usize) -> bool {
        match self.toks[i].kind {
            TokKind::Punct => matches!(self.word(i), "." | "!" | "?"),
            TokKind::Quote => {
                self.word(i)
                    .trim_end_matches(['”', '"', '’', '\''])
                    .ends_with(['.', '!', '?'])
                    && (i + 1 >= self.toks.len() || self.is_capitalized(i + 1))
            }
            TokKind::Word => false,
        }
    }

    /// A name whose last token is `end` (reading backwards), as (first token, last token).
    fn name_ending_at(&self, end: usize) -> Option<(usize, usize)> {
        if !self.is_capitalized(end) || is_possessive(self.word(end)) {
            return None;
        }
        let mut start = end;
        while start > 0 && end - start < NAME_MAX_TOKENS {
            let prev = start - 1;
            let capitalized = self.is_capitalized(prev) && !is_possessive(self.word(prev));
            let particle = self.is_word(prev)
                && matches!(
                    self.word(prev),
                    "de" | "van" | "von" | "da" | "del" | "la" | "bin" | "al" | "le"
                )
                && prev > 0
                && self.is_capitalized(prev - 1);
            if capitalized || particle {
                start = prev;
            } else {
                break;
            }
        }
        // Drop leading sentence words that are not names ("But Smith").
        while start < end && is_not_name(self.word(start)) {
            start += 1;
        }
        if is_not_name(self.word(start)) && start == end {
            return None;
        }
        Some((start, end))
    }

    /// A speaker mention ending at token `end`: a name, a pronoun, or a role noun phrase.
    fn mention_ending_at(&self, end: usize) -> Option<Mention> {
        if !self.is_word(end) {
            return None;
        }
        let lower = self.lower(end);
        if PRONOUNS.contains(&lower.as_str()) {
            return Some(Mention::pronoun(self.toks[end].span));
        }
        if let Some((mut s, e)) = self.name_ending_at(end) {
            // "Ana Ruiz of the Federation for Immigration Reform said": the organisation
            // belongs to the person named before it.
            for _ in 0..MENTION_LINKS_MAX {
                let mut k = s;
                if k > 0 && self.is_word(k - 1) && self.lower(k - 1) == "the" {
                    k -= 1;
                }
                let linked = k >= 2
                    && self.is_word(k - 1)
                    && matches!(self.lower(k - 1).as_str(), "of" | "for" | "at")
                    && self.is_capitalized(k - 2);
                match linked.then(|| self.name_ending_at(k - 2)).flatten() {
                    Some((head, _)) => s = head,
                    None => break,
                }
            }
            return Some(Mention::name(self.toks[s].span.cover(self.toks[e].span)));
        }
        if self.is_role(&lower) || lower.ends_with("-year-old") {
            // Walk back to a determiner within a few words: "the former secretary of state".
            let mut s = end;
            for _ in 0..6 {
                if s == 0 || !self.is_word(s - 1) {
                    break;
                }
                s -= 1;
                let w = self.lower(s);
                if matches!(
                    w.as_str(),
                    "the" | "a" | "an" | "his" | "her" | "their" | "its" | "one"
                ) {
                    return Some(Mention::role(self.toks[s].span.cover(self.toks[end].span)));
                }
                if self.is_capitalized(s) {
                    // "Clinton spokesman": a name-led role.
                    return Some(Mention::role(self.toks[s].span.cover(self.toks[end].span)));
                }
            }
        }
        None
    }

    /// A speaker mention starting at token `start` (reading forwards).
    fn mention_starting_at(&self, start: usize) -> Option<(Mention, usize)> {
        self.mention_from(start, 0)
    }

    /// [`Para::mention_starting_at`], `depth` readings deep (a reading may defer to one
    /// starting further on: `the X`, `Florida’s X`, `X spokesman Y`).
    fn mention_from(&self, start: usize, depth: usize) -> Option<(Mention, usize)> {
        if !self.is_word(start) || depth > MENTION_LINKS_MAX {
            return None;
        }
        let lower = self.lower(start);
        if PRONOUNS.contains(&lower.as_str()) {
            return Some((Mention::pronoun(self.toks[start].span), start));
        }
        if lower == "the" && self.is_capitalized(start + 1) {
            // "the Rev. Peter Wherry", "the White House"
            if let Some((m, e)) = self.mention_from(start + 1, depth + 1) {
                let span = self.toks[start].span.cover(m.span);
                return Some((Mention { span, kind: m.kind }, e));
            }
        }
        if matches!(
            lower.as_str(),
            "the" | "a" | "an" | "his" | "her" | "their" | "one" | "another" | "some" | "many"
        ) {
            // A role noun phrase: up to six words ending in a role noun.
            let mut last_role = None;
            let mut j = start + 1;
            while j < start + 7 && self.is_word(j) {
                if self.is_role(&self.lower(j)) {
                    last_role = Some(j);
                } else if last_role.is_some() && !self.is_capitalized(j) && self.lower(j) != "of" {
                    break;
                }
                j += 1;
            }
            if let Some(r) = last_role {
                // A capitalised name right after the role ("the senator John Smith").
                let mut e = r;
                while self.is_capitalized(e + 1)
                    && !self.is_reporting_verb(e + 1)
                    && e - r < NAME_MAX_TOKENS
                {
                    e += 1;
                }
                return Some((
                    Mention::role(self.toks[start].span.cover(self.toks[e].span)),
                    e,
                ));
            }
            return None;
        }
        // "Florida’s Rick Wilson": the possessive is not the speaker.
        if self.is_capitalized(start) && is_possessive(self.word(start)) {
            return self
                .is_capitalized(start + 1)
                .then(|| self.mention_from(start + 1, depth + 1))
                .flatten();
        }
        if self.is_capitalized(start)
            && !is_not_name(self.word(start))
            && !self.is_headline_caps(start)
        {
            let mut e = start;
            while e - start < NAME_MAX_TOKENS {
                if self.is_capitalized(e + 1) && !is_possessive(self.word(e)) {
                    e += 1;
                } else if self.is_word(e + 1)
                    && matches!(
                        self.word(e + 1),
                        "de" | "van" | "von" | "da" | "del" | "la" | "bin" | "al"
                    )
                    && self.is_capitalized(e + 2)
                {
                    e += 2;
                } else {
                    break;
                }
            }
            // "Monmouth University political scientist Patrick Murray", "Cruz constituent
            // Dan Golvach": lower-case descriptors with a role noun, then the name.
            let descriptors = (e + 1..e + 4)
                .take_while(|&k| {
                    self.is_word(k) && !self.is_capitalized(k) && !self.is_reporting_verb(k)
                })
                .last();
            if let Some(d) = descriptors {
                let has_role = (e + 1..=d)
                    .any(|k| self.is_role(&self.lower(k)) || self.lower(k) == "constituent");
                if has_role && self.is_capitalized(d + 1) {
                    if let Some((m, end)) = self.mention_from(d + 1, depth + 1) {
                        if m.kind == MentionKind::Name {
                            return Some((m, end));
                        }
                    }
                }
            }
            // "Clinton spokesman Brian Fallon": take the name after the role.
            if self.is_word(e + 1) && self.is_role(&self.lower(e + 1)) {
                let mut f = e + 1;
                while self.is_word(f + 1) && !self.is_capitalized(f + 1) && f < e + 4 {
                    if self.is_reporting_verb(f + 1) {
                        break;
                    }
                    f += 1;
                }
                if self.is_capitalized(f + 1) {
                    if let Some((m, end)) = self.mention_from(f + 1, depth + 1) {
                        return Some((m, end));
                    }
                }
                return Some((
                    Mention::role(self.toks[start].span.cover(self.toks[f].span)),
                    f,
                ));
            }
            // "Rep. Elijah Cummings of Maryland": the place belongs to the mention.
            if self.is_word(e + 1) && self.word(e + 1) == "of" && self.is_capitalized(e + 2) {
                e += 2;
                let place = e;
                while self.is_capitalized(e + 1)
                    && !self.is_reporting_verb(e + 1)
                    && e - place < NAME_MAX_TOKENS
                {
                    e += 1;
                }
            }
            return Some((
                Mention::name(self.toks[start].span.cover(self.toks[e].span)),
                e,
            ));
        }
        None
    }

    /// Skips an appositive going backwards: from a `,` at `comma`, the index of the token
    /// before the matching earlier `,` (`Smith, a scholar at X, said`).
    fn skip_appositive_back(&self, comma: usize, floor: usize) -> Option<usize> {
        let mut j = comma;
        let mut steps = 0;
        while j > floor && steps < 30 {
            j -= 1;
            steps += 1;
            if self.is_punct(j, ",") && j > floor {
                return Some(j - 1);
            }
            if self.is_speech_sized_quote(j) || self.ends_sentence(j) {
                return None;
            }
        }
        None
    }

    /// True when token `i` is a `,` or a short quoted label ending in a comma inside its
    /// marks (`Homan, appointed as “border czar,” declared`).
    fn is_comma_like(&self, i: usize) -> bool {
        self.is_punct(i, ",")
            || (self.toks.get(i).is_some_and(|t| t.kind == TokKind::Quote)
                && self
                    .word(i)
                    .trim_end_matches(['”', '"', '’', '\''])
                    .ends_with(','))
    }

    /// True when token `i` is a quoted span long enough to be speech (not a label).
    fn is_speech_sized_quote(&self, i: usize) -> bool {
        self.speech_sized.get(i).copied().unwrap_or(false)
    }
}

/// True when token `i` is a dash (`—`, `–`, `―`, `-`).
fn is_dash(p: &Para, i: usize) -> bool {
    ["—", "–", "―", "-", "--"].iter().any(|d| p.is_punct(i, d))
}

fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s") || word.ends_with("s'") || word.ends_with("s’")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MentionKind {
    Name,
    Pronoun,
    Role,
}

#[derive(Debug, Clone, Copy)]
struct Mention {
    span: Span,
    kind: MentionKind,
}

impl Mention {
    fn name(span: Span) -> Self {
        Mention {
            span,
            kind: MentionKind::Name,
        }
    }
    fn pronoun(span: Span) -> Self {
        Mention {
            span,
            kind: MentionKind::Pronoun,
        }
    }
    fn role(span: Span) -> Self {
        Mention {
            span,
            kind: MentionKind::Role,
        }
    }
}

/// How a quoted span was attributed.
#[derive(Debug, Clone, Copy)]
struct Attribution {
    mention: Mention,
    cue: Span,
    /// Token index (in the paragraph) where the attribution clause ends, when it follows
    /// the quote; used to join split quotes.
    clause_end: Option<usize>,
}

/// The first token index at or after `from` that ends the sentence, or the paragraph end.
fn sentence_end(p: &Para, from: usize) -> usize {
    (from..p.toks.len())
        .find(|&i| p.ends_sentence(i) || p.toks[i].kind == TokKind::Quote)
        .unwrap_or(p.toks.len())
}

/// The first token index of the sentence holding token `at`.
fn sentence_start(p: &Para, at: usize) -> usize {
    p.sentence_starts[at.min(p.toks.len())]
}

/// Where a speaker search back from token `at` starts: the start of its sentence, or
/// [`LOOKBACK_TOKENS`] before `at` in a sentence longer than that.
fn lookback_start(p: &Para, at: usize) -> usize {
    sentence_start(p, at).max(at.saturating_sub(LOOKBACK_TOKENS))
}

/// `“…,” said X` / `“…,” X said` / `“…,” X, a title, said` / `“…,” according to X`.
fn attribution_after(p: &Para, q: usize, quote_text: &str) -> Option<Attribution> {
    let mut i = q + 1;
    let mut dash = false;
    while p.is_punct(i, ",") || is_dash(p, i) {
        dash |= is_dash(p, i);
        i += 1;
    }
    let end = sentence_end(p, i);
    let closed = quote_text
        .trim_end()
        .trim_end_matches(['’', '\'', '"', '”'])
        .ends_with(['.', '!', '?', ',', '—', '–', '-', ':', ';', '…']);
    let comma_after = i > q + 1;
    if i >= p.toks.len() {
        return None;
    }
    // according to X
    if p.lower(i) == "according" && p.is_word(i + 1) && p.lower(i + 1) == "to" {
        let (m, e) = p.mention_starting_at(i + 2)?;
        return Some(Attribution {
            mention: m,
            cue: p.toks[i].span.cover(p.toks[i + 1].span),
            clause_end: Some(e),
        });
    }
    // “…” — Jane Smith.
    if dash {
        if let Some((m, e)) = p.mention_starting_at(i) {
            if m.kind == MentionKind::Name
                && (e + 1 >= p.toks.len() || p.ends_sentence(e + 1) || p.is_punct(e + 1, ","))
            {
                return Some(Attribution {
                    mention: m,
                    cue: p.toks[i - 1].span,
                    clause_end: Some(e),
                });
            }
        }
    }
    // said X
    if p.is_reporting_verb(i) && !p.word(i).starts_with(char::is_uppercase) {
        // "said Sen. Smith", "said the senator", and "said 9/11 widow Terry Strada":
        // a few lower-case or numeric descriptors may come before the name.
        let mut j = i + 1;
        while j < (i + 6).min(end) {
            if let Some((m, e)) = p.mention_starting_at(j) {
                if m.kind != MentionKind::Pronoun || (j == i + 1 && p.lower(j) != "i") {
                    return Some(Attribution {
                        mention: m,
                        cue: p.toks[i].span,
                        clause_end: Some(e),
                    });
                }
            }
            let descriptor = (p.is_word(j) && !p.is_capitalized(j)) || p.is_punct(j, "/");
            if !descriptor || p.is_reporting_verb(j) {
                break;
            }
            j += 1;
        }
    }
    // X said / X, a title, said / Senate minority leader X said: the first reporting
    // verb close after the quote, and its subject.
    let limit = end.min(i + 40);
    let v = (i..limit)
        .find(|&v| p.is_reporting_verb(v) && !p.word(v).starts_with(char::is_uppercase))?;
    // The subject must start the clause (a few descriptive words may come first); when
    // the verb's nearest subject is further away, long appositives stand between, and the
    // mention right after the quote is the speaker ("X, a title, one of …, said").
    let starts_clause = |m: &Mention| {
        (i..v)
            .find(|&t| p.toks[t].span.start >= m.span.start)
            .unwrap_or(v)
            <= i + 6
    };
    let m = match subject_of(p, v, i).filter(starts_clause) {
        Some(m) => m,
        None => {
            let (m, e) = p.mention_starting_at(i)?;
            let linked = p.is_punct(e + 1, ",") || p.is_punct(e + 1, "(");
            if !linked || (e + 1..v).any(|t| p.is_speech_sized_quote(t)) {
                return None;
            }
            m
        }
    };
    // Without closing punctuation, only "“…” Grubbs said" right after the quote counts.
    let name_then_verb =
        p.toks[i].span.start == m.span.start && v > 0 && p.toks[v - 1].span.end == m.span.end;
    if !(closed || comma_after || name_then_verb) && m.kind != MentionKind::Pronoun {
        return None;
    }
    // A sentence-final quote followed by "Smith said the …" opens a new statement.
    let terminal = closed
        && quote_text
            .trim_end()
            .trim_end_matches(['’', '\'', '"', '”'])
            .ends_with('.');
    if terminal && !comma_after && end - v > 12 {
        return None;
    }
    Some(Attribution {
        mention: m,
        cue: p.toks[v].span,
        clause_end: Some(v),
    })
}

/// `X said: “…”` / `X told reporters that “…”` / `according to X, “…”` / a colon after a
/// sentence naming X / the subject of a reporting verb earlier in the same sentence.
fn attribution_before(p: &Para, q: usize) -> Option<Attribution> {
    let start = lookback_start(p, q);
    // Previous quote in the same sentence bounds the search.
    let floor = (start..q)
        .rev()
        .find(|&i| p.is_speech_sized_quote(i))
        .map_or(start, |i| i + 1);
    if floor >= q {
        return None;
    }
    // according to X, “…”
    for i in floor..q.saturating_sub(1) {
        if p.lower(i) == "according" && p.is_word(i + 1) && p.lower(i + 1) == "to" {
            if let Some((m, _)) = p.mention_starting_at(i + 2) {
                return Some(Attribution {
                    mention: m,
                    cue: p.toks[i].span.cover(p.toks[i + 1].span),
                    clause_end: None,
                });
            }
        }
    }
    // The closest reporting verb before the quote with a subject right before it.
    for v in p.verbs_before(q, floor, false) {
        // "The council, said Ana Ruiz, is “…”" and "Said Ana Ruiz, “…”": the speaker
        // follows the verb.
        let plain_verb =
            !p.lower(v).ends_with("ing") && !p.lower(v).starts_with("tel") && p.lower(v) != "told";
        let inverted = (plain_verb && (v == floor || p.is_punct(v - 1, ",")))
            .then(|| p.mention_starting_at(v + 1))
            .flatten()
            .filter(|(_, e)| p.is_punct(e + 1, ","));
        if let Some((m, _)) = inverted {
            return Some(Attribution {
                mention: m,
                cue: p.toks[v].span,
                clause_end: None,
            });
        }
        if let Some(m) = subject_of(p, v, floor) {
            return Some(Attribution {
                mention: m,
                cue: p.toks[v].span,
                clause_end: None,
            });
        }
    }
    // A colon right before the quote: the sentence's subject, when it looks like a
    // person ("Here’s", "Signs point to this:" and "Pollsters" do not).
    if q > floor && (p.is_punct(q - 1, ":") || p.is_punct(q - 1, "—")) {
        let colon = q - 1;
        let plausible = |m: &Mention, end: usize| match m.kind {
            MentionKind::Pronoun | MentionKind::Role => true,
            MentionKind::Name => {
                p.text[m.span.range()].split_whitespace().count() >= 2 || end + 1 == colon
            }
        };
        if let Some((m, _)) = p
            .mention_starting_at(floor)
            .filter(|(m, e)| plausible(m, *e))
        {
            return Some(Attribution {
                mention: m,
                cue: p.toks[colon].span,
                clause_end: None,
            });
        }
        for i in floor + 1..colon {
            if let Some((m, e)) = p.mention_starting_at(i) {
                if m.kind == MentionKind::Name && plausible(&m, e) {
                    return Some(Attribution {
                        mention: m,
                        cue: p.toks[colon].span,
                        clause_end: None,
                    });
                }
            }
        }
    }
    None
}

/// The subject of the sentence starting at `floor`: the first mention, before `end`, not
/// inside a leading prepositional phrase (`Here in Columbia, Sanders …`).
fn sentence_subject(p: &Para, floor: usize, end: usize) -> Option<Mention> {
    // The scan from `floor` does not depend on `end`: find its first subject once (as far
    // as any search reaches) and answer every `end` from that.
    let reach = (floor + LOOKBACK_TOKENS + 64).min(p.toks.len());
    if end > reach {
        return first_subject(p, floor, end).map(|(_, m)| m);
    }
    let cached = p.subjects.borrow().get(&floor).copied();
    let first = match cached {
        Some(first) => first,
        None => {
            let first = first_subject(p, floor, reach);
            p.subjects.borrow_mut().insert(floor, first);
            first
        }
    };
    first.filter(|&(i, _)| i < end).map(|(_, m)| m)
}

/// [`sentence_subject`]'s scan: the first mention from `floor`, starting before `end`,
/// that does not follow a preposition, with its token.
fn first_subject(p: &Para, floor: usize, end: usize) -> Option<(usize, Mention)> {
    let mut i = floor;
    while i < end {
        let after_preposition = i > floor
            && p.is_word(i - 1)
            && matches!(
                p.lower(i - 1).as_str(),
                "in" | "at"
                    | "on"
                    | "from"
                    | "to"
                    | "with"
                    | "for"
                    | "by"
                    | "of"
                    | "about"
                    | "after"
                    | "before"
            );
        if let Some((m, e)) = p.mention_starting_at(i) {
            if !after_preposition {
                return Some((i, m));
            }
            i = e + 1;
        } else {
            i += 1;
        }
    }
    None
}

/// The subject of the reporting verb at `v`: a mention right before it, possibly with
/// auxiliaries (`later`, `has`) or an appositive (`Smith, a scholar at X, said`) between.
fn subject_of(p: &Para, v: usize, floor: usize) -> Option<Mention> {
    let mut j = v;
    let mut steps = 0;
    while j > floor
        && steps < 3
        && p.is_word(j - 1)
        && AUXILIARIES.contains(&p.lower(j - 1).as_str())
    {
        j -= 1;
        steps += 1;
    }
    if j == floor {
        return None;
    }
    let mut end = j - 1;
    // "…with Ana Ruiz, who said": the relative pronoun's antecedent.
    if p.is_word(end) && matches!(p.lower(end).as_str(), "who" | "which") && end > floor {
        end -= 1;
        if p.is_punct(end, ",") && end > floor {
            end -= 1;
        }
        return p.mention_ending_at(end);
    }
    // "Gov. John Kasich (R-OH), said": a comma after the parenthesis.
    if p.is_punct(end, ",") && end > floor && p.is_punct(end - 1, ")") {
        end -= 1;
    }
    // "Rep. Gwen Moore (D-Wis.) said": skip the parenthesis.
    if p.is_punct(end, ")") {
        let open = (floor..end).rev().take(12).find(|&t| p.is_punct(t, "("))?;
        if open == floor {
            return None;
        }
        end = open - 1;
    }
    if p.lower(v).ends_with("ing") {
        // "footage of Hillary Clinton asking, “…”": a name right before the participle,
        // unless it is the object of a preposition ("on Facebook writing").
        if !p.is_punct(end, ",") {
            if let Some(m) = p.mention_ending_at(end) {
                let first = (floor..=end).find(|&t| p.toks[t].span.start >= m.span.start);
                let object = first.is_some_and(|f| {
                    f > floor
                        && p.is_word(f - 1)
                        && matches!(
                            p.lower(f - 1).as_str(),
                            "on" | "in" | "at" | "to" | "with" | "from" | "via" | "for"
                        )
                });
                if !object {
                    return Some(m);
                }
            }
        }
        // "Spicer said, adding …": the subject of the reporting verb it continues.
        if let Some(m) = p
            .verbs_before(end, floor, true)
            .find_map(|u| subject_of(p, u, floor))
        {
            return Some(m);
        }
        // "Here in Columbia, Sanders stepped up …, saying …": the sentence's subject.
        return sentence_subject(p, floor, end);
    }
    if p.is_comma_like(end) {
        end = p.skip_appositive_back(end, floor)?;
    }
    if end < floor {
        return None;
    }
    let m = p.mention_ending_at(end)?;
    // "Anthony Anton, president and CEO of X stated": an appositive left open; the
    // person is named before its comma.
    let first = (floor..=end).find(|&t| p.toks[t].span.start >= m.span.start)?;
    let mut k = first;
    while k > floor && k + 8 > first && p.is_word(k - 1) && !p.is_capitalized(k - 1) {
        k -= 1;
    }
    if k > floor + 1 && k < first && p.is_punct(k - 1, ",") {
        if let Some(head) = p
            .mention_ending_at(k - 2)
            .filter(|h| h.kind == MentionKind::Name)
        {
            return Some(head);
        }
    }
    Some(m)
}

/// Words of a quoted span, for deciding whether it is speech.
fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// True when the quoted words look like a title or name (`“Parks and Recreation”`):
/// every significant word capitalised and no sentence punctuation inside.
fn looks_like_title(s: &str) -> bool {
    let t = s.trim();
    if t.ends_with(['.', '!', '?', ',']) && word_count(t) > 3 {
        return false;
    }
    let small = [
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from",
        "&",
    ];
    let words: Vec<&str> = t.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 10
        && words.iter().enumerate().all(|(k, w)| {
            let first = w
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .next();
            first.is_none_or(|c| c.is_uppercase() || c.is_numeric())
                || (k > 0 && small.contains(&w.to_lowercase().as_str()))
        })
}

/// Groups quoted spans into quotes, keeps those that are speech, and credits speakers.
pub(crate) fn attribute(
    text: &str,
    paragraphs: &[Span],
    spans: &[QuotedSpan],
    people: &PeopleIndex,
) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut names = NameBook::new(text, people);
    let roles = &people.roles;
    // The most recent explicit speaker, for continuation and pronouns.
    let mut last_speaker: Option<(Speaker, usize)> = None; // (speaker, paragraph)
    let mut open_group: Option<usize> = None; // a quote running on into this paragraph
    let mut prev: Option<Para> = None; // the previous paragraph
    let mut si = 0;
    for (pi, para) in paragraphs.iter().enumerate() {
        let first = si;
        while si < spans.len() && spans[si].paragraph == pi {
            si += 1;
        }
        let here = &spans[first..si];
        let p = Para::new(text, tokenize(text, *para, here), roles);
        names.learn(&p);
        let quote_tokens: Vec<usize> = (0..p.toks.len())
            .filter(|&i| p.toks[i].kind == TokKind::Quote)
            .collect();
        let mut previous_clause_end: Option<(usize, usize)> = None; // (quote index, token)
        for (k, qs) in here.iter().enumerate() {
            let Some(&q) = quote_tokens.get(k) else {
                break;
            };
            let inner = &text[qs.inner.range()];
            let after = attribution_after(&p, q, inner);
            let before = if after.is_none() {
                attribution_before(&p, q)
            } else {
                None
            };
            let attribution = after.or(before);
            // Split quote: only an attribution clause between the previous quote and this one.
            let joins_previous = previous_clause_end
                .is_some_and(|(_, end)| (end + 1..q).all(|t| p.toks[t].kind == TokKind::Punct))
                && after.is_none();
            // Continuation of a quote that ran on from the previous paragraph.
            let continues = k == 0 && open_group.is_some();
            let words = word_count(inner);
            let label = is_label(&p, q);
            let speech = if continues || joins_previous {
                true
            } else if label {
                false
            } else if attribution.is_some() {
                !(looks_like_title(inner) && words <= 4 && after.is_none())
            } else {
                words >= 4 && !looks_like_title(inner)
            };
            if !speech {
                continue;
            }
            let segment = qs.inner;
            if let (true, Some(g)) = (continues, open_group) {
                quotes[g].segments.push(segment);
                if quotes[g].speaker.is_none() {
                    if let Some(a) = attribution {
                        let (speaker, cue) = names.speaker(&p, a, qs.outer.start);
                        quotes[g].speaker = Some(speaker);
                        quotes[g].cue = Some(cue);
                    }
                }
            } else if joins_previous {
                if let Some(last) = quotes.last_mut() {
                    last.segments.push(segment);
                }
            } else {
                let (speaker, cue) = match attribution {
                    Some(a) => {
                        let (s, c) = names.speaker(&p, a, qs.outer.start);
                        (Some(s), Some(c))
                    }
                    None => match (&last_speaker, introduced_by(prev.as_ref(), k, q)) {
                        // "He said:" closing the previous paragraph introduces this one.
                        (_, Some((pp, a))) => {
                            let (s, c) = names.speaker(pp, a, qs.outer.start);
                            (Some(s), Some(c))
                        }
                        // A bare quote continues the previous speaker: later in the
                        // same paragraph, or opening the next paragraph.
                        (Some((s, lp)), None) if *lp == pi || (*lp + 1 == pi && q == 0) => (
                            Some(Speaker {
                                inferred: true,
                                ..s.clone()
                            }),
                            None,
                        ),
                        _ => (names.subject_before(&p, q), None),
                    },
                };
                quotes.push(Quote {
                    segments: vec![segment],
                    speaker,
                    cue,
                });
            }
            let idx = quotes.len() - 1;
            if let Some(s) = &quotes[idx].speaker {
                last_speaker = Some((s.clone(), pi));
            }
            previous_clause_end = after.and_then(|a| a.clause_end).map(|e| (idx, e));
            open_group = if qs.runs_on { Some(idx) } else { None };
        }
        if here.is_empty() {
            open_group = None;
        }
        prev = Some(p);
    }
    quotes
}

/// The head nouns of the role aliases of known people (`the border czar` → `czar`).
fn title_roles(people: &[KnownPerson]) -> Vec<String> {
    let mut roles: Vec<String> = people
        .iter()
        .flat_map(|p| &p.aliases)
        .filter_map(|a| a.strip_prefix("the "))
        .filter_map(|r| r.split_whitespace().last())
        .map(str::to_lowercase)
        .collect();
    roles.sort();
    roles.dedup();
    roles
}

/// For a quote opening its paragraph (`k == 0`, token `q == 0`): the attribution of a
/// previous paragraph that ends with a colon (`He said:`), with that paragraph.
fn introduced_by<'p, 'a>(
    prev: Option<&'p Para<'a>>,
    k: usize,
    q: usize,
) -> Option<(&'p Para<'a>, Attribution)> {
    let pp = prev?;
    let last = pp.toks.len().checked_sub(1)?;
    if k != 0 || q != 0 || !pp.is_punct(last, ":") {
        return None;
    }
    let start = lookback_start(pp, last);
    let from_verb = (start..last).rev().find_map(|v| {
        if !pp.is_reporting_verb(v) {
            return None;
        }
        subject_of(pp, v, start).map(|m| (m, pp.toks[v].span))
    });
    let (mention, cue) = from_verb.or_else(|| {
        pp.mention_starting_at(start)
            .map(|(m, _)| (m, pp.toks[last].span))
    })?;
    Some((
        pp,
        Attribution {
            mention,
            cue,
            clause_end: None,
        },
    ))
}

/// A quoted span introduced as a label or title (`dubbed it “…”`, `the show “…”`).
fn is_label(p: &Para, q: usize) -> bool {
    let mut i = q;
    let mut steps = 0;
    while i > 0 && steps < 3 {
        i -= 1;
        steps += 1;
        if !p.is_word(i) {
            if p.is_punct(i, ",") || p.is_punct(i, "'") || p.is_punct(i, "’") {
                continue;
            }
            return false;
        }
        let w = p.lower(i);
        if NAMING_VERBS.contains(&w.as_str()) || (steps == 1 && TITLE_NOUNS.contains(&w.as_str())) {
            return true;
        }
        if !matches!(
            w.as_str(),
            "it" | "him" | "her" | "them" | "as" | "the" | "a" | "his" | "its" | "their"
        ) {
            return false;
        }
    }
    false
}

/// The people named in the draft so far (and those known from the rules), for resolving
/// last names, pronouns and role nouns to a full name.
struct NameBook<'a> {
    text: &'a str,
    people: &'a PeopleIndex,
    /// Full names (two or more words) seen so far, with where they were seen, in
    /// document order.
    seen: Vec<(String, usize)>,
    /// Last word of each seen name → its indices in `seen`, ascending.
    by_last_word: HashMap<String, Vec<usize>>,
}

impl<'a> NameBook<'a> {
    fn new(text: &'a str, people: &'a PeopleIndex) -> Self {
        NameBook {
            text,
            people,
            seen: Vec::new(),
            by_last_word: HashMap::new(),
        }
    }

    /// Records the multi-word names of a paragraph.
    fn learn(&mut self, p: &Para) {
        let mut i = 0;
        while i < p.toks.len() {
            if let Some((m, e)) = p.mention_starting_at(i) {
                if m.kind == MentionKind::Name {
                    let name = strip_titles(&self.text[m.span.range()]);
                    if name.split_whitespace().count() >= 2 {
                        debug_assert!(self.seen.last().is_none_or(|l| l.1 <= m.span.start));
                        let last = name.split_whitespace().last().unwrap_or("").to_string();
                        self.by_last_word
                            .entry(last)
                            .or_default()
                            .push(self.seen.len());
                        self.seen.push((name, m.span.start));
                    }
                }
                i = e + 1;
            } else {
                i += 1;
            }
        }
    }

    /// The speaker for an attribution: the mention resolved to a full name.
    fn speaker(&self, _p: &Para, a: Attribution, at: usize) -> (Speaker, String) {
        let mention = &self.text[a.mention.span.range()];
        let cue = self.text[a.cue.range()].to_string();
        let (name, inferred) = match a.mention.kind {
            MentionKind::Name => (self.resolve_name(mention, at), false),
            MentionKind::Pronoun | MentionKind::Role => (
                self.resolve_reference(mention, a.mention.span.start)
                    .unwrap_or_else(|| mention.to_string()),
                true,
            ),
        };
        (
            Speaker {
                name,
                mention: a.mention.span,
                inferred,
            },
            cue,
        )
    }

    /// A full name for a written name: a known person it names, or the last full name
    /// seen with the same last word.
    fn resolve_name(&self, mention: &str, at: usize) -> String {
        let plain = head_name(&strip_titles(mention));
        if let Some(name) = self.people.known(&plain) {
            return name.to_string();
        }
        // The most recent longer name seen at or before `at` with the same last word,
        // through the index of last words (`seen` is in document order).
        let last = plain.split_whitespace().last().unwrap_or("");
        let Some(same_last) = self.by_last_word.get(last) else {
            return plain;
        };
        let before = same_last.partition_point(|&k| self.seen[k].1 <= at);
        same_last[..before]
            .iter()
            .rev()
            .take(SAME_LAST_WORD_MAX)
            .map(|&k| &self.seen[k].0)
            .find(|name| name.len() > plain.len())
            .map_or(plain.clone(), |name| name.clone())
    }

    /// Resolves a pronoun or role noun phrase written at `at` to the most recent fitting
    /// person before it.
    fn resolve_reference(&self, mention: &str, at: usize) -> Option<String> {
        let lower = mention.to_lowercase();
        if let Some(name) = self.people.with_alias(&lower) {
            return Some(name.to_string());
        }
        if matches!(lower.as_str(), "i" | "we" | "they") {
            return None;
        }
        // "one resident", "a spokesman": an unnamed source, not the last person named.
        let first = lower.split_whitespace().next().unwrap_or("");
        if matches!(
            first,
            "a" | "an" | "one" | "another" | "some" | "several" | "many"
        ) {
            return None;
        }
        // The last name seen before `at` (`seen` is in document order).
        let before = self.seen.partition_point(|(_, pos)| *pos < at);
        before
            .checked_sub(1)
            .map(|k| self.resolve_name(&self.seen[k].0, at))
    }

    /// For a bare quote: the subject of a reporting verb in the sentence before it.
    fn subject_before(&self, p: &Para, q: usize) -> Option<Speaker> {
        let start = sentence_start(p, q);
        if start == 0 {
            return None;
        }
        let prev_start = lookback_start(p, start - 1);
        for v in prev_start..start {
            if p.is_reporting_verb(v) {
                if let Some(m) = subject_of(p, v, prev_start) {
                    let a = Attribution {
                        mention: m,
                        cue: p.toks[v].span,
                        clause_end: None,
                    };
                    let (mut s, _) = self.speaker(p, a, p.toks[q].span.start);
                    s.inferred = true;
                    return Some(s);
                }
            }
        }
        None
    }
}

/// The person's name at the head of a mention that goes on to name an organisation or
/// place (`Ana Ruiz of the Federation …` → `Ana Ruiz`).
fn head_name(mention: &str) -> String {
    for link in [" of ", " for ", " at "] {
        if let Some(at) = mention.find(link) {
            let head = &mention[..at];
            if head.split_whitespace().count() >= 2 {
                return head.to_string();
            }
        }
    }
    mention.to_string()
}

/// A name without leading titles (`Sen. John Smith` → `John Smith`).
fn strip_titles(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| w.eq_ignore_ascii_case("the"))
        .collect();
    let keep = words
        .iter()
        .position(|w| !TITLES.contains(w))
        .unwrap_or(words.len().saturating_sub(1));
    words[keep..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::quotes::find_quotes;

    type Sheet<'a> = Vec<(Vec<&'a str>, Option<(String, &'a str)>)>;

    fn sheet(text: &str) -> Sheet<'_> {
        find_quotes(text)
            .into_iter()
            .map(|q| {
                (
                    q.segments.iter().map(|s| &text[s.range()]).collect(),
                    q.speaker.map(|s| (s.name, &text[s.mention.range()])),
                )
            })
            .collect()
    }

    fn speaker_of(text: &str) -> Option<(String, String)> {
        find_quotes(text).into_iter().next().and_then(|q| {
            q.speaker
                .map(|s| (s.name, text[s.mention.range()].to_string()))
        })
    }

    #[test]
    fn attribution_table() {
        let table: &[(&str, &str, &str)] = &[
            ("“We will win this fight,” Smith said.", "Smith", "Smith"),
            ("“We will win this fight,” said Jane Smith.", "Jane Smith", "Jane Smith"),
            ("Jane Smith said: “We will win this fight.”", "Jane Smith", "Jane Smith"),
            ("Jane Smith wrote on Facebook, “We will win this fight.”", "Jane Smith", "Jane Smith"),
            ("According to Jane Smith, “we will win this fight.”", "Jane Smith", "Jane Smith"),
            ("“We will win this fight,” according to Jane Smith.", "Jane Smith", "Jane Smith"),
            (
                "Jane Smith, a scholar at the Institute, said the plan “will not survive a single winter.”",
                "Jane Smith",
                "Jane Smith",
            ),
            (
                "Mayor Jane Smith made the point plainly: “We will win this fight.”",
                "Jane Smith",
                "Mayor Jane Smith",
            ),
            (
                "Jane Smith spoke first. “We will win this fight,” she said.",
                "Jane Smith",
                "she",
            ),
            (
                "Jane Smith spoke first. “We will win this fight,” the senator told reporters.",
                "Jane Smith",
                "the senator",
            ),
            ("Sen. Jane Smith spoke. “We will win this fight,” Smith tweeted.", "Jane Smith", "Smith"),
            ("“We will win this fight,” Rep. Jane Smith (D-Wis.) said Friday.", "Jane Smith", "Rep. Jane Smith"),
            ("“We will win this fight,” Jane Smith, R-Ky., said Tuesday.", "Jane Smith", "Jane Smith"),
            ("“We will win this fight,” said 9/11 widow Jane Smith.", "Jane Smith", "Jane Smith"),
            ("“We will win this fight,” said the Rev. Jane Smith, of Grace Church.", "Jane Smith", "the Rev. Jane Smith"),
            (
                "“We will win this fight,” Jane Smith, the attorney general of Ohio, one of the states in the suit, said at an event.",
                "Jane Smith",
                "Jane Smith",
            ),
            ("“We will win this fight,” Senate minority leader Jane Smith said.", "Jane Smith", "Jane Smith"),
            ("Jane Smith attacked “the hateful politics of the old guard in this town.”", "Jane Smith", "Jane Smith"),
            ("She left early. Said Jane Smith, a neighbour, “We will win this fight.”", "Jane Smith", "Jane Smith"),
            ("On Tuesday, Gov. Jane Smith (R-OH), said, “We will win this fight.”", "Jane Smith", "Gov. Jane Smith"),
            ("“We will win this fight” Smith said.", "Smith", "Smith"),
            ("“We will win this fight,” one person tweeted.", "one person", "one person"),
            ("“We will win this fight,” the moderator said.", "the moderator", "the moderator"),
            ("Ann Lee and Bo Park will meet soon, Jane Smith said, adding, “We will win this fight.”", "Jane Smith", "Jane Smith"),
            ("Here in Columbia, Jane Smith stepped up her attacks, saying, “We will win this fight.”", "Jane Smith", "Jane Smith"),
            ("Jane Smith returned the favour, telling Reuters, “We will win this fight.”", "Jane Smith", "Jane Smith"),
            ("Jane Smith, president and CEO of Washington Growers Association stated, “We will win this fight.”", "Jane Smith", "Jane Smith"),
            ("“We will win this fight,” said Monmouth University political scientist Jane Smith.", "Jane Smith", "Jane Smith"),
            ("“We will win this fight,” Florida’s Jane Smith said.", "Jane Smith", "Jane Smith"),
            ("The ad shows Jane Smith asking, “Why are we not winning this fight?”", "Jane Smith", "Jane Smith"),
        ];
        for (text, name, mention) in table {
            assert_eq!(
                speaker_of(text),
                Some((name.to_string(), mention.to_string())),
                "in {text:?}"
            );
        }
    }

    #[test]
    fn colon_closing_the_previous_paragraph_introduces_the_quote() {
        let text = "Jane Smith took the microphone. She said:\n\n“We will win this fight and the next one.”\n\nOther news.";
        assert_eq!(
            speaker_of(text),
            Some(("Jane Smith".to_string(), "She".to_string()))
        );
    }

    #[test]
    fn documents_and_organisations_speak_too() {
        let text = "“The state cannot remove voters for not voting,” said the ruling.";
        assert_eq!(
            speaker_of(text).map(|s| s.1),
            Some("the ruling".to_string())
        );
        let text = "“The state cannot remove voters for not voting,” it added.";
        assert_eq!(speaker_of(text).map(|s| s.1), Some("it".to_string()));
    }

    #[test]
    fn bare_quote_after_narrative_is_not_the_previous_speaker() {
        let text = "“First point here,” Smith said.\n\nThe vote was largely symbolic. “We are hardening our defenses.”";
        let got = sheet(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1, None);
    }

    #[test]
    fn split_quote_is_one_quote() {
        let text = "“We are not done,” she said. “We are only starting.”";
        let got = sheet(text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, vec!["We are not done,", "We are only starting."]);
    }

    #[test]
    fn scare_quotes_and_titles_are_not_speech() {
        for text in [
            "The so-called “reform” failed.",
            "She starred in “Parks and Recreation” for years.",
            "He dubbed it “the big beautiful wall” on Monday.",
            "They watched the show “Meet the Press Today” again.",
        ] {
            assert_eq!(sheet(text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn bare_quote_continues_the_previous_speaker() {
        let text = "“First point here,” Smith said.\n\n“And a second point follows it.”";
        let got = sheet(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1.as_ref().map(|s| s.0.as_str()), Some("Smith"));
    }

    #[test]
    fn quote_over_paragraphs_is_one_group() {
        let text = "Smith said: “The first paragraph of it.\n\n“The second paragraph of it.”\n\nOther news.";
        let got = sheet(text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0.len(), 2);
    }
}
