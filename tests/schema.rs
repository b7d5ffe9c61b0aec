//! The committed JSON Schemas are the ones generated from the model: a model change without its
//! schema fails here (`UPDATE_SCHEMA=1 cargo test --all-features --test schema` rewrites them).
//! And the generated schemas say what the readers say: a label, kind or enum value the serde model
//! rejects, the schema rejects.
#![cfg(all(feature = "schema", feature = "validate", feature = "export"))]

use std::path::Path;

use crocus_corpus::export::{self, Options, RecordKind};
use crocus_corpus::schema::{generate, FileKind};
use crocus_corpus::Corpus;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn committed_schemas_are_generated_from_the_model() {
    let update = std::env::var_os("UPDATE_SCHEMA").is_some();
    let mut stale = Vec::new();
    for kind in FileKind::ALL {
        let path = Path::new(ROOT).join("schema").join(kind.schema_file());
        let generated = generate(kind);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            if update {
                std::fs::write(&path, &generated).unwrap();
            } else {
                stale.push(kind.schema_file());
            }
        }
    }
    assert!(stale.is_empty(), "stale schemas {stale:?}: run `UPDATE_SCHEMA=1 cargo test --all-features --test schema`");
}

#[test]
fn generated_schemas_are_valid_closed_and_versioned() {
    for kind in FileKind::ALL {
        let schema: serde_json::Value = serde_json::from_str(&generate(kind)).unwrap();
        jsonschema::draft202012::meta::validate(&schema).unwrap_or_else(|e| panic!("{}: {e}", kind.schema_file()));
        jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{}: {e}", kind.schema_file()));
        assert_eq!(schema["additionalProperties"], false, "{}", kind.schema_file());
        assert!(schema["title"].is_string() && schema["description"].is_string(), "{}", kind.schema_file());
        if !kind.is_export() {
            assert_eq!(schema["properties"]["schema_version"]["const"], crocus_corpus::SCHEMA_VERSION);
        }
    }
}

/// The first document line of the export, as JSON.
fn document_line() -> serde_json::Value {
    let jsonl = export::jsonl(Corpus::embedded(), &Options::default());
    serde_json::from_str(jsonl.lines().next().unwrap()).unwrap()
}

fn schema_accepts(kind: FileKind, value: &serde_json::Value) -> bool {
    let schema: serde_json::Value = serde_json::from_str(&generate(kind)).unwrap();
    jsonschema::draft202012::new(&schema).unwrap().is_valid(value)
}

#[test]
fn the_schema_rejects_what_the_model_rejects_in_a_document_line() {
    let line = document_line();
    assert!(schema_accepts(FileKind::ExportDocuments, &line));
    let mutations: [(&str, serde_json::Value); 6] = [
        ("/claims/0/types/0", "bogus".into()),
        ("/quality_flags/0/kind", "bogus".into()),
        ("/claims/0/proposition/value_kind", "bogus".into()),
        ("/claims/0/claimer/kind", "bogus".into()),
        ("/entities/0/label", "PERSONS".into()),
        ("/offsets", "bogus".into()),
    ];
    for (pointer, bad) in mutations {
        let mut v = line.clone();
        *v.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer} exists")) = bad;
        assert!(!schema_accepts(FileKind::ExportDocuments, &v), "schema accepts {pointer}");
        let text = serde_json::to_string(&v).unwrap();
        assert!(
            serde_json::from_str::<crocus_corpus::model::jsonl::DocumentLine>(&text).is_err(),
            "model accepts {pointer}"
        );
    }
    let mut extra = line.clone();
    extra["entities"][0]["bogus"] = true.into();
    assert!(!schema_accepts(FileKind::ExportDocuments, &extra));
}

#[test]
fn every_flat_line_matches_its_schema_and_is_closed() {
    let c = Corpus::embedded();
    for (kind, file) in [
        (RecordKind::Entities, FileKind::ExportEntities),
        (RecordKind::Claims, FileKind::ExportClaims),
        (RecordKind::Stances, FileKind::ExportStances),
    ] {
        let out = export::jsonl_records(c, &Options::default(), kind);
        for line in out.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(schema_accepts(file, &v), "{kind}: {line}");
        }
        let mut v: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        v["unknown_column"] = 1.into();
        assert!(!schema_accepts(file, &v), "{kind} is not closed");
    }
}
