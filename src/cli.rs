//! Command-line definitions (clap). `replylint PATHS…` is `replylint check
//! PATHS…`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use replylint_core::diagnostic::Severity;
use replylint_core::mode::Mode;
use replylint_io::output::Format;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "replylint",
    version,
    about = "Lint customer-care replies against the style rules of the channel they are sent on.",
    args_conflicts_with_subcommands = true,
    // `--format json --format line`: the last one wins, as in ripgrep, so a
    // flag in an alias or a script can be overridden.
    args_override_self = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Print the manual page (roff) and exit, like `replylint man`.
    #[arg(long)]
    pub man: bool,
    /// `replylint PATHS…` runs `check`.
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check replies (the default command).
    Check(CheckArgs),
    /// List every rule with its default severity: the built-in ones, then
    /// the user-defined ones of the config file.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain {
        /// Rule id, e.g. `max-length`.
        rule: String,
    },
    /// List channels with their units and limits.
    Channels(ConfigArgs),
    /// Count a draft in every unit channels count in: characters, bytes,
    /// UTF-16 units, tweet weight, SMS encoding and parts, words, sentences.
    Count(CountArgs),
    /// Print the settings a file is checked with, as TOML: its channel,
    /// language and mode and where each came from, then the channel's
    /// settings and rule levels.
    Config(ShowConfigArgs),
    /// Write a commented starter `replylint.toml` in the current directory.
    Init,
    /// List the spelling dictionaries a check would read, and whether each
    /// is compiled; `--compile` compiles them into the cache folder, so that
    /// checking a draft reads a compiled dictionary in place instead of
    /// parsing it (tens of milliseconds a language).
    Dictionaries(DictionariesArgs),
    /// Run the language server: editors speak the Language Server
    /// Protocol to it over stdin and stdout, and it shows problems as you
    /// type, with quick fixes and each rule's documentation on hover.
    Server,
    /// Run a local HTTP server: LanguageTool's API (`POST /v2/check`, `GET
    /// /v2/languages`) for the browser extension, LTeX and the other
    /// clients that speak it, and replylint's own JSON (`POST
    /// /api/v1/check`, `POST /api/v1/count`). Listens on 127.0.0.1 unless
    /// told otherwise; logs one JSON line per request on stderr.
    Serve(ServeArgs),
    /// Run the Model Context Protocol server: AI assistants and agent
    /// frameworks call its tools over stdin and stdout (`check_reply`,
    /// `count_reply`, `explain_rule`, `list_channels`) to check the replies
    /// they draft. Configuration is found as for `check` and read again
    /// when it changes.
    Mcp(ConfigArgs),
    /// Print a shell completion script (e.g. `replylint completions bash >
    /// ~/.local/share/bash-completion/completions/replylint`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `replylint man > replylint.1`;
    /// `replylint man check` prints the page of `check`, `--dir` writes
    /// every page.
    Man(ManArgs),
}

#[derive(Debug, Clone, Args)]
pub struct DictionariesArgs {
    /// Compile the dictionaries found into the cache folder
    /// (`$REPLYLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/replylint`, else
    /// `~/.cache/replylint`). Run it again after installing or updating a
    /// dictionary: a compiled file whose dictionary has changed is not used.
    #[arg(long)]
    pub compile: bool,
    /// Only these variants (`it-IT`, `pt-BR`…; repeat it or separate them
    /// with commas).
    #[arg(long = "variant", value_name = "VARIANT", value_delimiter = ',', value_parser = parse_variant)]
    pub variants: Vec<replylint_core::spelling::Variant>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

fn parse_variant(value: &str) -> Result<replylint_core::spelling::Variant, String> {
    value.parse()
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The address to listen on. Any other than a loopback address
    /// (`0.0.0.0`, a network's) needs a token.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub listen: std::net::IpAddr,
    /// The port (LanguageTool's by default); 0 picks a free one, which the
    /// first line of the log names.
    #[arg(long, default_value_t = 8081)]
    pub port: u16,
    /// A token requests must bring, as `Authorization: Bearer TOKEN` (or,
    /// to /v2/check, as LanguageTool's `apiKey` field); /healthz and
    /// /v2/languages need none.
    #[arg(
        long,
        env = "REPLYLINT_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// The largest request body, in bytes (`k` and `M` for KiB and MiB): a
    /// larger one is refused with 413.
    #[arg(long, value_name = "BYTES", default_value = "1M", value_parser = parse_size)]
    pub max_body: usize,
    /// The time a request may take, body and lint, e.g. `10s` or `500ms`:
    /// past it, the answer is 504.
    #[arg(long, value_name = "TIME", default_value = "10s", value_parser = parse_duration)]
    pub timeout: std::time::Duration,
    /// The most requests handled at once: one more is answered with 503.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_in_flight: usize,
    /// An origin whose web pages may call the API (CORS), such as
    /// `https://helpdesk.example.com`; repeat it or separate origins with
    /// commas; `*` for any. Without it, browsers keep pages from reading
    /// the answers.
    #[arg(long, value_name = "ORIGIN", value_delimiter = ',')]
    pub cors_origin: Vec<String>,
    /// The channel of texts whose request and front matter name none (as
    /// `check --channel`): one server per channel for clients that send
    /// none, such as LanguageTool's browser extension.
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    /// As `check --lang`, for texts whose request and front matter name no
    /// language.
    #[arg(long = "lang", value_name = "LANG")]
    pub language: Option<String>,
    /// As `check --mode`, for texts whose request and front matter name no
    /// mode.
    #[arg(long, value_enum)]
    pub mode: Option<Mode>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// `--max-body`: bytes, or KiB and MiB with `k` and `M`.
fn parse_size(value: &str) -> Result<usize, String> {
    let value = value.trim();
    let (number, unit) = match value.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => value.split_at(i),
        None => (value, ""),
    };
    let scale: usize = match unit.trim() {
        "" | "B" | "b" => 1,
        "k" | "K" | "KiB" | "kB" => 1 << 10,
        "M" | "m" | "MiB" | "MB" => 1 << 20,
        _ => {
            return Err(format!(
                "`{value}` is not a size: write bytes, or a number with k or M"
            ));
        }
    };
    number
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{value}` is not a size: write bytes, or a number with k or M"))
}

/// `--timeout`: `500ms`, `10s`, or seconds.
fn parse_duration(value: &str) -> Result<std::time::Duration, String> {
    let value = value.trim();
    let bad = || format!("`{value}` is not a time: write it as 10s or 500ms");
    let (number, millis) = if let Some(n) = value.strip_suffix("ms") {
        (n, true)
    } else {
        (value.strip_suffix('s').unwrap_or(value), false)
    };
    let n: u64 = number.trim().parse().map_err(|_| bad())?;
    if n == 0 {
        return Err(bad());
    }
    Ok(if millis {
        std::time::Duration::from_millis(n)
    } else {
        std::time::Duration::from_secs(n)
    })
}

#[derive(Debug, Clone, Default, Args)]
pub struct ManArgs {
    /// The command whose page to print, replylint-COMMAND(1) (`check`,
    /// `rules`, …). Default: replylint(1).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write every page into this folder (created if missing), as
    /// `replylint.1` and `replylint-COMMAND.1`, instead of printing one.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ShowConfigArgs {
    /// The file (or a path a file would have) to show the settings for.
    /// Default: a reply in the current directory.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// As `check --channel`.
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    /// As `check --lang`.
    #[arg(long = "lang", value_name = "LANG")]
    pub language: Option<String>,
    /// As `check --mode`.
    #[arg(long, value_enum)]
    pub mode: Option<Mode>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct CountArgs {
    /// The draft to count (a `.txt`/`.md` file); `-` or nothing reads stdin.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The draft's language (it, en, es, fr, de, pt) for the register and
    /// readability lines; without it, the front matter's or the detected
    /// one.
    #[arg(long = "lang", value_name = "LANG")]
    pub language: Option<String>,
    #[arg(long, value_enum, default_value_t = CountFormat::Table, overrides_with = "format")]
    pub format: CountFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset.
    Auto,
    Always,
    Never,
}

/// `--fail-on`: the lowest severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Use this configuration file instead of discovering one.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore configuration files: built-in settings only.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Files and directories to check; `-` reads one reply from stdin.
    /// Default: the current directory.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Channel for replies that do not name one (e.g. twitter, email, sms).
    #[arg(long, value_name = "CHANNEL")]
    pub channel: Option<String>,
    /// Expected language for replies that do not name one (it, en, es, fr, de, pt).
    #[arg(long = "lang", value_name = "LANG")]
    pub language: Option<String>,
    /// Draft (about to be sent) or template (canned response).
    #[arg(long, value_enum)]
    pub mode: Option<Mode>,
    /// The day dates and promotions are judged against (the `expired`
    /// rule), YYYY-MM-DD; overrides the config's `today`. Default: the
    /// system clock's date (UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Name for stdin in output and config path matching.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to colour human output (NO_COLOR and CLICOLOR_FORCE are honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit with 1 when a diagnostic at or above this severity is found.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Apply safe fixes to `.txt`, `.md` and TOML library files, then
    /// report what remains.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// With `--fix` or `--diff`: apply unsafe fixes too (they may change
    /// meaning or tone).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes `--fix` would apply as a unified diff; write nothing.
    /// Exits with 1 when there is something to fix.
    #[arg(long)]
    pub diff: bool,
    /// Skip files named on the command line (and `--stdin-filename`) that
    /// the config's `exclude` patterns match, or that are replylint's own
    /// config files, as a directory walk does. For pre-commit and editors,
    /// which name every file.
    #[arg(long)]
    pub force_exclude: bool,
    /// List every file not checked on stderr, one line each with the
    /// reason: `skipped:` for those the summary counts (binary files,
    /// files of other tools, links and special files), `ignored:` for
    /// files of other kinds, config files and excluded files.
    #[arg(short, long)]
    pub verbose: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
    /// The user-defined rules (`[[rule]]`) of this config file, or of the
    /// one found from the current directory, are listed after the
    /// built-in ones.
    #[command(flatten)]
    pub config: ConfigArgs,
}
