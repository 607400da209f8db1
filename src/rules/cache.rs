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
//! cache file per set of rule files, replaced atomically.
//!
//! Rules smaller than [`CACHE_MIN_BYTES`] are not cached (they parse as fast as the
//! cache would load).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use twox_hash::XxHash3_128;

use super::load::{load_texts, read_text, rule_files};
use super::{RuleError, RuleSet};

/// Smallest total size of rule files worth caching (bytes).
pub const CACHE_MIN_BYTES: u64 = 256 * 1024;

/// Bumped when the cache file's framing changes.
const FORMAT: &[u8] = b"factcheck-rules-cache/2";

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
    let files = rule_files(paths)?;
    let not_cached = |rules: Vec<RuleSet>| (rules, None, CacheOutcome::NotCached);
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
    let stored = fs::read(&path).ok();
    let header = stored.as_deref().and_then(Header::parse);
    // Fast path: every file has the size and modification time it had when the cache
    // was written, long enough before the writing not to be racy (as git does).
    if let Some((header, payload)) = &header {
        if header.layout == layout_key(layout) && header.matches(&shown, &stamps) {
            if let Some((rules, compiled)) = read_payload(payload) {
                return Ok((rules, Some(compiled), CacheOutcome::Hit));
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
    let hit = header.and_then(|(header, payload)| {
        (header.key == key)
            .then(|| read_payload::<T>(payload))
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
    Ok((rules, Some(compiled), outcome))
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
    /// The header of a cache file, and the payload after it.
    fn parse(bytes: &[u8]) -> Option<(Header, &[u8])> {
        let rest = bytes.strip_prefix(FORMAT)?;
        postcard::take_from_bytes::<Header>(rest).ok()
    }

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

/// Rulesets per separately encoded chunk, so that a large bank decodes on all cores.
const CHUNK: usize = 64;

/// The payload: a checksum, the compiled value, then the rulesets in chunks; each part
/// length-prefixed.
fn encode_payload<T: serde::Serialize>(rules: &[RuleSet], compiled: &T) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    let mut part = |bytes: Vec<u8>| {
        body.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        body.extend_from_slice(&bytes);
    };
    part(postcard::to_stdvec(compiled).ok()?);
    for chunk in rules.chunks(CHUNK) {
        part(postcard::to_stdvec(chunk).ok()?);
    }
    let mut out = XxHash3_128::oneshot(&body).to_le_bytes().to_vec();
    out.extend_from_slice(&body);
    Some(out)
}

/// The rulesets and compiled value of a payload, if it is whole.
fn read_payload<T>(payload: &[u8]) -> Option<(Vec<RuleSet>, T)>
where
    T: serde::de::DeserializeOwned + Send,
{
    use rayon::prelude::*;

    let (checksum, body) = payload.split_first_chunk::<16>()?;
    if u128::from_le_bytes(*checksum) != XxHash3_128::oneshot(body) {
        return None;
    }
    let mut parts = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let (len, tail) = rest.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        if len > tail.len() {
            return None;
        }
        let (part, tail) = tail.split_at(len);
        parts.push(part);
        rest = tail;
    }
    let (compiled, chunks) = parts.split_first()?;
    let (compiled, rules) = rayon::join(
        || postcard::from_bytes::<T>(compiled).ok(),
        || {
            chunks
                .par_iter()
                .map(|c| postcard::from_bytes::<Vec<RuleSet>>(c).ok())
                .collect::<Option<Vec<Vec<RuleSet>>>>()
        },
    );
    Some((rules?.into_iter().flatten().collect(), compiled?))
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
        RulePosition, Severity,
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
        people: vec![Person {
            id: String::new(),
            name: String::new(),
            title: Some(String::new()),
            aliases: vec![String::new()],
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
    let payload = encode_payload(rules, compiled)
        .ok_or_else(|| std::io::Error::other("cannot encode the rules"))?;
    let header = postcard::to_stdvec(header).map_err(std::io::Error::other)?;
    fs::create_dir_all(dir)?;
    let (tmp, mut file) = tempfile_in(dir)?;
    let written = file
        .write_all(FORMAT)
        .and_then(|()| file.write_all(&header))
        .and_then(|()| file.write_all(&payload))
        .and_then(|()| file.sync_all());
    drop(file);
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
