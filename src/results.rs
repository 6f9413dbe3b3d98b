//! Measured results: the follow-up deck. The status rule ([`standing`]), the
//! results file (`[metrics] results_file`, a CSV read after parsing, like the
//! images), and the errors that only results make possible.
//!
//! The rule, exactly (docs/format.md says the same): for a measure with a
//! baseline and at least one result, take the latest result;
//! `p = (value − baseline) / (target − baseline)`,
//! `e = clamp((latest.date − since) / (by − since), 0, 1)` in days. Reached if
//! `p ≥ 1`; else missed if today (`[deck] date`) is after `by`; else ahead if
//! `p ≥ e + 0.1`, behind if `p < e − 0.1`, otherwise on track.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use crate::check::messages::Msg;
use crate::deck::{Date, Deck, Lang, Measured, Number, Place, Text};
use crate::diagnostic::{Code, Diagnostic, File, suggest};
use crate::i18n::Labels;
use crate::load::{MAX_RESULTS, MAX_RESULTS_BYTES};

/// Where a measure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Reached,
    Ahead,
    OnTrack,
    Behind,
    Missed,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Reached,
        Status::Ahead,
        Status::OnTrack,
        Status::Behind,
        Status::Missed,
    ];

    /// The status as a word in the deck's language.
    pub fn word(self, l: &Labels) -> &'static str {
        match self {
            Status::Reached => l.reached,
            Status::Ahead => l.ahead,
            Status::OnTrack => l.on_track,
            Status::Behind => l.behind,
            Status::Missed => l.missed,
        }
    }

    /// A stable name (CSS class, `check --stats`).
    pub fn key(self) -> &'static str {
        match self {
            Status::Reached => "reached",
            Status::Ahead => "ahead",
            Status::OnTrack => "on-track",
            Status::Behind => "behind",
            Status::Missed => "missed",
        }
    }
}

/// The rule's figures for one measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing {
    /// Share of the way from baseline to target the latest value has come.
    pub p: f64,
    /// Share of the time from `since` to `by` gone at the latest result, 0–1.
    pub e: f64,
    pub status: Status,
}

/// Why the rule cannot be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleError {
    /// `by` is not after `since`: there is no time to measure progress over.
    NoTime,
}

/// A latest result older than this many days before `[deck] date` is
/// warned about (W125).
pub const STALE_DAYS: i64 = 90;

/// How far above or below the pace a measure must be to be ahead or behind.
pub const MARGIN: f64 = 0.1;
/// Comparisons are made to nine decimals, so that a value exactly on a
/// boundary (p = e + 0.1 in decimal) is on it, not off by binary rounding.
const EPS: f64 = 1e-9;

/// The status rule. `since` is when the baseline was taken, `today` the deck's
/// date, `latest` the latest result (date, value). When the target equals the
/// baseline there is no way to go: p is 1 once the value is the target, else 0.
pub fn standing(
    baseline: f64,
    target: f64,
    since: Date,
    by: Date,
    today: Date,
    latest: (Date, f64),
) -> Result<Standing, RuleError> {
    let span = by.days_since_epoch() - since.days_since_epoch();
    if span <= 0 {
        return Err(RuleError::NoTime);
    }
    let (date, value) = latest;
    let p = if target == baseline {
        if value == target { 1.0 } else { 0.0 }
    } else {
        (value - baseline) / (target - baseline)
    };
    let gone = (date.days_since_epoch() - since.days_since_epoch()) as f64;
    let e = (gone / span as f64).clamp(0.0, 1.0);
    let status = if p >= 1.0 - EPS {
        Status::Reached
    } else if today > by {
        Status::Missed
    } else if p >= e + MARGIN - EPS {
        Status::Ahead
    } else if p < e - MARGIN - EPS {
        Status::Behind
    } else {
        Status::OnTrack
    };
    Ok(Standing { p, e, status })
}

/// The latest of a measure's results: the latest date; of two on one day, the
/// one written last.
pub fn latest(results: &[Measured]) -> Option<&Measured> {
    // `max_by_key` returns the last of equal maxima: the one written last.
    results.iter().max_by_key(|r| r.date)
}

/// The standing of a measure of `deck`, when the rule applies to it.
pub fn of_measure(deck: &Deck, index: usize) -> Option<Standing> {
    let m = deck.measures.get(index)?;
    let baseline = m.baseline?.0;
    let latest = latest(&m.results)?;
    let today = deck.meta.date?;
    standing(
        baseline,
        m.target.0,
        m.since?,
        m.by,
        today,
        (latest.date, latest.value.0),
    )
    .ok()
}

/// Whether any measure of the deck has results: then the deck gets a
/// "where we stand" slide.
pub fn any(deck: &Deck) -> bool {
    deck.measures.iter().any(|m| !m.results.is_empty())
}

/// Reads the results file (a stage after parsing, like the images), adds its
/// rows to the measures, and reports what results make wrong: a results file
/// that cannot be used or a bad row in it (E015), results without a
/// `[deck] date` (E004), a `by` that is not after `since` (E006). The
/// messages are in `lang`, as the check's are.
pub fn resolve(deck: &mut Deck, dir: &Path, lang: Lang) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(path) = deck.results_file.clone() {
        match read_file(&path, dir, lang) {
            Ok((shown, text)) => {
                let names: Vec<String> =
                    deck.measures.iter().map(|m| m.name.value.clone()).collect();
                let (rows, mut problems) = parse_csv(&shown, &text, &names, lang);
                out.append(&mut problems);
                for (index, measured) in rows {
                    deck.measures[index].results.push(measured);
                }
                for (m, name) in deck.measures.iter().zip(&names) {
                    if m.results.len() > MAX_RESULTS {
                        out.push(
                            m.results[MAX_RESULTS].place.point(
                                Diagnostic::new(
                                    Code::E011,
                                    Msg::E011Results.fill(
                                        lang,
                                        &[
                                            ("name", name),
                                            ("n", &m.results.len()),
                                            ("max", &MAX_RESULTS),
                                        ],
                                    ),
                                )
                                .help(Msg::E011ResultsHelp.plain(lang)),
                            ),
                        );
                    }
                }
            }
            Err(d) => out.push(d),
        }
    }
    if any(deck) && deck.meta.date.is_none() {
        out.push(
            Diagnostic::new(Code::E004, Msg::E004Date.plain(lang))
                .at(deck.meta.span.clone())
                .help(Msg::E004DateHelp.plain(lang)),
        );
    }
    for m in &deck.measures {
        let (Some(since), false) = (m.since, m.results.is_empty()) else {
            continue;
        };
        if m.by <= since {
            let from = if m.since_span.is_some() {
                Msg::E006FromSince.plain(lang)
            } else {
                Msg::E006FromDate.plain(lang)
            };
            out.push(
                Diagnostic::new(
                    Code::E006,
                    Msg::E006NoTime.fill(
                        lang,
                        &[
                            ("name", &m.name.value),
                            ("by", &m.by),
                            ("since", &since),
                            ("from", &from),
                        ],
                    ),
                )
                .at(m.by_span.clone())
                .help(Msg::E006NoTimeHelp.plain(lang)),
            );
        }
    }
    out
}

/// The results file's path as messages show it, and its text; or why it
/// cannot be used: remote, absolute, outside the deck's folder, missing, not
/// a regular file, too large, not UTF-8.
fn read_file(path: &Text, dir: &Path, lang: Lang) -> Result<(String, Arc<str>), Diagnostic> {
    let raw = path.value.trim();
    let err = |msg: String, help: Msg| {
        Diagnostic::new(Code::E015, msg)
            .at(path.span.clone())
            .help(help.plain(lang))
    };
    // A message about the file, naming the path as written.
    let about = |msg: Msg| msg.fill(lang, &[("path", &raw)]);
    if raw.contains("://") || raw.starts_with("data:") || raw.starts_with("//") {
        return Err(err(about(Msg::E015Remote), Msg::E015RemoteHelp));
    }
    let rel = Path::new(raw);
    if rel.is_absolute() {
        return Err(err(about(Msg::E015Absolute), Msg::E015AbsoluteHelp));
    }
    let full = dir.join(rel);
    let (Ok(root), Ok(real)) = (dir.canonicalize(), full.canonicalize()) else {
        return Err(err(about(Msg::E015Missing), Msg::E015MissingHelp));
    };
    if !real.starts_with(&root) {
        return Err(err(about(Msg::E015Outside), Msg::E015OutsideHelp));
    }
    let meta = fs::metadata(&real).ok();
    if !meta.as_ref().is_some_and(fs::Metadata::is_file) {
        return Err(err(about(Msg::E015NotFile), Msg::E015NotFileHelp));
    }
    let too_large = || {
        err(
            Msg::E015TooLarge.fill(lang, &[("max", &MAX_RESULTS_BYTES), ("path", &raw)]),
            Msg::E015TooLargeHelp,
        )
    };
    if meta.is_some_and(|m| m.len() > MAX_RESULTS_BYTES) {
        return Err(too_large());
    }
    let bytes = {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        fs::File::open(&real)
            .and_then(|f| f.take(MAX_RESULTS_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|e| {
                err(
                    Msg::E015Unreadable.fill(lang, &[("error", &e)]),
                    Msg::E015UnreadableHelp,
                )
            })?;
        bytes
    };
    if bytes.len() as u64 > MAX_RESULTS_BYTES {
        return Err(too_large());
    }
    let mut text =
        String::from_utf8(bytes).map_err(|_| err(about(Msg::E015NotUtf8), Msg::E015NotUtf8Help))?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok((crate::theme::shown_path(&full), Arc::from(text)))
}

/// Where each field of the record starting at `start` begins and ends in
/// `text` (quotes included), up to the end of the record.
fn field_spans(text: &str, start: usize) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut from = start;
    let mut quoted = false;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                spans.push(from..i);
                from = i + 1;
            }
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    spans.push(from..i);
    spans
}

/// A date written `YYYY-MM-DD`, a real day.
pub fn parse_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = &text[r];
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(Date {
        year: u16::try_from(year).ok()?,
        month: month as u8,
        day: day as u8,
    })
}

/// A number as a spreadsheet writes it: `40`, `40.5`, or with a decimal
/// comma `40,5` (in quotes in the CSV); finite.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let t = if t.contains(',') && !t.contains('.') && t.matches(',').count() == 1 {
        std::borrow::Cow::Owned(t.replace(',', "."))
    } else {
        std::borrow::Cow::Borrowed(t)
    };
    let t = t.strip_prefix('+').unwrap_or(&t);
    let t = t.replace('−', "-");
    if t.is_empty()
        || !t
            .bytes()
            .all(|c| c.is_ascii_digit() || b".-eE".contains(&c))
    {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

const COLUMNS: [&str; 3] = ["measure", "date", "value"];

/// The rows of a results file, each as (measure index, result), and every
/// problem in it. `shown` is the file's path as messages show it.
pub fn parse_csv(
    shown: &str,
    text: &Arc<str>,
    names: &[String],
    lang: Lang,
) -> (Vec<(usize, Measured)>, Vec<Diagnostic>) {
    let file = Arc::new(File {
        path: shown.to_string(),
        text: Some(text.clone()),
    });
    let at = |span: std::ops::Range<usize>, d: Diagnostic| {
        Place {
            span,
            file: Some(file.clone()),
        }
        .point(d)
    };
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    // The header: the three columns, in any order.
    let header = match records.next() {
        None => {
            problems.push(at(
                0..0,
                Diagnostic::new(Code::E015, Msg::E015Empty.plain(lang))
                    .help(Msg::E015EmptyHelp.plain(lang)),
            ));
            return (rows, problems);
        }
        Some(Err(e)) => {
            problems.push(csv_error(&at, &e, text, lang));
            return (rows, problems);
        }
        Some(Ok(h)) => h,
    };
    let spans = field_spans(text, 0);
    let mut column = [None; 3];
    for (i, name) in header.iter().enumerate() {
        let span = spans.get(i).cloned().unwrap_or(0..0);
        match COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)) {
            Some(c) if column[c].is_none() => column[c] = Some(i),
            Some(_) => problems.push(at(
                span,
                Diagnostic::new(
                    Code::E015,
                    Msg::E015ColumnTwice.fill(lang, &[("name", &name)]),
                )
                .help(Msg::E015Header.plain(lang)),
            )),
            None => {
                let help = match suggest(&name.to_lowercase(), &COLUMNS) {
                    Some(s) => Msg::E015ColumnSuggest.fill(lang, &[("name", &s)]),
                    None => Msg::E015Header.plain(lang),
                };
                problems.push(at(
                    span,
                    Diagnostic::new(
                        Code::E015,
                        Msg::E015UnknownColumn.fill(lang, &[("name", &name)]),
                    )
                    .help(help),
                ));
            }
        }
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(column)
        .filter(|(_, c)| c.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        problems.push(at(
            spans
                .first()
                .map_or(0..0, |s| s.start..spans.last().map_or(s.end, |l| l.end)),
            Diagnostic::new(
                Code::E015,
                Msg::E015NoColumn.fill(lang, &[("names", &missing.join(", "))]),
            )
            .help(Msg::E015NoColumnHelp.plain(lang)),
        ));
        return (rows, problems);
    }
    let [Some(mc), Some(dc), Some(vc)] = column else {
        return (rows, problems);
    };
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_error(&at, &e, text, lang));
                break;
            }
        };
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let spans = field_spans(text, start);
        let line_span = start..spans.last().map_or(start, |s| s.end);
        if record.iter().all(str::is_empty) {
            continue;
        }
        if rows.len() + problems.len() > MAX_RESULTS * names.len().max(1) {
            problems.push(at(
                line_span,
                Diagnostic::new(Code::E011, Msg::E011Rows.plain(lang))
                    .help(Msg::E011RowsHelp.fill(lang, &[("max", &MAX_RESULTS)])),
            ));
            break;
        }
        let field = |c: usize| (record.get(c), spans.get(c).cloned());
        let (Some(name), Some(name_span)) = field(mc) else {
            problems.push(at(
                line_span,
                Diagnostic::new(
                    Code::E015,
                    Msg::E015Fields.fill(lang, &[("n", &record.len())]),
                )
                .help(Msg::E015FieldsHelp.plain(lang)),
            ));
            continue;
        };
        let (Some(date), Some(date_span)) = field(dc) else {
            problems.push(at(
                line_span,
                Diagnostic::new(Code::E015, Msg::E015NoDate.plain(lang))
                    .help(Msg::E015RowHelp.plain(lang)),
            ));
            continue;
        };
        let (Some(value), Some(value_span)) = field(vc) else {
            problems.push(at(
                line_span,
                Diagnostic::new(Code::E015, Msg::E015NoValue.plain(lang))
                    .help(Msg::E015RowHelp.plain(lang)),
            ));
            continue;
        };
        let trimmed = |span: std::ops::Range<usize>| {
            let s = &text[span.clone()];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            span.start + lead..span.end - trail
        };
        let index = names.iter().position(|n| n.trim() == name);
        if index.is_none() {
            let help = match suggest(name, &name_refs) {
                Some(s) => Msg::E015MeasureSuggest.fill(lang, &[("name", &s)]),
                None => Msg::E015MeasureList.fill(
                    lang,
                    &[(
                        "names",
                        &names
                            .iter()
                            .map(|n| match lang {
                                Lang::En => format!("\"{n}\""),
                                Lang::Sv => format!("”{n}”"),
                            })
                            .collect::<Vec<_>>()
                            .join(", "),
                    )],
                ),
            };
            problems.push(at(
                trimmed(name_span),
                Diagnostic::new(
                    Code::E015,
                    Msg::E015UnknownMeasure.fill(lang, &[("name", &name)]),
                )
                .help(help),
            ));
        }
        let parsed_date = parse_date(date);
        if parsed_date.is_none() {
            problems.push(at(
                trimmed(date_span),
                Diagnostic::new(Code::E015, Msg::E015NotDate.fill(lang, &[("text", &date)]))
                    .help(Msg::E015NotDateHelp.plain(lang)),
            ));
        }
        let parsed_value = parse_number(value);
        if parsed_value.is_none() {
            let hint = value.trim_end_matches('%').trim();
            let help = if parse_number(hint).is_some() {
                Msg::E015NumberUnitHelp.fill(lang, &[("number", &hint)])
            } else {
                Msg::E015NumberHelp.plain(lang)
            };
            problems.push(at(
                trimmed(value_span.clone()),
                Diagnostic::new(
                    Code::E015,
                    Msg::E015NotNumber.fill(lang, &[("text", &value)]),
                )
                .help(help),
            ));
        }
        if let (Some(index), Some(date), Some(value)) = (index, parsed_date, parsed_value) {
            rows.push((
                index,
                Measured {
                    date,
                    value: Number(value),
                    place: Place {
                        span: line_span,
                        file: Some(file.clone()),
                    },
                },
            ));
        }
    }
    (rows, problems)
}

/// A CSV syntax error (an unclosed quote, bytes that are not UTF-8) at its place.
fn csv_error(
    at: &dyn Fn(std::ops::Range<usize>, Diagnostic) -> Diagnostic,
    e: &csv::Error,
    text: &str,
    lang: Lang,
) -> Diagnostic {
    let offset = e
        .position()
        .map_or(0, |p| (p.byte() as usize).min(text.len()));
    at(
        offset..offset,
        Diagnostic::new(Code::E015, Msg::E015Csv.fill(lang, &[("error", e)]))
            .help(Msg::E015CsvHelp.plain(lang)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    /// The rule for a measure from 2027-01-01 to 2027-12-31 (364 days), today
    /// being 2027-07-01.
    fn status(baseline: f64, target: f64, date: &str, value: f64) -> Standing {
        standing(
            baseline,
            target,
            d("2027-01-01"),
            d("2027-12-31"),
            d("2027-07-01"),
            (d(date), value),
        )
        .unwrap()
    }

    #[test]
    fn each_status() {
        // Half the time gone (e ≈ 0.5).
        let half = "2027-07-02";
        assert_eq!(status(0.0, 100.0, half, 100.0).status, Status::Reached);
        assert_eq!(status(0.0, 100.0, half, 65.0).status, Status::Ahead);
        assert_eq!(status(0.0, 100.0, half, 50.0).status, Status::OnTrack);
        assert_eq!(status(0.0, 100.0, half, 35.0).status, Status::Behind);
        let late = standing(
            0.0,
            100.0,
            d("2027-01-01"),
            d("2027-06-30"),
            d("2027-07-01"),
            (d("2027-06-30"), 99.0),
        )
        .unwrap();
        assert_eq!(late.status, Status::Missed);
        // On the day of `by` itself a measure is not yet missed.
        let on_the_day = standing(
            0.0,
            100.0,
            d("2027-01-01"),
            d("2027-06-30"),
            d("2027-06-30"),
            (d("2027-06-30"), 95.0),
        )
        .unwrap();
        assert_eq!(on_the_day.status, Status::OnTrack);
    }

    #[test]
    fn the_margins_are_a_tenth_each_way() {
        // e = 0.5 exactly: 182 of 364 days.
        let s = status(0.0, 100.0, "2027-07-02", 60.0);
        assert_eq!(s.e, 0.5);
        assert_eq!(s.status, Status::Ahead, "p = e + 0.1 is ahead");
        assert_eq!(
            status(0.0, 100.0, "2027-07-02", 40.0).status,
            Status::OnTrack
        );
        assert_eq!(
            status(0.0, 100.0, "2027-07-02", 39.9).status,
            Status::Behind
        );
    }

    #[test]
    fn falling_targets() {
        // Complaints from 40 down to 10: 25 is half the way.
        let s = status(40.0, 10.0, "2027-07-02", 25.0);
        assert_eq!(s.p, 0.5);
        assert_eq!(s.status, Status::OnTrack);
        assert_eq!(
            status(40.0, 10.0, "2027-07-02", 10.0).status,
            Status::Reached
        );
        assert_eq!(
            status(40.0, 10.0, "2027-07-02", 5.0).status,
            Status::Reached
        );
        assert_eq!(
            status(40.0, 10.0, "2027-07-02", 45.0).status,
            Status::Behind
        );
        assert_eq!(status(40.0, 10.0, "2027-07-02", 16.0).status, Status::Ahead);
    }

    #[test]
    fn p_exactly_one_is_reached_and_just_under_is_not() {
        let s = status(5.0, 80.0, "2027-03-31", 80.0);
        assert_eq!(s.p, 1.0);
        assert_eq!(s.status, Status::Reached);
        let under = status(5.0, 80.0, "2027-12-30", 79.99);
        assert!(under.p < 1.0);
        assert_eq!(under.status, Status::OnTrack);
        // Reached wins over missed: a goal met late is met.
        let late = standing(
            5.0,
            80.0,
            d("2027-01-01"),
            d("2027-02-01"),
            d("2027-07-01"),
            (d("2027-06-01"), 80.0),
        )
        .unwrap();
        assert_eq!(late.status, Status::Reached);
    }

    #[test]
    fn e_is_clamped() {
        // A result before `since` counts as no time gone; one after `by` as all of it.
        let early = status(0.0, 100.0, "2026-11-01", 5.0);
        assert_eq!(early.e, 0.0);
        assert_eq!(early.status, Status::OnTrack);
        let after = standing(
            0.0,
            100.0,
            d("2027-01-01"),
            d("2027-03-01"),
            d("2027-03-01"),
            (d("2027-05-01"), 95.0),
        )
        .unwrap();
        assert_eq!(after.e, 1.0);
        assert_eq!(after.status, Status::OnTrack);
    }

    #[test]
    fn by_equal_to_since_is_an_error() {
        let day = d("2027-01-01");
        assert_eq!(
            standing(0.0, 10.0, day, day, day, (day, 5.0)),
            Err(RuleError::NoTime)
        );
        assert_eq!(
            standing(0.0, 10.0, day, d("2026-12-31"), day, (day, 5.0)),
            Err(RuleError::NoTime)
        );
    }

    #[test]
    fn the_latest_result_is_the_latest_date_and_of_one_day_the_last_written() {
        let r = |date: &str, value: f64| Measured {
            date: d(date),
            value: Number(value),
            place: Place {
                span: 0..0,
                file: None,
            },
        };
        let results = [
            r("2027-03-01", 1.0),
            r("2027-05-01", 2.0),
            r("2027-05-01", 3.0),
            r("2027-04-01", 4.0),
        ];
        assert_eq!(latest(&results).map(|m| m.value), Some(Number(3.0)));
        assert_eq!(latest(&results[..2]).map(|m| m.value), Some(Number(2.0)));
        assert!(latest(&[]).is_none());
    }

    #[test]
    fn a_target_equal_to_the_baseline() {
        assert_eq!(status(3.0, 3.0, "2027-07-02", 3.0).status, Status::Reached);
        assert_eq!(status(3.0, 3.0, "2027-07-02", 4.0).p, 0.0);
    }

    #[test]
    fn dates_and_numbers_as_a_spreadsheet_writes_them() {
        assert_eq!(parse_date("2027-02-29"), None);
        assert_eq!(parse_date("2028-02-29").map(|d| d.day), Some(29));
        assert_eq!(parse_date("2027-13-01"), None);
        assert_eq!(parse_date("27-01-01"), None);
        assert_eq!(parse_number("40"), Some(40.0));
        assert_eq!(parse_number("40,5"), Some(40.5));
        assert_eq!(parse_number("-3.5"), Some(-3.5));
        assert_eq!(parse_number("40 %"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("1,000.5"), None);
    }

    #[test]
    fn csv_rows_and_their_problems() {
        let names = vec!["Replies within a day".to_string(), "Followers".to_string()];
        let text: Arc<str> = Arc::from(
            "measure,date,value\nReplies within a day,2027-01-31,40\n\"Folowers\",2027-01-31,x\nFollowers,2027-02-30,12\n",
        );
        let (rows, problems) = parse_csv("results.csv", &text, &names, Lang::En);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, 0);
        assert_eq!(rows[0].1.value, Number(40.0));
        let messages: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.message.as_str(), &text[p.span.clone().unwrap()]))
            .collect();
        assert_eq!(
            messages,
            [
                (
                    "unknown measure \"Folowers\" in the results file",
                    "\"Folowers\""
                ),
                ("`x` is not a number", "x"),
                ("`2027-02-30` is not a date", "2027-02-30"),
            ]
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some("did you mean \"Followers\"?")
        );
        assert_eq!(problems[0].file.as_ref().unwrap().path, "results.csv");
    }

    #[test]
    fn csv_problems_in_swedish_at_the_same_places() {
        let names = vec!["Svar inom en dag".to_string(), "Följare".to_string()];
        let text: Arc<str> = Arc::from("measure,datum,value\n");
        let (_, problems) = parse_csv("r.csv", &text, &names, Lang::Sv);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "okänd kolumn `datum` i resultatfilen",
                "rubrikraden i resultatfilen saknar kolumnen date"
            ]
        );
        assert_eq!(problems[0].help.as_deref(), Some("menade du `date`?"));
        let text: Arc<str> =
            Arc::from("measure,date,value\nFöljar,2027-01-31,x\nQ,2027-02-30,1\nFöljare\n");
        let en = parse_csv("r.csv", &text, &names, Lang::En).1;
        let sv = parse_csv("r.csv", &text, &names, Lang::Sv).1;
        let spans = |d: &[Diagnostic]| d.iter().map(|p| p.span.clone()).collect::<Vec<_>>();
        assert_eq!(spans(&en), spans(&sv));
        let said: Vec<(&str, Option<&str>)> = sv
            .iter()
            .map(|p| (p.message.as_str(), p.help.as_deref()))
            .collect();
        assert_eq!(
            said,
            [
                (
                    "okänt mått ”Följar” i resultatfilen",
                    Some("menade du ”Följare”?")
                ),
                (
                    "`x` är inte ett tal",
                    Some(
                        "skriv ett tal, t.ex. 40 eller 40.5 (med decimalkomma inom citattecken: \"40,5\")"
                    )
                ),
                (
                    "okänt mått ”Q” i resultatfilen",
                    Some(
                        "måttet är ett `name` i [[metrics.measure]], skrivet exakt likadant: ”Svar inom en dag”, ”Följare”"
                    )
                ),
                (
                    "`2027-02-30` är inte ett datum",
                    Some("skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2027-01-31")
                ),
                (
                    "raden saknar datum",
                    Some("en rad är measure,date,value, t.ex. Svar inom en dag,2027-01-31,40")
                ),
            ]
        );
        assert_eq!(
            en[0].message,
            "unknown measure \"Följar\" in the results file"
        );
        assert_eq!(en[4].message, "the row has no date");
    }

    #[test]
    fn a_csv_header_must_name_the_columns() {
        let names = vec!["A".to_string()];
        let text: Arc<str> = Arc::from("measure,datum,value\nA,2027-01-01,1\n");
        let (rows, problems) = parse_csv("r.csv", &text, &names, Lang::En);
        assert!(rows.is_empty());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].help.as_deref(), Some("did you mean `date`?"));
        let text: Arc<str> = Arc::from("value,measure,date\n1,A,2027-01-01\n");
        let (rows, problems) = parse_csv("r.csv", &text, &names, Lang::En);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(rows.len(), 1);
    }
}
