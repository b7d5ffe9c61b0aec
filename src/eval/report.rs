//! The evaluation report: the figures of [`super::evaluate`], as JSON (schema
//! `schema/eval-report.schema.json`, generated from these types), a plain table or Markdown.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::Serialize;

/// Precision, recall and F1 with their counts.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, JsonSchema)]
pub struct Prf {
    /// True positives / predicted (0 when nothing is predicted).
    pub precision: f64,
    /// True positives / gold (0 when the gold is empty).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// True positives.
    pub true_positives: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// The figures of `tp` true positives among `predicted` predictions and `gold` gold items.
    pub fn new(tp: usize, predicted: usize, gold: usize) -> Prf {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (div(tp, predicted), div(tp, gold));
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { precision, recall, f1, true_positives: tp, predicted, gold }
    }
}

/// An accuracy with its counts.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, JsonSchema)]
pub struct Accuracy {
    /// Correct / total (0 when total is 0).
    pub accuracy: f64,
    /// Correct items.
    pub correct: usize,
    /// Items scored.
    pub total: usize,
}

impl Accuracy {
    /// `correct` of `total`.
    pub fn new(correct: usize, total: usize) -> Accuracy {
        Accuracy { accuracy: if total == 0 { 0.0 } else { correct as f64 / total as f64 }, correct, total }
    }
}

/// Entity recognition.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct EntityReport {
    /// Exact span and label, micro-averaged.
    pub micro: Prf,
    /// Per label, by label name.
    pub per_label: BTreeMap<String, Prf>,
    /// True when the predictions are token tags (CoNLL): the gold is then taken as the exports
    /// tag it, every token a mention overlaps.
    pub token_level: bool,
}

/// Claim detection and its attributes.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ClaimReport {
    /// Spans matched one to one, greedily, character Jaccard ≥ 0.5.
    pub matched: Prf,
    /// Spans equal to the character.
    pub exact: Prf,
    /// Claimer (author, which registry entity, unnamed) on matched claims; absent when not predicted.
    pub claimer: Option<Accuracy>,
    /// Check-worthiness, F1 of the positive class on matched claims (CheckThat!).
    pub checkworthy: Option<Prf>,
    /// Proposition (or none) on matched claims.
    pub proposition: Option<Accuracy>,
    /// Normalized value on matched claims whose gold answers a proposition.
    pub value: Option<Accuracy>,
}

/// Span stances.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct StanceReport {
    /// Spans matched as claims are.
    pub matched: Prf,
    /// Spans equal to the character.
    pub exact: Prf,
    /// Holder on matched stances; absent when not predicted.
    pub holder: Option<Accuracy>,
    /// Target on matched stances (a claim target through the claim matching).
    pub target: Accuracy,
    /// Label on matched stances.
    pub label: Accuracy,
}

/// Document stance over the document × target cells of the gold.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DocumentStanceReport {
    /// SemEval-2016 Task 6: mean of the FAVOR and AGAINST F1.
    pub f_avg: f64,
    /// FAVOR.
    pub favor: Prf,
    /// AGAINST.
    pub against: Prf,
    /// Cells with the gold label (a missing prediction is NONE).
    pub accuracy: Accuracy,
}

/// What `crocus eval` reports. A layer is present when the predictions hold it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Report {
    /// The data version scored against.
    pub corpus_version: String,
    /// The prediction files, as given.
    pub predictions: Vec<String>,
    /// Entity label set: `ontonotes` or `conll2003`.
    pub labels: String,
    /// Entity recognition.
    pub entities: Option<EntityReport>,
    /// Entity linking: (span, registry entity) pairs.
    pub linking: Option<Prf>,
    /// Claims.
    pub claims: Option<ClaimReport>,
    /// Span stances.
    pub stances: Option<StanceReport>,
    /// Document stances.
    pub document_stances: Option<DocumentStanceReport>,
}

/// One row: metric, P, R, F1 (or accuracy), counts.
fn rows(r: &Report) -> Vec<[String; 5]> {
    let f = |x: f64| format!("{x:.3}");
    let prf = |name: String, p: &Prf| {
        [name, f(p.precision), f(p.recall), f(p.f1), format!("{}/{}/{}", p.true_positives, p.predicted, p.gold)]
    };
    let acc = |name: &str, a: &Accuracy| {
        [name.to_string(), String::new(), String::new(), f(a.accuracy), format!("{}/{}", a.correct, a.total)]
    };
    let mut out = Vec::new();
    if let Some(e) = &r.entities {
        out.push(prf(format!("entities ({})", r.labels), &e.micro));
        for (l, p) in &e.per_label {
            out.push(prf(format!("  {l}"), p));
        }
    }
    if let Some(l) = &r.linking {
        out.push(prf("linking".into(), l));
    }
    if let Some(c) = &r.claims {
        out.push(prf("claims (Jaccard >= 0.5)".into(), &c.matched));
        out.push(prf("claims (exact)".into(), &c.exact));
        if let Some(a) = &c.claimer {
            out.push(acc("  claimer accuracy", a));
        }
        if let Some(p) = &c.checkworthy {
            out.push(prf("  check-worthy".into(), p));
        }
        if let Some(a) = &c.proposition {
            out.push(acc("  proposition accuracy", a));
        }
        if let Some(a) = &c.value {
            out.push(acc("  value accuracy", a));
        }
    }
    if let Some(s) = &r.stances {
        out.push(prf("span stances (Jaccard >= 0.5)".into(), &s.matched));
        out.push(prf("span stances (exact)".into(), &s.exact));
        if let Some(a) = &s.holder {
            out.push(acc("  holder accuracy", a));
        }
        out.push(acc("  target accuracy", &s.target));
        out.push(acc("  label accuracy", &s.label));
    }
    if let Some(d) = &r.document_stances {
        out.push(["document stance F_avg".into(), String::new(), String::new(), f(d.f_avg), String::new()]);
        out.push(prf("  FAVOR".into(), &d.favor));
        out.push(prf("  AGAINST".into(), &d.against));
        out.push(acc("  accuracy", &d.accuracy));
    }
    out
}

const HEADER: [&str; 5] = ["metric", "P", "R", "F1/acc", "tp/pred/gold"];

impl Report {
    /// Pretty JSON with a final newline.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report serializes") + "\n"
    }

    /// A GitHub-flavoured Markdown table.
    pub fn markdown(&self) -> String {
        let mut s = format!("| {} |\n|---|--:|--:|--:|--:|\n", HEADER.join(" | "));
        for r in rows(self) {
            let name = r[0].trim_start();
            let name = if name.len() < r[0].len() { format!("&nbsp;&nbsp;{name}") } else { name.to_string() };
            let _ = writeln!(s, "| {name} | {} | {} | {} | {} |", r[1], r[2], r[3], r[4]);
        }
        s
    }

    /// An aligned plain-text table.
    pub fn table(&self) -> String {
        let rows = rows(self);
        let w: Vec<usize> =
            (0..5).map(|i| rows.iter().map(|r| r[i].len()).chain([HEADER[i].len()]).max().unwrap_or(0)).collect();
        let mut s = String::new();
        let mut line = |cells: [&str; 5]| {
            let _ = write!(s, "{:<w0$}", cells[0], w0 = w[0]);
            for i in 1..5 {
                let _ = write!(s, "  {:>wi$}", cells[i], wi = w[i]);
            }
            s.push('\n');
        };
        line(HEADER);
        for r in &rows {
            line([&r[0], &r[1], &r[2], &r[3], &r[4]]);
        }
        s
    }
}
