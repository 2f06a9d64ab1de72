//! Standard input, named by `--stdin-filename` or `<stdin>`: one reply
//! (with optional front matter), or a library when the name says so
//! (`--stdin-filename macros.jsonl`).

use super::{InputError, decode, io_message};
use replylint_core::reply::Source;
use std::io::Read as _;
use std::sync::Arc;

pub use replylint_core::reply::STDIN_NAME;

/// Read standard input whole.
pub fn read(name: Option<&str>) -> Result<Arc<Source>, InputError> {
    let name = name.unwrap_or(STDIN_NAME).to_owned();
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| {
            InputError::new(
                &name,
                format!("cannot read standard input: {}", io_message(&e)),
            )
        })?;
    let text = decode(&name, bytes)?;
    Ok(Arc::new(Source {
        path: None,
        name,
        text,
    }))
}
