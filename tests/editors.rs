//! The editor recipes in the README really parse `--format line`: the Vim
//! `errorformat`, the VS Code problem matcher and the Emacs
//! `compilation-error-regexp-alist` entry are read from README.md,
//! translated to Rust regexes, and must find every diagnostic with its
//! file, line, column, severity and message. Also the pre-commit hook
//! definition at the repository root.

mod common;

use common::Tree;
use regex::Regex;
use serde_json::Value;

/// The fenced code block after `<!-- recipe: NAME -->` in README.md.
fn recipe(name: &str) -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let marker = format!("<!-- recipe: {name} -->");
    let at = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("README.md has no `{marker}`"));
    let rest = &readme[at + marker.len()..];
    let open = rest.find("```").expect("a code block after the marker");
    let body_start = open + rest[open..].find('\n').expect("fence line") + 1;
    let close = rest[body_start..].find("\n```").expect("closing fence");
    rest[body_start..body_start + close + 1].to_owned()
}

/// What an editor should take from one line of output.
#[derive(Debug, PartialEq, Eq)]
struct Parsed {
    file: String,
    line: u64,
    column: u64,
    severity: String,
    message: String,
}

/// Lint files with accents, emoji, CRLF and several severities, and
/// return the `line` output and what each line means (from `json`).
fn output() -> (String, Vec<Parsed>) {
    let tree = Tree::new(&[
        (
            "replies/sms/ordine.txt",
            "Ciao Luca! 📦  Il tuo ordine è partito…\r\nTODO \r\n",
        ),
        (
            "replies/email/rimborso.it.txt",
            "Gentile Mario,\n\nil rimborso è stato approvato.  Grazie!!\n\nCordiali saluti\n",
        ),
        (
            "replies/macros.toml",
            "[[reply]]\nid = \"a\"\nchannel = \"twitter\"\ntext = \"Ciao Anna, àèìòù {{name}}\"\n",
        ),
    ]);
    let line = tree.run(&["check", "--no-config", "--format", "line", "replies"]);
    let json = tree
        .run(&["check", "--no-config", "--format", "json", "replies"])
        .json();
    let expected: Vec<Parsed> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d: &Value| Parsed {
            file: d["path"].as_str().unwrap().to_owned(),
            line: d["start"]["line"].as_u64().unwrap(),
            column: d["start"]["column"].as_u64().unwrap(),
            severity: d["severity"].as_str().unwrap().to_owned(),
            message: d["message"].as_str().unwrap().to_owned(),
        })
        .collect();
    assert!(expected.len() >= 5, "{}", line.stdout);
    for severity in ["error", "warning"] {
        assert!(
            expected.iter().any(|p| p.severity == severity),
            "the output has an {severity}: {}",
            line.stdout
        );
    }
    (line.stdout, expected)
}

/// Apply `parse` to every output line and compare with the diagnostics.
fn check_parser(parse: impl Fn(&str) -> Option<Parsed>) {
    let (stdout, expected) = output();
    let parsed: Vec<Parsed> = stdout
        .lines()
        .map(|l| parse(l).unwrap_or_else(|| panic!("the recipe does not parse {l:?}")))
        .collect();
    assert_eq!(parsed, expected);
}

// ------------------------------------------------------------------- VS Code

#[test]
fn the_vscode_problem_matcher_parses_line_output() {
    let tasks: Value = serde_json::from_str(&recipe("vscode")).expect("tasks.json is JSON");
    let matcher = &tasks["tasks"][0]["problemMatcher"];
    assert_eq!(
        tasks["tasks"][0]["command"],
        "replylint check --format line ."
    );
    let pattern = &matcher["pattern"];
    // A JavaScript regex; this one uses only syntax Rust's regex shares.
    let re = Regex::new(pattern["regexp"].as_str().unwrap()).expect("the regexp compiles");
    let group = |key: &str| pattern[key].as_u64().unwrap() as usize;
    check_parser(|l| {
        let c = re.captures(l)?;
        Some(Parsed {
            file: c[group("file")].to_owned(),
            line: c[group("line")].parse().ok()?,
            column: c[group("column")].parse().ok()?,
            // VS Code reads "error", "warning" and "info".
            severity: c[group("severity")].to_owned(),
            message: c[group("message")].to_owned(),
        })
    });
    // The rule id becomes the problem's code.
    let (stdout, _) = output();
    let first = re.captures(stdout.lines().next().unwrap()).unwrap();
    assert!(
        replylint::rules::ids().any(|id| id == &first[group("code")]),
        "{:?}",
        &first[group("code")]
    );
}

// --------------------------------------------------------------------- Emacs

/// An Emacs Lisp string literal's value.
fn elisp_string(literal: &str) -> String {
    let inner = literal
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .expect("a string literal");
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// An Emacs regexp in Rust syntax: `\(`, `\)`, `\|` and `\(?:` are
/// groups and alternatives; bare `( ) | { } ?` after a group are literals;
/// bracket expressions are copied.
fn emacs_to_rust(re: &str) -> String {
    let mut out = String::new();
    let mut chars = re.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        if in_class {
            out.push(c);
            if c == ']' {
                in_class = false;
            }
            continue;
        }
        match c {
            '\\' => match chars.next() {
                Some('(') => {
                    if chars.peek() == Some(&'?') {
                        chars.next();
                        assert_eq!(chars.next(), Some(':'), "only shy groups");
                        out.push_str("(?:");
                    } else {
                        out.push('(');
                    }
                }
                Some(')') => out.push(')'),
                Some('|') => out.push('|'),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => {}
            },
            '[' => {
                in_class = true;
                out.push('[');
                // `[]…]` and `[^]…]` start with a literal `]`.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap());
                }
            }
            '(' | ')' | '|' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[test]
fn the_emacs_compilation_regexp_parses_line_output() {
    let elisp = recipe("emacs");
    let literal = Regex::new(r#""(?:[^"\\]|\\.)*""#)
        .unwrap()
        .find(&elisp)
        .expect("a regexp string")
        .as_str()
        .to_owned();
    // FILE LINE COLUMN (WARNING . INFO) after the string.
    let after = &elisp[elisp.find(&literal).unwrap() + literal.len()..];
    let numbers: Vec<usize> = Regex::new(r"\d+")
        .unwrap()
        .find_iter(after)
        .take(5)
        .map(|m| m.as_str().parse().unwrap())
        .collect();
    let [file, line, column, warning, info] = numbers[..] else {
        panic!("FILE LINE COLUMN (WARNING . INFO) in {after}");
    };
    let re = Regex::new(&emacs_to_rust(&elisp_string(&literal))).expect("translates");
    check_parser(|l| {
        let c = re.captures(l)?;
        let severity = if c.get(warning).is_some() {
            "warning"
        } else if c.get(info).is_some() {
            "info"
        } else {
            "error"
        };
        Some(Parsed {
            file: c[file].to_owned(),
            line: c[line].parse().ok()?,
            column: c[column].parse().ok()?,
            severity: severity.to_owned(),
            // compilation-mode shows the whole line; the message is what
            // follows the match.
            message: l[c.get(0)?.end()..].to_owned(),
        })
    });
}

#[test]
fn the_emacs_translation_handles_groups_and_literals() {
    assert_eq!(emacs_to_rust(r"^\(a\|b\):(x)[^:]"), r"^(a|b):\(x\)[^:]");
    assert_eq!(emacs_to_rust(r"\(?:e\)\["), r"(?:e)\[");
    assert_eq!(elisp_string(r#""a\\(b\n""#), "a\\(b\n");
}

// ----------------------------------------------------------------- Vim

/// A Vim `errorformat` (as written after `errorformat=` in a `:set`
/// command) as Rust regexes, one per comma-separated format. Supports
/// `%f %l %c %v %t %m %*[…] %%`.
fn errorformat_to_rust(efm: &str) -> Vec<Regex> {
    // `:set` escapes spaces with a backslash.
    let efm = efm.replace("\\ ", " ");
    let mut formats = Vec::new();
    let mut current = String::from("^");
    let mut chars = efm.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '%' => match chars.next() {
                Some('f') => current.push_str("(?P<f>.+?)"),
                Some('l') => current.push_str(r"(?P<l>\d+)"),
                Some('c') | Some('v') => current.push_str(r"(?P<c>\d+)"),
                Some('t') => current.push_str("(?P<t>.)"),
                Some('m') => current.push_str("(?P<m>.*)"),
                Some('%') => current.push('%'),
                Some('*') => {
                    assert_eq!(chars.next(), Some('['), "only %*[…]");
                    let mut class = String::from("[");
                    for d in chars.by_ref() {
                        class.push(d);
                        if d == ']' {
                            break;
                        }
                    }
                    current.push_str(&class);
                    current.push('*');
                }
                other => panic!("unsupported %{other:?} in errorformat"),
            },
            ',' => {
                current.push('$');
                formats.push(Regex::new(&current).unwrap());
                current = String::from("^");
            }
            '\\' => {
                if let Some(d) = chars.next() {
                    current.push_str(&regex::escape(&d.to_string()));
                }
            }
            c => current.push_str(&regex::escape(&c.to_string())),
        }
    }
    current.push('$');
    formats.push(Regex::new(&current).unwrap());
    formats
}

#[test]
fn the_vim_errorformat_parses_line_output() {
    let vim = recipe("vim");
    let makeprg = vim
        .lines()
        .find_map(|l| l.trim().strip_prefix("setlocal makeprg="))
        .expect("makeprg")
        .replace("\\ ", " ");
    assert_eq!(makeprg, "replylint check --format line %");
    let efm = vim
        .lines()
        .find_map(|l| l.trim().strip_prefix("setlocal errorformat="))
        .expect("errorformat");
    let formats = errorformat_to_rust(efm);
    check_parser(|l| {
        let c = formats.iter().find_map(|f| f.captures(l))?;
        let severity = match &c["t"] {
            "e" => "error",
            "w" => "warning",
            "i" => "info",
            _ => return None,
        };
        // The message keeps the rule: `[whitespace]: 2 spaces …`.
        let message = c["m"].split_once("]: ").map(|(_, m)| m.to_owned())?;
        assert!(c["m"].starts_with('['), "{l}");
        Some(Parsed {
            file: c["f"].to_owned(),
            line: c["l"].parse().ok()?,
            column: c["c"].parse().ok()?,
            severity: severity.to_owned(),
            message,
        })
    });
}

// ----------------------------------------------------------- pre-commit

#[test]
fn the_pre_commit_hook_runs_replylint_check_on_reply_files() {
    #[derive(serde::Deserialize)]
    struct Hook {
        id: String,
        language: String,
        entry: String,
        files: String,
        exclude: String,
    }
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .expect(".pre-commit-hooks.yaml at the repository root");
    let hooks: Vec<Hook> = serde_saphyr::from_str(&text).expect("valid YAML");
    let [hook] = hooks.as_slice() else {
        panic!("one hook")
    };
    assert_eq!(
        (
            hook.id.as_str(),
            hook.language.as_str(),
            hook.entry.as_str()
        ),
        ("replylint", "rust", "replylint check --force-exclude")
    );
    // pre-commit uses Python regexes; these use only syntax Rust shares.
    let files = Regex::new(&hook.files).unwrap();
    let exclude = Regex::new(&hook.exclude).unwrap();
    let checked = |p: &str| files.is_match(p) && !exclude.is_match(p);
    for ext in replylint::input::EXTENSIONS {
        assert!(checked(&format!("replies/a.{ext}")), "{ext}");
    }
    for path in [
        "logo.png",
        "replylint.toml",
        "sub/.replylint.toml",
        "Cargo.toml",
        "web/package.json",
        "README.md",
        "replies/readme.md",
        "CHANGELOG.md",
        "docs/Changelog.txt",
        "LICENSE.txt",
        "CONTRIBUTING.md",
        ".github/ISSUE_TEMPLATE/bug.md",
    ] {
        assert!(!checked(path), "{path}");
    }
    // Only the conventional capitalised names of project documents: a
    // reply may well be called `security.md`.
    for path in [
        "replies/security.md",
        "replies/license.txt",
        "replies/readme-macro.md",
    ] {
        assert!(checked(path), "{path}");
    }
    // The README documents it.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("- id: replylint"));
}
