// Deterministic generators of realistic, varied customer-care texts for the
// differential fixtures: replies in seven languages (it, en, es, fr, de, pt,
// ja) with URLs with and without a scheme, mentions, hashtags, emoji (ZWJ
// sequences, flags, keycaps, skin tones, presentation selectors), CJK,
// combining marks, typographic punctuation and a few hostile characters.

/** A seeded pseudo-random generator (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

export const SENTENCES = {
  it: [
    'Ciao Giulia, grazie per averci scritto!',
    "Ci dispiace per l'attesa: il tuo ordine è in consegna.",
    'Puoi controllare lo stato della spedizione qui',
    "Abbiamo già avviato il rimborso, lo vedrai entro 5 giorni lavorativi.",
    'Perché non provi a riavviare l’app? Di solito risolve.',
    'È tutto a posto, città e CAP sono corretti.',
    'Scrivici in DM il numero d’ordine, così verifichiamo subito.',
    'Un saluto dal team assistenza',
    'Più tardi ti aggiorniamo, promesso.',
    'Lunedì il negozio di Forlì riapre alle 9:00.',
  ],
  en: [
    'Hi Anna, thanks for reaching out!',
    "We're sorry about the delay - your parcel is on its way.",
    'You can track your order here',
    'Your refund has been issued and should show within 3-5 business days.',
    'Could you DM us your order number so we can take a look?',
    "We’ve passed this on to our team — they’ll be in touch soon.",
    'Have a great weekend!',
    "That's odd… could you try clearing the cache?",
    'The store on 5th Ave opens at 9am.',
    'Thanks for your patience, Sam.',
  ],
  es: [
    '¡Hola Lucía! Gracias por escribirnos.',
    'Sentimos mucho el retraso, tu pedido ya está en camino.',
    '¿Podrías enviarnos tu número de pedido por mensaje privado?',
    'El reembolso se verá reflejado en 5 días hábiles.',
    'Puedes consultar el estado aquí',
    'Nuestro equipo ya está revisando tu caso, señor Núñez.',
    'Un saludo del equipo de atención al cliente.',
    'La tienda de Cádiz abre a las 10:00.',
  ],
  fr: [
    'Bonjour Léa, merci pour votre message !',
    'Nous sommes désolés pour ce retard : votre colis est en route.',
    'Pouvez-vous nous envoyer votre numéro de commande en privé ?',
    'Le remboursement apparaîtra sous 5 jours ouvrés.',
    'Vous pouvez suivre votre commande ici',
    'Notre équipe s’en occupe dès que possible.',
    '« Merci » à vous, et bonne journée !',
    'Ça devrait être réglé d’ici demain.',
  ],
  de: [
    'Hallo Jörg, danke für deine Nachricht!',
    'Es tut uns leid, dass deine Bestellung noch nicht angekommen ist.',
    'Kannst du uns die Bestellnummer per DM schicken?',
    'Die Rückerstattung ist in 3–5 Werktagen auf deinem Konto.',
    'Den Sendungsstatus findest du hier',
    'Wir melden uns so schnell wie möglich – versprochen.',
    'Schöne Grüße aus Köln, dein Serviceteam',
    'Das Geschäft in der Königstraße öffnet um 9 Uhr.',
  ],
  pt: [
    'Olá João, obrigado por entrar em contato!',
    'Pedimos desculpa pelo atraso, a sua encomenda já está a caminho.',
    'Pode enviar-nos o número da encomenda por mensagem privada?',
    'O reembolso será processado em até 5 dias úteis.',
    'Pode acompanhar o pedido aqui',
    'A nossa equipa já está a analisar a situação.',
    'Atenciosamente, equipe de atendimento.',
    'A loja de São Paulo abre às 9h.',
  ],
  ja: [
    'お問い合わせありがとうございます。',
    'ご不便をおかけして申し訳ございません。',
    '注文番号をDMでお送りいただけますか？',
    '返金は5営業日以内に処理されます。',
    '配送状況はこちらからご確認いただけます',
    '担当者より折り返しご連絡いたします。',
    '引き続きよろしくお願いいたします！',
    '東京店は午前10時に開店します。',
  ],
};

export const LANGS = Object.keys(SENTENCES);

/** Snippets in other scripts, mixed in now and then. */
export const FOREIGN = [
  '谢谢您的耐心等待。',
  '我们会尽快处理您的退款',
  'Спасибо за обращение!',
  'Ваш заказ уже в пути.',
  'Ευχαριστούμε για την υπομονή σας.',
  'ΑΘΗΝΑ',
  'شكرا لتواصلك معنا',
  'धन्यवाद, आपका ऑर्डर भेज दिया गया है।',
  'क्षमा करें',
  '감사합니다. 곧 연락드리겠습니다.',
  'שלום, תודה רבה',
  'ขอบคุณค่ะ',
];

export const URLS_WITH_SCHEME = [
  'https://acme.com/returns',
  'https://www.acme.it/assistenza/resi?ordine=12345',
  'http://acme.co.uk/help',
  'https://help.acme.com/hc/it/articles/360001234567-Come-restituire-un-articolo',
  'https://t.co/AbC123xyz',
  'https://t.co/abc?x=1',
  'http://bit.ly/3xYzAbc',
  'https://acme.com/track#order',
  'https://acme.com/a_(b)',
  'https://example.org/path/with/trailing/',
  'HTTPS://ACME.COM/RETURNS',
  'https://acme.shop/sconti',
  'https://acme.com:8443/status',
  'https://xn--caf-dma.fr/menu',
  'https://café.fr/menu',
  'https://acme.com/ünïcödé/pfad',
  'https://acme.com/путь',
  'https://acme.com/search?q=scarpe+rosse&page=2',
  'https://acme.com/a.b.c.',
  'https://www.acme.com/it-it/',
];

export const URLS_WITHOUT_SCHEME = [
  'acme.com/returns',
  'www.acme.it',
  'acme.it/resi',
  'help.acme.com',
  'acme.co.uk/help',
  'acme.com?x=1',
  'acme.com:8080',
  'acme.com/?x=1',
  'status.acme.io',
  'acme.shop',
  'acme.store/it',
  'acme.app',
  'acme.de/rücksendung',
  'bit.ly/3xYzAbc',
  'acme.com.br/ajuda',
  'acme.ciao',
  'acme.xyz',
  'acme.photography',
  'acme.jp/サポート',
  'サポート.jp',
  'müller.de',
  'acme.рф',
  'acme.中国',
  'acme.com.',
  'www.acme.com,',
];

/** Things that look like URLs to some linkifiers but not to twitter-text. */
export const NEAR_URLS = [
  'file.txt',
  'report.pdf',
  'v2.0',
  'e.g.',
  'i.e.',
  '3.5',
  'a.m.',
  'Grazie.Ciao',
  'ordine.Il',
  'support@acme.com',
  'mario.rossi@gmail.com',
  '@acme.com',
  '#acme.com',
  '$acme.com',
  'x.acme.com',
  '-acme.com',
  '_acme.com',
  '/acme.com',
  'acme..com',
  'acme.c',
  'acme.comx',
  'acme.com-',
  'acme.com@',
  '(acme.com)',
  '[acme.com]',
  '"acme.com"',
  '«acme.com»',
  'acme.com…',
  'www.acme',
];

export const MENTIONS = ['@acme', '@AcmeHelp', '@acme_it', '@Giulia_R', '@jörg', '@a', '@acme_support_team_x', '＠acme'];
export const HASHTAGS = ['#help', '#AcmeCares', '#grazie', '#résumé', '#東京', '#1', '#sconti2024'];

export const EMOJI = [
  '😀', '🙏', '👍', '👍🏽', '👋🏻', '❤️', '❤', '☺', '☺️', '☺︎', '✔️', '✅', '🎉', '📦', '🚚',
  '👨‍👩‍👧‍👦', '👩‍💻', '🧑‍💻', '👨🏾‍🍳', '🏳️‍🌈', '🏴‍☠️', '❤️‍🔥', '🫶', '🫠', '🥲',
  '🇮🇹', '🇪🇸', '🇫🇷', '🇩🇪', '🇵🇹', '🇯🇵', '🇺🇸', '🇬🇧', '🇪🇺',
  '1️⃣', '2⃣', '#️⃣', '*️⃣', '🔟',
  '©️', '©', '®️', '™️', '™', '‼️', '⁉', '↩️', 'ℹ️', '⭐', '⌚', '☝🏼', '✌️', '✍🏿',
  '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '👁️‍🗨️', '🤷‍♀️', '🤷🏻‍♂️', '🧔‍♂️', '💁‍♀️', '🏃🏽‍♀️', '🫱🏼‍🫲🏿',
  '\u{1F44D}\u{FE0F}', '\u{2764}\u{FE0E}', '\u{FE0F}',
];

export const PUNCT = ['’', '‘', '“', '”', '…', '–', '—', '«', '»', '„', '‹', '›', '•', '·', '′', '″', '‰', '€', '£', '¥', '°', '§', '¿', '¡'];

/** Characters and sequences that stress normalisation and counting. */
export const ODDITIES = [
  'e\u0301',
  'cafe\u0301',
  'A\u030A',
  'n\u0303',
  'perche\u0300',
  'Å',
  '\u212B',
  '\uFB2C',
  '\uF900',
  '\u1100\u1161\u11A8',
  '\u00A0',
  '\u2009',
  '\u202F',
  '\u200B',
  '\u200D',
  '\u200C',
  '\u2066\u202Ahttp://foobar.com/\u202C\u2069',
  '\u202Eevil\u202C',
  'ﬁ',
  '①',
  'Ⅻ',
  'ß',
  'ẞ',
  'İ',
  'ſ',
  'K',
  '\u0345',
  'ⱥ',
  'x\u0308\u0301\u0323',
  '\t',
  '\u3000',
  '。',
  '〜',
  'ｱｲｳ',
  'Ａｃｍｅ',
];

export const INVALID = ['\uFEFF', '\uFFFE', '\uFFFF'];

/** A customer-care reply made of sentences, links, mentions and emoji. */
export function reply(r, { lang = r.pick(LANGS), maxSentences = 4 } = {}) {
  const parts = [];
  if (r.chance(0.35)) {
    const n = 1 + r.int(3);
    for (let i = 0; i < n; i++) parts.push(r.pick(MENTIONS));
  }
  const sentences = 1 + r.int(maxSentences);
  for (let i = 0; i < sentences; i++) {
    let s = r.pick(SENTENCES[lang]);
    if (r.chance(0.3)) {
      const url = r.chance(0.5) ? r.pick(URLS_WITH_SCHEME) : r.pick(URLS_WITHOUT_SCHEME);
      const wrap = r.pick([
        (u) => `${s}: ${u}`,
        (u) => `${s} ${u}.`,
        (u) => `${s} (${u})`,
        (u) => `${s} ${u} 👉`,
        (u) => `${s} →${u}`,
        (u) => `${s}\n${u}`,
        (u) => `${s} «${u}»`,
      ]);
      s = wrap(url);
    }
    if (r.chance(0.1)) s += ` ${r.pick(NEAR_URLS)}`;
    if (r.chance(0.25)) s += ` ${r.pick(EMOJI)}`;
    if (r.chance(0.1)) s += r.pick(EMOJI) + r.pick(EMOJI);
    if (r.chance(0.1)) s = `${s} ${r.pick(HASHTAGS)}`;
    if (r.chance(0.08)) s += ` ${r.pick(MENTIONS)}`;
    if (r.chance(0.08)) s += ` ${r.pick(FOREIGN)}`;
    if (r.chance(0.08)) s += ` ${r.pick(ODDITIES)}`;
    if (r.chance(0.06)) s += r.pick(PUNCT);
    parts.push(s);
  }
  if (r.chance(0.2)) parts.push(r.pick(['^MM', '/AY', '-Sarah', '– Luca', 'Giulia 🙂', '~Team']));
  return parts.join(r.chance(0.8) ? ' ' : '\n');
}

/** `text` repeated or cut to about `target` UTF-16 units. */
export function around(r, text, target) {
  let s = text;
  while (s.length < target) s += ' ' + text;
  return [...s].slice(0, Math.max(1, target - r.int(3))).join('');
}
