//! replylint: a linter for customer-care replies.
//!
//! Readers (`input`) turn files into [`reply::Reply`] values; the
//! [`engine`] runs the [`rules`] a reply's [`channel`] enables; formats
//! (`output`) render the located diagnostics. Only `app` and the output
//! formats write anything.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod channel;
pub mod cli;
pub mod config;
pub mod count;
pub mod diagnostic;
pub mod docs;
pub mod engine;
pub mod fix;
pub mod init;
pub mod input;
pub mod lang;
pub mod location;
pub mod mode;
pub mod output;
pub mod reply;
pub mod rules;
pub mod suggest;
pub mod suppress;
pub mod text;
