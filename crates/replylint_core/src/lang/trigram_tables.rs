//! The static tables of the trigram detector ([`super::trigram`]): the
//! six trigram profiles and the Latin alphabets of whatlang 0.18.0, and
//! how they are turned into the tables detection reads. `build.rs`
//! includes this file to write the tables as Rust statics at compile
//! time (`$OUT_DIR/trigram_tables.rs`), so that a run reads them in
//! place instead of building them (0.9 M instructions, a seventh of a
//! draft's check); the tests build them again here and compare.
//!
//! Only `std`: the build script compiles this file on its own.
//!
//! The trigram profiles and the Latin alphabets are copied from the
//! `whatlang` crate, version 0.18.0 (`src/trigrams/profiles.rs`,
//! `src/alphabets/latin.rs`, <https://github.com/greyblake/whatlang-rs>),
//! © Sergey Potapov, MIT licence.

/// Marks a trigram absent from a profile.
pub const NO_RANK: i16 = -1;
/// Bits of the code of a char of the profiles (see [`code`]).
pub const CODE_BITS: u32 = 7;
/// Slots of the profile hash table (≤ 1800 trigrams).
pub const PROFILE_SLOTS: usize = 4096;
/// Distinct alphabet classes (per-language weight vectors) at most.
pub const MAX_CLASSES: usize = 64;
/// Characters below this code point have their alphabet class in a table.
pub const LOW_CHARS: usize = 0x300;
/// The alphabet "class" of stop chars.
pub const STOP: u8 = u8::MAX;

/// whatlang's codes of our six languages, in `Language` order.
pub const OURS: [&str; 6] = ["eng", "ita", "spa", "fra", "deu", "por"];

/// whatlang's `utils::is_stop_char`: space, punctuation or digit.
#[inline]
pub fn is_stop_char(ch: char) -> bool {
    matches!(ch, '\u{0000}'..='\u{0040}' | '\u{005B}'..='\u{0060}' | '\u{007B}'..='\u{007E}')
}

/// The code of a char of the profiles, 0 for a char in none: from
/// `low_code` below 256, else from `other_code`.
#[inline(always)]
pub fn code(low_code: &[u8; 256], other_code: &[(u32, u8)], c: u32) -> u32 {
    match low_code.get(c as usize) {
        Some(&code) => u32::from(code),
        None => other_code
            .iter()
            .find(|&&(ch, _)| ch == c)
            .map_or(0, |&(_, code)| u32::from(code)),
    }
}

/// The profile table key of three char codes, if none is 0.
#[inline(always)]
pub fn key_of(codes: [u32; 3]) -> Option<u32> {
    let [a, b, c] = codes;
    (a != 0 && b != 0 && c != 0).then_some(a << (2 * CODE_BITS) | b << CODE_BITS | c)
}

/// The first slot to probe for `key`.
#[inline(always)]
pub fn profile_slot(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9) >> (32 - PROFILE_SLOTS.trailing_zeros())) as usize
}

/// The tables, built.
#[derive(Debug, PartialEq)]
pub struct Built {
    /// Open-addressing hash table of the profiles' trigrams: (key, index
    /// in `ranks`), key 0 for an empty slot.
    pub slots: Vec<(u32, u32)>,
    /// The code of each char below 256 of the profiles (1, 2...), 0 for
    /// the others.
    pub low_code: [u8; 256],
    /// The code of the other chars of the profiles.
    pub other_code: Vec<(u32, u8)>,
    /// Per profile trigram, its rank in each profile (index `Language as
    /// usize`, two lanes of padding), or [`NO_RANK`].
    pub ranks: Vec<[i16; 8]>,
    /// Length of each profile (300).
    pub profile_len: [u32; 6],
    /// Alphabet class of each char below [`LOW_CHARS`], or [`STOP`].
    pub low_class: Vec<u8>,
    /// Alphabet class of the other chars of the Latin alphabets, by char.
    pub other_class: Vec<(char, u8)>,
    /// Per class, how many times each of our languages counts a char of
    /// the class (a char common to all Latin languages counts once for all).
    pub class_weights: Vec<[u8; 6]>,
}

/// Build the tables from the profiles and alphabets.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests
pub fn build() -> Built {
    let mut built = Built {
        slots: vec![(0, 0); PROFILE_SLOTS],
        low_code: [0; 256],
        other_code: Vec::new(),
        ranks: Vec::new(),
        profile_len: [0; 6],
        low_class: Vec::new(),
        other_class: Vec::new(),
        class_weights: Vec::new(),
    };
    // The distinct chars of the profiles, in order: those below 256
    // marked in a table (nearly all of them), the others sorted.
    let mut low = [false; 256];
    let mut other: Vec<char> = Vec::new();
    for c in PROFILES.iter().flat_map(|p| p.chars()) {
        match low.get_mut(c as usize) {
            Some(seen) => *seen = true,
            None => other.push(c),
        }
    }
    low[usize::from(b'|')] = false;
    other.sort_unstable();
    other.dedup();
    let profile_chars: Vec<char> = (0..=255u8)
        .filter(|&b| low[usize::from(b)])
        .map(char::from)
        .chain(other)
        .collect();
    assert!(profile_chars.len() < 1 << CODE_BITS);
    for (code, c) in (1..).zip(profile_chars) {
        match built.low_code.get_mut(c as usize) {
            Some(slot) => *slot = code,
            None => built.other_code.push((u32::from(c), code)),
        }
    }
    for (l, profile) in PROFILES.iter().enumerate() {
        for (rank, trigram) in profile.split_terminator('|').enumerate() {
            let mut each = trigram.chars().map(u32::from);
            let chars = [each.next(), each.next(), each.next(), each.next()];
            let [Some(a), Some(b), Some(c), None] = chars else {
                panic!("{trigram:?} is not three chars");
            };
            let codes = [a, b, c].map(|c| code(&built.low_code, &built.other_code, c));
            let key = key_of(codes).expect("chars of a profile");
            let mut i = profile_slot(key);
            while built.slots[i].0 != 0 && built.slots[i].0 != key {
                i = (i + 1) % PROFILE_SLOTS;
            }
            if built.slots[i].0 == 0 {
                let index = u32::try_from(built.ranks.len()).expect("few trigrams");
                built.slots[i] = (key, index);
                built.ranks.push([NO_RANK; 8]);
            }
            let ranks = &mut built.ranks[built.slots[i].1 as usize];
            assert_eq!(ranks[l], NO_RANK, "duplicate trigram {trigram:?}");
            ranks[l] = i16::try_from(rank).expect("rank fits");
            built.profile_len[l] += 1;
        }
    }

    // Alphabets, as whatlang's `build_inverted_map` and
    // `generic_alphabet_calculate_scores` use them: per char, the
    // alphabets that hold it (a repeat counting again).
    let script_langs = LATIN_ALPHABETS.len();
    let mut chars: Vec<(char, Vec<&str>)> = Vec::new();
    for &(lang, alphabet) in LATIN_ALPHABETS {
        for c in alphabet.chars() {
            match chars.iter_mut().find(|(seen, _)| *seen == c) {
                Some((_, langs)) => langs.push(lang),
                None => chars.push((c, vec![lang])),
            }
        }
    }
    chars.sort_unstable_by_key(|(c, _)| *c);
    let mut classes: Vec<[u8; 6]> = vec![[0; 6]];
    let mut low_class = vec![0u8; LOW_CHARS];
    let mut other_class = Vec::new();
    for (c, langs) in chars {
        let weights = if langs.len() == script_langs {
            [1; 6]
        } else {
            OURS.map(|ours| {
                let n = langs.iter().filter(|&&l| l == ours).count();
                u8::try_from(n).expect("few repeats")
            })
        };
        let class = match classes.iter().position(|&w| w == weights) {
            Some(class) => class,
            None => {
                classes.push(weights);
                classes.len() - 1
            }
        };
        let class = u8::try_from(class).expect("few classes");
        if (c as usize) < LOW_CHARS {
            low_class[c as usize] = class;
        } else {
            other_class.push((c, class));
        }
    }
    assert!(classes.len() <= MAX_CLASSES, "{} classes", classes.len());
    // whatlang skips stop chars before looking at alphabets.
    for (c, class) in low_class.iter_mut().enumerate() {
        if is_stop_char(char::from_u32(c as u32).expect("a char")) {
            *class = STOP;
        }
    }
    built.low_class = low_class;
    built.other_class = other_class;
    built.class_weights = classes;
    built
}

/// The tables as Rust statics, for `build.rs` to write.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests
pub fn to_rust(built: &Built) -> String {
    use std::fmt::Write as _;
    let mut out = String::from("// Made by build.rs from src/lang/trigram_tables.rs.\n");
    let mut list = |name: &str, ty: &str, items: Vec<String>| {
        let _ = writeln!(out, "pub(super) static {name}: [{ty}; {}] = [", items.len());
        for chunk in items.chunks(16) {
            let _ = writeln!(out, "    {},", chunk.join(", "));
        }
        out.push_str("];\n");
    };
    list(
        "SLOTS",
        "(u32, u32)",
        built.slots.iter().map(|s| format!("{s:?}")).collect(),
    );
    list(
        "LOW_CODE",
        "u8",
        built.low_code.iter().map(u8::to_string).collect(),
    );
    list(
        "OTHER_CODE",
        "(u32, u8)",
        built.other_code.iter().map(|c| format!("{c:?}")).collect(),
    );
    list(
        "RANKS",
        "[i16; 8]",
        built.ranks.iter().map(|r| format!("{r:?}")).collect(),
    );
    list(
        "PROFILE_LEN",
        "u32",
        built.profile_len.iter().map(u32::to_string).collect(),
    );
    list(
        "LOW_CLASS",
        "u8",
        built.low_class.iter().map(u8::to_string).collect(),
    );
    list(
        "OTHER_CLASS",
        "(char, u8)",
        built
            .other_class
            .iter()
            .map(|(c, k)| format!("('\\u{{{:x}}}', {k})", u32::from(*c)))
            .collect(),
    );
    list(
        "CLASS_WEIGHTS",
        "[u8; 6]",
        built
            .class_weights
            .iter()
            .map(|w| format!("{w:?}"))
            .collect(),
    );
    out
}

/// The trigram profiles of whatlang 0.18.0 (`src/trigrams/profiles.rs`),
/// in `Language` order, most frequent first, each trigram followed by `|`.
pub const PROFILES: [&str; 6] = [
    ENG_TRIGRAMS,
    ITA_TRIGRAMS,
    SPA_TRIGRAMS,
    FRA_TRIGRAMS,
    DEU_TRIGRAMS,
    POR_TRIGRAMS,
];

const ENG_TRIGRAMS: &str = concat!(
    " th|the| an|he |nd |and|ion| of|of |tio| to|to |",
    "on | in|al |ati|igh|ght|rig| ri|or |ent|as |ed |",
    "is |ll |in | be|e r|ne |one|ver|all|s t|eve|t t|",
    " fr|s a| ha| re|ty |ery| or|d t| pr|ht | co| ev|",
    "e h|e a|ng |ts |his|ing|be |yon| sh|ce |ree|fre|",
    "ryo|n t|her|men|nat|sha|pro|nal|y a|has|es |for|",
    " hi|hal|f t|n a|n o|nt | pe|s o| fo|d i|nce|er |",
    "ons|res|e s|ect|ity|ly |l b|ry |e e|ers|e i|an |",
    "e o| de|cti|dom|edo|eed|hts|ter|ona|re | no| wh|",
    " a | un|d f| as|ny |l a|e p|ere| en| na| wi|nit|",
    "nte|d a|any|ted| di|ns |sta|th |per|ith|e t|st |",
    "e c|y t|om |soc| ar|ch |t o|d o|nti|s e|equ|ve |",
    "oci|man| fu|ote|oth|ess| al| ac|wit|ial| ma|uni|",
    " se|rea| so| on|lit|int|r t|y o|enc|thi|ual|t a|",
    " eq|tat|qua|ive| st|ali|e w|l o|are|f h|con|te |",
    "led| is|und|cia|e f|le | la|y i|uma|by | by|hum|",
    "f a|ic | hu|ave|ge |r a| wo|o a|ms |com| me|eas|",
    "s d|tec| li|n e|en |rat|tit|ple|whe|ate|o t|s r|",
    "t f|rot| ch|cie|dis|age|ary|o o|anc|eli|no | fa|",
    " su|son|inc|at |nda|hou|wor|t i|nde|rom|oms| ot|",
    "g t|eme|tle|iti|gni|s w|itl|duc|d w|whi|act|hic|",
    "aw |law| he|ich|min|imi|ort|o s|se |e b|ntr|tra|",
    "edu|oun|tan|e d|nst|l p|d n|ld |nta|s i|ble|n p|",
    " pu|n s| at|ily|rth|tho|ful|ssi|der|o e|cat|uca|",
    "unt|ien| ed|o p|h a|era|ind|pen|sec|n w|omm|r s|",
);
const ITA_TRIGRAMS: &str = concat!(
    " di|to | de|ion| in|la |e d|di |ne | e |zio|re |",
    "le |ni |ell|one|lla|rit|a d|o d|del|itt|iri|dir|",
    " co|ti |ess|ent| al|azi|tto|te |i d|i i|ere|tà |",
    " pr|ndi|e l|ale|o a|ind|e e|e i|gni|nte|con|i e|",
    "li |a s| un|men|ogn| ne|uo | og|idu|e a|ivi|duo|",
    "vid| es|tti| ha|div| li|a p|no |all|pro|za |ato|",
    "per|sse|ser| so|i s| la| su|e p| pe|ibe|na |a l|",
    " il|ber|e n|il |ali|lib|ha |che|in |o s|e s| qu|",
    "o e|ia |e c| ri|nza|ta |nto|he |oni|o i| o |sta|",
    "o c|nel| a |o p|naz|e o|so | po|o h|gli|i u|ond|",
    "i c|ers|ame|i p|lle|un |era|ri |ver|ro |el |una|",
    "a c| ch|ert|ua |i a|ssi|rtà|a e|ei |dis|ant| l |",
    "tat|a a|ona|ual| le|ità|are|ter| ad|nit| da|pri|",
    "dei|à e|cia| st| si|nal|est|tut|ist|com|uni| ed|",
    "ono| na|sua|al |si |anz| pa| re|raz|gua|ita|res|",
    "der|soc|man|o o|ad |i o|ese|que|enz|ed | se|io |",
    "ett|on | tu|dic|à d|sia|i r|rso|oci|rio|ari|qua|",
    "ial|pre|ich|rat|ien|tra|ani|uma|se |ll |eri|a n|",
    "o n| um|do |ara|a t|zza|er |tri|att|ico|pos|sci|",
    "i l|son|nda|par|e u|fon| fo|nti|uzi|str|utt|ati|",
    "sen|int|nes|iar| i |hia|n c|sti|chi|ann|ra | eg|",
    "egu|isp|bil|ont|a r| no|rop| me|opr|ost| ma|ues|",
    "ica|sso|tal|cie|sun|lit|ore|ina|ite|tan| ra|non|",
    "gio|d a|e r|dev|i m|l i|ezz|izi| cu|nno|rà |a i|",
    "tta|ria|lia|cos|ssu|dal|l p| as|ass|opo|ve |eve|",
);
const SPA_TRIGRAMS: &str = concat!(
    " de|os |de | la|la | y | a |es |ón |ión|rec|ere|",
    "der| co|e l|el |en |ien|cho|ent|ech|ció|aci|o a|",
    "a p| el|a l|al |as |e d| en|na |ona|s d|da |nte|",
    " to|ad |ene|con| pr| su|tod| se|ho |los| pe|per|",
    "ers| lo|o d| ti|cia|n d|cio| es|ida|res|a t|tie|",
    "ion|rso|te |do | in|son| re| li|to |dad|tad|e s|",
    "est|pro|que|men| po|a e|oda|nci| qu| un|ue |ne |",
    "n e|s y|lib|su | na|s e|nac|ia |e e|tra| pa|or |",
    "ado|a d|nes|ra |se |ual|a c|er |por|com|nal|rta|",
    "a s|ber| o |one|s p|dos|rá |sta|les|des|ibe|ser|",
    "era|ar |ert|ter| di|ale|l d|nto|hos|del|ica|a a|",
    "s n|n c|oci|imi|io |o e|re |y l|e c|ant|cci| as|",
    "las|par|ame| cu|ici|ara|enc|s t|ndi| so|o s|mie|",
    "tos|una|bre|dic|cla|s l|e a|l p|pre|ntr|o t|ial|",
    "y a|nid|n p|a y|man|omo|so |n l| al|ali|s a|no |",
    " ig|s s|e p|nta|uma|ten|gua|ade|y e|soc|mo | fu|",
    "igu|o p|n t|hum|d d|ran|ria|y d|ada|tiv|l e|cas|",
    " ca|vid|l t|s c|ido|das|dis|s i| hu|s o|nad|fun|",
    " ma|rac|nda|eli|sar|und| ac|uni|mbr|a u|die|e i|",
    "qui|a i| ha|lar| tr|odo|ca |tic|o y|cti|lid|ori|",
    "ndo|ari| me|ta |ind|esa|cua|un |ier|tal|esp|seg|",
    "ele|ons|ito|ont|iva|s h|d y|nos|ist|rse| le|cie|",
    "ide|edi|ecc|ios|l m|r e|med|tor|sti|n a|rim|uie|",
    "ple|tri|ibr|sus|lo |ect|pen|y c|an |e h|n s|ern|",
    "tar|l y|egu|gur|ura|int|ond|mat|l r|r a|isf|ote|",
);
const FRA_TRIGRAMS: &str = concat!(
    " de|es |de |ion|nt |et |tio| et|ent| la|la |e d|",
    "on |ne |oit|e l|le | le|s d|e p|t d|ati|roi| dr|",
    "dro|it | à | co|té |ns |te |e s|men|re | to|con|",
    " l’|tou|que| qu|les| so|des|son| pe|ons| un|s l|",
    "s e| pr|ue | pa|e c|t l|ts |onn| au|e a|eme|e e|",
    " li|ont|ant|out|ute|t à|res|ers| sa|ce | a |tre|",
    "per|a d|cti|er |lib|ité| en|ux | re|en |rso|à l|",
    " ou| in|lle|un |nat|ou |nne|n d|une| d’| se|par|",
    "nte|us |ur |s s|ans|dan|a p|r l|pro|its|és |t p|",
    "ire|e t|s p|sa | dé|ond|é d|a l|nce|ert|aux|omm|",
    "nal|me | na| fo|iqu| ce|rté|ect|ale|ber|t a|s a|",
    " da|mme|ibe|san|e r| po|com|al |s c|qui|our|t e|",
    " ne|e n|ous|r d|ali|ter| di|fon|e o|au | ch|air|",
    "ui |ell| es|lit|s n|iss|éra|tes|soc|aut|oci|êtr|",
    "ien|int|du |est|été|tra|pou| pl|rat|ar |ran|rai|",
    "s o|ona|ain|cla|éga|anc|rs |eur|pri|n c|e m|s t|",
    "à u| do|ure|bre|ut | êt|age| ét|nsi|sur|ein|sen|",
    "ser|ndi|ens|ess|ntr|ir | ma|cia|n p|st |a c| du|",
    "l e| su|bli|ge |rés| ré|e q|ass|nda|peu|ée |l’a|",
    " te|a s|tat|il |tés|ais|u d|ine|ind|é e|qu’| ac|",
    "s i|n t|t c|n a|l’h|t q|soi|t s|cun|rit| ég|oir|",
    "’en|nta|hom| on|n e| mo|ie |ign|rel|nna|t i|l n|",
    " tr|ill|ple|s é|l’e|rec|a r|ote|sse|uni|idé|ive|",
    "s u|t ê|ins|act| fa|n s| vi|gal| as|lig|ssa|pré|",
    "leu|e f|lic|dis|ver| nu|ten|ssi|rot|tec|s m|abl|",
);
const DEU_TRIGRAMS: &str = concat!(
    "en |er |der| un|nd |und|ein|ung|cht| de|ich|sch|",
    "ng | ge|ie |che|ech| di|die|rec|gen|ine|eit| re|",
    "ch | da|n d|ver|hen| zu|t d| au|ht | ha|lic|it |",
    "ten|rei| be|in | ve| in| ei|nde|auf|den|ede|zu |",
    "n s|uf |fre|ne |ter|es | je|jed|n u| an|sei|and|",
    " fr|run|at | se|e u|das|hei|s r|hte|hat|nsc|nge|",
    "r h|as |ens| al|ere|lle|t a| we|n g|rde|nte|ese|",
    "men| od|ode|ner|g d|all|t u|ers|te |nen| so|d d|",
    "n a|ben|lei| gr| vo|wer|e a|ege|ion| st|ige|le |",
    "cha| me|haf|aft|n j|ren| er|erk|ent|bei| si|eih|",
    "ihe|kei|erd|tig|n i|on |lun|r d|len|gem|ies|gru|",
    "tli|unt|chu|ern|ges|end|e s|ft |st |ist|tio|ati|",
    " gl|sta|gun|mit|sen|n n| na|n z|ite| wi|r g|eic|",
    "e e|ei |lie|r s|n w|gle|mei|de |uch|em |chl|nat|",
    "rch|t w|des|n e|hre|ale|spr|d f|ach|sse|r e| sc|",
    "urc|r m|nie|e f|fen|e g|e d| ni|dur|dar|int| du|",
    "geh|ied|t s| mi|alt|her|hab|f g|sic|ste|taa|aat|",
    "he |ang|ruc|hli|tz |eme|abe|h a|n v|nun|geg|arf|",
    "rf |ehe|pru| is|erf|e m|ans|ndl|e b|tun|n o|d g|",
    "n r|r v|wie|ber|r a|arb|bes|t i|h d|r w|r b| ih|",
    "d s|igk|gke|nsp|dig|ema|ell|eru|n f|ins|rbe|ffe|",
    "esc|igu|ger|str|ken|e v|gew|han|ind|rt | ar|ieß|",
    "n h|rn |man|r i|hut|utz|d a|ls |ebe|von|lte|r o|",
    "rli|etz|tra|aus|det|hul|e i|one|nne|isc|son|sel|",
    "et |ohn|t g|sam| fa|rst|rkl|ser|iem|g v|t z|err|",
);
const POR_TRIGRAMS: &str = concat!(
    "os |de | de| a | e |o d|to |ão | di|ent|da |ito|",
    "em | co|eit|as |dir|es |ire|rei| se|ção|ade|a p|",
    "dad|e d|s d|men|nte|do |s e| pr| pe|dos| to| da|",
    "a a|o e| o |o a|ess|con|tod|que| qu|te |e a| do|",
    "al |res|ida|m d| in| ou|er |sso| na| re| po|a s|",
    " li|uma|cia|ar |pro|e e|a d| te|açã|a t| es| su|",
    "ou |ue |s p|tos|a e|des|ra |com|no |ame|ia |e p|",
    "tem|nto| pa|is |est|tra|ões|na |s o|oda|das|ser|",
    "soa|s n|pes|o p|s a|o s|e o| em| as| à |o o|ais|",
    "ber|ado|oa |o t|e s|man|sua|ua | no| os|a c|ter|",
    "çõe|erd|lib|rda|s s|nci|ibe|e n|ica|odo|so |nal|",
    "ntr|s t|hum|ura| ao|ona|ual| so|or |ma |sta|o c|",
    "a n|pre|ara|era|ons|e t|r a|par|o à| hu|ind|por|",
    "cio|ria|m a|s c| um|a l|gua|ran| en|ndi|o i|e c|",
    "raç|ion|nid|aci|ano|soc|e r|oci| ac|und|sen|nos|",
    "nsi|rec|ime|ali|int|um |per|nac| al|m o|r p| fu|",
    "ndo|ont|açõ| ig|igu|fun|nta| ma|uni|cçã|ere| ex|",
    "a i| me|ese|rio|l d|a o|s h|pel|ada|pri|ide|am |",
    "m p|pod|s f|ém |a f|io |ode|ca |ita|lid|tiv|e f|",
    "vid|r e|esp|nda|omo|e l|naç|o r|ant|a q|tad|lic|",
    "iva| fa|ver|s l|ial|cla|ngu|ing| ca|mo |der| vi|",
    "eli|ist|ta |se |ati|ios|ido|r o|eci|dis| un|e i|",
    "r d|ecç|o q|s i|qua|ênc|a m|seu|sti|nin|uer|rar|",
    "cas|aos|ens|gué|ias|sid|uém|tur|dam|sse|ao |ela|",
    "l e|for|tec|ote| pl|ena| tr|m c|tro| ni|ico|rot|",
);

/// The Latin alphabets of whatlang 0.18.0 (`src/alphabets/latin.rs`),
/// verbatim, by whatlang's code of their language.
const AFR: &str = "abcdefghijklmnopqrstuvwxyzáèéêëíîïóôúû";
const AKA: &str = "abdefghiklmnoprstuwyɔɛ";
const AZE: &str = "abcdefghijklmnopqrstuvxyzçöüğışə̇";
const CAT: &str = "abcdefghijklmnopqrstuvwxyz·àçèéíïòóúü";
const CES: &str = "abcdefghijklmnopqrstuvwxyzáéíóúýčďěňřšťůž";
const CYM: &str = "abcdefghijklmnopqrstuvwxyzàáâäèéêëìíîïòóôöùúûüýÿŵŷẁẃẅỳ";
const DAN: &str = "abcdefghijklmnopqrstuvwxyzåæø";
const DEU: &str = "abcdefghijklmnopqrstuvwxyzßäöü";
const ENG: &str = "abcdefghijklmnopqrstuvwxyz";
const EPO: &str = "abcdefghijklmnoprstuvzĉĝĥĵŝŭ";
const EST: &str = "abcdefghijklmnopqrstuvwxyzäõöü";
const FIN: &str = "abcdefghijklmnopqrstuvwxyzäöšž";
const FRA: &str = "abcdefghijklmnopqrstuvwxyzàâçèéêëîïôùûüÿœ";
const HRV: &str = "abcdefghijklmnopqrstuvwxyzćčđšž";
const HUN: &str = "abcdefghijklmnopqrstuvwxyzáéíóöúüőű";
const IND: &str = "abcdefghijklmnopqrstuvwxyz";
const ITA: &str = "abcdefghijklmnopqrstuvwxyzàèéìòù";
const JAV: &str = "abcdefghijklmnopqrstuvwxyzèé";
const LAT: &str = "abcdefghijklmnopqrstuvwxyz";
const LAV: &str = "abcdefghijklmnopqrstuvwxyzāčēģīķļņōŗšūž";
const LIT: &str = "abcdefghijklmnopqrstuvwxyząčėęįšūųž";
const NLD: &str = "abcdefghijklmnopqrstuvwxyzàèéëïĳ";
const NOB: &str = "abcdefghijklmnopqrstuvwxyzåæø";
const POL: &str = "abcdefghijklmnopqrstuvwxyzóąćęłńśźż";
const POR: &str = "abcdefghijklmnopqrstuvwxyzàáâãçéêíóôõú";
const RON: &str = "abcdefghijklmnopqrstuvwxyzâîăşţ";
const SLK: &str = "abcdefghijklmnopqrstuvwxyzáäéíóôúýčďĺľňŕšťž";
const SLV: &str = "abcdefghijklmnopqrstuvwxyzčšž";
const SNA: &str = "abcdefghijklmnopqrstuvwxyz";
const SPA: &str = "abcdefghijklmnopqrstuvwxyz¡¿áéíñóúü";
const SWE: &str = "abcdefghijklmnopqrstuvwxyzäåö";
const TGL: &str = "abcdefghijklmnopqrstuvwxyzáéíñóú";
const TUK: &str = "abdefghijklmnoprstuwyzäçöüýňşž";
const TUR: &str = "abcdefghijklmnopqrstuvwxyzçöüğış̇";
const UZB: &str = "abcdefghijklmnopqrstuvxyzʻ";
const VIE: &str =
    "abcdefghijklmnopqrstuvwxyzàáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
const ZUL: &str = "abcdefghijklmnopqrstuvwxyz";

pub const LATIN_ALPHABETS: &[(&str, &str)] = &[
    ("afr", AFR),
    ("aka", AKA),
    ("aze", AZE),
    ("cat", CAT),
    ("ces", CES),
    ("cym", CYM),
    ("dan", DAN),
    ("deu", DEU),
    ("eng", ENG),
    ("epo", EPO),
    ("est", EST),
    ("fin", FIN),
    ("fra", FRA),
    ("hrv", HRV),
    ("hun", HUN),
    ("ind", IND),
    ("ita", ITA),
    ("jav", JAV),
    ("lat", LAT),
    ("lav", LAV),
    ("lit", LIT),
    ("nld", NLD),
    ("nob", NOB),
    ("pol", POL),
    ("por", POR),
    ("ron", RON),
    ("slk", SLK),
    ("slv", SLV),
    ("sna", SNA),
    ("spa", SPA),
    ("swe", SWE),
    ("tgl", TGL),
    ("tuk", TUK),
    ("tur", TUR),
    ("uzb", UZB),
    ("vie", VIE),
    ("zul", ZUL),
];
