//! `crocus eval`: the gold scores 1.0 against itself in every accepted format, hand-made
//! prediction files with known errors give the hand-computed figures (one test per metric), bad
//! files give located diagnostics, and the committed schemas are generated from the types.

#![cfg(all(feature = "eval", feature = "cli"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crocus_corpus::eval::{self, Options, Report};
use crocus_corpus::export::{self, LabelSet, RecordKind};
use crocus_corpus::Corpus;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture(name: &str) -> (PathBuf, String) {
    let p = Path::new(ROOT).join("tests/fixtures/eval").join(name);
    let s = std::fs::read_to_string(&p).unwrap();
    (PathBuf::from(name), s)
}

fn mini() -> Corpus {
    Corpus::from_dir(Path::new(ROOT).join("tests/fixtures/base")).unwrap()
}

fn score(corpus: &Corpus, files: &[&str], labels: LabelSet) -> Report {
    let files: Vec<_> = files.iter().map(|f| fixture(f)).collect();
    eval::evaluate(corpus, &files, &Options { labels }).unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

fn prf(p: &eval::Prf, counts: (usize, usize, usize), precision: f64, recall: f64, f1: f64) {
    assert_eq!((p.true_positives, p.predicted, p.gold), counts);
    close(p.precision, precision);
    close(p.recall, recall);
    close(p.f1, f1);
}

/// Every figure of a JSON report (precision, recall, f1, accuracy, f_avg) equals 1.
fn all_ones(v: &serde_json::Value, path: &str, seen: &mut usize) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if ["precision", "recall", "f1", "accuracy", "f_avg"].contains(&k.as_str()) && x.is_number() {
                    assert_eq!(x.as_f64(), Some(1.0), "{path}/{k}");
                    *seen += 1;
                } else {
                    all_ones(x, &format!("{path}/{k}"), seen);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| all_ones(x, path, seen)),
        _ => {}
    }
}

#[test]
fn the_gold_scores_one_against_itself_in_every_format() {
    let c = Corpus::embedded();
    let o = export::Options::default();
    let inputs = [
        ("crocus.jsonl", export::jsonl(c, &o), LabelSet::OntoNotes),
        ("entities.jsonl", export::jsonl_records(c, &o, RecordKind::Entities), LabelSet::OntoNotes),
        ("claims.jsonl", export::jsonl_records(c, &o, RecordKind::Claims), LabelSet::OntoNotes),
        ("stances.jsonl", export::jsonl_records(c, &o, RecordKind::Stances), LabelSet::OntoNotes),
        ("crocus.conll", export::conll(c, &o), LabelSet::OntoNotes),
        ("crocus.conllu", export::conllu(c, &o), LabelSet::OntoNotes),
        (
            "crocus-conll2003.conll",
            export::conll(c, &export::Options { labels: LabelSet::Conll2003, ..o.clone() }),
            LabelSet::Conll2003,
        ),
    ];
    for (name, content, labels) in inputs {
        let r = eval::evaluate(c, &[(name.into(), content)], &Options { labels }).unwrap();
        let mut seen = 0;
        all_ones(&serde_json::to_value(&r).unwrap(), name, &mut seen);
        assert!(seen >= 4, "{name}: {seen} figures");
    }
    // The document JSONL holds every layer: every metric is reported.
    let r = eval::evaluate(c, &[("crocus.jsonl".into(), export::jsonl(c, &o))], &Options::default()).unwrap();
    let claims = r.claims.as_ref().unwrap();
    assert!(r.entities.is_some() && r.linking.is_some() && r.stances.is_some() && r.document_stances.is_some());
    assert!(claims.claimer.is_some() && claims.checkworthy.is_some() && claims.proposition.is_some());
    assert!(claims.value.is_some() && r.stances.unwrap().holder.is_some());
}

// Hand computations on tests/fixtures/base (one document, "mini": 8 mentions, 3 claims, 1 stance).

/// entities.jsonl: 6 predictions; right: Putin 0-5 PERSON, Kyiv 13-17 GPE, Friday DATE,
/// Ukraine GPE; wrong: Putin 19-24 as ORG, "warned" as GPE. P = 4/6, R = 4/8, F1 = 4/7.
#[test]
fn entity_micro_and_per_label() {
    let r = score(&mini(), &["entities.jsonl"], LabelSet::OntoNotes).entities.unwrap();
    prf(&r.micro, (4, 6, 8), 4.0 / 6.0, 0.5, 4.0 / 7.0);
    prf(&r.per_label["PERSON"], (1, 1, 3), 1.0, 1.0 / 3.0, 0.5);
    prf(&r.per_label["GPE"], (2, 3, 4), 2.0 / 3.0, 0.5, 4.0 / 7.0);
    prf(&r.per_label["DATE"], (1, 1, 1), 1.0, 1.0, 1.0);
    prf(&r.per_label["ORG"], (0, 1, 0), 0.0, 0.0, 0.0);
    assert!(!r.token_level);
}

/// On the CoNLL-2003 mapping DATE is O: gold 7 (3 PER, 4 LOC), predicted 5, right 3.
#[test]
fn entity_conll2003_mapping() {
    let r = score(&mini(), &["entities.jsonl"], LabelSet::Conll2003).entities.unwrap();
    prf(&r.micro, (3, 5, 7), 0.6, 3.0 / 7.0, 0.5);
    prf(&r.per_label["LOC"], (2, 3, 4), 2.0 / 3.0, 0.5, 4.0 / 7.0);
    assert!(!r.per_label.contains_key("DATE"));
}

/// Linking: 7 gold links (all but the DATE), 3 predicted, 2 right (Kyiv is linked to moscow).
#[test]
fn entity_linking() {
    let r = score(&mini(), &["entities.jsonl"], LabelSet::OntoNotes).linking.unwrap();
    prf(&r, (2, 3, 7), 2.0 / 3.0, 2.0 / 7.0, 0.4);
}

/// mini.conll: the second Putin tagged ORG, the second Kyiv missed, "Ukraine denied" one GPE:
/// 7 predicted, 5 right of 8.
#[test]
fn entity_conll_tags() {
    let r = score(&mini(), &["mini.conll"], LabelSet::OntoNotes).entities.unwrap();
    prf(&r.micro, (5, 7, 8), 5.0 / 7.0, 5.0 / 8.0, 2.0 / 3.0);
    prf(&r.per_label["PERSON"], (2, 2, 3), 1.0, 2.0 / 3.0, 0.8);
    assert!(r.token_level);
}

/// claims.jsonl: p1 = c1 exactly; p2 (73-90) overlaps c2 (81-90) with Jaccard 9/17 >= 0.5;
/// p3 (92-104) overlaps c3 (92-117) with Jaccard 12/25 < 0.5; p4 is spurious.
#[test]
fn claim_spans_matched_and_exact() {
    let r = score(&mini(), &["claims.jsonl"], LabelSet::OntoNotes).claims.unwrap();
    prf(&r.matched, (2, 4, 3), 0.5, 2.0 / 3.0, 4.0 / 7.0);
    prf(&r.exact, (1, 4, 3), 0.25, 1.0 / 3.0, 2.0 / 7.0);
}

/// On the two matched claims: p2's claimer (author) is wrong (ukraine).
#[test]
fn claim_claimer_accuracy() {
    let r = score(&mini(), &["claims.jsonl"], LabelSet::OntoNotes).claims.unwrap();
    let a = r.claimer.unwrap();
    assert_eq!((a.correct, a.total), (1, 2));
    close(a.accuracy, 0.5);
}

/// Both matched gold claims are check-worthy; p2 says no: P = 1, R = 1/2, F1 = 2/3.
#[test]
fn claim_checkworthiness_f1() {
    let r = score(&mini(), &["claims.jsonl"], LabelSet::OntoNotes).claims.unwrap();
    prf(&r.checkworthy.unwrap(), (1, 1, 2), 1.0, 0.5, 2.0 / 3.0);
}

/// Both matched claims answer ukraine-involved: both right.
#[test]
fn claim_proposition_accuracy() {
    let r = score(&mini(), &["claims.jsonl"], LabelSet::OntoNotes).claims.unwrap();
    let p = r.proposition.unwrap();
    assert_eq!((p.correct, p.total), (2, 2));
    close(p.accuracy, 1.0);
}

/// p1's value (boolean true) is right; p2's (true) is wrong (false).
#[test]
fn claim_value_accuracy() {
    let r = score(&mini(), &["claims.jsonl"], LabelSet::OntoNotes).claims.unwrap();
    let v = r.value.unwrap();
    assert_eq!((v.correct, v.total), (1, 2));
    close(v.accuracy, 0.5);
}

/// A number predicted without `value_approximate` equals a gold number that is not approximate.
#[test]
fn value_flags_default_to_false() {
    let c = Corpus::embedded();
    let (doc, claim) = c
        .iter()
        .flat_map(|d| d.claims().iter().map(move |x| (d, x)))
        .find(|(_, x)| matches!(x.value, Some(crocus_corpus::model::Value::Number { approximate: false, .. })))
        .expect("a claim with an exact number");
    let Some(crocus_corpus::model::Value::Number { value, .. }) = claim.value else { unreachable!() };
    let line = serde_json::json!({
        "document": doc.id(), "start": claim.start, "end": claim.end,
        "proposition_id": claim.proposition, "value_kind": "number", "value_number": value
    });
    let r = eval::evaluate(c, &[("one.jsonl".into(), format!("{line}\n"))], &Options::default()).unwrap();
    let v = r.claims.unwrap().value.unwrap();
    assert_eq!((v.correct, v.total), (1, 1));
}

/// stances.jsonl: the gold stance (Ukraine DENY claim c1) predicted exactly, its target given
/// as the predicted claim p1, which the claim matching maps to c1; one spurious stance.
#[test]
fn span_stances() {
    let r = score(&mini(), &["claims.jsonl", "stances.jsonl"], LabelSet::OntoNotes).stances.unwrap();
    prf(&r.matched, (1, 2, 1), 0.5, 1.0, 2.0 / 3.0);
    prf(&r.exact, (1, 2, 1), 0.5, 1.0, 2.0 / 3.0);
    let h = r.holder.unwrap();
    assert_eq!((h.correct, h.total, r.target.correct, r.label.correct), (1, 1, 1, 1));
    // Without the claims, p1 is not a gold claim id: the target is wrong.
    let r = score(&mini(), &["stances.jsonl"], LabelSet::OntoNotes).stances.unwrap();
    assert_eq!((r.target.correct, r.target.total), (0, 1));
}

/// document-stances-against.jsonl: AGAINST in all 30 cells of the corpus (gold: 12 FAVOR,
/// 11 AGAINST, 7 NONE). FAVOR F1 = 0, AGAINST P = 11/30, R = 1, F1 = 22/41; F_avg = 11/41.
#[test]
fn document_stance_f_avg() {
    let r =
        score(Corpus::embedded(), &["document-stances-against.jsonl"], LabelSet::OntoNotes).document_stances.unwrap();
    prf(&r.favor, (0, 0, 12), 0.0, 0.0, 0.0);
    prf(&r.against, (11, 30, 11), 11.0 / 30.0, 1.0, 22.0 / 41.0);
    close(r.f_avg, 11.0 / 41.0);
    assert_eq!((r.accuracy.correct, r.accuracy.total), (11, 30));
}

fn crocus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crocus")).args(args).current_dir(ROOT).env("NO_COLOR", "1").output().unwrap()
}

#[test]
fn bad_prediction_files_get_located_diagnostics_and_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        concat!(
            "{\"document\":\"nope\",\"start\":0,\"end\":3,\"label\":\"GPE\"}\n",
            "{\"document\":\"cruel-irony\",\"start\":\"x\",\"end\":3,\"label\":\"GPE\"}\n",
            "{\"document\":\"cruel-irony\",\"start\":5,\"end\":3,\"label\":\"GPE\"}\n",
            "{\"document\":\"cruel-irony\",\"start\":0,\"end\":3,\"label\":\"PER\"}\n",
            "not json\n",
            "{\"document\":\"cruel-irony\",\"target_id\":\"no-such-target\",\"label\":\"FAVOR\"}\n",
        ),
    )
    .unwrap();
    let o = crocus(&["eval", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8(o.stderr).unwrap();
    let f = bad.display();
    for expected in [
        format!("{f}:1:2: no document `nope`"),
        format!("{f}:2:37: invalid type: string \"x\", expected usize"),
        format!("{f}:3:27: span 5..3 is not a non-empty span"),
        format!("{f}:4:45: `PER` is a CoNLL-2003 label: score with `--labels conll2003`"),
        format!("{f}:5:2: not JSON"),
        format!("{f}:6:27: no stance target `no-such-target`"),
        "6 problems in the predictions; nothing scored".to_string(),
    ] {
        assert!(err.contains(&expected), "{expected}\n in\n{err}");
    }
    // A CoNLL file whose tokens are not the corpus tokens.
    let conll = export::conll(Corpus::embedded(), &export::Options::default());
    let bad = tmp.path().join("bad.conll");
    std::fs::write(&bad, conll.replacen("Ukraine -X-", "Ukrainia -X-", 1)).unwrap();
    let o = crocus(&["eval", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains(&format!("{}:5:1: token `Ukrainia` is not token 3", bad.display())), "{err}");
    // Document records in another offset unit.
    let utf16 = tmp.path().join("utf16.jsonl");
    let o = export::Options { offsets: export::Offsets::Utf16, ..export::Options::default() };
    std::fs::write(&utf16, export::jsonl(Corpus::embedded(), &o)).unwrap();
    let out = crocus(&["eval", utf16.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("offsets are `utf16`: predictions count code points"));
    // A missing file is an I/O error.
    assert_eq!(crocus(&["eval", "no-such-file.jsonl"]).status.code(), Some(2));
}

#[test]
fn output_is_deterministic_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("crocus.jsonl");
    std::fs::write(&docs, export::jsonl(Corpus::embedded(), &export::Options::default())).unwrap();
    let docs = docs.to_str().unwrap();
    for format in ["table", "json", "markdown"] {
        let a = crocus(&["eval", "--format", format, docs]);
        assert!(a.status.success());
        assert_eq!(a.stdout, crocus(&["eval", "--format", format, docs]).stdout);
    }
    let json = crocus(&["eval", "--format", "json", docs]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&eval::report_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&v));
}

/// Every line of the shipped flat and document JSONL files is valid against the prediction schema.
#[test]
fn exported_records_validate_against_the_prediction_schema() {
    let schema: serde_json::Value = serde_json::from_str(&eval::prediction_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let c = Corpus::embedded();
    let o = export::Options::default();
    for kind in [RecordKind::Entities, RecordKind::Claims, RecordKind::Stances] {
        for line in export::jsonl_records(c, &o, kind).lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(validator.is_valid(&v), "{line}");
        }
    }
    for line in fixture("document-stances-against.jsonl").1.lines() {
        assert!(validator.is_valid(&serde_json::from_str(line).unwrap()));
    }
}

/// schema/eval-prediction.schema.json and schema/eval-report.schema.json are generated from the
/// Rust types (`UPDATE_SCHEMA=1` rewrites them, as it rewrites every schema).
#[test]
fn committed_eval_schemas_are_current() {
    for (name, text) in
        [("eval-prediction.schema.json", eval::prediction_schema()), ("eval-report.schema.json", eval::report_schema())]
    {
        let path = Path::new(ROOT).join("schema").join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            assert!(
                std::env::var_os("UPDATE_SCHEMA").is_some(),
                "stale {name}: run `UPDATE_SCHEMA=1 cargo test --all-features --test eval`"
            );
            std::fs::write(&path, text).unwrap();
        }
    }
}

/// True in the packaged crate, which ships neither `dist/` nor `baselines/` nor `docs/`.
fn packaged() -> bool {
    Path::new(ROOT).join("Cargo.toml.orig").exists()
}

/// Every `crocus eval` command of docs/evaluation.md runs and succeeds.
#[test]
fn the_documented_commands_run() {
    if packaged() {
        return;
    }
    let doc = std::fs::read_to_string(Path::new(ROOT).join("docs/evaluation.md")).unwrap();
    let commands: Vec<&str> = doc.lines().filter(|l| l.starts_with("crocus eval")).collect();
    assert!(commands.len() >= 5);
    for c in commands {
        let args: Vec<&str> = c.split_whitespace().skip(1).collect();
        let o = crocus(&args);
        assert!(o.status.success(), "{c}: {}", String::from_utf8_lossy(&o.stderr));
        assert!(!o.stdout.is_empty(), "{c}");
    }
}

/// The baselines and the command that scores each, as the README shows them.
const BASELINES: &[(&str, &str)] = &[
    ("spaCy `en_core_web_sm` 3.8.0 NER (character spans)", "baselines/spacy-en_core_web_sm.entities.jsonl"),
    ("spaCy NER on the corpus tokens, CoNLL-2003 labels", "baselines/spacy-en_core_web_sm.conll"),
    ("Claims: every sentence with a number, a date or a reporting verb", "baselines/claim-sentences.claims.jsonl"),
    ("Document stance: majority class of the other documents", "baselines/majority.document-stances.jsonl"),
];

/// The README's baseline tables are `crocus eval --format markdown`'s output
/// (`UPDATE_README=1` rewrites them).
#[test]
fn readme_baseline_scores_are_the_scorers_output() {
    if packaged() {
        return;
    }
    let mut block = String::new();
    for (what, file) in BASELINES {
        let mut args = vec!["eval", "--format", "markdown"];
        if file.ends_with(".conll") {
            args.extend(["--labels", "conll2003"]);
        }
        args.push(file);
        let o = crocus(&args);
        assert!(o.status.success(), "{file}");
        block.push_str(&format!("**{what}**: `crocus {}`\n\n", args.join(" ")));
        block.push_str(&String::from_utf8(o.stdout).unwrap());
        block.push('\n');
    }
    let path = Path::new(ROOT).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- baselines:start -->\n", "<!-- baselines:end -->");
    let a = readme.find(start).expect("README baselines block") + start.len();
    let b = readme[a..].find(end).unwrap() + a;
    if readme[a..b] != block {
        assert!(
            std::env::var_os("UPDATE_README").is_some(),
            "stale: run `UPDATE_README=1 cargo test --all-features --test eval`"
        );
        let mut new = readme.clone();
        new.replace_range(a..b, &block);
        std::fs::write(&path, new).unwrap();
    }
}
