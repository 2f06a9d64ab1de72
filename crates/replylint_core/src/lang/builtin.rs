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

/// The same files as JSON, made and listed by `build.rs` from the TOML:
/// what runs read ([`load`]), as `serde_json` reads them in under a third
/// of the instructions `toml` takes.
const JSON: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/lexicon/table.rs"));

/// The text of the built-in lexicon `name`.
///
/// # Panics
/// On a name that is not in [`FILES`]: a mistake in the code, caught by
/// the tests.
pub fn text(name: &str) -> &'static str {
    find(FILES, name)
}

fn find(files: &[(&str, &'static str)], name: &str) -> &'static str {
    files
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no built-in lexicon `rules/lexicon/{name}.toml`"))
}

/// A lexicon's text, in the format it is written in: TOML as in
/// `rules/lexicon/`, or the JSON `build.rs` makes of it.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    Toml(&'a str),
    Json(&'a str),
}

impl Source<'_> {
    /// The text read as a `T`; the error is the parser's message.
    pub fn read<T: serde::de::DeserializeOwned>(self) -> Result<T, String> {
        match self {
            Source::Toml(text) => toml::from_str(text).map_err(|e| e.to_string()),
            Source::Json(text) => serde_json::from_str(text).map_err(|e| e.to_string()),
        }
    }
}

impl<'a> From<&'a str> for Source<'a> {
    /// TOML text.
    fn from(text: &'a str) -> Self {
        Source::Toml(text)
    }
}

/// The built-in lexicon `name`, read by `parse` from its JSON.
///
/// # Panics
/// When the file does not parse: the built-in files are tested, so this
/// is a mistake in the data caught before a release.
pub fn load<T, E: std::fmt::Display>(
    name: &str,
    parse: impl FnOnce(Source<'static>) -> Result<T, E>,
) -> T {
    parse(Source::Json(find(JSON, name)))
        .unwrap_or_else(|e| panic!("rules/lexicon/{name}.toml: {e}"))
}

/// Every string of a lexicon's TOML text, table keys included, in the
/// order they are written: what a test of a lexicon's phrases walks.
#[cfg(test)]
pub(crate) fn strings_of(text: &str) -> Vec<String> {
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            toml::Value::Table(t) => t.iter().for_each(|(k, v)| {
                out.push(k.clone());
                walk(v, out);
            }),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&toml::from_str(text).expect("a TOML lexicon"), &mut out);
    out
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
        let converted: Vec<&str> = JSON.iter().map(|(n, _)| *n).collect();
        assert_eq!(converted, listed, "JSON lists the same files as FILES");
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
    fn the_json_holds_what_the_toml_does() {
        for (name, text) in FILES {
            let toml: serde_json::Value = Source::Toml(text).read().expect("TOML");
            let json: serde_json::Value = Source::Json(find(JSON, name)).read().expect("JSON");
            assert_eq!(toml, json, "{name}");
        }
    }

    #[test]
    #[should_panic(expected = "rules/lexicon/blame.toml: ")]
    fn a_file_that_does_not_parse_names_the_file() {
        load("blame", |_| Err::<(), _>("bad"));
    }
}
