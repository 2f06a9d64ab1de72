//! replylint's core: everything that decides what is wrong with a reply,
//! with no file, terminal or thread I/O (it builds for
//! `wasm32-unknown-unknown`).
//!
//! The layers, each using only those listed before it (`tests/it/layers.rs`
//! fails on an upward import or a ring of modules):
//!
//! - [`text`]: counting units, tweet weight, GSM-7, placeholders, phrases,
//!   sentences;
//! - [`lang`]: language detection, lexicons, register cues;
//! - [`diagnostic`], [`location`], [`mode`], [`suggest`], [`date`],
//!   [`config_error`], [`declare`]: the vocabulary (civil dates among it),
//!   errors in options and the way options are declared;
//! - [`reply`], [`channel`]: the reply model and the channel settings,
//!   declared once, as written and resolved;
//! - [`analysis`]: what rules read about a reply, derived once: its tokens
//!   and the one definition of a word, its letter structure, readability,
//!   personal data, requests for secrets;
//! - [`rules`]: the checks, one file each, their registry and their own
//!   options;
//! - [`config`], [`suppress`]: configuration resolved from strings,
//!   suppression comments;
//! - [`library`]: the checks across a library's replies, on the
//!   profiles the engine leaves of each;
//! - [`engine`], [`count`], [`docs`]: running the rules, the count table,
//!   the documentation generated from the declarations.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod channel;
pub mod config;
pub mod config_error;
pub mod count;
pub mod date;
pub mod declare;
pub mod diagnostic;
pub mod docs;
pub mod engine;
pub mod lang;
pub mod library;
pub mod location;
pub mod mode;
pub mod reply;
pub mod rules;
pub mod spelling;
pub mod suggest;
pub mod suppress;
pub mod text;
