//! The language behind the style rules: whether a claim has a finite verb
//! (W102), nominal style (W118), passive voice (W119), promises without a date
//! (W120) and numbers without a unit (W121). Not a grammar: word lists and
//! word endings, tuned on the labelled corpus in `tests/fixtures/corpus` and
//! documented in docs/checks.md. Words come in lower case.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use crate::deck::Lang;

/// Words after which a word is a noun or an adjective, not a finite verb:
/// determiners, possessives, numbers, prepositions and conjunctions.
fn blocks_verb(word: &str, lang: Lang) -> bool {
    const EN: &[&str] = &[
        "a", "an", "the", "our", "your", "their", "its", "his", "her", "my", "this", "that",
        "these", "those", "next", "last", "first", "every", "each", "all", "some", "many", "few",
        "new", "more", "most", "no", "key", "main", "one", "two", "three", "four", "five", "six",
        "ten", "of", "for", "in", "on", "at", "by", "with", "from", "to", "and", "or", "about",
        "into", "over", "under", "per", "than", "without", "between",
    ];
    const SV: &[&str] = &[
        "en",
        "ett",
        "den",
        "det",
        "de",
        "denna",
        "detta",
        "dessa",
        "vår",
        "vårt",
        "våra",
        "min",
        "mitt",
        "mina",
        "din",
        "ditt",
        "dina",
        "er",
        "ert",
        "era",
        "hans",
        "hennes",
        "deras",
        "dess",
        "sin",
        "sitt",
        "sina",
        "nästa",
        "förra",
        "första",
        "andra",
        "sista",
        "varje",
        "alla",
        "många",
        "flera",
        "några",
        "inga",
        "ingen",
        "inget",
        "nya",
        "ny",
        "nytt",
        "två",
        "tre",
        "fyra",
        "fem",
        "sex",
        "tio",
        "med",
        "av",
        "för",
        "i",
        "på",
        "till",
        "från",
        "om",
        "och",
        "eller",
        "under",
        "över",
        "efter",
        "före",
        "mot",
        "vid",
        "utan",
        "genom",
        "inom",
        "mellan",
        "hos",
        "per",
        "än",
        "nuvarande",
    ];
    let list = match lang {
        Lang::En => EN,
        Lang::Sv => SV,
    };
    if list.contains(&word) {
        return true;
    }
    // A Swedish adjective before its noun: "sociala medier", "stora risker"
    // (but not a definite plural noun: "kunderna ringer").
    lang == Lang::Sv && word.ends_with('a') && !word.ends_with("na") && word.chars().count() > 2
}

/// Articles, possessives and numbers: after one, even a verb form from the
/// lists is a noun ("Nästa steg", "Our plans").
fn determiner(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::En => matches!(
            word,
            "a" | "an"
                | "the"
                | "our"
                | "your"
                | "their"
                | "its"
                | "his"
                | "her"
                | "my"
                | "this"
                | "these"
                | "those"
                | "next"
                | "first"
                | "key"
                | "main"
        ),
        Lang::Sv => matches!(
            word,
            "en" | "ett"
                | "denna"
                | "detta"
                | "dessa"
                | "vår"
                | "vårt"
                | "våra"
                | "min"
                | "mitt"
                | "mina"
                | "din"
                | "ditt"
                | "dina"
                | "hans"
                | "hennes"
                | "deras"
                | "dess"
                | "sin"
                | "sitt"
                | "sina"
                | "nästa"
                | "förra"
                | "första"
                | "sista"
        ),
    }
}

/// Subjects that make a sentence on their own.
fn subject(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::En => matches!(word, "i" | "we" | "you" | "he" | "she" | "they" | "it"),
        Lang::Sv => matches!(word, "jag" | "vi" | "du" | "ni" | "han" | "hon" | "man"),
    }
}

const EN_AUX: &[&str] = &[
    "is", "are", "was", "were", "am", "will", "would", "can", "could", "must", "should", "shall",
    "may", "might", "do", "does", "did", "has", "have", "had", "cannot", "won't", "can't", "don't",
    "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't",
];

/// English verbs, base form: with their -s and -ed forms they mark a sentence.
const EN_VERBS: &[&str] = &[
    "accept",
    "act",
    "add",
    "agree",
    "allow",
    "answer",
    "appear",
    "apply",
    "approve",
    "arrive",
    "ask",
    "avoid",
    "bake",
    "become",
    "begin",
    "believe",
    "book",
    "borrow",
    "break",
    "bring",
    "build",
    "buy",
    "call",
    "care",
    "carry",
    "cause",
    "change",
    "charge",
    "check",
    "choose",
    "clean",
    "climb",
    "close",
    "come",
    "compare",
    "complain",
    "continue",
    "cost",
    "count",
    "cover",
    "create",
    "cut",
    "decide",
    "deliver",
    "depend",
    "describe",
    "die",
    "double",
    "drive",
    "drop",
    "earn",
    "end",
    "enjoy",
    "expect",
    "explain",
    "fail",
    "fall",
    "fear",
    "feel",
    "fill",
    "find",
    "finish",
    "fit",
    "fix",
    "follow",
    "forget",
    "fund",
    "get",
    "give",
    "go",
    "grow",
    "halve",
    "happen",
    "hate",
    "hear",
    "help",
    "hire",
    "hold",
    "hope",
    "improve",
    "include",
    "increase",
    "join",
    "keep",
    "know",
    "lack",
    "lead",
    "learn",
    "leave",
    "lend",
    "let",
    "like",
    "listen",
    "live",
    "look",
    "lose",
    "love",
    "make",
    "matter",
    "mean",
    "meet",
    "miss",
    "move",
    "need",
    "offer",
    "open",
    "order",
    "own",
    "pay",
    "pick",
    "plan",
    "play",
    "prefer",
    "print",
    "prove",
    "pull",
    "push",
    "put",
    "raise",
    "reach",
    "read",
    "receive",
    "reduce",
    "remember",
    "rent",
    "reply",
    "report",
    "rise",
    "reuse",
    "run",
    "save",
    "say",
    "see",
    "sell",
    "send",
    "serve",
    "set",
    "share",
    "shop",
    "show",
    "shrink",
    "sign",
    "sit",
    "sleep",
    "slow",
    "solve",
    "speak",
    "spend",
    "spread",
    "stand",
    "start",
    "stay",
    "stop",
    "struggle",
    "suffer",
    "support",
    "switch",
    "take",
    "talk",
    "teach",
    "tell",
    "tend",
    "test",
    "think",
    "throw",
    "train",
    "travel",
    "treat",
    "trust",
    "try",
    "turn",
    "understand",
    "use",
    "visit",
    "wait",
    "walk",
    "want",
    "waste",
    "watch",
    "win",
    "wish",
    "work",
    "worry",
    "write",
    "reach",
    "pass",
    "cancel",
    "waive",
];

/// English past tenses that are not base + -ed.
const EN_PAST: &[&str] = &[
    "rose",
    "fell",
    "grew",
    "went",
    "came",
    "saw",
    "took",
    "gave",
    "made",
    "got",
    "found",
    "lost",
    "left",
    "kept",
    "paid",
    "sold",
    "bought",
    "built",
    "spent",
    "brought",
    "thought",
    "told",
    "said",
    "knew",
    "ran",
    "began",
    "won",
    "met",
    "led",
    "held",
    "sent",
    "stood",
    "understood",
    "wrote",
    "chose",
    "drove",
    "broke",
    "spoke",
    "flew",
    "threw",
    "drew",
    "felt",
    "meant",
    "heard",
    "shrank",
    "sank",
    "fought",
    "caught",
    "taught",
    "sought",
    "slept",
    "dealt",
    "became",
    "forgot",
    "hid",
    "doubled",
    "halved",
];

/// First words that make a claim an imperative ("Approve the scheme").
const EN_IMPERATIVE: &[&str] = &[
    "approve", "decide", "fund", "agree", "let", "give", "buy", "switch", "allow", "choose",
    "start", "stop", "back", "grant", "sign", "accept", "pick", "try", "keep", "join", "vote",
    "hire", "invest", "spend", "pay", "move", "cut", "build", "make", "take", "put", "use", "tell",
    "ask", "answer", "open", "close", "drop", "end", "trust",
];
const SV_IMPERATIVE: &[&str] = &[
    "besluta",
    "beslut",
    "godkänn",
    "ge",
    "låt",
    "satsa",
    "anta",
    "stöd",
    "välj",
    "bevilja",
    "ta",
    "köp",
    "starta",
    "börja",
    "säg",
    "tillsätt",
    "anställ",
    "sluta",
    "lita",
    "fatta",
    "investera",
    "avsätt",
    "prioritera",
    "ställ",
    "gör",
    "testa",
    "pröva",
    "skjut",
    "stoppa",
];

/// Swedish finite verbs that no ending rule finds.
const SV_FINITE: &[&str] = &[
    "är",
    "var",
    "blir",
    "blev",
    "har",
    "hade",
    "kan",
    "kunde",
    "ska",
    "skall",
    "skulle",
    "måste",
    "vill",
    "ville",
    "bör",
    "borde",
    "får",
    "fick",
    "gör",
    "gjorde",
    "går",
    "gick",
    "finns",
    "fanns",
    "kommer",
    "kom",
    "står",
    "stod",
    "ligger",
    "låg",
    "sitter",
    "satt",
    "tar",
    "tog",
    "ger",
    "gav",
    "ser",
    "såg",
    "vet",
    "visste",
    "säger",
    "sa",
    "sade",
    "steg",
    "sjönk",
    "föll",
    "drog",
    "bröt",
    "fann",
    "hann",
    "dör",
    "dog",
    "lever",
    "bor",
    "tror",
    "når",
    "nådde",
    "syns",
    "känns",
    "verkar",
    "behövs",
    "krävs",
    "sprids",
    "räcker",
    "vann",
    "förlorar",
    "tappar",
    "sover",
    "äter",
    "åt",
    "läser",
    "skriver",
    "skrev",
    "lägger",
    "la",
    "lade",
    "sätter",
    "satte",
    "sker",
    "skedde",
    "slutar",
    "saknar",
    "saknas",
    "tycker",
    "vågar",
    "orkar",
    "hinner",
    "brukar",
    "lyckas",
    "hoppas",
    "mår",
];

/// Swedish words ending like verbs that are not: for the ending rule.
const SV_NOT_VERB: &[&str] = &[
    "för",
    "efter",
    "under",
    "över",
    "eller",
    "där",
    "här",
    "hur",
    "mer",
    "fler",
    "när",
    "per",
    "kvar",
    "inför",
    "sommar",
    "vinter",
    "nummer",
    "meter",
    "liter",
    "kronor",
    "vår",
    "er",
    "ur",
    "dagar",
    "timmar",
    "veckor",
    "månader",
    "gånger",
    "siffror",
    "kunder",
    "tider",
    "platser",
    "medier",
    "risker",
    "frågor",
    "sidor",
    "timmar",
    "minuter",
    "sekunder",
    "dessutom",
    "sedan",
    "senare",
    "bättre",
    "större",
    "mindre",
    "fortare",
    "tidigare",
    "andra",
    "heller",
    "vidare",
    "enligt",
    "bakom",
    "ute",
    "inne",
    "år",
    "tre",
    "kl",
    "ca",
    "t.ex",
    "bl.a",
    "nuvarande",
    "kommande",
    "fler",
    "flera",
];

static EN_FORMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for v in EN_VERBS {
        set.insert(v.to_string());
        let s = if v.ends_with('y') && !v.ends_with("ay") && !v.ends_with("ey") {
            format!("{}ies", &v[..v.len() - 1])
        } else if v.ends_with(['s', 'x', 'o']) || v.ends_with("ch") || v.ends_with("sh") {
            format!("{v}es")
        } else {
            format!("{v}s")
        };
        set.insert(s);
    }
    set
});

/// An English word ending in -ed that is a past tense or a participle.
fn en_ed(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("ed")
        && !matches!(
            word,
            "need" | "speed" | "indeed" | "hundred" | "seed" | "feed" | "naked" | "sacred"
        )
}

/// Whether a claim (its words, lower case) has a finite verb, or is an
/// imperative: then it is a sentence, whatever its punctuation.
pub fn has_finite_verb(words: &[String], lang: Lang) -> bool {
    let n = words.len();
    if n == 0 {
        return false;
    }
    let imperative = match lang {
        Lang::En => EN_IMPERATIVE,
        Lang::Sv => SV_IMPERATIVE,
    };
    let after_first = words.get(1).map(String::as_str);
    if imperative.contains(&words[0].as_str())
        && !after_first.is_some_and(|w| {
            matches!(
                w,
                "for" | "of" | "and" | "with" | "to" | "till" | "för" | "av" | "och" | "med"
            )
        })
    {
        return true;
    }
    for i in 0..n {
        let w = words[i].as_str();
        if subject(w, lang) || (lang == Lang::En && w.contains('\'') && w.len() > 2) {
            return true;
        }
        if i == 0 {
            continue;
        }
        let prev = words[i - 1].as_str();
        let listed = match lang {
            Lang::En => EN_AUX.contains(&w) || EN_PAST.contains(&w),
            Lang::Sv => SV_FINITE.contains(&w),
        };
        if listed && !determiner(prev, lang) {
            return true;
        }
        if blocks_verb(prev, lang) {
            continue;
        }
        let last = i + 1 == n;
        let verb = match lang {
            Lang::En => en_ed(w) || (!last && (EN_FORMS.contains(w) || after_plural(words, i))),
            Lang::Sv => sv_finite_by_ending(w),
        };
        if verb {
            return true;
        }
    }
    false
}

/// An English word after a plural subject, past any -ly adverb, that is not a
/// function word: "complaints undermine trust", "requirements increasingly
/// necessitate …".
fn after_plural(words: &[String], i: usize) -> bool {
    let w = words[i].as_str();
    const NOT: &[&str] = &[
        "before", "after", "again", "then", "now", "here", "there", "ago", "later", "too", "also",
        "only", "as", "not", "up", "down", "out", "off", "away", "back", "ahead",
    ];
    if w.len() < 3
        || w.ends_with("ly")
        || w.ends_with("ing")
        || blocks_verb(w, Lang::En)
        || NOT.contains(&w)
    {
        return false;
    }
    let mut j = i;
    while j > 0 {
        j -= 1;
        let p = words[j].as_str();
        if p.ends_with("ly") && p.len() > 4 {
            continue;
        }
        return p.len() > 3
            && p.ends_with('s')
            && !p.ends_with("ss")
            && !p.ends_with("us")
            && !blocks_verb(p, Lang::En)
            && (j == 0 || !matches!(words[j - 1].as_str(), "of" | "for" | "in" | "on" | "with"));
    }
    false
}

/// A Swedish present or past tense by its ending: -ar, -er, -ir, -ade, -de,
/// -te, and the -s passives of those.
fn sv_finite_by_ending(w: &str) -> bool {
    if SV_NOT_VERB.contains(&w) || w.chars().count() < 4 {
        return false;
    }
    [
        "ar", "er", "ade", "dde", "de", "te", "as", "ades", "des", "tes",
    ]
    .iter()
    .any(|e| w.ends_with(e))
        && !w.ends_with("are")
        && !w.ends_with("ande")
        && !w.ends_with("ende")
}

/// A noun that carries an action: Swedish -ning, -ering, -andet, -else, -het,
/// -tion; English -tion, -sion, -ment, -ance, -ence, -ity and "the …ing".
fn nominal(word: &str, lang: Lang) -> bool {
    if word.chars().count() < 7 {
        return false;
    }
    match lang {
        Lang::Sv => {
            const ENDS: &[&str] = &[
                "ning", "ningen", "ningar", "ningarna", "ering", "eringen", "andet", "endet",
                "else", "elsen", "elser", "het", "heten", "heter", "tion", "tionen", "tioner",
                "itet", "iteten",
            ];
            ENDS.iter().any(|e| word.ends_with(e))
        }
        Lang::En => {
            const ENDS: &[&str] = &[
                "tion", "tions", "sion", "sions", "ment", "ments", "ance", "ances", "ence",
                "ences", "ity", "ities",
            ];
            const NOT: &[&str] = &[
                "question",
                "questions",
                "station",
                "moment",
                "comment",
                "comments",
                "audience",
                "evidence",
                "science",
                "difference",
                "percent",
                "community",
            ];
            ENDS.iter().any(|e| word.ends_with(e)) && !NOT.contains(&word)
        }
    }
}

/// Nominal style in one sentence: an action noun with "av"/"of" chained to a
/// second one ("granskningen av rutinerna … tillsättandet av"), or a noun of
/// that kind, "av", and another within three words ("införandet av bokningen").
/// Returns the words from the first such noun to the last, and the verbs the
/// Swedish nouns come from, when they can be told.
pub fn nominal_style(words: &[String], lang: Lang) -> Option<(Range<usize>, Vec<String>)> {
    let of = match lang {
        Lang::En => "of",
        Lang::Sv => "av",
    };
    let is_nominal = |i: usize| {
        let w = words[i].as_str();
        nominal(w, lang)
            || (lang == Lang::En
                && w.len() > 6
                && w.ends_with("ing")
                && i > 0
                && words[i - 1] == "the")
    };
    let heads: Vec<usize> = (0..words.len().saturating_sub(1))
        .filter(|&i| words[i + 1] == of && is_nominal(i))
        .collect();
    let first = *heads.first()?;
    let mut end = None;
    if heads.len() >= 2 {
        end = heads.last().map(|&i| i + 1);
    }
    for &h in &heads {
        if let Some(j) = (h + 2..(h + 5).min(words.len())).find(|&j| is_nominal(j)) {
            end = Some(end.map_or(j, |e: usize| e.max(j)));
        }
    }
    let end = end?;
    let mut verbs = Vec::new();
    for (i, word) in words.iter().enumerate().take(end + 1).skip(first) {
        if is_nominal(i)
            && let Some(v) = verb_of(word, lang)
            && !verbs.contains(&v)
        {
            verbs.push(v);
        }
    }
    Some((first..end + 1, verbs))
}

/// The verb a Swedish action noun comes from, when the ending tells it:
/// "granskningen" → "granska", "prioriteringen" → "prioritera",
/// "genomförandet" → "genomföra". English: "assessment" → "assess".
fn verb_of(noun: &str, lang: Lang) -> Option<String> {
    let strip = |ends: &[&str]| ends.iter().find_map(|e| noun.strip_suffix(e));
    match lang {
        Lang::Sv => {
            if let Some(stem) = strip(&["eringen", "eringar", "ering"]) {
                return Some(format!("{stem}era"));
            }
            if let Some(stem) = strip(&["ningen", "ningar", "ningarna", "ning"]) {
                let stem = stem.strip_suffix('n').unwrap_or(stem);
                return (stem.chars().count() >= 3).then(|| {
                    if stem.ends_with('a') {
                        stem.to_string()
                    } else {
                        format!("{stem}a")
                    }
                });
            }
            strip(&["andet", "endet"]).map(|stem| format!("{stem}a"))
        }
        Lang::En => strip(&["ments", "ment"])
            .filter(|s| s.len() >= 4)
            .map(str::to_string),
    }
}

/// Irregular English participles.
const EN_PARTICIPLES: &[&str] = &[
    "done",
    "made",
    "given",
    "taken",
    "seen",
    "sent",
    "written",
    "known",
    "shown",
    "found",
    "told",
    "paid",
    "sold",
    "built",
    "lost",
    "held",
    "kept",
    "left",
    "bought",
    "brought",
    "thought",
    "caught",
    "taught",
    "put",
    "set",
    "cut",
    "spent",
    "broken",
    "chosen",
    "forgotten",
    "hidden",
    "driven",
    "spoken",
    "stolen",
    "begun",
    "won",
    "met",
    "led",
    "hit",
    "heard",
    "meant",
    "felt",
    "understood",
    "thrown",
    "grown",
    "drawn",
    "worn",
    "torn",
    "eaten",
    "laid",
    "said",
    "shut",
    "spread",
    "read",
    "run",
    "overtaken",
    "withdrawn",
];

fn en_participle(w: &str) -> bool {
    en_ed(w) || EN_PARTICIPLES.contains(&w)
}

/// A Swedish participle after "blir/blev": "försenade", "stulna", "byggd".
fn sv_participle(w: &str) -> bool {
    let n = w.chars().count();
    n >= 5
        && [
            "ad", "ade", "at", "da", "dd", "dda", "en", "na", "ts", "tt", "d",
        ]
        .iter()
        .any(|e| w.ends_with(e))
        && !w.ends_with("rna")
        && !matches!(w, "sedan" | "redan" | "ingen" | "hela" | "alla")
}

/// Swedish -s passives that no ending rule finds (2nd and 3rd conjugation).
const SV_S_PASSIVE: &[&str] = &[
    "glöms",
    "byggs",
    "köps",
    "säljs",
    "ställs",
    "görs",
    "gjordes",
    "sänds",
    "läggs",
    "följs",
    "behövs",
    "hörs",
    "sprids",
    "läses",
    "skrivs",
    "ges",
    "tas",
    "nås",
    "hålls",
    "sätts",
    "stängs",
    "höjs",
    "sänks",
    "väljs",
    "körs",
    "mäts",
    "sköts",
    "styrs",
    "leds",
    "krävs",
    "används",
    "avbryts",
    "tillsätts",
    "drivs",
    "visas",
    "delas",
    "betalas",
    "skrevs",
    "gavs",
    "togs",
    "sattes",
    "lades",
    "hölls",
    "fick",
    "glömdes",
];

/// Swedish verbs that end in -s without being passive (deponents).
const SV_DEPONENT: &[&str] = &[
    "hoppas",
    "hoppades",
    "lyckas",
    "lyckades",
    "minnas",
    "andas",
    "trivs",
    "trivdes",
    "finns",
    "fanns",
    "funnits",
    "syns",
    "syntes",
    "känns",
    "kändes",
    "låtsas",
    "svettas",
    "umgås",
    "slåss",
    "brottas",
    "envisas",
    "fattas",
    "åldras",
    "skäms",
    "möts",
    "träffas",
    "ses",
    "saknas",
    "likaledes",
    "tidigare",
    "pratas",
];

fn sv_s_passive(w: &str, prev: Option<&str>) -> bool {
    // Every -s passive below ends in "s" ("fick" on the list is no passive), so a
    // word without it is none: most words stop here.
    if !w.ends_with('s') {
        return false;
    }
    if SV_DEPONENT.contains(&w) {
        return false;
    }
    if SV_S_PASSIVE.contains(&w) && w != "fick" {
        return true;
    }
    let n = w.chars().count();
    if n < 6 {
        return false;
    }
    // After a plural or definite noun: "patienter hänvisas", "ärendena stängas".
    let noun = prev.is_some_and(|p| {
        p.chars().count() > 4
            && ["er", "ar", "or", "na", "en", "et"]
                .iter()
                .any(|e| p.ends_with(e))
    });
    let modal = prev.is_some_and(|p| {
        matches!(
            p,
            "ska"
                | "skall"
                | "kan"
                | "måste"
                | "bör"
                | "skulle"
                | "kunde"
                | "får"
                | "behöver"
                | "borde"
        )
    });
    // "kundernas", "bussarnas": a genitive, not a passive.
    if w.ends_with("nas") {
        return false;
    }
    w.ends_with("ades")
        || w.ends_with("eras")
        || (w.ends_with("ats") && !w.ends_with("plats"))
        || (w.ends_with("des") && !w.ends_with("ledes"))
        || w.ends_with("tes")
        || (w.ends_with("as") && (modal || w.ends_with("kas") || w.ends_with("tas") || noun))
}

/// Adverbs that may stand between an auxiliary and its participle.
fn adverb(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "never"
            | "often"
            | "always"
            | "also"
            | "still"
            | "already"
            | "usually"
            | "then"
            | "just"
            | "rarely"
            | "being"
            | "been"
            | "be"
            | "inte"
            | "aldrig"
            | "ofta"
            | "alltid"
            | "också"
            | "redan"
            | "sedan"
            | "ibland"
            | "snabbt"
            | "sällan"
    )
}

/// The passive verbs of one sentence, as word indices. `gaps[i]` is the text
/// between word i-1 and word i (for "collected, analysed and acted upon").
pub fn passives(words: &[String], gaps: &[&str], lang: Lang) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let aux = match lang {
            Lang::En => matches!(
                w,
                "is" | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "been"
                    | "being"
                    | "am"
                    | "get"
                    | "gets"
                    | "got"
            ),
            Lang::Sv => matches!(w, "blir" | "blev" | "bli" | "blivit" | "blivande"),
        };
        if aux {
            let mut j = i + 1;
            while j < words.len() && adverb(&words[j]) {
                j += 1;
            }
            let participle = |k: usize| match lang {
                Lang::En => en_participle(&words[k]),
                Lang::Sv => sv_participle(&words[k]),
            };
            if j < words.len() && participle(j) {
                out.push(j);
                // Participles joined to it by commas and "and"/"or" share the auxiliary.
                let mut k = j + 1;
                while k < words.len() {
                    let gap = gaps.get(k).copied().unwrap_or("");
                    let joined =
                        gap.contains(',') && gap.trim().trim_matches(',').trim().is_empty();
                    // "stolen or damaged" is one passive; "collected and analysed" two.
                    let and = matches!(words[k].as_str(), "and" | "och");
                    if and && k + 1 < words.len() && participle(k + 1) {
                        out.push(k + 1);
                        k += 2;
                    } else if joined && participle(k) {
                        out.push(k);
                        k += 1;
                    } else {
                        break;
                    }
                }
                i = k;
                continue;
            }
        } else if lang == Lang::Sv && sv_s_passive(w, i.checked_sub(1).map(|p| words[p].as_str())) {
            out.push(i);
        }
        i += 1;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Promises without a date, as phrases of lower-case words.
fn promises(lang: Lang) -> &'static [&'static [&'static str]] {
    match lang {
        Lang::En => &[
            &["shortly"],
            &["in", "due", "course"],
            &["soon"],
            &["in", "the", "near", "future"],
            &["in", "the", "future"],
            &["at", "a", "later", "date"],
            &["at", "a", "later", "stage"],
            &["in", "the", "coming", "months"],
            &["in", "the", "coming", "weeks"],
            &["eventually"],
            &["before", "long"],
            &["at", "some", "point"],
            &["over", "time"],
            &["sooner", "or", "later"],
            &["when", "time", "allows"],
            &["as", "soon", "as", "possible"],
            &["in", "the", "fullness", "of", "time"],
            &["presently"],
        ],
        Lang::Sv => &[
            &["inom", "kort"],
            &["framöver"],
            &["så", "småningom"],
            &["på", "sikt"],
            &["inom", "en", "snar", "framtid"],
            &["inom", "snar", "framtid"],
            &["i", "en", "snar", "framtid"],
            &["i", "närtid"],
            &["längre", "fram"],
            &["med", "tiden"],
            &["inom", "överskådlig", "tid"],
            &["vid", "ett", "senare", "tillfälle"],
            &["inom", "den", "närmaste", "tiden"],
            &["inom", "den", "närmsta", "tiden"],
            &["i", "ett", "senare", "skede"],
            &["snart"],
            &["efter", "hand"],
            &["när", "tid", "finns"],
            &["inom", "rimlig", "tid"],
            &["framledes"],
            &["snarast", "möjligt"],
        ],
    }
}

/// Words that give a time: with one in the sentence a promise has its date.
fn dated(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "week",
        "quarter",
        "januari",
        "februari",
        "mars",
        "maj",
        "juni",
        "juli",
        "augusti",
        "oktober",
        "vecka",
        "veckan",
        "kvartal",
        "kvartalet",
        "måndag",
        "tisdag",
        "onsdag",
        "torsdag",
        "fredag",
        "q1",
        "q2",
        "q3",
        "q4",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "okt",
        "nov",
        "dec",
        "tomorrow",
        "imorgon",
        "today",
        "idag",
    ];
    WORDS.contains(&word)
}

/// The first promise without a date in a sentence: its word range. `has_digit`
/// says whether the sentence holds a figure (a year, a date), which dates it.
pub fn undated_promise(words: &[String], has_digit: bool, lang: Lang) -> Option<Range<usize>> {
    if has_digit {
        return None;
    }
    // The promise first: most sentences have none, and then the words that
    // would date it need not be looked for.
    let found = (0..words.len()).find_map(|i| {
        let first = words[i].as_bytes().first();
        promises(lang).iter().find_map(|phrase| {
            let end = i + phrase.len();
            // The first letter before the whole words: most words start no promise.
            let fits = phrase.first().and_then(|p| p.as_bytes().first()) == first
                && end <= words.len()
                && words[i..end].iter().zip(phrase.iter()).all(|(a, b)| a == b)
                // "in time for the audit" has its date in the thing named.
                && phrase != &["over", "time"]
                && phrase != &["med", "tiden"];
            fits.then_some(i..end)
        })
    })?;
    (!words.iter().any(|w| dated(w))).then_some(found)
}

/// Words after which a number needs no unit of its own: a time, a date, a
/// rank, a currency ("klockan 17", "Year 5", "page 3", "SEK 40").
fn names_number(word: &str) -> bool {
    matches!(
        word,
        "klockan"
            | "kl"
            | "vecka"
            | "veckan"
            | "v"
            | "nr"
            | "nummer"
            | "sida"
            | "punkt"
            | "år"
            | "året"
            | "year"
            | "week"
            | "page"
            | "number"
            | "no"
            | "version"
            | "room"
            | "rum"
            | "level"
            | "nivå"
            | "grade"
            | "årskurs"
            | "klass"
            | "step"
            | "steg"
            | "phase"
            | "fas"
            | "route"
            | "linje"
            | "line"
            | "bus"
            | "buss"
            | "platform"
            | "spår"
            | "gate"
            | "sek"
            | "eur"
            | "usd"
            | "gbp"
            | "kr"
            | "over"
            | "under"
            | "aged"
            | "age"
            | "över"
            | "åldern"
            | "day"
            | "dag"
            | "dagen"
            | "top"
            | "topp"
            | "kapitel"
            | "chapter"
            | "section"
            | "avsnitt"
            | "at"
            | "around"
            | "since"
    )
}

/// Words after a number that are not what it counts: the number stands bare.
fn no_unit_after(word: &str) -> bool {
    matches!(
        word,
        "to" | "from"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "and"
            | "or"
            | "but"
            | "than"
            | "since"
            | "until"
            | "after"
            | "before"
            | "last"
            | "next"
            | "this"
            | "that"
            | "the"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "has"
            | "have"
            | "so"
            | "with"
            | "till"
            | "från"
            | "i"
            | "på"
            | "vid"
            | "för"
            | "och"
            | "eller"
            | "men"
            | "än"
            | "sedan"
            | "efter"
            | "före"
            | "förra"
            | "nästa"
            | "denna"
            | "detta"
            | "är"
            | "var"
            | "blir"
            | "blev"
            | "har"
            | "hade"
            | "så"
            | "med"
            | "om"
            | "mot"
            | "under"
            | "over"
    )
}

/// Bare numbers in a point: figures with nothing after them that says what
/// they count ("rose from 3 to 11", "var 3"). Byte ranges in `text`.
pub fn bare_numbers(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut numbers: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() {
            let digit = bytes[i].is_ascii_digit();
            // "2,5", "1.200": a separator between digits.
            let separator =
                matches!(bytes[i], b'.' | b',') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            // "12 000": a space before a group of exactly three digits.
            let group = bytes[i] == b' '
                && bytes
                    .get(i + 1..i + 4)
                    .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
            if !(digit || separator || group) {
                break;
            }
            i += 1;
        }
        numbers.push(start..i);
    }
    // The word after byte `at`, lowercased, and where it ends in `text` (by
    // its own bytes: lowercasing may change their number).
    let word_after = |at: usize| -> (String, usize) {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        let skip = rest.len() - trimmed.len();
        let w: String = trimmed
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '\'')
            .collect();
        (w.to_lowercase(), at + skip + w.len())
    };
    let word_before = |at: usize| -> String {
        let before = text[..at].trim_end();
        let w: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '.')
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        w.trim_end_matches('.').to_lowercase()
    };
    let mut out = Vec::new();
    let mut n = 0;
    while n < numbers.len() {
        let r = numbers[n].clone();
        let digits = &text[r.clone()];
        let before_char = text[..r.start].chars().next_back();
        let after = &text[r.end..];
        let next_char = after.chars().next();
        // Part of a word or code ("Q3", "B2B", "20-minute"), a time or a date
        // ("8:30", "2027-06-30", "1/3"), a currency sign before it.
        let attached = before_char.is_some_and(|c| c.is_alphabetic() || "€$£#§-/:".contains(c))
            || next_char.is_some_and(|c| c.is_alphabetic() || "-–:/%‰°€$£×".contains(c));
        let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
        let before = word_before(r.start);
        // After a name or a bracket: a version or a model ("WCAG 2.2", "iPhone 15").
        let name = text[..r.start].trim_end().ends_with(')')
            || text[..r.start]
                .trim_end()
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .is_some_and(|w| {
                    w.chars().next().is_some_and(char::is_uppercase) && r.start > w.len() + 1
                });
        if attached || year || name || names_number(&before) {
            n += 1;
            continue;
        }
        // "12 of 140 questions", "5 to 40 replies": the unit comes after the last number.
        let mut last = n;
        loop {
            let (w, end) = word_after(numbers[last].end);
            let joins = matches!(
                w.as_str(),
                "to" | "till" | "and" | "och" | "or" | "eller" | "of" | "av" | "out"
            );
            let next = numbers.get(last + 1);
            // The next number may sit inside that word ("S85"): then no gap.
            let gap_ok = next.is_some_and(|nx| {
                text.get(end..nx.start)
                    .is_some_and(|between| between.trim().is_empty() || between.trim() == "of")
            });
            if joins && gap_ok {
                last += 1;
            } else {
                break;
            }
        }
        let (w, _) = word_after(numbers[last].end);
        let after_last = text[numbers[last].end..].trim_start().chars().next();
        let has_unit = after_last.is_some_and(|c| "%‰°€$£×".contains(c))
            || (!w.is_empty() && !no_unit_after(&w) && !w.chars().all(|c| c.is_ascii_digit()))
            || matches!(w.as_str(), "of" | "av");
        if !has_unit {
            out.push(r.clone());
        }
        n = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(text: &str) -> Vec<String> {
        text.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    }

    #[test]
    fn a_sentence_has_a_finite_verb_and_a_label_has_none() {
        for (text, lang) in [
            ("Sales rose by a fifth last spring", Lang::En),
            ("Regulars lose their paper cards", Lang::En),
            ("Approve Sunday opening from September", Lang::En),
            ("Kunder frågar om oss varje vecka", Lang::Sv),
            ("Försäljningen steg med en femtedel", Lang::Sv),
            ("Besluta i dag om en tjänst", Lang::Sv),
            ("Bussgatorna plogas sist", Lang::Sv),
        ] {
            assert!(has_finite_verb(&lower(text), lang), "{text}");
        }
        for (text, lang) in [
            ("Background", Lang::En),
            ("Our plan", Lang::En),
            ("Key findings", Lang::En),
            ("Welcome pack", Lang::En),
            ("Compromised credentials", Lang::En),
            ("Buddies for new volunteers", Lang::En),
            ("Nästa steg", Lang::Sv),
            ("Risker med sociala medier för företaget", Lang::Sv),
            ("Enkät till gästerna", Lang::Sv),
            ("Vår strategi", Lang::Sv),
            ("Digitalisering av tidsbokningen", Lang::Sv),
        ] {
            assert!(!has_finite_verb(&lower(text), lang), "{text}");
        }
    }

    #[test]
    fn nominal_chains_and_their_verbs() {
        let w =
            lower("Utförandet av granskningen av rutinerna sker genom tillsättandet av en grupp");
        let (r, verbs) = nominal_style(&w, Lang::Sv).unwrap();
        assert_eq!(r, 0..9);
        assert_eq!(verbs, ["utföra", "granska", "tillsätta"]);
        assert!(nominal_style(&lower("En ökning av antalet frågor"), Lang::Sv).is_none());
        let w = lower("The assessment of the implementation of the scheme");
        assert!(nominal_style(&w, Lang::En).is_some());
        assert!(nominal_style(&lower("Answers to the questions of the day"), Lang::En).is_none());
    }

    #[test]
    fn passives_in_both_languages() {
        let w = lower("Orders were delayed and emails were ignored");
        let gaps = vec![" "; w.len()];
        assert_eq!(passives(&w, &gaps, Lang::En), [2, 6]);
        let w = lower("Feedback is collected, analysed and acted upon");
        let gaps = ["", " ", " ", ", ", " ", " ", " "];
        assert_eq!(passives(&w, &gaps, Lang::En).len(), 3);
        let w = lower("Ärendena registreras inte och glöms bort");
        let gaps = vec![" "; w.len()];
        assert_eq!(passives(&w, &gaps, Lang::Sv), [1, 4]);
        let w = lower("Bussarna blev försenade och skolskjutsarna blev inställda");
        assert_eq!(passives(&w, &vec![" "; w.len()], Lang::Sv), [2, 6]);
        let w = lower("Vi hoppas att det finns plats och att kundernas frågor räcker");
        assert!(passives(&w, &vec![" "; w.len()], Lang::Sv).is_empty());
    }

    #[test]
    fn promises_without_a_date() {
        assert_eq!(
            undated_promise(&lower("Vi tar fram rutiner inom kort"), false, Lang::Sv),
            Some(4..6)
        );
        assert_eq!(
            undated_promise(
                &lower("Training will be arranged in due course"),
                false,
                Lang::En
            ),
            Some(4..7)
        );
        assert!(
            undated_promise(&lower("We report back soon, in March"), false, Lang::En).is_none()
        );
        assert!(undated_promise(&lower("Vi svarar snart"), true, Lang::Sv).is_none());
    }

    #[test]
    fn bare_numbers_have_nothing_after_them_that_counts() {
        let bare = |t: &str| -> Vec<String> {
            bare_numbers(t)
                .into_iter()
                .map(|r| t[r].to_string())
                .collect()
        };
        assert_eq!(bare("Late orders rose from 3 to 11"), ["3"]);
        assert_eq!(bare("Lånen sjönk från 900 till 610"), ["900"]);
        assert_eq!(bare("Betyget var 3"), ["3"]);
        assert!(bare("We got 140 questions, 12 of them twice").is_empty());
        assert!(bare("From 5 to 40 replies a week").is_empty());
        assert!(bare("By 8:30 on 2027-06-30, 15 000 kronor, 40 %, Q3, B2B").is_empty());
        assert!(bare("Customers over 65 are our fastest growing group").is_empty());
        assert!(bare("Sedan klockan 23 i vecka 12 år 2026").is_empty());
        assert!(bare("a 20-minute session for €40").is_empty());
        // A number inside the word after another (found by the property tests).
        assert!(bare("öé3Ös 48 S85NUåAÄüw“ åt6äüMSÖ;").is_empty());
        assert_eq!(bare("Betyget var 3 4"), ["3", "4"]);
    }
}
