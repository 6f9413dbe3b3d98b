//! Hover: the figures behind the rules, where the writer is.
//!
//! On a claim, a point or other text shown on a slide: that text's words,
//! sentences and LIX, the slide's, and the slide's share of the speaking time
//! (as `pitchdeck check --stats` counts them). On a measure: how its bar will
//! read.

use std::ops::Range;

use crate::check::readability::Counts;
use crate::check::rules::WORDS_PER_MINUTE;
use crate::check::text::{Role, slide_texts};
use crate::check::{self};
use crate::deck::{Deck, Measure};
use crate::slides::{Lowered, MeasureRow, with_unit};

/// The hover text (Markdown) at byte `offset`, and the span it is about.
pub fn hover(
    source: &str,
    deck: &Deck,
    lowered: &Lowered,
    offset: usize,
) -> Option<(Range<usize>, String)> {
    if let Some(found) = measure_at(deck, offset) {
        return measure_hover(deck, lowered, found);
    }
    text_hover(source, deck, lowered, offset)
}

fn inside(span: &Range<usize>, offset: usize) -> bool {
    span.start <= offset && offset < span.end
}

fn counts_line(c: Counts) -> String {
    let lix = c
        .lix()
        .map_or("LIX –".to_string(), |l| format!("LIX {l:.1}"));
    format!(
        "{}, {}, {} long, {lix}",
        plural(c.words, "word"),
        plural(c.sentences, "sentence"),
        c.long_words
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn text_hover(
    source: &str,
    deck: &Deck,
    lowered: &Lowered,
    offset: usize,
) -> Option<(Range<usize>, String)> {
    let texts = slide_texts(deck, &lowered.slides, Some(source));
    let (slide, piece) = texts.iter().find_map(|t| {
        t.pieces
            .iter()
            .find(|p| {
                inside(&p.span, offset) && p.role.on_slide()
                    || matches!(p.role, Role::Notes) && inside(&p.span, offset)
            })
            .map(|p| (t, p))
    })?;
    let stats = check::stats(deck, &lowered.slides);
    let row = stats.rows.iter().find(|r| r.number == slide.number)?;
    let mut out = format!(
        "**{}** — {}\n\n",
        capitalised(&piece.role.describe()),
        counts_line(piece.counts())
    );
    out.push_str(&format!(
        "**{}** — on the slide: {}",
        slide.label(),
        counts_line(row.counts)
    ));
    out.push_str(&format!(
        "; {} in the notes\n\n",
        plural(row.note_words, "word")
    ));
    if row.appendix {
        out.push_str("An objection slide: the appendix, not part of the talk's time.");
    } else {
        let said = row.counts.words + row.note_words;
        let share = if stats.spoken_words > 0 {
            100.0 * said as f64 / stats.spoken_words as f64
        } else {
            0.0
        };
        out.push_str(&format!(
            "Speaking time: about {:.1} of {:.1} minutes, {share:.0} % of the talk ({said} of {} words on the slides and in the notes, at {WORDS_PER_MINUTE} words a minute)",
            said as f64 / WORDS_PER_MINUTE as f64,
            stats.speaking_minutes(),
            stats.spoken_words,
        ));
        if let Some(m) = stats.minutes {
            out.push_str(&format!("; planned: {m} minutes"));
        }
        out.push('.');
    }
    Some((piece.span.clone(), out))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every span of a measure's own keys, so a hover anywhere in its table finds it.
fn measure_extent(m: &Measure) -> Range<usize> {
    let mut spans = vec![
        m.span.clone(),
        m.name.span.clone(),
        m.target_span.clone(),
        m.by_span.clone(),
    ];
    spans.extend(m.kind_span.clone());
    spans.extend(m.unit.as_ref().map(|u| u.span.clone()));
    spans.extend(m.why.as_ref().map(|w| w.span.clone()));
    let start = spans.iter().map(|s| s.start).min().unwrap_or(m.span.start);
    let end = spans.iter().map(|s| s.end).max().unwrap_or(m.span.end);
    start..end
}

fn measure_at(deck: &Deck, offset: usize) -> Option<usize> {
    deck.measures
        .iter()
        .position(|m| inside(&measure_extent(m), offset))
}

fn measure_hover(deck: &Deck, lowered: &Lowered, index: usize) -> Option<(Range<usize>, String)> {
    let m = deck.measures.get(index)?;
    // The slides hold the measures in deck order, a few per metrics slide.
    let (slide, row) = lowered
        .slides
        .iter()
        .flat_map(|s| s.measures.iter().map(move |r| (s, r)))
        .nth(index)?;
    let mut out = format!(
        "**Measure {} of {}** — on slide {}: {}\n\n",
        index + 1,
        deck.measures.len(),
        slide.number,
        row.name.text()
    );
    out.push_str(&bar_reading(row));
    if !row.quality {
        out.push_str("\n\nA count (`kind = \"count\"`, the default); `kind = \"quality\"` marks a measure of how good something is.");
    }
    Some((measure_extent(m), out))
}

/// How a measure's bar reads, in words: the lowered bar (`MeasureRow::bar`),
/// which the HTML and the PDF both draw.
fn bar_reading(row: &MeasureRow) -> String {
    let goal = with_unit(&row.target_text, row.unit.as_deref());
    let Some(bar) = &row.bar else {
        return format!(
            "No bar: the measure has no `baseline`, so the slide shows the target {goal} by {} as a figure. Add `baseline` (where you are today) to draw the bar from today to the goal.",
            row.by
        );
    };
    let today = with_unit(
        row.baseline_text.as_deref().unwrap_or_default(),
        row.unit.as_deref(),
    );
    let shape = if bar.decrease {
        format!(
            "The bar falls: solid to {:.1} % of the track (what is left at the goal), then a light part of {:.1} % (the reduction from today), with the goal marked at {:.1} %.",
            bar.target_pct, bar.width_pct, bar.target_pct
        )
    } else {
        format!(
            "The bar rises: solid to {:.1} % of the track (today), then an accent part of {:.1} % (the gain to the goal), with the goal marked at {:.1} %.",
            bar.baseline_pct, bar.width_pct, bar.target_pct
        )
    };
    format!(
        "Today {today} → goal {goal} by {}.\n\n{shape}\n\nRead aloud (screen readers): “{}”",
        row.by, bar.description
    )
}
