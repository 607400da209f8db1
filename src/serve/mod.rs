//! `factcheck serve`: HTTP in front of [`crate::review::ReviewService`] (axum on tokio,
//! tower-http for the body limit and timeouts, tower for the concurrency bound), and the
//! review page. This module owns HTTP only: routes, status codes, JSON errors, limits,
//! the page's bytes, start and graceful stop; what each route answers is the review
//! service's.
//!
//! - Checks are CPU work: they run on tokio's blocking threads, as many at once as
//!   there are cores; requests beyond that wait their turn (a queue, never a refusal).
//! - SIGTERM or Ctrl-C stops accepting connections, lets the requests in flight finish,
//!   then returns.

mod errors;
mod page;
mod routes;

use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::review::{watch_rules, Reload, ReviewService};

/// Where log lines go (the binary writes them to standard error).
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on (`127.0.0.1:7878`; port 0 picks a free one).
    pub listen: String,
    /// Longest a request may take before it is answered 408.
    pub timeout: Duration,
    /// Requests in flight at once; more wait their turn.
    pub max_in_flight: usize,
    /// Wait this long after a rule file changes before reloading (edits settle).
    pub reload_settle: Duration,
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be listened on.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: String,
        /// Why.
        source: std::io::Error,
    },
    /// The runtime could not start, or the server failed.
    #[error("{0}")]
    Runtime(String),
}

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    service: Arc<ReviewService>,
    /// Checks running at once (one per core); others wait.
    cpu: Arc<tokio::sync::Semaphore>,
    /// The body limit, for messages.
    max_body: u64,
    /// The request timeout, for messages.
    timeout: Duration,
    log: Log,
}

/// The routes, with their limits and JSON errors.
fn router(state: AppState, options: &ServeOptions) -> Router {
    let max_body = usize::try_from(state.max_body).unwrap_or(usize::MAX);
    Router::new()
        .route("/", get(page::review_page))
        .route("/healthz", get(routes::healthz))
        .route("/api/v1/check", post(routes::check))
        .route("/api/v1/quotes", post(routes::quotes))
        .route("/api/v1/fix", post(routes::fix))
        .route("/api/v1/rules", get(routes::rules))
        .route(
            "/api/v1/reviews",
            post(routes::submit_review).get(routes::list_reviews),
        )
        .route("/api/v1/reviews/{id}", get(routes::get_review))
        .route("/ui/check", post(routes::page_check))
        .fallback(routes::no_route)
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            options.timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            errors::json_errors,
        ))
        .layer(tower::limit::ConcurrencyLimitLayer::new(
            options.max_in_flight,
        ))
        .with_state(state)
}

/// Runs the service until SIGTERM or Ctrl-C: loads the rules (a failure is logged and
/// leaves the service answering 503 until a rule file is fixed), watches them, listens,
/// and logs `listening on http://ADDR` once it accepts connections.
pub fn run(service: ReviewService, options: &ServeOptions, log: Log) -> Result<(), ServeError> {
    let cores = std::thread::available_parallelism().map_or(2, NonZeroUsize::get);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .enable_all()
        .thread_name("factcheck-serve")
        .build()
        .map_err(|e| ServeError::Runtime(format!("cannot start the runtime: {e}")))?;
    let service = Arc::new(service);
    log_reload(&log, &service.reload(), true);
    let watched = service.settings().rules.paths.clone();
    let watcher = {
        let service = Arc::clone(&service);
        let log = Arc::clone(&log);
        watch_rules(&watched, options.reload_settle, move || {
            log_reload(&log, &service.reload(), false);
        })
    };
    let _watcher = match watcher {
        Ok(watcher) => Some(watcher),
        Err(e) => {
            log(&format!("warning: {e}; rule changes need a restart"));
            None
        }
    };
    let state = AppState {
        max_body: service.settings().max_draft_size,
        service,
        cpu: Arc::new(tokio::sync::Semaphore::new(cores)),
        timeout: options.timeout,
        log: Arc::clone(&log),
    };
    let app = router(state, options);
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&options.listen)
            .await
            .map_err(|source| ServeError::Listen {
                addr: options.listen.clone(),
                source,
            })?;
        let addr: Option<SocketAddr> = listener.local_addr().ok();
        match addr {
            Some(addr) => log(&format!("listening on http://{addr}")),
            None => log(&format!("listening on {}", options.listen)),
        }
        axum::serve(listener, app)
            .with_graceful_shutdown(stop_signal(Arc::clone(&log)))
            .await
            .map_err(|e| ServeError::Runtime(format!("the server failed: {e}")))
    })?;
    log("stopped");
    // Blocking tasks still running (a check whose client went away) are not waited for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    Ok(())
}

/// Logs what a reload did.
fn log_reload(log: &Log, reload: &Reload, first: bool) {
    match reload {
        Reload::Loaded(rules) => log(&format!(
            "{} {} rules from {} file{} in {} ms",
            if first { "loaded" } else { "reloaded" },
            rules.rule_count(),
            rules.files().len(),
            if rules.files().len() == 1 { "" } else { "s" },
            rules.load_time().as_millis()
        )),
        Reload::Failed { message, kept } => log(&format!(
            "error: {message}{}",
            if *kept {
                " (the last good rules stay in use)"
            } else {
                " (no valid rules: checks answer 503 until a rule file is fixed)"
            }
        )),
    }
}

/// Resolves on SIGTERM or Ctrl-C.
async fn stop_signal(log: Log) {
    let stop = Arc::new(tokio::sync::Notify::new());
    {
        let stop = Arc::clone(&stop);
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                stop.notify_one();
            }
        });
    }
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            let stop = Arc::clone(&stop);
            tokio::spawn(async move {
                if term.recv().await.is_some() {
                    stop.notify_one();
                }
            });
        }
    }
    stop.notified().await;
    log("stopping: finishing the requests in flight");
}
