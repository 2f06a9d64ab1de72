//! The whole engine: any draft on any channel, in either mode, with or
//! without a language, then `--fix` (unsafe fixes included) on it. Spans
//! must lie on character boundaries, and fixing must leave text that reads
//! again, converge, and leave nothing to fix.
#![no_main]

use libfuzzer_sys::fuzz_target;
use replylint_core::channel::BUILTIN as CHANNELS;
use replylint_core::lang::Language;
use replylint_fuzz::{fix_and_check, read_and_lint};

fuzz_target!(|data: &[u8]| {
    let [channel, flags, rest @ ..] = data else {
        return;
    };
    let Ok(body) = std::str::from_utf8(rest) else {
        return;
    };
    let (channel, _) = CHANNELS[usize::from(*channel) % CHANNELS.len()];
    let mode = if flags & 1 == 0 { "draft" } else { "template" };
    let language = match (flags >> 1) % 7 {
        0 => String::new(),
        n => format!(
            "language = \"{}\"\n",
            Language::ALL[usize::from(n - 1)].code()
        ),
    };
    let file = format!("+++\nchannel = \"{channel}\"\nmode = \"{mode}\"\n{language}+++\n{body}");
    read_and_lint("reply.md", file.as_bytes(), true);
    if flags & 0x80 != 0
        && let Some(fixed) = fix_and_check("reply.md", &file)
    {
        read_and_lint("reply.md", fixed.as_bytes(), true);
    }
});
