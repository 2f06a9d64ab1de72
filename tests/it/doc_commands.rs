//! The documentation's commands run. Every command of a `sh`, `bash`,
//! `shell` or `console` code block in README.md and docs/*.md is run here
//! by bash, with the `replylint` under test first on the `PATH`, in a
//! scene: a temporary copy of `examples/` and of the files the docs name
//! (`tests/fixtures/docs/`: `macros/`, `replies/`, `buffer`, `draft.txt`,
//! …), with a `home/` of its own as `HOME`. Where the docs show what a command prints, the output must be
//! that; every command must end with exit code 0 or 1. A command that
//! cannot run here (it installs something, needs the network, runs this
//! test suite, names a placeholder) is listed in [`NOT_RUN`] with the
//! reason. A command that is neither runs, so a new one either works as
//! written or fails this test. How to write one is in
//! docs/development.md ("Commands in the docs").
#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Commands of the docs that are not run, with the reason, as written in
/// the docs without their trailing `# comment`.
const NOT_RUN: &[(&str, &str)] = &[
    ("cargo test", "runs this test suite"),
    (
        "replylint dictionaries --compile",
        "compiles the machine's dictionaries (a minute for Italian); tests/it/compiled_dictionaries.rs runs it on the test dictionaries",
    ),
    (
        "replylint dictionaries",
        "lists the machine's dictionaries, whose paths and counts the docs cannot know; tests/it/compiled_dictionaries.rs runs it",
    ),
    (
        "INSTA_UPDATE=always cargo test",
        "runs this test suite (and accepts its snapshots)",
    ),
    (
        "UPDATE_DOCS=1 cargo test --test it docs::",
        "runs this test suite (and rewrites the docs)",
    ),
    (".ci/run", "runs formatting, lints and this test suite"),
    (
        "scripts/build-playground.sh",
        "builds the core for WebAssembly in release and runs npm ci (minutes, the network)",
    ),
    (
        "scripts/test-playground.sh",
        "builds the playground and drives Chromium (.ci/run runs it)",
    ),
    (
        "scripts/compare-output.sh OLD NEW",
        "OLD and NEW are placeholders for two builds of replylint",
    ),
    (
        "scripts/bench-peers.sh",
        "installs textlint, write-good and proselint from npm and PyPI, builds in release and runs for minutes",
    ),
    (
        "REPLYLINT=path/to/replylint scripts/bench-peers.sh",
        "path/to/replylint is a placeholder for a build of replylint",
    ),
    (
        "cargo install --locked --path .",
        "installs replylint in ~/.cargo/bin (writes outside, builds for minutes)",
    ),
    (
        "pipx install replylint",
        "installs the Python package from PyPI (the network; scripts/test-wheel.sh installs the wheel)",
    ),
    (
        "uv tool install replylint",
        "installs the Python package from PyPI (the network; scripts/test-wheel.sh installs the wheel)",
    ),
    (
        "pip install replylint",
        "installs the Python package from PyPI (the network; scripts/test-wheel.sh installs the wheel)",
    ),
    (
        "pip install dist/replylint-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl",
        "installs a wheel built first (scripts/test-wheel.sh builds and installs it)",
    ),
    (
        "pip install dist/replylint-*.whl",
        "installs a wheel built first (scripts/test-wheel.sh builds and installs it)",
    ),
    (
        "python3 -m venv .venv && .venv/bin/pip install maturin",
        "installs maturin from PyPI (scripts/test-wheel.sh does)",
    ),
    (
        ".venv/bin/maturin build --out dist",
        "builds the wheel for minutes (scripts/test-wheel.sh does)",
    ),
    (
        "cargo install --locked --git https://github.com/OWNER/replylint replylint",
        "needs the network; OWNER is a placeholder",
    ),
    (
        "cd editors/vscode",
        "builds the VS Code extension, which needs npm and the network",
    ),
    (
        "npm install",
        "needs the network (the VS Code extension's dependencies)",
    ),
    ("npm run build", "needs `npm install` first"),
    (
        "replylint serve",
        "runs the HTTP server until it is stopped",
    ),
    (
        "replylint serve --config team/replylint.toml --port 8090",
        "runs the HTTP server until it is stopped",
    ),
    (
        "replylint serve --cors-origin chrome-extension://oldceeleldhonbafppcapldpdifcinji",
        "runs the HTTP server until it is stopped",
    ),
    (
        "curl -s localhost:8081/v2/check -d language=en-US -d channel=twitter --data-urlencode text@draft.txt",
        "needs a running `replylint serve` (tests/it/serve.rs sends the same requests)",
    ),
    (
        "curl -s localhost:8081/api/v1/check -H 'Content-Type: application/json' -d '{\"text\": \"Hi Anna!! Your refund is on its way.\", \"channel\": \"chat\"}'",
        "needs a running `replylint serve` (tests/it/serve.rs sends the same requests)",
    ),
    (
        "curl -s 'localhost:8081/api/v1/count?language=it' -H 'Content-Type: text/plain' --data-binary @draft.txt",
        "needs a running `replylint serve` (tests/it/serve.rs sends the same requests)",
    ),
    (
        "replylint serve --port 8099 --no-config 2> serve.log &",
        "runs the HTTP server in the background, for the load generator",
    ),
    (
        "cargo run --release -p replylint_http --example load -- http://127.0.0.1:8099 --clients 8 --seconds 10",
        "builds in release and loads a server for seconds (docs/performance.md's numbers)",
    ),
    (
        "cargo run --release -p replylint_http --example load -- http://127.0.0.1:8099 --clients 64 --seconds 30 --rate 1000",
        "builds in release and loads a server for seconds (docs/performance.md's numbers)",
    ),
];

/// Code block languages whose lines are commands.
const SHELL: &[&str] = &["sh", "bash", "shell", "console"];

/// How long one command may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// One command of the docs.
#[derive(Debug)]
struct DocCommand {
    /// `README.md:153`.
    place: String,
    /// As written, without its trailing comment, continuation lines joined.
    text: String,
    /// What the docs show it prints, if they do.
    output: Option<Vec<String>>,
}

/// The commands of one code block, run in order in one scene.
#[derive(Debug)]
struct Block {
    commands: Vec<DocCommand>,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and docs/*.md, relative to the repository.
fn pages() -> Vec<String> {
    let mut pages = vec!["README.md".to_owned()];
    let mut docs: Vec<String> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("a docs entry").file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// The text of a command line without its trailing `# comment` (a `#`
/// at the start of a word, outside quotes).
fn strip_comment(line: &str) -> &str {
    let (mut single, mut double, mut escaped) = (false, false, false);
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !single => escaped = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && previous.is_whitespace() => return line[..i].trim_end(),
            _ => {}
        }
        previous = c;
    }
    line.trim_end()
}

/// Collapse runs of blanks, for comparing commands.
fn normalized(command: &str) -> String {
    command.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The command bash runs for a command of the docs: `cargo run -q --
/// ARGS` is the `replylint` under test.
fn runnable(command: &str) -> String {
    let command = normalized(command);
    match command.split_once(" -- ") {
        Some((cargo, args)) if cargo.starts_with("cargo run") => format!("replylint {args}"),
        _ => command,
    }
}

/// The shell code blocks of a page and their commands. In `console`
/// blocks a command starts with `$ ` and the lines up to the next one are
/// its output; in the others every line is a command but for comments,
/// and comment lines right after a command (`# …`) are its output.
fn blocks(page: &str, text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((_, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let language = info.split_whitespace().next().unwrap_or_default();
        let console = language == "console";
        let shell = SHELL.contains(&language);
        let mut commands: Vec<DocCommand> = Vec::new();
        // Whether the lines that follow belong to the last command.
        let mut output_follows = false;
        let mut continued: Option<(usize, String)> = None;
        for (n, line) in lines.by_ref() {
            if line.trim_start().starts_with("```") {
                break;
            }
            if !shell {
                continue;
            }
            if let Some((at, mut joined)) = continued.take() {
                joined.push(' ');
                joined.push_str(line.trim());
                if let Some(more) = joined.strip_suffix('\\') {
                    continued = Some((at, more.trim_end().to_owned()));
                } else {
                    push_command(&mut commands, page, at, &joined);
                }
                continue;
            }
            let command = if console {
                line.strip_prefix("$ ")
            } else if line.trim().is_empty() {
                output_follows = false;
                continue;
            } else if line.trim_start().starts_with('#') {
                if output_follows {
                    let shown = &line.trim_start()[1..];
                    let shown = shown.strip_prefix(' ').unwrap_or(shown);
                    commands
                        .last_mut()
                        .expect("output follows a command")
                        .output
                        .get_or_insert_with(Vec::new)
                        .push(shown.to_owned());
                }
                continue;
            } else {
                Some(line)
            };
            match command {
                Some(command) => {
                    output_follows = true;
                    match command.trim_end().strip_suffix('\\') {
                        Some(first) => continued = Some((n + 1, first.trim_end().to_owned())),
                        None => push_command(&mut commands, page, n + 1, command),
                    }
                }
                None => match commands.last_mut() {
                    Some(last) => last
                        .output
                        .get_or_insert_with(Vec::new)
                        .push(line.to_owned()),
                    None => panic!(
                        "{page}:{}: a console block starts with output, not a `$ ` command",
                        n + 1
                    ),
                },
            }
        }
        if let Some((at, _)) = continued {
            panic!("{page}:{at}: a command ends with `\\` at the end of its block");
        }
        if !commands.is_empty() {
            blocks.push(Block { commands });
        }
    }
    blocks
}

fn push_command(commands: &mut Vec<DocCommand>, page: &str, line: usize, text: &str) {
    commands.push(DocCommand {
        place: format!("{page}:{line}"),
        text: strip_comment(text).trim().to_owned(),
        output: None,
    });
}

/// Sample outputs of a page: the code block after
/// ``<!-- begin sample output: generated by `COMMAND` -->``, as
/// `(COMMAND, line, output)`.
fn sample_outputs(page: &str, text: &str) -> Vec<(String, String, Vec<String>)> {
    const BEGIN: &str = "<!-- begin sample output: generated by `";
    let mut samples = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim().strip_prefix(BEGIN) else {
            continue;
        };
        let command = rest
            .split_once('`')
            .unwrap_or_else(|| panic!("{page}:{}: an unclosed `COMMAND`", i + 1))
            .0;
        let open = (i + 1..lines.len())
            .find(|&j| lines[j].trim_start().starts_with("```"))
            .unwrap_or_else(|| panic!("{page}:{}: no code block after the marker", i + 1));
        let close = (open + 1..lines.len())
            .find(|&j| lines[j].trim_start().starts_with("```"))
            .unwrap_or_else(|| panic!("{page}:{}: an unclosed code block", open + 1));
        samples.push((
            command.to_owned(),
            format!("{page}:{}", i + 1),
            lines[open + 1..close]
                .iter()
                .map(|l| l.to_string())
                .collect(),
        ));
    }
    samples
}

/// Every page's blocks, with the sample outputs given to their commands.
fn doc_blocks() -> Vec<Block> {
    let mut all = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(root().join(&page)).expect("a page");
        let mut blocks = blocks(&page, &text);
        for (command, place, output) in sample_outputs(&page, &text) {
            let found = blocks
                .iter_mut()
                .flat_map(|b| b.commands.iter_mut())
                .find(|c| runnable(&c.text) == normalized(&command))
                .unwrap_or_else(|| {
                    panic!("{place}: the sample output of `{command}`, which no code block of {page} runs")
                });
            assert!(
                found.output.is_none(),
                "{place}: `{command}` already shows its output at {}",
                found.place
            );
            found.output = Some(output);
        }
        all.extend(blocks);
    }
    all
}

/// Whether `actual` is what `shown` documents. A line `...` stands for
/// any lines (none too), a line ending in ` …` for any line that starts
/// with what comes before it.
fn shows(shown: &[String], actual: &[String]) -> bool {
    match shown.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| shows(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual.split_first().is_some_and(|(line, more)| {
            let same = line == first
                || first
                    .strip_suffix(" …")
                    .is_some_and(|prefix| line.starts_with(prefix));
            same && shows(rest, more)
        }),
    }
}

/// Lines without trailing blanks, and no blank lines at the end.
fn lines_of(text: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = text.iter().map(|l| l.trim_end().to_owned()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A folder for a block's commands: `examples/`, the files of
/// `tests/fixtures/docs/`, and what git keeps badly (a binary file, a
/// symbolic link).
fn scene() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let at = dir.path();
    copy_tree(&root().join("examples"), &at.join("examples"));
    copy_tree(&root().join("tests/fixtures/docs"), at);
    std::fs::write(
        at.join("macros/logo.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    )
    .unwrap();
    std::fs::create_dir_all(at.join("shared")).unwrap();
    std::fs::write(at.join("shared/greeting.txt"), "Hi there,\n").unwrap();
    std::os::unix::fs::symlink("../shared/greeting.txt", at.join("macros/shared.txt")).unwrap();
    std::fs::create_dir(at.join("home")).unwrap();
    dir
}

/// Programs the docs use that this machine may not have, in a folder put
/// on the `PATH` after `replylint`: `pbpaste` prints `clipboard.txt`.
fn stubs() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let pbpaste = dir.path().join("pbpaste");
    std::fs::write(&pbpaste, "#!/bin/sh\nexec cat clipboard.txt\n").unwrap();
    std::fs::set_permissions(&pbpaste, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// What a command printed, stdout and stderr in the order it wrote them
/// (as a terminal shows them), and its exit code (`None`: killed).
fn run(command: &str, scene: &Path, stubs: &Path, logs: &Path) -> (Vec<String>, Option<i32>) {
    let log_path = logs.join("output");
    let log = std::fs::File::create(&log_path).unwrap();
    // `replylint` first, then the stubs, then the usual programs.
    let mut path: Vec<PathBuf> =
        std::env::split_paths(&crate::common::path_with_replylint()).collect();
    path.insert(1, stubs.to_owned());
    let mut child = std::process::Command::new("bash")
        .args(["--noprofile", "--norc", "-o", "pipefail", "-c", command])
        .current_dir(scene)
        .env("PATH", std::env::join_paths(path).unwrap())
        // `~/…` is in the scene too.
        .env("HOME", scene.join("home"))
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(std::process::Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("bash runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let printed = std::fs::read(&log_path).unwrap();
    let printed: Vec<String> = String::from_utf8_lossy(&printed)
        .lines()
        .map(str::to_owned)
        .collect();
    (printed, status.and_then(|s| s.code()))
}

#[test]
fn every_command_in_the_docs_runs_as_documented() {
    let blocks = doc_blocks();
    let not_run: BTreeMap<&str, &str> = NOT_RUN.iter().copied().collect();
    let mut listed_and_found = std::collections::BTreeSet::new();
    let stubs = stubs();
    let logs = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    // What was done with each command (shown with `--nocapture`).
    let mut done = Vec::new();
    let (mut ran, mut compared, mut skipped) = (0, 0, 0);
    for block in &blocks {
        // One folder for the commands of a block, made when one runs.
        let mut folder: Option<tempfile::TempDir> = None;
        for command in &block.commands {
            if let Some(reason) = not_run.get(normalized(&command.text).as_str()) {
                listed_and_found.insert(normalized(&command.text));
                skipped += 1;
                done.push(format!(
                    "not run   {}: {} ({reason})",
                    command.place, command.text
                ));
                if command.output.is_some() {
                    failures.push(format!(
                        "{}: `{}` shows its output but is not run ({reason}): nothing checks it",
                        command.place, command.text
                    ));
                }
                continue;
            }
            let folder = folder.get_or_insert_with(scene);
            let (printed, code) = run(
                &runnable(&command.text),
                folder.path(),
                stubs.path(),
                logs.path(),
            );
            ran += 1;
            done.push(format!(
                "{}  {}: {}",
                if command.output.is_some() {
                    "compared"
                } else {
                    "run     "
                },
                command.place,
                command.text
            ));
            let printed = lines_of(&printed);
            let transcript = || format!("{}\n(exit code {code:?})", printed.join("\n"));
            if !matches!(code, Some(0 | 1)) {
                failures.push(format!(
                    "{}: `{}` failed; if it cannot run here, list it in NOT_RUN with the reason:\n{}",
                    command.place,
                    command.text,
                    transcript()
                ));
                continue;
            }
            if let Some(shown) = &command.output {
                compared += 1;
                if !shows(&lines_of(shown), &printed) {
                    failures.push(format!(
                        "{}: `{}` does not print what the docs show.\n--- shown\n{}\n--- printed\n{}",
                        command.place,
                        command.text,
                        lines_of(shown).join("\n"),
                        transcript()
                    ));
                }
            }
        }
    }
    for (command, _) in NOT_RUN {
        if !listed_and_found.contains(*command) {
            failures.push(format!(
                "NOT_RUN lists `{command}`, which no page has any more: remove it"
            ));
        }
    }
    // Visible with `--nocapture`.
    eprintln!("{}", done.join("\n"));
    eprintln!(
        "{} commands in the docs: {ran} run ({compared} with their output compared), {skipped} not run (NOT_RUN)",
        ran + skipped
    );
    assert!(
        ran >= 15,
        "the docs have fewer commands than expected: {ran}"
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

// ------------------------------------------------------ the runner itself

fn strings(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| l.to_string()).collect()
}

#[test]
fn shown_output_matches_with_elisions_and_fails_on_a_difference() {
    let printed = strings(&["a", "b", "c: one two three", "d"]);
    assert!(shows(
        &strings(&["a", "b", "c: one two three", "d"]),
        &printed
    ));
    assert!(shows(&strings(&["a", "...", "d"]), &printed));
    assert!(shows(&strings(&["...", "c: one …", "d"]), &printed));
    assert!(shows(
        &strings(&["a", "b", "...", "c: one two three", "d"]),
        &printed
    ));
    assert!(!shows(&strings(&["a", "b", "c: one two three"]), &printed));
    assert!(!shows(&strings(&["a", "c: one two three", "d"]), &printed));
    assert!(!shows(&strings(&["a", "b", "c: two …", "d"]), &printed));
    assert!(!shows(&strings(&["a", "b", "c: one two", "d"]), &printed));
    assert!(!shows(&strings(&["...", "e"]), &printed));
}

#[test]
fn blocks_give_commands_their_output_and_leave_comments_out() {
    let page = "\
Text.

```sh
replylint check a/   # exit 1 on errors
# a/x.txt:1:1: error[placeholder]: …
replylint check --format json \\
    b/ > report.json

# A comment, not an output.
cargo test
```

```console
$ replylint check -v macros/
skipped: macros/logo.txt: binary file (NUL bytes)

Found 1 error.
$ echo '# not a comment'
```

```toml
replylint = \"not a command\"
```
";
    let blocks = blocks("page.md", page);
    let commands: Vec<(&str, &str, Option<Vec<String>>)> = blocks
        .iter()
        .flat_map(|b| &b.commands)
        .map(|c| (c.place.as_str(), c.text.as_str(), c.output.clone()))
        .collect();
    assert_eq!(
        commands,
        [
            (
                "page.md:4",
                "replylint check a/",
                Some(strings(&["a/x.txt:1:1: error[placeholder]: …"]))
            ),
            (
                "page.md:6",
                "replylint check --format json b/ > report.json",
                None
            ),
            ("page.md:10", "cargo test", None),
            (
                "page.md:14",
                "replylint check -v macros/",
                Some(strings(&[
                    "skipped: macros/logo.txt: binary file (NUL bytes)",
                    "",
                    "Found 1 error."
                ]))
            ),
            ("page.md:18", "echo '# not a comment'", None),
        ]
    );
    assert_eq!(blocks.len(), 2);
    assert_eq!(
        runnable("cargo run -q -- check  examples/drafts"),
        "replylint check examples/drafts"
    );
}

/// A command that fails is reported, not taken for a documented one.
#[test]
fn a_command_that_fails_or_prints_something_else_is_caught() {
    let scene = scene();
    let stubs = stubs();
    let logs = tempfile::tempdir().unwrap();
    let (printed, code) = run(
        "replylint check --chanel twitter -",
        scene.path(),
        stubs.path(),
        logs.path(),
    );
    assert_eq!(code, Some(2), "{printed:?}");
    let (printed, code) = run(
        "pbpaste | replylint check --channel sms -",
        scene.path(),
        stubs.path(),
        logs.path(),
    );
    assert_eq!(code, Some(0), "{printed:?}");
    assert!(!shows(
        &strings(&["Found 1 error in 1 reply (1 file checked)."]),
        &lines_of(&printed)
    ));
    // stderr and stdout in the order they were written.
    let (printed, _) = run(
        "replylint check -v macros/",
        scene.path(),
        stubs.path(),
        logs.path(),
    );
    assert!(
        printed[0].starts_with("ignored: macros/README.rst"),
        "{printed:?}"
    );
}
