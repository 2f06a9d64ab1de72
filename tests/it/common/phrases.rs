//! Made-up phrase lists for user rules at scale, shared by
//! `tests/it/custom_rules.rs` and `benches/lint.rs`.

/// `n` made-up phrases of one to four word-like words ("tovasi
/// merluno"), the same on every run.
pub fn made_up_phrases(n: usize, seed: u64) -> Vec<String> {
    let mut state = seed;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    // Consonant–vowel syllables: 90 of them, so that, as in real phrase
    // lists, few phrases are suffixes of others.
    let syllables: Vec<String> = "bcdfghlmnprstvzkjw"
        .chars()
        .flat_map(|c| "aeiou".chars().map(move |v| format!("{c}{v}")))
        .collect();
    (0..n)
        .map(|_| {
            let words = 1 + next(4);
            (0..words)
                .map(|_| {
                    (0..2 + next(3))
                        .map(|_| syllables[next(syllables.len() as u64) as usize].as_str())
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A team rule file with thousands of phrases: a `forbid` rule with `n`
/// made-up phrases and a few real ones, and a `substitute` rule with `n`
/// made-up replacements and one real one.
pub fn big_config(n: usize) -> String {
    let mut phrases = made_up_phrases(n, 0x9E37_79B9_7F4A_7C15);
    phrases.extend(
        [
            "promo code 1999",
            "as I already said",
            "come già detto",
            "wie bereits erwähnt",
        ]
        .iter()
        .map(|p| (*p).to_owned()),
    );
    let mut replacements: Vec<String> = made_up_phrases(n, 0xD1B5_4A32_D192_ED03)
        .into_iter()
        .enumerate()
        .map(|(i, p)| format!("\"{p}\" = \"new name {i}\""))
        .collect();
    replacements.push("\"old name 7\" = \"new name 7\"".to_owned());
    replacements.sort();
    replacements.dedup_by(|a, b| a.split(" = ").next() == b.split(" = ").next());
    format!(
        "[[rule]]\nid = \"banned\"\nkind = \"forbid\"\nphrases = [{}]\n\n[[rule]]\nid = \"preferred\"\nkind = \"substitute\"\nreplacements = {{ {} }}\n",
        phrases
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>()
            .join(", "),
        replacements.join(", ")
    )
}
