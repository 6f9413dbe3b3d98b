//! The deck.toml model after validation: every value typed, defaults filled, and
//! every piece of user text carrying the byte span it came from.

use std::fmt;
use std::ops::Range;

/// A piece of user text and where it sits in deck.toml.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: String,
    /// The whole value in the source, quotes included.
    pub span: Range<usize>,
    /// Where `value`'s first byte sits in the source, when the source holds the
    /// value verbatim (no escapes, no line-ending backslashes): then any part of
    /// the value can be pointed at exactly.
    pub verbatim_start: Option<usize>,
}

impl Text {
    /// Text read from `source` at `span`, working out whether it is verbatim.
    pub fn from_source(value: String, span: Range<usize>, source: &str) -> Text {
        let raw = source.get(span.clone()).unwrap_or_default();
        let verbatim_start = ["\"\"\"", "'''", "\"", "'"].iter().find_map(|q| {
            let inner = raw.strip_prefix(q)?.strip_suffix(q)?;
            // A newline right after an opening triple quote is not part of the value.
            let skipped = if q.len() == 3 {
                let rest = inner
                    .strip_prefix("\r\n")
                    .or_else(|| inner.strip_prefix('\n'))
                    .unwrap_or(inner);
                inner.len() - rest.len()
            } else {
                0
            };
            (inner[skipped..] == *value).then_some(span.start + q.len() + skipped)
        });
        Text {
            value,
            span,
            verbatim_start,
        }
    }

    /// Text that is not in the source as such (e.g. a default), pointing at `span`.
    pub fn synthetic(value: impl Into<String>, span: Range<usize>) -> Text {
        Text {
            value: value.into(),
            span,
            verbatim_start: None,
        }
    }

    /// The source span of a byte range of `value`: exact when the value is
    /// verbatim in the source, otherwise the whole value.
    pub fn sub_span(&self, range: Range<usize>) -> Range<usize> {
        match self.verbatim_start {
            Some(start) if range.end <= self.value.len() && range.start <= range.end => {
                start + range.start..start + range.end
            }
            _ => self.span.clone(),
        }
    }

    /// The source span of the first occurrence of `needle` in the value.
    pub fn find_span(&self, needle: &str) -> Range<usize> {
        match self.value.find(needle) {
            Some(i) => self.sub_span(i..i + needle.len()),
            None => self.span.clone(),
        }
    }
}

/// A calendar date (TOML local date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// Days since 1970-01-01 (for the PDF creation date and comparisons).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// Language of the tool's labels, of `<html lang>` and of the readability rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Sv,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
        }
    }
}

/// The argument sections, in slide order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectionKind {
    Summary,
    Need,
    Risk,
    Research,
    Strategy,
    Engagement,
    Metrics,
    Ask,
}

impl SectionKind {
    pub const ALL: [SectionKind; 8] = [
        SectionKind::Summary,
        SectionKind::Need,
        SectionKind::Risk,
        SectionKind::Research,
        SectionKind::Strategy,
        SectionKind::Engagement,
        SectionKind::Metrics,
        SectionKind::Ask,
    ];

    /// The table name in deck.toml.
    pub fn key(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Need => "need",
            SectionKind::Risk => "risk",
            SectionKind::Research => "research",
            SectionKind::Strategy => "strategy",
            SectionKind::Engagement => "engagement",
            SectionKind::Metrics => "metrics",
            SectionKind::Ask => "ask",
        }
    }

    pub fn required(self) -> bool {
        matches!(
            self,
            SectionKind::Need | SectionKind::Risk | SectionKind::Strategy | SectionKind::Metrics
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Svg,
}

impl ImageFormat {
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Svg => "image/svg+xml",
        }
    }
}

/// An image read from inside the deck's folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The path as written in deck.toml.
    pub path: Text,
    pub alt: Text,
    pub format: ImageFormat,
    pub bytes: Vec<u8>,
}

/// One argument section: a claim and its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub kind: SectionKind,
    /// Span of the `[need]` header (or the inline table).
    pub span: Range<usize>,
    pub claim: Text,
    pub points: Vec<Text>,
    /// Span of the `points` array, when present.
    pub points_span: Option<Range<usize>>,
    pub evidence: Option<Text>,
    pub image: Option<Image>,
    pub notes: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MeasureKind {
    #[default]
    Count,
    Quality,
}

/// A number as the user wrote it (integer or decimal).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

impl Number {
    /// Formats the way the deck's language writes numbers: "2.5" / "2,5"; whole
    /// numbers without decimals; thousands grouped with a thin space in sv, a comma in en.
    pub fn format(self, lang: Lang) -> String {
        let v = self.0;
        let negative = v < 0.0;
        let abs = v.abs();
        let mut text = if abs.fract() == 0.0 && abs < 1e15 {
            format!("{abs:.0}")
        } else {
            let s = format!("{abs:.4}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        let (int_part, frac_part) = match text.find('.') {
            Some(i) => (text[..i].to_string(), Some(text[i + 1..].to_string())),
            None => (text.clone(), None),
        };
        let group = match lang {
            Lang::En => ",",
            Lang::Sv => "\u{a0}",
        };
        let digits: Vec<char> = int_part.chars().collect();
        let mut grouped = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) && digits.len() > 4 {
                grouped.push_str(group);
            }
            grouped.push(*c);
        }
        text = grouped;
        if let Some(frac) = frac_part {
            text.push(match lang {
                Lang::En => '.',
                Lang::Sv => ',',
            });
            text.push_str(&frac);
        }
        if negative { format!("−{text}") } else { text }
    }
}

/// One `[[metrics.measure]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Measure {
    /// Span of the `[[metrics.measure]]` header.
    pub span: Range<usize>,
    pub name: Text,
    pub target: Number,
    pub target_span: Range<usize>,
    pub by: Date,
    pub by_span: Range<usize>,
    pub baseline: Option<Number>,
    pub unit: Option<Text>,
    pub kind: MeasureKind,
    pub kind_span: Option<Range<usize>>,
    pub why: Option<Text>,
    /// When the baseline was taken: the measure's `since`, else `[metrics]
    /// since`, else `[deck] date` (the build has no other "today").
    pub since: Option<Date>,
    /// Where `since` was written, when it was (the measure's or `[metrics]`).
    pub since_span: Option<Range<usize>>,
    /// Measured values: the inline `results` first, then the results file's
    /// rows for this measure, each in the order written.
    pub results: Vec<Measured>,
}

/// One measured value of a measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub date: Date,
    pub value: Number,
    /// Where it was written: in deck.toml, or a row of the results file.
    pub place: Place,
}

/// A place in deck.toml or, with `file`, in another file the deck names.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub span: Range<usize>,
    pub file: Option<std::sync::Arc<crate::diagnostic::File>>,
}

impl Place {
    /// A diagnostic pointed here.
    pub fn point(&self, d: crate::diagnostic::Diagnostic) -> crate::diagnostic::Diagnostic {
        let d = d.at(self.span.clone());
        match &self.file {
            Some(f) => d.in_file(f.path.clone(), f.text.clone()),
            None => d,
        }
    }
}

/// One `[[objection]]`: a doubt we expect, answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Objection {
    pub span: Range<usize>,
    pub question: Text,
    pub answer: Text,
}

/// `[check]`: tuning of the plain-language check.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckConfig {
    pub max_points: usize,
    pub max_claim_words: usize,
    pub max_slide_words: usize,
    pub max_lix: f64,
    pub allow: Vec<Text>,
    pub words: Vec<Text>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        Self {
            max_points: 3,
            max_claim_words: 15,
            max_slide_words: 40,
            max_lix: 40.0,
            allow: Vec::new(),
            words: Vec::new(),
        }
    }
}

/// `[deck]`: what the deck is, who asks and for whom.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub span: Range<usize>,
    pub title: Text,
    pub subtitle: Option<Text>,
    pub author: Option<Text>,
    pub audience: Option<Text>,
    pub date: Option<Date>,
    pub date_span: Option<Range<usize>>,
    pub lang: Lang,
    pub theme: Option<Text>,
    pub minutes: Option<u32>,
    pub minutes_span: Option<Range<usize>>,
    pub brand_color: Option<Text>,
    pub logo: Option<Image>,
}

/// A validated deck.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    pub meta: Meta,
    /// Present argument sections in slide order (metrics included).
    pub sections: Vec<Section>,
    pub measures: Vec<Measure>,
    /// `[metrics] results_file`, as written.
    pub results_file: Option<Text>,
    pub objections: Vec<Objection>,
    pub check: CheckConfig,
}

impl Deck {
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_text_maps_value_offsets_to_source() {
        let src = "claim = \"We act now.\"\nx = \"a\\tb\"\nn = \"\"\"\nline\"\"\"";
        let start = src.find('"').unwrap();
        let end = src.find('\n').unwrap();
        let t = Text::from_source("We act now.".into(), start..end, src);
        assert_eq!(&src[t.find_span("act")], "act");
        let s2 = src.find("\"a").unwrap();
        let e2 = s2 + "\"a\\tb\"".len();
        let escaped = Text::from_source("a\tb".into(), s2..e2, src);
        assert_eq!(escaped.verbatim_start, None);
        assert_eq!(escaped.find_span("b"), s2..e2);
        let s3 = src.find("\"\"\"").unwrap();
        let multi = Text::from_source("line".into(), s3..src.len(), src);
        assert_eq!(&src[multi.find_span("line")], "line");
    }

    #[test]
    fn numbers_format_per_language() {
        assert_eq!(Number(25.0).format(Lang::En), "25");
        assert_eq!(Number(2.5).format(Lang::Sv), "2,5");
        assert_eq!(Number(12000.0).format(Lang::En), "12,000");
        assert_eq!(Number(12000.0).format(Lang::Sv), "12\u{a0}000");
        assert_eq!(Number(1500.0).format(Lang::En), "1500");
        assert_eq!(Number(-3.0).format(Lang::En), "−3");
    }

    #[test]
    fn days_since_epoch_matches_known_dates() {
        assert_eq!(
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
            .days_since_epoch(),
            0
        );
        assert_eq!(
            Date {
                year: 2026,
                month: 12,
                day: 1
            }
            .days_since_epoch(),
            20_788
        );
    }
}
