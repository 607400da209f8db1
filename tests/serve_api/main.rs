//! The review service's HTTP API, tested against the real binary: `factcheck serve
//! --listen 127.0.0.1:0` is started (it logs the port it got), and a small HTTP/1.1
//! client over `TcpStream` sends real requests — every route, every error status, rule
//! reload and a broken rule edit, the 409 of an approval, the reviews round trip, 64+
//! requests at once, and a graceful stop on SIGTERM.

mod client;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use client::{http, Server};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_factcheck"))
}

/// The sample drafts.
fn samples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("data"))
        .expect("data/")
        .map(|e| format!("data/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    names
}

/// The command line's output for `args`, run from the crate root.
fn cli(args: &[&str]) -> (i32, Vec<u8>) {
    let output = Command::new(binary())
        .current_dir(root())
        .env("FACTCHECK_CACHE_DIR", "")
        .args(args)
        .output()
        .expect("runs");
    (output.status.code().unwrap_or(-1), output.stdout)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect("readable")
}

/// The findings of the one file of a check document.
fn findings(doc: &Value) -> &Vec<Value> {
    doc["files"][0]["findings"].as_array().expect("findings")
}

/// Polls `probe` every 100 ms until it returns true, for at most `secs` seconds.
fn eventually(secs: u64, mut probe: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if probe() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn check_answers_the_command_lines_json_for_every_sample_draft() {
    let server = Server::start(&["--rules", "rules"]);
    for name in samples() {
        let (code, expected) = cli(&["--rules", "rules", "--format", "json", &name]);
        assert!(code == 0 || code == 1, "{name}: exit {code}");
        let reply = server.post("/api/v1/check", &json!({"text": read(&name), "name": name}));
        assert_eq!(reply.status, 200, "{name}");
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert_eq!(
            String::from_utf8_lossy(&reply.body),
            String::from_utf8_lossy(&expected),
            "{name}: the service's document differs from the command line's"
        );
        // Without `unverified`, as --no-unverified.
        let (_, expected) = cli(&[
            "--rules",
            "rules",
            "--format",
            "json",
            "--no-unverified",
            &name,
        ]);
        let reply = server.post(
            "/api/v1/check",
            &json!({"text": read(&name), "name": name, "unverified": false}),
        );
        assert_eq!(reply.body, expected, "{name} without unverified quotes");
    }
    // The name picks the format; `input_format` overrides it; the default name.
    let markdown = read("data/altered.md");
    let as_md = server.post("/api/v1/check", &json!({"text": markdown, "name": "x.md"}));
    let as_text = server.post(
        "/api/v1/check",
        &json!({"text": markdown, "name": "x.md", "input_format": "text"}),
    );
    let (_, expected) = cli(&[
        "--rules",
        "rules",
        "--format",
        "json",
        "--input-format",
        "text",
        "data/altered.md",
    ]);
    assert_eq!(
        as_text.json()["files"][0]["findings"],
        serde_json::from_slice::<Value>(&expected).expect("json")["files"][0]["findings"]
    );
    assert_ne!(as_md.body, as_text.body);
    let unnamed = server.post("/api/v1/check", &json!({"text": read("data/clean.txt")}));
    assert_eq!(unnamed.json()["files"][0]["path"], "draft.txt");
}

#[test]
fn quotes_answers_the_quote_sheet_with_reported_speech_when_asked() {
    let server = Server::start(&["--rules", "rules"]);
    for name in [
        "data/misattributed.txt",
        "data/altered.md",
        "data/altered.html",
    ] {
        let (code, expected) = cli(&["quotes", "--rules", "rules", "--format", "json", name]);
        assert_eq!(code, 0);
        let reply = server.post("/api/v1/quotes", &json!({"text": read(name), "name": name}));
        assert_eq!(reply.status, 200);
        assert_eq!(reply.body, expected, "{name}");
        // `"reported": true` is `quotes --reported`.
        let (code, expected) = cli(&[
            "quotes",
            "--reported",
            "--rules",
            "rules",
            "--format",
            "json",
            name,
        ]);
        assert_eq!(code, 0);
        let reply = server.post(
            "/api/v1/quotes",
            &json!({"text": read(name), "name": name, "reported": true}),
        );
        assert_eq!(reply.status, 200);
        assert_eq!(reply.body, expected, "{name} with reported speech");
        let sheet: Value = serde_json::from_slice(&reply.body).expect("JSON");
        assert!(
            sheet.to_string().contains("\"kind\":\"reported\""),
            "{name}: no reported speech listed"
        );
    }
    // `reported: false` is the default and fine.
    let reply = server.post(
        "/api/v1/quotes",
        &json!({"text": read("data/altered.txt"), "reported": false}),
    );
    assert_eq!(reply.status, 200);
}

/// `text` with `edits` (`start`, `end`, `replacement`; offsets into `text`) applied.
fn splice(text: &str, edits: &[Value]) -> String {
    let mut out = text.to_string();
    let mut sorted: Vec<&Value> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse(e["start"].as_u64()));
    for edit in sorted {
        let start = edit["start"].as_u64().expect("start") as usize;
        let end = edit["end"].as_u64().expect("end") as usize;
        out.replace_range(
            start..end,
            edit["replacement"].as_str().expect("replacement"),
        );
    }
    out
}

#[test]
fn fix_applies_the_checks_fixes_and_leaves_no_altered_finding() {
    let server = Server::start(&["--rules", "rules"]);
    for name in ["data/altered.txt", "data/altered.md", "data/altered.html"] {
        let text = read(name);
        let check = server
            .post("/api/v1/check", &json!({"text": text, "name": name}))
            .json();
        let fixes: Vec<&Value> = findings(&check)
            .iter()
            .filter(|f| f["fix"]["safe"] == true)
            .collect();
        assert!(!fixes.is_empty(), "{name} has safe fixes");
        let reply = server.post("/api/v1/fix", &json!({"text": text, "name": name}));
        assert_eq!(reply.status, 200, "{name}");
        let fixed = reply.json();
        let edits = fixed["edits"].as_array().expect("edits");
        assert_eq!(edits.len(), fixes.len(), "{name}: one edit per safe fix");
        for (edit, finding) in edits.iter().zip(&fixes) {
            assert_eq!(edit["start"], finding["fix"]["start"]);
            assert_eq!(edit["replacement"], finding["fix"]["replacement"]);
            assert_eq!(edit["rule"], finding["rule"]);
            assert_eq!(edit["safe"], true);
        }
        let fixed_text = fixed["text"].as_str().expect("text");
        assert_eq!(fixed_text, splice(&text, edits), "{name}");
        let again = server
            .post("/api/v1/check", &json!({"text": fixed_text, "name": name}))
            .json();
        // The reversed statement has no fix (a paraphrase is never rewritten).
        let kinds: Vec<&Value> = findings(&again)
            .iter()
            .filter(|f| f["rule"] != "soto-martinez-safe")
            .map(|f| &f["kind"])
            .collect();
        assert!(!kinds.contains(&&json!("altered")), "{name}: {kinds:?}");
    }
    // Unsafe fixes (a speaker's name) only when asked.
    let text = read("data/misattributed.txt");
    let safe_only = server.post("/api/v1/fix", &json!({"text": text})).json();
    assert!(safe_only["edits"]
        .as_array()
        .expect("edits")
        .iter()
        .all(|e| e["safe"] == true));
    let with_unsafe = server
        .post("/api/v1/fix", &json!({"text": text, "unsafe": true}))
        .json();
    assert!(
        with_unsafe["edits"]
            .as_array()
            .expect("edits")
            .iter()
            .any(|e| e["safe"] == false),
        "{with_unsafe}"
    );
    server
        .post("/api/v1/fix", &json!({"text": text, "reported": true}))
        .assert_error(400, "invalid_request");
}

#[test]
fn every_error_is_json_with_its_status() {
    let server = Server::start(&["--rules", "rules", "--max-draft-size", "4K"]);
    let draft = json!({"text": read("data/altered.txt")});
    let bad_json = server.request(
        "POST",
        "/api/v1/check",
        Some("application/json"),
        b"{\"text\": ",
    );
    bad_json.assert_error(400, "invalid_request");
    server
        .post("/api/v1/check", &json!({"name": "a.md"}))
        .assert_error(400, "invalid_request");
    let message = server
        .post("/api/v1/check", &json!({"text": "x", "unverfied": true}))
        .assert_error(400, "invalid_request");
    assert!(message.contains("unverfied"), "{message}");
    server
        .post("/api/v1/check", &json!({"text": " \n "}))
        .assert_error(400, "invalid_draft");
    server
        .post("/api/v1/check", &json!({"text": "a\u{0}b"}))
        .assert_error(400, "invalid_draft");
    server
        .post("/api/v1/check", &json!({"text": "x", "reported": true}))
        .assert_error(400, "invalid_request");
    // A draft whose suppression comment names no rule: file:line:col.
    let message = server
        .post(
            "/api/v1/check",
            &json!({"text": "One.\n<!-- factcheck-ignore no-such-rule -->\nTwo.\n", "name": "s.md"}),
        )
        .assert_error(400, "invalid_draft");
    assert!(message.starts_with("s.md:2:"), "{message}");
    // Over --max-draft-size (4K): the body, and the text.
    let big = json!({"text": "word ".repeat(2000)});
    server
        .post("/api/v1/check", &big)
        .assert_error(413, "too_large");
    server
        .request(
            "POST",
            "/api/v1/check",
            Some("text/plain"),
            draft.to_string().as_bytes(),
        )
        .assert_error(415, "unsupported_media_type");
    server
        .request("POST", "/api/v1/check", None, draft.to_string().as_bytes())
        .assert_error(415, "unsupported_media_type");
    server.get("/api/v1/nothing").assert_error(404, "not_found");
    server.get("/api/v2/check").assert_error(404, "not_found");
    let reply = server.get("/api/v1/check");
    reply.assert_error(405, "method_not_allowed");
    assert_eq!(reply.header("allow"), Some("POST"));
    server
        .request("DELETE", "/api/v1/reviews", None, b"")
        .assert_error(405, "method_not_allowed");
    server
        .get("/api/v1/reviews/77")
        .assert_error(404, "not_found");
    server
        .get("/api/v1/reviews/abc")
        .assert_error(404, "not_found");
    server
        .get("/api/v1/reviews")
        .assert_error(400, "invalid_request");
    // Bytes that are not UTF-8 in a JSON body.
    server
        .request(
            "POST",
            "/api/v1/check",
            Some("application/json"),
            b"{\"text\": \"\xff\"}",
        )
        .assert_error(400, "invalid_request");
    // Hostile bodies: deep nesting, a number for the name, an object for a review.
    let deep = format!("{}{}", "[".repeat(1_000), "]".repeat(1_000));
    let deep = format!("{{\"text\": \"x\", \"name\": {deep}}}");
    let bodies: [&[u8]; 4] = [
        deep.as_bytes(),
        b"{\"text\": \"x\", \"name\": 1e999}",
        b"[]",
        b"null",
    ];
    for body in bodies {
        server
            .request("POST", "/api/v1/check", Some("application/json"), body)
            .assert_error(400, "invalid_request");
    }
    server
        .post(
            "/api/v1/reviews",
            &json!({"text": "x", "reviewer": {}, "decision": "approved"}),
        )
        .assert_error(400, "invalid_request");
    // Still serving.
    assert_eq!(server.post("/api/v1/check", &draft).status, 200);
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn a_request_over_the_timeout_is_answered_408() {
    let server = Server::start(&["--rules", "rules", "--timeout", "1"]);
    let text = format!("{}\n", read("data/altered.txt")).repeat(3000);
    let message = server
        .post("/api/v1/check", &json!({"text": text}))
        .assert_error(408, "timeout");
    assert!(message.contains("1 s"), "{message}");
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn health_and_rules_describe_the_loaded_rules() {
    let server = Server::start(&["--rules", "rules"]);
    let health = server.get("/healthz");
    assert_eq!(health.status, 200);
    let health = health.json();
    assert_eq!(health["status"], "ok");
    let rules = server.get("/api/v1/rules").json();
    let counted: u64 = rules["rulesets"]
        .as_array()
        .expect("rulesets")
        .iter()
        .map(|r| r["claims"].as_u64().unwrap_or(0) + r["quotes"].as_u64().unwrap_or(0))
        .sum();
    assert!(counted > 0);
    assert_eq!(health["rules"], counted);
    assert_eq!(rules["rules"], counted);
    assert_eq!(rules["error"], Value::Null);
    assert!(rules["loaded_at"].as_str().expect("time").ends_with('Z'));
    let file = &rules["files"][0];
    assert_eq!(file["path"], "rules/la-sanctuary-city.yaml");
    let bytes = std::fs::read(root().join("rules/la-sanctuary-city.yaml")).expect("rules");
    assert_eq!(
        file["sha256"],
        factcheck::rules::provenance::sha256_hex(&bytes)
    );
}

#[test]
fn the_review_page_is_served_with_its_policy() {
    let server = Server::start(&["--rules", "rules"]);
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'sha256-"));
    let html = String::from_utf8(page.body.clone()).expect("utf-8");
    assert!(html.contains("<textarea id=\"text\""));
    // The page's own check: the JSON document and the report's marked draft.
    let view = server
        .post(
            "/ui/check",
            &json!({"text": read("data/altered.txt"), "name": "data/altered.txt"}),
        )
        .json();
    let (_, expected) = cli(&["--rules", "rules", "--format", "json", "data/altered.txt"]);
    assert_eq!(
        view["report"],
        serde_json::from_slice::<Value>(&expected).expect("json")
    );
    let html = view["html"].as_str().expect("html");
    assert!(
        html.contains("<mark class=\"k-altered\" data-findings=\"f0-"),
        "{html}"
    );
}

/// Rules in a temporary directory, to edit while the server runs.
fn rules_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("rules")).expect("mkdir");
    std::fs::copy(
        root().join("rules/la-sanctuary-city.yaml"),
        dir.path().join("rules/la.yaml"),
    )
    .expect("copy");
    dir
}

/// `figures = true` in the configuration: the service reports the figures no claim
/// covers and counts them, as the command line does from the same directory.
#[test]
fn the_configurations_figures_setting_applies_to_every_request() {
    let dir = rules_copy();
    std::fs::write(dir.path().join("factcheck.toml"), "figures = true\n").expect("config");
    let draft = "The council voted 12-1. About 200 residents came, and 45 of them spoke.\n";
    std::fs::write(dir.path().join("draft.txt"), draft).expect("draft");
    let expected = Command::new(binary())
        .current_dir(dir.path())
        .env("FACTCHECK_CACHE_DIR", "")
        .args(["--format", "json", "draft.txt"])
        .output()
        .expect("runs")
        .stdout;
    let server = Server::start_in(dir.path(), &[]);
    let reply = server.post(
        "/api/v1/check",
        &json!({"text": draft, "name": "draft.txt"}),
    );
    assert_eq!(reply.status, 200);
    assert_eq!(
        String::from_utf8_lossy(&reply.body),
        String::from_utf8_lossy(&expected)
    );
    let doc = reply.json();
    let kinds: Vec<&str> = findings(&doc)
        .iter()
        .filter_map(|f| f["kind"].as_str())
        .filter(|&k| k == "unverified-figure")
        .collect();
    assert_eq!(kinds.len(), 2, "{doc}");
    assert_eq!(
        doc["summary"]["coverage"]["figures"],
        json!({"verified": 0, "total": 3})
    );
}

#[test]
fn rules_reload_when_edited_and_a_broken_edit_keeps_the_last_good_ones() {
    let dir = rules_copy();
    let rules_path = dir.path().join("rules/la.yaml");
    let rules_dir = dir.path().join("rules");
    let server = Server::start(&["--rules", rules_dir.to_str().expect("utf-8")]);
    let before = server.get("/healthz").json()["rules"]
        .as_u64()
        .expect("count");
    // Add a rule: the count goes up once the edit settles.
    let original = std::fs::read_to_string(&rules_path).expect("read");
    assert!(
        original.contains("\nclaims:\n"),
        "the sample has a claims list"
    );
    let added = original.replacen(
        "\nclaims:\n",
        "\nclaims:\n  - id: added-by-test\n    statement: The test added this claim.\n    context: [zebra]\n    value: { number: 7 }\n    required: false\n",
        1,
    );
    std::fs::write(&rules_path, &added).expect("write");
    assert!(
        eventually(20, || server.get("/healthz").json()["rules"] == before + 1),
        "the rules were not reloaded; log: {:?}",
        server.log_lines()
    );
    // A broken edit: the last good rules stay; the error names file:line:col.
    std::fs::write(&rules_path, format!("{added}\n  - id: [broken\n")).expect("write");
    let mut health = Value::Null;
    assert!(
        eventually(20, || {
            health = server.get("/healthz").json();
            health["error"].is_string()
        }),
        "no error reported; log: {:?}",
        server.log_lines()
    );
    assert_eq!(health["status"], "ok");
    assert_eq!(health["rules"], before + 1);
    let error = health["error"].as_str().expect("error");
    let located = regex::Regex::new(r"la\.yaml:\d+:\d+: ").expect("regex");
    assert!(located.is_match(error), "{error}");
    let status = server.get("/api/v1/rules").json();
    assert_eq!(status["error"]["message"], error);
    let reply = server.post("/api/v1/check", &json!({"text": read("data/altered.txt")}));
    assert_eq!(reply.status, 200, "checks go on with the last good rules");
    assert!(
        eventually(5, || server
            .log_lines()
            .iter()
            .any(|l| l.contains("la.yaml:") && l.contains("last good rules"))),
        "the log names the error"
    );
    // Fixed again: the error is gone.
    std::fs::write(&rules_path, &original).expect("write");
    assert!(eventually(20, || {
        let health = server.get("/healthz").json();
        health["error"].is_null() && health["rules"] == before
    }));
}

#[test]
fn without_valid_rules_the_service_answers_503_until_they_are_fixed() {
    let dir = rules_copy();
    let rules_path = dir.path().join("rules/la.yaml");
    let original = std::fs::read_to_string(&rules_path).expect("read");
    std::fs::write(&rules_path, "ruleset: [oops\n").expect("write");
    let rules_dir = dir.path().join("rules");
    let server = Server::start(&["--rules", rules_dir.to_str().expect("utf-8")]);
    let health = server.get("/healthz");
    assert_eq!(health.status, 503);
    assert_eq!(health.json()["status"], "unavailable");
    assert!(health.json()["error"]
        .as_str()
        .expect("error")
        .contains("la.yaml:1:"));
    server
        .post("/api/v1/check", &json!({"text": "Hello."}))
        .assert_error(503, "rules_unavailable");
    std::fs::write(&rules_path, original).expect("write");
    assert!(eventually(20, || server.get("/healthz").status == 200));
    assert_eq!(
        server
            .post("/api/v1/check", &json!({"text": read("data/altered.txt")}))
            .status,
        200
    );
}

#[test]
fn reviews_are_refused_409_until_error_findings_are_accepted_then_stored() {
    let server = Server::start(&["--rules", "rules"]);
    let name = "data/altered.txt";
    let text = read(name);
    let check = server
        .post("/api/v1/check", &json!({"text": text, "name": name}))
        .json();
    let errors: Vec<&Value> = findings(&check)
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(!errors.is_empty(), "the sample has error findings");
    let review = |decision: &str, accepted: Value| {
        server.post(
            "/api/v1/reviews",
            &json!({"text": text, "name": name, "reviewer": "R. Editor",
                "decision": decision, "note": "checked against the minutes", "accepted": accepted}),
        )
    };
    // Approving with nothing accepted: 409 naming each error finding.
    let refused = review("approved", json!([]));
    let message = refused.assert_error(409, "unaccepted_findings");
    let listed = refused.json()["error"]["findings"].clone();
    assert_eq!(listed.as_array().expect("findings").len(), errors.len());
    for finding in &errors {
        let rule = finding["rule"].as_str().expect("rule");
        assert!(message.contains(rule), "{message} names {rule}");
    }
    // Accepting all but one is still refused; an acceptance needs a reason.
    let accept = |f: &&Value| json!({"rule": f["rule"], "reason": "the later vote"});
    let all_but_one: Vec<Value> = errors.iter().skip(1).map(accept).collect();
    review("approved", json!(all_but_one)).assert_error(409, "unaccepted_findings");
    review(
        "approved",
        json!([{"rule": errors[0]["rule"], "reason": " "}]),
    )
    .assert_error(400, "invalid_request");
    // `ruleset/id` is accepted as well as the bare id.
    let mut all: Vec<Value> = errors.iter().map(accept).collect();
    all[0] = json!({"rule": format!("{}/{}", errors[0]["ruleset"].as_str().expect("ruleset"),
        errors[0]["rule"].as_str().expect("rule")), "reason": "verified by phone"});
    let stored = review("approved", json!(all));
    assert_eq!(
        stored.status,
        201,
        "{:?}",
        String::from_utf8_lossy(&stored.body)
    );
    let stored = stored.json();
    let id = stored["id"].as_i64().expect("id");
    assert_eq!(stored["decision"], "approved");
    assert_eq!(
        stored["sha256"],
        factcheck::rules::provenance::sha256_hex(text.as_bytes())
    );
    assert_eq!(stored["findings"], check);
    assert_eq!(stored["accepted"], json!(all));
    assert_eq!(
        stored["rule_files"][0]["path"],
        "rules/la-sanctuary-city.yaml"
    );
    // Changes requested need no acceptance.
    let changes = review("changes-requested", json!([]));
    assert_eq!(changes.status, 201);
    // Round trip: the list by name, one by id.
    let listed = server.get("/api/v1/reviews?name=data%2Faltered.txt").json();
    let reviews = listed["reviews"].as_array().expect("reviews");
    assert_eq!(reviews.len(), 2);
    assert_eq!(reviews[0]["id"], id);
    assert_eq!(reviews[0]["reviewer"], "R. Editor");
    assert_eq!(reviews[0]["note"], "checked against the minutes");
    assert_eq!(reviews[1]["decision"], "changes-requested");
    for key in [
        "id", "name", "reviewer", "decision", "note", "time", "sha256",
    ] {
        assert!(reviews[0].get(key).is_some(), "{key}");
    }
    assert_eq!(server.get(&format!("/api/v1/reviews/{id}")).json(), stored);
    assert!(
        server.get("/api/v1/reviews?name=other.md").json()["reviews"]
            .as_array()
            .expect("reviews")
            .is_empty()
    );
    // The database file holds them.
    assert!(server.db.exists());
}

#[test]
fn sixty_four_and_more_requests_at_once_are_all_served() {
    let server = Server::start(&["--rules", "rules"]);
    let addr = server.addr.clone();
    let body = json!({"text": read("data/misattributed.txt"), "name": "m.txt"}).to_string();
    let threads: Vec<_> = (0..80)
        .map(|_| {
            let addr = addr.clone();
            let body = body.clone();
            std::thread::spawn(move || {
                http(
                    &addr,
                    "POST",
                    "/api/v1/check",
                    Some("application/json"),
                    body.as_bytes(),
                )
                .status
            })
        })
        .collect();
    let statuses: Vec<u16> = threads
        .into_iter()
        .map(|t| t.join().expect("thread"))
        .collect();
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");
}

#[test]
fn sigterm_lets_the_request_in_flight_finish_then_exits_0() {
    let mut server = Server::start(&["--rules", "rules"]);
    // A large draft: the sample's paragraphs many times over (seconds to check in a
    // debug build).
    let paragraph = read("data/altered.txt");
    let text = format!("{paragraph}\n").repeat(3000);
    let body = json!({"text": text, "name": "large.txt"}).to_string();
    let addr = server.addr.clone();
    let sent = Instant::now();
    let request = std::thread::spawn(move || {
        http(
            &addr,
            "POST",
            "/api/v1/check",
            Some("application/json"),
            body.as_bytes(),
        )
    });
    std::thread::sleep(Duration::from_millis(500));
    let pid = libc::pid_t::try_from(server.child.id()).expect("a pid fits pid_t");
    // SAFETY: kill(2) with our own child's pid and a valid signal number.
    let killed = unsafe { libc::kill(pid, libc::SIGTERM) };
    assert_eq!(killed, 0, "kill: {}", std::io::Error::last_os_error());
    let reply = request.join().expect("the request thread");
    assert_eq!(
        reply.status,
        200,
        "{:?}",
        String::from_utf8_lossy(&reply.body)
    );
    assert!(reply.json()["summary"]["errors"].as_u64().expect("errors") > 0);
    let status = server.child.wait().expect("exits");
    assert_eq!(status.code(), Some(0));
    assert!(
        sent.elapsed() > Duration::from_millis(500),
        "the request was still in flight at SIGTERM"
    );
    let log = server.log_lines().join("\n");
    assert!(log.contains("stopping") && log.contains("stopped"), "{log}");
}

#[test]
fn serve_refuses_to_start_without_rules_or_on_a_taken_port() {
    let empty = tempfile::tempdir().expect("dir");
    let output = Command::new(binary())
        .current_dir(empty.path())
        .args([
            "serve",
            "--no-config",
            "--listen",
            "127.0.0.1:0",
            "--db",
            "r.sqlite",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no rules found"));
    let server = Server::start(&["--rules", "rules"]);
    let output = Command::new(binary())
        .current_dir(root())
        .args([
            "serve",
            "--rules",
            "rules",
            "--listen",
            &server.addr,
            "--db",
        ])
        .arg(empty.path().join("r.sqlite"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("cannot listen on"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
