//! The analysis layer: what rules know about a reply beyond its text,
//! derived once per reply and read by every rule that needs it. Above
//! [`crate::text`], [`crate::lang`] and [`crate::reply`]; below
//! [`crate::rules`], which hold only policy (what to report, at what
//! severity, with which message and fix).
//!
//! - [`credentials`]: requests for secrets ("send us your password");
//! - [`letter`]: the letter structure (salutation line, sign-off,
//!   signature) and the punctuation conventions of each language;
//! - [`personal_data`]: card numbers, IBANs, e-mail addresses, phone
//!   numbers and tax codes;
//! - [`readability`]: readability indices and the prose they score;
//! - [`screen`]: one scan of a reply's body for the phrases of the rules
//!   that look further only when one of theirs is there.

pub mod credentials;
pub mod letter;
pub mod personal_data;
pub mod readability;
pub mod screen;
