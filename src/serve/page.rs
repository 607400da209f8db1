//! The review page (`GET /`): one self-contained page — HTML, the HTML report's style
//! sheet with the page's own, and one inline script — embedded in the binary. No remote
//! asset; the Content-Security-Policy is the report's, with the page's script allowed
//! by its SHA-256 and requests allowed to this server only.

use std::sync::OnceLock;

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::report::REPORT_STYLE;
use crate::review::sha256_digest;

const HTML: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/review.js");
const STYLE: &str = include_str!("page/review.css");

/// The page and its Content-Security-Policy, built once.
fn page() -> &'static (String, String) {
    static PAGE: OnceLock<(String, String)> = OnceLock::new();
    PAGE.get_or_init(|| {
        let csp = format!(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{}'; \
             connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            base64(&sha256_digest(SCRIPT.as_bytes()))
        );
        let html = HTML
            .replace("{{CSP}}", &csp)
            .replace("{{STYLE}}", &format!("{REPORT_STYLE}{STYLE}"))
            .replace("{{SCRIPT}}", SCRIPT);
        (html, csp)
    })
}

/// `GET /`.
pub(super) async fn review_page() -> Response {
    let (html, csp) = page();
    let mut response = html.clone().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(csp) = HeaderValue::from_str(csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Standard base64 with padding (for the CSP's hash source).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_pads_as_the_standard_says() {
        let cases: [(&[u8], &str); 5] = [
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (bytes, expected) in cases {
            assert_eq!(base64(bytes), expected);
        }
    }

    #[test]
    fn the_page_is_self_contained_and_its_script_is_allowed_by_hash() {
        let (html, csp) = page();
        assert!(!html.contains("{{"), "a placeholder is left");
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(html.contains(&format!("<script>{SCRIPT}</script>")));
        assert_eq!(html.matches("<script").count(), 1);
        assert!(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"));
        assert!(html.contains(&format!("content=\"{csp}\"")));
    }
}
