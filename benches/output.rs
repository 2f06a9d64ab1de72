//! Benchmarks of the output formats on the worst shape of input for them:
//! one line of a megabyte with 10,000 findings (a reply with a double
//! space every hundred bytes, written on one line), and a Zendesk export
//! of 8,000 macros minified onto one line. Rendering a file's findings
//! must cost in proportion to the findings and what is shown of them, not
//! to the length of their line times their number.
//!
//! The inputs are generated here, not kept in the repository.
//!
//! `cargo bench --bench output`.

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_core::location::LineIndex;
use replylint_core::reply::Source;
use replylint_io::input::{self, Read};
use replylint_io::output::{self, FileReport, Finding, Format};
use std::path::Path;
use std::sync::{Arc, LazyLock};

fn main() {
    divan::main();
}

const FORMATS: &[Format] = &[
    Format::Human,
    Format::Line,
    Format::Json,
    Format::Jsonl,
    Format::Sarif,
    Format::Github,
    Format::Checkstyle,
];

/// One line of about a megabyte: 10,000 times a hundred bytes with a
/// double space in each (10,000 `whitespace` findings).
pub fn long_line() -> String {
    let unit = "We checked it today and the parcel is on its way to you again now ok.  ";
    let unit = format!("{unit}{}", "y".repeat(100 - unit.len()));
    unit.repeat(10_000) + "\n"
}

/// A Zendesk export of 8,000 macros on one line, as `json.dumps` writes
/// it minified: each macro's reply has a greeting placeholder without a
/// fallback and a double space (16,000 findings).
pub fn helpdesk_export() -> String {
    let macros: Vec<String> = (0..8_000)
        .map(|i| {
            format!(
                concat!(
                    r#"{{"id":{},"title":"Macro {}","active":true,"actions":["#,
                    r#"{{"field":"subject","value":"About your order {}"}},"#,
                    r#"{{"field":"comment_value","value":"Dear {{{{ticket.requester.first_name}}}},\n\n"#,
                    r#"Thanks for writing  to us about order {}. We will look into it and reply soon.\n\nKind regards"}}]}}"#
                ),
                360_000_000_000u64 + i,
                i,
                i,
                i
            )
        })
        .collect();
    format!(r#"{{"macros":[{}],"count":8000}}"#, macros.join(","))
}

fn settings() -> Settings {
    let cli = CliOverrides {
        no_config: true,
        ..CliOverrides::default()
    };
    replylint_io::config::load(&cli, Path::new(".")).expect("built-in settings")
}

/// `text` read and linted as file `name`, as `check` would.
fn report(name: &str, text: String) -> FileReport {
    let settings = settings();
    let source = Arc::new(Source {
        path: None,
        name: name.to_owned(),
        text,
    });
    let Ok((Read::Replies(source, replies), errors)) = input::read_source(source, true) else {
        panic!("{name} does not read");
    };
    assert!(errors.is_empty(), "{errors:?}");
    let index = LineIndex::new(&source.text);
    let mut findings = Vec::new();
    for reply in &replies {
        let rc = settings
            .reply_context(None, &reply.meta)
            .expect("a context");
        for d in replylint_core::engine::lint(&settings, reply, &rc) {
            findings.push(Finding::new(reply, &index, &rc.channel.id, d));
        }
    }
    FileReport {
        source,
        index,
        replies: replies.len(),
        findings,
    }
}

static LONG_LINE: LazyLock<FileReport> = LazyLock::new(|| {
    let report = report("long-line.txt", long_line());
    assert!(report.findings.len() >= 10_000, "{}", report.findings.len());
    report
});

static EXPORT: LazyLock<FileReport> = LazyLock::new(|| {
    let report = report("zendesk-macros.json", helpdesk_export());
    assert!(report.findings.len() >= 16_000, "{}", report.findings.len());
    report
});

fn render(bencher: Bencher, report: &FileReport, format: Format) {
    let emitter = output::emitter(format, false);
    bencher
        .counter(ItemsCount::new(report.findings.len()))
        .bench(|| black_box(emitter.render(report).expect("renders").len()));
}

/// A file's findings rendered in `format`, 10,000 of them on one line of
/// a megabyte; the time is per finding.
#[divan::bench(args = FORMATS, sample_count = 10)]
fn long_line_findings(bencher: Bencher, format: Format) {
    render(bencher, &LONG_LINE, format);
}

/// The same, 16,000 findings of 8,000 macros on one line of 2.3 MB.
#[divan::bench(args = FORMATS, sample_count = 10)]
fn minified_export_findings(bencher: Bencher, format: Format) {
    render(bencher, &EXPORT, format);
}

/// The human format in colour, which a terminal gets.
#[divan::bench(sample_count = 10)]
fn long_line_findings_in_colour(bencher: Bencher) {
    let emitter = output::emitter(Format::Human, true);
    let report = &*LONG_LINE;
    bencher
        .counter(ItemsCount::new(report.findings.len()))
        .bench(|| black_box(emitter.render(report).expect("renders").len()));
}
