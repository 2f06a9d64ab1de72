//! `replylint._replylint`, the compiled part of the `replylint` Python
//! package (python/replylint/): [`Linter`] checks texts as `replylint
//! check -` checks standard input ([`replylint_io::text::check`], the MCP
//! tools' check), with the configuration found as `check` finds it and
//! loaded once; `check_many` checks a batch on every core with the GIL
//! released; [`run_cli`] is the command line run in-process, the wheel's
//! `replylint` command.
//!
//! Offsets are given in UTF-8 bytes and in code points (Python indexes a
//! `str` by code point), both converted by `replylint_core::location`.

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;
use replylint_core::config::settings::CliOverrides;
use replylint_core::config::{ConfigError as CoreConfigError, Settings};
use replylint_core::diagnostic::Applicability;
use replylint_core::mode::Mode;
use replylint_io::dictionaries::DictionarySearch;
use replylint_io::text::{self, Place, Problem};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

create_exception!(
    _replylint,
    ConfigError,
    PyValueError,
    "The configuration does not load: `path`, `line`, `column` (None when \
     unknown) and `message` say where and why."
);
create_exception!(
    _replylint,
    InputError,
    PyValueError,
    "A text the command would report an error for (exit code 2): front \
     matter that does not parse, an unknown channel or language in it, a \
     misspelt rule id in a suppression comment."
);

/// One problem found in a text.
#[pyclass(frozen, get_all, module = "replylint")]
pub struct Diagnostic {
    /// The rule's id, as `replylint explain` takes it.
    rule: String,
    /// `"error"`, `"warning"` or `"info"`.
    severity: &'static str,
    message: String,
    help: Option<String>,
    /// The part of an e-mail it is about when not the body.
    part: Option<&'static str>,
    /// The text flagged (cut after 120 characters).
    excerpt: String,
    /// 1-based line and column (in code points) of the start and end.
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// Offsets in UTF-8 bytes.
    start: usize,
    end: usize,
    /// Offsets in code points: `text[start_char:end_char]` is the span.
    start_char: usize,
    end_char: usize,
    fix: Option<Py<Fix>>,
}

/// A fix: its edits, to apply all or none.
#[pyclass(frozen, get_all, module = "replylint")]
pub struct Fix {
    /// `"safe"` (applied by `--fix`) or `"unsafe"` (only shown).
    applicability: &'static str,
    edits: Vec<Py<Edit>>,
}

/// Replace the text from `start` to `end` (bytes; `start_char` to
/// `end_char` in code points) by `replacement`.
#[pyclass(frozen, get_all, module = "replylint")]
pub struct Edit {
    start: usize,
    end: usize,
    start_char: usize,
    end_char: usize,
    replacement: String,
}

#[pymethods]
impl Diagnostic {
    fn __repr__(&self) -> String {
        format!(
            "Diagnostic(rule={:?}, severity={:?}, line={}, column={}, message={:?})",
            self.rule, self.severity, self.line, self.column, self.message
        )
    }

    /// The diagnostic as a dict of plain values (`fix` as a dict too):
    /// for a DataFrame or JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("rule", &self.rule)?;
        d.set_item("severity", self.severity)?;
        d.set_item("message", &self.message)?;
        d.set_item("help", &self.help)?;
        d.set_item("part", self.part)?;
        d.set_item("excerpt", &self.excerpt)?;
        d.set_item("line", self.line)?;
        d.set_item("column", self.column)?;
        d.set_item("end_line", self.end_line)?;
        d.set_item("end_column", self.end_column)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("start_char", self.start_char)?;
        d.set_item("end_char", self.end_char)?;
        match &self.fix {
            Some(fix) => d.set_item("fix", fix.get().to_dict(py)?)?,
            None => d.set_item("fix", py.None())?,
        }
        Ok(d)
    }
}

#[pymethods]
impl Fix {
    fn __repr__(&self) -> String {
        format!(
            "Fix(applicability={:?}, edits={})",
            self.applicability,
            self.edits.len()
        )
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("applicability", self.applicability)?;
        let edits = PyList::empty(py);
        for e in &self.edits {
            let e = e.get();
            let ed = PyDict::new(py);
            ed.set_item("start", e.start)?;
            ed.set_item("end", e.end)?;
            ed.set_item("start_char", e.start_char)?;
            ed.set_item("end_char", e.end_char)?;
            ed.set_item("replacement", &e.replacement)?;
            edits.append(ed)?;
        }
        d.set_item("edits", edits)?;
        Ok(d)
    }
}

#[pymethods]
impl Edit {
    fn __repr__(&self) -> String {
        format!(
            "Edit(start={}, end={}, replacement={:?})",
            self.start, self.end, self.replacement
        )
    }
}

/// A problem as the Rust side keeps it until the GIL is held again.
struct Found {
    problem: Problem,
}

fn to_python(py: Python<'_>, found: Found) -> PyResult<Py<Diagnostic>> {
    let p = found.problem;
    let place = |pl: &Place| (pl.offset, pl.offset_chars);
    let fix = match p.fix {
        Some(f) => {
            let edits = f
                .edits
                .into_iter()
                .map(|e| {
                    let (start, start_char) = place(&e.start);
                    let (end, end_char) = place(&e.end);
                    Py::new(
                        py,
                        Edit {
                            start,
                            end,
                            start_char,
                            end_char,
                            replacement: e.replacement,
                        },
                    )
                })
                .collect::<PyResult<Vec<_>>>()?;
            Some(Py::new(
                py,
                Fix {
                    applicability: match f.applicability {
                        Applicability::Safe => "safe",
                        Applicability::Unsafe => "unsafe",
                    },
                    edits,
                },
            )?)
        }
        None => None,
    };
    Py::new(
        py,
        Diagnostic {
            rule: p.rule,
            severity: p.severity.as_str(),
            message: p.message,
            help: p.help,
            part: p.part.map(|part| part.as_str()),
            excerpt: p.excerpt,
            line: p.start.line,
            column: p.start.column,
            end_line: p.end.line,
            end_column: p.end.column,
            start: p.start.offset,
            end: p.end.offset,
            start_char: p.start.offset_chars,
            end_char: p.end.offset_chars,
            fix,
        },
    )
}

/// Why a text was not checked.
enum Failure {
    Config(CoreConfigError),
    Input(String),
}

impl Failure {
    fn into_py(self, index: Option<usize>) -> PyErr {
        match self {
            Failure::Config(e) => config_error(&e),
            Failure::Input(message) => match index {
                Some(i) => InputError::new_err(format!("text {i}: {message}")),
                None => InputError::new_err(message),
            },
        }
    }
}

fn config_error(e: &CoreConfigError) -> PyErr {
    Python::attach(|py| {
        let err = ConfigError::new_err(e.to_string());
        let value = err.value(py);
        let path = e.path.as_ref().map(|p| p.display().to_string());
        let (line, column) = match e.position {
            Some((l, c)) => (Some(l), Some(c)),
            None => (None, None),
        };
        // Attributes for a program to read; the message says it all too.
        let _ = value.setattr("path", path);
        let _ = value.setattr("line", line);
        let _ = value.setattr("column", column);
        let _ = value.setattr("message", e.message.clone());
        err
    })
}

/// The overrides of one call: `check --channel … --lang … --mode …`.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
struct Overrides {
    channel: Option<String>,
    language: Option<String>,
    mode: Option<Mode>,
}

fn mode(mode: Option<&str>) -> PyResult<Option<Mode>> {
    match mode {
        None => Ok(None),
        Some("draft") => Ok(Some(Mode::Draft)),
        Some("template") => Ok(Some(Mode::Template)),
        Some(other) => Err(PyValueError::new_err(format!(
            "unknown mode `{other}`: expected `draft` or `template`"
        ))),
    }
}

/// A configuration loaded once, with the settings of every combination of
/// channel, language and mode asked for so far.
#[pyclass(frozen, module = "replylint")]
pub struct Linter {
    /// The file loaded (`None`: the built-in settings).
    file: Option<PathBuf>,
    base: Arc<Settings>,
    with: Mutex<HashMap<Overrides, Arc<Settings>>>,
}

impl Linter {
    fn cli(overrides: &Overrides) -> CliOverrides {
        CliOverrides {
            channel: overrides.channel.clone(),
            language: overrides.language.clone(),
            mode: overrides.mode,
            ..CliOverrides::default()
        }
    }

    fn settings(&self, overrides: &Overrides) -> Result<Arc<Settings>, CoreConfigError> {
        if *overrides == Overrides::default() {
            return Ok(self.base.clone());
        }
        let mut with = self.with.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = with.get(overrides) {
            return Ok(s.clone());
        }
        // The base settings with other command-line choices: the
        // configuration is not read again, and the spelling dictionaries
        // loaded so far serve every channel.
        let settings = Arc::new(self.base.with_command_line(&Self::cli(overrides))?);
        with.insert(overrides.clone(), settings.clone());
        Ok(settings)
    }
}

/// Load the settings as `check` does, the system's day filling in for a
/// configuration that names none.
fn load(cli: &CliOverrides, cwd: &std::path::Path) -> Result<Settings, CoreConfigError> {
    let mut settings = replylint_io::config::load_with(cli, cwd, &DictionarySearch::from_env())?;
    if settings.rule_settings.today.is_none() {
        settings.rule_settings.today = replylint_io::check::system_today();
    }
    Ok(settings)
}

/// Check one text with `settings`: its problems, or why it was not
/// checked (what `check -` reports as an error, exit code 2).
fn check_one(settings: &Settings, text: &str) -> Result<Vec<Found>, Failure> {
    let checked = text::check(settings, text).map_err(Failure::Input)?;
    if !checked.input_errors.is_empty() {
        let messages: Vec<String> = checked
            .input_errors
            .iter()
            .map(|e| match (e.line, e.column) {
                (Some(l), Some(c)) => format!("{l}:{c}: {}", e.message),
                _ => e.message.clone(),
            })
            .collect();
        return Err(Failure::Input(messages.join("\n")));
    }
    Ok(checked
        .diagnostics
        .into_iter()
        .map(|problem| Found { problem })
        .collect())
}

/// The texts of a Python iterable of `str`.
fn texts(texts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let mut out = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        let s = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "text {i} is a {}, not a str",
                item.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?;
        out.push(s.to_cow()?.into_owned());
    }
    Ok(out)
}

#[pymethods]
impl Linter {
    /// Load the configuration once: `config_path` if given, else the first
    /// `replylint.toml` (or `.replylint.toml`) walking up from `cwd` (the
    /// working folder by default), else the built-in settings;
    /// `no_config=True`: the built-in settings. Raises `ConfigError`.
    #[new]
    #[pyo3(signature = (config_path=None, *, cwd=None, no_config=false))]
    fn new(
        py: Python<'_>,
        config_path: Option<PathBuf>,
        cwd: Option<PathBuf>,
        no_config: bool,
    ) -> PyResult<Self> {
        let cwd = match cwd {
            Some(c) => c,
            None => std::env::current_dir()
                .map_err(|e| PyValueError::new_err(format!("no working folder: {e}")))?,
        };
        let file = if no_config {
            None
        } else if let Some(path) = config_path {
            Some(cwd.join(path))
        } else {
            replylint_io::config::discover(&cwd)
        };
        let cli = CliOverrides {
            config: file.clone(),
            no_config: file.is_none(),
            ..CliOverrides::default()
        };
        let base = py
            .detach(|| load(&cli, &cwd))
            .map_err(|e| config_error(&e))?;
        Ok(Linter {
            file,
            base: Arc::new(base),
            with: Mutex::new(HashMap::new()),
        })
    }

    /// The configuration file loaded, or None for the built-in settings.
    #[getter]
    fn config_path(&self) -> Option<String> {
        self.file.as_ref().map(|p| p.display().to_string())
    }

    /// Check one text as `replylint check -` checks standard input (a
    /// front matter block counts), on `channel` in `lang` in `mode`
    /// (`"draft"` or `"template"`) when given, as `--channel`, `--lang`
    /// and `--mode` do. Returns its diagnostics, in the order the command
    /// reports them. Raises `InputError` for a text the command reports an
    /// error for, `ConfigError` for an unknown channel or language.
    #[pyo3(signature = (text, *, channel=None, lang=None, mode=None))]
    fn check(
        &self,
        py: Python<'_>,
        text: &str,
        channel: Option<String>,
        lang: Option<String>,
        mode: Option<&str>,
    ) -> PyResult<Vec<Py<Diagnostic>>> {
        let overrides = Overrides {
            channel,
            language: lang,
            mode: self::mode(mode)?,
        };
        let found = py.detach(|| {
            let settings = self.settings(&overrides).map_err(Failure::Config)?;
            check_one(&settings, text)
        });
        found
            .map_err(|f| f.into_py(None))?
            .into_iter()
            .map(|f| to_python(py, f))
            .collect()
    }

    /// Check every text of `texts` (an iterable of `str`) as `check` does,
    /// in parallel on every core (or `threads` of them) with the GIL
    /// released. Returns one list of diagnostics per text, in order.
    /// Raises `InputError` naming the index of the first text that could
    /// not be checked.
    #[pyo3(signature = (texts, *, channel=None, lang=None, mode=None, threads=None))]
    fn check_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        channel: Option<String>,
        lang: Option<String>,
        mode: Option<&str>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Vec<Py<Diagnostic>>>> {
        let texts = self::texts(texts)?;
        let overrides = Overrides {
            channel,
            language: lang,
            mode: self::mode(mode)?,
        };
        let results = py.detach(|| {
            let settings = self
                .settings(&overrides)
                .map_err(|e| (None, Failure::Config(e)))?;
            let run = || {
                texts
                    .par_iter()
                    .enumerate()
                    .map(|(i, t)| check_one(&settings, t).map_err(|f| (Some(i), f)))
                    .collect::<Result<Vec<_>, _>>()
            };
            match threads {
                Some(n) => rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| (None, Failure::Input(format!("no thread pool: {e}"))))?
                    .install(run),
                None => run(),
            }
        });
        let results = results.map_err(|(i, f)| f.into_py(i))?;
        results
            .into_iter()
            .map(|found| found.into_iter().map(|f| to_python(py, f)).collect())
            .collect()
    }

    /// The counts of `text` as `replylint count --format json` gives them
    /// (characters, twitter-text weighted length, SMS segments, words,
    /// sentences, reading time), in `lang` if given.
    #[pyo3(signature = (text, *, lang=None))]
    fn count<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        lang: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        count(py, text, lang)
    }

    fn __repr__(&self) -> String {
        match &self.file {
            Some(p) => format!("Linter({:?})", p.display().to_string()),
            None => "Linter(None)".to_owned(),
        }
    }
}

/// The counts of `text` as `replylint count --format json` gives them, as
/// a dict.
#[pyfunction]
#[pyo3(signature = (text, *, lang=None))]
fn count<'py>(py: Python<'py>, text: &str, lang: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let language = lang
        .map(|l| l.parse::<replylint_core::lang::Language>())
        .transpose()
        .map_err(PyValueError::new_err)?;
    let value = py
        .detach(|| text::count(text, language))
        .map_err(InputError::new_err)?;
    let json = serde_json::to_string(&value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (json,))
}

/// Run the command line `argv` (the program name first) as the
/// `replylint` binary runs it, on the process's standard streams; returns
/// the exit code. Usage errors, `--help` and `--version` end the process.
/// SIGINT is set back to its default action first (Python's handler
/// would only raise `KeyboardInterrupt` once the run is over): for the
/// command, which ends the process when this returns.
#[pyfunction]
fn run_cli(py: Python<'_>, argv: Vec<std::ffi::OsString>) -> u8 {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default has no
    // preconditions; the previous handler (Python's) is not called again.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
    }
    py.detach(|| replylint::app::main_from(argv))
}

/// The version of the workspace, as `replylint --version` shows it.
const VERSION: &str = env!("CARGO_PKG_VERSION");

#[pymodule]
fn _replylint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", VERSION)?;
    m.add_class::<Linter>()?;
    m.add_class::<Diagnostic>()?;
    m.add_class::<Fix>()?;
    m.add_class::<Edit>()?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add_function(wrap_pyfunction!(count, m)?)?;
    m.add_function(wrap_pyfunction!(run_cli, m)?)?;
    Ok(())
}
