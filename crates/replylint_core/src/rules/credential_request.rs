//! `credential-request`: a reply asking the customer for a password, a
//! PIN, a card's security code or its full number. The requests are found
//! by [`crate::analysis::credentials`], with the lexicon of
//! [`crate::lang::credentials`].

use super::{Context, Rule, Sink};
use crate::analysis::credentials::requests_in;
use crate::analysis::screen::Screened;

crate::declare_rule! {
    /// ## What it does
    /// Reports a reply that asks the customer for a secret: a password, a
    /// PIN, a card's security code, the full card number or login
    /// credentials.
    ///
    /// Requests are recognised in Italian, English, Spanish, French,
    /// German and Portuguese ("send us your password", "please send your
    /// password", "DM your PIN", "inviaci la password", "mándanos tu
    /// contraseña", "envoyez votre mot de passe", "teilen Sie uns Ihre PIN
    /// mit", "envie sua senha").
    ///
    /// A request is a phrase that asks for something ("send us", "DM us",
    /// "tell us", "we need", "reply with", "inviaci", "ci comunichi",
    /// "risponda", "indícanos", "envíe", "merci d'envoyer", "senden Sie
    /// uns", "informe-nos", "envie") followed in the same sentence, within
    /// eight words, by a secret ("please reply together with your username
    /// and password"); or an imperative that opens its clause, alone or
    /// after "please", "bitte", "per favore"… ("send your password", "DM
    /// your PIN", "invia la password", "envoyez votre mot de passe", "bitte
    /// senden Sie Ihr Passwort"), followed by a secret in the same way; or
    /// a question ("what's your", "qual è la tua") followed within two
    /// words by one. The same verb after a subject asks nothing ("we'll
    /// send your new PIN by post", "il sistema invia la password").
    /// What is not a request:
    /// - a warning: a sentence with a negation is advice, not a request
    ///   ("we will never ask for your password", "non ti chiederemo mai il
    ///   PIN", "please don't share your PIN with anyone", "no compartas tu
    ///   contraseña"). Phrases like "don't worry" or "non esitare" are not
    ///   negations, and a negation inside a conditional clause ("if you
    ///   can't log in, send us your password") negates nothing;
    /// - a secret in another clause or one the company gives: "let us know
    ///   whether your PIN works", "we'll send you a new password", "tell us
    ///   if you forgot your password";
    /// - the last digits of a card: only the *full* card number is a
    ///   secret ("full card number", "numero completo della carta");
    /// - what only names a secret: "forward us the password reset e-mail",
    ///   "the PIN reader", "il link di reset della password";
    /// - typing a secret into a page: "enter your password on the login
    ///   page", "informe sua senha no aplicativo".
    ///
    /// The phrases are data, per language, in
    /// `rules/lexicon/credential-request.toml`. Requests, imperatives and
    /// secrets of every language are looked for in every reply (a canned
    /// Italian phrase in an English reply is still caught); negations and
    /// clause words are those of the reply's language (expected or
    /// detected) and English.
    ///
    /// The cues are per language (it, en, es, fr, de, pt): a reply in
    /// another language gets nothing from this rule.
    ///
    /// ## Why is this bad?
    /// No real company asks for these in a message: it is the first thing
    /// phishing does, and customers are told so. A reply that asks for them
    /// teaches customers to hand them over, exposes the secret in chat
    /// logs, and breaks PCI DSS when card data is involved. Send the
    /// customer to a secure page, or identify them with data that is not a
    /// secret (the last four digits of a card, an order number).
    ///
    /// ## Example
    /// ```text
    /// To verify your account, please send us your password and PIN.
    /// ```
    /// Use instead:
    /// ```text
    /// To verify your account, please send us your order number and the
    /// last four digits of your card. We will never ask for your password.
    /// ```
    ///
    /// ## Options
    /// None. The phrase lists are data in
    /// `rules/lexicon/credential-request.toml`.
    pub struct CredentialRequest {
        id: "credential-request",
        severity: Error,
        fix: None,
    }
}

impl Rule for CredentialRequest {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        if !cx.body_has(Screened::Secrets) {
            return;
        }
        let body = cx.body();
        let language = cx.language_or_detected();
        for r in requests_in(body, cx.folded_body(), language) {
            let secret = &body[r.secret.clone()];
            sink.report(
                r.span,
                format!("asks the customer for a secret (`{secret}`)"),
            )
            .with_help(
                "never ask for passwords, PINs, security codes or full card numbers in a reply: \
                 point to a secure page, or ask for something that is not a secret (an order \
                 number, the card's last four digits)",
            );
        }
    }
}
