//! `crocus diff` between two corpus roots and between two git revisions reports exactly the
//! changes made, in every format, with exit 0 for none and 1 for some.

#![cfg(feature = "cli")]

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::{copy, crocus_in, text};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Runs git in `dir` with a throwaway identity, failing the test when git fails.
fn git_in(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", text(&o.stderr));
}

fn root_copy(to: &Path) {
    for d in ["corpus", "annotations"] {
        copy(&Path::new(ROOT).join(d), &to.join(d));
    }
}

fn edit(path: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    f(&mut v);
    std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

/// Makes one change of each kind in the corpus root `dir` and returns what `crocus diff --format
/// json` must report, as `(change, item, document, id)`.
fn change_everything(dir: &Path) -> Vec<(String, String, String, String)> {
    let ann = dir.join("annotations/moscow-tragedy.json");
    let mut expect = Vec::new();
    let mut row = |c: &str, i: &str, d: &str, id: &str| expect.push((c.into(), i.into(), d.into(), id.into()));
    edit(&dir.join("annotations/entities.json"), |v| {
        v["entities"].as_array_mut().unwrap().push(serde_json::json!({
            "id": "zz-new-band", "type": "ORG", "name": "New Band", "aliases": ["New Band"], "description": "A test entry."
        }));
    });
    row("added", "registry_entity", "", "zz-new-band");
    edit(&dir.join("annotations/propositions.json"), |v| {
        let p = &mut v["propositions"][0];
        p["question"] = format!("{} (reworded)", p["question"].as_str().unwrap()).into();
    });
    let prop = serde_json::from_str::<serde_json::Value>(
        &std::fs::read_to_string(dir.join("annotations/propositions.json")).unwrap(),
    )
    .unwrap()["propositions"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    row("changed", "proposition", "", &prop);
    let mut ids = (String::new(), String::new(), String::new(), String::new());
    edit(&ann, |v| {
        let m = &mut v["entities"][0];
        m["label"] = "LOC".into();
        ids.0 = m["id"].as_str().unwrap().to_string();
        let claims = v["claims"].as_array_mut().unwrap();
        ids.1 = claims.remove(claims.len() - 1)["id"].as_str().unwrap().to_string();
        let s = &mut v["stances"][0];
        s["label"] = "FAVOR".into();
        ids.2 = s["id"].as_str().unwrap().to_string();
        let d = &mut v["document_stances"][0];
        d["label"] = "NONE".into();
        ids.3 = d["target"].as_str().unwrap().to_string();
    });
    row("changed", "entity_mention", "moscow-tragedy", &ids.0);
    row("removed", "claim", "moscow-tragedy", &ids.1);
    row("changed", "span_stance", "moscow-tragedy", &ids.2);
    row("changed", "document_stance", "moscow-tragedy", &ids.3);
    expect
}

fn reported(o: &Output) -> Vec<(String, String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    let mut got: Vec<_> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
            (s("change"), s("item"), s("document"), s("id"))
        })
        .collect();
    got.sort();
    got
}

#[test]
fn diff_between_two_roots_reports_exactly_the_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = (tmp.path().join("old"), tmp.path().join("new"));
    root_copy(&old);
    root_copy(&new);
    let o = crocus_in(tmp.path(), &["diff", "old", "new"]);
    assert_eq!((o.status.code(), text(&o.stdout)), (Some(0), "no differences\n".to_string()));
    let mut expect = change_everything(&new);
    expect.sort();
    let o = crocus_in(tmp.path(), &["diff", "old", "new", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(reported(&o), expect);
    // The changed fields and the text in context.
    let v: serde_json::Value = serde_json::from_str(&text(&o.stdout)).unwrap();
    let mention = v.as_array().unwrap().iter().find(|c| c["item"] == "entity_mention").unwrap();
    assert_eq!(mention["fields"], serde_json::json!([{"field": "label", "old": "GPE", "new": "LOC"}]));
    assert_eq!(mention["context"]["span"], mention["text"]);
    // Human: one line per change and a summary.
    let o = crocus_in(tmp.path(), &["diff", "old", "new"]);
    assert_eq!(o.status.code(), Some(1));
    let human = text(&o.stdout);
    assert!(
        human.contains("moscow-tragedy: changed entity mention e1: \"Moscow\"\n    [Moscow] Tragedy: Unveiling"),
        "{human}"
    );
    assert!(human.contains("    label: \"GPE\" -> \"LOC\"\n"), "{human}");
    assert!(human.ends_with("6 change(s): 1 added, 1 removed, 4 changed\n"), "{human}");
    // Markdown for a pull-request comment: a heading and a table row per change.
    let o = crocus_in(tmp.path(), &["diff", "old", "new", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(1));
    let md = text(&o.stdout);
    assert!(md.starts_with("### crocus diff: 6 change(s): 1 added, 1 removed, 4 changed\n"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("| ")).count(), 1 + 6, "{md}");
    assert!(md.contains("| ✏️ changed | moscow-tragedy | entity mention `e1` | **Moscow** Tragedy"), "{md}");
    // Errors: 2.
    let o = crocus_in(tmp.path(), &["diff", "old", "no-such-thing"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("`no-such-thing` is neither a corpus folder nor a git revision"),
        "{}",
        text(&o.stderr)
    );
}

/// A copy of the corpus root in a new git repository, committed as "base".
fn committed_root() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    root_copy(tmp.path());
    for args in [&["init", "-q"][..], &["add", "."], &["commit", "-qm", "base"]] {
        git_in(tmp.path(), args);
    }
    tmp
}

#[test]
fn diff_between_two_git_revisions() {
    let tmp = committed_root();
    let dir = tmp.path();
    let git = |args: &[&str]| git_in(dir, args);
    let mut expect = change_everything(dir);
    expect.sort();
    git(&["commit", "-qam", "edit"]);
    let o = crocus_in(dir, &["diff", "HEAD~1", "HEAD", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(reported(&o), expect);
    // The documented form: a revision against the working tree (a folder).
    let o = crocus_in(dir, &["diff", "HEAD~1", ".", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let o = crocus_in(dir, &["diff", "HEAD", "HEAD"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

/// The documented GitHub Actions job is the workflow file, and its `crocus diff` step runs as
/// written (with the base branch of the pull request standing in for `origin/${{ github.base_ref }}`).
#[test]
fn the_documented_workflow_runs() {
    if packaged() {
        return; // the packaged crate ships neither docs/ nor CONTRIBUTING.md nor .github/
    }
    let doc = std::fs::read_to_string(Path::new(ROOT).join("docs/contributing-workflow.md")).unwrap();
    let marker = "<!-- workflow: .github/workflows/annotation-diff.yml -->\n```yaml\n";
    let at = doc.find(marker).unwrap() + marker.len();
    let block = &doc[at..at + doc[at..].find("```").unwrap()];
    let workflow = std::fs::read_to_string(Path::new(ROOT).join(".github/workflows/annotation-diff.yml")).unwrap();
    assert_eq!(block, workflow, "the docs show the workflow file as it is");
    let step = workflow.split("- name: crocus diff\n        run: |\n").nth(1).unwrap();
    let script: String =
        step.lines().take_while(|l| l.starts_with("          ")).map(|l| format!("{}\n", l.trim())).collect();
    assert!(script.contains("crocus diff \"origin/${{ github.base_ref }}\" HEAD --format markdown > diff.md"));

    let tmp = committed_root();
    let dir = tmp.path();
    let git = |args: &[&str]| git_in(dir, args);
    git(&["branch", "base-branch"]);
    change_everything(dir);
    git(&["commit", "-qam", "edit"]);
    let script = script.replace("origin/${{ github.base_ref }}", "base-branch");
    let bin = Path::new(env!("CARGO_BIN_EXE_crocus")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let o = Command::new("bash").args(["-e", "-c", &script]).current_dir(dir).env("PATH", path).output().unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let md = std::fs::read_to_string(dir.join("diff.md")).unwrap();
    assert!(md.starts_with("### crocus diff: 6 change(s)"), "{md}");
    // The other documented forms.
    let o = crocus_in(dir, &["diff", "HEAD~1", "HEAD"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).ends_with("6 change(s): 1 added, 1 removed, 4 changed\n"));
}

/// True in the packaged crate (`cargo package`), which ships the code, data and tests but not the
/// repository's docs and workflows.
fn packaged() -> bool {
    Path::new(ROOT).join("Cargo.toml.orig").exists()
}
