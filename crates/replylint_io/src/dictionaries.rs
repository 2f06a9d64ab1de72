//! Finding the spelling dictionaries and the team's word files on disk:
//! the [`DictionarySource`] of a run, and the words of `[spelling]
//! accept-files` and `reject-files`.
//!
//! A variant's Hunspell files are looked for, in order:
//! 1. where `[spelling] dictionaries` says (relative to the config file);
//! 2. in the folders of `$REPLYLINT_DICTIONARY_PATH` (`:`-separated), when
//!    it is set: it replaces the next step, for runs that must not depend
//!    on what the machine has installed;
//! 3. otherwise in the folders of `$DICPATH` (Hunspell's variable), then
//!    `/usr/share/hunspell`, `/usr/share/myspell`,
//!    `/usr/share/myspell/dicts`, `/usr/local/share/hunspell`,
//!    `/Library/Spelling` and `~/Library/Spelling`.
//!
//! In each folder under the names of [`Variant::file_names`]
//! (`it_IT.aff` and `it_IT.dic`). English (en-US) is built in and used
//! unless the configuration names files for it.

pub mod compiled;

use crate::input::io_message;
use replylint_core::config::{ConfigError, Settings};
use replylint_core::spelling::compiled::Forms;
use replylint_core::spelling::{DictionarySource, HunspellFiles, Speller, Variant};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The variable whose folders replace the usual ones.
pub const PATH_VARIABLE: &str = "REPLYLINT_DICTIONARY_PATH";

/// Where dictionaries not named by the configuration are looked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DictionarySearch {
    pub dirs: Vec<PathBuf>,
}

impl DictionarySearch {
    /// The folders the process's environment gives (see the module docs).
    pub fn from_env() -> DictionarySearch {
        let split = |v: std::ffi::OsString| -> Vec<PathBuf> {
            std::env::split_paths(&v)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        };
        if let Some(own) = std::env::var_os(PATH_VARIABLE) {
            return DictionarySearch { dirs: split(own) };
        }
        let mut dirs = std::env::var_os("DICPATH").map(split).unwrap_or_default();
        dirs.extend(
            [
                "/usr/share/hunspell",
                "/usr/share/myspell",
                "/usr/share/myspell/dicts",
                "/usr/local/share/hunspell",
                "/Library/Spelling",
            ]
            .map(PathBuf::from),
        );
        if let Some(home) = std::env::var_os("HOME") {
            dirs.push(Path::new(&home).join("Library/Spelling"));
        }
        DictionarySearch { dirs }
    }

    /// No folder: only dictionaries the configuration names.
    pub fn none() -> DictionarySearch {
        DictionarySearch::default()
    }
}

/// Dictionaries on disk: those the configuration names, then the search
/// folders.
#[derive(Debug)]
struct OnDisk {
    named: BTreeMap<Variant, PathBuf>,
    search: DictionarySearch,
}

impl OnDisk {
    /// The `.aff` and `.dic` files of `variant`, if any: those the
    /// configuration names (whether they exist or not), or the first pair
    /// of the search folders.
    fn find(&self, variant: Variant) -> Option<Pair> {
        if let Some(path) = self.named.get(&variant) {
            return Some(Pair::of(path));
        }
        if variant == Variant::EnUs {
            return None;
        }
        self.search.dirs.iter().find_map(|dir| {
            variant.file_names().iter().find_map(|name| {
                let pair = Pair::of(&dir.join(name));
                (pair.dic.is_file() && pair.aff.is_file()).then_some(pair)
            })
        })
    }
}

impl DictionarySource for OnDisk {
    fn load(&self, variant: Variant) -> Option<Result<HunspellFiles, String>> {
        self.find(variant).map(|pair| pair.read())
    }

    fn compiled(&self, variant: Variant) -> Option<Forms> {
        compiled::open(variant, &self.find(variant)?)
    }

    fn searched(&self) -> String {
        if self.search.dirs.is_empty() {
            return format!("no folder: `{PATH_VARIABLE}` is empty");
        }
        self.search
            .dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The two files of a Hunspell dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub aff: PathBuf,
    pub dic: PathBuf,
}

impl Pair {
    /// The files of `path`: either file, or both without their
    /// extension.
    pub fn of(path: &Path) -> Pair {
        let base = match path.extension().and_then(|e| e.to_str()) {
            Some("dic" | "aff") => path.with_extension(""),
            _ => path.to_owned(),
        };
        // `it_IT` has no extension to replace, `de_DE_frami` neither.
        let with = |ext: &str| {
            let mut p = base.clone().into_os_string();
            p.push(".");
            p.push(ext);
            PathBuf::from(p)
        };
        Pair {
            aff: with("aff"),
            dic: with("dic"),
        }
    }

    fn read(&self) -> Result<HunspellFiles, String> {
        Ok(HunspellFiles {
            aff: read_text(&self.aff)?,
            dic: read_text(&self.dic)?,
            origin: self.dic.display().to_string(),
        })
    }
}

/// The `.aff` and `.dic` files of `path` (either file, or both without
/// their extension).
#[cfg(test)]
fn read_pair(path: &Path) -> Result<HunspellFiles, String> {
    Pair::of(path).read()
}

/// A dictionary file as text: UTF-8, or ISO 8859-1/-15 as its `SET` line
/// may say (older dictionaries), read as UTF-8 with that line changed.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("{}: {}", path.display(), io_message(&e)))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_owned)
            .unwrap_or(text)),
        Err(e) => {
            let bytes = e.into_bytes();
            let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
            let set = latin1
                .lines()
                .find_map(|l| l.strip_prefix("SET "))
                .map(|s| s.trim().to_ascii_uppercase());
            match set.as_deref() {
                Some("ISO8859-1" | "ISO8859-15" | "ISO-8859-1" | "ISO-8859-15") | None
                    if path.extension().is_some_and(|e| e == "dic") || set.is_some() =>
                {
                    Ok(latin1
                        .lines()
                        .map(|l| {
                            if l.starts_with("SET ") {
                                "SET UTF-8"
                            } else {
                                l
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n"))
                }
                Some(other) => Err(format!(
                    "{}: encoding {other} is not supported (convert the dictionary to UTF-8)",
                    path.display()
                )),
                None => Err(format!("{}: not UTF-8 and no `SET` line", path.display())),
            }
        }
    }
}

/// Give `settings` the speller of a run: the dictionaries on disk and the
/// team's words, inline and from the files `[spelling]` names.
pub fn attach(
    settings: &mut Settings,
    config: Option<(&Path, &str)>,
    search: &DictionarySearch,
) -> Result<(), ConfigError> {
    let options = settings.rule_settings.spelling.clone();
    let root = settings.root.clone();
    let mut team = options.inline_words();
    let error = |file: &str, message: String| match config {
        Some((path, text)) => {
            let at = text
                .find(&format!("\"{file}\""))
                .or_else(|| text.find(&format!("'{file}'")));
            ConfigError::at(path, text, at, message)
        }
        None => ConfigError::cli(message),
    };
    let read_list = |key: &str, file: &String| -> Result<Vec<String>, ConfigError> {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            error(
                file,
                format!(
                    "`spelling.{key}`: cannot read `{}`: {}",
                    path.display(),
                    io_message(&e)
                ),
            )
        })?;
        Ok(text
            .lines()
            .map(|l| l.split_once('#').map_or(l, |(w, _)| w).trim())
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect())
    };
    for file in options.accept_files.iter().flatten() {
        team.accept.extend(read_list("accept-files", file)?);
    }
    for file in options.reject_files.iter().flatten() {
        team.reject.extend(read_list("reject-files", file)?);
    }
    let source = on_disk(settings, search);
    settings.rule_settings.speller = Arc::new(Speller::new(Box::new(source), team));
    Ok(())
}

/// The dictionaries `settings` name, and the search folders.
fn on_disk(settings: &Settings, search: &DictionarySearch) -> OnDisk {
    let named = settings
        .rule_settings
        .spelling
        .dictionaries
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(|(v, p)| (v, settings.root.join(p)))
        .collect();
    OnDisk {
        named,
        search: search.clone(),
    }
}

/// The files each variant's dictionary would be read from in a run with
/// `settings`: `None` for en-US without files named (it is built in) and
/// for a variant with no dictionary found.
pub fn found(settings: &Settings, search: &DictionarySearch) -> Vec<(Variant, Option<Pair>)> {
    let source = on_disk(settings, search);
    Variant::ALL
        .into_iter()
        .map(|v| (v, source.find(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_found_by_base_or_either_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("it_IT.aff"), "SET UTF-8\n").unwrap();
        std::fs::write(dir.path().join("it_IT.dic"), "1\nciao\n").unwrap();
        for p in ["it_IT", "it_IT.dic", "it_IT.aff"] {
            let files = read_pair(&dir.path().join(p)).unwrap();
            assert_eq!(files.dic, "1\nciao\n");
        }
        let missing = read_pair(&dir.path().join("es_ES")).unwrap_err();
        assert!(missing.contains("es_ES.aff"), "{missing}");
    }

    #[test]
    fn latin1_dictionaries_are_read_as_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let aff = dir.path().join("de.aff");
        std::fs::write(&aff, b"SET ISO8859-1\nTRY \xe4\xf6\xfc\n").unwrap();
        assert_eq!(read_text(&aff).unwrap(), "SET UTF-8\nTRY äöü");
        let odd = dir.path().join("x.aff");
        std::fs::write(&odd, b"SET KOI8-R\nTRY \xe4\n").unwrap();
        assert!(read_text(&odd).unwrap_err().contains("KOI8-R"));
    }

    #[test]
    fn the_search_finds_a_variant_by_its_file_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("fr.aff"), "SET UTF-8\n").unwrap();
        std::fs::write(dir.path().join("fr.dic"), "1\nbonjour\n").unwrap();
        let source = OnDisk {
            named: BTreeMap::new(),
            search: DictionarySearch {
                dirs: vec![dir.path().join("absent"), dir.path().to_owned()],
            },
        };
        assert!(source.load(Variant::Fr).unwrap().is_ok());
        assert!(source.load(Variant::It).is_none());
        assert!(source.load(Variant::EnUs).is_none());
        assert!(source.searched().contains("absent"));
    }
}
