//! Word lists: jargon with plain alternatives and hype that promises too much
//! (built in per language, in `words/en.txt` and `words/sv.txt`), the deck's own
//! `[check] words`, and the small lists the claim and abbreviation rules use.

use std::sync::LazyLock;

use crate::deck::Lang;

/// Why a word is on a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jargon,
    Hype,
    /// From the deck's `[check] words`.
    Deck,
    /// A fixed term whose words are not flagged one by one
    /// ("search engine optimisation" is not the jargon "optimisation").
    Term,
}

/// One word of a form: matched whole, or as a prefix when written with `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    text: String,
    prefix: bool,
}

impl Pattern {
    fn matches(&self, word: &str) -> bool {
        if self.prefix {
            word.starts_with(&self.text)
        } else {
            word == self.text
        }
    }
}

/// One entry: the forms it matches and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    /// Each form is a word or a phrase (several patterns).
    forms: Vec<Vec<Pattern>>,
    /// A plain alternative (jargon, deck words) or advice (hype); may be empty.
    pub instead: String,
}

/// (entry, form) pairs by the first letter of the form, so a word is compared
/// only with the forms that can start with it: an array for ASCII letters (no
/// hashing, the commonest case), a short list for the others ("å", "ä", "ö").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ByFirst {
    ascii: Vec<Vec<(usize, usize)>>,
    other: Vec<(char, Vec<(usize, usize)>)>,
}

impl ByFirst {
    fn push(&mut self, c: char, at: (usize, usize)) {
        if c.is_ascii() {
            if self.ascii.is_empty() {
                self.ascii = vec![Vec::new(); 128];
            }
            self.ascii[c as usize].push(at);
        } else if let Some((_, list)) = self.other.iter_mut().find(|(k, _)| *k == c) {
            list.push(at);
        } else {
            self.other.push((c, vec![at]));
        }
    }

    fn get(&self, c: char) -> &[(usize, usize)] {
        if c.is_ascii() {
            self.ascii.get(c as usize).map_or(&[], Vec::as_slice)
        } else {
            self.other
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(&[], |(_, list)| list.as_slice())
        }
    }
}

/// A list of entries, searched in a sequence of lower-case words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList {
    entries: Vec<Entry>,
    by_first: ByFirst,
    /// The forms [`WordList::find_compound`] looks for at the end of a word:
    /// one word of at least [`COMPOUND_MIN`] letters, from a built-in list.
    compound_by_first: ByFirst,
}

/// The shortest entry form found as the last part of a Swedish compound.
const COMPOUND_MIN: usize = 5;
/// The shortest first part of a compound.
const COMPOUND_HEAD: usize = 3;

/// A match: the entry and how many words it covers from the start position.
#[derive(Debug, Clone, Copy)]
pub struct Match<'a> {
    pub entry: &'a Entry,
    pub len: usize,
    /// The words are the entry's first form as written (or its stem with the
    /// base ending: "utilize" for "utiliz*", "implementera" for
    /// "implementer*"), so the alternative can replace them as they stand.
    /// Other forms ("utilized", "implementeringen", compounds) get advice, not
    /// a swap that would break the sentence.
    pub base: bool,
}

fn parse_form(form: &str) -> Option<Vec<Pattern>> {
    let patterns: Vec<Pattern> = form
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            match lower.strip_suffix('*') {
                Some(stem) => Pattern {
                    text: stem.to_string(),
                    prefix: true,
                },
                None => Pattern {
                    text: lower,
                    prefix: false,
                },
            }
        })
        .collect();
    let valid = !patterns.is_empty() && patterns.iter().all(|p| !p.text.is_empty());
    valid.then_some(patterns)
}

impl WordList {
    fn new(entries: Vec<Entry>) -> WordList {
        let mut by_first = ByFirst::default();
        let mut compound_by_first = ByFirst::default();
        for (e, entry) in entries.iter().enumerate() {
            for (f, form) in entry.forms.iter().enumerate() {
                if let Some(c) = form.first().and_then(|p| p.text.chars().next()) {
                    by_first.push(c, (e, f));
                    if form.len() == 1
                        && form[0].text.chars().count() >= COMPOUND_MIN
                        && entry.kind != Kind::Deck
                    {
                        compound_by_first.push(c, (e, f));
                    }
                }
            }
        }
        WordList {
            entries,
            by_first,
            compound_by_first,
        }
    }

    /// Parses the list format of `words/*.txt`; an error names the bad line.
    pub fn parse(text: &str) -> Result<WordList, String> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (kind, rest) = match line.split_once(':') {
                Some(("jargon", rest)) => (Kind::Jargon, rest),
                Some(("hype", rest)) => (Kind::Hype, rest),
                Some(("term", rest)) => (Kind::Term, rest),
                _ => {
                    return Err(format!(
                        "line {}: expected `jargon:`, `hype:` or `term:`",
                        n + 1
                    ));
                }
            };
            let Some((forms, instead)) = rest.split_once("=>") else {
                return Err(format!("line {}: expected `=>`", n + 1));
            };
            let forms: Option<Vec<_>> = forms.split(',').map(|f| parse_form(f.trim())).collect();
            match forms {
                Some(forms) if !forms.is_empty() && !instead.trim().is_empty() => {
                    entries.push(Entry {
                        kind,
                        forms,
                        instead: instead.trim().to_string(),
                    })
                }
                _ => return Err(format!("line {}: an empty form or alternative", n + 1)),
            }
        }
        Ok(WordList::new(entries))
    }

    /// The deck's own words: "word" or "word -> alternative"; `*` works as in the
    /// built-in lists. Entries that hold no word are skipped (load reports them).
    pub fn from_deck(words: &[String]) -> WordList {
        let entries = words
            .iter()
            .filter_map(|w| {
                let (form, instead) = match w.split_once("->") {
                    Some((f, i)) => (f.trim(), i.trim()),
                    None => (w.trim(), ""),
                };
                Some(Entry {
                    kind: Kind::Deck,
                    forms: vec![parse_form(form)?],
                    instead: instead.to_string(),
                })
            })
            .collect();
        WordList::new(entries)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The longest entry form that starts at `words[at]` (words in lower case).
    pub fn find(&self, words: &[String], at: usize) -> Option<Match<'_>> {
        let mut best: Option<Match> = None;
        let first = words.get(at).and_then(|w| w.chars().next());
        let candidates = first.map_or(&[][..], |c| self.by_first.get(c));
        for &(e, f) in candidates {
            let (Some(entry), Some(form)) = (
                self.entries.get(e),
                self.entries.get(e).and_then(|en| en.forms.get(f)),
            ) else {
                continue;
            };
            let fits = form.len() <= words.len().saturating_sub(at)
                && form.iter().zip(&words[at..]).all(|(p, w)| p.matches(w));
            if fits && best.is_none_or(|b| form.len() > b.len) {
                let base = f == 0
                    && form.iter().zip(&words[at..]).all(|(p, w)| {
                        !p.prefix || w.len() == p.text.len() || base_ending(&w[p.text.len()..])
                    });
                best = Some(Match {
                    entry,
                    len: form.len(),
                    base,
                });
            }
        }
        best
    }

    /// A Swedish compound that ends in a one-word entry: "processoptimering"
    /// holds "optimer*", "kundsynergier" "synergi*". The first part must have
    /// at least three letters, the entry's form at least five. Never a base
    /// form: the alternative does not fit the compound as it stands.
    pub fn find_compound(&self, word: &str) -> Option<Match<'_>> {
        for (at, c) in word.char_indices().skip(COMPOUND_HEAD) {
            let tail = &word[at..];
            // A form of five letters takes at least five bytes: no shorter tail
            // can hold one, and the tails only get shorter.
            if tail.len() < COMPOUND_MIN {
                break;
            }
            for &(e, f) in self.compound_by_first.get(c) {
                let Some(entry) = self.entries.get(e) else {
                    continue;
                };
                let Some(form) = entry.forms.get(f) else {
                    continue;
                };
                if form[0].matches(tail) {
                    return Some(Match {
                        entry,
                        len: 1,
                        base: false,
                    });
                }
            }
        }
        None
    }
}

/// The ending after a `*` stem that still leaves the base form: "utiliz" +
/// "e", "implementer" + "a".
fn base_ending(rest: &str) -> bool {
    matches!(rest, "e" | "a")
}

/// Jargon found by its form, not by a list: Swedish verbs and nouns in
/// -isera/-isering ("digitalisera", "effektiviseringen"), and English words in
/// Swedish text ("onboarding", "feedback").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Morph {
    Isera,
    Loan,
}

/// The -isera and loanword forms (Swedish text only; lower-case words).
pub fn morphology(word: &str) -> Option<Morph> {
    const ISERA: &[&str] = &[
        "isera",
        "iserar",
        "iserade",
        "iserat",
        "iseras",
        "iserades",
        "isering",
        "iseringen",
        "iseringar",
        "iseringarna",
    ];
    // Plain words with these endings that everyone uses.
    const PLAIN: &[&str] = &[
        "organisera",
        "organiserar",
        "organiserade",
        "organiserat",
        "organiseras",
        "kritisera",
        "kritiserar",
        "kritiserade",
        "kritiserat",
        "kritiseras",
    ];
    // The endings first: they rule out most words before letters are counted.
    if ISERA.iter().any(|e| word.ends_with(e))
        && word.chars().count() >= 8
        && !PLAIN.contains(&word)
    {
        return Some(Morph::Isera);
    }
    if !word.chars().all(|c| c.is_ascii_lowercase()) || word.len() < 5 {
        return None;
    }
    const ENGLISH_ENDS: &[&str] = &["ting", "ding", "king", "hing", "ping", "cing", "ship"];
    if word.starts_with("webb")
        || word.starts_with("swish")
        || word == "wifi"
        || word.ends_with("nting")
        || word.ends_with("llting")
    {
        return None;
    }
    let english = ENGLISH_ENDS.iter().any(|e| word.ends_with(e))
        || word.contains("ee")
        || word.contains("sh")
        || word.contains("th")
        || word.contains('w');
    english.then_some(Morph::Loan)
}

/// Brand and company names in capitals that are names, not abbreviations to
/// explain: "SJ", "IKEA", "BMW".
pub fn is_brand(word: &str) -> bool {
    const BRANDS: &[&str] = &[
        "SJ", "SAS", "IKEA", "ICA", "ABB", "SEB", "SVT", "SR", "UR", "SKF", "LKAB", "NCC", "PEAB",
        "HM", "KLM", "BMW", "IBM", "HP", "LEGO", "VOLVO", "SAAB", "SCANIA", "UPS", "DHL", "BBC",
        "CNN", "NASA", "ASOS", "LG", "AMD", "ESPN", "HSBC", "KPMG", "PWC", "EY", "SL", "MTR", "NK",
        "OKQ", "COOP", "AXA", "AMF", "SBAB", "ATG", "SVT", "TV4", "HBO", "CBS", "NBC", "ITV", "BT",
        "GE", "GM", "VW", "IKANO",
    ];
    BRANDS.contains(&word)
}

static EN: LazyLock<WordList> =
    LazyLock::new(|| WordList::parse(include_str!("words/en.txt")).unwrap_or_default());
static SV: LazyLock<WordList> =
    LazyLock::new(|| WordList::parse(include_str!("words/sv.txt")).unwrap_or_default());

/// The built-in list for a language (tests assert both parse and are long enough).
pub fn builtin(lang: Lang) -> &'static WordList {
    match lang {
        Lang::En => &EN,
        Lang::Sv => &SV,
    }
}

/// Words that show a claim has a verb (or a subject), so it is a sentence and
/// not a label. Not a grammar: a hint list of the commonest verbs and pronouns.
pub fn sentence_hints(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "i", "we", "you", "he", "she", "it", "they", "is", "are", "was", "were", "be", "been",
            "will", "would", "can", "could", "must", "should", "shall", "may", "might", "need",
            "needs", "have", "has", "had", "do", "does", "did", "get", "gets", "make", "makes",
            "want", "wants", "ask", "asks", "talk", "talks", "know", "knows", "grow", "grows",
            "go", "goes", "start", "starts", "stop", "stops", "help", "helps", "lose", "loses",
            "cost", "costs", "save", "saves", "pay", "pays", "answer", "answers", "use", "uses",
            "work", "works", "give", "gives", "take", "takes", "keep", "keeps", "see", "sees",
            "show", "shows", "find", "finds", "let", "lets", "reach", "reaches", "win", "wins",
            "lead", "leads", "build", "builds", "come", "comes", "say", "says", "tell", "tells",
            "expect", "plan", "decide", "fund", "spend", "spends", "buy", "learn", "listen",
            "measure", "wait", "act", "try", "fail", "fails", "miss", "misses", "leave", "leaves",
            "spread", "spreads",
        ],
        Lang::Sv => &[
            "jag",
            "vi",
            "du",
            "ni",
            "han",
            "hon",
            "den",
            "det",
            "de",
            "man",
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
            "behöver",
            "behövde",
            "vet",
            "visste",
            "tar",
            "tog",
            "ger",
            "gav",
            "ser",
            "såg",
            "kommer",
            "kom",
            "säger",
            "sa",
            "sade",
            "frågar",
            "svarar",
            "pratar",
            "talar",
            "lyssnar",
            "börjar",
            "slutar",
            "hjälper",
            "kostar",
            "sparar",
            "förlorar",
            "tappar",
            "växer",
            "ökar",
            "minskar",
            "mäter",
            "visar",
            "leder",
            "bygger",
            "betalar",
            "vinner",
            "väntar",
            "räcker",
            "sprids",
            "behövs",
            "besluta",
            "beslutar",
            "starta",
            "startar",
            "satsa",
            "satsar",
            "använder",
            "lär",
            "tror",
        ],
    }
}

/// Abbreviations leadership knows without explanation, and known expansions for
/// the help text of the abbreviation rule.
pub fn known_abbreviations(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => &[
            "AI", "CEO", "CFO", "CTO", "EU", "FAQ", "GDPR", "HR", "IT", "OK", "PC", "PDF", "PR",
            "SMS", "TV", "UK", "UN", "US", "USA", "EUR", "USD", "SEK", "GBP", "GPS", "USB", "QR",
            "PIN", "ID", "CV", "DNA", "URL", "SOS", "DIY", "ASAP",
        ],
        Lang::Sv => &[
            "AB", "AI", "EU", "FN", "GDPR", "HR", "IT", "OK", "PDF", "PR", "SMS", "TV", "USA",
            "VD", "EUR", "USD", "SEK", "GPS", "USB", "QR", "PIN", "ID", "CV", "DNA", "SOS",
        ],
    }
}

/// A spelled-out form for common business abbreviations, for the help line.
pub fn expansion(abbreviation: &str, lang: Lang) -> Option<&'static str> {
    let pairs: &[(&str, &str)] = match lang {
        Lang::En => &[
            ("KPI", "key performance indicator"),
            ("ROI", "return on investment"),
            ("SEO", "search engine optimisation"),
            ("CRM", "customer relationship management"),
            ("FTE", "full-time equivalent"),
            ("SLA", "service level agreement"),
            ("OKR", "objectives and key results"),
            ("B2B", "business to business"),
            ("B2C", "business to consumer"),
            ("UX", "user experience"),
            ("CTA", "call to action"),
            ("MVP", "minimum viable product"),
            ("NPS", "Net Promoter Score"),
        ],
        Lang::Sv => &[
            ("KPI", "nyckeltal"),
            ("ROI", "avkastning på investeringen"),
            ("SEO", "sökmotoroptimering"),
            ("CRM", "kundregister"),
            ("FTE", "heltidstjänst"),
            ("SLA", "servicenivåavtal"),
            ("B2B", "företag till företag"),
            ("B2C", "företag till konsument"),
            ("UX", "användarupplevelse"),
            ("MVP", "första enkla version"),
            (
                "NPS",
                "Net Promoter Score, hur gärna kunder rekommenderar oss",
            ),
        ],
    };
    pairs
        .iter()
        .find(|(a, _)| *a == abbreviation)
        .map(|(_, e)| *e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_lowercase()).collect()
    }

    #[test]
    fn built_in_lists_are_large_and_parse() {
        for (name, text) in [
            ("en", include_str!("words/en.txt")),
            ("sv", include_str!("words/sv.txt")),
        ] {
            let list = WordList::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(list.len() >= 130, "{name} has {} entries", list.len());
        }
        assert_eq!(
            builtin(Lang::En).len(),
            WordList::parse(include_str!("words/en.txt")).unwrap().len()
        );
    }

    #[test]
    fn inflected_forms_match() {
        let sv = builtin(Lang::Sv);
        for word in [
            "implementera",
            "implementerar",
            "implementeringen",
            "Implementerade",
        ] {
            let m = sv.find(&lower(&[word]), 0).expect(word);
            assert_eq!(m.entry.instead, "införa");
        }
        assert!(sv.find(&lower(&["implement"]), 0).is_none());
        let en = builtin(Lang::En);
        let m = en.find(&lower(&["we", "will", "go", "viral"]), 2).unwrap();
        assert_eq!((m.entry.kind, m.len), (Kind::Hype, 2));
        assert!(en.find(&lower(&["initiative"]), 0).is_none());
        assert_eq!(
            en.find(&lower(&["utilized"]), 0).unwrap().entry.instead,
            "use"
        );
    }

    #[test]
    fn only_the_base_form_gets_a_swap() {
        let en = builtin(Lang::En);
        assert!(en.find(&lower(&["utilize"]), 0).unwrap().base);
        assert!(!en.find(&lower(&["utilized"]), 0).unwrap().base);
        assert!(en.find(&lower(&["implement"]), 0).unwrap().base);
        assert!(!en.find(&lower(&["implementation"]), 0).unwrap().base);
        let sv = builtin(Lang::Sv);
        assert!(sv.find(&lower(&["implementera"]), 0).unwrap().base);
        assert!(!sv.find(&lower(&["implementeringen"]), 0).unwrap().base);
    }

    #[test]
    fn swedish_compounds_morphology_and_terms() {
        let sv = builtin(Lang::Sv);
        let m = sv.find_compound("processoptimeringen").expect("compound");
        assert_eq!((m.entry.instead.as_str(), m.base), ("förbättra", false));
        assert!(sv.find_compound("kundtjänst").is_none());
        let t = sv.find(&lower(&["sökmotoroptimering"]), 0).unwrap();
        assert_eq!(t.entry.kind, Kind::Term);
        let en = builtin(Lang::En);
        let t = en
            .find(&lower(&["search", "engine", "optimisation"]), 0)
            .unwrap();
        assert_eq!((t.entry.kind, t.len), (Kind::Term, 3));
        let p = en.find(&lower(&["paradigm", "shift"]), 0).unwrap();
        assert_eq!((p.entry.instead.as_str(), p.len), ("big change", 2));
        assert_eq!(morphology("digitaliseringen"), Some(Morph::Isera));
        assert_eq!(morphology("organisera"), None);
        assert_eq!(morphology("onboarding"), Some(Morph::Loan));
        assert_eq!(morphology("feedback"), Some(Morph::Loan));
        assert_eq!(morphology("ingenting"), None);
        assert_eq!(morphology("webben"), None);
        assert_eq!(morphology("kunderna"), None);
        assert!(is_brand("SJ") && is_brand("IKEA") && !is_brand("KPI"));
    }

    #[test]
    fn deck_words_take_an_alternative_after_an_arrow() {
        let list =
            WordList::from_deck(&["touchpoint* -> contact".into(), "  ".into(), "ping".into()]);
        assert_eq!(list.len(), 2);
        let m = list.find(&lower(&["Touchpoints"]), 0).unwrap();
        assert_eq!(
            (m.entry.kind, m.entry.instead.as_str()),
            (Kind::Deck, "contact")
        );
    }
}
