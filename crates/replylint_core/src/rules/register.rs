//! `register`: formal and informal address mixed in one reply, or a
//! register the channel does not expect.

use super::{Context, Rule, Sink};
use crate::diagnostic::Message;
use crate::lang::register::{BUILTIN, Cue, Register as Expected, Side, counted, is_mixed};

crate::declare_rule! {
    /// ## What it does
    /// Finds the words that address the customer formally or informally and
    /// reports a reply that mixes the two ("La ringraziamo … il tuo
    /// ordine"), or that uses a register its channel does not expect
    /// (informal address in an email, by default).
    ///
    /// The cues are data, per language, in `rules/lexicon/register.toml`:
    /// Italian `Lei`, `Suo`, `Sua`, "La ringraziamo", "non esiti" against
    /// `ti`, `tuo`, `tua`, `hai`, `puoi`; German capitalised `Sie`,
    /// `Ihnen`, `Ihr` against `du`, `dich`, `dein` and the plural `euch`,
    /// `euer`, `eure`, "ihr könnt", "habt ihr"; French `tu`, `te`, `ton`
    /// against `vous`, `votre`; Spanish `usted`, "le agradecemos" against
    /// `tú`, `te`, `tu` and the plural `vosotros`, `vuestro`, `os` and
    /// verbs in `-áis`, `-éis`, `-ís` ("queráis", "podéis"); Portuguese "o
    /// senhor", "a senhora" against `tu`, `te`, `teu`. English has no such
    /// cues and is not checked. Words that mean something else too often
    /// are left out (Italian `sei`, "six"; Spanish `su`; German `ihr`
    /// alone, "her"; Brazilian `você` is neutral). A capitalised cue
    /// (`Sie`, `Lei`) counts only as written and not at the start of a
    /// sentence, where the capital says nothing (`Sie` may be "she").
    ///
    /// Some cues count only next to the other register: French `vous` is
    /// also the plural "you", and Italian `voi`, `vostro`, `potete` are
    /// also how a business writes to a company, so a reply with only these
    /// is never reported, while `tu … vous` or `Lei … potete` is a mix.
    /// Spanish `ustedes` is the only plural "you" in Latin America, where
    /// it goes with `tú`; next to the plural `vosotros`, `podéis` it is the
    /// formal one, and a mix.
    ///
    /// The language is the reply's expected one or, without one, the
    /// detected one (when detection is confident).
    ///
    /// ## Why is this bad?
    /// Switching between "Lei" and "tu" in one reply reads as careless,
    /// usually two canned responses glued together; and the wrong register
    /// for the medium (a "tu" in a formal email, a stiff "Sie" in a casual
    /// chat) sets the wrong tone with the customer.
    ///
    /// ## Example
    /// With `--lang it`:
    /// ```text
    /// La ringraziamo per averci scritto. Il tuo ordine è in viaggio.
    /// ```
    /// Use instead:
    /// ```text
    /// La ringraziamo per averci scritto. Il Suo ordine è in viaggio.
    /// ```
    ///
    /// ## Options
    /// - `register` (channel setting): `formal` (informal address is
    ///   reported; the default for `email`), `informal` (formal address is
    ///   reported) or `any` (only mixing is reported; every other channel).
    pub struct Register {
        id: "register",
        severity: Warning,
        fix: None,
    }
}

impl Rule for Register {
    fn check(&self, cx: &Context<'_>, sink: &mut Sink) {
        let body = cx.body();
        let Some(language) = cx.language_or_detected() else {
            return;
        };
        if !BUILTIN.has(language) {
            return;
        }
        let cues = BUILTIN.find_in(body, cx.folded_body(), language);
        let side = |side: Side| cues.iter().filter(move |c| c.side == side);
        let counted = |side: Side| counted(&cues).filter(move |c| c.side == side);
        let mixed = is_mixed(&cues);
        let word = |c: &Cue| &body[c.span.clone()];
        if mixed {
            let formal: Vec<&Cue> = counted(Side::Formal).collect();
            let informal: Vec<&Cue> = counted(Side::Informal).collect();
            // The minority side is the odd one out; on a tie, the side
            // that comes in later.
            let (major, minor) = if (formal.len(), informal[0].span.start)
                > (informal.len(), formal[0].span.start)
            {
                (formal, informal)
            } else {
                (informal, formal)
            };
            let (major_side, minor_side) = (major[0].side, minor[0].side);
            // "(3:1)": where the cue is in the file, filled in when the
            // diagnostic is located.
            let mut message = Message::new(format!("{major_side} `{}` (", word(major[0])))
                .at(major[0].span.start)
                .then(&format!(") mixed with {minor_side} `{}` (", word(minor[0])))
                .at(minor[0].span.start)
                .then(")");
            if minor.len() > 1 {
                message = message.then(&format!(" and {} more", minor.len() - 1));
            }
            let keep = match cx.channel.register {
                Expected::Formal => Side::Formal,
                Expected::Informal => Side::Informal,
                Expected::Any => major_side,
            };
            sink.report_message(minor[0].span.clone(), message)
                .with_help(format!(
                    "address the customer one way throughout: use {keep} address everywhere"
                ));
            return;
        }
        let unwanted = match cx.channel.register {
            Expected::Formal => Side::Informal,
            Expected::Informal => Side::Formal,
            Expected::Any => return,
        };
        let found: Vec<&Cue> = side(unwanted).filter(|c| !c.weak).collect();
        let Some(first) = found.first() else {
            return;
        };
        let mut message = format!("{unwanted} address `{}`", word(first));
        if found.len() > 1 {
            message.push_str(&format!(" and {} more", found.len() - 1));
        }
        message.push_str(&format!(
            " on channel `{}`, which expects {} address",
            cx.channel.id,
            unwanted.other()
        ));
        sink.report(first.span.clone(), message).with_help(format!(
            "address the customer with the {} forms, or set the channel's `register`",
            unwanted.other()
        ));
    }
}
