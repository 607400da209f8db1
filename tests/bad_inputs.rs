//! The bad-input table: every input that could crash, hang, exhaust memory or pass
//! silently, with the exit code and message it must get (see docs/reliability.md). Each
//! row runs the real binary. Rows that must not hang are held to a bound on
//! the CPU time the binary used (not the wall clock, which measures the machine's load).
//!
//! Decisions recorded here:
//! - An empty or whitespace-only draft is an error (exit 2, "… is empty: nothing to
//!   check"), never a silent success.
//! - A draft with a NUL byte is refused as binary (exit 2), naming the byte's position.
//! - Bytes that are not UTF-8 are refused (exit 2) with the line:column of the first bad
//!   byte and a hint to name the encoding; with `--encoding windows-1252` (any
//!   `encoding_rs` label) the draft is decoded and checked, and positions then refer to
//!   the decoded text (lines and columns are the same as in the file; JSON byte offsets
//!   are offsets into the decoded UTF-8 text).
//! - A UTF-16 draft with a byte-order mark is decoded and checked like its UTF-8 twin.
//! - A lone `\r` ends a line (old Mac files): positions and paragraphs follow it, and byte
//!   offsets stay exact.
//! - Size limits are checked from the file's metadata before reading (and by capping the
//!   read for standard input and pipes): `--max-draft-size` (default 100 MB) and
//!   `--max-rules-size` (default 20 MB).
//!
//! The 20 MB rows take about half a minute in a debug build and are `#[ignore]`d here;
//! `bench/adversarial.sh` runs them on the release build
//! (`cargo test --release --test bad_inputs -- --ignored`).

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn factcheck() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("factcheck"));
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

/// What one run produced, and the CPU time (user + system) it took: what the work
/// costs, whatever else the machine is doing (a wall clock would measure the load).
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

fn run(cmd: &mut Command) -> Run {
    run_with_input(cmd, None)
}

/// Runs `cmd` with `input` on its standard input (none: an empty one), reaping it with
/// `wait4` to read the CPU time it used.
// The child is reaped by `wait4` (which std's `Child::wait` would not let us read the
// CPU time from), so clippy's never-waited lint does not apply.
#[allow(clippy::zombie_processes)]
fn run_with_input(cmd: &mut Command, input: Option<Vec<u8>>) -> Run {
    use std::io::Read as _;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("piped");
    let feed = std::thread::spawn(move || {
        if let Some(bytes) = input {
            // The binary may stop reading once past a limit: a broken pipe is expected.
            let _ = stdin.write_all(&bytes);
        }
    });
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let errs = std::thread::spawn(move || {
        let mut buf = Vec::new();
        err.read_to_end(&mut buf).map(|_| buf)
    });
    let mut stdout = Vec::new();
    out.read_to_end(&mut stdout).expect("stdout is read");
    let stderr = errs.join().expect("reader").expect("stderr is read");
    feed.join().expect("writer");
    let (status, took) = wait_with_cpu_time(child.id());
    Run {
        code: status,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        took,
    }
}

/// Waits for the child `pid` and returns its exit code and CPU time (user + system).
fn wait_with_cpu_time(pid: u32) -> (i32, Duration) {
    let pid = libc::pid_t::try_from(pid).expect("a pid fits pid_t");
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; `status` is a valid pointer;
    // `pid` is our own child, not waited for by anything else (std's `Child` is never
    // waited on here).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4: {}", std::io::Error::last_os_error());
    assert!(libc::WIFEXITED(status), "exited with a code, not a signal");
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    (
        libc::WEXITSTATUS(status),
        time(usage.ru_utime) + time(usage.ru_stime),
    )
}

/// One row of the table: what is expected of a run.
struct Expect<'a> {
    code: i32,
    stderr: &'a [&'a str],
    stdout: &'a [&'a str],
}

impl Expect<'_> {
    #[track_caller]
    fn check(&self, name: &str, r: &Run) {
        assert_eq!(
            r.code, self.code,
            "{name}: exit code\nstdout: {}\nstderr: {}",
            r.stdout, r.stderr
        );
        for want in self.stderr {
            assert!(
                r.stderr.contains(want),
                "{name}: want {want:?} on stderr, got {:?}",
                r.stderr
            );
        }
        for want in self.stdout {
            assert!(
                r.stdout.contains(want),
                "{name}: want {want:?} on stdout, got {:?}",
                r.stdout
            );
        }
        // Nothing ever panics: no Rust panic message, whatever the input.
        assert!(
            !r.stderr.contains("panicked") && !r.stderr.contains("RUST_BACKTRACE"),
            "{name}: panicked: {}",
            r.stderr
        );
    }
}

/// Writes `bytes` to `dir/name` and returns the path.
fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write the input");
    path
}

fn sample(name: &str) -> String {
    fs::read_to_string(root().join("data").join(name)).expect("sample draft")
}

/// `factcheck --rules rules [args] FILE`.
fn check_file(args: &[&str], file: &Path) -> Run {
    run(factcheck().args(["--rules", "rules"]).args(args).arg(file))
}

/// The findings of a JSON report, without the path, for comparing two drafts.
fn findings(stdout: &str) -> Value {
    let doc: Value = serde_json::from_str(stdout).expect("one JSON document on stdout");
    doc["files"][0]["findings"].clone()
}

// ---------------------------------------------------------------------------------------
// Empty, binary and non-UTF-8 drafts
// ---------------------------------------------------------------------------------------

#[test]
fn empty_and_whitespace_only_drafts_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let rows: &[(&str, &[u8], &str)] = &[
        ("empty.txt", b"", "is empty: nothing to check"),
        (
            "blank.txt",
            b" \n\t\r\n\n   ",
            "is empty: nothing to check (it holds only whitespace)",
        ),
        // Invisible characters count as whitespace: nothing a reader would see.
        (
            "invisible.txt",
            "\u{feff}\u{200b} \u{00a0}\n".as_bytes(),
            "is empty: nothing to check",
        ),
    ];
    for (name, bytes, message) in rows {
        let path = write(dir.path(), name, bytes);
        let r = check_file(&[], &path);
        Expect {
            code: 2,
            stderr: &[name, message],
            stdout: &[],
        }
        .check(name, &r);
        // Nothing was checked, so nothing claims "no problems found".
        assert_eq!(r.stdout, "", "{name}");
        // The same for the quote sheet and for extract: never a silent success.
        let r = run(factcheck().arg("quotes").arg(&path));
        Expect {
            code: 2,
            stderr: &[message],
            stdout: &[],
        }
        .check(name, &r);
        let r = run(factcheck().arg("extract").arg(&path));
        Expect {
            code: 2,
            stderr: &[message],
            stdout: &[],
        }
        .check(name, &r);
    }
    // Standard input too.
    let r = run_with_input(
        factcheck().args(["--rules", "rules", "-"]),
        Some(Vec::new()),
    );
    Expect {
        code: 2,
        stderr: &["- is empty: nothing to check"],
        stdout: &[],
    }
    .check("empty stdin", &r);
}

#[test]
fn binary_draft_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let r = check_file(&[], &path);
    Expect {
        code: 2,
        stderr: &["image.png:", "looks like a binary file"],
        stdout: &[],
    }
    .check("binary", &r);
    // UTF-16 without a byte-order mark has NUL bytes too: refused, not misread.
    let utf16: Vec<u8> = "Hello there"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let path = write(dir.path(), "utf16-no-bom.txt", &utf16);
    let r = check_file(&[], &path);
    Expect {
        code: 2,
        stderr: &["utf16-no-bom.txt:1:2: looks like a binary file"],
        stdout: &[],
    }
    .check("UTF-16 without BOM", &r);
    // ... unless its encoding is named.
    let r = check_file(&["--encoding", "utf-16le", "--no-unverified"], &path);
    Expect {
        code: 1,
        stderr: &[],
        stdout: &["error[missing]"],
    }
    .check("UTF-16 named", &r);
}

/// The clean sample as a Windows word processor exports it: Windows-1252, curly quotes
/// as 0x93/0x94 and the apostrophe as 0x92.
fn windows_1252_clean() -> Vec<u8> {
    let clean = sample("clean.txt");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&clean);
    assert!(!unmappable, "the sample is all Windows-1252");
    assert!(bytes.contains(&0x93) && bytes.contains(&0x94));
    bytes.into_owned()
}

#[test]
fn windows_1252_draft_names_the_bad_byte_and_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = windows_1252_clean();
    let path = write(dir.path(), "export.txt", &bytes);
    // The first byte that is not UTF-8, by line and column.
    let bad = bytes.iter().position(|&b| b >= 0x80).unwrap();
    let before = &bytes[..bad];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = bad
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    let at = format!(
        "export.txt:{line}:{column}: not valid UTF-8 (first bad byte 0x{:02X})",
        bytes[bad]
    );
    let r = check_file(&[], &path);
    Expect {
        code: 2,
        stderr: &[&at, "--encoding windows-1252"],
        stdout: &[],
    }
    .check("Windows-1252 without the flag", &r);

    // With the flag it is decoded and checks exactly like the UTF-8 original.
    let r = check_file(&["--encoding", "windows-1252"], &path);
    Expect {
        code: 0,
        stderr: &[],
        stdout: &["no problems found in 1 file"],
    }
    .check("Windows-1252 with the flag", &r);

    // Findings point into the decoded text: same lines and columns as the UTF-8 draft.
    let altered = sample("altered.txt");
    let (altered, _, _) = encoding_rs::WINDOWS_1252.encode(&altered);
    let path = write(dir.path(), "altered-1252.txt", &altered);
    let r = check_file(&["--encoding", "windows-1252", "--format", "json"], &path);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let utf8 = run(factcheck().args(["--rules", "rules", "--format", "json", "data/altered.txt"]));
    assert_eq!(findings(&r.stdout), findings(&utf8.stdout));

    // A UTF-8 draft in the same batch is still read as UTF-8: one flag serves both.
    let r = run(factcheck()
        .args([
            "--rules",
            "rules",
            "--format",
            "json",
            "--encoding",
            "windows-1252",
        ])
        .arg(&path)
        .arg("data/altered.txt"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["files"][0]["findings"], doc["files"][1]["findings"]);
    assert_eq!(doc["files"][1]["findings"], findings(&utf8.stdout));

    // An unknown encoding is a usage error.
    let r = check_file(&["--encoding", "klingon"], &path);
    Expect {
        code: 2,
        stderr: &["unknown encoding `klingon`"],
        stdout: &[],
    }
    .check("unknown encoding", &r);
}

#[test]
fn utf16_with_bom_is_decoded_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample("altered.txt");
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let utf8 = run(factcheck().args(["--rules", "rules", "--format", "json", "data/altered.txt"]));
    for (name, bytes) in [("le.txt", le), ("be.txt", be)] {
        let path = write(dir.path(), name, &bytes);
        let r = check_file(&["--format", "json"], &path);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert_eq!(findings(&r.stdout), findings(&utf8.stdout), "{name}");
    }
    // A malformed UTF-16 file (a lone surrogate) is refused, not patched.
    let mut bad = vec![0xFF, 0xFE];
    bad.extend("ok ".encode_utf16().flat_map(u16::to_le_bytes));
    bad.extend([0x00, 0xD8, 0x41, 0x00]);
    let path = write(dir.path(), "bad16.txt", &bad);
    let r = check_file(&[], &path);
    Expect {
        code: 2,
        stderr: &["bad16.txt: not valid UTF-16LE"],
        stdout: &[],
    }
    .check("malformed UTF-16", &r);
}

#[test]
fn cr_only_line_endings_check_like_lf() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "altered.txt",
        "misattributed.txt",
        "clean.txt",
        "unverified.txt",
    ] {
        let lf = sample(name);
        let cr = lf.replace('\n', "\r");
        let path = write(dir.path(), name, cr.as_bytes());
        let r = check_file(&["--format", "json"], &path);
        let want = run(factcheck()
            .args(["--rules", "rules", "--format", "json"])
            .arg(root().join("data").join(name)));
        assert_eq!(r.code, want.code, "{name}: {}", r.stderr);
        // Same lines, columns and byte offsets: `\r` and `\n` are one byte each.
        assert_eq!(findings(&r.stdout), findings(&want.stdout), "{name}");
    }
    // The text report shows the right line, without a stray carriage return.
    let path = dir.path().join("altered.txt");
    let r = check_file(&[], &path);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("altered.txt:1:103"), "{}", r.stdout);
    assert!(!r.stdout.contains('\r'), "{:?}", r.stdout);
}

// ---------------------------------------------------------------------------------------
// Size limits and large inputs
// ---------------------------------------------------------------------------------------

/// Prose of at least `bytes` bytes: the clean sample repeated, paragraphs kept.
fn prose(bytes: usize) -> String {
    let unit = format!("{}\n\n", sample("clean.txt"));
    unit.repeat(bytes / unit.len() + 1)
}

/// Prose of at least `bytes` bytes on a single line.
fn one_line(bytes: usize) -> String {
    let unit = format!("{} ", sample("clean.txt").replace('\n', " "));
    unit.repeat(bytes / unit.len() + 1)
}

#[test]
fn draft_over_the_size_limit_fails_fast() {
    let dir = tempfile::tempdir().unwrap();
    // 200 MB of real prose: refused from its size before it is read.
    let path = dir.path().join("huge.txt");
    {
        let mut file = std::io::BufWriter::new(fs::File::create(&path).unwrap());
        let chunk = prose(1 << 20);
        let mut written = 0;
        while written < 200 << 20 {
            file.write_all(chunk.as_bytes()).unwrap();
            written += chunk.len();
        }
    }
    let r = check_file(&[], &path);
    Expect {
        code: 2,
        stderr: &["huge.txt is larger than the 100 MB limit (--max-draft-size): it is 200"],
        stdout: &[],
    }
    .check("200 MB draft", &r);
    assert!(r.took < Duration::from_secs(5), "took {:?}", r.took);
    // The good drafts given with it are still checked.
    let r = run(factcheck()
        .args(["--rules", "rules", "data/altered.txt"])
        .arg(&path));
    Expect {
        code: 2,
        stderr: &["larger than the 100 MB limit"],
        stdout: &["error[altered]", "1 file checked"],
    }
    .check("200 MB draft among good ones", &r);

    // The limit is configurable, in either direction.
    let path = write(dir.path(), "big.txt", prose(1 << 20).as_bytes());
    let r = check_file(&["--max-draft-size", "1MB"], &path);
    Expect {
        code: 2,
        stderr: &["big.txt is larger than the 1 MB limit (--max-draft-size): it is 1,"],
        stdout: &[],
    }
    .check("1 MB + draft, 1 MB limit", &r);
    let r = check_file(&["--max-draft-size", "1.5M"], &path);
    Expect {
        code: 0,
        stderr: &[],
        stdout: &["no problems found in 1 file"],
    }
    .check("1 MB + draft, 1.5 MB limit", &r);

    // Standard input has no size to look at: the read itself is capped.
    let r = run_with_input(
        factcheck().args(["--rules", "rules", "--max-draft-size", "64K", "-"]),
        Some(prose(100 << 10).into_bytes()),
    );
    Expect {
        code: 2,
        stderr: &["- is larger than the 64 KB limit (--max-draft-size)"],
        stdout: &[],
    }
    .check("stdin over the limit", &r);

    // A size that cannot be read is a usage error.
    let r = check_file(&["--max-draft-size", "lots"], &path);
    Expect {
        code: 2,
        stderr: &["cannot read the size `lots`"],
        stdout: &[],
    }
    .check("bad size", &r);
}

#[test]
fn one_long_line_completes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "line.txt", one_line(512 << 10).as_bytes());
    let r = check_file(&[], &path);
    Expect {
        code: 0,
        stderr: &[],
        stdout: &["no problems found in 1 file"],
    }
    .check("512 KB line", &r);
}

/// The 20 MB rows: about half a minute each in a debug build, a few seconds in release.
#[test]
#[ignore = "20 MB drafts take ~30 s in a debug build; bench/adversarial.sh runs them in release"]
fn twenty_megabyte_drafts_complete_with_a_raised_limit() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("prose-20mb.txt", prose(20 << 20)),
        ("line-20mb.txt", one_line(20 << 20)),
    ] {
        let path = write(dir.path(), name, text.as_bytes());
        drop(text);
        let r = check_file(&["--max-draft-size", "25MB"], &path);
        Expect {
            code: 0,
            stderr: &[],
            stdout: &["no problems found in 1 file"],
        }
        .check(name, &r);
        let r = check_file(&["--max-draft-size", "10MB"], &path);
        Expect {
            code: 2,
            stderr: &["is larger than the 10 MB limit (--max-draft-size)"],
            stdout: &[],
        }
        .check(name, &r);
    }
}

// ---------------------------------------------------------------------------------------
// Pathological prose
// ---------------------------------------------------------------------------------------

#[test]
fn floods_of_quote_marks_complete() {
    let rows: Vec<(&str, String)> = vec![
        (
            "100,000 unbalanced marks",
            format!("He said \u{201c}{}end.", "a \" ".repeat(100_000)),
        ),
        (
            "10,000 levels of nested quotes",
            format!(
                "She said: {}x{} today.",
                "\u{201c}\u{2018}".repeat(5_000),
                "\u{2019}\u{201d}".repeat(5_000)
            ),
        ),
        ("a flood of opening marks", "\u{201c}".repeat(100_000)),
        ("a flood of straight marks", "\"".repeat(300_000)),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in rows {
        let path = write(dir.path(), "flood.txt", text.as_bytes());
        let r = check_file(&["--format", "json"], &path);
        // The shipped rules' claims and quotes are missing from such a draft: exit 1,
        // with a well-formed report.
        Expect {
            code: 1,
            stderr: &[],
            stdout: &["\"kind\": \"missing\""],
        }
        .check(name, &r);
        assert!(
            r.took < Duration::from_secs(20),
            "{name}: took {:?}",
            r.took
        );
    }
}

/// Floods of markup: each once quadratic or a candidate for it (30,000 suppression
/// comments on one line once took 11 s, scanning back to the line start each time).
#[test]
fn floods_of_markup_complete() {
    let comment = "<!-- factcheck-ignore council-vote -->";
    let rows: Vec<(&str, &str, String)> = vec![
        (
            "30,000 suppressions on one line",
            "flood.txt",
            comment.repeat(30_000),
        ),
        (
            "30,000 suppressions in Markdown",
            "flood.md",
            comment.repeat(30_000),
        ),
        (
            "30,000 suppressed paragraphs in HTML",
            "flood.html",
            format!("<p>a {comment} b</p>").repeat(30_000),
        ),
        ("100,000 unclosed tags", "flood.html", "<a ".repeat(100_000)),
        (
            "100,000 unclosed comments",
            "flood.md",
            "<!-- ".repeat(100_000),
        ),
        (
            "100,000 bare and unterminated entities",
            "flood.html",
            "&amp &#".repeat(100_000),
        ),
        (
            "100,000 emphasis markers",
            "flood.md",
            "*a _b ".repeat(100_000),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, file, text) in rows {
        let path = write(dir.path(), file, text.as_bytes());
        let r = check_file(&["--format", "json", "--no-cache"], &path);
        Expect {
            code: 1,
            stderr: &[],
            stdout: &["\"kind\": \"missing\""],
        }
        .check(name, &r);
        assert!(
            r.took < Duration::from_secs(20),
            "{name}: took {:?}",
            r.took
        );
    }
}

/// Chains that once recursed once per word and overflowed the stack (found by the
/// adversarial benchmark; fixed by bounding how deep a mention is read).
#[test]
fn long_chains_of_names_do_not_overflow_the_stack() {
    let rows: Vec<(&str, String)> = vec![
        ("possessives", "Aa\u{2019}s ".repeat(60_000)),
        ("names after roles", "Aa spokesman ".repeat(25_000)),
        ("determiners", "the The ".repeat(25_000)),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, chain) in rows {
        let text = format!("{chain}said \u{201c}we will win this fight today.\u{201d}");
        let path = write(dir.path(), "chain.txt", text.as_bytes());
        let r = check_file(&["--no-unverified"], &path);
        Expect {
            code: 1,
            stderr: &[],
            stdout: &["error[missing]"],
        }
        .check(name, &r);
    }
}

#[test]
fn invisible_characters_inside_a_quote_still_match_the_rule() {
    let clean = sample("clean.txt");
    let quote = "send a very clear message";
    assert!(clean.contains(quote));
    // Zero-width space, joiner and non-joiner, word joiner, soft hyphen, byte-order mark,
    // and the bidi controls (marks, embeddings, overrides, isolates).
    let marked = "send\u{200b} a ve\u{200d}ry\u{200c} clear\u{202e} mess\u{2066}age\u{2069}\u{00ad}\u{2060}\u{feff}\u{200e}\u{202a}\u{202c}";
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "marked.txt",
        clean.replace(quote, marked).as_bytes(),
    );
    let r = check_file(&[], &path);
    Expect {
        code: 0,
        stderr: &[],
        stdout: &["no problems found in 1 file"],
    }
    .check("invisible characters", &r);
    // A real change next to them is still caught.
    let changed = marked.replace("clear", "strong");
    let path = write(
        dir.path(),
        "changed.txt",
        clean.replace(quote, &changed).as_bytes(),
    );
    let r = check_file(&[], &path);
    Expect {
        code: 1,
        stderr: &[],
        stdout: &["error[altered]: soto-martinez-message", "{+strong+}"],
    }
    .check("invisible characters and a changed word", &r);
}

// ---------------------------------------------------------------------------------------
// Rule files
// ---------------------------------------------------------------------------------------

/// True when `stderr` has `NAME:LINE:COLUMN: ` with numbers.
fn names_line_and_column(stderr: &str, name: &str) -> bool {
    stderr.match_indices(&format!("{name}:")).any(|(i, m)| {
        let mut parts = stderr[i + m.len()..].splitn(3, ':');
        let number = |p: Option<&str>| {
            p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        number(parts.next())
            && number(parts.next())
            && parts.next().is_some_and(|rest| rest.starts_with(' '))
    })
}

#[test]
fn bad_rule_files_exit_2_with_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    // A list of 2,000 strings behind an anchor, used by 200 claims: 22 KB of YAML that
    // expands to 400,000 values. (An exponential bomb of nested lists fails earlier
    // here: no rule-file key takes nested lists.)
    let alias_bomb = {
        let mut y = format!(
            "ruleset: bomb\nsources: &lol [{}]\nclaims:\n",
            vec!["lol"; 2000].join(", ")
        );
        for i in 0..200 {
            y.push_str(&format!(
                "  - {{id: c{i}, statement: s, context: *lol, value: {{tally: \"13-0\"}}}}\n"
            ));
        }
        y
    };
    let rows: Vec<(&str, String, &str)> = vec![
        (
            "alias-bomb.yaml",
            alias_bomb,
            "the YAML is too large or too complex to read safely",
        ),
        (
            "duplicate.yaml",
            "ruleset: dup\nclaims:\n  - id: a\n    context: [vote]\n    context: [tally]\n    value: { tally: \"13-0\" }\n".to_string(),
            "duplicate.yaml:5:5:",
        ),
        (
            "nested.yaml",
            format!("ruleset: deep\nsources: {}\n", "[".repeat(100_000)),
            "nested.yaml:",
        ),
    ];
    for (name, yaml, at) in rows {
        let path = write(dir.path(), name, yaml.as_bytes());
        let r = run(factcheck().arg("--rules").arg(&path).arg("data/clean.txt"));
        Expect {
            code: 2,
            stderr: &[at],
            stdout: &[],
        }
        .check(name, &r);
        assert!(
            names_line_and_column(&r.stderr, name),
            "{name}: no file:line:column in {}",
            r.stderr
        );
        assert!(r.took < Duration::from_secs(5), "{name}: took {:?}", r.took);
    }
    let r = run(factcheck()
        .arg("--rules")
        .arg(dir.path().join("duplicate.yaml"))
        .arg("data/clean.txt"));
    assert!(r.stderr.contains("duplicate"), "{}", r.stderr);
}

#[test]
fn rule_file_over_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    {
        let mut file = std::io::BufWriter::new(fs::File::create(&path).unwrap());
        file.write_all(b"ruleset: big\nsources:\n").unwrap();
        let line = format!("  - \"{}\"\n", "x".repeat(1000));
        for _ in 0..(50 << 20) / line.len() + 1 {
            file.write_all(line.as_bytes()).unwrap();
        }
    }
    let r = run(factcheck().arg("--rules").arg(&path).arg("data/clean.txt"));
    Expect {
        code: 2,
        stderr: &[
            "big.yaml:1:1: the rule file is larger than the 20 MB limit (--max-rules-size): it is 50",
        ],
        stdout: &[],
    }
    .check("50 MB rule file", &r);
    assert!(r.took < Duration::from_secs(5), "took {:?}", r.took);
    // The limit is configurable.
    let r = run(factcheck().args([
        "--max-rules-size",
        "1K",
        "--rules",
        "rules",
        "data/clean.txt",
    ]));
    Expect {
        code: 2,
        stderr: &["la-sanctuary-city.yaml:1:1: the rule file is larger than the 1 KB limit"],
        stdout: &[],
    }
    .check("shipped rules, 1 KB limit", &r);
}

#[test]
fn regex_metacharacters_in_a_context_are_literal() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(
        dir.path(),
        "meta.yaml",
        br#"ruleset: meta
claims:
  - id: plan-vote
    statement: The a+b (c) plan passed 13-0.
    context: ["a+b (c)", "[x]{2}", "^$\\d"]
    value: { tally: "13-0" }
"#,
    );
    let rows: &[(&str, i32, &str)] = &[
        (
            "The a+b (c) plan of [x]{2} and ^$\\d passed 13-0 today.",
            0,
            "no problems found",
        ),
        (
            "The a+b (c) plan of [x]{2} and ^$\\d passed 12-1 today.",
            1,
            "error[altered]: plan-vote: tally is 12-1, expected 13-0",
        ),
        // Read as regexes, the terms would match `aab c`, `xx` and a digit.
        (
            "The aab c plan of xx and 7 passed 12-1 today.",
            1,
            "error[missing]: plan-vote",
        ),
    ];
    for (draft, code, want) in rows {
        let path = write(dir.path(), "draft.txt", draft.as_bytes());
        let r = run(factcheck().arg("--rules").arg(&rules).arg(&path));
        Expect {
            code: *code,
            stderr: &[],
            stdout: &[want],
        }
        .check(draft, &r);
    }
}

// ---------------------------------------------------------------------------------------
// Paths, pipes and output files
// ---------------------------------------------------------------------------------------

#[test]
fn missing_and_unreadable_paths_among_good_ones() {
    let r = run(factcheck().args([
        "--rules",
        "rules",
        "--format",
        "json",
        "data/altered.txt",
        "data/nope.txt",
        "data/clean.txt",
    ]));
    // (A directory is no longer an unreadable draft: it stands for the drafts under it;
    // see tests/inputs.rs.)
    Expect {
        code: 2,
        stderr: &["data/nope.txt: cannot read"],
        stdout: &["\"data/altered.txt\"", "\"data/clean.txt\""],
    }
    .check("missing among good", &r);
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["summary"]["files"], 2);
    assert!(doc["summary"]["errors"].as_u64().unwrap() > 0);
}

#[test]
fn closed_stdout_exits_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("factcheck");
    // Enough output to fill any pipe buffer, so writes hit the closed pipe.
    let drafts: Vec<&str> = std::iter::repeat_n("data/altered.txt", 100).collect();
    for args in [
        vec!["--rules", "rules"],
        vec!["--rules", "rules", "--format", "json"],
        vec!["quotes"],
    ] {
        let mut child = std::process::Command::new(&bin)
            .current_dir(root())
            .env("NO_COLOR", "1")
            .args(&args)
            .args(&drafts)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawns");
        // `factcheck … | head -0`: the reader goes away before reading anything.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("exits");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn extract_output_is_atomic_and_never_over_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let source = write(dir.path(), "source.txt", sample("clean.txt").as_bytes());
    let before = fs::read(&source).unwrap();

    // An unwritable path: its directory does not exist, or is a file.
    for out in [
        dir.path().join("no-such-dir/rules.yaml"),
        source.join("rules.yaml"),
        dir.path().to_path_buf(),
    ] {
        let r = run(factcheck().arg("extract").arg(&source).arg("-o").arg(&out));
        Expect {
            code: 2,
            stderr: &["cannot write"],
            stdout: &[],
        }
        .check(&out.display().to_string(), &r);
    }

    // The source itself, by another name, through a symbolic link or a hard link.
    let alias = dir.path().join(".").join("source.txt");
    let mut targets = vec![source.clone(), alias];
    #[cfg(unix)]
    {
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&source, &link).unwrap();
        targets.push(link);
    }
    let hard = dir.path().join("hard.txt");
    if fs::hard_link(&source, &hard).is_ok() {
        targets.push(hard);
    }
    for out in targets {
        let r = run(factcheck().arg("extract").arg(&source).arg("-o").arg(&out));
        Expect {
            code: 2,
            stderr: &["refusing to write the rules over the source"],
            stdout: &[],
        }
        .check(&out.display().to_string(), &r);
        assert_eq!(
            fs::read(&source).unwrap(),
            before,
            "the source is untouched"
        );
    }

    // A good path: written whole, no temporary file left, an old file replaced.
    let out = dir.path().join("rules.yaml");
    fs::write(&out, "old").unwrap();
    let r = run(factcheck().arg("extract").arg(&source).arg("-o").arg(&out));
    Expect {
        code: 0,
        stderr: &["wrote"],
        stdout: &[],
    }
    .check("good -o", &r);
    assert!(fs::read_to_string(&out)
        .unwrap()
        .contains("ruleset: source"));
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
