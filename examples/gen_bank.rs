//! Deterministic generator of a newsroom fact and quote bank and of drafts checked
//! against it, for the benchmark in `bench/bank.sh`.
//!
//! ```text
//! cargo run --release --example gen_bank -- bank   --entries N --out DIR [--seed S] [--one-file]
//! cargo run --release --example gen_bank -- drafts --count N --out DIR [--seed S] [--words W]
//! cargo run --release --example gen_bank -- patterns --entries N --out FILE [--seed S]
//! cargo run --release --example gen_bank -- precision --entries N --count C --planted P --out DIR [--words W]
//! ```
//!
//! * `bank` writes `N` entries (a third each quotes, claims and statements — reported
//!   speech —, all `required: false`) as rule files of 100 entries each
//!   (`DIR/bank-00000.yaml`, …). Banks are nested: the bank of 1,000 entries is the first
//!   ten files of the bank of 100,000 with the same seed. With `--one-file`, the same
//!   entries as one ruleset in one file, `DIR/bank.yaml`.
//! * `drafts` writes `N` drafts of about `W` words (default 2,000) as
//!   `DIR/draft-00000.txt`, …: filler prose from a Zipf-distributed vocabulary, the people
//!   of the bank named and quoted — verbatim, as a fragment, altered, credited to someone
//!   else, split — a new quote no rule covers, sentences stating bank claims, most
//!   right and some altered, and sentences reporting bank statements (`X said the … would
//!   …`): credited rightly, reversed, credited to someone else, or stated as fact. Drafts draw on the first 1,000 entries only, so the same
//!   archive serves every bank size.
//! * `patterns` writes every quote text of the bank of `N` entries, one per line, for
//!   `rg -F -f`.
//! * `precision` writes, for the bank of `N` entries, `C` drafts that quote and state
//!   entries drawn from the whole bank correctly (`DIR/clean-00000.txt`, …) and `P`
//!   drafts with one planted error each (`DIR/planted-00000.txt`, …: a quote with a word
//!   changed, a quote credited to someone else, or a claim with another value), with the
//!   answer key `DIR/planted.tsv` (draft, kind, ruleset, rule): how precise the checker
//!   is against a large bank.
//!
//! Everything comes from one seeded generator (SplitMix64): the same arguments give the
//! same bytes on every machine.

use factcheck::extract::values::MONTH_NAMES;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Entries per bank file.
const PER_FILE: usize = 100;
/// Drafts draw on the entries of this many files (1,000 entries).
const DRAFT_FILES: usize = 10;
/// People who may be quoted in the bank.
const PEOPLE: usize = 6_000;
/// Places named in claims and statements.
const PLACES: usize = 2_500;
/// Quotes and claims per bank file; the rest of the file's entries are statements.
const QUOTES_PER_FILE: usize = 33;

/// The SplitMix64 finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64: small, fast, good enough for generating text.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    /// Stream `stream` of seed `seed`: the streams' states are scrambled apart so that
    /// no stream is a shifted copy of another.
    fn new(seed: u64, stream: u64) -> Self {
        Rng(mix(mix(seed) ^ mix(stream.wrapping_add(0x1234_5678))))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Common English words, most frequent first: the head of the vocabulary.
const COMMON: &str = "the of and to a in that is for it was on with he as be by at this \
have from or had not are but they his an which she you were her all their we been has \
one will there would more if no who so can said what its about up out them than into \
some could only other time new people two may then do first any like now my such \
these over also after most many our before must through back years where much your \
way well down should because each just those how too little state good very make \
world still own see men work long get here between both life being under never day \
same another know while last might us great old year off come since against go came \
right used take three states himself few house use during without again place around \
however home small found thought went say part once general high upon school every \
does got united left number course war until always away something fact though water \
less public put think almost hand enough far took head yet government system better \
set told nothing night end why called didn't eyes find going look asked later point \
knew city next program business give group toward young days let room president side \
social given present several order national possible rather second face per among form \
important often things looked early white case john become large big need four within \
felt along children saw best church ever least power development light thing seemed \
family interest want members mind country area others done turned although open god \
service problem certain kind different thus began door help means sense whole matter \
perhaps itself york times law human line above name example action company hands local \
show whether five history gave today either act feet across taken past quite anything \
having seen death experience body word half really field am car words already themselves \
information tell together college shall money period held keep sure free seems real \
behind cannot miss political air question making office brought whose special heard \
major problems ago became federal moment study available known result street economic \
boy position reason change south board individual job areas society west close turn \
love community true court force full seem am wife future age voice center woman control \
common policy necessary following front sometimes six girl clear further land run \
students provide feel party able mother music education university child effect level \
stood military short town total outside rate figure class art century north usually \
leave plan therefore evidence top million sound black strong hard various says believe \
type value play surface soon mean near lines table tax amount followed person minister \
idea data fire whom decision security budget council vote police health care housing \
workers families residents officials hospital election campaign report support cost \
costs department agency plan plans housing schools teachers parents crime safety \
neighborhood neighborhoods streets jobs pay wages rent owners tenants voters county \
district mayor governor senator budget tax taxes fund funding bill law laws measure \
ordinance proposal project projects contract contracts meeting hearing committee members \
chair staff director chief leaders leadership administration policy policies program \
programs services system systems water power energy climate fire flood storm road roads \
bridge transit bus buses train trains traffic parking park parks library libraries \
court judge lawsuit case cases charges police officers deputies sheriff jail prison \
immigrants immigration border families children students teachers classroom classrooms \
we're don't it's can't won't that's they're isn't wasn't aren't there's we've i'm \
going want need believe think know hope expect promise fight work keep make sure \
every everyone nobody anyone somebody together forward back ahead today tomorrow \
yesterday tonight morning week weeks month months decade decades generation future \
proud grateful disappointed concerned worried clear simple honest fair unfair wrong \
right serious real urgent critical important necessary possible impossible difficult \
easy safe dangerous strong weak better worse best worst bigger smaller higher lower \
message promise commitment responsibility opportunity challenge crisis problem solution \
answer question decision choice chance step steps process change changes progress \
result results impact effect effects damage harm benefit benefits value values trust \
respect support opposition agreement deal vote votes majority minority coalition \
partners partnership neighbors community communities city cities state states nation";

/// Syllables for names of people and places and for the long tail of the vocabulary.
const ONSETS: &[&str] = &[
    "b", "br", "c", "ch", "cr", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p",
    "pr", "r", "s", "sh", "st", "t", "tr", "v", "w", "z",
];
const VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "ai", "ea", "ee", "oa", "ou", "ar", "er", "or",
];
const CODAS: &[&str] = &[
    "", "", "n", "l", "r", "s", "t", "d", "m", "ck", "nd", "nt", "rd", "st", "ll", "ng",
];
const PLACE_ENDINGS: &[&str] = &[
    "ford", "field", "ton", "wood", "brook", "dale", "ville", "port", "haven", "ridge", "burg",
    "mont",
];
const FIRST_NAMES: &[&str] = &[
    "James",
    "Maria",
    "Robert",
    "Linda",
    "Michael",
    "Patricia",
    "David",
    "Jennifer",
    "William",
    "Elizabeth",
    "Carlos",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Daniel",
    "Karen",
    "Anthony",
    "Nancy",
    "Mark",
    "Lisa",
    "Steven",
    "Angela",
    "Paul",
    "Ashley",
    "Kevin",
    "Emily",
    "Brian",
    "Michelle",
    "Jorge",
    "Amanda",
    "Luis",
    "Melissa",
    "Andrew",
    "Deborah",
    "Kenneth",
    "Rebecca",
    "Eric",
    "Laura",
    "Wei",
    "Priya",
    "Ahmed",
    "Fatima",
    "Hiroshi",
    "Yuki",
    "Olga",
    "Ivan",
    "Kwame",
    "Amara",
    "Diego",
    "Lucia",
    "Samuel",
    "Grace",
    "Omar",
    "Leila",
    "Noah",
    "Hannah",
    "Ethan",
    "Chloe",
];
const TITLES: &[&str] = &[
    "Councilmember",
    "Mayor",
    "Sen.",
    "Rep.",
    "Gov.",
    "Commissioner",
    "Sheriff",
    "Superintendent",
    "Supervisor",
    "Assemblymember",
];
const ROLES: &[&str] = &[
    "spokesperson for the county",
    "director of the housing authority",
    "president of the teachers union",
    "chair of the planning commission",
    "an economist at the state university",
    "a resident of the district",
];

/// The topics claims are about: the context term and the kind of value it has.
const TOPICS: &[(&str, Kind)] = &[
    ("budget", Kind::Money),
    ("contract", Kind::Money),
    ("bond measure", Kind::Money),
    ("grant", Kind::Money),
    ("deficit", Kind::Money),
    ("settlement", Kind::Money),
    ("vote", Kind::Tally),
    ("ordinance", Kind::Tally),
    ("turnout", Kind::Percent),
    ("tax rate", Kind::Percent),
    ("graduation rate", Kind::Percent),
    ("approval rating", Kind::Percent),
    ("enrollment", Kind::Number),
    ("population", Kind::Number),
    ("ridership", Kind::Number),
    ("shelter beds", Kind::Number),
    ("arrests", Kind::Number),
    ("library", Kind::Year),
    ("courthouse", Kind::Year),
    ("charter", Kind::Year),
    ("hearing", Kind::Date),
    ("election", Kind::Date),
    ("deadline", Kind::Date),
    ("designation", Kind::Text),
];

/// What statements are about: the context term beside the place.
const SUBJECTS: &[&str] = &[
    "bus route",
    "clinic",
    "curfew",
    "zoning plan",
    "levee",
    "bike lanes",
    "food bank",
    "rent cap",
    "youth center",
    "water plant",
    "recycling program",
    "stadium deal",
    "fire station",
    "senior center",
    "tree canopy",
    "sewer line",
    "pension fund",
    "charter school",
    "ferry",
    "landfill",
    "toll lane",
    "skate park",
    "crosswalk",
    "harbor",
];

/// What a statement says of its subject: (as said, reversed).
const PREDICATES: &[(&str, &str)] = &[
    ("will open next year", "will not open next year"),
    ("is safe for families", "is not safe for families"),
    (
        "has enough money to run",
        "does not have enough money to run",
    ),
    ("will be finished on time", "will not be finished on time"),
    (
        "can serve every neighborhood",
        "cannot serve every neighborhood",
    ),
    (
        "should stay under city control",
        "should not stay under city control",
    ),
    ("was never a priority", "was always a priority"),
    ("will not raise rents", "will raise rents"),
    ("is no longer needed", "is still needed"),
];

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Tally,
    Year,
    Date,
    Number,
    Percent,
    Money,
    Text,
}

/// The vocabulary: common words, then a long tail of made-up words, sampled by Zipf's law.
pub(crate) struct Vocabulary {
    words: Vec<String>,
    /// Cumulative weights for sampling.
    cumulative: Vec<f64>,
}

impl Vocabulary {
    pub(crate) fn new() -> Self {
        let mut words: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for w in COMMON.split_whitespace() {
            if seen.insert(w.to_string()) {
                words.push(w.to_string());
            }
        }
        let mut rng = Rng::new(7, 7);
        while words.len() < 20_000 {
            let syllables = rng.range(2, 3);
            let w = made_up_word(&mut rng, syllables);
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += (rank as f64 + 2.7).powf(-1.1);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }

    /// A sentence of `n` words, capitalised, without final punctuation.
    fn words(&self, rng: &mut Rng, n: usize) -> String {
        let mut s = String::new();
        for k in 0..n {
            if k > 0 {
                s.push(' ');
            }
            let w = self.word(rng);
            if k == 0 {
                s.push_str(&capitalise(w));
            } else {
                s.push_str(w);
            }
            if k + 1 < n && k > 2 && rng.chance(0.06) {
                s.push(',');
            }
        }
        s
    }
}

fn made_up_word(rng: &mut Rng, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(rng.pick(ONSETS));
        w.push_str(rng.pick(VOWELS));
    }
    w.push_str(rng.pick(CODAS));
    w
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A person of the bank.
pub(crate) struct Person {
    pub(crate) name: String,
    title: Option<String>,
    pub(crate) id: String,
}

pub(crate) fn person(seed: u64, i: usize) -> Person {
    let mut rng = Rng::new(seed, 1_000_000 + i as u64);
    let first = rng.pick(FIRST_NAMES).to_string();
    let syllables = rng.range(2, 3);
    let last = capitalise(&made_up_word(&mut rng, syllables));

    let title = if rng.chance(0.6) {
        Some(rng.pick(TITLES).to_string())
    } else {
        None
    };
    let name = format!("{first} {last}");
    Person {
        id: format!("p{i}"),
        name,
        title,
    }
}

fn place(seed: u64, i: usize) -> String {
    let mut rng = Rng::new(seed, 2_000_000 + i as u64);
    let stem = made_up_word(&mut rng, 1);
    // Keep places unique: the index picks the ending and a suffix syllable when needed.
    let ending = PLACE_ENDINGS[i % PLACE_ENDINGS.len()];
    let extra = if i >= PLACE_ENDINGS.len() * 40 {
        made_up_word(&mut rng, 1)
    } else {
        String::new()
    };
    capitalise(&format!("{stem}{extra}{ending}"))
}

/// A claim of the bank: where (place), what (topic), and its value.
pub(crate) struct Claim {
    id: String,
    pub(crate) place: String,
    pub(crate) topic: &'static str,
    pub(crate) kind: Kind,
    /// The value as written in the rule.
    pub(crate) rule_value: String,
    /// The value as a draft writes it.
    prose: String,
    /// A different value of the same kind, as a draft writes it.
    altered: String,
}

/// A quote of the bank.
pub(crate) struct QuoteEntry {
    id: String,
    pub(crate) speaker: usize,
    pub(crate) text: String,
}

/// A statement of the bank: who said what about the subject in a place.
pub(crate) struct StatementEntry {
    id: String,
    pub(crate) speaker: usize,
    pub(crate) place: String,
    pub(crate) subject: &'static str,
    /// What was said of it, and the reverse.
    pub(crate) predicate: (&'static str, &'static str),
}

impl StatementEntry {
    /// The statement as the rule writes it.
    pub(crate) fn text(&self) -> String {
        format!(
            "The {} in {} {}.",
            self.subject, self.place, self.predicate.0
        )
    }
}

pub(crate) struct BankFile {
    pub(crate) quotes: Vec<QuoteEntry>,
    pub(crate) claims: Vec<Claim>,
    pub(crate) statements: Vec<StatementEntry>,
}

/// Value `v` of kind `kind`, as a rule writes it and as prose writes it.
fn value_forms(kind: Kind, rng: &mut Rng, vocab: &Vocabulary) -> (String, String) {
    match kind {
        Kind::Tally => {
            let yes = rng.range(5, 15);
            let no = rng.range(0, 4);
            let prose = if rng.chance(0.5) {
                format!("{yes}-{no}")
            } else {
                format!("{yes} to {no}")
            };
            (format!("{yes}-{no}"), prose)
        }
        Kind::Year => {
            let y = rng.range(1890, 2023);
            (y.to_string(), y.to_string())
        }
        Kind::Date => {
            let y = rng.range(2015, 2026);
            let m = rng.range(1, 12);
            let d = rng.range(1, 28);
            (
                format!("{y}-{m:02}-{d:02}"),
                format!("{} {d}, {y}", MONTH_NAMES[m - 1]),
            )
        }
        Kind::Number => {
            let n = rng.range(120, 98_000);
            (n.to_string(), group_thousands(n))
        }
        Kind::Percent => {
            let p = rng.range(3, 97);
            (format!("{p}%"), format!("{p} percent"))
        }
        Kind::Money => {
            let whole = rng.range(1, 950);
            let tenths = rng.range(1, 9);
            let scale = if rng.chance(0.7) {
                "million"
            } else {
                "billion"
            };
            let v = format!("${whole}.{tenths} {scale}");
            (v.clone(), v)
        }
        Kind::Text => {
            let w = vocab.word(rng).to_string();
            let phrase = format!("historic {w}");
            (phrase.clone(), phrase)
        }
    }
}

fn group_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bank file `k`: entries `k*100 .. k*100+100`, a third each quotes, claims and
/// statements.
pub(crate) fn bank_file(seed: u64, k: usize, vocab: &Vocabulary) -> BankFile {
    let mut rng = Rng::new(seed, k as u64);
    let mut quotes = Vec::new();
    let mut claims = Vec::new();
    for e in 0..QUOTES_PER_FILE {
        let n = k * QUOTES_PER_FILE + e;
        // Quotes: one to three sentences, 8 to 45 words in all.
        let sentences = if rng.chance(0.7) { 1 } else { rng.range(2, 3) };
        let mut text = String::new();
        for s in 0..sentences {
            if s > 0 {
                text.push(' ');
            }
            let len = rng.range(6, 18);
            text.push_str(&vocab.words(&mut rng, len));
            text.push(if rng.chance(0.1) { '!' } else { '.' });
        }
        quotes.push(QuoteEntry {
            id: format!("q{n}"),
            speaker: rng.below(PEOPLE),
            text,
        });
        // Claims: (place, topic) pairs are unique across the bank.
        let combo = (n * 7_919) % (PLACES * TOPICS.len());
        let (topic, kind) = TOPICS[combo / PLACES];
        let (rule_value, prose) = value_forms(kind, &mut rng, vocab);
        let altered = loop {
            let (_, a) = value_forms(kind, &mut rng, vocab);
            if a != prose || kind == Kind::Text {
                break a;
            }
        };
        claims.push(Claim {
            id: format!("c{n}"),
            place: place(seed, combo % PLACES),
            topic,
            kind,
            rule_value,
            prose,
            altered,
        });
    }
    // Statements: (place, subject) pairs are unique across the bank too.
    let per_file = PER_FILE - 2 * QUOTES_PER_FILE;
    let mut statements = Vec::new();
    for e in 0..per_file {
        let n = k * per_file + e;
        let combo = (n * 6_151) % (PLACES * SUBJECTS.len());
        statements.push(StatementEntry {
            id: format!("s{n}"),
            speaker: rng.below(PEOPLE),
            place: place(seed, combo % PLACES),
            subject: SUBJECTS[combo / PLACES],
            predicate: rng.pick(PREDICATES),
        });
    }
    BankFile {
        quotes,
        claims,
        statements,
    }
}

fn yaml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(crate) fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Tally => "tally",
        Kind::Year => "year",
        Kind::Date => "date",
        Kind::Number => "number",
        Kind::Percent => "percent",
        Kind::Money => "money",
        Kind::Text => "text",
    }
}

pub(crate) fn write_bank_file(seed: u64, k: usize, file: &BankFile) -> String {
    write_ruleset(
        seed,
        &format!("bank-{k:05}"),
        &format!("Newsroom bank, part {k}"),
        std::slice::from_ref(file),
    )
}

/// The entries of every file of `files` as one ruleset, `bank`: a bank written as one
/// rule file.
pub(crate) fn write_bank_as_one_file(seed: u64, files: &[BankFile]) -> String {
    write_ruleset(seed, "bank", "Newsroom bank, one file", files)
}

/// One rule file: the ruleset `id` with the people, claims, quotes and statements of
/// `files`.
fn write_ruleset(seed: u64, id: &str, description: &str, files: &[BankFile]) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "# Generated by examples/gen_bank.rs (seed {seed}).");
    let _ = writeln!(y, "ruleset: {id}");
    let _ = writeln!(y, "description: {description}");
    let mut speakers: Vec<usize> = files
        .iter()
        .flat_map(|f| &f.quotes)
        .map(|q| q.speaker)
        .chain(files.iter().flat_map(|f| &f.statements).map(|s| s.speaker))
        .collect();
    speakers.sort_unstable();
    speakers.dedup();
    let _ = writeln!(y, "people:");
    for &i in &speakers {
        let p = person(seed, i);
        let _ = writeln!(y, "  - id: {}", p.id);
        let _ = writeln!(y, "    name: {}", yaml_str(&p.name));
        if let Some(t) = &p.title {
            let _ = writeln!(y, "    title: {}", yaml_str(t));
        }
    }
    let _ = writeln!(y, "claims:");
    for c in files.iter().flat_map(|f| &f.claims) {
        let _ = writeln!(y, "  - id: {}", c.id);
        let _ = writeln!(
            y,
            "    statement: {}",
            yaml_str(&format!("In {}, the {} was {}.", c.place, c.topic, c.prose))
        );
        let _ = writeln!(
            y,
            "    context: [{}, {}]",
            yaml_str(&c.place),
            yaml_str(c.topic)
        );
        let _ = writeln!(
            y,
            "    value: {{ {}: {} }}",
            kind_key(c.kind),
            yaml_str(&c.rule_value)
        );
        let _ = writeln!(y, "    required: false");
    }
    let _ = writeln!(y, "quotes:");
    for q in files.iter().flat_map(|f| &f.quotes) {
        let _ = writeln!(y, "  - id: {}", q.id);
        let _ = writeln!(y, "    speaker: p{}", q.speaker);
        let _ = writeln!(y, "    text: {}", yaml_str(&q.text));
        let _ = writeln!(y, "    required: false");
    }
    let _ = writeln!(y, "statements:");
    for st in files.iter().flat_map(|f| &f.statements) {
        let _ = writeln!(y, "  - id: {}", st.id);
        let _ = writeln!(y, "    speaker: p{}", st.speaker);
        let _ = writeln!(y, "    statement: {}", yaml_str(&st.text()));
        let _ = writeln!(
            y,
            "    context: [{}, {}]",
            yaml_str(&st.place),
            yaml_str(st.subject)
        );
        let _ = writeln!(y, "    required: false");
    }
    y
}

/// A quote's text without its final punctuation, for `“…,” X said.`
fn open_ended(text: &str) -> &str {
    text.trim_end_matches(['.', '!'])
}

/// Changes one word of a quote (drops it or replaces it).
fn alter(text: &str, rng: &mut Rng, vocab: &Vocabulary) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    let i = rng.range(1, words.len().saturating_sub(2).max(1));
    if rng.chance(0.5) && words.len() > 6 {
        words.remove(i);
    } else {
        let mut w = vocab.word(rng).to_string();
        while words[i].trim_end_matches([',', '.', '!']) == w {
            w = vocab.word(rng).to_string();
        }
        words[i] = w;
    }
    words.join(" ")
}

/// A filler sentence: prose from the vocabulary, now and then naming a person, a place or
/// a number.
fn filler(rng: &mut Rng, vocab: &Vocabulary, seed: u64) -> String {
    let len = rng.range(9, 26);
    let mut s = vocab.words(rng, len);
    match rng.below(10) {
        0 => {
            let p = person(seed, rng.below(PEOPLE));
            let _ = write!(s, " {}", p.name);
        }
        1 => {
            let _ = write!(s, " in {}", place(seed, rng.below(PLACES)));
        }
        2 => {
            let _ = write!(s, " {}", rng.range(2, 900));
        }
        _ => {}
    }
    s.push('.');
    s
}

fn count_words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// How a draft introduces a person: by title, or by name and role.
fn introduce(p: &Person) -> String {
    match &p.title {
        Some(t) => format!("{t} {}", p.name),
        None => format!("{}, {},", p.name, ROLES[p.id.len() % ROLES.len()]),
    }
}

/// A sentence stating claim `c` with `value` (as prose writes it).
fn claim_sentence(c: &Claim, value: &str, rng: &mut Rng, vocab: &Vocabulary) -> String {
    let lead_len = rng.range(3, 8);
    let lead = vocab.words(rng, lead_len);
    match c.kind {
        Kind::Year => format!("{lead} the {} in {} opened in {value}.", c.topic, c.place),
        Kind::Date => format!("{lead} the {} in {} is set for {value}.", c.topic, c.place),
        Kind::Tally => format!(
            "{lead} the {} in {} passed {value} on Tuesday.",
            c.topic, c.place
        ),
        Kind::Text => format!(
            "{lead} the {} of {} is a {value}, officials said.",
            c.topic, c.place
        ),
        _ => format!(
            "{lead} in {}, the {} reached {value} this year.",
            c.place, c.topic
        ),
    }
}

/// A fragment of five to eight words of quote `q`, quoted inside a sentence that names
/// its speaker.
fn fragment_sentence(
    q: &QuoteEntry,
    p: &Person,
    rng: &mut Rng,
    vocab: &Vocabulary,
    seed: u64,
) -> String {
    let w: Vec<&str> = q.text.split(' ').collect();
    let n = w.len().min(rng.range(5, 8));
    let from = rng.below(w.len() - n + 1);
    let frag = w[from..from + n].join(" ");
    let frag = frag.trim_end_matches([',', '.', '!']);
    format!(
        "{} {} said the plan would “{}” for the district.",
        filler(rng, vocab, seed).trim_end_matches('.'),
        p.name,
        frag.to_lowercase()
    )
}

/// About `words` words: filler paragraphs with `specials` interleaved evenly.
fn assemble(
    specials: Vec<String>,
    words: usize,
    rng: &mut Rng,
    vocab: &Vocabulary,
    seed: u64,
) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut total = specials.iter().map(|s| count_words(s)).sum::<usize>();
    let mut filler_paragraphs: Vec<String> = Vec::new();
    while total < words {
        let n = rng.range(1, 3);
        let mut para = String::new();
        for s in 0..n {
            if s > 0 {
                para.push(' ');
            }
            para.push_str(&filler(rng, vocab, seed));
        }
        total += count_words(&para);
        filler_paragraphs.push(para);
    }
    // Interleave the specials evenly among the filler.
    let step = (filler_paragraphs.len() / (specials.len() + 1)).max(1);
    let mut specials = specials.into_iter();
    for (k, para) in filler_paragraphs.into_iter().enumerate() {
        paragraphs.push(para);
        if k % step == step - 1 {
            if let Some(s) = specials.next() {
                paragraphs.push(s);
            }
        }
    }
    paragraphs.extend(specials);
    let mut out = paragraphs.join("\n\n");
    out.push('\n');
    out
}

/// Draft `i`: about `words` words of news prose with bank quotes and claims in it.
pub(crate) fn draft(
    seed: u64,
    i: usize,
    words: usize,
    files: &[BankFile],
    vocab: &Vocabulary,
) -> String {
    let mut rng = Rng::new(seed, 10_000_000 + i as u64);
    let quotes: Vec<&QuoteEntry> = files.iter().flat_map(|f| &f.quotes).collect();
    let claims: Vec<&Claim> = files.iter().flat_map(|f| &f.claims).collect();
    // The special paragraphs: quotes and claims, in random order among filler.
    let mut specials: Vec<String> = Vec::new();
    for k in 0..8 {
        let q = rng.pick(&quotes);
        let p = person(seed, q.speaker);
        let para = match k {
            // Verbatim, named after the quote.
            0 | 1 => format!("“{},” {} said.", open_ended(&q.text), introduce(&p)),
            // Verbatim, named before it.
            2 => format!("{} said: “{}”", introduce(&p), q.text),
            // A fragment of at least five words inside a sentence.
            3 => fragment_sentence(q, &p, &mut rng, vocab, seed),
            // Altered by one word.
            4 | 5 => format!(
                "“{},” {} said.",
                open_ended(&alter(&q.text, &mut rng, vocab)),
                introduce(&p)
            ),
            // Credited to someone else.
            6 => {
                let other = person(seed, (q.speaker + 1 + rng.below(PEOPLE - 1)) % PEOPLE);
                format!("“{},” {} said.", open_ended(&q.text), introduce(&other))
            }
            // A new quote no rule covers, from someone new.
            _ => {
                let len = rng.range(10, 24);
                let text = vocab.words(&mut rng, len);
                format!(
                    "“{text},” said {} {}, who lives nearby.",
                    rng.pick(FIRST_NAMES),
                    capitalise(&made_up_word(&mut rng, 3))
                )
            }
        };
        specials.push(para);
    }
    for k in 0..7 {
        let c = rng.pick(&claims);
        let value = if k < 5 || c.kind == Kind::Text {
            &c.prose
        } else {
            &c.altered
        };
        let sentence = claim_sentence(c, value, &mut rng, vocab);
        specials.push(sentence);
    }
    let statements: Vec<&StatementEntry> = files.iter().flat_map(|f| &f.statements).collect();
    for k in 0..6 {
        let st = rng.pick(&statements);
        let p = person(seed, st.speaker);
        let (said, reversed) = st.predicate;
        let sentence = match k {
            // Credited to the speaker, as said.
            0..=2 => format!(
                "{} said the {} in {} {said}.",
                introduce(&p),
                st.subject,
                st.place
            ),
            // Reversed.
            3 => format!(
                "{} said the {} in {} {reversed}.",
                p.name, st.subject, st.place
            ),
            // Credited to someone else.
            4 => {
                let other = person(seed, (st.speaker + 1 + rng.below(PEOPLE - 1)) % PEOPLE);
                format!(
                    "According to {}, the {} in {} {said}.",
                    other.name, st.subject, st.place
                )
            }
            // Stated as the draft's own.
            _ => format!("The {} in {} {said}.", st.subject, st.place),
        };
        specials.push(sentence);
    }
    assemble(specials, words, &mut rng, vocab, seed)
}

/// Whether a claim's altered value is another value (a tally written `9 to 2` is the
/// same as `9-2`), read as the checker reads them.
fn altered_value_differs(c: &Claim) -> bool {
    use factcheck::extract::{find_values, parse_value, ValueKind};
    let kind = match c.kind {
        Kind::Tally => ValueKind::Tally,
        Kind::Year => ValueKind::Year,
        Kind::Date => ValueKind::Date,
        Kind::Number => ValueKind::Number,
        Kind::Percent => ValueKind::Percent,
        Kind::Money => ValueKind::Money,
        Kind::Text => return false,
    };
    let Ok(expected) = parse_value(kind, &c.rule_value) else {
        return false;
    };
    let found = find_values(&c.altered, kind);
    !found.is_empty() && found.iter().all(|v| !expected.satisfies(&v.value))
}

/// The error planted in a draft of the precision set, as the checker should report it.
pub(crate) struct Planted {
    /// `altered` or `misattributed`.
    pub(crate) kind: &'static str,
    /// The ruleset of the rule.
    pub(crate) ruleset: String,
    /// The rule id.
    pub(crate) rule: String,
}

/// Draft `i` of the precision set: about `words` words quoting six bank quotes (verbatim,
/// named after or before, or a fragment of five to eight words, each credited to its
/// speaker) and stating five bank claims with their values, drawn from the whole bank
/// (`files`, bank file `k` holding ruleset `bank-k`) — everything right. With `plant`,
/// one of them is wrong instead: a quote with one word changed, a quote credited to
/// someone else, or a claim with another value (by `i`), returned with the draft.
pub(crate) fn precision_draft(
    seed: u64,
    i: usize,
    words: usize,
    files: &[BankFile],
    vocab: &Vocabulary,
    plant: bool,
) -> (String, Option<Planted>) {
    let stream = if plant { 30_000_000 } else { 20_000_000 };
    let mut rng = Rng::new(seed, stream + i as u64);
    let mut specials: Vec<String> = Vec::new();
    let mut planted = None;
    let kind = i % 3;
    for k in 0..6 {
        let f = rng.below(files.len());
        let e = rng.below(files[f].quotes.len());
        let q = &files[f].quotes[e];
        let p = person(seed, q.speaker);
        let wrong = plant && kind < 2 && k == 0;
        let para = if wrong && kind == 0 {
            planted = Some(Planted {
                kind: "altered",
                ruleset: format!("bank-{f:05}"),
                rule: q.id.clone(),
            });
            format!(
                "“{},” {} said.",
                open_ended(&alter(&q.text, &mut rng, vocab)),
                introduce(&p)
            )
        } else if wrong {
            let other = loop {
                let o = person(seed, (q.speaker + 1 + rng.below(PEOPLE - 1)) % PEOPLE);
                if o.name != p.name {
                    break o;
                }
            };
            planted = Some(Planted {
                kind: "misattributed",
                ruleset: format!("bank-{f:05}"),
                rule: q.id.clone(),
            });
            format!("“{},” {} said.", open_ended(&q.text), introduce(&other))
        } else {
            match k % 3 {
                0 => format!("“{},” {} said.", open_ended(&q.text), introduce(&p)),
                1 => format!("{} said: “{}”", introduce(&p), q.text),
                _ => fragment_sentence(q, &p, &mut rng, vocab, seed),
            }
        };
        specials.push(para);
    }
    for k in 0..5 {
        let wrong = plant && kind == 2 && k == 0;
        let (f, c) = loop {
            let f = rng.below(files.len());
            let e = rng.below(files[f].claims.len());
            let c = &files[f].claims[e];
            if !wrong || altered_value_differs(c) {
                break (f, c);
            }
        };
        let value = if wrong {
            planted = Some(Planted {
                kind: "altered",
                ruleset: format!("bank-{f:05}"),
                rule: c.id.clone(),
            });
            &c.altered
        } else {
            &c.prose
        };
        let sentence = claim_sentence(c, value, &mut rng, vocab);
        specials.push(sentence);
    }
    (assemble(specials, words, &mut rng, vocab, seed), planted)
}

struct Args {
    command: String,
    entries: usize,
    count: usize,
    words: usize,
    seed: u64,
    out: PathBuf,
    one_file: bool,
    planted: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let command = it
        .next()
        .ok_or("missing command: bank, drafts or patterns")?;
    let mut args = Args {
        command,
        entries: 1_000,
        count: 100,
        words: 2_000,
        seed: 42,
        out: PathBuf::from("target/bench"),
        one_file: false,
        planted: 0,
    };
    while let Some(flag) = it.next() {
        if flag == "--one-file" {
            args.one_file = true;
            continue;
        }
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let number = || value.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--entries" => args.entries = number()?,
            "--count" => args.count = number()?,
            "--planted" => args.planted = number()?,
            "--words" => args.words = number()?,
            "--seed" => args.seed = number()? as u64,
            "--out" => args.out = PathBuf::from(&value),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(args)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let vocab = Vocabulary::new();
    let files = args.entries.div_ceil(PER_FILE);
    match args.command.as_str() {
        "bank" if args.one_file => {
            fs::create_dir_all(&args.out).map_err(|e| e.to_string())?;
            let bank: Vec<BankFile> = (0..files)
                .map(|k| bank_file(args.seed, k, &vocab))
                .collect();
            write(
                &args.out.join("bank.yaml"),
                &write_bank_as_one_file(args.seed, &bank),
            )?;
        }
        "bank" => {
            fs::create_dir_all(&args.out).map_err(|e| e.to_string())?;
            for k in 0..files {
                let file = bank_file(args.seed, k, &vocab);
                let path = args.out.join(format!("bank-{k:05}.yaml"));
                write(&path, &write_bank_file(args.seed, k, &file))?;
            }
        }
        "patterns" => {
            let mut out = String::new();
            for k in 0..files {
                for q in bank_file(args.seed, k, &vocab).quotes {
                    out.push_str(&q.text);
                    out.push('\n');
                }
            }
            if let Some(parent) = args.out.parent() {
                fs::create_dir_all(parent).map_err(|e| e.to_string())?;
            }
            write(&args.out, &out)?;
        }
        "precision" => {
            fs::create_dir_all(&args.out).map_err(|e| e.to_string())?;
            let bank: Vec<BankFile> = (0..files)
                .map(|k| bank_file(args.seed, k, &vocab))
                .collect();
            let mut key = String::from("draft\tkind\truleset\trule\n");
            for i in 0..args.count {
                let (text, _) = precision_draft(args.seed, i, args.words, &bank, &vocab, false);
                write(&args.out.join(format!("clean-{i:05}.txt")), &text)?;
            }
            for i in 0..args.planted {
                let (text, planted) =
                    precision_draft(args.seed, i, args.words, &bank, &vocab, true);
                let name = format!("planted-{i:05}.txt");
                write(&args.out.join(&name), &text)?;
                if let Some(p) = planted {
                    let _ = writeln!(key, "{name}\t{}\t{}\t{}", p.kind, p.ruleset, p.rule);
                }
            }
            write(&args.out.join("planted.tsv"), &key)?;
        }
        "drafts" => {
            fs::create_dir_all(&args.out).map_err(|e| e.to_string())?;
            let bank: Vec<BankFile> = (0..DRAFT_FILES)
                .map(|k| bank_file(args.seed, k, &vocab))
                .collect();
            for i in 0..args.count {
                let path = args.out.join(format!("draft-{i:05}.txt"));
                write(&path, &draft(args.seed, i, args.words, &bank, &vocab))?;
            }
        }
        other => return Err(format!("unknown command {other}")),
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_bank: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
