use super::*;

/// A tiny Italian dictionary: `ordine`, `informare` and their forms.
const IT_AFF: &str = "SET UTF-8\nTRY aeiouèéàòùlnrstcdmpv\n\nSFX S Y 1\nSFX S e i e\n\nSFX V Y 2\nSFX V e la e\nSFX V e le e\n";
const IT_DIC: &str =
    "9\nordine/S\ninformare/V\nperché\ntracciare\napp\nciao\ngrazie\nSendung\nporta\n";
const DE_AFF: &str = "SET UTF-8\nTRY enrstai\n";
const DE_DIC: &str = "3\nSendung\nNummer\nAntrag\n";

#[derive(Debug, Default)]
struct Fake {
    asked: Mutex<Vec<Variant>>,
}

impl DictionarySource for Fake {
    fn load(&self, variant: Variant) -> Option<Result<HunspellFiles, String>> {
        self.asked.lock().unwrap().push(variant);
        let (aff, dic) = match variant {
            Variant::It => (IT_AFF, IT_DIC),
            Variant::De => (DE_AFF, DE_DIC),
            Variant::Fr => return Some(Err("fr.dic: permission denied".into())),
            _ => return None,
        };
        Some(Ok(HunspellFiles {
            aff: aff.into(),
            dic: dic.into(),
            origin: format!("test/{variant}"),
        }))
    }

    fn searched(&self) -> String {
        "/test/dictionaries".into()
    }
}

fn speller(team: TeamWords) -> Speller {
    Speller::new(Box::new(Fake::default()), team)
}

fn en() -> Selection {
    Selection::new(Language::En, &[])
}

fn it() -> Selection {
    Selection::new(Language::It, &[])
}

/// The suggestions for `word`, which must be misspelt.
fn misspelt(s: &Speller, word: &str, selection: &Selection) -> Vec<String> {
    assert_eq!(s.check(word, selection), Verdict::Misspelt, "{word}");
    s.suggest(word, selection).to_vec()
}

#[test]
fn english_is_built_in() {
    let s = Speller::default();
    assert_eq!(s.check("receive", &en()), Verdict::Correct);
    assert_eq!(s.check("Receive", &en()), Verdict::Correct);
    assert_eq!(s.check("we’ll", &en()), Verdict::Correct);
    assert_eq!(s.check("café", &en()), Verdict::Correct);
    assert_eq!(s.check("cafe\u{301}", &en()), Verdict::Correct);
    assert_eq!(misspelt(&s, "recieve", &en())[0], "receive");
    assert_eq!(misspelt(&s, "Recieve", &en())[0], "Receive");
    assert!(s.notes().is_empty());
}

#[test]
fn british_spellings_pass_unless_en_us_is_chosen() {
    let s = Speller::default();
    assert_eq!(s.check("colour", &en()), Verdict::Correct);
    assert_eq!(s.check("apologise", &en()), Verdict::Correct);
    let us = Selection::new(Language::En, &[Variant::EnUs]);
    assert!(matches!(s.check("colour", &us), Verdict::Misspelt));
}

#[test]
fn loaded_dictionaries_check_their_language() {
    let s = speller(TeamWords::default());
    assert_eq!(s.check("ordini", &it()), Verdict::Correct);
    assert_eq!(s.check("Ordine", &it()), Verdict::Correct);
    assert_eq!(misspelt(&s, "perchè", &it()), ["perché"]);
    assert_eq!(misspelt(&s, "odrine", &it()), ["ordine"]);
    // Courtesy pronouns and elisions.
    assert_eq!(s.check("informarLa", &it()), Verdict::Correct);
    assert_eq!(s.check("nell'app", &it()), Verdict::Correct);
    assert!(matches!(s.check("informarLo", &it()), Verdict::Misspelt));
    // English words are borrowed as they are, unless they are a word of
    // the language with a letter dropped or an accent missing.
    assert_eq!(s.check("feedback", &it()), Verdict::Correct);
    assert!(matches!(s.check("port", &it()), Verdict::Misspelt));
}

#[test]
fn german_compounds_split_into_known_nouns() {
    let s = speller(TeamWords::default());
    let de = Selection::new(Language::De, &[]);
    assert_eq!(s.check("Sendungsnummer", &de), Verdict::Correct);
    assert_eq!(s.check("Nummernantrag", &de), Verdict::Correct);
    assert!(matches!(s.check("Sendungsnumer", &de), Verdict::Misspelt));
}

#[test]
fn a_missing_dictionary_is_one_note_and_no_check() {
    let s = speller(TeamWords::default());
    let es = Selection::new(Language::Es, &[]);
    assert_eq!(s.check("hola", &es), Verdict::Unchecked);
    assert_eq!(s.check("adios", &es), Verdict::Unchecked);
    let fr = Selection::new(Language::Fr, &[]);
    assert_eq!(s.check("bonjour", &fr), Verdict::Unchecked);
    let notes = s.notes();
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert!(
        notes[1].contains("fr.dic: permission denied"),
        "{}",
        notes[1]
    );
    assert!(
        notes[0].starts_with("no Spanish spelling dictionary found (es-ES; looked in"),
        "{}",
        notes[0]
    );
    assert!(notes[0].contains("apt install hunspell-es"), "{}", notes[0]);
    assert!(
        notes[0].contains("dictionaries = { es = \"path/to/es_ES\" }"),
        "{}",
        notes[0]
    );
    assert!(notes[0].contains("/test/dictionaries"), "{}", notes[0]);
}

#[test]
fn portuguese_takes_either_variant_unless_one_is_chosen() {
    let s = speller(TeamWords::default());
    // Neither is found: one note each.
    assert_eq!(
        s.check("obrigado", &Selection::new(Language::Pt, &[])),
        Verdict::Unchecked
    );
    let notes = s.notes();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(notes[0].contains("(pt-PT, pt-BR;"), "{}", notes[0]);
    assert!(
        notes[0].contains("`apt install hunspell-pt-pt` or `apt install hunspell-pt-br`"),
        "{}",
        notes[0]
    );
    let br = Selection::new(Language::Pt, &[Variant::PtBr, Variant::EnGb]);
    assert_eq!(br.variants, [Variant::PtBr]);
}

#[test]
fn the_teams_words_come_first() {
    let mut team = TeamWords::default();
    team.accept.extend(["Acme", "iPhone", "zendesk", "AcmePay"]);
    team.reject.extend(["e-mail -> email", "irregardless"]);
    let s = speller(team);
    assert_eq!(s.check("Acme", &en()), Verdict::Correct);
    assert_eq!(s.check("Zendesk", &it()), Verdict::Correct);
    assert_eq!(s.check("Iphone", &en()), Verdict::Miscased("iPhone".into()));
    assert_eq!(
        s.check("Acmepay", &en()),
        Verdict::Miscased("AcmePay".into())
    );
    // A word of the dictionary is not a miscased name (`acme` is English).
    assert_eq!(s.check("acme", &en()), Verdict::Correct);
    assert_eq!(
        s.check("E-mail", &en()),
        Verdict::Rejected(Some("Email".into()))
    );
    assert_eq!(s.check("irregardless", &it()), Verdict::Rejected(None));
    // The built-in list of product names knows their case too.
    assert_eq!(s.check("Paypal", &en()), Verdict::Miscased("PayPal".into()));
}

#[test]
fn each_word_is_judged_once() {
    let s = speller(TeamWords::default());
    for _ in 0..3 {
        assert!(matches!(s.check("odrine", &it()), Verdict::Misspelt));
    }
    let total: usize = s.cache.iter().map(|c| c.lock().unwrap().len()).sum();
    assert_eq!(total, 1);
}

/// [`Fake`]'s dictionaries, and a compiled Italian one of `forms` only.
#[derive(Debug)]
struct WithCompiled {
    files: Fake,
    forms: &'static [(&'static str, u64)],
    files_gone: bool,
    complete: bool,
}

impl DictionarySource for WithCompiled {
    fn load(&self, variant: Variant) -> Option<Result<HunspellFiles, String>> {
        if self.files_gone {
            self.files.asked.lock().unwrap().push(variant);
            return None;
        }
        self.files.load(variant)
    }

    fn searched(&self) -> String {
        self.files.searched()
    }

    fn compiled(&self, variant: Variant) -> Option<compiled::Forms> {
        (variant == Variant::It).then(|| {
            let bytes = compiled::build(self.forms.iter().copied()).unwrap();
            compiled::Forms::new(compiled::Bytes(Box::new(bytes)))
                .unwrap()
                .described(self.complete, compiled::alphabet(IT_AFF))
        })
    }
}

fn compiled_speller(files_gone: bool) -> Speller {
    compiled_speller_of(files_gone, false)
}

fn compiled_speller_of(files_gone: bool, complete: bool) -> Speller {
    let source = WithCompiled {
        files: Fake::default(),
        forms: &[
            ("grazie", compiled::TITLE | compiled::UPPER),
            ("ordine", compiled::TITLE | compiled::UPPER),
        ],
        files_gone,
        complete,
    };
    Speller::new(Box::new(source), TeamWords::default())
}

fn files_read(s: &Speller) -> usize {
    let Loaded::Ready(Checker::Compiled { files, .. }) = s.loaded(Variant::It) else {
        panic!("the compiled Italian dictionary is used");
    };
    usize::from(files.get().is_some())
}

#[test]
fn a_compiled_dictionary_reads_its_files_only_for_a_word_it_lacks() {
    let s = compiled_speller(false);
    for word in ["grazie", "Grazie", "ORDINE"] {
        assert_eq!(s.check(word, &it()), Verdict::Correct, "{word}");
    }
    assert_eq!(files_read(&s), 0);
    // Not among the forms: the files say (a form of `informare`, then a
    // misspelling with its suggestion).
    assert_eq!(s.check("informarla", &it()), Verdict::Correct);
    assert_eq!(files_read(&s), 1);
    assert_eq!(misspelt(&s, "odrine", &it()), ["ordine"]);
    assert!(s.notes().is_empty(), "{:?}", s.notes());
}

#[test]
fn a_compiled_dictionary_whose_files_are_gone_says_so() {
    let s = compiled_speller(true);
    assert_eq!(s.check("grazie", &it()), Verdict::Correct);
    assert_eq!(s.check("informarla", &it()), Verdict::Misspelt);
    let notes = s.notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("it-IT spelling dictionary cannot be read"),
        "{notes:?}"
    );
}

#[test]
fn complete_compiled_forms_decide_plain_words_alone() {
    let s = compiled_speller_of(false, true);
    assert_eq!(s.check("Grazie", &it()), Verdict::Correct);
    assert_eq!(s.check("Amélie", &it()), Verdict::Misspelt);
    assert_eq!(s.check("odrine", &it()), Verdict::Misspelt);
    assert_eq!(files_read(&s), 0);
    // Suggestions are words the forms decide (`ordine`, `grazie`).
    assert_eq!(s.suggest("odrine", &it()).to_vec(), ["ordine"]);
    assert_eq!(s.suggest("grazi", &it()).to_vec(), ["grazie"]);
    assert_eq!(files_read(&s), 0);
    // A capitalised word with an apostrophe is the files' to judge.
    assert_eq!(s.check("L'ordine", &it()), Verdict::Correct);
    assert_eq!(files_read(&s), 1);
}
