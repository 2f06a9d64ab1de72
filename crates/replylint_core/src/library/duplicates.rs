//! `near-duplicate`: replies whose text is nearly the same.
//!
//! A reply's text (its sentences, without salutation, sign-off and
//! signature; placeholders as one mark; case and punctuation folded) is
//! cut into overlapping five-byte shingles, and each
//! reply gets a MinHash signature of [`BINS`] values by one-permutation
//! hashing (each shingle hashed once, into one of the bins, the least
//! hash of each bin kept; empty bins borrow from the next one). The share
//! of equal bins of two signatures estimates the Jaccard similarity of
//! their shingle sets.
//!
//! Candidates come from locality-sensitive hashing: the signature in
//! [`BANDS`] bands of [`ROWS`] values, each band hashed to a bucket; a
//! reply is compared with the first reply of each of its buckets only, so
//! the work is linear in the library (at most [`BANDS`] comparisons a
//! reply), and pairs at the default threshold of 0.7 share a bucket with
//! probability 0.988 (0.9998 at 0.8). Replies found alike are joined into clusters, each
//! reported once with all its members.

use super::translations::Groups;
use super::{Finding, Involved, LibraryOptions, NEAR_DUPLICATE, Profile, RULES, count};
use crate::rules::Context;
use std::collections::HashMap;

/// Values in a signature.
pub const BINS: usize = 64;
/// Bands of the signature for bucketing, and values in each.
pub const BANDS: usize = 16;
pub const ROWS: usize = BINS / BANDS;
/// Words a reply's text needs to be compared.
const MIN_WORDS: usize = 8;
/// Characters in a shingle.
const SHINGLE: usize = 5;

/// A reply's MinHash signature: the least 16-bit hash of each bin (two
/// different shingles share one with probability 1/65,536, which the
/// threshold does not notice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature([u16; BINS]);

impl Signature {
    /// The estimated Jaccard similarity of two signatures' texts.
    pub fn similarity(&self, other: &Signature) -> f64 {
        // Summed as numbers rather than counted, which vectorises.
        let same: u32 = self
            .0
            .iter()
            .zip(other.0.iter())
            .map(|(a, b)| u32::from(a == b))
            .sum();
        f64::from(same) / BINS as f64
    }

    /// The signature of `text` (already folded), `None` when it has no
    /// shingle. Shingles are windows of [`SHINGLE`] bytes: the folded text
    /// is mostly ASCII, and a window that cuts a character cuts it the
    /// same way in every text.
    pub fn of(text: &str) -> Option<Signature> {
        let mut shingles = Shingles::default();
        shingles.push_str(text);
        shingles.signature()
    }

    /// The bucket of band `band`.
    fn bucket(&self, band: usize) -> u64 {
        let rows = &self.0[band * ROWS..(band + 1) * ROWS];
        let packed = rows
            .iter()
            .fold(band as u64, |acc, &v| acc << 16 ^ u64::from(v));
        mix(packed ^ (band as u64) << 60)
    }
}

/// A text's shingles hashed into bins as the text is given, byte by
/// byte: a [`Signature`] without the text held.
#[derive(Debug, Clone)]
struct Shingles {
    bins: [u16; BINS],
    filled: u64,
    window: u64,
    /// Bytes, characters and spaces given so far.
    bytes: usize,
    chars: usize,
    spaces: usize,
}

impl Default for Shingles {
    fn default() -> Self {
        Shingles {
            bins: [u16::MAX; BINS],
            filled: 0,
            window: 0,
            bytes: 0,
            chars: 0,
            spaces: 0,
        }
    }
}

impl Shingles {
    fn push_byte(&mut self, b: u8) {
        self.window = (self.window << 8 | u64::from(b)) & ((1 << (8 * SHINGLE)) - 1);
        self.bytes += 1;
        if self.bytes < SHINGLE {
            return;
        }
        let h = mix(self.window);
        let bin = (h >> 58) as usize % BINS;
        let value = h as u16;
        // Without a branch: whether a hash is a bin's least so far is a
        // coin toss the processor cannot predict (a bin's first value always
        // is, every bin starting at the greatest).
        self.bins[bin] = self.bins[bin].min(value);
        self.filled |= 1 << bin;
    }

    fn push(&mut self, c: char) {
        self.chars += 1;
        if c.is_ascii() {
            self.spaces += usize::from(c == ' ');
            self.push_byte(c as u8);
        } else {
            for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
                self.push_byte(b);
            }
        }
    }

    fn push_str(&mut self, text: &str) {
        text.chars().for_each(|c| self.push(c));
    }

    /// The signature of the text given, `None` when it has no shingle.
    fn signature(&self) -> Option<Signature> {
        if self.bytes < SHINGLE {
            return None;
        }
        let (mut bins, filled) = (self.bins, self.filled);
        // Densify: an empty bin takes the next filled bin's value (mixed
        // with the distance, so that two empty bins do not look alike by
        // chance more than filled ones).
        if filled != u64::MAX {
            for b in 0..BINS {
                if filled & (1 << b) != 0 {
                    continue;
                }
                let k = (1..BINS).find(|k| filled & (1 << ((b + k) % BINS)) != 0)?;
                bins[b] = bins[(b + k) % BINS].rotate_left(k as u32) ^ k as u16;
            }
        }
        Some(Signature(bins))
    }
}

/// A 64-bit mix (the finaliser of SplitMix64): every input bit moves
/// every output bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Each ASCII byte's letter or digit in lower case, 0 for the others.
static ASCII_FOLD: [u8; 128] = {
    let mut table = [0; 128];
    let mut b: u8 = 0;
    while b < 128 {
        if b.is_ascii_alphanumeric() {
            table[b as usize] = b.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// The text compared, given character by character to `push` as it is
/// folded: the reply's prose, without its salutation line, sign-off and
/// signature ([`crate::analysis::letter::prose`]), folded (lower case,
/// typographic apostrophes straight), each run of anything but letters
/// and digits one space (none at either end), placeholders one `§`.
fn fold_prose(cx: &Context<'_>, mut push: impl FnMut(char)) {
    let body = cx.body();
    // Every placeholder starts with one of these (`{{x}}`, `[[x]]`, `<X>`,
    // `%{x}`): a body without them is not tokenized for none.
    let tokens: &[crate::analysis::tokens::Token] =
        if memchr::memchr3(b'{', b'[', b'<', body.as_bytes()).is_some()
            || memchr::memchr(b'%', body.as_bytes()).is_some()
        {
            cx.tokens()
        } else {
            &[]
        };
    let range = cx.prose_range();
    // A run of anything but letters and digits is one space, given
    // before the next letter, digit or placeholder: none at the start or
    // the end.
    let (mut space, mut started) = (false, false);
    let mut letter = |c: char, space: &mut bool, started: &mut bool| {
        if std::mem::take(space) {
            push(' ');
        }
        *started = true;
        push(c);
    };
    let mut at = range.start;
    // The text between placeholders, folded; each placeholder one `§`.
    let placeholders = tokens
        .iter()
        .filter(|t| t.kind == crate::analysis::tokens::Kind::Placeholder)
        .map(|t| t.range())
        .filter(|p| p.end > range.start && p.start < range.end);
    for p in placeholders.chain(std::iter::once(range.end..range.end)) {
        let stop = p.start.min(range.end).max(at);
        // Byte by byte where the text is ASCII (most of it), through a
        // table; character by character elsewhere.
        let bytes = &body.as_bytes()[..stop];
        let mut i = at;
        while i < stop {
            let b = bytes[i];
            if b.is_ascii() {
                match ASCII_FOLD[usize::from(b)] {
                    0 => space = started,
                    f => letter(char::from(f), &mut space, &mut started),
                }
                i += 1;
                continue;
            }
            let Some(c) = body[i..stop].chars().next() else {
                break;
            };
            if c.is_alphanumeric() {
                for f in crate::text::fold_char(c) {
                    letter(f, &mut space, &mut started);
                }
            } else {
                space = started;
            }
            i += c.len_utf8();
        }
        if p.start < p.end {
            letter('§', &mut space, &mut started);
        }
        at = p.end.max(stop);
    }
}

/// The signature of the reply `cx` lints, when it has text enough.
pub fn signature(cx: &Context<'_>, options: &LibraryOptions) -> Option<Signature> {
    // Too short before any analysis: no folded text is longer.
    if cx.body().len() < options.near_duplicate_min_chars {
        return None;
    }
    let mut shingles = Shingles::default();
    fold_prose(cx, |c| shingles.push(c));
    let min = options.near_duplicate_min_chars.max(SHINGLE);
    // A few words (a thank-you, a code) are no answer to merge.
    let words = 1 + shingles.spaces;
    if shingles.bytes < min || words < MIN_WORDS || shingles.chars < min {
        return None;
    }
    shingles.signature()
}

/// A hasher for keys that are [`mix`]ed already: it keeps them.
#[derive(Debug, Clone, Copy, Default)]
struct Mixed;

impl std::hash::BuildHasher for Mixed {
    type Hasher = Kept;
    fn build_hasher(&self) -> Kept {
        Kept(0)
    }
}

#[derive(Debug, Clone, Copy)]
struct Kept(u64);

impl std::hash::Hasher for Kept {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A union-find over replies.
struct Clusters {
    parent: Vec<u32>,
}

impl Clusters {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] as usize != x {
            let up = self.parent[x] as usize;
            self.parent[x] = self.parent[up];
            x = up;
        }
        x
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            // The earlier reply is the root: clusters are named by their
            // first member.
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            self.parent[high] = low as u32;
        }
    }
}

pub fn check<L: Clone>(
    profiles: &[Profile<L>],
    groups: &Groups,
    options: &LibraryOptions,
    out: &mut Vec<Finding<L>>,
) {
    let threshold = options.near_duplicate_threshold;
    let mut clusters = Clusters {
        parent: (0..profiles.len() as u32).collect(),
    };
    // The least similarity that joined each cluster's members.
    let mut least: foldhash::HashMap<usize, f64> = foldhash::HashMap::default();
    // The replies compared: each one's index and signature.
    let signed: Vec<(usize, &Signature)> = profiles
        .iter()
        .enumerate()
        .filter(|(_, p)| p.level(NEAR_DUPLICATE).is_some())
        .filter_map(|(i, p)| Some((i, p.signature.as_ref()?)))
        .collect();
    // Every bucket, band after band (`n` a band), worked out in one pass
    // over the signatures: the loop below reads them in order rather than
    // going back to each reply's profile for each band.
    let n = signed.len();
    let mut keys = vec![0; n * BANDS];
    for (j, (_, signature)) in signed.iter().enumerate() {
        for band in 0..BANDS {
            keys[band * n + j] = signature.bucket(band);
        }
    }
    // Band by band, so that one band's buckets are held at a time. Bucket
    // keys are hashes already: the map does not hash them again. A bucket
    // holds its first reply's place in `signed`.
    let mut buckets: HashMap<u64, u32, Mixed> = HashMap::with_capacity_and_hasher(n, Mixed);
    let mut joined = false;
    for band in 0..BANDS {
        buckets.clear();
        for (j, &key) in keys[band * n..(band + 1) * n].iter().enumerate() {
            let k = *buckets.entry(key).or_insert(j as u32) as usize;
            let ((first, theirs), (i, signature)) = (signed[k], signed[j]);
            if k == j || clusters.find(first) == clusters.find(i) || groups.together(first, i) {
                continue;
            }
            let similarity = signature.similarity(theirs);
            if similarity >= threshold {
                let (a, b) = (clusters.find(first), clusters.find(i));
                let low = least
                    .remove(&a)
                    .unwrap_or(1.0)
                    .min(least.remove(&b).unwrap_or(1.0));
                clusters.join(first, i);
                least.insert(clusters.find(i), low.min(similarity));
                joined = true;
            }
        }
    }
    drop((keys, buckets));
    if !joined {
        return;
    }
    // The members of each cluster, in order, clusters by their first
    // member (its root).
    let mut members: Vec<(u32, u32)> = profiles
        .iter()
        .enumerate()
        .filter(|(_, p)| p.signature.is_some())
        .map(|(i, _)| (clusters.find(i) as u32, i as u32))
        .collect();
    members.sort_unstable();
    for cluster in members.chunk_by(|a, b| a.0 == b.0) {
        let root = cluster[0].0 as usize;
        let all: Vec<usize> = cluster.iter().map(|&(_, i)| i as usize).collect();
        if all.len() < 2 {
            continue;
        }
        let similarity = least.get(&root).copied().unwrap_or(1.0);
        let percent = (similarity * 100.0).floor() as u32;
        let alike = if similarity >= 1.0 {
            "the same text".to_owned()
        } else {
            format!("at least {percent}% alike")
        };
        out.push(Finding {
            rule: RULES[NEAR_DUPLICATE],
            severity: profiles[root].level(NEAR_DUPLICATE).expect("on"),
            message: format!(
                "{} say nearly the same thing ({alike})",
                count(all.len(), "reply", "replies")
            ),
            help: Some("merge them into one reply, or make clear what each is for".to_owned()),
            places: all
                .iter()
                .enumerate()
                .map(|(n, &i)| Involved {
                    reply: i,
                    at: profiles[i].anchor.clone(),
                    note: if n == 0 {
                        "this reply".to_owned()
                    } else {
                        "nearly the same".to_owned()
                    },
                })
                .collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alike_texts_have_alike_signatures() {
        let a = "we have received your request and we will refund the full amount within a few days once the item is back in our warehouse";
        let b = "we have received your request and we will refund the whole amount within a few days once the item is back in our warehouse";
        let c = "thank you for your patience our team is looking into the delay of your parcel and will write again tomorrow with news";
        let (sa, sb, sc) = (
            Signature::of(a).unwrap(),
            Signature::of(b).unwrap(),
            Signature::of(c).unwrap(),
        );
        assert_eq!(sa.similarity(&sa), 1.0);
        assert!(sa.similarity(&sb) > 0.8, "{}", sa.similarity(&sb));
        assert!(sa.similarity(&sc) < 0.2, "{}", sa.similarity(&sc));
        assert_eq!(Signature::of("abcd"), None);
    }

    /// The signature made as the prose is folded is the signature of the
    /// folded text, and the folded text has no space at either end or
    /// twice in a row, whatever the body: placeholders at either end,
    /// marks, non-ASCII letters, a salutation and a sign-off.
    #[test]
    fn the_signature_folded_as_it_goes_is_the_folded_texts() {
        use crate::config::settings::{CliOverrides, Settings};
        use crate::reply::Reply;
        use crate::rules::{Context, Shared};
        let settings =
            Settings::from_text(None, &CliOverrides::default(), std::path::Path::new("."))
                .expect("default settings");
        let bodies = [
            "Hi Anna,\n\nwe have received your request and we will refund the full amount within a few days.\n\nBest regards,\nTom",
            "{{ticket.requester.first_name}}, il rimborso di 49,90 € arriverà entro 14 giorni lavorativi — grazie per la pazienza! {{agent.name}}",
            "  ... Größe ÄÖÜ straße İstanbul: «Très» bien, l’article est arrivé ?! [[name]] <Agent> %{x} fin  ",
            "¡Hola! 😊 Ya hemos enviado tu pedido; llegará en 3-5 días hábiles. Cualquier duda, escríbenos.",
            "",
            "ok",
        ];
        let folded_text = |cx: &Context<'_>| {
            let mut out = String::new();
            fold_prose(cx, |c| out.push(c));
            out
        };
        for body in bodies {
            let reply = Reply::draft(body);
            let rc = settings
                .reply_context(None, &reply.meta)
                .expect("a context");
            let shared = Shared::default();
            let cx = Context::new(&reply, &rc, &settings.rule_settings, &settings, &shared);
            let folded = folded_text(&cx);
            assert!(
                !folded.starts_with(' ') && !folded.ends_with(' '),
                "{folded:?}"
            );
            assert!(!folded.contains("  "), "{folded:?}");
            let options = LibraryOptions {
                near_duplicate_min_chars: 0,
                ..LibraryOptions::default()
            };
            let expected = (folded.split(' ').count() >= MIN_WORDS)
                .then(|| Signature::of(&folded))
                .flatten();
            assert_eq!(signature(&cx, &options), expected, "{body:?} → {folded:?}");
        }
    }
}
