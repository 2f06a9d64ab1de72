"""`replylint mcp` under a client nobody here wrote: the official MCP
Python SDK (`mcp` on PyPI) starts it with `stdio_client`, goes through the
handshake with `ClientSession`, lists the tools and calls each one. Run
by scripts/test-mcp.sh, which sets REPLYLINT to the binary.

Results are read as the wire gives them (`model_dump(by_alias=True)`), so
the test reads the same with the SDK's 1.x and 2.x types; the SDK itself
checks each structured result against the tool's output schema.
"""

import json
import os
import pathlib
import shutil
import tempfile

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

try:  # the SDK's 2.x
    from mcp import MCPError as ProtocolError
except ImportError:  # 1.x
    from mcp.shared.exceptions import McpError as ProtocolError

REPLYLINT = os.environ.get("REPLYLINT", "replylint")

pytestmark = pytest.mark.anyio

# An Italian e-mail: an emoji before a doubled `!`, after `€`, `è` and `à`.
EMAIL = (
    "Ciao Maria,\n\nil rimborso di 30 € è già stato emesso 😀!!  "
    "La ringraziamo per la pazienza.\n\nCordiali saluti,\nLuca"
)

CONFIG = """\
[channels.support-chat]
extends = "chat"
description = "The chat on the help centre."
max-length = 40
"""


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture
async def session():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="replylint-mcp-")).resolve()
    (folder / "replylint.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "secret.txt").write_text("password = hunter2\n", encoding="utf-8")
    server = StdioServerParameters(
        command=REPLYLINT,
        args=["mcp"],
        cwd=str(folder),
        env={"REPLYLINT_DICTIONARY_PATH": ""},
    )
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as s:
            init = wire(await s.initialize())
            assert init["serverInfo"]["name"] == "replylint"
            assert init["protocolVersion"] == "2025-06-18"
            assert "tools" in init["capabilities"]
            yield s
    shutil.rmtree(folder, ignore_errors=True)


def wire(model):
    """A result of the SDK as the JSON on the wire."""
    return model.model_dump(by_alias=True, mode="json", exclude_none=True)


async def call(session, tool, arguments):
    result = wire(await session.call_tool(tool, arguments))
    assert [c["type"] for c in result["content"]] == ["text"]
    return result


async def structured(session, tool, arguments):
    result = await call(session, tool, arguments)
    assert not result.get("isError"), result
    content = result["structuredContent"]
    if tool != "explain_rule":
        assert json.loads(result["content"][0]["text"]) == content
    return content


async def test_the_tools_are_listed_with_their_schemas(session):
    tools = {t["name"]: t for t in (wire(await session.list_tools()))["tools"]}
    assert list(tools) == ["check_reply", "count_reply", "explain_rule", "list_channels"]
    check = tools["check_reply"]
    assert check["inputSchema"]["required"] == ["text"]
    assert set(check["inputSchema"]["properties"]) == {"text", "channel", "language", "mode"}
    assert "never" in check["inputSchema"]["properties"]["text"]["description"]
    for tool in tools.values():
        assert tool["outputSchema"]["type"] == "object"
        assert tool["annotations"]["readOnlyHint"] is True
        assert len(tool["description"]) > 100


def utf8_slice(text, start, end):
    return text.encode("utf-8")[start["offset"]:end["offset"]].decode("utf-8")


def utf16_slice(text, start, end):
    units = text.encode("utf-16-le")
    return units[2 * start["offset_utf16"]:2 * end["offset_utf16"]].decode("utf-16-le")


def column_slice(text, start, end):
    """The text between two (line, column) places, columns in code points."""
    lines = text.split("\n")
    assert start["line"] == end["line"]
    return lines[start["line"] - 1][start["column"] - 1:end["column"] - 1]


async def test_check_reply_finds_the_problems_at_their_offsets(session):
    checked = await structured(
        session, "check_reply", {"text": EMAIL, "channel": "email", "language": "it"}
    )
    assert checked["channel"] == "email"
    assert checked["clean"] is False
    by_rule = {d["rule"]: d for d in checked["diagnostics"]}
    emoji, bang = by_rule["emoji"], by_rule["exclamation"]
    # Python counts code points: 52 before the emoji, which is one code
    # point, two UTF-16 units and four bytes.
    assert EMAIL.index("😀") == 52
    assert emoji["start"]["offset"] == len(EMAIL[:52].encode("utf-8")) == 56
    assert emoji["start"]["offset_utf16"] == 52
    assert emoji["end"]["offset_utf16"] == 54
    assert bang["start"]["offset"] == 60 and bang["start"]["offset_utf16"] == 54
    for d in checked["diagnostics"]:
        start, end = d["start"], d["end"]
        assert utf8_slice(EMAIL, start, end) == d["excerpt"]
        assert utf16_slice(EMAIL, start, end) == d["excerpt"]
        assert column_slice(EMAIL, start, end) == d["excerpt"]
    assert bang["fix"]["applicability"] == "safe"
    assert emoji["fix"]["applicability"] == "unsafe"
    # Only the safe fix is applied.
    assert checked["fixed_text"] == EMAIL.replace("😀!!", "😀!")
    assert checked["fixes_applied"] == 1


async def test_a_drafting_loop_ends_clean(session):
    """Draft, check, take the fixed text, revise what is left, check again."""
    draft = "Hi {{name}}, thanks for waiting!! Your café order ships today 😀"
    for _ in range(4):
        checked = await structured(session, "check_reply", {"text": draft, "channel": "twitter"})
        if checked["clean"]:
            break
        draft = checked.get("fixed_text", draft)
        for d in checked["diagnostics"]:
            if d["rule"] == "placeholder":
                draft = draft.replace(d["excerpt"], "Maria")
    else:
        pytest.fail(f"not clean after four rounds: {checked}")
    assert draft == "Hi Maria, thanks for waiting! Your café order ships today 😀"


async def test_check_reply_uses_the_configuration_of_its_folder(session):
    text = "Thanks for waiting, your order ships today and arrives on Monday."
    checked = await structured(session, "check_reply", {"text": text, "channel": "support-chat"})
    assert checked["channel"] == "support-chat"
    assert "max-length" in [d["rule"] for d in checked["diagnostics"]]
    channels = await structured(session, "list_channels", {})
    ids = {c["id"]: c for c in channels["channels"]}
    assert ids["support-chat"]["limit"] == 40
    assert ids["twitter"]["limit"] == 280
    assert "x" in ids["twitter"]["aliases"]


async def test_count_reply_counts_in_every_unit(session):
    text = "Grazie 😀, è già partito."
    counts = await structured(session, "count_reply", {"text": text})
    assert counts["code_points"] == len(text)
    assert counts["bytes"] == len(text.encode("utf-8"))
    assert counts["utf16_units"] == len(text.encode("utf-16-le")) // 2
    assert counts["sms_encoding"] == "ucs2"
    assert [c["character"] for c in counts["sms_non_gsm"]] == ["😀"]


async def test_explain_rule_gives_the_documentation(session):
    explained = await structured(session, "explain_rule", {"rule": "max-length"})
    assert explained["documentation"].startswith("# max-length")
    result = await call(session, "explain_rule", {"rule": "max-lenght"})
    assert result["isError"] is True
    assert "`max-length`" in result["content"][0]["text"]


async def test_mistakes_are_errors_a_model_can_read(session):
    result = await call(session, "check_reply", {"text": "Hello", "channel": "twiter"})
    assert result["isError"] is True
    assert "`twitter`" in result["content"][0]["text"]
    with pytest.raises(ProtocolError) as raised:
        await session.call_tool("check_reply", {"channel": "email"})
    assert raised.value.error.code == -32602
    with pytest.raises(ProtocolError) as raised:
        await session.call_tool("check_reply", {"text": "Hi", "path": "/etc/passwd"})
    assert raised.value.error.code == -32602
    with pytest.raises(ProtocolError) as raised:
        await session.call_tool("send_reply", {"text": "Hi"})
    assert raised.value.error.code == -32602
    # The session goes on.
    assert (await structured(session, "count_reply", {"text": "ok"}))["code_points"] == 2


async def test_a_path_is_checked_as_text_and_never_read(session):
    for text in ["/etc/passwd", "secret.txt"]:
        counts = await structured(session, "count_reply", {"text": text})
        assert counts["code_points"] == len(text)
        result = await call(session, "check_reply", {"text": text})
        shown = json.dumps(result)
        assert "root:" not in shown and "hunter2" not in shown
