//! `replylint server`: a language server. Editors speak the Language
//! Server Protocol to it over stdio; it lints each open document as
//! `replylint check` lints the file, in-process, and publishes the
//! problems found on the exact characters they are about, offers each
//! fix as a quick fix, a suppression comment for each problem and a "fix
//! all", and shows a rule's documentation on hover.
//!
//! Synchronous, on three threads: one reads messages ([`transport`]), one
//! lints ([`worker`]), and the server's loop ([`server`]) handles messages
//! and publishes what the lints found, so that it never waits for a lint.
//! Positions are converted where every position is,
//! [`replylint_core::location`].
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod lint;
pub mod server;
pub mod transport;
pub mod uri;
pub mod worker;

pub use server::serve;

/// Serve over the process's stdin and stdout, logging to stderr. `true`
/// when the client asked for `shutdown` before `exit`.
pub fn run() -> std::io::Result<bool> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut log = std::io::stderr();
    serve(std::io::stdin(), &mut out, &mut log)
}
