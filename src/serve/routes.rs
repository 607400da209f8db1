//! The API's handlers: read the body (JSON only), hand it to the review service on a
//! blocking thread (checks are CPU work), answer its document or its error.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::errors::{is_json, json_response, ApiError};
use super::AppState;
use crate::review::{DraftRequest, ReviewError, ReviewRequest, ReviewService};

impl AppState {
    /// Runs `work` on a blocking thread once a core is free (requests wait in turn).
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&ReviewService) -> Result<T, ReviewError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _permit = self
            .cpu
            .acquire()
            .await
            .map_err(|_| ApiError::Internal("the service is stopping".into()))?;
        let service = std::sync::Arc::clone(&self.service);
        match tokio::task::spawn_blocking(move || work(&service)).await {
            Ok(result) => result.map_err(ApiError::from),
            Err(e) => {
                (self.log)(&format!("error: a request failed: {e}"));
                Err(ApiError::Internal(
                    "the request failed inside the service; the log has the details".into(),
                ))
            }
        }
    }
}

/// The body, refused unless declared as JSON.
fn json_body(headers: &HeaderMap, body: Bytes) -> Result<Bytes, ApiError> {
    if is_json(headers) {
        Ok(body)
    } else {
        Err(ApiError::UnsupportedMediaType)
    }
}

/// `value` as pretty JSON with a final newline, as the command line writes documents.
fn document(status: StatusCode, value: &impl serde::Serialize) -> Response {
    match serde_json::to_vec_pretty(value) {
        Ok(mut bytes) => {
            bytes.push(b'\n');
            json_response(status, bytes)
        }
        Err(e) => ApiError::Internal(format!("cannot write the answer: {e}")).into_response(),
    }
}

fn answer<T>(result: Result<T, ApiError>, ok: impl FnOnce(T) -> Response) -> Response {
    match result {
        Ok(value) => ok(value),
        Err(e) => e.into_response(),
    }
}

/// `GET /healthz`.
pub(super) async fn healthz(State(state): State<AppState>) -> Response {
    let health = state.service.health();
    let status = if health.status == "ok" {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    document(status, &health)
}

/// `GET /api/v1/rules`.
pub(super) async fn rules(State(state): State<AppState>) -> Response {
    document(StatusCode::OK, &state.service.rules_status())
}

/// A POST route: its JSON body handed to `work` on a blocking thread, the result
/// answered by `ok` (or the error).
async fn post_json<T: Send + 'static>(
    state: AppState,
    headers: &HeaderMap,
    body: Bytes,
    work: impl FnOnce(&ReviewService, &[u8]) -> Result<T, ReviewError> + Send + 'static,
    ok: impl FnOnce(T) -> Response,
) -> Response {
    let result = match json_body(headers, body) {
        Ok(body) => state.run(move |service| work(service, &body)).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(value) => ok(value),
        Err(e) => e.into_response(),
    }
}

/// `POST /api/v1/check`: the `--format json` document.
pub(super) async fn check(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let work = |service: &ReviewService, body: &[u8]| service.check(DraftRequest::from_json(body)?);
    post_json(state, &headers, body, work, |json| {
        json_response(StatusCode::OK, json)
    })
    .await
}

/// `POST /api/v1/quotes`: the `quotes --format json` document.
pub(super) async fn quotes(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let work =
        |service: &ReviewService, body: &[u8]| service.quotes(DraftRequest::from_json(body)?);
    post_json(state, &headers, body, work, |json| {
        json_response(StatusCode::OK, json)
    })
    .await
}

/// `POST /api/v1/fix`: the fixed text with the edits applied.
pub(super) async fn fix(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let work = |service: &ReviewService, body: &[u8]| service.fix(DraftRequest::from_json(body)?);
    post_json(state, &headers, body, work, |fixed| {
        document(StatusCode::OK, &fixed)
    })
    .await
}

/// `POST /ui/check`: the review page's check — the JSON document and the draft marked
/// up as the HTML report shows it.
pub(super) async fn page_check(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let work =
        |service: &ReviewService, body: &[u8]| service.check_view(DraftRequest::from_json(body)?);
    post_json(state, &headers, body, work, |view| {
        let report: serde_json::Value =
            serde_json::from_slice(&view.json).unwrap_or(serde_json::Value::Null);
        document(
            StatusCode::OK,
            &serde_json::json!({ "report": report, "html": view.html }),
        )
    })
    .await
}

/// `POST /api/v1/reviews`: 201 with the stored review.
pub(super) async fn submit_review(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let work = |service: &ReviewService, body: &[u8]| {
        service.submit_review(ReviewRequest::from_json(body)?)
    };
    post_json(state, &headers, body, work, |record| {
        document(StatusCode::CREATED, &record)
    })
    .await
}

/// The query of `GET /api/v1/reviews`.
#[derive(serde::Deserialize)]
pub(super) struct ReviewsQuery {
    name: Option<String>,
}

/// `GET /api/v1/reviews?name=…`: the reviews of a draft name.
pub(super) async fn list_reviews(
    State(state): State<AppState>,
    query: Result<Query<ReviewsQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let name = match query {
        Ok(Query(ReviewsQuery { name: Some(name) })) => name,
        Ok(_) => {
            return ApiError::from(ReviewError::InvalidRequest(
                "name the draft: GET /api/v1/reviews?name=draft.md".into(),
            ))
            .into_response()
        }
        Err(e) => {
            return ApiError::from(ReviewError::InvalidRequest(e.body_text())).into_response()
        }
    };
    let result = state.run(move |service| service.reviews_of(&name)).await;
    answer(result, |reviews| {
        document(StatusCode::OK, &serde_json::json!({ "reviews": reviews }))
    })
}

/// `GET /api/v1/reviews/{id}`: one review with its findings.
pub(super) async fn get_review(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return ApiError::from(ReviewError::NotFound(format!(
            "no review {id}: review ids are numbers"
        )))
        .into_response();
    };
    let result = state.run(move |service| service.review(id)).await;
    answer(result, |record| document(StatusCode::OK, &record))
}

/// Any other path: 404 (made JSON on the way out).
pub(super) async fn no_route() -> StatusCode {
    StatusCode::NOT_FOUND
}
