//! CSV libraries: a header row naming the columns (`text` required; `id`,
//! `title`, `channel`, `language`, `mode`, `subject`, `header`, `footer`, `allow` optional),
//! then one reply per row. Fields may be quoted, with `""` for a quote
//! and line breaks inside. The delimiter is `,`, or `;` or a tab when the
//! header uses those (spreadsheets set to Italian or German write `;`).
//! `allow` holds rule ids separated by commas, semicolons or spaces. A
//! header naming a key twice (`text` twice, or `lang` and `language`) is
//! an error, and no row is read.
//!
//! ```text
//! id,channel,language,text
//! sms-1,sms,it,"Ciao! Il tuo ordine è in consegna oggi."
//! chat-1,chat,en,"Hi there!
//! Thanks for waiting, I'm on it."
//! ```
//!
//! The `csv` crate splits the rows and gives each one's offset; the row is
//! then scanned again here to find where each field sits in the file and
//! to map every character of a field back to it.

use super::library::{Entry, Errors, FIELDS, Keys, Value};
use super::{InputError, Parsed};
use replylint_core::reply::{BodyBuilder, Located, OffsetMap, Reply, Source};
use std::sync::Arc;

/// What a CSV library holds.
pub const EXPECTED: &str = "a CSV reply library: a header row with a `text` column";

/// One field as written in the file.
#[derive(Debug)]
struct Field {
    /// Offset of the field's first byte (its opening quote, if quoted).
    start: usize,
    body: String,
    map: OffsetMap,
}

/// What a CSV library's header row says: the key of each column and the
/// delimiter.
#[derive(Debug, Clone)]
pub struct Header {
    columns: Vec<Option<&'static str>>,
    delimiter: u8,
    /// Two columns for one key: no row is read.
    ambiguous: bool,
}

pub fn read(source: &Arc<Source>) -> Parsed {
    let (header, mut errors) = match header(source) {
        Ok(read) => read,
        Err(expected) => return Parsed::NotLibrary(expected),
    };
    let (replies, _) = read_rows(source, &header, 0, 1, &mut errors);
    Parsed::Replies(replies, errors)
}

/// The header row of `source`, which holds at least the file's start up
/// to the end of that row, and the errors in it; `Err` with what a library
/// would hold when it is not one.
pub fn header(source: &Arc<Source>) -> Result<(Header, Vec<InputError>), &'static str> {
    let text = source.text.as_str();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let data = &text[bom..];
    let delimiter = sniff(data);
    let mut errors = Errors::new(source);
    let Ok(header) = scan_record(text, bom, delimiter) else {
        return Err(EXPECTED);
    };
    let mut columns = Vec::new();
    let mut entry_for_header = Entry::new(bom);
    for field in &header.0 {
        let name = field.body.trim();
        let key = entry_for_header.key(&name.to_ascii_lowercase(), field.start, Keys::Lenient);
        columns.push(key);
    }
    if !columns.contains(&Some("text")) {
        return Err(EXPECTED);
    }
    for (offset, message) in entry_for_header.problems {
        errors.at(offset, format!("{message} in the header row"));
    }
    // Two columns for one key: which one a row means is unclear.
    let mut keys: Vec<&str> = columns.iter().flatten().copied().collect();
    keys.sort_unstable();
    let ambiguous = keys.windows(2).any(|w| w[0] == w[1]);
    Ok((
        Header {
            columns,
            delimiter,
            ambiguous,
        },
        errors.list,
    ))
}

/// The replies of the rows of `source` from byte `start`, the start of
/// 1-based line `line` (the file's start: its header row is skipped) to
/// its end, their errors added to `errors`. Returns `false` as its
/// second value when the rest of the file is not to be read (the rows
/// could not be split further, or the header is ambiguous).
pub fn read_rows(
    source: &Arc<Source>,
    header: &Header,
    start: usize,
    line: usize,
    list: &mut Vec<InputError>,
) -> (Vec<Reply>, bool) {
    let mut replies = Vec::new();
    if header.ambiguous {
        return (replies, false);
    }
    let columns = &header.columns;
    let delimiter = header.delimiter;
    let text = source.text.as_str();
    let mut errors = Errors::in_part(source, start, line);
    let base = if start == 0 && text.starts_with('\u{feff}') {
        3
    } else {
        start
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(start == 0)
        .from_reader(&text.as_bytes()[base..]);
    let mut record = csv::StringRecord::new();
    let mut more = true;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let at = e.position().map_or(base, |p| base + p.byte() as usize);
                errors.at(at, format!("invalid CSV: {e}"));
                more = false;
                break;
            }
        }
        let mut start = base + record.position().map_or(0, |p| p.byte() as usize);
        // After a CRLF the crate's position is that of the `\n`, and blank
        // lines before a row are skipped: the row starts after them.
        start += text[start..].len() - text[start..].trim_start_matches(['\r', '\n']).len();
        let (fields, end) = match scan_record(text, start, delimiter) {
            Ok(scanned) => scanned,
            Err(quote) => {
                errors.at(quote, "quoted field never closed: a `\"` is missing");
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            errors.at(
                start,
                format!(
                    "row has {} field(s) but the header has {}",
                    record.len(),
                    columns.len()
                ),
            );
            continue;
        }
        let mut entry = Entry::new(start);
        for (i, (key, value)) in columns.iter().zip(record.iter()).enumerate() {
            let Some(key) = *key else { continue };
            if value.is_empty() {
                continue;
            }
            let field = fields
                .get(i)
                .filter(|f| f.body == normalise(value))
                .map(|f| (f.body.clone(), f.map.clone()))
                // Not expected: the value is right, and its positions point
                // at the field (or the row), never inside a character.
                .unwrap_or_else(|| {
                    let value = normalise(value);
                    let at = fields.get(i).map_or(start, |f| f.start);
                    let map = OffsetMap::pinned(&value, at, end.max(at));
                    (value, map)
                });
            match key {
                "text" => entry.text = Some(field),
                "allow" => entry.set(key, Value::List(split_ids(&field.0, &field.1))),
                _ if FIELDS.contains(&key) => entry.set_field(key, field.0, field.1),
                _ => {
                    let offset = field.1.source_start(0);
                    entry.set(
                        key,
                        Value::Str(Located {
                            value: value.trim().to_owned(),
                            offset,
                        }),
                    );
                }
            }
        }
        if let Some(reply) = entry.finish(source, &mut errors, "row without `text`") {
            replies.push(reply);
        }
    }
    list.append(&mut errors.list);
    (replies, more)
}

/// `\r\n` and lone `\r` as `\n`, as bodies have them.
fn normalise(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_owned()
    }
}

/// The delimiter the header row uses: the most frequent of `,`, `;` and
/// tab outside quotes (`,` on a tie).
fn sniff(data: &str) -> u8 {
    sniff_bytes(data.as_bytes())
}

/// [`sniff`], on the bytes of the start of a file.
pub fn sniff_bytes(data: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in data {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Scan the record starting at `start` of `text`: its fields, decoded with
/// maps, and the offset just past it. `Err` with the offset of an opening
/// quote that is never closed.
fn scan_record(text: &str, start: usize, delimiter: u8) -> Result<(Vec<Field>, usize), usize> {
    let bytes = text.as_bytes();
    let delimiter = char::from(delimiter);
    let mut fields = Vec::new();
    let mut i = start;
    loop {
        let field_start = i;
        let mut out = BodyBuilder::new(i);
        if bytes.get(i) == Some(&b'"') {
            let open = i;
            i += 1;
            loop {
                let Some(j) = text[i..].find('"').map(|j| i + j) else {
                    return Err(open);
                };
                out.push_str(&text[i..j], i);
                if bytes.get(j + 1) == Some(&b'"') {
                    out.push('"', j, j + 2);
                    i = j + 2;
                } else {
                    i = j + 1;
                    break;
                }
            }
        }
        // Unquoted text, or text after a closing quote (kept, as the csv
        // crate keeps it), up to the delimiter or the end of the line.
        let rest = &text[i..];
        let stop = rest.find([delimiter, '\n', '\r']).unwrap_or(rest.len());
        out.push_str(&rest[..stop], i);
        i += stop;
        let (body, map) = out.finish();
        fields.push(Field {
            start: field_start,
            body,
            map,
        });
        match text[i..].chars().next() {
            Some(c) if c == delimiter => i += 1,
            Some('\r') if text[i..].starts_with("\r\n") => return Ok((fields, i + 2)),
            Some(_) => return Ok((fields, i + 1)),
            None => return Ok((fields, i)),
        }
    }
}

/// Rule ids in an `allow` cell, split on commas, semicolons and blanks,
/// each with its offset in the file.
fn split_ids(cell: &str, map: &OffsetMap) -> Vec<Located<String>> {
    let mut ids = Vec::new();
    let mut at = 0;
    for part in cell.split([',', ';', ' ', '\t', '\n']) {
        if !part.is_empty() {
            ids.push(Located {
                value: part.to_owned(),
                offset: map.source_start(at),
            });
        }
        at += part.len() + 1;
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_map_back_through_quotes_and_line_breaks() {
        let text = "a,\"say \"\"hi\"\"\r\nthen TODO\",c\r\nnext";
        let (fields, end) = scan_record(text, 0, b',').unwrap();
        assert_eq!(&text[end..], "next");
        let bodies: Vec<&str> = fields.iter().map(|f| f.body.as_str()).collect();
        assert_eq!(bodies, ["a", "say \"hi\"\nthen TODO", "c"]);
        let f = &fields[1];
        let todo = f.body.find("TODO").unwrap();
        assert_eq!(&text[f.map.source_start(todo)..][..4], "TODO");
        let hi = f.body.find("hi").unwrap();
        assert_eq!(&text[f.map.source_start(hi)..][..2], "hi");
        assert_eq!(f.map.source_end(f.body.len()), text.find("\",c").unwrap());
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        assert_eq!(scan_record("a,\"oops\nmore", 0, b',').unwrap_err(), 2);
    }

    #[test]
    fn the_delimiter_is_sniffed_from_the_header() {
        assert_eq!(sniff("id;channel;text\n1;sms;\"a,b,c,d\""), b';');
        assert_eq!(sniff("id,text\n"), b',');
        assert_eq!(sniff("id\ttext\n"), b'\t');
        assert_eq!(sniff("text\n"), b',');
    }

    #[test]
    fn allow_cells_split_into_ids_with_offsets() {
        let (fields, _) = scan_record("\"greeting, sign-off\"", 0, b',').unwrap();
        let ids = split_ids(&fields[0].body, &fields[0].map);
        assert_eq!(ids[0].value, "greeting");
        assert_eq!(ids[1].value, "sign-off");
        assert_eq!(ids[1].offset, 11);
    }
}
