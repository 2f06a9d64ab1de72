"""The installed wheel: the command and the API agree, and the API's
types, offsets, errors and parallelism are as documented."""

import json
import os
import re
import subprocess
import threading
import time
from pathlib import Path

import pytest

import replylint
from conftest import ROOT

DRAFTS = sorted((ROOT / "examples" / "drafts").rglob("*.*"))
ESSENTIALS = ("rule", "severity", "message", "help")


def channel_of(path: Path) -> str:
    return path.relative_to(ROOT / "examples" / "drafts").parts[0]


def test_the_module_is_installed_not_the_source_tree():
    assert "site-packages" in replylint.__file__, replylint.__file__


def test_version_is_the_commands_and_the_workspaces(run):
    out = run("--version").stdout.strip()
    assert out == f"replylint {replylint.__version__}"
    cargo = (ROOT / "Cargo.toml").read_text()
    workspace = re.search(
        r'\[workspace\.package\][^\[]*?version = "([^"]+)"', cargo
    ).group(1)
    assert replylint.__version__ == workspace


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_command_and_api_agree_on_each_draft(run, draft):
    assert DRAFTS, "no drafts in examples/drafts"
    text = draft.read_text(encoding="utf-8")
    channel = channel_of(draft)
    proc = run("check", "--channel", channel, "--format", "json", "-", stdin=text)
    assert proc.returncode in (0, 1), proc.stderr
    cli = json.loads(proc.stdout)["diagnostics"]
    api = replylint.check(text, channel=channel)
    assert [
        (d["rule"], d["severity"], d["message"], d["help"], d["start"]["line"],
         d["start"]["column"], d["start"]["offset"], d["end"]["offset"])
        for d in cli
    ] == [
        (d.rule, d.severity, d.message, d.help, d.line, d.column, d.start, d.end)
        for d in api
    ]
    # The exit code follows from the diagnostics: 1 for an error.
    assert proc.returncode == int(any(d.severity == "error" for d in api))


def test_command_and_api_agree_on_generated_replies(run, tmp_path):
    texts = [
        "Hi Anna,  your refund for {{order_id}} is on its way!!",
        "DEAR CUSTOMER we apologise for any inconvenience caused.",
        "Ciao Marco, il rimborso è stato approvato. A presto!",
        "Thanks — we’ll call you tomorrow 😀",
        "",
    ]
    for channel in ("sms", "twitter", "chat", "email"):
        for text in texts:
            proc = run("check", "--channel", channel, "--format", "json", "-", stdin=text)
            cli = json.loads(proc.stdout)["diagnostics"]
            api = replylint.check(text, channel=channel)
            assert [(d["rule"], d["start"]["offset"], d["end"]["offset"]) for d in cli] == [
                (d.rule, d.start, d.end) for d in api
            ], (channel, text)


def test_exit_codes_and_subcommands(run):
    clean = "Hi Anna, your refund is on its way. Kind regards, Marco"
    assert run("check", "--channel", "chat", "-", stdin=clean).returncode == 0
    bad = run("check", "--channel", "chat", "-", stdin="Your code is {{code}}")
    assert bad.returncode == 1
    assert "placeholder" in bad.stdout
    usage = run("check", "--no-such-option")
    assert usage.returncode == 2
    assert "--no-such-option" in usage.stderr
    unknown = run("check", "--channel", "fax", "-", stdin="hi")
    assert unknown.returncode == 2
    assert "fax" in unknown.stderr
    assert run("rules").returncode == 0
    explained = run("explain", "placeholder")
    assert explained.returncode == 0 and "placeholder" in explained.stdout
    counted = run("count", "--format", "json", "-", stdin="Hi 😀")
    assert counted.returncode == 0
    assert json.loads(counted.stdout) == replylint.count("Hi 😀")


def test_a_reader_that_leaves_is_a_quiet_end(command, tmp_path):
    # `replylint rules | head -n 1`: a broken pipe, no error, no traceback.
    proc = subprocess.run(
        f"'{command}' explain placeholder | head -c 1",
        shell=True, capture_output=True, text=True, cwd=tmp_path,
    )
    assert proc.stderr == ""


def test_ctrl_c_ends_a_run_as_it_ends_the_binary(command, tmp_path):
    # Reading standard input that never ends, then SIGINT: killed by the
    # signal, not held up by Python's KeyboardInterrupt handler.
    proc = subprocess.Popen(
        [command, "check", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, cwd=tmp_path,
    )
    time.sleep(1)
    proc.send_signal(2)
    try:
        code = proc.wait(timeout=10)
    finally:
        proc.kill()
    assert code == -2
    assert b"Traceback" not in proc.stderr.read()


def test_types():
    [d, *_] = replylint.check("Your code is {{code}}", channel="sms")
    assert isinstance(d, replylint.Diagnostic)
    assert (d.rule, d.severity) == ("placeholder", "error")
    assert isinstance(d.message, str) and isinstance(d.help, str)
    assert (d.line, d.column) == (1, 14)
    with pytest.raises(AttributeError):
        d.rule = "other"  # frozen
    assert d.to_dict()["rule"] == "placeholder"
    assert "placeholder" in repr(d)


def test_fixes_are_edits_in_bytes_and_code_points():
    text = "Hi 😀 Anna,  your refund is on its way."
    [d] = [d for d in replylint.check(text, channel="chat") if d.rule == "whitespace"]
    assert d.fix is not None and d.fix.applicability == "safe"
    [edit] = d.fix.edits
    fixed = text[: edit.start_char] + edit.replacement + text[edit.end_char :]
    assert fixed == "Hi 😀 Anna, your refund is on its way."
    raw = text.encode()
    assert (raw[: edit.start] + edit.replacement.encode() + raw[edit.end :]).decode() == fixed


@pytest.mark.parametrize(
    "prefix",
    ["", "😀😀 ", "中文客服 ", "Cafe\u0301 e\u0301te\u0301 ", "👍🏽👨‍👩‍👧 ", "a\r\nb\r\n"],
)
def test_offsets_in_code_points_slice_the_python_string(prefix):
    text = prefix + "your code is {{code}} ok"
    [d] = [d for d in replylint.check(text, channel="chat") if d.rule == "placeholder"]
    assert text[d.start_char : d.end_char] == "{{code}}"
    assert text.encode()[d.start : d.end] == b"{{code}}"
    assert d.start_char == len(prefix) + len("your code is ")
    assert d.start == len((prefix + "your code is ").encode())
    # The column counts code points within the line.
    line_start = text.rfind("\n", 0, d.start_char) + 1
    assert d.column == d.start_char - line_start + 1


def test_count_is_a_dict():
    counts = replylint.count("Hi 😀 there")
    assert isinstance(counts, dict)
    assert counts == replylint.Linter(no_config=True).count("Hi 😀 there")
    assert counts != replylint.count("Hi there")


def test_modes_languages_and_channels():
    text = "Your code is {{code}}"
    assert [d.rule for d in replylint.check(text, channel="sms", mode="template")] == []
    with pytest.raises(ValueError, match="mode"):
        replylint.check(text, mode="final")
    with pytest.raises(replylint.ConfigError, match="fax"):
        replylint.check(text, channel="fax")
    with pytest.raises(replylint.ConfigError):
        replylint.check(text, lang="xx")


def test_a_config_error_names_file_line_and_key(tmp_path):
    config = tmp_path / "replylint.toml"
    config.write_text('[rules]\nplaceholder = "loud"\n')
    with pytest.raises(replylint.ConfigError) as e:
        replylint.Linter(str(config))
    assert e.value.path == str(config)
    assert e.value.line == 2
    assert "replylint.toml:2:" in str(e.value)
    assert "placeholder" in str(e.value) or "loud" in str(e.value)
    # Discovered from the working folder too, by the module's functions.
    with pytest.raises(replylint.ConfigError, match="replylint.toml:2"):
        replylint.check("hi")


def test_a_linter_loads_its_config_once(tmp_path):
    config = tmp_path / "team.toml"
    config.write_text('[rules]\nplaceholder = "off"\n')
    linter = replylint.Linter(config)
    assert linter.config_path == str(config)
    assert [d.rule for d in linter.check("code {{code}}", channel="sms")] == []
    config.write_text('[rules]\nplaceholder = "error"\n')
    assert [d.rule for d in linter.check("code {{code}}", channel="sms")] == []
    assert "placeholder" in [d.rule for d in replylint.Linter(config).check("code {{code}}", channel="sms")]
    assert replylint.Linter(no_config=True).config_path is None


def test_a_text_the_command_reports_an_error_for_raises(run):
    text = "+++\nchannel = 'fax'\n+++\nhello"
    assert run("check", "-", stdin=text).returncode == 2
    with pytest.raises(replylint.InputError, match="fax"):
        replylint.check(text)
    with pytest.raises(replylint.InputError, match="text 1:"):
        replylint.check_many(["hello", text])
    with pytest.raises(TypeError, match="text 1 is a int"):
        replylint.check_many(["hello", 3])


def test_check_many_is_check_of_each():
    texts = [f"Reply {i}: your code is {{{{code}}}}  now" for i in range(50)] + ["ok"]
    many = replylint.check_many(texts, channel="sms")
    assert len(many) == len(texts)
    for text, found in zip(texts, many):
        assert [(d.rule, d.start, d.end) for d in found] == [
            (d.rule, d.start, d.end) for d in replylint.check(text, channel="sms")
        ]
    # Any iterable, any number of threads: the same lists.
    one = replylint.check_many(iter(texts), channel="sms", threads=1)
    assert [[(d.rule, d.start) for d in found] for found in one] == [
        [(d.rule, d.start) for d in found] for found in many
    ]
    assert replylint.check_many([], channel="sms") == []


def corpus(n):
    words = "thanks for waiting your refund is on its way we will call you tomorrow".split()
    return [
        f"Hi {i}, " + " ".join(words[(i + k) % len(words)] for k in range(40)) + " {{name}}"
        for i in range(n)
    ]


def thread_cpu():
    """CPU ticks of each thread of this process, by thread id (Linux)."""
    ticks = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks[tid] = int(fields[11]) + int(fields[12])  # utime + stime
    return ticks


def busy_threads(run):
    """How many threads did at least a sixth of the CPU work of `run()`:
    counted per thread, so that a machine busy with other work (less CPU
    time than wall time for this process) still shows the split."""
    before = thread_cpu()
    run()
    after = thread_cpu()
    spent = {t: after[t] - before.get(t, 0) for t in after}
    total = sum(spent.values())
    assert total > 20, f"too little work to tell: {total} ticks"
    return sum(1 for s in spent.values() if s >= total / 6)


needs_proc = pytest.mark.skipif(
    not os.path.isdir("/proc/self/task"), reason="per-thread CPU times are read from /proc"
)


def test_check_many_releases_the_gil():
    texts = corpus(20000)
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    results = replylint.check_many(texts, channel="chat", threads=1)
    stop.set()
    t.join()
    assert len(results) == len(texts)
    # Another Python thread ran meanwhile: the GIL was released.
    assert len(ticks) > 10, len(ticks)


@needs_proc
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core")
def test_check_many_uses_every_core():
    texts = corpus(20000)
    assert busy_threads(lambda: replylint.check_many(texts, channel="chat")) >= 2


def test_stubs_and_marker_are_installed():
    package = Path(replylint.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_replylint.pyi").exists()
    assert replylint.check.__doc__ and replylint.Linter.check.__doc__
