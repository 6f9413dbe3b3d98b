//! Byte offsets (what every span in pitchdeck is) to LSP positions and back.
//!
//! LSP counts a position's `character` in UTF-16 code units unless client and
//! server agree on UTF-8 (`positionEncoding`), in which case it counts bytes.
//! Swedish letters are two bytes and one UTF-16 unit; an emoji four bytes and
//! two units: counting wrong would shift every underline after them.

use lsp_types::Position;

/// How a position's `character` is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-16 code units: what LSP requires when nothing else is agreed.
    #[default]
    Utf16,
    /// Bytes, when the client offers `utf-8` in `general.positionEncodings`.
    Utf8,
}

impl Encoding {
    /// The length of `text` in this encoding's units.
    fn len(self, text: &str) -> usize {
        match self {
            Encoding::Utf8 => text.len(),
            Encoding::Utf16 => text.encode_utf16().count(),
        }
    }
}

/// Where each line of a document starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    encoding: Encoding,
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

impl LineIndex {
    pub fn new(text: &str, encoding: Encoding) -> LineIndex {
        // LSP ends a line at `\n`, `\r\n` or a lone `\r`, as editors do.
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(bytes.iter().enumerate().filter_map(|(i, &b)| {
            let ends = b == b'\n' || b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            ends.then_some(i + 1)
        }));
        LineIndex {
            starts,
            len: text.len(),
            encoding,
        }
    }

    /// How this index counts a position's `character`.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The position of a byte offset (clamped to the text, and to a character
    /// boundary, so a stray offset never panics).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut before = &text[start..offset];
        if text[offset..].starts_with('\n') {
            // Between the \r and the \n of a line end: the end of the line.
            before = before.strip_suffix('\r').unwrap_or(before);
        }
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(self.encoding.len(before)).unwrap_or(u32::MAX),
        )
    }

    /// The byte offset of a position. A line past the end is the end of the
    /// text; a character past the end of its line is the end of the line (as
    /// LSP says), and one inside a character (half an emoji) its start.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.len;
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(self.len, |&next| next - 1);
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            let width = match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units + width > wanted {
                return start + i;
            }
            units += width;
        }
        start + line.len()
    }

    /// An LSP range for a byte range.
    pub fn range(&self, text: &str, span: &std::ops::Range<usize>) -> lsp_types::Range {
        let start = self.position(text, span.start);
        let end = self.position(text, span.end.max(span.start));
        lsp_types::Range::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_an_emoji_as_two_units_and_a_swedish_letter_as_one() {
        let text = "a = 1\nclaim = \"😀 Vi ska optimera\"\n";
        let index = LineIndex::new(text, Encoding::Utf16);
        let at = text.find("optimera").unwrap();
        // `claim = "` is 9, the emoji 2, the space 1, "Vi ska " 7.
        assert_eq!(index.position(text, at), Position::new(1, 19));
        assert_eq!(index.offset(text, Position::new(1, 19)), at);
        let utf8 = LineIndex::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(text, at), Position::new(1, 21));
        assert_eq!(utf8.offset(text, Position::new(1, 21)), at);
        let sv = "x = \"åäö\"";
        let index = LineIndex::new(sv, Encoding::Utf16);
        assert_eq!(
            index.position(sv, sv.find('ö').unwrap()),
            Position::new(0, 7)
        );
    }

    #[test]
    fn positions_and_offsets_round_trip_on_every_character_boundary() {
        for text in ["", "\n", "åä\r\nö😀\n\nx", "😀😀", "tail\n"] {
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let index = LineIndex::new(text, encoding);
                for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                    let p = index.position(text, offset);
                    let back = index.offset(text, p);
                    // `\r` before `\n` is the end of its line: it maps to itself
                    // or to the line end just before it.
                    assert!(
                        back == offset || text[back..offset] == *"\r",
                        "{text:?} {encoding:?} {offset}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_line_ends_at_lf_crlf_or_a_lone_cr() {
        let text = "a\r\nbö\rc\nd";
        let index = LineIndex::new(text, Encoding::Utf16);
        let at = |offset| {
            let p = index.position(text, offset);
            (p.line, p.character)
        };
        assert_eq!(at(text.find('b').unwrap()), (1, 0));
        assert_eq!(at(text.find('c').unwrap()), (2, 0));
        assert_eq!(at(text.find('d').unwrap()), (3, 0));
        assert_eq!(at(2), (0, 1), "inside \\r\\n: the end of the line");
        // Past the end of a line is its end, before the terminator.
        assert_eq!(index.offset(text, Position::new(0, 9)), 1);
        // "bö" is bytes 3..6; the lone \r at 6 ends it.
        assert_eq!(index.offset(text, Position::new(1, 9)), 6);
        assert_eq!(
            index.offset(text, Position::new(2, 1)),
            text.find('c').unwrap() + 1
        );
    }

    #[test]
    fn positions_out_of_range_are_clamped_not_panics() {
        let text = "😀\nab";
        let index = LineIndex::new(text, Encoding::Utf16);
        assert_eq!(index.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(index.offset(text, Position::new(0, 99)), 4);
        // Half of the emoji: its start.
        assert_eq!(index.offset(text, Position::new(0, 1)), 0);
        assert_eq!(index.position(text, 2), Position::new(0, 0));
        assert_eq!(index.position(text, 999), Position::new(1, 2));
    }
}
