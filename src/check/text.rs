//! The text the check reads: taken from the lowered slides (Markdown already
//! parsed, code spans left out), paired with the spans of the `Deck` fields it
//! came from, so every finding points at the exact place in deck.toml.

use std::ops::Range;

use crate::deck::{Deck, SectionKind, Text};
use crate::slides::{Block, Rich, Slide, SlideKind};

use super::readability::{Counts, Tokens, tokenize};

/// Which field of the deck a piece of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Subtitle,
    Claim,
    /// 0-based index into `points`.
    Point(usize),
    Evidence,
    Notes,
    /// 0-based index into the deck's measures.
    MeasureName(usize),
    MeasureWhy(usize),
    Question,
    Answer,
}

impl Role {
    /// Counted as the slide's own words (word budget, LIX): what the audience reads.
    /// Notes are said, not shown; measures are a table, not prose.
    pub fn on_slide(self) -> bool {
        !matches!(
            self,
            Role::Notes | Role::MeasureName(_) | Role::MeasureWhy(_)
        )
    }
}

/// One field: its span in deck.toml and its text cut into units (a claim or a
/// point is one unit; notes are one unit per paragraph or list item).
#[derive(Debug, Clone)]
pub struct Piece {
    pub role: Role,
    /// The whole string value in deck.toml, quotes included.
    pub span: Range<usize>,
    pub units: Vec<Tokens>,
    /// For each unit and word, where the word sits in deck.toml, when found.
    pub located: Vec<Vec<Option<Range<usize>>>>,
    /// The counts over all units, computed once.
    counts: Counts,
}

impl Piece {
    fn new(role: Role, text: &Text, units: Vec<String>, read: Read) -> Self {
        let units: Vec<Tokens> = units.iter().map(|u| tokenize(u)).collect();
        let located = match read.source {
            Some(source) => locate(source, &text.span, &units),
            None => units.iter().map(|u| vec![None; u.words.len()]).collect(),
        };
        let mut counts = Counts::default();
        for u in &units {
            counts.add(if read.syllables {
                u.counts()
            } else {
                u.counts_without_syllables()
            });
        }
        Piece {
            role,
            span: text.span.clone(),
            units,
            located,
            counts,
        }
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    pub fn words(&self) -> usize {
        self.units.iter().map(|u| u.words.len()).sum()
    }

    /// The span of words `words` of unit `unit`; the whole field when unknown.
    pub fn span_of(&self, unit: usize, words: Range<usize>) -> Range<usize> {
        let located = self.located.get(unit);
        let first = located.and_then(|l| l.get(words.start)).cloned().flatten();
        let last = located
            .and_then(|l| l.get(words.end.saturating_sub(1)))
            .cloned()
            .flatten();
        match (first, last) {
            (Some(a), Some(b)) if a.start <= b.end => a.start..b.end,
            (Some(a), None) => a,
            _ => self.span.clone(),
        }
    }
}

/// One slide's text, as the check sees it.
#[derive(Debug, Clone)]
pub struct SlideText {
    /// 1-based slide number in the deck.
    pub number: usize,
    /// "need", "title", "objection 2": the slide's name in diagnostics and JSON.
    pub name: String,
    pub kind: SlideKind,
    /// The section header (or [deck], or the [[objection]]) in deck.toml.
    pub span: Range<usize>,
    pub pieces: Vec<Piece>,
    pub points: usize,
    /// Objection slides: the appendix, shown when asked, not part of the talk.
    pub appendix: bool,
}

impl SlideText {
    /// "slide 3 (need)".
    pub fn label(&self) -> String {
        format!("slide {} ({})", self.number, self.name)
    }

    /// Counts over the text shown on the slide.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for p in self.pieces.iter().filter(|p| p.role.on_slide()) {
            c.add(p.counts());
        }
        c
    }

    pub fn note_words(&self) -> usize {
        self.pieces
            .iter()
            .filter(|p| p.role == Role::Notes)
            .map(Piece::words)
            .sum()
    }

    pub fn claim(&self) -> Option<&Piece> {
        self.pieces.iter().find(|p| p.role == Role::Claim)
    }
}

fn push(pieces: &mut Vec<Piece>, read: Read, role: Role, text: Option<&Text>, units: Vec<String>) {
    if let Some(text) = text {
        pieces.push(Piece::new(role, text, units, read));
    }
}

/// Rich text without code spans (code is not prose: a space keeps words apart).
fn plain(rich: &Rich) -> String {
    rich.runs
        .iter()
        .map(|r| if r.code { " " } else { r.text.as_str() })
        .collect()
}

fn note_units(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(r) => out.push(plain(r)),
            Block::List { items, .. } => out.extend(items.iter().map(plain)),
        }
    }
    out
}

/// Pairs the slides with the deck fields they came from. `source`, when given,
/// lets each word be found in deck.toml; without it only field spans are known.
pub fn slide_texts(deck: &Deck, slides: &[Slide], source: Option<&str>) -> Vec<SlideText> {
    read_slides(
        deck,
        slides,
        Read {
            source,
            syllables: true,
        },
    )
}

/// [`slide_texts`] for the rules, which never use syllables (only Flesch in
/// `--stats` and the hover does): their counts have `syllables` 0, a tenth of
/// the check's time saved.
pub fn slide_texts_for_rules(deck: &Deck, slides: &[Slide], source: &str) -> Vec<SlideText> {
    read_slides(
        deck,
        slides,
        Read {
            source: Some(source),
            syllables: false,
        },
    )
}

/// How the texts are read: with the deck source to place each word, and
/// whether syllables are counted.
#[derive(Clone, Copy)]
struct Read<'a> {
    source: Option<&'a str>,
    syllables: bool,
}

fn read_slides(deck: &Deck, slides: &[Slide], read: Read) -> Vec<SlideText> {
    let mut out = Vec::new();
    let mut objection = 0;
    let mut measure = 0;
    for slide in slides {
        let mut pieces = Vec::new();
        let (name, appendix) = match slide.kind {
            // The tool's own words and the measures' names, checked on the metrics slide.
            SlideKind::Divider | SlideKind::Standing => continue,
            SlideKind::Title => {
                push(
                    &mut pieces,
                    read,
                    Role::Title,
                    Some(&deck.meta.title),
                    vec![plain(&slide.heading)],
                );
                if let (Some(text), Some(rich)) = (&deck.meta.subtitle, &slide.subtitle) {
                    push(
                        &mut pieces,
                        read,
                        Role::Subtitle,
                        Some(text),
                        vec![plain(rich)],
                    );
                }
                ("title".to_string(), false)
            }
            SlideKind::Section(kind) => {
                let Some(section) = deck.section(kind) else {
                    continue;
                };
                let continuation = slide.part.is_some_and(|(i, _)| i > 1);
                if !continuation {
                    push(
                        &mut pieces,
                        read,
                        Role::Claim,
                        Some(&section.claim),
                        vec![plain(&slide.heading)],
                    );
                    for (i, rich) in slide.points.iter().enumerate() {
                        push(
                            &mut pieces,
                            read,
                            Role::Point(i),
                            section.points.get(i),
                            vec![plain(rich)],
                        );
                    }
                    if let Some(rich) = &slide.evidence {
                        push(
                            &mut pieces,
                            read,
                            Role::Evidence,
                            section.evidence.as_ref(),
                            vec![plain(rich)],
                        );
                    }
                    if !slide.notes.is_empty() {
                        push(
                            &mut pieces,
                            read,
                            Role::Notes,
                            section.notes.as_ref(),
                            note_units(&slide.notes),
                        );
                    }
                }
                if kind == SectionKind::Metrics {
                    for row in &slide.measures {
                        if let Some(m) = deck.measures.get(measure) {
                            push(
                                &mut pieces,
                                read,
                                Role::MeasureName(measure),
                                Some(&m.name),
                                vec![plain(&row.name)],
                            );
                            if let Some(why) = &row.why {
                                push(
                                    &mut pieces,
                                    read,
                                    Role::MeasureWhy(measure),
                                    m.why.as_ref(),
                                    vec![plain(why)],
                                );
                            }
                        }
                        measure += 1;
                    }
                }
                if continuation {
                    // Measures on a continued metrics slide belong to the first part.
                    if let Some(first) = out
                        .iter_mut()
                        .rev()
                        .find(|t: &&mut SlideText| t.kind == slide.kind)
                    {
                        first.pieces.append(&mut pieces);
                    }
                    continue;
                }
                (kind.key().to_string(), false)
            }
            SlideKind::Objection => {
                let Some(o) = deck.objections.get(objection) else {
                    continue;
                };
                objection += 1;
                push(
                    &mut pieces,
                    read,
                    Role::Question,
                    Some(&o.question),
                    vec![plain(&slide.heading)],
                );
                if let Some(answer) = &slide.answer {
                    push(
                        &mut pieces,
                        read,
                        Role::Answer,
                        Some(&o.answer),
                        vec![plain(answer)],
                    );
                }
                (format!("objection {objection}"), true)
            }
        };
        out.push(SlideText {
            number: slide.number,
            name,
            kind: slide.kind,
            span: slide.span.clone(),
            points: slide.points.len(),
            pieces,
            appendix,
        });
    }
    out
}

/// Finds each word of the units in the field's source text, in order: a word is
/// searched for from just after the previous one found, as a whole word. Markdown
/// markup and link targets are skipped over this way; a word written with an
/// escape is not found and falls back to the field's span.
fn locate(source: &str, span: &Range<usize>, units: &[Tokens]) -> Vec<Vec<Option<Range<usize>>>> {
    let end = span.end.min(source.len());
    let mut cursor = span.start.min(end);
    let mut out = Vec::with_capacity(units.len());
    for unit in units {
        let mut found = Vec::with_capacity(unit.words.len());
        for i in 0..unit.words.len() {
            let word = unit.word(i);
            let hit = find_word(source, cursor..end, word);
            if let Some(r) = &hit {
                cursor = r.end;
            }
            found.push(hit);
        }
        out.push(found);
    }
    out
}

fn find_word(source: &str, within: Range<usize>, word: &str) -> Option<Range<usize>> {
    if word.is_empty() {
        return None;
    }
    let hay = source.get(within.clone())?;
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    // The next place the word's first byte occurs, then the rest compared: the
    // word is nearly always a few bytes on, where a general substring search
    // would spend more setting up than searching. A first byte of UTF-8 is never
    // a continuation byte, so every hit starts on a character.
    let (hay_bytes, needle) = (hay.as_bytes(), word.as_bytes());
    let next = |from: usize| {
        let mut at = from;
        while let Some(i) = hay_bytes.get(at..)?.iter().position(|&b| b == needle[0]) {
            let start = at + i;
            if hay_bytes[start..].starts_with(needle) {
                return Some(start);
            }
            at = start + 1;
        }
        None
    };
    let mut from = 0;
    while let Some(start) = next(from) {
        let end = start + word.len();
        let before_ok = hay[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        let after_ok = hay[end..].chars().next().is_none_or(|c| !is_word_char(c));
        if before_ok && after_ok {
            return Some(within.start + start..within.start + end);
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_in_order_past_markup_and_links() {
        let source = r#"claim = "We [leverage](https://x.org/leverage) our **use** of leverage.""#;
        let start = source.find('"').unwrap();
        let units = vec![tokenize("We leverage our use of leverage.")];
        let located = locate(source, &(start..source.len()), &units);
        let at = |i: usize| {
            located[0][i]
                .clone()
                .map(|r| &source[r.start - 1..r.end + 1])
        };
        assert_eq!(at(1), Some("[leverage]"));
        assert_eq!(at(3), Some("*use*"));
        assert_eq!(at(5), Some(" leverage."));
    }

    #[test]
    fn a_word_inside_another_is_not_a_match() {
        let s = "because use";
        assert_eq!(find_word(s, 0..s.len(), "use"), Some(8..11));
        assert_eq!(find_word(s, 0..7, "use"), None);
    }
}
