//! Worst-case expansion of a template: every placeholder replaced by the
//! longest value it may take, so length rules can count what the customer
//! may receive, and map a position in the expansion back to the template.

use super::placeholders::{self, is_name_variable};
use std::collections::BTreeMap;

/// How long a placeholder's value may be, in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderLengths {
    /// A variable holding a name (`first_name`, `firstName`…).
    pub name: usize,
    /// Any other variable.
    pub default: usize,
    /// Per variable, by its full name (`ticket.id`).
    pub variables: BTreeMap<String, usize>,
}

impl Default for PlaceholderLengths {
    fn default() -> Self {
        PlaceholderLengths {
            name: 20,
            default: 30,
            variables: BTreeMap::new(),
        }
    }
}

impl PlaceholderLengths {
    /// The worst-case length of variable `name`.
    pub fn of(&self, name: &str) -> usize {
        if let Some(&n) = self.variables.get(name) {
            n
        } else if is_name_variable(name) {
            self.name
        } else {
            self.default
        }
    }
}

/// A template with its placeholders filled in at their worst case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    pub text: String,
    /// Number of placeholders replaced.
    pub placeholders: usize,
    /// `(expanded offset, template offset, inside a placeholder)`, by
    /// expanded offset.
    segments: Vec<(usize, usize, bool)>,
}

impl Expanded {
    /// The template offset of expanded offset `offset`; inside a filled-in
    /// placeholder, the placeholder's start.
    pub fn original(&self, offset: usize) -> usize {
        let i = self
            .segments
            .partition_point(|&(e, _, _)| e <= offset)
            .saturating_sub(1);
        match self.segments.get(i) {
            Some(&(e, o, false)) => o + (offset - e),
            Some(&(_, o, true)) => o,
            None => offset,
        }
    }
}

/// Most characters the placeholders of one template are filled with
/// together: past every limit a channel can set (`max-length` is at most
/// 1,000,000), so that a template of many placeholders cannot make the
/// filled-in text grow without bound. Placeholders past it are filled with
/// what is left (nothing).
pub const MAX_FILL: usize = 16 * 1024 * 1024;

/// Fill every placeholder of `template` with `x` repeated to its worst-case
/// length (Liquid tags with nothing), [`MAX_FILL`] characters at most in
/// all. A placeholder with a fallback (`| default: "there"`) takes the
/// longer of the two.
pub fn worst_case(template: &str, lengths: &PlaceholderLengths) -> Expanded {
    let found = placeholders::find(template);
    let mut fill_left = MAX_FILL;
    let mut text = String::with_capacity(template.len());
    let mut segments = vec![(0, 0, false)];
    let mut last = 0;
    for f in &found {
        text.push_str(&template[last..f.range.start]);
        segments.push((text.len(), f.range.start, true));
        let n = f
            .name
            .map_or(0, |name| lengths.of(name))
            .max(f.fallback.map_or(0, |fb| fb.chars().count()))
            .min(fill_left);
        fill_left -= n;
        text.extend(std::iter::repeat_n('x', n));
        segments.push((text.len(), f.range.end, false));
        last = f.range.end;
    }
    text.push_str(&template[last..]);
    Expanded {
        text,
        placeholders: found.iter().filter(|f| f.prints).count(),
        segments,
    }
}

/// The text a length rule measures: a draft as it is, a template with its
/// placeholders at their worst case.
#[derive(Debug, Clone)]
pub struct Measured<'a> {
    pub text: std::borrow::Cow<'a, str>,
    expanded: Option<Expanded>,
}

impl<'a> Measured<'a> {
    pub fn new(body: &'a str, template: bool, lengths: &PlaceholderLengths) -> Self {
        if template {
            let e = worst_case(body, lengths);
            if e.segments.len() > 1 {
                return Measured {
                    text: std::borrow::Cow::Owned(e.text.clone()),
                    expanded: Some(e),
                };
            }
        }
        Measured {
            text: std::borrow::Cow::Borrowed(body),
            expanded: None,
        }
    }

    /// Body offset of an offset in `text`.
    pub fn to_body(&self, offset: usize) -> usize {
        self.expanded
            .as_ref()
            .map_or(offset, |e| e.original(offset))
    }

    /// " (worst case: 2 placeholders at their maximum length)", or nothing
    /// for a draft.
    pub fn note(&self) -> String {
        match &self.expanded {
            Some(e) if e.placeholders > 0 => format!(
                " (worst case: {} placeholder{} at {} maximum length)",
                e.placeholders,
                if e.placeholders == 1 { "" } else { "s" },
                if e.placeholders == 1 { "its" } else { "their" }
            ),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_20_others_30_tags_nothing() {
        let e = worst_case(
            "Hi {{first_name}}{% if a %}, order {{ticket.id}}!",
            &PlaceholderLengths::default(),
        );
        assert_eq!(
            e.text,
            format!("Hi {}, order {}!", "x".repeat(20), "x".repeat(30))
        );
        assert_eq!(e.placeholders, 2);
        // Inside the first filled-in name → the placeholder's start.
        assert_eq!(e.original(10), 3);
        // The comma after the tag maps back to the template's comma.
        let comma = e.text.find(',').unwrap();
        assert_eq!(e.original(comma), "Hi {{first_name}}{% if a %}".len());
    }

    #[test]
    fn every_dialect_is_filled_in_and_a_fallback_counts_when_longer() {
        let l = PlaceholderLengths::default();
        for (template, len) in [
            ("{{ticket.requester.first_name}}", 20),
            ("{{ticket.requester.firstname}}", 20),
            ("{%customer.firstName,fallback=there%}", 20),
            ("{{user.name | fallback: \"there\"}}", 20),
            ("{{recipient.first_name}}", 20),
            ("{{ticket.customer.firstname}}", 20),
            ("{!Contact.FirstName}", 20),
            ("{{ contact.firstname }}", 20),
            ("{{1}}", 30),
            ("{{dc.signature}}", 30),
            (
                "{!Contact.FirstName, our valued customer of many years}",
                33,
            ),
            (
                "{{ticket.requester.first_name | default: \"our valued customer of many years\"}}",
                33,
            ),
        ] {
            let e = worst_case(template, &l);
            assert_eq!(e.text.chars().count(), len, "{template}");
            assert_eq!(e.placeholders, 1, "{template}");
        }
    }

    #[test]
    fn the_fill_has_a_ceiling() {
        let l = PlaceholderLengths {
            name: 10_000,
            default: 10_000,
            variables: BTreeMap::new(),
        };
        let template = "{{a}}".repeat(MAX_FILL / 10_000 + 10);
        let e = worst_case(&template, &l);
        assert_eq!(e.text.len(), MAX_FILL);
        assert!(e.text.bytes().all(|b| b == b'x'));
    }

    #[test]
    fn per_variable_lengths_win() {
        let mut l = PlaceholderLengths::default();
        l.variables.insert("ticket.id".into(), 6);
        assert_eq!(worst_case("#{{ticket.id}}", &l).text, "#xxxxxx");
    }
}
