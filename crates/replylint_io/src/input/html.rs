//! HTML to text, for the HTML bodies of helpdesk exports, keeping every
//! character's place in the file.
//!
//! Rules see what the customer reads: tags are dropped, block elements
//! (`<p>`, `<div>`, `<li>`…) and `<br>` become line breaks, runs of
//! whitespace become one space as a browser shows them (except inside
//! `<pre>`), `<script>`/`<style>` content and comments vanish, and
//! entities (`&amp;`, `&egrave;`, `&#233;`, `&#x1F600;`) are decoded by the
//! `html-escape` crate. Each character of the text maps back to where the
//! HTML wrote it; the line breaks a block makes map to its tag.

use replylint_core::reply::{BodyBuilder, OffsetMap};

/// Append the text of `html` to `out`; `map` takes offsets in `html` to
/// the file (HTML that came out of a JSON string is not a verbatim copy of
/// the file).
pub fn to_text(html: &str, map: &OffsetMap, out: &mut BodyBuilder) {
    let mut text = Text {
        out,
        map,
        breaks: 0,
        break_at: 0,
        space_at: None,
    };
    let bytes = html.as_bytes();
    let mut pre = 0usize;
    let mut i = 0;
    while i < html.len() {
        match bytes[i] {
            b'<' => {
                if html[i..].starts_with("<!--") {
                    i = html[i + 4..]
                        .find("-->")
                        .map_or(html.len(), |j| i + 4 + j + 3);
                    continue;
                }
                if let Some((name, closing, end)) = tag(html, i) {
                    match name.as_str() {
                        "br" => text.line_break(i),
                        "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "table"
                        | "blockquote" | "hr" => text.block(2, i),
                        "pre" => {
                            text.block(2, i);
                            pre = if closing {
                                pre.saturating_sub(1)
                            } else {
                                pre + 1
                            };
                        }
                        "div" | "li" | "tr" | "dt" | "dd" | "section" | "article" | "header"
                        | "footer" | "address" | "figure" => text.block(1, i),
                        _ => {}
                    }
                    i = end;
                    if !closing && matches!(name.as_str(), "script" | "style" | "head" | "title") {
                        // Skip to the closing tag, which the loop then reads.
                        let close = format!("</{name}");
                        i = find_ignore_case(html, i, &close).unwrap_or(html.len());
                    }
                    continue;
                }
                text.push('<', i, i + 1);
                i += 1;
            }
            b'&' => match entity(html, i) {
                Some((decoded, end)) => {
                    for ch in decoded.chars() {
                        text.push(ch, i, end);
                    }
                    i = end;
                }
                None => {
                    text.push('&', i, i + 1);
                    i += 1;
                }
            },
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' if pre == 0 => {
                text.space(i);
                i += 1;
            }
            _ => {
                // A run of text up to the next tag, entity or blank.
                let blank = |b: u8| pre == 0 && matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'<' || b == b'&' || blank(b))
                    .map_or(html.len(), |j| i + j);
                text.push_run(&html[i..end], i);
                i = end;
            }
        }
    }
}

/// Decode the entities of plain text (no tags: `<` is a character) into
/// `out`; `map` takes offsets in `plain` to the file.
pub fn unescape(plain: &str, map: &OffsetMap, out: &mut BodyBuilder) {
    let mut i = 0;
    while i < plain.len() {
        let next = plain[i..].find('&').map_or(plain.len(), |j| i + j);
        if next > i {
            out.push_mapped(&plain[i..next], i, map);
            i = next;
            continue;
        }
        match entity(plain, i) {
            Some((decoded, end)) => {
                for ch in decoded.chars() {
                    out.push(ch, map.source_start(i), map.source_end(end));
                }
                i = end;
            }
            None => {
                out.push_mapped("&", i, map);
                i += 1;
            }
        }
    }
}

/// Text being built: line breaks and spaces are held back until text
/// follows them, so a reply neither starts nor ends with blank lines and
/// a line does not end with the space before a `</p>`.
struct Text<'a> {
    out: &'a mut BodyBuilder,
    map: &'a OffsetMap,
    /// Line breaks owed before the next character.
    breaks: usize,
    /// HTML offset of the tag that owes them.
    break_at: usize,
    /// HTML offset of a run of whitespace owed as one space.
    space_at: Option<usize>,
}

impl Text<'_> {
    /// A block boundary worth `n` line breaks (1: a new line, 2: a new
    /// paragraph); boundaries next to each other do not add up.
    fn block(&mut self, n: usize, at: usize) {
        if self.breaks < n {
            if self.breaks == 0 {
                self.break_at = at;
            }
            self.breaks = n;
        }
        self.space_at = None;
    }

    /// A `<br>`: one more line break.
    fn line_break(&mut self, at: usize) {
        if self.breaks == 0 {
            self.break_at = at;
        }
        self.breaks += 1;
        self.space_at = None;
    }

    fn space(&mut self, at: usize) {
        if self.breaks == 0 && self.space_at.is_none() {
            self.space_at = Some(at);
        }
    }

    /// The line breaks or the space owed before more text.
    fn flush(&mut self) {
        if !self.out.is_empty() {
            if self.breaks > 0 {
                let s = self.map.source_start(self.break_at);
                for _ in 0..self.breaks {
                    self.out.push('\n', s, s);
                }
            } else if let Some(sp) = self.space_at {
                let (s, e) = (self.map.source_start(sp), self.map.source_end(sp + 1));
                self.out.push(' ', s, e);
            }
        }
        self.breaks = 0;
        self.space_at = None;
    }

    /// Append `ch`, written at HTML bytes `at..end` (an entity, a `<`).
    fn push(&mut self, ch: char, at: usize, end: usize) {
        self.flush();
        let (s, e) = (self.map.source_start(at), self.map.source_end(end));
        self.out.push(ch, s, e);
    }

    /// Append `run`, written as is at HTML offset `at`.
    fn push_run(&mut self, run: &str, at: usize) {
        self.flush();
        self.out.push_mapped(run, at, self.map);
    }
}

/// The tag opening at `i` (`html[i] == '<'`): lower-case name, whether it
/// is a closing tag, and the offset just past its `>`. `None` when `<`
/// does not open a tag (`<3`, `a < b`) or the tag is never closed.
fn tag(html: &str, i: usize) -> Option<(String, bool, usize)> {
    let rest = &html[i + 1..];
    let (closing, name_start) = match rest.as_bytes().first()? {
        b'/' => (true, 1),
        b'!' | b'?' => (false, 1),
        _ => (false, 0),
    };
    let first = rest.as_bytes().get(name_start)?;
    if !first.is_ascii_alphabetic() && name_start == 0 {
        return None;
    }
    let name: String = rest[name_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if name.is_empty() && closing {
        return None;
    }
    let mut quote = None;
    for (j, b) in rest.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some((name, closing, i + 1 + j + 1)),
            _ => {}
        }
    }
    None
}

/// The entity at `i` (`html[i] == '&'`), decoded, and the offset past its
/// `;`. Only entities closed by `;` are taken (`AT&T` stays as written).
fn entity(html: &str, i: usize) -> Option<(String, usize)> {
    let rest = &html[i + 1..];
    let len = rest
        .bytes()
        .take(32)
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'#'))?;
    if len == 0 || rest.as_bytes()[len] != b';' {
        return None;
    }
    let end = i + 1 + len + 1;
    let written = &html[i..end];
    let decoded = html_escape::decode_html_entities(written);
    (decoded != written).then(|| (decoded.into_owned(), end))
}

/// Offset of the first case-insensitive match of ASCII `needle` in
/// `html[from..]`.
fn find_ignore_case(html: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = html.as_bytes();
    let n = needle.as_bytes();
    (from..hay.len().saturating_sub(n.len() - 1))
        .find(|&k| hay[k..k + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(html: &str) -> (String, OffsetMap) {
        let mut out = BodyBuilder::new(0);
        to_text(html, &OffsetMap::starting_at(0), &mut out);
        out.finish()
    }

    #[test]
    fn blocks_become_line_breaks_and_spans_map_back() {
        let html = "<p>Ciao {{ticket.requester.first_name}},</p>\n<p>il tuo ordine &egrave; partito.<br>TODO</p>";
        let (body, map) = convert(html);
        assert_eq!(
            body,
            "Ciao {{ticket.requester.first_name}},\n\nil tuo ordine è partito.\nTODO"
        );
        let todo = body.find("TODO").unwrap();
        assert_eq!(
            &html[map.source_start(todo)..map.source_end(todo + 4)],
            "TODO"
        );
        let e = body.find('è').unwrap();
        assert_eq!(
            &html[map.source_start(e)..map.source_end(e + 2)],
            "&egrave;"
        );
        let p = body.find("partito").unwrap();
        assert_eq!(&html[map.source_start(p)..][..7], "partito");
        assert_eq!(map.source_end(body.len()), html.len() - 4);
    }

    #[test]
    fn whitespace_collapses_as_a_browser_shows_it() {
        let (body, _) =
            convert("  <div>Hi   there,\n  friend </div><div><br></div><div>Bye</div>  ");
        assert_eq!(body, "Hi there, friend\n\nBye");
        let (body, _) = convert("<pre>a  b\n c</pre>");
        assert_eq!(body, "a  b\n c");
    }

    #[test]
    fn scripts_comments_and_stray_brackets() {
        let (body, _) = convert(
            "<style>p{}</style><!-- note -->I <3 you &amp; AT&T, a < b<script>x()</SCRIPT>!",
        );
        assert_eq!(body, "I <3 you & AT&T, a < b!");
    }

    #[test]
    fn numeric_entities_and_attributes_with_brackets() {
        let (body, map) = convert("<a title=\"a>b\">caf&#233; &#x1F600;</a>");
        assert_eq!(body, "café 😀");
        assert_eq!(map.source_start(body.find('😀').unwrap()), 25);
    }

    #[test]
    fn plain_text_only_decodes_entities() {
        let plain = "Tom &amp; Jerry <b>";
        let mut out = BodyBuilder::new(0);
        unescape(plain, &OffsetMap::starting_at(0), &mut out);
        let (body, map) = out.finish();
        assert_eq!(body, "Tom & Jerry <b>");
        assert_eq!(
            &plain[map.source_start(body.find('J').unwrap())..][..5],
            "Jerry"
        );
    }
}
