//! The application: resolve configuration → read inputs → lint → report →
//! exit status. Per-file errors are reported and the run goes on.

use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, ConfigArgs, CountArgs, CountFormat, DictionariesArgs,
    ManArgs, RulesArgs, RulesFormat,
};
use clap::Parser;
use rayon::prelude::*;
use replylint_core::config::Settings;
use replylint_core::config::settings::CliOverrides;
use replylint_core::location::LineIndex;
use replylint_core::spelling::Variant;
use replylint_core::{docs, rules};
use replylint_io::check::{ReplyOutcome, check_reply};
use replylint_io::dictionaries::DictionarySearch;
use replylint_io::input::{self, Input, InputError, Read, Skipped};
use replylint_io::library::Profiles;
use replylint_io::output::{self, FileReport, Format, Summary};
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

impl ExitStatus {
    /// The process's exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(s: ExitStatus) -> Self {
        std::process::ExitCode::from(s.code())
    }
}

/// Entry point of the binary.
pub fn main() -> std::process::ExitCode {
    PROCESS_ENDS.store(true, std::sync::atomic::Ordering::Relaxed);
    std::process::ExitCode::from(main_from(std::env::args_os()))
}

/// The binary's run of the command line `args` (the program name first)
/// on the process's standard streams, returning its exit code: what the
/// Python package's `replylint` command runs in-process. A usage error,
/// `--help` and `--version` end the process as they end the binary.
pub fn main_from<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = Cli::parse_from(args);
    if writes_files(&cli) {
        remove_temporary_files_on_signals();
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // Not locked for the whole run: the progress bar draws on stderr
    // from the worker threads.
    let mut err = io::stderr();
    let result = run(cli, None, &mut out, &mut err);
    finish(result, &mut out, &mut err).code()
}

/// Whether the command line rewrites files (`check --fix`).
fn writes_files(cli: &Cli) -> bool {
    let check = match &cli.command {
        None => &cli.check,
        Some(Command::Check(args)) => args,
        Some(_) => return false,
    };
    check.fix && !check.diff
}

/// On SIGINT, SIGTERM or SIGHUP, remove the temporary files of the fixes
/// being written, then end as the signal would have ended the process.
/// Only for the binary: a run in-process ([`run_with`]) leaves the
/// process's signals alone.
fn remove_temporary_files_on_signals() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        // Without the handler a signal still ends the run; the next
        // `--fix` in the folder removes what it left.
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                replylint_io::fix::remove_temporary_files();
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    }
}

/// The binary in-process, for tests: run the command line `args` (the
/// program name first) with `stdin` as standard input, write to `out` and
/// `err` what the binary writes to its stdout and stderr, and return its
/// exit code. Usage errors, `--help` and `--version` are written as clap
/// writes them to a pipe.
///
/// Unlike a process, the run shares this one's working directory and
/// environment, and the `colored` crate's colour switch (which `--color`
/// sets for the whole process): runs in parallel should all pass
/// `--color never`.
pub fn run_with<I, T>(args: I, stdin: &[u8], out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    run_with_dictionaries(args, stdin, DictionarySearch::from_env(), out, err)
}

/// [`run_with`], with the spelling dictionaries the configuration does
/// not name looked for in `dictionaries` rather than where the process's
/// environment says: a run that does not depend on what the machine has
/// installed.
pub fn run_with_dictionaries<I, T>(
    args: I,
    stdin: &[u8],
    dictionaries: DictionarySearch,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let previous = SEARCH.with(|s| s.replace(Some(dictionaries)));
    let code = run_parsed(args, stdin, out, err);
    SEARCH.with(|s| s.replace(previous));
    code
}

thread_local! {
    /// Where [`run_with_dictionaries`] looks for dictionaries, for the
    /// configuration loads of the run on this thread (`None`: where the
    /// environment says). Configuration is loaded on the thread that runs
    /// the command line.
    static SEARCH: std::cell::RefCell<Option<DictionarySearch>> = const { std::cell::RefCell::new(None) };
}

/// Where this run looks for dictionaries ([`SEARCH`], else the
/// environment's folders).
fn search() -> DictionarySearch {
    SEARCH
        .with(|s| s.borrow().clone())
        .unwrap_or_else(DictionarySearch::from_env)
}

/// Load the configuration, with the dictionaries of this run.
fn load_config(
    overrides: &CliOverrides,
    cwd: &Path,
) -> Result<Settings, replylint_core::config::ConfigError> {
    replylint_io::config::load_with(overrides, cwd, &search())
}

fn run_parsed<I, T>(args: I, stdin: &[u8], out: &mut dyn Write, err: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let status = match Cli::try_parse_from(args) {
        Ok(cli) => {
            let result = run(cli, Some(stdin), out, err);
            finish(result, out, err)
        }
        Err(e) => {
            // As `clap::Error::exit` prints it when not on a terminal.
            let _ = if e.use_stderr() {
                write!(err, "{}", e.render())
            } else {
                write!(out, "{}", e.render())
            };
            return e.exit_code();
        }
    };
    i32::from(status.code())
}

/// The end of a run: flush `out`; a reader that left (`replylint … |
/// head`) is a quiet end, any other write error is reported.
fn finish(result: io::Result<ExitStatus>, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    match result.and_then(|s| out.flush().map(|()| s)) {
        Ok(status) => status,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Success,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitStatus::Error
        }
    }
}

/// Run a parsed command line. `stdin`: what standard input holds, when it
/// is not the process's ([`run_with`]).
pub fn run(
    cli: Cli,
    stdin: Option<&[u8]>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    if cli.man {
        return man(&ManArgs::default(), out, err);
    }
    match cli.command {
        None => check(&cli.check, stdin, out, err),
        Some(Command::Check(args)) => check(&args, stdin, out, err),
        Some(Command::Rules(args)) => list_rules(&args, out, err),
        Some(Command::Explain { rule }) => explain(&rule, out, err),
        Some(Command::Channels(args)) => channels(&args, out, err),
        Some(Command::Count(args)) => count(&args, stdin, out, err),
        Some(Command::Config(args)) => show_config(&args, out, err),
        Some(Command::Init) => init(out, err),
        Some(Command::Dictionaries(args)) => dictionaries(&args, out, err),
        Some(Command::Server) => server(stdin, out, err),
        Some(Command::Serve(args)) => serve(&args, err),
        Some(Command::Mcp(args)) => mcp(&args, stdin, out, err),
        Some(Command::Completions { shell }) => {
            // Generated in memory: `clap_complete` panics on a failed
            // write (`replylint completions bash | head`), while a closed
            // pipe is a quiet end everywhere else.
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "replylint", &mut script);
            out.write_all(&script)?;
            Ok(ExitStatus::Success)
        }
        Some(Command::Man(args)) => man(&args, out, err),
    }
}

/// The manual pages, from the clap definitions: replylint(1), then
/// replylint-COMMAND(1) for each command, with the command's name (`None`
/// for the first). replylint(1) lists the commands as references to their
/// pages; clap's `help` command has no page, so it is not listed.
pub fn man_pages() -> Vec<(Option<String>, clap_mangen::Man)> {
    let mut cmd = <Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    // Gives each command its display name, `replylint-check`: the title
    // and file name of its page.
    cmd.build();
    let source = format!("replylint {}", env!("CARGO_PKG_VERSION"));
    let page = |c: clap::Command| clap_mangen::Man::new(c).source(source.clone());
    let commands: Vec<(Option<String>, clap_mangen::Man)> = cmd
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| (Some(c.get_name().to_owned()), page(c.clone())))
        .collect();
    std::iter::once((None, page(cmd))).chain(commands).collect()
}

/// `replylint man [COMMAND]` / `--man`: one manual page on stdout, or
/// with `--dir` every page written into a folder.
fn man(args: &ManArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    let pages = man_pages();
    if let Some(dir) = &args.dir {
        let written = std::fs::create_dir_all(dir).and_then(|()| {
            pages
                .iter()
                .map(|(_, page)| page.generate_to(dir))
                .collect::<io::Result<Vec<PathBuf>>>()
        });
        return match written {
            Ok(paths) => {
                let names: Vec<String> = paths
                    .iter()
                    .filter_map(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .collect();
                writeln!(
                    out,
                    "Wrote {} manual pages in {}: {}.",
                    names.len(),
                    dir.display(),
                    names.join(", ")
                )?;
                Ok(ExitStatus::Success)
            }
            Err(e) => {
                writeln!(err, "error: {}: {e}", dir.display())?;
                Ok(ExitStatus::Error)
            }
        };
    }
    match pages.iter().find(|(name, _)| *name == args.command) {
        Some((_, page)) => {
            page.render(out)?;
            Ok(ExitStatus::Success)
        }
        None => {
            let commands: Vec<&str> = pages.iter().filter_map(|(n, _)| n.as_deref()).collect();
            writeln!(
                err,
                "error: no manual page for `{}`; the commands are {}",
                args.command.as_deref().unwrap_or_default(),
                commands.join(", ")
            )?;
            Ok(ExitStatus::Error)
        }
    }
}

/// `replylint server`: the language server, over standard input (or
/// `stdin`, in-process) and `out`. Exits with 0 after the protocol's
/// `shutdown` and `exit`, 1 after an `exit` alone or the end of the input.
fn server(
    stdin: Option<&[u8]>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let input: Box<dyn io::Read + Send> = match stdin {
        Some(bytes) => Box::new(io::Cursor::new(bytes.to_vec())),
        None => Box::new(io::stdin()),
    };
    Ok(match replylint_server::serve(input, out, err)? {
        true => ExitStatus::Success,
        false => ExitStatus::Failure,
    })
}

/// `replylint serve`: the HTTP server, until SIGINT or SIGTERM. Exits
/// with 2 when it cannot start.
fn serve(args: &crate::cli::ServeArgs, err: &mut dyn Write) -> io::Result<ExitStatus> {
    let options = replylint_http::Options {
        listen: args.listen,
        port: args.port,
        token: args.token.clone(),
        max_body: args.max_body,
        timeout: args.timeout,
        max_in_flight: args.max_in_flight,
        cors_origins: args.cors_origin.clone(),
        config: args.config.config.clone(),
        no_config: args.config.no_config,
        channel: args.channel.clone(),
        language: args.language.clone(),
        mode: args.mode,
        cwd: std::env::current_dir()?,
    };
    match replylint_http::serve(options) {
        Ok(()) => Ok(ExitStatus::Success),
        Err(message) => {
            writeln!(err, "error: {message}")?;
            Ok(ExitStatus::Error)
        }
    }
}

/// `replylint mcp`: the Model Context Protocol server, over standard
/// input (or `stdin`, in-process) and `out`, until the input ends.
fn mcp(
    args: &ConfigArgs,
    stdin: Option<&[u8]>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let options = replylint_mcp::Options {
        config: args.config.clone(),
        no_config: args.no_config,
        cwd: std::env::current_dir()?,
        dictionaries: search(),
    };
    match stdin {
        Some(bytes) => replylint_mcp::serve(bytes, out, err, options)?,
        None => replylint_mcp::serve(io::stdin().lock(), out, err, options)?,
    }
    Ok(ExitStatus::Success)
}

/// `replylint init`.
fn init(out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    match crate::init::init(&std::env::current_dir()?) {
        Ok(path) => {
            writeln!(
                out,
                "Wrote {}: every setting is commented out; `replylint config PATH` shows what applies.",
                path.file_name()
                    .map_or(path.display(), |n| Path::new(n).display())
            )?;
            Ok(ExitStatus::Success)
        }
        Err(message) => {
            writeln!(err, "error: {message}")?;
            Ok(ExitStatus::Error)
        }
    }
}

/// `replylint config [PATH]`.
fn show_config(
    args: &crate::cli::ShowConfigArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let overrides = CliOverrides {
        channel: args.channel.clone(),
        language: args.language.clone(),
        mode: args.mode,
        ..CliOverrides::default()
    };
    let Some(settings) = load_settings(&args.config, overrides.clone(), err)? else {
        return Ok(ExitStatus::Error);
    };
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from("reply.txt"));
    match crate::init::resolved(&settings, &overrides, &path) {
        Ok(text) => {
            write!(out, "{text}")?;
            Ok(ExitStatus::Success)
        }
        Err(message) => {
            writeln!(err, "error: {message}")?;
            Ok(ExitStatus::Error)
        }
    }
}

fn count(
    args: &CountArgs,
    stdin: Option<&[u8]>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let input = match &args.file {
        Some(path) if path.as_os_str() != "-" => Input::File {
            path: path.clone(),
            explicit: true,
        },
        _ => Input::Stdin,
    };
    let replies = match input::read(&input, None, stdin) {
        Ok(Read::Replies(_, replies)) => replies,
        Ok(Read::Skipped(_)) => Vec::new(),
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
    let declared = match args
        .language
        .as_deref()
        .or(reply.meta.language.as_ref().map(|l| l.value.as_str()))
        .map(str::parse::<replylint_core::lang::Language>)
        .transpose()
    {
        Ok(language) => language,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(ExitStatus::Error);
        }
    };
    let counts = replylint_core::count::count(reply, declared);
    match args.format {
        CountFormat::Table => write!(out, "{}", replylint_core::count::table(&counts))?,
        CountFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&counts)?)?,
    }
    Ok(ExitStatus::Success)
}

/// `replylint rules`: the built-in rules, then the user-defined rules of
/// the config file (a config that does not load is an error, as for
/// `check`).
fn list_rules(
    args: &RulesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    let Some(settings) = load_settings(&args.config, CliOverrides::default(), err)? else {
        return Ok(ExitStatus::Error);
    };
    let (user, config) = (&settings.user_rules, settings.config_file.as_deref());
    match args.format {
        RulesFormat::Table => write!(out, "{}", docs::rules_table_with(user, config))?,
        RulesFormat::Markdown => write!(out, "{}", docs::rules_markdown_with(user, config))?,
        RulesFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&docs::rules_json_with(user, config))?
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
            // A user-defined rule of the config file found from here (a
            // config that does not load has none to offer).
            let settings = std::env::current_dir()
                .ok()
                .and_then(|cwd| load_config(&CliOverrides::default(), &cwd).ok());
            if let Some(settings) = &settings
                && let Some(user) = settings.user_rules.get(rule)
            {
                write!(out, "{}", user.explain(settings.config_file.as_deref()))?;
                return Ok(ExitStatus::Success);
            }
            let ids: Vec<&str> = match &settings {
                Some(s) => s.rule_ids().collect(),
                None => rules::ids().collect(),
            };
            writeln!(
                err,
                "error: {}",
                replylint_core::suggest::unknown("rule", rule, ids)
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
    match load_config(&overrides, &cwd) {
        Ok(s) => Ok(Some(s)),
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(None)
        }
    }
}

/// `replylint dictionaries`: each variant's dictionary and whether it is
/// compiled; with `--compile`, compile them.
fn dictionaries(
    args: &DictionariesArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
    use replylint_io::dictionaries::compiled;
    let Some(settings) = load_settings(&args.config, CliOverrides::default(), err)? else {
        return Ok(ExitStatus::Error);
    };
    let mut status = ExitStatus::Success;
    let chosen = |v: &Variant| args.variants.is_empty() || args.variants.contains(v);
    for (variant, pair) in replylint_io::dictionaries::found(&settings, &search()) {
        if !chosen(&variant) {
            continue;
        }
        let tag = variant.tag();
        let Some(pair) = pair else {
            let state = if variant == Variant::EnUs {
                "built in".to_owned()
            } else {
                format!("not found (install {})", variant.package())
            };
            writeln!(out, "{tag:<6} {state}")?;
            continue;
        };
        let dic = pair.dic.display();
        if !args.compile {
            let state = match compiled::open(variant, &pair) {
                Some(forms) if forms.is_complete() => {
                    format!("compiled, {} forms, complete", forms.len())
                }
                Some(forms) => format!("compiled, {} forms", forms.len()),
                None => "not compiled".to_owned(),
            };
            writeln!(out, "{tag:<6} {dic}  {state}")?;
            continue;
        }
        let started = std::time::Instant::now();
        match compiled::compile(variant, &pair) {
            Ok(done) => {
                let checked = match done.checked {
                    compiled::Checked::All => "each checked".to_owned(),
                    compiled::Checked::Sample(n) => format!("a sample of {n} checked"),
                };
                writeln!(
                    out,
                    "{tag:<6} {dic}  compiled: {} forms of {} built ({checked}), {:.1} MB, {:.1} s -> {}",
                    done.forms,
                    done.candidates,
                    done.bytes as f64 / 1e6,
                    started.elapsed().as_secs_f64(),
                    done.path.display()
                )?;
            }
            Err(e) => {
                writeln!(err, "error: {tag}: {e}")?;
                status = ExitStatus::Error;
            }
        }
    }
    Ok(status)
}

fn channels(args: &ConfigArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitStatus> {
    let Some(settings) = load_settings(args, CliOverrides::default(), err)? else {
        return Ok(ExitStatus::Error);
    };
    write!(out, "{}", docs::channels_table(settings.channels.values()))?;
    Ok(ExitStatus::Success)
}

/// The outcome of checking one input.
#[derive(Default)]
struct Checked {
    report: Option<FileReport>,
    /// Replies linted (a reply whose channel or language is unknown is not).
    replies: usize,
    errors: Vec<InputError>,
    /// How many of `errors` kept the file, a part of it or a reply from
    /// being checked (the others, such as an unknown rule id in `allow`,
    /// did not).
    blocking: usize,
    without_channel: usize,
    /// Met while walking a directory, and not read (binary, not a reply
    /// library).
    skipped: Option<Skipped>,
    /// The library rules' profiles of its replies, located.
    profiles: Profiles,
    /// The output of the file in pieces, when it was rendered a slice of
    /// replies at a time (`report` then holds no findings), and the
    /// severities of the findings rendered.
    rendered: Vec<io::Result<Vec<u8>>>,
    severities: Vec<replylint_core::diagnostic::Severity>,
}

impl Checked {
    /// Count a reply's outcome in: its errors, whether it was linted, its
    /// profile (`replies` are those it is one of); its findings, given back.
    fn absorb(
        &mut self,
        outcome: ReplyOutcome,
        replies: &[replylint_core::reply::Reply],
    ) -> Vec<output::Finding> {
        self.blocking += usize::from(!outcome.linted && !outcome.errors.is_empty());
        self.errors.extend(outcome.errors);
        if outcome.linted {
            self.replies += 1;
            self.without_channel += usize::from(outcome.without_channel);
        }
        if let Some((reply, channel, profile)) = outcome.profile {
            self.profiles.push(&replies[reply], &channel, profile);
        }
        outcome.findings
    }
}

fn check_input(
    settings: &Settings,
    input: &Input,
    stdin_name: Option<&Path>,
    stdin: Option<&[u8]>,
    render: Option<&dyn output::Emitter>,
    alone: bool,
) -> Checked {
    let name = stdin_name.map(|p| p.display().to_string());
    let mut checked = Checked::default();
    // Held to `max-file-size`: JSON Lines and CSV files larger than a part
    // are read a part at a time (`check_streamed`) unless they are UTF-16,
    // not UTF-8 or binary, or the format is `sarif` or `checkstyle`.
    let limit = settings.max_file_size;
    let slice = slice_replies();
    // A JSON export or a TOML library of more than a slice of items is
    // read a slice at a time, each slice's replies dropped once checked.
    let opened = input::open_within(input, name.as_deref(), stdin, limit).map(
        |(opened, errors)| match opened {
            input::Opened::Pending(pending) if pending.len() > slice => {
                Slices::Pending(pending, errors)
            }
            opened => Slices::Read(opened.read_all(errors)),
        },
    );
    let (source, replies) = match opened {
        Ok(Slices::Read((Read::Replies(source, replies), errors))) => {
            // Errors in parts of a library; its other replies are linted.
            checked.blocking += errors.len();
            checked.errors.extend(errors);
            (source, Slices::Read(replies))
        }
        Ok(Slices::Pending(pending, errors)) => {
            (pending.source.clone(), Slices::Pending(pending, errors))
        }
        Ok(Slices::Read((Read::Skipped(reason), _))) => {
            let path = match input {
                Input::File { path, .. } => path.display().to_string(),
                Input::Stdin => input::stdin::STDIN_NAME.to_owned(),
            };
            checked.skipped = Some(Skipped { path, reason });
            return checked;
        }
        Err(e) => {
            checked.errors.push(e);
            checked.blocking += 1;
            return checked;
        }
    };
    let path: Option<&Path> = match input {
        Input::File { path, .. } => Some(path),
        Input::Stdin => stdin_name,
    };
    let mut index = LineIndex::new(&source.text);
    let at = settings.path_context(path);
    let mut findings = Vec::new();
    // The replies of a library in parallel, their results kept in order;
    // with `render` and more than a slice of them, a slice at a time, each
    // slice's findings rendered and dropped (a file's part of the output
    // is then several pieces, as for a file read a part at a time).
    let mut check = |replies: &[replylint_core::reply::Reply], pieces: bool, profiled: bool| {
        let indexed: Vec<(usize, &replylint_core::reply::Reply)> =
            replies.iter().enumerate().collect();
        let outcomes: Vec<ReplyOutcome> = map_in_order(&indexed, |&(n, reply)| {
            check_reply(settings, &at, &source, &index, (n, reply), profiled)
        });
        for outcome in outcomes {
            findings.extend(checked.absorb(outcome, replies));
        }
        if let Some(emitter) = render
            && pieces
        {
            checked
                .severities
                .extend(findings.iter().map(|f| f.diagnostic.severity));
            let report = FileReport {
                source: source.clone(),
                // Lent to the report, and taken back.
                index: std::mem::replace(&mut index, LineIndex::new("")),
                replies: 0,
                findings: std::mem::take(&mut findings),
            };
            checked.rendered.push(emitter.render(&report));
            index = report.index;
        }
    };
    match replies {
        Slices::Read(replies) => {
            // The only reply of the run is compared with none: no profile.
            let profiled = !(alone && replies.len() == 1);
            let pieces = render.is_some() && replies.len() > slice;
            for replies in replies.chunks(if pieces { slice } else { replies.len().max(1) }) {
                check(replies, pieces, profiled);
            }
        }
        Slices::Pending(mut pending, mut read_errors) => {
            while !pending.is_empty() {
                let (replies, errors) = pending.read(slice);
                read_errors.extend(errors);
                check(&replies, true, true);
            }
            read_errors.extend(pending.finish());
            // Those of reading first, in the order of the file, as when the
            // file is read whole.
            read_errors.sort_by_key(|e| e.position);
            checked.blocking += read_errors.len();
            let check_errors = std::mem::replace(&mut checked.errors, read_errors);
            checked.errors.extend(check_errors);
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

/// A file's replies (`R`): read, or still to be read a slice at a time
/// (with the errors of reading it so far).
enum Slices<R> {
    Read(R),
    Pending(input::Pending, Vec<InputError>),
}

/// How many replies of a file read whole are checked and rendered at a
/// time, for the formats that take a file's output in pieces.
const SLICE: usize = 4096;

/// [`SLICE`], or what the hidden environment variable
/// `REPLYLINT_SLICE_REPLIES` says (the tests check small files in slices
/// with it).
fn slice_replies() -> usize {
    static REPLIES: std::sync::LazyLock<usize> =
        std::sync::LazyLock::new(|| input::stream::size_from_env("REPLYLINT_SLICE_REPLIES", SLICE));
    *REPLIES
}

/// What a file read a part at a time adds to the run's totals.
struct Totals<'a> {
    summary: &'a mut Summary,
    failed: &'a mut bool,
    threshold: replylint_core::diagnostic::Severity,
}

/// Check a JSON Lines or CSV file a part at a time ([`input::stream`]):
/// each part's replies are checked in parallel and its findings written
/// before the next part is read, in the order and with the positions the
/// whole file would give them. Errors come out as [`check_input`] gives
/// them: those of reading, in the order of the file, then those of
/// checking.
fn check_streamed(
    settings: &Settings,
    (path, explicit): (&Path, bool),
    stream: &mut input::stream::Stream,
    emitter: &mut dyn output::Emitter,
    out: &mut dyn Write,
    totals: Totals<'_>,
) -> io::Result<Checked> {
    let mut checked = Checked::default();
    let at = settings.path_context(Some(path));
    let mut read_errors = Vec::new();
    loop {
        let part = match stream.next_part() {
            Ok(Some(part)) => part,
            Ok(None) => break,
            Err(e) => {
                read_errors.push(e);
                break;
            }
        };
        read_errors.extend(part.errors);
        let indexed: Vec<(usize, &replylint_core::reply::Reply)> =
            part.replies.iter().enumerate().collect();
        let outcomes: Vec<ReplyOutcome> = map_in_order(&indexed, |&(n, reply)| {
            check_reply(settings, &at, &part.source, &part.index, (n, reply), true)
        });
        let mut findings = Vec::new();
        let before = checked.replies;
        for outcome in outcomes {
            findings.extend(checked.absorb(outcome, &part.replies));
        }
        let replies = checked.replies - before;
        drop(indexed);
        drop(part.replies);
        if findings.is_empty() {
            continue;
        }
        for f in &findings {
            totals.summary.count(f.diagnostic.severity);
            *totals.failed |= f.diagnostic.severity >= totals.threshold;
        }
        let report = output::FileReport {
            source: part.source,
            index: part.index,
            replies,
            findings,
        };
        let rendered = emitter.render(&report)?;
        emitter.file(out, &report, rendered)?;
    }
    match stream.end() {
        input::stream::End::Library(len) => {
            checked.profiles.set_len(len);
            totals.summary.files += 1;
            totals.summary.replies += checked.replies;
            // Those of reading first, in the order of the file.
            checked.blocking += read_errors.len();
            let check_errors = std::mem::replace(&mut checked.errors, read_errors);
            checked.errors.extend(check_errors);
        }
        // Nothing was reported: a file without replies has no findings.
        input::stream::End::NotLibrary(expected) if explicit => {
            checked.errors.push(InputError::new(
                stream.name(),
                format!("not a reply library: expected {expected}"),
            ));
            checked.blocking += 1;
        }
        input::stream::End::NotLibrary(expected) => {
            checked.skipped = Some(Skipped {
                path: path.display().to_string(),
                reason: input::SkipReason::NotLibrary(expected),
            });
        }
    }
    Ok(checked)
}

/// `f` of every item, in order: in parallel when there are several, on
/// this thread for one (a draft), with no thread pool to start.
fn map_in_order<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if items.len() > 1 {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

fn check(
    args: &CheckArgs,
    stdin: Option<&[u8]>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<ExitStatus> {
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
        today: args.today.clone(),
        ..CliOverrides::default()
    };
    let Some(mut settings) = load_settings(&args.config, overrides, err)? else {
        return Ok(ExitStatus::Error);
    };
    if settings.rule_settings.today.is_none() {
        settings.rule_settings.today = replylint_io::check::system_today();
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let input::Collected {
        mut inputs,
        errors: mut walk_errors,
        mut skipped,
    } = input::collect(&paths, &settings);
    // Paths that could not be walked; errors `--fix` adds (a file that
    // could not be written) leave it to be checked.
    let mut blocking = walk_errors.len();
    if args.force_exclude {
        inputs.retain(|i| {
            let excluded = force_excluded(&settings, i, args.stdin_filename.as_deref());
            if excluded && let Input::File { path, .. } = i {
                skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: input::SkipReason::Excluded,
                });
            }
            !excluded
        });
    }
    let mut fixes_applied = None;
    if args.fix || args.diff {
        let (applied, files) =
            apply_fixes(args, &settings, &inputs, stdin, &mut walk_errors, out, err)?;
        if args.diff {
            for e in &walk_errors {
                writeln!(err, "error: {e}")?;
            }
            writeln!(err, "{}", replylint_io::fix::diff_summary(applied, files))?;
            return Ok(if !walk_errors.is_empty() {
                ExitStatus::Error
            } else if applied > 0 {
                ExitStatus::Failure
            } else {
                ExitStatus::Success
            });
        }
        fixes_applied = Some(replylint_io::fix::applied_summary(applied, files));
    }
    let bar = progress_bar(inputs.len());
    let mut emitter = output::emitter(args.format, color);
    let mut profiles = Profiles::default();
    let mut summary = Summary::default();
    let mut errors = walk_errors;
    let mut failed = false;
    let threshold = args.fail_on.severity();
    // Inputs are checked in parallel a batch at a time and each batch is
    // printed in path order as soon as it is done: memory holds one
    // batch's files, whatever the number of files. A batch is sized for
    // about `BATCH_BYTES` of files by the size of the last one's: a few
    // library files, or hundreds of one-reply files, whose batches would
    // otherwise be too short for the threads to keep busy.
    const BATCH_BYTES: usize = 2 << 20;
    // One input: the library rules have nothing to compare unless it
    // holds several replies (a draft's check builds no profile), and no
    // thread pool is started (asking rayon its thread count starts one).
    let alone = inputs.len() == 1;
    let threads = if alone {
        1
    } else {
        rayon::current_num_threads().max(1)
    };
    let (fewest, most) = (threads * 4, threads * 128);
    let mut batch = fewest;
    let mut rest = inputs.as_slice();
    // JSON Lines and CSV files larger than a part are read a part at a time
    // and reported as they go, one file at a time; the formats whose
    // results of a file are one whole (`sarif`'s fingerprints count
    // repeats within a file, `checkstyle` wraps them in one element) read
    // them whole.
    let by_parts = !matches!(args.format, Format::Sarif | Format::Checkstyle);
    let streamed = |i: &Input| match i {
        Input::File { path, .. } => by_parts && input::stream::streamed(path),
        Input::Stdin => false,
    };
    while !rest.is_empty() {
        let mut whole = false;
        if let Some(Input::File { path, explicit }) = rest.first()
            && streamed(&rest[0])
        {
            match input::stream::open(path) {
                Ok(input::stream::Opened::Stream(mut stream)) => {
                    rest = &rest[1..];
                    let totals = Totals {
                        summary: &mut summary,
                        failed: &mut failed,
                        threshold,
                    };
                    let checked = bar.suspend(|| {
                        check_streamed(
                            &settings,
                            (path, *explicit),
                            &mut stream,
                            &mut *emitter,
                            out,
                            totals,
                        )
                    })?;
                    bar.inc(1);
                    summary.replies_without_channel += checked.without_channel;
                    blocking += checked.blocking;
                    skipped.extend(checked.skipped);
                    errors.extend(checked.errors);
                    profiles.append(checked.profiles);
                    continue;
                }
                // UTF-16, not UTF-8, binary: read whole, on its own.
                Ok(input::stream::Opened::Whole) => whole = true,
                Err(e) => {
                    rest = &rest[1..];
                    bar.inc(1);
                    errors.push(e);
                    blocking += 1;
                    continue;
                }
            }
        }
        // A batch, up to the next file read a part at a time.
        let size = if whole {
            1
        } else {
            let end = batch.min(rest.len());
            1 + rest[1..end].iter().position(&streamed).unwrap_or(end - 1)
        };
        let (inputs, after) = rest.split_at(size);
        rest = after;
        let emitter_ref = &*emitter;
        let check = |i: &Input| {
            let render = by_parts.then_some(emitter_ref);
            let checked = check_input(
                &settings,
                i,
                args.stdin_filename.as_deref(),
                stdin,
                render,
                alone,
            );
            let rendered = checked
                .report
                .as_ref()
                .map_or(Ok(Vec::new()), |r| emitter_ref.render(r));
            bar.inc(1);
            (checked, rendered)
        };
        let results: Vec<(Checked, io::Result<Vec<u8>>)> = map_in_order(inputs, check);
        let bytes: usize = results
            .iter()
            .filter_map(|(c, _)| c.report.as_ref())
            .map(|r| r.source.text.len())
            .sum();
        batch = (BATCH_BYTES * inputs.len() / bytes.max(1)).clamp(fewest, most);
        bar.suspend(|| -> io::Result<()> {
            for (checked, rendered) in results {
                summary.replies_without_channel += checked.without_channel;
                blocking += checked.blocking;
                skipped.extend(checked.skipped);
                errors.extend(checked.errors);
                profiles.append(checked.profiles);
                if let Some(report) = checked.report {
                    summary.files += 1;
                    summary.replies += report.replies;
                    let rendered_before = checked.severities.into_iter();
                    for severity in report
                        .findings
                        .iter()
                        .map(|f| f.diagnostic.severity)
                        .chain(rendered_before)
                    {
                        summary.count(severity);
                        failed |= severity >= threshold;
                    }
                    // The pieces of a file checked a slice at a time (the
                    // formats that take them read only what is rendered).
                    for piece in checked.rendered {
                        emitter.file(out, &report, piece?)?;
                    }
                    emitter.file(out, &report, rendered?)?;
                }
            }
            Ok(())
        })?;
    }
    bar.finish_and_clear();
    // The library rules, once every reply is checked.
    let library = profiles.findings(&settings.rule_settings.library, emitter.shows_lines());
    // Freeing each profile's facts one by one takes time on one thread.
    left_to_the_end(profiles);
    for f in &library {
        summary.count(f.severity);
        failed |= f.severity >= threshold;
    }
    emitter.library(out, &library)?;
    // A cluster of near-duplicates may have a place for most replies.
    left_to_the_end(library);
    summary.input_errors = errors.len();
    summary.blocking_errors = blocking;
    summary.skipped = skipped.iter().filter(|s| s.reason.counted()).count();
    if args.verbose {
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        for s in &skipped {
            let verb = if s.reason.counted() {
                "skipped"
            } else {
                "ignored"
            };
            writeln!(err, "{verb}: {}: {}", s.path, s.reason)?;
        }
    }
    for e in &errors {
        writeln!(err, "error: {e}")?;
        emitter.input_error(out, e)?;
    }
    for note in settings.rule_settings.speller.notes() {
        writeln!(err, "note: {note}")?;
    }
    emitter.finish(out, &summary)?;
    if let Some(line) = fixes_applied {
        // The report's own closing line for people; stderr for the machine
        // formats, whose output must stay parseable.
        if args.format == Format::Human {
            writeln!(out, "{line}")?;
        } else {
            writeln!(err, "{line}")?;
        }
    }
    left_to_the_end(settings);
    Ok(if !errors.is_empty() {
        ExitStatus::Error
    } else if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Whether the process ends when the command does (the binary's [`main`]),
/// rather than going on (the Python package runs [`main_from`] in its own
/// process).
static PROCESS_ENDS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Drop `value`, unless the process ends with the command: then the
/// system takes its memory back at once. Freeing the settings' lexicons,
/// automatons and dictionaries one by one is a fifth of the instructions
/// of checking a draft.
fn left_to_the_end<T>(value: T) {
    if PROCESS_ENDS.load(std::sync::atomic::Ordering::Relaxed) {
        std::mem::forget(value);
    }
}

/// `check --force-exclude`: whether an input named on the command line is
/// one a directory walk would have left out, by the config's `exclude`
/// patterns or as one of replylint's config files. Standard input is
/// judged by `--stdin-filename`.
fn force_excluded(settings: &Settings, input: &Input, stdin_name: Option<&Path>) -> bool {
    let path = match input {
        Input::File { path, .. } => path.as_path(),
        Input::Stdin => match stdin_name {
            Some(name) => name,
            None => return false,
        },
    };
    let config_file = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| input::CONFIG_FILES.contains(&n));
    config_file || settings.is_excluded(path)
}

/// `check --fix` / `--diff`: fix every input; print the diffs (`--diff`)
/// and the notes on fixes not applied. Files that could not be written
/// join `errors`. Returns the fixes applied and the files changed.
fn apply_fixes(
    args: &CheckArgs,
    settings: &Settings,
    inputs: &[Input],
    stdin: Option<&[u8]>,
    errors: &mut Vec<InputError>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<(usize, usize)> {
    let opts = replylint_io::fix::FixOptions {
        unsafe_fixes: args.unsafe_fixes,
        ..Default::default()
    };
    let bar = progress_bar(inputs.len());
    let fixed = replylint_io::fix::fix_inputs(
        settings,
        inputs,
        args.stdin_filename.as_deref(),
        stdin,
        opts,
        !args.diff,
        &|| bar.inc(1),
    );
    bar.finish_and_clear();
    let (mut applied, mut files) = (0, 0);
    for f in fixed {
        for note in &f.notes {
            writeln!(err, "note: {note}")?;
        }
        if let Some(diff) = &f.diff {
            if args.diff {
                write!(out, "{diff}")?;
            }
            if f.error.is_none() {
                files += 1;
                applied += f.applied;
            }
        }
        errors.extend(f.error);
    }
    Ok((applied, files))
}

/// Files from which a run shows a progress bar.
const PROGRESS_MIN_FILES: usize = 100;

/// Whether to show a progress bar: many files, stderr a terminal, not in
/// CI.
fn show_progress(files: usize, stderr_is_terminal: bool, ci: bool) -> bool {
    files >= PROGRESS_MIN_FILES && stderr_is_terminal && !ci
}

/// A progress bar on stderr for runs over many files, hidden in pipes and
/// CI logs (`CI` set).
fn progress_bar(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal as _;
    let show = show_progress(
        files,
        io::stderr().is_terminal(),
        std::env::var_os("CI").is_some(),
    );
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_bar_shows_only_for_many_files_on_a_terminal_outside_ci() {
        assert!(show_progress(PROGRESS_MIN_FILES, true, false));
        assert!(!show_progress(PROGRESS_MIN_FILES - 1, true, false));
        assert!(!show_progress(10_000, false, false), "a pipe");
        assert!(!show_progress(10_000, true, true), "CI");
    }
}
