//! Files the command line writes: atomically (a temporary file beside the target, then
//! renamed over it), and never over a file that is also an input.

use std::io;
use std::path::{Path, PathBuf};

/// True when both paths name the same existing file (the same inode on Unix, so a hard
/// link or a symbolic link to the source counts too).
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `bytes` to a new temporary file beside `path`, flushes it to disk, then renames
/// it over `path`, so a reader never sees a half-written file and a failed write leaves
/// the old file as it was. An existing file keeps its permissions.
pub(super) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    crate::text::write_atomically(path, bytes, || Ok(()))
}

/// `target` as a path relative to the folder `base` (`/`-separated), when both can be
/// made absolute: `../data/clean.txt` from `rules/` for `data/clean.txt`.
pub(super) fn relative_path(base: &Path, target: &Path) -> Option<String> {
    use std::path::Component;
    let absolute = |p: &Path| -> Option<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(p)
        };
        // The folder of the rule file exists; the file itself may not yet.
        p.canonicalize().ok().or_else(|| {
            let parent = p.parent()?.canonicalize().ok()?;
            Some(parent.join(p.file_name()?))
        })
    };
    let base = absolute(base)?;
    let target = absolute(target)?;
    let base: Vec<Component> = base.components().collect();
    let target: Vec<Component> = target.components().collect();
    let common = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); base.len() - common];
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().to_string()),
    );
    Some(parts.join("/"))
}
