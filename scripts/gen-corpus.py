#!/usr/bin/env python3
"""Generate a benchmark corpus of realistic customer-care replies.

Replies of about 300 characters in it/en/es/fr/de/pt, spread over the
built-in channels, built from greetings, body sentences and sign-offs of
each language, with the slips real drafts have (double spaces, a left-over
placeholder, a typographic apostrophe in an SMS, a shouted word, an emoji),
so that the rules have something to find. Deterministic for a given seed.

Layouts:

  files    one reply per file, `<channel>/<lang>/reply-NNNNNN.txt`, every
           fourth one a `.md` with TOML or YAML front matter
  library  library files of `--per-file` replies each, rotating between
           TOML (`[[reply]]`), CSV, JSON Lines and a Zendesk macro export
  both     `files/` and `library/` side by side

Usage:

  scripts/gen-corpus.py OUT_DIR [--replies 100000] [--layout library]
                        [--per-file 1000] [--seed 1]
  scripts/gen-corpus.py --draft [--seed 1]   # one draft on stdout
"""

import argparse
import csv
import io
import json
import os
import random
import sys

LANGS = ["it", "en", "es", "fr", "de", "pt"]

# Channel, weight (how common it is in a care team's library).
CHANNELS = [
    ("email", 30),
    ("chat", 20),
    ("twitter", 12),
    ("sms", 10),
    ("whatsapp", 10),
    ("messenger", 6),
    ("facebook-comment", 4),
    ("instagram", 3),
    ("google-play", 3),
    ("app-store", 2),
]

NAMES = ["Anna", "Mario", "Luca", "Sarah", "José", "Amélie", "Jürgen", "João",
         "Giulia", "Tom", "Lucía", "François", "Björn", "Inês", "Chiara"]

GREETINGS = {
    "it": {"letter": ["Gentile {n},", "Gentile cliente,", "Egregio {n},", "Buongiorno {n},"],
           "conv": ["Ciao {n}!", "Ciao {n},", "Ciao!"]},
    "en": {"letter": ["Dear {n},", "Dear customer,", "Hello {n},", "Good morning {n},"],
           "conv": ["Hi {n}!", "Hi {n},", "Hey {n}!"]},
    "es": {"letter": ["Estimado {n}:", "Estimada clienta:", "Buenos días {n},"],
           "conv": ["¡Hola {n}!", "Hola {n},", "¡Hola!"]},
    "fr": {"letter": ["Bonjour {n},", "Madame, Monsieur,", "Cher {n},"],
           "conv": ["Salut {n} !", "Bonjour {n} !", "Coucou !"]},
    "de": {"letter": ["Sehr geehrte Frau {n},", "Guten Tag {n},", "Sehr geehrter Herr {n},"],
           "conv": ["Hallo {n}!", "Hi {n},", "Hallo!"]},
    "pt": {"letter": ["Prezado {n},", "Caro {n},", "Bom dia {n},"],
           "conv": ["Olá {n}!", "Oi {n},", "Olá!"]},
}

SIGN_OFFS = {
    "it": {"letter": ["Cordiali saluti", "Distinti saluti", "Un cordiale saluto"],
           "conv": ["A presto!", "Buona giornata!", "Ciao!"]},
    "en": {"letter": ["Kind regards", "Best regards", "Sincerely"],
           "conv": ["Cheers!", "Have a great day!", "Talk soon!"]},
    "es": {"letter": ["Atentamente", "Saludos cordiales", "Un saludo"],
           "conv": ["¡Hasta pronto!", "¡Buen día!", "¡Saludos!"]},
    "fr": {"letter": ["Cordialement", "Bien cordialement", "Sincères salutations"],
           "conv": ["À bientôt !", "Bonne journée !", "Merci !"]},
    "de": {"letter": ["Mit freundlichen Grüßen", "Freundliche Grüße", "Viele Grüße"],
           "conv": ["Bis bald!", "Schönen Tag noch!", "Danke!"]},
    "pt": {"letter": ["Atenciosamente", "Cordialmente", "Com os melhores cumprimentos"],
           "conv": ["Até breve!", "Bom dia!", "Abraços!"]},
}

SENTENCES = {
    "it": [
        "Abbiamo verificato il tuo ordine {o} e risulta in consegna entro venerdì.",
        "Il rimborso è stato approvato e arriverà sulla carta usata per l'acquisto entro 5 giorni lavorativi.",
        "Ci dispiace molto per il ritardo: il corriere ha avuto un problema al deposito di Bologna.",
        "Puoi seguire la spedizione dalla pagina del tuo account, nella sezione Ordini.",
        "Se il pacco non arriva entro lunedì, scrivici di nuovo e ti rimborsiamo la spedizione.",
        "Per cambiare l'indirizzo di consegna rispondi a questo messaggio con il nuovo indirizzo completo.",
        "La taglia che hai chiesto tornerà disponibile la prossima settimana.",
        "Abbiamo inoltrato la tua segnalazione al team tecnico, che ti ricontatterà al più presto.",
    ],
    "en": [
        "We checked your order {o} and it is on its way, due by Friday.",
        "Your refund has been approved and will reach the card you paid with within 5 working days.",
        "We're really sorry for the delay: the courier had a problem at their depot.",
        "You can track the parcel from your account page, under Orders.",
        "If the parcel hasn't arrived by Monday, write to us again and we'll refund the shipping.",
        "To change the delivery address, reply to this message with the full new address.",
        "The size you asked for will be back in stock next week.",
        "We've passed your report on to our technical team, who will get back to you shortly.",
    ],
    "es": [
        "Hemos revisado tu pedido {o} y llegará antes del viernes.",
        "Tu reembolso ha sido aprobado y llegará a la tarjeta usada en la compra en 5 días hábiles.",
        "Sentimos mucho el retraso: el transportista tuvo un problema en su almacén.",
        "Puedes seguir el envío desde tu cuenta, en la sección Pedidos.",
        "Si el paquete no llega antes del lunes, escríbenos otra vez y te devolvemos el envío.",
        "Para cambiar la dirección de entrega responde a este mensaje con la nueva dirección completa.",
        "La talla que pediste volverá a estar disponible la próxima semana.",
        "Hemos enviado tu consulta a nuestro equipo técnico, que te contactará muy pronto.",
    ],
    "fr": [
        "Nous avons vérifié votre commande {o} : elle sera livrée d'ici vendredi.",
        "Votre remboursement a été approuvé et arrivera sur votre carte sous 5 jours ouvrés.",
        "Nous sommes vraiment désolés pour ce retard, le transporteur a eu un problème à son dépôt.",
        "Vous pouvez suivre le colis depuis votre compte, rubrique Commandes.",
        "Si le colis n'est pas arrivé lundi, écrivez-nous et nous vous rembourserons la livraison.",
        "Pour changer l'adresse de livraison, répondez à ce message avec la nouvelle adresse complète.",
        "La taille demandée sera de nouveau disponible la semaine prochaine.",
        "Nous avons transmis votre demande à notre équipe technique, qui vous recontactera rapidement.",
    ],
    "de": [
        "Wir haben Ihre Bestellung {o} geprüft, sie kommt bis Freitag bei Ihnen an.",
        "Ihre Erstattung wurde genehmigt und geht innerhalb von 5 Werktagen auf Ihre Karte.",
        "Die Verzögerung tut uns sehr leid, der Paketdienst hatte ein Problem im Lager.",
        "Sie können die Sendung in Ihrem Konto unter Bestellungen verfolgen.",
        "Falls das Paket bis Montag nicht da ist, schreiben Sie uns bitte noch einmal.",
        "Um die Lieferadresse zu ändern, antworten Sie bitte mit der vollständigen neuen Adresse.",
        "Die gewünschte Größe ist nächste Woche wieder verfügbar.",
        "Wir haben Ihre Meldung an unser technisches Team weitergeleitet, es meldet sich in Kürze.",
    ],
    "pt": [
        "Verificámos a sua encomenda {o} e ela chega até sexta-feira.",
        "O seu reembolso foi aprovado e chegará ao cartão usado na compra em 5 dias úteis.",
        "Lamentamos muito o atraso: a transportadora teve um problema no armazém.",
        "Pode acompanhar a entrega na sua conta, na secção Encomendas.",
        "Se a encomenda não chegar até segunda-feira, escreva-nos de novo e devolvemos o envio.",
        "Para alterar a morada de entrega, responda a esta mensagem com a nova morada completa.",
        "O tamanho que pediu volta a estar disponível na próxima semana.",
        "Enviámos o seu pedido à nossa equipa técnica, que entrará em contacto em breve.",
    ],
}

SUBJECTS = {
    "it": "Aggiornamento sul tuo ordine {o}",
    "en": "An update on your order {o}",
    "es": "Novedades sobre tu pedido {o}",
    "fr": "Des nouvelles de votre commande {o}",
    "de": "Neuigkeiten zu Ihrer Bestellung {o}",
    "pt": "Novidades sobre a sua encomenda {o}",
}

# Slips a real draft has, each applied to some replies.
SLIPS = [
    ("double-space", 0.08),
    ("placeholder", 0.05),
    ("apostrophe", 0.10),
    ("shout", 0.03),
    ("emoji", 0.06),
    ("trailing-space", 0.05),
    ("long", 0.04),
]


def pick_channel(rng):
    total = sum(w for _, w in CHANNELS)
    x = rng.uniform(0, total)
    for ch, w in CHANNELS:
        x -= w
        if x <= 0:
            return ch
    return CHANNELS[-1][0]


def reply(rng, n):
    """One reply: (channel, lang, subject or None, text)."""
    ch = pick_channel(rng)
    lang = LANGS[n % len(LANGS)] if rng.random() < 0.7 else rng.choice(LANGS)
    name = rng.choice(NAMES)
    order = "#%d" % rng.randrange(100000, 999999)
    formal = ch == "email" or rng.random() < 0.3
    kind = "letter" if formal else "conv"
    greet = rng.choice(GREETINGS[lang][kind]).format(n=name)
    sign = rng.choice(SIGN_OFFS[lang][kind])
    body = []
    size = 0
    target = 260 if rng.random() > dict(SLIPS)["long"] else 700
    if ch == "sms":
        target = 140
    for s in rng.sample(SENTENCES[lang], len(SENTENCES[lang])):
        s = s.format(o=order)
        body.append(s)
        size += len(s) + 1
        if size + len(greet) + len(sign) >= target:
            break
    para = " ".join(body)
    for slip, p in SLIPS:
        if rng.random() >= p:
            continue
        if slip == "double-space":
            i = para.find(" ", rng.randrange(len(para)))
            if i > 0:
                para = para[:i] + "  " + para[i + 1:]
        elif slip == "placeholder":
            para = para.replace(order, rng.choice(["[ORDER NUMBER]", "{{ticket.id}}", "XXX"]), 1)
        elif slip == "apostrophe":
            para = para.replace("'", "\u2019")
        elif slip == "shout":
            words = para.split(" ")
            i = rng.randrange(len(words))
            words[i] = words[i].upper()
            para = " ".join(words)
        elif slip == "emoji":
            para += rng.choice([" 😊", " 🙏", " 👍🏽", " 📦"])
        elif slip == "trailing-space":
            greet += " "
    if ch in ("email",):
        text = "%s\n\n%s\n\n%s\nMarta\n" % (greet, para, sign)
    elif ch in ("twitter", "sms", "google-play"):
        text = "%s %s\n" % (greet, para)
        if ch == "twitter" and rng.random() < 0.5:
            text = "@%s %s" % (name.lower(), text)
    else:
        text = "%s %s\n%s\n" % (greet, para, sign)
    subject = SUBJECTS[lang].format(o=order) if ch == "email" else None
    return ch, lang, subject, text


def front_matter(rng, n, ch, lang, subject):
    if rng.random() < 0.5:
        lines = ["+++", 'id = "r%06d"' % n, 'channel = "%s"' % ch, 'language = "%s"' % lang]
        if subject:
            lines.append("subject = %s" % json.dumps(subject, ensure_ascii=False))
        lines.append("+++")
    else:
        lines = ["---", "id: r%06d" % n, "channel: %s" % ch, "language: %s" % lang]
        if subject:
            lines.append("subject: %s" % json.dumps(subject, ensure_ascii=False))
        lines.append("---")
    return "\n".join(lines) + "\n"


def write_files(out, replies, rng):
    for n, (ch, lang, subject, text) in enumerate(replies):
        d = os.path.join(out, ch, lang)
        os.makedirs(d, exist_ok=True)
        if n % 4 == 3:
            path = os.path.join(d, "reply-%06d.md" % n)
            text = front_matter(rng, n, ch, lang, subject) + text
        else:
            path = os.path.join(d, "reply-%06d.txt" % n)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def write_library(out, replies, per_file):
    os.makedirs(out, exist_ok=True)
    kinds = ["toml", "jsonl", "csv", "zendesk"]
    for f, start in enumerate(range(0, len(replies), per_file)):
        chunk = list(enumerate(replies[start:start + per_file], start))
        kind = kinds[f % len(kinds)]
        if kind == "toml":
            buf = io.StringIO()
            for n, (ch, lang, subject, text) in chunk:
                buf.write('[[reply]]\nid = "r%06d"\nchannel = "%s"\nlanguage = "%s"\n' % (n, ch, lang))
                if subject:
                    buf.write("subject = %s\n" % toml_str(subject))
                buf.write("text = %s\n\n" % toml_str(text))
            name = "library-%04d.toml" % f
            data = buf.getvalue()
        elif kind == "jsonl":
            rows = []
            for n, (ch, lang, subject, text) in chunk:
                r = {"id": "r%06d" % n, "channel": ch, "language": lang, "text": text}
                if subject:
                    r["subject"] = subject
                rows.append(json.dumps(r, ensure_ascii=False))
            name = "library-%04d.jsonl" % f
            data = "\n".join(rows) + "\n"
        elif kind == "csv":
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(["id", "channel", "language", "subject", "text"])
            for n, (ch, lang, subject, text) in chunk:
                w.writerow(["r%06d" % n, ch, lang, subject or "", text])
            name = "library-%04d.csv" % f
            data = buf.getvalue()
        else:
            macros = []
            for n, (ch, lang, subject, text) in chunk:
                macros.append({
                    "id": n,
                    "title": "r%06d" % n,
                    "actions": [{"field": "comment_value", "value": text}],
                })
            name = "library-%04d.email.json" % f
            data = json.dumps({"macros": macros}, ensure_ascii=False, indent=1)
        with open(os.path.join(out, name), "w", encoding="utf-8") as fh:
            fh.write(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", help="output directory")
    ap.add_argument("--replies", type=int, default=100_000)
    ap.add_argument("--layout", choices=["files", "library", "both"], default="library")
    ap.add_argument("--per-file", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--draft", action="store_true", help="print one draft to stdout")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    if args.draft:
        sys.stdout.write(reply(rng, 0)[3])
        return
    if not args.out:
        ap.error("OUT_DIR is required (or --draft)")
    replies = [reply(rng, n) for n in range(args.replies)]
    if args.layout in ("files", "both"):
        write_files(os.path.join(args.out, "files") if args.layout == "both" else args.out,
                    replies, rng)
    if args.layout in ("library", "both"):
        write_library(os.path.join(args.out, "library") if args.layout == "both" else args.out,
                      replies, args.per_file)
    chars = sum(len(r[3]) for r in replies)
    print("%d replies, %.0f characters on average, in %s" % (
        len(replies), chars / max(1, len(replies)), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
