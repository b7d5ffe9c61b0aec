//! The `crocus` binary: exit codes, stderr for bad usage, output files, pipes, and snapshots of
//! each command's plain output on the shipped corpus.

#![cfg(feature = "cli")]

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn crocus(args: &[&str]) -> Output {
    crocus_in(Path::new(ROOT), args)
}

fn crocus_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crocus")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn version_names_crate_and_data_versions() {
    let o = crocus(&["--version"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        format!(
            "crocus {v} (data {v}, schema {s})\n",
            v = env!("CARGO_PKG_VERSION"),
            s = crocus_corpus::SCHEMA_VERSION
        )
    );
}

#[test]
fn validate_exit_codes() {
    assert_eq!(crocus(&["validate", "--strict"]).status.code(), Some(0));
    // Outside a corpus root, the embedded corpus is validated.
    let tmp = tempfile::tempdir().unwrap();
    let o = crocus_in(tmp.path(), &["validate", "--strict"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Invalid data: 1.
    let bad = tempfile::tempdir().unwrap();
    copy(Path::new(ROOT).join("tests/fixtures/base").as_path(), bad.path());
    copy(Path::new(ROOT).join("tests/fixtures/validate/E012-span-text-mismatch").as_path(), bad.path());
    let o = crocus(&["validate", "--root", bad.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let diags: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(diags[0]["code"], "E012");
    // A root that cannot be read: 2, one sentence on stderr.
    let o = crocus(&["validate", "--root", "/nonexistent/crocus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("crocus: ") && stderr(&o).lines().count() == 1, "{}", stderr(&o));
    // A JSONL file that is not there: 2; an empty one: 1.
    assert_eq!(crocus(&["validate", "/nonexistent.jsonl"]).status.code(), Some(2));
    let empty = tmp.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    assert_eq!(crocus(&["validate", empty.to_str().unwrap()]).status.code(), Some(1));
}

fn copy(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&t).unwrap();
            copy(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), t).unwrap();
        }
    }
}

#[test]
fn usage_errors_exit_2_with_a_clear_message() {
    for args in [
        &["validate", "--format", "xml"][..],
        &["show", "no-such-document"],
        &["export", "--format", "brat"],
        &["export", "--format", "jsonl", "--docs", "nope"],
        &["schema", "nope"],
        &["frobnicate"],
    ] {
        let o = crocus(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty() && o.stdout.is_empty(), "{args:?}");
    }
    let o = crocus(&["show", "no-such-document"]);
    assert!(stderr(&o).contains("the ids are: hyperfocus-ukraine"), "{}", stderr(&o));
    // fmt outside a corpus root.
    let tmp = tempfile::tempdir().unwrap();
    let o = crocus_in(tmp.path(), &["fmt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--root"), "{}", stderr(&o));
}

#[test]
fn fmt_check_changes_nothing_and_fmt_rewrites_atomically() {
    let tmp = tempfile::tempdir().unwrap();
    copy(Path::new(ROOT).join("tests/fixtures/base").as_path(), tmp.path());
    let ann = tmp.path().join("annotations/mini.json");
    let compact = serde_json::to_string(
        &serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&ann).unwrap()).unwrap(),
    )
    .unwrap();
    std::fs::write(&ann, &compact).unwrap();
    let o = crocus_in(tmp.path(), &["fmt", "--check"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&ann).unwrap(), compact, "--check must not write");
    let o = crocus_in(tmp.path(), &["fmt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(crocus_in(tmp.path(), &["fmt", "--check"]).status.code(), Some(0));
    assert_eq!(crocus_in(tmp.path(), &["validate", "--strict"]).status.code(), Some(0));
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path().join("annotations"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn export_to_files_and_directories() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("c.conllu");
    let o = crocus(&["export", "--format", "conllu", "--out", out.to_str().unwrap()]);
    assert!(o.status.success() && o.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), stdout(&crocus(&["export", "--format", "conllu"])));
    let dir = tmp.path().join("brat");
    for _ in 0..2 {
        let o = crocus(&["export", "--format", "brat", "--out", dir.to_str().unwrap(), "--docs", "cruel-irony"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["annotation.conf", "cruel-irony.ann", "cruel-irony.txt", "tools.conf"]);
    // Writing into a directory that does not exist fails cleanly, leaving nothing.
    let o = crocus(&["export", "--format", "jsonl", "--out", "/nonexistent/dir/x.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn export_input_streams_a_jsonl_file() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("crocus.jsonl");
    std::fs::write(&input, stdout(&crocus(&["export", "--format", "jsonl", "--offsets", "utf16"]))).unwrap();
    let input = input.to_str().unwrap();
    // The corpus CoNLL-U, rebuilt from the JSONL.
    let o = crocus(&["export", "--input", input, "--format", "conllu", "--threads", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), stdout(&crocus(&["export", "--format", "conllu"])));
    // `-` reads stdin.
    let mut child = Command::new(env!("CARGO_BIN_EXE_crocus"))
        .args(["export", "--input", "-", "--format", "conll"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let data = std::fs::read(input).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &data).unwrap());
    let piped = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(piped.status.success());
    assert_eq!(stdout(&piped), stdout(&crocus(&["export", "--format", "conll"])));
    // A bad record: exit 1, the file and line on stderr, and no output file (an old one is kept).
    let bad = tmp.path().join("bad.jsonl");
    let good = std::fs::read_to_string(input).unwrap();
    let first = good.lines().next().unwrap();
    std::fs::write(&bad, format!("{first}\n{first}\n{{\"id\": 1}}\n")).unwrap();
    let out = tmp.path().join("out.conll");
    std::fs::write(&out, "old").unwrap();
    let o = crocus(&["export", "--input", bad.to_str().unwrap(), "--format", "conll", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with(&format!("crocus: {}:3:", bad.display())) && err.contains("crocus validate"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 3, "{leftovers:?}");
    // Usage errors: a missing file, brat, --threads without --input, --docs not in the file.
    assert_eq!(crocus(&["export", "--input", "/nonexistent.jsonl", "--format", "conll"]).status.code(), Some(2));
    let o = crocus(&["export", "--input", input, "--format", "brat", "--out", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("brat has no stream form"), "{}", stderr(&o));
    assert_eq!(crocus(&["export", "--format", "conll", "--threads", "2"]).status.code(), Some(2));
    let o = crocus(&["export", "--input", input, "--format", "conll", "--docs", "cruel-irony,nope"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Written to a file, atomically.
    let o = crocus(&[
        "export",
        "--input",
        input,
        "--format",
        "jsonl",
        "--record",
        "claims",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success() && o.stdout.is_empty(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        stdout(&crocus(&["export", "--format", "jsonl", "--record", "claims"]))
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crocus"))
        .args(["export", "--format", "conllu"])
        .current_dir(ROOT)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(status.success(), "{status:?}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let plain = crocus(&["show", "cruel-irony"]);
    assert!(!stdout(&plain).contains('\x1b'));
    let colored = crocus(&["show", "cruel-irony", "--color", "always"]);
    assert!(stdout(&colored).contains("\x1b["));
}

#[test]
fn snapshots_of_each_command() {
    insta::assert_snapshot!("cli-list", stdout(&crocus(&["list"])));
    insta::assert_snapshot!("cli-stats", stdout(&crocus(&["stats"])));
    insta::assert_snapshot!("cli-stats-json", stdout(&crocus(&["stats", "--format", "json"])));
    insta::assert_snapshot!("cli-schema-list", stdout(&crocus(&["schema"])));
    insta::assert_snapshot!("cli-show-entities", stdout(&crocus(&["show", "moscow-tragedy", "--body"])));
    insta::assert_snapshot!("cli-show-regions", stdout(&crocus(&["show", "cruel-irony", "--layer", "regions"])));
    insta::assert_snapshot!("cli-agreement", stdout(&crocus(&["agreement"])));
    insta::assert_snapshot!("cli-help", stdout(&crocus(&["--help"])));
    let schema = stdout(&crocus(&["schema", "annotation"]));
    assert_eq!(schema, std::fs::read_to_string(Path::new(ROOT).join("schema/annotation.schema.json")).unwrap());
}

#[test]
fn render_completions_and_man_page() {
    let o = crocus(&["render", "--html", "--docs", "moscow-tragedy"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert_eq!(html.matches("<mark class=\"ent\"").count(), 80);
    // Self-contained: no script, no external asset (links to Wikipedia and sources are plain hrefs).
    assert!(
        !html.contains("<script")
            && !html.contains("<link")
            && !html.contains("src=\"http")
            && !html.contains("url(http")
    );
    assert_eq!(crocus(&["render", "--docs", "x"]).status.code(), Some(2), "--html is required");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = crocus(&["completions", shell]);
        assert!(o.status.success() && stdout(&o).contains("crocus"), "{shell}");
    }
    let man = stdout(&crocus(&["man"]));
    assert!(man.contains(".TH crocus 1") && man.contains("validate"));
}

/// The command line's value lists are the library's enums: every name each accepts is listed when
/// a value is wrong, and each is accepted.
#[test]
fn value_options_are_the_library_enums() {
    use crocus_corpus::export::{Format as ExportFormat, LabelSet, RecordKind, TagScheme};
    use crocus_corpus::model::OffsetUnit;
    use crocus_corpus::validate::Format;
    let names = |all: &[&str]| all.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for (args, expected) in [
        (vec!["export", "--format"], names(&ExportFormat::ALL.map(|v| v.as_str()))),
        (vec!["export", "--format", "jsonl", "--offsets"], names(&OffsetUnit::ALL.map(|v| v.as_str()))),
        (vec!["export", "--format", "jsonl", "--record"], names(&RecordKind::ALL.map(|v| v.as_str()))),
        (vec!["export", "--format", "conll", "--labels"], names(&LabelSet::ALL.map(|v| v.as_str()))),
        (vec!["export", "--format", "conll", "--scheme"], names(&TagScheme::ALL.map(|v| v.as_str()))),
        (vec!["validate", "--format"], names(&Format::ALL.map(|v| v.as_str()))),
    ] {
        let mut bad = args.clone();
        bad.push("bogus");
        let o = crocus(&bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        let err = stderr(&o);
        let listed = err.split("[possible values: ").nth(1).and_then(|s| s.split(']').next()).unwrap_or_default();
        assert_eq!(listed.split(", ").map(str::to_string).collect::<Vec<_>>(), expected, "{bad:?}: {err}");
    }
}
