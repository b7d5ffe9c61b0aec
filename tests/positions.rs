//! Positions a person can use: line and column are 1-based, the column counts characters, and the
//! human, JSON and GitHub renderings of a diagnostic give the same line and column, on lines full
//! of non-ASCII text. Loading errors use the same `Position`.
#![cfg(all(feature = "validate", feature = "export"))]

use std::path::Path;

use crocus_corpus::export::{self, Options};
use crocus_corpus::validate::{self, Diagnostic, Format, Report};
use crocus_corpus::Corpus;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `(line, column)` of every diagnostic in each of the three renderings.
fn renderings(report: &Report) -> [Vec<(usize, usize)>; 3] {
    let human = report
        .render(Format::Human, false, false)
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .map(|loc| {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next().unwrap().parse().unwrap();
            let line = parts.next().unwrap().parse().unwrap();
            (line, col)
        })
        .collect();
    let json: serde_json::Value = serde_json::from_str(&report.render(Format::Json, false, false)).unwrap();
    let json = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap() as usize, d["column"].as_u64().unwrap() as usize))
        .collect();
    let github = report
        .render(Format::Github, false, false)
        .lines()
        .map(|l| {
            let field = |k: &str| -> usize {
                let i = l.find(&format!(",{k}=")).unwrap() + k.len() + 2;
                l[i..].split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap()
            };
            (field("line"), field("col"))
        })
        .collect();
    [human, json, github]
}

/// The character at a diagnostic's line and column of `src`.
fn char_at(src: &str, d: &Diagnostic) -> char {
    src.lines().nth(d.line() - 1).unwrap().chars().nth(d.column() - 1).unwrap()
}

fn check(report: &Report) {
    let [human, json, github] = renderings(report);
    assert!(!json.is_empty());
    assert_eq!(human, json, "human and JSON disagree:\n{}", report.render(Format::Human, false, false));
    assert_eq!(github, json, "GitHub and JSON disagree");
}

#[test]
fn a_syntax_error_after_curly_quotes_is_located_in_characters_in_every_format() {
    let root = Path::new(ROOT).join("tests/fixtures/base");
    let dir = tempfile::tempdir().unwrap();
    // “Крокус” — a syntax error (a missing comma before `"x"`) after non-ASCII text on the same line.
    let src =
        "{\n  \"schema_version\": \"2.0.0\",\n  \"document\": \"mini\", \"note\": \"“Крокус” ’s 😀\" \"x\": 1\n}\n";
    let path = dir.path().join("mini.json");
    std::fs::write(&path, src).unwrap();
    let report = validate::validate_files(&root, &[path]).unwrap();
    let d = &report.diagnostics[0];
    assert_eq!(d.code.as_str(), "E001");
    assert_eq!((d.line(), char_at(src, d)), (3, '"'));
    assert_eq!(d.column(), src.lines().nth(2).unwrap().chars().position(|c| c == '😀').unwrap() + 4);
    check(&report);
}

#[test]
fn jsonl_syntax_errors_are_located_in_characters_in_every_format() {
    let line = "{\"id\": \"“Крокус”\", \"text\": \"’’’\" ]}";
    let report = validate::validate_jsonl("x.jsonl", format!("{line}\n{line}\n").as_bytes()).unwrap();
    assert_eq!(report.diagnostics.len(), 2);
    for (i, d) in report.diagnostics.iter().enumerate() {
        assert_eq!(d.code.as_str(), "E001");
        assert_eq!(d.line(), i + 1);
        assert_eq!(line.chars().nth(d.column() - 1), Some(']'), "{d:?}");
    }
    check(&report);
}

#[test]
fn schema_and_rule_diagnostics_on_non_ascii_lines_agree_in_every_format() {
    let jsonl = export::jsonl(Corpus::embedded(), &Options::default());
    let mut v: serde_json::Value = serde_json::from_str(jsonl.lines().nth(1).unwrap()).unwrap();
    v["claims"][3]["types"][0] = "bogus".into();
    v["entities"][5]["text"] = "“wrong”".into();
    let line = serde_json::to_string(&v).unwrap();
    assert!(line.contains('’') || line.contains('“'));
    let report = validate::validate_jsonl("x.jsonl", format!("{line}\n").as_bytes()).unwrap();
    assert!(!report.diagnostics.is_empty());
    for d in &report.diagnostics {
        // The column is where the value starts, counted in characters.
        let at: String = line.chars().skip(d.column() - 1).take(1).collect();
        assert!(matches!(at.as_str(), "\"" | "[" | "{"), "{d:?} points at {at:?}");
    }
    check(&report);
}

#[test]
fn numbers_too_large_for_the_model_are_located_at_the_number() {
    let root = Path::new(ROOT).join("tests/fixtures/base");
    let dir = tempfile::tempdir().unwrap();
    for number in ["18446744073709551616", "1e999", "4294967296"] {
        let src = format!(
            "{{\"schema_version\": \"{}\", \"document\": \"mini\", \"entities\": [\n  {{\"id\": \"e1\", \"text\": \"“x”\", \"start\": {number}, \"end\": 2, \"label\": \"GPE\"}}]}}\n",
            crocus_corpus::SCHEMA_VERSION
        );
        let src = if number == "4294967296" {
            // A region's `article` is a u32: a number that fits JSON but not the model.
            std::fs::read_to_string(root.join("corpus/manifest.json")).unwrap().replacen(
                "\"article\": 1",
                &format!("\"article\": {number}"),
                1,
            )
        } else {
            src
        };
        let name = if number == "4294967296" { "manifest.json" } else { "mini.json" };
        let path = dir.path().join(name);
        std::fs::write(&path, &src).unwrap();
        let report = validate::validate_files(&root, &[path]).unwrap();
        let d = report.diagnostics.iter().find(|d| d.code.as_str() <= "E004").unwrap_or_else(|| panic!("{report:?}"));
        let rest: String = src.lines().nth(d.line() - 1).unwrap().chars().skip(d.column() - 1).collect();
        assert!(rest.starts_with(number), "{number}: {d:?}");
        check(&report);
    }
}

#[test]
fn loading_errors_use_the_same_position() {
    let line = "{\"id\": \"“Крокус”\", \"text\": \"’’’\" ]}";
    let err = Corpus::from_record(line).unwrap_err();
    assert_eq!(err.position().line, Some(1));
    assert_eq!(line.chars().nth(err.position().column.unwrap() - 1), Some(']'));
    let report = validate::validate_jsonl("x.jsonl", line.as_bytes()).unwrap();
    assert_eq!(report.diagnostics[0].column(), err.position().column.unwrap());
}
