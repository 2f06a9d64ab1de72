//! YAML front matter: any bytes after an opening `---` line, read as a
//! `.md` reply, linted and located.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut file = b"---\n".to_vec();
    file.extend_from_slice(data);
    replylint_fuzz::read_and_lint("reply.md", &file, true);
});
