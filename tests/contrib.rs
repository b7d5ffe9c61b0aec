//! The contributor workflow end to end, on a temporary copy of the corpus: spans written by their
//! text and filled in by `crocus fmt`, and every example of README.md, CONTRIBUTING.md and
//! docs/contributing-workflow.md run as written.

#![cfg(feature = "cli")]

use std::path::Path;

mod common;
use common::{copy, crocus_in, text};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DOCS: [&str; 3] = ["README.md", "CONTRIBUTING.md", "docs/contributing-workflow.md"];

/// A temporary corpus root: a copy of `corpus/` and `annotations/`.
fn corpus_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for d in ["corpus", "annotations"] {
        copy(&Path::new(ROOT).join(d), &tmp.path().join(d));
    }
    tmp
}

/// Removes the span object with `id` from the canonical text of an annotation file, as a person
/// would delete its lines.
fn remove_span(src: &str, id: &str) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let at = lines.iter().position(|l| l.trim() == format!("\"id\": \"{id}\",")).unwrap_or_else(|| panic!("no {id}"));
    let open = (0..at).rev().find(|&i| lines[i] == "    {").unwrap();
    let close = (at..lines.len()).find(|&i| lines[i] == "    }," || lines[i] == "    }").unwrap();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    if lines[close] == "    }" && lines[open - 1] == "    }," {
        out[open - 1] = "    }".into();
    }
    out.drain(open..=close);
    out.join("\n") + "\n"
}

/// Adds `span` (one line of JSON) as the last element of `layer`, as a person would type it.
fn add_span(src: &str, layer: &str, span: &str) -> String {
    let key = format!("  \"{layer}\": [\n");
    let at = src.find(&key).unwrap() + key.len();
    let end = at + src[at..].find("\n  ]").unwrap();
    format!("{},\n    {span}{}", &src[..end], &src[end..])
}

fn layer_of(span: &serde_json::Value) -> &'static str {
    match span["id"].as_str().unwrap().chars().next() {
        Some('e') => "entities",
        Some('c') => "claims",
        Some('s') => "stances",
        other => panic!("no layer for id {other:?}"),
    }
}

/// `(doc file, marker, file it names, block)` for every fenced block after a `<!-- fmt-… -->` marker.
fn marked_blocks(marker: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for doc in DOCS {
        let src = std::fs::read_to_string(Path::new(ROOT).join(doc)).unwrap();
        let tag = format!("<!-- {marker}");
        let mut rest = src.as_str();
        while let Some(i) = rest.find(&tag) {
            let after = &rest[i + tag.len()..];
            let arg = after[..after.find("-->").unwrap()].trim().trim_start_matches(':').trim().to_string();
            let fence = after.find("```").unwrap();
            let body_start = fence + after[fence..].find('\n').unwrap() + 1;
            let body_end = body_start + after[body_start..].find("```").unwrap();
            out.push((doc.to_string(), arg, after[body_start..body_end].to_string()));
            rest = &after[body_end..];
        }
    }
    out
}

#[test]
fn documented_anchor_examples_reproduce_the_shipped_file_and_validate() {
    if packaged() {
        return; // the packaged crate ships neither docs/ nor CONTRIBUTING.md nor .github/
    }
    let examples = marked_blocks("fmt-example");
    let in_doc = |d: &str| examples.iter().filter(|(doc, ..)| doc == d).count();
    assert!(DOCS.iter().all(|d| in_doc(d) > 0), "every doc runs an example: {examples:?}");
    for (doc, file, block) in &examples {
        let tmp = corpus_copy();
        let path = tmp.path().join(file);
        let original = std::fs::read_to_string(&path).unwrap();
        let span: serde_json::Value = serde_json::from_str(block.trim()).unwrap();
        assert!(span.get("start").is_none() && span.get("text").is_some(), "{doc}: an anchored span");
        let edited = add_span(&remove_span(&original, span["id"].as_str().unwrap()), layer_of(&span), block.trim());
        std::fs::write(&path, &edited).unwrap();
        // The strict loader rejects the anchored span; fmt does not need it.
        let o = crocus_in(tmp.path(), &["validate", "--strict"]);
        assert_eq!(o.status.code(), Some(1), "{doc}: validate before fmt");
        let o = crocus_in(tmp.path(), &["fmt"]);
        assert_eq!(o.status.code(), Some(0), "{doc}: {block}: {}", text(&o.stderr));
        assert_eq!(text(&o.stdout), format!("formatted {file}\n"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), original, "{doc}: {block} gives the shipped span");
        let o = crocus_in(tmp.path(), &["validate", "--strict"]);
        assert_eq!(o.status.code(), Some(0), "{doc}: {}", text(&o.stdout));
    }
}

#[test]
fn documented_ambiguous_anchor_fails_as_shown_and_writes_nothing() {
    if packaged() {
        return; // the packaged crate ships neither docs/ nor CONTRIBUTING.md nor .github/
    }
    let errors = marked_blocks("fmt-error:");
    let outputs = marked_blocks("fmt-error-output");
    assert_eq!(errors.len(), 1);
    assert_eq!(outputs.len(), 1);
    let (_, file, block) = &errors[0];
    let tmp = corpus_copy();
    let path = tmp.path().join(file);
    let original = std::fs::read_to_string(&path).unwrap();
    let span: serde_json::Value = serde_json::from_str(block.trim()).unwrap();
    let edited = add_span(&remove_span(&original, span["id"].as_str().unwrap()), layer_of(&span), block.trim());
    std::fs::write(&path, &edited).unwrap();
    // Another file that fmt would reformat stays as it is too.
    let other = tmp.path().join("annotations/cruel-irony.json");
    let compact = serde_json::to_string(
        &serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&other).unwrap()).unwrap(),
    )
    .unwrap();
    std::fs::write(&other, &compact).unwrap();
    let o = crocus_in(tmp.path(), &["fmt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert_eq!(text(&o.stderr), outputs[0].2, "the documented output is the real one");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited, "nothing written");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), compact, "nothing written in any file");
}

/// Every shipped span of every kind, rewritten as `text` + `prefix` + `suffix` (or `occurrence`),
/// comes back at its shipped offsets: entity mentions, claims, cues, claimer and holder
/// descriptions, span stances and exceptions.
#[test]
fn every_span_kind_is_anchored_back_to_its_shipped_offsets() {
    let tmp = corpus_copy();
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("corpus/manifest.json")).unwrap()).unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    let mut originals = Vec::new();
    for (n, rec) in manifest["documents"].as_array().unwrap().iter().enumerate() {
        let id = rec["id"].as_str().unwrap();
        let chars: Vec<char> =
            std::fs::read_to_string(tmp.path().join("corpus/texts").join(rec["source_file"].as_str().unwrap()))
                .unwrap()
                .chars()
                .collect();
        let path = tmp.path().join(format!("annotations/{id}.json"));
        let original = std::fs::read_to_string(&path).unwrap();
        let mut json: serde_json::Value = serde_json::from_str(&original).unwrap();
        let mut count = 0;
        strip(&mut json, "", &chars, n, &mut kinds, &mut count);
        assert!(count > 0);
        std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
        originals.push((path, original));
    }
    for k in ["/entities", "/claims", "/claims/cue", "/claims/claimer/description", "/stances"] {
        assert!(kinds.contains(k), "{k} in {kinds:?}");
    }
    let o = crocus_in(tmp.path(), &["fmt"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    for (path, original) in originals {
        assert_eq!(std::fs::read_to_string(&path).unwrap(), original, "{}", path.display());
    }
}

/// Replaces `start`/`end` of every object with a `text` by an anchor: alternately a `prefix` of
/// everything before it and a `suffix` of everything after it.
fn strip(
    json: &mut serde_json::Value,
    pointer: &str,
    chars: &[char],
    doc: usize,
    kinds: &mut std::collections::BTreeSet<String>,
    count: &mut usize,
) {
    match json {
        serde_json::Value::Object(map) => {
            if let (Some(s), Some(e), Some(_)) =
                (map.get("start").and_then(|v| v.as_u64()), map.get("end").and_then(|v| v.as_u64()), map.get("text"))
            {
                let (s, e) = (s as usize, e as usize);
                map.remove("start");
                map.remove("end");
                // The whole text before (or after) a span is unique to it, even in a text that
                // repeats a paragraph.
                if (*count + doc).is_multiple_of(2) && s > 0 {
                    map.insert("prefix".into(), chars[..s].iter().collect::<String>().into());
                } else {
                    map.insert("suffix".into(), chars[e..].iter().collect::<String>().into());
                }
                *count += 1;
                let kind: String =
                    pointer.split('/').filter(|s| s.parse::<usize>().is_err()).collect::<Vec<_>>().join("/");
                kinds.insert(kind);
            }
            for (k, v) in map.iter_mut() {
                strip(v, &format!("{pointer}/{k}"), chars, doc, kinds, count);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                strip(v, &format!("{pointer}/{i}"), chars, doc, kinds, count);
            }
        }
        _ => {}
    }
}

#[test]
fn absent_and_out_of_range_anchors_fail_with_candidates() {
    let tmp = corpus_copy();
    let path = tmp.path().join("annotations/hyperfocus-ukraine.json");
    let original = std::fs::read_to_string(&path).unwrap();
    for (span, expect) in [
        (
            r#"{"id": "e900", "text": "Piknik", "occurrence": 2, "label": "ORG", "entity": "piknik"}"#,
            "\"Piknik\" occurs 1 time(s) as a whole word in the text, not 2\n  candidates:\n    1. start 213, end 219",
        ),
        (
            r#"{"id": "e900", "text": "Pikni", "label": "ORG", "entity": "piknik"}"#,
            "\"Pikni\" does not occur as a whole word in the text\n  inside longer words (not counted):\n    1. start 213, end 218",
        ),
        (
            r#"{"id": "e900", "text": "Russia", "prefix": "Moscow, ", "label": "GPE", "entity": "russia"}"#,
            "no whole-word occurrence of \"Russia\" comes after \"Moscow, \"\n  candidates:\n    1. start 39, end 45",
        ),
    ] {
        let edited = add_span(&original, "entities", span);
        std::fs::write(&path, &edited).unwrap();
        let o = crocus_in(tmp.path(), &["fmt"]);
        assert_eq!(o.status.code(), Some(1), "{span}");
        let err = text(&o.stderr);
        assert!(err.starts_with("crocus fmt: annotations/hyperfocus-ukraine.json:"), "{err}");
        assert!(err.contains(expect), "{span}\n{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
    }
}

/// True in the packaged crate (`cargo package`), which ships the code, data and tests but not the
/// repository's docs and workflows.
fn packaged() -> bool {
    Path::new(ROOT).join("Cargo.toml.orig").exists()
}
