//! The built-in English (en-US) dictionary: every word form of SCOWL's
//! Hunspell dictionary, listed by Hunspell's own `unmunch` and kept as a
//! finite-state set that is read in place from the binary
//! (`data/en_US.fst`, built by `scripts/build-english-dictionary.sh`;
//! licence in `data/en_US.LICENSE`). Parsing the Hunspell files takes
//! about 20 ms; this costs nothing at start-up, which keeps one draft on
//! standard input within a few milliseconds. Case follows Hunspell's
//! rules ([`super::case`]).

use fst::Map;
use std::sync::LazyLock;

/// The word forms and their flags ([`NO_SUGGEST`]).
static FORMS: &[u8] = include_bytes!("data/en_US.fst");

/// The flag of a form the dictionary never suggests (its offensive words).
const NO_SUGGEST: u64 = 1;

static MAP: LazyLock<Option<Map<&'static [u8]>>> = LazyLock::new(|| Map::new(FORMS).ok());

/// The built-in en-US word list.
#[derive(Debug, Clone, Copy, Default)]
pub struct English;

impl English {
    /// The flags of `form` exactly as written, if it is a form of the list.
    fn get(form: &str) -> Option<u64> {
        MAP.as_ref()?.get(form)
    }

    /// Whether the list has `form` exactly as written.
    pub fn has(form: &str) -> bool {
        Self::get(form).is_some()
    }

    /// Whether `form`, exactly as written, may be suggested.
    pub fn suggestable(form: &str) -> bool {
        Self::get(form).is_some_and(|f| f & NO_SUGGEST == 0)
    }

    /// How many forms the list has.
    pub fn len() -> usize {
        MAP.as_ref().map_or(0, Map::len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_loads_and_knows_its_words() {
        assert!(English::len() > 150_000, "{}", English::len());
        for w in ["receive", "customers", "customer's", "we'll", "iPhone", "Paris", "email"] {
            assert!(English::has(w), "{w}");
        }
        for w in ["recieve", "teh", "paris", "Iphone", "colour"] {
            assert!(!English::has(w), "{w}");
        }
    }

    #[test]
    fn offensive_words_are_known_but_never_suggested() {
        assert!(English::has("bullshit"));
        assert!(!English::suggestable("bullshit"));
        assert!(English::suggestable("receive"));
    }
}
