//! "Did you mean …?" for misspelled names.

/// The candidate closest to `input`, if it is close enough to be a likely
/// typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&input, &c.to_ascii_lowercase()), c))
        .filter(|&(score, _)| score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "unknown channel `twiter` (did you mean `twitter`?)", or with the list of
/// valid names when none is close.
pub fn unknown<'a>(
    what: &str,
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    match closest(input, candidates.iter().copied()) {
        Some(c) => format!("unknown {what} `{input}` (did you mean `{c}`?)"),
        None => format!(
            "unknown {what} `{input}` (expected one of: {})",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(closest("chanel", ["channel", "language"]), Some("channel"));
        assert_eq!(
            closest("max-lenght", ["max-length", "greeting"]),
            Some("max-length")
        );
        assert_eq!(closest("zzz", ["channel", "language"]), None);
    }
}
