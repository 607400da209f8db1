//! Loading rule files: YAML via serde-saphyr (line:column on every error, duplicate keys
//! rejected, budgets against alias bombs), unknown keys rejected, then validation into
//! [`RuleSet`]s.
//!
//! Every failure is a [`RuleError`], displayed as `path:line:column: message`.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_saphyr::{Location, MessageFormatter, Options, UserMessageFormatter};

use super::schema::RawDocument;
use super::validate::{position, validate};
use super::{RulePosition, RuleSet};

/// A rule-file error, always naming file, line and column.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct RuleError {
    /// The rule file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong, and how to fix it where that is clear.
    pub message: String,
}

impl RuleError {
    /// An error at the start of a file (line 1, column 1).
    fn at_start(path: &str, message: impl Into<String>) -> Self {
        RuleError {
            path: path.to_string(),
            line: 1,
            column: 1,
            message: message.into(),
        }
    }
}

/// Loads and validates one rule file from its text.
pub fn load_rule_file(path: &str, yaml: &str) -> Result<RuleSet, RuleError> {
    load_with_position(path, yaml).map(|(ruleset, _)| ruleset)
}

/// Like [`load_rule_file`], also returning where the ruleset id is written.
fn load_with_position(path: &str, yaml: &str) -> Result<(RuleSet, RulePosition), RuleError> {
    let document: RawDocument = serde_saphyr::from_str_with_options(yaml, yaml_options(yaml.len()))
        .map_err(|e| yaml_error(path, &e, yaml.len()))?;
    let Some(raw) = document.0 else {
        return Err(RuleError::at_start(
            path,
            "the rule file is empty; it needs at least `ruleset: <id>` \
             and some `claims:` or `quotes:`",
        ));
    };
    validate(path, raw)
}

/// The fewest YAML values (nodes: scalars, lists and mappings) any rule file may hold:
/// serde-saphyr's default budget, which small files keep.
const MIN_VALUES: usize = 250_000;
/// Values allowed per byte of the file: more than YAML without aliases can hold (a value
/// takes at least a byte and a separator), so such a file always loads, whatever its
/// size; only aliases can reach it.
const VALUES_PER_BYTE: usize = 4;
/// The fewest YAML events (values and the ends of lists and mappings) any file may hold.
const MIN_EVENTS: usize = 1_000_000;
/// Events allowed per byte of the file (twice the values: a list or mapping has an end).
const EVENTS_PER_BYTE: usize = 8;
/// The fewest events aliases may replay in any file.
const MIN_ALIAS_EVENTS: usize = 250_000;
/// Events aliases may replay per byte of the file: expansion stays bounded by the file's
/// own size.
const ALIAS_EVENTS_PER_BYTE: usize = 1;
/// The least total scalar text allowed (serde-saphyr's default, 64 MiB).
const MIN_SCALAR_BYTES: usize = 64 << 20;

/// serde-saphyr's options for a rule file of `len` bytes.
///
/// The budgets against alias bombs and runaway input scale with the file's own size, so
/// that a bank written as one file loads as it would split in many (a 50,000-entry file
/// of 8 MB holds about 600,000 values, over serde-saphyr's fixed default of 250,000),
/// while what aliases add stays bounded by the size of the file: see [`MIN_VALUES`] and
/// the constants after it. Duplicate keys are rejected (the default); the rendered
/// source snippet is turned off (unused here).
fn yaml_options(len: usize) -> Options {
    let mut options = Options::default();
    options.with_snippet = false;
    let mut budget = options.budget.take().unwrap_or_default();
    budget.max_nodes = MIN_VALUES.max(len.saturating_mul(VALUES_PER_BYTE));
    budget.max_events = MIN_EVENTS.max(len.saturating_mul(EVENTS_PER_BYTE));
    budget.max_total_scalar_bytes = MIN_SCALAR_BYTES.max(len);
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events =
        MIN_ALIAS_EVENTS.max(len.saturating_mul(ALIAS_EVENTS_PER_BYTE));
    options
}

/// `n` with thousands separators.
fn group(n: usize) -> String {
    crate::text::group_digits(n as u64)
}

/// What to do about a file that breaches a budget: it can only be the aliases.
const BUDGET_ADVICE: &str = "write the aliased values out, or split the entries into \
    several rule files (each file has its own budget); a rule file without aliases always \
    loads up to --max-rules-size";

/// Converts a serde-saphyr error into a [`RuleError`] with a clean message.
fn yaml_error(path: &str, error: &serde_saphyr::Error, yaml_len: usize) -> RuleError {
    use serde_saphyr::Error as E;

    let pos = error
        .location()
        .filter(|l| *l != Location::UNKNOWN)
        .map(|l| position(&l))
        .unwrap_or(RulePosition { line: 1, column: 1 });

    let mut inner = error.without_snippet();
    while let E::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    let message = match inner {
        E::SerdeUnknownField {
            field, expected, ..
        } => unknown_with_suggestion("field", field, expected),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } if variant.as_str() == "unverified" && expected.contains(&"unattributed") => format!(
            "{}; `unverified` is reported for quotes that no rule covers, never by a rule",
            unknown_with_suggestion("value", variant, expected)
        ),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => unknown_with_suggestion("value", variant, expected),
        E::IOError { cause } => cause.to_string(),
        E::Budget { breach, .. } => budget_message(breach, yaml_len),
        E::AliasReplayLimitExceeded {
            max_total_replayed_events,
            ..
        } => format!(
            "the YAML is too large or too complex to read safely: its aliases (`*name`) \
             expand to over {} values, the limit for this file (as many as it has bytes, \
             and at least {}); {BUDGET_ADVICE}",
            group(*max_total_replayed_events),
            group(MIN_ALIAS_EVENTS)
        ),
        E::Unexpected { expected, .. } => match *expected {
            "mapping start" => "expected a mapping (`key: value` entries)".to_string(),
            "sequence start" => "expected a list (`- item` entries or `[a, b]`)".to_string(),
            "string scalar" | "scalar" => "expected a single value (a string)".to_string(),
            other => format!("expected {other}"),
        },
        E::InvalidScalar { ty, .. } if ty.contains("bool") => {
            "invalid boolean (use true or false)".to_string()
        }
        other => UserMessageFormatter.format_message(other).into_owned(),
    };
    RuleError {
        path: path.to_string(),
        line: pos.line,
        column: pos.column,
        message: clean_message(&message),
    }
}

/// What a breached YAML budget (serde-saphyr's guard against alias bombs and runaway
/// nesting) means for a rule file of `len` bytes: which limit, and what to do.
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach, len: usize) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    let limit = |floor: usize, per_byte: usize, what: &str| {
        format!(
            "the limit for this file ({per_byte} {what} per byte of it, and at least {})",
            group(floor)
        )
    };
    let detail = match breach {
        B::Nodes { nodes } => format!(
            "it expands to over {} values (every use of an alias counts again), {}; \
             {BUDGET_ADVICE}",
            group(nodes.saturating_sub(1)),
            limit(MIN_VALUES, VALUES_PER_BYTE, "values")
        ),
        B::Events { events } => format!(
            "it has over {} YAML events, {}; {BUDGET_ADVICE}",
            group(events.saturating_sub(1)),
            limit(MIN_EVENTS, EVENTS_PER_BYTE, "events")
        ),
        B::ScalarBytes { total_scalar_bytes } => format!(
            "its text expands to over {} bytes, the limit for this file (its size, and at \
             least 64 MiB); {BUDGET_ADVICE}",
            group(total_scalar_bytes.saturating_sub(1).max(len))
        ),
        B::Aliases { aliases } => format!(
            "it uses aliases (`*name`) over {} times; {BUDGET_ADVICE}",
            group(aliases.saturating_sub(1))
        ),
        B::Anchors { anchors } => format!(
            "it defines over {} anchors (`&name`); {BUDGET_ADVICE}",
            group(anchors.saturating_sub(1))
        ),
        B::AliasAnchorRatio { aliases, anchors } => format!(
            "it uses {aliases} aliases (`*name`) for {anchors} anchors (`&name`); \
             {BUDGET_ADVICE}"
        ),
        B::Depth { depth } => format!(
            "it nests lists and mappings {depth} deep; no rule file needs more than a few \
             levels"
        ),
        other => format!("{other:?}"),
    };
    format!("the YAML is too large or too complex to read safely: {detail}")
}

/// `unknown field `x`, expected one of `a`, `b`; did you mean `a`?`
fn unknown_with_suggestion(what: &str, found: &str, expected: &[&str]) -> String {
    let mut message = if expected.is_empty() {
        format!("unknown {what} `{found}`; nothing is expected here")
    } else {
        let list = expected
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        format!("unknown {what} `{found}`, expected one of {list}")
    };
    let lowered = found.to_lowercase();
    let best = expected
        .iter()
        .map(|candidate| (candidate, strsim::jaro_winkler(&lowered, candidate)))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((candidate, _)) = best {
        message.push_str(&format!("; did you mean `{candidate}`?"));
    }
    message
}

/// Removes location text the library embeds (`at line 3, column 5`) and control characters.
fn clean_message(message: &str) -> String {
    static LOCATION: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let pattern = LOCATION.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\s*\(?(?:defined )?at line \d+,? col(?:umn)? \d+\)?|\s*\(line \d+,? col(?:umn)? \d+\)",
        )
        .ok()
    });
    let stripped = match pattern {
        Some(re) => re.replace_all(message, "").into_owned(),
        None => message.to_string(),
    };
    let flat: String = stripped
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    flat.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Loads every rule file under the given paths (files, or directories searched for
/// `*.yaml`/`*.yml` in sorted order). Ruleset ids must be unique across all of them.
///
/// A directory is walked recursively; hidden files and directories (names starting with
/// `.`) are skipped, and symbolic links to directories are not followed. A path that is
/// named explicitly is loaded whatever its extension. A file reached twice is loaded once.
pub fn load_rules(paths: &[PathBuf]) -> Result<Vec<RuleSet>, RuleError> {
    load_rules_with_limit(paths, DEFAULT_MAX_RULES_SIZE)
}

/// Default largest rule file read: 20 MB.
pub const DEFAULT_MAX_RULES_SIZE: u64 = 20 * 1024 * 1024;

/// Like [`load_rules`], refusing any rule file larger than `max_size` bytes before
/// reading it (`--max-rules-size`).
pub fn load_rules_with_limit(paths: &[PathBuf], max_size: u64) -> Result<Vec<RuleSet>, RuleError> {
    let files = rule_files(paths)?;
    load_texts(files.into_iter().map(|(file, shown)| {
        let text = read_text(&file, &shown, max_size)?;
        Ok((shown, text))
    }))
}

/// The rule files under `paths` as [`load_rules`] finds them, each once, in loading
/// order, with the path shown for it.
pub(crate) fn rule_files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, String)>, RuleError> {
    let mut files: Vec<PathBuf> = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let meta = fs::metadata(path).map_err(|e| io_error(&shown, &e))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk_dir(path, &mut found)?;
            if found.is_empty() {
                return Err(RuleError::at_start(
                    &shown,
                    "no rule files (*.yaml, *.yml) in this directory",
                ));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let mut loaded_files: HashSet<PathBuf> = HashSet::new();
    let mut out = Vec::new();
    for file in files {
        let identity = fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
        if !loaded_files.insert(identity) {
            continue;
        }
        let shown = file.display().to_string();
        out.push((file, shown));
    }
    Ok(out)
}

/// Loads rule files from their texts — (shown path, text), or the error reading the
/// file — in order; stops at the first error. Ruleset ids must be unique.
pub(crate) fn load_texts(
    texts: impl IntoIterator<Item = Result<(String, String), RuleError>>,
) -> Result<Vec<RuleSet>, RuleError> {
    let mut ids: HashMap<String, (String, usize)> = HashMap::new();
    let mut rulesets = Vec::new();
    for text in texts {
        let (shown, text) = text?;
        let (ruleset, id_position) = load_with_position(&shown, &text)?;
        if let Some((first_path, first_line)) = ids.get(&ruleset.id) {
            return Err(RuleError {
                path: shown,
                line: id_position.line,
                column: id_position.column,
                message: format!(
                    "duplicate ruleset id `{}`: already defined in {first_path}:{first_line}",
                    ruleset.id
                ),
            });
        }
        ids.insert(ruleset.id.clone(), (shown, id_position.line));
        rulesets.push(ruleset);
    }
    Ok(rulesets)
}

/// Collects `*.yaml`/`*.yml` files under `dir`, skipping hidden entries.
fn walk_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), RuleError> {
    let shown = dir.display().to_string();
    let entries = fs::read_dir(dir).map_err(|e| io_error(&shown, &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(&shown, &e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = entry
            .file_type()
            .map_err(|e| io_error(&path.display().to_string(), &e))?;
        if file_type.is_dir() {
            walk_dir(&path, out)?;
        } else if is_rule_file_name(&path) && (file_type.is_file() || path.is_file()) {
            // Symbolic links to files are followed; links to directories are not.
            out.push(path);
        }
    }
    Ok(())
}

/// Whether a file name ends in `.yaml` or `.yml` (any case).
fn is_rule_file_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Reads a file as UTF-8, reporting where invalid bytes start. A file over `max_size`
/// bytes is refused from its metadata, before it is read, and the read is capped (a pipe
/// or device reports no size).
pub(crate) fn read_text(path: &Path, shown: &str, max_size: u64) -> Result<String, RuleError> {
    use std::io::Read as _;

    let too_large = |actual: Option<u64>| {
        RuleError::at_start(
            shown,
            format!(
                "the rule file is larger than the {} limit (--max-rules-size){}; raise \
                 --max-rules-size (or `max-rules-size` in factcheck.toml), or split the \
                 entries into several rule files",
                crate::text::display_size(max_size),
                actual.map_or(String::new(), |a| format!(
                    ": it is {}",
                    crate::text::display_size_over(a, max_size)
                ))
            ),
        )
    };
    let meta = fs::metadata(path).map_err(|e| io_error(shown, &e))?;
    if meta.len() > max_size {
        return Err(too_large(Some(meta.len())));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(max_size.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| io_error(shown, &e))?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(None));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(e.as_bytes().get(..valid).unwrap_or_default());
        let line = prefix.matches('\n').count() + 1;
        let column = prefix
            .rsplit('\n')
            .next()
            .map_or(0, |last| last.chars().count())
            + 1;
        RuleError {
            path: shown.to_string(),
            line,
            column,
            message: format!("the file is not valid UTF-8 (invalid byte at offset {valid})"),
        }
    })
}

/// An I/O failure as a rule error at line 1, column 1.
fn io_error(shown: &str, error: &io::Error) -> RuleError {
    let message = match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {error}"),
    };
    RuleError::at_start(shown, message)
}

/// The nearest `rules/` directory from `start` upward, if any.
pub fn discover_rules_dir(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join("rules"))
        .find(|candidate| candidate.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Value, ValueKind};
    use crate::rules::{ExampleKind, ExampleOutcome, Severity};

    const PATH: &str = "t.yaml";

    /// Loads `yaml` expecting an error whose display contains `expected`.
    fn assert_error(name: &str, yaml: &str, expected: &str) {
        match load_rule_file(PATH, yaml) {
            Ok(_) => panic!("{name}: expected an error containing {expected:?}, got Ok"),
            Err(e) => {
                let shown = e.to_string();
                assert!(
                    shown.contains(expected),
                    "{name}: expected {expected:?} in {shown:?}"
                );
                assert!(
                    !e.message.contains(", column"),
                    "{name}: location repeated in message: {shown:?}"
                );
            }
        }
    }

    /// Error cases that never reach value parsing.
    #[test]
    fn structural_errors_name_line_and_column() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "bad YAML syntax",
                "ruleset: 'unterminated\nquotes: []\n",
                "t.yaml:1:10: unclosed quote",
            ),
            (
                "bad indentation",
                "ruleset: x\n  foo: bar\n",
                "t.yaml:2:6: mapping values are not allowed",
            ),
            (
                "unknown top-level key with suggestion",
                "ruleset: x\ndescription: d\nqoutes: []\n",
                "t.yaml:3:1: unknown field `qoutes`, expected one of `ruleset`, `description`, \
                 `sources`, `people`, `claims`, `quotes`, `statements`; did you mean `quotes`?",
            ),
            (
                "unknown claim key with suggestion",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    contxt: [vote]\n    value: { tally: 13-0 }\n",
                "t.yaml:5:5: unknown field `contxt`, expected one of `id`, `statement`, `context`, \
                 `value`, `required`, `severity`, `examples`, `source`; did you mean `context`?",
            ),
            (
                "unknown quote key with suggestion",
                "ruleset: x\nquotes:\n  - id: q\n    speakr: a\n    text: hi\n",
                "t.yaml:4:5: unknown field `speakr`",
            ),
            (
                "unknown person key",
                "ruleset: x\npeople:\n  - name: A B\n    role: x\n",
                "t.yaml:4:5: unknown field `role`, expected one of `id`, `name`, `title`, `aliases`, \
                 `pronouns`",
            ),
            (
                "pronouns that are none of she, he, they, it",
                "ruleset: x\npeople:\n  - name: A B\n    pronouns: xe\n",
                "t.yaml:4:15: unknown value `xe`, expected one of `she`, `he`, `they`, `it`",
            ),
            (
                "unknown value kind with suggestion",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    value: { yaer: 1979 }\n",
                "t.yaml:5:14: unknown field `yaer`, expected one of `tally`, `year`, `date`, \
                 `number`, `percent`, `money`, `text`; did you mean `year`?",
            ),
            (
                "unknown key without a close match",
                "ruleset: x\nzzzzzz: 1\n",
                "t.yaml:2:1: unknown field `zzzzzz`, expected one of `ruleset`",
            ),
            (
                "duplicate key",
                "ruleset: x\nruleset: y\n",
                "t.yaml:2:1: duplicate mapping key `ruleset`",
            ),
            (
                "duplicate key in a quote",
                "ruleset: x\nquotes:\n  - id: q\n    id: r\n",
                "t.yaml:4:5: duplicate mapping key `id`",
            ),
            (
                "bad severity",
                "ruleset: x\npeople: [{ name: A B }]\nquotes:\n  - id: q\n    speaker: a-b\n    text: hi\n    severity: fatal\n",
                "t.yaml:7:15: unknown value `fatal`, expected one of `info`, `warning`, `error`",
            ),
            (
                "bad required",
                "ruleset: x\npeople: [{ name: A B }]\nquotes:\n  - id: q\n    speaker: a-b\n    text: hi\n    required: perhaps\n",
                "t.yaml:7:15: invalid boolean (use true or false)",
            ),
            (
                "missing ruleset",
                "quotes: []\n",
                "t.yaml:1:1: missing `ruleset: <id>`",
            ),
            (
                "missing quote text",
                "ruleset: x\npeople: [{ name: A B }]\nquotes:\n  - id: q\n    speaker: a-b\n",
                "t.yaml:4:5: quote `q` has no `text`",
            ),
            (
                "claim without statement",
                "ruleset: x\nclaims:\n  - id: a\n    value: { year: 1979 }\n",
                "t.yaml:3:5: claim `a` has no `statement`",
            ),
            (
                "claim without value",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n",
                "t.yaml:3:5: claim `a` has no `value` (one of `tally`,",
            ),
            (
                "flow-style claim without id",
                "ruleset: x\nclaims:\n  - { statement: s, value: { year: 1979 } }\n",
                "t.yaml:3:5: claim has no `id`",
            ),
            (
                "quote without speaker",
                "ruleset: x\nquotes:\n  - id: q\n    text: hi\n",
                "t.yaml:3:5: quote `q` has no `speaker`",
            ),
            (
                "claims not a list",
                "ruleset: x\nclaims: nope\n",
                "t.yaml:2:9: expected a list",
            ),
            (
                "null id",
                "ruleset: x\nquotes:\n  - id: ~\n    speaker: a\n    text: t\n",
                "t.yaml:3:5: quote has no `id`",
            ),
            (
                "unknown anchor",
                "ruleset: *nope\n",
                "t.yaml:1:10: ",
            ),
            (
                "two documents",
                "ruleset: x\n---\nruleset: y\n",
                "t.yaml:3:1: ",
            ),
            ("empty file", "", "t.yaml:1:1: the rule file is empty"),
            (
                "comments only",
                "# nothing yet\n\n",
                "t.yaml:1:1: the rule file is empty",
            ),
            ("null document", "~\n", "t.yaml:1:1: the rule file is empty"),
            (
                "not a mapping: list",
                "- ruleset: x\n",
                "t.yaml:1:1: invalid type: sequence, expected a mapping of rule-file keys",
            ),
            (
                "not a mapping: scalar",
                "just words\n",
                "t.yaml:1:1: invalid type: string",
            ),
            (
                "bad ruleset id",
                "ruleset: -bad\n",
                "t.yaml:1:10: invalid ruleset id `-bad`",
            ),
            (
                "ruleset id with a space",
                "ruleset: 'a b'\n",
                "t.yaml:1:10: invalid ruleset id `a b`",
            ),
            (
                "empty ruleset id",
                "ruleset: ''\n",
                "t.yaml:1:10: `ruleset` id is empty",
            ),
            (
                "person without a name",
                "ruleset: x\npeople:\n  - id: a\n    title: Mayor\n",
                "t.yaml:3:5: person has no `name`",
            ),
            (
                "person with an empty name",
                "ruleset: x\npeople:\n  - name: '  '\n",
                "t.yaml:3:11: person `name` is empty",
            ),
            (
                "duplicate person id",
                "ruleset: x\npeople:\n  - id: a\n    name: A\n  - id: a\n    name: B\n",
                "t.yaml:5:9: duplicate person id `a`: first defined at line 3",
            ),
            (
                "duplicate derived person id",
                "ruleset: x\npeople:\n  - name: Ann Lee\n  - name: ann lee\n",
                "t.yaml:4:11: duplicate person id `ann-lee` (derived from the name",
            ),
            (
                "empty alias",
                "ruleset: x\npeople:\n  - name: Ann Lee\n    aliases: [Annie, '']\n",
                "t.yaml:4:22: empty alias",
            ),
            (
                "duplicate quote id",
                "ruleset: x\npeople: [{ name: A B }]\nquotes:\n  - id: q\n    speaker: a-b\n    text: one\n  - id: q\n    speaker: a-b\n    text: two\n",
                "t.yaml:7:9: duplicate id `q`: already used by the quote at line 4",
            ),
            (
                "unknown speaker",
                "ruleset: x\npeople:\n  - id: soto-martinez\n    name: Hugo Soto-Martinez\n  - name: Bob Blumenfield\nquotes:\n  - id: q\n    speaker: sotomartinez\n    text: hi\n",
                "t.yaml:8:14: unknown speaker `sotomartinez`; known people: soto-martinez, \
                 bob-blumenfield; did you mean `soto-martinez`?",
            ),
            (
                "speaker name is case-sensitive",
                "ruleset: x\npeople: [{ name: Bob Blumenfield }]\nquotes:\n  - id: q\n    speaker: bob blumenfield\n    text: hi\n",
                "t.yaml:5:14: unknown speaker `bob blumenfield`",
            ),
            (
                "unknown speaker, no people",
                "ruleset: x\nquotes:\n  - id: q\n    speaker: someone\n    text: hi\n",
                "t.yaml:4:14: unknown speaker `someone`; no people are defined",
            ),
            (
                "empty quote",
                "ruleset: x\npeople: [{ name: A B }]\nquotes:\n  - id: q\n    speaker: a-b\n    text: ''\n",
                "t.yaml:6:11: quote `q` has empty `text`",
            ),
            (
                "quote of only quote marks",
                "ruleset: x\npeople: [{ name: A B }]\nquotes:\n  - id: q\n    speaker: a-b\n    text: '“ ”'\n",
                "t.yaml:6:11: quote `q` has empty `text`",
            ),
            (
                "empty claim id",
                "ruleset: x\nclaims:\n  - id: ''\n    statement: s\n    value: { year: 1979 }\n",
                "t.yaml:3:9: claim `id` is empty",
            ),
            (
                "empty statement",
                "ruleset: x\nclaims:\n  - id: a\n    statement: ' '\n    value: { year: 1979 }\n",
                "t.yaml:4:16: claim `a` has an empty `statement`",
            ),
            (
                "empty context alternative",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    context: [vote, 'police|']\n    value: { year: 1979 }\n",
                "t.yaml:5:21: claim `a`: empty alternative in context term `police|`",
            ),
            (
                "empty context term",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    context: ['']\n    value: { year: 1979 }\n",
                "t.yaml:5:15: claim `a`: empty context term",
            ),
            (
                "value with two kinds",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    value: { tally: 13-0, year: 1979 }\n",
                "t.yaml:5:12: claim `a`: `value` needs exactly one kind, found several: `tally`, `year`",
            ),
            (
                "value with two kinds, block style",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    value:\n      year: 1979\n      text: x\n",
                "t.yaml:6:7: claim `a`: `value` needs exactly one kind, found several: `year`, `text`",
            ),
            (
                "value with no kind",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    value: {}\n",
                "t.yaml:5:12: claim `a`: `value` needs exactly one of `tally`, `year`, `date`, \
                 `number`, `percent`, `money`, `text`; found none",
            ),
            (
                "value that is not a mapping",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    value: 13-0\n",
                "t.yaml:5:12: expected a mapping",
            ),
            (
                "date with an unquoted comma in flow style",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    value: { date: January 14, 2025 }\n",
                "unknown field `2025`",
            ),
            (
                "alias to a list where a string is expected",
                "ruleset: x\nsources: &a [a, b]\npeople:\n  - name: *a\n",
                "t.yaml:4:11: expected a single value (a string)",
            ),
        ];
        for (name, yaml, expected) in cases {
            assert_error(name, yaml, expected);
        }
    }

    /// Error cases that need [`crate::extract::parse_value`].
    #[test]
    fn value_errors_name_line_and_column() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "unparsable tally",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    value: { tally: lots }\n",
                "t.yaml:5:21: cannot read \"lots\"",
            ),
            (
                "unparsable year",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    value:\n      year: soon\n",
                "t.yaml:6:13: cannot read \"soon\"",
            ),
            (
                "claim and quote share one id namespace",
                "ruleset: x\npeople: [{ name: A B }]\nclaims:\n  - id: a\n    statement: s\n    value: { year: 1979 }\nquotes:\n  - id: a\n    speaker: a-b\n    text: hi\n",
                "t.yaml:8:9: duplicate id `a`: already used by the claim at line 4",
            ),
            (
                "duplicate claim id",
                "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    value: { year: 1979 }\n  - id: a\n    statement: t\n    value: { year: 1980 }\n",
                "t.yaml:6:9: duplicate id `a`: already used by the claim at line 3",
            ),
        ];
        for (name, yaml, expected) in cases {
            assert_error(name, yaml, expected);
        }
    }

    /// Errors in `examples:`, which name the position like every other rule error.
    #[test]
    fn example_errors_name_line_and_column() {
        let claim = "ruleset: x\nclaims:\n  - id: a\n    statement: s\n    context: [vote]\n    value: { tally: 13-0 }\n    examples:\n";
        let quote = "ruleset: x\npeople: [{ name: A B }]\nquotes:\n  - id: q\n    speaker: a-b\n    text: one two three four\n    examples:\n";
        let cases: &[(&str, String, &str)] = &[
            (
                "unknown key in examples",
                format!("{claim}      pas: [x]\n"),
                "t.yaml:8:7: unknown field `pas`, expected one of `pass`, `fail`; did you mean `pass`?",
            ),
            (
                "unknown key in a fail example",
                format!("{claim}      fail:\n        - text: x\n          knd: altered\n"),
                "t.yaml:10:11: unknown field `knd`, expected one of `text`, `kind`; did you mean `kind`?",
            ),
            (
                "bad kind",
                format!("{claim}      fail:\n        - {{ text: x, kind: alterd }}\n"),
                "t.yaml:9:28: unknown value `alterd`, expected one of `missing`, `altered`, \
                 `misattributed`, `unattributed`; did you mean `altered`?",
            ),
            (
                "unverified is not a rule finding",
                format!("{quote}      fail:\n        - text: x\n          kind: unverified\n"),
                "t.yaml:10:17: unknown value `unverified`, expected one of `missing`, `altered`, \
                 `misattributed`, `unattributed`; `unverified` is reported for quotes that no \
                 rule covers, never by a rule",
            ),
            (
                "a claim is never misattributed",
                format!("{claim}      fail:\n        - text: x\n          kind: misattributed\n"),
                "t.yaml:10:17: claim `a`: a claim is only ever reported `missing` or `altered`, \
                 never `misattributed`",
            ),
            (
                "fail example without kind",
                format!("{quote}      fail:\n        - text: x\n"),
                "t.yaml:9:11: quote `q`: fail example has no `kind`",
            ),
            (
                "fail example without text",
                format!("{quote}      fail:\n        - kind: missing\n"),
                "t.yaml:9:11: quote `q`: fail example has no `text`",
            ),
            (
                "fail example written as a plain string",
                format!("{quote}      fail: [x]\n"),
                "t.yaml:8:14: expected a mapping",
            ),
            (
                "empty pass text",
                format!("{claim}      pass: ['  ']\n"),
                "t.yaml:8:14: claim `a`: empty example text",
            ),
            (
                "examples that are a list",
                format!("{claim}      - x\n"),
                "t.yaml:8:7: expected a mapping",
            ),
        ];
        for (name, yaml, expected) in cases {
            assert_error(name, yaml, expected);
        }
    }

    /// Statement rules: every way one can be wrong, pointing at the offending node.
    #[test]
    fn statement_errors_name_line_and_column() {
        let head = "ruleset: x\npeople: [{ name: Ann Lee }]\nstatements:\n";
        let cases: Vec<(&str, String, &str)> = vec![
            (
                "unknown statement key with suggestion",
                format!("{head}  - id: s\n    speaker: ann-lee\n    statment: s\n"),
                "t.yaml:6:5: unknown field `statment`, expected one of `id`, `speaker`, \
                 `statement`, `context`, `required`, `severity`, `examples`, `source`; did you \
                 mean `statement`?",
            ),
            (
                "statement without id",
                format!("{head}  - {{ speaker: ann-lee, statement: s, context: [x] }}\n"),
                "t.yaml:4:5: statement has no `id`",
            ),
            (
                "statement without speaker",
                format!("{head}  - id: s\n    statement: s\n    context: [x]\n"),
                "t.yaml:4:5: statement `s` has no `speaker`",
            ),
            (
                "statement without statement",
                format!("{head}  - id: s\n    speaker: ann-lee\n    context: [x]\n"),
                "t.yaml:4:5: statement `s` has no `statement` (what was said, plainly)",
            ),
            (
                "statement without context",
                format!("{head}  - id: s\n    speaker: ann-lee\n    statement: s\n"),
                "t.yaml:4:5: statement `s` has no `context`",
            ),
            (
                "statement with an empty context",
                format!("{head}  - id: s\n    speaker: ann-lee\n    statement: s\n    context: []\n"),
                "t.yaml:7:14: statement `s` has an empty `context`",
            ),
            (
                "statement with an empty context term",
                format!("{head}  - id: s\n    speaker: ann-lee\n    statement: s\n    context: [a, ' ']\n"),
                "t.yaml:7:18: statement `s`: empty context term",
            ),
            (
                "statement with an empty alternative",
                format!("{head}  - id: s\n    speaker: ann-lee\n    statement: s\n    context: ['a|']\n"),
                "t.yaml:7:15: statement `s`: empty alternative in context term `a|`",
            ),
            (
                "statement with an empty statement",
                format!("{head}  - id: s\n    speaker: ann-lee\n    statement: '  '\n    context: [a]\n"),
                "t.yaml:6:16: statement `s` has an empty `statement`",
            ),
            (
                "unknown speaker",
                format!("{head}  - id: s\n    speaker: ann-le\n    statement: s\n    context: [a]\n"),
                "t.yaml:5:14: unknown speaker `ann-le`; known people: ann-lee; did you mean \
                 `ann-lee`?",
            ),
            (
                "an id shared with a quote",
                format!(
                    "ruleset: x\npeople: [{{ name: Ann Lee }}]\nquotes:\n  - {{ id: s, speaker: \
                     ann-lee, text: one two three four }}\n{}  - id: s\n    speaker: ann-lee\n    \
                     statement: s\n    context: [a]\n",
                    "statements:\n"
                ),
                "t.yaml:6:9: duplicate id `s`: already used by the quote at line 4 (claims, \
                 quotes and statements share one id namespace)",
            ),
            (
                "unknown example kind",
                format!("{head}  - id: s\n    speaker: ann-lee\n    statement: s\n    context: [a]\n    examples:\n      fail: [{{ text: t, kind: wrong }}]\n"),
                "t.yaml:9:31: unknown value `wrong`, expected one of `missing`, `altered`, \
                 `misattributed`, `unattributed`",
            ),
        ];
        for (name, yaml, expected) in cases {
            assert_error(name, &yaml, expected);
        }
    }

    #[test]
    fn statements_load_with_defaults_and_examples() {
        let yaml = "\
ruleset: x
people:
  - name: Ann Lee
  - id: bo
    name: Bo Day
statements:
  - id: budget
    speaker: ann-lee
    statement: '  The budget will not pass this year. '
    context: [budget, \"vote|ballot\"]
    examples:
      pass: [Ann Lee said the budget vote would fail.]
      fail:
        - { text: The budget vote will fail., kind: unattributed }
        - { text: Bo Day said the budget vote would fail., kind: misattributed }
  - id: parks
    speaker: Bo Day
    statement: Parks stay open.
    context: [parks]
    required: false
    severity: warning
";
        let rules = load_rule_file(PATH, yaml).expect("loads");
        let s = &rules.statements;
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id, "budget");
        assert_eq!(rules.speaker_of_statement(&s[0]).name, "Ann Lee");
        assert_eq!(s[0].statement, "The budget will not pass this year.");
        assert_eq!(s[0].context.len(), 2);
        assert_eq!(s[0].context[1].alternatives, ["vote", "ballot"]);
        assert!(s[0].required);
        assert_eq!(s[0].severity, Severity::Error);
        assert_eq!(s[0].position, RulePosition { line: 7, column: 9 });
        let outcomes: Vec<ExampleOutcome> = s[0].examples.iter().map(|e| e.outcome).collect();
        assert_eq!(
            outcomes,
            [
                ExampleOutcome::Pass,
                ExampleOutcome::Fail(ExampleKind::Unattributed),
                ExampleOutcome::Fail(ExampleKind::Misattributed),
            ]
        );
        assert_eq!(s[1].speaker, 1);
        assert!(!s[1].required);
        assert_eq!(s[1].severity, Severity::Warning);
    }

    #[test]
    fn examples_load_in_file_order() {
        let yaml = "\
ruleset: x
people: [{ name: A B }]
quotes:
  - id: q
    speaker: a-b
    text: one two three four
    examples:
      fail:
        - text: “one two three five,” A B said.
          kind: altered
        - { text: nothing here, kind: missing }
      pass:
        - “one two three four,” A B said.
";
        let rules = load_rule_file(PATH, yaml).expect("loads");
        let examples = &rules.quotes[0].examples;
        let got: Vec<(&str, ExampleOutcome, (usize, usize))> = examples
            .iter()
            .map(|e| {
                (
                    e.text.as_str(),
                    e.outcome,
                    (e.position.line, e.position.column),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "“one two three five,” A B said.",
                    ExampleOutcome::Fail(ExampleKind::Altered),
                    (9, 17)
                ),
                (
                    "nothing here",
                    ExampleOutcome::Fail(ExampleKind::Missing),
                    (11, 19)
                ),
                (
                    "“one two three four,” A B said.",
                    ExampleOutcome::Pass,
                    (13, 11)
                ),
            ]
        );
        assert_eq!(
            rules.people[0].position,
            RulePosition {
                line: 2,
                column: 10
            }
        );
    }

    #[test]
    fn defaults_for_people_and_quotes() {
        let yaml = "\
ruleset: demo.v1_x
people:
  - name: Hugo Soto-Martinez
    title: Councilmember
  - name: Martin Luther King Jr.
    aliases: [Dr. King, MLK]
  - id: mlk3
    name: Martin Luther King III
    aliases: [King]
  - name: Madonna
    pronouns: she
quotes:
  - id: q1
    speaker: hugo-soto-martinez
    text: \"“We’re going to send a very clear message”\"
  - id: q2
    speaker: Martin Luther King Jr.
    text: I have a dream
    required: false
    severity: warning
  - id: q3
    speaker: Madonna
    text: '  “A” and “B”  '
";
        let rules = load_rule_file(PATH, yaml).expect("loads");
        assert_eq!(rules.id, "demo.v1_x");
        assert_eq!(rules.path, PATH);
        assert_eq!(rules.description, None);
        assert!(rules.sources.is_empty() && rules.claims.is_empty());

        let ids: Vec<&str> = rules.people.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "hugo-soto-martinez",
                "martin-luther-king-jr",
                "mlk3",
                "madonna"
            ]
        );
        assert_eq!(rules.people[0].aliases, ["Soto-Martinez"]);
        assert_eq!(rules.people[0].title.as_deref(), Some("Councilmember"));
        assert_eq!(rules.people[1].aliases, ["Dr. King", "MLK", "King"]);
        assert_eq!(rules.people[2].aliases, ["King"]);
        assert_eq!(rules.people[3].aliases, ["Madonna"]);
        assert_eq!(rules.people[3].pronouns, Some(crate::rules::Pronouns::She));
        assert_eq!(rules.people[0].pronouns, None);

        let q = &rules.quotes;
        assert_eq!(q[0].speaker, 0);
        assert_eq!(rules.speaker_of(&q[0]).name, "Hugo Soto-Martinez");
        assert_eq!(q[0].text, "We’re going to send a very clear message");
        assert!(q[0].required);
        assert_eq!(q[0].severity, Severity::Error);
        assert_eq!(
            q[0].position,
            RulePosition {
                line: 13,
                column: 9
            }
        );
        assert_eq!(q[1].speaker, 1);
        assert!(!q[1].required);
        assert_eq!(q[1].severity, Severity::Warning);
        assert_eq!(q[2].speaker, 3);
        assert_eq!(
            q[2].text, "“A” and “B”",
            "inner quote marks keep the outer pair"
        );
    }

    #[test]
    fn claim_defaults_and_values() {
        let yaml = "\
ruleset: demo
sources: [\"City Council vote record\", https://example.org/vote]
description: '  Demo  '
claims:
  - id: council-vote
    statement: The City Council passed the ordinance 13-0.
    context: [vote, \"police | LAPD\"]
    value: { tally: \"13-0\" }
  - id: since
    statement: In force since 1979.
    value:
      year: 1979
    required: false
    severity: info
";
        let rules = load_rule_file(PATH, yaml).expect("loads");
        assert_eq!(rules.description.as_deref(), Some("Demo"));
        assert_eq!(
            rules.sources,
            ["City Council vote record", "https://example.org/vote"]
        );
        let vote = &rules.claims[0];
        assert_eq!(vote.kind, ValueKind::Tally);
        assert_eq!(vote.expected, "13-0");
        assert_eq!(vote.value, Value::Tally { yes: 13, no: 0 });
        assert!(vote.required);
        assert_eq!(vote.severity, Severity::Error);
        assert_eq!(vote.position, RulePosition { line: 5, column: 9 });
        assert_eq!(vote.context.len(), 2);
        assert_eq!(vote.context[0].alternatives, ["vote"]);
        assert_eq!(vote.context[1].alternatives, ["police", "LAPD"]);
        let since = &rules.claims[1];
        assert_eq!(since.kind, ValueKind::Year);
        assert_eq!(
            since.expected, "1979",
            "a YAML number keeps its written form"
        );
        assert_eq!(since.value, Value::Year(1979));
        assert!(since.context.is_empty());
        assert!(!since.required);
        assert_eq!(since.severity, Severity::Info);
    }

    #[test]
    fn reference_ruleset_loads() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules/la-sanctuary-city.yaml");
        let rules = load_rules(std::slice::from_ref(&path)).expect("reference ruleset loads");
        assert_eq!(rules.len(), 1);
        let rules = &rules[0];
        assert_eq!(rules.id, "la-sanctuary-city");
        assert!(!rules.sources.is_empty());

        let claim = |id: &str| {
            rules
                .claims
                .iter()
                .find(|c| c.id == id)
                .unwrap_or_else(|| panic!("claim {id}"))
        };
        assert_eq!(claim("council-vote").value, Value::Tally { yes: 13, no: 0 });
        assert_eq!(claim("lapd-rule-1979").value, Value::Year(1979));
        assert_eq!(claim("california-sanctuary-state").value, Value::Year(2017));

        let article = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/reference/la-sanctuary-city.txt"),
        )
        .ok();
        for quote in &rules.quotes {
            if let Some(article) = &article {
                assert!(article.contains(&quote.text), "{} is verbatim", quote.id);
            }
        }
        let speakers: Vec<(&str, &str)> = rules
            .quotes
            .iter()
            .map(|q| (q.id.as_str(), rules.speaker_of(q).name.as_str()))
            .collect();
        assert_eq!(
            speakers,
            [
                ("soto-martinez-message", "Hugo Soto-Martinez"),
                ("blumenfield-defenses", "Bob Blumenfield"),
                ("hernandez-enshrined", "Eunisses Hernandez"),
                ("hernandez-administration", "Eunisses Hernandez"),
                ("mehlman-voters", "Ira Mehlman"),
                ("goldberg-coming", "Jackie Goldberg"),
                ("homan-get-out", "Tom Homan"),
                ("bass-together", "Karen Bass"),
            ]
        );
        let bass = rules.people.iter().find(|p| p.id == "bass").expect("bass");
        assert_eq!(bass.title.as_deref(), Some("Mayor"));
        assert_eq!(bass.aliases, ["Bass"]);
    }

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(&path, text).expect("write");
        path
    }

    fn quote_only(id: &str) -> String {
        format!(
            "ruleset: {id}\npeople: [{{ name: A B }}]\nquotes:\n  - id: q\n    speaker: a-b\n    text: hi\n"
        )
    }

    #[test]
    fn load_rules_walks_directories_in_sorted_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "b.yaml", &quote_only("b"));
        write(dir.path(), "a.yml", &quote_only("a"));
        write(dir.path(), "sub/c.YAML", &quote_only("c"));
        write(dir.path(), ".hidden.yaml", "not: valid: yaml: [");
        write(dir.path(), ".git/x.yaml", "broken: [");
        write(dir.path(), "notes.txt", "ignored");
        let explicit = write(dir.path(), "other/rules.conf", &quote_only("d"));

        let rules = load_rules(&[dir.path().to_path_buf(), explicit]).expect("loads");
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d"]);

        // The same file reached twice is loaded once.
        let again =
            load_rules(&[dir.path().join("a.yml"), dir.path().to_path_buf()]).expect("loads");
        assert_eq!(again.len(), 3);
    }

    #[test]
    fn load_rules_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        let missing = root.join("missing.yaml");
        let err = load_rules(std::slice::from_ref(&missing)).expect_err("missing");
        assert_eq!(
            err.to_string(),
            format!("{}:1:1: no such file or directory", missing.display())
        );

        let empty = root.join("empty");
        fs::create_dir_all(empty.join("nested")).expect("mkdir");
        write(&empty, "README.md", "none here");
        let err = load_rules(std::slice::from_ref(&empty)).expect_err("empty dir");
        assert_eq!(
            err.to_string(),
            format!(
                "{}:1:1: no rule files (*.yaml, *.yml) in this directory",
                empty.display()
            )
        );

        let dup = root.join("dup");
        let first = write(&dup, "1.yaml", &quote_only("same"));
        let second = write(
            &dup,
            "2.yaml",
            &format!("# comment\n{}", quote_only("same")),
        );
        let err = load_rules(std::slice::from_ref(&dup)).expect_err("duplicate ruleset");
        assert_eq!(
            err.to_string(),
            format!(
                "{}:2:10: duplicate ruleset id `same`: already defined in {}:1",
                second.display(),
                first.display()
            )
        );

        let bad = root.join("bad.yaml");
        fs::write(&bad, b"ruleset: x\ndescription: caf\xe9\n").expect("write");
        let err = load_rules(std::slice::from_ref(&bad)).expect_err("invalid utf-8");
        assert!(
            err.to_string().starts_with(&format!(
                "{}:2:17: the file is not valid UTF-8",
                bad.display()
            )),
            "{err}"
        );

        let broken = write(
            root,
            "broken/x.yaml",
            "ruleset: x\nquotes:\n  - id: q\n    txt: hi\n",
        );
        let err = load_rules(std::slice::from_ref(&broken)).expect_err("broken");
        assert!(
            err.to_string()
                .starts_with(&format!("{}:4:5: unknown field `txt`", broken.display())),
            "{err}"
        );
    }

    #[test]
    fn garbage_never_panics() {
        let inputs = [
            "\u{feff}ruleset: x\n",
            ":",
            "[",
            "{",
            "? [a]\n: b\n",
            "ruleset: !!binary aGVsbG8=\n",
            "ruleset: x\npeople: [[]]\n",
            "ruleset: x\nclaims: [{}]\n",
            "ruleset: x\nquotes: [[1, 2]]\n",
            "ruleset: x\npeople:\n  - name: \"\u{0}\"\n",
            "ruleset: x\npeople:\n  - name: '***'\n",
            "\t\t\n",
            "ruleset: 1e999\n",
            "ruleset: x\nsources: ~\npeople: ~\nclaims: ~\nquotes: ~\n",
        ];
        for input in inputs {
            let _ = load_rule_file(PATH, input);
        }
        let ok = load_rule_file(PATH, "\u{feff}ruleset: x\n").expect("BOM is fine");
        assert_eq!(ok.id, "x");
        let nulls = load_rule_file(
            PATH,
            "ruleset: x\nsources: ~\npeople: ~\nclaims: ~\nquotes: ~\n",
        )
        .expect("null lists are empty");
        assert!(nulls.people.is_empty());
    }

    #[test]
    fn deep_nesting_and_big_inputs_are_errors() {
        for yaml in [
            format!("ruleset: x\nsources: {}", "[".repeat(200_000)),
            format!("ruleset: x\ndescription: {}", "{a: ".repeat(100_000)),
            format!("{}ruleset: x\n", "- ".repeat(100_000)),
            format!(
                "ruleset: x\nsources: [{}]\n",
                std::iter::once("&a x")
                    .chain(std::iter::repeat_n("*a", 200_000))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        ] {
            let err = load_rule_file(PATH, &yaml).expect_err("rejected");
            assert!(err.to_string().starts_with("t.yaml:"), "{err}");
        }
    }

    /// The YAML budgets scale with the file: many values without aliases always load,
    /// while aliases expand to at most about as many values as the file has bytes (and
    /// at least 250,000), and the error names the limit and what to do.
    #[test]
    fn budgets_follow_the_size_of_the_file() {
        // A list of `items` strings behind an anchor, used as the context of 99 claims
        // (from 100 aliases on, more than 10 aliases per anchor is refused whatever the
        // size), in a file padded with a description of `padding` bytes.
        let bomb = |items: usize, padding: usize| {
            let mut y = format!(
                "ruleset: bomb\ndescription: {}\nsources: &lol [{}]\nclaims:\n",
                "d".repeat(padding.max(1)),
                vec!["lol"; items].join(", ")
            );
            for i in 0..99 {
                y.push_str(&format!(
                    "  - {{id: c{i}, statement: s, context: *lol, value: {{tally: \"13-0\"}}}}\n"
                ));
            }
            y
        };
        let plain = |n: usize| format!("ruleset: x\nsources: [{}]\n", vec!["b"; n].join(","));
        let advice = "write the aliased values out, or split the entries into several rule \
                      files (each file has its own budget); a rule file without aliases \
                      always loads up to --max-rules-size";
        // (what, YAML, the error, or None when it loads)
        let cases: Vec<(&str, String, Option<String>)> = vec![
            ("300,000 values, no alias", plain(300_000), None),
            ("1,000,000 values, no alias", plain(1_000_000), None),
            (
                "a small file expanding to 400,000 values",
                bomb(4000, 0),
                Some(format!(
                    "it expands to over 250,000 values (every use of an alias counts \
                     again), the limit for this file (4 values per byte of it, and at least \
                     250,000); {advice}"
                )),
            ),
            (
                "a file of 520 KB expanding to 400,000 values",
                bomb(4000, 500_000),
                None,
            ),
        ];
        let big = bomb(8000, 500_000);
        let limit = format!(
            "its aliases (`*name`) expand to over {} values",
            group(big.len())
        );
        let cases = cases.into_iter().chain([(
            "a file of 540 KB expanding to 800,000 values",
            big,
            Some(limit),
        )]);
        for (what, yaml, expected) in cases {
            match (load_rule_file(PATH, &yaml), expected) {
                (Ok(_), None) => {}
                (Err(e), Some(message)) => {
                    assert!(e.to_string().contains(&message), "{what}: {e}")
                }
                (Ok(_), Some(_)) => panic!("{what}: loaded"),
                (Err(e), None) => panic!("{what}: {e}"),
            }
        }
    }

    #[test]
    fn clean_message_strips_embedded_locations() {
        assert_eq!(clean_message("bad thing at line 3, column 5"), "bad thing");
        assert_eq!(
            clean_message("alias (defined at line 1, column 2) broke\nhere"),
            "alias broke here"
        );
    }
}
