//! Build the built-in English word list (`src/spelling/data/en_US.fst`)
//! from the word forms Hunspell's `unmunch` lists:
//! `scripts/build-english-dictionary.sh` runs it.
//!
//! Arguments: the forms of the whole dictionary, the forms of its
//! no-suggest stems, the output file. Forms with a digit (`1st`, built by
//! the dictionary's compound rules) are left out: the spelling rule never
//! reads a word with a digit. Each form maps to its flags
//! ([`replylint_core::spelling::english`]): `1` for a form never
//! suggested.

use std::collections::{BTreeMap, HashSet};

fn forms(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .map(|l| l.split('/').next().unwrap_or_default().trim().replace('’', "'"))
        .filter(|w| !w.is_empty() && !w.chars().any(|c| c.is_ascii_digit()))
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [all, nosuggest, out] = args.as_slice() else {
        eprintln!("usage: build_english_dictionary FORMS NOSUGGEST-FORMS OUT");
        std::process::exit(2);
    };
    let nosuggest: HashSet<String> = forms(nosuggest).into_iter().collect();
    let map: BTreeMap<String, u64> = forms(all)
        .into_iter()
        .map(|w| {
            let flags = u64::from(nosuggest.contains(&w));
            (w, flags)
        })
        .collect();
    let built = fst::Map::from_iter(map.iter().map(|(w, f)| (w.as_bytes(), *f)))
        .expect("sorted, unique forms");
    std::fs::write(out, built.as_fst().as_bytes()).unwrap_or_else(|e| panic!("{out}: {e}"));
    eprintln!(
        "{out}: {} forms ({} never suggested), {} bytes",
        map.len(),
        map.values().filter(|&&f| f == 1).count(),
        built.as_fst().as_bytes().len()
    );
}
