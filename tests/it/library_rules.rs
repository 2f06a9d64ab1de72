//! The library rules end to end: a library in language folders, read
//! from disk by the binary, reported in every format with every place,
//! turned off the ways other rules are.

use crate::common::{Tree, of_rule, run_here};
use serde_json::Value;

/// A macro library in `en/`, `it/` and `es/` folders: `refund` and
/// `password` in three languages (the Italian `refund` lost a
/// placeholder), `delay` without Italian, and `late-parcel.md`, in no
/// folder, nearly the same as `delay`.
pub fn library() -> Tree {
    let header = "---\nchannel: email\nmode: template\n---\n";
    let refund_en = "Hi {{ticket.requester.first_name}},\n\nyour refund for order {{ticket.order}} was approved: the money is on its way back to your card.\n\nBest regards,\nAcme Support\n";
    let refund_it = "Ciao {{ticket.requester.first_name}},\n\nil rimborso del tuo ordine è stato approvato: il denaro sta tornando sulla tua carta.\n\nCordiali saluti,\nAssistenza Acme\n";
    let refund_es = "Hola, {{ticket.requester.first_name}}:\n\nel reembolso de tu pedido {{ticket.order}} está aprobado: el dinero vuelve a tu tarjeta.\n\nUn saludo,\nSoporte Acme\n";
    let delay_en = "Hi {{ticket.requester.first_name}},\n\nwe are sorry your parcel is late. We have asked the courier for news and will write again as soon as we know more.\n\nBest regards,\nAcme Support\n";
    let delay_es = "Hola, {{ticket.requester.first_name}}:\n\nsentimos que tu paquete llegue tarde. Hemos pedido noticias al transportista y te escribiremos en cuanto sepamos más.\n\nUn saludo,\nSoporte Acme\n";
    let password_en = "Hi {{ticket.requester.first_name}},\n\nyou can reset your password from the login page: choose \"Forgot password\" and follow the link we send you.\n\nBest regards,\nAcme Support\n";
    let password_it = "Ciao {{ticket.requester.first_name}},\n\npuoi reimpostare la password dalla pagina di accesso: scegli \"Password dimenticata\" e segui il link che ti inviamo.\n\nCordiali saluti,\nAssistenza Acme\n";
    let password_es = "Hola, {{ticket.requester.first_name}}:\n\npuedes restablecer tu contraseña desde la página de acceso: elige \"He olvidado mi contraseña\" y sigue el enlace que te enviamos.\n\nUn saludo,\nSoporte Acme\n";
    let late_en = "Hello {{ticket.requester.first_name}},\n\nwe are so sorry your parcel is late. We have asked the courier for news and will write again as soon as we know more!\n\nKind regards,\nAcme Support\n";
    let files = [
        ("macros/en/refund.md", refund_en),
        ("macros/it/refund.md", refund_it),
        ("macros/es/refund.md", refund_es),
        ("macros/en/delay.md", delay_en),
        ("macros/es/delay.md", delay_es),
        ("macros/en/password.md", password_en),
        ("macros/it/password.md", password_it),
        ("macros/es/password.md", password_es),
        ("macros/late-parcel.md", late_en),
    ];
    let owned: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| (p.to_string(), format!("{header}{t}")))
        .collect();
    let borrowed: Vec<(&str, &str)> = owned
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    Tree::new(&borrowed)
}

/// `path:line:column` of a JSON diagnostic's first place and of its
/// related places.
fn places(d: &Value) -> Vec<String> {
    let at = |p: &Value| {
        format!(
            "{}:{}:{}",
            p["path"].as_str().unwrap(),
            p["start"]["line"],
            p["start"]["column"]
        )
    };
    std::iter::once(at(d))
        .chain(d["related"].as_array().unwrap().iter().map(at))
        .collect()
}

#[test]
fn a_library_in_language_folders_is_checked_across_its_files() {
    let tree = library();
    let run = tree.run(&["check", "--no-config", "--format", "json", "macros"]);
    // Warnings only: the run passes.
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    let missing = of_rule(&json, "missing-translation");
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert_eq!(
        missing[0]["message"],
        "`macros/*/delay.md` has no Italian version (it has English and Spanish; the library's macros are in English, Italian and Spanish)"
    );
    assert_eq!(
        places(&missing[0]),
        ["macros/en/delay.md:5:1", "macros/es/delay.md:5:1"]
    );
    let drift = of_rule(&json, "translation-drift");
    assert_eq!(drift.len(), 1, "{drift:#?}");
    assert_eq!(
        drift[0]["message"],
        "the Italian version lacks the placeholder `{{ticket.order}}` that the English one has"
    );
    // The Italian reply, then where the English one has it.
    assert_eq!(
        places(&drift[0]),
        ["macros/it/refund.md:5:1", "macros/en/refund.md:7:23"]
    );
    let near = of_rule(&json, "near-duplicate");
    assert_eq!(near.len(), 1, "{near:#?}");
    assert_eq!(
        places(&near[0]),
        ["macros/en/delay.md:5:1", "macros/late-parcel.md:5:1"]
    );
    assert_eq!(near[0]["severity"], "info");
}

#[test]
fn every_format_shows_every_place() {
    let tree = library();
    let args = |format: &'static str| ["check", "--no-config", "--format", format, "macros"];
    // line: one line per place.
    let line = tree.run(&args("line")).stdout;
    let drift: Vec<&str> = line
        .lines()
        .filter(|l| l.contains("[translation-drift]"))
        .collect();
    assert_eq!(drift.len(), 2, "{line}");
    assert!(
        drift[0].starts_with("macros/it/refund.md:5:1: warning[translation-drift]: "),
        "{line}"
    );
    assert!(
        drift[1].starts_with("macros/en/refund.md:7:23: warning[translation-drift]: "),
        "{line}"
    );
    // SARIF: the other places are related locations.
    let sarif: Value = serde_json::from_str(&tree.run(&args("sarif")).stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let near = results
        .iter()
        .find(|r| r["ruleId"] == "near-duplicate")
        .unwrap();
    let related = near["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(
        related[0]["physicalLocation"]["artifactLocation"]["uri"],
        "macros/late-parcel.md"
    );
    // human: each place, the others under `:::`.
    let human = tree
        .run(&["check", "--no-config", "--color", "never", "macros"])
        .stdout;
    assert!(human.contains(" --> macros/en/delay.md:5:1"), "{human}");
    assert!(human.contains(" ::: macros/es/delay.md:5:1"), "{human}");
    // GitHub: an annotation at each place.
    let github = tree.run(&args("github")).stdout;
    let near: Vec<&str> = github
        .lines()
        .filter(|l| l.contains("near-duplicate"))
        .collect();
    assert_eq!(near.len(), 2, "{github}");
}

#[test]
fn library_rules_are_turned_off_as_other_rules_are() {
    let tree = library();
    // A level in the config, for every reply.
    tree.write(
        "replylint.toml",
        "[rules]\nnear-duplicate = \"off\"\n[per-path-ignores]\n\"macros/es/**\" = [\"missing-translation\"]\n",
    );
    let json = tree.run(&["check", "--format", "json", "macros"]).json();
    assert!(of_rule(&json, "near-duplicate").is_empty());
    // The Spanish `delay` ignores it; the English one still reports it.
    let missing = of_rule(&json, "missing-translation");
    assert_eq!(places(&missing[0])[0], "macros/en/delay.md:5:1");
    // A reply's own `allow` and a suppression comment take it out.
    let tree = library();
    let late = "---\nchannel: email\nmode: template\nallow: [near-duplicate]\n---\nHello {{ticket.requester.first_name}},\n\nwe are so sorry your parcel is late. We have asked the courier for news and will write again as soon as we know more!\n\nKind regards,\nAcme Support\n";
    tree.write("macros/late-parcel.md", late);
    let json = tree
        .run(&["check", "--no-config", "--format", "json", "macros"])
        .json();
    assert!(of_rule(&json, "near-duplicate").is_empty(), "{json:#}");
    let late = late.replace("allow: [near-duplicate]\n", "").replace(
        "Hello {{",
        "<!-- replylint-disable near-duplicate -->\nHello {{",
    );
    tree.write("macros/late-parcel.md", &late);
    let json = tree
        .run(&["check", "--no-config", "--format", "json", "macros"])
        .json();
    assert!(of_rule(&json, "near-duplicate").is_empty(), "{json:#}");
}

#[test]
fn one_draft_has_no_library_to_compare_with() {
    let run = run_here(
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--channel",
            "email",
            "-",
        ],
        "Hi Anna,\n\nwe are sorry your parcel is late.\n\nBest regards,\nAcme",
    );
    let json = run.json();
    for rule in [
        "inconsistent-fact",
        "missing-translation",
        "translation-drift",
        "near-duplicate",
    ] {
        assert!(of_rule(&json, rule).is_empty(), "{rule}");
    }
}
