//! Check digits of structured personal data: the Luhn checksum of payment
//! card numbers, the ISO 13616 mod-97 checksum and per-country length of
//! IBANs, and the check character of the Italian codice fiscale. The
//! `personal-data` rule only reports a number that passes its check, which
//! keeps it quiet about order numbers and other digit runs.

/// Whether `digits` (ASCII digits only, at least two) passes the Luhn check.
pub fn luhn(digits: &str) -> bool {
    if digits.len() < 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 { d2 - 9 } else { d2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A payment card scheme, recognised by its issuer prefix (IIN) and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardScheme {
    Visa,
    Mastercard,
    Amex,
    Discover,
    Jcb,
    Diners,
    UnionPay,
    Maestro,
}

impl CardScheme {
    pub const fn name(self) -> &'static str {
        match self {
            CardScheme::Visa => "Visa",
            CardScheme::Mastercard => "Mastercard",
            CardScheme::Amex => "American Express",
            CardScheme::Discover => "Discover",
            CardScheme::Jcb => "JCB",
            CardScheme::Diners => "Diners Club",
            CardScheme::UnionPay => "UnionPay",
            CardScheme::Maestro => "Maestro",
        }
    }
}

/// The scheme whose issuer prefixes and lengths fit `digits` (ASCII digits
/// only), if any. Lengths are those the schemes issue: Visa 13, 16 or 19;
/// Mastercard (51–55, 2221–2720) 16; American Express (34, 37) 15;
/// Discover (6011, 644–649, 65) 16–19; JCB (3528–3589) 16–19; Diners Club
/// (300–305, 3095, 36, 38, 39) 14–19; UnionPay (62) 16–19; Maestro (50,
/// 56–58, 63, 67) 13–19.
pub fn card_scheme(digits: &str) -> Option<CardScheme> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() < 13 {
        return None;
    }
    let len = digits.len();
    let prefix = |n: usize| digits[..n].parse::<u32>().unwrap_or(0);
    let (p1, p2, p3, p4) = (prefix(1), prefix(2), prefix(3), prefix(4));

    if p1 == 4 {
        matches!(len, 13 | 16 | 19).then_some(CardScheme::Visa)
    } else if (51..=55).contains(&p2) || (2221..=2720).contains(&p4) {
        (len == 16).then_some(CardScheme::Mastercard)
    } else if p2 == 34 || p2 == 37 {
        (len == 15).then_some(CardScheme::Amex)
    } else if p4 == 6011 || (644..=649).contains(&p3) || p2 == 65 {
        (16..=19).contains(&len).then_some(CardScheme::Discover)
    } else if (3528..=3589).contains(&p4) {
        (16..=19).contains(&len).then_some(CardScheme::Jcb)
    } else if (300..=305).contains(&p3) || p4 == 3095 || matches!(p2, 36 | 38 | 39) {
        (14..=19).contains(&len).then_some(CardScheme::Diners)
    } else if p2 == 62 {
        (16..=19).contains(&len).then_some(CardScheme::UnionPay)
    } else if matches!(p2, 50 | 56 | 57 | 58 | 63 | 67) {
        (13..=19).contains(&len).then_some(CardScheme::Maestro)
    } else {
        None
    }
}

/// IBAN length by country (ISO 13616 registry).
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NL", 18),
    ("NO", 15),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("SA", 24),
    ("SC", 31),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
];

/// Whether `iban` (upper-case letters and digits, no spaces) is a valid
/// IBAN: a known country code, that country's length, and the mod-97
/// checksum (the number made of the BBAN, the country code as digits and
/// the check digits leaves remainder 1).
pub fn iban(iban: &str) -> bool {
    let bytes = iban.as_bytes();
    if bytes.len() < 15
        || !bytes[..2].iter().all(u8::is_ascii_uppercase)
        || !bytes[2..4].iter().all(u8::is_ascii_digit)
        || !bytes
            .iter()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        return false;
    }
    let Some(&(_, len)) = IBAN_LENGTHS
        .iter()
        .find(|(cc, _)| cc.as_bytes() == &bytes[..2])
    else {
        return false;
    };
    if bytes.len() != len {
        return false;
    }
    let mut rem: u32 = 0;
    for &b in bytes[4..].iter().chain(&bytes[..4]) {
        if b.is_ascii_digit() {
            rem = (rem * 10 + u32::from(b - b'0')) % 97;
        } else {
            let v = u32::from(b - b'A') + 10;
            rem = (rem * 100 + v) % 97;
        }
    }
    rem == 1
}

/// Values of the characters in odd positions (1st, 3rd…) for the codice
/// fiscale check character, indexed by digit (0–9) or letter (A–Z).
const CF_ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Whether `cf` is a well-formed Italian codice fiscale (16 characters,
/// case-insensitive: surname and name letters, year, month letter, day,
/// municipality, with the digits that omocodia replaces by `LMNPQRSTUV`
/// allowed) whose 16th character is the right check character.
pub fn codice_fiscale(cf: &str) -> bool {
    let upper = cf.to_ascii_uppercase();
    let b = upper.as_bytes();
    if b.len() != 16 {
        return false;
    }
    let digitish = |c: u8| c.is_ascii_digit() || b"LMNPQRSTUV".contains(&c);
    let shape = b[..6].iter().all(u8::is_ascii_uppercase)
        && digitish(b[6])
        && digitish(b[7])
        && b"ABCDEHLMPRST".contains(&b[8])
        && digitish(b[9])
        && digitish(b[10])
        && b[11].is_ascii_uppercase()
        && b[12..15].iter().all(|&c| digitish(c))
        && b[15].is_ascii_uppercase();
    if !shape {
        return false;
    }
    let index = |c: u8| -> usize {
        if c.is_ascii_digit() {
            usize::from(c - b'0')
        } else {
            usize::from(c - b'A')
        }
    };
    let sum: u32 = b[..15]
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if i % 2 == 0 {
                CF_ODD[index(c)]
            } else {
                index(c) as u32
            }
        })
        .sum();
    u32::from(b[15] - b'A') == sum % 26
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_card_numbers_and_rejects_one_digit_off() {
        for n in [
            "4111111111111111",
            "4012888888881881",
            "5555555555554444",
            "378282246310005",
            "6011111111111117",
            "3530111333300000",
            "30569309025904",
            "79927398713",
        ] {
            assert!(luhn(n), "{n} is Luhn-valid");
        }
        for n in [
            "4111111111111112",
            "5555555555554445",
            "79927398710",
            "1234567812345678",
            "",
            "7",
            "4111 1111 1111 1111",
        ] {
            assert!(!luhn(n), "{n} is not Luhn-valid");
        }
    }

    #[test]
    fn card_schemes_by_prefix_and_length() {
        assert_eq!(card_scheme("4111111111111111"), Some(CardScheme::Visa));
        assert_eq!(
            card_scheme("5555555555554444"),
            Some(CardScheme::Mastercard)
        );
        assert_eq!(
            card_scheme("2223003122003222"),
            Some(CardScheme::Mastercard)
        );
        assert_eq!(card_scheme("378282246310005"), Some(CardScheme::Amex));
        assert_eq!(card_scheme("6011111111111117"), Some(CardScheme::Discover));
        assert_eq!(card_scheme("3530111333300000"), Some(CardScheme::Jcb));
        assert_eq!(card_scheme("30569309025904"), Some(CardScheme::Diners));
        assert_eq!(card_scheme("6200000000000005"), Some(CardScheme::UnionPay));
        // Right prefix, wrong length; no scheme's prefix.
        assert_eq!(card_scheme("411111111111111"), None);
        assert_eq!(card_scheme("35345678901234"), None);
        assert_eq!(card_scheme("8123456789012345"), None);
        assert_eq!(card_scheme("1234567890123"), None);
        assert_eq!(card_scheme("412"), None);
    }

    #[test]
    fn iban_examples_from_the_registry() {
        for i in [
            "GB82WEST12345698765432",
            "IT60X0542811101000000123456",
            "DE89370400440532013000",
            "FR1420041010050500013M02606",
            "ES9121000418450200051332",
            "PT50000201231234567890154",
            "NL91ABNA0417164300",
            "BE68539007547034",
            "CH9300762011623852957",
        ] {
            assert!(iban(i), "{i} is valid");
        }
        for i in [
            "GB82WEST12345698765431",
            "IT60X0542811101000000123457",
            "DE89370400440532013001",
            // Valid checksum shape but wrong length for the country.
            "IT60X054281110100000012345",
            "XX82WEST12345698765432",
            "gb82west12345698765432",
            "",
        ] {
            assert!(!iban(i), "{i} is not valid");
        }
    }

    #[test]
    fn codice_fiscale_check_character() {
        for cf in [
            "RSSMRA85T10A562S",
            "rssmra85t10a562s",
            "MRTMTT91D08F205J",
            // Omocodia: digits replaced by letters.
            "RSSMRA85T10A56NH",
        ] {
            assert!(codice_fiscale(cf), "{cf} is valid");
        }
        for cf in [
            "RSSMRA85T10A562T",
            "RSSMRA85Z10A562S",
            "RSSMRA85T10A562",
            "1234567890123456",
            "",
        ] {
            assert!(!codice_fiscale(cf), "{cf} is not valid");
        }
    }
}
