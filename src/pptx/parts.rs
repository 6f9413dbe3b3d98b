//! The parts every file has: package relationships, content types, the
//! presentation, the theme (colours and fonts by name), the slide master with
//! its layouts, the notes master, and the document properties.

use std::fmt::Write as _;

use crate::geometry::{CONTENT_WIDTH, PAD_SIDE, SLIDE_HEIGHT, SLIDE_WIDTH};

use super::look::{Look, Role};
use super::xml::{emu, esc, srgb, sz};
use super::{Frame, LAYOUTS, Layout};

pub const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
pub const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// `<Relationships>` from (id, type suffix, target, external).
pub fn rels(list: &[(String, &str, String, bool)]) -> String {
    let mut x = format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for (id, kind, target, external) in list {
        let base = if kind.starts_with("http") {
            String::new()
        } else {
            format!("{REL}/")
        };
        let _ = write!(
            x,
            "<Relationship Id=\"{id}\" Type=\"{base}{kind}\" Target=\"{}\"{}/>",
            esc(target),
            if *external {
                " TargetMode=\"External\""
            } else {
                ""
            }
        );
    }
    x.push_str("</Relationships>");
    x
}

pub fn root_rels() -> String {
    rels(&[
        (
            "rId1".into(),
            "officeDocument",
            "ppt/presentation.xml".into(),
            false,
        ),
        (
            "rId2".into(),
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml".into(),
            false,
        ),
        (
            "rId3".into(),
            "extended-properties",
            "docProps/app.xml".into(),
            false,
        ),
    ])
}

/// `[Content_Types].xml` for `slides` slides, `notes` of them with notes.
pub fn content_types(slides: usize, notes: &[usize]) -> String {
    const PML: &str = "application/vnd.openxmlformats-officedocument.presentationml";
    let mut x = format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>\
<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>\
<Override PartName=\"/ppt/presentation.xml\" ContentType=\"{PML}.presentation.main+xml\"/>\
<Override PartName=\"/ppt/presProps.xml\" ContentType=\"{PML}.presProps+xml\"/>\
<Override PartName=\"/ppt/viewProps.xml\" ContentType=\"{PML}.viewProps+xml\"/>\
<Override PartName=\"/ppt/tableStyles.xml\" ContentType=\"{PML}.tableStyles+xml\"/>\
<Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
<Override PartName=\"/ppt/theme/theme2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
<Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" ContentType=\"{PML}.slideMaster+xml\"/>\
<Override PartName=\"/ppt/notesMasters/notesMaster1.xml\" ContentType=\"{PML}.notesMaster+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    );
    for i in 1..=LAYOUTS.len() {
        let _ = write!(
            x,
            "<Override PartName=\"/ppt/slideLayouts/slideLayout{i}.xml\" ContentType=\"{PML}.slideLayout+xml\"/>"
        );
    }
    for i in 1..=slides {
        let _ = write!(
            x,
            "<Override PartName=\"/ppt/slides/slide{i}.xml\" ContentType=\"{PML}.slide+xml\"/>"
        );
    }
    for i in notes {
        let _ = write!(
            x,
            "<Override PartName=\"/ppt/notesSlides/notesSlide{i}.xml\" ContentType=\"{PML}.notesSlide+xml\"/>"
        );
    }
    x.push_str("</Types>");
    x
}

pub fn presentation(slides: usize, look: &Look, lang: &str) -> String {
    let mut x = format!(
        "{DECL}<p:presentation {NS} saveSubsetFonts=\"1\"><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst><p:sldIdLst>"
    );
    for i in 0..slides {
        let _ = write!(
            x,
            "<p:sldId id=\"{}\" r:id=\"rId{}\"/>",
            256 + i,
            FIRST_SLIDE_REL + i
        );
    }
    let _ = write!(
        x,
        "</p:sldIdLst><p:sldSz cx=\"{}\" cy=\"{}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/><p:defaultTextStyle>{}</p:defaultTextStyle></p:presentation>",
        emu(SLIDE_WIDTH),
        emu(SLIDE_HEIGHT),
        levels(|_| format!(
            "<a:defRPr sz=\"{}\" lang=\"{lang}\">{}{}</a:defRPr>",
            sz(look.sizes.text),
            fill(Role::Text),
            minor()
        )),
    );
    x
}

/// Relationship ids of presentation.xml: master, notes master, theme, the
/// three property parts, then the slides.
pub const FIRST_SLIDE_REL: usize = 7;

pub fn presentation_rels(slides: usize) -> String {
    let mut list: Vec<(String, &str, String, bool)> = vec![
        (
            "rId1".into(),
            "slideMaster",
            "slideMasters/slideMaster1.xml".into(),
            false,
        ),
        (
            "rId2".into(),
            "notesMaster",
            "notesMasters/notesMaster1.xml".into(),
            false,
        ),
        ("rId3".into(), "theme", "theme/theme1.xml".into(), false),
        ("rId4".into(), "presProps", "presProps.xml".into(), false),
        ("rId5".into(), "viewProps", "viewProps.xml".into(), false),
        (
            "rId6".into(),
            "tableStyles",
            "tableStyles.xml".into(),
            false,
        ),
    ];
    for i in 0..slides {
        list.push((
            format!("rId{}", FIRST_SLIDE_REL + i),
            "slide",
            format!("slides/slide{}.xml", i + 1),
            false,
        ));
    }
    rels(&list)
}

pub fn pres_props() -> String {
    format!("{DECL}<p:presentationPr {NS}/>")
}

pub fn view_props() -> String {
    format!(
        "{DECL}<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"80000\"/></p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
    )
}

pub fn table_styles() -> String {
    format!(
        "{DECL}<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" def=\"{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}\"/>"
    )
}

/// `a:solidFill` of a scheme colour.
pub fn fill(role: Role) -> String {
    format!(
        "<a:solidFill><a:schemeClr val=\"{}\"/></a:solidFill>",
        role.scheme()
    )
}

fn minor() -> &'static str {
    "<a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs typeface=\"+mn-cs\"/>"
}

fn major() -> &'static str {
    "<a:latin typeface=\"+mj-lt\"/><a:ea typeface=\"+mj-ea\"/><a:cs typeface=\"+mj-cs\"/>"
}

/// Nine list levels of a text style, each from its level (1-based).
fn levels(def: impl Fn(usize) -> String) -> String {
    (1..=9)
        .map(|l| {
            format!(
                "<a:lvl{l}pPr marL=\"{}\" algn=\"l\" rtl=\"0\">{}</a:lvl{l}pPr>",
                (l - 1) * 457_200,
                def(l)
            )
        })
        .collect()
}

/// The theme: the deck theme's colours and font, by name. The font's pitch
/// and family ("34": proportional, sans serif) let PowerPoint and LibreOffice
/// pick a sans-serif stand-in where the font is not installed.
pub fn theme(look: &Look, name: &str) -> String {
    let c = &look.colors;
    // The colour map keeps tx1 the text and bg1 the background; a dark theme
    // puts its background in dk1 and swaps them (see `master`).
    let (dk1, lt1, dk2, lt2) = if look.dark {
        (&c.background, &c.text, &c.surface, &c.muted)
    } else {
        (&c.text, &c.background, &c.muted, &c.surface)
    };
    let font = esc(&look.font);
    let face = format!(
        "<a:latin typeface=\"{font}\" pitchFamily=\"34\" charset=\"0\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>"
    );
    let clr =
        |name: &str, hex: &str| format!("<a:{name}><a:srgbClr val=\"{}\"/></a:{name}>", srgb(hex));
    let solid = |v: &str| {
        format!("<a:solidFill><a:schemeClr val=\"phClr\">{v}</a:schemeClr></a:solidFill>")
    };
    let line = |w: u32| {
        format!(
            "<a:ln w=\"{w}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>"
        )
    };
    format!(
        "{DECL}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"{}\"><a:themeElements><a:clrScheme name=\"{}\">{}{}{}{}{}{}{}{}{}{}{}{}</a:clrScheme><a:fontScheme name=\"{font}\"><a:majorFont>{face}</a:majorFont><a:minorFont>{face}</a:minorFont></a:fontScheme><a:fmtScheme name=\"pitchdeck\"><a:fillStyleLst>{}{}{}</a:fillStyleLst><a:lnStyleLst>{}{}{}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{}{}{}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        esc(name),
        esc(name),
        clr("dk1", dk1),
        clr("lt1", lt1),
        clr("dk2", dk2),
        clr("lt2", lt2),
        clr("accent1", &c.accent),
        clr("accent2", &c.muted),
        clr("accent3", &c.text),
        clr("accent4", &c.accent),
        clr("accent5", &c.muted),
        clr("accent6", &c.text),
        clr("hlink", &c.accent),
        clr("folHlink", &c.accent),
        solid(""),
        solid("<a:tint val=\"50000\"/>"),
        solid("<a:shade val=\"80000\"/>"),
        line(9525),
        line(25400),
        line(38100),
        solid(""),
        solid("<a:tint val=\"95000\"/>"),
        solid("<a:shade val=\"90000\"/>"),
    )
}

/// `p:clrMap`: light themes map text to dk1, dark ones to lt1.
fn color_map(look: &Look) -> &'static str {
    if look.dark {
        "<p:clrMap bg1=\"dk1\" tx1=\"lt1\" bg2=\"dk2\" tx2=\"lt2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>"
    } else {
        "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>"
    }
}

const GROUP: &str = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

pub fn group_start() -> &'static str {
    GROUP
}

/// `a:xfrm` of a box in px.
pub fn xfrm(g: Frame) -> String {
    format!(
        "<a:xfrm><a:off x=\"{}\" y=\"{}\"/><a:ext cx=\"{}\" cy=\"{}\"/></a:xfrm>",
        emu(g.x),
        emu(g.y),
        emu(g.w.max(1.0)),
        emu(g.h.max(1.0))
    )
}

/// The body properties of every text box: no insets (the layout model's
/// boxes are the text's own), wrapping, top-anchored, and shrink on overflow
/// for text a user adds in PowerPoint.
pub fn body_pr(anchor: &str, autofit: bool) -> String {
    format!(
        "<a:bodyPr wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"{anchor}\" rtlCol=\"0\">{}</a:bodyPr>",
        if autofit {
            "<a:normAutofit/>"
        } else {
            "<a:noAutofit/>"
        }
    )
}

/// A placeholder of a layout or the master: its type, index, box, and the
/// level-1 style its text takes.
#[allow(clippy::too_many_arguments)]
fn placeholder(
    id: usize,
    name: &str,
    ph: &str,
    g: Frame,
    anchor: &str,
    style: &str,
    prompt: &str,
    lang: &str,
) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr><p:txBody>{}<a:lstStyle>{style}</a:lstStyle><a:p><a:r><a:rPr lang=\"{lang}\"/><a:t>{prompt}</a:t></a:r></a:p></p:txBody></p:sp>",
        xfrm(g),
        body_pr(anchor, true),
    )
}

/// A level-1 paragraph style without bullets.
pub fn plain_style(
    size: f32,
    bold: bool,
    color: Role,
    spacing_pct: u32,
    extra: &str,
    algn: &str,
) -> String {
    format!(
        "<a:lvl1pPr marL=\"0\" indent=\"0\" algn=\"{algn}\"><a:lnSpc><a:spcPct val=\"{spacing_pct}\"/></a:lnSpc><a:spcBef><a:spcPts val=\"0\"/></a:spcBef><a:buNone/><a:defRPr sz=\"{}\" b=\"{}\"{extra}>{}</a:defRPr></a:lvl1pPr>",
        sz(size),
        u8::from(bold),
        fill(color)
    )
}

/// Line spacing of the stylesheet as a percentage of DrawingML's single
/// spacing (1.2 × the size): body text 1.35, headings 1.15.
pub const BODY_SPACING: u32 = 112_500;
pub const HEADING_SPACING: u32 = 95_833;

fn slide_number(id: usize, look: &Look, lang: &str, color: Role) -> String {
    let g = Frame::number(look);
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Slide Number\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldNum\" sz=\"quarter\" idx=\"12\"/></p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr><p:txBody>{}<a:lstStyle>{}</a:lstStyle><a:p><a:fld id=\"{SLIDE_NUMBER_FIELD}\" type=\"slidenum\"><a:rPr lang=\"{lang}\"/><a:t>‹#›</a:t></a:fld></a:p></p:txBody></p:sp>",
        xfrm(g),
        body_pr("b", false),
        plain_style(look.sizes.small, false, color, BODY_SPACING, "", "r"),
    )
}

pub const SLIDE_NUMBER_FIELD: &str = "{4F0B2E1C-7A3D-4C59-9E21-5B8D0C6A1F37}";

pub fn master(look: &Look, lang: &str) -> String {
    let s = &look.sizes;
    let text = s.text;
    let indent = emu(1.3 * text);
    let title_style = format!(
        "<p:titleStyle><a:lvl1pPr algn=\"l\" rtl=\"0\"><a:lnSpc><a:spcPct val=\"{HEADING_SPACING}\"/></a:lnSpc><a:spcBef><a:spcPct val=\"0\"/></a:spcBef><a:buNone/><a:defRPr sz=\"{}\" b=\"1\" kern=\"0\" lang=\"{lang}\">{}{}</a:defRPr></a:lvl1pPr></p:titleStyle>",
        sz(s.claim),
        fill(Role::Text),
        major()
    );
    let bullet = |level: usize| {
        format!(
            "<a:lvl{level}pPr marL=\"{}\" indent=\"-{indent}\" algn=\"l\" rtl=\"0\"><a:lnSpc><a:spcPct val=\"{BODY_SPACING}\"/></a:lnSpc><a:spcBef><a:spcPts val=\"0\"/></a:spcBef><a:spcAft><a:spcPts val=\"{}\"/></a:spcAft><a:buClr><a:schemeClr val=\"{}\"/></a:buClr><a:buFontTx/><a:buChar char=\"•\"/><a:defRPr sz=\"{}\" kern=\"0\" lang=\"{lang}\">{}{}</a:defRPr></a:lvl{level}pPr>",
            indent * level as i64,
            sz(0.5 * text),
            look.bullet_color.scheme(),
            sz(text),
            fill(Role::Text),
            minor()
        )
    };
    let body_style = format!("<p:bodyStyle>{}{}</p:bodyStyle>", bullet(1), bullet(2));
    let other_style = format!(
        "<p:otherStyle><a:defPPr><a:defRPr lang=\"{lang}\"/></a:defPPr>{}</p:otherStyle>",
        levels(|_| format!(
            "<a:defRPr sz=\"{}\" kern=\"0\" lang=\"{lang}\">{}{}</a:defRPr>",
            sz(s.small),
            fill(Role::Text),
            minor()
        ))
    );
    let title = Frame::claim_default(look);
    let body = Frame::points_default(look);
    let mut x = format!(
        "{DECL}<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr>{}<a:effectLst/></p:bgPr></p:bg><p:spTree>{GROUP}",
        fill(Role::Background)
    );
    x.push_str(&placeholder(
        2,
        "Title",
        "<p:ph type=\"title\"/>",
        title,
        "t",
        "",
        "Claim",
        lang,
    ));
    x.push_str(&placeholder(
        3,
        "Text",
        "<p:ph type=\"body\" idx=\"1\"/>",
        body,
        "t",
        "",
        "Points",
        lang,
    ));
    x.push_str(&slide_number(4, look, lang, look.number_color));
    x.push_str("</p:spTree></p:cSld>");
    x.push_str(color_map(look));
    x.push_str("<p:sldLayoutIdLst>");
    for i in 0..LAYOUTS.len() {
        let _ = write!(
            x,
            "<p:sldLayoutId id=\"{}\" r:id=\"rId{}\"/>",
            2_147_483_649u64 + i as u64,
            i + 1
        );
    }
    let _ = write!(
        x,
        "</p:sldLayoutIdLst><p:txStyles>{title_style}{body_style}{other_style}</p:txStyles></p:sldMaster>"
    );
    x
}

pub fn master_rels() -> String {
    let mut list: Vec<(String, &str, String, bool)> = (1..=LAYOUTS.len())
        .map(|i| {
            (
                format!("rId{i}"),
                "slideLayout",
                format!("../slideLayouts/slideLayout{i}.xml"),
                false,
            )
        })
        .collect();
    list.push((
        format!("rId{}", LAYOUTS.len() + 1),
        "theme",
        "../theme/theme1.xml".into(),
        false,
    ));
    rels(&list)
}

pub fn layout_rels() -> String {
    rels(&[(
        "rId1".into(),
        "slideMaster",
        "../slideMasters/slideMaster1.xml".into(),
        false,
    )])
}

/// The label's style: bold, accent, capitals (as the theme's stylesheet sets them).
pub fn label_style(look: &Look) -> String {
    let spc = (look.label_spacing * look.sizes.label * 75.0).round() as i64;
    let mut extra = format!(" spc=\"{spc}\"");
    if look.label_caps {
        extra.push_str(" cap=\"all\"");
    }
    plain_style(
        look.sizes.label,
        true,
        Role::Accent,
        BODY_SPACING,
        &extra,
        "l",
    )
}

/// A decorative rectangle (a rule, a band) in a scheme colour.
pub fn rect(id: usize, name: &str, g: Frame, color: Role, alpha: Option<u32>) -> String {
    let alpha = alpha
        .map(|a| format!("<a:alpha val=\"{a}\"/>"))
        .unwrap_or_default();
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:solidFill><a:schemeClr val=\"{}\">{alpha}</a:schemeClr></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
        esc(name),
        xfrm(g),
        color.scheme()
    )
}

pub fn layout(kind: Layout, look: &Look, lang: &str) -> String {
    let s = &look.sizes;
    let (name, kind_attr) = match kind {
        Layout::Title => ("Title", "title"),
        Layout::Argument => ("Argument", "obj"),
        Layout::Measures => ("Measures", "titleOnly"),
        Layout::Question => ("Question", "obj"),
        Layout::Divider => ("Divider", "secHead"),
    };
    let mut x = format!(
        "{DECL}<p:sldLayout {NS} type=\"{kind_attr}\" preserve=\"1\"><p:cSld name=\"{name}\">"
    );
    if kind == Layout::Divider {
        let _ = write!(
            x,
            "<p:bg><p:bgPr>{}<a:effectLst/></p:bgPr></p:bg>",
            fill(look.divider_background)
        );
    }
    x.push_str("<p:spTree>");
    x.push_str(GROUP);
    let label = |id| {
        placeholder(
            id,
            "Label",
            "<p:ph type=\"body\" sz=\"quarter\" idx=\"10\"/>",
            Frame::label(look),
            "t",
            &label_style(look),
            "Section",
            lang,
        )
    };
    let claim = |id| {
        placeholder(
            id,
            "Claim",
            "<p:ph type=\"title\"/>",
            Frame::claim_default(look),
            "t",
            "",
            "Claim",
            lang,
        )
    };
    match kind {
        Layout::Title => {
            if look.title_band {
                x.push_str(&rect(
                    7,
                    "Band",
                    Frame::new(0.0, 0.0, 28.0, SLIDE_HEIGHT),
                    Role::Accent,
                    None,
                ));
            }
            x.push_str(&placeholder(
                2,
                "Title",
                "<p:ph type=\"ctrTitle\"/>",
                Frame::new(PAD_SIDE, 180.0, CONTENT_WIDTH, 160.0),
                "t",
                &plain_style(s.title, true, Role::Text, HEADING_SPACING, "", "l"),
                "Title",
                lang,
            ));
            x.push_str(&placeholder(
                3,
                "Subtitle",
                "<p:ph type=\"subTitle\" idx=\"1\"/>",
                Frame::new(PAD_SIDE, 360.0, CONTENT_WIDTH, 100.0),
                "t",
                &plain_style(s.subtitle, false, Role::Muted, BODY_SPACING, "", "l"),
                "Subtitle",
                lang,
            ));
            x.push_str(&placeholder(
                4,
                "Byline",
                "<p:ph type=\"body\" sz=\"quarter\" idx=\"13\"/>",
                Frame::new(PAD_SIDE, 500.0, CONTENT_WIDTH, 140.0),
                "t",
                &byline_style(look),
                "Author",
                lang,
            ));
        }
        Layout::Argument | Layout::Measures | Layout::Question => {
            x.push_str(&label(2));
            x.push_str(&claim(3));
            let (style, prompt) = if kind == Layout::Question {
                (
                    plain_style(s.answer, false, Role::Text, BODY_SPACING, "", "l"),
                    "Answer",
                )
            } else {
                (String::new(), "Points")
            };
            x.push_str(&placeholder(
                4,
                prompt,
                "<p:ph idx=\"1\"/>",
                Frame::points_default(look),
                "t",
                &style,
                prompt,
                lang,
            ));
            if kind != Layout::Question {
                x.push_str(&placeholder(
                    5,
                    "Evidence",
                    "<p:ph type=\"body\" sz=\"quarter\" idx=\"11\"/>",
                    Frame::new(106.0, 600.0, 1094.0, 48.0),
                    "b",
                    &plain_style(s.small, false, look.evidence_color, BODY_SPACING, "", "l"),
                    "Evidence",
                    lang,
                ));
            }
        }
        Layout::Divider => {
            x.push_str(&placeholder(
                2,
                "Title",
                "<p:ph type=\"title\"/>",
                Frame::new(PAD_SIDE, 300.0, CONTENT_WIDTH, 120.0),
                "ctr",
                &plain_style(s.divider, true, look.divider_text, HEADING_SPACING, "", "l"),
                "Divider",
                lang,
            ));
        }
    }
    if look.label_rule && matches!(kind, Layout::Argument | Layout::Measures | Layout::Question) {
        x.push_str(&rect(
            8,
            "Label rule",
            Frame::label_rule(look),
            Role::Surface,
            None,
        ));
    }
    let number_color = if kind == Layout::Divider && look.divider_text == Role::Background {
        Role::Background
    } else {
        look.number_color
    };
    x.push_str(&slide_number(6, look, lang, number_color));
    x.push_str(
        "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>",
    );
    x
}

pub fn byline_style(look: &Look) -> String {
    format!(
        "<a:lvl1pPr marL=\"0\" indent=\"0\" algn=\"l\"><a:lnSpc><a:spcPct val=\"{BODY_SPACING}\"/></a:lnSpc><a:spcBef><a:spcPts val=\"0\"/></a:spcBef><a:spcAft><a:spcPts val=\"{}\"/></a:spcAft><a:buNone/><a:defRPr sz=\"{}\" b=\"0\">{}</a:defRPr></a:lvl1pPr>",
        sz(4.0),
        sz(look.sizes.text * 0.87),
        fill(Role::Text)
    )
}

pub fn notes_master(lang: &str) -> String {
    let text_style = |_| {
        format!(
            "<a:defRPr sz=\"1200\" kern=\"0\" lang=\"{lang}\">{}{}</a:defRPr>",
            "<a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>",
            minor()
        )
    };
    format!(
        "{DECL}<p:notesMaster {NS}><p:cSld><p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg><p:spTree>{GROUP}<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"381000\" y=\"685800\"/><a:ext cx=\"6096000\" cy=\"3429000\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln w=\"12700\"><a:solidFill><a:prstClr val=\"black\"/></a:solidFill></a:ln></p:spPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" sz=\"quarter\" idx=\"3\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"685800\" y=\"4343400\"/><a:ext cx=\"5486400\" cy=\"4114800\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr vert=\"horz\" lIns=\"91440\" tIns=\"45720\" rIns=\"91440\" bIns=\"45720\" rtlCol=\"0\"><a:normAutofit/></a:bodyPr><a:lstStyle/><a:p><a:r><a:rPr lang=\"{lang}\"/><a:t>Notes</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld>{}<p:notesStyle>{}</p:notesStyle></p:notesMaster>",
        // Notes are read on a white page: the light colour map whatever the theme.
        "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>",
        levels(text_style),
    )
}

pub fn notes_master_rels() -> String {
    rels(&[("rId1".into(), "theme", "../theme/theme2.xml".into(), false)])
}

/// A W3C date-time for the core properties, from the deck's date (so that
/// rebuilds are identical); `None` without one.
pub fn core(
    title: &str,
    author: Option<&str>,
    subject: Option<&str>,
    lang: &str,
    date: Option<String>,
) -> String {
    let mut x = format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title>",
        esc(title)
    );
    if let Some(subject) = subject {
        let _ = write!(x, "<dc:subject>{}</dc:subject>", esc(subject));
    }
    if let Some(author) = author {
        let _ = write!(
            x,
            "<dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy>",
            esc(author),
            esc(author)
        );
    }
    let _ = write!(x, "<dc:language>{lang}</dc:language>");
    if let Some(date) = date {
        let _ = write!(
            x,
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>"
        );
    }
    x.push_str("</cp:coreProperties>");
    x
}

pub fn app(slides: usize, notes: usize) -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>pitchdeck</Application><PresentationFormat>Widescreen</PresentationFormat><Slides>{slides}</Slides><Notes>{notes}</Notes><AppVersion>{}</AppVersion></Properties>",
        app_version()
    )
}

/// AppVersion must look like "XX.YYYY": the crate's major and minor.
fn app_version() -> String {
    let major: u32 = env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap_or(0);
    let minor: u32 = env!("CARGO_PKG_VERSION_MINOR").parse().unwrap_or(0);
    format!("{major:02}.{minor:04}")
}
