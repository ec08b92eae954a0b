//! boundary-server: the Rust end of the Go-Rust network boundary. One loopback
//! port serves both gRPC (tonic, HTTP/2 cleartext) `Echo/Echo` and HTTP/JSON
//! `POST /echo` (axum), so the Go client measures both transports against
//! the same process, runtime and socket.

use axum::{Json, Router, routing::post};
use serde::{Deserialize, Serialize};
use tonic::{Request, Response, Status};

pub mod pb {
    tonic::include_proto!("gorust.echo.v1");
}

use pb::echo_server::{Echo, EchoServer};
use pb::{EchoReply, EchoRequest};

#[derive(Default)]
struct EchoService;

#[tonic::async_trait]
impl Echo for EchoService {
    async fn echo(&self, req: Request<EchoRequest>) -> Result<Response<EchoReply>, Status> {
        let r = req.into_inner();
        Ok(Response::new(EchoReply { seq: r.seq, payload: r.payload }))
    }
}

/// HTTP/JSON twin of EchoRequest: the payload travels as a JSON string.
#[derive(Debug, Serialize, Deserialize)]
struct JsonEcho {
    seq: u64,
    payload: String,
}

async fn echo_json(Json(body): Json<JsonEcho>) -> Json<JsonEcho> {
    Json(body)
}

fn app() -> Router {
    let grpc = tonic::service::Routes::new(EchoServer::new(EchoService)).into_axum_router();
    grpc.route("/echo", post(echo_json))
}

fn main() {
    let flags = labkit::flags_or_exit();
    labkit::run_server(&flags, app);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn grpc_echo_returns_seq_and_payload() {
        let reply = EchoService.echo(Request::new(EchoRequest { seq: 7, payload: vec![1, 2, 3] })).await.unwrap();
        assert_eq!(reply.into_inner(), EchoReply { seq: 7, payload: vec![1, 2, 3] });
    }

    #[tokio::test]
    async fn json_echo_round_trips() {
        let Json(out) = echo_json(Json(JsonEcho { seq: 9, payload: "x".repeat(1024) })).await;
        assert_eq!((out.seq, out.payload.len()), (9, 1024));
    }
}
