"""`replylint server` driven by pytest-lsp (pygls's client), with the
capabilities real editors send: an independent client for the language
server. Run by scripts/test-server.sh, which sets REPLYLINT to the binary.
"""

import os
import pathlib
import shutil
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

REPLYLINT = os.environ.get("REPLYLINT", "replylint")

# A tweet draft of 303 weighted characters: the emoji weighs 2, so the
# 280th character is the first past the limit (UTF-16: 280 units before
# it; UTF-8: 282 bytes); the highlight runs to the end of the line.
TWEET = (
    '+++\nchannel = "twitter"\nlanguage = "en"\n+++\n'
    + (
        "Thanks 😀 "
        + "we are looking into it and will write back soon. " * 6
    ).rstrip()
    + "\n"
)

# An Italian e-mail in a TOML library, an emoji before its problems.
ITALIAN = '''[[reply]]
id = "rimborso"
channel = "email"
language = "it"
subject = "Il suo rimborso"
text = """
Gentile Maria,

grazie 😀 per  la pazienza: il rimborso è stato emesso!!

Cordiali saluti,
Luca"""
'''


def workspace() -> pathlib.Path:
    root = pathlib.Path(tempfile.mkdtemp(prefix="replylint-lsp-")).resolve()
    (root / "replies").mkdir()
    (root / "replies" / "it.toml").write_text(ITALIAN, encoding="utf-8")
    (root / "tweet.txt").write_text(TWEET, encoding="utf-8")
    return root


@pytest_lsp.fixture(
    params=["neovim", "visual-studio-code"],
    config=ClientServerConfig(server_command=[REPLYLINT, "server"]),
)
async def client(request, lsp_client: LanguageClient):
    root = workspace()
    # The server registers for changes of replylint.toml where the client
    # can; pytest-lsp's client takes any registration.
    watched = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        watched.extend(r.method for r in params.registrations)

    params = types.InitializeParams(
        capabilities=client_capabilities(request.param),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="root")],
    )
    result = await lsp_client.initialize_session(params)
    lsp_client.root = root
    lsp_client.encoding = result.capabilities.position_encoding
    yield
    await lsp_client.shutdown_session()
    shutil.rmtree(root, ignore_errors=True)


async def open_and_wait(client: LanguageClient, path: pathlib.Path, language: str, text: str, version=1):
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )
    return uri, await diagnostics_of(client, uri)


async def diagnostics_of(client: LanguageClient, uri: str):
    while uri not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics.pop(uri)


def span(d):
    r = d.range
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def of(diagnostics, rule):
    return [d for d in diagnostics if d.code == rule]


def utf8(client) -> bool:
    return client.encoding == types.PositionEncodingKind.Utf8


def apply(text: str, edits, utf8: bool) -> str:
    """`text` with LSP edits applied, counting as the client does."""
    lines = text.split("\n")

    def offset(p):
        start = sum(len(l) + 1 for l in lines[: p.line])
        line = lines[p.line] if p.line < len(lines) else ""
        units = 0
        for i, ch in enumerate(line):
            if units >= p.character:
                return start + i
            units += len(ch.encode("utf-8" if utf8 else "utf-16-le")) // (1 if utf8 else 2)
        return start + len(line)

    located = sorted((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits)
    for start, end, new in reversed(located):
        text = text[:start] + new + text[end:]
    return text


@pytest.mark.asyncio
async def test_positions_are_negotiated_and_exact(client: LanguageClient):
    # Neovim offers UTF-8; VS Code only UTF-16.
    _, tweet = await open_and_wait(client, client.root / "tweet.txt", "plaintext", TWEET)
    _, lib = await open_and_wait(client, client.root / "replies" / "it.toml", "toml", ITALIAN)
    (long,) = of(tweet, "max-length")
    [emoji] = of(lib, "emoji")
    [bang] = of(lib, "exclamation")
    if utf8(client):
        assert span(long) == (4, 282, 4, 305)
        assert span(emoji) == (8, 7, 8, 11)
        assert span(bang) == (8, 57, 8, 59)
    else:
        assert client.encoding in (None, types.PositionEncodingKind.Utf16)
        assert span(long) == (4, 280, 4, 303)
        assert span(emoji) == (8, 7, 8, 9)
        assert span(bang) == (8, 54, 8, 56)
    assert long.severity == types.DiagnosticSeverity.Error
    assert bang.source == "replylint"


@pytest.mark.asyncio
async def test_a_quick_fix_applies_and_the_problem_goes(client: LanguageClient):
    uri, lib = await open_and_wait(client, client.root / "replies" / "it.toml", "toml", ITALIAN)
    [bang] = of(lib, "exclamation")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=bang.range,
            context=types.CodeActionContext(diagnostics=[bang]),
        )
    )
    titles = [a.title for a in actions]
    fix = next(a for a in actions if a.title.startswith("Fix `exclamation` (safe)"))
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert any(t.startswith("Allow `exclamation`") for t in titles), titles
    fixed = apply(ITALIAN, fix.edit.changes[uri], utf8(client))
    assert fixed == ITALIAN.replace("emesso!!", "emesso!")
    # Fix all: its edit comes on resolve (both clients resolve edits).
    fix_all = next(a for a in actions if a.title == "Fix all safe problems in this file")
    if fix_all.edit is None:
        fix_all = await client.code_action_resolve_async(fix_all)
    assert apply(ITALIAN, fix_all.edit.changes[uri], utf8(client)) == fixed

    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    after = await diagnostics_of(client, uri)
    assert of(after, "exclamation") == []
    assert len(of(after, "emoji")) == 1


@pytest.mark.asyncio
async def test_hover_shows_the_rule_documentation(client: LanguageClient):
    uri, lib = await open_and_wait(client, client.root / "replies" / "it.toml", "toml", ITALIAN)
    [emoji] = of(lib, "emoji")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=emoji.range.start,
        )
    )
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value.startswith("# emoji\n")
    assert "## What it does" in hover.contents.value


@pytest.mark.asyncio
async def test_a_config_change_changes_the_diagnostics(client: LanguageClient):
    uri, lib = await open_and_wait(client, client.root / "replies" / "it.toml", "toml", ITALIAN)
    assert of(lib, "emoji")
    config = client.root / "replylint.toml"
    config.write_text('[rules]\nemoji = "off"\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    after = await diagnostics_of(client, uri)
    assert of(after, "emoji") == []
    assert of(after, "exclamation")
    # Broken: one diagnostic on the config file; the last good one stays.
    config.write_text('[rules]\nemoji = "off"\nexclamation = "loud"\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    on_config = await diagnostics_of(client, config.as_uri())
    assert len(on_config) == 1 and on_config[0].range.start.line == 2
    after = await diagnostics_of(client, uri)
    assert of(after, "emoji") == [] and of(after, "exclamation")


@pytest.mark.asyncio
async def test_malformed_requests_get_errors_and_the_server_keeps_answering(client: LanguageClient):
    uri, lib = await open_and_wait(client, client.root / "replies" / "it.toml", "toml", ITALIAN)
    # An unknown method.
    with pytest.raises(JsonRpcMethodNotFound):
        await client.protocol.send_request_async("replylint/nothing", {})
    # Written straight to the server: not JSON, then params of the wrong
    # shape (the answers are errors pygls's client has no request for).
    for body in [
        b'{"jsonrpc": "2.0", "id": 77, "method": ',
        b'{"jsonrpc": "2.0", "id": 78, "method": "textDocument/hover", "params": {"textDocument": 3}}',
    ]:
        client.protocol.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    # Still answering.
    [bang] = of(lib, "exclamation")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=bang.range.start)
    )
    assert hover.contents.value.startswith("# exclamation")
