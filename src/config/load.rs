//! Reading a configuration file: TOML via the `toml` crate (every error has a byte
//! span, turned into line:column), unknown keys rejected with a "did you mean", then
//! the values checked and converted (paths joined to the file's directory, globs
//! compiled, sizes parsed) into a [`Config`].

use std::fs;
use std::io::{self, Read};
use std::ops::Range;
use std::path::Path;

use globset::{GlobBuilder, GlobSetBuilder};
use toml::Spanned;

use super::schema::{RawApply, RawConfig, RawKindSeverity};
use super::{did_you_mean, ApplyEntry, Config, ConfigError, Located};
use crate::check::FindingKind;
use crate::rules::Severity;
use crate::text::{parse_size, LineIndex};

/// Largest configuration file read: 1 MB (a real one is a few hundred bytes).
pub const MAX_CONFIG_SIZE: u64 = 1 << 20;

/// Reads and checks the configuration file at `path` (at most [`MAX_CONFIG_SIZE`]).
pub fn load_config(path: &Path) -> Result<Config, ConfigError> {
    let unreadable = |message: String| ConfigError::Unreadable {
        path: path.display().to_string(),
        message,
    };
    let file = fs::File::open(path).map_err(|e| unreadable(io_message(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(io_message(&e)))?;
    if bytes.len() as u64 > MAX_CONFIG_SIZE {
        return Err(unreadable(
            "the configuration file is over 1 MB; is it the right file?".to_string(),
        ));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| unreadable("the configuration file is not UTF-8 text".to_string()))?;
    parse_config(path, &text)
}

fn io_message(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {error}"),
    }
}

/// Parses and checks the text of the configuration file at `path` (relative paths in it
/// are resolved against `path`'s directory).
pub fn parse_config(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let reader = Reader {
        path,
        text,
        lines: LineIndex::new(text),
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        reader.error(
            e.span().map_or(0, |s| s.start),
            with_suggestion(e.message().trim()),
        )
    })?;
    reader.config(raw)
}

/// The file being read, for positions and errors.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    lines: LineIndex,
}

impl Reader<'_> {
    /// An error at byte `offset`.
    fn error(&self, offset: usize, message: impl Into<String>) -> ConfigError {
        let (line, column) = self.lines.line_col(self.text, offset);
        ConfigError::Invalid {
            path: self.path.display().to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    fn located<T>(&self, value: T, span: Range<usize>) -> Located<T> {
        let (line, column) = self.lines.line_col(self.text, span.start);
        Located {
            value,
            line,
            column,
        }
    }

    /// The value of a spanned string with its position.
    fn string(&self, spanned: Spanned<String>) -> Located<String> {
        let span = spanned.span();
        self.located(spanned.into_inner(), span)
    }

    fn config(&self, raw: RawConfig) -> Result<Config, ConfigError> {
        let dir = self
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let rules = match raw.rules {
            None => None,
            Some(list) if list.get_ref().is_empty() => {
                return Err(self.error(
                    list.span().start,
                    "`rules` is empty: name at least one rule file or directory, or remove \
                     the key to use the nearest rules/ directory",
                ))
            }
            Some(list) => Some(
                list.into_inner()
                    .into_iter()
                    .map(|p| {
                        let span = p.span();
                        let p = p.into_inner();
                        if p.trim().is_empty() {
                            Err(self.error(span.start, "an empty rule path"))
                        } else {
                            Ok(self.located(dir.join(p), span))
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let size = |value: Option<Spanned<String>>| -> Result<Option<u64>, ConfigError> {
            value
                .map(|v| parse_size(v.get_ref()).map_err(|e| self.error(v.span().start, e)))
                .transpose()
        };
        let max_draft_size = size(raw.max_draft_size)?;
        let max_rules_size = size(raw.max_rules_size)?;
        let (rule_severities, kind_severities) = match raw.severity {
            None => (Vec::new(), Vec::new()),
            Some(severity) => (
                severity
                    .rules
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(name, s)| (self.string(name), s))
                    .collect(),
                kind_severities(severity.kinds),
            ),
        };
        let apply = raw
            .apply
            .unwrap_or_default()
            .into_iter()
            .map(|entry| self.apply_entry(entry))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Config {
            path: self.path.to_path_buf(),
            dir,
            rules,
            report_unverified: raw.unverified,
            report_figures: raw.figures,
            max_draft_size,
            max_rules_size,
            format: raw.format.map(|f| self.string(f)),
            rule_severities,
            kind_severities,
            apply,
        })
    }

    fn apply_entry(&self, entry: RawApply) -> Result<ApplyEntry, ConfigError> {
        for (key, list) in [("paths", &entry.paths), ("rulesets", &entry.rulesets)] {
            if list.get_ref().is_empty() {
                return Err(self.error(
                    list.span().start,
                    format!("`{key}` of an [[apply]] entry is empty: name at least one"),
                ));
            }
        }
        let mut globs = GlobSetBuilder::new();
        for pattern in entry.paths.into_inner() {
            let glob = GlobBuilder::new(pattern.get_ref())
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    self.error(
                        pattern.span().start,
                        format!("bad glob `{}`: {}", pattern.get_ref(), e.kind()),
                    )
                })?;
            globs.add(glob);
        }
        let paths = globs.build().map_err(|e| self.error(0, e.to_string()))?;
        Ok(ApplyEntry {
            paths,
            rulesets: entry
                .rulesets
                .into_inner()
                .into_iter()
                .map(|r| self.string(r))
                .collect(),
        })
    }
}

fn kind_severities(kinds: Option<RawKindSeverity>) -> Vec<(FindingKind, Severity)> {
    let Some(k) = kinds else {
        return Vec::new();
    };
    [
        (FindingKind::Missing, k.missing),
        (FindingKind::Altered, k.altered),
        (FindingKind::Misattributed, k.misattributed),
        (FindingKind::Unattributed, k.unattributed),
        (FindingKind::Unverified, k.unverified),
        (FindingKind::UnverifiedFigure, k.unverified_figure),
    ]
    .into_iter()
    .filter_map(|(kind, severity)| severity.map(|s| (kind, s)))
    .collect()
}

/// serde's `unknown field `x`, expected one of `a`, `b`` (or `unknown variant …`) with
/// `; did you mean `a`?` when a candidate is close; other messages unchanged.
fn with_suggestion(message: &str) -> String {
    let message = message.replace("expected a sequence", "expected a list (`[...]`)");
    let message = message.as_str();
    if message.ends_with("expected `rules` or `kinds`") {
        return format!(
            "{message}: severity overrides go under [severity.rules] (a rule id = a severity) \
             or [severity.kinds] (a finding kind = a severity)"
        );
    }
    let Some(rest) = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))
    else {
        return message.to_string();
    };
    let Some((found, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    format!("{message}{}", did_you_mean(found, candidates.into_iter()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn parse(text: &str) -> Result<Config, String> {
        parse_config(Path::new("conf/factcheck.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn bad_configurations_name_line_and_column() {
        let cases: &[(&str, &str)] = &[
            ("rules = [\"rules\"\n", "1:17: unclosed array, expected `]`"),
            (
                "formt = \"json\"\n",
                "1:1: unknown field `formt`, expected one of `rules`, `format`, `unverified`, \
                 `figures`, `severity`, `apply`, `max-draft-size`, `max-rules-size`; did you \
                 mean `format`?",
            ),
            (
                "[severity]\ncouncil-vote = \"warning\"\n",
                "2:1: unknown field `council-vote`, expected `rules` or `kinds`: severity \
                 overrides go under [severity.rules]",
            ),
            (
                "[severity.kinds]\nunverifed = \"info\"\n",
                "2:1: unknown field `unverifed`, expected one of `missing`, `altered`, \
                 `misattributed`, `unattributed`, `unverified`, `unverified-figure`; did you \
                 mean `unverified`?",
            ),
            (
                "[severity.rules]\ncouncil-vote = \"warnign\"\n",
                "2:16: unknown variant `warnign`, expected one of `info`, `warning`, `error`; \
                 did you mean `warning`?",
            ),
            (
                "[severity.rules]\nx = \"warning\"\nx = \"info\"\n",
                "3:1: duplicate key",
            ),
            (
                "unverified = \"no\"\n",
                "1:14: invalid type: string \"no\", expected a boolean",
            ),
            (
                "rules = \"rules\"\n",
                "1:9: invalid type: string \"rules\", expected a list (`[...]`)",
            ),
            (
                "rules = [\n  \"a\",\n  3,\n]\n",
                "3:3: invalid type: integer `3`, expected a string",
            ),
            ("rules = []\n", "1:9: `rules` is empty"),
            ("rules = [\"\"]\n", "1:10: an empty rule path"),
            (
                "[[apply]]\npaths = [\"a/[b\"]\nrulesets = [\"x\"]\n",
                "2:10: bad glob `a/[b`: unclosed character class",
            ),
            (
                "[[apply]]\npaths = [\"a/**\"]\n",
                "1:1: missing field `rulesets`",
            ),
            (
                "[[apply]]\npaths = []\nrulesets = [\"x\"]\n",
                "2:9: `paths` of an [[apply]] entry is empty",
            ),
            (
                "[[apply]]\npaths = [\"a\"]\nrulesets = []\n",
                "3:12: `rulesets` of an [[apply]] entry is empty",
            ),
            (
                "[[apply]]\npaths = [\"a\"]\nruleset = [\"x\"]\n",
                "3:1: unknown field `ruleset`, expected `paths` or `rulesets`; did you mean \
                 `rulesets`?",
            ),
            (
                "max-draft-size = \"lots\"\n",
                "1:18: cannot read the size `lots`: use bytes, or a number with K, MB or GB",
            ),
            (
                "max-rules-size = 20\n",
                "1:18: invalid type: integer `20`, expected a string",
            ),
            (
                "# a comment\nformat = \n",
                "2:10: string values must be quoted",
            ),
            // A byte-order mark is not a column; CRLF ends lines.
            ("\u{feff}x = 1\r\n", "1:1: unknown field `x`"),
            (
                "format = \"json\"\r\n[severity.kinds]\r\nalterd = \"info\"\r\n",
                "3:1: unknown field `alterd`",
            ),
            // Columns count characters.
            (
                "# “é”\nrules = [\"é\", 1]\n",
                "2:15: invalid type: integer `1`",
            ),
        ];
        for (text, expected) in cases {
            let error = parse(text).map(|_| ()).expect_err(text);
            let expected = format!("conf/factcheck.toml:{expected}");
            assert!(
                error.starts_with(&expected),
                "{text:?}\n  expected {expected:?}\n  got      {error:?}"
            );
        }
    }

    #[test]
    fn good_configuration_is_read_whole() {
        let text = "rules = [\"rules\", \"bank/\"]\nformat = \"json\"\nunverified = false\n\
                    max-draft-size = \"2MB\"\nmax-rules-size = \"512K\"\n\
                    [severity.rules]\ncouncil-vote = \"warning\"\n\
                    [severity.kinds]\nunverified = \"info\"\nmissing = \"warning\"\n\
                    [[apply]]\npaths = [\"news/la/**\"]\nrulesets = [\"la\"]\n";
        let config = parse(text).expect("loads");
        assert_eq!(config.dir, Path::new("conf"));
        let rules: Vec<(PathBuf, usize, usize)> = config
            .rules
            .iter()
            .flatten()
            .map(|r| (r.value.clone(), r.line, r.column))
            .collect();
        assert_eq!(
            rules,
            [
                (PathBuf::from("conf/rules"), 1, 10),
                (PathBuf::from("conf/bank/"), 1, 19)
            ]
        );
        assert_eq!(
            config.rule_paths().map_err(|e| e.to_string()),
            Err(
                "conf/factcheck.toml:1:10: conf/rules: no such file or directory (rule paths \
                 are relative to the configuration file's directory)"
                    .to_string()
            )
        );
        assert_eq!(config.format(&["text", "json"]), Ok(Some("json")));
        assert_eq!(config.report_unverified, Some(false));
        assert_eq!(config.max_draft_size, Some(2 << 20));
        assert_eq!(config.max_rules_size, Some(512 << 10));
        assert_eq!(
            config.rule_severities,
            vec![(
                Located {
                    value: "council-vote".to_string(),
                    line: 7,
                    column: 1
                },
                Severity::Warning
            )]
        );
        assert_eq!(
            config.kind_severities,
            vec![
                (FindingKind::Missing, Severity::Warning),
                (FindingKind::Unverified, Severity::Info)
            ]
        );
        assert_eq!(config.apply.len(), 1);
        assert!(config.apply[0].paths.is_match("news/la/2025/a.md"));
        assert!(!config.apply[0].paths.is_match("news/ny/a.md"));
        let empty = parse("# nothing set\n").expect("an empty file is a valid configuration");
        assert_eq!(empty.rules, None);
        assert_eq!(empty.format(&["text"]), Ok(None));
    }

    #[test]
    fn unknown_format_is_reported_where_it_is_written() {
        let config = parse("\nformat = \"jsno\"\n").expect("loads");
        assert_eq!(
            config.format(&["text", "json"]).map_err(|e| e.to_string()),
            Err(
                "conf/factcheck.toml:2:10: unknown format `jsno`, expected one of `text`, \
                 `json`; did you mean `json`?"
                    .to_string()
            )
        );
    }

    #[test]
    fn unreadable_files_are_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("factcheck.toml");
        let error = load_config(&missing).expect_err("missing").to_string();
        assert!(error.ends_with(": no such file or directory"), "{error}");
        std::fs::write(&missing, b"format = \"\xff\"\n").expect("write");
        let error = load_config(&missing).expect_err("not UTF-8").to_string();
        assert!(
            error.ends_with(": the configuration file is not UTF-8 text"),
            "{error}"
        );
        std::fs::write(&missing, vec![b'#'; MAX_CONFIG_SIZE as usize + 1]).expect("write");
        let error = load_config(&missing).expect_err("too large").to_string();
        assert!(error.contains("over 1 MB"), "{error}");
    }
}
