//! The wire: JSON-RPC messages framed by `Content-Length` headers, read on a thread of
//! their own and handed to the loop over a channel, written by the loop.
//!
//! lsp-server's own stdio reader stops at the first message it cannot parse, which would
//! end the server; this reader reports a malformed message (a broken header, a body that
//! is not JSON-RPC) to the loop and goes on with the next one.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::mpsc::{self, Receiver};

use lsp_server::Message;

/// What the reader hands to the loop.
#[derive(Debug)]
pub enum Incoming {
    /// A well-formed message.
    Message(Message),
    /// Something that is not a message, skipped: what was wrong with it.
    Malformed(String),
    /// The input ended (or failed: why, if it did not end cleanly between messages).
    Closed(Option<String>),
}

/// Largest message body read (a draft of the default 100 MB size limit, escaped, fits);
/// a longer one is skipped unread.
const MAX_BODY: usize = 512 * 1024 * 1024;

/// Longest header block read before giving up on it (a client never sends more than a
/// few lines).
const MAX_HEADER_LINE: usize = 8 * 1024;

/// Reads messages from `input` on a new thread until it ends.
pub fn spawn_reader<R: Read + Send + 'static>(input: R) -> io::Result<Receiver<Incoming>> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("factcheck-lsp-reader".to_string())
        .spawn(move || {
            let mut input = BufReader::new(input);
            loop {
                let incoming = read_message(&mut input);
                let closed = matches!(incoming, Incoming::Closed(_));
                if sender.send(incoming).is_err() || closed {
                    break;
                }
            }
        })?;
    Ok(receiver)
}

/// Reads one framed message.
pub fn read_message(input: &mut impl BufRead) -> Incoming {
    let mut length: Option<Result<usize, String>> = None;
    let mut problems: Vec<String> = Vec::new();
    let mut first = true;
    loop {
        let mut line = Vec::new();
        match input
            .by_ref()
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)
        {
            Ok(0) if first => return Incoming::Closed(None),
            Ok(0) => return Incoming::Closed(Some("the input ended inside a header".into())),
            Ok(_) => {}
            Err(e) => return Incoming::Closed(Some(format!("cannot read the input: {e}"))),
        }
        first = false;
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("Content-Length") => {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
                );
            }
            Some(_) => {}
            None => problems.push(format!("malformed header line `{}`", preview(text))),
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(problem)) => return Incoming::Malformed(problem),
        None => {
            problems.push("no Content-Length header".into());
            return Incoming::Malformed(problems.join("; "));
        }
    };
    if length > MAX_BODY {
        return match io::copy(&mut input.by_ref().take(length as u64), &mut io::sink()) {
            Ok(_) => Incoming::Malformed(format!("a message of {length} bytes, over the limit")),
            Err(e) => Incoming::Closed(Some(format!("cannot read the input: {e}"))),
        };
    }
    let mut body = vec![0; length];
    if let Err(e) = input.read_exact(&mut body) {
        return Incoming::Closed(Some(format!("the input ended inside a message: {e}")));
    }
    match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed(format!(
            "not a JSON-RPC message ({e}): {}",
            preview(&String::from_utf8_lossy(&body))
        )),
    }
}

/// Writes one message with its header.
pub fn write_message(out: &mut dyn Write, message: &Message) -> io::Result<()> {
    let mut out = out;
    message.write(&mut out)
}

/// The first 80 characters of `text`, for a log line.
fn preview(text: &str) -> String {
    let mut out: String = text.chars().take(80).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn malformed_messages_are_reported_and_the_next_one_is_read() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            "garbage without a header\r\n\r\n".to_string(),
            framed("{not json"),
            "Content-Length: twelve\r\n\r\n".to_string(),
            framed(r#"{"jsonrpc":"2.0","weird":true}"#),
            framed(good),
        ]
        .concat();
        let mut reader = input.as_bytes();
        let mut kinds = Vec::new();
        loop {
            match read_message(&mut reader) {
                Incoming::Message(m) => kinds.push(format!("message {m:?}")),
                Incoming::Malformed(why) => kinds.push(format!("malformed: {why}")),
                Incoming::Closed(why) => {
                    kinds.push(format!("closed {why:?}"));
                    break;
                }
            }
        }
        assert_eq!(kinds.len(), 6, "{kinds:#?}");
        assert!(kinds[0].contains("no Content-Length"), "{}", kinds[0]);
        assert!(kinds[1].contains("not a JSON-RPC message"), "{}", kinds[1]);
        assert!(kinds[2].contains("bad Content-Length"), "{}", kinds[2]);
        assert!(kinds[3].contains("not a JSON-RPC message"), "{}", kinds[3]);
        assert!(kinds[4].contains("initialized"), "{}", kinds[4]);
        assert_eq!(kinds[5], "closed None");
    }

    #[test]
    fn a_message_cut_short_closes_the_input() {
        let mut reader = "Content-Length: 50\r\n\r\n{\"jsonrpc\"".as_bytes();
        assert!(matches!(
            read_message(&mut reader),
            Incoming::Closed(Some(_))
        ));
    }

    #[test]
    fn written_messages_read_back() {
        let message = Message::Notification(lsp_server::Notification::new(
            "window/logMessage".into(),
            serde_json::json!({"type": 4, "message": "“é” 😀"}),
        ));
        let mut out = Vec::new();
        write_message(&mut out, &message).expect("write");
        match read_message(&mut out.as_slice()) {
            Incoming::Message(Message::Notification(n)) => {
                assert_eq!(n.params["message"], "“é” 😀");
            }
            other => panic!("{other:?}"),
        }
    }
}
