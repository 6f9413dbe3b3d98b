//! The one registry of diagnostic codes: every code pitchdeck reports, what it
//! means in one line, where the docs explain it, and — for the plain-language
//! rules — the rule's name. `[check] allow` is validated against it, the JSON
//! output's `rule` field comes from it, and docs/checks.md's rule table and the
//! code tables of docs/diagnostics.md are tested against it.

use std::fmt;

/// Where in docs/ a group of codes is explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `E0xx`: the deck cannot be built.
    Errors,
    /// `W00x`: found while reading the file.
    Reading,
    /// `W1xx`: the plain-language and argument rules, one heading each.
    Rules,
    /// `W2xx`: found while drawing the PDF.
    Pdf,
    /// `W3xx`: found while laying slides out.
    Layout,
    /// `W4xx`: how the theme draws the deck.
    Theme,
}

impl Section {
    /// The docs page and heading anchor.
    pub const fn anchor(self) -> &'static str {
        match self {
            Section::Errors => "docs/diagnostics.md#errors",
            Section::Reading => "docs/diagnostics.md#warnings-found-while-reading",
            Section::Rules => "docs/checks.md#all-rules",
            Section::Pdf => "docs/diagnostics.md#pdf-warnings",
            Section::Layout => "docs/diagnostics.md#layout-warnings",
            Section::Theme => "docs/diagnostics.md#theme-warnings",
        }
    }
}

/// A plain-language or argument rule: its code, its name, what it catches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub id: Code,
}

macro_rules! codes {
    ($($section:ident {
        $($(#[$doc:meta])* $code:ident $(($rule:literal))? : $summary:literal,)*
    })*) => {
        /// A stable diagnostic code. `E` codes are errors, `W` codes warnings.
        /// Declared in the order of their names, so that sorting by code is
        /// sorting by name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($($(#[$doc])* $code,)*)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$($(Code::$code,)*)*];

            /// The code as printed: `E002`, `W108`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($(Code::$code => stringify!($code),)*)*
                }
            }

            /// What the code means, in one line.
            pub const fn summary(self) -> &'static str {
                match self {
                    $($(Code::$code => $summary,)*)*
                }
            }

            /// Where the docs explain it.
            pub const fn section(self) -> Section {
                match self {
                    $($(Code::$code => Section::$section,)*)*
                }
            }

            /// The rule's name (`jargon`), for the codes that are check rules.
            pub const fn rule_name(self) -> Option<&'static str> {
                match self {
                    $($(Code::$code => codes!(@name $($rule)?),)*)*
                }
            }
        }

        /// Every plain-language and argument rule, in code order.
        pub const RULES: &[Rule] = &[
            $($($(Rule {
                code: stringify!($code),
                name: $rule,
                summary: $summary,
                id: Code::$code,
            },)?)*)*
        ];
    };
    (@name $rule:literal) => { Some($rule) };
    (@name) => { None };
}

codes! {
    Errors {
        E001: "TOML syntax error (unclosed string, bad date, duplicate key)",
        E002: "unknown key (a typo must not vanish silently); with the nearest valid key",
        E003: "a required section is missing",
        E004: "a required key is missing",
        E005: "a value of the wrong type (a string where a number belongs, …)",
        E006: "an invalid value (empty text, an unknown language, kind or rule, a number out of range, …)",
        E007: "an `image` without `image_alt`, or an empty `image_alt`",
        E008: "an image that cannot be used (remote, outside the deck's folder, missing, too large, not PNG/JPEG/SVG)",
        E009: "`[metrics]` has no `[[metrics.measure]]`",
        E010: "a theme that cannot be used: unknown, outside the deck's folder, or a folder with a broken file",
        E011: "over a limit (file size, text length, counts)",
        E012: "the theme cannot draw the HTML deck: its template does not parse or render, or a file it needs is missing",
        E013: "the PDF back end could not draw the PDF (a theme font that cannot be embedded)",
        E014: "the PPTX back end could not write the PowerPoint file",
        E015: "a results file that cannot be used (remote, outside the deck's folder, missing, not CSV), or a row in it with an unknown measure, a bad date or a bad number",
    }
    Reading {
        W001: "`image_alt` given without an `image`",
        W002: "a link whose target is not `http`, `https` or `mailto` is kept as plain text",
        W003: "a Markdown image is not shown; its alternative text is kept",
    }
    Rules {
        W101("claim-too-long"): "a claim has more words than `max_claim_words`",
        W102("claim-is-label"): "a claim is a topic label (\"Background\"), not a sentence that states the point",
        W103("too-many-points"): "a slide has more points than `max_points`",
        W104("slide-too-long"): "a slide shows more words than `max_slide_words`: claim, points and evidence",
        W105("long-sentence"): "a sentence outside the claim (points, evidence, notes, objections) is too long to take in at once",
        W106("slide-lix"): "a slide's text has a readability index (LIX) above `max_lix`",
        W107("deck-lix"): "the deck's text as a whole has a LIX above `max_lix`",
        W108("jargon"): "a word or phrase with a plainer alternative (\"utilize\" → \"use\")",
        W109("hype"): "a word that promises more than the deck can show (\"revolutionary\", \"guaranteed\")",
        W110("deck-word"): "a word from the deck's own list in `[check] words`",
        W111("unexplained-abbreviation"): "an abbreviation in capitals (\"KPI\") is not explained where it first appears",
        W112("no-ask"): "the deck has no `[ask]`: a pitch that asks for nothing gets no decision",
        W113("only-counts"): "every measure is a count; none measures quality",
        W114("no-baseline"): "a measure has no `baseline`: where we are today",
        W115("deadline-before-date"): "a measure's deadline `by` is before the deck's `date`",
        W116("too-many-slides"): "more slides than `minutes`: about one slide a minute",
        W117("too-long-to-say"): "the words to say (slides and notes) take longer than `minutes`",
        W118("nominal-style"): "nouns chained with \"of\"/\"av\" hide who does what (\"the review of the routines\")",
        W119("passive-voice"): "a sentence with two or more passive verbs hides who acts (\"orders were delayed and emails were ignored\")",
        W120("undated-promise"): "a promise without a date (\"shortly\", \"in due course\", \"inom kort\", \"framöver\")",
        W121("number-without-unit"): "a measure without `unit`, or a bare number in a point that says not what it counts",
        W122("empty-point"): "a point with no text",
        W123("result-out-of-range"): "a result is dated after the deck's `date` or before its measure's `since`",
        W124("results-out-of-order"): "a measure's results are not in date order",
        W125("stale-result"): "a measure's latest result is more than 90 days older than the deck's `date`",
        W126("no-result-past-deadline"): "in a deck with results, a measure is past its `by` with no result",
    }
    Pdf {
        W201: "the theme's font has no glyph for a character; the PDF shows a stand-in",
        W202: "the brief does not fit on one page",
        W203: "a slide's text does not fit its frame in the PDF even at the smallest size tried",
        W204: "an image the PDF cannot draw; its alternative text is shown instead",
    }
    Layout {
        W301: "a slide does not fit on the 1280×720 slide even in the smallest type allowed",
    }
    Theme {
        W401: "`brand_color` is drawn darker or lighter to keep the theme's text contrast",
        W402: "`brand_color` is set, but the theme does not use one",
    }
}

impl Code {
    /// Errors stop a build; warnings do not (unless denied).
    pub const fn is_error(self) -> bool {
        self.as_str().as_bytes()[0] == b'E'
    }

    /// The code by its printed form, in any case (`w108`).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The page and anchor that explain this code: a rule has its own heading
    /// (`docs/checks.md#w108-jargon`), other codes their table's.
    pub fn docs(self) -> String {
        match self.rule_name() {
            Some(name) => format!(
                "docs/checks.md#{}-{name}",
                self.as_str().to_ascii_lowercase()
            ),
            None => self.section().anchor().to_string(),
        }
    }

    /// The rule this code is, when it is one.
    pub fn rule(self) -> Option<&'static Rule> {
        RULES.iter().find(|r| r.id == self)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule by code (any case: "W108", "w108") or by name ("jargon").
pub fn rule(code_or_name: &str) -> Option<&'static Rule> {
    let key = code_or_name.trim();
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name.eq_ignore_ascii_case(key))
}

/// The closest rule code or name to an unknown one.
pub fn suggest_rule(unknown: &str) -> Option<&'static str> {
    let key = unknown.trim().to_ascii_uppercase();
    let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    // A letter O for a zero ("W1O8") is the commonest slip: it is W108, not
    // the equally near W118.
    let zeroed = key.replace('O', "0");
    if let Some(code) = codes.iter().find(|c| **c == zeroed) {
        return Some(code);
    }
    if let Some(code) = super::suggest(&key, &codes) {
        return Some(code);
    }
    let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    super::suggest(&unknown.trim().to_ascii_lowercase(), &names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_declared_in_name_order_and_unique() {
        let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
        let mut by_ord = Code::ALL.to_vec();
        by_ord.sort();
        assert_eq!(by_ord, Code::ALL);
    }

    #[test]
    fn the_letter_and_the_section_agree() {
        for code in Code::ALL {
            let s = code.as_str();
            let expected = match &s[..2] {
                "E0" => Section::Errors,
                "W0" => Section::Reading,
                "W1" => Section::Rules,
                "W2" => Section::Pdf,
                "W3" => Section::Layout,
                "W4" => Section::Theme,
                other => panic!("{s}: no section for {other}"),
            };
            assert_eq!(code.section(), expected, "{s}");
            assert_eq!(
                code.rule_name().is_some(),
                expected == Section::Rules,
                "{s}"
            );
            assert_eq!(code.is_error(), s.starts_with('E'), "{s}");
        }
    }

    #[test]
    fn rules_are_found_by_code_or_name_and_suggested() {
        let names: HashSet<&str> = RULES.iter().map(|r| r.name).collect();
        assert_eq!(names.len(), RULES.len());
        assert_eq!(rule("w108").map(|r| r.name), Some("jargon"));
        assert_eq!(rule("no-ask").map(|r| r.code), Some("W112"));
        assert_eq!(rule("W199"), None);
        assert_eq!(rule("E002"), None);
        assert_eq!(suggest_rule("W1O8"), Some("W108"));
        assert_eq!(suggest_rule("jargong"), Some("jargon"));
        assert_eq!(Code::parse("w301"), Some(Code::W301));
        assert_eq!(Code::W108.docs(), "docs/checks.md#w108-jargon");
        assert_eq!(Code::E002.docs(), "docs/diagnostics.md#errors");
        assert_eq!(Code::W108.rule().map(|r| r.name), Some("jargon"));
    }
}
