// Writes tests/data/tweet-weights.jsonl: varied texts with the weighted
// length and validity the official twitter-text package (3.1.0, config v3)
// gives them. tests/it/tweet_differential.rs requires replylint's counter to
// agree on every line.
//
// Usage: cd scripts && npm ci && node gen-tweet-fixture.mjs
//        [--seed N] [--scale K] [--out FILE]   (a bigger or other corpus)

import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  rng, reply, around, LANGS, SENTENCES, FOREIGN, URLS_WITH_SCHEME, URLS_WITHOUT_SCHEME,
  NEAR_URLS, MENTIONS, HASHTAGS, EMOJI, PUNCT, ODDITIES, INVALID,
} from './corpus.mjs';

const require = createRequire(import.meta.url);
const twitter = require('twitter-text');
const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const out = arg('out', join(here, '..', 'tests', 'data', 'tweet-weights.jsonl'));
const scale = Number(arg('scale', 1));

const r = rng(Number(arg('seed', 20240601)));
const texts = [];
const add = (kind, text) => {
  for (let k = 0; k < scale; k++) texts.push({ kind, text: k === 0 ? text : reshuffle(text) });
};
// Another variant of a text for bigger corpora: a random cut or doubling.
const reshuffle = (text) => {
  const cps = [...text];
  const a = r.int(cps.length + 1);
  return r.chance(0.5) ? cps.slice(a).join('') + cps.slice(0, a).join('') : text + r.pick(['', ' ', '\n']) + cps.slice(a).join('');
};

// Everyday replies in each language.
for (let i = 0; i < 1050; i++) add('reply', reply(r, { lang: LANGS[i % LANGS.length] }));

// Replies near the 280 limit (valid and invalid).
for (let i = 0; i < 300; i++) {
  const lang = LANGS[i % LANGS.length];
  const target = lang === 'ja' ? 130 + r.int(20) : 265 + r.int(30);
  add('near-limit', around(r, reply(r, { lang, maxSentences: 6 }), target));
}

// URLs with and without a scheme, and near misses, in every position.
const glue = [' ', '', '\n', ', ', ': ', '(', ')', '.', '-', '_', '/', '@', '#', '$', '"', "'", '«', '»', 'é', 'x', '中', '😀', '\u00A0', '\u200B', '\u202A'];
for (let i = 0; i < 350; i++) {
  let s = '';
  const n = 1 + r.int(4);
  for (let k = 0; k < n; k++) {
    const pool = r.pick([URLS_WITH_SCHEME, URLS_WITHOUT_SCHEME, NEAR_URLS]);
    s += r.pick(glue) + r.pick(pool) + r.pick(glue);
  }
  add('urls', r.chance(0.5) ? `${r.pick(SENTENCES[r.pick(LANGS)])} ${s}` : s);
}

// Accents (and other letters) right before `@` and URLs.
const before = ['perché', 'città', 'è', 'Ciao', 'café', 'ñ', 'über', 'São', '東京', 'Ελλάδα', 'x', '1'];
for (let i = 0; i < 120; i++) {
  const tail = r.pick([...MENTIONS, 'acme.com', 'www.acme.it', 'acme.com/resi', 'https://acme.com', ...HASHTAGS]);
  add('accent-before', `${r.pick(before)}${r.chance(0.5) ? '' : r.pick(['@', '.', ' '])}${tail}`);
}

// Emoji-heavy texts: sequences, flags, keycaps, skin tones, selectors.
for (let i = 0; i < 300; i++) {
  let s = r.chance(0.5) ? r.pick(SENTENCES[r.pick(LANGS)]) + ' ' : '';
  const n = 1 + r.int(12);
  for (let k = 0; k < n; k++) s += r.pick(EMOJI) + (r.chance(0.3) ? ' ' : '');
  if (r.chance(0.2)) s = around(r, s, 150 + r.int(140));
  add('emoji', s);
}

// CJK and other scripts, some near the limit.
for (let i = 0; i < 150; i++) {
  let s = r.pick(SENTENCES.ja) + r.pick(FOREIGN) + r.pick(SENTENCES.ja);
  if (r.chance(0.3)) s += ' ' + r.pick(URLS_WITHOUT_SCHEME);
  if (r.chance(0.4)) s = around(r, s, 130 + r.int(30));
  add('cjk', s);
}

// Combining marks, typographic punctuation, blanks and other oddities.
for (let i = 0; i < 200; i++) {
  let s = '';
  const n = 2 + r.int(10);
  for (let k = 0; k < n; k++) {
    s += r.pick([
      () => r.pick(ODDITIES),
      () => r.pick(PUNCT),
      () => r.pick(SENTENCES[r.pick(LANGS)]).slice(0, 1 + r.int(20)),
      () => ' ',
      () => r.pick(EMOJI),
    ])();
  }
  add('oddities', s);
}

// Invalid characters, empty and blank texts.
for (let i = 0; i < 80; i++) {
  const s = reply(r);
  const at = r.int(s.length + 1);
  add('invalid', s.slice(0, at).replace(/[\uD800-\uDBFF]$/, '') + r.pick(INVALID) + s.slice(at).replace(/^[\uDC00-\uDFFF]/, ''));
}
add('empty', '');
add('blank', ' ');
add('blank', '\n\n');

// Leading mentions (counted by twitter-text, whose texts are whole tweets).
for (let i = 0; i < 100; i++) {
  const n = 1 + r.int(4);
  let s = '';
  for (let k = 0; k < n; k++) s += r.pick(MENTIONS) + r.pick([' ', '  ', '\n', '', ', ']);
  add('mentions', s + (r.chance(0.9) ? reply(r) : ''));
}

// Soup: random strings of URL pieces, punctuation, emoji parts and
// letters, where twitter-text's URL rules and emoji expression bite hardest.
const atoms = [
  'a', 'Z', '0', '.', 'com', 'it', 'co', 'uk', '-', '_', '/', '?', '=', '&', '#', '@', '$', '(', ')', '[', ']',
  ':', '8080', 'http://', 'https://', 'www.', 'acme', 'é', 'ü', '中', '😀', '👍🏽', '\u200d', '\ufe0f', '\ufe0e',
  ' ', '\n', 'xn--', 't.co/', '%', '!', '~', '|', ',', "'", '"', '\u00a0', '\u3002', 'ｃｏｍ', 'рф', '.中国',
  'ñ', 'ß', 'İ', 'K', '\u0301', '\u202a', '\u2066', '\ufeff', '«', '»', '…', '’', '“',
  ...EMOJI.slice(0, 20), ...URLS_WITH_SCHEME.slice(0, 8), ...URLS_WITHOUT_SCHEME.slice(0, 10), ...NEAR_URLS.slice(0, 12),
];
for (let i = 0; i < 450; i++) {
  let s = '';
  const n = 1 + r.int(30);
  for (let k = 0; k < n; k++) s += r.pick(atoms);
  add('soup', s);
}

const lines = texts.map(({ kind, text }) => {
  const p = twitter.parseTweet(text);
  return JSON.stringify({ kind, text, weightedLength: p.weightedLength, valid: p.valid });
});
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} texts written to ${out}`);
