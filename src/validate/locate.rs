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

/// One reference token of an RFC 6901 JSON pointer: `~` written `~0`, `/` written `~1`.
///
/// ```
/// use crocus_corpus::validate::locate::pointer_token;
///
/// assert_eq!(pointer_token("a/b~c"), "a~1b~0c");
/// ```
pub fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(src: &str, byte: usize) -> (usize, usize) {
    crate::text::line_column(src, byte)
}

/// The byte range of the JSON number that `byte` falls in or just after (`serde_json` reports a
/// number it cannot represent after its last digit), or an empty range when there is none.
pub fn number_around(src: &str, byte: usize) -> std::ops::Range<usize> {
    let b = src.as_bytes();
    let is_num = |c: u8| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E');
    let byte = byte.min(b.len());
    // Start from the byte itself if it is part of a number, else from the byte before it.
    let mut end = if byte < b.len() && is_num(b[byte]) {
        byte
    } else if byte > 0 && is_num(b[byte - 1]) {
        byte - 1
    } else {
        return byte..byte;
    };
    let mut start = end;
    while start > 0 && is_num(b[start - 1]) {
        start -= 1;
    }
    while end < b.len() && is_num(b[end]) {
        end += 1;
    }
    // A number starts with `-` or a digit; `e` alone (as in `true`) is not one.
    if !(b[start] == b'-' || b[start].is_ascii_digit()) {
        return byte..byte;
    }
    start..end
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

use crate::text::floor_char_boundary as floor_boundary;

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

    #[test]
    fn pointers_are_rfc_6901() {
        let src = r#"{"a/b": {"~c": "“x”"}}"#;
        let pointer = format!("/{}/{}", pointer_token("a/b"), pointer_token("~c"));
        assert_eq!(pointer, "/a~1b/~0c");
        assert_eq!(&src[locate(src, &pointer)], "\"“x”\"");
        // The validator's schema errors name keys the same way.
        let schema = serde_json::json!({"properties": {"a/b": {"properties": {"~c": {"type": "number"}}}}});
        let value: serde_json::Value = serde_json::from_str(src).unwrap();
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        let err = validator.iter_errors(&value).next().unwrap();
        assert_eq!(err.instance_path().as_str(), pointer);
    }
}
