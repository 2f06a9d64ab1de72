//! The application: resolve configuration → read inputs → lint → report →
//! exit status. Per-file errors are reported and the run goes on.

use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, ConfigArgs, CountArgs, CountFormat, RulesArgs,
    RulesFormat,
};
use crate::config::Settings;
use crate::config::settings::CliOverrides;
use crate::input::{self, Input, InputError, Read};
use crate::output::{self, FileReport, Finding, Format, Summary};
use crate::{docs, engine, rules};
use clap::Parser;
use rayon::prelude::*;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at or above `--fail-on`.
    Success,
    /// Diagnostics at or above `--fail-on`.
    Failure,
    /// Usage, configuration or I/O error.
    Error,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(s: ExitStatus) -> Self {
        std::process::ExitCode::from(match s {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// Entry point of the binary.
pub fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let status = match run(cli, &mut out, &mut err).and_then(|s| out.flush().map(|()| s)) {
        Ok(status) => status,
        // `replylint … | head`: the reader left; stop quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Success,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitStatus::Error
        }
    };
    status.into()
}

/// Run a parsed command line.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    match cli.command {
        None => check(&cli.check, out, err),
        Some(Command::Check(args)) => check(&args, out, err),
        Some(Command::Rules(args)) => list_rules(&args, out),
        Some(Command::Explain { rule }) => explain(&rule, out, err),
        Some(Command::Channels(args)) => channels(&args, out, err),
        Some(Command::Count(args)) => count(&args, out, err),
    }
}

fn count(args: &CountArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    let input = match &args.file {
        Some(path) if path.as_os_str() != "-" => Input::File {
            path: path.clone(),
            explicit: true,
        },
        _ => Input::Stdin,
    };
    let replies = match input::read(&input, None) {
        Ok(Read::Replies(_, replies)) => replies,
        Ok(Read::Skipped) => Vec::new(),
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let [reply] = replies.as_slice() else {
        writeln!(
            err,
            "error: `count` takes one draft; this input holds {} replies (use `check` for libraries)",
            replies.len()
        )?;
        return Ok(ExitStatus::Error);
    };
    let counts = crate::count::count(reply);
    match args.format {
        CountFormat::Table => write!(out, "{}", crate::count::table(&counts))?,
        CountFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&counts)?)?,
    }
    Ok(ExitStatus::Success)
}

fn list_rules(args: &RulesArgs, out: &mut dyn Write) -> io::Result<ExitStatus> {
    match args.format {
        RulesFormat::Table => write!(out, "{}", docs::rules_table())?,
        RulesFormat::Markdown => write!(out, "{}", docs::rules_markdown())?,
        RulesFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&docs::rules_json())?
        )?,
    }
    Ok(ExitStatus::Success)
}

fn explain(rule: &str, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    match rules::by_id(rule) {
        Some(meta) => {
            write!(out, "{}", docs::explain(meta))?;
            Ok(ExitStatus::Success)
        }
        None => {
            writeln!(
                err,
                "error: {}",
                crate::suggest::unknown("rule", rule, rules::ids())
            )?;
            Ok(ExitStatus::Error)
        }
    }
}

fn load_settings(
    config: &ConfigArgs,
    overrides: CliOverrides,
    err: &mut dyn Write,
) -> io::Result<Option<Settings>> {
    let cwd = std::env::current_dir()?;
    let overrides = CliOverrides {
        config: config.config.clone(),
        no_config: config.no_config,
        ..overrides
    };
    match Settings::load(&overrides, &cwd) {
        Ok(s) => Ok(Some(s)),
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(None)
        }
    }
}

fn channels(args: &ConfigArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    let Some(settings) = load_settings(args, CliOverrides::default(), err)? else {
        return Ok(ExitStatus::Error);
    };
    write!(out, "{}", docs::channels_table(settings.channels.values()))?;
    Ok(ExitStatus::Success)
}

/// The outcome of checking one input.
struct Checked {
    report: Option<FileReport>,
    /// Replies linted (a reply whose channel or language is unknown is not).
    replies: usize,
    errors: Vec<InputError>,
    without_channel: usize,
}

fn check_input(settings: &Settings, input: &Input, stdin_name: Option<&Path>) -> Checked {
    let name = stdin_name.map(|p| p.display().to_string());
    let mut checked = Checked {
        report: None,
        replies: 0,
        errors: Vec::new(),
        without_channel: 0,
    };
    let (source, replies) = match input::read(input, name.as_deref()) {
        Ok(Read::Replies(source, replies)) => (source, replies),
        Ok(Read::Skipped) => return checked,
        Err(e) => {
            checked.errors.push(e);
            return checked;
        }
    };
    let path: Option<&Path> = match input {
        Input::File { path, .. } => Some(path),
        Input::Stdin => stdin_name,
    };
    let index = crate::location::LineIndex::new(&source.text);
    let mut findings = Vec::new();
    for reply in &replies {
        let at = |offset: usize, message: String| {
            InputError::at(&source.name, &source.text, offset, message)
        };
        let rc = match settings.reply_context(path, &reply.meta) {
            Ok(rc) => rc,
            Err((offset, message)) => {
                checked.errors.push(at(offset, message));
                continue;
            }
        };
        // A misspelt rule id in `allow` is an error, but the reply is still
        // checked: the other entries are good.
        for bad in reply
            .meta
            .allow
            .iter()
            .filter(|a| rules::by_id(&a.value).is_none())
        {
            checked.errors.push(at(
                bad.offset,
                crate::suggest::unknown("rule", &bad.value, rules::ids()),
            ));
        }
        checked.replies += 1;
        if !rc.channel_named {
            checked.without_channel += 1;
        }
        for d in engine::lint(settings, reply, &rc) {
            findings.push(Finding::new(reply, &index, &rc.channel.id, d));
        }
    }
    checked.report = Some(FileReport {
        source,
        index,
        replies: checked.replies,
        findings,
    });
    checked
}

fn check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    match args.color {
        ColorChoice::Always => colored::control::set_override(true),
        ColorChoice::Never => colored::control::set_override(false),
        ColorChoice::Auto => {}
    }
    let color = args.format == Format::Human && colored::control::SHOULD_COLORIZE.should_colorize();
    let overrides = CliOverrides {
        channel: args.channel.clone(),
        language: args.language.clone(),
        mode: args.mode,
        ..CliOverrides::default()
    };
    let Some(settings) = load_settings(&args.config, overrides, err)? else {
        return Ok(ExitStatus::Error);
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (inputs, walk_errors) = input::collect(&paths, &settings);
    let results: Vec<Checked> = inputs
        .par_iter()
        .map(|i| check_input(&settings, i, args.stdin_filename.as_deref()))
        .collect();

    let mut emitter = output::emitter(args.format, color);
    let mut summary = Summary::default();
    let mut errors = walk_errors;
    let mut failed = false;
    let threshold = args.fail_on.severity();
    for checked in results {
        summary.replies_without_channel += checked.without_channel;
        errors.extend(checked.errors);
        if let Some(report) = checked.report {
            summary.files += 1;
            summary.replies += report.replies;
            for f in &report.findings {
                summary.count(f.diagnostic.severity);
                failed |= f.diagnostic.severity >= threshold;
            }
            emitter.file(out, &report)?;
        }
    }
    summary.input_errors = errors.len();
    for e in &errors {
        writeln!(err, "error: {e}")?;
        emitter.input_error(out, e)?;
    }
    emitter.finish(out, &summary)?;
    Ok(if !errors.is_empty() {
        ExitStatus::Error
    } else if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
