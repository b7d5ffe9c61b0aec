//! A document's text with precomputed offset tables.
//!
//! Annotations count Unicode code points (Python's `text[start:end]`), Rust slices count bytes and
//! JavaScript and UIMA count UTF-16 code units. [`Text`] converts between the three in O(1) from
//! code points and O(log n) towards code points, with one table per unit built once on load.

use crate::model::{OffsetUnit, Span};

/// The text of one document and its offset tables.
#[derive(Debug, Clone)]
pub struct Text {
    text: String,
    /// `bytes[i]` is the byte offset of code point `i`; one extra entry for the end.
    bytes: Vec<u32>,
    /// `utf16[i]` is the UTF-16 offset of code point `i`; one extra entry for the end.
    utf16: Vec<u32>,
}

impl Text {
    /// Builds the offset tables for `text`.
    ///
    /// # Panics
    /// Never for texts under 4 GiB; offsets are stored as `u32`.
    pub fn new(text: String) -> Text {
        let n = text.chars().count();
        let mut bytes = Vec::with_capacity(n + 1);
        let mut utf16 = Vec::with_capacity(n + 1);
        let mut u = 0u32;
        for (b, c) in text.char_indices() {
            bytes.push(b as u32);
            utf16.push(u);
            u += c.len_utf16() as u32;
        }
        bytes.push(text.len() as u32);
        utf16.push(u);
        Text { text, bytes, utf16 }
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length in code points.
    pub fn len_chars(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Length in bytes.
    pub fn len_bytes(&self) -> usize {
        self.text.len()
    }

    /// Length in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        *self.utf16.last().unwrap_or(&0) as usize
    }

    /// Byte offset of code point `cp` (`cp` may equal the length).
    pub fn byte_offset(&self, cp: usize) -> Option<usize> {
        self.bytes.get(cp).map(|&b| b as usize)
    }

    /// UTF-16 offset of code point `cp` (`cp` may equal the length).
    pub fn utf16_offset(&self, cp: usize) -> Option<usize> {
        self.utf16.get(cp).map(|&u| u as usize)
    }

    /// Code-point offset of byte offset `byte`, when it falls on a character boundary.
    pub fn char_offset_from_byte(&self, byte: usize) -> Option<usize> {
        let b = u32::try_from(byte).ok()?;
        self.bytes.binary_search(&b).ok()
    }

    /// Code-point offset of UTF-16 offset `unit`, when it does not split a surrogate pair.
    pub fn char_offset_from_utf16(&self, unit: usize) -> Option<usize> {
        let u = u32::try_from(unit).ok()?;
        self.utf16.binary_search(&u).ok()
    }

    /// Code point `cp` counted in `unit` (`cp` may equal the length), or `None` past the end.
    pub fn offset_in(&self, cp: usize, unit: OffsetUnit) -> Option<usize> {
        match unit {
            OffsetUnit::Codepoint => (cp <= self.len_chars()).then_some(cp),
            OffsetUnit::Utf16 => self.utf16_offset(cp),
            OffsetUnit::Byte => self.byte_offset(cp),
        }
    }

    /// The code point at `offset` counted in `unit`, or `None` when it is past the end or not on
    /// a character boundary (inside a UTF-8 sequence or a surrogate pair).
    ///
    /// ```
    /// use crocus_corpus::model::OffsetUnit;
    /// use crocus_corpus::Text;
    ///
    /// let t = Text::new("a’b".to_string());
    /// assert_eq!(t.offset_in(2, OffsetUnit::Byte), Some(4));
    /// assert_eq!(t.codepoint_from(4, OffsetUnit::Byte), Some(2));
    /// assert_eq!(t.codepoint_from(2, OffsetUnit::Byte), None);
    /// ```
    pub fn codepoint_from(&self, offset: usize, unit: OffsetUnit) -> Option<usize> {
        match unit {
            OffsetUnit::Codepoint => (offset <= self.len_chars()).then_some(offset),
            OffsetUnit::Utf16 => self.char_offset_from_utf16(offset),
            OffsetUnit::Byte => self.char_offset_from_byte(offset),
        }
    }

    /// The byte range of a code-point span, or `None` when it is out of range or reversed.
    pub fn byte_range(&self, span: Span) -> Option<std::ops::Range<usize>> {
        if span.start > span.end {
            return None;
        }
        Some(self.byte_offset(span.start)?..self.byte_offset(span.end)?)
    }

    /// The text of a code-point span, or `None` when it is out of range or reversed.
    pub fn get(&self, span: Span) -> Option<&str> {
        self.byte_range(span).map(|r| &self.text[r])
    }
}

/// 1-based line and column (in characters) of byte offset `byte` of `src`; a byte inside a
/// character counts as that character, a byte past the end as the end.
pub(crate) fn line_column(src: &str, byte: usize) -> (usize, usize) {
    let before = &src[..floor_char_boundary(src, byte.min(src.len()))];
    let line = before.bytes().filter(|&c| c == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The byte offset of `serde_json`'s error position (1-based line, column counted in bytes, 0 at
/// the very start of a line) in `src`.
pub(crate) fn json_error_byte(src: &str, line: usize, column: usize) -> usize {
    let line_start =
        if line <= 1 { 0 } else { src.match_indices('\n').nth(line - 2).map_or(src.len(), |(i, _)| i + 1) };
    floor_char_boundary(src, (line_start + column.saturating_sub(1)).min(src.len()))
}

/// The largest character boundary at or before `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_widths() {
        let t = Text::new("a’b😀c".to_string());
        assert_eq!(t.len_chars(), 5);
        assert_eq!(t.byte_offset(2), Some(4));
        assert_eq!(t.utf16_offset(4), Some(5));
        assert_eq!(t.get(Span::new(1, 4)), Some("’b😀"));
        assert_eq!(t.char_offset_from_byte(2), None);
        assert_eq!(t.char_offset_from_utf16(4), None);
        assert_eq!(t.get(Span::new(3, 9)), None);
    }
}
