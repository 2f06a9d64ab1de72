//! The counting module: every unit, tweet weight, SMS parts, sentences,
//! syllables and `replylint count` on any text. Overflow positions must
//! fall on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use replylint_core::lang::Language;
use replylint_core::text::count::{Unit, measure};
use replylint_core::text::{sentences, sms, syllables, tweet};

fuzz_target!(|data: &[u8]| {
    let Some((&limit, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    for unit in Unit::ALL {
        let m = measure(unit, text, Some(u64::from(limit)));
        if let Some(at) = m.overflow {
            assert!(
                text.is_char_boundary(at),
                "{unit:?} overflow at {at} in {text:?}"
            );
        }
        measure(unit, text, None);
    }
    tweet::weighted_length(text);
    for (at, _) in tweet::invalid_characters(text) {
        assert!(text.is_char_boundary(at));
    }
    for r in tweet::urls(text) {
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    let info = sms::analyse(text);
    assert!(info.parts() >= usize::from(!text.is_empty()));
    for &at in &info.non_gsm {
        assert!(text.is_char_boundary(at));
    }
    for language in Language::ALL.map(Some).into_iter().chain([None]) {
        for r in sentences::split(text, language) {
            assert!(
                r.start <= r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
            );
        }
    }
    for word in text.split_whitespace().take(64) {
        for language in Language::ALL {
            syllables::count(word, language);
        }
    }
    replylint_core::analysis::tokens::spaced_count(text);
    replylint_core::analysis::tokens::tokenize(text);
    // `replylint count` on the same text, as a draft.
    let source = std::sync::Arc::new(replylint_core::reply::Source {
        path: None,
        name: "draft.txt".to_owned(),
        text: text.to_owned(),
    });
    if let Ok((replylint_io::input::Read::Replies(_, replies), _)) =
        replylint_io::input::read_source(source, true)
    {
        for reply in &replies {
            replylint_core::count::count(reply, None);
        }
    }
});
