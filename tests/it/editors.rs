//! The editor recipes in docs/integrations.md really work with `--format
//! line`. The Vim `errorformat`, the VS Code problem matcher and the Emacs
//! `compilation-error-regexp-alist` entry are read from that page,
//! translated to Rust regexes, and must find every diagnostic with its
//! file, line, column, severity and message. Then Vim (`vim -es`,
//! `:make`), Neovim (`nvim --headless`) and Emacs (`emacs --batch`,
//! `compile` and `next-error`) run the recipes as written and must put the
//! cursor on the first character of every diagnostic, in files with
//! spaces in their names too; each says "skipped: …" and passes where that
//! editor is not installed. Also the pre-commit hook definition at the
//! repository root, run by pre-commit where it is installed as the
//! documented config sets it up, and the config's `rev:`, a tag of this
//! repository; and the GitHub Actions workflows, whose `run:` lines are
//! run with bash.

use crate::common::{Tree, path_with_replylint, skip};
use regex::Regex;
use serde_json::Value;

/// The page that holds the recipes.
const INTEGRATIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/integrations.md");

/// The fenced code block after `<!-- recipe: NAME -->` in docs/integrations.md.
fn recipe(name: &str) -> String {
    let page = std::fs::read_to_string(INTEGRATIONS).expect("docs/integrations.md");
    let marker = format!("<!-- recipe: {name} -->");
    let at = page
        .find(&marker)
        .unwrap_or_else(|| panic!("docs/integrations.md has no `{marker}`"));
    let rest = &page[at + marker.len()..];
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
        // A name with spaces: the recipes read it whole.
        (
            "replies/chat/late order.txt",
            "Hi Anna 🙂 sorry, the the parcel is late.\n",
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
    assert!(
        expected
            .iter()
            .any(|p| p.file == "replies/chat/late order.txt"),
        "a diagnostic in the file with a space: {}",
        line.stdout
    );
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
        replylint_core::rules::ids().any(|id| id == &first[group("code")]),
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
    // The file name quoted for the shell: names with spaces work.
    assert_eq!(makeprg, "replylint check --format line %:S");
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

// ------------------------------------------------ the editors themselves

/// Where each diagnostic should land in the file: path, line, byte column
/// (1-based, as Vim's `col('.')`), severity and `[rule]: message`.
type Landing = (String, u64, u64, String, String);

/// Files with accents, emoji (before a diagnostic, so that characters,
/// bytes and screen columns all differ), CRLF and a TOML library, and
/// where each diagnostic is, from `--format json`. An empty config keeps
/// the run from finding one on the machine.
fn landing_tree() -> (Tree, Vec<Landing>) {
    let tree = Tree::new(&[
        ("replylint.toml", ""),
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
            "[[reply]]\nid = \"a\"\nchannel = \"twitter\"\ntext = \"Ciao Anna 🙂, àèìòù  {{name}}\"\n",
        ),
        // A name with spaces: `:make` passes it quoted, the error formats
        // read it whole.
        (
            "replies/chat/late order.txt",
            "Hi Anna 🙂 sorry, the the parcel is late.\n",
        ),
    ]);
    let json = tree.run(&["check", "--format", "json", "replies"]).json();
    let landings: Vec<Landing> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap().to_owned();
            let text = std::fs::read(tree.root.join(&path)).unwrap();
            let offset = d["start"]["offset"].as_u64().unwrap() as usize;
            let line_start = text[..offset]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            (
                path,
                d["start"]["line"].as_u64().unwrap(),
                (offset - line_start + 1) as u64,
                d["severity"].as_str().unwrap().to_owned(),
                format!(
                    "[{}]: {}",
                    d["rule"].as_str().unwrap(),
                    d["message"].as_str().unwrap()
                ),
            )
        })
        .collect();
    // A diagnostic whose character, byte and screen columns all differ.
    assert!(
        landings
            .iter()
            .any(|l| l.0.ends_with("ordine.txt") && l.1 == 1 && l.2 > 40),
        "{landings:?}"
    );
    (tree, landings)
}

/// Whether `program --version` runs and prints `needle`; when it does
/// not, the test says `skipped: …` and passes. `.ci/run` decides the same
/// way for its summary.
fn installed(program: &str, needle: &str) -> bool {
    let ok = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(needle));
    if !ok {
        skip(&format!(
            "`{program}` is not installed (`{program} --version` printing {needle}): this test does not run it"
        ));
    }
    ok
}

/// Vim (or Neovim) runs the recipe's `makeprg` with `:make` on each file
/// and jumps to every quickfix entry: what it saw, as [`Landing`]s.
fn quickfix_landings(program: &str, options: &[&str], tree: &Tree, files: &[&str]) -> Vec<Landing> {
    tree.write("recipe.vim", recipe("vim"));
    tree.write(
        "dump.vim",
        concat!(
            "silent make\n",
            "let s:out = []\n",
            "for s:i in range(1, len(getqflist()))\n",
            "  execute 'silent cc ' . s:i\n",
            "  let s:e = getqflist()[s:i - 1]\n",
            "  call add(s:out, join([expand('%'), line('.'), col('.'), s:e.type, s:e.text], \"\\t\"))\n",
            "endfor\n",
            "call writefile(s:out, 'quickfix.txt')\n",
            "qa!\n",
        ),
    );
    let mut seen = Vec::new();
    for file in files {
        let _ = std::fs::remove_file(tree.root.join("quickfix.txt"));
        let status = std::process::Command::new(program)
            .current_dir(&tree.root)
            .env("PATH", path_with_replylint())
            .args(options)
            .args(["-u", "NONE", "-i", "NONE", file])
            .args(["-S", "recipe.vim", "-S", "dump.vim"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{program} on {file}: {status}");
        let quickfix = std::fs::read_to_string(tree.root.join("quickfix.txt")).unwrap();
        for entry in quickfix.lines() {
            let f: Vec<&str> = entry.splitn(5, '\t').collect();
            let severity = match f[3] {
                "e" => "error",
                "w" => "warning",
                "i" => "info",
                other => panic!("type {other:?} in {entry}"),
            };
            seen.push((
                f[0].to_owned(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
                severity.to_owned(),
                f[4].to_owned(),
            ));
        }
    }
    seen
}

fn files_of(landings: &[Landing]) -> Vec<&str> {
    let mut files: Vec<&str> = landings.iter().map(|l| l.0.as_str()).collect();
    files.dedup();
    files
}

/// Vim runs the recipe's `makeprg` with `:make` on each file and jumps to
/// every quickfix entry: file, line, type and message are right, and the
/// cursor lands on the byte the diagnostic starts at, after emoji and
/// accented letters too (the recipe turns character columns into bytes).
#[test]
fn vim_runs_the_recipe_and_lands_on_each_diagnostic() {
    if !installed("vim", "+quickfix") {
        return;
    }
    let (tree, landings) = landing_tree();
    let seen = quickfix_landings("vim", &["-es", "-N"], &tree, &files_of(&landings));
    assert_eq!(seen, landings);
}

/// The same recipe in Neovim.
#[test]
fn neovim_runs_the_recipe_and_lands_on_each_diagnostic() {
    if !installed("nvim", "NVIM") {
        return;
    }
    let (tree, landings) = landing_tree();
    let seen = quickfix_landings("nvim", &["--headless", "-n"], &tree, &files_of(&landings));
    assert_eq!(seen, landings);
}

/// Emacs runs the recipe's command with `compile`, and `next-error`
/// visits every diagnostic with the recipe's regexp: file, line and
/// severity are right, and point lands on the character the diagnostic
/// starts at (the recipe makes Emacs count characters, not screen
/// columns, in replylint's compilation buffers).
#[test]
fn emacs_runs_the_recipe_and_lands_on_each_diagnostic() {
    if !installed("emacs", "GNU Emacs") {
        return;
    }
    let (tree, landings) = landing_tree();
    tree.write("recipe.el", recipe("emacs"));
    tree.write(
        "dump.el",
        r#"(require 'compile)
(let* ((root default-directory)
       (buf (compile "replylint check --format line ."))
       (out '()))
  ;; The sentinel detaches the process once its output is all in.
  (while (get-buffer-process buf)
    (accept-process-output nil 0.1))
  (with-current-buffer buf
    (goto-char (point-min))
    (condition-case nil
        (while t
          (compilation-next-error 1)
          (let* ((msg (get-text-property (point) 'compilation-message))
                 (type (compilation--message->type msg))
                 (marker (save-window-excursion (compile-goto-error) (point-marker))))
            (with-current-buffer (marker-buffer marker)
              (save-excursion
                (goto-char marker)
                (push (format "%s\t%d\t%d\t%d"
                              (file-relative-name (buffer-file-name) root)
                              (line-number-at-pos)
                              (1+ (- (position-bytes (point))
                                     (position-bytes (line-beginning-position))))
                              type)
                      out)))))
      (error nil)))
  (princ (mapconcat #'identity (nreverse out) "\n"))
  (terpri))
"#,
    );
    let out = std::process::Command::new("emacs")
        .current_dir(&tree.root)
        .env("PATH", path_with_replylint())
        .args(["--batch", "-Q", "-l", "recipe.el", "-l", "dump.el"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let seen: Vec<(String, u64, u64, String)> = stdout
        .lines()
        .map(|entry| {
            let f: Vec<&str> = entry.split('\t').collect();
            assert_eq!(
                f.len(),
                4,
                "{stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let severity = match f[3] {
                "2" => "error",
                "1" => "warning",
                "0" => "info",
                other => panic!("type {other:?} in {entry}"),
            };
            (
                f[0].to_owned(),
                f[1].parse().unwrap(),
                f[2].parse().unwrap(),
                severity.to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, u64, u64, String)> = landings
        .into_iter()
        .map(|(path, line, column, severity, _)| (path, line, column, severity))
        .collect();
    assert_eq!(seen, expected, "{}", String::from_utf8_lossy(&out.stderr));
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
        require_serial: bool,
        verbose: Option<bool>,
    }
    let text =
        std::fs::read_to_string(HOOKS).expect(".pre-commit-hooks.yaml at the repository root");
    let hooks: Vec<Hook> = serde_saphyr::from_str(&text).expect("valid YAML");
    let [hook, python] = hooks.as_slice() else {
        panic!("two hooks: the Rust one and the Python package's")
    };
    // The Python package's: the same command on the same files, installed
    // as the wheel.
    assert_eq!(
        (
            python.id.as_str(),
            python.language.as_str(),
            python.entry.as_str()
        ),
        ("replylint-py", "python", hook.entry.as_str())
    );
    assert_eq!(
        (&python.files, &python.exclude),
        (&hook.files, &hook.exclude)
    );
    assert_eq!((python.require_serial, python.verbose), (true, None));
    assert_eq!(
        (
            hook.id.as_str(),
            hook.language.as_str(),
            hook.entry.as_str()
        ),
        ("replylint", "rust", "replylint check --force-exclude")
    );
    assert!(hook.require_serial, "one run, one summary");
    // Quiet when it passes, as pre-commit hooks are; the integrations page
    // says how to see the warnings (checked by the next test).
    assert_eq!(hook.verbose, None);
    // pre-commit uses Python regexes; these use only syntax Rust shares.
    let files = Regex::new(&hook.files).unwrap();
    let exclude = Regex::new(&hook.exclude).unwrap();
    let checked = |p: &str| files.is_match(p) && !exclude.is_match(p);
    for ext in replylint_io::input::EXTENSIONS {
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
    // The integrations page documents it.
    let (_, documented) = pre_commit_config();
    assert_eq!(documented["id"], hook.id.as_str());
}

/// The hook definition at the repository root.
const HOOKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/.pre-commit-hooks.yaml");

/// The `.pre-commit-config.yaml` of docs/integrations.md: its one repo
/// and that repo's one hook.
fn pre_commit_config() -> (Value, Value) {
    let config: Value =
        serde_saphyr::from_str(&recipe("pre-commit-config")).expect("the config is YAML");
    let repo = config["repos"][0].clone();
    let hook = repo["hooks"][0].clone();
    assert_eq!(hook["id"], "replylint");
    (repo, hook)
}

/// `git ARGS` in the repository: its stdout, or `None` when git fails.
fn git(args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim_end().to_owned())
}

/// The `rev:` of the documented config is a tag of this repository, on a
/// commit of the release it names that has the hook.
#[test]
fn the_pre_commit_rev_is_a_release_tag_with_the_hook() {
    let (repo, hook) = pre_commit_config();
    assert!(
        repo["repo"]
            .as_str()
            .is_some_and(|r| r.ends_with("/replylint")),
        "{repo}"
    );
    let rev = repo["rev"].as_str().expect("a rev").to_owned();
    let Some(version) = rev.strip_prefix('v') else {
        panic!("`rev: {rev}` is not a release tag (vX.Y.Z)");
    };
    // Whatever the clone holds, the version is a release of the changelog.
    let changelog =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains(&format!("\n## [{version}]")),
        "`rev: {rev}` names no release of CHANGELOG.md"
    );
    if git(&["rev-parse", "--git-dir"]).is_none() {
        skip("not a git checkout: the tag of `rev:` is not looked for");
        return;
    }
    let tags = git(&["tag", "--list", &rev]).expect("git tag --list");
    if tags.is_empty() {
        // A clone of the branch alone (CI, a shallow clone) has no tags.
        skip("the tag of `rev:` is not in this clone: fetch tags to check it");
        return;
    }
    assert_eq!(
        tags, rev,
        "docs/integrations.md names `rev: {rev}`, which is no tag of this repository (`git tag --list`)"
    );
    let manifest = git(&["show", &format!("{rev}:Cargo.toml")]).expect("Cargo.toml at the tag");
    assert!(
        manifest.contains(&format!("\nversion = \"{version}\"\n")),
        "the tag {rev} is not on a commit of version {version}"
    );
    let hooks = git(&["show", &format!("{rev}:.pre-commit-hooks.yaml")])
        .unwrap_or_else(|| panic!("{rev} has no .pre-commit-hooks.yaml: pre-commit cannot use it"));
    let hooks: Vec<Value> = serde_saphyr::from_str(&hooks).expect("valid YAML at the tag");
    assert!(
        hooks.iter().any(|h| h["id"] == hook["id"]),
        "{rev} has no hook `{}`",
        hook["id"]
    );
}

/// pre-commit, where it is installed, runs the hook as the documented
/// config sets it up: quiet when only warnings are found, the warnings
/// shown with `verbose: true`, the report shown when an error fails it.
/// The hook is the definition at the root as a local hook that runs the
/// `replylint` under test (pre-commit would build it with `cargo install`
/// for `language: rust`, minutes and the network).
#[test]
fn pre_commit_runs_the_hook_as_the_docs_say() {
    if !installed("pre-commit", "pre-commit") {
        return;
    }
    let hooks: Vec<Value> =
        serde_saphyr::from_str(&std::fs::read_to_string(HOOKS).unwrap()).expect("valid YAML");
    let (_, documented) = pre_commit_config();
    // The definition, then what the user's config sets, as pre-commit
    // merges them.
    let mut hook = hooks[0].clone();
    for (key, value) in documented.as_object().unwrap() {
        hook[key] = value.clone();
    }
    hook["language"] = "system".into();
    let tree = Tree::new(&[
        ("replylint.toml", ""),
        ("README.md", "# Replies\n\nTODO: write the README.\n"),
        (
            "replies/sms/moved.txt",
            "Hi Sara, we’ve moved your appointment to Monday at 10:00. See you then!\n",
        ),
    ]);
    let pre_commit_home = tempfile::tempdir().unwrap();
    let command = |program: &str, args: &[&str]| {
        std::process::Command::new(program)
            .current_dir(&tree.root)
            .env("PATH", path_with_replylint())
            .env("PRE_COMMIT_HOME", pre_commit_home.path())
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    assert!(command("git", &["init", "-q"]).status.success());
    let run = |hook: &Value| {
        // JSON is YAML.
        let config = serde_json::json!({"repos": [{"repo": "local", "hooks": [hook]}]});
        tree.write(".pre-commit-config.yaml", config.to_string());
        assert!(command("git", &["add", "-A"]).status.success());
        let out = command("pre-commit", &["run", "--all-files"]);
        let shown = String::from_utf8_lossy(&out.stdout).into_owned();
        (out.status.code(), shown)
    };

    // Warnings only: the hook passes, and pre-commit shows nothing of them.
    let (code, shown) = run(&hook);
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("Passed"), "{shown}");
    assert!(!shown.contains("warning["), "{shown}");
    // `verbose: true`, as the config's comment offers: they are shown.
    let mut verbose = hook.clone();
    verbose["verbose"] = true.into();
    let (code, shown) = run(&verbose);
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("warning[sms-encoding]"), "{shown}");
    // An error fails the hook and pre-commit shows the report; the README
    // outside `files` is not checked.
    tree.write("replies/chat/todo.txt", "Hi Tom, TODO: the refund date.\n");
    let (code, shown) = run(&hook);
    assert_eq!(code, Some(1), "{shown}");
    assert!(shown.contains("Failed"), "{shown}");
    assert!(
        shown.contains("error[placeholder]") && shown.contains("replies/chat/todo.txt"),
        "{shown}"
    );
    assert!(!shown.contains("README.md"), "{shown}");
}

// ------------------------------------------------------ GitHub Actions

/// The `run:` steps of a workflow in docs/integrations.md.
fn workflow(name: &str) -> (Value, Vec<String>) {
    let yaml: Value = serde_saphyr::from_str(&recipe(name)).expect("the workflow is YAML");
    let steps = yaml["jobs"]["replylint"]["steps"]
        .as_array()
        .expect("steps")
        .clone();
    let runs = steps
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_owned))
        .collect();
    (Value::Array(steps), runs)
}

/// Run a workflow's `run:` line as the runner does (`bash -e`), with the
/// `replylint` under test on the `PATH`.
fn run_step(tree: &Tree, line: &str) -> std::process::Output {
    std::process::Command::new("bash")
        .current_dir(&tree.root)
        .env("PATH", path_with_replylint())
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", line])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn replies_with_an_error() -> Tree {
    Tree::new(&[
        ("replylint.toml", ""),
        (
            "replies/sms/a.txt",
            "Ciao Luca, TODO: il tuo ordine è partito.\n",
        ),
    ])
}

#[test]
fn the_annotations_workflow_prints_workflow_commands() {
    let (_, runs) = workflow("github-annotations");
    let line = runs
        .iter()
        .find(|r| r.starts_with("replylint "))
        .expect("a replylint step");
    assert!(line.contains("--format github"), "{line}");
    let tree = replies_with_an_error();
    let out = run_step(&tree, line);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "an error fails the job");
    assert!(
        stdout.starts_with("::error file=replies/sms/a.txt,line=1,col=12,"),
        "{stdout}"
    );
    assert!(stdout.lines().all(|l| l.starts_with("::")), "{stdout}");
}

#[test]
fn the_sarif_workflow_writes_the_log_it_uploads() {
    let (steps, runs) = workflow("github-sarif");
    let line = runs
        .iter()
        .find(|r| r.starts_with("replylint "))
        .expect("a replylint step");
    assert!(line.contains("--format sarif"), "{line}");
    let upload = step_using(&steps, |u| {
        u.starts_with("github/codeql-action/upload-sarif@")
    })
    .expect("an upload-sarif step");
    let file = upload["with"]["sarif_file"].as_str().unwrap();
    assert!(line.contains(&format!("> {file}")), "{line}");
    assert_eq!(upload["if"], "success() || failure()");

    // Diagnostics (exit code 1): the step passes and the log is written.
    let tree = replies_with_an_error();
    let out = run_step(&tree, line);
    assert!(out.status.success(), "{out:?}");
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(tree.root.join(file)).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "placeholder");
    // A file that cannot be read (exit code 2): the step fails, the log is
    // still complete, and the upload step still runs.
    tree.write("replies/broken.toml", "[[reply]]\ntext = \"unterminated\n");
    let out = run_step(&tree, line);
    assert!(!out.status.success(), "{out:?}");
    let log: Value =
        serde_json::from_str(&std::fs::read_to_string(tree.root.join(file)).unwrap()).unwrap();
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

// -------------------------------------------------------- GitHub Action

/// The first of a workflow's or an action's `steps` whose `uses` passes
/// `uses`.
fn step_using(steps: &Value, uses: impl Fn(&str) -> bool) -> Option<&Value> {
    steps
        .as_array()?
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(&uses))
}

/// The action at the repository root.
const ACTION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/action.yml");

/// The workflow of docs/integrations.md gives only inputs `action.yml`
/// declares, and the page names every input; the action runs `check
/// --format github` and uploads SARIF only when asked.
#[test]
fn the_github_action_takes_the_documented_inputs() {
    let action: Value =
        serde_saphyr::from_str(&std::fs::read_to_string(ACTION).unwrap()).expect("valid YAML");
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().expect("inputs");
    let workflow: Value =
        serde_saphyr::from_str(&recipe("github-action")).expect("the workflow is YAML");
    let steps = &workflow["jobs"]["replylint"]["steps"];
    steps.as_array().expect("steps");
    let step = step_using(steps, |u| u.contains("/replylint@")).expect("a step uses the action");
    for key in step["with"].as_object().expect("with").keys() {
        assert!(
            inputs.contains_key(key),
            "the docs give `{key}`, not an input"
        );
    }
    let page = std::fs::read_to_string(INTEGRATIONS).unwrap();
    for key in inputs.keys() {
        assert!(
            page.contains(&format!("`{key}`")),
            "input `{key}` undocumented"
        );
    }
    let runs = serde_json::to_string(&action["runs"]["steps"]).unwrap();
    assert!(runs.contains("replylint check --format github $ARGS $PATHS"));
    let upload = step_using(&action["runs"]["steps"], |u| u.contains("upload-sarif"))
        .expect("a SARIF upload step");
    assert!(
        upload["if"]
            .as_str()
            .is_some_and(|c| c.contains("inputs.sarif == 'true'")),
        "{upload}"
    );
}

/// The `local` hook of docs/integrations.md (the wheel, no compiler) runs
/// what the repository's hooks run, on what they run it on.
#[test]
fn the_pre_commit_hook_without_a_toolchain_is_the_repositorys() {
    let config: Value =
        serde_saphyr::from_str(&recipe("pre-commit-local")).expect("the config is YAML");
    assert_eq!(config["repos"][0]["repo"], "local");
    let local = &config["repos"][0]["hooks"][0];
    let hooks: Vec<Value> =
        serde_saphyr::from_str(&std::fs::read_to_string(HOOKS).unwrap()).expect("valid YAML");
    let python = hooks
        .iter()
        .find(|h| h["id"] == "replylint-py")
        .expect("the replylint-py hook");
    for key in ["language", "entry", "require_serial"] {
        assert_eq!(local[key], python[key], "{key}");
    }
    let deps = local["additional_dependencies"][0]
        .as_str()
        .expect("a dependency");
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(deps, format!("replylint=={version}"));
}
