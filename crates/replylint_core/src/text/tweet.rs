//! Tweet weight, exactly as twitter-text 3.1.0's `parseTweet` counts it.
//!
//! The text is NFC-normalised; a code point weighs 1 in the ranges 0–4351,
//! U+2000–200D, U+2010–201F and U+2032–2037 and 2 elsewhere; every URL
//! twitter-text recognises (with or without a scheme) weighs 23; under the
//! v3 weighting every emoji sequence of twemoji-parser's list weighs 2.
//! U+FFFE, U+FEFF and U+FFFF make a tweet invalid, and so does an empty one.
//!
//! URLs are found the way twitter-text finds them, not the way a generic
//! linkifier does, because the count must agree with the platform: the top
//! level domain must be one of twitter-text's list (`ordine.Il` is a URL,
//! `file.txt` is not), a scheme-less URL must not follow a letter, digit,
//! `@`, `$`, `#`, `-`, `_`, `.` or `/`, a scheme-less URL keeps its path but
//! not a query or port without a path, and a host label longer than 63
//! characters once punycode-encoded is no URL. The top-level domains and the
//! emoji expression are generated from the npm packages by
//! `scripts/gen-tweet-data.mjs` (see `src/text/data/`).
//!
//! Where the platform's library and a literal reading of the counting rules
//! disagree, the library wins, as the platform runs it: a ZWJ sequence newer
//! than twemoji-parser 11 (Emoji 11) is counted part by part (`🧑‍💻` weighs 5:
//! 2 + 1 for the joiner + 2), and an emoji that twemoji-parser only knows with
//! its presentation selector (`©️`, `™️`) weighs 2 only with it. The
//! library's quirks are kept too: a non-ASCII letter opening the text is
//! taken for the character before a URL (`über.de` weighs 1 + 23), balanced
//! parentheses can be a path segment but cannot end a longer one, and
//! JavaScript's UTF-16 view shows through (a URL right after an emoji, a
//! URL whose string ends inside a surrogate pair).
//!
//! A reply's leading @handles are not counted on the `twitter` channel
//! ([`LeadingMentions::Skip`]); the conformance cases count whole tweets
//! ([`LeadingMentions::Count`]).

use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The weight of every URL.
pub const URL_WEIGHT: u64 = 23;

/// Maximum weighted length of a tweet.
pub const MAX_WEIGHTED_LENGTH: u64 = 280;

/// The characters that make a tweet invalid wherever they are.
pub const INVALID_CHARACTERS: [char; 3] = ['\u{FFFE}', '\u{FEFF}', '\u{FFFF}'];

/// Longest URL twitter-text accepts, in UTF-16 units with its scheme.
const MAX_URL_LENGTH: usize = 4096;

/// Longest t.co slug.
const MAX_TCO_SLUG_LENGTH: usize = 40;

/// Longest DNS label, punycode-encoded.
const MAX_DOMAIN_LABEL_LENGTH: usize = 63;

/// The weighting configurations of twitter-text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighting {
    /// Config v2: every code point weighs by its range, emoji included.
    V2,
    /// Config v3, the one in force: an emoji sequence weighs 2.
    V3,
}

/// Whether the @handles that open a reply count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadingMentions {
    /// Count the whole text (a tweet as twitter-text sees it).
    Count,
    /// Skip the handles and the blanks after them (a reply as X counts it).
    Skip,
}

/// A text counted as a tweet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tweet {
    pub weighted_length: u64,
    /// No invalid character, and a weighted length in 1..=280.
    pub valid: bool,
    /// `(byte offset, weight)` of each counted piece (a URL, an emoji
    /// sequence or a character), offsets into the original text.
    pub pieces: Vec<(usize, u64)>,
    /// Byte offset where counting starts: after the leading @handles when
    /// they are skipped, else 0.
    pub counted_from: usize,
}

/// Count `text` as a tweet.
pub fn parse(text: &str, weighting: Weighting, mentions: LeadingMentions) -> Tweet {
    let counted_from = match mentions {
        LeadingMentions::Count => 0,
        LeadingMentions::Skip => leading_mentions_end(text),
    };
    let body = &text[counted_from..];
    let normalized = Normalized::new(body);
    let mut pieces = Vec::new();
    let mut weighted_length = 0;
    let mut valid = true;
    for piece in count_pieces(&normalized.text, weighting) {
        weighted_length += piece.weight;
        valid &= !piece.invalid;
        pieces.push((
            counted_from + normalized.original(piece.start),
            piece.weight,
        ));
    }
    Tweet {
        weighted_length,
        valid: valid && weighted_length > 0 && weighted_length <= MAX_WEIGHTED_LENGTH,
        pieces,
        counted_from,
    }
}

/// `(byte offset, weight)` of each counted piece of a reply on X (v3
/// weighting, leading @handles skipped).
pub fn pieces(text: &str) -> Vec<(usize, u64)> {
    parse(text, Weighting::V3, LeadingMentions::Skip).pieces
}

/// Weighted length of a reply on X (v3 weighting, leading @handles skipped).
pub fn weighted_length(text: &str) -> u64 {
    parse(text, Weighting::V3, LeadingMentions::Skip).weighted_length
}

/// Byte offsets of the characters that make a tweet invalid (U+FFFE,
/// U+FEFF, U+FFFF), with the character.
pub fn invalid_characters(text: &str) -> Vec<(usize, char)> {
    text.char_indices()
        .filter(|(_, c)| INVALID_CHARACTERS.contains(c))
        .collect()
}

/// Weight of one code point.
pub fn char_weight(c: char) -> u64 {
    match u32::from(c) {
        0..=4351 | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

/// Byte ranges of the URLs twitter-text finds in `text` (each weighs
/// [`URL_WEIGHT`]). `text` should be NFC-normalised, as tweets are.
pub fn urls(text: &str) -> Vec<Range<usize>> {
    extract_urls(text)
        .into_iter()
        .map(|u| u.start..advance_utf16(text, u.start, u.units))
        .collect()
}

/// End of the @handles (and the blanks after them) that open `text`.
fn leading_mentions_end(text: &str) -> usize {
    let mut end = 0;
    let mut rest = text;
    loop {
        let Some(after_at) = rest
            .strip_prefix('@')
            .or_else(|| rest.strip_prefix('\u{FF20}'))
        else {
            return end;
        };
        let handle = after_at
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let after = &after_at[handle..];
        if !(1..=15).contains(&handle) || after.chars().next().is_some_and(|c| !c.is_whitespace()) {
            return end;
        }
        let blanks = after.len() - after.trim_start().len();
        end += (rest.len() - after.len()) + blanks;
        rest = &after[blanks..];
    }
}

/// The NFC form of a text, with a map back to the original's offsets.
struct Normalized {
    text: String,
    /// `(offset in text, offset in the original)` where each original
    /// grapheme cluster starts; empty when the text was already NFC.
    chunks: Vec<(usize, usize)>,
}

impl Normalized {
    fn new(original: &str) -> Self {
        if unicode_normalization::is_nfc(original) {
            return Normalized {
                text: original.to_owned(),
                chunks: Vec::new(),
            };
        }
        // Cluster by cluster, so that every piece maps back to the cluster
        // it came from; the whole text's NFC if that ever differs.
        let mut text = String::with_capacity(original.len());
        let mut chunks = Vec::new();
        for (i, g) in original.grapheme_indices(true) {
            chunks.push((text.len(), i));
            text.extend(g.nfc());
        }
        let whole: String = original.nfc().collect();
        if whole != text {
            return Normalized {
                text: whole,
                chunks: vec![(0, 0)],
            };
        }
        Normalized { text, chunks }
    }

    /// Offset in the original of the cluster holding normalised offset `at`.
    fn original(&self, at: usize) -> usize {
        if self.chunks.is_empty() {
            return at;
        }
        let i = self.chunks.partition_point(|&(n, _)| n <= at);
        self.chunks[i.saturating_sub(1)].1
    }
}

/// One step of `parseTweet`'s loop.
struct Piece {
    start: usize,
    weight: u64,
    /// The piece's last UTF-16 unit is an invalid character.
    invalid: bool,
}

/// The pieces of an NFC text, as `parseTweet` walks it.
fn count_pieces(text: &str, weighting: Weighting) -> Vec<Piece> {
    let urls: HashMap<usize, usize> = extract_urls(text)
        .into_iter()
        .map(|u| (u.start, u.units))
        .collect();
    let emoji: HashMap<usize, usize> = match weighting {
        Weighting::V2 => HashMap::new(),
        // Most replies, accents and typographic punctuation and all, have
        // none of the characters emoji are made of, and need not build the
        // expression.
        Weighting::V3 if !text.chars().any(may_be_in_emoji) => HashMap::new(),
        Weighting::V3 => EMOJI
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect(),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let (end, weight) = if let Some(&units) = urls.get(&i) {
            let end = advance_utf16(text, i, units);
            let over = utf16_len(&text[i..end]) > units;
            if over {
                // The URL's string is shorter than the text it stands on and
                // ends inside a surrogate pair: the low surrogate left over
                // weighs 2 on its own.
                let last = text[..end].chars().next_back().map_or(0, char::len_utf8);
                out.push(Piece {
                    start: i,
                    weight: URL_WEIGHT,
                    invalid: false,
                });
                out.push(Piece {
                    start: end - last,
                    weight: 2,
                    invalid: false,
                });
                i = end;
                continue;
            }
            (end, URL_WEIGHT)
        } else if let Some(&end) = emoji.get(&i) {
            (end, 2)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (i + c.len_utf8(), char_weight(c))
        };
        let invalid = text[i..end]
            .chars()
            .next_back()
            .is_some_and(|c| INVALID_CHARACTERS.contains(&c));
        out.push(Piece {
            start: i,
            weight,
            invalid,
        });
        i = end.max(i + 1);
    }
    out
}

/// The offset `units` UTF-16 units after `start` (at least one character,
/// at most the end of the text).
fn advance_utf16(text: &str, start: usize, units: usize) -> usize {
    let mut seen = 0;
    let mut end = start;
    for c in text[start..].chars() {
        if seen >= units && end > start {
            break;
        }
        seen += c.len_utf16();
        end += c.len_utf8();
    }
    end
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

// ---- Emoji -----------------------------------------------------------------

/// The source of twemoji-parser's emoji expression (generated; see
/// `data/`).
fn emoji_source() -> String {
    include_str!("data/twemoji-regex.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect()
}

/// twemoji-parser's emoji expression. Building it takes about 5.7 M
/// instructions, over a quarter of what checking one draft takes.
static EMOJI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&emoji_source()).expect("the generated emoji expression is valid"));

/// Whether `c` may be part of a match of [`EMOJI`]: the expression's
/// characters other than ASCII (its ASCII ones, the digits, `#` and `*` of
/// keycaps, never match without U+20E3), in fewer, wider ranges (a test
/// checks that they hold all of them). Not Latin letters, general
/// punctuation (U+2010–U+2027: dashes, quotes, `…`), `€` or CJK text.
fn may_be_in_emoji(c: char) -> bool {
    matches!(c,
        '\u{A9}' | '\u{AE}' | '\u{200D}' | '\u{203C}' | '\u{2049}' | '\u{20E3}'
        | '\u{2122}'..='\u{2B55}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}' | '\u{E50A}' | '\u{FE0F}'
        | '\u{1F004}'..='\u{1F9FF}'
        | '\u{E0062}'..='\u{E007F}'
    )
}

// ---- URLs ------------------------------------------------------------------

/// twitter-text's top-level domains by their first character (case-folded
/// as JavaScript's `i` flag does), in the order its expression tries them.
static TLDS: LazyLock<HashMap<char, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: HashMap<char, Vec<&'static str>> = HashMap::new();
    for tld in include_str!("data/twitter-text-tlds.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if let Some(c) = tld.chars().next() {
            map.entry(canonicalize(c)).or_default().push(tld);
        }
    }
    map
});

/// `latinAccentChars`, as a class body.
const LATIN_ACCENTS: &str = r"\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{FF}\x{100}-\x{24F}\x{253}\x{254}\x{256}\x{257}\x{259}\x{25B}\x{263}\x{268}\x{26F}\x{272}\x{289}\x{28B}\x{2BB}\x{300}-\x{36F}\x{1E00}-\x{1EFF}";

/// What JavaScript's `i` flag adds to `latinAccentChars` (characters whose
/// upper case is in it).
const LATIN_ACCENTS_FOLDED: &str = r"\x{260}\x{269}\x{275}\x{280}\x{283}\x{288}\x{28A}\x{28C}\x{292}\x{399}\x{3B9}\x{1FBE}\x{2C65}\x{2C66}\x{2C7E}\x{2C7F}\x{A7DC}";

/// `cyrillicLettersAndMarks`, and what the `i` flag adds to it.
const CYRILLIC: &str = r"\x{400}-\x{4FF}\x{1C80}-\x{1C87}";

/// Port, path and query after a URL's host: `extractUrl`'s groups 6 to 8.
static URL_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    let general = format!(
        r"[a-zA-Z{CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\x{{2013}}_~@|&{LATIN_ACCENTS}{LATIN_ACCENTS_FOLDED}]"
    );
    let parens = format!(r"\((?:{general}+|(?:{general}*\({general}+\){general}*))\)");
    let ending = format!(r"[+\-a-zA-Z{CYRILLIC}0-9=_#/{LATIN_ACCENTS}{LATIN_ACCENTS_FOLDED}]");
    // `validUrlPathEndingChars` is `[…]|(?:parens)`, spliced into
    // `validUrlPath` without a group: its `|` splits the whole alternative,
    // so balanced parentheses alone are a path segment, but cannot end a
    // longer one.
    let path =
        format!(r"(?:(?:{general}*(?:{parens}{general}*)*{ending}|(?:{parens}))|(?:@{general}+/))");
    let query = r"[a-zA-Z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]";
    let query_end = r"[a-zA-Z0-9\-_&=#/]";
    Regex::new(&format!(
        r"^(?::[0-9]+)?(/{path}*)?(?:\?{query}*{query_end})?"
    ))
    .expect("valid URL tail expression")
});

/// `validTcoUrl`: a t.co link keeps its slug and query, nothing more.
static TCO_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[hH][tT][tT][pP][sS]?://[tT]\.[cC][oO]/([a-zA-Z0-9]+)(?:\?[a-zA-Z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-zA-Z0-9\-_&=#/])?",
    )
    .expect("valid t.co expression")
});

/// A URL entity: where it starts and how many UTF-16 units `parseTweet`
/// skips for it (the length of the URL string it was given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct UrlEntity {
    start: usize,
    units: usize,
}

/// One match of `extractUrl`.
struct UrlMatch {
    /// The preceding character (empty at the start of the text).
    before: Range<usize>,
    url: Range<usize>,
    /// Length of the scheme (`http://`, `https://`), 0 without one.
    scheme: usize,
    domain: Range<usize>,
    has_path: bool,
    /// The URL starts with the low surrogate of its first character (see
    /// [`next_url_match`]).
    split_first: bool,
}

/// `extractUrlsWithIndices` with its default options (URLs without a
/// scheme included).
fn extract_urls(text: &str) -> Vec<UrlEntity> {
    let mut out = Vec::new();
    // Every URL has a dot before its top-level domain, which starts with a
    // letter or digit: text whose dots all end sentences has none.
    if !text.match_indices('.').any(|(i, _)| {
        text[i + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    }) {
        return out;
    }
    let runs = LabelRuns::new(text);
    let mut from = 0;
    while from < text.len() {
        let Some(m) = next_url_match(text, &runs, from) else {
            break;
        };
        from = m.url.end;
        let url = &text[m.url.clone()];
        let domain = &text[m.domain.clone()];
        let scheme = if m.scheme > 0 {
            m.scheme
        } else {
            "https://".len()
        };
        if !is_valid_url(url, scheme, domain, m.split_first) {
            continue;
        }
        if m.scheme > 0 {
            let units = match TCO_URL.captures(url) {
                Some(c) if c[1].len() > MAX_TCO_SLUG_LENGTH => continue,
                Some(c) => c[0].len(),
                None => utf16_len(url),
            };
            out.push(UrlEntity {
                start: m.url.start,
                units,
            });
            continue;
        }
        if text[m.before.clone()].ends_with(['-', '_', '.', '/']) {
            continue;
        }
        let ascii = ascii_domains(domain);
        let Some(last) = ascii.last() else {
            continue;
        };
        // Each one is placed where its text first occurs after the previous
        // one (`indexOf`), which is not always where it was matched.
        let mut ascii_end = 0;
        for r in &ascii {
            let found = &domain[r.clone()];
            let start = domain[ascii_end..]
                .find(found)
                .map_or(r.start, |i| ascii_end + i);
            ascii_end = start + found.len();
            out.push(UrlEntity {
                start: m.domain.start + start,
                units: utf16_len(found),
            });
        }
        if m.has_path
            && let Some(entity) = out.last_mut()
        {
            entity.units = utf16_len(&domain[last.clone()]) + utf16_len(url) - utf16_len(domain);
        }
    }
    out
}

/// The leftmost match of `extractUrl` starting at or after `from`.
fn next_url_match(text: &str, runs: &LabelRuns, from: usize) -> Option<UrlMatch> {
    let mut p = from;
    while let Some(c) = text[p..].chars().next() {
        // `validUrlPrecedingChars`: one character that is not a letter,
        // digit, @, $ or #, or the start of the text. JavaScript sees a
        // character outside the BMP as two units: its high surrogate can be
        // the character before a URL whose host starts with the low one.
        let after = p + c.len_utf8();
        if c.len_utf16() == 2
            && let Some(end) = domain_at(text, runs, p)
            && let Some(mut m) = url_tail(text, p, 0, end, p..p)
        {
            m.split_first = true;
            return Some(m);
        }
        if !is_excluded_before_url(c)
            && let Some(m) = url_at(text, runs, after, p..after)
        {
            return Some(m);
        }
        if p == 0
            && let Some(m) = url_at(text, runs, 0, 0..0)
        {
            return Some(m);
        }
        p = after;
    }
    None
}

fn is_excluded_before_url(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '@' | '\u{FF20}' | '$' | '#' | '\u{FF03}')
        || INVALID_CHARACTERS.contains(&c)
}

/// A URL (scheme, host, port, path, query) starting exactly at `at`.
fn url_at(text: &str, runs: &LabelRuns, at: usize, before: Range<usize>) -> Option<UrlMatch> {
    let rest = &text[at..];
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|s| {
            rest.get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
        })
        .map_or(0, str::len);
    let (scheme, domain_end) = match (scheme > 0)
        .then(|| domain_at(text, runs, at + scheme))
        .flatten()
    {
        Some(end) => (scheme, end),
        None => (0, domain_at(text, runs, at)?),
    };
    url_tail(text, at, scheme, domain_end, before)
}

/// The URL whose host ends at `domain_end`, with its port, path and query.
fn url_tail(
    text: &str,
    at: usize,
    scheme: usize,
    domain_end: usize,
    before: Range<usize>,
) -> Option<UrlMatch> {
    let tail = URL_TAIL.captures(&text[domain_end..])?;
    let end = domain_end + tail.get(0).map_or(0, |m| m.len());
    Some(UrlMatch {
        before,
        url: at..end,
        scheme,
        domain: at + scheme..domain_end,
        has_path: tail.get(1).is_some_and(|m| !m.is_empty()),
        split_first: false,
    })
}

/// `validDomainChars`: anything but punctuation, blanks, invalid and
/// directional characters.
fn is_domain_char(c: char) -> bool {
    !matches!(c,
        '!' | '\'' | '#' | '%' | '&' | '(' | ')' | '*' | '+' | ',' | '\\' | '-' | '.' | '/'
        | ':' | ';' | '<' | '=' | '>' | '?' | '@' | '[' | ']' | '^' | '_' | '{' | '|' | '}'
        | '~' | '$'
        | '\u{09}'..='\u{0D}' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{180E}'
        | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
        | '\u{FFFE}' | '\u{FEFF}' | '\u{FFFF}'
        | '\u{202A}'..='\u{202E}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2066}'..='\u{2069}')
}

/// For each offset, where the run of host-label characters (domain
/// characters, `-` and `_`) starting there ends.
struct LabelRuns(Vec<usize>);

impl LabelRuns {
    fn new(text: &str) -> Self {
        let mut ends = vec![0; text.len() + 1];
        ends[text.len()] = text.len();
        for (i, c) in text.char_indices().rev() {
            ends[i] = if is_domain_char(c) || c == '-' || c == '_' {
                ends[i + c.len_utf8()]
            } else {
                i
            };
        }
        LabelRuns(ends)
    }

    fn end(&self, at: usize) -> usize {
        self.0[at]
    }
}

/// `validDomain` at `at`: subdomains, a domain name and a top-level domain,
/// backtracking as the regular expression does. The end of the host.
fn domain_at(text: &str, runs: &LabelRuns, at: usize) -> Option<usize> {
    // Each label: a run of label characters that starts and ends with a
    // domain character and is followed by a dot.
    let mut labels = Vec::new();
    let mut i = at;
    loop {
        let end = runs.end(i);
        let label = &text[i..end];
        let edges_ok = label.chars().next().is_some_and(is_domain_char)
            && label.chars().next_back().is_some_and(is_domain_char);
        if !edges_ok || !text[end..].starts_with('.') {
            break;
        }
        labels.push(i..end);
        i = end + 1;
    }
    labels.iter().rev().find_map(|name| {
        if text[name.clone()].contains('_') {
            return None;
        }
        tld_at(text, name.end + 1)
    })
}

/// `validAsciiDomain`, searched for in a host: its matches.
fn ascii_domains(domain: &str) -> Vec<Range<usize>> {
    let is_label = |c: char| {
        c == '-'
            || c.is_ascii_alphanumeric()
            || matches!(u32::from(c),
                0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x253 | 0x254 | 0x256 | 0x257 | 0x259
                | 0x25B | 0x263 | 0x268 | 0x26F | 0x272 | 0x289 | 0x28B | 0x2BB | 0x300..=0x36F
                | 0x1E00..=0x1EFF
                | 0x260 | 0x269 | 0x275 | 0x280 | 0x283 | 0x288 | 0x28A | 0x28C | 0x292 | 0x399
                | 0x3B9 | 0x1FBE | 0x2C65 | 0x2C66 | 0x2C7E | 0x2C7F | 0xA7DC)
    };
    let mut out = Vec::new();
    let mut s = 0;
    while let Some(c) = domain[s..].chars().next() {
        let mut labels = Vec::new();
        let mut i = s;
        loop {
            let len: usize = domain[i..]
                .chars()
                .take_while(|&c| is_label(c))
                .map(char::len_utf8)
                .sum();
            if len == 0 || !domain[i + len..].starts_with('.') {
                break;
            }
            labels.push(i + len);
            i += len + 1;
        }
        match labels.iter().rev().find_map(|&dot| tld_at(domain, dot + 1)) {
            Some(end) => {
                out.push(s..end);
                s = end;
            }
            None => s += c.len_utf8(),
        }
    }
    out
}

/// A top-level domain of twitter-text's list (or a punycode one) at `at`,
/// not followed by a letter, digit, `@`, `+` or `-`. Its end.
fn tld_at(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let first = canonicalize(rest.chars().next()?);
    let followed_ok = |end: usize| {
        !text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '+' | '-'))
    };
    for tld in TLDS.get(&first).into_iter().flatten() {
        if let Some(len) = prefix_ignoring_case(rest, tld)
            && followed_ok(at + len)
        {
            return Some(at + len);
        }
    }
    // `validPunycode`: xn-- and at least one more character.
    if rest
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
    {
        let len = rest[4..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if len > 0 {
            return Some(at + 4 + len);
        }
    }
    None
}

/// If `text` starts with `prefix` ignoring case as JavaScript's `i` flag
/// does, the byte length of the matching part of `text`.
fn prefix_ignoring_case(text: &str, prefix: &str) -> Option<usize> {
    let mut len = 0;
    let mut chars = text.chars();
    for p in prefix.chars() {
        let c = chars.next()?;
        if canonicalize(c) != canonicalize(p) {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// JavaScript's case canonicalisation for `i` without `u`: the upper case
/// when it is one character and does not turn a non-ASCII character into
/// an ASCII one; characters outside the BMP are left alone.
fn canonicalize(c: char) -> char {
    if u32::from(c) > 0xFFFF {
        return c;
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) if !(u32::from(c) >= 128 && u32::from(u) < 128) => u,
        _ => c,
    }
}

/// `isValidUrl`: every host label is 1 to 63 characters once
/// punycode-encoded, a host starting with `xn--` is ASCII, and the URL with
/// its scheme is at most 4096 UTF-16 units.
/// With `split_first`, only the low surrogate of the first character is
/// part of the URL.
fn is_valid_url(url: &str, scheme_units: usize, domain: &str, split_first: bool) -> bool {
    if domain.starts_with("xn--") && ascii_domains(domain).is_empty() {
        return false;
    }
    let labels_ok = domain.split('.').enumerate().all(|(i, label)| {
        punycode_label_length(label, split_first && i == 0)
            .is_some_and(|n| (1..=MAX_DOMAIN_LABEL_LENGTH).contains(&n))
    });
    labels_ok && scheme_units + utf16_len(url) - usize::from(split_first) <= MAX_URL_LENGTH
}

/// Length of `punycode.toASCII(label)` (punycode.js 1.4.1): every part
/// between IDNA separators that is not printable ASCII becomes `xn--` and
/// its RFC 3492 encoding.
/// With `low_surrogate_first`, the label's first character counts as its
/// low surrogate alone.
fn punycode_label_length(label: &str, low_surrogate_first: bool) -> Option<usize> {
    let parts: Vec<&str> = label
        .split(['.', '\u{3002}', '\u{FF0E}', '\u{FF61}'])
        .collect();
    let mut total = parts.len() - 1;
    for (i, part) in parts.into_iter().enumerate() {
        let mut points: Vec<u32> = part.chars().map(u32::from).collect();
        if low_surrogate_first
            && i == 0
            && let Some(first) = points.first_mut()
            && *first > 0xFFFF
        {
            *first = 0xDC00 + ((*first - 0x10000) & 0x3FF);
        }
        total += if points.iter().all(|c| (0x20..=0x7E).contains(c)) {
            points.len()
        } else {
            4 + punycode_length(&points)?
        };
    }
    Some(total)
}

/// Length of the RFC 3492 encoding of `input` (`None` on overflow).
fn punycode_length(input: &[u32]) -> Option<usize> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const MAX_INT: u32 = 0x7FFF_FFFF;
    let adapt = |delta: u32, points: u32, first: bool| {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + 38)
    };
    let basic = input.iter().filter(|&&c| c < 0x80).count();
    let mut out = basic + usize::from(basic > 0);
    let (mut n, mut delta, mut bias) = (0x80u32, 0u32, 72u32);
    let mut handled = basic;
    while handled < input.len() {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        let steps = (m - n).checked_mul(u32::try_from(handled + 1).ok()?)?;
        delta = delta.checked_add(steps).filter(|&d| d <= MAX_INT)?;
        n = m;
        for &c in input {
            if c < n {
                delta = delta.checked_add(1).filter(|&d| d <= MAX_INT)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out += 1;
                bias = adapt(delta, u32::try_from(handled + 1).ok()?, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character the emoji expression can match outside ASCII, as
    /// `regex-syntax` reads it.
    fn emoji_chars() -> Vec<char> {
        use regex_syntax::hir::{Class, Hir, HirKind};
        fn walk(hir: &Hir, out: &mut Vec<char>) {
            match hir.kind() {
                HirKind::Literal(lit) => {
                    out.extend(std::str::from_utf8(&lit.0).expect("UTF-8 literal").chars());
                }
                HirKind::Class(Class::Unicode(class)) => {
                    out.extend(class.ranges().iter().flat_map(|r| r.start()..=r.end()));
                }
                HirKind::Class(Class::Bytes(_)) => panic!("a byte class"),
                HirKind::Repetition(rep) => walk(&rep.sub, out),
                HirKind::Capture(cap) => walk(&cap.sub, out),
                HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                    subs.iter().for_each(|sub| walk(sub, out));
                }
                HirKind::Empty | HirKind::Look(_) => {}
            }
        }
        let hir = regex_syntax::parse(&emoji_source()).expect("the expression parses");
        let mut out = Vec::new();
        walk(&hir, &mut out);
        out.retain(|c| !c.is_ascii());
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn the_emoji_prefilter_holds_every_character_of_the_expression() {
        let chars = emoji_chars();
        assert!(chars.len() > 1000, "{}", chars.len());
        let missing: Vec<String> = chars
            .iter()
            .filter(|&&c| !may_be_in_emoji(c))
            .map(|c| format!("U+{:04X}", u32::from(*c)))
            .collect();
        assert!(missing.is_empty(), "not in the prefilter: {missing:?}");
        // What replies are made of does not need the expression.
        for text in [
            "Amélie, venerdì",
            "l’ordine… – “sì”",
            "€ 12,50",
            "ご注文、ありがとう。",
        ] {
            assert!(!text.chars().any(may_be_in_emoji), "{text}");
        }
        // And the expression finds nothing in text without them.
        let others: Vec<char> = ('\u{80}'..='\u{2FFFF}')
            .filter(|&c| !may_be_in_emoji(c))
            .collect();
        for chunk in others.chunks(4096) {
            let text: String = chunk.iter().flat_map(|&c| [c, '1', '#', '*']).collect();
            assert!(EMOJI.find(&text).is_none(), "{:?}", EMOJI.find(&text));
        }
    }

    fn v3(text: &str) -> u64 {
        parse(text, Weighting::V3, LeadingMentions::Count).weighted_length
    }

    #[test]
    fn latin_cjk_urls_and_emoji() {
        assert_eq!(v3("hello"), 5);
        assert_eq!(v3("中文"), 4);
        assert_eq!(v3("see https://example.com/a/b now"), 4 + 23 + 4);
        assert_eq!(v3("see acme.com/returns"), 4 + 23);
        assert_eq!(v3("www.acme.it"), 23);
        assert_eq!(v3("👨‍👩‍👧‍👦"), 2);
        assert_eq!(v3("🇮🇹"), 2);
        assert_eq!(v3("e\u{301}"), 1);
    }

    #[test]
    fn twitter_text_url_rules() {
        // Not a TLD of the list: no URL.
        assert_eq!(v3("file.txt"), 8);
        // A scheme-less URL right after a letter or `@` is none.
        assert_eq!(v3("x@acme.com"), 10);
        // The query of a scheme-less URL without a path is not part of it.
        assert_eq!(v3("acme.com?a=1"), 23 + 4);
        assert_eq!(v3("acme.com/?a=1"), 23);
        // At the very start, a non-ASCII letter is taken as the character
        // before the URL.
        assert_eq!(v3("über.de"), 1 + 23);
        assert_eq!(v3("a über.de"), 2 + 23);
    }

    #[test]
    fn punycode_lengths_match_rfc_3492_examples() {
        let len = |s: &str| punycode_length(&s.chars().map(u32::from).collect::<Vec<_>>());
        // "bücher" → "bcher-kva", "münchen" → "mnchen-3ya".
        assert_eq!(len("bücher"), Some(9));
        assert_eq!(len("münchen"), Some(10));
        // "他们为什么不说中文" → "ihqwcrb4cv8a8dqg056pqjye".
        assert_eq!(len("他们为什么不说中文"), Some(24));
    }

    #[test]
    fn leading_mentions_are_free_on_x() {
        assert_eq!(weighted_length("@acme @bob thanks"), 6);
        assert_eq!(weighted_length("thanks @acme"), 12);
        assert_eq!(weighted_length("@acme"), 0);
        let t = parse("@acme hi", Weighting::V3, LeadingMentions::Skip);
        assert_eq!((t.counted_from, t.pieces[0]), (6, (6, 1)));
        assert_eq!(v3("@acme hi"), 8);
    }

    #[test]
    fn invalid_characters_make_a_tweet_invalid() {
        assert_eq!(invalid_characters("a\u{FEFF}b"), vec![(1, '\u{FEFF}')]);
        assert!(!parse("a\u{FFFF}", Weighting::V3, LeadingMentions::Count).valid);
        assert!(!parse("", Weighting::V3, LeadingMentions::Count).valid);
    }

    #[test]
    fn pieces_point_into_the_original_text() {
        // "A" + combining acute normalises to one character at offset 0.
        let t = parse("xA\u{301}y", Weighting::V3, LeadingMentions::Count);
        assert_eq!(t.pieces, vec![(0, 1), (1, 1), (4, 1)]);
    }
}
