//! The validator: one fixture per rule, the shipped corpus under `--strict`, the schemas, and
//! arbitrary input never panicking.

#![cfg(feature = "validate")]

use std::path::{Path, PathBuf};

use crocus_corpus::validate::{self, Code, FileKind, Format};
use crocus_corpus::{Corpus, ErrorKind};
use proptest::prelude::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if let Some(name) = entry.file_name().to_str().and_then(|n| n.strip_suffix(".delete")) {
            let _ = std::fs::remove_file(to.join(name));
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn fixture_root(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(ROOT).join("tests/fixtures/base"), dir.path());
    copy_dir(&Path::new(ROOT).join("tests/fixtures/validate").join(name), dir.path());
    dir
}

#[test]
fn the_base_fixture_is_valid() {
    let report = validate::validate_root(Path::new(ROOT).join("tests/fixtures/base")).unwrap();
    assert!(report.diagnostics.is_empty(), "{}", report.render(Format::Human, true, false));
}

#[test]
fn each_fixture_breaks_exactly_its_rule() {
    let dir = Path::new(ROOT).join("tests/fixtures/validate");
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut covered = Vec::new();
    for name in &names {
        let code = &name[..4];
        let root = fixture_root(name);
        let report = validate::validate_root(root.path()).unwrap();
        let human = report.render(Format::Human, false, false);
        assert!(!report.diagnostics.is_empty(), "{name}: no diagnostic");
        for d in &report.diagnostics {
            assert_eq!(d.code.as_str(), code, "{name}: unexpected diagnostic\n{human}");
        }
        let strict_fails = !report.is_valid(true);
        assert!(strict_fails, "{name}: must fail under --strict");
        assert_eq!(report.is_valid(false), code.starts_with('W'), "{name}: warnings pass without --strict");
        if code.starts_with('E') {
            // The reader that runs the validator refuses with this rule's kind, carrying the
            // values of the finding for the rules that have them; the structural reader, when it
            // finds the mistake too, gives the same kind.
            let err = Corpus::from_dir(root.path()).unwrap_err();
            assert_eq!(err.kind().code().map(Code::as_str), Some(code), "{name}: {err}");
            assert_eq!(err.kind(), &report.diagnostics[0].error_kind(), "{name}");
            let with_values = ["E002", "E006", "E008", "E009", "E010", "E017", "E018"];
            let has_values = !matches!(
                err.kind(),
                ErrorKind::Rule { .. } | ErrorKind::Syntax | ErrorKind::Shape | ErrorKind::ByteOrderMark
            );
            assert_eq!(has_values, with_values.contains(&code), "{name}: {:?}", err.kind());
            if let Err(structural) = Corpus::from_dir_structural(root.path()) {
                assert_eq!(structural.kind(), err.kind(), "{name}: {structural}");
            }
        }
        insta::assert_snapshot!(format!("validate-{name}-human"), human);
        insta::assert_snapshot!(format!("validate-{name}-json"), report.render(Format::Json, false, false));
        covered.push(code.to_string());
    }
    // Every rule has its fixture.
    for code in Code::ALL {
        assert!(covered.iter().any(|c| c == code.as_str()), "no fixture for {code}");
    }
}

#[test]
fn github_format_is_one_workflow_command_per_diagnostic() {
    let root = fixture_root("E012-span-text-mismatch");
    let report = validate::validate_root(root.path()).unwrap();
    let out = report.render(Format::Github, true, false);
    assert_eq!(out.lines().count(), report.diagnostics.len());
    for line in out.lines() {
        assert!(line.starts_with("::error file=annotations/mini.json,line="), "{line}");
        assert!(line.contains(",col=") && line.contains("::`text` is"), "{line}");
    }
}

#[test]
fn the_shipped_corpus_is_valid_under_strict() {
    let report = validate::validate_root(ROOT).unwrap();
    assert!(report.diagnostics.is_empty(), "{}", report.render(Format::Human, true, false));
    let report = validate::validate_embedded();
    assert!(report.diagnostics.is_empty(), "{}", report.render(Format::Human, true, false));
}

#[test]
fn schemas_are_valid_2020_12_and_self_contained() {
    for kind in FileKind::ALL {
        let schema: serde_json::Value = serde_json::from_str(kind.schema_text()).unwrap();
        jsonschema::draft202012::meta::validate(&schema).unwrap_or_else(|e| panic!("{}: {e}", kind.schema_file()));
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert!(schema["$id"].as_str().unwrap().ends_with(kind.schema_file()));
        // No remote references: every $ref is local.
        let text = kind.schema_text();
        for (i, _) in text.match_indices("\"$ref\"") {
            assert!(text[i..].starts_with("\"$ref\": \"#/"), "{}: non-local $ref", kind.schema_file());
        }
    }
    // Every schema file shipped in schema/ is one the crate compiles in and checks with (the
    // compiled-in text is the file itself, by `include_str!`, so comparing the two would test
    // nothing).
    let mut shipped: Vec<String> = std::fs::read_dir(Path::new(ROOT).join("schema"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".schema.json"))
        .collect();
    shipped.sort();
    let mut known: Vec<String> = FileKind::ALL.iter().map(|k| k.schema_file().to_string()).collect();
    // `crocus eval`'s prediction and report schemas: generated and checked by tests/eval.rs.
    known.extend(["eval-prediction.schema.json".to_string(), "eval-report.schema.json".to_string()]);
    known.sort();
    assert_eq!(shipped, known, "a schema in schema/ that no FileKind validates with, or one missing");
}

#[test]
fn every_shipped_file_names_and_matches_its_schema() {
    let mut files: Vec<PathBuf> = vec![PathBuf::from("corpus/manifest.json")];
    for e in std::fs::read_dir(Path::new(ROOT).join("annotations")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            files.push(p.strip_prefix(ROOT).unwrap().to_path_buf());
        }
    }
    for rel in files {
        let kind = FileKind::of_path(rel.to_str().unwrap()).unwrap();
        let value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(Path::new(ROOT).join(&rel)).unwrap()).unwrap();
        assert_eq!(value["$schema"], format!("../schema/{}", kind.schema_file()), "{}", rel.display());
        let errors: Vec<String> = kind.validator().iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", rel.display());
    }
}

#[test]
fn every_code_is_documented_in_the_rule_table() {
    let rules = std::fs::read_to_string(Path::new(ROOT).join("docs/validator-rules.md")).unwrap();
    for code in Code::ALL {
        assert!(
            rules.contains(&format!("`{}` | `{}`", code.as_str(), code.name())),
            "docs/validator-rules.md lacks {code}"
        );
    }
}

#[test]
fn malformed_inputs_are_located_diagnostics() {
    let root = Path::new(ROOT).join("tests/fixtures/base");
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", b"{\"schema_version\": \"2.0.0\", \"document\": \"mi".to_vec()),
        ("deep", format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes()),
        ("huge-number", b"{\"schema_version\":\"2.0.0\",\"document\":\"mini\",\"entities\":[{\"id\":\"e1\",\"start\":1e999,\"end\":2,\"text\":\"x\",\"label\":\"GPE\"}]}".to_vec()),
        ("wrong-type", b"{\"schema_version\":\"2.0.0\",\"document\":7}".to_vec()),
        ("not-an-object", b"[1,2,3]".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(&path, &bytes).unwrap();
        let report = validate::validate_files(&root, &[path]).unwrap();
        assert!(!report.is_valid(false), "{name} must be invalid");
        for d in &report.diagnostics {
            assert!(d.line() >= 1 && d.column() >= 1, "{name}: {d:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let root = Path::new(ROOT).join("tests/fixtures/base");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mini.json");
        std::fs::write(&path, &bytes).unwrap();
        let report = validate::validate_files(&root, &[path]).unwrap();
        let _ = report.render(Format::Human, true, false);
    }

    #[test]
    fn mutated_annotation_files_never_panic(cut in 0usize..2000, byte in any::<u8>()) {
        let root = Path::new(ROOT).join("tests/fixtures/base");
        let mut bytes = std::fs::read(root.join("annotations/mini.json")).unwrap();
        let i = cut % bytes.len();
        bytes[i] = byte;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mini.json");
        std::fs::write(&path, &bytes).unwrap();
        let report = validate::validate_files(&root, &[path]).unwrap();
        let _ = report.render(Format::Human, false, false);
        let _ = report.render(Format::Json, false, false);
    }
}

#[test]
fn fuzz_regressions_render_without_panic() {
    // Inputs the fuzzer found (fuzz/): a JSON error inside a multi-byte character.
    let bytes = std::fs::read(Path::new(ROOT).join("tests/fixtures/fuzz-crash-1.bin")).unwrap();
    for name in ["annotations/cruel-irony.json", "annotations/entities.json"] {
        let report = validate::validate_bytes(name, &bytes);
        assert!(!report.is_valid(false));
        let _ = report.render(Format::Human, true, false);
    }
}
