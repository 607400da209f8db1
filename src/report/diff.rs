//! A draft and its fixed text as a unified diff (`factcheck fix`): `--- a/PATH` and
//! `+++ b/PATH` as `git diff` names them, then hunks with three lines of context, so
//! `git apply` and `patch -p1` take it. Nothing when the texts are equal.

use similar::TextDiff;

/// The unified diff from `old` to `new`, the text of the draft at `path`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let path = path.strip_prefix("./").unwrap_or(path);
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_name_the_draft_as_git_does() {
        let old = "one\ntwo 12-1\nthree\n";
        let new = "one\ntwo 13-0\nthree\n";
        assert_eq!(
            unified_diff("./drafts/a.txt", old, new),
            "--- a/drafts/a.txt\n+++ b/drafts/a.txt\n@@ -1,3 +1,3 @@\n one\n-two 12-1\n+two 13-0\n three\n"
        );
        assert_eq!(unified_diff("a.txt", old, old), "");
        // A last line without a newline is marked.
        let diff = unified_diff("a.txt", "12-1", "13-0");
        assert!(
            diff.ends_with(
                "-12-1\n\\ No newline at end of file\n+13-0\n\\ No newline at end of file\n"
            ),
            "{diff}"
        );
    }
}
