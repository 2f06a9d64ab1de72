// Same answers everywhere: each draft through the command line
// (`replylint check - --format json`, `replylint count - --format json`)
// and through the WebAssembly bindings must give the same diagnostics,
// input errors and counts. The binary is $REPLYLINT_BIN, else
// target/debug/replylint (scripts/test-playground.sh builds it).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import replylint, { ITALIAN_SMS, utf16Of } from "./load.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = process.env.REPLYLINT_BIN ?? join(root, "target/debug/replylint");
const TODAY = "2026-01-15";
const work = mkdtempSync(join(tmpdir(), "replylint-parity-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** An example draft's body: its front matter left out (the playground has
 * none: its pickers say what front matter would). */
function example(path) {
  return readFileSync(join(root, "examples/drafts", path), "utf8")
    .replace(/^\+\+\+\n[\s\S]*?\n\+\+\+\n/, "")
    .replace(/\n$/, "");
}

const CONFIG = `language = "en"

[rules]
exclamation = "error"

[channels.kiosk]
extends = "sms"
max-segments = 2

[[rule]]
id = "no-asap"
kind = "forbid"
message = "Say when, not ASAP"
regex = "\\\\bASAP\\\\b"
`;

const DRAFTS = [
  { name: "Italian SMS, typographic apostrophe", text: ITALIAN_SMS, channel: "sms", lang: "it" },
  { name: "Italian SMS example", text: example("sms/appointment.it.txt"), channel: "sms", lang: "it" },
  { name: "300-character tweet", text: "Thanks for waiting. ".repeat(15), channel: "twitter" },
  { name: "tweet example", text: example("twitter/late-delivery.txt"), channel: "x", lang: "en" },
  { name: "chat example", text: example("chat/dear-anna.txt"), channel: "chat" },
  { name: "English e-mail example", text: example("email/refund.en.md"), channel: "email", lang: "en" },
  { name: "Italian template", text: example("email/rimborso.it.md"), channel: "email", lang: "it", mode: "template" },
  { name: "Italian draft with placeholders", text: example("email/rimborso.it.md"), channel: "email", lang: "it", mode: "draft" },
  { name: "emoji and CRLF", text: "Hi 😀 Anna,\r\nyour order 🚚 is late!!!\r\nsorry  about that.\r\n", channel: "whatsapp", lang: "en" },
  { name: "shouting and spelling", text: "PLEASE NOTE: we have recieved your complaint and will definately answer ASAP.", channel: "email", lang: "en" },
  { name: "personal data", text: "Hi, your card 4111 1111 1111 1111 was charged; call +39 333 123 4567 or write to mario.rossi@example.com.", channel: "twitter", lang: "en" },
  { name: "suppression comments", text: "<!-- replylint-disable exclamation -->\nGreat news!!!\n<!-- replylint-disable-next-line max-lenght -->\nBye", channel: "chat", lang: "en" },
  { name: "German informal mix", text: "Sehr geehrte Frau Müller, danke für deine Nachricht. Wir melden uns bei Ihnen.", channel: "email", lang: "de" },
  { name: "French", text: "Bonjour Madame, votre commande est en route ; vous la recevrez demain !", channel: "sms", lang: "fr" },
  { name: "Spanish tweet", text: "¡Hola! Lamentamos el retraso, tu pedido llegará mañana.", channel: "twitter" },
  { name: "Portuguese", text: "Olá, obrigado pelo contato. O seu reembolso foi aprovado.", channel: "chat" },
  { name: "a config with its own channel and rule", text: "We will call you back ASAP!", channel: "kiosk", config: CONFIG },
  { name: "expired promotion", text: "Use code SUMMER20 before 31 December 2025 for 20% off.", channel: "email", lang: "en" },
  { name: "empty", text: "", channel: "sms" },
  { name: "final newline", text: "Thanks, Anna.\n", channel: "sms", lang: "en" },
];

function cli(args, input) {
  const r = spawnSync(bin, args, { input, cwd: work, encoding: "utf8" });
  // 2: an input error (a misspelt rule in a suppression comment), still
  // in the document.
  assert.ok([0, 1, 2].includes(r.status) && r.stdout, `${args.join(" ")}: exit ${r.status}\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const position = (p) => ({ line: p.line, column: p.column, column_utf16: p.column_utf16, offset: p.offset });

/** A diagnostic as both give it, without the CLI's path, reply and
 * channel fields and the module's UTF-16 offsets. */
const essentials = (d) => ({
  rule: d.rule,
  severity: d.severity,
  message: d.message,
  help: d.help,
  part: d.part ?? null,
  start: position(d.start),
  end: position(d.end),
  fix: d.fix && {
    applicability: d.fix.applicability,
    edits: d.fix.edits.map((e) => ({ start: position(e.start), end: position(e.end), content: e.content })),
  },
});

test("the binary is there", () => {
  assert.ok(existsSync(bin), `${bin} not built`);
});

for (const draft of DRAFTS) {
  test(`same diagnostics and counts: ${draft.name}`, () => {
    const args = ["check", "-", "--format", "json", "--color", "never", "--today", TODAY];
    const options = { today: TODAY };
    if (draft.channel) args.push("--channel", (options.channel = draft.channel));
    if (draft.lang) args.push("--lang", (options.lang = draft.lang));
    if (draft.mode) args.push("--mode", (options.mode = draft.mode));
    if (draft.config) {
      const path = join(work, "replylint.toml");
      writeFileSync(path, draft.config);
      args.push("--config", path);
      options.config = draft.config;
    } else {
      args.push("--no-config");
    }
    const expected = cli(args, draft.text);
    const got = replylint.check(draft.text, options);
    assert.deepEqual(got.diagnostics.map(essentials), expected.diagnostics.map(essentials));
    assert.deepEqual(
      got.errors.map((e) => [e.line, e.column, e.message]),
      expected.errors.map((e) => [e.line, e.column, e.message]),
    );
    for (const d of got.diagnostics) {
      assert.equal(d.start.utf16, utf16Of(draft.text, d.start.offset));
      assert.equal(d.end.utf16, utf16Of(draft.text, d.end.offset));
    }

    const countArgs = ["count", "-", "--format", "json"];
    if (draft.lang) countArgs.push("--lang", draft.lang);
    const counts = cli(countArgs, draft.text);
    const mine = replylint.count(draft.text, draft.lang);
    for (const c of mine.sms_non_gsm) {
      assert.equal(c.utf16, utf16Of(draft.text, c.position.offset));
      delete c.utf16;
    }
    assert.deepEqual(mine, counts);
  });
}

test("the drafts cover what matters", () => {
  // Not a parity test that compares empty lists: most drafts have problems.
  const rules = new Set();
  for (const draft of DRAFTS) {
    for (const d of replylint.check(draft.text, { ...draft, name: undefined, text: undefined, today: TODAY }).diagnostics) {
      rules.add(d.rule);
    }
  }
  for (const rule of ["sms-encoding", "sms-segments", "max-length", "exclamation", "placeholder", "spelling", "personal-data", "no-asap"]) {
    assert.ok(rules.has(rule), `no draft gives ${rule}: ${[...rules].join(", ")}`);
  }
});
