//! replylint: a linter for customer-care replies. This crate is the command
//! line: argument parsing (`cli`), the commands (`app`, `init`), progress
//! and parallelism. The linter itself is `replylint_core`; reading files and
//! rendering output is `replylint_io`.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod cli;
pub mod init;
