//! Standard input, named by `--stdin-filename` or `<stdin>`: one reply
//! (with optional front matter), or a library when the name says so
//! (`--stdin-filename macros.jsonl`). UTF-8, or UTF-16 with a byte-order
//! mark, as files are.

use super::{Content, InputError, decode, decode_file, io_message};
use replylint_core::reply::Source;
use std::io::Read as _;
use std::sync::Arc;

pub use replylint_core::reply::STDIN_NAME;

/// Read standard input whole: the process's, or `given` in its place (a
/// run in-process, [`crate::app::run_with`]).
pub fn read(name: Option<&str>, given: Option<&[u8]>) -> Result<Arc<Source>, InputError> {
    let name = name.unwrap_or(STDIN_NAME).to_owned();
    let bytes = match given {
        Some(bytes) => bytes.to_vec(),
        None => {
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
            bytes
        }
    };
    // UTF-8 or UTF-16 with a byte-order mark, as files; text with NUL
    // bytes is still read as the draft it was given as.
    let text = match decode_file(&name, bytes)? {
        Content::Text(text, _) => text,
        Content::Binary(bytes) => decode(&name, bytes)?,
    };
    Ok(Arc::new(Source {
        path: None,
        name,
        text,
    }))
}
