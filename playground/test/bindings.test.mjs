// The WebAssembly bindings under Node: what the page calls, with positions
// in UTF-16 code units. Run with `npm test` (or `node --test test/bindings.test.mjs`) after
// `scripts/build-playground.sh --no-npm`.

import assert from "node:assert/strict";
import { test } from "node:test";
import replylint, { ITALIAN_SMS, applyFix, utf16Of } from "./load.mjs";

const SMS_IT = { channel: "sms", lang: "it", mode: "draft", today: "2026-01-15" };

test("an Italian SMS with a typographic apostrophe is UCS-2 in two parts until fixed", () => {
  assert.ok(ITALIAN_SMS.length > 70 && ITALIAN_SMS.length <= 160, `${ITALIAN_SMS.length}`);
  const counts = replylint.count(ITALIAN_SMS, "it");
  assert.equal(counts.sms_encoding, "ucs2");
  assert.equal(counts.sms_parts, 2);
  assert.deepEqual(
    counts.sms_non_gsm.map((c) => [c.character, c.utf16]),
    [["’", ITALIAN_SMS.indexOf("’")]],
  );

  const checked = replylint.check(ITALIAN_SMS, SMS_IT);
  assert.equal(checked.channel, "sms");
  assert.equal(checked.language, "it");
  const encoding = checked.diagnostics.find((d) => d.rule === "sms-encoding");
  assert.ok(encoding, JSON.stringify(checked.diagnostics));
  assert.equal(encoding.fix.applicability, "safe");
  const at = ITALIAN_SMS.indexOf("’");
  assert.deepEqual(
    encoding.fix.edits.map((e) => [e.start.utf16, e.end.utf16, e.content]),
    [[at, at + 1, "'"]],
  );

  const fixed = applyFix(ITALIAN_SMS, encoding.fix);
  const after = replylint.count(fixed, "it");
  assert.equal(after.sms_encoding, "gsm7");
  assert.equal(after.sms_parts, 1);
  const again = replylint.check(fixed, SMS_IT);
  assert.ok(!again.diagnostics.some((d) => d.rule === "sms-encoding" || d.rule === "sms-segments"));
});

test("a 300-character tweet is flagged from its 281st character", () => {
  const text = "Thanks for waiting. ".repeat(15);
  assert.equal(text.length, 300);
  const counts = replylint.count(text);
  assert.equal(counts.tweet_weight, 300);
  const checked = replylint.check(text, { channel: "x" });
  assert.equal(checked.channel, "twitter");
  const max = checked.diagnostics.find((d) => d.rule === "max-length");
  assert.ok(max, JSON.stringify(checked.diagnostics));
  assert.equal(max.start.utf16, 280);
  assert.equal(max.end.utf16, 300);
  assert.equal(max.start.column, 281);
  const short = replylint.check(text.slice(0, 280), { channel: "x" });
  assert.ok(!short.diagnostics.some((d) => d.rule === "max-length"));
});

test("positions count an emoji as two UTF-16 units and four bytes", () => {
  const text = "Hi 😀😀 ,thanks!!!";
  const checked = replylint.check(text, { channel: "chat", lang: "en" });
  assert.ok(checked.diagnostics.length > 0);
  for (const d of checked.diagnostics) {
    for (const p of [d.start, d.end]) {
      assert.equal(p.utf16, utf16Of(text, p.offset), `${d.rule} at byte ${p.offset}`);
      assert.equal(p.column_utf16 - 1, p.utf16, "one line: the UTF-16 column is the offset + 1");
    }
  }
});

test("a mistake in the pasted config is an Error naming its line and key", () => {
  const config = 'channel = "sms"\n\n[channels.sms]\nmax-segmnets = 2\n';
  assert.throws(
    () => replylint.check("Hello", { config }),
    (e) => e instanceof Error && /^replylint\.toml:4:\d+: /.test(e.message) && e.message.includes("max-segmnets"),
  );
  assert.throws(() => replylint.check("Hello", { channel: "smss" }), /sms/);
  assert.throws(() => replylint.check("Hello", { chanel: "sms" }), /chanel/);
  // A good config is applied: its default channel and its own channel.
  assert.equal(replylint.check("Hello", { config: 'channel = "sms"\n' }).channel, "sms");
  const kiosk = '[channels.kiosk]\nmax-length = 10\n';
  const checked = replylint.check("Hello, this is too long", { config: kiosk, channel: "kiosk" });
  assert.equal(checked.diagnostics.find((d) => d.rule === "max-length")?.start.utf16, 10);
});

test("channels, languages, rules and explain", () => {
  const channels = replylint.channels();
  const twitter = channels.find((c) => c.id === "twitter");
  assert.ok(twitter?.aliases.includes("x"));
  assert.equal(twitter.max_length, 280);
  assert.ok(channels.some((c) => c.id === "sms" && c.max_segments === 1));
  assert.ok(replylint.channels({ config: "[channels.kiosk]\nmax-length = 40\n" }).some((c) => c.id === "kiosk"));
  assert.deepEqual(
    replylint.languages().map((l) => l.code),
    ["en", "it", "es", "fr", "de", "pt"],
  );
  const rules = replylint.rules();
  assert.ok(rules.some((r) => r.id === "max-length" && r.summary));
  assert.match(replylint.explain("sms-encoding"), /^# sms-encoding\n/);
  assert.throws(() => replylint.explain("max-lenght"), /max-length/);
  assert.match(replylint.version(), /^\d+\.\d+\.\d+/);
});

test("no input makes it throw anything but an Error", () => {
  for (const text of ["", "\n", "\r\n\r\n", "\u{feff}", "\u{feff}x", "a\rb", "\u{0}", "😀".repeat(5000), "<!-- replylint-disable -->"]) {
    for (const channel of ["sms", "twitter", "email", "chat", "generic"]) {
      const checked = replylint.check(text, { channel, mode: "template" });
      for (const d of checked.diagnostics) {
        assert.ok(d.start.utf16 <= d.end.utf16 && d.end.utf16 <= text.length, `${d.rule} in ${JSON.stringify(text.slice(0, 20))}`);
      }
      replylint.count(text);
    }
  }
});
