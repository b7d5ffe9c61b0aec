//! The canonical form of annotation files, which `crocus fmt` writes.
//!
//! One form for every file keeps diffs small and reviews honest: keys in the model's order, spans
//! sorted by offset, two-space indentation, a final newline. Contributors may also write a span
//! by its `text` alone, with an `occurrence` (1-based, counted in the whole text) or a `prefix`
//! (the characters right before it) when the text occurs more than once; formatting fills in
//! `start` and `end` and fails when the anchor is ambiguous or absent.

use serde_json::{Map, Value as Json};

use crate::error::{Error, ErrorKind, Position};
use crate::model::{AnnotationFile, EntityRegistry, PropositionRegistry, TargetRegistry};
use crate::text::Text;

/// Canonical text of an annotation file, resolving text-anchored spans against `text`.
///
/// # Errors
/// [`ErrorKind::Json`] when the file does not parse or has the wrong shape;
/// [`ErrorKind::Mismatch`] when an anchor is ambiguous or not found.
pub fn annotation(src: &str, text: &Text, path: &str) -> Result<String, Error> {
    let mut json: Json = serde_json::from_str(src).map_err(|e| Error::json(e, src.as_bytes(), path))?;
    anchor_all(&mut json, text, "", path)?;
    let mut file: AnnotationFile =
        serde_json::from_value(json).map_err(|e| Error::new(ErrorKind::Json, e.to_string()).in_file(path))?;
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
/// [`ErrorKind::Json`] when the file does not parse or has the wrong shape.
pub fn registry(src: &str, path: &str) -> Result<String, Error> {
    let name = path.replace('\\', "/");
    let name = name.rsplit('/').next().unwrap_or("");
    let err = |e: serde_json::Error| Error::json(e, src.as_bytes(), path);
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
        _ => return Err(Error::new(ErrorKind::Missing, format!("{path} is not a registry file")).in_file(path)),
    })
}

/// Pretty JSON with two-space indentation and a final newline.
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("the model serializes");
    s.push('\n');
    s
}

/// Resolves every object in `json` that has `text` but no `start`/`end`.
fn anchor_all(json: &mut Json, text: &Text, pointer: &str, path: &str) -> Result<(), Error> {
    match json {
        Json::Object(map) => {
            if map.get("text").is_some_and(Json::is_string) && !map.contains_key("start") && !map.contains_key("end") {
                anchor(map, text, pointer, path)?;
            }
            for (k, v) in map.iter_mut() {
                anchor_all(v, text, &format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")), path)?;
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                anchor_all(v, text, &format!("{pointer}/{i}"), path)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn anchor(map: &mut Map<String, Json>, text: &Text, pointer: &str, path: &str) -> Result<(), Error> {
    let surface = map["text"].as_str().unwrap_or_default().to_string();
    let fail = |msg: String| {
        Error::new(ErrorKind::Mismatch, msg).at(Position {
            file: Some(path.into()),
            line: None,
            column: None,
            pointer: Some(pointer.to_string()),
        })
    };
    if surface.is_empty() {
        return Err(fail("an anchored span needs a non-empty `text`".into()));
    }
    let hits: Vec<usize> =
        text.as_str().match_indices(surface.as_str()).filter_map(|(b, _)| text.char_offset_from_byte(b)).collect();
    let occurrence = map.remove("occurrence");
    let prefix = map.remove("prefix");
    let start = match (occurrence, prefix) {
        (Some(n), None) => {
            let n = n.as_u64().filter(|&n| n >= 1).ok_or_else(|| fail("`occurrence` is a number from 1".into()))?;
            *hits
                .get(n as usize - 1)
                .ok_or_else(|| fail(format!("{surface:?} occurs {} times in the text, not {n}", hits.len())))?
        }
        (None, Some(p)) => {
            let p = p.as_str().ok_or_else(|| fail("`prefix` is a string".into()))?;
            let plen = p.chars().count();
            let matching: Vec<usize> = hits
                .iter()
                .copied()
                .filter(|&h| h >= plen && text.get(crate::Span::new(h - plen, h)) == Some(p))
                .collect();
            match matching.as_slice() {
                [one] => *one,
                [] => return Err(fail(format!("no occurrence of {surface:?} follows {p:?}"))),
                _ => {
                    return Err(fail(format!(
                        "{} occurrences of {surface:?} follow {p:?}; use a longer prefix or `occurrence`",
                        matching.len()
                    )))
                }
            }
        }
        (None, None) => match hits.as_slice() {
            [one] => *one,
            [] => return Err(fail(format!("{surface:?} does not occur in the text"))),
            _ => {
                return Err(fail(format!(
                    "{surface:?} occurs {} times; add `occurrence` (1-based) or `prefix` to choose one",
                    hits.len()
                )))
            }
        },
        (Some(_), Some(_)) => return Err(fail("give `occurrence` or `prefix`, not both".into())),
    };
    map.insert("start".into(), Json::from(start));
    map.insert("end".into(), Json::from(start + surface.chars().count()));
    Ok(())
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
        assert!(annotation(amb, &text, "d.json").unwrap_err().to_string().contains("occurs 3 times"));
        let none = amb.replace("\"Putin\"", "\"Biden\"");
        assert_eq!(annotation(&none, &text, "d.json").unwrap_err().kind(), ErrorKind::Mismatch);
    }
}
