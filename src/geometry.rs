//! The slide's geometry, defined once: the 1280×720 canvas, its margins, the
//! columns, line heights and spacing of the default stylesheet, the bars, and
//! the table of fit steps — in CSS px, the unit of the theme's `[sizes]`.
//!
//! The build's fit (`fit.rs`) measures slides by these numbers; the PDF
//! (`pdf/slide.rs`) draws slides by them, scaled to its page. The stylesheet
//! (`themes/default/style.css`) is a file a theme author reads and copies, so
//! it keeps its own literal values; the tests below read them out of it and
//! check that they are these, so neither can change without the other.

use crate::theme::Sizes;

/// The slide canvas, in CSS px.
pub const SLIDE_WIDTH: f32 = 1280.0;
pub const SLIDE_HEIGHT: f32 = 720.0;

/// The slide's margins (`.slide` padding).
pub const PAD_TOP: f32 = 56.0;
pub const PAD_BOTTOM: f32 = 72.0;
pub const PAD_SIDE: f32 = 80.0;

/// The room inside the margins.
pub const CONTENT_WIDTH: f32 = SLIDE_WIDTH - 2.0 * PAD_SIDE;
pub const CONTENT_HEIGHT: f32 = SLIDE_HEIGHT - PAD_TOP - PAD_BOTTOM;

/// Line heights (CSS `line-height`): body text, headings, the measures table.
pub const BODY_LEADING: f32 = 1.35;
pub const HEADING_LEADING: f32 = 1.15;
pub const TABLE_LEADING: f32 = 1.25;

/// Space below the section label (`.label` margin-bottom).
pub const LABEL_GAP: f32 = 12.0;
/// Space below the claim (`.claim` margin-bottom).
pub const CLAIM_GAP: f32 = 28.0;
/// Space above the subtitle on the title slide.
pub const SUBTITLE_GAP: f32 = 20.0;
/// The byline: its margin above, its rule and the padding under the rule,
/// and the space after each of its lines.
pub const BYLINE_GAP: f32 = 48.0;
pub const BYLINE_RULE: f32 = 6.0;
pub const BYLINE_PAD: f32 = 20.0;
pub const BYLINE_LINE_GAP: f32 = 4.0;
/// The byline's type, as a share of `[sizes] text`.
pub const BYLINE_SCALE: f32 = 0.87;
/// The gap between the text column and the image column (`.body` gap); with
/// an image the text takes three fifths of what is left.
pub const COLUMN_GAP: f32 = 48.0;
/// The tallest an image is drawn.
pub const IMAGE_MAX_HEIGHT: f32 = 420.0;
/// Evidence: margin above, padding above, the accent rule and the padding
/// beside it.
pub const EVIDENCE_GAP: f32 = 16.0;
pub const EVIDENCE_PAD_TOP: f32 = 10.0;
pub const EVIDENCE_RULE: f32 = 6.0;
pub const EVIDENCE_PAD_LEFT: f32 = 20.0;
/// The measures table: cell padding and the rule under each row.
pub const CELL_PAD_X: f32 = 12.0;
pub const CELL_PAD_Y: f32 = 10.0;
pub const ROW_RULE: f32 = 2.0;
/// Characters in a word past which a table cell may break it anywhere (the
/// HTML marks such a cell `.long`: `overflow-wrap: anywhere`). Shorter words
/// keep their place as the narrowest a column gets, so ordinary tables lay out
/// as before; a 60-letter unit wraps in its cell instead of pushing the table
/// off the slide.
pub const LONG_WORD: usize = 20;

/// Whether a cell's text has a word longer than [`LONG_WORD`].
pub fn has_long_word(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| w.chars().count() > LONG_WORD)
}

/// The bar's column, and the bar drawn in it.
pub const BAR_CELL_WIDTH: f32 = 220.0;
pub const BAR_WIDTH: f32 = 200.0;
pub const BAR_HEIGHT: f32 = 28.0;
/// The "where we stand" table's cells are closer (each row holds two lines,
/// the latest value over its date).
pub const STANDING_PAD_Y: f32 = 6.0;
/// The "where we stand" table's chart: as wide as a bar, taller.
pub const CHART_WIDTH: f32 = 200.0;
pub const CHART_HEIGHT: f32 = 44.0;
/// The slide number, from the slide's bottom-right corner.
pub const NUMBER_RIGHT: f32 = 40.0;
pub const NUMBER_BOTTOM: f32 = 16.0;
/// The logo on the title slide: from the top-right corner, and its largest size.
pub const LOGO_TOP: f32 = 48.0;
pub const LOGO_RIGHT: f32 = 64.0;
pub const LOGO_MAX_WIDTH: f32 = 240.0;
pub const LOGO_MAX_HEIGHT: f32 = 72.0;

/// Scale factors of the fit steps, largest first: step `n` sets a crowded
/// slide's text at `FIT_STEPS[n]` times the theme's sizes. The HTML has the
/// first [`SLIDE_FIT_STEPS`] (`data-fit="n"` in the stylesheet, never below
/// `[sizes] min`); the PDF may go on to the later ones when a slide still
/// overflows its frame there (W203).
pub const FIT_STEPS: [f32; 7] = [1.0, 0.92, 0.85, 0.78, 0.7, 0.62, 0.55];

/// How many of [`FIT_STEPS`] the build's fit (and the HTML) uses.
pub const SLIDE_FIT_STEPS: usize = 4;

/// The least size of a fit step's text: the theme's least size, or the
/// body text at the last slide step when that is larger.
pub fn smallest_text(sizes: &Sizes) -> f32 {
    sizes.min.max(sizes.text * FIT_STEPS[SLIDE_FIT_STEPS - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSS: &str = include_str!("../themes/default/style.css");

    /// The declarations of the first rule whose selector is exactly `selector`
    /// (a rule inside `@media` counts too: the first one is the plain one).
    fn rule(selector: &str) -> &'static str {
        for (open, _) in CSS.match_indices('{') {
            // The selector: back to the end of a comment, a rule or an `@media {`.
            let head = CSS[..open].rsplit(['}', '{', '/']).next().unwrap_or("");
            if head.trim() == selector {
                let body = &CSS[open + 1..];
                return &body[..body.find('}').expect("a closing brace")];
            }
        }
        panic!("no rule `{selector}` in style.css");
    }

    /// A property's value in a rule.
    fn value(selector: &str, property: &str) -> &'static str {
        rule(selector)
            .split(';')
            .filter_map(|d| d.split_once(':'))
            .find(|(p, _)| p.trim() == property)
            .map(|(_, v)| v.trim())
            .unwrap_or_else(|| panic!("no `{property}` in `{selector}`"))
    }

    /// A CSS length in px (`56px`) or a bare number (`1.35`).
    fn number(text: &str) -> f32 {
        text.trim()
            .trim_end_matches("px")
            .parse()
            .unwrap_or_else(|_| panic!("not a number: {text}"))
    }

    fn px(selector: &str, property: &str) -> f32 {
        number(value(selector, property))
    }

    /// The lengths of a shorthand (`padding: 56px 80px 72px`).
    fn lengths(selector: &str, property: &str) -> Vec<f32> {
        value(selector, property)
            .split_whitespace()
            .map(number)
            .collect()
    }

    #[test]
    fn the_stylesheet_has_the_canvas_and_its_margins() {
        assert_eq!(px(".slide", "max-width"), SLIDE_WIDTH);
        assert_eq!(px(".slide", "min-height"), SLIDE_HEIGHT);
        assert_eq!(px(".js .slide", "width"), SLIDE_WIDTH);
        assert_eq!(px(".js .slide", "height"), SLIDE_HEIGHT);
        assert_eq!(value("@page", "size"), "1280px 720px");
        assert_eq!(
            lengths(".slide", "padding"),
            [PAD_TOP, PAD_SIDE, PAD_BOTTOM]
        );
    }

    #[test]
    fn the_stylesheet_has_the_line_heights_and_spacing() {
        assert_eq!(px(".slide", "line-height"), BODY_LEADING);
        assert_eq!(px("h1, h2", "line-height"), HEADING_LEADING);
        assert_eq!(px(".measures", "line-height"), TABLE_LEADING);
        assert_eq!(lengths(".label", "margin"), [0.0, 0.0, LABEL_GAP]);
        assert_eq!(px(".claim", "margin-bottom"), CLAIM_GAP);
        assert_eq!(lengths(".subtitle", "margin"), [SUBTITLE_GAP, 0.0, 0.0]);
        assert_eq!(px(".byline", "margin-top"), BYLINE_GAP);
        assert_eq!(px(".byline", "padding-top"), BYLINE_PAD);
        assert_eq!(
            value(".byline", "border-top"),
            format!("{BYLINE_RULE}px solid var(--accent)")
        );
        assert_eq!(
            value(".byline", "font-size"),
            format!("max(var(--size-min), calc(var(--size-text) * {BYLINE_SCALE} * var(--fit)))")
        );
        assert_eq!(lengths(".byline p", "margin"), [0.0, 0.0, BYLINE_LINE_GAP]);
        assert_eq!(px(".body", "gap"), COLUMN_GAP);
        assert_eq!(
            value(".image img", "max-height"),
            format!("min(100%, {IMAGE_MAX_HEIGHT}px)")
        );
        assert_eq!(lengths(".evidence", "margin"), [EVIDENCE_GAP, 0.0, 0.0]);
        assert_eq!(
            lengths(".evidence", "padding"),
            [EVIDENCE_PAD_TOP, 0.0, 0.0, EVIDENCE_PAD_LEFT]
        );
        assert_eq!(
            value(".evidence", "border-left"),
            format!("{EVIDENCE_RULE}px solid var(--accent)")
        );
    }

    #[test]
    fn the_stylesheet_has_the_table_bars_number_and_logo() {
        assert_eq!(
            lengths(".measures th, .measures td", "padding"),
            [CELL_PAD_Y, CELL_PAD_X]
        );
        assert_eq!(
            value(".measures th, .measures td", "border-bottom"),
            format!("{ROW_RULE}px solid var(--surface)")
        );
        assert_eq!(px(".bar-cell", "width"), BAR_CELL_WIDTH);
        assert_eq!(px(".bar", "width"), BAR_WIDTH);
        assert_eq!(px(".bar", "height"), BAR_HEIGHT);
        assert_eq!(px(".number", "right"), NUMBER_RIGHT);
        assert_eq!(px(".number", "bottom"), NUMBER_BOTTOM);
        assert_eq!(px(".logo", "top"), LOGO_TOP);
        assert_eq!(px(".logo", "right"), LOGO_RIGHT);
        assert_eq!(px(".logo", "max-width"), LOGO_MAX_WIDTH);
        assert_eq!(px(".logo", "max-height"), LOGO_MAX_HEIGHT);
    }

    #[test]
    fn the_standing_stylesheet_has_the_rows_and_the_chart() {
        let css = include_str!("../themes/default/standing.css");
        let rule = |selector: &str, property: &str| -> String {
            let at = css
                .find(&format!("\n{selector} {{"))
                .unwrap_or_else(|| panic!("no rule `{selector}` in standing.css"));
            let body = &css[at..];
            let body = &body[body.find('{').unwrap() + 1..body.find('}').unwrap()];
            body.split(';')
                .find_map(|d| d.trim().strip_prefix(&format!("{property}:")))
                .unwrap_or_else(|| panic!("no `{property}` in `{selector}`"))
                .trim()
                .to_string()
        };
        assert_eq!(
            rule(".standing th, .standing td", "padding"),
            format!("{STANDING_PAD_Y}px {CELL_PAD_X}px")
        );
        assert_eq!(rule(".chart", "width"), format!("{CHART_WIDTH}px"));
        assert_eq!(rule(".chart", "height"), format!("{CHART_HEIGHT}px"));
    }

    /// `data-fit="n"` in the stylesheet is `FIT_STEPS[n]`, for the slide steps.
    #[test]
    fn the_stylesheet_has_the_slide_fit_steps() {
        assert_eq!(px(".slide", "--fit"), FIT_STEPS[0]);
        for (n, factor) in FIT_STEPS.iter().enumerate().take(SLIDE_FIT_STEPS).skip(1) {
            assert_eq!(px(&format!(".slide[data-fit=\"{n}\"]"), "--fit"), *factor);
        }
        let selector = format!(".slide[data-fit=\"{SLIDE_FIT_STEPS}\"]");
        assert!(
            !CSS.contains(&selector),
            "the stylesheet has a step fit does not use"
        );
    }

    #[test]
    fn fit_steps_get_smaller() {
        assert!(FIT_STEPS.windows(2).all(|w| w[1] < w[0]));
        assert_eq!(FIT_STEPS[0], 1.0);
        assert!(SLIDE_FIT_STEPS <= FIT_STEPS.len());
    }
}
