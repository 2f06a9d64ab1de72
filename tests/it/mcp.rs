//! `replylint mcp`: the real binary driven over stdio as an assistant
//! drives it (initialize, tools/list, tools/call), in each protocol
//! version, with exact offsets on a draft with emoji and accents, every
//! structured result checked against its tool's output schema, and every
//! kind of message that is not right answered by the error the protocol
//! gives it, the server going on.

use crate::common::mcp::{Client, session};
use crate::common::{Tree, run_here};
use serde_json::{Value, json};

/// An Italian e-mail: an emoji (which e-mail does not use; an unsafe fix
/// removes it) before a doubled `!` (a safe fix), after `€`, `è` and `à`,
/// which take more bytes than UTF-16 units.
const EMAIL: &str = "Ciao Maria,\n\nil rimborso di 30 € è già stato emesso 😀!!  La ringraziamo per la pazienza.\n\nCordiali saluti,\nLuca";

const LATEST: &str = "2025-06-18";

fn tree() -> Tree {
    Tree::new(&[])
}

/// The tools/list of a session, by name.
fn tools(client: &mut Client) -> Vec<Value> {
    client.ok("tools/list", json!({}))["tools"]
        .as_array()
        .expect("tools")
        .clone()
}

fn tool<'a>(tools: &'a [Value], name: &str) -> &'a Value {
    tools
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no tool {name}"))
}

/// Check `value` against a JSON Schema.
#[track_caller]
fn assert_valid(schema: &Value, value: &Value) {
    let validator = jsonschema::options()
        .build(schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}\n{value:#}", errors.join("\n"));
}

/// A call's structured result, checked: its text is the same JSON (for
/// `explain_rule`, the documentation itself), and it conforms to the
/// tool's output schema.
#[track_caller]
fn structured(tools: &[Value], name: &str, result: &Value) -> Value {
    assert_eq!(result["isError"], false, "{result:#}");
    let content = &result["structuredContent"];
    let text = result["content"][0]["text"].as_str().unwrap();
    if name == "explain_rule" {
        assert_eq!(content["documentation"], text);
    } else {
        let text: Value = serde_json::from_str(text).expect("the text is the JSON");
        assert_eq!(&text, content);
    }
    assert_valid(&tool(tools, name)["outputSchema"], content);
    content.clone()
}

#[test]
fn the_handshake_agrees_on_a_version_and_offers_tools() {
    let tree = tree();
    for (asked, agreed) in [
        ("2025-06-18", "2025-06-18"),
        ("2025-03-26", "2025-03-26"),
        ("2024-11-05", "2024-11-05"),
        // A version it does not speak: the newest it does.
        ("2099-01-01", "2025-06-18"),
        ("1.0", "2025-06-18"),
    ] {
        let (client, init) = Client::start(&tree.root, asked);
        assert_eq!(init["protocolVersion"], agreed, "{asked}");
        assert_eq!(
            init["capabilities"],
            json!({ "tools": { "listChanged": false } })
        );
        assert_eq!(init["serverInfo"]["name"], "replylint");
        assert_eq!(init["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
        assert!(
            init["instructions"]
                .as_str()
                .unwrap()
                .contains("check_reply")
        );
        // The end of the input is the end of the session.
        let (code, rest) = client.close();
        assert_eq!(code, Some(0));
        assert_eq!(rest, "", "nothing is written after the answers");
    }
}

#[test]
fn requests_before_initialize_fail_and_ping_works_any_time() {
    let tree = tree();
    let mut client = Client::spawn(&tree.root, &[]);
    assert_eq!(client.ok("ping", json!({})), json!({}));
    let (code, message) = client.fails("tools/list", json!({}));
    assert_eq!(code, -32600);
    assert!(message.contains("initialize"), "{message}");
    let (code, _) = client.fails("initialize", json!({ "capabilities": {} }));
    assert_eq!(code, -32602, "no protocolVersion");
    client.ok(
        "initialize",
        json!({ "protocolVersion": LATEST, "capabilities": {}, "clientInfo": { "name": "x", "version": "1" } }),
    );
    let (code, _) = client.fails(
        "initialize",
        json!({ "protocolVersion": LATEST, "capabilities": {}, "clientInfo": { "name": "x", "version": "1" } }),
    );
    assert_eq!(code, -32600, "initialized once");
    // Before notifications/initialized too: the answer to initialize was
    // given.
    assert_eq!(tools(&mut client).len(), 4);
    client.notify("notifications/initialized", json!({}));
    assert_eq!(client.ok("ping", Value::Null), json!({}));
}

#[test]
fn the_tools_as_the_latest_version_lists_them() {
    let tree = tree();
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let tools = tools(&mut client);
    let names: Vec<&str> = tools.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "check_reply",
            "count_reply",
            "explain_rule",
            "list_channels"
        ]
    );
    for t in &tools {
        // Every schema is one a client can compile.
        for key in ["inputSchema", "outputSchema"] {
            jsonschema::options()
                .build(&t[key])
                .unwrap_or_else(|e| panic!("{}: {key}: {e}", t["name"]));
        }
        assert_eq!(t["annotations"]["readOnlyHint"], true);
        assert!(t["title"].is_string());
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&tools).unwrap());
}

#[test]
fn older_versions_get_what_they_define() {
    let tree = tree();
    for (version, annotations) in [("2025-03-26", true), ("2024-11-05", false)] {
        let (mut client, _) = Client::start(&tree.root, version);
        for t in tools(&mut client) {
            assert!(t.get("outputSchema").is_none(), "{version}: {t}");
            assert!(t.get("title").is_none(), "{version}: {t}");
            assert_eq!(t.get("annotations").is_some(), annotations, "{version}");
            assert!(t["inputSchema"].is_object());
        }
        let result = client.call("check_reply", json!({ "text": EMAIL, "channel": "email" }));
        assert!(result.get("structuredContent").is_none(), "{version}");
        let text: Value = serde_json::from_str(result["content"][0]["text"].as_str().unwrap())
            .expect("the result as JSON text");
        assert_eq!(text["channel"], "email");
    }
}

#[test]
fn check_reply_gives_exact_offsets_fixes_and_the_fixed_text() {
    let tree = tree();
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let tools = tools(&mut client);
    let result = client.call(
        "check_reply",
        json!({ "text": EMAIL, "channel": "email", "language": "it" }),
    );
    let checked = structured(&tools, "check_reply", &result);
    assert_eq!(checked["channel"], "email");
    assert_eq!(checked["language"], "it");
    assert_eq!(checked["mode"], "draft");
    assert_eq!(checked["clean"], false);
    let diagnostics = checked["diagnostics"].as_array().unwrap();
    let of = |rule: &str| -> &Value {
        diagnostics
            .iter()
            .find(|d| d["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule}: {checked:#}"))
    };
    // 52 characters before the emoji, all in the Basic Multilingual
    // Plane; `€` is three bytes and `è` and `à` two each.
    let emoji = of("emoji");
    assert_eq!(emoji["excerpt"], "😀");
    assert_eq!(
        emoji["start"],
        json!({ "line": 3, "column": 40, "column_utf16": 40, "offset": 56, "offset_utf16": 52 })
    );
    assert_eq!(
        emoji["end"],
        json!({ "line": 3, "column": 41, "column_utf16": 42, "offset": 60, "offset_utf16": 54 })
    );
    assert_eq!(emoji["fix"]["applicability"], "unsafe");
    let bang = of("exclamation");
    assert_eq!(bang["excerpt"], "!!");
    assert_eq!(
        (&bang["start"]["offset"], &bang["start"]["offset_utf16"]),
        (&json!(60), &json!(54))
    );
    assert_eq!(bang["fix"]["applicability"], "safe");
    assert_eq!(bang["fix"]["edits"][0]["replacement"], "!");
    // The offsets are those of the text given, in both units.
    let utf16: Vec<u16> = EMAIL.encode_utf16().collect();
    for d in diagnostics {
        let (start, end) = (&d["start"], &d["end"]);
        let bytes = &EMAIL
            [start["offset"].as_u64().unwrap() as usize..end["offset"].as_u64().unwrap() as usize];
        let units = String::from_utf16(
            &utf16[start["offset_utf16"].as_u64().unwrap() as usize
                ..end["offset_utf16"].as_u64().unwrap() as usize],
        )
        .unwrap();
        assert_eq!(bytes, units);
        assert_eq!(d["excerpt"], bytes);
    }
    // Only the safe fix is applied.
    assert_eq!(checked["fixed_text"], EMAIL.replace("😀!!", "😀!").as_str());
    assert_eq!(checked["fixes_applied"], 1);

    // The fixed text, checked again: the exclamation is gone, the emoji
    // is still there.
    let again = client.call(
        "check_reply",
        json!({ "text": checked["fixed_text"], "channel": "email", "language": "it" }),
    );
    let again = structured(&tools, "check_reply", &again);
    let rules: Vec<&str> = again["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["emoji"]);
    assert!(again.get("fixed_text").is_none(), "no safe fix left");

    let clean = client.call(
        "check_reply",
        json!({ "text": EMAIL.replace(" 😀!!", "."), "channel": "email", "language": "it" }),
    );
    let clean = structured(&tools, "check_reply", &clean);
    assert_eq!(clean["clean"], true, "{clean:#}");
    assert_eq!(clean["diagnostics"], json!([]));
}

#[test]
fn check_reply_result_snapshot() {
    let tree = tree();
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let result = client.call(
        "check_reply",
        json!({ "text": "Hi {{name}}, thanks 😀 for waiting!! Your café order ships today.", "channel": "x" }),
    );
    assert_eq!(
        result["structuredContent"]["channel"], "twitter",
        "by its alias"
    );
    insta::assert_snapshot!(serde_json::to_string_pretty(&result["structuredContent"]).unwrap());
}

#[test]
fn check_reply_is_check_on_standard_input() {
    // The same reply, the same diagnostics, as `check --format json -`.
    let tree = tree();
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let text = "+++\nchannel = \"sms\"\n+++\nCiao 😀, il pacco è partito!! Grazie";
    let result = client.call("check_reply", json!({ "text": text, "mode": "template" }));
    let checked = &result["structuredContent"];
    assert_eq!(checked["channel"], "sms", "from the front matter");
    assert_eq!(checked["mode"], "template");
    let cli = run_here(
        &["check", "--format", "json", "--mode", "template", "-"],
        text,
    )
    .json();
    let expected = essentials(&cli["diagnostics"]);
    let got = essentials(&checked["diagnostics"]);
    assert!(!got.is_empty());
    assert_eq!(got, expected);
}

#[test]
fn check_reply_refuses_what_it_cannot_check_as_the_tool_s_error() {
    let tree = tree();
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let result = client.call(
        "check_reply",
        json!({ "text": "Hello", "channel": "twiter" }),
    );
    assert_eq!(result["isError"], true);
    assert!(result.get("structuredContent").is_none());
    let text = result["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("unknown channel `twiter`"), "{text}");
    assert!(text.contains("`twitter`"), "a suggestion: {text}");

    let result = client.call(
        "check_reply",
        json!({ "text": "+++\nchannel = \"nope\"\n+++\nHello" }),
    );
    assert_eq!(result["isError"], true);
    let text = result["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("2:11: unknown channel `nope`"), "{text}");
}

#[test]
fn count_reply_is_the_count_command() {
    let tree = tree();
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let tools = tools(&mut client);
    for (text, language) in [
        ("Grazie 😀, il rimborso è già partito.", None),
        ("Hello, your order ships today.", Some("en")),
        ("中文 and é\u{301}", None),
    ] {
        let mut args = json!({ "text": text });
        let mut cli_args = vec!["count", "--format", "json"];
        if let Some(l) = language {
            args["language"] = json!(l);
            cli_args.extend(["--lang", l]);
        }
        let result = client.call("count_reply", args);
        let counts = structured(&tools, "count_reply", &result);
        cli_args.push("-");
        assert_eq!(counts, run_here(&cli_args, text).json(), "{text}");
    }
    let counts = client.call("count_reply", json!({ "text": "😀 è" }))["structuredContent"].clone();
    assert_eq!(
        (
            &counts["code_points"],
            &counts["bytes"],
            &counts["utf16_units"]
        ),
        (&json!(3), &json!(7), &json!(4))
    );
}

#[test]
fn explain_rule_is_the_explain_command() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[[rule]]\nid = \"no-unfortunately\"\nkind = \"forbid\"\nphrases = [\"unfortunately\"]\n",
    )]);
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let tools = tools(&mut client);
    for rule in ["max-length", "no-unfortunately"] {
        let result = client.call("explain_rule", json!({ "rule": rule }));
        let explained = structured(&tools, "explain_rule", &result);
        let cli = crate::common::run_in(&tree.root, &["explain", rule], None);
        assert_eq!(cli.code, 0);
        assert_eq!(explained["documentation"], cli.stdout.as_str());
        assert_eq!(explained["rule"], rule);
    }
    let result = client.call("explain_rule", json!({ "rule": "max-lenght" }));
    assert_eq!(result["isError"], true);
    let text = result["content"][0]["text"].as_str().unwrap();
    assert!(text.contains("`max-length`"), "{text}");
}

#[test]
fn list_channels_gives_the_configured_channels() {
    let tree = Tree::new(&[(
        "replylint.toml",
        "[channels.support-email]\nextends = \"email\"\ndescription = \"The support mailbox.\"\n\n[channels.twitter]\nmax-length = 260\n",
    )]);
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let tools = tools(&mut client);
    let result = client.call("list_channels", json!({}));
    let listed = structured(&tools, "list_channels", &result);
    let channels = listed["channels"].as_array().unwrap();
    let of = |id: &str| channels.iter().find(|c| c["id"] == id).unwrap().clone();
    assert_eq!(of("twitter")["limit"], 260);
    assert_eq!(of("twitter")["unit"], "tweet-weight");
    assert!(
        of("twitter")["aliases"]
            .as_array()
            .unwrap()
            .contains(&json!("x"))
    );
    assert_eq!(of("support-email")["description"], "The support mailbox.");
    assert_eq!(of("sms")["unit"], "sms-parts");
    // The same channels as `replylint channels`.
    let table = crate::common::run_in(&tree.root, &["channels"], None).stdout;
    assert_eq!(channels.len() + 1, table.lines().count());
}

#[test]
fn arguments_outside_the_schema_are_invalid_params() {
    let tree = tree();
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let call = |client: &mut Client, params: Value| client.fails("tools/call", params);
    for (params, needle) in [
        (
            json!({ "name": "check_reply", "arguments": {} }),
            "`text` is required",
        ),
        (json!({ "name": "check_reply" }), "`text` is required"),
        (
            json!({ "name": "check_reply", "arguments": { "text": 3 } }),
            "must be a string",
        ),
        (
            json!({ "name": "check_reply", "arguments": "hello" }),
            "must be an object",
        ),
        (
            json!({ "name": "check_reply", "arguments": { "text": "Hi", "language": "klingon" } }),
            "one of en, it, es, fr, de, pt",
        ),
        (
            json!({ "name": "check_reply", "arguments": { "text": "Hi", "mode": "final" } }),
            "one of draft, template",
        ),
        (
            json!({ "name": "check_reply", "arguments": { "text": "Hi", "path": "/etc/passwd" } }),
            "no argument `path`",
        ),
        (
            json!({ "name": "list_channels", "arguments": { "file": "replylint.toml" } }),
            "takes no arguments",
        ),
        (
            json!({ "name": "check_replies", "arguments": {} }),
            "`check_reply`",
        ),
        (json!({ "arguments": {} }), "`name`"),
    ] {
        let (code, message) = call(&mut client, params.clone());
        assert_eq!(code, -32602, "{params}");
        assert!(message.contains(needle), "{params}: {message}");
    }
    let (code, _) = client.fails("tools/call", json!([1, 2]));
    assert_eq!(code, -32602, "params must be an object");
    let (code, _) = client.fails("tools/list", json!({ "cursor": "page-2" }));
    assert_eq!(code, -32602, "no such cursor");
    // The session goes on.
    assert_eq!(tools(&mut client).len(), 4);
}

#[test]
fn the_text_is_text_and_never_a_file_to_read() {
    let tree = Tree::new(&[("secret.txt", "password = hunter2\n")]);
    let (mut client, _) = Client::start(&tree.root, LATEST);
    for text in [
        "/etc/passwd",
        "secret.txt",
        "file:///etc/passwd",
        "../../../../etc/shadow",
    ] {
        let result = client.call("check_reply", json!({ "text": text }));
        let shown = result.to_string();
        assert!(!shown.contains("root:"), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
        let counts = client.call("count_reply", json!({ "text": text }));
        assert_eq!(
            counts["structuredContent"]["code_points"],
            text.chars().count(),
            "counted as text: {text}"
        );
    }
    let result = client.call("explain_rule", json!({ "rule": "/etc/passwd" }));
    assert_eq!(result["isError"], true);
    assert!(!result.to_string().contains("root:"));
}

#[test]
fn malformed_messages_are_answered_and_the_session_goes_on() {
    let tree = tree();
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let error_of = |client: &mut Client, bytes: &[u8]| -> (Value, i64) {
        client.raw(bytes);
        let answer = client.next();
        (
            answer["id"].clone(),
            answer["error"]["code"].as_i64().unwrap(),
        )
    };
    assert_eq!(error_of(&mut client, b"{not json\n"), (Value::Null, -32700));
    assert_eq!(error_of(&mut client, b"\xff\xfe\n"), (Value::Null, -32700));
    assert_eq!(
        error_of(&mut client, b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\n"),
        (Value::Null, -32700),
        "cut short"
    );
    assert_eq!(error_of(&mut client, b"42\n"), (Value::Null, -32600));
    assert_eq!(
        error_of(&mut client, b"{\"id\":9,\"method\":\"ping\"}\n"),
        (json!(9), -32600),
        "no jsonrpc"
    );
    assert_eq!(
        error_of(
            &mut client,
            b"{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}\n"
        ),
        (Value::Null, -32600)
    );
    assert_eq!(
        error_of(
            &mut client,
            b"{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"resources/list\"}\n"
        ),
        (json!("s"), -32601)
    );
    assert_eq!(
        error_of(
            &mut client,
            b"[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}]\n"
        ),
        (Value::Null, -32600),
        "no batches in 2025-06-18"
    );
    // A line over the limit is skipped whole.
    let mut long = b"{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"check_reply\",\"arguments\":{\"text\":\"".to_vec();
    long.extend(std::iter::repeat_n(b'a', 5 << 20));
    long.extend(b"\"}}}\n");
    assert_eq!(error_of(&mut client, &long), (Value::Null, -32700));
    // Blank lines, notifications and responses get no answer: the next
    // line is the ping's.
    client.raw(b"\n\r\n   \n");
    client.notify("notifications/cancelled", json!({ "requestId": 1 }));
    client.notify("notifications/whatever", json!({}));
    client.send(&json!({ "jsonrpc": "2.0", "id": 77, "result": {} }));
    let answer = client.request("ping", json!({}));
    assert_eq!(answer["result"], json!({}));
    // A message split over two writes is one message.
    client.raw(b"{\"jsonrpc\":\"2.0\",\"id\":\"half\",");
    client.raw(b"\"method\":\"ping\"}\r\n");
    assert_eq!(
        client.next(),
        json!({ "jsonrpc": "2.0", "id": "half", "result": {} })
    );
    let (code, rest) = client.close();
    assert_eq!(code, Some(0));
    assert_eq!(rest, "");
}

#[test]
fn batches_are_read_in_2025_03_26_only() {
    let tree = tree();
    let (mut client, _) = Client::start(&tree.root, "2025-03-26");
    client.send(&json!([
        { "jsonrpc": "2.0", "id": 1, "method": "ping" },
        { "jsonrpc": "2.0", "method": "notifications/cancelled", "params": { "requestId": 0 } },
        { "jsonrpc": "2.0", "id": 2, "method": "tools/call",
          "params": { "name": "count_reply", "arguments": { "text": "é" } } },
        { "jsonrpc": "2.0", "id": 3, "method": "nope" },
        { "jsonrpc": "2.0", "id": 4, "method": "initialize", "params": { "protocolVersion": "2025-03-26" } },
        17,
    ]));
    let answers = client.next();
    let answers = answers.as_array().expect("a batch of answers");
    assert_eq!(answers.len(), 5, "{answers:?}");
    assert_eq!(
        answers[0],
        json!({ "jsonrpc": "2.0", "id": 1, "result": {} })
    );
    assert_eq!(answers[1]["id"], 2);
    assert_eq!(answers[1]["result"]["isError"], false);
    assert_eq!(answers[2]["error"]["code"], -32601);
    assert_eq!(answers[3]["error"]["code"], -32600, "initialize in a batch");
    assert_eq!(answers[4]["error"]["code"], -32600);
    client.send(&json!([]));
    assert_eq!(client.next()["error"]["code"], -32600, "an empty batch");
    // Notifications only: nothing to answer.
    client.send(&json!([{ "jsonrpc": "2.0", "method": "notifications/initialized" }]));
    assert_eq!(client.ok("ping", json!({})), json!({}));
}

#[test]
fn a_whole_session_in_one_go() {
    // Everything written before anything is read, the input then closed:
    // every request answered, in order, then the end.
    let tree = tree();
    let mut input = String::new();
    input.push_str(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#);
    input.push('\n');
    input.push_str(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#);
    input.push('\n');
    for id in 2..50 {
        input.push_str(&json!({ "jsonrpc": "2.0", "id": id, "method": "tools/call",
            "params": { "name": "check_reply", "arguments": { "text": format!("Reply {id} 😀!!"), "channel": "sms" } } }).to_string());
        input.push('\n');
    }
    let (messages, stderr) = session(&tree.root, &[], input.as_bytes());
    assert_eq!(messages.len(), 49);
    for (n, m) in messages.iter().enumerate() {
        assert_eq!(m["id"], n + 1);
    }
    assert_eq!(
        messages[48]["result"]["structuredContent"]["fixed_text"],
        "Reply 49 😀!"
    );
    assert!(stderr.contains("replylint mcp:"), "{stderr}");
}

#[test]
fn the_configuration_is_read_again_when_it_changes_and_a_broken_one_is_an_error() {
    let tree = Tree::new(&[("replylint.toml", "[channels.chat]\nmax-length = 10\n")]);
    let (mut client, _) = Client::start(&tree.root, LATEST);
    let text = "Thanks for waiting, your order ships today.";
    let rules = |client: &mut Client| -> Vec<String> {
        let result = client.call("check_reply", json!({ "text": text, "channel": "chat" }));
        assert_eq!(result["isError"], false, "{result}");
        result["structuredContent"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(rules(&mut client).contains(&"max-length".to_owned()));

    tree.write("replylint.toml", "[channels.chat]\nmax-length = 1000\n");
    assert!(!rules(&mut client).contains(&"max-length".to_owned()));

    // Broken: every call that needs it says where and why.
    tree.write("replylint.toml", "[channels.chat]\nmax-lenght = 10\n");
    for tool in ["check_reply", "list_channels"] {
        let args = if tool == "check_reply" {
            json!({ "text": text, "channel": "chat" })
        } else {
            json!({})
        };
        let result = client.call(tool, args);
        assert_eq!(result["isError"], true, "{tool}");
        let message = result["content"][0]["text"].as_str().unwrap();
        assert!(message.contains("replylint.toml:2:1"), "{message}");
        assert!(message.contains("max-lenght"), "{message}");
    }
    // What needs no configuration still works.
    let result = client.call("explain_rule", json!({ "rule": "max-length" }));
    assert_eq!(result["isError"], false);
    let result = client.call("count_reply", json!({ "text": text }));
    assert_eq!(result["isError"], false);

    // Back to the last text that loaded.
    tree.write("replylint.toml", "[channels.chat]\nmax-length = 1000\n");
    assert!(!rules(&mut client).contains(&"max-length".to_owned()));
    // Gone: the built-in settings.
    std::fs::remove_file(tree.root.join("replylint.toml")).unwrap();
    assert!(!rules(&mut client).contains(&"max-length".to_owned()));
    tree.write(".replylint.toml", "[channels.chat]\nmax-length = 10\n");
    assert!(rules(&mut client).contains(&"max-length".to_owned()));
}

#[test]
fn config_and_no_config_choose_the_configuration() {
    let tree = Tree::new(&[
        ("replylint.toml", "[channels.chat]\nmax-length = 10\n"),
        ("team/strict.toml", "[channels.chat]\nmax-length = 5\n"),
    ]);
    let text = "Thanks for waiting.";
    let limit = |args: &[&str]| -> Option<String> {
        let (mut client, _) = Client::start_with(&tree.root, args, LATEST);
        let result = client.call("check_reply", json!({ "text": text, "channel": "chat" }));
        result["structuredContent"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == "max-length")
            .map(|d| d["message"].as_str().unwrap().to_owned())
    };
    assert!(limit(&[]).unwrap().contains("/10"));
    assert!(
        limit(&["--config", "team/strict.toml"])
            .unwrap()
            .contains("/5")
    );
    assert_eq!(limit(&["--no-config"]), None);
    // A missing --config file is the calls' error, not the server's end.
    let (mut client, _) = Client::start_with(&tree.root, &["--config", "nope.toml"], LATEST);
    let result = client.call("check_reply", json!({ "text": text }));
    assert_eq!(result["isError"], true);
    assert!(
        result["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("nope.toml")
    );
}

// ------------------------------------------------ any message, no panic

use proptest::strategy::Strategy as _;

/// Any JSON value, a few levels deep, with the strings a request may
/// hold (method names, tool names, argument names and values).
fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let words = prop_oneof![
        Just("jsonrpc".to_owned()),
        Just("2.0".to_owned()),
        Just("id".to_owned()),
        Just("method".to_owned()),
        Just("params".to_owned()),
        Just("initialize".to_owned()),
        Just("protocolVersion".to_owned()),
        Just("2025-03-26".to_owned()),
        Just("tools/call".to_owned()),
        Just("tools/list".to_owned()),
        Just("name".to_owned()),
        Just("arguments".to_owned()),
        Just("check_reply".to_owned()),
        Just("count_reply".to_owned()),
        Just("explain_rule".to_owned()),
        Just("list_channels".to_owned()),
        Just("text".to_owned()),
        Just("channel".to_owned()),
        Just("language".to_owned()),
        Just("mode".to_owned()),
        Just("rule".to_owned()),
        Just("cursor".to_owned()),
        ".{0,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        words.clone().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(words.clone(), inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A message close to a real one: a request or notification whose
/// method, id and params are anything.
fn any_message() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let method = prop_oneof![
        Just(json!("initialize")),
        Just(json!("ping")),
        Just(json!("tools/list")),
        Just(json!("tools/call")),
        Just(json!("notifications/initialized")),
        any_json(),
    ];
    let tool = prop_oneof![
        Just(json!("check_reply")),
        Just(json!("count_reply")),
        Just(json!("explain_rule")),
        Just(json!("list_channels")),
        any_json(),
    ];
    let arguments = prop_oneof![
        any_json(),
        (".{0,80}", any_json())
            .prop_map(|(text, channel)| json!({ "text": text, "channel": channel })),
        ".{0,80}".prop_map(|text| json!({ "text": text, "mode": "template" })),
    ];
    (
        method,
        prop_oneof![Just(json!(1)), any_json()],
        tool,
        arguments,
        any_json(),
    )
        .prop_map(|(method, id, tool, arguments, other)| {
            if method == "tools/call" {
                json!({ "jsonrpc": "2.0", "id": id, "method": method,
                        "params": { "name": tool, "arguments": arguments } })
            } else if method == "initialize" {
                json!({ "jsonrpc": "2.0", "id": id, "method": method,
                        "params": { "protocolVersion": other } })
            } else {
                json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": other })
            }
        })
}

/// Whether `answer` is a JSON-RPC response: a result or an error with an
/// integer code, never both, and not the internal error a panic caught
/// in a tool becomes.
fn is_response(answer: &Value) -> bool {
    answer["jsonrpc"] == "2.0"
        && answer.get("id").is_some()
        && (answer.get("result").is_some() != answer.get("error").is_some())
        && answer
            .get("error")
            .is_none_or(|e| e["code"].is_i64() && e["message"].is_string() && e["code"] != -32603)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 256,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Any line, in a session initialized in any version: an answer that
    /// is a JSON-RPC response (or a batch of them), or none, and never a
    /// panic (which a test build would turn into an internal error).
    #[test]
    fn any_message_gets_a_well_formed_answer_or_none(
        version in proptest::sample::select(vec!["2025-06-18", "2025-03-26", "2024-11-05"]),
        messages in proptest::collection::vec(
            proptest::prop_oneof![any_message(), any_json(), any_message().prop_map(|m| json!([m, m]))],
            1..6,
        ),
        garbage in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
    ) {
        let mut log = Vec::new();
        let options = replylint_mcp::Options {
            no_config: true,
            cwd: std::env::temp_dir(),
            ..replylint_mcp::Options::default()
        };
        let mut server = replylint_mcp::server::Server::new(options, &mut log);
        let init = json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize",
                           "params": { "protocolVersion": version } });
        server.handle(init.to_string().as_bytes());
        let mut lines: Vec<Vec<u8>> = messages.iter().map(|m| m.to_string().into_bytes()).collect();
        lines.push(garbage);
        for line in lines {
            if let Some(answer) = server.handle(&line) {
                match &answer {
                    Value::Array(answers) => {
                        proptest::prop_assert!(!answers.is_empty());
                        for a in answers {
                            proptest::prop_assert!(is_response(a), "{a}");
                        }
                    }
                    single => proptest::prop_assert!(is_response(single), "{single}"),
                }
            }
        }
    }
}

/// Each diagnostic's rule, message and byte offsets: what `check_reply`
/// and `check --format json` must agree on.
fn essentials(diagnostics: &Value) -> Vec<(Value, Value, Value, Value)> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].clone(),
                d["message"].clone(),
                d["start"]["offset"].clone(),
                d["end"]["offset"].clone(),
            )
        })
        .collect()
}
