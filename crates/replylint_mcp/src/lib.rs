//! `replylint mcp`: a Model Context Protocol server. AI assistants and
//! agent frameworks start it and call its tools over stdio: `check_reply`
//! checks a reply as `replylint check -` checks standard input (and gives
//! the text with its safe fixes applied), `count_reply` counts it as
//! `replylint count` does, `explain_rule` gives a rule's documentation and
//! `list_channels` the channels.
//!
//! Synchronous and on one thread: the transport is one JSON-RPC message a
//! line ([`wire`]), each answered before the next is read ([`server`]); a
//! reply is checked in under a millisecond, so nothing would gain from
//! more. The configuration is found as `check` finds it and read again
//! when it changes ([`config`]). The text a tool is given is only ever
//! text: no request names a file that the server reads or writes.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod server;
pub mod tools;
pub mod wire;

pub use config::Options;
pub use server::serve;
