//! Load generator for `bench/serve.sh`: sends `POST /api/v1/check` requests of the drafts
//! in a directory to a `factcheck serve` on this machine, from a number of concurrent
//! clients, each on one keep-alive HTTP/1.1 connection, and reports throughput, latency
//! percentiles, errors and the server's memory.
//!
//! ```text
//! cargo run --release --example load -- --addr 127.0.0.1:PORT --drafts DIR \
//!     [--requests 10000] [--clients 2] [--warmup 200] [--pid PID]
//! ```
//!
//! The first `--warmup` requests (shared by the clients) are sent before timing starts;
//! then `--requests` are timed. With `--pid`, the server's resident memory (VmRSS) is read
//! from /proc after the warm-up and at the end, and its peak (VmHWM) at the end.
//! Prints one JSON object. Only loopback addresses are accepted.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    addr: SocketAddr,
    drafts: PathBuf,
    requests: usize,
    clients: usize,
    warmup: usize,
    pid: Option<u32>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut addr = None;
    let mut drafts = None;
    let (mut requests, mut clients, mut warmup, mut pid) = (10_000, 2, 200, None);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = || value.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--addr" => addr = Some(value.parse::<SocketAddr>().map_err(|e| e.to_string())?),
            "--drafts" => drafts = Some(PathBuf::from(&value)),
            "--requests" => requests = number()?,
            "--clients" => clients = number()?.max(1),
            "--warmup" => warmup = number()?,
            "--pid" => pid = Some(value.parse::<u32>().map_err(|e| e.to_string())?),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let addr = addr.ok_or("--addr is required")?;
    if !addr.ip().is_loopback() {
        return Err(format!("{addr}: load is only sent to loopback addresses"));
    }
    Ok(Args {
        addr,
        drafts: drafts.ok_or("--drafts is required")?,
        requests,
        clients,
        warmup,
        pid,
    })
}

/// The request bytes for each draft.
fn requests(addr: SocketAddr, dir: &PathBuf) -> Result<Vec<Vec<u8>>, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no .txt drafts", dir.display()));
    }
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let body = serde_json::json!({ "text": text, "name": name }).to_string();
            Ok(format!(
                "POST /api/v1/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .into_bytes())
        })
        .collect()
}

/// Sends one request on `conn` and reads the answer; returns its status.
fn exchange(conn: &mut BufReader<TcpStream>, request: &[u8]) -> std::io::Result<u16> {
    conn.get_mut().write_all(request)?;
    let mut line = String::new();
    conn.read_line(&mut line)?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = 0usize;
    loop {
        line.clear();
        conn.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    conn.read_exact(&mut body)?;
    Ok(status)
}

fn connect(addr: SocketAddr) -> std::io::Result<BufReader<TcpStream>> {
    let stream = TcpStream::connect(addr)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    Ok(BufReader::new(stream))
}

/// `clients` threads share `total` requests; returns each request's latency (None for an
/// error).
fn run(
    addr: SocketAddr,
    bodies: &Arc<Vec<Vec<u8>>>,
    clients: usize,
    total: usize,
) -> Vec<Option<Duration>> {
    let next = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let next = Arc::clone(&next);
            let bodies = Arc::clone(bodies);
            std::thread::spawn(move || {
                let mut out = Vec::new();
                let mut conn = connect(addr).ok();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        return out;
                    }
                    let request = &bodies[i % bodies.len()];
                    let started = Instant::now();
                    let status = match conn.as_mut() {
                        Some(c) => exchange(c, request).ok(),
                        None => None,
                    };
                    match status {
                        Some(200) => out.push(Some(started.elapsed())),
                        _ => {
                            out.push(None);
                            conn = connect(addr).ok();
                        }
                    }
                }
            })
        })
        .collect();
    threads
        .into_iter()
        .flat_map(|t| t.join().unwrap_or_default())
        .collect()
}

/// A line of /proc/PID/status in MB (`VmRSS`, `VmHWM`).
fn memory_mb(pid: Option<u32>, key: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid?)).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let bodies = match requests(args.addr, &args.drafts) {
        Ok(bodies) => Arc::new(bodies),
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let warm = run(args.addr, &bodies, args.clients, args.warmup);
    let rss_warm = memory_mb(args.pid, "VmRSS:");
    let started = Instant::now();
    let timed = run(args.addr, &bodies, args.clients, args.requests);
    let wall = started.elapsed().as_secs_f64();
    let mut latencies: Vec<Duration> = timed.iter().flatten().copied().collect();
    latencies.sort();
    let errors = timed.len() - latencies.len() + warm.iter().filter(|l| l.is_none()).count();
    let percentile = |p: f64| -> f64 {
        if latencies.is_empty() {
            return f64::NAN;
        }
        let i = ((p / 100.0) * latencies.len() as f64).ceil() as usize;
        latencies[i.clamp(1, latencies.len()) - 1].as_secs_f64() * 1000.0
    };
    let report = serde_json::json!({
        "requests": timed.len(),
        "errors": errors,
        "clients": args.clients,
        "wall_s": wall,
        "throughput": latencies.len() as f64 / wall,
        "p50_ms": percentile(50.0),
        "p99_ms": percentile(99.0),
        "max_ms": latencies.last().map(|d| d.as_secs_f64() * 1000.0),
        "rss_after_warmup_mb": rss_warm,
        "rss_end_mb": memory_mb(args.pid, "VmRSS:"),
        "peak_rss_mb": memory_mb(args.pid, "VmHWM:"),
    });
    println!("{report}");
}
