//! The test client: `factcheck lsp` started as an editor starts it, spoken to over its
//! standard input and output with `Content-Length` framing (written here, not taken
//! from the crate, so the server is tested against an independent reading of the
//! protocol), and positions counted in UTF-8 or UTF-16 from byte offsets.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any one answer may take (the machine is shared and may be slow).
const WAIT: Duration = Duration::from_secs(60);

/// The unit positions are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }

    fn units(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.encode_utf16().count(),
        }
    }
}

/// The (line, character) of byte `offset` of `text`: lines end at `\n`, `\r\n` or `\r`.
pub fn position(text: &str, offset: usize, encoding: Encoding) -> (u64, u64) {
    let before = &text[..offset];
    let mut line = 0;
    let mut line_start = 0;
    let bytes = before.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let breaks = b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
        if breaks {
            line += 1;
            line_start = i + 1;
        }
    }
    (line, encoding.units(&text[line_start..offset]) as u64)
}

/// The byte offset of (line, character) in `text`.
pub fn offset(text: &str, line: u64, character: u64, encoding: Encoding) -> usize {
    let mut start = 0;
    for _ in 0..line {
        let rest = &text[start..];
        let next = rest.find(['\n', '\r']).expect("the line exists");
        start += next
            + if rest[next..].starts_with("\r\n") {
                2
            } else {
                1
            };
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character as usize || c == '\n' || c == '\r' {
            return start + i;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
    }
    text.len()
}

/// An LSP range as JSON.
pub fn range(text: &str, start: usize, end: usize, encoding: Encoding) -> Value {
    let (l1, c1) = position(text, start, encoding);
    let (l2, c2) = position(text, end, encoding);
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

/// Applies LSP text edits (ranges into `text` as it is) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], encoding: Encoding) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let at = |p: &Value| {
                offset(
                    text,
                    p["line"].as_u64().expect("line"),
                    p["character"].as_u64().expect("character"),
                    encoding,
                )
            };
            (
                at(&e["range"]["start"]),
                at(&e["range"]["end"]),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

/// The `file:` URI of a path.
pub fn uri_of(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_str().expect("UTF-8 path").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// A running `factcheck lsp`.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: mpsc::Receiver<Value>,
    /// Messages read while waiting for something else.
    kept: VecDeque<Value>,
    next_id: i64,
    pub encoding: Encoding,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Client {
    /// Starts `factcheck lsp` in `cwd` (without the rules cache).
    pub fn start(binary: &Path, cwd: &Path) -> Client {
        let mut child = Command::new(binary)
            .arg("lsp")
            .current_dir(cwd)
            .env("FACTCHECK_CACHE_DIR", "")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_framed(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let stderr_text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut stderr = child.stderr.take().expect("stderr");
        let sink = std::sync::Arc::clone(&stderr_text);
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            if let Ok(mut s) = sink.lock() {
                s.push_str(&text);
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            messages: rx,
            kept: VecDeque::new(),
            next_id: 1,
            encoding: Encoding::Utf16,
            stderr: stderr_text,
        }
    }

    /// Starts the server and initializes it offering `encodings` (none: the default).
    pub fn initialized(
        binary: &Path,
        cwd: &Path,
        encodings: &[Encoding],
        options: Value,
    ) -> (Client, Value) {
        let mut client = Client::start(binary, cwd);
        let offered: Vec<&str> = encodings.iter().map(|e| e.name()).collect();
        let mut capabilities = json!({
            "textDocument": {"publishDiagnostics": {"versionSupport": true}},
        });
        if !offered.is_empty() {
            capabilities["general"] = json!({"positionEncodings": offered});
        }
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri_of(cwd),
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        let result = result.get("result").cloned().expect("initialize succeeds");
        client.encoding = match result["capabilities"]["positionEncoding"].as_str() {
            Some("utf-8") => Encoding::Utf8,
            _ => Encoding::Utf16,
        };
        client.notify("initialized", json!({}));
        (client, result)
    }

    /// Writes raw bytes to the server.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).expect("json");
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend(body);
        self.send_raw(&framed);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(&format!("the response to {method}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        })
    }

    /// The next message (kept or new) that `wanted` accepts; the others are kept.
    pub fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.kept.iter().position(&wanted) {
            return self.kept.remove(i).expect("kept");
        }
        self.next_wanted(WAIT, &wanted).unwrap_or_else(|| {
            panic!(
                "no {what} within {WAIT:?}; kept: {:#?}; stderr: {}",
                self.kept,
                self.stderr()
            )
        })
    }

    /// The next new message that `wanted` accepts, read within `wait`; the others are
    /// kept.
    fn next_wanted(&mut self, wait: Duration, wanted: impl Fn(&Value) -> bool) -> Option<Value> {
        let deadline = Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if wanted(&message) => return Some(message),
                Ok(message) => self.kept.push_back(message),
                Err(_) => return None,
            }
        }
    }

    /// The next diagnostics published for `uri` at document version `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(&format!("diagnostics of {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .clone()
    }

    /// Opens a document and returns its first diagnostics.
    pub fn open(&mut self, uri: &str, language: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        self.diagnostics(uri, 1)
    }

    /// Replaces the whole text of a document (version `version`).
    pub fn replace(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            }),
        );
    }

    /// Whether a message that `wanted` accepts arrives (or was kept) within `wait`.
    pub fn arrives_within(&mut self, wait: Duration, wanted: impl Fn(&Value) -> bool) -> bool {
        self.kept.iter().any(&wanted) || self.next_wanted(wait, wanted).is_some()
    }

    /// Shuts down politely and returns the exit code.
    pub fn shutdown(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Closes the server's input and waits for it to exit; returns the exit code.
    pub fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().expect("exit code");
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// What the server wrote to standard error so far (complete once it exited).
    pub fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads one framed message; `None` at the end of the output.
fn read_framed(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}
