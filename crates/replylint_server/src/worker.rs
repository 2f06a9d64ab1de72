//! The lint thread: lints the latest version of each document it is sent,
//! and only that.
//!
//! A job waits [`DEBOUNCE`] for the next keystroke; jobs that arrive while
//! one waits or while a lint runs replace the older job of their document,
//! which is never linted. A lint that is running when a newer version of
//! its document arrives is cancelled (the server sets its flag; it stops
//! between replies), so a long file never holds back the diagnostics of
//! the next version. The server's loop never waits for a lint: it keeps
//! reading messages and answers requests from the last lint it received.

use crate::lint::{self, Job, Linted};
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How long a change waits for the next one before it is linted.
pub const DEBOUNCE: Duration = Duration::from_millis(5);

/// The most documents whose diagnostics by reply are kept.
const MAX_CACHED: usize = 32;

/// Run until `jobs` is closed, sending each lint finished to `done`.
pub fn run(jobs: &Receiver<Job>, done: &Sender<Linted>) {
    let mut pending: Vec<Job> = Vec::new();
    // Each document's diagnostics by reply, from its last lint.
    let mut caches: HashMap<String, lint::Cache> = HashMap::new();
    loop {
        if pending.is_empty() {
            match jobs.recv() {
                Ok(job) => pending.push(job),
                Err(_) => return,
            }
        }
        // Wait for the typing to pause.
        let deadline = Instant::now() + DEBOUNCE;
        loop {
            match jobs.recv_deadline(deadline) {
                Ok(job) => add(&mut pending, job),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        while !pending.is_empty() {
            let job = pending.remove(0);
            // Documents closed long ago are not kept.
            if caches.len() >= MAX_CACHED && !caches.contains_key(&job.uri) {
                caches.clear();
            }
            let cache = caches.entry(job.uri.clone()).or_default();
            if let Some(linted) = lint::lint(job, cache)
                && done.send(linted).is_err()
            {
                return;
            }
            // What came in meanwhile replaces what is still pending.
            while let Ok(job) = jobs.try_recv() {
                add(&mut pending, job);
            }
        }
    }
}

/// Queue `job`, dropping the older job of its document.
fn add(pending: &mut Vec<Job>, job: Job) {
    pending.retain(|p| p.uri != job.uri);
    pending.push(job);
}
