//! `near-duplicate`: replies whose text is nearly the same.
//!
//! A reply's text (its sentences, without salutation, sign-off and
//! signature; placeholders as one mark; case, accents and punctuation
//! folded) is cut into overlapping five-character shingles, and each
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
use std::hash::BuildHasher;

/// Values in a signature.
pub const BINS: usize = 64;
/// Bands of the signature for bucketing, and values in each.
pub const BANDS: usize = 16;
pub const ROWS: usize = BINS / BANDS;
/// Characters in a shingle.
const SHINGLE: usize = 5;

/// A reply's MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(Box<[u32; BINS]>);

impl Signature {
    /// The estimated Jaccard similarity of two signatures' texts.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / BINS as f64
    }

    /// The signature of `text` (already folded), `None` when it has no
    /// shingle.
    pub fn of(text: &str) -> Option<Signature> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        if chars.len() < SHINGLE {
            return None;
        }
        let hasher = foldhash::fast::FixedState::with_seed(0x5eed);
        let mut bins = [u32::MAX; BINS];
        let mut filled = [false; BINS];
        for w in 0..=chars.len() - SHINGLE {
            let start = chars[w].0;
            let end = chars.get(w + SHINGLE).map_or(text.len(), |c| c.0);
            let h = hasher.hash_one(&text[start..end]);
            let bin = (h >> 58) as usize % BINS;
            let value = h as u32;
            if value <= bins[bin] {
                bins[bin] = value;
                filled[bin] = true;
            }
        }
        // Densify: an empty bin takes the next filled bin's value (mixed
        // with the distance, so two empty bins do not look alike by
        // chance more than filled ones).
        if filled.iter().any(|f| !f) {
            for b in 0..BINS {
                if filled[b] {
                    continue;
                }
                let k = (1..BINS).find(|k| filled[(b + k) % BINS])?;
                bins[b] = bins[(b + k) % BINS].rotate_left(k as u32) ^ k as u32;
            }
        }
        Some(Signature(Box::new(bins)))
    }

    /// The bucket of each band.
    fn buckets(&self) -> [u64; BANDS] {
        let hasher = foldhash::fast::FixedState::with_seed(0xba2d);
        std::array::from_fn(|band| hasher.hash_one((band, &self.0[band * ROWS..(band + 1) * ROWS])))
    }
}

/// The text compared: the reply's sentences without its salutation line,
/// sign-off and signature, folded (lower case, no accents), each run of
/// anything but letters and digits one space, placeholders one `§`.
pub fn folded_text(cx: &Context<'_>) -> String {
    let body = cx.body();
    let placeholders: Vec<std::ops::Range<usize>> = cx
        .tokens()
        .iter()
        .filter(|t| t.kind == crate::analysis::tokens::Kind::Placeholder)
        .map(|t| t.range.clone())
        .collect();
    let mut out = String::new();
    let mut space = true;
    for sentence in cx.prose_sentences() {
        let mut at = sentence.start;
        while at < sentence.end {
            if let Some(p) = placeholders.iter().find(|p| p.start == at) {
                out.push('§');
                space = false;
                at = p.end.max(at + 1);
                continue;
            }
            let Some(c) = body[at..].chars().next() else {
                break;
            };
            at += c.len_utf8();
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    out.push_str(&crate::text::strip_accents(l.encode_utf8(&mut [0; 4])));
                }
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
        if !space {
            out.push(' ');
            space = true;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// The signature of the reply `cx` lints, when it has text enough.
pub fn signature(cx: &Context<'_>, options: &LibraryOptions) -> Option<Signature> {
    let text = folded_text(cx);
    if text.chars().count() < options.near_duplicate_min_chars.max(SHINGLE) {
        return None;
    }
    Signature::of(&text)
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
    let mut least: HashMap<usize, f64> = HashMap::new();
    let mut buckets: HashMap<u64, u32> = HashMap::new();
    let mut joined = false;
    for (i, p) in profiles.iter().enumerate() {
        let Some(signature) = p
            .signature
            .as_ref()
            .filter(|_| p.level(NEAR_DUPLICATE).is_some())
        else {
            continue;
        };
        for bucket in signature.buckets() {
            let first = *buckets.entry(bucket).or_insert(i as u32) as usize;
            if first == i || clusters.find(first) == clusters.find(i) || groups.together(first, i) {
                continue;
            }
            let Some(theirs) = &profiles[first].signature else {
                continue;
            };
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
    if !joined {
        return;
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, p) in profiles.iter().enumerate() {
        if p.signature.is_some() {
            let root = clusters.find(i);
            members.entry(root).or_default().push(i);
        }
    }
    let mut roots: Vec<usize> = members.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        let all = members.remove(&root).unwrap_or_default();
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
}
