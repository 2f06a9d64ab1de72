//! The library pass over files: each reply's profile is located in its
//! file as soon as the reply is linted (the file and the reply are then
//! dropped), and once every file is checked, the library rules' findings
//! are turned into [`LibraryFinding`]s with every place in its file.

use crate::output::{LibraryFinding, Place};
use replylint_core::diagnostic::Span;
use replylint_core::library::{self, BodySpan, LibraryOptions, Profile};
use replylint_core::location::{LineIndex, Position};
use replylint_core::reply::{Reply, locate};
use std::sync::Arc;

/// The longest line a place keeps for formats that show it (in bytes): a
/// longer one (a JSON Lines record, a minified export) keeps a window
/// around the place, so that memory stays small per reply.
const MAX_LINE: usize = 160;

/// A place in a file, with its line's text.
#[derive(Debug, Clone)]
pub struct At {
    pub start: Position,
    pub end: Position,
    /// The line (or a window of it), and the byte offset in the file
    /// where that text starts.
    pub line: Box<str>,
    pub line_start: usize,
}

/// What is known about a profiled reply besides its profile.
#[derive(Debug, Clone)]
struct Named {
    path: Arc<str>,
    title: Option<Box<str>>,
    channel: Arc<str>,
}

/// The profiles of every reply checked so far, located.
#[derive(Debug, Default)]
pub struct Profiles {
    profiles: Vec<Profile<At>>,
    named: Vec<Named>,
}

/// A reply's profile located in its file: every span becomes a place,
/// with its line.
pub fn locate_profile(reply: &Reply, index: &LineIndex, profile: Profile<BodySpan>) -> Profile<At> {
    let text = reply.source.text.as_str();
    profile.map(|span| {
        let (start, end) = locate(reply, index, Span::new(span.start, span.end));
        let range = index.line_range(text, start.line);
        let line = &text[range.clone()];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (line, line_start) = if line.len() <= MAX_LINE {
            (line, range.start)
        } else {
            let at = start.offset.clamp(range.start, range.start + line.len());
            let mut from = at.saturating_sub(MAX_LINE / 4).max(range.start);
            let mut to = (from + MAX_LINE).min(range.start + line.len());
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            while !text.is_char_boundary(to) {
                to += 1;
            }
            (&text[from..to], from)
        };
        At {
            start,
            end,
            line: line.into(),
            line_start,
        }
    })
}

impl Profiles {
    /// Keep a reply's located profile.
    pub fn push(&mut self, reply: &Reply, channel: &str, profile: Profile<At>) {
        let path: Arc<str> = match self.named.last() {
            Some(n) if *n.path == *reply.source.name => n.path.clone(),
            _ => reply.source.name.as_str().into(),
        };
        let channel: Arc<str> = match self.named.last() {
            Some(n) if *n.channel == *channel => n.channel.clone(),
            _ => channel.into(),
        };
        self.named.push(Named {
            path,
            title: reply.meta.title.as_deref().map(Into::into),
            channel,
        });
        self.profiles.push(profile);
    }

    /// Keep another run's profiles after these.
    pub fn append(&mut self, mut other: Profiles) {
        self.profiles.append(&mut other.profiles);
        self.named.append(&mut other.named);
    }

    pub fn len(&self) -> usize {
        self.profiles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.profiles.is_empty()
    }

    /// The library rules' findings, every place located.
    pub fn findings(&self, options: &LibraryOptions) -> Vec<LibraryFinding> {
        library::check(&self.profiles, options)
            .into_iter()
            .map(|f| {
                let first = &self.named[f.places[0].reply];
                LibraryFinding {
                    rule: f.rule,
                    severity: f.severity,
                    message: f.message,
                    help: f.help,
                    channel: first.channel.to_string(),
                    places: f
                        .places
                        .into_iter()
                        .map(|p| {
                            let named = &self.named[p.reply];
                            Place {
                                path: named.path.to_string(),
                                start: p.at.start,
                                end: p.at.end,
                                reply_id: self.profiles[p.reply].id.as_deref().map(Into::into),
                                reply_title: named.title.as_deref().map(Into::into),
                                note: p.note,
                                line: p.at.line.to_string(),
                                line_start: p.at.line_start,
                            }
                        })
                        .collect(),
                }
            })
            .collect()
    }
}
