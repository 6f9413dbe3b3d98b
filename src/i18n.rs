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
