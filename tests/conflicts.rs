//! The conflicts report on a small corpus with known conflicts, and on the shipped corpus.

use std::path::Path;

use crocus_corpus::{conflicts, Corpus};

fn pairs(report: &[conflicts::PropositionConflicts], id: &str) -> Vec<(String, String)> {
    let p = report.iter().find(|p| p.id == id).unwrap();
    p.conflicts
        .iter()
        .map(|c| {
            let (a, b) = (&p.answers[c.a], &p.answers[c.b]);
            (format!("{}/{}", a.document, a.claim), format!("{}/{}", b.document, b.claim))
        })
        .collect()
}

#[test]
fn finds_exactly_the_known_conflicts() {
    let corpus = Corpus::from_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conflicts")).unwrap();
    let report = conflicts::report(&corpus);
    let s = |a: &str, b: &str| (a.to_string(), b.to_string());
    // "more than 130" (a/c1) is compatible with 137 and 133; "at least 139" (a/c3) is not.
    assert_eq!(pairs(&report, "death-toll"), vec![s("a/c3", "b/c1"), s("a/c3", "b/c3"), s("b/c1", "b/c3")]);
    assert_eq!(pairs(&report, "attack-date"), vec![s("a/c2", "b/c2")]);
    assert_eq!(pairs(&report, "ukraine-involved"), vec![s("a/c4", "b/c4")]);
    insta::assert_snapshot!("conflicts-fixture-json", serde_json::to_string_pretty(&report).unwrap());
}

#[test]
fn the_shipped_corpus_report() {
    let report = conflicts::report(Corpus::embedded());
    for p in &report {
        assert!(p.answers.len() >= 2, "{}: a proposition needs two or more answers", p.id);
    }
    insta::assert_snapshot!("conflicts-corpus-table", conflicts::table(&report));
}
