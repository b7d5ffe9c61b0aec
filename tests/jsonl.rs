//! Streaming JSONL validation against a plain reference: every line parsed into
//! `serde_json::Value` and checked with the schema validator for `Value`s. The streaming validator
//! parses records into a borrowed tape and reads files in batches on several threads; whatever
//! the record or the batch boundaries, it must report exactly what the reference reports.

#![cfg(all(feature = "validate", feature = "export"))]

use std::collections::BTreeSet;

use crocus_corpus::export::{self, Options, RecordKind};
use crocus_corpus::validate::{validate_jsonl_with, Code, Diagnostic, FileKind};
use crocus_corpus::Corpus;
use proptest::prelude::*;
use serde_json::Value;

/// The JSONL export of the corpus, one record kind.
fn dist(kind: RecordKind) -> String {
    export::jsonl_records(Corpus::embedded(), &Options::default(), kind)
}

/// The first records of each JSONL export, with the schema each follows.
fn samples() -> Vec<(FileKind, Value)> {
    let mut out = Vec::new();
    for (name, kind, take) in [
        (RecordKind::Documents, FileKind::ExportDocuments, 2),
        (RecordKind::Entities, FileKind::ExportEntities, 20),
        (RecordKind::Claims, FileKind::ExportClaims, 20),
        (RecordKind::Stances, FileKind::ExportStances, 20),
    ] {
        for line in dist(name).lines().take(take) {
            out.push((kind, serde_json::from_str(line).unwrap()));
        }
    }
    out
}

/// What the reference reports for one line: (code, pointer, message) of each schema error.
fn reference(kind: FileKind, line: &str) -> BTreeSet<(String, String, String)> {
    let value: Value = serde_json::from_str(line).unwrap();
    kind.validator()
        .iter_errors(&value)
        .map(|e| ("E004".to_string(), e.instance_path().as_str().to_string(), clip(&e.to_string())))
        .collect()
}

/// The first 300 characters: diagnostics cut longer schema messages (which quote the value) there.
fn clip(message: &str) -> String {
    message.chars().take(300).collect()
}

fn schema_diagnostics(diags: &[Diagnostic], line: usize) -> BTreeSet<(String, String, String)> {
    diags
        .iter()
        .filter(|d| d.line() == line && d.code == Code::SchemaViolation)
        .map(|d| (d.code.as_str().to_string(), d.pointer().to_string(), clip(&d.message)))
        .collect()
}

/// Every JSON pointer in `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                pointers(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn replacement(which: usize) -> Value {
    let all = [
        Value::Null,
        Value::Bool(true),
        serde_json::json!(-1),
        serde_json::json!(1.5),
        serde_json::json!(7),
        serde_json::json!(""),
        serde_json::json!("person"),
        serde_json::json!("\u{201c}é\"\\"),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!({"unexpected": 1}),
    ];
    all[which % all.len()].clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// One value replaced anywhere in a record: the same schema errors as the reference, on the
    /// right line, in a file of several records.
    #[test]
    fn mutated_records_report_what_the_reference_reports(
        sample in 0usize..62, at in any::<prop::sample::Index>(), with in 0usize..11, extra in 0usize..3,
    ) {
        let samples = samples();
        let (kind, record) = &samples[sample % samples.len()];
        let mut all = Vec::new();
        pointers(record, String::new(), &mut all);
        let pointer = at.get(&all);
        let mut mutated = record.clone();
        if pointer.is_empty() {
            mutated = replacement(with);
        } else {
            *mutated.pointer_mut(pointer).unwrap() = replacement(with);
        }
        let good = serde_json::to_string(record).unwrap();
        let bad = serde_json::to_string(&mutated).unwrap();
        // `extra` valid records before the mutated one, one after.
        let mut file = String::new();
        for _ in 0..extra {
            file.push_str(&good);
            file.push('\n');
        }
        file.push_str(&bad);
        file.push('\n');
        file.push_str(&good);
        file.push('\n');
        let report = validate_jsonl_with("x.jsonl", file.as_bytes(), 2).unwrap();
        let line = extra + 1;
        prop_assert_eq!(schema_diagnostics(&report.diagnostics, line), reference(*kind, &bad));
        prop_assert!(report.diagnostics.iter().all(|d| d.line() == line), "{:?}", report.diagnostics);
    }

    /// A byte cut or changed anywhere in a record: a JSON error where `serde_json` puts it, or
    /// the schema errors of the reference.
    #[test]
    fn damaged_lines_report_what_the_reference_reports(sample in 2usize..62, cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let samples = samples();
        let (kind, record) = &samples[sample % samples.len()];
        let mut bytes = serde_json::to_vec(record).unwrap();
        let i = cut.index(bytes.len());
        bytes[i] = if byte == b'\n' { b' ' } else { byte };
        let report = validate_jsonl_with("x.jsonl", &bytes[..], 1).unwrap();
        match std::str::from_utf8(&bytes).map(|s| (s, serde_json::from_str::<Value>(s.trim_end_matches('\r')))) {
            Err(_) => prop_assert_eq!(report.diagnostics[0].code, Code::InvalidUtf8),
            Ok((s, Err(e))) => {
                prop_assert_eq!(report.diagnostics.len(), 1);
                prop_assert_eq!(report.diagnostics[0].code, Code::InvalidJson);
                // serde_json counts bytes; the diagnostic counts characters up to that byte.
                let mut b = e.column().saturating_sub(1).min(s.len());
                while !s.is_char_boundary(b) {
                    b -= 1;
                }
                prop_assert_eq!(report.diagnostics[0].column(), s[..b].chars().count() + 1);
            }
            Ok((s, Ok(v))) if v.is_object() => {
                prop_assert_eq!(schema_diagnostics(&report.diagnostics, 1), reference(*kind, s.trim_end_matches('\r')));
            }
            Ok(_) => prop_assert!(!report.diagnostics.is_empty()),
        }
    }
}

/// Batches end at line boundaries however long the lines, and line numbers run on across them,
/// with blank lines, CRLF endings and no final newline; any number of threads gives one report.
#[test]
fn line_numbers_survive_batching() {
    let docs = dist(RecordKind::Documents);
    let doc = docs.lines().next().unwrap();
    let broken = doc.replacen("\"sha256\":\"", "\"sha256\":\"0", 1);
    let long = {
        // One record over the 1 MiB batch size: its text padded with spaces (hash and spans then
        // disagree, which only adds diagnostics on its line).
        let mut v: Value = serde_json::from_str(doc).unwrap();
        let text = v["text"].as_str().unwrap().to_string() + &" ".repeat(1_200_000);
        v["text"] = Value::String(text);
        serde_json::to_string(&v).unwrap()
    };
    let mut file = String::new();
    let mut expected_lines = BTreeSet::new();
    for i in 1..=40 {
        match i % 10 {
            3 => {
                file.push_str(&broken);
                file.push('\n');
                expected_lines.insert(i);
            }
            5 => file.push('\n'),
            7 => {
                file.push_str(&long);
                file.push_str("\r\n");
                expected_lines.insert(i);
            }
            _ => {
                file.push_str(doc);
                file.push('\n');
            }
        }
    }
    file.push_str(&broken); // line 41, no final newline
    expected_lines.insert(41);
    let one = validate_jsonl_with("x.jsonl", file.as_bytes(), 1).unwrap();
    let lines: BTreeSet<usize> = one.diagnostics.iter().map(|d| d.line()).collect();
    assert_eq!(lines, expected_lines);
    for threads in [2, 3, 8] {
        let many = validate_jsonl_with("x.jsonl", file.as_bytes(), threads).unwrap();
        assert_eq!(many.diagnostics, one.diagnostics, "{threads} threads");
    }
    // Through a reader that hands over a few bytes at a time.
    let trickle = std::io::BufReader::with_capacity(7, Trickle(file.as_bytes()));
    assert_eq!(validate_jsonl_with("x.jsonl", trickle, 2).unwrap().diagnostics, one.diagnostics);
}

/// A reader that returns at most 5 bytes per call.
struct Trickle<'a>(&'a [u8]);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(5).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

/// A read error partway is an I/O error, not a report.
#[test]
fn read_errors_are_errors() {
    struct Failing(usize);
    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::Error::other("disk gone"));
            }
            self.0 -= 1;
            let line = b"{}\n";
            let n = line.len().min(buf.len());
            buf[..n].copy_from_slice(&line[..n]);
            Ok(n)
        }
    }
    for threads in [1, 2] {
        let err = validate_jsonl_with("x.jsonl", std::io::BufReader::new(Failing(3)), threads).unwrap_err();
        assert_eq!(err.to_string(), "disk gone");
    }
}
