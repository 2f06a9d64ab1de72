//! Resolved settings: built-in channel files, the user's config file and the
//! command line layered into values with nothing left unset, and the lookup
//! that decides a reply's channel, language and mode.

use super::ConfigError;
use super::options::{ChannelOptions, Options, RuleLevels};
use crate::channel::{self, Channel};
use crate::diagnostic::Level;
use crate::lang::Language;
use crate::lang::detect::Detector;
use crate::lang::lexicon::Lexicons;
use crate::mode::Mode;
use crate::reply::{Reply, ReplyContext, ReplyMeta, reply_path};
use crate::rules;
use crate::rules::custom::UserRules;
use crate::rules::options::{RuleOptions, RuleSettings};
use crate::suppress::PathIgnores;
use crate::text::dialect::Dialect;
use globset::{Glob, GlobMatcher, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// What the command line says about configuration and replies.
#[derive(Debug, Clone, Default)]
pub struct CliOverrides {
    pub config: Option<PathBuf>,
    pub no_config: bool,
    pub channel: Option<String>,
    pub language: Option<String>,
    pub mode: Option<Mode>,
    /// `--today`: the day dates are judged against, `YYYY-MM-DD`
    /// (overrides the config's `today`).
    pub today: Option<String>,
}

/// Channel, language and mode chosen by one source (defaults, a path
/// pattern, the command line).
#[derive(Debug, Clone, Default)]
pub struct Choice {
    pub channel: Option<String>,
    pub language: Option<Language>,
    pub mode: Option<Mode>,
    pub dialect: Option<Dialect>,
    pub variables: Option<Vec<String>>,
    pub partial: Option<bool>,
    pub spelling_variants: Option<Vec<crate::lang::variant::Variant>>,
}

impl Choice {
    /// Whether it sets a placeholder dialect or a variable list.
    fn sets_templating(&self) -> bool {
        self.dialect.is_some() || self.variables.is_some()
    }
}

/// What the path of a file decides for its replies: the path patterns it
/// matches (the last one first) and what its folders and file name say
/// (none for standard input without a name).
#[derive(Debug, Clone, Default)]
pub struct PathContext<'s> {
    matching: Vec<&'s Choice>,
    convention: Option<Choice>,
}

#[derive(Debug, Clone)]
struct PathRule {
    matcher: GlobMatcher,
    choice: Choice,
}

/// The largest file read whole unless `max-file-size` says otherwise:
/// 64 MiB, some 200,000 replies.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;

/// Everything the linter needs to know, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config file in use, if any.
    pub config_file: Option<PathBuf>,
    /// Directory path patterns are relative to (the config file's, or the
    /// working directory).
    pub root: PathBuf,
    /// Directory relative input paths are relative to.
    pub cwd: PathBuf,
    /// Every channel by id.
    pub channels: BTreeMap<String, Channel>,
    /// Alias → channel id.
    aliases: BTreeMap<String, String>,
    defaults: Choice,
    command_line: Choice,
    path_rules: Vec<PathRule>,
    exclude: GlobSet,
    /// The largest file read whole, in bytes (`max-file-size`).
    pub max_file_size: u64,
    /// What the rules read besides the reply and its channel: lexicons,
    /// language detection (`languages`) and the rules' own options.
    pub rule_settings: RuleSettings,
    /// Rules defined in the config (`[[rule]]`), compiled.
    pub user_rules: UserRules,
    /// `[per-path-ignores]`.
    path_ignores: PathIgnores,
}

/// [`RuleOptions`] of the `options` read from the file: the rules' own
/// options, moved out of it.
macro_rules! rule_options_of {
    (
        { $options:ident }
        {$(
            $(#[doc = $doc:literal])*
            $(#[starter = $starter:literal])*
            $field:ident : $raw:ty => $resolved:ty = $how:ident $(($($arg:tt)*))?,
        )*}
        {}
    ) => {
        RuleOptions {
            $($field: $options.$field,)*
        }
    };
}

impl Settings {
    /// Resolve the configuration from the text of its file (`None`: no
    /// file), relative to the working folder `cwd`. Finding and reading the
    /// file is the caller's (`replylint_io::config::load`).
    pub fn from_text(
        file: Option<(&Path, &str)>,
        cli: &CliOverrides,
        cwd: &Path,
    ) -> Result<Settings, ConfigError> {
        let (options, text) = match file {
            Some((path, text)) => {
                let options: Options =
                    toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
                (options, text)
            }
            None => (Options::default(), ""),
        };
        let root = file
            .and_then(|(f, _)| f.parent())
            .map(|p| {
                if p.as_os_str().is_empty() {
                    cwd.to_owned()
                } else {
                    cwd.join(p)
                }
            })
            .unwrap_or_else(|| cwd.to_owned());
        let mut settings = Settings::resolve(options, file.map(|(p, _)| p), text, cli, root)?;
        settings.cwd = lexical_normal(cwd);
        Ok(settings)
    }

    /// Resolve parsed options (from `file`, whose text is `text`).
    pub fn resolve(
        options: Options,
        file: Option<&Path>,
        text: &str,
        cli: &CliOverrides,
        root: PathBuf,
    ) -> Result<Settings, ConfigError> {
        let err_path = file.unwrap_or(Path::new("replylint.toml"));
        let err =
            |offset: usize, message: String| ConfigError::at(err_path, text, Some(offset), message);

        let mut user_rules = UserRules::compile(options.rule.unwrap_or_default(), &err)?;
        if let Some(levels) = &options.rules {
            check_rule_ids(levels, &user_rules, &err)?;
        }
        let builtin = builtin_options();
        let user_channels = user_channels(options.channels.unwrap_or_default(), &builtin, &err)?;
        for (_, opts) in user_channels.values() {
            if let Some(levels) = &opts.rules {
                check_rule_ids(levels, &user_rules, &err)?;
            }
        }

        let mut ids: Vec<&str> = builtin.keys().map(String::as_str).collect();
        ids.extend(user_channels.keys().map(String::as_str));
        ids.sort_unstable();
        ids.dedup();

        let global = options.rules.as_ref();
        let mut channels: BTreeMap<String, Channel> = BTreeMap::new();
        for &id in &ids {
            // The channels from `id` up its `extends` chain that are not
            // resolved yet, `id` first; then resolved from the top down,
            // each on its parent. Any depth; a chain that comes back to a
            // channel on it is a cycle.
            let mut chain: Vec<String> = Vec::new();
            let mut on_chain: BTreeMap<String, usize> = BTreeMap::new();
            let mut at = Some(id.to_owned());
            while let Some(current) = at.take() {
                if channels.contains_key(&current) {
                    break;
                }
                if let Some(&first) = on_chain.get(&current) {
                    return Err(extends_cycle(&chain[first..], &user_channels, &err));
                }
                at = parent_of(&current, &builtin, &user_channels, &err)?;
                on_chain.insert(current.clone(), chain.len());
                chain.push(current);
            }
            for current in chain.iter().rev() {
                let parent = parent_of(current, &builtin, &user_channels, &err)?
                    .and_then(|p| channels.get(&p));
                let resolved = resolve_channel(
                    current,
                    parent,
                    &builtin,
                    &user_channels,
                    global,
                    &user_rules,
                    &err,
                )?;
                channels.insert(current.clone(), resolved);
            }
        }
        let mut aliases = BTreeMap::new();
        for ch in channels.values() {
            for a in &ch.aliases {
                aliases.insert(a.clone(), ch.id.clone());
            }
        }

        let detector = Detector::new(&candidate_languages(options.languages.as_ref(), &err)?);
        let root = lexical_normal(&root);
        let mut settings = Settings {
            config_file: file.map(Path::to_owned),
            cwd: root.clone(),
            root,
            channels,
            aliases,
            defaults: Choice::default(),
            command_line: Choice::default(),
            path_rules: Vec::new(),
            exclude: GlobSet::empty(),
            max_file_size: options
                .max_file_size
                .map_or(DEFAULT_MAX_FILE_SIZE, |mib| mib.get() << 20),
            rule_settings: RuleSettings::new(
                crate::rules::options::rule_options!(rule_options_of! { options } {}),
                Lexicons::builtin(),
                detector,
            ),
            user_rules: UserRules::default(),
            path_ignores: PathIgnores::default(),
        };
        user_rules.resolve_channels(
            |name| {
                settings
                    .channel_id(name)
                    .map(str::to_owned)
                    .ok_or_else(|| settings.unknown_channel(name))
            },
            &err,
        )?;
        settings.path_ignores = PathIgnores::compile(
            options.per_path_ignores.unwrap_or_default(),
            |id| rule_id(id, &user_rules),
            || rules::ids().chain(user_rules.ids()).collect(),
            &err,
        )?;
        settings.user_rules = user_rules;

        // Defaults from the file.
        settings.defaults = Choice {
            channel: options
                .channel
                .map(|c| settings.channel_id_at(&c, &err))
                .transpose()?,
            language: options
                .language
                .map(|l| parse_language_at(&l, &err))
                .transpose()?,
            mode: options.mode,
            dialect: options
                .placeholder_dialect
                .map(|d| parse_dialect_at(&d, &err))
                .transpose()?,
            variables: options.variables,
            partial: None,
            spelling_variants: options.spelling_variants,
        };
        for p in options.paths.unwrap_or_default() {
            let matcher = Glob::new(p.glob.get_ref())
                .map_err(|e| err(p.glob.span().start, format!("invalid glob: {e}")))?
                .compile_matcher();
            let choice = Choice {
                channel: p
                    .channel
                    .map(|c| settings.channel_id_at(&c, &err))
                    .transpose()?,
                language: p
                    .language
                    .map(|l| parse_language_at(&l, &err))
                    .transpose()?,
                mode: p.mode,
                dialect: p
                    .placeholder_dialect
                    .map(|d| parse_dialect_at(&d, &err))
                    .transpose()?,
                variables: p.variables,
                partial: p.partial,
                spelling_variants: p.spelling_variants,
            };
            settings.path_rules.push(PathRule { matcher, choice });
        }
        let mut exclude = GlobSetBuilder::new();
        for g in options.exclude.unwrap_or_default() {
            exclude.add(
                Glob::new(g.get_ref())
                    .map_err(|e| err(g.span().start, format!("invalid glob: {e}")))?,
            );
        }
        settings.exclude = exclude
            .build()
            .map_err(|e| ConfigError::cli(format!("invalid exclude globs: {e}")))?;

        // The command line.
        settings.command_line = settings.command_line_choice(cli)?;
        if let Some(today) = cli.today.as_deref() {
            let today = today
                .trim()
                .parse()
                .map_err(|m| ConfigError::cli(format!("--today: {m}")))?;
            settings.rule_settings.today = Some(today);
        }
        Ok(settings)
    }

    /// The command line's channel, language and mode (`--channel`,
    /// `--lang`, `--mode`), checked against these settings' channels.
    fn command_line_choice(&self, cli: &CliOverrides) -> Result<Choice, ConfigError> {
        Ok(Choice {
            channel: cli
                .channel
                .as_deref()
                .map(|c| {
                    self.channel_id(c).map(str::to_owned).ok_or_else(|| {
                        ConfigError::cli(format!("--channel: {}", self.unknown_channel(c)))
                    })
                })
                .transpose()?,
            language: cli
                .language
                .as_deref()
                .map(|l| {
                    l.parse::<Language>()
                        .map_err(|m| ConfigError::cli(format!("--lang: {m}")))
                })
                .transpose()?,
            mode: cli.mode,
            ..Choice::default()
        })
    }

    /// These settings with the command line's channel, language and mode
    /// replaced by those of `cli` (its other fields are not read), as if
    /// loaded again with them, without loading again: the spelling
    /// dictionaries loaded so far are shared. For callers that check texts
    /// on several channels with one configuration.
    pub fn with_command_line(&self, cli: &CliOverrides) -> Result<Settings, ConfigError> {
        let mut settings = self.clone();
        settings.command_line = self.command_line_choice(cli)?;
        Ok(settings)
    }

    /// Channel id for an id or alias.
    pub fn channel_id(&self, name: &str) -> Option<&str> {
        let name = name.trim();
        if let Some((id, _)) = self.channels.get_key_value(name) {
            return Some(id);
        }
        self.aliases.get(name).map(String::as_str)
    }

    /// The channel named by an id or alias.
    pub fn channel(&self, name: &str) -> Option<&Channel> {
        self.channel_id(name).and_then(|id| self.channels.get(id))
    }

    /// "unknown channel `twiter` (did you mean `twitter`?)".
    pub fn unknown_channel(&self, name: &str) -> String {
        crate::suggest::unknown(
            "channel",
            name,
            self.channels
                .keys()
                .chain(self.aliases.keys())
                .map(String::as_str),
        )
    }

    /// The `'static` id of a rule, built-in or user-defined.
    pub fn rule_id(&self, name: &str) -> Option<&'static str> {
        rule_id(name, &self.user_rules)
    }

    /// Every rule id: built-in ones, then user-defined ones.
    pub fn rule_ids(&self) -> impl Iterator<Item = &'static str> + '_ {
        rules::ids().chain(self.user_rules.ids())
    }

    /// The rules `per-path-ignores` turns off for replies read from `path`.
    pub fn ignored_rules(&self, path: &Path) -> Vec<&'static str> {
        if self.path_ignores.is_empty() {
            return Vec::new();
        }
        self.path_ignores.rules_for(&self.relative(path))
    }

    fn channel_id_at(
        &self,
        name: &Spanned<String>,
        err: &impl Fn(usize, String) -> ConfigError,
    ) -> Result<String, ConfigError> {
        self.channel_id(name.get_ref())
            .map(str::to_owned)
            .ok_or_else(|| err(name.span().start, self.unknown_channel(name.get_ref())))
    }

    /// Whether `path` is excluded by the config's `exclude` globs: the
    /// path itself or one of its folders (`exclude = ["drafts"]` excludes
    /// everything under `drafts/`).
    pub fn is_excluded(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let rel = self.relative(path);
        rel.ancestors()
            .filter(|a| !a.as_os_str().is_empty())
            .any(|a| self.exclude.is_match(a))
    }

    /// `path` (relative to the working directory, or absolute) relative to
    /// the config root, which is what globs are written against. A path
    /// outside the root is returned cleaned but otherwise as given.
    fn relative(&self, path: &Path) -> PathBuf {
        let absolute = lexical_normal(&self.cwd.join(path));
        match absolute.strip_prefix(&self.root) {
            Ok(rel) => rel.to_owned(),
            Err(_) => lexical_normal(path),
        }
    }

    /// Decide channel, language and mode for a reply read from `path`
    /// (`None` for stdin without `--stdin-filename`). Precedence: the
    /// reply's own fields, the command line, path patterns (the last match
    /// wins), the config's defaults, then the path's own parts (`sms/`,
    /// `reply.it.md`), then `generic`; for the mode, the reader's default
    /// (`template` for helpdesk exports), then `draft`. On an unknown
    /// channel or language in `meta`, the error message and the offset it
    /// was written at.
    pub fn reply_context(
        &self,
        path: Option<&Path>,
        meta: &ReplyMeta,
    ) -> Result<ReplyContext<'_>, (usize, String)> {
        self.reply_context_in(&self.path_context(path), meta)
    }

    /// What a reply's path decides, the same for every reply of a file:
    /// worked out once per file for [`Settings::reply_context_in`].
    pub fn path_context(&self, path: Option<&Path>) -> PathContext<'_> {
        let Some(rel) = path.map(|p| self.relative(p)) else {
            return PathContext::default();
        };
        PathContext {
            // Path patterns that match, the last one first.
            matching: self
                .path_rules
                .iter()
                .rev()
                .filter(|r| r.matcher.is_match(&rel))
                .map(|r| &r.choice)
                .collect(),
            convention: Some(self.convention(&rel)),
        }
    }

    /// [`Settings::reply_context`] with the path's part worked out.
    pub fn reply_context_in<'s>(
        &'s self,
        at: &PathContext<'s>,
        meta: &ReplyMeta,
    ) -> Result<ReplyContext<'s>, (usize, String)> {
        let own = Choice {
            channel: meta
                .channel
                .as_ref()
                .map(|c| {
                    self.channel_id(&c.value)
                        .map(str::to_owned)
                        .ok_or_else(|| (c.offset, self.unknown_channel(&c.value)))
                })
                .transpose()?,
            language: meta
                .language
                .as_ref()
                .map(|l| l.value.parse::<Language>().map_err(|m| (l.offset, m)))
                .transpose()?,
            mode: meta.mode,
            dialect: meta
                .dialect
                .as_ref()
                .map(|d| d.value.parse::<Dialect>().map_err(|m| (d.offset, m)))
                .transpose()?,
            variables: None,
            partial: meta.partial,
            spelling_variants: None,
        };
        let matching = &at.matching;
        let layers: Vec<&Choice> = [&own, &self.command_line]
            .into_iter()
            .chain(matching.iter().copied())
            .chain([&self.defaults])
            .chain(at.convention.as_ref())
            .collect();
        let channel_id = layers.iter().find_map(|l| l.channel.as_deref());
        let channel = channel_id
            .and_then(|id| self.channels.get(id))
            .unwrap_or_else(|| &self.channels[channel::GENERIC]);
        let (dialect, variables) = self.templating_of(&own, matching, channel, meta);
        Ok(ReplyContext {
            channel,
            language: layers.iter().find_map(|l| l.language),
            // A reader's default (helpdesk exports are templates) yields to
            // every layer, the config's defaults and conventions included.
            mode: layers
                .iter()
                .find_map(|l| l.mode)
                .or(meta.default_mode)
                .unwrap_or(Mode::Draft),
            channel_named: channel_id.is_some(),
            dialect,
            variables,
            partial: layers.iter().find_map(|l| l.partial).unwrap_or(false),
            // A path's variants, then the channel's, then the config's.
            spelling_variants: matching
                .iter()
                .find_map(|l| l.spelling_variants.as_deref())
                .or_else(|| {
                    (!channel.spelling_variants.is_empty())
                        .then_some(&channel.spelling_variants[..])
                })
                .or(self.defaults.spelling_variants.as_deref())
                .unwrap_or(&[]),
        })
    }

    /// The placeholder dialect a reply read from `path` is written in, and
    /// the variables it may use: the reply's own `placeholder-dialect`,
    /// then path patterns (the last match wins), the channel, the
    /// config's defaults, then what the reader recognised (a Zendesk
    /// export is written in `zendesk`). A dialect name the reply gets
    /// wrong is reported by [`Settings::reply_context`] and ignored here.
    pub fn templating<'s>(
        &'s self,
        path: Option<&Path>,
        meta: &ReplyMeta,
        channel: &'s Channel,
    ) -> (Option<Dialect>, Option<&'s [String]>) {
        let own = Choice {
            dialect: meta.dialect.as_ref().and_then(|d| d.value.parse().ok()),
            ..Choice::default()
        };
        let matching: Vec<&Choice> = match path {
            Some(path) if self.path_rules.iter().any(|r| r.choice.sets_templating()) => {
                let rel = self.relative(path);
                self.path_rules
                    .iter()
                    .rev()
                    .filter(|r| r.choice.sets_templating() && r.matcher.is_match(&rel))
                    .map(|r| &r.choice)
                    .collect()
            }
            _ => Vec::new(),
        };
        self.templating_of(&own, &matching, channel, meta)
    }

    fn templating_of<'s>(
        &'s self,
        own: &Choice,
        matching: &[&'s Choice],
        channel: &'s Channel,
        meta: &ReplyMeta,
    ) -> (Option<Dialect>, Option<&'s [String]>) {
        let dialect = own
            .dialect
            .or_else(|| matching.iter().find_map(|c| c.dialect))
            .or(channel.placeholder_dialect)
            .or(self.defaults.dialect)
            .or(meta.default_dialect);
        let variables = matching
            .iter()
            .find_map(|c| c.variables.as_deref())
            .or(channel.variables.as_deref())
            .or(self.defaults.variables.as_deref());
        (dialect, variables)
    }

    /// Channel and language named by a path's folders and file-name parts;
    /// the part nearest the file wins.
    fn convention(&self, rel: &Path) -> Choice {
        let mut choice = Choice::default();
        let mut parts: Vec<&str> = Vec::new();
        let comps: Vec<_> = rel.components().collect();
        for (i, c) in comps.iter().enumerate() {
            let Component::Normal(s) = c else { continue };
            let Some(s) = s.to_str() else { continue };
            if i + 1 == comps.len() {
                // File name: every dot-separated part but the extension.
                let mut pieces: Vec<&str> = s.split('.').collect();
                if pieces.len() > 1 {
                    pieces.pop();
                }
                parts.extend(pieces.into_iter().skip(1));
            } else {
                parts.push(s);
            }
        }
        for part in parts {
            if let Some(id) = self.channel_id(part) {
                choice.channel = Some(id.to_owned());
            } else if let Ok(lang) = part.parse::<Language>() {
                choice.language = Some(lang);
            }
        }
        choice
    }
}

impl rules::Templating for Settings {
    fn templating_of<'s>(
        &'s self,
        reply: &Reply,
        channel: &'s Channel,
    ) -> (Option<Dialect>, Option<&'s [String]>) {
        self.templating(reply_path(&reply.source), &reply.meta, channel)
    }
}

/// `path` without `.` components and with `dir/..` pairs removed, without
/// touching the file system (symlinks are not resolved): how paths are
/// matched against path patterns.
pub fn lexical_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            Component::ParentDir
                if matches!(
                    out.components().next_back(),
                    Some(Component::RootDir | Component::Prefix(_))
                ) => {}
            c => out.push(c),
        }
    }
    out
}

/// The user's `[channels.*]` tables by channel id, with their offsets. A
/// table named by an alias (`[channels.x]`) configures the channel it
/// stands for; a new channel whose name is a near miss of an existing one
/// (`[channels.twiter]`) must say what it `extends`, so that a typo does
/// not silently create a channel.
fn user_channels(
    tables: BTreeMap<Spanned<String>, Spanned<ChannelOptions>>,
    builtin: &BTreeMap<String, ChannelOptions>,
    err: &impl Fn(usize, String) -> ConfigError,
) -> Result<BTreeMap<String, (usize, ChannelOptions)>, ConfigError> {
    let alias_of = |name: &str| {
        builtin
            .iter()
            .find(|(_, o)| o.aliases.iter().flatten().any(|a| a == name))
            .map(|(id, _)| id.clone())
    };
    let mut out: BTreeMap<String, (usize, ChannelOptions)> = BTreeMap::new();
    // Tables named by their id first, so that an alias table clashing with
    // one is reported at the alias.
    let (by_alias, by_id): (Vec<_>, Vec<_>) = tables
        .into_iter()
        .partition(|(k, _)| alias_of(k.get_ref()).is_some());
    for (key, value) in by_id.into_iter().chain(by_alias) {
        let offset = key.span().start;
        let name = key.into_inner();
        let opts = value.into_inner();
        let id = match alias_of(&name) {
            Some(id) => {
                if out.contains_key(&id) {
                    return Err(err(
                        offset,
                        format!(
                            "`{name}` is an alias of `{id}`, which is already configured: \
                             merge the two tables into `[channels.{id}]`"
                        ),
                    ));
                }
                id
            }
            None => name,
        };
        if !builtin.contains_key(&id)
            && opts.extends.is_none()
            && let Some(near) = crate::suggest::closest(
                &id,
                builtin
                    .iter()
                    .flat_map(|(k, o)| std::iter::once(k).chain(o.aliases.iter().flatten()))
                    .map(String::as_str),
            )
        {
            return Err(err(
                offset,
                format!(
                    "unknown channel `{id}` (did you mean `{near}`?); \
                     to define a new channel, say which one it starts from: \
                     `extends = \"{near}\"` or `extends = \"generic\"`"
                ),
            ));
        }
        out.insert(id, (offset, opts));
    }
    Ok(out)
}

/// The `'static` id of a built-in or user-defined rule.
fn rule_id(name: &str, user_rules: &UserRules) -> Option<&'static str> {
    rules::by_id(name)
        .map(|m| m.id)
        .or_else(|| user_rules.id(name))
}

fn check_rule_ids(
    levels: &RuleLevels,
    user_rules: &UserRules,
    err: &impl Fn(usize, String) -> ConfigError,
) -> Result<(), ConfigError> {
    for key in levels.keys() {
        if rule_id(key.get_ref(), user_rules).is_none() {
            return Err(err(
                key.span().start,
                crate::suggest::unknown(
                    "rule",
                    key.get_ref(),
                    rules::ids().chain(user_rules.ids()),
                ),
            ));
        }
    }
    Ok(())
}

fn parse_dialect_at(
    dialect: &Spanned<String>,
    err: &impl Fn(usize, String) -> ConfigError,
) -> Result<Dialect, ConfigError> {
    dialect
        .get_ref()
        .parse()
        .map_err(|m| err(dialect.span().start, m))
}

fn parse_language_at(
    lang: &Spanned<String>,
    err: &impl Fn(usize, String) -> ConfigError,
) -> Result<Language, ConfigError> {
    lang.get_ref()
        .parse()
        .map_err(|m| err(lang.span().start, m))
}

/// The `languages` list: each a known language code, at least one.
fn candidate_languages(
    list: Option<&Spanned<Vec<Spanned<String>>>>,
    err: &impl Fn(usize, String) -> ConfigError,
) -> Result<Vec<Language>, ConfigError> {
    let Some(list) = list else {
        return Ok(Language::ALL.to_vec());
    };
    if list.get_ref().is_empty() {
        return Err(err(
            list.span().start,
            "`languages` must name at least one language".to_owned(),
        ));
    }
    list.get_ref()
        .iter()
        .map(|l| parse_language_at(l, err))
        .collect()
}

/// The built-in channel files, read from their trees
/// ([`crate::lang::builtin::channel`]).
pub fn builtin_options() -> BTreeMap<String, ChannelOptions> {
    channel::BUILTIN
        .iter()
        .map(|&(id, _)| {
            let opts: ChannelOptions = crate::lang::builtin::channel(id)
                .read()
                .unwrap_or_else(|e| panic!("built-in channel file {id}.toml is invalid: {e}"));
            (id.to_owned(), opts)
        })
        .collect()
}

fn apply_levels(
    levels: &mut BTreeMap<&'static str, Level>,
    over: Option<&RuleLevels>,
    user_rules: &UserRules,
) {
    for (id, level) in over.into_iter().flatten() {
        if let Some(id) = rule_id(id.get_ref(), user_rules) {
            levels.insert(id, *level.get_ref());
        }
    }
}

/// The channel `id` starts from: none for a built-in channel; for a new
/// one, the channel its `extends` names (an alias stands for its channel),
/// else `generic`.
fn parent_of(
    id: &str,
    builtin: &BTreeMap<String, ChannelOptions>,
    user: &BTreeMap<String, (usize, ChannelOptions)>,
    err: &impl Fn(usize, String) -> ConfigError,
) -> Result<Option<String>, ConfigError> {
    let b = builtin.get(id);
    let u = user.get(id);
    match (b, u) {
        (Some(_), Some((_, opts))) => match &opts.extends {
            Some(ext) => Err(err(
                ext.span().start,
                format!("`extends` is only for new channels; `{id}` is built in"),
            )),
            None => Ok(None),
        },
        (Some(_), None) | (None, None) => Ok(None),
        (None, Some((_, opts))) => {
            let name = opts
                .extends
                .as_ref()
                .map_or(channel::GENERIC, |e| e.get_ref().as_str());
            if builtin.contains_key(name) || user.contains_key(name) {
                Ok(Some(name.to_owned()))
            } else if let Some((alias_of, _)) = builtin
                .iter()
                .find(|(_, o)| o.aliases.iter().flatten().any(|a| a == name))
            {
                Ok(Some(alias_of.clone()))
            } else {
                let offset = opts.extends.as_ref().map_or(0, |e| e.span().start);
                let names = builtin.keys().chain(user.keys()).map(String::as_str);
                Err(err(offset, crate::suggest::unknown("channel", name, names)))
            }
        }
    }
}

/// "`extends` cycle: `a` → `b` → `a`", at the `extends` of the cycle's
/// first channel (`cycle`: the channels on it, each extending the next,
/// the last extending the first).
fn extends_cycle(
    cycle: &[String],
    user: &BTreeMap<String, (usize, ChannelOptions)>,
    err: &impl Fn(usize, String) -> ConfigError,
) -> ConfigError {
    let first = &cycle[0];
    let offset = user.get(first).map_or(0, |(table, opts)| {
        opts.extends.as_ref().map_or(*table, |e| e.span().start)
    });
    let path: Vec<String> = cycle
        .iter()
        .chain(std::iter::once(first))
        .map(|id| format!("`{id}`"))
        .collect();
    err(
        offset,
        format!(
            "`extends` cycle: {} (a channel cannot start from itself)",
            path.join(" → ")
        ),
    )
}

/// Resolve channel `id` on its `parent` (for user-defined channels,
/// resolved already: `extends` or `generic`; none for a built-in one),
/// then the built-in file, then the user's table. Rule levels layer as:
/// rule defaults → built-in channel files → the user's `[rules]` → the
/// user's `[channels.*.rules]`.
fn resolve_channel(
    id: &str,
    parent: Option<&Channel>,
    builtin: &BTreeMap<String, ChannelOptions>,
    user: &BTreeMap<String, (usize, ChannelOptions)>,
    global: Option<&RuleLevels>,
    user_rules: &UserRules,
    err: &impl Fn(usize, String) -> ConfigError,
) -> Result<Channel, ConfigError> {
    let b = builtin.get(id);
    let u = user.get(id);
    let raw = b
        .cloned()
        .unwrap_or_default()
        .merge(u.map(|(_, o)| o.clone()).unwrap_or_default());
    let mut levels = match parent {
        Some(p) => p.levels.clone(),
        None => rules::REGISTRY
            .iter()
            .map(|r| (r.meta().id, Level::from(r.meta().default_severity)))
            .chain(user_rules.iter().map(|r| (r.id, r.level)))
            .collect(),
    };
    if parent.is_none() {
        apply_levels(&mut levels, b.and_then(|o| o.rules.as_ref()), user_rules);
        apply_levels(&mut levels, global, user_rules);
    }
    apply_levels(
        &mut levels,
        u.and_then(|(_, o)| o.rules.as_ref()),
        user_rules,
    );

    let registry_levels = levels_by_registry(&levels);
    raw.resolve(id.to_owned(), parent, levels, registry_levels, b.is_some())
        .map_err(|(offset, message)| err(offset, message))
}

/// The level of each built-in rule, in the order of [`rules::REGISTRY`]:
/// what the engine asks of every reply ([`Channel::registry_level`]).
fn levels_by_registry(levels: &BTreeMap<&'static str, Level>) -> Vec<Level> {
    rules::REGISTRY
        .iter()
        .map(|rule| levels.get(rule.meta().id).copied().unwrap_or(Level::Off))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_command_line_is_loading_with_it() {
        let cwd = Path::new(".");
        let base = Settings::from_text(None, &CliOverrides::default(), cwd).unwrap();
        let cli = CliOverrides {
            channel: Some("x".to_owned()),
            language: Some("it".to_owned()),
            mode: Some(Mode::Template),
            ..CliOverrides::default()
        };
        let loaded = Settings::from_text(None, &cli, cwd).unwrap();
        let derived = base.with_command_line(&cli).unwrap();
        assert_eq!(
            format!("{:?}", derived.command_line),
            format!("{:?}", loaded.command_line)
        );
        // An alias (`x`) is resolved to its channel, as loading does.
        assert_eq!(derived.command_line.channel.as_deref(), Some("twitter"));
        assert_eq!(
            format!("{:?}", base.command_line),
            format!("{:?}", Choice::default())
        );
        let unknown = CliOverrides {
            channel: Some("fax".to_owned()),
            ..CliOverrides::default()
        };
        let e = base.with_command_line(&unknown).unwrap_err();
        assert!(
            e.message.contains("--channel: unknown channel `fax`"),
            "{e}"
        );
    }
}
