//! The tool's own words on slides and pages, in English and Swedish.

use serde::Serialize;

use crate::deck::{Lang, SectionKind};

/// Every label the back ends print that the user did not write.
#[derive(Debug, Serialize)]
pub struct Labels {
    pub summary: &'static str,
    pub need: &'static str,
    pub risk: &'static str,
    pub research: &'static str,
    pub strategy: &'static str,
    pub engagement: &'static str,
    pub metrics: &'static str,
    pub ask: &'static str,
    pub objections: &'static str,
    pub objection: &'static str,
    pub measure: &'static str,
    pub baseline: &'static str,
    pub target: &'static str,
    pub unit: &'static str,
    pub by: &'static str,
    pub today: &'static str,
    pub goal: &'static str,
    pub for_audience: &'static str,
    /// "3 of 9": `{n}` and `{total}` are replaced.
    pub slide_of: &'static str,
    /// "page 3 of 9".
    pub page_of: &'static str,
    pub slide: &'static str,
    pub notes: &'static str,
    pub source: &'static str,
    pub quality: &'static str,
    pub count: &'static str,
    pub no_baseline: &'static str,
    pub deck_nav: &'static str,
    pub why_measures: &'static str,
    /// The presenter view and the keys dialog (`?`).
    pub presenter: &'static str,
    pub next: &'static str,
    pub end_of_deck: &'static str,
    pub no_notes: &'static str,
    pub elapsed: &'static str,
    pub time_left: &'static str,
    pub keys: &'static str,
    pub key_next: &'static str,
    pub key_previous: &'static str,
    pub key_first_last: &'static str,
    pub key_go_to: &'static str,
    pub key_presenter: &'static str,
    pub key_reset_timer: &'static str,
    pub key_help: &'static str,
    pub close: &'static str,
    /// The "where we stand" slide: its label, table headers, status words.
    pub standing: &'static str,
    pub start: &'static str,
    pub latest: &'static str,
    pub status: &'static str,
    pub reached: &'static str,
    pub ahead: &'static str,
    pub on_track: &'static str,
    pub behind: &'static str,
    pub missed: &'static str,
    /// "{n} of {total} measures are on track or better".
    pub standing_heading: &'static str,
    /// The heading when no measure has a status (none has a baseline).
    pub latest_heading: &'static str,
    /// "40 % on 2027-01-31".
    pub measured_on: &'static str,
    /// The chart's line from the baseline to the target.
    pub pace: &'static str,
}

const EN: Labels = Labels {
    summary: "In one minute",
    need: "The need",
    risk: "The risk",
    research: "What we learned",
    strategy: "Our strategy",
    engagement: "How we take part",
    metrics: "How we will know",
    ask: "What we ask for",
    objections: "Questions you may hear",
    objection: "Question",
    measure: "Measure",
    baseline: "Today",
    target: "Target",
    unit: "Unit",
    by: "By",
    today: "today",
    goal: "target",
    for_audience: "For",
    slide_of: "{n} of {total}",
    page_of: "page {n} of {total}",
    slide: "Slide",
    notes: "Speaker notes",
    source: "Source",
    quality: "quality",
    count: "count",
    no_baseline: "no baseline yet",
    deck_nav: "Slides",
    why_measures: "Why these measures:",
    presenter: "Presenter view",
    next: "Next",
    end_of_deck: "End of the deck",
    no_notes: "No notes for this slide.",
    elapsed: "Elapsed",
    time_left: "Time left",
    keys: "Keys",
    key_next: "Next slide",
    key_previous: "Previous slide",
    key_first_last: "First or last slide",
    key_go_to: "Go to slide 3: add #3 to the address",
    key_presenter: "Open the presenter view: notes, next slide, timer",
    key_reset_timer: "Start the timer again (presenter view)",
    key_help: "Show or hide these keys",
    close: "Close",
    standing: "Where we stand",
    start: "Baseline",
    latest: "Latest",
    status: "Status",
    reached: "reached",
    ahead: "ahead",
    on_track: "on track",
    behind: "behind",
    missed: "missed",
    standing_heading: "{n} of {total} measures are on track or better.",
    latest_heading: "The latest measured values.",
    measured_on: "on",
    pace: "the pace line to the target",
};

const SV: Labels = Labels {
    summary: "På en minut",
    need: "Behovet",
    risk: "Risken",
    research: "Det här har vi lärt oss",
    strategy: "Vår strategi",
    engagement: "Så deltar vi",
    metrics: "Så vet vi att det fungerar",
    ask: "Det här ber vi om",
    objections: "Frågor ni kan ställa",
    objection: "Fråga",
    measure: "Mått",
    baseline: "I dag",
    target: "Mål",
    unit: "Enhet",
    by: "Senast",
    today: "i dag",
    goal: "mål",
    for_audience: "För",
    slide_of: "{n} av {total}",
    page_of: "sida {n} av {total}",
    slide: "Bild",
    notes: "Talarnoteringar",
    source: "Källa",
    quality: "kvalitet",
    count: "antal",
    no_baseline: "inget utgångsvärde än",
    deck_nav: "Bilder",
    why_measures: "Därför de här måtten:",
    presenter: "Talarvy",
    next: "Nästa",
    end_of_deck: "Slut på presentationen",
    no_notes: "Inga noteringar för den här bilden.",
    elapsed: "Tid som gått",
    time_left: "Tid kvar",
    keys: "Tangenter",
    key_next: "Nästa bild",
    key_previous: "Föregående bild",
    key_first_last: "Första eller sista bilden",
    key_go_to: "Gå till bild 3: lägg till #3 i adressen",
    key_presenter: "Öppna talarvyn: noteringar, nästa bild, tid",
    key_reset_timer: "Starta tiden om (talarvyn)",
    key_help: "Visa eller dölj tangenterna",
    close: "Stäng",
    standing: "Så går det",
    start: "Start",
    latest: "Nu",
    status: "Läge",
    reached: "nått",
    ahead: "före",
    on_track: "i fas",
    behind: "efter",
    missed: "missat",
    standing_heading: "{n} av {total} mått är i fas eller bättre.",
    latest_heading: "De senaste mätvärdena.",
    measured_on: "den",
    pace: "linjen i jämn takt mot målet",
};

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Sv => &SV,
    }
}

impl Labels {
    pub fn section(&self, kind: SectionKind) -> &'static str {
        match kind {
            SectionKind::Summary => self.summary,
            SectionKind::Need => self.need,
            SectionKind::Risk => self.risk,
            SectionKind::Research => self.research,
            SectionKind::Strategy => self.strategy,
            SectionKind::Engagement => self.engagement,
            SectionKind::Metrics => self.metrics,
            SectionKind::Ask => self.ask,
        }
    }

    pub fn slide_of(&self, n: usize, total: usize) -> String {
        self.slide_of
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    pub fn page_of(&self, n: usize, total: usize) -> String {
        self.page_of
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }
}
