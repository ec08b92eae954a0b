//! labload: the evidence lab's load generator (wrk2's model, HTTP/1.1 keep-alive).
//!
//! Open loop (`--rate R`): a pacer thread keeps a schedule of intended send times (request i is due at
//! start + (i+1)/R), sleeps to each with `clock_nanosleep(TIMER_ABSTIME)` and a 1 ns timer slack, and hands the request
//! to a pool of keep-alive connections through one queue. A request that finds every connection busy waits in the
//! queue: that wait is the server's backpressure and counts in its latency. Any other delay between the intended
//! time and the actual send (the pacer woke late, a runtime thread was slow to pick the request up) is the
//! generator's own lag: it is recorded per request and NOT charged to the server. So
//! `latency = done - intended - lag`, and `raw = done - sent` is what a closed-loop tool would report.
//!
//! Closed loop (`--closed W`): W connections send back to back for the duration (the capacity probe).
//!
//! Output: one JSON object on stdout (the summary: counts, the generator's own CPU seconds, max in flight, ...)
//! and, with `--records FILE`, one JSON array per request:
//! `[seq, intended_ns, latency_ns, raw_ns, lag_ns, status, err]` (times from the schedule's start; err 0 none,
//! 1 timeout, 2 connect, 3 other). Several generators can share one schedule (`--shards N --shard K` plus
//! `--start-at-ms`): generator K sends the requests i with i % N == K, so their records merge into one run.
use std::collections::VecDeque;
use std::io::{BufWriter, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::sync::Notify;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const ERR_NONE: u8 = 0;
const ERR_TIMEOUT: u8 = 1;
const ERR_CONNECT: u8 = 2;
const ERR_OTHER: u8 = 3;

fn mono_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

fn wall_ns() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

/// Sleeps until the monotonic instant `target` (absolute, so an early wake-up or a signal never shifts the schedule).
fn sleep_until_mono(target: u64) {
    while mono_ns() < target {
        let ts = libc::timespec {
            tv_sec: (target / 1_000_000_000) as libc::time_t,
            tv_nsec: (target % 1_000_000_000) as libc::c_long,
        };
        // SAFETY: a valid timespec; the remaining-time pointer may be null with TIMER_ABSTIME.
        unsafe {
            libc::clock_nanosleep(libc::CLOCK_MONOTONIC, libc::TIMER_ABSTIME, &ts, std::ptr::null_mut())
        };
    }
}

/// This process's user + system CPU seconds so far.
fn cpu_seconds() -> (f64, f64) {
    // SAFETY: getrusage fills the zeroed struct we own.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (tv(usage.ru_utime), tv(usage.ru_stime))
}

struct Target {
    method: hyper::Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Bytes,
}

struct Config {
    addr: String,
    targets: Vec<Target>,
    rate: f64,
    closed: usize,
    duration_ns: u64,
    timeout_ns: u64,
    connections: usize,
    max_connections: usize,
    threads: usize,
    shard: u64,
    shards: u64,
    start_at_ms: Option<u64>,
    records: Option<String>,
}

fn usage(message: &str) -> ! {
    eprintln!("labload: {message}");
    eprintln!(
        "usage: labload --targets FILE (--rate R | --closed W) --duration S [--timeout S] [--connections N] \
         [--max-connections N] [--threads N] [--shard K --shards N] [--start-at-ms EPOCH_MS] [--records FILE]"
    );
    std::process::exit(2);
}

fn read_targets(file: &str) -> (String, Vec<Target>) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| usage(&format!("cannot read {file}: {e}")));
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| usage(&format!("{file} is not JSON: {e}")));
    let addr = json["addr"].as_str().unwrap_or_else(|| usage("targets: missing addr")).to_string();
    let list = json["requests"].as_array().unwrap_or_else(|| usage("targets: missing requests"));
    if list.is_empty() {
        usage("targets: requests is empty");
    }
    let targets = list
        .iter()
        .map(|r| Target {
            method: r["method"]
                .as_str()
                .unwrap_or("GET")
                .parse()
                .unwrap_or_else(|_| usage("targets: bad method")),
            path: r["path"].as_str().unwrap_or_else(|| usage("targets: request without path")).to_string(),
            headers: r["headers"]
                .as_array()
                .map(|hs| {
                    hs.iter()
                        .filter_map(|h| Some((h[0].as_str()?.to_string(), h[1].as_str()?.to_string())))
                        .collect()
                })
                .unwrap_or_default(),
            body: Bytes::from(r["body"].as_str().unwrap_or("").to_string()),
        })
        .collect();
    (addr, targets)
}

fn parse_args() -> Config {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |name: &str| -> Option<String> {
        args.iter().position(|a| a == name).map(|i| {
            args.get(i + 1).cloned().unwrap_or_else(|| usage(&format!("{name} needs a value")))
        })
    };
    let num = |v: Option<String>, name: &str| -> Option<f64> {
        v.map(|s| s.parse::<f64>().unwrap_or_else(|_| usage(&format!("{name}: not a number: {s}"))))
    };
    let targets_file = get("--targets").unwrap_or_else(|| usage("--targets is required"));
    let rate = num(get("--rate"), "--rate").unwrap_or(0.0);
    let closed = num(get("--closed"), "--closed").unwrap_or(0.0) as usize;
    if (rate > 0.0) == (closed > 0) {
        usage("give exactly one of --rate R (open loop) or --closed W (closed loop)");
    }
    let duration = num(get("--duration"), "--duration").unwrap_or_else(|| usage("--duration is required"));
    let timeout = num(get("--timeout"), "--timeout").unwrap_or(5.0);
    let max_connections = num(get("--max-connections"), "--max-connections").unwrap_or(1000.0) as usize;
    let connections = (num(get("--connections"), "--connections").unwrap_or(8.0) as usize).clamp(1, max_connections.max(1));
    let shards = num(get("--shards"), "--shards").unwrap_or(1.0) as u64;
    let shard = num(get("--shard"), "--shard").unwrap_or(0.0) as u64;
    if shards == 0 || shard >= shards {
        usage("--shard must be below --shards");
    }
    let (addr, targets) = read_targets(&targets_file);
    Config {
        addr,
        targets,
        rate,
        closed,
        duration_ns: (duration * 1e9) as u64,
        timeout_ns: (timeout * 1e9) as u64,
        connections,
        max_connections: max_connections.max(1),
        threads: (num(get("--threads"), "--threads").unwrap_or(1.0) as usize).max(1),
        shard,
        shards,
        start_at_ms: num(get("--start-at-ms"), "--start-at-ms").map(|v| v as u64),
        records: get("--records"),
    }
}

struct Job {
    seq: u64,
    intended: u64,
    /// How late the pacer itself was (always generator lag).
    pacer_lag: u64,
    /// Every connection was busy when the request was queued: its wait in the queue is the server's backpressure.
    backpressured: bool,
}

/// [seq, intended, latency, raw, lag, status, err], times in ns from the schedule's start.
type Rec = [u64; 7];

struct Shared {
    cfg: Config,
    /// Monotonic ns of the schedule's origin (request i is due at start + (i+1)/rate).
    start: AtomicU64,
    queue: Mutex<VecDeque<Job>>,
    notify: Notify,
    open: AtomicUsize,
    connected: AtomicUsize,
    /// Connections established and serving the queue.
    ready: AtomicUsize,
    opened_total: AtomicU64,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    cap_hit: AtomicBool,
    producer_done: AtomicBool,
    connect_errors: AtomicU64,
    records: Mutex<Vec<Rec>>,
}

impl Shared {
    fn start(&self) -> u64 {
        self.start.load(Ordering::Acquire)
    }
}

async fn connect(addr: &str) -> Result<SendRequest<Full<Bytes>>, BoxError> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

fn build_request(sh: &Shared, seq: u64) -> hyper::Request<Full<Bytes>> {
    let t = &sh.cfg.targets[(seq % sh.cfg.targets.len() as u64) as usize];
    let mut b = hyper::Request::builder().method(t.method.clone()).uri(t.path.as_str()).header("host", &sh.cfg.addr);
    for (k, v) in &t.headers {
        b = b.header(k.as_str(), v.as_str());
    }
    b.body(Full::new(t.body.clone())).expect("valid request")
}

/// Sends one request on `sender` (connecting first when there is none); drops the connection after any failure.
async fn exchange(sh: &Shared, sender: &mut Option<SendRequest<Full<Bytes>>>, seq: u64, budget_ns: u64) -> (u64, u8) {
    let request = build_request(sh, seq);
    let attempt = async {
        if sender.is_none() {
            match connect(&sh.cfg.addr).await {
                Ok(s) => {
                    sh.opened_total.fetch_add(1, Ordering::Relaxed);
                    *sender = Some(s);
                }
                Err(_) => {
                    sh.connect_errors.fetch_add(1, Ordering::Relaxed);
                    return Err(ERR_CONNECT);
                }
            }
        }
        let s = sender.as_mut().ok_or(ERR_CONNECT)?;
        s.ready().await.map_err(|_| ERR_OTHER)?;
        let response = s.send_request(request).await.map_err(|_| ERR_OTHER)?;
        let status = response.status().as_u16();
        response.into_body().collect().await.map_err(|_| ERR_OTHER)?;
        Ok(status)
    };
    match tokio::time::timeout(Duration::from_nanos(budget_ns.max(1)), attempt).await {
        Ok(Ok(status)) => (status as u64, ERR_NONE),
        Ok(Err(err)) => {
            *sender = None;
            (0, err)
        }
        Err(_) => {
            *sender = None;
            (0, ERR_TIMEOUT)
        }
    }
}

async fn next_job(sh: &Shared) -> Option<Job> {
    loop {
        let notified = sh.notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if let Some(job) = sh.queue.lock().unwrap().pop_front() {
            return Some(job);
        }
        if sh.producer_done.load(Ordering::Acquire) {
            return None;
        }
        tokio::select! {
            _ = &mut notified => {}
            _ = tokio::time::sleep(Duration::from_millis(20)) => {}
        }
    }
}

async fn open_loop_connection(sh: Arc<Shared>) {
    let mut sender = match connect(&sh.cfg.addr).await {
        Ok(s) => {
            sh.opened_total.fetch_add(1, Ordering::Relaxed);
            Some(s)
        }
        Err(_) => {
            sh.connect_errors.fetch_add(1, Ordering::Relaxed);
            None
        }
    };
    sh.connected.fetch_add(1, Ordering::AcqRel);
    sh.ready.fetch_add(1, Ordering::AcqRel);
    while let Some(job) = next_job(&sh).await {
        let sent = mono_ns();
        let lag = if job.backpressured { job.pacer_lag } else { sent.saturating_sub(job.intended) };
        let now_in_flight = sh.in_flight.fetch_add(1, Ordering::AcqRel) + 1;
        sh.max_in_flight.fetch_max(now_in_flight, Ordering::AcqRel);
        let (status, err) = exchange(&sh, &mut sender, job.seq, sh.cfg.timeout_ns).await;
        let done = mono_ns();
        sh.in_flight.fetch_sub(1, Ordering::AcqRel);
        let latency = done.saturating_sub(job.intended).saturating_sub(lag);
        sh.records.lock().unwrap().push([
            job.seq,
            job.intended - sh.start(),
            latency,
            done - sent,
            lag,
            status,
            err as u64,
        ]);
    }
    sh.ready.fetch_sub(1, Ordering::AcqRel);
    sh.open.fetch_sub(1, Ordering::AcqRel);
}

async fn closed_loop_connection(sh: Arc<Shared>, worker: u64) {
    let mut sender = None;
    let end = sh.start() + sh.cfg.duration_ns;
    let mut k = 0u64;
    while mono_ns() < sh.start() {
        tokio::time::sleep(Duration::from_micros(200)).await;
    }
    loop {
        let sent = mono_ns();
        if sent >= end {
            break;
        }
        let seq = k * sh.cfg.closed as u64 + worker;
        k += 1;
        let (status, err) = exchange(&sh, &mut sender, seq, sh.cfg.timeout_ns).await;
        let done = mono_ns();
        sh.records.lock().unwrap().push([seq, sent - sh.start(), done - sent, done - sent, 0, status, err as u64]);
    }
}

/// The pacer: runs on its own OS thread, sleeps to each intended time, queues the request, grows the pool when
/// every connection is busy.
fn pace(sh: Arc<Shared>, handle: tokio::runtime::Handle, tasks: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>) {
    // SAFETY: prctl with PR_SET_TIMERSLACK only changes this thread's timer slack (1 ns: wake up on time).
    unsafe { libc::prctl(libc::PR_SET_TIMERSLACK, 1 as libc::c_ulong, 0, 0, 0) };
    let cfg = &sh.cfg;
    let slots = (cfg.rate * cfg.duration_ns as f64 / 1e9).floor() as u64;
    let interval = 1e9 / cfg.rate;
    let mut i = cfg.shard;
    while i < slots {
        let intended = sh.start() + ((i + 1) as f64 * interval) as u64;
        sleep_until_mono(intended);
        let now = mono_ns();
        let backpressured = {
            let mut queue = sh.queue.lock().unwrap();
            // Free connections: established ones minus those with a request in flight. More requests waiting than
            // that means this one waits for a response to come back first.
            let free = sh.ready.load(Ordering::Acquire).saturating_sub(sh.in_flight.load(Ordering::Acquire));
            let backpressured = queue.len() + 1 > free;
            queue.push_back(Job { seq: i, intended, pacer_lag: now.saturating_sub(intended), backpressured });
            backpressured
        };
        sh.notify.notify_one();
        if backpressured {
            // Grow the pool one connection at a time (a connect in progress will take the next waiting request).
            let opening = sh.open.load(Ordering::Acquire) > sh.ready.load(Ordering::Acquire);
            if opening {
            } else if sh.open.load(Ordering::Acquire) < cfg.max_connections {
                sh.open.fetch_add(1, Ordering::AcqRel);
                let task = handle.spawn(open_loop_connection(sh.clone()));
                tasks.lock().unwrap().push(task);
            } else {
                sh.cap_hit.store(true, Ordering::Release);
            }
        }
        i += cfg.shards;
    }
    sh.producer_done.store(true, Ordering::Release);
    sh.notify.notify_waiters();
}

/// The schedule's origin: 10 ms from now, or the agreed wall-clock time when several generators share one schedule.
fn schedule_start(start_at_ms: Option<u64>) -> u64 {
    let lead_ns = match start_at_ms {
        Some(ms) => (ms * 1_000_000).saturating_sub(wall_ns()),
        None => 10_000_000,
    };
    mono_ns() + lead_ns.max(1_000_000)
}

fn main() {
    let cfg = parse_args();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cfg.threads)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let wall_started = mono_ns();
    let open_loop = cfg.rate > 0.0;
    let initial = if open_loop { cfg.connections } else { cfg.closed };
    let start_at_ms = cfg.start_at_ms;
    let shared = Shared {
        cfg,
        start: AtomicU64::new(u64::MAX),
        queue: Mutex::new(VecDeque::new()),
        notify: Notify::new(),
        open: AtomicUsize::new(0),
        connected: AtomicUsize::new(0),
        ready: AtomicUsize::new(0),
        opened_total: AtomicU64::new(0),
        in_flight: AtomicUsize::new(0),
        max_in_flight: AtomicUsize::new(0),
        cap_hit: AtomicBool::new(false),
        producer_done: AtomicBool::new(false),
        connect_errors: AtomicU64::new(0),
        records: Mutex::new(Vec::new()),
    };
    let sh = Arc::new(shared);
    let tasks: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>> = Arc::new(Mutex::new(Vec::new()));
    let cpu_before = cpu_seconds();

    runtime.block_on(async {
        if open_loop {
            for _ in 0..initial {
                sh.open.fetch_add(1, Ordering::AcqRel);
                tasks.lock().unwrap().push(tokio::spawn(open_loop_connection(sh.clone())));
            }
            // The first connections are up before the first send is due (or 5 s have passed).
            let wait_until = mono_ns() + 5_000_000_000;
            while sh.connected.load(Ordering::Acquire) < initial && mono_ns() < wait_until {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            sh.start.store(schedule_start(start_at_ms), Ordering::Release);
            let pacer = {
                let (sh, tasks, handle) = (sh.clone(), tasks.clone(), tokio::runtime::Handle::current());
                std::thread::Builder::new()
                    .name("pacer".into())
                    .spawn(move || pace(sh, handle, tasks))
                    .expect("pacer thread")
            };
            while !pacer.is_finished() {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        } else {
            sh.start.store(schedule_start(start_at_ms), Ordering::Release);
            for w in 0..initial {
                tasks.lock().unwrap().push(tokio::spawn(closed_loop_connection(sh.clone(), w as u64)));
            }
        }
        // Every request sent gets its timeout to finish; then whatever is left is abandoned.
        let deadline = sh.start() + sh.cfg.duration_ns + sh.cfg.timeout_ns + 2_000_000_000;
        loop {
            let pending = tasks.lock().unwrap().iter().filter(|t| !t.is_finished()).count();
            if pending == 0 || mono_ns() >= deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        for t in tasks.lock().unwrap().iter() {
            t.abort();
        }
    });
    let cpu_after = cpu_seconds();
    let wall_s = (mono_ns() - wall_started) as f64 / 1e9;

    // Requests still queued when the run ended were held back by a server that kept every connection busy:
    // they count as timeouts from their intended time.
    let mut unsent = 0u64;
    {
        let mut records = sh.records.lock().unwrap();
        for job in sh.queue.lock().unwrap().drain(..) {
            unsent += 1;
            records.push([job.seq, job.intended - sh.start(), sh.cfg.timeout_ns, 0, job.pacer_lag, 0, ERR_TIMEOUT as u64]);
        }
    }
    let records = sh.records.lock().unwrap();
    let (mut errors, mut timeouts, mut ok) = (0u64, 0u64, 0u64);
    for r in records.iter() {
        if r[6] != ERR_NONE as u64 || r[5] < 200 || r[5] >= 400 {
            errors += 1;
            if r[6] == ERR_TIMEOUT as u64 {
                timeouts += 1;
            }
        } else {
            ok += 1;
        }
    }
    if let Some(file) = &sh.cfg.records {
        let out = std::fs::File::create(file).unwrap_or_else(|e| usage(&format!("cannot write {file}: {e}")));
        let mut w = BufWriter::new(out);
        for r in records.iter() {
            writeln!(w, "[{},{},{},{},{},{},{}]", r[0], r[1], r[2], r[3], r[4], r[5], r[6]).expect("write records");
        }
        w.flush().expect("write records");
    }
    let summary = serde_json::json!({
        "tool": "labload",
        "version": 1,
        "mode": if open_loop { "open" } else { "closed" },
        "rate": sh.cfg.rate,
        "workers": sh.cfg.closed,
        "shard": sh.cfg.shard,
        "shards": sh.cfg.shards,
        "duration_s": sh.cfg.duration_ns as f64 / 1e9,
        "timeout_s": sh.cfg.timeout_ns as f64 / 1e9,
        "start_epoch_ms": (wall_ns() as f64 - (mono_ns() - sh.start()) as f64) / 1e6,
        "requests": records.len(),
        "ok": ok,
        "errors": errors,
        "timeouts": timeouts,
        "unsent": unsent,
        "max_in_flight": sh.max_in_flight.load(Ordering::Acquire),
        "max_connections": sh.cfg.max_connections,
        "connections_opened": sh.opened_total.load(Ordering::Acquire),
        "connect_errors": sh.connect_errors.load(Ordering::Acquire),
        "cap_hit": sh.cap_hit.load(Ordering::Acquire),
        "threads": sh.cfg.threads,
        "cpu_user_s": cpu_after.0 - cpu_before.0,
        "cpu_system_s": cpu_after.1 - cpu_before.1,
        "wall_s": wall_s,
    });
    println!("{summary}");
    // The runtime may hold aborted tasks; do not wait for them.
    runtime.shutdown_background();
}
