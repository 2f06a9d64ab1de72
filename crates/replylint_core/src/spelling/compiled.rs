//! Compiled dictionaries: the word forms of a Hunspell dictionary kept as
//! a finite-state map that is read in place, so that a run does not parse
//! the dictionary's files (20–200 ms for the system dictionaries) unless
//! a word is not among them.
//!
//! Compiling ([`candidates`], then [`verified`] on each, then [`build`])
//! lists the forms the dictionary's affix rules build from its stems:
//! each stem, each stem with one prefix or suffix, with a suffix and a
//! prefix, and with two suffixes. A form is kept only when `spellbook`,
//! reading the same files, accepts it, and its flags say whether it is
//! accepted with an initial capital and in capitals too ([`TITLE`],
//! [`UPPER`]), as `spellbook` says. So a form found in the map is a
//! word the dictionary accepts, written that way; a word not found is
//! checked with the dictionary itself ([`super::Speller`] loads it
//! then). The map answers only "yes": its answers are the dictionary's.

use super::words::{self, Shape};
use fst::Map;
use std::collections::HashMap;

/// The flag of a form also accepted with an initial capital.
pub const TITLE: u64 = 1;
/// The flag of a form also accepted in capitals.
pub const UPPER: u64 = 2;

/// The bytes of a compiled dictionary: in memory, or a mapped file.
pub struct Bytes(pub Box<dyn AsRef<[u8]> + Send + Sync>);

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        self.0.as_ref().as_ref()
    }
}

/// The word forms of a compiled dictionary.
pub struct Forms {
    map: Map<Bytes>,
    /// Whether the forms are every word the dictionary accepts in lower
    /// case or with an initial capital ([`complete`]).
    complete: bool,
    /// The letters of the dictionary's suggestions, when known.
    alphabet: Option<Vec<char>>,
}

impl std::fmt::Debug for Forms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Forms")
            .field("len", &self.map.len())
            .finish()
    }
}

impl Forms {
    /// The map [`build`] wrote, read in place (`bytes` may be a mapped
    /// file); an error when the bytes are not such a map.
    pub fn new(bytes: Bytes) -> Result<Forms, String> {
        Map::new(bytes)
            .map(|map| Forms {
                map,
                complete: false,
                alphabet: None,
            })
            .map_err(|e| format!("not a compiled dictionary: {e}"))
    }

    /// The same forms, [`complete`] or not, with the letters of the
    /// dictionary's suggestions.
    pub fn described(self, complete: bool, alphabet: Option<Vec<char>>) -> Forms {
        Forms {
            complete,
            alphabet,
            ..self
        }
    }

    pub fn is_complete(&self) -> bool {
        self.complete
    }

    pub fn alphabet(&self) -> Option<&[char]> {
        self.alphabet.as_deref()
    }

    /// What the forms say of `word`: `Some(true)` when they have it,
    /// `Some(false)` when they do not and are complete for words like it
    /// (letters only, in lower case or with an initial capital; in lower
    /// case, with apostrophes too), `None` when only the dictionary can
    /// tell (Hunspell splits hyphenated words, and tries other cases of
    /// capitals and of words with apostrophes).
    pub fn verdict(&self, word: &str) -> Option<bool> {
        if self.accepts(word) {
            return Some(true);
        }
        let letters = word.chars().all(char::is_alphabetic);
        let plain = match words::shape(word) {
            Shape::Lower => letters || word.chars().all(|c| c.is_alphabetic() || c == '\''),
            Shape::Title => letters,
            Shape::Upper | Shape::Mixed => false,
        };
        (self.complete && plain).then_some(false)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Whether the dictionary accepts `word`, as far as the map knows:
    /// `false` means "ask the dictionary".
    pub fn accepts(&self, word: &str) -> bool {
        if self.map.contains_key(word) {
            return true;
        }
        let with = |form: &str, flag: u64| self.map.get(form).is_some_and(|f| f & flag != 0);
        match words::shape(word) {
            Shape::Lower | Shape::Mixed => false,
            Shape::Title => with(&words::lower(word), TITLE),
            Shape::Upper => {
                let lower = words::lower(word);
                with(&lower, UPPER) || with(&words::title(&lower), UPPER)
            }
        }
    }
}

/// The map of `forms` (sorted, without repeats) and their flags.
pub fn build<S: AsRef<str>>(forms: impl IntoIterator<Item = (S, u64)>) -> Result<Vec<u8>, String> {
    let mut builder = fst::MapBuilder::memory();
    for (form, flags) in forms {
        let form = form.as_ref();
        builder
            .insert(form.as_bytes(), flags)
            .map_err(|e| format!("{form}: {e}"))?;
    }
    builder.into_inner().map_err(|e| e.to_string())
}

/// Whether Hunspell's plain case rules hold for every form of the
/// dictionary whose `.aff` file is `aff`: a form in lower case is also a
/// word with an initial capital and in capitals, one with an initial
/// capital in capitals. They do not when some words keep their case
/// (`KEEPCASE`, `FORCEUCASE`), when `ß` is checked in capitals
/// (`CHECKSHARPS`), or in Turkish and Azeri (their dotless `ı`): then
/// each form's other cases are checked one by one.
pub fn case_rules(aff: &str) -> bool {
    !aff.lines().any(|l| {
        let mut fields = l.split_whitespace();
        match fields.next() {
            Some("KEEPCASE" | "FORCEUCASE" | "CHECKSHARPS") => true,
            Some("LANG") => fields
                .next()
                .is_some_and(|lang| lang.starts_with("tr") || lang.starts_with("az")),
            _ => false,
        }
    })
}

/// Whether the forms [`candidates`] lists are every word of the
/// dictionary whose `.aff` file is `aff` that is made of letters only and
/// written in lower case or with an initial capital: not when its words
/// are built of other words (`COMPOUND…`), when it converts or ignores
/// letters before looking words up (`ICONV`, `IGNORE`), when two
/// prefixes may stack (`COMPLEXPREFIXES`) or an affix needs another
/// around it (`CIRCUMFIX`), or when [`case_rules`] do not hold. Checked
/// on the evaluation corpus and generated replies against `spellbook`
/// (see docs/spelling.md).
pub fn complete(aff: &str) -> bool {
    case_rules(aff)
        && !aff.lines().any(|l| {
            let directive = l.split_whitespace().next().unwrap_or("");
            directive.starts_with("COMPOUND")
                || matches!(
                    directive,
                    "ICONV" | "IGNORE" | "COMPLEXPREFIXES" | "CIRCUMFIX" | "ONLYINCOMPOUND"
                )
        })
}

/// The letters of a dictionary's suggestions: its `TRY` line's lower-case
/// letters and apostrophe.
pub fn alphabet(aff: &str) -> Option<Vec<char>> {
    aff.lines().find_map(|l| l.strip_prefix("TRY ")).map(|t| {
        t.trim()
            .chars()
            .filter(|c| c.is_lowercase() || *c == '\'')
            .collect()
    })
}

/// `form`'s flags by [`case_rules`]: a form in lower case is also a word
/// with an initial capital and in capitals, one with an initial capital
/// in capitals.
pub fn case_flags(form: &str) -> u64 {
    match words::shape(form) {
        Shape::Lower => TITLE | UPPER,
        Shape::Title => UPPER,
        Shape::Upper | Shape::Mixed => 0,
    }
}

/// `form`'s flags when `dictionary` accepts it, as written: whether it is
/// accepted with an initial capital and in capitals too, by
/// [`case_flags`] when `by_rule`, or else as `dictionary` says.
pub fn verified(dictionary: &spellbook::Dictionary, form: &str, by_rule: bool) -> Option<u64> {
    if !dictionary.check(form) {
        return None;
    }
    if by_rule {
        return Some(case_flags(form));
    }
    let accepted = |variant: String, flag: u64| {
        if dictionary.check(&variant) { flag } else { 0 }
    };
    Some(match words::shape(form) {
        Shape::Lower => accepted(words::title(form), TITLE) | accepted(form.to_uppercase(), UPPER),
        Shape::Title => accepted(form.to_uppercase(), UPPER),
        Shape::Upper | Shape::Mixed => 0,
    })
}

/// How a dictionary writes its flags (`FLAG`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FlagKind {
    Char,
    Long,
    Number,
}

/// A flag, whatever its kind.
type Flag = u64;

fn flags_of(kind: FlagKind, text: &str) -> Vec<Flag> {
    match kind {
        FlagKind::Char => text.chars().map(u64::from).collect(),
        FlagKind::Long => {
            let chars: Vec<char> = text.chars().collect();
            chars
                .chunks(2)
                .map(|p| u64::from(p[0]) << 21 | p.get(1).map_or(0, |&c| u64::from(c)))
                .collect()
        }
        FlagKind::Number => text
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect(),
    }
}

/// One element of an affix's condition: a letter, a set, or any.
#[derive(Debug, Clone)]
enum Element {
    Any,
    Set { negated: bool, letters: Vec<char> },
}

impl Element {
    fn matches(&self, c: char) -> bool {
        match self {
            Element::Any => true,
            Element::Set { negated, letters } => letters.contains(&c) != *negated,
        }
    }
}

fn condition(text: &str) -> Vec<Element> {
    let mut elements = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => elements.push(Element::Any),
            '[' => {
                let mut letters = Vec::new();
                let mut negated = false;
                for (i, c) in chars.by_ref().enumerate() {
                    match c {
                        ']' => break,
                        '^' if i == 0 => negated = true,
                        c => letters.push(c),
                    }
                }
                elements.push(Element::Set { negated, letters });
            }
            c => elements.push(Element::Set {
                negated: false,
                letters: vec![c],
            }),
        }
    }
    elements
}

/// One rule of a prefix or suffix.
#[derive(Debug, Clone)]
struct Affix {
    strip: String,
    add: String,
    /// The flags the affix gives the form it builds (a second suffix).
    next: Vec<Flag>,
    condition: Vec<Element>,
    cross: bool,
}

impl Affix {
    /// The form this suffix builds from `stem`, if its condition holds.
    fn suffixed(&self, stem: &str) -> Option<String> {
        let base = stem.strip_suffix(self.strip.as_str())?;
        let mut tail = stem.chars().rev();
        for element in self.condition.iter().rev() {
            if !element.matches(tail.next()?) {
                return None;
            }
        }
        let mut form = String::with_capacity(base.len() + self.add.len());
        form.push_str(base);
        form.push_str(&self.add);
        (!form.is_empty()).then_some(form)
    }

    /// The form this prefix builds from `stem`, if its condition holds.
    fn prefixed(&self, stem: &str) -> Option<String> {
        let base = stem.strip_prefix(self.strip.as_str())?;
        let mut head = stem.chars();
        for element in &self.condition {
            if !element.matches(head.next()?) {
                return None;
            }
        }
        let form = format!("{}{base}", self.add);
        (!form.is_empty()).then_some(form)
    }
}

/// What compiling needs of a dictionary's `.aff` file.
#[derive(Debug, Default)]
struct Rules {
    prefixes: HashMap<Flag, Vec<Affix>>,
    suffixes: HashMap<Flag, Vec<Affix>>,
    /// Flags whose stems are not words by themselves.
    not_alone: Vec<Flag>,
    /// The flag of forbidden words (`FORBIDDENWORD`).
    forbidden: Option<Flag>,
    aliases: Vec<Vec<Flag>>,
    kind: Option<FlagKind>,
}

impl Rules {
    fn parse(aff: &str) -> Rules {
        let mut rules = Rules::default();
        let mut seen_alias_header = false;
        // Each table's header: whether its rules combine with the other
        // kind's (`Y`).
        let mut cross: HashMap<(bool, Flag), bool> = HashMap::new();
        for line in aff.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            match fields.as_slice() {
                ["FLAG", kind, ..] => {
                    rules.kind = match *kind {
                        "long" => Some(FlagKind::Long),
                        "num" => Some(FlagKind::Number),
                        _ => Some(FlagKind::Char),
                    }
                }
                ["AF", flags, ..] => {
                    if seen_alias_header {
                        rules.aliases.push(flags_of(rules.kind(), flags));
                    } else {
                        seen_alias_header = true;
                    }
                }
                ["NEEDAFFIX" | "ONLYINCOMPOUND" | "PSEUDOROOT", flag, ..] => {
                    rules.not_alone.extend(flags_of(rules.kind(), flag));
                }
                ["FORBIDDENWORD", flag, ..] => {
                    rules.forbidden = flags_of(rules.kind(), flag).first().copied();
                }
                [kind @ ("PFX" | "SFX"), flag, rest @ ..] => {
                    let prefix = *kind == "PFX";
                    let Some(&flag) = flags_of(rules.kind(), flag).first() else {
                        continue;
                    };
                    let Some(&combines) = cross.get(&(prefix, flag)) else {
                        cross.insert((prefix, flag), rest.first() == Some(&"Y"));
                        continue;
                    };
                    let [strip, add, cond, ..] = rest else {
                        continue;
                    };
                    let (add, next) = match add.split_once('/') {
                        Some((a, n)) => (a, rules.flags(n)),
                        None => (*add, Vec::new()),
                    };
                    let zero = |s: &str| {
                        if s == "0" {
                            String::new()
                        } else {
                            s.to_owned()
                        }
                    };
                    let affix = Affix {
                        strip: zero(strip),
                        add: zero(add),
                        next,
                        condition: condition(cond),
                        cross: combines,
                    };
                    let table = if prefix {
                        &mut rules.prefixes
                    } else {
                        &mut rules.suffixes
                    };
                    table.entry(flag).or_default().push(affix);
                }
                _ => {}
            }
        }
        rules
    }

    /// Whether a form with `flags` is a word by itself.
    fn alone(&self, flags: &[Flag]) -> bool {
        !flags.iter().any(|f| self.not_alone.contains(f))
    }

    fn kind(&self) -> FlagKind {
        self.kind.unwrap_or(FlagKind::Char)
    }

    /// The flags `text` names: themselves, or an alias's (`AF`).
    fn flags(&self, text: &str) -> Vec<Flag> {
        if !self.aliases.is_empty()
            && let Ok(n) = text.parse::<usize>()
        {
            return self
                .aliases
                .get(n.wrapping_sub(1))
                .cloned()
                .unwrap_or_default();
        }
        flags_of(self.kind(), text)
    }
}

/// The stem and flags of one line of a `.dic` file, read as `spellbook`
/// reads it: the word ends at a `/` (`\\/` is a slash of the word), a tab,
/// or a space before a morphological field (`po:noun`); other spaces are
/// the word's (`mea culpa`).
fn entry(line: &str) -> Option<(String, &str)> {
    let mut stem = String::with_capacity(line.len());
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if line[i + 1..].starts_with('/') => {
                stem.push('/');
                chars.next();
            }
            '/' if i != 0 => {
                let flags = line[i + 1..].split_whitespace().next().unwrap_or("");
                return Some((stem, flags));
            }
            '\t' => break,
            ' ' if field_follows(&line[i + 1..]) => break,
            c => stem.push(c),
        }
    }
    (!stem.is_empty()).then_some((stem, ""))
}

/// Whether `rest` starts, after spaces, with a morphological field's
/// name: two lower-case letters and a colon.
fn field_follows(rest: &str) -> bool {
    let mut chars = rest.trim_start().chars();
    chars.next().is_some_and(char::is_lowercase)
        && chars.next().is_some_and(char::is_lowercase)
        && chars.next() == Some(':')
}

/// The forms `aff`'s rules build from the stems of `dic` (see the module
/// docs), unsorted and with repeats, for `each` to take in turn: forms
/// the dictionary does not accept among them (they are checked after).
pub fn candidates(aff: &str, dic: &str, mut each: impl FnMut(String)) {
    let rules = Rules::parse(aff);
    let entries = || {
        dic.lines()
            .skip(1)
            .filter_map(entry)
            .map(|(stem, flags)| (stem, rules.flags(flags)))
    };
    // A forbidden word is not a word whatever other stem builds it, nor
    // are its stem's other forms.
    let mut forbidden = std::collections::HashSet::new();
    if let Some(flag) = rules.forbidden {
        for (stem, flags) in entries().filter(|(_, flags)| flags.contains(&flag)) {
            forms_of(&rules, stem, &flags, true, &mut |f| {
                forbidden.insert(f);
            });
        }
    }
    for (stem, flags) in entries() {
        if rules.forbidden.is_some_and(|f| flags.contains(&f)) {
            continue;
        }
        // A form with a space (`mea culpa`) is never a word looked up.
        forms_of(&rules, stem, &flags, false, &mut |form| {
            if !form.contains(char::is_whitespace)
                && (forbidden.is_empty() || !forbidden.contains(&form))
            {
                each(form);
            }
        });
    }
}

/// The forms `rules` build from `stem` with `flags`; `all`: the stem and
/// the forms that are not words alone too.
fn forms_of(rules: &Rules, stem: String, flags: &[Flag], all: bool, each: &mut dyn FnMut(String)) {
    fn affixes<'a>(table: &'a HashMap<Flag, Vec<Affix>>, flags: &[Flag]) -> Vec<&'a Affix> {
        flags
            .iter()
            .filter_map(|f| table.get(f))
            .flatten()
            .collect()
    }
    let (suffixes, prefixes) = (
        affixes(&rules.suffixes, flags),
        affixes(&rules.prefixes, flags),
    );
    for suffix in &suffixes {
        let Some(form) = suffix.suffixed(&stem) else {
            continue;
        };
        for next in suffix.next.iter().filter_map(|f| rules.suffixes.get(f)) {
            for second in next {
                if let Some(twice) = second.suffixed(&form) {
                    each(twice);
                }
            }
        }
        if suffix.cross {
            for prefix in prefixes.iter().filter(|p| p.cross) {
                if let Some(both) = prefix.prefixed(&form) {
                    each(both);
                }
            }
        }
        if all || rules.alone(&suffix.next) {
            each(form);
        }
    }
    for prefix in &prefixes {
        if let Some(form) = prefix.prefixed(&stem)
            && (all || rules.alone(&prefix.next))
        {
            each(form);
        }
    }
    if all || rules.alone(flags) {
        each(stem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AFF: &str = "SET UTF-8\nFLAG long\nNEEDAFFIX zz\n\
        SFX Aa Y 2\nSFX Aa o i o\nSFX Aa 0 s [^o]\n\
        SFX Bb N 1\nSFX Bb 0 mente/Cc .\n\
        SFX Cc N 1\nSFX Cc 0 zz .\n\
        PFX Pp Y 1\nPFX Pp 0 ri .\n";
    const DIC: &str = "4\ngatto/AaPp\ncane/Aa\nlento/Bb\nrad/zzAa\n";

    fn all(aff: &str, dic: &str) -> Vec<String> {
        let mut forms = Vec::new();
        candidates(aff, dic, |f| forms.push(f));
        forms.sort();
        forms.dedup();
        forms
    }

    #[test]
    fn each_stem_is_built_with_its_affixes() {
        assert_eq!(
            all(AFF, DIC),
            [
                "cane",
                "canes",
                "gatti",
                "gatto",
                "lento",
                "lentomente",
                "lentomentezz",
                "rads",
                "rigatti",
                "rigatto",
            ]
        );
    }

    #[test]
    fn flags_by_number_and_aliases() {
        let aff = "FLAG num\nAF 1\nAF 10,20\nSFX 10 Y 1\nSFX 10 0 s .\nPFX 20 Y 1\nPFX 20 0 un .\n";
        assert_eq!(all(aff, "1\ndo/1\n"), ["do", "dos", "undo", "undos"]);
    }

    #[test]
    fn a_form_that_needs_another_affix_is_not_a_word_alone() {
        let aff = "NEEDAFFIX !\nSFX A Y 1\nSFX A 0 ar/!B .\nSFX B Y 1\nSFX B 0 lo .\n";
        assert_eq!(all(aff, "1\nparl/A\n"), ["parl", "parlarlo"]);
    }

    #[test]
    fn a_forbidden_word_is_not_a_form_of_another_stem() {
        let aff = "FORBIDDENWORD !\nSFX A Y 2\nSFX A r 0 r\nSFX A r s r\n";
        assert_eq!(
            all(aff, "3\naguar/A\nagua/!A\nfalar/A\n"),
            ["aguar", "aguas", "fala", "falar", "falas"]
        );
    }

    #[test]
    fn dictionary_lines_are_read_as_spellbook_reads_them() {
        for (line, stem, flags) in [
            ("casa/AB", "casa", "AB"),
            ("casa/AB po:noun", "casa", "AB"),
            ("mea culpa", "mea culpa", ""),
            ("casa po:noun", "casa", ""),
            ("quimbundo  \t[CAT=nc]", "quimbundo  ", ""),
            ("Oost\\/Watergraafsmeer", "Oost/Watergraafsmeer", ""),
            ("/slash", "/slash", ""),
        ] {
            assert_eq!(entry(line), Some((stem.to_owned(), flags)), "{line}");
        }
    }

    #[test]
    fn complete_forms_say_no_to_plain_words_only() {
        let bytes = build([("ciao".to_owned(), TITLE | UPPER)]).unwrap();
        let forms = || Forms::new(Bytes(Box::new(bytes.clone()))).unwrap();
        assert_eq!(forms().verdict("Ciao"), Some(true));
        assert_eq!(forms().verdict("Amélie"), None);
        let complete = forms().described(true, None);
        assert_eq!(complete.verdict("Amélie"), Some(false));
        assert_eq!(complete.verdict("cioa"), Some(false));
        assert_eq!(complete.verdict("l'ordine"), Some(false));
        for ask in ["CIAO-CIAO", "e-mail", "L'ordine", "CIOA", "eBay", "m2"] {
            assert_eq!(complete.verdict(ask), None, "{ask}");
        }
    }

    #[test]
    fn forms_are_complete_where_no_rule_builds_words_otherwise() {
        assert!(complete("SET UTF-8\nTRY abc\nSFX A Y 1\nSFX A 0 s .\n"));
        for directive in [
            "COMPOUNDFLAG x",
            "COMPOUNDRULE 1",
            "ICONV 1",
            "IGNORE a",
            "KEEPCASE k",
            "CIRCUMFIX c",
            "LANG tr_TR",
        ] {
            assert!(
                !complete(&format!("SET UTF-8\n{directive}\n")),
                "{directive}"
            );
        }
        assert_eq!(alphabet("TRY aèB'-\n"), Some(vec!['a', 'è', '\'']));
        assert_eq!(alphabet("SET UTF-8\n"), None);
    }

    #[test]
    fn conditions_and_strips() {
        let aff = "SFX A Y 3\nSFX A y ies [^aeiou]y\nSFX A 0 s [aeiou]y\nSFX A 0 es [sxz]\n";
        assert_eq!(
            all(aff, "3\nfly/A\nday/A\nbox/A\n"),
            ["box", "boxes", "day", "days", "flies", "fly"]
        );
    }

    #[test]
    fn the_map_answers_with_case_flags() {
        let bytes = build([
            ("Roma".to_owned(), UPPER),
            ("casa".to_owned(), TITLE | UPPER),
            ("iPhone".to_owned(), 0),
        ])
        .unwrap();
        let forms = Forms::new(Bytes(Box::new(bytes))).unwrap();
        for yes in ["casa", "Casa", "CASA", "Roma", "ROMA", "iPhone"] {
            assert!(forms.accepts(yes), "{yes}");
        }
        for no in ["roma", "cAsa", "IPHONE", "Iphone", "case"] {
            assert!(!forms.accepts(no), "{no}");
        }
    }
}
