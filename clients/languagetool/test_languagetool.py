"""`replylint serve` under a LanguageTool client nobody here wrote:
language-tool-python (PyPI), pointed at the server with `remote_server` as
at any LanguageTool server. Run by scripts/test-serve.sh, which sets
REPLYLINT to the binary.
"""

import json
import os
import pathlib
import subprocess
import tempfile

import language_tool_python
import pytest

REPLYLINT = os.environ.get("REPLYLINT", "replylint")

# Before each problem: an emoji with a skin tone (two code points, four
# UTF-16 units), an accent written as a combining mark, CJK, a dash.
DRAFT = (
    "Ciao 👍🏽 María (e\u0301) 東京 — please check the the order, "
    "teh parcel  is late."
)
ITALIAN = "Grazie 😊 per la pazienza: il rimborso è stato emesso  ieri."


@pytest.fixture(scope="module")
def url():
    folder = tempfile.mkdtemp(prefix="replylint-serve-")
    server = subprocess.Popen(
        [REPLYLINT, "serve", "--port", "0", "--no-config"],
        cwd=folder,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = json.loads(server.stderr.readline())
        assert first["event"] == "listening", first
        yield first["url"]
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def english(url):
    tool = language_tool_python.LanguageTool("en-US", remote_server=url)
    yield tool
    tool.close()


def by_rule(matches, rule):
    return [m for m in matches if m.rule_id == rule]


def test_matches_land_on_the_words_past_emoji_accents_and_cjk(english):
    matches = english.check(DRAFT)
    spelling = by_rule(matches, "spelling")
    assert len(spelling) == 1
    m = spelling[0]
    assert DRAFT[m.offset : m.offset + m.error_length] == "teh"
    assert m.offset == DRAFT.index("teh")
    assert m.category == "TYPOS"
    assert m.rule_issue_type == "misspelling"
    assert "teh" in m.message
    whitespace = by_rule(matches, "whitespace")
    assert DRAFT[whitespace[0].offset : whitespace[0].offset + 2] == "  "
    assert whitespace[0].replacements == [" "]
    repeated = by_rule(matches, "repeated-word")
    assert DRAFT[repeated[0].offset :].startswith("the the")


def test_corrections_apply_where_they_belong(english):
    corrected = english.correct(DRAFT)
    assert "check the order" in corrected
    assert "parcel is late" in corrected
    assert corrected.startswith("Ciao 👍🏽 María (e\u0301) 東京 — ")


def test_disabled_rules_and_enabled_only(url):
    tool = language_tool_python.LanguageTool("en-US", remote_server=url)
    try:
        tool.disabled_rules.update({"spelling", "whitespace"})
        rules = {m.rule_id for m in tool.check(DRAFT)}
        assert "spelling" not in rules and "whitespace" not in rules
        assert "repeated-word" in rules
    finally:
        tool.close()
    tool = language_tool_python.LanguageTool("en-US", remote_server=url)
    try:
        tool.enabled_rules.add("spelling")
        tool.enabled_rules_only = True
        assert {m.rule_id for m in tool.check(DRAFT)} == {"spelling"}
    finally:
        tool.close()


def test_italian_and_auto(url):
    tool = language_tool_python.LanguageTool("it", remote_server=url)
    try:
        matches = tool.check(ITALIAN)
        whitespace = by_rule(matches, "whitespace")
        assert len(whitespace) == 1
        assert whitespace[0].offset == ITALIAN.index("  ")
    finally:
        tool.close()
    tool = language_tool_python.LanguageTool("auto", remote_server=url)
    try:
        matches = tool.check(ITALIAN)
        assert [m.offset for m in by_rule(matches, "whitespace")] == [
            ITALIAN.index("  ")
        ]
    finally:
        tool.close()


def test_an_unknown_language_is_refused_by_the_client(url):
    with pytest.raises(ValueError):
        language_tool_python.LanguageTool("nl-NL", remote_server=url)
