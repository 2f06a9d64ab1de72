//! `personal-data`: card numbers, IBANs, e-mail addresses, phone numbers
//! and Italian tax codes written into a reply. What they look like is in
//! [`crate::analysis::personal_data`]; this file decides how severe a
//! finding is, what to say about it and how to mask a card.

use super::{Context, Rule, Sink};
use crate::analysis::personal_data::{Allow, Kind, find_in};
use crate::diagnostic::{Edit, Fix, Severity, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports personal data written into a reply: payment card numbers,
    /// IBANs, e-mail addresses, phone numbers and Italian tax codes
    /// (codice fiscale). A finding is an error on a public channel
    /// (`public = true`: X, Facebook comments, app store and Google
    /// reviews), where everyone can read it, and a warning elsewhere.
    ///
    /// Each kind is recognised by its shape and, where it has one, its
    /// check digits, so that order numbers, dates and amounts are left
    /// alone:
    /// - *Card numbers*: 13 to 19 digits that pass the Luhn check and carry
    ///   the issuer prefix and length of a card scheme (Visa, Mastercard,
    ///   American Express, Discover, JCB, Diners Club, UnionPay, Maestro).
    ///   Written in one run (`4111111111111111`) or grouped like a card,
    ///   with spaces or dashes (`4111 1111 1111 1111`, `3782 822463
    ///   10005`). A number right after a reference word ("order",
    ///   "ordine", "booking", "tracking", "IMEI", "fattura", `#`…) is a
    ///   reference, not a card; a card word ("card", "carta", "tarjeta")
    ///   nearer to it wins. Masked cards (`**** 1234`) have too few digits
    ///   to match. Random digit runs pass Luhn once in ten; with the
    ///   prefix and length checks, about one random 16-digit number in
    ///   thirty (one 13-digit number in sixty) still looks like a card,
    ///   which is why the reference word before it matters.
    /// - *IBANs*: a country code, two check digits and the account number,
    ///   in one run or in groups of four, with the country's length and a
    ///   valid mod-97 checksum. Not reported: IBANs on `allowed-ibans`
    ///   and those the reply calls the company's ("our IBAN", "il nostro
    ///   IBAN", "unsere Bankverbindung").
    /// - *E-mail addresses*, except shared mailboxes (`support@`, `info@`,
    ///   `assistenza@`, `noreply@`…, listed in
    ///   `rules/lexicon/personal-data.toml`), reserved example domains
    ///   (`example.com`) and addresses on `allowed-emails`.
    /// - *Phone numbers*: international numbers (`+39 347 123 4567`,
    ///   `0044 20 7946 0958`), national numbers with a trunk `0` and
    ///   separators (`02 1234 5678`, `06 12 34 56 78`), Italian mobiles
    ///   (`347 1234567`), UK mobiles (`07700900123`), North American
    ///   numbers (`(555) 123-4567`) and Spanish and Portuguese numbers in
    ///   groups (`612 345 678`). Not reported: toll-free and shared-cost
    ///   service numbers (`800 …`, `0800 …`, `+44 3…`, `1-800-…`), numbers
    ///   on `allowed-phones`, numbers that follow a cue naming the
    ///   company's own line ("call us on", "chiamaci al", "numero verde",
    ///   "servizio clienti", "our helpline") or a contact label opening
    ///   their line (`Tel.`, `Fax:`), numbers alone on a line of the
    ///   reply's last paragraph, below a name or department (a
    ///   signature), numbers after a reference word, and dates
    ///   (`01/02/2024`).
    /// - *Codice fiscale*: the 16-character Italian tax code, with a valid
    ///   check character.
    ///
    /// Numbers inside links are not looked at. The cues are data, per
    /// language, in `rules/lexicon/personal-data.toml`.
    ///
    /// Card numbers have an unsafe fix that masks all digits but the last
    /// four (`**** **** **** 1111`).
    ///
    /// ## Why is this bad?
    /// A card number, bank account, address or tax code in a public reply
    /// is a data breach with the brand's name on it; in a private channel
    /// it still ends up in transcripts, exports and screenshots. Refer to
    /// a card by its last four digits and keep identifiers out of replies.
    ///
    /// ## Example
    /// On `twitter`:
    /// ```text
    /// @anna We refunded the card 4111 1111 1111 1111 today.
    /// ```
    /// Use instead:
    /// ```text
    /// @anna We refunded your card ending in 1111 today.
    /// ```
    ///
    /// ## Options
    /// - `public` (channel setting): findings are errors on public channels.
    ///   Precisely: the configured level applies on private channels and
    ///   is raised one step on public ones (`warning` becomes `error`,
    ///   `info` becomes `warning`); set the rule `off` on a channel to
    ///   silence it there.
    /// - `allowed-emails` (top level): addresses that may appear, such as
    ///   a support address (`"help@brand.com"`), or whole domains
    ///   (`"@brand.com"`).
    /// - `allowed-phones` (top level): the company's own phone numbers, in
    ///   any format (`"+39 02 1234 5678"` also matches `02 12345678`).
    /// - `allowed-ibans` (top level): the company's own IBANs, for replies
    ///   that give bank details for a transfer.
    /// - `own-domains` (top level): the organisation's own domains
    ///   (`["brand.com"]`): every address there, subdomains included, is
    ///   the team's (`connor@brand.com`, `reportphish@brand.com`), not a
    ///   customer's.
    /// - `own-phones` (top level): the organisation's own phone numbers,
    ///   as `allowed-phones`.
    pub struct PersonalData {
        id: "personal-data",
        severity: Warning,
        fix: Sometimes,
    }
}

impl Rule for PersonalData {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let allow = Allow {
            emails: &cx.settings.allowed_emails,
            phones: &cx.settings.allowed_phones,
            ibans: &cx.settings.allowed_ibans,
            own_domains: &cx.settings.own_domains,
            own_phones: &cx.settings.own_phones,
        };
        let severity = if cx.channel.public {
            raise(sink.severity())
        } else {
            sink.severity()
        };
        let body = cx.body();
        for f in find_in(body, cx.folded_body(), &allow) {
            let mut message = describe(f.kind);
            if cx.channel.public {
                message.push_str(&format!(
                    " in a reply on public channel `{}`",
                    cx.channel.id
                ));
            } else {
                message.push_str(" in a reply");
            }
            let d = sink
                .report_with_severity(f.span.clone(), message, severity)
                .with_help(help(f.kind));
            if let Kind::Card(_) = f.kind {
                d.with_fix(Fix::unsafe_(vec![Edit::replace(
                    Span::from(f.span.clone()),
                    mask_card(&body[f.span.clone()]),
                )]));
            }
        }
    }
}

/// One step up: info → warning → error.
fn raise(s: Severity) -> Severity {
    match s {
        Severity::Info => Severity::Warning,
        Severity::Warning | Severity::Error => Severity::Error,
    }
}

/// What a finding is, for the message.
fn describe(kind: Kind) -> String {
    match kind {
        Kind::Card(s) => format!("card number ({}, passes the Luhn check)", s.name()),
        Kind::Iban => "IBAN (valid check digits)".to_owned(),
        Kind::Email => "personal e-mail address".to_owned(),
        Kind::Phone => "phone number".to_owned(),
        Kind::CodiceFiscale => "codice fiscale (valid check character)".to_owned(),
    }
}

/// What to do about a finding.
fn help(kind: Kind) -> &'static str {
    match kind {
        Kind::Card(_) => {
            "never write a card number in a reply: refer to the card by its last four digits"
        }
        Kind::Iban => {
            "refer to the account by its last four characters; the company's own IBAN can go in `allowed-ibans`"
        }
        Kind::Email => {
            "leave the customer's address out of the reply; a company address can go in `allowed-emails`"
        }
        Kind::Phone => {
            "leave the customer's number out of the reply; the company's own lines can go in `allowed-phones`"
        }
        Kind::CodiceFiscale => "leave the tax code out of the reply",
    }
}

/// Replace every digit but the last four with `*`.
fn mask_card(s: &str) -> String {
    let total = s.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen <= total.saturating_sub(4) {
                    return '*';
                }
            }
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_keeps_the_last_four_digits_and_the_grouping() {
        assert_eq!(mask_card("4111 1111 1111 1111"), "**** **** **** 1111");
        assert_eq!(mask_card("378282246310005"), "***********0005");
    }
}
