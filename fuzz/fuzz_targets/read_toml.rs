//! The reader for `replies.toml` files: any bytes, read, linted and located.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    replylint_fuzz::read_and_lint("replies.toml", data, true);
    replylint_fuzz::read_and_lint("replies.toml", data, false);
});
