//! Syllables per word, per language, for the readability formulas.
//!
//! A heuristic on the written word, not a dictionary: the vowels of a word
//! come in runs ("beau", "ie", "ão"); each run is one syllable or several,
//! by the language's diphthong rules (which vowel pairs glide into one
//! syllable, which stand apart in hiatus); then a few silent endings are
//! dropped (English "make", "shipped"; French "madame"). Every word with a
//! letter has at least one syllable; the parts of a word split by an
//! apostrophe or a hyphen are counted apart, so an elided article
//! ("l'ordine", "d'accord") adds none.
//!
//! | language | diphthong rule (vowels that share a syllable) |
//! |---|---|
//! | it | i/u + vowel, a/e/o + i/u ("ie", "uo", "ai", "au"); a/e/o + a/e/o apart ("idea"); a written accent ends the syllable ("mìo" is rare, "più" is one); triphthongs "iei", "uoi", "uai", "iuo" |
//! | es | i/u/ü + vowel and a/e/o + i/u/ü ("cuidado", "aire"); a/e/o + a/e/o apart ("aéreo"); accented í/ú stand apart ("día", "país"); y after a vowel at the end is a vowel ("hoy"); triphthongs weak + strong + weak ("buey") |
//! | pt | a/e/o + i/u ("coisa", "meu"), "ui"/"iu", nasal "ão"/"ãe"/"õe"; i/u + vowel apart ("di-a", "en-vi-a-do"), except after a written stress, where the i/u is unstressed ("his-tó-ria", "sé-rie"), and the u after q/g ("quando", "água"); accented í/ú apart ("sa-í-da") |
//! | fr | a run of vowels is one syllable ("beau", "oui"), except before a diaeresis ("Noël") and after é, or a/e/o before é/è ("cré-er", "po-ète"); a final e or es after a consonant is silent in words of several syllables |
//! | de | "ai", "au", "äu", "ei", "eu", "ie", "ay", "ey", doubled "aa", "ee", "oo"; other pairs apart ("The-a-ter", "Bau-er") |
//! | en | a run of vowels (y included after a consonant) is one syllable; silent final e (not "-le" after a consonant), "-es" (not after s, x, z, ch, sh, ce, ge) and "-ed" (not after t, d) |

use crate::lang::Language;

/// Syllables in `word` read as `language` (0 when it has no letter).
pub fn count(word: &str, language: Language) -> usize {
    let mut part = Letters::default();
    let mut total = 0;
    let mut letters = false;
    let mut end_part = |part: &mut Letters| {
        if !part.is_empty() {
            letters = true;
            total += count_part(part.as_slice(), language);
            part.clear();
        }
    };
    // The word is lower-cased a character at a time: that differs from
    // `str::to_lowercase` only for a capital sigma at the end of a word (ς
    // instead of σ), and both are letters that no rule below looks for.
    for c in word.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                part.push(c.to_ascii_lowercase());
            } else {
                end_part(&mut part);
            }
            continue;
        }
        for lower in c.to_lowercase() {
            if lower.is_alphabetic() {
                part.push(lower);
            } else {
                end_part(&mut part);
            }
        }
    }
    end_part(&mut part);
    if letters { total.max(1) } else { 0 }
}

/// The lower-case letters of one part of a word, on the stack unless the
/// part is unusually long: `count` runs on every word of a reply.
#[derive(Default)]
struct Letters {
    inline: [char; Letters::INLINE],
    len: usize,
    /// All the letters, once there are more than `INLINE`.
    spilled: Vec<char>,
}

impl Letters {
    const INLINE: usize = 32;

    fn push(&mut self, c: char) {
        if self.len < Self::INLINE {
            self.inline[self.len] = c;
        } else {
            if self.len == Self::INLINE {
                self.spilled.extend_from_slice(&self.inline);
            }
            self.spilled.push(c);
        }
        self.len += 1;
    }

    fn as_slice(&self) -> &[char] {
        if self.len <= Self::INLINE {
            &self.inline[..self.len]
        } else {
            &self.spilled
        }
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn clear(&mut self) {
        self.len = 0;
        self.spilled.clear();
    }
}

/// Syllables of one lower-case run of letters (maybe 0: "l", "d").
fn count_part(chars: &[char], language: Language) -> usize {
    match language {
        Language::En => english(chars),
        Language::It => runs(chars, Language::It),
        Language::Es => runs(chars, Language::Es),
        Language::Pt => runs(chars, Language::Pt),
        Language::De => runs(chars, Language::De),
        Language::Fr => french(chars),
    }
}

fn is_vowel(c: char, language: Language) -> bool {
    // Most letters are ASCII: only the accented vowels need a list.
    if c.is_ascii() {
        let y = matches!(language, Language::Fr | Language::De | Language::En);
        return matches!(c, 'a' | 'e' | 'i' | 'o' | 'u') || (y && c == 'y');
    }
    let accented = match language {
        Language::It => "àèéìíòóùú",
        Language::Es => "áéíóúü",
        Language::Pt => "áâãàéêíóôõúü",
        Language::Fr => "àâéèêëîïôûùüÿœæ",
        Language::De => "äöü",
        Language::En => "",
    };
    accented.contains(c)
}

/// A vowel with a written stress (see [`Context::stressed_before`]).
fn is_stressed(c: char) -> bool {
    matches!(c, 'á' | 'é' | 'í' | 'ó' | 'ú' | 'â' | 'ê' | 'ô')
}

/// Whether the letter at `i` is a vowel: the language's vowels, plus a
/// Spanish y that ends a word after a vowel ("hoy", "muy") or stands
/// alone ("y").
fn vowel_at(chars: &[char], i: usize, language: Language) -> bool {
    let c = chars[i];
    if language == Language::Es && c == 'y' {
        let last = i + 1 == chars.len();
        return last && (i == 0 || is_vowel(chars[i - 1], language));
    }
    is_vowel(c, language)
}

/// Count syllables run by run, splitting each run of vowels by the
/// language's diphthong rules.
fn runs(chars: &[char], language: Language) -> usize {
    let mut total = 0;
    let mut i = 0;
    // Whether `chars[..scanned]` has a stressed vowel: each letter is
    // looked at once, not again for every later run.
    let mut stressed = false;
    let mut scanned = 0;
    while i < chars.len() {
        if !vowel_at(chars, i, language) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && vowel_at(chars, i, language) {
            i += 1;
        }
        stressed = stressed || chars[scanned..start].iter().any(|&c| is_stressed(c));
        scanned = start;
        let at = Context {
            before: start.checked_sub(1).map(|b| chars[b]),
            stressed_before: stressed,
        };
        total += split_run(&chars[start..i], at, language);
    }
    total
}

/// Syllables in one run of vowels: greedy, two vowels share a syllable
/// when they form a diphthong, three when they form a triphthong.
fn split_run(run: &[char], at: Context, language: Language) -> usize {
    let mut syllables = 0;
    // The vowels of the current syllable: never more than three.
    let mut current = ['\0'; 3];
    let mut len = 0;
    for (i, &v) in run.iter().enumerate() {
        let joins = match current[..len] {
            [a] => diphthong(a, v, at.at_start(i == 1), language),
            [a, b] => triphthong(a, b, v, at.at_start(i == 2), language),
            _ => false,
        };
        if joins {
            current[len] = v;
            len += 1;
        } else {
            syllables += 1;
            current[0] = v;
            len = 1;
        }
    }
    syllables
}

/// What comes before a run of vowels.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    /// The letter before the run.
    before: Option<char>,
    /// Whether a written accent marks a stressed vowel before the run
    /// (Portuguese "histó-ria": the i of "ia" is then unstressed).
    stressed_before: bool,
}

impl Context {
    /// The context of a pair or triple of vowels: the letter before only
    /// when it opens the run.
    fn at_start(self, opens_run: bool) -> Context {
        Context {
            before: if opens_run { self.before } else { None },
            ..self
        }
    }
}

/// Whether `b` glides into the syllable of `a`, in context `at`.
fn diphthong(a: char, b: char, at: Context, language: Language) -> bool {
    let before = at.before;
    match language {
        Language::It => {
            let weak = |c: char| matches!(c, 'i' | 'u');
            let strong = |c: char| matches!(c, 'a' | 'e' | 'o');
            // An accent marks the stressed vowel: it ends its syllable
            // unless an unstressed i/u glides into it ("più", "già").
            (weak(a) && b != a) || (strong(a) && weak(b))
        }
        Language::Es => {
            let weak = |c: char| matches!(c, 'i' | 'u' | 'ü' | 'y');
            let strong = |c: char| matches!(c, 'a' | 'e' | 'o' | 'á' | 'é' | 'ó');
            (weak(a) && (strong(b) || (weak(b) && b != a))) || (strong(a) && weak(b))
        }
        Language::Pt => {
            let weak = |c: char| matches!(c, 'i' | 'u');
            let strong = |c: char| "aeoáâãàéêóôõ".contains(c);
            let after_q_or_g = a == 'u' && matches!(before, Some('q' | 'g'));
            let nasal = matches!((a, b), ('ã', 'o' | 'e') | ('õ', 'e'));
            // After a written stress ("história", "série", "próprio") an
            // i/u before a vowel is unstressed: a rising diphthong.
            let rising = at.stressed_before && weak(a) && matches!(b, 'a' | 'e' | 'o');
            (strong(a) && weak(b))
                || nasal
                || rising
                || (weak(a) && weak(b) && a != b)
                || (after_q_or_g && b != 'u')
                || matches!(b, 'ü')
        }
        Language::De => matches!(
            (a, b),
            ('a', 'i' | 'u' | 'y' | 'a')
                | ('ä', 'u')
                | ('e', 'i' | 'u' | 'y' | 'e')
                | ('i', 'e')
                | ('o', 'o')
        ),
        // English and French join every run (see their own functions).
        Language::En | Language::Fr => true,
    }
}

/// Whether `c` joins the diphthong `a b`.
fn triphthong(a: char, b: char, c: char, at: Context, language: Language) -> bool {
    let before = at.before;
    match language {
        Language::It => matches!(
            (a, b, c),
            ('i', 'e', 'i') | ('u', 'o', 'i') | ('u', 'a', 'i') | ('i', 'u', 'o')
        ),
        Language::Es => {
            let weak = |c: char| matches!(c, 'i' | 'u' | 'ü' | 'y');
            weak(a) && !weak(b) && weak(c)
        }
        Language::Pt => {
            // "quais", "saguão": the u after q/g is a glide.
            a == 'u'
                && matches!(before, Some('q' | 'g'))
                && diphthong(b, c, Context::default(), language)
        }
        Language::De | Language::En | Language::Fr => false,
    }
}

/// English: runs of vowels, less the silent endings.
fn english(chars: &[char]) -> usize {
    let n = chars.len();
    // y opening a word is a consonant ("yes"), after a vowel it belongs to
    // the run ("day"), after a consonant it is a vowel ("happy").
    let vowel = |i: usize| {
        let c = chars[i];
        if c == 'y' {
            return i > 0;
        }
        is_vowel(c, Language::En)
    };
    let mut groups = 0;
    let mut in_run = false;
    for i in 0..n {
        let v = vowel(i);
        if v && !in_run {
            groups += 1;
        }
        in_run = v;
    }
    if groups <= 1 {
        return groups;
    }
    // Is the final `e` (at n-1, or before a final s/d) a run of its own,
    // after a consonant?
    let own_e = |at: usize| at >= 1 && chars[at] == 'e' && !vowel(at - 1);
    let ends = |s: &[char]| chars.ends_with(s);
    if own_e(n - 1) {
        // "make", "whole"; not "table", "little" (a syllabic -le).
        let syllabic_le = chars[n - 2] == 'l' && n >= 3 && !vowel(n - 3);
        if !syllabic_le {
            groups -= 1;
        }
    } else if ends(&['e', 's']) && own_e(n - 2) {
        // "makes", "times"; not "boxes", "pages", "places", "wishes".
        let sounded = matches!(chars[n - 3], 's' | 'x' | 'z' | 'c' | 'g')
            || (chars[n - 3] == 'h' && n >= 4 && matches!(chars[n - 4], 'c' | 's'));
        if !sounded {
            groups -= 1;
        }
    } else if ends(&['e', 'd']) && own_e(n - 2) {
        // "shipped", "received"; not "wanted", "needed".
        if !matches!(chars[n - 3], 't' | 'd') {
            groups -= 1;
        }
    }
    groups.max(1)
}

/// French: runs of vowels, split at a diaeresis and after é, less the
/// silent final e/es.
fn french(chars: &[char]) -> usize {
    let n = chars.len();
    let vowel = |i: usize| is_vowel(chars[i], Language::Fr);
    let mut groups = 0;
    let mut last_group_start = None;
    for i in 0..n {
        if !vowel(i) {
            continue;
        }
        let splits = i == 0 || !vowel(i - 1) || {
            let (a, b) = (chars[i - 1], chars[i]);
            matches!(b, 'ë' | 'ï' | 'ü' | 'ÿ')
                || a == 'é'
                || (matches!(a, 'a' | 'e' | 'o') && matches!(b, 'é' | 'è'))
        };
        if splits {
            groups += 1;
            last_group_start = Some(i);
        }
    }
    if groups <= 1 {
        return groups;
    }
    // A final e (or es) alone in its run after a consonant or an é is
    // mute: "madame", "votre", "lignes", "idée".
    let final_e = if chars[n - 1] == 'e' {
        Some(n - 1)
    } else if n >= 2 && chars[n - 1] == 's' && chars[n - 2] == 'e' {
        Some(n - 2)
    } else {
        None
    };
    if let Some(at) = final_e
        && last_group_start == Some(at)
        && at >= 1
        && (!vowel(at - 1) || chars[at - 1] == 'é')
    {
        groups -= 1;
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(language: Language, words: &[(&str, usize)]) {
        for &(word, expected) in words {
            assert_eq!(count(word, language), expected, "{language} {word:?}");
        }
    }

    #[test]
    fn english() {
        check(
            Language::En,
            &[
                ("the", 1),
                ("yes", 1),
                ("refund", 2),
                ("order", 2),
                ("today", 2),
                ("make", 1),
                ("makes", 1),
                ("whole", 1),
                ("table", 2),
                ("little", 2),
                ("boxes", 2),
                ("pages", 2),
                ("places", 2),
                ("shipped", 1),
                ("received", 2),
                ("wanted", 2),
                ("needed", 2),
                ("issued", 2),
                ("agreed", 2),
                ("customer", 3),
                ("apologise", 4),
                ("beautiful", 3),
                ("happy", 2),
                ("queue", 1),
                ("we'll", 1),
                ("e-mail", 2),
                ("Anna", 2),
                ("GmbH", 1),
                ("2024", 0),
            ],
        );
    }

    #[test]
    fn italian() {
        check(
            Language::It,
            &[
                ("gentile", 3),
                ("rimborso", 3),
                ("ordine", 3),
                ("buongiorno", 3),
                ("più", 1),
                ("già", 1),
                ("può", 1),
                ("idea", 3),
                ("aereo", 4),
                ("paese", 3),
                ("ciao", 2),
                ("quando", 2),
                ("figlio", 2),
                ("scienza", 2),
                ("miei", 1),
                ("buoi", 1),
                ("aiuola", 3),
                ("l'ordine", 3),
                ("cordiali", 3),
                ("saluti", 3),
            ],
        );
    }

    #[test]
    fn spanish() {
        check(
            Language::Es,
            &[
                ("día", 2),
                ("país", 2),
                ("ciudad", 2),
                ("cuidado", 3),
                ("pedido", 3),
                ("camino", 3),
                ("atención", 3),
                ("aéreo", 4),
                ("estimado", 4),
                ("Pérez", 2),
                ("buey", 1),
                ("hoy", 1),
                ("muy", 1),
                ("y", 1),
                ("yo", 1),
                ("que", 1),
                ("pingüino", 3),
                ("Uruguay", 3),
            ],
        );
    }

    #[test]
    fn portuguese() {
        check(
            Language::Pt,
            &[
                ("não", 1),
                ("mãe", 1),
                ("põe", 1),
                ("pedido", 3),
                ("obrigado", 4),
                ("dia", 2),
                ("enviado", 4),
                ("história", 3),
                ("experiência", 5),
                ("série", 2),
                ("próprio", 2),
                ("quando", 2),
                ("quais", 1),
                ("água", 2),
                ("coisa", 2),
                ("meu", 1),
                ("fui", 1),
                ("saída", 3),
                ("atenciosamente", 7),
            ],
        );
    }

    #[test]
    fn french() {
        check(
            Language::Fr,
            &[
                ("bonjour", 2),
                ("madame", 2),
                ("monsieur", 2),
                ("votre", 1),
                ("colis", 2),
                ("demain", 2),
                ("beaucoup", 2),
                ("aujourd'hui", 3),
                ("Noël", 2),
                ("naïf", 2),
                ("créer", 2),
                ("idée", 2),
                ("poète", 2),
                ("le", 1),
                ("lignes", 1),
                ("d'accord", 2),
            ],
        );
    }

    #[test]
    fn german() {
        check(
            Language::De,
            &[
                ("Grüßen", 2),
                ("freundlichen", 3),
                ("Paket", 2),
                ("unterwegs", 3),
                ("Nachricht", 2),
                ("vielen", 2),
                ("heute", 2),
                ("Bauer", 2),
                ("neue", 2),
                ("Feier", 2),
                ("Theater", 3),
                ("Entschuldigung", 4),
                ("Boot", 1),
                ("Haar", 1),
            ],
        );
    }

    #[test]
    fn no_letters_no_syllables() {
        for lang in Language::ALL {
            assert_eq!(count("", lang), 0);
            assert_eq!(count("42", lang), 0);
            assert_eq!(count("…", lang), 0);
            assert_eq!(count("xyz", lang), 1, "{lang}");
        }
    }
}
