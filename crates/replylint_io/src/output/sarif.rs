//! `sarif`: one SARIF 2.1.0 log, for code scanning (GitHub's
//! `upload-sarif`, Azure DevOps, IDE viewers). Built with the `serde-sarif`
//! types, generated from the official 2.1.0 schema.
//!
//! The log is printed at the end of the run: what comes before its
//! results (`invocations`: whether the run succeeded, the files that could
//! not be read) and each result's `ruleIndex` (its place among the rules
//! that have results) are known only then. The results are rendered file
//! by file as the files are checked and set aside, in memory up to a few
//! megabytes and beyond that in a temporary file, so that memory does not
//! grow with the number of results; at the end they are copied into the
//! log with their `ruleIndex` filled in.
//!
//! - `runs[0].tool.driver.rules`: the rules that have results, sorted by
//!   id, each with its stable id, a short description (the docs' first
//!   sentence), a full description, the whole documentation as help (plain
//!   text and Markdown) and its default level.
//! - `runs[0].columnKind` is `unicodeCodePoints`: `startColumn` and
//!   `endColumn` count Unicode scalar values, like the `column` of every
//!   other format; `endColumn` and `endLine` point just past the span. The
//!   region also carries `byteOffset` and `byteLength` into the file on
//!   disk.
//! - Paths given relative are relative URIs against `%SRCROOT%`; absolute
//!   paths are `file://` URIs.
//! - `partialFingerprints["replylint/v1"]` hashes the rule, the reply id
//!   (or title), the text the diagnostic covers (its whole line when it
//!   covers nothing; in a line longer than 4,096 bytes, the 2,048 bytes
//!   either side of it) and how many identical findings come before it in the
//!   file, but not the line number: a result keeps its fingerprint when
//!   lines above it are added or removed.
//! - A library rule's result (`inconsistent-fact`, `near-duplicate`, …,
//!   about several replies) comes after the files' results, located at its
//!   first place, with the others as `relatedLocations`: each with an `id`
//!   (1, 2, …), its region in the same units and what the reply says there
//!   as its `message.text` (and `properties.replyId`/`replyTitle`). The
//!   result's message links to each, `…; see [emails/resi.md:4:34](2)
//!   (states 14 days)`, with SARIF's embedded links, and its properties
//!   carry `note`, what the reply says at the first place (each only when
//!   there is one). Its
//!   fingerprint hashes the rule and, for every place, the reply and the
//!   text covered.
//! - Fixes become SARIF `fixes` with byte-addressed replacements (when the
//!   new text is written the same in the file); files that could not be
//!   read become `toolExecutionNotifications`.

use super::json::nested;
use super::{Emitter, FileReport, Finding, LibraryFinding, Summary};
use crate::input::InputError;
use replylint_core::diagnostic::{Applicability, Severity};
use replylint_core::location::Position;
use serde::Serialize;
use serde_sarif::sarif;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};

/// Where the schema of the log is published.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of our fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "replylint/v1";

#[derive(Default)]
pub struct Sarif {
    /// The results so far, each printed at its depth in the log, separated
    /// by commas, with [`RULE_INDEX_PLACEHOLDER`] for its `ruleIndex`.
    results: Spill,
    /// The rules that have results.
    rules: BTreeSet<&'static str>,
    notifications: Vec<sarif::Notification>,
    /// How many library results so far hash the same, by hash: the
    /// occurrence that goes into the next one's fingerprint.
    library_seen: HashMap<u64, usize>,
}

/// The `ruleIndex` a result is rendered with, on the thread that checked
/// its file, before the rules of the run (those with results) are known.
/// Printed as `"ruleIndex": 9223372036854775807`, which only a key can be:
/// a quote inside a JSON string is escaped.
const RULE_INDEX_PLACEHOLDER: i64 = i64::MAX;

/// How deep a result is in the log: `{ "runs": [ { "results": [ here`.
const RESULT_DEPTH: usize = 4;

/// The results of a log, as they are rendered, until the log is printed:
/// in memory, and past [`Spill::limit`] bytes in an anonymous temporary
/// file (removed by the system when it is closed, whatever ends the run),
/// or still in memory where no temporary file can be made.
struct Spill {
    memory: Vec<u8>,
    file: Option<BufWriter<File>>,
    /// Whether a temporary file could not be made: not tried again.
    no_file: bool,
    /// How many bytes are held in memory before they go to a file.
    limit: usize,
    /// Whether any result is held.
    any: bool,
}

/// [`Spill::limit`]: smaller in debug builds, so that the tests write
/// temporary files without having to make megabytes of results.
const SPILL_LIMIT: usize = if cfg!(debug_assertions) {
    16 << 10
} else {
    4 << 20
};

impl Default for Spill {
    fn default() -> Self {
        Spill::with_limit(SPILL_LIMIT)
    }
}

impl Spill {
    fn with_limit(limit: usize) -> Self {
        Spill {
            memory: Vec::new(),
            file: None,
            no_file: false,
            limit,
            any: false,
        }
    }

    /// Hold results rendered at their depth and separated by commas
    /// (nothing when `rendered` is empty), after those held before.
    fn push(&mut self, rendered: &[u8]) -> io::Result<()> {
        if rendered.is_empty() {
            return Ok(());
        }
        let separator: &[u8] = if self.any { b",\n" } else { b"" };
        self.any = true;
        if self.file.is_none()
            && !self.no_file
            && self.memory.len() + separator.len() + rendered.len() > self.limit
        {
            match tempfile::tempfile() {
                Ok(file) => {
                    let mut file = BufWriter::with_capacity(1 << 16, file);
                    file.write_all(&self.memory)?;
                    self.memory = Vec::new();
                    self.file = Some(file);
                }
                Err(_) => self.no_file = true,
            }
        }
        match &mut self.file {
            Some(file) => {
                file.write_all(separator)?;
                file.write_all(rendered)
            }
            None => {
                self.memory.extend_from_slice(separator);
                self.memory.extend_from_slice(rendered);
                Ok(())
            }
        }
    }

    /// Whether no result is held.
    fn is_empty(&self) -> bool {
        !self.any
    }

    /// Every result held, in order, with its `ruleIndex` the index of its
    /// rule in `rules`; then nothing is held.
    fn copy(&mut self, out: &mut dyn Write, rules: &[&str]) -> io::Result<()> {
        let memory = std::mem::take(&mut self.memory);
        self.any = false;
        match self.file.take() {
            Some(file) => {
                let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.rewind()?;
                fill_in_rule_indexes(BufReader::with_capacity(1 << 16, file), out, rules)
            }
            None => fill_in_rule_indexes(memory.as_slice(), out, rules),
        }
    }
}

/// The line of a result's `ruleIndex` as rendered, without its line break
/// (`ruleIndex` is the last key of a result).
fn placeholder_line() -> String {
    format!(
        "{}\"ruleIndex\": {RULE_INDEX_PLACEHOLDER}",
        " ".repeat(2 * (RESULT_DEPTH + 1))
    )
}

/// Copy results from `results` to `out`, with each `ruleIndex` the index
/// in `rules` of the `ruleId` just before it. Line by line: a string never
/// holds a line break, so that a line that starts with a key at the depth
/// of a result's keys is that key (a quote inside a string is escaped).
fn fill_in_rule_indexes(
    mut results: impl BufRead,
    out: &mut dyn Write,
    rules: &[&str],
) -> io::Result<()> {
    let placeholder = placeholder_line();
    let rule_key = format!("{}\"ruleId\": ", " ".repeat(2 * (RESULT_DEPTH + 1)));
    let mut line = Vec::new();
    let mut index = 0;
    loop {
        line.clear();
        if results.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        if text == placeholder.as_bytes() {
            let indent = &placeholder[..2 * (RESULT_DEPTH + 1)];
            write!(out, "{indent}\"ruleIndex\": {index}")?;
            out.write_all(&line[text.len()..])?;
            continue;
        }
        if let Some(id) = text.strip_prefix(rule_key.as_bytes()) {
            let id = id.strip_suffix(b",").unwrap_or(id);
            let id: String = serde_json::from_slice(id)?;
            index = rules.binary_search(&id.as_str()).unwrap_or_default();
        }
        out.write_all(&line)?;
    }
}

fn json<T: serde::Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Percent-encode a path for a URI: everything but unreserved characters
/// and `/` (a Windows `\` becomes `/`).
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The artifact location of a file named `name` in reports.
pub fn artifact_location(name: &str) -> sarif::ArtifactLocation {
    let absolute = name.starts_with('/') || name.get(1..3) == Some(":\\");
    if absolute {
        let path = encode_path(name);
        let slash = if path.starts_with('/') { "" } else { "/" };
        sarif::ArtifactLocation {
            uri: Some(format!("file://{slash}{path}")),
            ..Default::default()
        }
    } else {
        sarif::ArtifactLocation {
            uri: Some(encode_path(name.strip_prefix("./").unwrap_or(name))),
            uri_base_id: Some("%SRCROOT%".to_owned()),
            ..Default::default()
        }
    }
}

fn text(s: impl Into<String>) -> sarif::Message {
    sarif::Message {
        text: Some(s.into()),
        ..Default::default()
    }
}

/// 64-bit FNV-1a: a small hash that is the same on every platform and
/// every version of Rust, as a fingerprint must be.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A line longer than this many bytes does not stand for a finding that
/// covers nothing: [`AROUND`] bytes either side of it do.
const LONG_LINE: usize = 4096;
const AROUND: usize = 2048;

/// The text a finding covers in its file, or its line when it covers
/// nothing (in a line of more than [`LONG_LINE`] bytes, the [`AROUND`]
/// bytes of it either side, so that a minified export's findings do not
/// each hash the whole file).
fn covered<'a>(report: &'a FileReport, f: &Finding) -> &'a str {
    let text = report.source.text.as_str();
    let covered = text.get(f.start.offset..f.end.offset).unwrap_or_default();
    if !covered.is_empty() {
        return covered;
    }
    let line = report.index.line_range(text, f.start.line);
    if line.len() <= LONG_LINE {
        return &text[line];
    }
    let at = f.start.offset.clamp(line.start, line.end);
    let mut start = at.saturating_sub(AROUND).max(line.start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (at + AROUND).min(line.end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[start..end]
}

/// A result as `serde-sarif` prints one (fields in alphabetical order,
/// absent ones left out), borrowing what it holds: rendering results is
/// most of what a SARIF log costs beyond linting, and `serde-sarif`'s
/// types own every string.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[FixOut<'a>; 1]>,
    level: &'static str,
    locations: [LocationOut<'a>; 1],
    message: Text<'a>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    properties: Properties<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_locations: Option<Vec<RelatedOut<'a>>>,
    rule_id: &'a str,
    rule_index: i64,
}

/// Another place of a library result, with its id (from 1; the result's
/// message links to it) and what the reply says there.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedOut<'a> {
    id: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
    physical_location: PhysicalOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ReplyProperties<'a>>,
}

/// Which reply a related location is in.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReplyProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_title: Option<&'a str>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LocationOut<'a> {
    physical_location: PhysicalOut<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalOut<'a> {
    artifact_location: &'a sarif::ArtifactLocation,
    region: RegionOut,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RegionOut {
    byte_length: usize,
    byte_offset: usize,
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

/// A result's properties, in the order of their names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties<'a> {
    channel: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    /// A library result's: what the reply says where it is reported.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_title: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FixOut<'a> {
    artifact_changes: [ChangeOut<'a>; 1],
    description: Text<'static>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeOut<'a> {
    artifact_location: &'a sarif::ArtifactLocation,
    replacements: Vec<ReplacementOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReplacementOut<'a> {
    deleted_region: DeletedOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_content: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DeletedOut {
    byte_length: usize,
    byte_offset: usize,
}

/// SARIF's `level` of a severity.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(f: &Finding) -> RegionOut {
    span(f.start, f.end)
}

fn span(start: Position, end: Position) -> RegionOut {
    RegionOut {
        byte_length: end.offset.saturating_sub(start.offset),
        byte_offset: start.offset,
        end_column: end.column,
        end_line: end.line,
        start_column: start.column,
        start_line: start.line,
    }
}

/// `s` as the link text of an embedded link of a plain text message:
/// `\`, `[` and `]` escaped with a backslash.
fn link_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A library result's message: the finding's, then a link to each other
/// place (`[path:line:column](id)`, the id of its related location) with
/// what the reply says there.
fn library_message(f: &LibraryFinding) -> String {
    let mut message = f.message.clone();
    for (i, place) in f.places.iter().enumerate().skip(1) {
        message.push_str(if i == 1 { "; see " } else { ", " });
        message.push_str(&format!(
            "[{}]({i})",
            link_text(&format!(
                "{}:{}:{}",
                place.path, place.start.line, place.start.column
            ))
        ));
        if !place.note.is_empty() {
            message.push_str(&format!(" ({})", place.note));
        }
    }
    message
}

/// What a library result's fingerprint hashes: its rule, and for every
/// place the reply and the text it covers (its line when it covers
/// nothing, as [`covered`] has it), not its line number.
fn library_parts(f: &LibraryFinding) -> Vec<&[u8]> {
    let mut parts: Vec<&[u8]> = vec![f.rule.as_bytes()];
    for place in &f.places {
        let reply = place.reply_id.as_deref().or(place.reply_title.as_deref());
        let line = place.line_text();
        let span = place.span_in_line();
        let covered = if span.is_empty() {
            around(line, span.start)
        } else {
            &line[span]
        };
        parts.push(reply.unwrap_or_default().as_bytes());
        parts.push(covered.as_bytes());
    }
    parts
}

/// `line`, or in a line longer than [`LONG_LINE`] bytes the [`AROUND`]
/// bytes either side of byte `at`.
fn around(line: &str, at: usize) -> &str {
    if line.len() <= LONG_LINE {
        return line;
    }
    let mut start = at.saturating_sub(AROUND);
    while !line.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (at + AROUND).min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[start..end]
}

/// The finding's fix as SARIF replacements of file bytes. Fix edits are
/// written in reply text; only those that read the same in the file are
/// offered (no line break, which a CRLF file writes differently; in a
/// library, no quote or backslash either, which its strings escape), so
/// that applying one is always right. `check --fix` applies the others.
fn fix<'a>(
    report: &FileReport,
    f: &'a Finding,
    location: &'a sarif::ArtifactLocation,
) -> Option<FixOut<'a>> {
    let name = report.source.name.as_str();
    let (applicability, edits) = f.fix.as_ref()?;
    let source = report.source.text.as_str();
    // Plain text and Markdown hold reply text as is, but for line breaks;
    // libraries quote and escape it.
    let plain = crate::input::Format::of(std::path::Path::new(name)) == crate::input::Format::Text;
    let special: &[char] = if plain {
        &['\n', '\r']
    } else {
        &['\n', '\r', '\\', '"', '\'']
    };
    let verbatim = edits.iter().all(|e| {
        let deleted = source.get(e.start.offset..e.end.offset).unwrap_or("\r");
        !deleted.contains(special) && !e.content.contains(special)
    });
    if !verbatim {
        return None;
    }
    let replacements = edits
        .iter()
        .map(|e| ReplacementOut {
            deleted_region: DeletedOut {
                byte_length: e.end.offset.saturating_sub(e.start.offset),
                byte_offset: e.start.offset,
            },
            inserted_content: (!e.content.is_empty()).then_some(Text { text: &e.content }),
        })
        .collect();
    let description = match applicability {
        Applicability::Safe => "safe fix (applied by `replylint check --fix`)",
        Applicability::Unsafe => "unsafe fix (applied with `--fix --unsafe-fixes`)",
    };
    Some(FixOut {
        artifact_changes: [ChangeOut {
            artifact_location: location,
            replacements,
        }],
        description: Text { text: description },
    })
}

/// The metadata of rule `id`.
fn descriptor(id: &str) -> sarif::ReportingDescriptor {
    let Some(meta) = replylint_core::rules::by_id(id) else {
        return sarif::ReportingDescriptor::builder().id(id).build();
    };
    let docs = meta.docs();
    let full = meta
        .section("What it does")
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| meta.summary());
    let name: String = meta
        .id
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    let mut help = sarif::MultiformatMessageString::builder()
        .text(docs.trim())
        .build();
    help.markdown = Some(docs.trim().to_owned());
    let mut descriptor = sarif::ReportingDescriptor::builder()
        .id(meta.id)
        .name(name)
        .short_description(
            sarif::MultiformatMessageString::builder()
                .text(meta.summary())
                .build(),
        )
        .full_description(
            sarif::MultiformatMessageString::builder()
                .text(full)
                .build(),
        )
        .help(help)
        .default_configuration(sarif::ReportingConfiguration {
            level: Some(json(level(meta.default_severity))),
            ..Default::default()
        })
        .build();
    if meta.fix != replylint_core::rules::FixAvailability::None {
        descriptor.properties = Some(sarif::PropertyBag {
            tags: Some(vec!["fixable".to_owned()]),
            ..Default::default()
        });
    }
    descriptor
}

impl Emitter for Sarif {
    fn shows_lines(&self) -> bool {
        true
    }

    /// The file's results as they appear in the log, rendered on the thread
    /// that checked the file.
    fn render(&self, report: &FileReport) -> io::Result<Vec<u8>> {
        let location = artifact_location(&report.source.name);
        let mut out = Vec::new();
        let mut seen: HashMap<(&str, Option<&str>, &str), usize> = HashMap::new();
        for (i, f) in report.findings.iter().enumerate() {
            let d = &f.diagnostic;
            let reply = f.reply_id.as_deref().or(f.reply_title.as_deref());
            let covered = covered(report, f);
            let n = seen.entry((d.rule, reply, covered)).or_default();
            let occurrence = n.to_string();
            *n += 1;
            let hash = fnv1a(&[
                d.rule.as_bytes(),
                reply.unwrap_or_default().as_bytes(),
                covered.as_bytes(),
                occurrence.as_bytes(),
            ]);
            let result = ResultOut {
                fixes: fix(report, f, &location).map(|x| [x]),
                level: level(d.severity),
                locations: [LocationOut {
                    physical_location: PhysicalOut {
                        artifact_location: &location,
                        region: region(f),
                    },
                }],
                message: Text { text: &d.message },
                partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, format!("{hash:016x}"))]),
                properties: Properties {
                    channel: &f.channel,
                    help: d.help.as_deref(),
                    note: None,
                    reply_id: f.reply_id.as_deref(),
                    reply_title: f.reply_title.as_deref(),
                },
                related_locations: None,
                rule_id: d.rule,
                rule_index: RULE_INDEX_PLACEHOLDER,
            };
            if i > 0 {
                out.extend_from_slice(b",\n");
            }
            out.extend(std::iter::repeat_n(b' ', 2 * RESULT_DEPTH));
            nested(&mut out, &result, RESULT_DEPTH)?;
        }
        Ok(out)
    }

    fn file(
        &mut self,
        _out: &mut dyn Write,
        report: &FileReport,
        rendered: Vec<u8>,
    ) -> io::Result<()> {
        for f in &report.findings {
            self.rules.insert(f.diagnostic.rule);
        }
        self.results.push(&rendered)
    }

    /// The library results, after the files': located at their first
    /// place, with the others as `relatedLocations`.
    fn library(&mut self, _out: &mut dyn Write, findings: &[LibraryFinding]) -> io::Result<()> {
        // One result at a time: one can have thousands of places.
        let mut out = Vec::new();
        for f in findings {
            let Some(first) = f.places.first() else {
                continue;
            };
            let locations: Vec<sarif::ArtifactLocation> = f
                .places
                .iter()
                .map(|p| artifact_location(&p.path))
                .collect();
            let mut parts = library_parts(f);
            let n = self.library_seen.entry(fnv1a(&parts)).or_default();
            let occurrence = n.to_string();
            *n += 1;
            parts.push(occurrence.as_bytes());
            let hash = fnv1a(&parts);
            let message = library_message(f);
            let related: Vec<RelatedOut<'_>> = f
                .places
                .iter()
                .zip(&locations)
                .enumerate()
                .skip(1)
                .map(|(id, (p, location))| RelatedOut {
                    id,
                    message: (!p.note.is_empty()).then_some(Text { text: &p.note }),
                    physical_location: PhysicalOut {
                        artifact_location: location,
                        region: span(p.start, p.end),
                    },
                    properties: (p.reply_id.is_some() || p.reply_title.is_some()).then_some(
                        ReplyProperties {
                            reply_id: p.reply_id.as_deref(),
                            reply_title: p.reply_title.as_deref(),
                        },
                    ),
                })
                .collect();
            let result = ResultOut {
                fixes: None,
                level: level(f.severity),
                locations: [LocationOut {
                    physical_location: PhysicalOut {
                        artifact_location: &locations[0],
                        region: span(first.start, first.end),
                    },
                }],
                message: Text { text: &message },
                partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, format!("{hash:016x}"))]),
                properties: Properties {
                    channel: &f.channel,
                    help: f.help.as_deref(),
                    note: (!first.note.is_empty()).then_some(first.note.as_str()),
                    reply_id: first.reply_id.as_deref(),
                    reply_title: first.reply_title.as_deref(),
                },
                related_locations: (!related.is_empty()).then_some(related),
                rule_id: f.rule,
                rule_index: RULE_INDEX_PLACEHOLDER,
            };
            out.clear();
            out.extend(std::iter::repeat_n(b' ', 2 * RESULT_DEPTH));
            nested(&mut out, &result, RESULT_DEPTH)?;
            self.rules.insert(f.rule);
            self.results.push(&out)?;
        }
        Ok(())
    }

    fn input_error(&mut self, _out: &mut dyn Write, error: &InputError) -> io::Result<()> {
        let region = error.position.map(|(line, column)| sarif::Region {
            start_line: Some(line as i64),
            start_column: Some(column as i64),
            ..Default::default()
        });
        self.notifications.push(
            sarif::Notification::builder()
                .message(text(error.message.clone()))
                .level(json(sarif::NotificationLevel::Error))
                .locations(vec![sarif::Location {
                    physical_location: Some(sarif::PhysicalLocation {
                        artifact_location: Some(artifact_location(&error.path)),
                        region,
                        ..Default::default()
                    }),
                    ..Default::default()
                }])
                .build(),
        );
        Ok(())
    }

    fn carries_errors(&self) -> bool {
        true
    }

    /// The log, as `serde_json` pretty-prints it, with the results
    /// rendered file by file and their `ruleIndex` filled in.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let rules: Vec<&str> = self.rules.iter().copied().collect();
        let notifications = std::mem::take(&mut self.notifications);
        let mut invocation = sarif::Invocation::builder()
            .execution_successful(summary.input_errors == 0)
            .build();
        invocation.tool_execution_notifications =
            (!notifications.is_empty()).then_some(notifications);
        let driver = sarif::ToolComponent::builder()
            .name("replylint")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .rules(rules.iter().map(|id| descriptor(id)).collect::<Vec<_>>())
            .build();
        let run = sarif::Run::builder()
            .tool(sarif::Tool::builder().driver(driver).build())
            .column_kind(json("unicodeCodePoints"))
            .invocations(vec![invocation])
            .results(Vec::new())
            .build();
        let log = sarif::Sarif::builder()
            .schema(SCHEMA_URI)
            .version(json(sarif::Version::V2_1_0))
            .runs(vec![run])
            .build();
        let log = serde_json::to_vec_pretty(&log)?;
        // The run's results are its only `"results"` key (a quote inside
        // a string is escaped).
        const EMPTY: &[u8] = b"\"results\": []";
        let Some(at) = memchr::memmem::find(&log, EMPTY).filter(|_| !self.results.is_empty())
        else {
            out.write_all(&log)?;
            return writeln!(out);
        };
        out.write_all(&log[..at])?;
        out.write_all(b"\"results\": [\n")?;
        self.results.copy(out, &rules)?;
        write!(out, "\n{}]", " ".repeat(2 * (RESULT_DEPTH - 1)))?;
        out.write_all(&log[at + EMPTY.len()..])?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris() {
        let rel = artifact_location("macros/a b,c.toml");
        assert_eq!(rel.uri.as_deref(), Some("macros/a%20b%2Cc.toml"));
        assert_eq!(rel.uri_base_id.as_deref(), Some("%SRCROOT%"));
        let abs = artifact_location("/tmp/x/è.txt");
        assert_eq!(abs.uri.as_deref(), Some("file:///tmp/x/%C3%A8.txt"));
        assert_eq!(abs.uri_base_id, None);
        assert_eq!(
            artifact_location("./a.txt").uri.as_deref(),
            Some("a.txt"),
            "no `./` in a relative URI"
        );
    }

    /// The log of the sample library findings, parsed.
    fn library_log() -> serde_json::Value {
        let mut sarif = Sarif::default();
        let mut out = Vec::new();
        let findings = crate::output::sample::findings();
        sarif.library(&mut out, &findings).unwrap();
        // Twice the same finding: its second result has its own
        // fingerprint.
        sarif.library(&mut out, &findings[..1]).unwrap();
        sarif.finish(&mut out, &Summary::default()).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn library_results_have_their_other_places_as_related_locations() {
        let log = library_log();
        let run = &log["runs"][0];
        let rules: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(rules, ["inconsistent-fact", "missing-translation"]);
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        for r in results {
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index], r["ruleId"]);
        }
        // Every link of the message is to a related location, once.
        let message = results[0]["message"]["text"].as_str().unwrap();
        for (i, related) in results[0]["relatedLocations"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            assert_eq!(related["id"], i + 1);
            let link = format!("]({})", i + 1);
            assert_eq!(message.matches(&link).count(), 1, "{message}");
        }
        assert_ne!(
            results[0]["partialFingerprints"],
            results[2]["partialFingerprints"]
        );
        insta::assert_snapshot!(serde_json::to_string_pretty(&run["results"]).unwrap());
    }

    /// The log of the sample library findings given `times` times, with
    /// results set aside in memory up to `limit` bytes; whether they went
    /// to a temporary file.
    fn log_with_limit(limit: usize, times: usize) -> (Vec<u8>, bool) {
        let mut sarif = Sarif {
            results: Spill::with_limit(limit),
            ..Sarif::default()
        };
        let mut out = Vec::new();
        let findings = crate::output::sample::findings();
        for _ in 0..times {
            sarif.library(&mut out, &findings).unwrap();
            sarif.library(&mut out, &[]).unwrap();
        }
        assert!(out.is_empty(), "nothing is printed before the end");
        let spilled = sarif.results.file.is_some();
        sarif.finish(&mut out, &Summary::default()).unwrap();
        (out, spilled)
    }

    #[test]
    fn results_set_aside_in_a_file_make_the_same_log() {
        let (in_memory, spilled) = log_with_limit(usize::MAX, 40);
        assert!(!spilled);
        for limit in [0, 1000] {
            let (from_file, spilled) = log_with_limit(limit, 40);
            assert!(spilled);
            assert_eq!(
                String::from_utf8(from_file).unwrap(),
                String::from_utf8(in_memory.clone()).unwrap()
            );
        }
        // The log is what `serde_json` pretty-prints, every index filled in.
        let text = String::from_utf8(in_memory).unwrap();
        let log: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(text, serde_json::to_string_pretty(&log).unwrap() + "\n");
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 80);
        assert_eq!(results[79]["ruleIndex"], 1);
        assert!(!text.contains(&RULE_INDEX_PLACEHOLDER.to_string()));
        // None at all: the empty log either way.
        assert_eq!(log_with_limit(0, 0), log_with_limit(usize::MAX, 0));
        assert!(!log_with_limit(0, 0).1);
    }

    #[test]
    fn rule_indexes_are_filled_in_line_by_line() {
        let rules = ["a-rule", "b\"rule", "c-rule"];
        let results = concat!(
            "        {\n",
            "          \"message\": {\n",
            "            \"text\": \"\\\"ruleIndex\\\": 9223372036854775807\"\n",
            "          },\n",
            "          \"ruleId\": \"c-rule\",\n",
            "          \"ruleIndex\": 9223372036854775807\n",
            "        },\n",
            "        {\n",
            "          \"ruleId\": \"b\\\"rule\",\n",
            "          \"ruleIndex\": 9223372036854775807\n",
            "        }",
        );
        let mut out = Vec::new();
        fill_in_rule_indexes(results.as_bytes(), &mut out, &rules).unwrap();
        let expected = results
            .replacen(
                "\"ruleIndex\": 9223372036854775807\n        },",
                "\"ruleIndex\": 2\n        },",
                1,
            )
            .replacen(
                "\"ruleIndex\": 9223372036854775807\n        }",
                "\"ruleIndex\": 1\n        }",
                1,
            );
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        // The message's text is not a key and stays.
        assert!(expected.contains("\\\"ruleIndex\\\": 9223372036854775807\""));
    }

    #[test]
    fn a_place_covering_nothing_is_fingerprinted_with_its_line_or_around_it() {
        assert_eq!(around("short line", 3), "short line");
        let long = "é".repeat(5000);
        let got = around(&long, 5001);
        assert!(
            got.len() <= 2 * AROUND && got.len() > 2 * AROUND - 4,
            "{}",
            got.len()
        );
        assert!(long.contains(got));
        assert_eq!(around(&long, 0).len(), AROUND);
    }

    #[test]
    fn link_texts_escape_brackets_and_backslashes() {
        assert_eq!(link_text(r"a[0]\b.md:1:2"), r"a\[0\]\\b.md:1:2");
        let mut f = crate::output::sample::findings().remove(0);
        f.places[2].path = "emails/[it]/resi.md".to_owned();
        assert!(
            library_message(&f).ends_with(r", [emails/\[it\]/resi.md:4:34](2) (states 14 days)"),
            "{}",
            library_message(&f)
        );
    }

    #[test]
    fn the_fingerprint_hash_is_fixed() {
        // FNV-1a's offset basis for no input, and a value computed apart
        // (rule, reply, covered text, occurrence), pinned so that a change
        // of the hash, which would re-open every code-scanning alert, is
        // noticed.
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(
            fnv1a(&[b"whitespace", b"", b"  ", b"0"]),
            0x2dd6_fb6e_2517_ebea
        );
        assert_ne!(fnv1a(&[b"ab", b"c"]), fnv1a(&[b"a", b"bc"]));
    }
}
