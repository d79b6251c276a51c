//! A file's text and where its lines start: turns byte offsets into line:column.
//! Columns count Unicode characters, and a leading BOM is not a column.

use crate::diagnostic::Position;

const BOM: &str = "\u{feff}";

/// Line starts of one text, computed once per file that has something to report.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let first = if text.starts_with(BOM) { BOM.len() } else { 0 };
        let mut line_starts = vec![first];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, line_starts }
    }

    /// 0-based index of the line holding `offset` (clamped to the text).
    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts.partition_point(|&s| s <= offset).max(1) - 1
    }

    /// The 1-based line of a byte offset: [`LineIndex::position`] without counting the
    /// column's characters, which on a long line is most of the cost.
    pub fn line(&self, offset: usize) -> usize {
        self.line_of(offset) + 1
    }

    /// The 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line].min(offset);
        let column = self.text[start..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        self.line_starts[self.line_of(offset)]
    }

    /// The text of the line holding `offset`, without its line break.
    pub fn line_text(&self, offset: usize) -> &'a str {
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let text = self.text.get(start..end).unwrap_or_default();
        text.trim_end_matches(['\n', '\r'])
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let index = LineIndex::new("a: 1\ntitle: \"Méta’s\" x\n");
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        let x = "a: 1\ntitle: \"Méta’s\" ".len();
        assert_eq!(
            index.position(x),
            Position {
                line: 2,
                column: 17
            }
        );
        assert_eq!(index.line_text(x), "title: \"Méta’s\" x");
        assert_eq!(index.line(x), 2);
        assert_eq!(index.line(0), 1);
    }

    #[test]
    fn bom_is_not_a_column() {
        let index = LineIndex::new("\u{feff}---\nx\n");
        assert_eq!(index.position(3), Position { line: 1, column: 1 });
        assert_eq!(index.line_text(3), "---");
    }

    #[test]
    fn crlf_lines_and_end_of_text() {
        let text = "---\r\na: 1\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(5), Position { line: 2, column: 1 });
        assert_eq!(index.line_text(5), "a: 1");
        assert_eq!(index.position(text.len()), Position { line: 3, column: 1 });
        assert_eq!(index.position(usize::MAX), Position { line: 3, column: 1 });
    }
}
