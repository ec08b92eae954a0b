//! What every Rust lab server shares: the `--addr`/`--threads` flags, a tokio
//! runtime sized to the same core budget as Go's GOMAXPROCS, the listening
//! line, graceful shutdown on SIGTERM/SIGINT and GET /__stats.

use std::net::SocketAddr;
use std::time::Instant;

use axum::{Json, Router, routing::get, serve::ListenerExt};

/// Flags every lab server accepts, plus the ones it did not recognise.
#[derive(Debug, Clone)]
pub struct ServerFlags {
    pub addr: String,
    pub threads: usize,
    /// `--allow-addr IP`: the one non-loopback IP `--addr` may use (the host's own address that the lab's load
    /// generators on other hosts reach); never an unspecified address (0.0.0.0, ::).
    pub allow_addr: Option<String>,
    /// `(name, value)` pairs for program-specific flags such as `--entries`.
    pub extra: Vec<(String, String)>,
}

/// Parses `--name value` and `--name=value` pairs (the only forms the manifest uses).
/// Kept by hand so the servers need no argument-parsing crate.
pub fn parse_flags(args: impl IntoIterator<Item = String>) -> Result<ServerFlags, String> {
    let mut flags = ServerFlags { addr: "127.0.0.1:0".into(), threads: 0, allow_addr: None, extra: Vec::new() };
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let Some(name) = arg.strip_prefix("--") else {
            return Err(format!("unexpected argument {arg:?}"));
        };
        let (name, value) = match name.split_once('=') {
            Some((n, v)) => (n.to_string(), v.to_string()),
            None => {
                let v = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
                (name.to_string(), v)
            }
        };
        match name.as_str() {
            "addr" => flags.addr = value,
            "allow-addr" => flags.allow_addr = Some(value),
            "threads" => {
                flags.threads = value.parse().map_err(|_| format!("--threads {value:?} is not a number"))?
            }
            _ => flags.extra.push((name, value)),
        }
    }
    Ok(flags)
}

impl ServerFlags {
    /// Value of a program-specific flag.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.extra.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Parses the process arguments or exits 2 with a message.
pub fn flags_or_exit() -> ServerFlags {
    match parse_flags(std::env::args().skip(1)) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}

/// A multi-threaded tokio runtime with `threads` workers (0 = tokio's default,
/// one per core). Set explicitly so Go and Rust share the same core budget.
pub fn runtime(threads: usize) -> tokio::runtime::Runtime {
    let mut b = tokio::runtime::Builder::new_multi_thread();
    if threads > 0 {
        b.worker_threads(threads);
    }
    b.enable_all().build().expect("tokio runtime")
}

/// Refuses anything but a loopback address: lab load never leaves the machine.
pub fn check_loopback(addr: &str) -> Result<SocketAddr, String> {
    let sa: SocketAddr = addr.parse().map_err(|_| format!("bad --addr {addr:?} (want IP:PORT)"))?;
    if !sa.ip().is_loopback() {
        return Err(format!("--addr {addr:?} is not a loopback address"));
    }
    Ok(sa)
}

/// A loopback address, or exactly the allowed non-loopback IP (never an unspecified address such as 0.0.0.0).
pub fn check_addr(addr: &str, allow: Option<&str>) -> Result<SocketAddr, String> {
    if let Ok(sa) = check_loopback(addr) {
        return Ok(sa);
    }
    let sa: SocketAddr = addr.parse().map_err(|_| format!("bad --addr {addr:?} (want IP:PORT)"))?;
    let allowed = allow.and_then(|a| a.parse::<std::net::IpAddr>().ok());
    match allowed {
        Some(ip) if !sa.ip().is_unspecified() && sa.ip() == ip => Ok(sa),
        _ => Err(format!("--addr {addr:?} is not a loopback address (nor the --allow-addr address)")),
    }
}

/// The listening line, keys in the agreed order.
pub fn listening_line(addr: &SocketAddr) -> String {
    format!("{{\"event\":\"listening\",\"addr\":\"{addr}\"}}")
}

/// Binds `addr`, prints the listening line, serves `app` (plus GET /__stats)
/// and returns once SIGTERM/SIGINT arrived and the server shut down.
pub async fn serve(addr: &str, allow: Option<&str>, app: Router) -> Result<(), String> {
    let sa = check_addr(addr, allow)?;
    let listener = tokio::net::TcpListener::bind(sa).await.map_err(|e| format!("bind {sa}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let app = app.route("/__stats", get(move || async move { Json(stats(started)) }));
    // Go's net package sets TCP_NODELAY on every TCP connection; do the same,
    // or HTTP/2 (gRPC) responses written as several frames hit Nagle plus
    // delayed ACK and take ~40 ms on loopback.
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    println!("{}", listening_line(&local));
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// Body of GET /__stats on the Rust side (no GC, so only identity and uptime).
pub fn stats(started: Instant) -> serde_json::Value {
    serde_json::json!({ "lang": "rust", "uptime_s": started.elapsed().as_secs_f64() })
}

/// Resolves on SIGTERM or SIGINT. After it fires, a watchdog exits the process
/// within 2 s even if keep-alive connections never close, as Go's Shutdown
/// timeout does.
pub async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    std::thread::spawn(|| {
        std::thread::sleep(std::time::Duration::from_secs(2));
        std::process::exit(0);
    });
}

/// Runs `serve` on a runtime sized by `flags.threads`, exiting 1 on error.
pub fn run_server(flags: &ServerFlags, app: impl FnOnce() -> Router) {
    let rt = runtime(flags.threads);
    if let Err(e) = rt.block_on(serve(&flags.addr, flags.allow_addr.as_deref(), app())) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn parses_common_and_extra_flags() {
        let f = parse_flags(args(&["--threads", "2", "--entries=5", "--addr", "127.0.0.1:9"])).unwrap();
        assert_eq!(f.threads, 2);
        assert_eq!(f.addr, "127.0.0.1:9");
        assert_eq!(f.get("entries"), Some("5"));
    }

    #[test]
    fn rejects_non_loopback() {
        assert!(check_loopback("0.0.0.0:80").is_err());
        assert!(check_loopback("127.0.0.1:0").is_ok());
        assert!(check_loopback("[::1]:0").is_ok());
        assert!(check_addr("10.1.2.3:0", None).is_err());
        assert!(check_addr("10.1.2.3:0", Some("10.1.2.3")).is_ok());
        assert!(check_addr("10.1.2.4:0", Some("10.1.2.3")).is_err());
        assert!(check_addr("0.0.0.0:0", Some("0.0.0.0")).is_err());
        assert!(check_addr("127.0.0.1:0", None).is_ok());
    }

    #[test]
    fn listening_line_has_agreed_key_order() {
        let sa: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert_eq!(listening_line(&sa), r#"{"event":"listening","addr":"127.0.0.1:8080"}"#);
    }
}
