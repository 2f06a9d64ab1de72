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
    /// Run the language server: editors speak the Language Server
    /// Protocol to it over stdin and stdout, and it shows problems as you
    /// type, with quick fixes and each rule's documentation on hover.
    Server,
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
