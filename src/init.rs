//! The configuration commands: `replylint init` writes a commented starter
//! `replylint.toml`; `replylint config [PATH]` prints, as TOML, the
//! settings a reply at PATH is checked with: its channel, language and mode
//! and where each came from, then that channel's resolved settings and
//! rule levels.

use replylint_core::channel::Channel;
use replylint_core::config::Settings;
use replylint_core::config::options::Options;
use replylint_core::config::settings::{CliOverrides, lexical_normal};
use replylint_core::lang::Language;
use replylint_core::mode::Mode;
use replylint_core::reply::ReplyMeta;
use replylint_io::input::{self, Format, Input, Read};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The file `init` writes.
pub const FILE_NAME: &str = "replylint.toml";

/// The top of the starter configuration.
const STARTER_HEADER: &str = "\
## replylint configuration.
## Lines starting with `# ` are settings: remove the `# ` to use one.
## Reference: docs/configuration.md; `replylint config PATH`
## prints what applies to a file, and `replylint rules` lists the rules.
";

/// The keys the starter configuration shows, in order, in paragraphs of
/// keys that go together. What it says about each is the key's
/// declaration's ([`Options::META`]); top-level keys come before the first
/// table.
pub const STARTER_KEYS: &[&[&str]] = &[
    &["channel", "language", "mode"],
    &["languages"],
    &["exclude"],
    &["acronyms"],
    &["today"],
    &["placeholder-dialect", "variables"],
    &["paths"],
    &["rules"],
    &["channels"],
    &["placeholder-lengths"],
    &["facts"],
    &["expired"],
    &["rule"],
];

/// The starter configuration: every setting commented out, with a line
/// on what it does. `## ` lines are prose; `# ` lines are settings, valid
/// when uncommented.
pub fn starter() -> String {
    let mut text = STARTER_HEADER.to_owned();
    for paragraph in STARTER_KEYS {
        text.push('\n');
        for key in *paragraph {
            let lines = replylint_core::declare::find(Options::META, key)
                .and_then(|m| m.starter)
                .unwrap_or_else(|| panic!("`{key}` declares no starter lines"));
            text.push_str(lines);
        }
    }
    text
}

/// `replylint init`: write [`starter`] to `dir/replylint.toml`. Refuses to
/// overwrite it, or to add one beside a `.replylint.toml`.
pub fn init(dir: &Path) -> Result<PathBuf, String> {
    for name in replylint_io::config::CONFIG_FILE_NAMES {
        let existing = dir.join(name);
        if existing.exists() {
            return Err(format!(
                "{} already exists; not overwritten (edit it, or delete it to start again)",
                existing.display()
            ));
        }
    }
    let path = dir.join(FILE_NAME);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("{}: {}", path.display(), input::io_message(&e)))?;
    std::io::Write::write_all(&mut file, starter().as_bytes())
        .map_err(|e| format!("{}: {}", path.display(), input::io_message(&e)))?;
    Ok(path)
}

/// One decision and where it came from.
struct Decided {
    value: Option<String>,
    from: String,
}

/// A layer that may set channel, language and mode.
#[derive(Default)]
struct Layer {
    channel: Option<String>,
    language: Option<String>,
    mode: Option<Mode>,
}

/// `replylint config [PATH]`: the resolved settings for a reply at `path`
/// as TOML. `cli` holds the command line's `--channel`, `--lang` and
/// `--mode`.
pub fn resolved(settings: &Settings, cli: &CliOverrides, path: &Path) -> Result<String, String> {
    let name = path.display().to_string();
    let format = Format::of(path);
    // A reply file's front matter is part of the answer.
    let meta = match format {
        Format::Text if path.is_file() => {
            let input = Input::File {
                path: path.to_owned(),
                explicit: true,
            };
            match input::read(&input, None, None) {
                Ok(Read::Replies(_, replies)) => replies
                    .into_iter()
                    .next()
                    .map(|r| r.meta)
                    .unwrap_or_default(),
                Ok(Read::Skipped(_)) => ReplyMeta::default(),
                Err(e) => return Err(e.to_string()),
            }
        }
        _ => ReplyMeta::default(),
    };
    let rc = settings
        .reply_context(Some(path), &meta)
        .map_err(|(_, message)| format!("{name}: {message}"))?;

    let config_name = settings
        .config_file
        .as_ref()
        .map(|p| p.display().to_string());
    let options: Option<Options> = settings
        .config_file
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| toml::from_str(&text).ok());

    // The layers, highest precedence first, as `Settings::reply_context`
    // applies them.
    let mut layers: Vec<(String, Layer)> = Vec::new();
    layers.push((
        match format {
            Format::Text => format!("the front matter of {name}"),
            _ => "the reply's own fields".to_owned(),
        },
        Layer {
            channel: meta.channel.as_ref().map(|c| c.value.clone()),
            language: meta.language.as_ref().map(|l| l.value.clone()),
            mode: meta.mode,
        },
    ));
    layers.push((
        "the command line".to_owned(),
        Layer {
            channel: cli.channel.clone(),
            language: cli.language.clone(),
            mode: cli.mode,
        },
    ));
    let config = config_name.clone().unwrap_or_default();
    if let Some(options) = &options {
        let absolute = lexical_normal(&settings.cwd.join(path));
        let rel = absolute
            .strip_prefix(&settings.root)
            .map(Path::to_owned)
            .unwrap_or_else(|_| lexical_normal(path));
        for p in options.paths.iter().flatten().rev() {
            let matches = globset::Glob::new(p.glob.get_ref())
                .map(|g| g.compile_matcher().is_match(&rel))
                .unwrap_or(false);
            if matches {
                layers.push((
                    format!("[[paths]] glob = {:?} in {config}", p.glob.get_ref()),
                    Layer {
                        channel: p.channel.as_ref().map(|c| c.get_ref().clone()),
                        language: p.language.as_ref().map(|l| l.get_ref().clone()),
                        mode: p.mode,
                    },
                ));
            }
        }
        layers.push((
            format!("the defaults in {config}"),
            Layer {
                channel: options.channel.as_ref().map(|c| c.get_ref().clone()),
                language: options.language.as_ref().map(|l| l.get_ref().clone()),
                mode: options.mode,
            },
        ));
    }
    layers.push((
        "the path (a folder or file-name part)".to_owned(),
        convention(settings, options, path),
    ));

    let channel = decide(
        &layers,
        |l| {
            l.channel
                .as_deref()
                .and_then(|c| settings.channel_id(c))
                .map(str::to_owned)
        },
        Some(rc.channel.id.clone()),
        || "nothing names one: the built-in `generic` channel".to_owned(),
    );
    let language = decide(
        &layers,
        |l| {
            l.language
                .as_deref()
                .and_then(|s| s.parse::<Language>().ok())
                .map(|l| l.code().to_owned())
        },
        rc.language.map(|l| l.code().to_owned()),
        || {
            "nothing names one: each reply's detected language, when detection is confident"
                .to_owned()
        },
    );
    let mode = decide(
        &layers,
        |l| l.mode.map(|m| mode_name(m).to_owned()),
        Some(mode_name(rc.mode).to_owned()),
        || {
            if meta.default_mode.is_some() || format == Format::Json {
                "the file's format (helpdesk exports hold templates), else `draft`".to_owned()
            } else {
                "the default".to_owned()
            }
        },
    );

    let mut out = String::new();
    let _ = writeln!(out, "# The settings replylint checks {name} with.");
    if !matches!(format, Format::Text) {
        let _ = writeln!(
            out,
            "# A library's replies may name their own channel, language and mode."
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "path = {}", quote(&name));
    match &config_name {
        Some(c) => {
            let _ = writeln!(out, "config-file = {}", quote(c));
        }
        None => {
            let _ = writeln!(out, "# config-file: none (built-in settings only)");
        }
    }
    let _ = writeln!(out, "\n[reply]");
    for (key, d) in [
        ("channel", &channel),
        ("language", &language),
        ("mode", &mode),
    ] {
        match &d.value {
            Some(v) => {
                let _ = writeln!(out, "{key} = {}", quote(v));
            }
            None => {
                let _ = writeln!(out, "# {key}: not set");
            }
        }
        let _ = writeln!(out, "{key}-from = {}", quote(&d.from));
    }
    if let Some(d) = rc.dialect {
        let _ = writeln!(out, "placeholder-dialect = {}", quote(d.name()));
    }
    if let Some(vars) = rc.variables {
        let list: Vec<String> = vars.iter().map(|v| quote(v)).collect();
        let _ = writeln!(out, "variables = [{}]", list.join(", "));
    }
    #[derive(Serialize)]
    struct Wrapper<'a> {
        channel: ChannelView<'a>,
    }
    let table = toml::to_string(&Wrapper {
        channel: ChannelView(rc.channel),
    })
    .map_err(|e| e.to_string())?;
    let _ = writeln!(out);
    out.push_str(&table);
    Ok(out)
}

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Draft => "draft",
        Mode::Template => "template",
    }
}

/// A TOML string literal.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The first layer that sets a value, if it is the value the settings
/// resolved (anything else means this explanation drifted from the
/// settings: then the value is shown without a source).
fn decide(
    layers: &[(String, Layer)],
    get: impl Fn(&Layer) -> Option<String>,
    resolved: Option<String>,
    otherwise: impl Fn() -> String,
) -> Decided {
    match layers
        .iter()
        .find_map(|(from, l)| get(l).map(|v| (from, v)))
    {
        Some((from, v)) if Some(&v) == resolved.as_ref() => Decided {
            value: resolved,
            from: from.clone(),
        },
        Some(_) => Decided {
            value: resolved,
            from: "resolved".to_owned(),
        },
        None => Decided {
            value: resolved,
            from: otherwise(),
        },
    }
}

/// What the path's folders and file-name parts say: the settings resolved
/// with nothing but the user's channel definitions.
fn convention(settings: &Settings, options: Option<Options>, path: &Path) -> Layer {
    let text = settings
        .config_file
        .as_ref()
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    let mut options = options.unwrap_or_default();
    options.channel = None;
    options.language = None;
    options.mode = None;
    options.paths = None;
    options.exclude = None;
    let Ok(mut bare) = Settings::resolve(
        options,
        settings.config_file.as_deref(),
        &text,
        &CliOverrides::default(),
        settings.root.clone(),
    ) else {
        return Layer::default();
    };
    bare.cwd.clone_from(&settings.cwd);
    match bare.reply_context(Some(path), &ReplyMeta::default()) {
        Ok(rc) => Layer {
            channel: rc.channel_named.then(|| rc.channel.id.clone()),
            language: rc.language.map(|l| l.code().to_owned()),
            mode: None,
        },
        Err(_) => Layer::default(),
    }
}

/// A channel's resolved settings as the `[channel]` table prints them:
/// what identifies it, every other setting in the order of its
/// declaration ([`Channel::setting_values`]; unset ones are left out),
/// then every rule's level.
struct ChannelView<'a>(&'a Channel);

impl Serialize for ChannelView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let c = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &c.id)?;
        map.serialize_entry("description", &c.description)?;
        map.serialize_entry("builtin", &c.builtin)?;
        for (key, value) in c.setting_values() {
            if let Some(value) = value.filter(|_| key != "description") {
                map.serialize_entry(key, &value)?;
            }
        }
        let rules: BTreeMap<&str, &str> =
            c.levels.iter().map(|(id, l)| (*id, l.as_str())).collect();
        map.serialize_entry("rules", &rules)?;
        map.end()
    }
}
