//! Every hint is true and specific: for each, a mistake made on the base fixture, the hint it
//! gets, and then the hint followed (by hand, or by running the command it names) until the
//! corpus is valid again.

#![cfg(feature = "cli")]

use std::path::Path;
use std::process::Command;

use crocus_corpus::validate::{self, Code, Diagnostic, Format, Report};
use serde_json::{json, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A copy of the base fixture with `edit` applied to its annotation file.
fn base_with(edit: impl FnOnce(&mut Value)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(ROOT).join("tests/fixtures/base"), dir.path());
    edit_json(dir.path(), "annotations/mini.json", edit);
    dir
}

fn edit_json(root: &Path, file: &str, edit: impl FnOnce(&mut Value)) {
    let path = root.join(file);
    let mut v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    edit(&mut v);
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn report(root: &Path) -> Report {
    validate::validate_root(root).unwrap()
}

fn only(report: &Report) -> &Diagnostic {
    assert_eq!(report.diagnostics.len(), 1, "{}", report.render(Format::Human, false, false));
    &report.diagnostics[0]
}

fn hint(d: &Diagnostic) -> &str {
    d.hint.as_deref().unwrap_or_default()
}

fn assert_valid(root: &Path) {
    let r = report(root);
    assert!(r.diagnostics.is_empty(), "{}", r.render(Format::Human, true, false));
}

#[test]
fn the_base_fixture_is_valid() {
    assert_valid(&Path::new(ROOT).join("tests/fixtures/base"));
}

#[test]
fn a_duplicate_id_is_told_an_unused_id_and_no_command() {
    let dir = base_with(|v| v["entities"][1]["id"] = json!("e1"));
    let r = report(dir.path());
    let d = only(&r);
    assert_eq!((d.code, d.pointer()), (Code::DuplicateId, "/entities/1/id"));
    assert!(hint(d).contains("give this one an unused id, e.g. `e2`"), "{}", hint(d));
    assert!(!hint(d).contains("crocus"), "the hint names no command: {}", hint(d));
    // Followed: the id it proposes is free.
    edit_json(dir.path(), "annotations/mini.json", |v| v["entities"][1]["id"] = json!("e2"));
    assert_valid(dir.path());
}

#[test]
fn a_shifted_span_is_told_its_shift_before_anything_else() {
    // e6 is "Ukraine" at 73..80; moved two characters right it reads "raine d".
    let dir = base_with(|v| {
        v["entities"][5]["start"] = json!(75);
        v["entities"][5]["end"] = json!(82);
    });
    let r = report(dir.path());
    let about: Vec<&Diagnostic> = r.diagnostics.iter().filter(|d| d.pointer().starts_with("/entities/5")).collect();
    assert_eq!(about.len(), 1, "{}", r.render(Format::Human, false, false));
    let d = about[0];
    assert_eq!(d.code, Code::SpanTextMismatch);
    assert!(d.message.contains("shifted by -2: start should be 73 and end 80"), "{}", d.message);
    assert_eq!(hint(d), "set \"start\": 73, \"end\": 80");
    assert!(
        r.diagnostics.iter().all(|d| d.code == Code::SpanTextMismatch),
        "{}",
        r.render(Format::Human, false, false)
    );
    edit_json(dir.path(), "annotations/mini.json", |v| {
        v["entities"][5]["start"] = json!(73);
        v["entities"][5]["end"] = json!(80);
    });
    assert_valid(dir.path());
}

#[test]
fn a_trailing_space_is_told_to_trim_not_to_add_an_alias() {
    // e7 is "Biden" at 92..97; a space follows it.
    let dir = base_with(|v| {
        v["entities"][6]["end"] = json!(98);
        v["entities"][6]["text"] = json!("Biden ");
    });
    let r = report(dir.path());
    let d = only(&r);
    assert_eq!(d.code, Code::SpanWhitespaceEdge, "no W103: the surface form is wrong, not missing from the aliases");
    assert!(hint(d).ends_with("start 92, end 97, text \"Biden\""), "{}", hint(d));
    edit_json(dir.path(), "annotations/mini.json", |v| {
        v["entities"][6]["end"] = json!(97);
        v["entities"][6]["text"] = json!("Biden");
    });
    assert_valid(dir.path());
}

#[test]
fn a_misspelt_label_gets_a_did_you_mean() {
    let dir = base_with(|v| v["entities"][1]["label"] = json!("LOCATION"));
    let r = report(dir.path());
    let d = only(&r);
    assert_eq!((d.code, d.pointer()), (Code::SchemaViolation, "/entities/1/label"));
    assert!(hint(d).starts_with("did you mean `LOC`"), "{}", hint(d));
}

#[test]
fn a_misspelt_entity_id_gets_a_did_you_mean() {
    let dir = base_with(|v| v["entities"][0]["entity"] = json!("vladimir-puttin"));
    let r = report(dir.path());
    let d = only(&r);
    assert_eq!((d.code, d.pointer()), (Code::UnresolvedReference, "/entities/0/entity"));
    assert!(hint(d).starts_with("did you mean `vladimir-putin`?"), "{}", hint(d));
}

#[test]
fn a_misspelt_target_gets_a_did_you_mean() {
    let dir = base_with(|v| v["document_stances"][0]["target"] = json!("ukraine-responsable"));
    let r = report(dir.path());
    let d = r.diagnostics.iter().find(|d| d.code == Code::UnresolvedReference).expect("E018");
    assert!(hint(d).starts_with("did you mean `ukraine-responsible`?"), "{}", hint(d));
}

#[test]
fn a_misspelt_proposition_gets_a_did_you_mean() {
    let dir = base_with(|v| v["claims"][0]["proposition"] = json!("ukraine-involve"));
    let r = report(dir.path());
    let d = only(&r);
    assert_eq!(d.code, Code::UnresolvedReference);
    assert!(hint(d).starts_with("did you mean `ukraine-involved`?"), "{}", hint(d));
}

#[test]
fn a_misspelt_claimer_mention_lists_the_mentions_of_its_entity() {
    let dir = base_with(|v| v["claims"][0]["claimer"]["mention"] = json!("e33"));
    let r = report(dir.path());
    let d = only(&r);
    assert_eq!(d.code, Code::UnresolvedReference);
    assert_eq!(hint(d), "mentions of `vladimir-putin` in this document: e1, e3");
}

/// `validate` tells a span given by anchor to run `crocus fmt`; running it fills the offsets in,
/// and the corpus is then valid under `--strict`.
#[test]
fn an_anchored_span_is_told_to_run_fmt_and_fmt_does_it() {
    let dir = base_with(|v| {
        v["entities"][5] = json!({"id": "e6", "text": "Ukraine", "occurrence": 1, "label": "GPE", "entity": "ukraine"});
        v["entities"][4] = json!({"id": "e5", "text": "Kyiv", "prefix": "that ", "label": "GPE", "entity": "kyiv"});
    });
    let r = report(dir.path());
    assert_eq!(r.diagnostics.len(), 2, "{}", r.render(Format::Human, false, false));
    for d in &r.diagnostics {
        assert_eq!(d.code, Code::SchemaViolation);
        assert!(d.message.contains("given by its anchor"), "{}", d.message);
        assert!(hint(d).starts_with("run `crocus fmt`"), "{}", hint(d));
    }
    let crocus =
        |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_crocus")).args(args).env("NO_COLOR", "1").output().unwrap();
    let root = dir.path().to_str().unwrap();
    let fmt = crocus(&["--root", root, "fmt"]);
    assert!(fmt.status.success(), "{}", String::from_utf8_lossy(&fmt.stderr));
    let v: Value = serde_json::from_slice(&std::fs::read(dir.path().join("annotations/mini.json")).unwrap()).unwrap();
    let e5 = v["entities"].as_array().unwrap().iter().find(|m| m["id"] == "e5").unwrap();
    assert_eq!((e5["start"].as_u64(), e5["end"].as_u64()), (Some(45), Some(49)));
    let check = crocus(&["--root", root, "validate", "--strict"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
}
