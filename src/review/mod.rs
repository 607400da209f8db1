//! Pre-publish review as a service, without HTTP: the rules a long-running service
//! keeps loaded (and loads again when a rule file changes, keeping the last good ones
//! when an edit breaks them), a posted draft checked exactly as the command line checks
//! a file, its quote sheet, and the sign-off records in SQLite.
//!
//! `factcheck serve` ([`crate::serve`]) puts HTTP in front of [`ReviewService`]; every
//! answer here is data (a JSON document, a record) or a typed [`ReviewError`].

mod discover;
mod request;
mod rules;
mod store;
mod watch;

pub use request::{DraftRequest, FormatChoice, ReviewRequest, DEFAULT_DRAFT_NAME};
pub use rules::{rfc3339, sha256_digest, LoadedRules, RuleFile, RuleSettings};
pub use store::{Accepted, Decision, NewReview, ReviewRecord, ReviewStore, ReviewSummary};
pub use watch::{watch_rules, RulesWatcher};

use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use serde::Serialize;

use crate::check::fix::{fix_checked, Applied, FixSafety};
use crate::check::{CheckedFile, FindingKind};
use crate::report::{Emitter, HtmlEmitter, JsonEmitter, QuoteEmitter, QuoteSheet, QuotesJson};
use crate::rules::provenance::sha256_hex;
use crate::rules::Severity;

/// Why a request could not be answered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReviewError {
    /// The request is not what the route takes (malformed JSON, a missing or unknown
    /// field, a bad value).
    #[error("{0}")]
    InvalidRequest(String),
    /// The draft cannot be checked: empty, binary, or markup or a suppression comment
    /// that is wrong (`name:line:col: …`).
    #[error("{0}")]
    InvalidDraft(String),
    /// An option this build does not support yet.
    #[error("{0}")]
    NotSupported(String),
    /// The draft is over the size limit.
    #[error("{0}")]
    TooLarge(String),
    /// No valid rules are loaded (the error names file:line:col).
    #[error("{0}")]
    Rules(String),
    /// No such review.
    #[error("{0}")]
    NotFound(String),
    /// Approving a draft whose error findings are not all accepted with a reason.
    #[error("{message}")]
    Unaccepted {
        /// What is refused, naming the findings.
        message: String,
        /// The findings not accepted.
        findings: Vec<UnacceptedFinding>,
    },
    /// The reviews database failed.
    #[error("{0}")]
    Store(String),
}

impl ReviewError {
    /// A short stable name for the error (`invalid_request`, `rules_unavailable`…).
    pub fn code(&self) -> &'static str {
        match self {
            ReviewError::InvalidRequest(_) => "invalid_request",
            ReviewError::InvalidDraft(_) => "invalid_draft",
            ReviewError::NotSupported(_) => "not_supported",
            ReviewError::TooLarge(_) => "too_large",
            ReviewError::Rules(_) => "rules_unavailable",
            ReviewError::NotFound(_) => "not_found",
            ReviewError::Unaccepted { .. } => "unaccepted_findings",
            ReviewError::Store(_) => "store_failed",
        }
    }
}

/// An error finding that blocks an approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnacceptedFinding {
    /// `ruleset/rule`, or the name of a finding of no rule (`unverified`).
    pub rule: String,
    /// The finding's kind.
    pub kind: FindingKind,
    /// Its line in the draft (`None` for missing).
    pub line: Option<usize>,
    /// Its message.
    pub message: String,
}

/// What the service was started with.
#[derive(Debug, Clone)]
pub struct ServiceSettings {
    /// The rules and what applies to them.
    pub rules: RuleSettings,
    /// Largest draft (and request body) taken, in bytes (`--max-draft-size`).
    pub max_draft_size: u64,
}

/// The last load of the rules that failed, and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadFailure {
    /// The error, naming file:line:col.
    pub message: String,
    /// When (RFC 3339, UTC).
    pub time: String,
}

/// The rules now in use, and the last failure to load them since they were loaded.
#[derive(Debug, Default)]
struct RulesState {
    current: Option<Arc<LoadedRules>>,
    failure: Option<LoadFailure>,
}

/// What a reload did.
#[derive(Debug)]
pub enum Reload {
    /// The new rules are in use.
    Loaded(Arc<LoadedRules>),
    /// They failed to load; the last good rules (if any) stay in use.
    Failed {
        /// The error, naming file:line:col.
        message: String,
        /// True when earlier rules are still in use.
        kept: bool,
    },
}

/// `GET /healthz`: whether rules are loaded, how many, the last load error.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Health {
    /// `ok`, or `unavailable` while no valid rules are loaded.
    pub status: &'static str,
    /// Rules loaded.
    pub rules: usize,
    /// The last load error since the rules in use were loaded (a broken edit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// `GET /api/v1/rules`: the rulesets with their rule counts, the files, load time and
/// any load error.
#[derive(Debug, Clone, Serialize)]
pub struct RulesStatus {
    /// Each ruleset.
    pub rulesets: Vec<RulesetStatus>,
    /// The rule files with their SHA-256.
    pub files: Vec<RuleFile>,
    /// Rules in all.
    pub rules: usize,
    /// When the rules in use were loaded (RFC 3339, UTC); `None` when none are.
    pub loaded_at: Option<String>,
    /// How long loading took, in milliseconds.
    pub load_ms: Option<u64>,
    /// The last failure to load the rules since (a broken edit), if any.
    pub error: Option<LoadFailure>,
}

/// One ruleset in [`RulesStatus`].
#[derive(Debug, Clone, Serialize)]
pub struct RulesetStatus {
    /// Its id.
    pub id: String,
    /// Its file.
    pub path: String,
    /// Claims.
    pub claims: usize,
    /// Quotes.
    pub quotes: usize,
    /// People.
    pub people: usize,
}

/// A draft's check as the review page shows it: the JSON document and the HTML report's
/// section for the draft.
#[derive(Debug, Clone)]
pub struct CheckView {
    /// The `factcheck --format json` document.
    pub json: Vec<u8>,
    /// The draft with its findings marked, and the list of findings (HTML).
    pub html: String,
}

/// The review service: rules kept loaded, drafts checked on request, reviews stored.
/// Every method may be called from many threads at once.
pub struct ReviewService {
    settings: ServiceSettings,
    state: RwLock<RulesState>,
    store: ReviewStore,
}

impl std::fmt::Debug for ReviewService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReviewService")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl ReviewService {
    /// A service over `store` that has no rules yet: call [`ReviewService::reload`].
    pub fn new(settings: ServiceSettings, store: ReviewStore) -> ReviewService {
        ReviewService {
            settings,
            state: RwLock::new(RulesState::default()),
            store,
        }
    }

    /// The settings it runs with.
    pub fn settings(&self) -> &ServiceSettings {
        &self.settings
    }

    /// Loads the rules again; on failure the rules in use (if any) stay, and the error
    /// is kept for [`ReviewService::health`] and [`ReviewService::rules_status`].
    pub fn reload(&self) -> Reload {
        let result = LoadedRules::load(&self.settings.rules);
        let mut state = self.state.write().unwrap_or_else(|p| p.into_inner());
        match result {
            Ok(rules) => {
                let rules = Arc::new(rules);
                state.current = Some(Arc::clone(&rules));
                state.failure = None;
                Reload::Loaded(rules)
            }
            Err(e) => {
                let message = e.to_string();
                state.failure = Some(LoadFailure {
                    message: message.clone(),
                    time: rfc3339(SystemTime::now()),
                });
                Reload::Failed {
                    message,
                    kept: state.current.is_some(),
                }
            }
        }
    }

    /// The rules in use, or why there are none.
    pub fn rules(&self) -> Result<Arc<LoadedRules>, ReviewError> {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        match (&state.current, &state.failure) {
            (Some(rules), _) => Ok(Arc::clone(rules)),
            (None, Some(failure)) => Err(ReviewError::Rules(format!(
                "no valid rules are loaded: {}",
                failure.message
            ))),
            (None, None) => Err(ReviewError::Rules("the rules are not loaded yet".into())),
        }
    }

    /// Whether valid rules are loaded.
    pub fn health(&self) -> Health {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        Health {
            status: if state.current.is_some() {
                "ok"
            } else {
                "unavailable"
            },
            rules: state.current.as_ref().map_or(0, |r| r.rule_count()),
            error: state.failure.as_ref().map(|f| f.message.clone()),
        }
    }

    /// The rules in use: rulesets, files, load time, last load error.
    pub fn rules_status(&self) -> RulesStatus {
        let state = self.state.read().unwrap_or_else(|p| p.into_inner());
        let current = state.current.as_deref();
        RulesStatus {
            rulesets: current
                .map(|rules| {
                    rules
                        .rulesets()
                        .iter()
                        .map(|r| RulesetStatus {
                            id: r.id.clone(),
                            path: r.path.clone(),
                            claims: r.claims.len(),
                            quotes: r.quotes.len(),
                            people: r.people.len(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            files: current.map(|r| r.files().to_vec()).unwrap_or_default(),
            rules: current.map_or(0, LoadedRules::rule_count),
            loaded_at: current.map(|r| rfc3339(r.loaded_at())),
            load_ms: current.map(|r| r.load_time().as_millis() as u64),
            error: state.failure.clone(),
        }
    }

    fn checked(
        &self,
        rules: &LoadedRules,
        request: DraftRequest,
    ) -> Result<CheckedFile, ReviewError> {
        let unverified = request.unverified;
        let (source, format) = request.into_source(self.settings.max_draft_size)?;
        rules.check(source, format, unverified)
    }

    /// `POST /api/v1/check`: the `factcheck --format json` document of the draft.
    pub fn check(&self, request: DraftRequest) -> Result<Vec<u8>, ReviewError> {
        request.refuse_options(&["reported", "unsafe"])?;
        let rules = self.rules()?;
        let checked = self.checked(&rules, request)?;
        Ok(json_document(&checked))
    }

    /// The check as the review page shows it: the JSON document and the HTML report's
    /// section for the draft.
    pub fn check_view(&self, request: DraftRequest) -> Result<CheckView, ReviewError> {
        request.refuse_options(&["reported", "unsafe"])?;
        let rules = self.rules()?;
        let checked = self.checked(&rules, request)?;
        let html = HtmlEmitter {
            catalog: rules.catalog(),
        }
        .draft_section(&checked);
        Ok(CheckView {
            json: json_document(&checked),
            html,
        })
    }

    /// `POST /api/v1/quotes`: the `factcheck quotes --format json` document of the
    /// draft (with `"reported": true`, `quotes --reported`'s), speakers resolved with the
    /// people of the rules in use.
    pub fn quotes(&self, request: DraftRequest) -> Result<Vec<u8>, ReviewError> {
        request.refuse_options(&["unsafe"])?;
        let with_reported = request.reported;
        let rules = self.rules()?;
        let (source, format) = request.into_source(self.settings.max_draft_size)?;
        let sheet = QuoteSheet::of_document(source, format, rules.people(), with_reported)
            .map_err(|e| ReviewError::InvalidDraft(e.to_string()))?;
        let mut out = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = QuotesJson.emit(&mut out, &[sheet]);
        Ok(out)
    }

    /// `POST /api/v1/fix`: the draft with its fixes applied (safe ones; unsafe ones too
    /// with `"unsafe": true`) and the edits made.
    pub fn fix(&self, request: DraftRequest) -> Result<Applied, ReviewError> {
        request.refuse_options(&["reported"])?;
        let safety = if request.unsafe_fixes {
            FixSafety::IncludeUnsafe
        } else {
            FixSafety::SafeOnly
        };
        let rules = self.rules()?;
        let checked = self.checked(&rules, request)?;
        Ok(fix_checked(&checked, safety))
    }

    /// `POST /api/v1/reviews`: checks the text again, refuses an approval while an
    /// error finding is not accepted with a reason, and stores the review.
    pub fn submit_review(&self, request: ReviewRequest) -> Result<ReviewRecord, ReviewError> {
        request.validate()?;
        let rules = self.rules()?;
        let sha256 = sha256_hex(request.draft.text.as_bytes());
        let checked = self.checked(&rules, request.draft.clone())?;
        if request.decision == Decision::Approved {
            let unaccepted = unaccepted_errors(&checked, &request.accepted);
            if !unaccepted.is_empty() {
                let names: Vec<String> = unaccepted
                    .iter()
                    .map(|f| match f.line {
                        Some(line) => format!("{} ({}, line {line})", f.rule, f.kind.as_str()),
                        None => format!("{} ({})", f.rule, f.kind.as_str()),
                    })
                    .collect();
                return Err(ReviewError::Unaccepted {
                    message: format!(
                        "cannot approve {}: {} error finding{} not accepted with a reason: {}",
                        checked.source.path,
                        unaccepted.len(),
                        if unaccepted.len() == 1 {
                            " is"
                        } else {
                            "s are"
                        },
                        names.join(", ")
                    ),
                    findings: unaccepted,
                });
            }
        }
        let findings: serde_json::Value = serde_json::from_slice(&json_document(&checked))
            .map_err(|e| ReviewError::Store(e.to_string()))?;
        self.store.insert(&NewReview {
            name: &request.draft.name,
            reviewer: request.reviewer.trim(),
            decision: request.decision,
            note: &request.note,
            sha256: &sha256,
            findings: &findings,
            rule_files: rules.files(),
            accepted: &request.accepted,
        })
    }

    /// `GET /api/v1/reviews?name=…`: the reviews of a draft name, oldest first.
    pub fn reviews_of(&self, name: &str) -> Result<Vec<ReviewSummary>, ReviewError> {
        self.store.list(name)
    }

    /// `GET /api/v1/reviews/{id}`: one review with its findings.
    pub fn review(&self, id: i64) -> Result<ReviewRecord, ReviewError> {
        self.store
            .get(id)?
            .ok_or_else(|| ReviewError::NotFound(format!("no review {id}")))
    }
}

/// The `--format json` document of one checked draft.
fn json_document(checked: &CheckedFile) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = JsonEmitter.emit(&mut out, std::slice::from_ref(checked));
    out
}

/// The error findings of `checked` that no entry of `accepted` names (by the rule's
/// bare id, `ruleset/id`, or `unverified` for quotes no rule covers).
fn unaccepted_errors(checked: &CheckedFile, accepted: &[Accepted]) -> Vec<UnacceptedFinding> {
    let names = |rule: &str| accepted.iter().any(|a| a.rule == rule);
    checked
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| match (&f.ruleset, &f.rule) {
            (Some(ruleset), Some(rule)) => !names(rule) && !names(&format!("{ruleset}/{rule}")),
            (None, Some(rule)) => !names(rule),
            (_, None) => !names(f.kind.as_str()),
        })
        .map(|f| UnacceptedFinding {
            rule: match (&f.ruleset, &f.rule) {
                (Some(ruleset), Some(rule)) => format!("{ruleset}/{rule}"),
                (None, Some(rule)) => rule.clone(),
                (_, None) => f.kind.as_str().to_string(),
            },
            kind: f.kind,
            line: f.span.map(|s| checked.source.line_col(s.start).0),
            message: f.message.clone(),
        })
        .collect()
}
