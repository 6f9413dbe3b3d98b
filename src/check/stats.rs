//! `pitchdeck check --stats`: the numbers behind the readability rules, per slide
//! and for the deck, and the estimated speaking time.

use crate::deck::{Deck, Lang};
use crate::results::{self, Standing};
use crate::slides::Slide;

use super::readability::Counts;
use super::rules::WORDS_PER_MINUTE;
use super::text::slide_texts;

/// One slide's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: usize,
    pub name: String,
    /// Counted over the text shown on the slide (claim, points, evidence; title
    /// and subtitle; question and answer).
    pub counts: Counts,
    pub points: usize,
    pub note_words: usize,
    /// An objection slide: appendix, not counted in the speaking time.
    pub appendix: bool,
}

/// The whole table.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub lang: Lang,
    pub rows: Vec<Row>,
    pub total: Counts,
    pub points: usize,
    pub note_words: usize,
    /// Words on the talk's slides (not the appendix) plus their notes.
    pub spoken_words: usize,
    /// Planned talk length, `[deck] minutes`.
    pub minutes: Option<u32>,
    /// In a deck with results: each measure's figures of the status rule.
    pub measures: Vec<MeasureStat>,
}

/// One measure's row of the results table: the status rule's p and e.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureStat {
    pub name: String,
    /// The latest result, as written.
    pub latest: Option<(String, f64)>,
    pub standing: Option<Standing>,
}

impl Stats {
    /// Estimated speaking time in minutes, at [`WORDS_PER_MINUTE`].
    pub fn speaking_minutes(&self) -> f64 {
        self.spoken_words as f64 / WORDS_PER_MINUTE as f64
    }

    /// The table as text, columns aligned, for a terminal.
    pub fn render(&self) -> String {
        let flesch = self.lang == Lang::En;
        let mut header = vec![
            "#",
            "slide",
            "words",
            "sentences",
            "long words",
            "LIX",
            "points",
        ];
        if flesch {
            header.push("Flesch");
        }
        header.push("notes");
        let fmt = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.1}"));
        let row = |number: String, name: &str, c: &Counts, points: usize, notes: usize| {
            let mut cells = vec![
                number,
                name.to_string(),
                c.words.to_string(),
                c.sentences.to_string(),
                c.long_words.to_string(),
                fmt(c.lix()),
                points.to_string(),
            ];
            if flesch {
                cells.push(fmt(c.flesch()));
            }
            cells.push(notes.to_string());
            cells
        };
        let mut table: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
        for r in &self.rows {
            table.push(row(
                r.number.to_string(),
                &r.name,
                &r.counts,
                r.points,
                r.note_words,
            ));
        }
        table.push(row(
            String::new(),
            "deck",
            &self.total,
            self.points,
            self.note_words,
        ));
        let columns = table[0].len();
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                table
                    .iter()
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for (i, cells) in table.iter().enumerate() {
            if i == table.len() - 1 {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                out.push_str(rule.join("  ").trim_end());
                out.push('\n');
            }
            let mut line = String::new();
            for (c, cell) in cells.iter().enumerate() {
                let pad = widths[c] - cell.chars().count();
                if c == 1 {
                    line.push_str(cell);
                    line.push_str(&" ".repeat(pad));
                } else {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(cell);
                }
                line.push_str("  ");
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        let planned = self
            .minutes
            .map_or(String::new(), |m| format!("; planned: {m} minutes"));
        if !self.measures.is_empty() {
            out.push_str(&self.render_measures());
        }
        out.push_str(&format!(
            "speaking time: about {:.1} minutes ({} words on the slides and in the notes, at {WORDS_PER_MINUTE} words a minute; objections not counted){planned}\n",
            self.speaking_minutes(),
            self.spoken_words,
        ));
        out
    }
}

impl Stats {
    /// The results table: each measure's latest result, p, e and status.
    fn render_measures(&self) -> String {
        let mut table = vec![["measure", "latest", "on", "p", "e", "status"].map(String::from)];
        for m in &self.measures {
            let fig = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.2}"));
            let (value, date) = m
                .latest
                .as_ref()
                .map_or(("–".to_string(), "–".to_string()), |(d, v)| {
                    (crate::deck::Number(*v).format(Lang::En), d.clone())
                });
            table.push([
                m.name.clone(),
                value,
                date,
                fig(m.standing.map(|s| s.p)),
                fig(m.standing.map(|s| s.e)),
                m.standing
                    .map_or("–".to_string(), |s| s.status.key().replace('-', " ")),
            ]);
        }
        let widths: Vec<usize> = (0..6)
            .map(|c| {
                table
                    .iter()
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::from("\n");
        for cells in &table {
            let mut line = String::new();
            for (c, cell) in cells.iter().enumerate() {
                let pad = " ".repeat(widths[c] - cell.chars().count());
                if c == 0 || c == 5 {
                    line.push_str(cell);
                    line.push_str(&pad);
                } else {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
                line.push_str("  ");
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push_str("p: share of the way from baseline to target; e: share of the time from since to by, at the latest result\n\n");
        out
    }
}

/// Computes the table for a deck and its slides.
pub fn stats(deck: &Deck, slides: &[Slide]) -> Stats {
    let texts = slide_texts(deck, slides, None);
    let mut stats = Stats {
        lang: deck.meta.lang,
        rows: Vec::new(),
        total: Counts::default(),
        points: 0,
        note_words: 0,
        spoken_words: 0,
        minutes: deck.meta.minutes,
        measures: Vec::new(),
    };
    if results::any(deck) {
        stats.measures = deck
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| MeasureStat {
                name: m.name.value.trim().to_string(),
                latest: results::latest(&m.results).map(|r| (r.date.to_string(), r.value.0)),
                standing: results::of_measure(deck, i),
            })
            .collect();
    }
    for t in &texts {
        let counts = t.counts();
        let note_words = t.note_words();
        stats.total.add(counts);
        stats.points += t.points;
        stats.note_words += note_words;
        if !t.appendix {
            stats.spoken_words += counts.words + note_words;
        }
        stats.rows.push(Row {
            number: t.number,
            name: t.name.clone(),
            counts,
            points: t.points,
            note_words,
            appendix: t.appendix,
        });
    }
    stats
}
