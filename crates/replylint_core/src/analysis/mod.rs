//! The analysis layer: what rules know about a reply beyond its text,
//! derived once per reply and read by every rule that needs it. Above
//! [`crate::text`], [`crate::lang`] and [`crate::reply`]; below
//! [`crate::rules`], which hold only policy (what to report, at what
//! severity, with which message and fix). Nothing here names a rule, the
//! configuration or the engine.
//!
//! - [`tokens`]: the tokenizer, and the one definition of word, number,
//!   link, e-mail address, @handle, #hashtag, placeholder, emoji and
//!   punctuation mark (with the readings some rules keep);
//! - [`Document`]: a reply's prose, paragraphs and sentences, tokens and
//!   emoji, each built the first time a rule reads it;
//! - [`letter`]: the letter structure (salutation line, sign-off,
//!   signature) and the punctuation conventions of each language;
//! - [`readability`]: readability indices and the prose they score;
//! - [`personal_data`]: card numbers, IBANs, e-mail addresses, phone
//!   numbers and tax codes;
//! - [`credentials`]: requests for secrets ("send us your password");
//! - [`counterfactuals`]: reproaches ("you should have downloaded …");
//! - [`dates`]: dates and named promotions that end something ("valid
//!   until 31/12/2025", "Black Friday 2024"), in six languages;
//! - [`screen`]: one scan of a reply's body for the phrases of the rules
//!   that look further only when one of theirs is there.

pub mod counterfactuals;
pub mod credentials;
pub mod dates;
pub mod facts;
pub mod letter;
pub mod personal_data;
pub mod readability;
pub mod screen;
pub mod sentences;
pub mod syllables;
pub mod tokens;

use crate::lang::detect::Layout;
use letter::Letter;
use std::cell::OnceCell;
use std::ops::Range;
use tokens::{Kind, Token};

/// The document model of one reply: what the analysis derives from its
/// body, each part on first use and kept for the other rules that lint the
/// reply, so that a reply pays only for what its enabled rules read. One
/// per reply (`rules::Shared` holds it); every method takes the reply's
/// body (or its [`Letter`]), the same each time.
#[derive(Debug, Default)]
pub struct Document {
    prose: OnceCell<String>,
    /// The stretches [`Document::prose`] blanked out, for the tokens.
    stretches: OnceCell<Vec<crate::lang::prose::Stretch>>,
    layout: OnceCell<Layout>,
    tokens: OnceCell<Vec<Token>>,
    emoji: OnceCell<Vec<Range<usize>>>,
    prose_sentences: OnceCell<Vec<Range<usize>>>,
    prose_range: OnceCell<Range<usize>>,
}

impl Document {
    /// The body with what is not prose (links, addresses, handles,
    /// hashtags, placeholders, numbers) blanked out, byte for byte
    /// ([`crate::lang::prose`]).
    pub fn prose(&self, body: &str) -> &str {
        self.prose.get_or_init(|| {
            let (prose, stretches) = crate::lang::prose::prose_and_stretches(body);
            let _ = self.stretches.set(stretches);
            prose
        })
    }

    /// The paragraphs of the body and their sentences, as language
    /// detection reads them, with the letters and function words of each
    /// ([`crate::lang::detect::Layout`]).
    pub fn layout(&self, body: &str) -> &Layout {
        self.layout
            .get_or_init(|| Layout::of(body, self.prose(body)))
    }

    /// The tokens of the body ([`tokens::tokenize`]).
    pub fn tokens(&self, body: &str) -> &[Token] {
        self.tokens.get_or_init(|| {
            // The stretches of the prose's scan, when it was made: the
            // body is not scanned again.
            match self.stretches.get() {
                Some(stretches) => tokens::tokenize_around(body, stretches.iter().cloned()),
                None => tokens::tokenize(body),
            }
        })
    }

    /// The word tokens of the body: the words of its prose.
    pub fn words<'d>(&'d self, body: &str) -> impl Iterator<Item = &'d Token> + 'd {
        self.tokens(body).iter().filter(|t| t.kind == Kind::Word)
    }

    /// Every emoji of the body ([`tokens::emoji`]), inside links and
    /// placeholders too.
    pub fn emoji(&self, body: &str) -> &[Range<usize>] {
        self.emoji.get_or_init(|| tokens::emoji(body))
    }

    /// The sentences of the body's prose, without its salutation line,
    /// sign-off and signature ([`readability::prose_sentences`]), as byte
    /// ranges of the body.
    pub fn prose_sentences(&self, letter: &Letter<'_>) -> &[Range<usize>] {
        self.prose_sentences.get_or_init(|| {
            readability::prose_sentences(letter, self.prose_range(letter), self.prose(letter.body))
        })
    }

    /// The byte range of the body's prose: without a salutation line, the
    /// sign-off and the signature ([`letter::prose`]).
    pub fn prose_range(&self, letter: &Letter<'_>) -> Range<usize> {
        self.prose_range
            .get_or_init(|| letter::prose(letter))
            .clone()
    }
}
