//! gc-cache-rust: the Rust half of the gc-cache pair (the Discord-shaped case).
//! The same large, pointer-rich, long-lived cache as the Go side, but freed by
//! ownership instead of a tracing GC: no collector ever scans it.

mod cache;

use std::sync::Arc;

use axum::{
    Json, Router,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
};
use cache::Cache;

fn main() {
    let flags = labkit::flags_or_exit();
    let entries: u64 = match flags.get("entries").unwrap_or("200000").parse() {
        Ok(n) if n > 0 => n,
        _ => {
            eprintln!("error: --entries must be a positive integer");
            std::process::exit(2);
        }
    };
    // Populate before listening, as Go does.
    let cache = Arc::new(Cache::new(entries));
    // Never free the cache at exit: dropping millions of boxes takes seconds
    // after SIGTERM, and Go's process simply exits. One leaked Arc keeps the
    // refcount above zero when the router is dropped.
    std::mem::forget(Arc::clone(&cache));
    labkit::run_server(&flags, move || app(cache));
}

fn app(cache: Arc<Cache>) -> Router {
    Router::new()
        .route("/entry/{key}", get(entry))
        .route("/read", get(read))
        .route("/update", post(update))
        .with_state(cache)
}

async fn entry(State(c): State<Arc<Cache>>, Path(key): Path<String>) -> Response {
    match c.get(&key) {
        Some(e) => Json(&*e).into_response(),
        None => (StatusCode::NOT_FOUND, Json(serde_json::json!({ "error": "no such key" }))).into_response(),
    }
}

async fn read(State(c): State<Arc<Cache>>) -> Response {
    match c.get(&c.next_key()) {
        Some(e) => Json(&*e).into_response(),
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn update(State(c): State<Arc<Cache>>) -> Response {
    match c.update(&c.next_key()) {
        Some(e) => Json(serde_json::json!({ "key": e.key, "version": e.version })).into_response(),
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
