//! SMS encoding and parts, from the GSM 03.38 tables, split the way
//! Twilio's segment calculator (`sms-segments-calculator`) splits them.
//!
//! A message is GSM-7 when every character is in the basic or extension
//! table (extension characters cost two septets: an escape and the code);
//! otherwise the whole message is UCS-2 and costs one unit per UTF-16 code
//! unit. One part holds 160 septets or 70 units; a split message loses 6
//! bytes of each part to the concatenation header, leaving 153 septets or
//! 67 units. Nothing indivisible is split across parts: an escape pair stays
//! whole, and so does a grapheme cluster in UCS-2 (a surrogate pair, an
//! emoji sequence, a letter and its accents). Twilio's calculator counts an
//! empty message as one part, and so does this module.
//!
//! Clusters are the ones Twilio's calculator sees: it splits messages with
//! grapheme-splitter, which implements the Unicode 10 rules. Where today's
//! rules make one cluster of a ZWJ sequence newer than Unicode 10 (`🧑‍💻`,
//! `🫱🏼‍🫲🏿`), of an Indic conjunct (`क्ष`) or of a skin tone after a letter,
//! Twilio's clusters (and so its part boundaries and counts) keep the pieces
//! apart, and this module follows Twilio. The table is generated from the
//! npm package by `scripts/gen-sms-data.mjs` (see `src/text/data/`).

use serde::Serialize;
use std::sync::LazyLock;

/// The GSM 03.38 basic character set (without the escape code).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The GSM 03.38 extension table: two septets each (escape + code).
const GSM_EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// Bits in one part (140 octets).
const PART_BITS: usize = 1120;

/// Bits of the concatenation header of a split message (6 octets).
const HEADER_BITS: usize = 48;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    pub const fn as_str(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }

    /// Units in a message that fits one part, and per part when split.
    pub const fn capacity(self) -> (usize, usize) {
        match self {
            Encoding::Gsm7 => (160, 153),
            Encoding::Ucs2 => (70, 67),
        }
    }

    /// Bits one unit takes.
    const fn unit_bits(self) -> usize {
        match self {
            Encoding::Gsm7 => 7,
            Encoding::Ucs2 => 16,
        }
    }
}

/// [`gsm_cost`] of each character below U+0100 (0: not in the tables),
/// looked up rather than searched for in the tables.
static LATIN1_COSTS: LazyLock<[u8; 0x100]> = LazyLock::new(|| {
    let mut costs = [0; 0x100];
    for (cost, table) in [(2, GSM_EXTENSION), (1, GSM_BASIC)] {
        for c in table.chars().filter(|&c| (c as usize) < 0x100) {
            costs[c as usize] = cost;
        }
    }
    costs
});

/// Septets a character costs in GSM-7, or `None` when it is not in the
/// GSM 03.38 tables.
pub fn gsm_cost(c: char) -> Option<usize> {
    if let Some(&cost) = LATIN1_COSTS.get(c as usize) {
        return (cost > 0).then_some(usize::from(cost));
    }
    if GSM_BASIC.contains(c) {
        Some(1)
    } else if GSM_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// The encoding of an SMS, its size in that encoding's units and where each
/// part starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmsInfo {
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    pub units: usize,
    /// Byte offset where each part starts; one part at least.
    pub part_starts: Vec<usize>,
    /// Byte offsets of the characters that force UCS-2.
    pub non_gsm: Vec<usize>,
}

impl SmsInfo {
    pub fn parts(&self) -> usize {
        self.part_starts.len()
    }
}

/// Analyse `text` as an SMS body.
pub fn analyse(text: &str) -> SmsInfo {
    let non_gsm: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| gsm_cost(c).is_none())
        .map(|(i, _)| i)
        .collect();
    let encoding = if non_gsm.is_empty() {
        Encoding::Gsm7
    } else {
        Encoding::Ucs2
    };
    // The indivisible pieces and their size in units.
    let pieces: Vec<(usize, usize)> = match encoding {
        Encoding::Gsm7 => text
            .char_indices()
            .map(|(i, c)| (i, gsm_cost(c).unwrap_or(1)))
            .collect(),
        Encoding::Ucs2 => clusters(text)
            .into_iter()
            .map(|(i, g)| (i, g.encode_utf16().count()))
            .collect(),
    };
    SmsInfo {
        encoding,
        units: pieces.iter().map(|&(_, n)| n).sum(),
        part_starts: split(&pieces, encoding.unit_bits(), text.len()),
        non_gsm,
    }
}

/// Grapheme clusters as Twilio's calculator splits them: grapheme-splitter's
/// Unicode 10 rules (an emoji ZWJ sequence newer than that, an Indic
/// conjunct or a skin tone after a letter is several clusters, where
/// today's rules make one), with a CR LF pair taken as two.
fn clusters(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    // The classes of the cluster so far and of the next character, as
    // `should_break` reads them; one buffer for the whole text.
    let mut classes: Vec<Gcb> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        classes.clear();
        classes.push(break_property(c));
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            let class = break_property(next);
            let previous = classes[classes.len() - 1];
            // A character of no class (most are) starts a new cluster
            // unless it follows a Prepend: every other rule that joins
            // two characters needs a class of the second.
            if class == Gcb::Other && previous != Gcb::Prepend {
                break;
            }
            classes.push(class);
            if should_break(&classes) {
                break;
            }
            end = i + next.len_utf8();
            chars.next();
        }
        if &text[start..end] == "\r\n" {
            out.push((start, "\r"));
            out.push((start + 1, "\n"));
        } else {
            out.push((start, &text[start..end]));
        }
    }
    out
}

/// grapheme-splitter's Grapheme_Cluster_Break values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gcb {
    Cr,
    Lf,
    Control,
    Extend,
    RegionalIndicator,
    SpacingMark,
    L,
    V,
    T,
    Lv,
    Lvt,
    Other,
    Prepend,
    EBase,
    EModifier,
    Zwj,
    GlueAfterZwj,
    EBaseGaz,
}

/// `(first, last, value)` ranges, generated from grapheme-splitter.
static BREAK_TABLE: LazyLock<Vec<(u32, u32, Gcb)>> = LazyLock::new(|| {
    include_str!("data/twilio-grapheme-break.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|line| {
            let (range, name) = line.split_once(' ')?;
            let (lo, hi) = range.split_once("..")?;
            let value = match name {
                "CR" => Gcb::Cr,
                "LF" => Gcb::Lf,
                "Control" => Gcb::Control,
                "Extend" => Gcb::Extend,
                "Regional_Indicator" => Gcb::RegionalIndicator,
                "SpacingMark" => Gcb::SpacingMark,
                "L" => Gcb::L,
                "V" => Gcb::V,
                "T" => Gcb::T,
                "LV" => Gcb::Lv,
                "LVT" => Gcb::Lvt,
                "Prepend" => Gcb::Prepend,
                "E_Base" => Gcb::EBase,
                "E_Modifier" => Gcb::EModifier,
                "ZWJ" => Gcb::Zwj,
                "Glue_After_Zwj" => Gcb::GlueAfterZwj,
                "E_Base_GAZ" => Gcb::EBaseGaz,
                _ => Gcb::Other,
            };
            Some((
                u32::from_str_radix(lo, 16).ok()?,
                u32::from_str_radix(hi, 16).ok()?,
                value,
            ))
        })
        .collect()
});

fn break_property(c: char) -> Gcb {
    // Printable ASCII has no class: no need to search the table.
    if matches!(c, ' '..='~') {
        return Gcb::Other;
    }
    let c = u32::from(c);
    let table = &*BREAK_TABLE;
    let i = table.partition_point(|&(_, hi, _)| hi < c);
    match table.get(i) {
        Some(&(lo, _, value)) if lo <= c => value,
        _ => Gcb::Other,
    }
}

/// grapheme-splitter's `shouldBreak`, rule for rule (quirks included): may
/// the cluster whose characters have the classes `all` but the last end
/// before a character of the last class? (`all` has two classes at least.)
fn should_break(all: &[Gcb]) -> bool {
    use Gcb::*;
    let (start, next) = (all[0], all[all.len() - 1]);
    let mid = &all[1..all.len() - 1];
    let previous = all[all.len() - 2];
    let last_index = |class: Gcb| all.iter().rposition(|&c| c == class);
    let all_are = |range: &[Gcb], class: Gcb| range.iter().all(|&c| c == class);

    // Look-ahead terminator of GB10.
    if let Some(e) = last_index(EModifier)
        && e > 1
        && all_are(&all[1..e], Extend)
        && !matches!(start, Extend | EBase | EBaseGaz)
    {
        return true;
    }
    // Look-ahead terminator of GB12 and GB13.
    if let Some(r) = last_index(RegionalIndicator)
        && r > 0
        && all_are(&all[1..r], RegionalIndicator)
        && !matches!(previous, Prepend | RegionalIndicator)
    {
        return true;
    }
    // GB3 to GB9b.
    if previous == Cr && next == Lf {
        return false;
    }
    if matches!(previous, Control | Cr | Lf) || matches!(next, Control | Cr | Lf) {
        return true;
    }
    if (previous == L && matches!(next, L | V | Lv | Lvt))
        || (matches!(previous, Lv | V) && matches!(next, V | T))
        || (matches!(previous, Lvt | T) && next == T)
        || matches!(next, Extend | Zwj | SpacingMark)
        || previous == Prepend
    {
        return false;
    }
    // GB10: (E_Base | EBG) Extend* × E_Modifier.
    let before_extend = match last_index(Extend) {
        Some(i) => i.checked_sub(1),
        None => Some(all.len() - 2),
    };
    if let Some(b) = before_extend
        && matches!(all[b], EBase | EBaseGaz)
        && all_are(&all[b + 1..all.len() - 1], Extend)
        && next == EModifier
    {
        return false;
    }
    // GB11: ZWJ × (Glue_After_Zwj | EBG).
    if previous == Zwj && matches!(next, GlueAfterZwj | EBaseGaz) {
        return false;
    }
    // GB12, GB13.
    if mid.contains(&RegionalIndicator) {
        return true;
    }
    !(previous == RegionalIndicator && next == RegionalIndicator)
}

/// Fill parts in order as Twilio's calculator does: when a piece does not
/// fit, a new part (with a header) starts; the first time, the first part
/// gets its header too and gives up the pieces that no longer fit. Returns
/// where each part starts.
fn split(pieces: &[(usize, usize)], unit_bits: usize, end: usize) -> Vec<usize> {
    struct Part {
        bits: usize,
        header: bool,
        pieces: Vec<(usize, usize)>,
    }
    let mut parts = vec![Part {
        bits: 0,
        header: false,
        pieces: Vec::new(),
    }];
    for &(offset, units) in pieces {
        let bits = units * unit_bits;
        let Some(last) = parts.last_mut() else {
            break;
        };
        if last.bits + bits > PART_BITS {
            let mut next = Part {
                bits: HEADER_BITS,
                header: true,
                pieces: Vec::new(),
            };
            if !last.header {
                last.header = true;
                last.bits += HEADER_BITS;
                let mut keep = last.pieces.len();
                while last.bits > PART_BITS && keep > 0 {
                    keep -= 1;
                    last.bits -= last.pieces[keep].1;
                }
                next.pieces = last.pieces.split_off(keep);
                next.bits += next.pieces.iter().map(|p| p.1).sum::<usize>();
            }
            parts.push(next);
        }
        if let Some(last) = parts.last_mut() {
            last.pieces.push((offset, bits));
            last.bits += bits;
        }
    }
    // An empty part (a single piece too big for any part) starts where the
    // next one does.
    let mut starts = Vec::with_capacity(parts.len());
    let mut next_start = end;
    for part in parts.iter().rev() {
        if let Some(&(offset, _)) = part.pieces.first() {
            next_start = offset;
        }
        starts.push(next_start);
    }
    starts.reverse();
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsm_boundaries() {
        assert_eq!(analyse(&"a".repeat(160)).parts(), 1);
        assert_eq!(analyse(&"a".repeat(161)).parts(), 2);
        assert_eq!(analyse(&"a".repeat(306)).parts(), 2);
        assert_eq!(analyse(&"a".repeat(307)).parts(), 3);
        // "€" costs two septets: 159 + 2 = 161.
        let info = analyse(&format!("{}€", "a".repeat(159)));
        assert_eq!(
            (info.encoding, info.units, info.parts()),
            (Encoding::Gsm7, 161, 2)
        );
        assert_eq!(info.part_starts, vec![0, 153]);
    }

    #[test]
    fn escape_pair_never_splits() {
        // 152 septets then "€": the pair would straddle 153, so part 2 starts at it.
        let text = format!("{}€{}", "a".repeat(152), "a".repeat(10));
        let info = analyse(&text);
        assert_eq!(info.part_starts, vec![0, 152]);
    }

    #[test]
    fn ucs2_with_typographic_apostrophe() {
        let info = analyse("l’ordine");
        assert_eq!(info.encoding, Encoding::Ucs2);
        assert_eq!(info.non_gsm, vec![1]);
        let text = format!("{}😀", "a".repeat(66));
        let info = analyse(&format!("{text}{}", "a".repeat(10)));
        // 66 + 2 + 10 = 78 units: the surrogate pair moves to part 2.
        assert_eq!(info.part_starts, vec![0, 66]);
    }

    #[test]
    fn a_grapheme_cluster_is_never_split() {
        // 60 units, then a family emoji of 11 units: 71 > 70, two parts, and
        // the whole sequence opens the second.
        let text = format!("{}👨‍👩‍👧‍👦", "é".repeat(60));
        let info = analyse(&text);
        assert_eq!((info.units, info.part_starts.clone()), (71, vec![0, 120]));
    }

    #[test]
    fn empty_is_one_part() {
        let info = analyse("");
        assert_eq!(
            (info.encoding, info.units, info.parts()),
            (Encoding::Gsm7, 0, 1)
        );
    }
}
