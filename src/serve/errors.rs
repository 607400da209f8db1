//! Every error the service answers is JSON, `{"error": {"code", "message"}}`, with its
//! status: the service's own ([`ReviewError`]) and those the HTTP stack makes by itself
//! (no route, wrong method, a body over the limit, a timeout), rewritten on the way out.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::review::ReviewError;
use crate::text::display_size;

use super::AppState;

/// An error answer.
#[derive(Debug)]
pub(super) enum ApiError {
    /// The service refused or failed.
    Review(ReviewError),
    /// The body is not declared as JSON.
    UnsupportedMediaType,
    /// A request the service cannot answer for a reason of its own (a task that
    /// failed).
    Internal(String),
}

impl From<ReviewError> for ApiError {
    fn from(e: ReviewError) -> Self {
        ApiError::Review(e)
    }
}

/// A JSON response with `body` as it is.
pub(super) fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// `{"error": {"code", "message", …extra}}` with `status`.
fn error_response(
    status: StatusCode,
    code: &str,
    message: &str,
    extra: Option<(&str, serde_json::Value)>,
) -> Response {
    let mut error = serde_json::json!({ "code": code, "message": message });
    if let (Some((key, value)), Some(map)) = (extra, error.as_object_mut()) {
        map.insert(key.to_string(), value);
    }
    let body = serde_json::json!({ "error": error });
    let mut bytes = serde_json::to_vec_pretty(&body).unwrap_or_default();
    bytes.push(b'\n');
    json_response(status, bytes)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Review(e) => {
                let status = match &e {
                    ReviewError::InvalidRequest(_)
                    | ReviewError::InvalidDraft(_)
                    | ReviewError::NotSupported(_) => StatusCode::BAD_REQUEST,
                    ReviewError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
                    ReviewError::Rules(_) => StatusCode::SERVICE_UNAVAILABLE,
                    ReviewError::NotFound(_) => StatusCode::NOT_FOUND,
                    ReviewError::Unaccepted { .. } => StatusCode::CONFLICT,
                    ReviewError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
                };
                let extra = match &e {
                    ReviewError::Unaccepted { findings, .. } => Some((
                        "findings",
                        serde_json::to_value(findings).unwrap_or_default(),
                    )),
                    _ => None,
                };
                error_response(status, e.code(), &e.to_string(), extra)
            }
            ApiError::UnsupportedMediaType => error_response(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "the body must be JSON: send it with Content-Type: application/json",
                None,
            ),
            ApiError::Internal(message) => error_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                &message,
                None,
            ),
        }
    }
}

/// True when the request declares a JSON body (`application/json`, any parameters).
pub(super) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}

/// Rewrites the error responses that are not JSON — those made by the router (404, 405)
/// and the layers (413, 408, a rejected body) — into the service's JSON errors.
pub(super) async fn json_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    let already_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !is_error || already_json {
        return response;
    }
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("not_found", format!("no route {path}")),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            format!("{path} does not take {method} (the Allow header says what it takes)"),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "too_large",
            format!(
                "the request body is larger than the {} limit (--max-draft-size)",
                display_size(state.max_body)
            ),
        ),
        StatusCode::REQUEST_TIMEOUT => (
            "timeout",
            format!(
                "the request took longer than the {} s limit (--timeout)",
                state.timeout.as_secs()
            ),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "the body must be JSON: send it with Content-Type: application/json".to_string(),
        ),
        StatusCode::BAD_REQUEST => (
            "invalid_request",
            "the request could not be read".to_string(),
        ),
        other => (
            "http_error",
            other
                .canonical_reason()
                .unwrap_or("the request failed")
                .to_string(),
        ),
    };
    let mut rewritten = error_response(status, code, &message, None);
    if let Some(allow) = response.headers().get(header::ALLOW) {
        rewritten.headers_mut().insert(header::ALLOW, allow.clone());
    }
    rewritten
}
