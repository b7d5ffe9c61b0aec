//! Finding a JSON value in its source text by JSON pointer.
//!
//! `serde_json` reports line and column for syntax errors but not where a well-formed value sits,
//! and diagnostics must point at the offending value. This walks the (already parsed, so
//! well-formed) source along the pointer's path, skipping everything else, and returns the byte
//! range of the value. It is only run for the values a diagnostic names.

/// Byte range of the value at `pointer` (RFC 6901) in `src`, or of its nearest existing ancestor.
pub fn locate(src: &str, pointer: &str) -> std::ops::Range<usize> {
    let segments: Vec<String> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer.trim_start_matches('/').split('/').map(|s| s.replace("~1", "/").replace("~0", "~")).collect()
    };
    let b = src.as_bytes();
    let mut pos = skip_ws(b, 0);
    // A leading BOM is not JSON; step over it so positions stay useful.
    if src[pos..].starts_with('\u{feff}') {
        pos = skip_ws(b, pos + 3);
    }
    for seg in &segments {
        match find_child(b, pos, seg) {
            Some(child) => pos = child,
            None => break,
        }
    }
    pos..value_end(b, pos).max(pos)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(src.len());
    let before = &src[..floor_boundary(src, byte)];
    let line = before.bytes().filter(|&c| c == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The line containing `byte`, and the byte range of `range` within that line (clipped to it).
pub fn line_excerpt(src: &str, range: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    let start = floor_boundary(src, range.start.min(src.len()));
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
    let end = floor_boundary(src, range.end.clamp(start, line_end));
    let end = if end == start { (start + 1).min(line_end) } else { end };
    let end = floor_boundary(src, end);
    (src[line_start..line_end].to_string(), start - line_start..end.max(start) - line_start)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Position of the child `seg` of the container at `pos`.
fn find_child(b: &[u8], pos: usize, seg: &str) -> Option<usize> {
    match b.get(pos)? {
        b'{' => {
            let mut i = skip_ws(b, pos + 1);
            while i < b.len() && b[i] == b'"' {
                let key_end = string_end(b, i);
                let key: String = serde_json::from_slice(&b[i..key_end]).ok()?;
                i = skip_ws(b, key_end);
                if b.get(i) != Some(&b':') {
                    return None;
                }
                i = skip_ws(b, i + 1);
                if key == seg {
                    return Some(i);
                }
                i = skip_ws(b, value_end(b, i));
                if b.get(i) == Some(&b',') {
                    i = skip_ws(b, i + 1);
                }
            }
            None
        }
        b'[' => {
            let index: usize = seg.parse().ok()?;
            let mut i = skip_ws(b, pos + 1);
            for _ in 0..index {
                if i >= b.len() || b[i] == b']' {
                    return None;
                }
                i = skip_ws(b, value_end(b, i));
                if b.get(i) == Some(&b',') {
                    i = skip_ws(b, i + 1);
                }
            }
            (i < b.len() && b[i] != b']').then_some(i)
        }
        _ => None,
    }
}

fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// One past the end of the value starting at `pos` (iterative, so deep nesting cannot overflow).
fn value_end(b: &[u8], pos: usize) -> usize {
    let mut depth = 0usize;
    let mut i = pos;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i = string_end(b, i);
                if depth == 0 {
                    return i;
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b',' | b' ' | b'\n' | b'\r' | b'\t' | b':' if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values() {
        let src = "{\n  \"a\": [1, {\"b\": \"x\\\"y\"}],\n  \"c\": {\"d\": true}\n}";
        let r = locate(src, "/a/1/b");
        assert_eq!(&src[r.clone()], "\"x\\\"y\"");
        assert_eq!(line_col(src, r.start), (2, 18));
        assert_eq!(&src[locate(src, "/c/d")], "true");
        assert_eq!(&src[locate(src, "/a/0")], "1");
        // A missing child falls back to the nearest ancestor.
        assert!(src[locate(src, "/c/zzz")].starts_with("{\"d\""));
        assert_eq!(locate(src, "").start, 0);
    }
}
