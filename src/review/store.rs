//! The sign-off records: one SQLite file (embedded, `rusqlite` with its bundled SQLite),
//! its schema created and migrated by the service itself (`PRAGMA user_version` counts
//! the migrations applied).
//!
//! A review keeps what was approved, exactly: the SHA-256 of the draft's text, the JSON
//! document of its check (the findings as `factcheck --format json` writes them), the
//! rule files with their checksums, the findings accepted with a reason, and the time.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{ReviewError, RuleFile};

/// The schema, one migration per entry, applied in order; never edit one that has
/// shipped, add another.
const MIGRATIONS: &[&str] = &["CREATE TABLE reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('approved', 'changes-requested')),
        note TEXT NOT NULL,
        time TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        findings TEXT NOT NULL,
        rule_files TEXT NOT NULL,
        accepted TEXT NOT NULL
    );
    CREATE INDEX reviews_by_name ON reviews (name, id);"];

/// A finding accepted by the reviewer, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accepted {
    /// The finding's `rule` as in the JSON output (the bare id), or `ruleset/id`;
    /// `unverified` for quotes that no rule covers.
    pub rule: String,
    /// Why the finding is accepted.
    pub reason: String,
}

/// A review's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// The draft may be published.
    Approved,
    /// The draft goes back to its writer.
    ChangesRequested,
}

impl Decision {
    /// The name stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::ChangesRequested => "changes-requested",
        }
    }
}

/// A review as listed: who decided what about which text, when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewSummary {
    /// The review's id.
    pub id: i64,
    /// The draft's name.
    pub name: String,
    /// Who reviewed it.
    pub reviewer: String,
    /// `approved` or `changes-requested`.
    pub decision: String,
    /// The reviewer's note.
    pub note: String,
    /// When it was stored (RFC 3339, UTC).
    pub time: String,
    /// SHA-256 of the draft's text, lower-case hex.
    pub sha256: String,
}

/// A review with everything it records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewRecord {
    /// Who, what, when.
    #[serde(flatten)]
    pub summary: ReviewSummary,
    /// The findings accepted with a reason.
    pub accepted: Vec<Accepted>,
    /// The rule files checked against, with their SHA-256.
    pub rule_files: Vec<RuleFile>,
    /// The check of the text: the `factcheck --format json` document.
    pub findings: serde_json::Value,
}

/// A review to store (the time is the store's).
#[derive(Debug, Clone)]
pub struct NewReview<'a> {
    /// The draft's name.
    pub name: &'a str,
    /// Who reviewed it.
    pub reviewer: &'a str,
    /// The decision.
    pub decision: Decision,
    /// The reviewer's note.
    pub note: &'a str,
    /// SHA-256 of the text.
    pub sha256: &'a str,
    /// The JSON check document.
    pub findings: &'a serde_json::Value,
    /// The rule files with their checksums.
    pub rule_files: &'a [RuleFile],
    /// The findings accepted.
    pub accepted: &'a [Accepted],
}

/// The reviews database.
pub struct ReviewStore {
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for ReviewStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReviewStore").finish_non_exhaustive()
    }
}

fn store_error(path: &Path) -> impl Fn(rusqlite::Error) -> ReviewError + '_ {
    move |e| ReviewError::Store(format!("{}: {e}", path.display()))
}

impl ReviewStore {
    /// Opens (creating it if need be) the database at `path` and brings its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<ReviewStore, ReviewError> {
        let error = store_error(path);
        let mut conn = Connection::open(path).map_err(&error)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(&error)?;
        // Readers (another process reading the file) do not block the service's writes.
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(&error)?;
        migrate(&mut conn).map_err(&error)?;
        Ok(ReviewStore {
            conn: Mutex::new(conn),
        })
    }

    /// An in-memory database (for tests).
    pub fn in_memory() -> Result<ReviewStore, ReviewError> {
        let error = store_error(Path::new(":memory:"));
        let mut conn = Connection::open_in_memory().map_err(&error)?;
        migrate(&mut conn).map_err(&error)?;
        Ok(ReviewStore {
            conn: Mutex::new(conn),
        })
    }

    fn connection(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-written review (SQLite's
        // transactions), so a poisoned lock is still usable.
        self.conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Stores a review and returns it as stored.
    pub fn insert(&self, review: &NewReview<'_>) -> Result<ReviewRecord, ReviewError> {
        let internal = |e: serde_json::Error| ReviewError::Store(e.to_string());
        let findings = serde_json::to_string(review.findings).map_err(internal)?;
        let rule_files = serde_json::to_string(review.rule_files).map_err(internal)?;
        let accepted = serde_json::to_string(review.accepted).map_err(internal)?;
        let id = {
            let conn = self.connection();
            conn.execute(
                "INSERT INTO reviews (name, reviewer, decision, note, time, sha256, findings, rule_files, accepted)
                 VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?5, ?6, ?7, ?8)",
                params![
                    review.name,
                    review.reviewer,
                    review.decision.as_str(),
                    review.note,
                    review.sha256,
                    findings,
                    rule_files,
                    accepted
                ],
            )
            .map_err(|e| ReviewError::Store(e.to_string()))?;
            conn.last_insert_rowid()
        };
        self.get(id)?
            .ok_or_else(|| ReviewError::Store(format!("review {id} vanished after it was stored")))
    }

    /// The reviews of the draft `name`, oldest first.
    pub fn list(&self, name: &str) -> Result<Vec<ReviewSummary>, ReviewError> {
        let conn = self.connection();
        let error = |e: rusqlite::Error| ReviewError::Store(e.to_string());
        let mut statement = conn
            .prepare(
                "SELECT id, name, reviewer, decision, note, time, sha256 FROM reviews
                 WHERE name = ?1 ORDER BY id",
            )
            .map_err(error)?;
        let rows = statement.query_map([name], summary_of_row).map_err(error)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(error)
    }

    /// The review `id`, if there is one.
    pub fn get(&self, id: i64) -> Result<Option<ReviewRecord>, ReviewError> {
        let conn = self.connection();
        let error = |e: rusqlite::Error| ReviewError::Store(e.to_string());
        let row = conn
            .query_row(
                "SELECT id, name, reviewer, decision, note, time, sha256, findings, rule_files, accepted
                 FROM reviews WHERE id = ?1",
                [id],
                |row| {
                    Ok((
                        summary_of_row(row)?,
                        row.get::<_, String>(7)?,
                        row.get::<_, String>(8)?,
                        row.get::<_, String>(9)?,
                    ))
                },
            )
            .optional()
            .map_err(error)?;
        let Some((summary, findings, rule_files, accepted)) = row else {
            return Ok(None);
        };
        let damaged = |what: &str, e: serde_json::Error| {
            ReviewError::Store(format!("review {id}: its stored {what} are damaged: {e}"))
        };
        Ok(Some(ReviewRecord {
            summary,
            accepted: serde_json::from_str(&accepted).map_err(|e| damaged("acceptances", e))?,
            rule_files: serde_json::from_str(&rule_files).map_err(|e| damaged("rule files", e))?,
            findings: serde_json::from_str(&findings).map_err(|e| damaged("findings", e))?,
        }))
    }
}

fn summary_of_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ReviewSummary> {
    Ok(ReviewSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        reviewer: row.get(2)?,
        decision: row.get(3)?,
        note: row.get(4)?,
        time: row.get(5)?,
        sha256: row.get(6)?,
    })
}

/// Applies the migrations the database has not had, in one transaction.
fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let applied: usize =
        conn.query_row("PRAGMA user_version", [], |row| row.get::<_, i64>(0))? as usize;
    if applied >= MIGRATIONS.len() {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for migration in &MIGRATIONS[applied..] {
        tx.execute_batch(migration)?;
    }
    tx.execute_batch(&format!("PRAGMA user_version = {}", MIGRATIONS.len()))?;
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_review<'a>(
        name: &'a str,
        findings: &'a serde_json::Value,
        files: &'a [RuleFile],
        accepted: &'a [Accepted],
    ) -> NewReview<'a> {
        NewReview {
            name,
            reviewer: "R. Editor",
            decision: Decision::Approved,
            note: "ok",
            sha256: "00ff",
            findings,
            rule_files: files,
            accepted,
        }
    }

    #[test]
    fn a_review_round_trips_and_lists_by_name() {
        let store = ReviewStore::in_memory().expect("store");
        let findings = serde_json::json!({"version": 1, "files": []});
        let files = vec![RuleFile {
            path: "rules/la.yaml".into(),
            sha256: "ab".into(),
        }];
        let accepted = vec![Accepted {
            rule: "council-vote".into(),
            reason: "the later vote".into(),
        }];
        let first = store
            .insert(&new_review("a.md", &findings, &files, &accepted))
            .expect("insert");
        store
            .insert(&new_review("b.md", &findings, &files, &[]))
            .expect("insert");
        let again = store
            .insert(&new_review("a.md", &findings, &files, &[]))
            .expect("insert");
        assert_eq!(first.accepted, accepted);
        assert_eq!(first.rule_files, files);
        assert_eq!(first.findings, findings);
        assert_eq!(first.summary.decision, "approved");
        assert!(first.summary.time.ends_with('Z'), "{}", first.summary.time);
        let listed: Vec<i64> = store
            .list("a.md")
            .expect("list")
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(listed, vec![first.summary.id, again.summary.id]);
        assert_eq!(store.get(first.summary.id).expect("get"), Some(first));
        assert_eq!(store.get(999).expect("get"), None);
        assert!(store.list("none.md").expect("list").is_empty());
    }

    #[test]
    fn migrations_are_applied_once() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("reviews.sqlite");
        let findings = serde_json::json!({});
        {
            let store = ReviewStore::open(&path).expect("open");
            store
                .insert(&new_review("a.md", &findings, &[], &[]))
                .expect("insert");
        }
        let store = ReviewStore::open(&path).expect("open again");
        assert_eq!(store.list("a.md").expect("list").len(), 1);
        let version: i64 = store
            .connection()
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .expect("version");
        assert_eq!(version, MIGRATIONS.len() as i64);
    }
}
