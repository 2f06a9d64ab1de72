// Writes tests/data/sms-segments.jsonl: varied texts with the encoding,
// septet count (GSM-7), number of parts and part boundaries (UTF-16
// offsets) that Twilio's sms-segments-calculator (1.3.0) gives them.
// tests/it/sms.rs requires replylint's SMS counter to agree on every line.
//
// Usage: cd scripts && npm ci && node gen-sms-fixture.mjs
//        [--seed N] [--scale K] [--out FILE]   (a bigger or other corpus)

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng, reply, LANGS, SENTENCES, FOREIGN, EMOJI, PUNCT, ODDITIES, URLS_WITH_SCHEME } from './corpus.mjs';

const require = createRequire(import.meta.url);
const { SegmentedMessage } = require('sms-segments-calculator');
const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const out = arg('out', join(here, '..', 'tests', 'data', 'sms-segments.jsonl'));
const scale = Number(arg('scale', 1));
const r = rng(Number(arg('seed', 20240602)));

const texts = [];
const add = (kind, text) => {
  for (let k = 0; k < scale; k++) texts.push({ kind, text: k === 0 ? text : variant(text) });
};
const variant = (text) => {
  const cps = [...text];
  const cut = r.int(cps.length + 1);
  return r.chance(0.5) ? cps.slice(0, cut).join('') : text + r.pick(GSM_FILL);
};

// GSM-7 text without accents outside the table.
const GSM_SENTENCES = [
  'Hi Anna, your order 12345 has shipped and will arrive tomorrow.',
  'Ciao Luca, il tuo ordine e stato spedito. Grazie!',
  'Hola, tu pedido llegara el lunes. Gracias por tu paciencia.',
  'Bonjour, votre commande est en route. Merci !',
  'Hallo, deine Bestellung ist unterwegs. Danke!',
  'Ola, a sua encomenda chega amanha. Obrigado!',
  'Reply STOP to unsubscribe.',
  'Your code is 482913. It expires in 10 minutes.',
  'Perché è già lì? Però sì, è così: città, caffè.',
  'Señor Nuñez, ¿esta bien? ¡Gracias!',
  'Müller & Söhne: Öffnungszeiten Mo-Fr 9-18 Uhr.',
  'Ærø Ødegård Åse - 50% off @ store #4 (today only)',
  'ΔΦΓΛΩΠΨΣΘΞ are in the table; so are £, $, ¥, ¤ and §.',
  'Call +39 02 1234 5678 or write to help@acme.com',
  'Track it at https://acme.com/t/AB12CD',
];
const GSM_FILL = ['a', 'b', ' ', '.', 'x', '1', 'Z', ',', 'è', 'ü', 'Ñ', 'Δ', '@', '\n'];
const EXTENSION = ['€', '[', ']', '{', '}', '~', '^', '\\', '|', '\f'];
const NON_GSM_LETTERS = ['À', 'È', 'Ì', 'Ò', 'Ù', 'á', 'í', 'ó', 'ú', 'ç', 'â', 'ê', 'ô', 'ã', 'õ', 'ë', 'ï', 'œ', 'ł', 'ő', 'ş', 'α', 'β', 'ж', 'ё'];
const NON_GSM_PUNCT = ['’', '‘', '“', '”', '…', '–', '—', '\u00A0', '«', '»', '`', '\t', '•', '°'];

const gsmText = (len) => {
  let s = '';
  while (s.length < len) s += r.pick(GSM_SENTENCES) + ' ';
  return s.slice(0, len);
};
// Put `piece` at UTF-16 offset `at` of `s` (never inside a surrogate pair).
const insertAt = (s, at, piece) => {
  let i = Math.min(at, s.length);
  if (i > 0 && /[\uDC00-\uDFFF]/.test(s[i] || '') && /[\uD800-\uDBFF]/.test(s[i - 1])) i--;
  return s.slice(0, i) + piece + s.slice(i);
};
const around = (boundaries) => r.pick(boundaries) + r.int(7) - 3;

// GSM-7 near the 160 / 306 / 459 boundaries, extension characters at them.
for (let i = 0; i < 500; i++) {
  const target = around([160, 161, 153, 306, 307, 459, 460, 612]);
  let s = gsmText(target);
  const n = r.chance(0.7) ? 1 + r.int(3) : 0;
  for (let k = 0; k < n; k++) {
    s = insertAt(s, around([152, 153, 159, 160, 305, 306]), r.pick(EXTENSION));
  }
  add('gsm-boundary', s);
}

// UCS-2 near the 70 / 134 / 201 boundaries, with emoji and sequences at them.
for (let i = 0; i < 500; i++) {
  const target = around([67, 70, 71, 134, 135, 201, 268]);
  let s = gsmText(target);
  s = insertAt(s, r.int(target), r.pick([...NON_GSM_PUNCT, ...NON_GSM_LETTERS]));
  const n = r.int(4);
  for (let k = 0; k < n; k++) {
    s = insertAt(s, around([64, 65, 66, 67, 68, 69, 70, 131, 133, 134]), r.pick([...EMOJI, ...EXTENSION, ...ODDITIES]));
  }
  add('ucs2-boundary', s);
}

// Everyday replies in seven languages (typographic apostrophes, accents).
for (let i = 0; i < 500; i++) add('reply', reply(r, { lang: LANGS[i % LANGS.length] }));

// Mostly non-GSM: Greek, Cyrillic, CJK, emoji-heavy, of various lengths.
for (let i = 0; i < 250; i++) {
  let s = '';
  const target = 20 + r.int(250);
  while (s.length < target) {
    s += r.pick([
      () => r.pick(FOREIGN),
      () => r.pick(SENTENCES.ja),
      () => r.pick(EMOJI),
      () => r.pick(PUNCT),
      () => ' ',
      () => r.pick(GSM_SENTENCES).slice(0, 10),
    ])();
  }
  add('non-gsm', s);
}

// Grapheme clusters that cross a boundary: ZWJ sequences, skin tones after
// letters, conjuncts, combining marks, Hangul jamo, CR LF.
const CLUSTERS = [
  '👨‍👩‍👧‍👦', '🧑‍💻', '❤️‍🔥', '🏳️‍🌈', '🫱🏼‍🫲🏿', 'a🏽', '🏽', '👍🏽', '🇮🇹', '🇮🇹🇪', '1️⃣',
  'क्ष', 'क्‍ष', 'स्त्र', 'e\u0301', 'x\u0308\u0301\u0323', '\u1100\u1161\u11A8', '각', 'ก่', 'ำ',
  '\r\n', '\r', '\n', '\u200D', '\u200Da', '☝🏻', 'ab\u200Dcd', '\u0600x',
];
for (let i = 0; i < 300; i++) {
  let s = r.chance(0.5) ? gsmText(around([60, 64, 130])) : r.pick(FOREIGN).repeat(4).slice(0, around([50, 60, 125]));
  const n = 1 + r.int(5);
  for (let k = 0; k < n; k++) s += r.pick(CLUSTERS) + (r.chance(0.3) ? r.pick(GSM_FILL) : '');
  add('clusters', s);
}

// Every Latin-1 and GSM-table character, alone and in a short text.
for (let c = 0x20; c <= 0x17f; c++) add('charset', `a${String.fromCharCode(c)}b`);
for (const c of ['\n', '\r', '\f', '\t', '\u0393', '\u0394', '\u0398', '\u039B', '\u039E', '\u03A0', '\u03A3', '\u03A6', '\u03A8', '\u03A9', '€', '\u20AC', '\u0391', '\u03B1', '`', '\u001B']) add('charset', `x${c}y`);
add('empty', '');
add('single', 'a');
add('single', '€');
add('single', '😀');
add('long', gsmText(1600));
add('long', reply(r).repeat(6));

// URLs and placeholders, as SMS replies carry them.
for (let i = 0; i < 100; i++) add('urls', `${r.pick(GSM_SENTENCES)} ${r.pick(URLS_WITH_SCHEME)} ${r.pick(GSM_SENTENCES)}`);

const lines = texts.map(({ kind, text }) => {
  const m = new SegmentedMessage(text);
  // Where each part starts, in UTF-16 units.
  const starts = [];
  let at = 0;
  const begins = [];
  for (const segment of m.segments) {
    begins.push(null);
    for (const item of segment) {
      if (item.raw === undefined) continue;
      if (begins[begins.length - 1] === null) begins[begins.length - 1] = at;
      at += item.raw.length;
    }
  }
  let next = text.length;
  for (let k = begins.length - 1; k >= 0; k--) {
    if (begins[k] !== null) next = begins[k];
    starts[k] = next;
  }
  const line = { kind, text, encoding: m.encodingName, segments: m.segmentsCount, partStarts: starts };
  if (m.encodingName === 'GSM-7') line.septets = m.numberOfCharacters;
  return JSON.stringify(line);
});
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} texts written to ${out}`);
