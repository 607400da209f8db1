//! `factcheck rules verify`: every rule that names a source, proved against the file.
//!
//! - A quote's words must occur in the source verbatim, compared as drafts' quotes are
//!   (case, typography and the punctuation at word edges aside); where the source
//!   credits them to someone (a transcript's label, an attribution in prose) it must be
//!   the quote's speaker, resolved through the ruleset's people.
//! - A claim must be stated in one sentence of the source: its context terms and its
//!   expected value, exactly as a draft states it.
//! - A statement must be reported in the source as a draft must report it: located by
//!   its context terms, credited to its speaker, with its polarity
//!   ([`super::statements`]).
//! - A source with a pinned `sha256` must still have it.
//!
//! Problems: **unsupported** (not in the source), **misattributed** (in the source,
//! credited to someone else), **stale** (the file changed since it was pinned),
//! **unreadable** (the file cannot be read). Rules that name no source, and sources that
//! are not pinned, are listed, never failed. Every source file is read once, however
//! many rulesets name it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::check::{sentences_stating, CheckOptions, Checker, PreparedDraft, TextWords};
use crate::rules::{ClaimRule, PrimarySource, QuoteRule, RulePosition, RuleSet};
use crate::text::{SourceFile, Span};

use super::sources::{read_source, resolve_source_path, ReadSource};
use super::turns::{Credit, CreditBasis, SourceDocument};

/// Fewest words of a quote whose run in the source is shown as "the closest passage".
const MIN_PASSAGE_WORDS: usize = 3;

/// The kinds of rule a source can support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinnedKind {
    /// A claim: stated in one sentence of the source.
    Claim,
    /// A quote: said verbatim in the source, by its speaker.
    Quote,
    /// A statement: reported in the source, credited to its speaker.
    Statement,
}

impl PinnedKind {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            PinnedKind::Claim => "claim",
            PinnedKind::Quote => "quote",
            PinnedKind::Statement => "statement",
        }
    }
}

/// What verification found of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleStatus {
    /// The source states it (and credits a quote to its speaker, where it credits one).
    Supported,
    /// The source does not state it.
    Unsupported,
    /// The source has the words, credited to someone else.
    Misattributed,
    /// The source could not be read.
    Unverified,
    /// The rule names no source.
    Unpinned,
}

impl RuleStatus {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleStatus::Supported => "supported",
            RuleStatus::Unsupported => "unsupported",
            RuleStatus::Misattributed => "misattributed",
            RuleStatus::Unverified => "unverified",
            RuleStatus::Unpinned => "unpinned",
        }
    }
}

/// One claim or quote, and what its source says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCheck {
    /// The ruleset's id.
    pub ruleset: String,
    /// The rule's id.
    pub rule: String,
    /// Claim or quote.
    pub kind: PinnedKind,
    /// The rule file.
    pub rule_file: String,
    /// Where the rule starts in its file.
    pub position: RulePosition,
    /// The source it names, if any.
    pub source: Option<String>,
    /// What verification found.
    pub status: RuleStatus,
    /// Where the source states it (original bytes of the source), when it does.
    pub found: Option<Span>,
    /// Who the source credits with a quote's words, when it credits someone.
    pub credited: Option<String>,
}

/// What became of a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceStatus {
    /// Read, and its SHA-256 is the pinned one.
    Pinned,
    /// Read; no SHA-256 is pinned (its rules are verified all the same).
    Unpinned,
    /// Read, but its SHA-256 is not the pinned one.
    Stale,
    /// Could not be read.
    Unreadable,
}

impl SourceStatus {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceStatus::Pinned => "pinned",
            SourceStatus::Unpinned => "unpinned",
            SourceStatus::Stale => "stale",
            SourceStatus::Unreadable => "unreadable",
        }
    }
}

/// One source file of one ruleset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCheck {
    /// The ruleset's id.
    pub ruleset: String,
    /// The source's id.
    pub id: String,
    /// The rule file.
    pub rule_file: String,
    /// Where the entry starts in the rule file.
    pub position: RulePosition,
    /// Where its `sha256` is written, if it is.
    pub sha256_position: Option<RulePosition>,
    /// The file, as found from the rule file's folder.
    pub path: String,
    /// The pinned SHA-256, if any.
    pub pinned: Option<String>,
    /// The file's SHA-256, when it could be read.
    pub actual: Option<String>,
    /// What became of it.
    pub status: SourceStatus,
    /// Why it could not be read.
    pub error: Option<String>,
    /// How many rules name it.
    pub rules: usize,
}

/// The kinds of problem verification reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ProblemKind {
    /// The rule is not in its source.
    Unsupported,
    /// The source credits the quote to someone else.
    Misattributed,
    /// The source changed since it was pinned.
    Stale,
    /// The source cannot be read.
    Unreadable,
}

impl ProblemKind {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Unsupported => "unsupported",
            ProblemKind::Misattributed => "misattributed",
            ProblemKind::Stale => "stale",
            ProblemKind::Unreadable => "unreadable",
        }
    }
}

/// A problem, pointing into the rule file and, where there is a place, into the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// The ruleset's id.
    pub ruleset: String,
    /// The rule, for a rule's problem (none for a source's: stale, unreadable).
    pub rule: Option<String>,
    /// The rule file.
    pub rule_file: String,
    /// Where in the rule file: the rule, or the source entry (its `sha256` when stale).
    pub position: RulePosition,
    /// The source's id.
    pub source: String,
    /// The source file, as found from the rule file's folder.
    pub source_path: String,
    /// Where in the source (original bytes): the words credited to someone else, the
    /// closest passage, or the sentence that states another value.
    pub source_span: Option<Span>,
    /// What the source span shows.
    pub source_label: Option<String>,
    /// The message, one line.
    pub message: String,
    /// Who the source credits, for a misattributed quote.
    pub credited: Option<String>,
}

/// Everything `factcheck rules verify` found.
#[derive(Debug, Clone, Default)]
pub struct Verification {
    /// The rule files, in loading order.
    pub files: Vec<String>,
    /// Every claim and quote, in file order.
    pub rules: Vec<RuleCheck>,
    /// Every source file entry, in file order.
    pub sources: Vec<SourceCheck>,
    /// The problems, in file order.
    pub problems: Vec<Problem>,
    /// The text of each rule file and source read, by its shown path (for excerpts).
    pub documents: BTreeMap<String, SourceFile>,
}

impl Verification {
    /// True when a source could not be read (the run is an input error: exit 2).
    pub fn has_unreadable(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.kind == ProblemKind::Unreadable)
    }

    /// How many rules have this status.
    pub fn count(&self, status: RuleStatus) -> usize {
        self.rules.iter().filter(|r| r.status == status).count()
    }

    /// How many problems are of this kind.
    pub fn problems_of(&self, kind: ProblemKind) -> usize {
        self.problems.iter().filter(|p| p.kind == kind).count()
    }
}

/// Verifies every rule of `rulesets` that names a source against the file.
pub fn verify_rulesets(rulesets: &[RuleSet]) -> Verification {
    let mut verification = Verification {
        files: rulesets.iter().map(|r| r.path.clone()).collect(),
        ..Verification::default()
    };
    let mut read: BTreeMap<PathBuf, Result<ReadSource, String>> = BTreeMap::new();
    for ruleset in rulesets {
        verify_ruleset(ruleset, &mut read, &mut verification);
    }
    for source in read.into_values().flatten() {
        verification
            .documents
            .insert(source.file.path.clone(), source.file);
    }
    // The rule files too, for excerpts (a file that cannot be read again has none).
    for ruleset in rulesets {
        if let Ok(text) = std::fs::read_to_string(&ruleset.path) {
            verification.documents.insert(
                ruleset.path.clone(),
                SourceFile::new(ruleset.path.clone(), text),
            );
        }
    }
    verification
}

fn verify_ruleset(
    ruleset: &RuleSet,
    read: &mut BTreeMap<PathBuf, Result<ReadSource, String>>,
    out: &mut Verification,
) {
    let mut readable: BTreeMap<&str, &ReadSource> = BTreeMap::new();
    // Read (once) and hash every source file first; the rules come after.
    for source in &ruleset.source_files {
        let path = resolve_source_path(&ruleset.path, &source.path);
        let shown = path.display().to_string();
        read.entry(path.clone())
            .or_insert_with(|| read_source(&path, &shown).map_err(|e| e.to_string()));
    }
    for source in &ruleset.source_files {
        let path = resolve_source_path(&ruleset.path, &source.path);
        let shown = path.display().to_string();
        let result = read.get(&path);
        let check = source_check(ruleset, source, &shown, result);
        if let Some(problem) = source_problem(ruleset, source, &check) {
            out.problems.push(problem);
        }
        if let Some(Ok(doc)) = result {
            readable.insert(source.id.as_str(), doc);
        }
        out.sources.push(check);
    }

    let documents: BTreeMap<&str, SourceDocument> = readable
        .iter()
        .map(|(id, doc)| (*id, SourceDocument::new(doc, ruleset)))
        .collect();
    let mut prepared: BTreeMap<&str, PreparedDraft> = BTreeMap::new();
    let no_rules: Vec<RuleSet> = Vec::new();
    let checker = Checker::new(&no_rules, CheckOptions::default());

    for claim in &ruleset.claims {
        let base = rule_check(ruleset, &claim.id, PinnedKind::Claim, claim.position);
        let Some(id) = claim.source.as_deref() else {
            out.rules.push(base);
            continue;
        };
        let Some(doc) = documents.get(id) else {
            out.rules.push(unverified(base, id));
            continue;
        };
        let draft = prepared.entry(id).or_insert_with(|| {
            checker.prepare(&SourceFile::new(
                doc.source.file.path.clone(),
                doc.source.view(),
            ))
        });
        let (check, problem) = verify_claim(ruleset, claim, doc, draft, base);
        out.rules.push(check);
        out.problems.extend(problem);
    }
    for quote in &ruleset.quotes {
        let base = rule_check(ruleset, &quote.id, PinnedKind::Quote, quote.position);
        let Some(id) = quote.source.as_deref() else {
            out.rules.push(base);
            continue;
        };
        let Some(doc) = documents.get(id) else {
            out.rules.push(unverified(base, id));
            continue;
        };
        let (check, problem) = verify_quote(ruleset, quote, doc, base);
        out.rules.push(check);
        out.problems.extend(problem);
    }
    for statement in &ruleset.statements {
        let base = rule_check(
            ruleset,
            &statement.id,
            PinnedKind::Statement,
            statement.position,
        );
        let Some(id) = statement.source.as_deref() else {
            out.rules.push(base);
            continue;
        };
        let Some(doc) = documents.get(id) else {
            out.rules.push(unverified(base, id));
            continue;
        };
        let (check, problem) = super::statements::verify_statement(ruleset, statement, doc, base);
        out.rules.push(check);
        out.problems.extend(problem);
    }
    for source in out.sources.iter_mut().filter(|s| s.ruleset == ruleset.id) {
        source.rules = out
            .rules
            .iter()
            .filter(|r| r.ruleset == ruleset.id && r.source.as_deref() == Some(&source.id))
            .count();
    }
    out.problems
        .sort_by_key(|p| (p.rule_file.clone(), p.position.line, p.position.column));
}

/// An unpinned rule's check (the callers fill in the source and status).
fn rule_check(ruleset: &RuleSet, id: &str, kind: PinnedKind, position: RulePosition) -> RuleCheck {
    RuleCheck {
        ruleset: ruleset.id.clone(),
        rule: id.to_string(),
        kind,
        rule_file: ruleset.path.clone(),
        position,
        source: None,
        status: RuleStatus::Unpinned,
        found: None,
        credited: None,
    }
}

fn unverified(base: RuleCheck, source: &str) -> RuleCheck {
    RuleCheck {
        source: Some(source.to_string()),
        status: RuleStatus::Unverified,
        ..base
    }
}

fn source_check(
    ruleset: &RuleSet,
    source: &PrimarySource,
    shown: &str,
    result: Option<&Result<ReadSource, String>>,
) -> SourceCheck {
    let (status, actual, error) = match result {
        Some(Ok(doc)) => {
            let status = match &source.sha256 {
                None => SourceStatus::Unpinned,
                Some(pinned) if *pinned == doc.sha256 => SourceStatus::Pinned,
                Some(_) => SourceStatus::Stale,
            };
            (status, Some(doc.sha256.clone()), None)
        }
        Some(Err(e)) => (SourceStatus::Unreadable, None, Some(e.clone())),
        None => (
            SourceStatus::Unreadable,
            None,
            Some(format!("{shown}: not read")),
        ),
    };
    SourceCheck {
        ruleset: ruleset.id.clone(),
        id: source.id.clone(),
        rule_file: ruleset.path.clone(),
        position: source.position,
        sha256_position: source.sha256_position,
        path: shown.to_string(),
        pinned: source.sha256.clone(),
        actual,
        status,
        error,
        rules: 0,
    }
}

fn source_problem(
    ruleset: &RuleSet,
    source: &PrimarySource,
    check: &SourceCheck,
) -> Option<Problem> {
    let problem = |kind, position, message| Problem {
        kind,
        ruleset: ruleset.id.clone(),
        rule: None,
        rule_file: ruleset.path.clone(),
        position,
        source: source.id.clone(),
        source_path: check.path.clone(),
        source_span: None,
        source_label: None,
        message,
        credited: None,
    };
    match check.status {
        SourceStatus::Stale => Some(problem(
            ProblemKind::Stale,
            source.sha256_position.unwrap_or(source.position),
            format!(
                "source `{}` ({}) changed since it was pinned: its SHA-256 is {}, the rule \
                 file pins {}",
                source.id,
                check.path,
                check.actual.as_deref().unwrap_or("?"),
                check.pinned.as_deref().unwrap_or("?"),
            ),
        )),
        SourceStatus::Unreadable => Some(problem(
            ProblemKind::Unreadable,
            source.position,
            format!(
                "source `{}`: {}",
                source.id,
                check.error.as_deref().unwrap_or("cannot be read")
            ),
        )),
        SourceStatus::Pinned | SourceStatus::Unpinned => None,
    }
}

/// A rule's problem (unsupported or misattributed).
pub(super) fn rule_problem(
    ruleset: &RuleSet,
    check: &RuleCheck,
    doc: &SourceDocument,
    kind: ProblemKind,
    message: String,
    at: Option<(Span, String)>,
) -> Problem {
    let (source_span, source_label) = match at {
        Some((span, label)) => (Some(span), Some(label)),
        None => (None, None),
    };
    Problem {
        kind,
        ruleset: ruleset.id.clone(),
        rule: Some(check.rule.clone()),
        rule_file: ruleset.path.clone(),
        position: check.position,
        source: check.source.clone().unwrap_or_default(),
        source_path: doc.source.file.path.clone(),
        source_span,
        source_label,
        message,
        credited: check.credited.clone(),
    }
}

fn verify_claim(
    ruleset: &RuleSet,
    claim: &ClaimRule,
    doc: &SourceDocument,
    draft: &PreparedDraft,
    base: RuleCheck,
) -> (RuleCheck, Option<Problem>) {
    let source = claim.source.clone();
    let stated = sentences_stating(draft, claim);
    if let Some(first) = stated.first() {
        let check = RuleCheck {
            source,
            status: RuleStatus::Supported,
            found: Some(doc.source.prose.to_original(*first)),
            ..base
        };
        return (check, None);
    }
    let check = RuleCheck {
        source,
        status: RuleStatus::Unsupported,
        ..base
    };
    let located = crate::check::locate_claim(draft, claim);
    let terms: Vec<String> = claim
        .context
        .iter()
        .map(|t| format!("`{}`", t.alternatives.join("|")))
        .collect();
    let what = format!("the {} {}", claim.kind.noun(), claim.expected);
    let (detail, at) = match located.first() {
        Some(&sentence) if !claim.context.is_empty() => (
            format!(
                "the {} sentence{} with its context terms state{} another value or none",
                located.len(),
                if located.len() == 1 { "" } else { "s" },
                if located.len() == 1 { "s" } else { "" },
            ),
            Some((
                doc.source.prose.to_original(draft.original_span(sentence)),
                format!("located by its context, without {what}"),
            )),
        ),
        _ if claim.context.is_empty() => (format!("it never states {what}"), None),
        _ => (
            format!("no sentence has every context term ({})", terms.join(", ")),
            None,
        ),
    };
    let message = format!(
        "claim `{}` is not stated in source `{}` ({}): {detail}",
        claim.id,
        check.source.as_deref().unwrap_or_default(),
        doc.source.file.path,
    );
    let problem = rule_problem(ruleset, &check, doc, ProblemKind::Unsupported, message, at);
    (check, Some(problem))
}

fn verify_quote(
    ruleset: &RuleSet,
    quote: &QuoteRule,
    doc: &SourceDocument,
    base: RuleCheck,
) -> (RuleCheck, Option<Problem>) {
    let source = quote.source.clone();
    let speaker = ruleset.speaker_of(quote);
    let occurrences: Vec<(Span, Option<Credit>)> = doc
        .words
        .find(&quote.text)
        .into_iter()
        .map(|span| (span, doc.credit_at(span)))
        .collect();
    let by_speaker = occurrences.iter().find(|(_, credit)| {
        credit
            .as_ref()
            .is_some_and(|c| credits_person(doc, c, quote.speaker))
    });
    let to_original = |span: Span| doc.source.prose.to_original(span);
    if let Some((span, credit)) = by_speaker {
        let check = RuleCheck {
            source,
            status: RuleStatus::Supported,
            found: Some(to_original(*span)),
            credited: credit.as_ref().map(|c| credited_name(ruleset, c)),
            ..base
        };
        return (check, None);
    }
    let credited_elsewhere = occurrences.iter().find(|(_, c)| c.is_some());
    match (credited_elsewhere, occurrences.first()) {
        (Some((span, Some(credit))), _) => {
            let name = credited_name(ruleset, credit);
            let how = match credit.basis {
                CreditBasis::Label => format!("under the label `{}`", credit.name),
                CreditBasis::Prose { inferred: false } => "in its prose".to_string(),
                CreditBasis::Prose { inferred: true } => {
                    "in its prose (the speaker inferred, not named there)".to_string()
                }
            };
            let check = RuleCheck {
                source,
                status: RuleStatus::Misattributed,
                found: Some(to_original(*span)),
                credited: Some(name.clone()),
                ..base
            };
            let message = format!(
                "quote `{}`: source `{}` ({}) credits these words to {name} {how}, not to {}",
                quote.id,
                check.source.as_deref().unwrap_or_default(),
                doc.source.file.path,
                speaker.name
            );
            let at = Some((to_original(credit.span), format!("credited to {name}")));
            let problem = rule_problem(
                ruleset,
                &check,
                doc,
                ProblemKind::Misattributed,
                message,
                at,
            );
            (check, Some(problem))
        }
        // In the source, credited to nobody: supported for its words.
        (_, Some((span, _))) => (
            RuleCheck {
                source,
                status: RuleStatus::Supported,
                found: Some(to_original(*span)),
                ..base
            },
            None,
        ),
        (_, None) => {
            let check = RuleCheck {
                source,
                status: RuleStatus::Unsupported,
                ..base
            };
            let (detail, at) = match closest_passage(&doc.words, &quote.text) {
                Some((span, shared, total)) => (
                    format!("the closest passage shares {shared} of its {total} words in order"),
                    Some((
                        to_original(span),
                        format!("{shared} of its {total} words match here"),
                    )),
                ),
                None => ("none of its passages is there".to_string(), None),
            };
            let message = format!(
                "quote `{}` by {} is not in source `{}` ({}) verbatim: {detail}",
                quote.id,
                speaker.name,
                check.source.as_deref().unwrap_or_default(),
                doc.source.file.path,
            );
            let problem = rule_problem(ruleset, &check, doc, ProblemKind::Unsupported, message, at);
            (check, Some(problem))
        }
    }
}

/// True when a credit names the person at `index` (the written mention counts too).
pub(super) fn credits_person(doc: &SourceDocument, credit: &Credit, index: usize) -> bool {
    if doc.names(&credit.name, index) {
        return true;
    }
    let view = doc.source.view();
    view.get(credit.span.range())
        .is_some_and(|mention| doc.names(mention, index))
}

/// Who a credit names, for messages: the person's full name when the label or name
/// resolves to one of the ruleset's people, else the label or name as written.
pub(super) fn credited_name(ruleset: &RuleSet, credit: &Credit) -> String {
    match credit.person.and_then(|i| ruleset.people.get(i)) {
        Some(person) => person.name.clone(),
        None => credit.name.clone(),
    }
}

/// The longest run of a quote's first or last words that the source has, with how many
/// of the quote's words it holds: where a mistyped quote departs from its source.
fn closest_passage(words_of_source: &TextWords, text: &str) -> Option<(Span, usize, usize)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let total = words.len();
    for shared in (MIN_PASSAGE_WORDS..total).rev() {
        let prefix = words[..shared].join(" ");
        if let Some(span) = words_of_source.find(&prefix).first() {
            return Some((*span, shared, total));
        }
        let suffix = words[total - shared..].join(" ");
        if let Some(span) = words_of_source.find(&suffix).first() {
            return Some((*span, shared, total));
        }
    }
    None
}
