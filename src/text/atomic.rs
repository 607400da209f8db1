//! Replacing a file atomically: the new bytes go to a fresh temporary file beside it,
//! are flushed to disk, and the temporary file is renamed over the old one — a reader
//! never sees half a file, and a failed write leaves the old file as it was.

use std::io::{self, Write as _};
use std::path::Path;

/// Writes `bytes` to `path` atomically (see the module documentation). `before_rename`
/// runs after the bytes are on disk and before the rename; an error from it (say, the
/// file changed meanwhile) abandons the write. An existing file keeps its permissions.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is a directory (give a file name)",
        ));
    }
    // A fresh name that nothing else holds: `create_new` never follows or reuses a file
    // (or a symbolic link) already there.
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{}.{}.{attempt}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let result = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| match std::fs::metadata(path) {
            Ok(old) => std::fs::set_permissions(&tmp, old.permissions()),
            Err(_) => Ok(()),
        })
        .and_then(|()| {
            drop(file);
            before_rename()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
