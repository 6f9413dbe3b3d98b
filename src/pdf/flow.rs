//! Flowing rows of content down pages: a row (one line of a paragraph, a list
//! item's line, a table row) is never split; a page ends before the row that
//! would cross its bottom margin.

use std::rc::Rc;

use super::canvas::Display;

/// A row: items positioned relative to the row's top-left corner.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub display: Display,
    pub height: f32,
    /// Space above the row, dropped at the top of a page.
    pub space_before: f32,
    /// Keep on the same page as the next row (headings, labels).
    pub keep_with_next: bool,
    /// A table's header row, repeated when this row starts a page.
    pub header: Option<Rc<Row>>,
}

impl Row {
    pub fn new(display: Display, height: f32) -> Self {
        Row {
            display,
            height,
            ..Row::default()
        }
    }
}

/// Rows placed on pages: each page's display, in page coordinates.
pub struct Flowed {
    pub pages: Vec<Display>,
    /// Where the last page's content ends.
    pub end: f32,
}

/// Places rows from `first_top` on the first page (from `top` on later pages)
/// down to `bottom`, at x offset `x`.
pub fn flow(rows: Vec<Row>, x: f32, first_top: f32, top: f32, bottom: f32) -> Flowed {
    let mut pages = vec![Display::default()];
    let mut y = first_top;
    let mut at_top = true;
    // Groups of rows kept together: all but the last keep with the next.
    let mut groups: Vec<Vec<Row>> = Vec::new();
    let mut current = Vec::new();
    for row in rows {
        let keep = row.keep_with_next;
        current.push(row);
        if !keep {
            groups.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    for group in groups {
        let group_h: f32 = group
            .iter()
            .enumerate()
            .map(|(i, r)| r.height + if i == 0 { 0.0 } else { r.space_before })
            .sum::<f32>()
            + group[0].space_before;
        // A group that fits on a fresh page but not here starts a new page.
        if !at_top && y + group_h > bottom && group_h - group[0].space_before <= bottom - top {
            pages.push(Display::default());
            y = top;
            at_top = true;
        }
        for row in group {
            let gap = if at_top { 0.0 } else { row.space_before };
            if !at_top && y + gap + row.height > bottom {
                pages.push(Display::default());
                y = top;
                at_top = true;
            }
            let gap = if at_top { 0.0 } else { row.space_before };
            y += gap;
            if at_top
                && y == top
                && pages.len() > 1
                && let Some(header) = &row.header
            {
                pages
                    .last_mut()
                    .expect("a page")
                    .extend_shifted(header.display.clone(), x, y);
                y += header.height;
            }
            pages
                .last_mut()
                .expect("a page")
                .extend_shifted(row.display, x, y);
            y += row.height;
            at_top = false;
        }
    }
    Flowed { pages, end: y }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::canvas::{Item, Mark};

    fn row(h: f32, keep: bool) -> Row {
        let mut d = Display::default();
        d.push(
            Mark::Artifact,
            Item::Rect {
                x: 0.0,
                y: 0.0,
                w: 10.0,
                h,
                color: [0, 0, 0],
            },
        );
        Row {
            display: d,
            height: h,
            space_before: 2.0,
            keep_with_next: keep,
            header: None,
        }
    }

    #[test]
    fn rows_never_cross_the_bottom() {
        let rows: Vec<Row> = (0..50)
            .map(|i| row(7.0 + (i % 5) as f32, i % 7 == 0))
            .collect();
        let flowed = flow(rows, 5.0, 60.0, 20.0, 100.0);
        assert!(flowed.pages.len() > 3);
        let mut count = 0;
        for page in &flowed.pages {
            for p in &page.items {
                assert!(p.item.bottom() <= 100.0 + 1e-3);
                count += 1;
            }
        }
        assert_eq!(count, 50, "no row lost");
    }

    #[test]
    fn a_kept_row_moves_with_the_next() {
        // Page 20..100: the first row ends at 60; the kept row and the next
        // (2 + 5 + 2 + 40 = 49) would end at 109, so both move to page 2,
        // although the kept row alone would fit.
        let rows = vec![row(40.0, false), row(5.0, true), row(40.0, false)];
        let flowed = flow(rows, 0.0, 20.0, 20.0, 100.0);
        assert_eq!(flowed.pages.len(), 2);
        assert_eq!(flowed.pages[1].items.len(), 2);
    }
}
