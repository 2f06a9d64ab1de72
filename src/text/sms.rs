//! SMS encoding and parts, from the GSM 03.38 tables.
//!
//! A message is GSM-7 when every character is in the basic or extension
//! table (extension characters cost two septets); otherwise the whole
//! message is UCS-2 and costs one unit per UTF-16 code unit. One part holds
//! 160 septets or 70 units; a split message holds 153 or 67 per part. An
//! escape pair and a surrogate pair never split across parts.

use serde::Serialize;

/// The GSM 03.38 basic character set (without the escape code).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The GSM 03.38 extension table: two septets each (escape + code).
const GSM_EXTENSION: &str = "\u{c}^{}\\[~]|€";

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
}

/// Septets a character costs in GSM-7, or `None` when it is not in the
/// GSM 03.38 tables.
pub fn gsm_cost(c: char) -> Option<usize> {
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
    /// Byte offset where each part starts (empty for an empty message).
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
    let cost = |c: char| match encoding {
        Encoding::Gsm7 => gsm_cost(c).unwrap_or(1),
        Encoding::Ucs2 => c.len_utf16(),
    };
    let units: usize = text.chars().map(cost).sum();
    let (single, per_part) = encoding.capacity();
    let mut part_starts = Vec::new();
    if !text.is_empty() {
        part_starts.push(0);
    }
    if units > single {
        let mut used = 0;
        for (i, c) in text.char_indices() {
            let n = cost(c);
            if used + n > per_part {
                part_starts.push(i);
                used = 0;
            }
            used += n;
        }
    }
    SmsInfo {
        encoding,
        units,
        part_starts,
        non_gsm,
    }
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
}
