//! The built-in lexicon files (`rules/lexicon/*.toml`), embedded in the
//! binary: one table of them and one loader, so every lexicon is found,
//! parsed and reported the same way whichever layer reads it.

/// Every file of `rules/lexicon/`, by name (the file name without
/// `.toml`).
pub const FILES: &[(&str, &str)] = &[
    (
        "acronyms",
        include_str!("../../../../rules/lexicon/acronyms.toml"),
    ),
    (
        "blame",
        include_str!("../../../../rules/lexicon/blame.toml"),
    ),
    (
        "conventions",
        include_str!("../../../../rules/lexicon/conventions.toml"),
    ),
    (
        "credential-request",
        include_str!("../../../../rules/lexicon/credential-request.toml"),
    ),
    (
        "dates",
        include_str!("../../../../rules/lexicon/dates.toml"),
    ),
    (
        "facts",
        include_str!("../../../../rules/lexicon/facts.toml"),
    ),
    (
        "greetings",
        include_str!("../../../../rules/lexicon/greetings.toml"),
    ),
    (
        "links",
        include_str!("../../../../rules/lexicon/links.toml"),
    ),
    (
        "personal-data",
        include_str!("../../../../rules/lexicon/personal-data.toml"),
    ),
    (
        "register",
        include_str!("../../../../rules/lexicon/register.toml"),
    ),
    (
        "repeated-words",
        include_str!("../../../../rules/lexicon/repeated-words.toml"),
    ),
    (
        "sign-offs",
        include_str!("../../../../rules/lexicon/sign-offs.toml"),
    ),
    (
        "spelling",
        include_str!("../../../../rules/lexicon/spelling.toml"),
    ),
    (
        "text-speak",
        include_str!("../../../../rules/lexicon/text-speak.toml"),
    ),
];

/// The text of the built-in lexicon `name`.
///
/// # Panics
/// On a name that is not in [`FILES`]: a mistake in the code, caught by
/// the tests.
pub fn text(name: &str) -> &'static str {
    FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no built-in lexicon `rules/lexicon/{name}.toml`"))
}

/// The built-in lexicon `name`, read by `parse`.
///
/// # Panics
/// When the file does not parse: the built-in files are tested, so this
/// is a mistake in the data caught before a release.
pub fn load<T, E: std::fmt::Display>(
    name: &str,
    parse: impl FnOnce(&'static str) -> Result<T, E>,
) -> T {
    parse(text(name)).unwrap_or_else(|e| panic!("rules/lexicon/{name}.toml: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_folder_is_listed() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/lexicon");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("rules/lexicon")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".toml").map(str::to_owned))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, listed, "FILES lists rules/lexicon/*.toml, sorted");
        for (name, text) in FILES {
            let path = format!("{dir}/{name}.toml");
            assert_eq!(
                std::fs::read_to_string(&path).expect("lexicon file"),
                *text,
                "{path}"
            );
        }
    }

    #[test]
    #[should_panic(expected = "rules/lexicon/blame.toml: ")]
    fn a_file_that_does_not_parse_names_the_file() {
        load("blame", |_| Err::<(), _>("bad"));
    }
}
