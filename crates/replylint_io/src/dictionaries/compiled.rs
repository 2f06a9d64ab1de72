//! Compiled dictionaries on disk: `replylint dictionaries --compile`
//! writes the word forms of each Hunspell dictionary a run would read
//! ([`replylint_core::spelling::compiled`]) to the cache folder, and runs
//! read them in place instead of parsing the dictionary.
//!
//! A compiled file starts with a line naming the format, a line naming
//! its dictionary (both files' paths, sizes and modification times), a
//! line saying whether its forms are complete and the letters of
//! suggestions, and a line with the length and a hash of the map that
//! follows. A run uses
//! it only when the second line still describes the files and the third
//! the map; otherwise (a dictionary updated by the system, a file from
//! another version, a damaged file) the dictionary is read as if nothing
//! were compiled.
//!
//! The cache folder is `$REPLYLINT_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/replylint`, else `~/.cache/replylint`
//! (`%LOCALAPPDATA%\replylint` on Windows). `REPLYLINT_CACHE_DIR` set
//! empty turns compiled dictionaries off.

use super::Pair;
use crate::input::io_message;
use rayon::prelude::*;
use replylint_core::spelling::Variant;
use replylint_core::spelling::compiled::{self, Bytes, Forms};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The variable naming the cache folder.
pub const CACHE_VARIABLE: &str = "REPLYLINT_CACHE_DIR";

/// The first line of a compiled file: the format, and the version of the
/// reader whose verdicts the forms are (a new one may judge otherwise).
const MAGIC: &str = "replylint compiled dictionary 2 (spellbook 0.4)\n";

/// Where compiled dictionaries are kept (see the module docs); `None`
/// when the environment names no folder.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CACHE_VARIABLE) {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if cfg!(windows) {
        return var("LOCALAPPDATA").map(|d| Path::new(&d).join("replylint"));
    }
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return Some(Path::new(&dir).join("replylint"));
    }
    var("HOME").map(|h| Path::new(&h).join(".cache/replylint"))
}

/// `pair` with its paths resolved (links followed), as compiled files
/// name them; `None` when a file is missing.
fn resolved(pair: &Pair) -> Option<Pair> {
    Some(Pair {
        aff: std::fs::canonicalize(&pair.aff).ok()?,
        dic: std::fs::canonicalize(&pair.dic).ok()?,
    })
}

/// The line naming the `resolved` pair as it is now: its paths, sizes and
/// modification times; `None` when a file cannot be read.
fn identity(pair: &Pair) -> Option<String> {
    let describe = |path: &Path| -> Option<String> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(format!(
            "{} {} {}",
            path.display(),
            meta.len(),
            modified.as_nanos()
        ))
    };
    let line = format!("{}\t{}\n", describe(&pair.aff)?, describe(&pair.dic)?);
    // The line ends the header: it cannot hold one of its own.
    (line.matches('\n').count() == 1).then_some(line)
}

/// The compiled file of `variant`'s `resolved` dictionary `pair` in
/// `dir`: one per variant and `.dic` path, so that dictionaries a
/// configuration names and the system's are kept apart.
fn file_in(dir: &Path, variant: Variant, pair: &Pair) -> PathBuf {
    // FNV-1a: the same name on every run and every build.
    let hash = pair
        .dic
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    dir.join(format!("{}-{hash:016x}.forms", variant.tag()))
}

/// A compiled file mapped into memory, without its header.
struct Mapped {
    map: memmap2::Mmap,
    start: usize,
}

impl AsRef<[u8]> for Mapped {
    fn as_ref(&self) -> &[u8] {
        &self.map[self.start..]
    }
}

/// The compiled forms of `variant`'s dictionary `pair`, when they are in
/// the cache folder and still describe its files.
pub fn open(variant: Variant, pair: &Pair) -> Option<Forms> {
    open_in(&cache_dir()?, variant, pair)
}

/// [`open`], from the cache folder `dir`.
pub fn open_in(dir: &Path, variant: Variant, pair: &Pair) -> Option<Forms> {
    let pair = &resolved(pair)?;
    let path = file_in(dir, variant, pair);
    let file = std::fs::File::open(&path).ok()?;
    // SAFETY: compiled files are only ever written whole, to a temporary
    // file renamed over the old one (`compile`): a mapped file is never
    // changed while it is read.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    let header = format!("{MAGIC}{}", identity(pair)?);
    let rest = map.strip_prefix(header.as_bytes())?;
    let mut lines = rest.splitn(3, |&b| b == b'\n');
    let (about, sealed, body) = (lines.next()?, lines.next()?, lines.next()?);
    if sealed != seal(body).as_bytes() {
        return None;
    }
    let about = std::str::from_utf8(about).ok()?;
    let complete = about.split(' ').any(|f| f == "complete");
    let alphabet = about
        .split(' ')
        .find_map(|f| f.strip_prefix("try="))
        .map(|letters| letters.chars().collect());
    let start = map.len() - body.len();
    let forms = Forms::new(Bytes(Box::new(Mapped { map, start }))).ok()?;
    Some(forms.described(complete, alphabet))
}

/// The line that says what the forms are: `complete` when they are
/// ([`compiled::complete`]), and the letters of suggestions.
fn about(aff: &str) -> String {
    let mut fields = vec!["forms"];
    if compiled::complete(aff) {
        fields.push("complete");
    }
    let letters: Option<String> = compiled::alphabet(aff).map(|a| a.into_iter().collect());
    let letters = letters.map(|l| format!("try={l}"));
    fields.extend(letters.as_deref());
    format!("{}\n", fields.join(" "))
}

/// The line that ends a compiled file's header: the length and a hash of
/// the map that follows. The map's reader trusts its bytes (a damaged map
/// could make it panic): a file cut short or changed is not used.
fn seal(map: &[u8]) -> String {
    use std::hash::BuildHasher;
    let hash = foldhash::quality::FixedState::with_seed(0x7265_706c_796c_696e).hash_one(map);
    format!("{} {hash:016x}", map.len())
}

/// Most forms checked one by one with the dictionary: a dictionary whose
/// rules build more (Italian's verbs with their pronouns: 35 million) is
/// checked on [`SAMPLE`] of them, spread over the whole list, and its
/// forms are kept as built when the dictionary accepts every one of the
/// sample (checking 35 million takes minutes). When it does not, or when
/// its words' other cases must be checked ([`compiled::case_rules`]),
/// every form is checked.
const CHECK_ALL_UP_TO: usize = 3_000_000;
const SAMPLE: usize = 200_000;

/// How the forms of a compiled dictionary were checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    /// Each one, with the dictionary.
    All,
    /// This many of them, spread over the list, all accepted.
    Sample(usize),
}

/// What [`compile`] did.
#[derive(Debug)]
pub struct Compiled {
    pub path: PathBuf,
    /// The forms the rules built, and those kept.
    pub candidates: usize,
    pub forms: usize,
    pub checked: Checked,
    pub bytes: u64,
}

/// The forms a dictionary's rules build, in one string.
#[derive(Default)]
struct Built {
    text: String,
    /// Each form's start in `text` and length.
    spans: Vec<(u32, u32)>,
}

impl Built {
    fn form(&self, (start, len): (u32, u32)) -> &str {
        &self.text[start as usize..start as usize + len as usize]
    }
}

/// Compile `variant`'s dictionary `pair` into the cache folder.
pub fn compile(variant: Variant, pair: &Pair) -> Result<Compiled, String> {
    let dir = cache_dir().ok_or_else(|| {
        format!("no cache folder: set `{CACHE_VARIABLE}`, `XDG_CACHE_HOME` or `HOME`")
    })?;
    compile_into(&dir, variant, pair)
}

/// [`compile`], into the cache folder `dir`.
pub fn compile_into(dir: &Path, variant: Variant, pair: &Pair) -> Result<Compiled, String> {
    let pair = &resolved(pair).ok_or_else(|| format!("{}: cannot be read", pair.dic.display()))?;
    let identity =
        identity(pair).ok_or_else(|| format!("{}: cannot be read", pair.dic.display()))?;
    let files = pair.read()?;
    let dictionary = spellbook::Dictionary::new(&files.aff, &files.dic)
        .map_err(|e| format!("{}: {e}", files.origin))?;
    let mut built = Built::default();
    let mut overflow = false;
    compiled::candidates(&files.aff, &files.dic, |form| {
        match (u32::try_from(built.text.len()), u32::try_from(form.len())) {
            (Ok(start), Ok(len)) if built.text.len() + form.len() <= u32::MAX as usize => {
                built.spans.push((start, len));
                built.text.push_str(&form);
            }
            _ => overflow = true,
        }
    });
    if overflow {
        return Err(format!(
            "{}: its rules build more than 4 GiB of word forms",
            files.origin
        ));
    }
    let mut spans = std::mem::take(&mut built.spans);
    spans.par_sort_unstable_by(|&a, &b| built.form(a).cmp(built.form(b)));
    spans.dedup_by(|a, b| built.form(*a) == built.form(*b));
    let by_rule = compiled::case_rules(&files.aff);
    let check = |&span: &(u32, u32)| compiled::verified(&dictionary, built.form(span), by_rule);
    let sampled = by_rule && spans.len() > CHECK_ALL_UP_TO && {
        let step = spans.len() / SAMPLE;
        spans
            .par_iter()
            .step_by(step)
            .all(|span| check(span).is_some())
    };
    let (flags, checked): (Vec<Option<u64>>, Checked) = if sampled {
        let flags = spans
            .par_iter()
            .map(|&span| Some(compiled::case_flags(built.form(span))))
            .collect();
        (
            flags,
            Checked::Sample(spans.len().div_ceil(spans.len() / SAMPLE)),
        )
    } else {
        (spans.par_iter().map(check).collect(), Checked::All)
    };
    let kept = spans
        .iter()
        .zip(&flags)
        .filter_map(|(&span, flags)| Some((built.form(span), (*flags)?)));
    let map = compiled::build(kept)?;
    let forms = flags.iter().flatten().count();
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {}", dir.display(), io_message(&e)))?;
    let path = file_in(dir, variant, pair);
    let failed = |e: std::io::Error| format!("{}: {}", path.display(), io_message(&e));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    file.write_all(MAGIC.as_bytes()).map_err(failed)?;
    file.write_all(identity.as_bytes()).map_err(failed)?;
    file.write_all(about(&files.aff).as_bytes())
        .map_err(failed)?;
    file.write_all(format!("{}\n", seal(&map)).as_bytes())
        .map_err(failed)?;
    file.write_all(&map).map_err(failed)?;
    file.persist(&path).map_err(|e| failed(e.error))?;
    Ok(Compiled {
        bytes: std::fs::metadata(&path).map_or(0, |m| m.len()),
        path,
        candidates: spans.len(),
        forms,
        checked,
    })
}
