//! `link`: must-fail cases (snapshots and exact positions), the
//! `allowed-domains` allowlist, and must-pass cases.

use crate::common::{assert_clean, diagnostics_of, lint, run_in};

const CHAT: &[&str] = &["--channel", "chat"];
const TWITTER: &[&str] = &["--channel", "twitter"];

// ---- must fail ----

#[test]
fn http_and_a_shortener_in_a_tweet() {
    let text = "@tina Start your return at http://brand.com/returns or via bit.ly/3xYzAbc ^JL\n";
    insta::assert_snapshot!(lint(TWITTER, text));
    assert_eq!(
        diagnostics_of("link", TWITTER, text),
        vec![
            (
                1,
                28,
                "insecure link `http://brand.com/returns`: use `https://`".to_owned()
            ),
            (
                1,
                60,
                "link through the URL shortener `bit.ly` hides where it leads".to_owned()
            ),
        ]
    );
}

#[test]
fn shorteners_with_and_without_scheme() {
    let text = "Traccia il pacco: https://tinyurl.com/2p8abcde\n\
                Reso: cutt.ly/abc123, oppure https://www.bit.ly/x.\n";
    insta::assert_snapshot!(lint(CHAT, text));
    assert_eq!(diagnostics_of("link", CHAT, text).len(), 3);
}

#[test]
fn the_http_fix_writes_https() {
    let r = crate::common::run(
        &["--format", "json", "--channel", "chat"],
        "See HTTP://brand.com/help.\n",
    );
    let d = &r.json()["diagnostics"][0];
    assert_eq!(d["rule"], "link");
    assert_eq!(d["fix"]["applicability"], "unsafe");
    assert_eq!(d["fix"]["edits"][0]["content"], "https");
}

fn allowlisted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("replylint.toml"),
        "allowed-domains = [\"brand.com\", \"brand-help.zendesk.com\", \"rebrand.ly\"]\n",
    )
    .unwrap();
    dir
}

#[test]
fn domains_outside_the_allowlist() {
    let dir = allowlisted();
    let text = "Help: https://brand.com/help, https://eu.brand.com/faq, \
                https://brand-help.zendesk.com/hc/articles/1\n\
                Not ours: https://brand.com.evil.io/login and www.evilbrand.com\n\
                Our short domain: rebrand.ly/x; a platform wrapper: https://t.co/AbC123\n";
    let args = ["check", "--color", "never", "--channel", "chat", "-"];
    let r = run_in(dir.path(), &args, Some(text));
    insta::assert_snapshot!(r.transcript(&args, Some(text)));
}

// ---- must pass ----

#[test]
fn secure_links_to_any_domain_without_an_allowlist() {
    for text in [
        "@tina Start your return here: https://brand.com/returns ^JL",
        "Ecco l'articolo: https://help.brand.it/hc/it/articles/360001234567",
        "Aquí tienes la guía: https://ayuda.marca.es/devoluciones.",
        "Vous trouverez la procédure ici : https://aide.marque.fr/retours.",
        "Die Anleitung finden Sie unter https://hilfe.marke.de/ruecksendung.",
        "Pode acompanhar a encomenda em https://www.marca.pt/rastreio.",
        "Download your invoice from www.brand.com/account/invoices.",
        "Manage your delivery at brand.com/d/AB12CD",
        "Live updates on the status page (https://status.brand.com).",
        "[Reset your password](https://brand.com/reset)",
    ] {
        assert_clean("link", CHAT, text);
    }
}

#[test]
fn platform_wrappers_own_short_domains_and_local_addresses() {
    for text in [
        "@rob Our guide: https://t.co/AbC123xYz ^KM",
        "See youtu.be/dQw4w9WgXcQ for a quick video.",
        "Microsoft's guide: https://aka.ms/resetpassword",
        "Chat with us on WhatsApp: https://wa.me/390212345678",
        "Start the dev server and open http://localhost:3000/admin",
        "The router page is http://192.168.1.1",
    ] {
        assert_clean("link", CHAT, text);
    }
}

#[test]
fn things_that_look_like_domains() {
    for text in [
        "Abbiamo ricevuto l'ordine.Il pacco parte domani.",
        "Write to help@brand.com for a copy.",
        "Version 2.5.1 is out, e.g. on iOS.",
        "The file is report.pdf.",
    ] {
        assert_clean("link", CHAT, text);
    }
}

#[test]
fn template_hosts_are_not_checked_against_the_allowlist() {
    let dir = allowlisted();
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--channel",
            "chat",
            "--mode",
            "template",
            "-",
        ],
        Some("Your orders: https://{{shop.domain}}/orders\n"),
    );
    let links = r.json()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "link")
        .count();
    assert_eq!(links, 0);
}
