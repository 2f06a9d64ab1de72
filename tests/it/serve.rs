//! `replylint serve`: the real binary on a free port of 127.0.0.1, driven
//! over HTTP: LanguageTool's API and replylint's own, their shapes and
//! offsets, the limits (413, 503, 504), the token, CORS, the `Host`
//! check, inputs that look like paths, garbage, configuration reloads
//! and the access log.

use crate::common::Tree;
use crate::common::http::{Server, form, request_bytes};
use serde_json::{Value, json};
use std::io::Write;
use std::time::{Duration, Instant};

/// A chat draft with an emoji with a skin tone (4 UTF-16 units), an
/// accent written as a combining mark, CJK and a dash before its three
/// problems: `the the`, `teh`, and two spaces.
const DRAFT: &str =
    "Ciao 👍🏽 María (e\u{301}) 東京 — please check the the order, teh parcel  is late.";

/// `text` as Java holds it.
fn utf16(text: &str) -> Vec<u16> {
    text.encode_utf16().collect()
}

/// The UTF-16 offset of the first `part` of `text`.
fn offset_of(text: &str, part: &str) -> usize {
    utf16(&text[..text.find(part).expect("in the text")]).len()
}

/// The text of a match as a client reads it: `length` units at `offset`.
fn matched(text: &str, m: &Value) -> String {
    let (offset, length) = (
        m["offset"].as_u64().unwrap() as usize,
        m["length"].as_u64().unwrap() as usize,
    );
    String::from_utf16(&utf16(text)[offset..offset + length]).expect("whole characters")
}

fn rule_matches<'a>(answer: &'a Value, rule: &str) -> Vec<&'a Value> {
    answer["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .filter(|m| m["rule"]["id"] == rule)
        .collect()
}

fn server(args: &[&str]) -> (Tree, Server) {
    let tree = Tree::new(&[]);
    let server = Server::start(&tree.root, args);
    (tree, server)
}

/// The version, which changes with every release, out of a snapshot.
fn without_version(mut answer: Value) -> Value {
    answer["software"]["version"] = json!("[version]");
    answer
}

#[test]
fn languagetool_answers_in_its_own_shape() {
    let (_tree, server) = server(&["--no-config"]);
    let answer = server.form(
        "/v2/check",
        &[("text", DRAFT), ("language", "en-US"), ("channel", "chat")],
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.header("content-type"), Some("application/json"));
    insta::assert_json_snapshot!("languagetool_check", without_version(answer.json()));
    let languages = server.get("/v2/languages");
    assert_eq!(languages.status, 200);
    insta::assert_json_snapshot!("languagetool_languages", languages.json());
}

#[test]
fn offsets_count_utf16_units_past_emoji_cjk_and_combining_accents() {
    let (_tree, server) = server(&["--no-config"]);
    let answer = server
        .form(
            "/v2/check",
            &[("text", DRAFT), ("language", "en-US"), ("channel", "chat")],
        )
        .json();
    let spelling = rule_matches(&answer, "spelling");
    assert_eq!(spelling.len(), 1, "{answer:#}");
    assert_eq!(spelling[0]["offset"], offset_of(DRAFT, "teh"));
    assert_eq!(matched(DRAFT, spelling[0]), "teh");
    let whitespace = rule_matches(&answer, "whitespace");
    assert_eq!(whitespace[0]["offset"], offset_of(DRAFT, "  "));
    assert_eq!(matched(DRAFT, whitespace[0]), "  ");
    assert_eq!(whitespace[0]["replacements"], json!([{ "value": " " }]));
    let repeated = rule_matches(&answer, "repeated-word");
    assert!(matched(DRAFT, repeated[0]).contains("the"), "{answer:#}");
    // Bytes or code points would put the match elsewhere: the emoji is 8
    // bytes and 2 code points, the accent 3 bytes and 2 code points.
    assert_ne!(offset_of(DRAFT, "teh"), DRAFT.find("teh").unwrap());
    assert_ne!(
        offset_of(DRAFT, "teh"),
        DRAFT[..DRAFT.find("teh").unwrap()].chars().count()
    );
    // The context counts in units too, and shows the match where it says.
    let context = &spelling[0]["context"];
    let shown = utf16(context["text"].as_str().unwrap());
    let at = context["offset"].as_u64().unwrap() as usize;
    assert_eq!(String::from_utf16(&shown[at..at + 3]).unwrap(), "teh");
    // The same text with CRLF line breaks and a BOM: each is counted.
    let text = format!("\u{feff}Hi 😀,\r\n\r\n{DRAFT}");
    let answer = server
        .form(
            "/v2/check",
            &[("text", &text), ("language", "en-US"), ("channel", "chat")],
        )
        .json();
    let spelling = rule_matches(&answer, "spelling");
    assert_eq!(spelling[0]["offset"], offset_of(&text, "teh"), "{answer:#}");
}

#[test]
fn annotated_text_is_checked_without_its_markup_and_mapped_back() {
    let (_tree, server) = server(&["--no-config"]);
    let data = json!({"annotation": [
        {"text": "Ciao 👍🏽 "},
        {"markup": "<b class=\"x\">"},
        {"text": "María"},
        {"markup": "</b>"},
        {"markup": "<br>", "interpretAs": "\n"},
        {"text": "please check the the order, "},
        {"markup": "<i>"},
        {"text": "teh"},
        {"markup": "</i>"},
        {"text": " parcel  is late."}
    ]});
    let original = "Ciao 👍🏽 <b class=\"x\">María</b><br>please check the the order, <i>teh</i> parcel  is late.";
    for body in [
        server.form(
            "/v2/check",
            &[
                ("data", &data.to_string()),
                ("language", "en"),
                ("channel", "chat"),
            ],
        ),
        server.json(
            "/v2/check",
            &json!({"data": data, "language": "en", "channel": "chat"}),
        ),
    ] {
        assert_eq!(body.status, 200, "{}", body.text());
        let answer = body.json();
        let spelling = rule_matches(&answer, "spelling");
        assert_eq!(spelling.len(), 1, "{answer:#}");
        assert_eq!(spelling[0]["offset"], offset_of(original, "teh"));
        assert_eq!(matched(original, spelling[0]), "teh");
        let whitespace = rule_matches(&answer, "whitespace");
        assert_eq!(matched(original, whitespace[0]), "  ");
        // The markup was not checked: no match inside a tag.
        for m in answer["matches"].as_array().unwrap() {
            assert!(!matched(original, m).contains('<'), "{m:#}");
        }
    }
    // As LTeX sends it: a form labelled JSON, with its other fields.
    let ltex = server.request(
        "POST",
        "/v2/check",
        &[("Content-Type", "application/json")],
        form(&[
            ("language", "en-US"),
            ("data", &data.to_string()),
            ("username", "someone@example.com"),
            ("apiKey", "unused"),
            ("level", "picky"),
            ("motherTongue", "it"),
            ("channel", "chat"),
        ])
        .as_bytes(),
    );
    assert_eq!(ltex.status, 200, "{}", ltex.text());
    let spelling = rule_matches(&ltex.json(), "spelling")[0].clone();
    assert_eq!(matched(original, &spelling), "teh");
    assert!(
        spelling["sentence"]
            .as_str()
            .unwrap()
            .ends_with("please check the the order, teh parcel  is late."),
        "{spelling:#}"
    );
    // Annotations LanguageTool refuses are refused.
    let bad = server.form(
        "/v2/check",
        &[("data", r#"{"annotation":[{"text":"a","markup":"<b>"}]}"#)],
    );
    assert_eq!(bad.status, 400);
    let both = server.form("/v2/check", &[("data", "{}"), ("text", "x")]);
    assert_eq!(both.status, 400);
    assert!(both.json()["error"].as_str().unwrap().contains("not both"));
}

#[test]
fn form_json_and_get_ask_the_same() {
    let (_tree, server) = server(&["--no-config"]);
    let by_form = server
        .form(
            "/v2/check",
            &[("text", DRAFT), ("language", "en-US"), ("channel", "chat")],
        )
        .json();
    let by_json = server
        .json(
            "/v2/check",
            &json!({"text": DRAFT, "language": "en-US", "channel": "chat"}),
        )
        .json();
    let query = form(&[("text", DRAFT), ("language", "en-US"), ("channel", "chat")]);
    let by_get = server.get(&format!("/v2/check?{query}")).json();
    assert_eq!(by_form, by_json);
    assert_eq!(by_form, by_get);
}

#[test]
fn languagetool_fields_choose_the_rules_and_the_language() {
    let (_tree, server) = server(&["--no-config"]);
    let check = |fields: &[(&str, &str)]| {
        let mut all = vec![("text", DRAFT), ("channel", "chat")];
        all.extend_from_slice(fields);
        let answer = server.form("/v2/check", &all);
        assert_eq!(answer.status, 200, "{}", answer.text());
        answer.json()
    };
    let rules = |answer: &Value| -> Vec<String> {
        let mut ids: Vec<String> = answer["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["rule"]["id"].as_str().unwrap().to_owned())
            .collect();
        ids.dedup();
        ids
    };
    let all = check(&[("language", "en-US")]);
    assert!(rules(&all).contains(&"spelling".to_owned()));
    let without = check(&[
        ("language", "en-US"),
        ("disabledRules", "spelling,whitespace"),
    ]);
    assert!(!rules(&without).contains(&"spelling".to_owned()));
    assert!(!rules(&without).contains(&"whitespace".to_owned()));
    assert!(rules(&without).contains(&"repeated-word".to_owned()));
    let only = check(&[
        ("language", "en-US"),
        ("enabledRules", "spelling"),
        ("enabledOnly", "true"),
    ]);
    assert_eq!(rules(&only), ["spelling"]);
    let typos = check(&[("enabledCategories", "TYPOS"), ("enabledOnly", "true")]);
    assert!(
        rules(&typos)
            .iter()
            .all(|r| r == "spelling" || r == "repeated-word")
    );
    // `auto` detects the language; a code of the six with a region is
    // one of them; another language is refused as LanguageTool refuses it.
    let auto = check(&[("language", "auto")]);
    assert_eq!(auto["language"]["detectedLanguage"]["code"], "en");
    let german = server
        .form(
            "/v2/check",
            &[
                (
                    "text",
                    "Sehr geehrte Frau Müller, vielen Dank für Ihre Nachricht.",
                ),
                ("language", "de-AT"),
            ],
        )
        .json();
    assert_eq!(german["language"]["code"], "de-AT");
    assert_eq!(german["language"]["name"], "German (Austria)");
    let dutch = server.form("/v2/check", &[("text", "Hallo"), ("language", "nl-NL")]);
    assert_eq!(dutch.status, 400);
    assert!(dutch.json()["error"].as_str().unwrap().contains("'nl-NL'"));
    // replylint's own fields: an unknown channel is refused; `mode`.
    let unknown = server.form("/v2/check", &[("text", "Hi"), ("channel", "twiter")]);
    assert_eq!(unknown.status, 400);
    assert!(unknown.text().contains("twitter"), "{}", unknown.text());
    let template = check(&[("language", "en"), ("mode", "template")]);
    assert_eq!(
        template["matches"].as_array().unwrap().len(),
        all["matches"].as_array().unwrap().len()
    );
    let placeholder = server
        .form(
            "/v2/check",
            &[
                ("text", "Hi {{name}}, thanks!"),
                ("language", "en"),
                ("mode", "draft"),
            ],
        )
        .json();
    assert_eq!(rule_matches(&placeholder, "placeholder").len(), 1);
    let placeholder = server
        .form(
            "/v2/check",
            &[
                ("text", "Hi {{name}}, thanks!"),
                ("language", "en"),
                ("mode", "template"),
            ],
        )
        .json();
    assert!(rule_matches(&placeholder, "placeholder").is_empty());
    // LanguageTool's own `mode` values are not replylint's: ignored.
    let lt_mode = check(&[("language", "en-US"), ("mode", "allButTextLevelOnly")]);
    assert_eq!(lt_mode, all);
    // A rule its channel turns off (`text-speak` on chat) runs when
    // enabled by name.
    let slang = |fields: &[(&str, &str)]| {
        let mut all = vec![
            ("text", "Hi, pls send the receipt, thx"),
            ("language", "en"),
            ("channel", "chat"),
        ];
        all.extend_from_slice(fields);
        server.form("/v2/check", &all).json()
    };
    assert!(rule_matches(&slang(&[]), "text-speak").is_empty());
    assert_eq!(
        rule_matches(&slang(&[("enabledRules", "text-speak")]), "text-speak").len(),
        2
    );
}

#[test]
fn the_api_answers_what_check_and_count_print() {
    let tree = Tree::new(&[]);
    let server = Server::start(&tree.root, &["--no-config"]);
    let text = format!("+++\nlanguage = \"en\"\n+++\n{DRAFT}\n");
    let answer = server.json(
        "/api/v1/check",
        &json!({"text": text, "channel": "chat", "mode": "draft"}),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    let cli = tree.run_at(
        "",
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--channel",
            "chat",
            "--mode",
            "draft",
            "-",
        ],
        Some(&text),
    );
    assert_eq!(
        answer.text(),
        cli.stdout.replace("<stdin>", "<request>"),
        "the API's JSON is check's"
    );
    // A text/plain body is the text, the other fields in the query.
    let plain = server.request(
        "POST",
        "/api/v1/check?channel=chat&mode=draft",
        &[("Content-Type", "text/plain; charset=utf-8")],
        text.as_bytes(),
    );
    assert_eq!(plain.text(), answer.text());
    let count = server.form("/api/v1/count", &[("text", DRAFT), ("language", "en")]);
    assert_eq!(count.status, 200, "{}", count.text());
    let cli = tree.run_at(
        "",
        &["count", "--format", "json", "--lang", "en", "-"],
        Some(DRAFT),
    );
    assert_eq!(count.text(), cli.stdout);
    // Fields are checked, with a suggestion.
    let misspelt = server.json("/api/v1/check", &json!({"text": "Hi", "chanel": "chat"}));
    assert_eq!(misspelt.status, 400);
    assert!(
        misspelt.text().contains("did you mean `channel`"),
        "{}",
        misspelt.text()
    );
    let missing = server.json("/api/v1/check", &json!({"channel": "chat"}));
    assert_eq!(missing.status, 400);
    let mode = server.json("/api/v1/check", &json!({"text": "Hi", "mode": "drat"}));
    assert_eq!(mode.status, 400);
    // An error about the text is in the document, as check reports it.
    let unclosed = server.json(
        "/api/v1/check",
        &json!({"text": "+++\nchannel = \"chat\"\nHi"}),
    );
    assert_eq!(unclosed.status, 400, "{}", unclosed.text());
    let suppression = server
        .json(
            "/api/v1/check",
            &json!({"text": "<!-- replylint-disable-next-line spellin -->\nHi teh"}),
        )
        .json();
    assert_eq!(suppression["summary"]["input_errors"], 1, "{suppression:#}");
    insta::assert_json_snapshot!("api_errors", suppression["errors"]);
}

#[test]
fn a_body_over_the_limit_is_refused_with_413_and_the_server_goes_on() {
    let (_tree, mut server) = server(&["--no-config"]);
    let big = "a".repeat(2_000_000);
    let answer = server.form("/v2/check", &[("text", &big), ("language", "en")]);
    assert_eq!(answer.status, 413);
    insta::assert_json_snapshot!("too_large", answer.json());
    // With `Expect: 100-continue` the answer comes before the body.
    let mut stream = server.connect();
    let head = "POST /api/v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n\
                Content-Length: 2000000\r\nExpect: 100-continue\r\n\r\n";
    stream.write_all(head.as_bytes()).unwrap();
    let early = crate::common::http::read_response(&mut stream);
    assert_eq!(early.status, 413);
    assert_eq!(early.header("connection"), Some("close"));
    // A smaller --max-body, in KiB; just under it passes.
    let (_tree2, small) = self::server(&["--no-config", "--max-body", "1k"]);
    let fits = small.request(
        "POST",
        "/api/v1/count",
        &[("Content-Type", "text/plain")],
        &[b'a'; 1024],
    );
    assert_eq!(fits.status, 200, "{}", fits.text());
    let over = small.request(
        "POST",
        "/api/v1/count",
        &[("Content-Type", "text/plain")],
        &[b'a'; 1025],
    );
    assert_eq!(over.status, 413);
    // Still answering.
    assert!(server.alive());
    assert_eq!(server.get("/healthz").status, 200);
    let ok = server.form("/v2/check", &[("text", "Hi there."), ("language", "en")]);
    assert_eq!(ok.status, 200);
}

#[test]
fn requests_beyond_max_in_flight_get_503() {
    let (_tree, server) = server(&["--no-config", "--max-in-flight", "1"]);
    // A request in flight: its headers sent, its body not all.
    let body = form(&[("text", "Hi there."), ("language", "en")]);
    let head = request_bytes(
        "POST",
        "/v2/check",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    let cut = head.len() - body.len() + 3;
    let start_slow = || {
        let slow = server.connect();
        (&slow).write_all(&head[..cut]).unwrap();
        slow
    };
    let mut slow = start_slow();
    // Once the server holds it, one more is refused. (Should one of these
    // have held the only share when the slow one came, the slow one was
    // refused: it starts again.)
    let deadline = Instant::now() + Duration::from_secs(30);
    let refused = loop {
        std::thread::sleep(Duration::from_millis(50));
        let other = server.form("/v2/check", &[("text", "Hi."), ("language", "en")]);
        if other.status == 503 || Instant::now() > deadline {
            break other;
        }
        slow.set_nonblocking(true).unwrap();
        let answered = slow.peek(&mut [0; 1]).is_ok();
        slow.set_nonblocking(false).unwrap();
        if answered {
            slow = start_slow();
        }
    };
    assert_eq!(refused.status, 503, "{}", refused.text());
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert!(refused.text().contains("--max-in-flight"));
    // The health check takes no share.
    assert_eq!(server.get("/healthz").status, 200);
    // The first one finishes, and then others pass again.
    slow.write_all(&head[cut..]).unwrap();
    let first = crate::common::http::read_response(&mut slow);
    assert_eq!(first.status, 200, "{}", first.text());
    let after = server.form("/v2/check", &[("text", "Hi."), ("language", "en")]);
    assert_eq!(after.status, 200);
}

#[test]
fn a_request_past_the_time_limit_gets_504() {
    let (_tree, server) = server(&["--no-config", "--timeout", "300ms"]);
    // A body that never comes.
    let mut stream = server.connect();
    stream
        .write_all(
            b"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\ntext=",
        )
        .unwrap();
    let started = Instant::now();
    let late = crate::common::http::read_response(&mut stream);
    assert_eq!(late.status, 504, "{}", late.text());
    assert!(late.text().contains("300 ms"), "{}", late.text());
    assert!(started.elapsed() < Duration::from_secs(20));
    // A lint longer than the limit: 900 KB of text lints for some 0.3 s
    // in a release build, seconds in a debug one.
    let (_tree, mut server) = self::server(&["--no-config", "--timeout", "50ms"]);
    let words = "lorem ipsum dolor sit amet teh parcel  is late ".repeat(19_000);
    let long = server.request(
        "POST",
        "/api/v1/check",
        &[("Content-Type", "text/plain")],
        words.as_bytes(),
    );
    assert_eq!(long.status, 504, "{}", long.text());
    assert!(server.alive());
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn beyond_loopback_a_token_is_required() {
    let tree = Tree::new(&[]);
    let refused = std::process::Command::new(assert_cmd::cargo::cargo_bin("replylint"))
        .args(["serve", "--listen", "0.0.0.0", "--port", "0", "--no-config"])
        .current_dir(&tree.root)
        .env_remove("REPLYLINT_TOKEN")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("needs a token"), "{stderr}");
    // With a token (on loopback here): every request but the health check
    // must bring it.
    for server in [
        Server::start(&tree.root, &["--no-config", "--token", "s3cret-t0ken"]),
        Server::start_with_env(
            &tree.root,
            &["--no-config"],
            &[("REPLYLINT_TOKEN", "s3cret-t0ken")],
        ),
    ] {
        let fields = form(&[("text", "Hi teh."), ("language", "en")]);
        let post = |headers: &[(&str, &str)], body: &str| {
            let mut all = vec![("Content-Type", "application/x-www-form-urlencoded")];
            all.extend_from_slice(headers);
            server.request("POST", "/v2/check", &all, body.as_bytes())
        };
        let none = post(&[], &fields);
        assert_eq!(none.status, 401);
        assert_eq!(
            none.header("www-authenticate"),
            Some("Bearer realm=\"replylint\"")
        );
        assert_eq!(
            post(&[("Authorization", "Bearer s3cret-t0keN")], &fields).status,
            401
        );
        assert_eq!(
            post(&[("Authorization", "Bearer s3cret")], &fields).status,
            401
        );
        assert_eq!(
            post(&[("Authorization", "Bearer s3cret-t0ken")], &fields).status,
            200
        );
        // LanguageTool's `apiKey` field, for clients without headers.
        assert_eq!(
            post(&[], &format!("{fields}&apiKey=s3cret-t0ken")).status,
            200
        );
        assert_eq!(post(&[], &format!("{fields}&apiKey=wrong")).status, 401);
        assert_eq!(
            server.json("/api/v1/count", &json!({"text": "Hi"})).status,
            401
        );
        assert_eq!(
            server
                .json(
                    "/api/v1/count",
                    &json!({"text": "Hi", "apiKey": "s3cret-t0ken"})
                )
                .status,
            401,
            "the apiKey field is /v2/check's only"
        );
        // Fixed texts, asked for before a client sends its token.
        assert_eq!(server.get("/v2/languages").status, 200);
        assert_eq!(server.get("/healthz").status, 200);
        // With a token, any Host is fine.
        let other_host = server.request(
            "GET",
            "/v2/languages",
            &[
                ("Host", "replylint.internal"),
                ("Authorization", "Bearer s3cret-t0ken"),
            ],
            b"",
        );
        assert_eq!(other_host.status, 200);
    }
}

#[test]
fn without_a_token_only_loopback_host_names_are_answered() {
    let (_tree, server) = server(&["--no-config"]);
    for host in ["localhost:8081", "127.0.0.1", "[::1]:8081"] {
        let answer = server.request("GET", "/v2/languages", &[("Host", host)], b"");
        assert_eq!(answer.status, 200, "{host}");
    }
    // A page of another site whose name resolves to 127.0.0.1.
    let rebound = server.request(
        "GET",
        "/v2/languages",
        &[("Host", "evil.example:8081")],
        b"",
    );
    assert_eq!(rebound.status, 403);
}

#[test]
fn cors_headers_only_for_the_origins_listed() {
    let preflight = |server: &Server, origin: &str| {
        server.request(
            "OPTIONS",
            "/v2/check",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            b"",
        )
    };
    let post = |server: &Server, origin: &str| {
        server.request(
            "POST",
            "/v2/check",
            &[
                ("Origin", origin),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            form(&[("text", "Hi."), ("language", "en")]).as_bytes(),
        )
    };
    let page = "https://helpdesk.example.com";
    let (_tree, closed) = server(&["--no-config"]);
    assert_eq!(
        preflight(&closed, page).header("access-control-allow-origin"),
        None
    );
    let answer = post(&closed, page);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("access-control-allow-origin"), None);
    let (_tree, open) = server(&["--no-config", "--cors-origin", page]);
    let allowed = preflight(&open, page);
    assert_eq!(allowed.status, 200);
    assert_eq!(allowed.header("access-control-allow-origin"), Some(page));
    assert!(
        allowed
            .header("access-control-allow-methods")
            .is_some_and(|m| m.contains("POST"))
    );
    assert_eq!(
        post(&open, page).header("access-control-allow-origin"),
        Some(page)
    );
    let other = "https://elsewhere.example";
    assert_eq!(
        preflight(&open, other).header("access-control-allow-origin"),
        None
    );
    assert_eq!(
        post(&open, other).header("access-control-allow-origin"),
        None
    );
}

#[test]
fn inputs_that_look_like_paths_read_nothing() {
    const MARKER: &str = "SECRET-MARKER-4b1d";
    let tree = Tree::new(&[("secret.txt", MARKER), ("sub/secret.md", MARKER)]);
    let server = Server::start(&tree.root, &["--no-config"]);
    let secret = tree.root.join("secret.txt").display().to_string();
    let file_url = format!("file://{secret}");
    let paths = [
        "secret.txt",
        "./secret.txt",
        "sub/secret.md",
        secret.as_str(),
        file_url.as_str(),
        "/etc/passwd",
        "../../../../etc/passwd",
    ];
    let mut answers = Vec::new();
    for path in paths {
        answers.push(server.form("/v2/check", &[("text", path), ("language", "en")]));
        answers.push(server.form("/v2/check", &[("text", "Hi."), ("channel", path)]));
        answers.push(server.form("/v2/check", &[("text", "Hi."), ("language", path)]));
        answers.push(server.form(
            "/v2/check",
            &[("data", &json!({"annotation": [{"text": path}]}).to_string())],
        ));
        answers.push(server.json("/api/v1/check", &json!({"text": path})));
        answers.push(server.json("/api/v1/check", &json!({"text": "Hi.", "path": path})));
        answers.push(server.json(
            "/api/v1/check",
            &json!({"text": "Hi.", "stdin_filename": path, "config": path}),
        ));
        answers.push(server.json("/api/v1/count", &json!({"text": path})));
        answers.push(server.get(&format!("/{path}")));
        answers.push(server.get(&format!("/v2/check/../../{path}")));
    }
    for answer in &answers {
        let text = answer.text();
        assert!(!text.contains(MARKER), "{text}");
        assert!(!text.contains("root:x:0:0"), "{text}");
        assert!(answer.status < 500, "{} {text}", answer.status);
    }
    // A text that is a path is checked as the text it is.
    let answer = server
        .json("/api/v1/check", &json!({"text": secret}))
        .json();
    assert_eq!(answer["summary"]["files"], 1);
    assert_eq!(answer["summary"]["replies"], 1);
    assert_eq!(answer["errors"], json!([]));
}

/// A small deterministic generator (xorshift), for garbage.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() as usize % items.len()]
    }
}

#[test]
fn garbage_never_breaks_the_server() {
    let (_tree, mut server) = server(&["--no-config", "--max-body", "64k"]);
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    let paths = [
        "/v2/check",
        "/api/v1/check",
        "/api/v1/count",
        "/v2/languages",
        "/healthz",
        "/x",
    ];
    let types = [
        "application/json",
        "application/x-www-form-urlencoded",
        "text/plain",
        "multipart/form-data; boundary=x",
        "",
    ];
    let shapes: Vec<Vec<u8>> = vec![
        b"{\"text\": \"\\ud800\"}".to_vec(),
        format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
        b"{\"text\": 1e999999, \"language\": [1, {}]}".to_vec(),
        b"{\"data\": {\"annotation\": [{\"markup\": \"<b>\", \"interpretAs\": \"\\u0000\"}, {\"text\": \"\\u0000\\r\\r\\n\"}]}}".to_vec(),
        b"text=%ZZ%&language=%F0%9F&data=%7B".to_vec(),
        b"text=%FF%FE%00&language=en&enabledOnly=maybe".to_vec(),
        b"text=\r\n\r\n---\nchannel: [\n&language=auto".to_vec(),
        b"text=%2B%2B%2B%0Achannel+%3D+%22chat%22%0A%2B%2B%2B".to_vec(),
    ];
    let mut statuses = Vec::new();
    for i in 0..300 {
        let path = noise.pick(&paths);
        let content_type = noise.pick(&types);
        let body = if i < shapes.len() * 3 {
            shapes[i % shapes.len()].clone()
        } else {
            let len = (noise.next() % 3000) as usize;
            noise.bytes(len)
        };
        let headers: Vec<(&str, &str)> = if content_type.is_empty() {
            Vec::new()
        } else {
            vec![("Content-Type", content_type)]
        };
        let answer = server.request("POST", path, &headers, &body);
        assert!(
            answer.status < 500,
            "{path} {content_type} {body:?}: {}",
            answer.text()
        );
        statuses.push(answer.status);
    }
    // Requests that are not HTTP at all, or barely.
    for _ in 0..40 {
        let len = (noise.next() % 500) as usize;
        let mut bytes = noise.bytes(len);
        bytes.extend_from_slice(b"\r\n\r\n");
        let mut stream = server.connect();
        let _ = stream.write_all(&bytes);
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let mut rest = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stream, &mut rest);
    }
    assert!(statuses.contains(&400));
    assert!(server.alive());
    let fine = server.form("/v2/check", &[("text", "Hi teh."), ("language", "en")]);
    assert_eq!(fine.status, 200);
    assert_eq!(rule_matches(&fine.json(), "spelling").len(), 1);
}

#[test]
fn the_configuration_is_loaded_again_when_it_changes() {
    let tree = Tree::new(&[]);
    let server = Server::start(&tree.root, &[]);
    let spelling = || {
        let answer = server
            .form(
                "/v2/check",
                &[("text", "Hi, teh parcel is late."), ("language", "en")],
            )
            .json();
        rule_matches(&answer, "spelling").len()
    };
    let wait_for = |want: usize| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while spelling() != want && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
        }
        spelling()
    };
    assert_eq!(spelling(), 1);
    tree.write("replylint.toml", "[rules]\nspelling = \"off\"\n");
    assert_eq!(wait_for(0), 0, "the new config file is read");
    tree.write("replylint.toml", "[rules]\nspelling = \"offf\"\n");
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut logged = Vec::new();
    while !logged.iter().any(|l: &Value| l["event"] == "config-error") && Instant::now() < deadline
    {
        logged.extend(server.log_lines(1, Duration::from_millis(200)));
    }
    let error = logged
        .iter()
        .find(|l| l["event"] == "config-error")
        .unwrap_or_else(|| panic!("no config-error logged: {logged:#?}"));
    assert!(
        error["message"].as_str().unwrap().contains("offf"),
        "{error:#}"
    );
    assert_eq!(spelling(), 0, "the last good settings are kept");
    tree.write("replylint.toml", "[rules]\nspelling = \"warning\"\n");
    assert_eq!(wait_for(1), 1);
}

#[test]
fn every_request_is_logged_on_one_json_line_without_its_text() {
    let (_tree, server) = server(&["--no-config"]);
    server.get("/healthz");
    server.get("/v2/check?text=private-words-of-a-customer&language=en");
    server.form("/v2/check", &[("text", "more private words")]);
    server.get("/nowhere");
    let lines = server.log_lines(4, Duration::from_secs(30));
    let access: Vec<&Value> = lines.iter().filter(|l| l.get("method").is_some()).collect();
    assert_eq!(access.len(), 4, "{lines:#?}");
    for line in &access {
        let keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["method", "path", "status", "bytes", "duration_us"]);
        assert!(line["duration_us"].as_u64().is_some());
        assert!(line["bytes"].as_u64().unwrap() > 0);
    }
    assert_eq!(access[0]["path"], "/healthz");
    assert_eq!(access[1]["path"], "/v2/check");
    assert_eq!(access[2]["method"], "POST");
    assert_eq!(access[3]["status"], 404);
    let all = serde_json::to_string(&lines).unwrap();
    assert!(!all.contains("private"), "{all}");
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_with_exit_code_0() {
    let (_tree, mut server) = server(&["--no-config"]);
    assert_eq!(server.get("/healthz").status, 200);
    assert_eq!(server.terminate(), Some(0));
    let lines = server.log_lines(2, Duration::from_secs(10));
    let last = lines.last().expect("log lines");
    assert_eq!(last["event"], "stopped", "{lines:#?}");
    assert_eq!(last["signal"], "SIGTERM");
}

#[test]
fn the_command_line_names_the_channel_of_texts_that_name_none() {
    let tree = Tree::new(&[]);
    let server = Server::start(
        &tree.root,
        &["--no-config", "--channel", "sms", "--lang", "en"],
    );
    // 170 GSM-7 characters: two SMS parts where the limit is one.
    let text = "Your parcel is on its way. ".repeat(6) + "Thanks, Luca";
    let answer = server.form("/v2/check", &[("text", &text)]).json();
    assert_eq!(rule_matches(&answer, "sms-segments").len(), 1, "{answer:#}");
    assert_eq!(answer["language"]["code"], "en");
    // The request's channel wins, as the front matter's would.
    let chat = server
        .form("/v2/check", &[("text", &text), ("channel", "chat")])
        .json();
    assert!(rule_matches(&chat, "sms-segments").is_empty(), "{chat:#}");
    let front = format!("+++\nchannel = \"chat\"\n+++\n{text}");
    let answer = server.json("/api/v1/check", &json!({"text": front})).json();
    assert_eq!(
        answer["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "sms-segments")
            .count(),
        0
    );
    // A channel that does not exist stops the server before it listens.
    let refused = std::process::Command::new(assert_cmd::cargo::cargo_bin("replylint"))
        .args(["serve", "--port", "0", "--no-config", "--channel", "twiter"])
        .current_dir(&tree.root)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("did you mean `twitter`"), "{stderr}");
}
