//! The rules each document is checked with: found from the document's folder as the
//! command line finds them from its working directory (the nearest `factcheck.toml`, its
//! `rules`, else the nearest `rules/` directory; `initializationOptions.rules` overrides),
//! loaded once per set of rules and kept, loaded again when a rule file is saved (the
//! last good rules stay in use while an edit breaks them).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::review::{LoadedRules, RuleSettings};
use crate::rules::RulesCache;

/// What identifies one set of rules: the rule paths and the configuration file, as
/// canonical paths.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RootKey {
    paths: Vec<PathBuf>,
    config: Option<PathBuf>,
}

impl RootKey {
    /// True when `file` (canonical) is one of the rule files: a rule path itself, or
    /// under a rule directory.
    fn holds(&self, file: &Path) -> bool {
        self.paths.iter().any(|p| file == p || file.starts_with(p))
    }
}

/// One set of rules: its settings, the rules last loaded well, and the error of the
/// last load if it failed.
struct Root {
    settings: RuleSettings,
    rules: Option<Arc<LoadedRules>>,
    error: Option<String>,
}

impl Root {
    fn load(&mut self) {
        match LoadedRules::load(&self.settings) {
            Ok(rules) => {
                self.rules = Some(Arc::new(rules));
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }
}

/// The rules a draft is checked with, or why there are none.
#[derive(Debug, Clone)]
pub enum RulesFor {
    /// Rules to check with; `stale` holds the error of a later load that failed (the
    /// rules are those loaded before it).
    Ready {
        /// The rules.
        rules: Arc<LoadedRules>,
        /// The error of the last load, when it failed.
        stale: Option<String>,
    },
    /// No rules could be found or loaded.
    Unavailable(String),
}

/// Every set of rules in use, and which folder uses which.
pub struct Workspace {
    /// `initializationOptions.rules`, absolute.
    rules_override: Vec<PathBuf>,
    cache: Option<RulesCache>,
    /// For documents that are not files (an unsaved buffer): the workspace's folder.
    fallback_dir: PathBuf,
    /// Folder → its rules (or why it has none), as found.
    folders: HashMap<PathBuf, Result<RootKey, String>>,
    roots: HashMap<RootKey, Root>,
}

impl Workspace {
    /// A workspace whose drafts outside any folder are taken to be in `fallback_dir`;
    /// `rules_override` (if not empty) replaces the rules found from each folder.
    pub fn new(
        fallback_dir: PathBuf,
        rules_override: Vec<PathBuf>,
        cache: Option<RulesCache>,
    ) -> Self {
        Workspace {
            rules_override,
            cache,
            fallback_dir,
            folders: HashMap::new(),
            roots: HashMap::new(),
        }
    }

    /// The folder to search from for a document in `folder` (`None`: not a file).
    fn start(&self, folder: Option<&Path>) -> PathBuf {
        folder.map_or_else(|| self.fallback_dir.clone(), Path::to_path_buf)
    }

    /// Which rules apply in `folder`, found (once per folder) and loaded (once per set).
    fn key_for(&mut self, folder: &Path) -> Result<RootKey, String> {
        if let Some(found) = self.folders.get(folder) {
            return found.clone();
        }
        let found = RuleSettings::discover(folder, &self.rules_override, self.cache.clone())
            .map_err(|e| e.to_string())
            .map(|settings| {
                let key = RootKey {
                    paths: settings.paths.iter().map(|p| canonical(p)).collect(),
                    config: settings.config.as_ref().map(|c| canonical(&c.path)),
                };
                self.roots.entry(key.clone()).or_insert_with(|| {
                    let mut root = Root {
                        settings,
                        rules: None,
                        error: None,
                    };
                    root.load();
                    root
                });
                key
            });
        self.folders.insert(folder.to_path_buf(), found.clone());
        found
    }

    /// The rules for a draft in `folder` (`None`: a document that is not a file).
    pub fn rules_for(&mut self, folder: Option<&Path>) -> RulesFor {
        let start = self.start(folder);
        let key = match self.key_for(&start) {
            Ok(key) => key,
            Err(e) => return RulesFor::Unavailable(e),
        };
        let Some(root) = self.roots.get(&key) else {
            return RulesFor::Unavailable("the rules are not loaded".into());
        };
        match (&root.rules, &root.error) {
            (Some(rules), stale) => RulesFor::Ready {
                rules: Arc::clone(rules),
                stale: stale.clone(),
            },
            (None, Some(e)) => RulesFor::Unavailable(e.clone()),
            (None, None) => RulesFor::Unavailable("the rules are not loaded".into()),
        }
    }

    /// The rules whose files hold the YAML file `file`, found from the file's own
    /// folder: `Some` when it is a rule file (whether or not the rules load).
    pub fn rule_file_root(&mut self, file: &Path) -> Option<(RootKey, Option<Arc<LoadedRules>>)> {
        let canonical_file = canonical(file);
        let key = self.key_for(file.parent()?).ok()?;
        if !key.holds(&canonical_file) {
            return None;
        }
        let rules = self.roots.get(&key).and_then(|r| r.rules.clone());
        Some((key, rules))
    }

    /// Loads again every set of rules that holds `file` (a rule file saved or changed on
    /// disk); returns the sets reloaded.
    pub fn reload_holding(&mut self, file: &Path) -> Vec<RootKey> {
        let file = canonical(file);
        let mut reloaded = Vec::new();
        for (key, root) in &mut self.roots {
            if key.holds(&file) {
                root.load();
                reloaded.push(key.clone());
            }
        }
        reloaded
    }

    /// Forgets which rules each folder uses and every set loaded (a configuration file
    /// changed): they are found and loaded again on next use.
    pub fn forget(&mut self) {
        self.folders.clear();
        self.roots.clear();
    }

    /// True when the rules that apply in `folder` (as last found) are one of `keys`.
    pub fn uses_any(&self, folder: Option<&Path>, keys: &[RootKey]) -> bool {
        let start = self.start(folder);
        matches!(self.folders.get(&start), Some(Ok(key)) if keys.contains(key))
    }
}

/// `path` made canonical when it exists, as given otherwise.
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// True for the names of the configuration file.
pub fn is_config_file(path: &Path) -> bool {
    matches!(
        path.file_name().and_then(|n| n.to_str()),
        Some("factcheck.toml" | ".factcheck.toml")
    )
}
