//! A load generator for `replylint serve`, on loopback: clients on
//! kept-alive connections send a 300-character draft to `/v2/check` (as a
//! LanguageTool client sends it) and the latencies are counted.
//!
//! ```text
//! cargo run --release -p replylint_http --example load -- \
//!     http://127.0.0.1:8081 --clients 8 --seconds 10 [--rate 1000] [--requests N]
//! ```
//!
//! Without `--rate`, each client sends its next request as soon as the
//! last is answered (closed loop: the most the server answers). With
//! `--rate R`, requests are sent on a schedule of R a second spread over
//! the clients, and a latency counts from when the request was due, not
//! from when it was sent, so that a server that falls behind is seen to
//! (no coordinated omission). Bounded: at most 120 seconds and a million
//! requests; only loopback addresses are accepted.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// 301 characters, as an operator's chat reply.
const DRAFT: &str = "Hi Maria, thanks for your patience! We checked order 48213 and the parcel left our \
warehouse this morning. You will get a tracking link by email within two hours. If anything looks \
wrong with the delivery, just reply here and we will sort it out straight away. Have a lovely day \
and thanks again, Luca";

struct Options {
    address: SocketAddr,
    clients: usize,
    seconds: u64,
    requests: usize,
    rate: Option<f64>,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .ok_or("usage: load URL [--clients N] [--seconds S] [--rate R] [--requests N]")?;
    let host = url
        .strip_prefix("http://")
        .ok_or("the URL must start with http://")?
        .trim_end_matches('/');
    let address: SocketAddr = host
        .parse()
        .map_err(|_| format!("`{host}` is not IP:PORT"))?;
    if !address.ip().is_loopback() {
        return Err("only loopback addresses are loaded".into());
    }
    let mut options = Options {
        address,
        clients: 1,
        seconds: 10,
        requests: 1_000_000,
        rate: None,
    };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let bad = || format!("{flag} {value}: not a number");
        match flag.as_str() {
            "--clients" => options.clients = value.parse().map_err(|_| bad())?,
            "--seconds" => options.seconds = value.parse().map_err(|_| bad())?,
            "--requests" => options.requests = value.parse().map_err(|_| bad())?,
            "--rate" => options.rate = Some(value.parse().map_err(|_| bad())?),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    options.clients = options.clients.clamp(1, 1024);
    options.seconds = options.seconds.clamp(1, 120);
    options.requests = options.requests.clamp(1, 1_000_000);
    Ok(options)
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One client's connection, opened again after an error.
struct Connection {
    address: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Connection {
    /// Send `request` and read the answer: its status.
    fn send(&mut self, request: &[u8]) -> std::io::Result<u16> {
        if self.stream.is_none() {
            let stream = TcpStream::connect(self.address)?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(Duration::from_secs(30)))?;
            self.stream = Some(BufReader::new(stream));
        }
        let result = (|| {
            let reader = self.stream.as_mut().expect("connected");
            reader.get_mut().write_all(request)?;
            let mut line = String::new();
            reader.read_line(&mut line)?;
            let status = line
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| std::io::Error::other(format!("no status: {line:?}")))?;
            let mut length = 0usize;
            let mut close = false;
            loop {
                line.clear();
                reader.read_line(&mut line)?;
                let header = line.trim_end();
                if header.is_empty() {
                    break;
                }
                let lower = header.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                close |= lower == "connection: close";
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body)?;
            Ok((status, close))
        })();
        match result {
            Ok((status, close)) => {
                if close {
                    self.stream = None;
                }
                Ok(status)
            }
            Err(e) => {
                self.stream = None;
                Err(e)
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn main() {
    let options = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let body = format!("language=en-US&channel=chat&text={}", encode(DRAFT));
    let request = format!(
        "POST /v2/check HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        options.address,
        body.len()
    )
    .into_bytes();
    let started = Instant::now();
    let until = started + Duration::from_secs(options.seconds);
    let per_client = options.requests.div_ceil(options.clients);
    let threads: Vec<_> = (0..options.clients)
        .map(|i| {
            let request = request.clone();
            let (address, clients, rate) = (options.address, options.clients, options.rate);
            std::thread::spawn(move || {
                let mut connection = Connection {
                    address,
                    stream: None,
                };
                let mut latencies = Vec::new();
                let mut errors = Vec::new();
                for k in 0..per_client {
                    let due = match rate {
                        Some(rate) => {
                            let n = (k * clients + i) as f64;
                            let due = started + Duration::from_secs_f64(n / rate);
                            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                                std::thread::sleep(wait);
                            }
                            due
                        }
                        None => Instant::now(),
                    };
                    if Instant::now() >= until {
                        break;
                    }
                    match connection.send(&request) {
                        Ok(200) => latencies.push(due.elapsed()),
                        Ok(status) => errors.push(format!("status {status}")),
                        Err(e) => errors.push(e.to_string()),
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = Vec::new();
    for t in threads {
        let (l, e) = t.join().expect("a client thread");
        latencies.extend(l);
        errors.extend(e);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "clients {} rate {} requests {} errors {} seconds {:.1} req/s {:.0} p50 {:.2} ms p90 {:.2} ms p99 {:.2} ms max {:.2} ms",
        options.clients,
        options.rate.map_or("max".to_owned(), |r| format!("{r}")),
        latencies.len(),
        errors.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.90)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies.last().copied().unwrap_or_default()),
    );
    errors.sort();
    errors.dedup();
    for e in errors.iter().take(5) {
        println!("  error: {e}");
    }
}
