//! The plain-language and argument rules. Their codes, names and summaries are in
//! the registry of all codes (`diagnostic::code`): `[check] allow` is validated
//! against it and docs/checks.md is written from it.

use std::collections::HashSet;

use crate::deck::{Deck, Lang, MeasureKind, SectionKind};
use crate::diagnostic::{Code, Diagnostic};
use crate::slides::{Slide, SlideKind};

use super::readability::{Counts, is_long};
use super::text::{Piece, Role, SlideText};
use super::words::{self, Kind, WordList};

pub use crate::diagnostic::code::{RULES, Rule, rule as lookup, suggest_rule as suggest};

/// A sentence is long above this many words.
pub const LONG_SENTENCE_WORDS: usize = 20;
/// Below this many words a slide's LIX says little (one long word moves it by
/// ten points); such slides are left to the claim rules and count for the deck.
pub const MIN_WORDS_FOR_LIX: usize = 10;
/// Speaking rate for the time estimate: a calm presenting pace.
pub const WORDS_PER_MINUTE: usize = 130;

/// Runs every rule over one deck.
pub(super) struct Checker<'a> {
    pub source: &'a str,
    pub deck: &'a Deck,
    pub slides: &'a [Slide],
    pub texts: &'a [SlideText],
    pub out: Vec<Diagnostic>,
}

fn warn(code: Code, message: String, span: std::ops::Range<usize>, help: String) -> Diagnostic {
    Diagnostic::new(code, message).at(span).help(help)
}

/// “quoted”, shortened to about `max` characters.
fn quote(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return format!("“{text}”");
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("“{}…”", cut.trim_end_matches([',', ';', ':']))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Checker<'_> {
    fn lang(&self) -> Lang {
        self.deck.meta.lang
    }

    pub fn run(&mut self) {
        self.claims();
        self.points_and_budget();
        self.long_sentences();
        self.readability();
        self.word_lists();
        self.abbreviations();
        self.argument();
        self.results();
        self.timing();
    }

    /// The results of a follow-up deck: dated where they can be, in order,
    /// recent, and one for every measure whose deadline has passed.
    fn results(&mut self) {
        let deck = self.deck;
        if !crate::results::any(deck) {
            return;
        }
        let metrics = self
            .texts
            .iter()
            .find(|t| t.kind == SlideKind::Section(SectionKind::Metrics));
        let today = deck.meta.date;
        for m in &deck.measures {
            let name = m.name.value.trim();
            for r in &m.results {
                if let Some(date) = today
                    && r.date > date
                {
                    let d = r.place.point(
                        Diagnostic::new(
                            Code::W123,
                            format!(
                                "the result of “{name}” from {} is after the deck's date {date}",
                                r.date
                            ),
                        )
                        .help(format!(
                            "a result cannot be from after the meeting: correct its date, or set [deck] date to the day you present (at least {})",
                            r.date
                        )),
                    );
                    self.push(d, metrics);
                }
                if let Some(since) = m.since
                    && r.date < since
                {
                    let d = r.place.point(
                        Diagnostic::new(
                            Code::W123,
                            format!(
                                "the result of “{name}” from {} is before its baseline's date {since}",
                                r.date
                            ),
                        )
                        .help("correct the result's date, or set `since` to when the baseline was taken"),
                    );
                    self.push(d, metrics);
                }
            }
            if let Some(pair) = m.results.windows(2).find(|w| w[1].date < w[0].date) {
                let d = pair[1].place.point(
                    Diagnostic::new(
                        Code::W124,
                        format!(
                            "the results of “{name}” are not in date order: {} comes after {}",
                            pair[1].date, pair[0].date
                        ),
                    )
                    .help("list the results oldest first, so that the latest is plain to see"),
                );
                self.push(d, metrics);
            }
            let Some(date) = today else { continue };
            match crate::results::latest(&m.results) {
                Some(latest) => {
                    let age = date.days_since_epoch() - latest.date.days_since_epoch();
                    if age > crate::results::STALE_DAYS {
                        let d = latest.place.point(
                            Diagnostic::new(
                                Code::W125,
                                format!(
                                    "the latest result of “{name}” is from {}, {age} days before the deck's date",
                                    latest.date
                                ),
                            )
                            .help(format!(
                                "measure it again before the meeting: a status older than {} days says little about today",
                                crate::results::STALE_DAYS
                            )),
                        );
                        self.push(d, metrics);
                    }
                }
                None if m.by < date => {
                    let d = warn(
                        Code::W126,
                        format!(
                            "“{name}” was due {} and has no result",
                            m.by
                        ),
                        m.by_span.clone(),
                        "add the value it reached (in `results` or the results file): leadership will ask".to_string(),
                    );
                    self.push(d, metrics);
                }
                None => {}
            }
        }
    }

    fn push(&mut self, d: Diagnostic, slide: Option<&SlideText>) {
        let d = match slide {
            Some(t) => d.on_slide(t.name.clone()),
            None => d,
        };
        self.out.push(d);
    }

    fn claims(&mut self) {
        let max = self.deck.check.max_claim_words;
        let mut found = Vec::new();
        let texts = self.texts;
        for t in texts
            .iter()
            .filter(|t| matches!(t.kind, SlideKind::Section(_)))
        {
            let Some(claim) = t.claim() else { continue };
            let n = claim.words();
            let text = claim.units.first().map_or("", |u| u.text.as_str());
            if n > max {
                found.push((
                    warn(
                        Code::W101,
                        format!("the claim on {} has {n} words; the limit is {max}", t.label()),
                        claim.span.clone(),
                        format!(
                            "cut {} to reach {max}: keep the point in the claim and move the detail to `points` or `notes`",
                            plural(n - max, "word")
                        ),
                    ),
                    t,
                ));
            }
            if let Some(d) = label_claim(claim, text, t, self.lang()) {
                found.push((d, t));
            }
        }
        for (d, t) in found {
            self.push(d, Some(t));
        }
    }

    fn points_and_budget(&mut self) {
        let max_points = self.deck.check.max_points;
        let max_words = self.deck.check.max_slide_words;
        let mut found = Vec::new();
        for t in self.texts.iter().filter(|t| t.kind != SlideKind::Title) {
            if t.points > max_points {
                let first_extra = t
                    .pieces
                    .iter()
                    .find(|p| p.role == Role::Point(max_points))
                    .map_or(t.span.clone(), |p| p.span.clone());
                found.push((
                    warn(
                        Code::W103,
                        format!(
                            "{} points on {}; leadership remembers {max_points}",
                            t.points,
                            t.label()
                        ),
                        first_extra,
                        format!(
                            "keep the {max_points} strongest points and move the other {} to `notes`",
                            t.points - max_points
                        ),
                    ),
                    t,
                ));
            }
            let words = t.counts().words;
            if words > max_words {
                found.push((
                    warn(
                        Code::W104,
                        format!(
                            "{} shows {words} words; the budget is {max_words}",
                            t.label()
                        ),
                        t.span.clone(),
                        format!(
                            "cut {}: shorten the points, or move detail to `notes` (said, not shown)",
                            plural(words - max_words, "word")
                        ),
                    ),
                    t,
                ));
            }
        }
        for (d, t) in found {
            self.push(d, Some(t));
        }
    }

    fn long_sentences(&mut self) {
        let mut found = Vec::new();
        for t in self.texts {
            for piece in t.pieces.iter().filter(|p| p.role != Role::Claim) {
                for (u, unit) in piece.units.iter().enumerate() {
                    for s in 0..unit.sentences {
                        let range = unit.sentence_words(s);
                        let n = range.len();
                        if n <= LONG_SENTENCE_WORDS {
                            continue;
                        }
                        let help = match split_point(unit, range.clone(), self.lang()) {
                            Some(at) => format!(
                                "split it into two sentences of at most {LONG_SENTENCE_WORDS} words, e.g. before “{at}”"
                            ),
                            None => format!(
                                "split it into sentences of at most {LONG_SENTENCE_WORDS} words: one thing per sentence"
                            ),
                        };
                        found.push((
                            warn(
                                Code::W105,
                                format!(
                                    "a sentence of {n} words in {} on {}",
                                    piece.role.describe(),
                                    t.label()
                                ),
                                piece.span_of(u, range),
                                help,
                            ),
                            t,
                        ));
                    }
                }
            }
        }
        for (d, t) in found {
            self.push(d, Some(t));
        }
    }

    fn readability(&mut self) {
        let max = self.deck.check.max_lix;
        let mut deck = Counts::default();
        let mut per_slide = Vec::new();
        for t in self.texts {
            let c = t.counts();
            deck.add(c);
            per_slide.push((t, c));
        }
        let deck_lix = deck.lix();
        let mut found = Vec::new();
        for (t, c) in &per_slide {
            // A title is a name, not an argument: it counts for the deck, not alone.
            if t.kind == SlideKind::Title {
                continue;
            }
            let Some(lix) = c.lix() else { continue };
            if c.words < MIN_WORDS_FOR_LIX || lix <= max {
                continue;
            }
            let deck_part =
                deck_lix.map_or(String::new(), |d| format!(" (the whole deck: {d:.1})"));
            found.push((
                warn(
                    Code::W106,
                    format!(
                        "{} has LIX {lix:.1}, above the limit of {max}{deck_part}",
                        t.label()
                    ),
                    t.span.clone(),
                    lix_help(t, *c, max),
                ),
                Some(*t),
            ));
        }
        if let Some(lix) = deck_lix
            && lix > max
        {
            let mut hardest: Vec<(&SlideText, f64)> = per_slide
                .iter()
                .filter_map(|(t, c)| c.lix().map(|l| (*t, l)))
                .collect();
            hardest.sort_by(|a, b| b.1.total_cmp(&a.1));
            let names: Vec<String> = hardest
                .iter()
                .take(3)
                .map(|(t, l)| format!("{} {l:.1}", t.label()))
                .collect();
            found.push((
                warn(
                    Code::W107,
                    format!(
                        "the deck's text has LIX {lix:.1} over {} words, above the limit of {max}",
                        deck.words
                    ),
                    self.deck.meta.span.clone(),
                    format!(
                        "start with the hardest slides — {} — shorter words and sentences there lower the whole",
                        names.join(", ")
                    ),
                ),
                None,
            ));
        }
        for (d, t) in found {
            self.push(d, t);
        }
    }

    fn word_lists(&mut self) {
        let builtin = words::builtin(self.lang());
        let own: Vec<String> = self
            .deck
            .check
            .words
            .iter()
            .map(|w| w.value.clone())
            .collect();
        let own = WordList::from_deck(&own);
        let mut found = Vec::new();
        for t in self.texts {
            for piece in &t.pieces {
                for (u, unit) in piece.units.iter().enumerate() {
                    let lower: Vec<String> = (0..unit.words.len())
                        .map(|i| unit.word(i).to_lowercase())
                        .collect();
                    let mut i = 0;
                    while i < lower.len() {
                        let Some(m) = own.find(&lower, i).or_else(|| builtin.find(&lower, i))
                        else {
                            i += 1;
                            continue;
                        };
                        let start = unit.words[i].range.start;
                        let end = unit.words[i + m.len - 1].range.end;
                        let said = unit.text.get(start..end).unwrap_or("");
                        let span = piece.span_of(u, i..i + m.len);
                        let d = match m.entry.kind {
                            Kind::Jargon => warn(
                                Code::W108,
                                format!("“{said}” on {} is jargon", t.label()),
                                span,
                                format!("a plain alternative: {}", m.entry.instead),
                            ),
                            Kind::Hype => warn(
                                Code::W109,
                                format!(
                                    "“{said}” on {} promises more than the deck can show",
                                    t.label()
                                ),
                                span,
                                format!("instead, {}", m.entry.instead),
                            ),
                            Kind::Deck => warn(
                                Code::W110,
                                format!(
                                    "“{said}” on {} is on this deck's list of words to avoid",
                                    t.label()
                                ),
                                span,
                                if m.entry.instead.is_empty() {
                                    "say it without this word ([check] words lists it)".to_string()
                                } else {
                                    format!("write “{}” ([check] words)", m.entry.instead)
                                },
                            ),
                        };
                        found.push((d, t));
                        i += m.len;
                    }
                }
            }
        }
        for (d, t) in found {
            self.push(d, Some(t));
        }
    }

    fn abbreviations(&mut self) {
        let lang = self.lang();
        let known = words::known_abbreviations(lang);
        let mut seen: HashSet<String> = HashSet::new();
        let mut found = Vec::new();
        for t in self.texts {
            for piece in &t.pieces {
                for (u, unit) in piece.units.iter().enumerate() {
                    for i in 0..unit.words.len() {
                        let Some(abbr) = abbreviation(unit.word(i)) else {
                            continue;
                        };
                        if known.contains(&abbr) || !seen.insert(abbr.to_string()) {
                            continue;
                        }
                        let r = &unit.words[i].range;
                        let before = unit.text.get(..r.start).unwrap_or("").trim_end();
                        let after = unit.text.get(r.end..).unwrap_or("").trim_start();
                        if before.ends_with('(') || after.starts_with('(') {
                            continue;
                        }
                        let help = match words::expansion(abbr, lang) {
                            Some(full) => format!(
                                "write it out the first time — “{full} ({abbr})” — or use the plain words only"
                            ),
                            None => format!(
                                "write it out the first time, with the letters after it in brackets: “… ({abbr})”, or use plain words; if it is emphasis, use **bold**"
                            ),
                        };
                        found.push((
                            warn(
                                Code::W111,
                                format!(
                                    "“{abbr}” on {} is not explained where it first appears",
                                    t.label()
                                ),
                                piece.span_of(u, i..i + 1),
                                help,
                            ),
                            t,
                        ));
                    }
                }
            }
        }
        for (d, t) in found {
            self.push(d, Some(t));
        }
    }

    fn argument(&mut self) {
        let deck = self.deck;
        let lang = self.lang();
        if deck.section(SectionKind::Ask).is_none() {
            let end = self.source.trim_end().len();
            let example = match lang {
                Lang::En => "Decide today to fund one half-time role for six months.",
                Lang::Sv => "Besluta i dag om en halvtidstjänst i sex månader.",
            };
            self.push(
                warn(
                    Code::W112,
                    "the deck has no [ask]: a pitch that asks for nothing gets no decision"
                        .to_string(),
                    end..end,
                    format!("add an [ask] section whose claim says what to decide today, e.g. claim = \"{example}\""),
                ),
                None,
            );
        }
        let texts = self.texts;
        let metrics = texts
            .iter()
            .find(|t| t.kind == SlideKind::Section(SectionKind::Metrics));
        let label = metrics.map_or("the metrics slide".to_string(), SlideText::label);
        if !deck.measures.is_empty()
            && deck.measures.iter().all(|m| m.kind == MeasureKind::Count)
            && let Some(section) = deck.section(SectionKind::Metrics)
        {
            let example = match lang {
                Lang::En => "Share of our posts that get a reply",
                Lang::Sv => "Andel av våra inlägg som får svar",
            };
            let d = warn(
                Code::W113,
                format!("every measure on {label} is a count; counts are not always what matters"),
                section.span.clone(),
                format!(
                    "add a quality measure with kind = \"quality\", e.g. name = \"{example}\" (a share, a reply rate, how relevant comments are)"
                ),
            );
            self.push(d, metrics);
        }
        for m in &deck.measures {
            if m.baseline.is_none() {
                let unit = m
                    .unit
                    .as_ref()
                    .map_or(String::new(), |u| format!(" {}", u.value));
                let d = warn(
                    Code::W114,
                    format!(
                        "the measure “{}” on {label} has no baseline",
                        m.name.value.trim()
                    ),
                    m.name.span.clone(),
                    format!(
                        "add `baseline = …` with today's figure, so leadership sees the way from today to the target of {}{unit}",
                        m.target.format(lang)
                    ),
                );
                self.push(d, metrics);
            }
            // A follow-up deck reports on deadlines that have passed (W126).
            if let Some(date) = deck.meta.date
                && m.by < date
                && !crate::results::any(deck)
            {
                let mut next = date;
                next.year = next.year.saturating_add(1);
                if next.month == 2 && next.day == 29 {
                    next.day = 28;
                }
                let d = warn(
                    Code::W115,
                    format!(
                        "the deadline {} of “{}” on {label} is before the deck's date {date}",
                        m.by,
                        m.name.value.trim()
                    ),
                    m.by_span.clone(),
                    format!(
                        "set a deadline after {date}, e.g. by = {next}, or correct the deck's `date`"
                    ),
                );
                self.push(d, metrics);
            }
        }
    }

    fn timing(&mut self) {
        let meta = &self.deck.meta;
        let Some(minutes) = meta.minutes else { return };
        let span = meta.minutes_span.clone().unwrap_or(meta.span.clone());
        let minutes = minutes as usize;
        let talk_slides = self
            .slides
            .iter()
            .filter(|s| !matches!(s.kind, SlideKind::Divider | SlideKind::Objection))
            .count();
        if talk_slides > minutes {
            let optional: Vec<String> = [
                SectionKind::Summary,
                SectionKind::Research,
                SectionKind::Engagement,
            ]
            .iter()
            .filter(|k| self.deck.section(**k).is_some())
            .map(|k| format!("[{}]", k.key()))
            .collect();
            let which = if optional.is_empty() {
                "merge two slides' points".to_string()
            } else {
                format!("drop an optional section ({})", optional.join(", "))
            };
            self.push(
                warn(
                    Code::W116,
                    format!(
                        "{talk_slides} slides for {minutes} minutes; plan about one slide a minute"
                    ),
                    span.clone(),
                    format!(
                        "cut {}: {which}, or set minutes = {talk_slides}",
                        plural(talk_slides - minutes, "slide")
                    ),
                ),
                None,
            );
        }
        let spoken: usize = self
            .texts
            .iter()
            .filter(|t| !t.appendix)
            .map(|t| t.counts().words + t.note_words())
            .sum();
        if spoken > minutes * WORDS_PER_MINUTE {
            let needed = spoken as f64 / WORDS_PER_MINUTE as f64;
            self.push(
                warn(
                    Code::W117,
                    format!(
                        "{spoken} words to say take about {needed:.1} minutes at {WORDS_PER_MINUTE} words a minute; the talk has {minutes}"
                    ),
                    span,
                    format!(
                        "cut about {} words (start with the notes), or set minutes = {}",
                        spoken - minutes * WORDS_PER_MINUTE,
                        needed.ceil() as usize
                    ),
                ),
                None,
            );
        }
    }
}

/// W102: a claim that reads like a topic label rather than a sentence.
fn label_claim(claim: &Piece, text: &str, t: &SlideText, lang: Lang) -> Option<Diagnostic> {
    let text = text.trim();
    let end = text.trim_end_matches(['"', '”', '’', '\'', ')', '*', '_', ' ']);
    let unit = claim.units.first()?;
    let n = unit.words.len();
    let hints = words::sentence_hints(lang);
    let has_hint = (0..n).any(|i| {
        let w = unit.word(i).to_lowercase();
        hints.contains(&w.as_str()) || (lang == Lang::En && w.contains('\''))
    });
    let terminal = end.ends_with(['.', '!', '?', '…']);
    let example = match lang {
        Lang::En => "Our customers already ask us questions online.",
        Lang::Sv => "Våra kunder ställer redan frågor på nätet.",
    };
    if end.ends_with(':') {
        return Some(warn(
            Code::W102,
            format!("the claim on {} ends with a colon, like a heading", t.label()),
            claim.span.clone(),
            "make the claim the point itself, as one full sentence; put what would follow the colon in `points`".to_string(),
        ));
    }
    if has_hint || (terminal && n >= 3) {
        return None;
    }
    Some(warn(
        Code::W102,
        format!(
            "the claim on {} reads like a label, not a sentence: {}",
            t.label(),
            quote(text, 50)
        ),
        claim.span.clone(),
        format!(
            "state the point as a full sentence with a verb, e.g. \"{example}\"; if it is one already, end it with a full stop"
        ),
    ))
}

/// The text of an abbreviation in capitals: "KPI", also in "KPIs" and "KPI:er".
fn abbreviation(word: &str) -> Option<&str> {
    let core = word.split(':').next().unwrap_or(word);
    let core = match core.strip_suffix('s') {
        Some(stem) if stem.chars().filter(|c| c.is_alphabetic()).count() >= 2 => stem,
        _ => core,
    };
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = core
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    (letters >= 2 && all_caps && !core.contains(['.', '\''])).then_some(core)
}

/// Where a long sentence could be split: before a conjunction or after a comma,
/// near the middle. Returns the two words from the split point on.
fn split_point(
    unit: &super::readability::Tokens,
    range: std::ops::Range<usize>,
    lang: Lang,
) -> Option<String> {
    let conjunctions: &[&str] = match lang {
        Lang::En => &[
            "and", "but", "because", "so", "which", "while", "although", "or",
        ],
        Lang::Sv => &[
            "och", "men", "eftersom", "så", "som", "medan", "fast", "eller",
        ],
    };
    let middle = (range.start + range.end) / 2;
    let lo = range.start + 5;
    let hi = range.end.saturating_sub(5);
    (lo..hi)
        .filter(|&i| {
            let w = unit.word(i).to_lowercase();
            let gap_start = unit.words.get(i.wrapping_sub(1)).map_or(0, |p| p.range.end);
            let gap = unit
                .text
                .get(gap_start..unit.words[i].range.start)
                .unwrap_or("");
            conjunctions.contains(&w.as_str()) || gap.contains([',', ';'])
        })
        .min_by_key(|&i| i.abs_diff(middle))
        .map(|i| {
            let end = (i + 2).min(range.end);
            let start = unit.words[i].range.start;
            let stop = unit.words[end - 1].range.end;
            unit.text.get(start..stop).unwrap_or("").to_string()
        })
}

/// A concrete help for a slide over the LIX limit: which long words to replace,
/// how many, or that the sentences are too long.
fn lix_help(t: &SlideText, c: Counts, max: f64) -> String {
    let words = c.words as f64;
    let per_sentence = words / c.sentences.max(1) as f64;
    let mut long: Vec<String> = Vec::new();
    for piece in t.pieces.iter().filter(|p| p.role.on_slide()) {
        for unit in &piece.units {
            for i in 0..unit.words.len() {
                let w = unit.word(i);
                if is_long(w) && !long.iter().any(|l| l.eq_ignore_ascii_case(w)) {
                    long.push(w.to_string());
                }
            }
        }
    }
    long.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let shown: Vec<String> = long.iter().take(4).map(|w| format!("“{w}”")).collect();
    if per_sentence >= max {
        return format!(
            "sentences average {per_sentence:.1} words: split them, and use shorter words than {}",
            shown.join(", ")
        );
    }
    let allowed = ((max - per_sentence) * words / 100.0).floor() as usize;
    let cut = c.long_words.saturating_sub(allowed).max(1);
    format!(
        "replace at least {cut} of the {} long words (more than six letters) with shorter ones, e.g. {}",
        c.long_words,
        shown.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_in_capitals() {
        assert_eq!(abbreviation("KPI"), Some("KPI"));
        assert_eq!(abbreviation("KPIs"), Some("KPI"));
        assert_eq!(abbreviation("KPI:er"), Some("KPI"));
        assert_eq!(abbreviation("B2B"), Some("B2B"));
        assert_eq!(abbreviation("Kpi"), None);
        assert_eq!(abbreviation("I"), None);
        assert_eq!(abbreviation("Q3"), None);
    }
}
