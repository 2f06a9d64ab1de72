// The playground: a CodeMirror 6 editor whose every change is checked by
// replylint's core compiled to WebAssembly, within the next animation
// frame. Nothing is sent anywhere: the share link keeps the draft in the
// URL fragment.

import { EditorState, RangeSet, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  EditorView,
  drawSelection,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history as undoHistory, historyKeymap } from "@codemirror/commands";
import { type Diagnostic as CmDiagnostic, forEachDiagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import init, * as replylint from "./wasm/replylint_wasm.js";
import { decode, encode } from "./share";
import type { Channel, Checked, Counts, Diagnostic, Options } from "./types";
import "./style.css";

const SAMPLE = `Hi Anna,

thanks for writing to us! Your refund of €20 is on its way and should reach you within 5 working days.

Best regards,
Marco`;

/** Each re-check's time in milliseconds (check + count + render), for the
 * page's own line and the browser test. */
interface Timing {
  units: number;
  lint: number;
  total: number;
}
const timings: Timing[] = [];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const channelSelect = $<HTMLSelectElement>("channel");
const langSelect = $<HTMLSelectElement>("lang");
const configArea = $<HTMLTextAreaElement>("config");
const configError = $<HTMLParagraphElement>("config-error");
const errorLine = $<HTMLParagraphElement>("error");

// The characters that force an SMS into UCS-2, highlighted in the draft.
const setUcs2 = StateEffect.define<{ from: number; to: number }[]>();
const ucs2Mark = Decoration.mark({ class: "cm-ucs2", attributes: { title: "Forces UCS-2 in an SMS" } });
const ucs2Field = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setUcs2)) {
        marks = RangeSet.of(
          e.value.map((r) => ucs2Mark.range(r.from, r.to)),
          true,
        );
      }
    }
    return marks;
  },
  provide: (f) => EditorView.decorations.from(f),
});

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function mode(): "draft" | "template" {
  const checked = document.querySelector<HTMLInputElement>('input[name="mode"]:checked');
  return checked?.value === "template" ? "template" : "draft";
}

function options(withConfig = true): Options {
  const o: Options = { channel: channelSelect.value || undefined, mode: mode(), today: today() };
  if (langSelect.value) o.lang = langSelect.value;
  if (withConfig && configArea.value.trim()) o.config = configArea.value;
  return o;
}

/** Fill the channel picker: the built-in channels and the config's. */
function fillChannels(selected: string) {
  let list: Channel[];
  try {
    list = replylint.channels(options()) as Channel[];
  } catch {
    list = replylint.channels({}) as Channel[];
  }
  channelSelect.replaceChildren(
    ...list.map((c) => {
      const o = document.createElement("option");
      o.value = c.id;
      o.textContent = c.aliases.length ? `${c.id} (${c.aliases.join(", ")})` : c.id;
      if (c.description) o.title = c.description;
      return o;
    }),
  );
  const ids = list.map((c) => c.id);
  const alias = list.find((c) => c.aliases.includes(selected))?.id;
  channelSelect.value = ids.includes(selected) ? selected : alias ?? (ids.includes("generic") ? "generic" : ids[0]);
}

let view: EditorView;
let linted: { doc: EditorState["doc"]; checked: Checked | null } | null = null;
let scheduled = false;

function schedule() {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    relint();
  });
}

/** Check the draft, count it, and show both. */
function relint() {
  const t0 = performance.now();
  const doc = view.state.doc;
  const text = doc.toString();
  let checked: Checked | null = null;
  configError.hidden = true;
  errorLine.hidden = true;
  try {
    checked = replylint.check(text, options()) as Checked;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (configArea.value.trim() && message.startsWith("replylint.toml")) {
      // The draft is still checked, without the config.
      configError.textContent = `${message} (the draft is checked without it)`;
      configError.hidden = false;
      try {
        checked = replylint.check(text, options(false)) as Checked;
      } catch (e2) {
        showError(e2);
      }
    } else {
      showError(e);
    }
  }
  let counts: Counts | null = null;
  try {
    counts = replylint.count(text, langSelect.value || undefined) as Counts;
  } catch (e) {
    showError(e);
  }
  const t1 = performance.now();
  linted = { doc, checked };
  renderProblems(checked);
  renderCounts(counts);
  const cm: CmDiagnostic[] = (checked?.diagnostics ?? []).map((d) => ({
    from: Math.min(d.start.utf16, doc.length),
    to: Math.min(d.end.utf16, doc.length),
    severity: d.severity,
    source: d.rule,
    message: d.help ? `${d.message}\n${d.help}` : d.message,
    actions: d.fix ? [{ name: "Fix", apply: () => applyFix(d) }] : [],
  }));
  const marks = (counts?.sms_non_gsm ?? []).map((c) => ({ from: c.utf16, to: c.utf16 + c.character.length }));
  view.dispatch(setDiagnostics(view.state, cm), { effects: setUcs2.of(marks) });
  const t2 = performance.now();
  timings.push({ units: text.length, lint: t1 - t0, total: t2 - t0 });
  $("timing").textContent = `Checked and counted ${text.length} characters in ${(t2 - t0).toFixed(1)} ms.`;
}

function showError(e: unknown) {
  errorLine.textContent = e instanceof Error ? e.message : String(e);
  errorLine.hidden = false;
}

function applyFix(d: Diagnostic) {
  if (!d.fix || !linted || linted.doc !== view.state.doc) {
    // The draft changed since it was checked: check it again first.
    relint();
    return;
  }
  const changes = [...d.fix.edits]
    .sort((a, b) => a.start.utf16 - b.start.utf16)
    .map((e) => ({ from: e.start.utf16, to: e.end.utf16, insert: e.content }));
  view.dispatch({ changes, userEvent: "input.fix" });
  relint();
  view.focus();
}

function select(d: Diagnostic) {
  view.dispatch({ selection: { anchor: d.start.utf16, head: d.end.utf16 }, scrollIntoView: true });
  view.focus();
}

/** A message's `quoted` parts as code, the rest as text. */
function withCode(text: string): (string | HTMLElement)[] {
  return text.split(/`([^`]*)`/).map((part, i) => {
    if (i % 2 === 0) return part;
    const code = document.createElement("code");
    code.textContent = part;
    return code;
  });
}

function renderProblems(checked: Checked | null) {
  const list = $<HTMLOListElement>("problems");
  const diagnostics = checked?.diagnostics ?? [];
  const items: HTMLElement[] = [];
  for (const e of checked?.errors ?? []) {
    const li = document.createElement("li");
    li.className = "problem severity-error";
    li.textContent = `${e.line}:${e.column} ${e.message}`;
    items.push(li);
  }
  for (const d of diagnostics) {
    const li = document.createElement("li");
    li.className = `problem severity-${d.severity}`;
    li.dataset.rule = d.rule;
    const head = document.createElement("div");
    head.className = "problem-head";
    const severity = document.createElement("span");
    severity.className = "severity";
    severity.textContent = d.severity;
    const rule = document.createElement("code");
    rule.className = "rule";
    rule.textContent = d.rule;
    const where = document.createElement("button");
    where.type = "button";
    where.className = "where link";
    where.textContent = `${d.start.line}:${d.start.column}`;
    where.setAttribute("aria-label", `Select the text at line ${d.start.line}, column ${d.start.column}`);
    where.addEventListener("click", () => select(d));
    head.append(severity, " ", rule, " ", where);
    const message = document.createElement("p");
    message.className = "message";
    message.append(...withCode(d.message));
    li.append(head, message);
    if (d.help) {
      const help = document.createElement("p");
      help.className = "help";
      help.append(...withCode(d.help));
      li.append(help);
    }
    if (d.fix) {
      const fix = document.createElement("button");
      fix.type = "button";
      fix.className = "fix";
      const preview = d.fix.edits.map((e) => (e.content ? `“${e.content}”` : "deletion")).join(", ");
      fix.textContent = d.fix.applicability === "safe" ? "Apply fix" : "Apply fix (check the result)";
      fix.setAttribute("aria-label", `Apply the ${d.rule} fix: ${preview}`);
      fix.addEventListener("click", () => applyFix(d));
      li.append(fix);
    }
    const about = document.createElement("details");
    about.className = "explain";
    const summary = document.createElement("summary");
    summary.textContent = `About ${d.rule}`;
    const doc = document.createElement("pre");
    about.append(summary, doc);
    about.addEventListener("toggle", () => {
      if (about.open && !doc.textContent) {
        try {
          doc.textContent = replylint.explain(d.rule, options()) as string;
        } catch (e) {
          doc.textContent = e instanceof Error ? e.message : String(e);
        }
      }
    });
    li.append(about);
    items.push(li);
  }
  list.replaceChildren(...items);
  const n = diagnostics.length + (checked?.errors.length ?? 0);
  $("problem-count").textContent = `(${n})`;
  $("no-problems").hidden = n > 0 || checked === null;
}

function renderCounts(c: Counts | null) {
  if (!c) return;
  $("count-characters").textContent = String(c.characters);
  const tweet = $("count-tweet");
  tweet.textContent = `${c.tweet_weight}/280`;
  tweet.classList.toggle("over", c.tweet_weight > 280);
  const encoding = $("count-sms-encoding");
  encoding.textContent = c.sms_encoding === "ucs2" ? "UCS-2" : "GSM-7";
  encoding.classList.toggle("over", c.sms_encoding === "ucs2");
  $("count-sms-parts").textContent = String(c.sms_parts);
  $("count-bytes").textContent = String(c.bytes);
  $("count-words").textContent = String(c.words);
  $("count-language").textContent = c.language
    ? `${c.language.code} (${c.language.source}${c.language.confidence != null ? `, ${Math.round(c.language.confidence * 100)}%` : ""})`
    : "–";
  const ucs2 = $("ucs2");
  ucs2.hidden = c.sms_non_gsm.length === 0;
  $("ucs2-list").replaceChildren(
    ...c.sms_non_gsm.map((n) => {
      const li = document.createElement("li");
      const ch = document.createElement("mark");
      ch.className = "char";
      ch.textContent = n.character;
      li.append(ch, ` ${n.code_point} at ${n.position.line}:${n.position.column}`);
      return li;
    }),
  );
}

function share() {
  const state = {
    text: view.state.doc.toString(),
    channel: channelSelect.value,
    lang: langSelect.value || undefined,
    mode: mode(),
    config: configArea.value.trim() ? configArea.value : undefined,
  };
  const fragment = encode(state);
  history.replaceState(null, "", `#${fragment}`);
  const link = $<HTMLInputElement>("share-link");
  link.value = location.href;
  $("share-status").hidden = false;
  link.focus();
  link.select();
  navigator.clipboard?.writeText(location.href).catch(() => {});
}

/** Load the state a share link holds; `false` when the fragment holds none. */
function restore(): boolean {
  const state = decode(location.hash);
  if (!state) return false;
  configArea.value = state.config ?? "";
  if (state.config) ($("config-panel") as HTMLDetailsElement).open = true;
  fillChannels(state.channel ?? "generic");
  langSelect.value = [...langSelect.options].some((o) => o.value === state.lang) ? state.lang ?? "" : "";
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name="mode"]')) {
    r.checked = r.value === (state.mode === "template" ? "template" : "draft");
  }
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: state.text } });
  return true;
}

async function main() {
  await init();
  $("version").textContent = replylint.version();
  for (const l of replylint.languages() as { code: string; name: string }[]) {
    const o = document.createElement("option");
    o.value = l.code;
    o.textContent = `${l.name} (${l.code})`;
    langSelect.append(o);
  }
  fillChannels("generic");
  view = new EditorView({
    parent: $("editor"),
    state: EditorState.create({
      doc: SAMPLE,
      extensions: [
        lineNumbers(),
        highlightSpecialChars(),
        undoHistory(),
        drawSelection(),
        EditorView.lineWrapping,
        keymap.of([...defaultKeymap, ...historyKeymap]),
        lintGutter(),
        ucs2Field,
        EditorView.contentAttributes.of({ "aria-label": "Draft", spellcheck: "false" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) schedule();
        }),
      ],
    }),
  });
  restore();
  for (const el of [channelSelect, langSelect]) el.addEventListener("change", schedule);
  for (const r of document.querySelectorAll('input[name="mode"]')) r.addEventListener("change", schedule);
  configArea.addEventListener("input", () => {
    fillChannels(channelSelect.value);
    schedule();
  });
  $("share").addEventListener("click", share);
  window.addEventListener("hashchange", () => {
    if (restore()) schedule();
  });
  relint();
  document.body.dataset.ready = "true";
}

declare global {
  interface Window {
    replylintPlayground: {
      timings: Timing[];
      view: () => EditorView;
      underlined: () => { from: number; to: number; rule: string }[];
    };
  }
}
/** What the browser test reads: the timings, the editor and what it
 * underlines. */
window.replylintPlayground = {
  timings,
  view: () => view,
  underlined: () => {
    const out: { from: number; to: number; rule: string }[] = [];
    forEachDiagnostic(view.state, (d, from, to) => out.push({ from, to, rule: d.source ?? "" }));
    return out;
  },
};

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}

main().catch((e) => {
  showError(e);
  document.body.dataset.ready = "failed";
});
