//! `factcheck lsp` driven as an editor drives it: a JSON-RPC client over the binary's
//! standard input and output (client.rs) that initializes, opens the sample drafts of
//! `data/` and compares the diagnostics with `factcheck --format json` on the same text
//! (kinds, rules, ranges converted in both position encodings), edits a draft and sees
//! its diagnostics change, applies code actions (the finding is gone), edits rule files,
//! hovers a quote, completes a speaker id, sends garbage and unknown methods, and shuts
//! down.

mod client;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use client::{apply_edits, offset, range, uri_of, Client, Encoding};
use serde_json::{json, Value};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_factcheck"))
}

/// `factcheck --format json FILE` run from the file's folder (rules and configuration
/// found from there, as the server finds them): the findings.
fn json_findings(file: &Path) -> Vec<Value> {
    let output = Command::new(binary())
        .current_dir(file.parent().expect("folder"))
        .env("FACTCHECK_CACHE_DIR", "")
        .args(["--format", "json"])
        .arg(file.file_name().expect("name"))
        .output()
        .expect("the binary runs");
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; stderr: {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    doc["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .clone()
}

/// The diagnostic code of a JSON finding: its rule, or the SARIF names of the findings
/// of no rule.
fn expected_code(finding: &Value) -> String {
    match (finding["kind"].as_str(), finding["rule"].as_str()) {
        (Some("unused-suppression"), _) => "unused-suppression".into(),
        (_, Some(rule)) => rule.into(),
        _ => "unverified-quote".into(),
    }
}

fn expected_severity(finding: &Value) -> u64 {
    match finding["severity"].as_str() {
        Some("error") => 1,
        Some("warning") => 2,
        _ => 3,
    }
}

fn language_of(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("md") => "markdown",
        Some("html") => "html",
        _ => "plaintext",
    }
}

fn code(diagnostic: &Value) -> &str {
    diagnostic["code"].as_str().unwrap_or_default()
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|d| code(d).to_string()).collect()
}

/// A project of its own: `rules/` copied from the crate and `drafts/` with the given
/// files.
fn project(drafts: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("rules")).expect("rules dir");
    fs::create_dir_all(dir.path().join("drafts")).expect("drafts dir");
    fs::copy(
        root().join("rules/la-sanctuary-city.yaml"),
        dir.path().join("rules/la-sanctuary-city.yaml"),
    )
    .expect("copy rules");
    for (name, text) in drafts {
        fs::write(dir.path().join("drafts").join(name), text).expect("draft");
    }
    dir
}

/// A draft with curly quotes, accents, an emoji and CRLF line ends, with findings on
/// lines after them.
const NON_ASCII_DRAFT: &str = "Café notes 😀 — José Núñez reporting.\r\n\
On Tuesday the City Council approved the ordinance in a 12-1 vote.\r\n\
“Los Angeles will stand together, especially with our immigrant community,” said Mayor Karen Bass. 🇺🇸\r\n\
Councilmember Bob Blumenfield said: “We are hardening our defenses.”\r\n";

#[test]
fn diagnostics_match_the_json_check_in_both_encodings() {
    let own = project(&[("non-ascii.txt", NON_ASCII_DRAFT)]);
    let mut drafts: Vec<PathBuf> = fs::read_dir(root().join("data"))
        .expect("data/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    drafts.sort();
    drafts.push(own.path().join("drafts/non-ascii.txt"));
    for offered in [vec![Encoding::Utf8, Encoding::Utf16], vec![]] {
        let (mut client, init) = Client::initialized(&binary(), root(), &offered, Value::Null);
        let expected_encoding = if offered.is_empty() {
            Encoding::Utf16
        } else {
            Encoding::Utf8
        };
        assert_eq!(client.encoding, expected_encoding, "{init}");
        let mut compared = 0;
        for draft in &drafts {
            let text = fs::read_to_string(draft).expect("draft");
            let findings = json_findings(draft);
            let uri = uri_of(draft);
            let diagnostics = client.open(&uri, language_of(draft), &text);
            let name = format!("{} ({:?})", draft.display(), client.encoding);
            assert_eq!(
                diagnostics.len(),
                findings.len(),
                "{name}: {diagnostics:#?} vs {findings:#?}"
            );
            for (d, f) in diagnostics.iter().zip(&findings) {
                assert_eq!(code(d), expected_code(f), "{name}");
                assert_eq!(d["source"], "factcheck", "{name}");
                assert_eq!(d["severity"], expected_severity(f), "{name}");
                let message = d["message"].as_str().expect("message");
                assert!(
                    message.starts_with(f["message"].as_str().expect("message")),
                    "{name}: {message}"
                );
                let expected_range = match (f["start"].as_u64(), f["end"].as_u64()) {
                    (Some(start), Some(end)) => {
                        range(&text, start as usize, end as usize, client.encoding)
                    }
                    // Missing findings sit on the first line.
                    _ => {
                        let first_line_end = text.find(['\r', '\n']).unwrap_or(text.len());
                        range(&text, 0, first_line_end, client.encoding)
                    }
                };
                assert_eq!(d["range"], expected_range, "{name}: {f}");
                compared += 1;
            }
        }
        assert!(compared >= 20, "only {compared} findings compared");
        assert_eq!(client.shutdown(), 0);
    }
}

#[test]
fn edits_change_the_diagnostics_after_the_debounce() {
    let path = root().join("data/altered.txt");
    let text = fs::read_to_string(&path).expect("draft");
    let uri = uri_of(&path);
    let (mut client, _) = Client::initialized(&binary(), root(), &[], Value::Null);
    let first = client.open(&uri, "plaintext", &text);
    assert!(
        codes(&first).contains(&"council-vote".to_string()),
        "{first:?}"
    );

    // Three quick edits by range: 12-1 → 13-0 in two steps, then an unrelated word.
    let at = text.find("12-1").expect("value");
    let edits = [(at, at + 2, "13"), (at + 3, at + 4, "0"), (0, 3, "LOS")];
    let mut current = text.clone();
    for (version, (start, end, new)) in (2..).zip(edits) {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": range(&current, start, end, client.encoding), "text": new}],
            }),
        );
        current.replace_range(start..end, new);
    }
    let after = client.diagnostics(&uri, 4);
    assert!(
        !codes(&after).contains(&"council-vote".to_string()),
        "{after:?}"
    );
    assert_eq!(after.len(), first.len() - 1, "{after:?}");
    // Only the last version was checked: the edits came within the debounce.
    assert!(
        !client.arrives_within(Duration::from_millis(300), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && (m["params"]["version"] == 2 || m["params"]["version"] == 3)
        }),
        "an intermediate version was checked"
    );

    // A whole-text change and a save: the finding comes back, checked at once on save.
    client.replace(&uri, 5, &text);
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let saved = client.diagnostics(&uri, 5);
    assert_eq!(codes(&saved), codes(&first));
    assert_eq!(client.shutdown(), 0);
}

/// The code actions at the range of the first diagnostic of code `code`.
fn actions_at(client: &mut Client, uri: &str, diagnostics: &[Value], code_: &str) -> Vec<Value> {
    let d = diagnostics
        .iter()
        .find(|d| code(d) == code_)
        .unwrap_or_else(|| panic!("no {code_} in {diagnostics:#?}"));
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": d["range"],
            "context": {"diagnostics": [d]},
        }),
    );
    response["result"].as_array().expect("actions").clone()
}

/// The action whose title contains `part`.
fn titled<'a>(actions: &'a [Value], part: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains(part)))
        .unwrap_or_else(|| panic!("no action titled …{part}… in {actions:#?}"))
}

/// The edits of an action for `uri`.
fn edits_of(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri]
        .as_array()
        .expect("edits")
        .clone()
}

#[test]
fn code_actions_fix_ignore_and_fix_all() {
    let dir = project(&[
        (
            "altered.md",
            &fs::read_to_string(root().join("data/altered.md")).expect("md"),
        ),
        (
            "misattributed.txt",
            &fs::read_to_string(root().join("data/misattributed.txt")).expect("txt"),
        ),
        (
            "missing.txt",
            &fs::read_to_string(root().join("data/missing.txt")).expect("txt"),
        ),
        ("non-ascii.txt", NON_ASCII_DRAFT),
    ]);
    let drafts = dir.path().join("drafts");
    let (mut client, _) =
        Client::initialized(&binary(), dir.path(), &[Encoding::Utf8], Value::Null);

    // A safe fix is a preferred quick fix; applied, its finding is gone.
    for (name, language, rule) in [
        ("altered.md", "markdown", "council-vote"),
        ("non-ascii.txt", "plaintext", "bass-together"),
    ] {
        let uri = uri_of(&drafts.join(name));
        let text = fs::read_to_string(drafts.join(name)).expect("draft");
        let diagnostics = client.open(&uri, language, &text);
        let actions = actions_at(&mut client, &uri, &diagnostics, rule);
        let fix = actions
            .iter()
            .find(|a| a["isPreferred"] == true)
            .unwrap_or_else(|| panic!("{name}: no preferred fix in {actions:#?}"));
        assert_eq!(fix["kind"], "quickfix");
        let ignore = titled(&actions, "Ignore ");
        assert_eq!(ignore["isPreferred"], false);
        let fixed = apply_edits(&text, &edits_of(fix, &uri), client.encoding);
        client.replace(&uri, 2, &fixed);
        let after = client.diagnostics(&uri, 2);
        assert!(
            !codes(&after).contains(&rule.to_string()),
            "{name}: {after:#?}"
        );
        assert_eq!(after.len(), diagnostics.len() - 1, "{name}: {after:#?}");

        // "Ignore this finding here" on another finding: it moves to the suppressed.
        let other = code(&after[0]).to_string();
        let actions = actions_at(&mut client, &uri, &after, &other);
        let ignore = titled(&actions, "Ignore ");
        let ignored = apply_edits(&fixed, &edits_of(ignore, &uri), client.encoding);
        assert!(
            ignored.contains(&format!("factcheck-ignore {other} -->"))
                || ignored.contains(&format!("factcheck-ignore-file {other} -->")),
            "{ignored}"
        );
        client.replace(&uri, 3, &ignored);
        let after_ignore = client.diagnostics(&uri, 3);
        assert!(
            !codes(&after_ignore).contains(&other),
            "{name}: {after_ignore:#?}"
        );
        assert!(
            !codes(&after_ignore).contains(&"unused-suppression".to_string()),
            "{name}: {after_ignore:#?}"
        );
        assert_eq!(
            after_ignore.len(),
            after.len() - 1,
            "{name}: {after_ignore:#?}"
        );

        // "Fix all safe" as a source action: no safe-fixable finding remains.
        let response = client.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "context": {"diagnostics": [], "only": ["source.fixAll"]},
            }),
        );
        let actions = response["result"].as_array().expect("actions");
        if after_ignore.is_empty() {
            assert!(actions.is_empty(), "{actions:#?}");
            continue;
        }
        assert_eq!(actions.len(), 1, "{actions:#?}");
        assert_eq!(actions[0]["kind"], "source.fixAll.factcheck");
        let all = apply_edits(&ignored, &edits_of(&actions[0], &uri), client.encoding);
        client.replace(&uri, 4, &all);
        let after_all = client.diagnostics(&uri, 4);
        // The findings the check gives a safe fix, on the text before: all gone.
        let before_path = drafts.join(format!("before-fix-all-{name}"));
        fs::write(&before_path, &ignored).expect("write");
        let safe: Vec<String> = json_findings(&before_path)
            .iter()
            .filter(|f| f["fix"]["safe"] == true)
            .map(expected_code)
            .collect();
        assert!(!safe.is_empty(), "{name}");
        for rule in &safe {
            assert!(
                !codes(&after_all).contains(rule),
                "{name}: {rule} in {after_all:#?}"
            );
        }
        assert_eq!(after_all.len(), after_ignore.len() - safe.len(), "{name}");
    }

    // An unsafe fix (a speaker's name) is a quick fix that is not preferred.
    let uri = uri_of(&drafts.join("misattributed.txt"));
    let text = fs::read_to_string(drafts.join("misattributed.txt")).expect("draft");
    let diagnostics = client.open(&uri, "plaintext", &text);
    let actions = actions_at(&mut client, &uri, &diagnostics, "blumenfield-defenses");
    let fix = titled(&actions, "if the rule is right");
    assert!(fix.get("isPreferred").is_none_or(|p| p == false), "{fix}");
    let fixed = apply_edits(&text, &edits_of(fix, &uri), client.encoding);
    client.replace(&uri, 2, &fixed);
    let after = client.diagnostics(&uri, 2);
    assert!(
        !codes(&after).contains(&"blumenfield-defenses".to_string()),
        "{after:#?}"
    );

    // A missing finding is ignored for the whole draft.
    let uri = uri_of(&drafts.join("missing.txt"));
    let text = fs::read_to_string(drafts.join("missing.txt")).expect("draft");
    let diagnostics = client.open(&uri, "plaintext", &text);
    let actions = actions_at(&mut client, &uri, &diagnostics, "council-vote");
    let ignore = titled(&actions, "in this draft");
    let ignored = apply_edits(&text, &edits_of(ignore, &uri), client.encoding);
    assert!(ignored.starts_with("<!-- factcheck-ignore-file council-vote -->"));
    client.replace(&uri, 2, &ignored);
    let after = client.diagnostics(&uri, 2);
    assert!(
        !codes(&after).contains(&"council-vote".to_string()),
        "{after:#?}"
    );
    assert_eq!(after.len(), diagnostics.len() - 1);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn rule_files_get_diagnostics_completion_and_reload_on_save() {
    let draft_text = fs::read_to_string(root().join("data/altered.txt")).expect("draft");
    let dir = project(&[("altered.txt", &draft_text)]);
    let rule_path = dir.path().join("rules/la-sanctuary-city.yaml");
    let rule_uri = uri_of(&rule_path);
    let rules = fs::read_to_string(&rule_path).expect("rules");
    let (mut client, _) = Client::initialized(&binary(), dir.path(), &[], Value::Null);

    // The rule file as it is: no error, no warning.
    let clean = client.open(&rule_uri, "yaml", &rules);
    assert!(clean.is_empty(), "{clean:#?}");

    // Broken in the editor (a speaker no person has): an error at that line.
    let broken = rules.replacen("speaker: bass", "speaker: nobody", 1);
    client.replace(&rule_uri, 2, &broken);
    let diagnostics = client.diagnostics(&rule_uri, 2);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["severity"], 1);
    let line = broken[..broken.find("speaker: nobody").expect("edit")]
        .matches('\n')
        .count();
    assert_eq!(
        diagnostics[0]["range"]["start"]["line"], line,
        "{diagnostics:#?}"
    );
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nobody")),
        "{diagnostics:#?}"
    );

    // Not YAML at all: still a diagnostic, and the server goes on.
    client.replace(&rule_uri, 3, "ruleset: [unclosed\n  quotes: {\n");
    let diagnostics = client.diagnostics(&rule_uri, 3);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");

    // Completion after `speaker:` offers the file's person ids.
    let typing = rules.replacen("speaker: bass", "speaker: ", 1);
    client.replace(&rule_uri, 4, &typing);
    let at = typing.find("speaker: \n").expect("typing") + "speaker: ".len();
    let (line, character) = client::position(&typing, at, client.encoding);
    let response = client.request(
        "textDocument/completion",
        json!({
            "textDocument": {"uri": rule_uri},
            "position": {"line": line, "character": character},
        }),
    );
    let labels: Vec<&str> = response["result"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["label"].as_str())
        .collect();
    for id in ["bass", "soto-martinez", "goldberg"] {
        assert!(labels.contains(&id), "{labels:?}");
    }

    // The draft, checked with the rules on disk.
    let draft_uri = uri_of(&dir.path().join("drafts/altered.txt"));
    let before = client.open(&draft_uri, "plaintext", &draft_text);
    assert!(codes(&before).contains(&"council-vote".to_string()));

    // Saving a rule file reloads the rules: the draft's 12-1 is now right.
    let changed = rules.replacen("tally: \"13-0\"", "tally: \"12-1\"", 1);
    assert_ne!(changed, rules, "the rule file changed");
    client.replace(&rule_uri, 5, &changed);
    fs::write(&rule_path, &changed).expect("save");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": rule_uri}}),
    );
    let after = client.diagnostics(&draft_uri, 1);
    assert!(
        !codes(&after).contains(&"council-vote".to_string()),
        "{after:#?}"
    );

    // Saving a broken rule file: the draft keeps the rules loaded before, and says so.
    client.replace(&rule_uri, 6, &broken);
    fs::write(&rule_path, &broken).expect("save");
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": rule_uri}}),
    );
    let stale = client.diagnostics(&draft_uri, 1);
    assert!(
        codes(&stale).contains(&"rules-unavailable".to_string()),
        "{stale:#?}"
    );
    assert!(
        !codes(&stale).contains(&"council-vote".to_string()),
        "{stale:#?}"
    );
    let rule_diagnostics = client.diagnostics(&rule_uri, 6);
    assert_eq!(rule_diagnostics.len(), 1, "{rule_diagnostics:#?}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn hover_shows_the_credited_speaker_the_rule_and_the_verified_words() {
    let (mut client, _) = Client::initialized(&binary(), root(), &[Encoding::Utf8], Value::Null);
    let hover_at = |client: &mut Client, path: &Path, needle: &str| -> Value {
        let text = fs::read_to_string(path).expect("draft");
        let uri = uri_of(path);
        client.open(&uri, "plaintext", &text);
        let at = text.find(needle).expect("needle") + 2;
        let (line, character) = client::position(&text, at, client.encoding);
        client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )["result"]
            .clone()
    };
    let altered = root().join("data/altered.txt");
    let hover = hover_at(&mut client, &altered, "Los Angeles will stand together");
    let value = hover["contents"]["value"].as_str().expect("markdown");
    for expected in [
        "credited to **Karen Bass**",
        "`la-sanctuary-city/bass-together` — altered",
        "Los Angeles will always stand together",
        "**Verified speaker** Karen Bass (Mayor)",
    ] {
        assert!(value.contains(expected), "{expected:?} in {value}");
    }
    // A quote given right: the rule that covers it.
    let hover = hover_at(&mut client, &altered, "It’s going to be enshrined");
    let value = hover["contents"]["value"].as_str().expect("markdown");
    assert!(
        value.contains("`la-sanctuary-city/hernandez-enshrined` — verified"),
        "{value}"
    );
    assert!(value.contains("Eunisses Hernandez"), "{value}");
    // A quote no rule covers.
    let unverified = root().join("data/unverified.txt");
    let hover = hover_at(&mut client, &unverified, "alling the police");
    let value = hover["contents"]["value"].as_str().expect("markdown");
    assert!(value.contains("unverified"), "{value}");
    // Not on a quote.
    let hover = hover_at(&mut client, &altered, "sanctuary city. On Tuesday");
    assert_eq!(hover, Value::Null);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn garbage_and_unknown_methods_are_survived() {
    // A request before `initialize` is refused; the server waits for it.
    let mut client = Client::start(&binary(), root());
    let response = client.request("textDocument/hover", json!({}));
    assert_eq!(response["error"]["code"], -32002, "{response}");
    drop(client);

    let (mut client, _) = Client::initialized(&binary(), root(), &[], Value::Null);
    client.send_raw(b"this is not a message\r\n\r\n");
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    client.send_raw(b"Content-Length: 17\r\n\r\n{\"jsonrpc\":\"2.0\"}");
    let response = client.request("factcheck/noSuchMethod", json!({"x": 1}));
    assert_eq!(response["error"]["code"], -32601, "{response}");
    let response = client.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(response["error"]["code"], -32602, "{response}");
    client.notify("textDocument/didOpen", json!({"bad": "params"}));
    // Still answering, and it told the client what it skipped.
    let path = root().join("data/altered.txt");
    let text = fs::read_to_string(&path).expect("draft");
    let diagnostics = client.open(&uri_of(&path), "plaintext", &text);
    assert_eq!(diagnostics.len(), 5);
    let logged = client.wait_for("a log message", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|t| t.contains("malformed"))
    });
    assert_eq!(logged["params"]["type"], 2, "{logged}");
    let code = client.shutdown();
    assert_eq!(code, 0);

    // After `shutdown` requests are refused; `exit` without `shutdown` exits 1.
    let (mut client, _) = Client::initialized(&binary(), root(), &[], Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), 1);
    let (mut client, _) = Client::initialized(&binary(), root(), &[], Value::Null);
    let response = client.request("shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null);
    let response = client.request("textDocument/hover", json!({}));
    assert_eq!(response["error"]["code"], -32600, "{response}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), 0);
    assert!(client.stderr().is_empty() || !client.stderr().contains("panicked"));
}

#[test]
fn initialization_options_name_the_rules() {
    // A draft far from any rules/ directory is checked with the rules the client names
    // (relative to the workspace root).
    let dir = tempfile::tempdir().expect("temp dir");
    let draft = dir.path().join("vote.txt");
    let text = "On Tuesday the City Council approved the ordinance in a 12-1 vote.\n";
    fs::write(&draft, text).expect("draft");
    let (mut client, _) = Client::initialized(&binary(), dir.path(), &[], Value::Null);
    let without = client.open(&uri_of(&draft), "plaintext", text);
    assert_eq!(codes(&without), ["rules-unavailable"], "{without:#?}");
    assert_eq!(client.shutdown(), 0);

    fs::create_dir_all(dir.path().join("verified")).expect("dir");
    fs::copy(
        root().join("rules/la-sanctuary-city.yaml"),
        dir.path().join("verified/la.yaml"),
    )
    .expect("copy");
    let (mut client, _) =
        Client::initialized(&binary(), dir.path(), &[], json!({"rules": ["verified"]}));
    let with = client.open(&uri_of(&draft), "plaintext", text);
    let vote = with
        .iter()
        .find(|d| code(d) == "council-vote")
        .unwrap_or_else(|| panic!("{with:#?}"));
    let at = text.find("12-1").expect("value");
    assert_eq!(vote["range"], range(text, at, at + 4, client.encoding));
    assert!(!codes(&with).contains(&"rules-unavailable".to_string()));
    assert_eq!(offset(text, 0, 0, client.encoding), 0);
    assert_eq!(client.shutdown(), 0);
}

/// One draft with non-ASCII text before a wrong tally, and where the server must put the
/// tally: (line, start character, end character) in UTF-8 and in UTF-16 code units,
/// counted by hand.
struct PositionCase {
    name: &'static str,
    text: &'static str,
    utf8: (u64, u64, u64),
    utf16: (u64, u64, u64),
}

const VOTE: &str = "On Tuesday the City Council approved the ordinance in a 12-1 vote.";

const POSITION_CASES: &[PositionCase] = &[
    PositionCase {
        name: "ascii",
        text: "On Tuesday the City Council approved the ordinance in a 12-1 vote.\n",
        utf8: (0, 56, 60),
        utf16: (0, 56, 60),
    },
    PositionCase {
        // “ ” are 3 bytes and 1 unit; í, é, ú, ñ 2 bytes and 1 unit.
        name: "curly quotes and accents on the line",
        text: "“Sí,” dijo José Núñez. On Tuesday the City Council approved the ordinance in a 12-1 vote.\n",
        utf8: (0, 87, 91),
        utf16: (0, 79, 83),
    },
    PositionCase {
        // 😀 on the line before; 🗳 (4 bytes, 2 units) and its variation selector (3
        // bytes, 1 unit) and — (3 bytes, 1 unit) on the line; CRLF line ends.
        name: "emoji and CRLF",
        text: "Café 😀 notes\r\nVote 🗳️ — On Tuesday the City Council approved the ordinance in a 12-1 vote.\r\n",
        utf8: (1, 73, 77),
        utf16: (1, 67, 71),
    },
    PositionCase {
        // A flag (two regional indicators: 8 bytes, 4 units), a lone CR, À and … (3
        // bytes, 1 unit).
        name: "flag, lone CR, accent and ellipsis",
        text: "Résumé 🇺🇸\rÀ la une… On Tuesday the City Council approved the ordinance in a 12-1 vote.",
        utf8: (1, 69, 73),
        utf16: (1, 66, 70),
    },
];

#[test]
fn non_ascii_drafts_get_exact_ranges_in_both_encodings() {
    let drafts: Vec<(String, &str)> = POSITION_CASES
        .iter()
        .enumerate()
        .map(|(i, case)| (format!("case-{i}.txt"), case.text))
        .collect();
    let named: Vec<(&str, &str)> = drafts.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let dir = project(&named);
    for offered in [vec![Encoding::Utf8], vec![Encoding::Utf16]] {
        let (mut client, _) = Client::initialized(&binary(), dir.path(), &offered, Value::Null);
        assert_eq!(client.encoding, offered[0]);
        for (case, (name, _)) in POSITION_CASES.iter().zip(&drafts) {
            assert!(case.text.contains(VOTE), "{}", case.name);
            let uri = uri_of(&dir.path().join("drafts").join(name));
            let diagnostics = client.open(&uri, "plaintext", case.text);
            let vote = diagnostics
                .iter()
                .find(|d| code(d) == "council-vote")
                .unwrap_or_else(|| panic!("{}: {diagnostics:#?}", case.name));
            let (line, start, end) = match client.encoding {
                Encoding::Utf8 => case.utf8,
                Encoding::Utf16 => case.utf16,
            };
            assert_eq!(
                vote["range"],
                json!({"start": {"line": line, "character": start},
                       "end": {"line": line, "character": end}}),
                "{} ({:?})",
                case.name,
                client.encoding
            );
            // The quick fix edits exactly that range: applied, the tally is right.
            let actions = actions_at(&mut client, &uri, &diagnostics, "council-vote");
            let fix = actions
                .iter()
                .find(|a| a["isPreferred"] == true)
                .unwrap_or_else(|| panic!("{}: {actions:#?}", case.name));
            let fixed = apply_edits(case.text, &edits_of(fix, &uri), client.encoding);
            assert_eq!(
                fixed,
                case.text.replace("12-1", "13-0"),
                "{} ({:?})",
                case.name,
                client.encoding
            );
        }
        assert_eq!(client.shutdown(), 0);
    }
}
