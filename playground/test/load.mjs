// The WebAssembly bindings as the page loads them (wasm-bindgen's `web`
// glue, written to src/wasm/ by scripts/build-playground.sh), initialised
// from the module's bytes on disk.

import { readFileSync } from "node:fs";

const glue = new URL("../src/wasm/replylint_wasm.js", import.meta.url);
const replylint = await import(glue.href);
replylint.initSync({ module: readFileSync(new URL("./replylint_wasm_bg.wasm", glue)) });

export default replylint;

/** The text with a fix's edits applied (positions in UTF-16 units). */
export function applyFix(text, fix) {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start.utf16 - a.start.utf16)) {
    out = out.slice(0, e.start.utf16) + e.content + out.slice(e.end.utf16);
  }
  return out;
}

/** The UTF-16 units before byte `offset` of `text` in UTF-8: computed from
 * the bytes, independently of the module. */
export function utf16Of(text, offset) {
  return Buffer.from(text, "utf8").subarray(0, offset).toString("utf8").length;
}

/** The Italian SMS of the issue: 75 characters with one typographic
 * apostrophe, so two UCS-2 parts (70 a part), one GSM-7 part once the
 * apostrophe is straight. */
export const ITALIAN_SMS =
  "Gentile cliente, il suo ordine è stato spedito. L’arrivo è previsto domani.";
