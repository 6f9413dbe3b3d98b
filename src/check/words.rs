//! Word lists: jargon with plain alternatives and hype that promises too much
//! (built in per language, in `words/en.txt` and `words/sv.txt`), the deck's own
//! `[check] words`, and the small lists the claim and abbreviation rules use.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::deck::Lang;

/// Why a word is on a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jargon,
    Hype,
    /// From the deck's `[check] words`.
    Deck,
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

/// A list of entries, searched in a sequence of lower-case words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList {
    entries: Vec<Entry>,
    /// (entry, form) by the first letter of the form, so a word is compared
    /// only with the forms that can start with it.
    by_first: HashMap<char, Vec<(usize, usize)>>,
}

/// A match: the entry and how many words it covers from the start position.
#[derive(Debug, Clone, Copy)]
pub struct Match<'a> {
    pub entry: &'a Entry,
    pub len: usize,
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
        let mut by_first: HashMap<char, Vec<(usize, usize)>> = HashMap::new();
        for (e, entry) in entries.iter().enumerate() {
            for (f, form) in entry.forms.iter().enumerate() {
                if let Some(c) = form.first().and_then(|p| p.text.chars().next()) {
                    by_first.entry(c).or_default().push((e, f));
                }
            }
        }
        WordList { entries, by_first }
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
                _ => return Err(format!("line {}: expected `jargon:` or `hype:`", n + 1)),
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
        let candidates = first.and_then(|c| self.by_first.get(&c));
        for &(e, f) in candidates.into_iter().flatten() {
            let (Some(entry), Some(form)) = (
                self.entries.get(e),
                self.entries.get(e).and_then(|en| en.forms.get(f)),
            ) else {
                continue;
            };
            let fits = form.len() <= words.len().saturating_sub(at)
                && form.iter().zip(&words[at..]).all(|(p, w)| p.matches(w));
            if fits && best.is_none_or(|b| form.len() > b.len) {
                best = Some(Match {
                    entry,
                    len: form.len(),
                });
            }
        }
        best
    }
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
            "SMS", "TV", "UK", "UN", "US", "USA", "EUR", "USD", "SEK", "GBP",
        ],
        Lang::Sv => &[
            "AB", "AI", "EU", "FN", "GDPR", "HR", "IT", "OK", "PDF", "PR", "SMS", "TV", "USA",
            "VD", "EUR", "USD", "SEK",
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
    fn built_in_lists_parse_and_have_forty_entries_each() {
        for (name, text) in [
            ("en", include_str!("words/en.txt")),
            ("sv", include_str!("words/sv.txt")),
        ] {
            let list = WordList::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(list.len() >= 40, "{name} has {} entries", list.len());
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
