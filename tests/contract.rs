//! The contract: for any input, `validate` says valid if and only if every reader of this crate
//! accepts it (`Corpus::from_dir`, `Corpus::from_files`, `Corpus::from_record`, and the stream
//! export behind `crocus export --input`). Real records and files are mutated (labels, enums,
//! numbers, ids, references, offsets, types) and both directions are checked; the mistakes that
//! once passed the validator and failed a reader are checked end to end through the binary.

#![cfg(feature = "cli")]

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use crocus_corpus::export::stream::{self, StreamFormat};
use crocus_corpus::export::{self, Options, RecordKind};
use crocus_corpus::validate::{self, Code};
use crocus_corpus::Corpus;
use proptest::prelude::*;
use serde_json::{json, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn records() -> Vec<String> {
    export::jsonl_records(Corpus::embedded(), &Options::default(), RecordKind::Documents)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every pointer to a scalar in `v`.
fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                leaves(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

/// A replacement for a scalar: a neighbour number, a near or foreign string, another type.
fn mutate(old: &Value, which: usize) -> Value {
    let pool = ["bogus", "e1", "c1", "s1", "LOC", "GPE", "SUPPORT", "event", "number", "", " ", "author"];
    match old {
        Value::Number(n) => {
            let n = n.as_f64().unwrap_or(0.0);
            [
                json!(n + 1.0),
                json!((n - 1.0).max(0.0)),
                json!(0),
                json!(1_000_000_000_000u64),
                json!(n + 0.5),
                json!(-3),
            ][which % 6]
                .clone()
        }
        Value::String(s) => match which % 5 {
            0 => json!(format!("{s}x")),
            1 => json!(s.chars().skip(1).collect::<String>()),
            2 => json!(s.to_lowercase()),
            3 => json!(5),
            _ => json!(pool[which % pool.len()]),
        },
        Value::Bool(b) => [json!(!b), json!("true")][which % 2].clone(),
        Value::Null => [json!("bogus"), json!(0)][which % 2].clone(),
        _ => Value::Null,
    }
}

/// A record or file with one leaf mutated, or with one id copied onto another.
fn mutated(v: &Value, leaf: prop::sample::Index, which: usize) -> Value {
    let mut v = v.clone();
    let mut all = Vec::new();
    leaves(&v, String::new(), &mut all);
    let pointer = leaf.get(&all).clone();
    if which % 7 == 6 && pointer.ends_with("/id") {
        // Two items with one id: the id of the first item of the same list.
        let first = format!("{}/0/id", pointer.rsplitn(3, '/').nth(2).unwrap_or_default());
        if let Some(id) = v.pointer(&first).cloned() {
            *v.pointer_mut(&pointer).unwrap() = id;
            return v;
        }
    }
    let old = v.pointer(&pointer).unwrap().clone();
    *v.pointer_mut(&pointer).unwrap() = mutate(&old, which);
    v
}

/// (validate passes, `from_record` accepts, the stream export accepts) for one line.
fn verdicts(line: &str) -> (bool, bool, bool, String) {
    let report = validate::validate_jsonl_with("x.jsonl", line.as_bytes(), 1).unwrap();
    let read = Corpus::from_record(line);
    let mut out = Vec::new();
    let exported = stream::export(line.as_bytes(), &mut out, StreamFormat::Conll, &Options::default(), 1);
    let why = format!(
        "{}\nfrom_record: {:?}\nexport: {:?}",
        report.render(validate::Format::Human, false, false),
        read.as_ref().err(),
        exported.as_ref().err()
    );
    (report.is_valid(false), read.is_ok(), exported.is_ok(), why)
}

/// The shipped corpus as files in memory, keyed by their path relative to the root.
fn corpus_files() -> HashMap<String, Vec<u8>> {
    let mut files = HashMap::new();
    for dir in ["corpus", "corpus/texts", "annotations"] {
        for entry in std::fs::read_dir(Path::new(ROOT).join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() && path.extension().is_some_and(|x| x == "json" || x == "txt") {
                let rel = format!("{dir}/{}", path.file_name().unwrap().to_str().unwrap());
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    assert!(files.contains_key("corpus/manifest.json") && files.len() > 10, "the corpus files are where they belong");
    files
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// A document record with one value changed: valid for the validator iff every reader takes it.
    #[test]
    fn a_record_is_valid_iff_every_reader_accepts_it(
        doc in 0usize..5,
        leaf in any::<prop::sample::Index>(),
        which in 0usize..60,
    ) {
        let records = records();
        let v: Value = serde_json::from_str(&records[doc % records.len()]).unwrap();
        let line = serde_json::to_string(&mutated(&v, leaf, which)).unwrap();
        let (valid, read, exported, why) = verdicts(&line);
        prop_assert_eq!(valid, read, "validate and from_record disagree\n{}", why);
        prop_assert_eq!(valid, exported, "validate and export --input disagree\n{}", why);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// An annotation file or registry of the shipped corpus with one value changed: valid for the
    /// validator iff `from_files` and `from_dir` load it.
    #[test]
    fn a_corpus_is_valid_iff_every_reader_accepts_it(
        file in any::<prop::sample::Index>(),
        leaf in any::<prop::sample::Index>(),
        which in 0usize..60,
    ) {
        let mut files = corpus_files();
        let mut json: Vec<&String> = files.keys().filter(|k| k.ends_with(".json")).collect();
        json.sort();
        let name = file.get(&json).to_string();
        let v: Value = serde_json::from_slice(&files[&name]).unwrap();
        files.insert(name.clone(), serde_json::to_vec_pretty(&mutated(&v, leaf, which)).unwrap());

        let report = validate::validate_in_memory(&files);
        let valid = report.is_valid(false);
        let from_files = Corpus::from_files(files.clone());
        let dir = tempfile::tempdir().unwrap();
        for (rel, bytes) in &files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let root = validate::validate_root(dir.path()).unwrap();
        let from_dir = Corpus::from_dir(dir.path());
        let why = format!("{name}\n{}\n{:?}", report.render(validate::Format::Human, false, false), from_files.as_ref().err());
        prop_assert_eq!(&root.diagnostics, &report.diagnostics, "the same files give the same report");
        prop_assert_eq!(valid, from_files.is_ok(), "validate and from_files disagree\n{}", why);
        prop_assert_eq!(valid, from_dir.is_ok(), "validate and from_dir disagree\n{}", why);
    }
}

/// A record with one change made by `edit`.
fn record_with(edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&records()[0]).unwrap();
    edit(&mut v);
    serde_json::to_string(&v).unwrap()
}

/// The mistakes that once passed `crocus validate FILE.jsonl` and failed a reader (or were errors
/// in an annotation file but not in a record): each is now a located error of the validator, and
/// `crocus export --input` refuses it with the same diagnostic.
#[test]
fn the_known_gaps_are_closed_end_to_end() {
    let first_entity_claimer =
        |v: &Value| v["claims"].as_array().unwrap().iter().position(|c| c["claimer"]["kind"] == "entity").unwrap();
    let first_proposition =
        |v: &Value| v["claims"].as_array().unwrap().iter().position(|c| c["proposition"].is_object()).unwrap();
    let cases: Vec<(&str, String, Code, String)> = vec![
        (
            "claim type",
            record_with(|v| v["claims"][0]["types"] = json!(["bogus"])),
            Code::SchemaViolation,
            "bogus".into(),
        ),
        (
            "quality flag kind",
            record_with(|v| {
                v["quality_flags"] = json!([{"kind": "bogus", "note": "n", "evidence": []}]);
            }),
            Code::SchemaViolation,
            "bogus".into(),
        ),
        (
            "proposition value kind",
            record_with(|v| {
                let i = first_proposition(v);
                v["claims"][i]["proposition"]["value_kind"] = json!("bogus");
            }),
            Code::SchemaViolation,
            "bogus".into(),
        ),
        (
            "claimer mention",
            record_with(|v| {
                let i = first_entity_claimer(v);
                v["claims"][i]["claimer"]["mention_id"] = json!("e9999");
            }),
            Code::UnresolvedReference,
            "mention `e9999` is not an entity mention of this document".into(),
        ),
        (
            "duplicate mention id",
            record_with(|v| {
                let id = v["entities"][0]["id"].clone();
                v["entities"][1]["id"] = id;
            }),
            Code::DuplicateId,
            "is used twice in this document".into(),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (what, line, code, message) in cases {
        let report = validate::validate_jsonl_with("x.jsonl", line.as_bytes(), 1).unwrap();
        let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.code == code).collect();
        assert!(
            errors.iter().any(|d| d.message.contains(&message) && d.line() == 1 && d.column() > 1),
            "{what}: {}",
            report.render(validate::Format::Human, false, false)
        );
        let file = dir.path().join("x.jsonl");
        std::fs::write(&file, format!("{line}\n")).unwrap();
        let crocus = |args: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_crocus")).args(args).env("NO_COLOR", "1").output().unwrap()
        };
        let v = crocus(&["validate", file.to_str().unwrap()]);
        assert_eq!(v.status.code(), Some(1), "{what}: validate must fail");
        assert!(String::from_utf8_lossy(&v.stdout).contains(code.as_str()), "{what}");
        let e = crocus(&["export", "--input", file.to_str().unwrap(), "--format", "conll"]);
        assert_ne!(e.status.code(), Some(0), "{what}: export --input must refuse what validate refuses");
        assert!(
            String::from_utf8_lossy(&e.stderr).contains(code.as_str()),
            "{what}: {}",
            String::from_utf8_lossy(&e.stderr)
        );
    }
}

/// A reader refuses with the most basic error and says how many more `crocus validate` lists; the
/// command lists exactly that many.
#[test]
fn a_reader_error_counts_what_validate_lists() {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in corpus_files() {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    // Two mistakes in one annotation file: a duplicate id and a shifted span.
    let file = dir.path().join("annotations/cruel-irony.json");
    let mut v: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    v["entities"][1]["id"] = v["entities"][0]["id"].clone();
    let start = v["entities"][2]["start"].as_u64().unwrap();
    v["entities"][2]["start"] = json!(start + 1);
    v["entities"][2]["end"] = json!(v["entities"][2]["end"].as_u64().unwrap() + 1);
    std::fs::write(&file, serde_json::to_vec_pretty(&v).unwrap()).unwrap();

    let err = Corpus::from_dir(dir.path()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("E012 span-text-mismatch"), "the most basic error comes first: {msg}");
    assert!(msg.contains("(and 1 more error: run `crocus validate` for all of them)"), "{msg}");
    assert_eq!(err.position().pointer.as_deref(), Some("/entities/2/text"));

    let o = Command::new(env!("CARGO_BIN_EXE_crocus"))
        .args(["--root", dir.path().to_str().unwrap(), "validate"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.ends_with("invalid: 2 errors, 0 warnings\n"), "{out}");
    assert!(out.contains("error[E012]") && out.contains("error[E017]"), "{out}");
}
