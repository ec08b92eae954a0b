//! http-json-rust: the Rust half of the http-json pair. A JSON API that
//! decodes an order, validates it, prices it and encodes a quote, on axum +
//! tokio + serde_json (the idiomatic async stack).

mod quote;

use axum::{
    Json, Router,
    body::Bytes,
    extract::DefaultBodyLimit,
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{get, post},
};

const MAX_BODY: usize = 1 << 20;

fn main() {
    let flags = labkit::flags_or_exit();
    labkit::run_server(&flags, app);
}

fn app() -> Router {
    Router::new()
        .route("/v1/quote", post(handle_quote))
        .route("/healthz", get(|| async { "ok" }))
        .layer(DefaultBodyLimit::max(MAX_BODY))
}

/// Takes raw bytes rather than `Json<Order>` so a bad body gets the same
/// 400 + message as Go (axum's extractor would answer 415/422 with its own text).
async fn handle_quote(body: Bytes) -> Response {
    let order: quote::Order = match serde_json::from_slice(&body) {
        Ok(o) => o,
        Err(_) => return error(StatusCode::BAD_REQUEST, "invalid JSON body".into()),
    };
    if let Err(msg) = quote::validate(&order) {
        return error(StatusCode::UNPROCESSABLE_ENTITY, msg);
    }
    Json(quote::quote(&order)).into_response()
}

fn error(status: StatusCode, msg: String) -> Response {
    (status, Json(serde_json::json!({ "error": msg }))).into_response()
}
