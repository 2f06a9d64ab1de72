//! `replylint server`: the real binary driven over stdio as an editor
//! drives it (initialize, didOpen, didChange, codeAction, hover,
//! shutdown), with exact ranges in UTF-16 and UTF-8.

use crate::common::Tree;
use crate::common::lsp::{Client, apply_edits, of_rule, range, uri};
use serde_json::{Value, json};

/// A tweet draft of 303 weighted characters: "Thanks 😀 " then a sentence
/// six times. The emoji weighs 2, so the first 279 characters weigh 280
/// and the 280th is the first past the limit; the highlight runs to the
/// end of the line.
fn tweet() -> String {
    let body = format!(
        "Thanks 😀 {}",
        "we are looking into it and will write back soon. ".repeat(6)
    );
    format!(
        "+++\nchannel = \"twitter\"\nlanguage = \"en\"\n+++\n{}\n",
        body.trim_end()
    )
}

/// An Italian e-mail in a TOML library: an emoji (which e-mail does not
/// use; an unsafe fix removes it) before a doubled `!` (a safe fix), and
/// an `è`, on line 8 (0-based).
const ITALIAN: &str = r#"[[reply]]
id = "rimborso"
channel = "email"
language = "it"
subject = "Il suo rimborso"
text = """
Gentile Maria,

grazie 😀 per  la pazienza: il rimborso è stato emesso!!

Cordiali saluti,
Luca"""
"#;

fn setup(encodings: &[&str]) -> (Tree, Client, Value) {
    let tree = Tree::new(&[("replies/it.toml", ITALIAN)]);
    let (client, init) = Client::start(&tree.root, encodings);
    (tree, client, init)
}

#[test]
fn diagnostics_land_on_the_exact_characters_in_utf16() {
    let (tree, mut client, init) = setup(&["utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let tweet_uri = uri(&tree.root.join("tweet.txt"));
    client.open(&tweet_uri, "plaintext", 1, &tweet());
    let d = client.diagnostics(&tweet_uri, Some(1));
    let long = of_rule(&d, "max-length");
    assert_eq!(long.len(), 1, "{d:?}");
    // 278 characters and the emoji's two units before it.
    assert_eq!(range(long[0]), [4, 280, 4, 303]);
    assert_eq!(long[0]["severity"], 1);
    assert_eq!(long[0]["source"], "replylint");

    let lib = uri(&tree.root.join("replies/it.toml"));
    client.open(&lib, "toml", 7, ITALIAN);
    let d = client.diagnostics(&lib, Some(7));
    assert_eq!(range(of_rule(&d, "emoji")[0]), [8, 7, 8, 9]);
    assert_eq!(range(of_rule(&d, "exclamation")[0]), [8, 54, 8, 56]);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn diagnostics_land_on_the_exact_characters_in_utf8_when_the_client_offers_it() {
    let (tree, mut client, init) = setup(&["utf-8", "utf-16"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let tweet_uri = uri(&tree.root.join("tweet.txt"));
    client.open(&tweet_uri, "plaintext", 1, &tweet());
    let d = client.diagnostics(&tweet_uri, Some(1));
    // 278 one-byte characters and the emoji's four bytes.
    assert_eq!(range(of_rule(&d, "max-length")[0]), [4, 282, 4, 305]);

    let lib = uri(&tree.root.join("replies/it.toml"));
    client.open(&lib, "toml", 1, ITALIAN);
    let d = client.diagnostics(&lib, Some(1));
    assert_eq!(range(of_rule(&d, "emoji")[0]), [8, 7, 8, 11]);
    // The emoji's four bytes and the `è`'s two before it.
    assert_eq!(range(of_rule(&d, "exclamation")[0]), [8, 57, 8, 59]);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn incremental_and_full_changes_are_linted_on_the_latest_text() {
    // The second `!`; the first once `😀 ` is gone.
    for (encodings, bang, after) in [(["utf-16"], 55, 51), (["utf-8"], 58, 52)] {
        let (tree, mut client, _) = setup(&encodings);
        let lib = uri(&tree.root.join("replies/it.toml"));
        // CRLF line breaks: the positions are the same.
        let crlf = ITALIAN.replace('\n', "\r\n");
        client.open(&lib, "toml", 1, &crlf);
        assert_eq!(
            of_rule(&client.diagnostics(&lib, Some(1)), "exclamation").len(),
            1
        );
        // Delete the second `!`.
        client.change(&lib, 2, Some([8, bang, 8, bang + 1]), "");
        let d = client.diagnostics(&lib, Some(2));
        assert!(of_rule(&d, "exclamation").is_empty(), "{d:?}");
        assert_eq!(of_rule(&d, "emoji").len(), 1);
        // Insert two lines above: the emoji moves down.
        client.change(&lib, 3, Some([0, 0, 0, 0]), "# macros\r\n\r\n");
        let d = client.diagnostics(&lib, Some(3));
        assert_eq!(range(of_rule(&d, "emoji")[0])[..2], [10, 7]);
        // A full change.
        client.change(&lib, 4, None, &ITALIAN.replace("😀 ", ""));
        let d = client.diagnostics(&lib, Some(4));
        assert!(of_rule(&d, "emoji").is_empty(), "{d:?}");
        assert_eq!(
            range(of_rule(&d, "exclamation")[0]),
            [8, after, 8, after + 2]
        );
        assert_eq!(client.shutdown(), Some(0));
    }
}

#[test]
fn a_change_to_a_reply_s_fields_lints_it_again() {
    // Only the replies a change touches are linted again: a change to a
    // field (the channel) is one, as a change to the text is.
    let (tree, mut client, _) = setup(&["utf-16"]);
    let lib = uri(&tree.root.join("replies/it.toml"));
    client.open(&lib, "toml", 1, ITALIAN);
    assert_eq!(
        of_rule(&client.diagnostics(&lib, Some(1)), "emoji").len(),
        1
    );
    // `channel = "email"` becomes `channel = "whatsapp"`, where an emoji
    // is at home.
    client.change(&lib, 2, Some([2, 11, 2, 16]), "whatsapp");
    let d = client.diagnostics(&lib, Some(2));
    assert!(of_rule(&d, "emoji").is_empty(), "{d:?}");
    // And back: the e-mail's diagnostics again.
    client.change(&lib, 3, None, ITALIAN);
    let d = client.diagnostics(&lib, Some(3));
    assert_eq!(range(of_rule(&d, "emoji")[0])[..2], [8, 7]);
    assert_eq!(client.shutdown(), Some(0));
}

/// The code actions on `range`.
fn actions(client: &mut Client, lib: &str, r: [u64; 4], only: Option<&[&str]>) -> Vec<Value> {
    let mut context = json!({ "diagnostics": [] });
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let result = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": lib },
            "range": { "start": { "line": r[0], "character": r[1] },
                       "end": { "line": r[2], "character": r[3] } },
            "context": context,
        }),
    );
    result.as_array().cloned().unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], start: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(start))
        .unwrap_or_else(|| panic!("no action `{start}…` in {actions:?}"))
}

fn edits_of(action: &Value, lib: &str) -> Vec<Value> {
    action["edit"]["changes"][lib].as_array().cloned().unwrap()
}

#[test]
fn quick_fixes_apply_each_fix_all_safe_fixes_and_allow_a_rule() {
    let (tree, mut client, _) = setup(&["utf-16"]);
    let lib = uri(&tree.root.join("replies/it.toml"));
    client.open(&lib, "toml", 1, ITALIAN);
    client.diagnostics(&lib, Some(1));
    let all = actions(&mut client, &lib, [8, 0, 8, 60], None);

    let bang = titled(&all, "Fix `exclamation` (safe)");
    assert_eq!(bang["kind"], "quickfix");
    assert_eq!(bang["isPreferred"], true);
    assert_eq!(bang["diagnostics"][0]["code"], "exclamation");
    let edits = edits_of(bang, &lib);
    assert_eq!(edits.len(), 1);
    assert_eq!(range(&edits[0]), [8, 55, 8, 56]);
    assert_eq!(
        apply_edits(ITALIAN, &edits, false),
        ITALIAN.replace("emesso!!", "emesso!")
    );

    let emoji = titled(&all, "Fix `emoji` (unsafe)");
    assert_eq!(emoji["isPreferred"], false);
    assert_eq!(
        apply_edits(ITALIAN, &edits_of(emoji, &lib), false),
        ITALIAN.replace("grazie 😀 per", "grazie per")
    );

    // Fix all: the safe fix only.
    let fix_all = titled(&all, "Fix all safe problems in this file");
    assert_eq!(
        apply_edits(ITALIAN, &edits_of(fix_all, &lib), false),
        ITALIAN.replace("emesso!!", "emesso!")
    );
    // Asked for by kind, as on save.
    let on_save = actions(&mut client, &lib, [0, 0, 0, 0], Some(&["source.fixAll"]));
    assert_eq!(on_save.len(), 1, "{on_save:?}");
    assert_eq!(on_save[0]["kind"], "source.fixAll.replylint");

    // Allow the rule on the line: a suppression comment above it, in the
    // TOML string; the problem is gone, the other one stays.
    let allow = titled(&all, "Allow `exclamation` on this line");
    let allowed = apply_edits(ITALIAN, &edits_of(allow, &lib), false);
    assert!(
        allowed.contains(
            "\n<!-- replylint-disable-next-line exclamation -->\ngrazie 😀 per  la pazienza"
        ),
        "{allowed}"
    );
    client.change(&lib, 2, None, &allowed);
    let d = client.diagnostics(&lib, Some(2));
    assert!(of_rule(&d, "exclamation").is_empty(), "{d:?}");
    assert_eq!(of_rule(&d, "emoji").len(), 1);

    // Nothing to offer away from the problems.
    assert!(actions(&mut client, &lib, [0, 0, 0, 3], None).is_empty());
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn hover_on_a_problem_shows_its_rule_documentation() {
    let (tree, mut client, _) = setup(&["utf-16"]);
    let lib = uri(&tree.root.join("replies/it.toml"));
    client.open(&lib, "toml", 1, ITALIAN);
    client.diagnostics(&lib, Some(1));
    let hover = |client: &mut Client, line: u64, character: u64| {
        client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": lib }, "position": { "line": line, "character": character } }),
        )
    };
    let h = hover(&mut client, 8, 55);
    assert_eq!(h["contents"]["kind"], "markdown");
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("# exclamation\n"), "{text}");
    assert!(text.contains("## What it does"), "{text}");
    assert_eq!(range(&h), [8, 54, 8, 56]);
    // Not on a problem.
    assert_eq!(hover(&mut client, 8, 30), Value::Null);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn a_changed_config_is_applied_and_a_broken_one_keeps_the_last_good() {
    let (tree, mut client, _) = setup(&["utf-16"]);
    let lib = uri(&tree.root.join("replies/it.toml"));
    let config = uri(&tree.root.join("replylint.toml"));
    client.open(&lib, "toml", 1, ITALIAN);
    assert_eq!(
        of_rule(&client.diagnostics(&lib, Some(1)), "exclamation").len(),
        1
    );
    let changed = |client: &mut Client| {
        client.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": config, "type": 1 }] }),
        );
    };
    tree.write("replylint.toml", "[rules]\nexclamation = \"off\"\n");
    changed(&mut client);
    let d = client.diagnostics(&lib, Some(1));
    assert!(of_rule(&d, "exclamation").is_empty(), "{d:?}");
    assert_eq!(of_rule(&d, "emoji").len(), 1);

    // Broken: one diagnostic on the config file, at the mistake; the
    // document keeps the last good settings.
    tree.write(
        "replylint.toml",
        "[rules]\nexclamation = \"off\"\nemoji = \"loud\"\n",
    );
    changed(&mut client);
    let on_config = client.diagnostics(&config, None);
    assert_eq!(on_config.len(), 1, "{on_config:?}");
    assert_eq!(on_config[0]["range"]["start"]["line"], 2);
    assert_eq!(on_config[0]["severity"], 1);
    let d = client.diagnostics(&lib, Some(1));
    assert!(of_rule(&d, "exclamation").is_empty(), "{d:?}");
    assert_eq!(of_rule(&d, "emoji").len(), 1);

    // Mended, saved in the editor: the diagnostic goes, the new settings
    // apply.
    tree.write("replylint.toml", "[rules]\nemoji = \"off\"\n");
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": config } }),
    );
    assert!(client.diagnostics(&config, None).is_empty());
    let d = client.diagnostics(&lib, Some(1));
    assert!(of_rule(&d, "emoji").is_empty(), "{d:?}");
    assert_eq!(of_rule(&d, "exclamation").len(), 1);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn untitled_buffers_use_the_config_defaults_and_their_language_reader() {
    let tree = Tree::new(&[("replylint.toml", "channel = \"sms\"\n")]);
    let (mut client, _) = Client::start(&tree.root, &["utf-16"]);
    client.open("untitled:Untitled-1", "plaintext", 1, &"Ciao! ".repeat(40));
    let d = client.diagnostics("untitled:Untitled-1", Some(1));
    assert!(
        d.iter()
            .any(|d| d["message"].as_str().unwrap().contains("sms")),
        "{d:?}"
    );
    // A TOML buffer is read as a library: its replies, their fields.
    client.open("untitled:Untitled-2", "toml", 1, "[[reply]]\ntext = 3\n");
    let d = client.diagnostics("untitled:Untitled-2", Some(1));
    let wrong = d
        .iter()
        .find(|d| d["message"] == "`text` must be a string, not an integer")
        .unwrap_or_else(|| panic!("{d:?}"));
    assert_eq!(range(wrong), [1, 7, 1, 7]);
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn malformed_messages_get_protocol_errors_and_the_server_keeps_answering() {
    let (tree, mut client, _) = setup(&["utf-16"]);
    let lib = uri(&tree.root.join("replies/it.toml"));
    client.open(&lib, "toml", 1, ITALIAN);
    client.diagnostics(&lib, Some(1));
    let error = |client: &mut Client, id: Value| {
        let r = client.response(&id);
        r["error"]["code"].as_i64().unwrap()
    };
    // Not JSON.
    let cut = br#"{"jsonrpc": "2.0", "id": 9, "method": "#;
    client.raw(format!("Content-Length: {}\r\n\r\n", cut.len()).as_bytes());
    client.raw(cut);
    assert_eq!(error(&mut client, Value::Null), -32700);
    // JSON, not a message.
    client.send(&json!([1, 2, 3]));
    assert_eq!(error(&mut client, Value::Null), -32600);
    // An id JSON-RPC allows and the server cannot take.
    client.send(&json!({ "jsonrpc": "2.0", "id": 1.5, "method": "textDocument/hover" }));
    assert_eq!(error(&mut client, json!(1.5)), -32600);
    // A header without a length.
    client.raw(b"Content-Type: nothing\r\n\r\n");
    assert_eq!(error(&mut client, Value::Null), -32700);
    // Unknown method; wrong params.
    let id = client.send_request("textDocument/definitelyNot", json!({}));
    assert_eq!(error(&mut client, json!(id)), -32601);
    let id = client.send_request("textDocument/hover", json!({ "textDocument": 3 }));
    assert_eq!(error(&mut client, json!(id)), -32602);
    // A second initialize.
    let id = client.send_request("initialize", json!({ "capabilities": {} }));
    assert_eq!(error(&mut client, json!(id)), -32600);
    // A notification with bad params is dropped.
    client.notify("textDocument/didChange", json!({ "nonsense": true }));
    // Still answering, with the document as it was.
    let h = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": lib }, "position": { "line": 8, "character": 55 } }),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("# exclamation")
    );
    assert_eq!(client.shutdown(), Some(0));
}

#[test]
fn the_life_cycle_follows_the_protocol() {
    let tree = Tree::new(&[]);
    // A request before initialize.
    let mut client = Client::spawn(&tree.root);
    let id = client.send_request("textDocument/hover", json!({}));
    let r = client.response(&json!(id));
    assert_eq!(r["error"]["code"], -32002);
    // Exit without shutdown: 1.
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(1));

    // After shutdown, requests are refused; exit: 0.
    let (mut client, _) = Client::start(&tree.root, &[]);
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    let id = client.send_request("textDocument/hover", json!({}));
    assert_eq!(client.response(&json!(id))["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(0));

    // The input ends without exit: 1.
    let (mut client, _) = Client::start(&tree.root, &[]);
    assert_eq!(client.wait(), Some(1));
}

#[test]
fn a_large_document_does_not_hold_back_the_answers_or_stale_versions() {
    let (tree, mut client, _) = setup(&["utf-16"]);
    let lib = uri(&tree.root.join("replies/it.toml"));
    client.open(&lib, "toml", 1, ITALIAN);
    client.diagnostics(&lib, Some(1));
    // About 1 MB in one reply, three versions in a row.
    let big = uri(&tree.root.join("big.md"));
    let paragraph = "Thanks for waiting, we are looking into it and will write back soon.\n\n";
    let text = paragraph.repeat(1_000_000 / paragraph.len());
    client.open(&big, "markdown", 1, &text);
    for version in [2, 3] {
        client.change(&big, version, Some([0, 0, 0, 0]), "Hello!! ");
    }
    // Answered while the large document is linted.
    let h = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": lib }, "position": { "line": 8, "character": 55 } }),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("# exclamation")
    );
    // Only the latest version is published.
    let d = client.diagnostics(&big, Some(3));
    let published: Vec<&Value> = client
        .seen
        .iter()
        .filter(|m| m["params"]["uri"] == big.as_str())
        .collect();
    assert!(published.is_empty(), "{published:?}");
    let bangs = of_rule(&d, "exclamation");
    assert_eq!(bangs.len(), 2, "{d:?}");
    // `Hello!! Hello!! Thanks…`: the first `!!` is at 5..7.
    assert_eq!(range(bangs[0]), [0, 5, 0, 7]);
    assert_eq!(client.shutdown(), Some(0));
}

/// Neovim's own client, headless, with the set-up docs/integrations.md
/// gives (`vim.lsp.start` from Neovim 0.8, `vim.lsp.start_client` before):
/// the diagnostics land on the characters (Neovim counts bytes; the server
/// speaks UTF-16 or UTF-8 to it) and hover shows the rule.
#[test]
fn neovim_shows_the_diagnostics_and_hover() {
    let version = std::process::Command::new("nvim").arg("--version").output();
    if !version.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("NVIM")) {
        crate::common::skip("nvim is not installed");
        return;
    }
    let tree = Tree::new(&[("replies/it.toml", ITALIAN)]);
    let bin = assert_cmd::cargo::cargo_bin("replylint");
    let lua = format!(
        r#"
local cmd = {{ '{bin}', 'server' }}
vim.cmd('edit replies/it.toml')
if vim.lsp.start then
  vim.lsp.start({{ name = 'replylint', cmd = cmd, root_dir = vim.fn.getcwd() }})
else
  local id = vim.lsp.start_client({{ name = 'replylint', cmd = cmd, root_dir = vim.fn.getcwd() }})
  vim.lsp.buf_attach_client(0, id)
end
vim.wait(30000, function() return #vim.diagnostic.get(0) >= 2 end, 20)
local out = {{}}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, string.format('%s %d:%d-%d:%d', d.code, d.lnum, d.col, d.end_lnum, d.end_col))
end
table.sort(out)
local params = vim.lsp.util.make_position_params()
params.position = {{ line = 8, character = 55 }}
for _, r in pairs(vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 30000) or {{}}) do
  table.insert(out, vim.split(r.result.contents.value, '\n')[1])
end
vim.fn.writefile(out, 'seen.txt')
vim.cmd('qa!')
"#,
        bin = bin.display()
    );
    tree.write("try.lua", lua);
    let status = std::process::Command::new("nvim")
        .args(["--headless", "-n", "-u", "NONE", "-c", "luafile try.lua"])
        .current_dir(&tree.root)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("nvim runs");
    assert!(status.success());
    let seen = std::fs::read_to_string(tree.root.join("seen.txt")).expect("nvim wrote seen.txt");
    // Byte columns: the emoji is four bytes, the `è` two.
    assert_eq!(
        seen,
        "emoji 8:7-8:11\nexclamation 8:57-8:59\n# exclamation\n"
    );
}
