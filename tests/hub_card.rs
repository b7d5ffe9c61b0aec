//! The Hugging Face card (README front matter): its `configs` (with the leave-one-document-out
//! folds of the `sentences` config) and the explicit `features` of every config are generated
//! from the JSON Schemas of the exports (`schema/export-*.schema.json`, and the `SentenceRecord`
//! type for `sentences`), so that no column is typed `null` and the card cannot drift from the
//! files. `UPDATE_README=1` rewrites them.

#![cfg(all(feature = "export", feature = "eval"))]

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn resolve<'a>(root: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            resolve(root, &root["$defs"][name])
        }
        None => v,
    }
}

/// The non-null type of a schema node: `string`, `integer`, …, `object`, `array`.
fn kind<'a>(root: &'a Value, v: &'a Value) -> (&'a Value, String) {
    let v = resolve(root, v);
    if let Some(any) = v.get("anyOf").and_then(Value::as_array) {
        let non_null: Vec<&Value> = any.iter().filter(|x| x.get("type") != Some(&Value::from("null"))).collect();
        assert_eq!(non_null.len(), 1, "one non-null branch: {v}");
        return kind(root, non_null[0]);
    }
    if v.get("enum").is_some() {
        return (v, "string".into());
    }
    let t = match &v["type"] {
        Value::String(s) => s.clone(),
        Value::Array(a) => {
            let non_null: Vec<&str> = a.iter().filter_map(Value::as_str).filter(|s| *s != "null").collect();
            assert_eq!(non_null.len(), 1, "one non-null type: {v}");
            non_null[0].to_string()
        }
        other => panic!("no type in {other} ({v})"),
    };
    (v, t)
}

fn dtype(t: &str) -> &'static str {
    match t {
        "string" => "string",
        "integer" => "int64",
        "number" => "float64",
        "boolean" => "bool",
        other => panic!("not a scalar: {other}"),
    }
}

/// YAML of the `features` list of an object schema, at `indent`.
fn fields(root: &Value, obj: &Value, indent: usize, out: &mut String, class_labels: &[(&str, Vec<String>)]) {
    let pad = " ".repeat(indent);
    let props = obj["properties"].as_object().unwrap();
    for (name, v) in props {
        let _ = writeln!(out, "{pad}- name: {name}");
        if let Some((_, names)) = class_labels.iter().find(|(n, _)| n == name) {
            let _ = writeln!(out, "{pad}  sequence:\n{pad}    class_label:\n{pad}      names:");
            for (i, n) in names.iter().enumerate() {
                let _ = writeln!(out, "{pad}        '{i}': {n}");
            }
            continue;
        }
        feature(root, v, indent, out);
    }
}

fn feature(root: &Value, v: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    let (v, t) = kind(root, v);
    match t.as_str() {
        "object" => {
            let _ = writeln!(out, "{pad}  struct:");
            fields(root, v, indent + 2, out, &[]);
        }
        "array" => {
            let (item, it) = kind(root, &v["items"]);
            if it == "object" {
                let _ = writeln!(out, "{pad}  list:");
                fields(root, item, indent + 2, out, &[]);
            } else {
                let _ = writeln!(out, "{pad}  sequence: {}", dtype(&it));
            }
        }
        scalar => {
            let _ = writeln!(out, "{pad}  dtype: {}", dtype(scalar));
        }
    }
}

fn schema(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(Path::new(ROOT).join("schema").join(name)).unwrap()).unwrap()
}

/// The front matter from `configs:` to its end.
fn generated() -> String {
    let corpus = crocus_corpus::Corpus::embedded();
    let docs: Vec<&str> = corpus.iter().map(|d| d.id()).collect();
    let mut s = String::from("configs:\n");
    let flat = [
        ("documents", "dist/crocus.jsonl", "export-documents.schema.json"),
        ("entities", "dist/entities.jsonl", "export-entities.schema.json"),
        ("claims", "dist/claims.jsonl", "export-claims.schema.json"),
        ("stances", "dist/stances.jsonl", "export-stances.schema.json"),
    ];
    for (name, file, _) in flat {
        let _ = writeln!(s, "- config_name: {name}\n  data_files: {file}");
        if name == "documents" {
            s.push_str("  default: true\n");
        }
    }
    s.push_str("- config_name: sentences\n  data_files: dist/sentences/*.jsonl\n");
    for (k, held_out) in docs.iter().enumerate() {
        let _ = writeln!(s, "- config_name: sentences-fold-{}\n  data_files:\n  - split: train\n    path:", k + 1);
        for d in docs.iter().filter(|d| *d != held_out) {
            let _ = writeln!(s, "    - dist/sentences/{d}.jsonl");
        }
        let _ = writeln!(s, "  - split: test\n    path: dist/sentences/{held_out}.jsonl");
    }
    s.push_str("dataset_info:\n");
    let mut configs: Vec<(String, Value)> = flat.iter().map(|(n, _, f)| (n.to_string(), schema(f))).collect();
    let sentences = serde_json::to_value(schemars::schema_for!(crocus_corpus::export::SentenceRecord)).unwrap();
    configs.push(("sentences".into(), sentences.clone()));
    for k in 0..docs.len() {
        configs.push((format!("sentences-fold-{}", k + 1), sentences.clone()));
    }
    let ner = ("ner_tags", crocus_corpus::export::ner_tag_names());
    for (name, root) in &configs {
        let _ = writeln!(s, "- config_name: {name}\n  features:");
        fields(root, root, 2, &mut s, std::slice::from_ref(&ner));
    }
    s
}

#[test]
fn the_card_declares_every_config_and_its_features() {
    let path = Path::new(ROOT).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let a = readme.find("\nconfigs:\n").expect("front matter configs") + 1;
    let b = readme[a..].find("\n---\n").unwrap() + a + 1;
    let expected = generated();
    if readme[a..b] != expected {
        assert!(
            std::env::var_os("UPDATE_README").is_some(),
            "stale card: run `UPDATE_README=1 cargo test --all-features --test hub_card`"
        );
        let mut new = readme.clone();
        new.replace_range(a..b, &expected);
        std::fs::write(&path, new).unwrap();
    }
}
