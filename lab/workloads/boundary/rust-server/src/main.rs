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
