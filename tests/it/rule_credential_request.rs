//! `credential-request`: must-fail cases in all six languages (snapshots
//! and exact positions) and must-pass cases: security advice, negations,
//! the last digits of a card, secrets the company gives.

use crate::common::{assert_clean, diagnostics_of, lint};

const CHAT: &[&str] = &["--channel", "chat"];
const TWITTER: &[&str] = &["--channel", "twitter"];

// ---- must fail ----

#[test]
fn send_us_your_password_in_a_tweet() {
    let text = "@joe Hi Joe, to fix this please send us your password via DM. ^KM\n";
    insta::assert_snapshot!(lint(TWITTER, text));
    assert_eq!(
        diagnostics_of("credential-request", TWITTER, text),
        vec![(
            1,
            33,
            "asks the customer for a secret (`password`)".to_owned()
        )]
    );
}

#[test]
fn inviaci_la_password() {
    let args = ["--channel", "whatsapp", "--lang", "it"];
    let text = "Ciao! Inviaci la password del tuo account e controlliamo subito.\n";
    insta::assert_snapshot!(lint(&args, text));
    assert_eq!(
        diagnostics_of("credential-request", &args, text),
        vec![(
            1,
            7,
            "asks the customer for a secret (`password`)".to_owned()
        )]
    );
}

#[test]
fn requests_in_six_languages() {
    let text = "To verify you, what's your PIN?\n\
                Per procedere ci indichi il numero completo della carta.\n\
                Envíanos tu contraseña por mensaje privado.\n\
                Merci de nous communiquer le cryptogramme au dos de la carte.\n\
                Bitte senden Sie uns Ihr Passwort.\n\
                Por favor, envie-nos a sua senha.\n";
    let secret = |s: &str| format!("asks the customer for a secret (`{s}`)");
    assert_eq!(
        diagnostics_of("credential-request", CHAT, text),
        vec![
            (1, 16, secret("PIN")),
            (2, 15, secret("numero completo della carta")),
            (3, 1, secret("contraseña")),
            (4, 1, secret("cryptogramme")),
            (5, 7, secret("Passwort")),
            (6, 12, secret("senha")),
        ]
    );
}

#[test]
fn a_request_after_reassurance_or_a_condition_is_still_a_request() {
    for text in [
        "Don't worry, just send us your password and we'll log in for you.",
        "If you can't log in, send us your password and we'll check it.",
        "Se non riesci ad accedere, inviaci la password.",
        "DM us your card number and CVV and we'll push the payment through.",
        "Could you tell me the full card number so I can find the payment?",
        "Wie lautet Ihre PIN? Dann entsperren wir die Karte.",
    ] {
        assert_eq!(
            diagnostics_of("credential-request", CHAT, text).len(),
            1,
            "{text}"
        );
    }
}

// ---- must pass ----

#[test]
fn warnings_not_to_share_are_not_requests() {
    for text in [
        "@ollie We'll never ask for your password or PIN over social media. ^NB",
        "For your security, please don't share your card details, password or PIN in this chat.",
        "We will never ask you to send us your password.",
        "Non ti chiederemo mai il PIN o la password. Non condividerli con nessuno!",
        "Ricordi che non Le chiederemo mai di comunicarci il PIN.",
        "Nunca te pediremos tu contraseña ni el PIN por redes sociales.",
        "Por tu seguridad, no compartas tu contraseña con nadie.",
        "Nous ne vous demanderons jamais votre mot de passe ni votre code PIN.",
        "Ne communiquez jamais votre mot de passe par e-mail.",
        "Wir werden Sie niemals nach Ihrem Passwort oder Ihrer PIN fragen.",
        "Bitte teilen Sie Ihr Passwort niemandem mit, auch nicht uns.",
        "Nunca lhe pediremos a sua senha ou o código PIN.",
        "Por motivos de segurança, não partilhe a sua palavra-passe com ninguém.",
        "Your card's CVV is the 3-digit code on the back. Never share it with anyone, including us.",
    ] {
        assert_clean("credential-request", CHAT, text);
    }
}

#[test]
fn asking_for_what_is_not_a_secret() {
    for text in [
        "To confirm it's you, could you tell us the last 4 digits of the card?",
        "Per verificare la tua identità, indicaci le ultime 4 cifre della carta.",
        "¿Me indicas los últimos 4 dígitos de la tarjeta con la que pagaste?",
        "Pouvez-vous nous indiquer les 4 derniers chiffres de votre carte ?",
        "Nennen Sie uns bitte die letzten vier Ziffern Ihrer Karte.",
        "Indique-nos os últimos 4 dígitos do cartão, por favor.",
        "Please DM us your order number and the email on the account, but never your password.",
        "We need your order number and postcode to find the parcel.",
        "Send us a pin of your location and the driver will find you.",
    ] {
        assert_clean("credential-request", CHAT, text);
    }
}

#[test]
fn talking_about_passwords_is_not_asking_for_them() {
    for text in [
        "You can reset your password here: https://brand.com/reset",
        "We've sent you a temporary password by text. Please change it when you log in.",
        "Ti abbiamo inviato una nuova password temporanea via email.",
        "Let us know if the new password works for you.",
        "Tell us if you forgot your password and we'll send a reset link.",
        "Send us a screenshot of the error you get when you enter your password.",
        "¿Nos envías una captura de pantalla del error que aparece al introducir la contraseña?",
        "What's the problem with your password?",
        "You'll need your password to log back in after the update.",
        "Dopo l'aggiornamento ti servirà la password per accedere di nuovo.",
        "Ihr Passwort können Sie in der App unter Einstellungen ändern.",
        "Vous pouvez modifier votre mot de passe dans Mon compte.",
    ] {
        assert_clean("credential-request", CHAT, text);
    }
}
