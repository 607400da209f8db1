//! A compiled cache of loaded rules, so that a large bank of rule files (a newsroom's
//! 100,000 verified facts and quotes) loads in milliseconds instead of being parsed as
//! YAML on every run.
//!
//! The cache is automatic and keyed by content: the key is a 128-bit hash (XXH3) of the
//! cache format, the layout of the rule types, and every rule file's shown path and
//! bytes, so editing, adding, removing or renaming any rule file — or upgrading
//! factcheck — makes the next run parse the YAML again. Only successful loads are
//! cached: a rule-file error is always the loader's own, with file, line and column.
//! The loaded [`RuleSet`]s are stored with `postcard` (a compact serde format), one
//! cache file per set of rule files, replaced atomically. The file holds a head (the
//! header, the compiled value and a table of rulesets, under one checksum) followed by
//! each ruleset encoded on its own with its own checksum, so that a run can read the
//! head and leave the rulesets in the file until it needs one ([`load_bank_cached`],
//! [`CachedRuleSets`]): checking one draft against a bank of 100,000 rules decodes
//! only the rulesets the draft touches. Every checksum is checked when the file is
//! opened (streamed, without decoding): a damaged file is set aside at once.
//!
//! Rules smaller than [`CACHE_MIN_BYTES`] are not cached (they parse as fast as the
//! cache would load).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use twox_hash::XxHash3_128;

use super::load::{load_texts, read_text, rule_files};
use super::{RuleError, RuleSet};

/// Smallest total size of rule files worth caching (bytes).
pub const CACHE_MIN_BYTES: u64 = 256 * 1024;

/// Bumped when the cache file's framing changes.
const FORMAT: &[u8; 23] = b"factcheck-rules-cache/4";

/// Where compiled rules are cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesCache {
    dir: PathBuf,
}

impl RulesCache {
    /// A cache in `dir` (created on first use).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        RulesCache { dir: dir.into() }
    }

    /// The cache directory from the environment: `$FACTCHECK_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/factcheck`, else `$HOME/.cache/factcheck`; `None` when none is
    /// set, or when `FACTCHECK_CACHE_DIR` is set but empty (caching turned off).
    pub fn from_env() -> Option<Self> {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        if let Some(dir) = std::env::var_os("FACTCHECK_CACHE_DIR") {
            return (!dir.is_empty()).then(|| RulesCache::at(dir));
        }
        if let Some(xdg) = var("XDG_CACHE_HOME") {
            return Some(RulesCache::at(Path::new(&xdg).join("factcheck")));
        }
        var("HOME").map(|home| RulesCache::at(Path::new(&home).join(".cache").join("factcheck")))
    }

    /// The directory of the cache.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// What [`load_rules_cached`] did, for tests and diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheOutcome {
    /// The rules were under [`CACHE_MIN_BYTES`], or no cache was given: parsed.
    NotCached,
    /// Loaded from the cache.
    Hit,
    /// Parsed, and stored in the cache (or storing failed, silently).
    Miss,
}

/// Loads rules like [`super::load_rules_with_limit`], through `cache` when the rule files
/// are large enough to be worth it. Returns exactly what the loader returns, errors
/// included; a cache that cannot be read or written is ignored.
pub fn load_rules_cached(
    paths: &[PathBuf],
    max_size: u64,
    cache: Option<&RulesCache>,
) -> Result<(Vec<RuleSet>, CacheOutcome), RuleError> {
    load_rules_cached_with(paths, max_size, cache, "", |_| ())
        .map(|(rules, _, outcome)| (rules, outcome))
}

/// Like [`load_rules_cached`], also caching what `compile` derives from the rules (the
/// checker's index): on a hit it comes from the cache, on a miss it is computed and
/// stored with the rules. `None` when the rules are not cached (too small, or no cache):
/// then the caller compiles what it needs itself. `layout` names the shape of `T` (any
/// change to it must change `layout`, which is part of the key).
pub fn load_rules_cached_with<T, F>(
    paths: &[PathBuf],
    max_size: u64,
    cache: Option<&RulesCache>,
    layout: &str,
    compile: F,
) -> Result<(Vec<RuleSet>, Option<T>, CacheOutcome), RuleError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send,
    F: FnOnce(&[RuleSet]) -> T,
{
    let (source, compiled, outcome) = load_bank_cached(paths, max_size, cache, layout, compile)?;
    match source.into_vec() {
        Some(rules) => Ok((rules, compiled, outcome)),
        // A ruleset in the cache file is damaged: load the rule files again.
        None => {
            let files = rule_files(paths)?;
            let rules = load_files(&files, max_size)?;
            Ok((rules, None, CacheOutcome::Miss))
        }
    }
}

/// Like [`load_rules_cached_with`], but on a hit the rulesets stay in the cache file
/// until first used ([`RuleSource::Cached`]): a run that checks one draft against a
/// bank of 100,000 rules decodes only the few rulesets the draft touches.
pub fn load_bank_cached<T, F>(
    paths: &[PathBuf],
    max_size: u64,
    cache: Option<&RulesCache>,
    layout: &str,
    compile: F,
) -> Result<(RuleSource, Option<T>, CacheOutcome), RuleError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send,
    F: FnOnce(&[RuleSet]) -> T,
{
    let files = rule_files(paths)?;
    let not_cached =
        |rules: Vec<RuleSet>| (RuleSource::Loaded(rules), None, CacheOutcome::NotCached);
    let Some(cache) = cache else {
        return load_files(&files, max_size).map(not_cached);
    };
    let stamps: Option<Vec<Stamp>> = files.iter().map(|(file, _)| Stamp::of(file)).collect();
    let Some(stamps) = stamps else {
        return load_files(&files, max_size).map(not_cached);
    };
    if stamps.iter().map(|s| s.len).sum::<u64>() < CACHE_MIN_BYTES {
        return load_files(&files, max_size).map(not_cached);
    }
    let shown: Vec<&str> = files.iter().map(|(_, s)| s.as_str()).collect();
    let path = cache
        .dir
        .join(format!("rules-{:032x}.bin", location_key(paths)));
    let stored = open_cache(&path);
    // Fast path: every file has the size and modification time it had when the cache
    // was written, long enough before the writing not to be racy (as git does).
    if let Some(stored) = &stored {
        if stored.header.layout == layout_key(layout) && stored.header.matches(&shown, &stamps) {
            if let (Some(compiled), Some(rules)) = (stored.compiled::<T>(), stored.rulesets()) {
                return Ok((RuleSource::Cached(rules), Some(compiled), CacheOutcome::Hit));
            }
        }
    }
    // Read every file (the key needs them all); on any failure, load the usual way so
    // that the error is the one the loader reports first.
    let mut texts = Vec::with_capacity(files.len());
    for (file, shown) in &files {
        match read_text(file, shown, max_size) {
            Ok(text) => texts.push((shown.clone(), text)),
            Err(_) => return load_files(&files, max_size).map(not_cached),
        }
    }
    let key = content_key(&texts, layout);
    let hit = stored.and_then(|stored| {
        (stored.header.key == key)
            .then(|| Some((stored.rulesets()?.into_vec()?, stored.compiled::<T>()?)))
            .flatten()
    });
    let (rules, compiled, outcome) = match hit {
        Some((rules, compiled)) => (rules, compiled, CacheOutcome::Hit),
        None => {
            let rules = load_texts(texts.into_iter().map(Ok))?;
            let compiled = compile(&rules);
            (rules, compiled, CacheOutcome::Miss)
        }
    };
    // Store (or refresh the file stamps of) the cache; failing to write it only costs
    // the next run a parse.
    let _ = write_cache(
        &cache.dir,
        &path,
        &Header {
            key,
            layout: layout_key(layout),
            written: now_nanos(),
            files: shown.iter().map(|s| s.to_string()).zip(stamps).collect(),
        },
        &rules,
        &compiled,
    );
    Ok((RuleSource::Loaded(rules), Some(compiled), outcome))
}

/// Rulesets as a run holds them: loaded whole, or left in the cache file and decoded
/// one ruleset at a time when first used.
pub enum RuleSource {
    /// Parsed from the rule files (or decoded whole).
    Loaded(Vec<RuleSet>),
    /// In the cache file.
    Cached(CachedRuleSets),
}

impl RuleSource {
    /// Every ruleset, decoded; `None` when one in the cache file is damaged.
    pub fn into_vec(self) -> Option<Vec<RuleSet>> {
        match self {
            RuleSource::Loaded(rules) => Some(rules),
            RuleSource::Cached(cached) => cached.into_vec(),
        }
    }

    /// A view to read the rulesets through.
    pub fn view(&self) -> RuleSetsView<'_> {
        match self {
            RuleSource::Loaded(rules) => RuleSetsView::Loaded(rules),
            RuleSource::Cached(cached) => RuleSetsView::Cached(cached),
        }
    }
}

/// Rulesets to read, whether loaded or in the cache file (see [`RuleSource`]).
#[derive(Clone, Copy)]
pub enum RuleSetsView<'r> {
    /// Loaded rulesets.
    Loaded(&'r [RuleSet]),
    /// Rulesets in the cache file, decoded when first read.
    Cached(&'r CachedRuleSets),
}

impl<'r> RuleSetsView<'r> {
    /// Number of rulesets.
    pub fn len(&self) -> usize {
        match self {
            RuleSetsView::Loaded(rules) => rules.len(),
            RuleSetsView::Cached(cached) => cached.entries.len(),
        }
    }

    /// True when there is no ruleset.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Ruleset `i` (decoded on first use from the cache file); `None` when there is no
    /// such ruleset, or its bytes in the cache file are damaged.
    pub fn get(&self, i: usize) -> Option<&'r RuleSet> {
        match *self {
            RuleSetsView::Loaded(rules) => rules.get(i),
            RuleSetsView::Cached(cached) => cached.get(i),
        }
    }

    /// Every ruleset in order (each decoded on first use; a damaged one is left out).
    pub fn iter(self) -> impl Iterator<Item = &'r RuleSet> {
        (0..self.len()).filter_map(move |i| self.get(i))
    }

    /// How many statements ruleset `i` has, without decoding it.
    pub fn statement_count(&self, i: usize) -> Option<usize> {
        match self {
            RuleSetsView::Loaded(rules) => rules.get(i).map(|r| r.statements.len()),
            RuleSetsView::Cached(cached) => {
                cached.entries.get(i).map(|e| e.stored.statements as usize)
            }
        }
    }

    /// How many claims and quotes ruleset `i` has, without decoding it.
    pub fn counts(&self, i: usize) -> Option<(usize, usize)> {
        match self {
            RuleSetsView::Loaded(rules) => rules.get(i).map(|r| (r.claims.len(), r.quotes.len())),
            RuleSetsView::Cached(cached) => cached
                .entries
                .get(i)
                .map(|e| (e.stored.claims as usize, e.stored.quotes as usize)),
        }
    }

    /// The rulesets a run has read so far: every loaded ruleset, or those decoded from
    /// the cache file (the ones drafts touched), in order. Reads nothing.
    pub fn used(self) -> impl Iterator<Item = &'r RuleSet> {
        let (loaded, cached): (&'r [RuleSet], Option<&'r CachedRuleSets>) = match self {
            RuleSetsView::Loaded(rules) => (rules, None),
            RuleSetsView::Cached(cached) => (&[], Some(cached)),
        };
        loaded.iter().chain(
            cached
                .into_iter()
                .flat_map(|c| c.decoded.iter().filter_map(|d| d.get()?.as_ref())),
        )
    }

    /// The loaded rulesets, when they are loaded.
    pub fn loaded(&self) -> Option<&'r [RuleSet]> {
        match *self {
            RuleSetsView::Loaded(rules) => Some(rules),
            RuleSetsView::Cached(_) => None,
        }
    }
}

/// Rulesets left in a cache file: each is read, checked against its checksum and
/// decoded the first time it is asked for.
pub struct CachedRuleSets {
    file: Mutex<fs::File>,
    entries: Vec<CachedEntry>,
    decoded: Vec<OnceLock<Option<RuleSet>>>,
}

/// Where a ruleset is in the cache file.
struct CachedEntry {
    offset: u64,
    stored: StoredEntry,
}

/// What the cache file says of one ruleset's bytes.
#[derive(Clone, Copy, serde::Serialize, serde::Deserialize)]
struct StoredEntry {
    len: u64,
    checksum: u128,
    claims: u32,
    quotes: u32,
    statements: u32,
}

impl CachedRuleSets {
    fn get(&self, i: usize) -> Option<&RuleSet> {
        let entry = self.entries.get(i)?;
        self.decoded
            .get(i)?
            .get_or_init(|| self.decode(entry))
            .as_ref()
    }

    fn decode(&self, entry: &CachedEntry) -> Option<RuleSet> {
        use std::io::{Read as _, Seek as _, SeekFrom};
        let mut bytes = vec![0u8; usize::try_from(entry.stored.len).ok()?];
        {
            let mut file = self.file.lock().ok()?;
            file.seek(SeekFrom::Start(entry.offset)).ok()?;
            file.read_exact(&mut bytes).ok()?;
        }
        if XxHash3_128::oneshot(&bytes) != entry.stored.checksum {
            return None;
        }
        postcard::from_bytes(&bytes).ok()
    }

    fn into_vec(self) -> Option<Vec<RuleSet>> {
        use rayon::prelude::*;
        (0..self.entries.len())
            .into_par_iter()
            .map(|i| self.get(i).cloned())
            .collect()
    }
}

/// A cache file opened: its header, and the compiled value and the table of rulesets
/// (not yet decoded).
struct StoredCache {
    file: fs::File,
    header: Header,
    /// The head of the file, with the compiled value (postcard) at `compiled`.
    head: Vec<u8>,
    compiled: std::ops::Range<usize>,
    entries: Vec<StoredEntry>,
    /// Where the rulesets start in the file.
    rulesets_at: u64,
}

impl StoredCache {
    fn compiled<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        postcard::from_bytes(self.head.get(self.compiled.clone())?).ok()
    }

    /// The rulesets, left in the file (the table must cover the rest of the file
    /// exactly).
    fn rulesets(&self) -> Option<CachedRuleSets> {
        let file = self.file.try_clone().ok()?;
        let file_len = file.metadata().ok()?.len();
        let mut offset = self.rulesets_at;
        let mut entries = Vec::with_capacity(self.entries.len());
        for &stored in &self.entries {
            entries.push(CachedEntry { offset, stored });
            offset = offset.checked_add(stored.len)?;
        }
        if offset != file_len || !intact(&file, &entries) {
            return None;
        }
        Some(CachedRuleSets {
            file: Mutex::new(file),
            decoded: entries.iter().map(|_| OnceLock::new()).collect(),
            entries,
        })
    }
}

/// Whether every ruleset's bytes match their checksum: read through once with a small
/// buffer (a few milliseconds for 100,000 rules, against decoding them all), so that a
/// damaged cache file is set aside at the start of a run, never found halfway through.
fn intact(file: &fs::File, entries: &[CachedEntry]) -> bool {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let Some(first) = entries.first() else {
        return true;
    };
    let mut file = file;
    if file.seek(SeekFrom::Start(first.offset)).is_err() {
        return false;
    }
    let mut buffer = vec![0u8; 1 << 16];
    for entry in entries {
        let mut hasher = XxHash3_128::new();
        let mut left = entry.stored.len;
        while left > 0 {
            let n = usize::try_from(left).map_or(buffer.len(), |l| l.min(buffer.len()));
            if file.read_exact(&mut buffer[..n]).is_err() {
                return false;
            }
            hasher.write(&buffer[..n]);
            left -= n as u64;
        }
        if hasher.finish_128() != entry.stored.checksum {
            return false;
        }
    }
    true
}

/// Opens a cache file and reads its head: the header, the compiled value and the table
/// of rulesets; `None` when there is none, or it is damaged.
fn open_cache(path: &Path) -> Option<StoredCache> {
    use std::io::Read as _;
    let mut file = fs::File::open(path).ok()?;
    let file_len = file.metadata().ok()?.len();
    let mut start = [0u8; FORMAT.len() + 8];
    file.read_exact(&mut start).ok()?;
    let head_len = start.strip_prefix(FORMAT)?;
    let head_len = u64::from_le_bytes(head_len.try_into().ok()?);
    if head_len > file_len.saturating_sub(start.len() as u64) {
        return None;
    }
    let mut head = vec![0u8; usize::try_from(head_len).ok()?];
    file.read_exact(&mut head).ok()?;
    let (header, front) = postcard::take_from_bytes::<Header>(&head).ok()?;
    let front_at = head.len() - front.len();
    let (checksum, body) = front.split_first_chunk::<16>()?;
    if u128::from_le_bytes(*checksum) != XxHash3_128::oneshot(body) {
        return None;
    }
    let (len, rest) = body.split_first_chunk::<8>()?;
    let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
    if len > rest.len() {
        return None;
    }
    let entries: Vec<StoredEntry> = postcard::from_bytes(&rest[len..]).ok()?;
    // The compiled value starts after the checksum and its length.
    let compiled_at = front_at + 16 + 8;
    Some(StoredCache {
        compiled: compiled_at..compiled_at + len,
        head,
        file,
        header,
        entries,
        rulesets_at: start.len() as u64 + head_len,
    })
}

fn load_files(files: &[(PathBuf, String)], max_size: u64) -> Result<Vec<RuleSet>, RuleError> {
    load_texts(files.iter().map(|(file, shown)| {
        let text = read_text(file, shown, max_size)?;
        Ok((shown.clone(), text))
    }))
}

/// What the cache remembers of a rule file to trust it unchanged without reading it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Stamp {
    len: u64,
    /// Modification time, nanoseconds since the epoch.
    modified: u128,
    /// Device and inode (Unix), or zero.
    identity: (u64, u64),
}

impl Stamp {
    fn of(file: &Path) -> Option<Stamp> {
        let meta = fs::metadata(file).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let identity = (0, 0);
        Some(Stamp {
            len: meta.len(),
            modified,
            identity,
        })
    }
}

/// A file modified this close before the cache was written may have changed again
/// within the same timestamp tick: its stamp is not trusted (its content is hashed).
const RACY_NANOS: u128 = 2_000_000_000;

/// The head of a cache file.
#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    /// Content key of the rule files.
    key: u128,
    /// Key of the layout of the rule types and of what is cached with them.
    layout: u128,
    /// When the cache was written, nanoseconds since the epoch.
    written: u128,
    /// Each rule file's shown path and stamp, in loading order.
    files: Vec<(String, Stamp)>,
}

impl Header {
    /// True when the files are the same, in the same order, with the same stamps,
    /// none of them racy.
    fn matches(&self, shown: &[&str], stamps: &[Stamp]) -> bool {
        self.files.len() == shown.len()
            && self.files.iter().zip(shown.iter().zip(stamps)).all(
                |((path, stored), (now_path, now))| {
                    path == now_path
                        && stored == now
                        && stored.modified.saturating_add(RACY_NANOS) < self.written
                },
            )
    }
}

fn now_nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// The head after the header — a checksum, then the compiled value (length-prefixed)
/// and the table of rulesets — and the rulesets, each encoded on its own.
fn encode_payload<T: serde::Serialize>(
    rules: &[RuleSet],
    compiled: &T,
) -> Option<(Vec<u8>, Vec<Vec<u8>>)> {
    use rayon::prelude::*;
    let blobs: Vec<Vec<u8>> = rules
        .par_iter()
        .map(|r| postcard::to_stdvec(r).ok())
        .collect::<Option<_>>()?;
    let entries: Vec<StoredEntry> = rules
        .iter()
        .zip(&blobs)
        .map(|(rule, blob)| StoredEntry {
            len: blob.len() as u64,
            checksum: XxHash3_128::oneshot(blob),
            claims: rule.claims.len() as u32,
            quotes: rule.quotes.len() as u32,
            statements: rule.statements.len() as u32,
        })
        .collect();
    let compiled = postcard::to_stdvec(compiled).ok()?;
    let mut body = (compiled.len() as u64).to_le_bytes().to_vec();
    body.extend_from_slice(&compiled);
    body.extend_from_slice(&postcard::to_stdvec(&entries).ok()?);
    let mut front = XxHash3_128::oneshot(&body).to_le_bytes().to_vec();
    front.extend_from_slice(&body);
    Some((front, blobs))
}

/// Feeds a length-prefixed byte string to the hasher (so that boundaries count).
fn feed(hasher: &mut XxHash3_128, bytes: &[u8]) {
    hasher.write(&(bytes.len() as u64).to_le_bytes());
    hasher.write(bytes);
}

/// Key of the layout: cache format, factcheck version, the rule types' layout, and the
/// caller's layout of what is cached with them.
fn layout_key(layout: &str) -> u128 {
    let mut hasher = XxHash3_128::new();
    feed(&mut hasher, FORMAT);
    feed(&mut hasher, env!("CARGO_PKG_VERSION").as_bytes());
    feed(&mut hasher, layout_fingerprint().as_bytes());
    feed(&mut hasher, layout.as_bytes());
    hasher.finish_128()
}

/// The key of a set of rule texts: the layout key, and every file's shown path and
/// content.
fn content_key(texts: &[(String, String)], layout: &str) -> u128 {
    let mut hasher = XxHash3_128::new();
    hasher.write(&layout_key(layout).to_le_bytes());
    hasher.write(&(texts.len() as u64).to_le_bytes());
    for (shown, text) in texts {
        feed(&mut hasher, shown.as_bytes());
        feed(&mut hasher, text.as_bytes());
    }
    hasher.finish_128()
}

/// Names the cache file after where the rules were asked for (the paths given, made
/// absolute), so that one set of rule files keeps one cache file, replaced when the
/// files change.
fn location_key(paths: &[PathBuf]) -> u128 {
    let mut hasher = XxHash3_128::new();
    for path in paths {
        let identity = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        feed(&mut hasher, identity.as_os_str().as_encoded_bytes());
    }
    hasher.finish_128()
}

/// The field names and variants of the rule types, as a self-describing format writes a
/// sample holding every kind of value: any change to the types changes it, and with it
/// every cache key (postcard itself does not describe the layout).
fn layout_fingerprint() -> String {
    use super::{
        ClaimRule, ContextTerm, ExampleKind, ExampleOutcome, Person, QuoteRule, RuleExample,
        RulePosition, Severity, StatementRule,
    };
    use crate::extract::{Value, ValueKind};
    let position = RulePosition::default();
    let example = |outcome| RuleExample {
        text: String::new(),
        outcome,
        position,
    };
    let values = [
        (ValueKind::Tally, Value::Tally { yes: 0, no: 0 }),
        (ValueKind::Year, Value::Year(0)),
        (
            ValueKind::Date,
            Value::Date {
                year: 0,
                month: 0,
                day: Some(0),
            },
        ),
        (ValueKind::Number, Value::Number(0.0)),
        (ValueKind::Percent, Value::Percent(0.0)),
        (
            ValueKind::Money,
            Value::Money {
                amount: 0.0,
                currency: String::new(),
            },
        ),
        (ValueKind::Text, Value::Text(String::new())),
    ];
    let sample = RuleSet {
        id: String::new(),
        description: Some(String::new()),
        sources: vec![String::new()],
        source_files: vec![super::PrimarySource {
            id: String::new(),
            path: String::new(),
            sha256: Some(String::new()),
            url: Some(String::new()),
            title: Some(String::new()),
            position,
            sha256_position: Some(position),
        }],
        people: vec![Person {
            id: String::new(),
            name: String::new(),
            title: Some(String::new()),
            aliases: vec![String::new()],
            pronouns: Some(super::Pronouns::She),
            position,
        }],
        claims: values
            .into_iter()
            .map(|(kind, value)| ClaimRule {
                id: String::new(),
                statement: String::new(),
                context: vec![ContextTerm {
                    alternatives: vec![String::new()],
                }],
                kind,
                value,
                expected: String::new(),
                required: true,
                severity: Severity::Info,
                position,
                examples: vec![
                    example(ExampleOutcome::Pass),
                    example(ExampleOutcome::Fail(ExampleKind::Missing)),
                ],
                source: Some(String::new()),
            })
            .collect(),
        quotes: vec![QuoteRule {
            id: String::new(),
            speaker: 0,
            text: String::new(),
            required: true,
            severity: Severity::Warning,
            position,
            examples: Vec::new(),
            source: Some(String::new()),
        }],
        statements: vec![StatementRule {
            id: String::new(),
            speaker: 0,
            statement: String::new(),
            context: vec![ContextTerm {
                alternatives: vec![String::new()],
            }],
            required: true,
            severity: Severity::Error,
            position,
            examples: vec![example(ExampleOutcome::Fail(ExampleKind::Unattributed))],
            source: Some(String::new()),
        }],
        path: String::new(),
    };
    serde_json::to_string(&sample).unwrap_or_default()
}

/// Stores the rules and their compiled value at `path`: written to a temporary file in
/// the same directory, then renamed over the old one (readers never see half a file).
fn write_cache<T: serde::Serialize>(
    dir: &Path,
    path: &Path,
    header: &Header,
    rules: &[RuleSet],
    compiled: &T,
) -> std::io::Result<()> {
    let (front, blobs) = encode_payload(rules, compiled)
        .ok_or_else(|| std::io::Error::other("cannot encode the rules"))?;
    let mut head = postcard::to_stdvec(header).map_err(std::io::Error::other)?;
    head.extend_from_slice(&front);
    fs::create_dir_all(dir)?;
    let (tmp, file) = tempfile_in(dir)?;
    let mut writer = std::io::BufWriter::new(file);
    let mut written = writer
        .write_all(FORMAT)
        .and_then(|()| writer.write_all(&(head.len() as u64).to_le_bytes()))
        .and_then(|()| writer.write_all(&head));
    for blob in &blobs {
        written = written.and_then(|()| writer.write_all(blob));
    }
    let written = written
        .and_then(|()| writer.into_inner().map_err(|e| e.into_error()))
        .and_then(|file| file.sync_all());
    let renamed = written.and_then(|()| fs::rename(&tmp, path));
    if renamed.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    renamed
}

/// A new file in `dir` with a name no other process is using.
fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    let pid = std::process::id();
    for n in 0..100u32 {
        let path = dir.join(format!(".rules-{pid}-{n}.tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free temporary file name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank(entries: usize) -> String {
        let mut y = String::from("ruleset: bank\npeople:\n  - id: p\n    name: Ann Lee\nclaims:\n");
        for i in 0..entries {
            y.push_str(&format!(
                "  - id: c{i}\n    statement: The budget of town {i} was $1.{i} million.\n    \
                 context: [\"town{i}\", budget]\n    value: {{ money: \"$1.{i} million\" }}\n    \
                 required: false\n"
            ));
        }
        y.push_str("quotes:\n");
        for i in 0..entries {
            y.push_str(&format!(
                "  - id: q{i}\n    speaker: p\n    text: \"We will fix road number {i} this year.\"\n    required: false\n"
            ));
        }
        y
    }

    #[test]
    fn large_rules_are_cached_and_invalidated_by_any_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let rules = dir.path().join("rules");
        fs::create_dir_all(&rules).expect("mkdir");
        let file = rules.join("bank.yaml");
        let text = bank(1500);
        assert!(text.len() as u64 >= CACHE_MIN_BYTES);
        fs::write(&file, &text).expect("write");
        let cache = RulesCache::at(dir.path().join("cache"));
        let paths = [rules.clone()];
        let max = super::super::DEFAULT_MAX_RULES_SIZE;

        let (parsed, outcome) = load_rules_cached(&paths, max, Some(&cache)).expect("loads");
        assert_eq!(outcome, CacheOutcome::Miss);
        let (cached, outcome) = load_rules_cached(&paths, max, Some(&cache)).expect("loads");
        assert_eq!(outcome, CacheOutcome::Hit);
        assert_eq!(format!("{parsed:?}"), format!("{cached:?}"));
        let direct = super::super::load_rules(&paths).expect("loads");
        assert_eq!(format!("{direct:?}"), format!("{cached:?}"));

        // A one-byte change is a miss, and is what gets loaded.
        fs::write(&file, text.replace("road number 7 ", "road number 8 ")).expect("write");
        let (changed, outcome) = load_rules_cached(&paths, max, Some(&cache)).expect("loads");
        assert_eq!(outcome, CacheOutcome::Miss);
        assert_eq!(
            changed[0].quotes[7].text,
            "We will fix road number 8 this year."
        );

        // An error is the loader's own, and is never cached.
        fs::write(
            &file,
            text.replace("    required: false\n", "    requird: false\n"),
        )
        .expect("write");
        let err = load_rules_cached(&paths, max, Some(&cache)).expect_err("bad key");
        let direct = super::super::load_rules(&paths).expect_err("bad key");
        assert_eq!(err, direct);
        assert!(err.to_string().contains("bank.yaml:"), "{err}");

        // Back to the first text: parsed again (one cache file per set of rule files,
        // holding the last version loaded), then cached.
        fs::write(&file, &text).expect("write");
        for expected in [CacheOutcome::Miss, CacheOutcome::Hit] {
            let (_, outcome) = load_rules_cached(&paths, max, Some(&cache)).expect("loads");
            assert_eq!(outcome, expected);
        }

        // A new file in the directory is a miss too.
        fs::write(
            rules.join("more.yaml"),
            "ruleset: more\npeople: [{ name: A B }]\nquotes:\n  - { id: q, speaker: a-b, text: hi }\n",
        )
        .expect("write");
        let (more, outcome) = load_rules_cached(&paths, max, Some(&cache)).expect("loads");
        assert_eq!(outcome, CacheOutcome::Miss);
        assert_eq!(more.len(), 2);

        // A damaged cache file is ignored.
        for entry in fs::read_dir(cache.dir()).expect("cache dir") {
            let path = entry.expect("entry").path();
            let mut bytes = fs::read(&path).expect("read");
            let last = bytes.len() - 1;
            bytes[last] ^= 0xff;
            fs::write(&path, bytes).expect("write");
        }
        let (again, outcome) = load_rules_cached(&paths, max, Some(&cache)).expect("loads");
        assert_eq!(outcome, CacheOutcome::Miss);
        assert_eq!(format!("{again:?}"), format!("{more:?}"));
    }

    #[test]
    fn a_hit_leaves_the_rulesets_in_the_cache_file_until_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("bank.yaml");
        fs::write(&file, bank(1500)).expect("write");
        // Written well before the cache: its stamp is trusted.
        let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(past))
            .expect("set mtime");
        let cache = RulesCache::at(dir.path().join("cache"));
        let paths = [file];
        let max = super::super::DEFAULT_MAX_RULES_SIZE;
        let load = || load_bank_cached(&paths, max, Some(&cache), "", |_| ()).expect("loads");

        let (parsed, _, outcome) = load();
        assert_eq!(outcome, CacheOutcome::Miss);
        assert!(matches!(parsed, RuleSource::Loaded(_)));
        let (cached, compiled, outcome) = load();
        assert_eq!((outcome, compiled), (CacheOutcome::Hit, Some(())));
        assert!(matches!(cached, RuleSource::Cached(_)));
        let (view, parsed_view) = (cached.view(), parsed.view());
        assert_eq!(view.len(), 1);
        assert_eq!(view.counts(0), Some((1500, 1500)));
        assert_eq!(view.counts(0), parsed_view.counts(0));
        assert_eq!(
            format!("{:?}", view.get(0)),
            format!("{:?}", parsed_view.get(0))
        );
        assert!(view.get(1).is_none());

        // A damaged ruleset is found at once (its checksum fails): the rule files are
        // parsed again, and the cache rewritten.
        for entry in fs::read_dir(cache.dir()).expect("cache dir") {
            let path = entry.expect("entry").path();
            let mut bytes = fs::read(&path).expect("read");
            let last = bytes.len() - 1;
            bytes[last] ^= 0xff;
            fs::write(&path, bytes).expect("write");
        }
        let (reparsed, _, outcome) = load();
        assert_eq!(outcome, CacheOutcome::Miss);
        assert!(matches!(reparsed, RuleSource::Loaded(_)));
        assert_eq!(
            format!("{:?}", reparsed.view().get(0)),
            format!("{:?}", parsed_view.get(0))
        );
        let (again, _, outcome) = load();
        assert_eq!(outcome, CacheOutcome::Hit);
        assert!(matches!(again, RuleSource::Cached(_)));
    }

    #[test]
    fn a_change_within_the_same_timestamp_tick_is_seen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("bank.yaml");
        let text = bank(1500);
        fs::write(&file, &text).expect("write");
        let modified = fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("mtime");
        let cache = RulesCache::at(dir.path().join("cache"));
        let paths = [file.clone()];
        let max = super::super::DEFAULT_MAX_RULES_SIZE;
        assert_eq!(
            load_rules_cached(&paths, max, Some(&cache))
                .expect("loads")
                .1,
            CacheOutcome::Miss
        );
        // Same size, same modification time: only the content tells.
        fs::write(&file, text.replace("road number 7 ", "road number 8 ")).expect("write");
        fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(modified))
            .expect("set mtime");
        let (rules, outcome) = load_rules_cached(&paths, max, Some(&cache)).expect("loads");
        assert_eq!(outcome, CacheOutcome::Miss);
        assert_eq!(
            rules[0].quotes[7].text,
            "We will fix road number 8 this year."
        );
    }

    #[test]
    fn small_rules_are_not_cached() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("small.yaml");
        fs::write(&file, bank(3)).expect("write");
        let cache = RulesCache::at(dir.path().join("cache"));
        let (_, outcome) = load_rules_cached(&[file], 1 << 20, Some(&cache)).expect("loads");
        assert_eq!(outcome, CacheOutcome::NotCached);
        assert!(!cache.dir().exists());
    }
}
