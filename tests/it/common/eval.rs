//! Evaluation sets (`tests/data/eval`, `tests/data/safety`): one reply a
//! line, linted through the library with the built-in configuration.

use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_core::diagnostic::Diagnostic;
use replylint_core::mode::Mode;
use replylint_core::reply::{Located, OffsetMap, Reply, ReplyMeta, Source};
use serde::Deserialize;
use std::sync::Arc;

/// One reply of an evaluation set.
#[derive(Debug, Deserialize)]
pub struct Case {
    pub id: String,
    pub language: String,
    pub channel: String,
    pub text: String,
    /// The rule that must report the planted defect, if any.
    #[serde(default)]
    pub defect: Option<String>,
    /// The text the defect's diagnostic must cover.
    #[serde(default)]
    pub planted: Option<String>,
    /// Draft or template; unset, the built-in default.
    #[serde(default)]
    pub mode: Option<Mode>,
}

/// The cases of `tests/data/{set}/{name}`.
pub fn load(set: &str, name: &str) -> Vec<Case> {
    let path = format!("{}/tests/data/{set}/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}:{}: {e}", i + 1)))
        .collect()
}

/// The built-in settings (no config file).
pub fn settings() -> Settings {
    replylint_io::config::load(
        &CliOverrides {
            no_config: true,
            ..CliOverrides::default()
        },
        std::path::Path::new("."),
    )
    .expect("built-in settings")
}

/// The diagnostics of `rules` on one case, on its channel and language
/// (and mode, when it has one).
pub fn lint(settings: &Settings, case: &Case, rules: &[&str]) -> Vec<Diagnostic> {
    let located = |value: &str| {
        Some(Located {
            value: value.to_owned(),
            offset: 0,
        })
    };
    let reply = Reply {
        body: case.text.clone(),
        meta: ReplyMeta {
            channel: located(&case.channel),
            language: located(&case.language),
            mode: case.mode,
            ..ReplyMeta::default()
        },
        offsets: OffsetMap::starting_at(0),
        source: Arc::new(Source {
            path: None,
            name: case.id.clone(),
            text: case.text.clone(),
        }),
    };
    let rc = settings
        .reply_context(None, &reply.meta)
        .unwrap_or_else(|(_, m)| panic!("{}: {m}", case.id));
    replylint_core::engine::lint(settings, &reply, &rc)
        .into_iter()
        .filter(|d| rules.contains(&d.rule))
        .collect()
}

/// The evaluation corpus of real replies: `$REPLYLINT_CORPUS`, else
/// `../shared/corpus` beside the repository; `None` where it is absent.
pub fn corpus_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("REPLYLINT_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
        });
    dir.is_dir().then_some(dir)
}

/// One reply of the corpus.
pub struct CorpusReply {
    pub id: String,
    pub channel: String,
    pub language: String,
    /// Draft or template, as the corpus says; unsaid, a draft.
    pub mode: Mode,
    pub text: String,
}

impl CorpusReply {
    /// The reply as an evaluation case with `text` (planted or as it is),
    /// checked in `mode`.
    pub fn case(&self, text: String, mode: Mode) -> Case {
        Case {
            id: self.id.clone(),
            language: self.language.clone(),
            channel: self.channel.clone(),
            text,
            defect: None,
            planted: None,
            mode: Some(mode),
        }
    }
}

/// The corpus replies in `languages`, in file order: every one of each
/// language and channel, or every n-th where there are more than
/// `per_group`.
pub fn corpus_replies(
    dir: &std::path::Path,
    languages: &[&str],
    per_group: usize,
) -> Vec<CorpusReply> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("corpus folder")
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut groups: std::collections::BTreeMap<(String, String), Vec<CorpusReply>> =
        std::collections::BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("corpus file");
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", file.display(), i + 1));
            let Some(language) = v["language"].as_str() else {
                continue;
            };
            if !languages.contains(&language) {
                continue;
            }
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            let reply = CorpusReply {
                id: field("id"),
                channel: field("channel"),
                language: language.to_owned(),
                mode: serde_json::from_value(v["mode"].clone()).unwrap_or(Mode::Draft),
                text: field("text"),
            };
            groups
                .entry((reply.language.clone(), reply.channel.clone()))
                .or_default()
                .push(reply);
        }
    }
    groups
        .into_values()
        .flat_map(|group| {
            let stride = group.len().div_ceil(per_group);
            group.into_iter().step_by(stride)
        })
        .collect()
}

/// Byte ranges of `text` that are code or markup, where nothing is
/// planted: fenced code blocks, inline code, HTML comments and template
/// tags (`{{ … }}`, `{% … %}`).
pub fn code_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for (open, close) in [("```", "```"), ("<!--", "-->"), ("{{", "}}"), ("{%", "%}")] {
        let mut from = 0;
        while let Some(start) = text[from..].find(open).map(|i| from + i) {
            let after = start + open.len();
            let end = text[after..]
                .find(close)
                .map_or(text.len(), |i| after + i + close.len());
            out.push(start..end);
            from = end;
        }
    }
    let mut from = 0;
    while let Some(start) = text[from..].find('`').map(|i| from + i) {
        let Some(len) = text[start + 1..].find(['`', '\n']) else {
            break;
        };
        let end = start + 1 + len + 1;
        out.push(start..end);
        from = end;
    }
    out
}
