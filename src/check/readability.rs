//! Counting words, sentences, long words and syllables, and the two readability
//! formulas built on them: LIX (Björnsson 1968) and Flesch Reading Ease (1948).
//!
//! Words and sentences come from Unicode text segmentation (UAX #29, through
//! `unicode-segmentation`), with these decisions on top, documented in
//! docs/checks.md:
//!
//! - a *word* is a UAX #29 word with at least one letter. Numbers ("140",
//!   "12 000", "2,5", "2027-06-30") are not words; neither are web addresses and
//!   e-mail addresses (masked before counting). Code spans are removed earlier,
//!   when the text is taken from the slides. "t.ex." and "don't" are one word each.
//! - a *long word* has more than six letters; `å`, `ä`, `ö` are one letter each,
//!   and the dots and apostrophes inside a word are not letters.
//! - a *sentence* ends at `.`, `!`, `?` (UAX #29 sentence boundaries, which know
//!   that "t.ex. svar" or "e.g. this" goes on) and at a colon followed by a space.
//!   A boundary right after an abbreviation with inner dots ("bl.a.") or a short
//!   title ("Dr.", "ca.") is not a sentence end. Each piece of text (a claim, a
//!   point, a paragraph or list item of the notes) ends a sentence of its own,
//!   with or without final punctuation. A sentence without words is not counted.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// A word is long when it has more than this many letters.
pub const LONG_WORD_LETTERS: usize = 6;

/// What the formulas need, counted over one or more pieces of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub words: usize,
    pub sentences: usize,
    pub long_words: usize,
    /// Syllables by the English heuristic in [`syllables`].
    pub syllables: usize,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.sentences += other.sentences;
        self.long_words += other.long_words;
        self.syllables += other.syllables;
    }

    /// LIX = words / sentences + 100 × long words / words; `None` without words.
    pub fn lix(&self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.words as f64;
        Some(words / self.sentences as f64 + 100.0 * self.long_words as f64 / words)
    }

    /// Flesch Reading Ease = 206.835 − 1.015 × words / sentences − 84.6 × syllables / words.
    pub fn flesch(&self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.words as f64;
        Some(
            206.835
                - 1.015 * (words / self.sentences as f64)
                - 84.6 * (self.syllables as f64 / words),
        )
    }
}

/// One word of a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in [`Tokens::text`] (and in the original text: masking keeps lengths).
    pub range: Range<usize>,
    /// Index of the sentence it belongs to, counting sentences with words only.
    pub sentence: usize,
}

/// A piece of text cut into words and sentences.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tokens {
    /// The text with web and e-mail addresses blanked out (same byte length).
    pub text: String,
    pub words: Vec<Word>,
    /// Each word in lower case, made once for the rules that compare words.
    pub lower: Vec<String>,
    pub sentences: usize,
}

impl Tokens {
    pub fn word(&self, i: usize) -> &str {
        self.words
            .get(i)
            .and_then(|w| self.text.get(w.range.clone()))
            .unwrap_or("")
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            words: self.words.len(),
            sentences: self.sentences,
            ..Counts::default()
        };
        for i in 0..self.words.len() {
            let w = self.word(i);
            if is_long(w) {
                c.long_words += 1;
            }
            c.syllables += syllables(w);
        }
        c
    }

    /// [`Tokens::counts`] without the syllables (0), which only Flesch needs.
    pub fn counts_without_syllables(&self) -> Counts {
        Counts {
            words: self.words.len(),
            sentences: self.sentences,
            long_words: (0..self.words.len())
                .filter(|&i| is_long(self.word(i)))
                .count(),
            syllables: 0,
        }
    }

    /// The words of sentence `s`, as indices into `words`.
    pub fn sentence_words(&self, s: usize) -> Range<usize> {
        let start = self.words.partition_point(|w| w.sentence < s);
        let end = self.words.partition_point(|w| w.sentence <= s);
        start..end
    }
}

/// Counts one piece of text.
pub fn count(text: &str) -> Counts {
    tokenize(text).counts()
}

/// Cuts a piece of text into words and sentences (see the module docs).
pub fn tokenize(text: &str) -> Tokens {
    let masked = mask_addresses(text);
    let mut words = Vec::new();
    let mut sentence = 0;
    for piece in sentences(&masked) {
        let Some(slice) = masked.get(piece.clone()) else {
            continue;
        };
        let before = words.len();
        for (offset, w) in slice.unicode_word_indices() {
            if w.chars().any(char::is_alphabetic) {
                let start = piece.start + offset;
                words.push(Word {
                    range: start..start + w.len(),
                    sentence,
                });
            }
        }
        if words.len() > before {
            sentence += 1;
        }
    }
    let lower = words
        .iter()
        .map(|w| masked.get(w.range.clone()).unwrap_or("").to_lowercase())
        .collect();
    Tokens {
        text: masked,
        words,
        lower,
        sentences: sentence,
    }
}

/// Short words that end in a dot without ending a sentence ("Dr. Berg", "ca. 140").
const DOTTED_TITLES: &[&str] = &[
    "ca", "cf", "dr", "jfr", "kl", "mr", "mrs", "ms", "nr", "prof", "resp", "st", "vs",
];

/// Sentence ranges in `text`: UAX #29 boundaries, minus those right after an
/// abbreviation, plus a break after a colon followed by white space.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::new();
    let mut joins_next = false;
    for (start, s) in text.split_sentence_bound_indices() {
        let range = start..start + s.len();
        match merged.last_mut() {
            Some(last) if joins_next => last.end = range.end,
            _ => merged.push(range),
        }
        joins_next = ends_in_abbreviation(s);
    }
    let mut out = Vec::new();
    for range in merged {
        let mut start = range.start;
        let slice = &text[range.clone()];
        let mut chars = slice.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == ':' && chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
                let end = range.start + i + 1;
                out.push(start..end);
                start = end;
            }
        }
        if start < range.end {
            out.push(start..range.end);
        }
    }
    out
}

fn ends_in_abbreviation(sentence: &str) -> bool {
    let trimmed = sentence.trim_end();
    let Some(before_dot) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last = before_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if last.is_empty() {
        return false;
    }
    let inner_dot = last.contains('.') && last.chars().any(char::is_alphabetic);
    inner_dot || DOTTED_TITLES.contains(&last.to_lowercase().as_str())
}

/// Blanks out web and e-mail addresses so they count as neither words nor sentence ends.
fn mask_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ws = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        out.push_str(&rest[..ws]);
        rest = &rest[ws..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..end];
        let starts = |prefix: &str| {
            token
                .get(..prefix.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(prefix))
        };
        // A colon first (a byte search) before the three-byte pattern.
        let address = (token.contains(':') && token.contains("://"))
            || starts("www.")
            || starts("mailto:")
            || (token.contains('@') && token.contains('.'));
        if address {
            out.extend(std::iter::repeat_n(' ', token.len()));
        } else {
            out.push_str(token);
        }
        rest = &rest[end..];
    }
    out
}

/// Letters in a word: dots, apostrophes and digits are not letters.
pub fn letters(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphabetic()).count()
}

/// More than six letters.
pub fn is_long(word: &str) -> bool {
    letters(word) > LONG_WORD_LETTERS
}

/// Syllables in an English word, by the usual heuristic: groups of vowels
/// (a e i o u y, and å ä ö é ü), not counting a silent final "e", the "-es" of
/// "makes" or the "-ed" of "asked"; words of up to three letters have one.
/// At least one per word.
pub fn syllables(word: &str) -> usize {
    let lower = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase);
    // Counted for every word of every check: words that fit stay on the stack.
    let mut buf = ['\0'; 32];
    let mut n = 0;
    for c in lower.clone() {
        if n == buf.len() {
            return syllables_of(&lower.collect::<Vec<char>>());
        }
        buf[n] = c;
        n += 1;
    }
    syllables_of(&buf[..n])
}

fn vowel_at(w: &[char], i: usize) -> bool {
    w.get(i).is_some_and(|c| "aeiouyåäöéü".contains(*c))
}

/// [`syllables`] of a word already lowercased, letters only.
fn syllables_of(w: &[char]) -> usize {
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let ends = |suffix: &str| {
        let mut rest = w.iter().rev();
        suffix.chars().rev().all(|c| rest.next() == Some(&c))
    };
    let n = w.len();
    let mut end = n;
    if ends("es") {
        let before = w[n - 3];
        let sibilant =
            matches!(before, 's' | 'x' | 'z' | 'c' | 'g') || ends("ches") || ends("shes");
        if !sibilant {
            end = n - 2;
        }
    } else if ends("ed") {
        if !matches!(w[n - 3], 't' | 'd') {
            end = n - 2;
        }
    } else if ends("e") && !ends("ee") && (!ends("le") || vowel_at(w, n - 3)) {
        // A final "e" is silent ("make"), also after a vowel and an "l" ("role",
        // "rule", "while"); only a consonant before "-le" keeps its syllable
        // ("table", "people").
        end = n - 1;
    }
    let vowel = |c: char| "aeiouyåäöéü".contains(c);
    let mut groups = 0;
    let mut in_group = false;
    for (i, &c) in w[..end].iter().enumerate() {
        let v = vowel(c) && !(c == 'y' && i == 0);
        if v && !in_group {
            groups += 1;
        }
        in_group = v;
    }
    groups.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let t = tokenize(text);
        (0..t.words.len()).map(|i| t.word(i).to_string()).collect()
    }

    #[test]
    fn words_skip_numbers_and_addresses() {
        assert_eq!(
            words("Se https://example.org/a-b och skriv till anna@example.se, 12 000 kr."),
            ["Se", "och", "skriv", "till", "kr"]
        );
        assert_eq!(
            words("KPI:er, don't, world-class"),
            ["KPI:er", "don't", "world", "class"]
        );
    }

    #[test]
    fn sentences_follow_punctuation_colons_and_abbreviations() {
        let t = tokenize("Vi mäter t.ex. svar. Sedan bl.a. Facebook! Kl. 10:30 börjar vi: nu.");
        // "Vi mäter t.ex. svar." | "Sedan bl.a. Facebook!" | "Kl. 10:30 börjar vi:" | "nu."
        assert_eq!(t.sentences, 4);
        assert_eq!(t.sentence_words(1), 4..7);
    }

    #[test]
    fn syllables_of_known_words() {
        for (word, n) in [
            ("the", 1),
            ("make", 1),
            ("makes", 1),
            ("asked", 1),
            ("wanted", 2),
            ("people", 2),
            ("table", 2),
            ("changes", 2),
            ("customers", 3),
            ("questions", 2),
            ("answer", 2),
            ("yes", 1),
            ("every", 3),
            ("free", 1),
            ("boxes", 2),
            ("role", 1),
            ("rule", 1),
            ("while", 1),
            ("mile", 1),
            ("little", 2),
            ("simple", 2),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }
}
