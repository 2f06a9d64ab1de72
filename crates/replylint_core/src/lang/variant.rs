//! Spelling variants of the six languages: the dictionary a reply is
//! spell-checked with (`en-US` or `en-GB`, `pt-PT` or `pt-BR`).

use super::Language;
use std::fmt;
use std::str::FromStr;

/// One spelling dictionary's variety of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Variant {
    EnUs,
    EnGb,
    It,
    Es,
    Fr,
    De,
    PtPt,
    PtBr,
}

impl Variant {
    pub const ALL: [Variant; 8] = [
        Variant::EnUs,
        Variant::EnGb,
        Variant::It,
        Variant::Es,
        Variant::Fr,
        Variant::De,
        Variant::PtPt,
        Variant::PtBr,
    ];

    /// Its position in [`Variant::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    pub const fn language(self) -> Language {
        match self {
            Variant::EnUs | Variant::EnGb => Language::En,
            Variant::It => Language::It,
            Variant::Es => Language::Es,
            Variant::Fr => Language::Fr,
            Variant::De => Language::De,
            Variant::PtPt | Variant::PtBr => Language::Pt,
        }
    }

    /// The BCP 47 tag it is written as in the configuration.
    pub const fn tag(self) -> &'static str {
        match self {
            Variant::EnUs => "en-US",
            Variant::EnGb => "en-GB",
            Variant::It => "it-IT",
            Variant::Es => "es-ES",
            Variant::Fr => "fr-FR",
            Variant::De => "de-DE",
            Variant::PtPt => "pt-PT",
            Variant::PtBr => "pt-BR",
        }
    }

    /// The names a Hunspell dictionary of it has (`it_IT.aff`/`.dic`), the
    /// usual one first.
    pub const fn file_names(self) -> &'static [&'static str] {
        match self {
            Variant::EnUs => &["en_US"],
            Variant::EnGb => &["en_GB"],
            Variant::It => &["it_IT", "it"],
            Variant::Es => &["es_ES", "es"],
            Variant::Fr => &["fr_FR", "fr"],
            Variant::De => &["de_DE", "de"],
            Variant::PtPt => &["pt_PT"],
            Variant::PtBr => &["pt_BR"],
        }
    }

    /// The Debian and Ubuntu package that installs it.
    pub const fn package(self) -> &'static str {
        match self {
            Variant::EnUs => "hunspell-en-us",
            Variant::EnGb => "hunspell-en-gb",
            Variant::It => "hunspell-it",
            Variant::Es => "hunspell-es",
            Variant::Fr => "hunspell-fr",
            Variant::De => "hunspell-de-de",
            Variant::PtPt => "hunspell-pt-pt",
            Variant::PtBr => "hunspell-pt-br",
        }
    }

    /// The variants a reply in `language` is checked with when the
    /// configuration chooses none: `en-US` (British spellings are accepted
    /// besides, see [`crate::spelling`]), either Portuguese, the one
    /// dictionary of the other languages.
    pub const fn defaults(language: Language) -> &'static [Variant] {
        match language {
            Language::En => &[Variant::EnUs],
            Language::It => &[Variant::It],
            Language::Es => &[Variant::Es],
            Language::Fr => &[Variant::Fr],
            Language::De => &[Variant::De],
            Language::Pt => &[Variant::PtPt, Variant::PtBr],
        }
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl FromStr for Variant {
    type Err = String;

    /// `en-US`, `en_us`, `pt-BR`…; a bare language code names its only
    /// variant (`it`), not English or Portuguese, which have two.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let tag = s.trim().replace('_', "-").to_ascii_lowercase();
        let found = Variant::ALL
            .into_iter()
            .find(|v| v.tag().eq_ignore_ascii_case(&tag))
            .or_else(|| {
                let language = tag.parse::<Language>().ok()?;
                match Variant::defaults(language) {
                    [only] if language != Language::En => Some(*only),
                    _ => None,
                }
            });
        found.ok_or_else(|| {
            crate::suggest::unknown("spelling variant", s, Variant::ALL.iter().map(|v| v.tag()))
        })
    }
}

impl serde::Serialize for Variant {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}

impl<'de> serde::Deserialize<'de> for Variant {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(d)?;
        tag.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_in_any_case_and_separator() {
        assert_eq!("en-GB".parse(), Ok(Variant::EnGb));
        assert_eq!("pt_br".parse(), Ok(Variant::PtBr));
        assert_eq!("it".parse(), Ok(Variant::It));
        assert_eq!("IT-it".parse(), Ok(Variant::It));
        for v in Variant::ALL {
            assert_eq!(v.tag().parse(), Ok(v));
            assert_eq!(Variant::ALL[v.index()], v);
        }
    }

    #[test]
    fn ambiguous_or_unknown_tags_are_errors() {
        let en = "en".parse::<Variant>().unwrap_err();
        assert!(en.contains("`en-"), "{en}");
        assert!("pt".parse::<Variant>().is_err());
        assert!("en-AU".parse::<Variant>().is_err());
    }
}
