//! Validation: turns a deserialized [`RawRuleFile`] into a [`RuleSet`], checking ids,
//! speakers, values, quotes and context terms, with every error pointing at the offending
//! node's line and column.

use std::collections::HashMap;

use serde_saphyr::{Location, Spanned};

use super::load::RuleError;
use super::schema::{
    RawClaim, RawExamples, RawPerson, RawQuote, RawRuleFile, RawSource, RawSourceFile,
    RawStatement, RawValue,
};
use super::{
    ClaimRule, ContextTerm, ExampleKind, ExampleOutcome, Person, PrimarySource, QuoteRule,
    RuleExample, RulePosition, RuleSet, StatementRule,
};
use crate::extract::{parse_value, ValueKind};

/// Name suffixes that are never a last name (compared without dots, case-insensitively).
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "v", "esq", "phd", "md"];

/// The value kinds in schema order, with their key names.
pub(super) const VALUE_KINDS: &[(&str, ValueKind)] = &[
    ("tally", ValueKind::Tally),
    ("year", ValueKind::Year),
    ("date", ValueKind::Date),
    ("number", ValueKind::Number),
    ("percent", ValueKind::Percent),
    ("money", ValueKind::Money),
    ("text", ValueKind::Text),
];

/// A 1-based position from a serde-saphyr location (unknown parts become 1).
pub(super) fn position(location: &Location) -> RulePosition {
    let clamp = |n: u64| usize::try_from(n).unwrap_or(usize::MAX).max(1);
    RulePosition {
        line: clamp(location.line()),
        column: clamp(location.column()),
    }
}

/// Whether `id` is a valid ruleset id: `^[A-Za-z0-9][A-Za-z0-9._-]*$`.
pub(super) fn is_valid_ruleset_id(id: &str) -> bool {
    let mut chars = id.chars();
    match chars.next() {
        Some(first) if first.is_ascii_alphanumeric() => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The slug of a name: lowercase ASCII alphanumerics, every other run of characters
/// becomes one `-`, with no leading or trailing `-`.
pub(super) fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_dash = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

/// The last name of a full name: its last word that is not a suffix such as `Jr.` or `III`,
/// with surrounding punctuation stripped. `None` when the name has no such word.
pub(super) fn last_name(name: &str) -> Option<String> {
    let strip = |word: &str| -> String {
        word.trim_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    };
    name.split_whitespace()
        .rev()
        .map(strip)
        .filter(|word| !word.is_empty())
        .find(|word| {
            let bare: String = word.chars().filter(|c| *c != '.').collect();
            !NAME_SUFFIXES.contains(&bare.to_lowercase().as_str())
        })
}

/// Strips one pair of quote marks surrounding the whole text, if the author included them.
fn strip_surrounding_quotes(text: &str) -> &str {
    const OPEN_DOUBLE: &[char] = &['"', '\u{201C}', '\u{201E}', '\u{00AB}', '\u{201D}'];
    const CLOSE_DOUBLE: &[char] = &['"', '\u{201D}', '\u{201C}', '\u{00BB}'];
    const DOUBLE: &[char] = &[
        '"', '\u{201C}', '\u{201D}', '\u{201E}', '\u{00AB}', '\u{00BB}',
    ];
    const OPEN_SINGLE: &[char] = &['\'', '\u{2018}'];
    const CLOSE_SINGLE: &[char] = &['\'', '\u{2019}'];

    let mut chars = text.chars();
    let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
        return text;
    };
    let inner = chars.as_str();
    let double =
        OPEN_DOUBLE.contains(&first) && CLOSE_DOUBLE.contains(&last) && !inner.contains(DOUBLE);
    let single = OPEN_SINGLE.contains(&first) && CLOSE_SINGLE.contains(&last);
    if double || single {
        inner.trim()
    } else {
        text
    }
}

/// Whether a character is a quote mark of any style.
fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2039}'
            | '\u{203A}'
            | '`'
    )
}

/// Builds rule errors for one file.
struct Ctx<'a> {
    path: &'a str,
}

impl Ctx<'_> {
    fn err(&self, location: &Location, message: impl Into<String>) -> RuleError {
        let pos = position(location);
        RuleError {
            path: self.path.to_string(),
            line: pos.line,
            column: pos.column,
            message: message.into(),
        }
    }
}

/// Where an id was first defined, and by what.
struct Seen {
    what: &'static str,
    line: usize,
}

/// Validates a deserialized rule file; also returns where the ruleset id is written.
pub(super) fn validate(path: &str, raw: RawRuleFile) -> Result<(RuleSet, RulePosition), RuleError> {
    let ctx = Ctx { path };

    let Some(ruleset) = raw.ruleset else {
        return Err(ctx.err(
            &Location::UNKNOWN,
            "missing `ruleset: <id>`: every rule file needs a unique ruleset id",
        ));
    };
    let ruleset_location = ruleset.referenced;
    let id = ruleset.value.trim().to_string();
    if id.is_empty() {
        return Err(ctx.err(&ruleset.referenced, "`ruleset` id is empty"));
    }
    if !is_valid_ruleset_id(&id) {
        return Err(ctx.err(
            &ruleset.referenced,
            format!(
                "invalid ruleset id `{id}`: use letters, digits, `.`, `_` and `-`, \
                 starting with a letter or digit"
            ),
        ));
    }

    let description = raw
        .description
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty());
    let (sources, source_files) = validate_sources(&ctx, raw.sources.unwrap_or_default())?;

    let people = validate_people(&ctx, raw.people.unwrap_or_default())?;

    let mut seen: HashMap<String, Seen> = HashMap::new();
    let mut claims = Vec::new();
    for mut claim in raw.claims.unwrap_or_default() {
        let raw_source = claim.value.source.take();
        let rule = validate_claim(&ctx, &mut seen, claim)?;
        let source = rule_source(&ctx, &source_files, raw_source.as_ref())?;
        claims.push(ClaimRule { source, ..rule });
    }
    let mut quotes = Vec::new();
    for mut quote in raw.quotes.unwrap_or_default() {
        let raw_source = quote.value.source.take();
        let rule = validate_quote(&ctx, &mut seen, &people, quote)?;
        let source = rule_source(&ctx, &source_files, raw_source.as_ref())?;
        quotes.push(QuoteRule { source, ..rule });
    }
    let mut statements = Vec::new();
    for mut statement in raw.statements.unwrap_or_default() {
        let raw_source = statement.value.source.take();
        let rule = validate_statement(&ctx, &mut seen, &people, statement)?;
        let source = rule_source(&ctx, &source_files, raw_source.as_ref())?;
        statements.push(StatementRule { source, ..rule });
    }

    let ruleset = RuleSet {
        id,
        description,
        sources,
        source_files,
        people,
        claims,
        quotes,
        statements,
        path: path.to_string(),
    };
    Ok((ruleset, position(&ruleset_location)))
}

/// The `sources:` entries: one line of text each (see [`RuleSet::sources`]), and the
/// source files among them.
fn validate_sources(
    ctx: &Ctx<'_>,
    raw: Vec<Spanned<RawSource>>,
) -> Result<(Vec<String>, Vec<PrimarySource>), RuleError> {
    let mut texts = Vec::new();
    let mut files: Vec<PrimarySource> = Vec::new();
    for item in raw {
        match item.value {
            RawSource::Text(text) => {
                let text = text.trim();
                if !text.is_empty() {
                    texts.push(text.to_string());
                }
            }
            RawSource::File(file) => {
                let file = validate_source_file(ctx, &item.referenced, *file, &files)?;
                texts.push(match (&file.title, &file.url) {
                    (Some(title), _) => format!("{title} ({})", file.path),
                    (None, Some(url)) => format!("{url} ({})", file.path),
                    (None, None) => file.path.clone(),
                });
                files.push(file);
            }
        }
    }
    Ok((texts, files))
}

/// One source file entry, checked against the entries before it (`earlier`).
fn validate_source_file(
    ctx: &Ctx<'_>,
    item: &Location,
    raw: RawSourceFile,
    earlier: &[PrimarySource],
) -> Result<PrimarySource, RuleError> {
    let Some(raw_id) = raw.id else {
        return Err(ctx.err(
            item,
            "source file has no `id` (what claims and quotes name with `source:`)",
        ));
    };
    let id = raw_id.value.trim().to_string();
    if id.is_empty() {
        return Err(ctx.err(&raw_id.referenced, "source `id` is empty"));
    }
    if let Some(first) = earlier.iter().find(|s| s.id == id) {
        return Err(ctx.err(
            &raw_id.referenced,
            format!(
                "duplicate source id `{id}`: first defined at line {}",
                first.position.line
            ),
        ));
    }
    let Some(raw_path) = raw.path else {
        return Err(ctx.err(
            item,
            format!("source `{id}` has no `path` (the file, relative to the rule file)"),
        ));
    };
    let path = raw_path.value.trim().to_string();
    if path.is_empty() {
        return Err(ctx.err(
            &raw_path.referenced,
            format!("source `{id}` has an empty `path`"),
        ));
    }
    let (sha256, sha256_position) = match raw.sha256 {
        None => (None, None),
        Some(raw_sha) => {
            let value = raw_sha.value.trim().to_string();
            let is_hex = value.len() == 64
                && value
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !is_hex {
                return Err(ctx.err(
                    &raw_sha.referenced,
                    format!(
                        "source `{id}`: `sha256` must be 64 lower-case hex digits \
                         (write it with `factcheck rules pin`)"
                    ),
                ));
            }
            (Some(value), Some(position(&raw_sha.referenced)))
        }
    };
    let text = |t: Option<String>| t.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    Ok(PrimarySource {
        id,
        path,
        sha256,
        url: text(raw.url),
        title: text(raw.title),
        position: position(item),
        sha256_position,
    })
}

/// The source a claim or quote names with `source:`, which must be one of `files`.
fn rule_source(
    ctx: &Ctx<'_>,
    files: &[PrimarySource],
    source: Option<&Spanned<String>>,
) -> Result<Option<String>, RuleError> {
    let Some(source) = source else {
        return Ok(None);
    };
    let wanted = source.value.trim();
    if files.iter().any(|f| f.id == wanted) {
        return Ok(Some(wanted.to_string()));
    }
    let message = if files.is_empty() {
        format!(
            "unknown source `{wanted}`; no source files are defined (add one under \
             `sources:` as `- {{ id: {wanted}, path: … }}`)"
        )
    } else {
        let known: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        let mut message = format!(
            "unknown source `{wanted}`; known sources: {}",
            known.join(", ")
        );
        let lowered = wanted.to_lowercase();
        let best = known
            .iter()
            .map(|k| (k, strsim::jaro_winkler(&lowered, &k.to_lowercase())))
            .filter(|(_, score)| *score >= 0.8)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((k, _)) = best {
            message.push_str(&format!("; did you mean `{k}`?"));
        }
        message
    };
    Err(ctx.err(&source.referenced, message))
}

fn validate_people(ctx: &Ctx<'_>, raw: Vec<Spanned<RawPerson>>) -> Result<Vec<Person>, RuleError> {
    let mut people: Vec<Person> = Vec::with_capacity(raw.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for item in raw {
        let person = item.value;
        let Some(name) = person.name else {
            return Err(ctx.err(&item.referenced, "person has no `name`"));
        };
        let full_name = name.value.trim().to_string();
        if full_name.is_empty() {
            return Err(ctx.err(&name.referenced, "person `name` is empty"));
        }

        let (id, id_location, derived) = match &person.id {
            Some(id) => {
                let value = id.value.trim().to_string();
                if value.is_empty() {
                    return Err(ctx.err(&id.referenced, "person `id` is empty"));
                }
                (value, id.referenced, false)
            }
            None => {
                let mut value = slug(&full_name);
                if value.is_empty() {
                    value = full_name
                        .to_lowercase()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join("-");
                }
                (value, name.referenced, true)
            }
        };
        if let Some(first_line) = seen.get(&id) {
            let how = if derived {
                " (derived from the name; give one of them an explicit `id`)"
            } else {
                ""
            };
            return Err(ctx.err(
                &id_location,
                format!("duplicate person id `{id}`{how}: first defined at line {first_line}"),
            ));
        }
        seen.insert(id.clone(), position(&id_location).line);

        let mut aliases: Vec<String> = Vec::new();
        for alias in person.aliases.unwrap_or_default() {
            let value = alias.value.trim().to_string();
            if value.is_empty() {
                return Err(ctx.err(&alias.referenced, "empty alias"));
            }
            if !aliases.contains(&value) {
                aliases.push(value);
            }
        }
        if let Some(last) = last_name(&full_name) {
            if !aliases.contains(&last) {
                aliases.push(last);
            }
        }

        let title = person
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        people.push(Person {
            id,
            name: full_name,
            title,
            aliases,
            pronouns: person.pronouns,
            position: position(&item.referenced),
        });
    }
    Ok(people)
}

/// Records a claim, quote or statement id, failing on a duplicate.
fn check_rule_id(
    ctx: &Ctx<'_>,
    seen: &mut HashMap<String, Seen>,
    what: &'static str,
    item: &Location,
    id: Option<&Spanned<String>>,
) -> Result<(String, Location), RuleError> {
    let Some(id) = id else {
        return Err(ctx.err(item, format!("{what} has no `id`")));
    };
    let value = id.value.trim().to_string();
    if value.is_empty() {
        return Err(ctx.err(&id.referenced, format!("{what} `id` is empty")));
    }
    if let Some(first) = seen.get(&value) {
        return Err(ctx.err(
            &id.referenced,
            format!(
                "duplicate id `{value}`: already used by the {} at line {} \
                 (claims, quotes and statements share one id namespace)",
                first.what, first.line
            ),
        ));
    }
    seen.insert(
        value.clone(),
        Seen {
            what,
            line: position(&id.referenced).line,
        },
    );
    Ok((value, id.referenced))
}

fn validate_claim(
    ctx: &Ctx<'_>,
    seen: &mut HashMap<String, Seen>,
    item: Spanned<RawClaim>,
) -> Result<ClaimRule, RuleError> {
    let claim = item.value;
    let (id, id_location) = check_rule_id(ctx, seen, "claim", &item.referenced, claim.id.as_ref())?;

    let Some(raw_statement) = claim.statement else {
        return Err(ctx.err(
            &item.referenced,
            format!("claim `{id}` has no `statement` (the claim in words, shown in reports)"),
        ));
    };
    let statement = raw_statement.value.trim().to_string();
    if statement.is_empty() {
        return Err(ctx.err(
            &raw_statement.referenced,
            format!("claim `{id}` has an empty `statement`"),
        ));
    }

    let context = context_terms(ctx, "claim", &id, claim.context.unwrap_or_default())?;

    let Some(raw_value) = claim.value else {
        return Err(ctx.err(
            &item.referenced,
            format!("claim `{id}` has no `value` (one of {})", kind_names()),
        ));
    };
    let (kind, written) = single_value(ctx, &id, raw_value)?;
    let expected = written.value.trim().to_string();
    let value =
        parse_value(kind, &expected).map_err(|e| ctx.err(&written.referenced, e.to_string()))?;
    let examples = validate_examples(ctx, "claim", &id, claim.examples)?;

    Ok(ClaimRule {
        id,
        statement,
        context,
        kind,
        value,
        expected,
        required: claim.required.unwrap_or(true),
        severity: claim.severity.unwrap_or_default(),
        position: position(&id_location),
        examples,
        source: None,
    })
}

/// The context terms of a claim or statement (`what`), each split into its `|`
/// alternatives; an empty term or alternative is an error.
fn context_terms(
    ctx: &Ctx<'_>,
    what: &str,
    id: &str,
    terms: Vec<Spanned<String>>,
) -> Result<Vec<ContextTerm>, RuleError> {
    let mut context = Vec::new();
    for term in terms {
        if term.value.trim().is_empty() {
            return Err(ctx.err(
                &term.referenced,
                format!("{what} `{id}`: empty context term"),
            ));
        }
        let alternatives: Vec<String> = term
            .value
            .split('|')
            .map(|alt| alt.trim().to_string())
            .collect();
        if alternatives.iter().any(String::is_empty) {
            return Err(ctx.err(
                &term.referenced,
                format!(
                    "{what} `{id}`: empty alternative in context term `{}` \
                     (write `a|b`, with words on both sides of `|`)",
                    term.value
                ),
            ));
        }
        context.push(ContextTerm { alternatives });
    }
    Ok(context)
}

/// The value kind names, for messages: `` `tally`, `year`, … ``.
fn kind_names() -> String {
    VALUE_KINDS
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The one kind given in a `value:` mapping.
fn single_value(
    ctx: &Ctx<'_>,
    id: &str,
    value: Spanned<RawValue>,
) -> Result<(ValueKind, Spanned<String>), RuleError> {
    let RawValue {
        tally,
        year,
        date,
        number,
        percent,
        money,
        text,
    } = value.value;
    let given: Vec<(&str, ValueKind, Spanned<String>)> =
        [tally, year, date, number, percent, money, text]
            .into_iter()
            .zip(VALUE_KINDS)
            .filter_map(|(v, (name, kind))| v.map(|v| (*name, *kind, v)))
            .collect();
    let mut given = given.into_iter();
    match (given.next(), given.next()) {
        (Some((_, kind, written)), None) => Ok((kind, written)),
        (None, _) => Err(ctx.err(
            &value.referenced,
            format!(
                "claim `{id}`: `value` needs exactly one of {}; found none",
                kind_names()
            ),
        )),
        (Some((first, _, _)), Some((second, _, _))) => {
            let mut kinds = vec![first, second];
            kinds.extend(given.map(|(name, _, _)| name));
            let kinds = kinds
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            Err(ctx.err(
                &value.referenced,
                format!("claim `{id}`: `value` needs exactly one kind, found several: {kinds}"),
            ))
        }
    }
}

fn validate_quote(
    ctx: &Ctx<'_>,
    seen: &mut HashMap<String, Seen>,
    people: &[Person],
    item: Spanned<RawQuote>,
) -> Result<QuoteRule, RuleError> {
    let quote = item.value;
    let (id, id_location) = check_rule_id(ctx, seen, "quote", &item.referenced, quote.id.as_ref())?;

    let Some(raw_speaker) = quote.speaker else {
        return Err(ctx.err(
            &item.referenced,
            format!("quote `{id}` has no `speaker` (a person's id or exact name)"),
        ));
    };
    let Some(raw_text) = quote.text else {
        return Err(ctx.err(&item.referenced, format!("quote `{id}` has no `text`")));
    };
    let speaker = speaker_index(ctx, people, &raw_speaker)?;

    let text = strip_surrounding_quotes(raw_text.value.trim()).to_string();
    if text.chars().all(|c| c.is_whitespace() || is_quote_mark(c)) {
        return Err(ctx.err(
            &raw_text.referenced,
            format!("quote `{id}` has empty `text`"),
        ));
    }

    let examples = validate_examples(ctx, "quote", &id, quote.examples)?;

    Ok(QuoteRule {
        id,
        speaker,
        text,
        required: quote.required.unwrap_or(true),
        severity: quote.severity.unwrap_or_default(),
        position: position(&id_location),
        examples,
        source: None,
    })
}

/// The index of the person a quote or statement names as its speaker: by id, else by
/// exact name.
fn speaker_index(
    ctx: &Ctx<'_>,
    people: &[Person],
    raw: &Spanned<String>,
) -> Result<usize, RuleError> {
    let wanted = raw.value.trim();
    people
        .iter()
        .position(|p| p.id == wanted)
        .or_else(|| people.iter().position(|p| p.name == wanted))
        .ok_or_else(|| ctx.err(&raw.referenced, unknown_speaker(wanted, people)))
}

fn validate_statement(
    ctx: &Ctx<'_>,
    seen: &mut HashMap<String, Seen>,
    people: &[Person],
    item: Spanned<RawStatement>,
) -> Result<StatementRule, RuleError> {
    let raw = item.value;
    let (id, id_location) =
        check_rule_id(ctx, seen, "statement", &item.referenced, raw.id.as_ref())?;
    let Some(raw_speaker) = raw.speaker else {
        return Err(ctx.err(
            &item.referenced,
            format!("statement `{id}` has no `speaker` (a person's id or exact name)"),
        ));
    };
    let Some(raw_statement) = raw.statement else {
        return Err(ctx.err(
            &item.referenced,
            format!("statement `{id}` has no `statement` (what was said, plainly)"),
        ));
    };
    let Some(raw_context) = raw.context else {
        return Err(ctx.err(
            &item.referenced,
            format!(
                "statement `{id}` has no `context` (terms that locate the sentence \
                 reporting it)"
            ),
        ));
    };
    let speaker = speaker_index(ctx, people, &raw_speaker)?;
    let statement = raw_statement.value.trim().to_string();
    if statement.is_empty() {
        return Err(ctx.err(
            &raw_statement.referenced,
            format!("statement `{id}` has an empty `statement`"),
        ));
    }
    if raw_context.value.is_empty() {
        return Err(ctx.err(
            &raw_context.referenced,
            format!(
                "statement `{id}` has an empty `context`: give at least one term that \
                 locates the sentence reporting it"
            ),
        ));
    }
    let context = context_terms(ctx, "statement", &id, raw_context.value)?;
    let examples = validate_examples(ctx, "statement", &id, raw.examples)?;
    Ok(StatementRule {
        id,
        speaker,
        statement,
        context,
        required: raw.required.unwrap_or(true),
        severity: raw.severity.unwrap_or_default(),
        position: position(&id_location),
        examples,
        source: None,
    })
}

/// The examples of a claim, quote or statement (`what`), in file order.
fn validate_examples(
    ctx: &Ctx<'_>,
    what: &str,
    id: &str,
    raw: Option<Spanned<RawExamples>>,
) -> Result<Vec<RuleExample>, RuleError> {
    let Some(raw) = raw else {
        return Ok(Vec::new());
    };
    let mut examples = Vec::new();
    let check_text = |text: &Spanned<String>| {
        if text.value.trim().is_empty() {
            Err(ctx.err(
                &text.referenced,
                format!("{what} `{id}`: empty example text"),
            ))
        } else {
            Ok(())
        }
    };
    for text in raw.value.pass.unwrap_or_default() {
        check_text(&text)?;
        examples.push(RuleExample {
            position: position(&text.referenced),
            text: text.value,
            outcome: ExampleOutcome::Pass,
        });
    }
    for item in raw.value.fail.unwrap_or_default() {
        let Some(text) = item.value.text else {
            return Err(ctx.err(
                &item.referenced,
                format!("{what} `{id}`: fail example has no `text`"),
            ));
        };
        check_text(&text)?;
        let Some(kind) = item.value.kind else {
            return Err(ctx.err(
                &item.referenced,
                format!(
                    "{what} `{id}`: fail example has no `kind` (the finding it must produce: \
                     `missing`, `altered`, `misattributed` or `unattributed`)"
                ),
            ));
        };
        if what == "claim"
            && matches!(
                kind.value,
                ExampleKind::Misattributed | ExampleKind::Unattributed
            )
        {
            return Err(ctx.err(
                &kind.referenced,
                format!(
                    "claim `{id}`: a claim is only ever reported `missing` or `altered`, \
                     never `{}`",
                    kind.value.as_str()
                ),
            ));
        }
        examples.push(RuleExample {
            position: position(&text.referenced),
            text: text.value,
            outcome: ExampleOutcome::Fail(kind.value),
        });
    }
    examples.sort_by_key(|e| (e.position.line, e.position.column));
    Ok(examples)
}

fn unknown_speaker(wanted: &str, people: &[Person]) -> String {
    if people.is_empty() {
        return format!(
            "unknown speaker `{wanted}`; no people are defined (add them under `people:`)"
        );
    }
    let known = people
        .iter()
        .map(|p| p.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut message = format!("unknown speaker `{wanted}`; known people: {known}");
    let lowered = wanted.to_lowercase();
    let best = people
        .iter()
        .flat_map(|p| {
            [p.id.as_str(), p.name.as_str()]
                .into_iter()
                .map(move |candidate| (p, candidate))
        })
        .map(|(p, candidate)| (p, strsim::jaro_winkler(&lowered, &candidate.to_lowercase())))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((person, _)) = best {
        message.push_str(&format!("; did you mean `{}`?", person.id));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            ("Hugo Soto-Martinez", "hugo-soto-martinez"),
            ("  Martin Luther King Jr. ", "martin-luther-king-jr"),
            ("Ira  Mehlman", "ira-mehlman"),
            ("O'Brien, Conan", "o-brien-conan"),
            ("José Núñez", "jos-n-ez"),
            ("***", ""),
        ];
        for (name, expected) in cases {
            assert_eq!(slug(name), expected, "{name}");
        }
    }

    #[test]
    fn last_names() {
        let cases = [
            ("Hugo Soto-Martinez", Some("Soto-Martinez")),
            ("Martin Luther King Jr.", Some("King")),
            ("Martin Luther King, Jr.", Some("King")),
            ("Martin Luther King III", Some("King")),
            ("John Smith Sr", Some("Smith")),
            ("Madonna", Some("Madonna")),
            ("Ira Mehlman,", Some("Mehlman")),
            ("Jr.", None),
            ("", None),
        ];
        for (name, expected) in cases {
            assert_eq!(last_name(name).as_deref(), expected, "{name}");
        }
    }

    #[test]
    fn surrounding_quotes() {
        let cases = [
            ("\"hello\"", "hello"),
            ("“hello”", "hello"),
            ("‘We’re here’", "We’re here"),
            ("'hi'", "hi"),
            ("«salut»", "salut"),
            ("„Guten Tag“", "Guten Tag"),
            ("“A” and “B”", "“A” and “B”"),
            ("We’re here", "We’re here"),
            ("\"", "\""),
            ("", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(strip_surrounding_quotes(text), expected, "{text}");
        }
    }

    #[test]
    fn ruleset_ids() {
        for ok in ["a", "la-sanctuary-city", "A1.b_c-d", "2025"] {
            assert!(is_valid_ruleset_id(ok), "{ok}");
        }
        for bad in ["", "-a", ".a", "_a", "a b", "a/b", "é"] {
            assert!(!is_valid_ruleset_id(bad), "{bad}");
        }
    }
}
