//! replylint's I/O over the core: readers turn files, standard input,
//! libraries and helpdesk exports into [`replylint_core::reply::Reply`]
//! values with an offset map back to the file (`input`); configuration files
//! are discovered and read (`config`); formats render located diagnostics
//! (`output`); `check` lints one reply of a file read and locates what it
//! found; `text` checks and counts one text given as standard input is
//! (the MCP tools' and the Python module's); `fix` writes fixed files
//! safely.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod config;
pub mod dictionaries;
pub mod fix;
pub mod input;
pub mod library;
pub mod output;
pub mod text;
