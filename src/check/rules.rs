//! The plain-language and argument rules. Their codes, names and summaries are in
//! the registry of all codes (`diagnostic::code`): `[check] allow` is validated
//! against it and docs/checks.md is written from it.

use std::collections::HashSet;

use crate::deck::{Deck, Lang, MeasureKind, SectionKind};
use crate::diagnostic::{Code, Diagnostic};
use crate::slides::{Slide, SlideKind};

use super::messages::{self, Msg};
use super::readability::{Counts, is_long};
use super::style;
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
    /// The language of the messages: `[deck] lang`, or `--lang`.
    pub messages: Lang,
    pub out: Vec<Diagnostic>,
}

fn warn(code: Code, message: String, span: std::ops::Range<usize>, help: String) -> Diagnostic {
    Diagnostic::new(code, message).at(span).help(help)
}

/// How a message names a field: "point 2" / "punkt 2".
pub fn role_name(role: Role, lang: Lang) -> String {
    match role {
        Role::Title => Msg::RoleTitle.plain(lang),
        Role::Subtitle => Msg::RoleSubtitle.plain(lang),
        Role::Claim => Msg::RoleClaim.plain(lang),
        Role::Point(i) => Msg::RolePoint.fill(lang, &[("n", &(i + 1))]),
        Role::Evidence => Msg::RoleEvidence.plain(lang),
        Role::Notes => Msg::RoleNotes.plain(lang),
        Role::MeasureName(i) => Msg::RoleMeasureName.fill(lang, &[("n", &(i + 1))]),
        Role::MeasureWhy(i) => Msg::RoleMeasureWhy.fill(lang, &[("n", &(i + 1))]),
        Role::Question => Msg::RoleQuestion.plain(lang),
        Role::Answer => Msg::RoleAnswer.plain(lang),
    }
}

/// Prose the style rules read: everything but titles and measure names.
fn prose(role: Role) -> bool {
    !matches!(role, Role::Title | Role::Subtitle | Role::MeasureName(_))
}

impl Checker<'_> {
    fn lang(&self) -> Lang {
        self.deck.meta.lang
    }

    /// "slide 3 (need)" / "bild 3 (need)".
    fn label(&self, t: &SlideText) -> String {
        Msg::SlideLabel.fill(self.messages, &[("n", &t.number), ("name", &t.name)])
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
        self.style();
        self.numbers();
    }

    /// The results of a follow-up deck: dated where they can be, in order,
    /// recent, and one for every measure whose deadline has passed.
    fn results(&mut self) {
        let deck = self.deck;
        if !crate::results::any(deck) {
            return;
        }
        let m = self.messages;
        let metrics = self
            .texts
            .iter()
            .find(|t| t.kind == SlideKind::Section(SectionKind::Metrics));
        let today = deck.meta.date;
        for measure in &deck.measures {
            let name = measure.name.value.trim();
            for r in &measure.results {
                if let Some(today) = today
                    && r.date > today
                {
                    let args: [(&str, &dyn std::fmt::Display); 3] =
                        [("name", &name), ("date", &r.date), ("today", &today)];
                    let d = r.place.point(
                        Diagnostic::new(Code::W123, Msg::W123After.fill(m, &args))
                            .help(Msg::W123AfterHelp.fill(m, &args)),
                    );
                    self.push(d, metrics);
                }
                if let Some(since) = measure.since
                    && r.date < since
                {
                    let args: [(&str, &dyn std::fmt::Display); 3] =
                        [("name", &name), ("date", &r.date), ("since", &since)];
                    let d = r.place.point(
                        Diagnostic::new(Code::W123, Msg::W123Before.fill(m, &args))
                            .help(Msg::W123BeforeHelp.plain(m)),
                    );
                    self.push(d, metrics);
                }
            }
            if let Some(pair) = measure.results.windows(2).find(|w| w[1].date < w[0].date) {
                let d = pair[1].place.point(
                    Diagnostic::new(
                        Code::W124,
                        Msg::W124.fill(
                            m,
                            &[
                                ("name", &name),
                                ("date", &pair[1].date),
                                ("previous", &pair[0].date),
                            ],
                        ),
                    )
                    .help(Msg::W124Help.plain(m)),
                );
                self.push(d, metrics);
            }
            let Some(date) = today else { continue };
            match crate::results::latest(&measure.results) {
                Some(latest) => {
                    let age = date.days_since_epoch() - latest.date.days_since_epoch();
                    if age > crate::results::STALE_DAYS {
                        let d = latest.place.point(
                            Diagnostic::new(
                                Code::W125,
                                Msg::W125.fill(
                                    m,
                                    &[("name", &name), ("date", &latest.date), ("age", &age)],
                                ),
                            )
                            .help(Msg::W125Help.fill(m, &[("max", &crate::results::STALE_DAYS)])),
                        );
                        self.push(d, metrics);
                    }
                }
                None if measure.by < date => {
                    let d = warn(
                        Code::W126,
                        Msg::W126.fill(m, &[("name", &name), ("by", &measure.by)]),
                        measure.by_span.clone(),
                        Msg::W126Help.plain(m),
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
        let m = self.messages;
        let mut found = Vec::new();
        let texts = self.texts;
        for t in texts
            .iter()
            .filter(|t| matches!(t.kind, SlideKind::Section(_)))
        {
            let Some(claim) = t.claim() else { continue };
            let n = claim.words();
            let label = self.label(t);
            if n > max {
                found.push((
                    warn(
                        Code::W101,
                        Msg::W101.fill(m, &[("slide", &label), ("n", &n), ("max", &max)]),
                        claim.span.clone(),
                        Msg::W101Help
                            .fill(m, &[("cut", &messages::words(n - max, m)), ("max", &max)]),
                    ),
                    t,
                ));
            }
            if let Some(d) = label_claim(claim, &label, self.lang(), m) {
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
        let m = self.messages;
        let mut found = Vec::new();
        for t in self.texts.iter().filter(|t| t.kind != SlideKind::Title) {
            let label = self.label(t);
            for p in t.pieces.iter().filter(|p| matches!(p.role, Role::Point(_))) {
                if p.words() == 0
                    && !p
                        .units
                        .iter()
                        .any(|u| u.text.chars().any(char::is_alphanumeric))
                {
                    found.push((
                        warn(
                            Code::W122,
                            Msg::W122
                                .fill(m, &[("role", &role_name(p.role, m)), ("slide", &label)]),
                            p.span.clone(),
                            Msg::W122Help.plain(m),
                        ),
                        t,
                    ));
                }
            }
            if t.points > max_points {
                let first_extra = t
                    .pieces
                    .iter()
                    .find(|p| p.role == Role::Point(max_points))
                    .map_or(t.span.clone(), |p| p.span.clone());
                found.push((
                    warn(
                        Code::W103,
                        Msg::W103.fill(
                            m,
                            &[("n", &t.points), ("slide", &label), ("max", &max_points)],
                        ),
                        first_extra,
                        Msg::W103Help.fill(
                            m,
                            &[("max", &max_points), ("rest", &(t.points - max_points))],
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
                        Msg::W104.fill(m, &[("slide", &label), ("n", &words), ("max", &max_words)]),
                        t.span.clone(),
                        Msg::W104Help.fill(m, &[("cut", &messages::words(words - max_words, m))]),
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
        let m = self.messages;
        let mut found = Vec::new();
        for t in self.texts {
            let label = self.label(t);
            for piece in t.pieces.iter().filter(|p| p.role != Role::Claim) {
                for (u, unit) in piece.units.iter().enumerate() {
                    for s in 0..unit.sentences {
                        let range = unit.sentence_words(s);
                        let n = range.len();
                        if n <= LONG_SENTENCE_WORDS {
                            continue;
                        }
                        let max = LONG_SENTENCE_WORDS;
                        let help = match split_points(unit, range.clone(), self.lang()) {
                            Split::One(at) => {
                                Msg::W105HelpAt.fill(m, &[("max", &max), ("at", &at)])
                            }
                            Split::Two(at, at2) => Msg::W105HelpAtTwo
                                .fill(m, &[("max", &max), ("at", &at), ("at2", &at2)]),
                            Split::None => Msg::W105Help.fill(m, &[("max", &max)]),
                        };
                        found.push((
                            warn(
                                Code::W105,
                                Msg::W105.fill(
                                    m,
                                    &[
                                        ("n", &n),
                                        ("role", &role_name(piece.role, m)),
                                        ("slide", &label),
                                    ],
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
        let m = self.messages;
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
            let deck_part = deck_lix.map_or(String::new(), |d| {
                Msg::W106Deck.fill(m, &[("lix", &messages::decimal(d, m))])
            });
            found.push((
                warn(
                    Code::W106,
                    Msg::W106.fill(
                        m,
                        &[
                            ("slide", &self.label(t)),
                            ("lix", &messages::decimal(lix, m)),
                            ("max", &max),
                            ("deck", &deck_part),
                        ],
                    ),
                    t.span.clone(),
                    lix_help(t, *c, max, m),
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
                .map(|(t, l)| format!("{} {}", self.label(t), messages::decimal(*l, m)))
                .collect();
            found.push((
                warn(
                    Code::W107,
                    Msg::W107.fill(
                        m,
                        &[
                            ("lix", &messages::decimal(lix, m)),
                            ("n", &deck.words),
                            ("max", &max),
                        ],
                    ),
                    self.deck.meta.span.clone(),
                    Msg::W107Help.fill(m, &[("names", &names.join(", "))]),
                ),
                None,
            ));
        }
        for (d, t) in found {
            self.push(d, t);
        }
    }

    fn word_lists(&mut self) {
        let lang = self.lang();
        let m = self.messages;
        let builtin = words::builtin(lang);
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
            let label = self.label(t);
            for piece in &t.pieces {
                for (u, unit) in piece.units.iter().enumerate() {
                    let lower = &unit.lower;
                    let mut i = 0;
                    while i < lower.len() {
                        let hit = own
                            .find(lower, i)
                            .or_else(|| builtin.find(lower, i))
                            .or_else(|| {
                                (lang == Lang::Sv)
                                    .then(|| builtin.find_compound(&lower[i]))
                                    .flatten()
                            });
                        let Some(hit) = hit else {
                            let w = unit.word(i);
                            let kind = (lang == Lang::Sv)
                                .then(|| words::morphology(&lower[i]))
                                .flatten()
                                .filter(|k| *k == words::Morph::Isera || w == lower[i]);
                            if let Some(kind) = kind {
                                let help = match kind {
                                    words::Morph::Isera => Msg::W108HelpNone.plain(m),
                                    words::Morph::Loan => Msg::W108HelpLoan.plain(m),
                                };
                                found.push((
                                    warn(
                                        Code::W108,
                                        Msg::W108.fill(m, &[("said", &w), ("slide", &label)]),
                                        piece.span_of(u, i..i + 1),
                                        help,
                                    ),
                                    t,
                                ));
                            }
                            i += 1;
                            continue;
                        };
                        if hit.entry.kind == Kind::Term {
                            i += hit.len;
                            continue;
                        }
                        let start = unit.words[i].range.start;
                        let end = unit.words[i + hit.len - 1].range.end;
                        let said = unit.text.get(start..end).unwrap_or("");
                        let span = piece.span_of(u, i..i + hit.len);
                        let instead = hit.entry.instead.as_str();
                        let d = match hit.entry.kind {
                            Kind::Jargon | Kind::Term => warn(
                                Code::W108,
                                Msg::W108.fill(m, &[("said", &said), ("slide", &label)]),
                                span,
                                if instead == "-" {
                                    Msg::W108HelpNone.plain(m)
                                } else if hit.base {
                                    Msg::W108Help.fill(m, &[("instead", &instead)])
                                } else {
                                    let first = instead.split(',').next().unwrap_or(instead).trim();
                                    Msg::W108HelpForm.fill(m, &[("instead", &first)])
                                },
                            ),
                            Kind::Hype => warn(
                                Code::W109,
                                Msg::W109.fill(m, &[("said", &said), ("slide", &label)]),
                                span,
                                Msg::W109Help.fill(m, &[("instead", &instead)]),
                            ),
                            Kind::Deck => warn(
                                Code::W110,
                                Msg::W110.fill(m, &[("said", &said), ("slide", &label)]),
                                span,
                                if instead.is_empty() {
                                    Msg::W110HelpNone.plain(m)
                                } else {
                                    Msg::W110Help.fill(m, &[("instead", &instead)])
                                },
                            ),
                        };
                        found.push((d, t));
                        i += hit.len;
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
        let m = self.messages;
        let known = words::known_abbreviations(lang);
        // Where each abbreviation is first explained: the slide's place in the
        // deck. One explained in a slide's notes counts for that slide and later.
        let mut explained_on: std::collections::HashMap<String, usize> = Default::default();
        for (k, t) in self.texts.iter().enumerate() {
            for piece in &t.pieces {
                for unit in &piece.units {
                    for i in 0..unit.words.len() {
                        if let Some(abbr) = abbreviation(unit.word(i))
                            && explained_here(unit, i, abbr)
                        {
                            explained_on.entry(abbr.to_string()).or_insert(k);
                        }
                    }
                }
            }
        }
        let mut seen: HashSet<String> = HashSet::new();
        let mut found = Vec::new();
        for (k, t) in self.texts.iter().enumerate() {
            let label = self.label(t);
            for piece in &t.pieces {
                for (u, unit) in piece.units.iter().enumerate() {
                    for i in 0..unit.words.len() {
                        let Some(abbr) = abbreviation(unit.word(i)) else {
                            continue;
                        };
                        if known.contains(&abbr)
                            || words::is_brand(abbr)
                            || !seen.insert(abbr.to_string())
                        {
                            continue;
                        }
                        if explained_on.get(abbr).is_some_and(|&at| at <= k) {
                            continue;
                        }
                        let help = match words::expansion(abbr, lang) {
                            Some(full) => {
                                Msg::W111HelpKnown.fill(m, &[("full", &full), ("abbr", &abbr)])
                            }
                            None => Msg::W111Help.fill(m, &[("abbr", &abbr)]),
                        };
                        found.push((
                            warn(
                                Code::W111,
                                Msg::W111.fill(m, &[("abbr", &abbr), ("slide", &label)]),
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
        let m = self.messages;
        if deck.section(SectionKind::Ask).is_none() {
            let end = self.source.trim_end().len();
            self.push(
                warn(
                    Code::W112,
                    Msg::W112.plain(m),
                    end..end,
                    Msg::W112Help.fill(m, &[("example", &Msg::ExampleAsk.text(m))]),
                ),
                None,
            );
        }
        let texts = self.texts;
        let metrics = texts
            .iter()
            .find(|t| t.kind == SlideKind::Section(SectionKind::Metrics));
        let label = metrics.map_or(Msg::MetricsSlide.plain(m), |t| self.label(t));
        if !deck.measures.is_empty()
            && deck.measures.iter().all(|x| x.kind == MeasureKind::Count)
            && let Some(section) = deck.section(SectionKind::Metrics)
        {
            let d = warn(
                Code::W113,
                Msg::W113.fill(m, &[("slide", &label)]),
                section.span.clone(),
                Msg::W113Help.fill(m, &[("example", &Msg::ExampleQuality.text(m))]),
            );
            self.push(d, metrics);
        }
        for x in &deck.measures {
            let unit = x
                .unit
                .as_ref()
                .map_or(String::new(), |u| format!(" {}", u.value));
            let target = format!("{}{unit}", x.target.format(lang));
            let name = x.name.value.trim();
            if x.baseline.is_none() {
                let d = warn(
                    Code::W114,
                    Msg::W114.fill(m, &[("name", &name), ("slide", &label)]),
                    x.name.span.clone(),
                    Msg::W114Help.fill(m, &[("target", &target)]),
                );
                self.push(d, metrics);
            }
            if x.unit.as_ref().is_none_or(|u| u.value.trim().is_empty()) {
                let d = warn(
                    Code::W121,
                    Msg::W121Measure.fill(m, &[("name", &name), ("slide", &label)]),
                    x.name.span.clone(),
                    Msg::W121MeasureHelp.fill(m, &[("target", &target)]),
                );
                self.push(d, metrics);
            }
            // A follow-up deck reports on deadlines that have passed (W126).
            if let Some(date) = deck.meta.date
                && x.by < date
                && !crate::results::any(deck)
            {
                let mut next = date;
                next.year = next.year.saturating_add(1);
                if next.month == 2 && next.day == 29 {
                    next.day = 28;
                }
                let d = warn(
                    Code::W115,
                    Msg::W115.fill(
                        m,
                        &[
                            ("by", &x.by),
                            ("name", &name),
                            ("slide", &label),
                            ("date", &date),
                        ],
                    ),
                    x.by_span.clone(),
                    Msg::W115Help.fill(m, &[("date", &date), ("next", &next)]),
                );
                self.push(d, metrics);
            }
        }
    }

    fn timing(&mut self) {
        let m = self.messages;
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
                Msg::W116Merge.plain(m)
            } else {
                Msg::W116Drop.fill(m, &[("sections", &optional.join(", "))])
            };
            self.push(
                warn(
                    Code::W116,
                    Msg::W116.fill(m, &[("n", &talk_slides), ("minutes", &minutes)]),
                    span.clone(),
                    Msg::W116Help.fill(
                        m,
                        &[
                            ("cut", &messages::slides(talk_slides - minutes, m)),
                            ("which", &which),
                            ("n", &talk_slides),
                        ],
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
                    Msg::W117.fill(
                        m,
                        &[
                            ("n", &spoken),
                            ("needed", &messages::decimal(needed, m)),
                            ("rate", &WORDS_PER_MINUTE),
                            ("minutes", &minutes),
                        ],
                    ),
                    span,
                    Msg::W117Help.fill(
                        m,
                        &[
                            ("cut", &(spoken - minutes * WORDS_PER_MINUTE)),
                            ("minutes", &(needed.ceil() as usize)),
                        ],
                    ),
                ),
                None,
            );
        }
    }

    /// W118–W120: nominal style, passive voice, promises without a date, one
    /// finding of each kind per sentence.
    fn style(&mut self) {
        let lang = self.lang();
        let m = self.messages;
        let mut found = Vec::new();
        for t in self.texts {
            let label = self.label(t);
            for piece in t.pieces.iter().filter(|p| prose(p.role)) {
                let role = role_name(piece.role, m);
                for (u, unit) in piece.units.iter().enumerate() {
                    for s in 0..unit.sentences {
                        let range = unit.sentence_words(s);
                        if range.is_empty() {
                            continue;
                        }
                        let lower = &unit.lower[range.clone()];
                        let text_of = |r: std::ops::Range<usize>| {
                            let a = unit.words[range.start + r.start].range.start;
                            let b = unit.words[range.start + r.end - 1].range.end;
                            unit.text.get(a..b).unwrap_or("").to_string()
                        };
                        let span_of = |r: std::ops::Range<usize>| {
                            piece.span_of(u, range.start + r.start..range.start + r.end)
                        };
                        if let Some((r, verbs)) = style::nominal_style(lower, lang) {
                            let quoted = messages::quote(&text_of(r.clone()), 60, m);
                            let help = if verbs.is_empty() {
                                Msg::W118Help.plain(m)
                            } else {
                                let verbs: Vec<String> =
                                    verbs.iter().map(|v| messages::quote(v, 40, m)).collect();
                                Msg::W118HelpVerbs.fill(m, &[("verbs", &verbs.join(", "))])
                            };
                            found.push((
                                warn(
                                    Code::W118,
                                    Msg::W118.fill(
                                        m,
                                        &[("role", &role), ("slide", &label), ("quote", &quoted)],
                                    ),
                                    span_of(r),
                                    help,
                                ),
                                t,
                            ));
                        }
                        let gaps: Vec<&str> = range
                            .clone()
                            .map(|i| {
                                let from = if i == range.start {
                                    unit.words[i].range.start
                                } else {
                                    unit.words[i - 1].range.end
                                };
                                unit.text.get(from..unit.words[i].range.start).unwrap_or("")
                            })
                            .collect();
                        let passive = style::passives(lower, &gaps, lang);
                        if passive.len() >= 2 {
                            let r = passive[0]..passive[passive.len() - 1] + 1;
                            let shown: Vec<String> = passive
                                .iter()
                                .map(|&i| unit.word(range.start + i).to_string())
                                .collect();
                            found.push((
                                warn(
                                    Code::W119,
                                    Msg::W119.fill(
                                        m,
                                        &[
                                            ("n", &passive.len()),
                                            ("role", &role),
                                            ("slide", &label),
                                            ("quote", &messages::quote(&shown.join(", "), 60, m)),
                                        ],
                                    ),
                                    span_of(r),
                                    Msg::W119Help.plain(m),
                                ),
                                t,
                            ));
                        }
                        let first = unit.words[range.start].range.start;
                        let last = unit.words[range.end - 1].range.end;
                        let sentence_text = unit.text.get(first..last).unwrap_or("");
                        let has_digit = sentence_text.chars().any(|c| c.is_ascii_digit());
                        if let Some(r) = style::undated_promise(lower, has_digit, lang) {
                            found.push((
                                warn(
                                    Code::W120,
                                    Msg::W120.fill(
                                        m,
                                        &[
                                            ("said", &text_of(r.clone())),
                                            ("role", &role),
                                            ("slide", &label),
                                        ],
                                    ),
                                    span_of(r),
                                    Msg::W120Help.plain(m),
                                ),
                                t,
                            ));
                        }
                    }
                }
            }
        }
        for (d, t) in found {
            self.push(d, Some(t));
        }
    }

    /// W121 in text: a bare number in a point, once per point.
    fn numbers(&mut self) {
        let m = self.messages;
        let mut found = Vec::new();
        for t in self.texts {
            for piece in t.pieces.iter().filter(|p| matches!(p.role, Role::Point(_))) {
                let Some(unit) = piece.units.first() else {
                    continue;
                };
                let Some(r) = style::bare_numbers(&unit.text).into_iter().next() else {
                    continue;
                };
                let number = &unit.text[r.clone()];
                let span =
                    locate_number(self.source, &piece.span, number).unwrap_or(piece.span.clone());
                found.push((
                    warn(
                        Code::W121,
                        Msg::W121Point.fill(
                            m,
                            &[
                                ("number", &number),
                                ("role", &role_name(piece.role, m)),
                                ("slide", &self.label(t)),
                            ],
                        ),
                        span,
                        Msg::W121PointHelp.fill(m, &[("number", &number)]),
                    ),
                    t,
                ));
            }
        }
        for (d, t) in found {
            self.push(d, Some(t));
        }
    }
}

/// The number as written inside the field's span, not inside a longer number.
fn locate_number(
    source: &str,
    span: &std::ops::Range<usize>,
    number: &str,
) -> Option<std::ops::Range<usize>> {
    let hay = source.get(span.clone())?;
    let mut from = 0;
    while let Some(i) = hay.get(from..)?.find(number) {
        let start = from + i;
        let end = start + number.len();
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        if !digit(hay[..start].chars().next_back()) && !digit(hay[end..].chars().next()) {
            return Some(span.start + start..span.start + end);
        }
        from = end;
    }
    None
}

/// W102: a claim that reads like a topic label rather than a sentence: it has
/// no finite verb (a full stop neither makes nor breaks a sentence), or it
/// ends with a colon like a heading.
fn label_claim(claim: &Piece, label: &str, lang: Lang, m: Lang) -> Option<Diagnostic> {
    let unit = claim.units.first()?;
    let text = unit.text.trim();
    let end = text.trim_end_matches(['"', '”', '’', '\'', ')', '*', '_', ' ']);
    if end.ends_with(':') {
        return Some(warn(
            Code::W102,
            Msg::W102Colon.fill(m, &[("slide", &label)]),
            claim.span.clone(),
            Msg::W102ColonHelp.plain(m),
        ));
    }
    let lower = &unit.lower;
    if lower.is_empty() || style::has_finite_verb(lower, lang) {
        return None;
    }
    Some(warn(
        Code::W102,
        Msg::W102Label.fill(
            m,
            &[("slide", &label), ("quote", &messages::quote(text, 50, m))],
        ),
        claim.span.clone(),
        Msg::W102LabelHelp.fill(m, &[("example", &Msg::ExampleClaim.text(m))]),
    ))
}

/// The text of an abbreviation in capitals: "KPI", also in "KPIs" and "KPI:er".
fn abbreviation(word: &str) -> Option<&str> {
    // Most words start with a small letter: then no part of them is in capitals.
    if word
        .chars()
        .find(|c| c.is_alphabetic())
        .is_none_or(|c| !c.is_uppercase())
    {
        return None;
    }
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

/// Whether word `i` of `unit`, the abbreviation `abbr`, is explained right
/// there: the words in brackets after it ("CRM (our list of customers)"), or
/// the words before it with the letters in brackets ("key performance
/// indicators (KPI)"). "ABC (ABC)" and "ABC ()" explain nothing.
fn explained_here(unit: &super::readability::Tokens, i: usize, abbr: &str) -> bool {
    let r = &unit.words[i].range;
    let before = unit.text.get(..r.start).unwrap_or("");
    let after = unit.text.get(r.end..).unwrap_or("");
    let after_trim = after.trim_start();
    if let Some(inside) = after_trim.strip_prefix('(') {
        let inside = inside.split(')').next().unwrap_or("");
        let words: Vec<&str> = inside
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().any(char::is_alphabetic) && *w != abbr)
            .collect();
        if !words.is_empty() && words.iter().any(|w| w.chars().any(char::is_lowercase)) {
            return true;
        }
    }
    let before_trim = before.trim_end();
    if let Some(outside) = before_trim.strip_suffix('(') {
        let rest = after.trim_start();
        if rest.starts_with(')') {
            let words: Vec<&str> = outside
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().any(char::is_lowercase))
                .collect();
            return words.len() >= 2;
        }
    }
    false
}

/// Where a long sentence could be split.
enum Split {
    /// Before these words: two sentences, each short enough.
    One(String),
    /// Before these and those: three sentences, each short enough.
    Two(String, String),
    /// No split at a natural place makes every part short enough.
    None,
}

/// Natural places to split a long sentence (before a conjunction or after a
/// comma), checked: every part must be at most [`LONG_SENTENCE_WORDS`] words
/// and at least three. The split nearest the middle wins; then two splits.
fn split_points(
    unit: &super::readability::Tokens,
    range: std::ops::Range<usize>,
    lang: Lang,
) -> Split {
    let conjunctions: &[&str] = match lang {
        Lang::En => &[
            "and", "but", "because", "so", "which", "while", "although", "or",
        ],
        Lang::Sv => &[
            "och", "men", "eftersom", "så", "som", "medan", "fast", "eller",
        ],
    };
    let max = LONG_SENTENCE_WORDS;
    let min = 3;
    let places: Vec<usize> = (range.start + min..range.end.saturating_sub(min - 1))
        .filter(|&i| {
            let w = unit.lower.get(i).map_or("", String::as_str);
            let gap_start = unit.words.get(i.wrapping_sub(1)).map_or(0, |p| p.range.end);
            let gap = unit
                .text
                .get(gap_start..unit.words[i].range.start)
                .unwrap_or("");
            conjunctions.contains(&w) || gap.contains([',', ';'])
        })
        .collect();
    let words_at = |i: usize| {
        let end = (i + 2).min(range.end);
        let start = unit.words[i].range.start;
        let stop = unit.words[end - 1].range.end;
        unit.text.get(start..stop).unwrap_or("").to_string()
    };
    let middle = (range.start + range.end) / 2;
    let one = places
        .iter()
        .copied()
        .filter(|&i| i - range.start <= max && range.end - i <= max)
        .min_by_key(|&i| i.abs_diff(middle));
    if let Some(i) = one {
        return Split::One(words_at(i));
    }
    let mut best: Option<(usize, usize, usize)> = None;
    for (a, &i) in places.iter().enumerate() {
        for &j in &places[a + 1..] {
            let parts = [i - range.start, j - i, range.end - j];
            if parts.iter().all(|&p| (min..=max).contains(&p)) {
                let worst = parts.iter().copied().max().unwrap_or(0);
                if best.is_none_or(|b| worst < b.2) {
                    best = Some((i, j, worst));
                }
            }
        }
    }
    match best {
        Some((i, j, _)) => Split::Two(words_at(i), words_at(j)),
        None => Split::None,
    }
}

/// A concrete help for a slide over the LIX limit: which long words to replace,
/// how many, or that the sentences are too long.
fn lix_help(t: &SlideText, c: Counts, max: f64, m: Lang) -> String {
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
    let shown: Vec<String> = long
        .iter()
        .take(4)
        .map(|w| messages::quote(w, 60, m))
        .collect();
    if per_sentence >= max {
        return Msg::LixHelpSentences.fill(
            m,
            &[
                ("n", &messages::decimal(per_sentence, m)),
                ("words", &shown.join(", ")),
            ],
        );
    }
    let allowed = ((max - per_sentence) * words / 100.0).floor() as usize;
    let cut = c.long_words.saturating_sub(allowed).max(1);
    Msg::LixHelpWords.fill(
        m,
        &[
            ("cut", &cut),
            ("long", &c.long_words),
            ("words", &shown.join(", ")),
        ],
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

    fn explained(text: &str, word: &str) -> bool {
        let t = super::super::readability::tokenize(text);
        let i = (0..t.words.len()).position(|i| t.word(i) == word).unwrap();
        explained_here(&t, i, word)
    }

    #[test]
    fn an_explanation_needs_words() {
        assert!(explained(
            "The CRM (the list of our customers) shows it",
            "CRM"
        ));
        assert!(explained(
            "Our key performance indicators (KPI) miss it",
            "KPI"
        ));
        assert!(!explained("Our ABC (ABC) is new", "ABC"));
        assert!(!explained("Our ABC () is new", "ABC"));
        assert!(!explained("Our ABC (2026) is new", "ABC"));
    }

    #[test]
    fn a_split_is_only_suggested_when_it_fixes_the_sentence() {
        let t = super::super::readability::tokenize(
            "We listen to what people ask on every channel for a month, and then we answer every question within one working day.",
        );
        match split_points(&t, 0..t.words.len(), Lang::En) {
            Split::One(at) => assert_eq!(at, "and then"),
            _ => panic!("expected one split"),
        }
        // 30 words, the only comma after word 3: no split leaves both parts short.
        let long = "One two three, four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight twentynine thirty";
        let t = super::super::readability::tokenize(long);
        assert!(matches!(
            split_points(&t, 0..t.words.len(), Lang::En),
            Split::None
        ));
    }
}
