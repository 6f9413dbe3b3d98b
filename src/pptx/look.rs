//! How the theme looks in PowerPoint: colours, font and sizes from
//! `theme.toml`, and the few touches of the built-in themes' `theme.css`
//! (rules, bands, label case) that a slide master can carry.

use crate::geometry::FIT_STEPS;
use crate::theme::{Colors, Sizes, Theme, luminance, parse_hex_color};

/// A colour of the theme's colour scheme, by its role on the slide. Written as
/// `a:schemeClr`, so that changing the theme's colours in PowerPoint restyles
/// every slide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Text,
    Background,
    Muted,
    Surface,
    Accent,
}

impl Role {
    /// The scheme colour name as mapped by the master's colour map.
    pub fn scheme(self) -> &'static str {
        match self {
            Role::Text => "tx1",
            Role::Background => "bg1",
            Role::Muted => "tx2",
            Role::Surface => "bg2",
            Role::Accent => "accent1",
        }
    }
}

pub struct Look {
    pub colors: Colors,
    /// Dark background: the colour map swaps light and dark.
    pub dark: bool,
    pub font: String,
    pub sizes: Sizes,
    /// Labels in capitals (CSS `text-transform: uppercase`).
    pub label_caps: bool,
    /// Letter spacing of the label, in em.
    pub label_spacing: f32,
    /// A rule under the label (board), and the room the label takes below it.
    pub label_rule: bool,
    pub label_gap: f32,
    /// An accent band down the title slide's left edge (board).
    pub title_band: bool,
    pub byline_rule: (f32, Role),
    pub evidence_bar: f32,
    pub evidence_color: Role,
    pub number_color: Role,
    pub bullet_color: Role,
    pub divider_background: Role,
    pub divider_text: Role,
    pub table_header_color: Role,
    pub table_rule: f32,
}

impl Look {
    pub fn new(theme: &Theme, brand_color: Option<&str>) -> Look {
        let colors = theme.palette(brand_color).colors;
        let dark = parse_hex_color(&colors.background).is_some_and(|bg| luminance(bg) < 0.18);
        let mut look = Look {
            colors,
            dark,
            font: theme.config.font_family.clone(),
            sizes: theme.config.sizes.clone(),
            label_caps: true,
            label_spacing: 0.06,
            label_rule: false,
            label_gap: 12.0,
            title_band: false,
            byline_rule: (6.0, Role::Accent),
            evidence_bar: 6.0,
            evidence_color: Role::Muted,
            number_color: Role::Muted,
            bullet_color: Role::Accent,
            divider_background: Role::Surface,
            divider_text: Role::Accent,
            table_header_color: Role::Muted,
            table_rule: 2.0,
        };
        // The built-in themes' stylesheets, as far as a master can follow them.
        match theme.config.name.as_str() {
            "board" => {
                look.label_spacing = 0.08;
                look.label_rule = true;
                look.label_gap = 32.0;
                look.title_band = true;
                look.byline_rule = (2.0, Role::Muted);
                look.evidence_bar = 4.0;
                look.bullet_color = Role::Muted;
                look.divider_background = Role::Accent;
                look.divider_text = Role::Background;
            }
            "contrast" => {
                look.label_caps = false;
                look.label_spacing = 0.0;
                look.byline_rule = (8.0, Role::Accent);
                look.evidence_bar = 8.0;
                look.evidence_color = Role::Text;
                look.number_color = Role::Text;
                look.table_header_color = Role::Text;
                look.table_rule = 3.0;
            }
            _ => {}
        }
        look
    }

    /// A size scaled to the slide's fit step, never below the theme's least
    /// size (as `fit` decided it and the stylesheet sets it).
    pub fn scaled(&self, size: f32, fit: usize) -> f32 {
        let factor = FIT_STEPS.get(fit).copied().unwrap_or(1.0);
        (size * factor).max(self.sizes.min)
    }
}
