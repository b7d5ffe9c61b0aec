//! The canonical form of annotation files, which `crocus fmt` writes.
//!
//! One form for every file keeps diffs small and reviews honest: keys in the model's order, spans
//! sorted by offset, two-space indentation, a final newline. Contributors may also write any span
//! (entity mention, claim, cue, claimer description, span stance, exception) by its `text`
//! alone, with an `occurrence` (counted from 1 over the whole-word matches in the whole text) or a
//! `prefix` and/or `suffix` (the characters right before and after it) when the text occurs more
//! than once; formatting fills in `start` and `end` and fails, naming every candidate with its
//! offsets and the text around it, when the anchor is ambiguous or absent.

use serde_json::{Map, Value as Json};

use crate::error::{Error, ErrorKind, Position};
use crate::model::{AnnotationFile, EntityRegistry, PropositionRegistry, TargetRegistry};
use crate::text::Text;

/// Canonical text of an annotation file, resolving text-anchored spans against `text`.
///
/// # Errors
/// [`ErrorKind::Syntax`] or [`ErrorKind::Shape`] when the file does not parse or has the wrong
/// shape; [`ErrorKind::Anchor`] (with the candidates) when an anchor is ambiguous, not found or
/// malformed.
pub fn annotation(src: &str, text: &Text, path: &str) -> Result<String, Error> {
    let mut json: Json = serde_json::from_str(src).map_err(|e| Error::from_json(e, src).in_file(path))?;
    anchor_all(&mut json, text, "", src, path)?;
    let mut file: AnnotationFile =
        serde_json::from_value(json).map_err(|e| Error::new(ErrorKind::Shape, e.to_string()).in_file(path))?;
    file.entities.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
    file.claims.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
    file.stances.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
    file.exceptions.sort_by_key(|e| (e.start, e.end));
    file.document_stances.sort_by(|a, b| a.target.cmp(&b.target));
    Ok(to_string(&file))
}

/// Canonical text of a registry file (`entities.json`, `propositions.json`, `targets.json`):
/// entries sorted by id.
///
/// # Errors
/// [`ErrorKind::Syntax`] or [`ErrorKind::Shape`] when the file does not parse or has the wrong
/// shape, or is not a registry file.
pub fn registry(src: &str, path: &str) -> Result<String, Error> {
    let name = path.replace('\\', "/");
    let name = name.rsplit('/').next().unwrap_or("");
    let err = |e: serde_json::Error| Error::from_json(e, src).in_file(path);
    Ok(match name {
        "entities.json" => {
            let mut r: EntityRegistry = serde_json::from_str(src).map_err(err)?;
            r.entities.sort_by(|a, b| a.id.cmp(&b.id));
            to_string(&r)
        }
        "propositions.json" => {
            let mut r: PropositionRegistry = serde_json::from_str(src).map_err(err)?;
            r.propositions.sort_by(|a, b| a.id.cmp(&b.id));
            to_string(&r)
        }
        "targets.json" => {
            let r: TargetRegistry = serde_json::from_str(src).map_err(err)?;
            to_string(&r)
        }
        _ => {
            let msg = format!("{path} is not a registry file (entities.json, propositions.json or targets.json)");
            return Err(Error::new(ErrorKind::Shape, msg).in_file(path));
        }
    })
}

/// Pretty JSON with two-space indentation and a final newline.
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("the model serializes");
    s.push('\n');
    s
}

/// Resolves every object in `json` that has `text` but no `start`/`end`: entity mentions,
/// claims, cues, claimer and holder descriptions, span stances, exceptions, anything with a text.
fn anchor_all(json: &mut Json, text: &Text, pointer: &str, src: &str, path: &str) -> Result<(), Error> {
    match json {
        Json::Object(map) => {
            if map.get("text").is_some_and(Json::is_string) && !map.contains_key("start") && !map.contains_key("end") {
                anchor(map, text, pointer, src, path)?;
            }
            for (k, v) in map.iter_mut() {
                anchor_all(v, text, &format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")), src, path)?;
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                anchor_all(v, text, &format!("{pointer}/{i}"), src, path)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Every place `surface` occurs in `text`, in code points, with whether it is a whole-word match
/// (no letter or digit glued to either end where the surface itself begins or ends with one:
/// "Central Asia" inside "Central Asian" is not whole).
pub fn occurrences(text: &Text, surface: &str) -> Vec<(usize, bool)> {
    if surface.is_empty() {
        return Vec::new();
    }
    let len = surface.chars().count();
    let word = |c: char| c.is_alphanumeric();
    let first = surface.chars().next().is_some_and(word);
    let last = surface.chars().next_back().is_some_and(word);
    let s = text.as_str();
    let mut out = Vec::new();
    let mut from = 0;
    // Overlapping matches count too ("aa" twice in "aaa"), as they are different spans.
    while let Some(i) = s[from..].find(surface) {
        let b = from + i;
        let e = b + surface.len();
        let glued_before = first && s[..b].chars().next_back().is_some_and(word);
        let glued_after = last && s[e..].chars().next().is_some_and(word);
        if let Some(cp) = text.char_offset_from_byte(b) {
            debug_assert_eq!(text.get(crate::Span::new(cp, cp + len)), Some(surface));
            out.push((cp, !glued_before && !glued_after));
        }
        from = b + s[b..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

fn anchor(map: &mut Map<String, Json>, text: &Text, pointer: &str, src: &str, path: &str) -> Result<(), Error> {
    let surface = map["text"].as_str().unwrap_or_default().to_string();
    let len = surface.chars().count();
    // Located only on failure: walking the source for every span would be quadratic.
    let fail_with = |msg: String, candidates: Vec<usize>| {
        let (line, column) =
            crate::validate::locate::line_col(src, crate::validate::locate::locate(src, pointer).start);
        Error::new(ErrorKind::Anchor { surface: surface.clone(), candidates }, msg).at(Position {
            file: Some(path.into()),
            line: Some(line),
            column: Some(column),
            pointer: Some(pointer.to_string()),
        })
    };
    if surface.is_empty() {
        return Err(fail_with("an anchored span needs a non-empty `text`".into(), Vec::new()));
    }
    let all = occurrences(text, &surface);
    let whole: Vec<usize> = all.iter().filter(|(_, w)| *w).map(|(s, _)| *s).collect();
    let fail = |msg: String| fail_with(msg, whole.clone());
    let listing = |title: &str, starts: &[usize]| -> String {
        let mut s = format!("\n  {title}:");
        for (i, &st) in starts.iter().enumerate() {
            s.push_str(&format!("\n    {}. {}", i + 1, describe(text, st, st + len)));
        }
        s
    };
    // Matches inside longer words, named so a contributor sees why they do not count.
    let partial: Vec<usize> = all.iter().filter(|(_, w)| !*w).map(|(s, _)| *s).collect();
    let partial_note =
        if partial.is_empty() { String::new() } else { listing("inside longer words (not counted)", &partial) };
    let str_field = |name: &str| -> Result<Option<String>, Error> {
        match map.get(name) {
            None => Ok(None),
            Some(Json::String(s)) if s.is_empty() => Ok(None),
            Some(Json::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(fail(format!("`{name}` is a string"))),
        }
    };
    let prefix = str_field("prefix")?;
    let suffix = str_field("suffix")?;
    let start = match (map.get("occurrence"), prefix.is_some() || suffix.is_some()) {
        (Some(_), true) => return Err(fail("give `occurrence` or `prefix`/`suffix`, not both".into())),
        (Some(n), false) => {
            let n =
                n.as_u64().filter(|&n| n >= 1).ok_or_else(|| fail("`occurrence` is a whole number from 1".into()))?;
            match whole.get(n as usize - 1) {
                Some(&s) => s,
                None => {
                    return Err(fail(format!(
                        "{surface:?} occurs {} time(s) as a whole word in the text, not {n}{}{partial_note}",
                        whole.len(),
                        if whole.is_empty() { String::new() } else { listing("candidates", &whole) }
                    )))
                }
            }
        }
        (None, true) => {
            let (p, x) = (prefix.unwrap_or_default(), suffix.unwrap_or_default());
            let (plen, xlen) = (p.chars().count(), x.chars().count());
            let fits = |h: usize| {
                h >= plen
                    && text.get(crate::Span::new(h - plen, h)) == Some(p.as_str())
                    && text.get(crate::Span::new(h + len, h + len + xlen)) == Some(x.as_str())
            };
            let matching: Vec<usize> = whole.iter().copied().filter(|&h| fits(h)).collect();
            let context = match (plen, xlen) {
                (_, 0) => format!("after {p:?}"),
                (0, _) => format!("before {x:?}"),
                _ => format!("between {p:?} and {x:?}"),
            };
            match matching.as_slice() {
                [one] => *one,
                [] => {
                    return Err(fail(format!(
                        "no whole-word occurrence of {surface:?} comes {context}{}{partial_note}",
                        if whole.is_empty() { String::new() } else { listing("candidates", &whole) }
                    )))
                }
                _ => {
                    return Err(fail(format!(
                        "{} occurrences of {surface:?} come {context}; use a longer `prefix`, a `suffix` or \
                         `occurrence`{}",
                        matching.len(),
                        listing("candidates", &matching)
                    )))
                }
            }
        }
        (None, false) => match whole.as_slice() {
            [one] => *one,
            [] => return Err(fail(format!("{surface:?} does not occur as a whole word in the text{partial_note}"))),
            _ => {
                return Err(fail(format!(
                "{surface:?} occurs {} times; add `occurrence` (counted from 1), `prefix` or `suffix` to choose one{}",
                whole.len(),
                listing("candidates", &whole)
            )))
            }
        },
    };
    map.remove("occurrence");
    map.remove("prefix");
    map.remove("suffix");
    map.insert("start".into(), Json::from(start));
    map.insert("end".into(), Json::from(start + len));
    Ok(())
}

/// `start 10, end 15 (text line 1, column 11): "…met [Putin]’s aide…"`.
fn describe(text: &Text, start: usize, end: usize) -> String {
    const AROUND: usize = 30;
    let s = text.as_str();
    let b = text.byte_offset(start).unwrap_or(0);
    let line = s[..b].matches('\n').count() + 1;
    let column = s[..b].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let get = |a: usize, z: usize| text.get(crate::Span::new(a, z)).unwrap_or_default().replace('\n', " ");
    let from = start.saturating_sub(AROUND);
    let to = (end + AROUND).min(text.len_chars());
    format!(
        "start {start}, end {end} (text line {line}, column {column}): \"{}{}[{}]{}{}\"",
        if from > 0 { "…" } else { "" },
        get(from, start),
        get(start, end),
        get(end, to),
        if to < text.len_chars() { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_by_text_occurrence_and_prefix() {
        let text = Text::new("Putin met Putin’s aide. Putin left.".into());
        let src = r#"{"schema_version":"1.0.0","document":"d","entities":[
            {"id":"e2","text":"Putin","occurrence":3,"label":"PERSON","entity":"p"},
            {"id":"e1","text":"aide","label":"PERSON","entity":"p"},
            {"id":"e3","text":"Putin","prefix":"met ","label":"PERSON","entity":"p"}]}"#;
        let out = annotation(src, &text, "d.json").unwrap();
        let f: AnnotationFile = serde_json::from_str(&out).unwrap();
        let spans: Vec<_> = f.entities.iter().map(|m| (m.id.as_str(), m.start, m.end)).collect();
        assert_eq!(spans, [("e3", 10, 15), ("e1", 18, 22), ("e2", 24, 29)]);
        assert!(out.ends_with("}\n") && out.contains("\n  \"entities\": [\n    {"));
        // Ambiguous and absent anchors fail.
        let amb = r#"{"schema_version":"1.0.0","document":"d","entities":[{"id":"e1","text":"Putin","label":"PERSON","entity":"p"}]}"#;
        let err = annotation(amb, &text, "d.json").unwrap_err();
        assert!(err.to_string().contains("occurs 3 times"), "{err}");
        // The whole-word candidates, in code points (`Putin’s` counts: the apostrophe ends the word).
        assert_eq!(err.kind(), &ErrorKind::Anchor { surface: "Putin".into(), candidates: vec![0, 10, 24] });
        let none = amb.replace("\"Putin\"", "\"Biden\"");
        assert!(matches!(
            annotation(&none, &text, "d.json").unwrap_err().into_kind(),
            ErrorKind::Anchor { surface, candidates } if surface == "Biden" && candidates.is_empty()
        ));
    }

    #[test]
    fn only_whole_words_count_and_candidates_are_listed() {
        let text = Text::new("Central Asian migrants.\nCentral Asia and Central Asia again.".into());
        let occ = |n: u32| {
            format!(
                r#"{{"schema_version":"1.0.0","document":"d","entities":[{{"id":"e1","text":"Central Asia","occurrence":{n},"label":"LOC","entity":"central-asia"}}]}}"#
            )
        };
        let f: AnnotationFile = serde_json::from_str(&annotation(&occ(1), &text, "d.json").unwrap()).unwrap();
        assert_eq!((f.entities[0].start, f.entities[0].end), (24, 36));
        let f: AnnotationFile = serde_json::from_str(&annotation(&occ(2), &text, "d.json").unwrap()).unwrap();
        assert_eq!(f.entities[0].start, 41);
        let err = annotation(&occ(3), &text, "d.json").unwrap_err();
        let msg = err.message();
        assert!(msg.contains("occurs 2 time(s) as a whole word in the text, not 3"), "{msg}");
        assert!(
            msg.contains("1. start 24, end 36 (text line 2, column 1): \"Central Asian migrants. [Central Asia] and"),
            "{msg}"
        );
        assert!(msg.contains("inside longer words (not counted):\n    1. start 0, end 12"), "{msg}");
        assert_eq!((err.position().line, err.position().column), (Some(1), Some(54)));
        // Prefix and suffix select among whole words only.
        let pre = occ(1).replace(r#""occurrence":1"#, r#""prefix":"and ""#);
        let f: AnnotationFile = serde_json::from_str(&annotation(&pre, &text, "d.json").unwrap()).unwrap();
        assert_eq!(f.entities[0].start, 41);
        let suf = occ(1).replace(r#""occurrence":1"#, r#""suffix":" and""#);
        let f: AnnotationFile = serde_json::from_str(&annotation(&suf, &text, "d.json").unwrap()).unwrap();
        assert_eq!(f.entities[0].start, 24);
        let both = occ(1).replace(r#""occurrence":1"#, r#""prefix":"x","occurrence":1"#);
        assert!(annotation(&both, &text, "d.json").unwrap_err().message().contains("not both"));
    }

    #[test]
    fn nested_spans_are_anchored_too() {
        let text = Text::new("Officials said the gunmen fled. Officials said so.".into());
        let src = r#"{"schema_version":"1.0.0","document":"d","claims":[{"id":"c1","text":"the gunmen fled",
            "claimer":{"kind":"unnamed","description":{"text":"Officials","occurrence":1}},
            "cue":{"text":"said","suffix":" the"},"attribution":"indirect","types":["event"],"checkworthy":true}]}"#;
        let f: AnnotationFile = serde_json::from_str(&annotation(src, &text, "d.json").unwrap()).unwrap();
        let c = &f.claims[0];
        assert_eq!((c.start, c.end), (15, 30));
        assert_eq!(c.cue.as_ref().map(|c| (c.start, c.end)), Some((10, 14)));
        match &c.claimer {
            crate::model::Claimer::Unnamed { description: Some(d) } => assert_eq!((d.start, d.end), (0, 9)),
            other => panic!("{other:?}"),
        }
    }
}
