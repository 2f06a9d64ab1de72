//! The reader for `replies.toml` files: any bytes, read, linted and located,
//! then fixed (unsafe fixes included) when it reads cleanly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    replylint_fuzz::read_and_lint("replies.toml", data, true);
    replylint_fuzz::read_and_lint("replies.toml", data, false);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = replylint_fuzz::fix_and_check("replies.toml", text);
    }
});
