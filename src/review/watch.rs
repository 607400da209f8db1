//! Watching the rule files (`notify`): a change under a rule directory, or to a rule
//! file, calls back once the edits have settled (a debounce), so that an editor's
//! save — often several events, a temporary file and a rename — reloads the rules once.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::ReviewError;

/// A running watch; dropping it stops it.
pub struct RulesWatcher {
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for RulesWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RulesWatcher").finish_non_exhaustive()
    }
}

/// What the watch looks at: directories (recursively), and the files named alone
/// (through their directory, since an editor that saves by renaming replaces the file
/// a watch would hold).
struct Targets {
    dirs: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Targets {
    fn of(paths: &[PathBuf]) -> Targets {
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut targets = Targets {
            dirs: Vec::new(),
            files: Vec::new(),
        };
        for path in paths {
            if path.is_dir() {
                targets.dirs.push(absolute(path));
            } else {
                targets.files.push(absolute(path));
            }
        }
        targets
    }

    /// True when a change to `path` may change the rules.
    fn concerns(&self, path: &Path) -> bool {
        let is_rule_file = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        self.files.iter().any(|f| f == path)
            || (!hidden && is_rule_file && self.dirs.iter().any(|d| path.starts_with(d)))
    }
}

/// Watches `paths` (the rule files and directories as given to the loader) and calls
/// `on_change` on a thread of its own each time they changed and then stayed unchanged
/// for `settle`.
pub fn watch_rules(
    paths: &[PathBuf],
    settle: Duration,
    on_change: impl Fn() + Send + 'static,
) -> Result<RulesWatcher, ReviewError> {
    let targets = Targets::of(paths);
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let watch_error = |e: notify::Error| ReviewError::Rules(format!("cannot watch the rules: {e}"));
    let mut watcher = notify::recommended_watcher(tx).map_err(watch_error)?;
    for dir in &targets.dirs {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(watch_error)?;
    }
    let mut parents: Vec<&Path> = targets.files.iter().filter_map(|f| f.parent()).collect();
    parents.sort();
    parents.dedup();
    for parent in parents {
        watcher
            .watch(parent, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
    }
    let relevant = move |event: &notify::Result<notify::Event>| match event {
        Ok(event) => {
            !matches!(event.kind, EventKind::Access(_))
                && event.paths.iter().any(|p| targets.concerns(p))
        }
        // An overflow of the event queue: something changed, maybe the rules.
        Err(_) => true,
    };
    std::thread::Builder::new()
        .name("factcheck-rules-watch".into())
        .spawn(move || {
            // Ends when the watcher is dropped (its sender with it).
            while let Ok(event) = rx.recv() {
                if !relevant(&event) {
                    continue;
                }
                // Let the edits settle: wait until `settle` passes without an event.
                loop {
                    match rx.recv_timeout(settle) {
                        Ok(_) => continue,
                        Err(mpsc::RecvTimeoutError::Timeout) => break,
                        Err(mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
                on_change();
            }
        })
        .map_err(|e| ReviewError::Rules(format!("cannot watch the rules: {e}")))?;
    Ok(RulesWatcher { _watcher: watcher })
}
