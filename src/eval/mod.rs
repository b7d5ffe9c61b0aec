//! Scoring predictions against the corpus, so that two papers' numbers on it are comparable.
//!
//! Each metric is named after the standard it reproduces (docs/evaluation.md):
//!
//! - **entities**: exact span + label, micro P/R/F1 and per label (`conlleval`, `seqeval` strict
//!   IOB2), optionally on the CoNLL-2003 label mapping; **linking**: P/R/F1 of
//!   (span, registry entity) pairs;
//! - **claims**: one-to-one greedy matching of claim spans (highest character Jaccard first,
//!   Jaccard ≥ 0.5), and exact matching; P/R/F1; on matched claims claimer accuracy,
//!   check-worthiness F1 of the positive class (CheckThat!), proposition and value accuracy;
//! - **stance**: document stance over the document × target cells, SemEval-2016 Task 6 F_avg
//!   (mean of the FAVOR and AGAINST F1) and accuracy; span stances matched as claims are, then
//!   holder, target and label accuracy.
//!
//! ```
//! use crocus_corpus::eval::{evaluate, Options};
//! use crocus_corpus::Corpus;
//!
//! let corpus = Corpus::embedded();
//! let gold = crocus_corpus::export::jsonl_records(corpus, &Default::default(),
//!     crocus_corpus::export::RecordKind::Entities);
//! let report = evaluate(corpus, &[("entities.jsonl".into(), gold)], &Options::default()).unwrap();
//! assert_eq!(report.entities.unwrap().micro.f1, 1.0);
//! ```

mod input;
mod report;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub use input::{
    ClaimPrediction, DocumentPrediction, DocumentStancePrediction, EntityPrediction, PredictionRecord, StancePrediction,
};
pub use report::{Accuracy, ClaimReport, DocumentStanceReport, EntityReport, Prf, Report, StanceReport};

use crate::corpus::{Corpus, Document};
use crate::error::Error;
use crate::export::LabelSet;
use crate::model::{Claimer, StanceTarget};
use crate::segment::token_range;
use input::{canonical_value, Clm, DocLayers, Ent, Reader, Stn};

/// Options of [`evaluate`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Score entities on this label set (CoNLL-2003 maps the gold and OntoNotes predictions).
    pub labels: LabelSet,
}

/// The JSON Schema of a line of a prediction file (`schema/eval-prediction.schema.json`).
pub fn prediction_schema() -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(PredictionRecord)).expect("schema serializes");
    schema["$id"] = format!("{}eval-prediction.schema.json", crate::schema::SCHEMA_BASE_URL).into();
    serde_json::to_string_pretty(&schema).expect("schema serializes") + "\n"
}

/// The JSON Schema of the report of `crocus eval --format json` (`schema/eval-report.schema.json`).
pub fn report_schema() -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(Report)).expect("schema serializes");
    schema["$id"] = format!("{}eval-report.schema.json", crate::schema::SCHEMA_BASE_URL).into();
    serde_json::to_string_pretty(&schema).expect("schema serializes") + "\n"
}

/// The character Jaccard threshold of claim and span-stance matching.
pub const JACCARD_THRESHOLD: f64 = 0.5;

/// Scores prediction files (name, content) against a corpus.
///
/// # Errors
/// Every problem found in the prediction files, each with its file, line and column.
pub fn evaluate(corpus: &Corpus, files: &[(PathBuf, String)], options: &Options) -> Result<Report, Vec<Error>> {
    let mut reader = Reader::new(corpus, options.labels);
    for (name, content) in files {
        reader.read(name, content);
    }
    if !reader.errors.is_empty() {
        return Err(reader.errors);
    }
    let pred = reader.out;
    let gold = gold(corpus);
    let mut report = Report {
        corpus_version: crate::CORPUS_VERSION.to_string(),
        predictions: files.iter().map(|(p, _)| p.display().to_string()).collect(),
        labels: match options.labels {
            LabelSet::OntoNotes => "ontonotes".into(),
            LabelSet::Conll2003 => "conll2003".into(),
        },
        entities: None,
        linking: None,
        claims: None,
        stances: None,
        document_stances: None,
    };
    let empty = DocLayers::default();
    let docs = || corpus.iter().map(|d| (d, &gold[d.id()], pred.docs.get(d.id()).unwrap_or(&empty)));
    if pred.has_entities {
        report.entities = Some(entities(docs(), options, pred.token_level));
    }
    if pred.has_links {
        report.linking = Some(linking(docs()));
    }
    let mut claim_maps: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    if pred.has_claims {
        let (r, maps) = claims(docs());
        report.claims = Some(r);
        claim_maps = maps;
    }
    if pred.has_stances {
        report.stances = Some(stances(docs(), &claim_maps));
    }
    if pred.has_document_stances {
        report.document_stances = Some(document_stances(docs()));
    }
    Ok(report)
}

/// The corpus's annotations in the form predictions are read into.
fn gold(corpus: &Corpus) -> BTreeMap<String, DocLayers> {
    let claimer = |c: &Claimer| match c {
        Claimer::Author => "author".to_string(),
        Claimer::Entity { entity, .. } => format!("entity:{entity}"),
        Claimer::Unnamed { .. } => "unnamed".to_string(),
    };
    corpus
        .iter()
        .map(|d| {
            let entities = d
                .entities()
                .iter()
                .map(|m| Ent {
                    start: m.start,
                    end: m.end,
                    label: m.label.as_str().to_string(),
                    link: m.entity.clone(),
                })
                .collect();
            let claims = d
                .claims()
                .iter()
                .map(|c| {
                    let flat = crate::export::flat_value(c.value.as_ref());
                    let value =
                        flat.as_object().map(|o| o.clone().into_iter().collect()).and_then(|m| canonical_value(&m));
                    Clm {
                        id: Some(c.id.clone()),
                        start: c.start,
                        end: c.end,
                        claimer: Some(claimer(&c.claimer)),
                        checkworthy: Some(c.checkworthy),
                        proposition: Some(c.proposition.clone()),
                        value: Some(value),
                    }
                })
                .collect();
            let stances = d
                .stances()
                .iter()
                .map(|s| {
                    let (target, is_claim) = match &s.target {
                        StanceTarget::Target { id } | StanceTarget::Entity { id } => (id.clone(), false),
                        StanceTarget::Claim { id } => (id.clone(), true),
                    };
                    Stn {
                        start: s.start,
                        end: s.end,
                        target,
                        target_is_claim: is_claim,
                        label: s.label.as_str().to_string(),
                        holder: Some(claimer(&s.holder)),
                    }
                })
                .collect();
            let document_stances =
                d.document_stances().iter().map(|s| (s.target.clone(), s.label.as_str().to_string())).collect();
            (d.id().to_string(), DocLayers { entities, claims, stances, document_stances })
        })
        .collect()
}

type Docs<'a> = (&'a Document, &'a DocLayers, &'a DocLayers);

/// The label of an entity on the chosen label set (`None`: not scored).
fn map_label(label: &str, labels: LabelSet) -> Option<String> {
    match (labels, crate::Label::parse(label)) {
        (LabelSet::OntoNotes, _) => Some(label.to_string()),
        (LabelSet::Conll2003, Some(l)) => l.conll2003().map(str::to_string),
        (LabelSet::Conll2003, None) => Some(label.to_string()),
    }
}

fn entities<'a>(docs: impl Iterator<Item = Docs<'a>>, options: &Options, token_level: bool) -> EntityReport {
    let mut g: BTreeSet<(String, usize, usize, String)> = BTreeSet::new();
    let mut p: BTreeSet<(String, usize, usize, String)> = BTreeSet::new();
    for (doc, gold, pred) in docs {
        let tokens = if token_level { doc.tokens() } else { Vec::new() };
        for e in &gold.entities {
            let Some(label) = map_label(&e.label, options.labels) else { continue };
            let (mut s, mut t) = (e.start, e.end);
            if token_level {
                // The gold as the CoNLL exports tag it: every token the mention overlaps.
                let (r, _) = token_range(&tokens, crate::Span::new(s, t));
                if r.is_empty() {
                    continue;
                }
                (s, t) = (tokens[r.start].start, tokens[r.end - 1].end);
            }
            g.insert((doc.id().to_string(), s, t, label));
        }
        for e in &pred.entities {
            if let Some(label) = map_label(&e.label, options.labels) {
                p.insert((doc.id().to_string(), e.start, e.end, label));
            }
        }
    }
    let labels: BTreeSet<&String> = g.iter().chain(&p).map(|x| &x.3).collect();
    let per_label = labels
        .into_iter()
        .map(|l| {
            let gl: BTreeSet<_> = g.iter().filter(|x| &x.3 == l).collect();
            let pl: BTreeSet<_> = p.iter().filter(|x| &x.3 == l).collect();
            (l.clone(), Prf::new(gl.intersection(&pl).count(), pl.len(), gl.len()))
        })
        .collect();
    EntityReport { micro: Prf::new(g.intersection(&p).count(), p.len(), g.len()), per_label, token_level }
}

fn linking<'a>(docs: impl Iterator<Item = Docs<'a>>) -> Prf {
    let mut g = BTreeSet::new();
    let mut p = BTreeSet::new();
    for (doc, gold, pred) in docs {
        for e in &gold.entities {
            if let Some(l) = &e.link {
                g.insert((doc.id().to_string(), e.start, e.end, l.clone()));
            }
        }
        for e in &pred.entities {
            if let Some(l) = &e.link {
                p.insert((doc.id().to_string(), e.start, e.end, l.clone()));
            }
        }
    }
    Prf::new(g.intersection(&p).count(), p.len(), g.len())
}

/// Character Jaccard of two spans.
pub fn jaccard(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0) - gap(a, b);
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// The characters between two disjoint spans (not in their union).
fn gap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.0.max(b.0).saturating_sub(a.1.min(b.1))
}

/// One-to-one greedy matching: pairs with Jaccard ≥ [`JACCARD_THRESHOLD`], highest first (ties:
/// gold order, then prediction order). Returns (gold index, prediction index) pairs.
pub fn greedy_match(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, p) in pred.iter().enumerate() {
            let s = jaccard(*g, *p);
            if s >= JACCARD_THRESHOLD {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gu, mut pu) = (BTreeSet::new(), BTreeSet::new());
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if !gu.contains(&i) && !pu.contains(&j) {
            gu.insert(i);
            pu.insert(j);
            out.push((i, j));
        }
    }
    out.sort_unstable();
    out
}

/// Exact matches, one-to-one, in order.
fn exact_match(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> usize {
    let mut left: Vec<(usize, usize)> = pred.to_vec();
    gold.iter()
        .filter(|g| {
            if let Some(k) = left.iter().position(|p| p == *g) {
                left.remove(k);
                true
            } else {
                false
            }
        })
        .count()
}

/// Counts of an accuracy, `None` when no prediction has the field.
#[derive(Default)]
struct Acc {
    predicted: bool,
    correct: usize,
    total: usize,
}

impl Acc {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.correct += usize::from(ok);
    }
    fn done(self) -> Option<Accuracy> {
        self.predicted.then(|| Accuracy::new(self.correct, self.total))
    }
}

#[allow(clippy::type_complexity)]
fn claims<'a>(docs: impl Iterator<Item = Docs<'a>>) -> (ClaimReport, BTreeMap<String, BTreeMap<String, String>>) {
    let (mut tp, mut np, mut ng, mut exact) = (0, 0, 0, 0);
    let mut claimer = Acc::default();
    let mut proposition = Acc::default();
    let mut value = Acc::default();
    let (mut cw_tp, mut cw_p, mut cw_g, mut cw_predicted) = (0, 0, 0, false);
    let mut maps = BTreeMap::new();
    for (doc, gold, pred) in docs {
        let gs: Vec<(usize, usize)> = gold.claims.iter().map(|c| (c.start, c.end)).collect();
        let ps: Vec<(usize, usize)> = pred.claims.iter().map(|c| (c.start, c.end)).collect();
        let matched = greedy_match(&gs, &ps);
        tp += matched.len();
        np += ps.len();
        ng += gs.len();
        exact += exact_match(&gs, &ps);
        claimer.predicted |= pred.claims.iter().any(|c| c.claimer.is_some());
        proposition.predicted |= pred.claims.iter().any(|c| c.proposition.is_some());
        value.predicted |= pred.claims.iter().any(|c| c.value.is_some());
        cw_predicted |= pred.claims.iter().any(|c| c.checkworthy.is_some());
        let mut map = BTreeMap::new();
        for &(i, j) in &matched {
            let (g, p): (&Clm, &Clm) = (&gold.claims[i], &pred.claims[j]);
            if let (Some(pid), Some(gid)) = (&p.id, &g.id) {
                map.insert(pid.clone(), gid.clone());
            }
            claimer.add(p.claimer.is_some() && p.claimer == g.claimer);
            proposition.add(p.proposition.clone().unwrap_or(None) == g.proposition.clone().unwrap_or(None));
            if g.proposition.as_ref().is_some_and(Option::is_some) {
                value.add(p.value.clone().unwrap_or(None) == g.value.clone().unwrap_or(None));
            }
            let (gc, pc) = (g.checkworthy == Some(true), p.checkworthy == Some(true));
            cw_tp += usize::from(gc && pc);
            cw_p += usize::from(pc);
            cw_g += usize::from(gc);
        }
        maps.insert(doc.id().to_string(), map);
    }
    let report = ClaimReport {
        matched: Prf::new(tp, np, ng),
        exact: Prf::new(exact, np, ng),
        claimer: claimer.done(),
        checkworthy: cw_predicted.then(|| Prf::new(cw_tp, cw_p, cw_g)),
        proposition: proposition.done(),
        value: value.done(),
    };
    (report, maps)
}

fn stances<'a>(
    docs: impl Iterator<Item = Docs<'a>>,
    claim_maps: &BTreeMap<String, BTreeMap<String, String>>,
) -> StanceReport {
    let (mut tp, mut np, mut ng, mut exact) = (0, 0, 0, 0);
    let mut holder = Acc::default();
    let mut target = Acc { predicted: true, ..Acc::default() };
    let mut label = Acc { predicted: true, ..Acc::default() };
    for (doc, gold, pred) in docs {
        let gs: Vec<(usize, usize)> = gold.stances.iter().map(|c| (c.start, c.end)).collect();
        let ps: Vec<(usize, usize)> = pred.stances.iter().map(|c| (c.start, c.end)).collect();
        let matched = greedy_match(&gs, &ps);
        tp += matched.len();
        np += ps.len();
        ng += gs.len();
        exact += exact_match(&gs, &ps);
        holder.predicted |= pred.stances.iter().any(|s| s.holder.is_some());
        let map = claim_maps.get(doc.id());
        for &(i, j) in &matched {
            let (g, p): (&Stn, &Stn) = (&gold.stances[i], &pred.stances[j]);
            holder.add(p.holder.is_some() && p.holder == g.holder);
            // A predicted claim target is the id of a predicted claim: its matched gold claim.
            let pt = match map.and_then(|m| m.get(&p.target)) {
                Some(gid) if p.target_is_claim => gid,
                _ => &p.target,
            };
            target.add(*pt == g.target);
            label.add(p.label == g.label);
        }
    }
    StanceReport {
        matched: Prf::new(tp, np, ng),
        exact: Prf::new(exact, np, ng),
        holder: holder.done(),
        target: target.done().unwrap_or_default(),
        label: label.done().unwrap_or_default(),
    }
}

fn document_stances<'a>(docs: impl Iterator<Item = Docs<'a>>) -> DocumentStanceReport {
    let mut acc = Acc { predicted: true, ..Acc::default() };
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (_, gold, pred) in docs {
        for (t, g) in &gold.document_stances {
            let p = pred.document_stances.get(t).map_or("NONE", String::as_str);
            acc.add(p == g);
            for class in ["FAVOR", "AGAINST"] {
                let c = counts.entry(class).or_default();
                c.0 += usize::from(p == class && g == class);
                c.1 += usize::from(p == class);
                c.2 += usize::from(g == class);
            }
        }
    }
    let prf = |c: &str| counts.get(c).map_or_else(|| Prf::new(0, 0, 0), |x| Prf::new(x.0, x.1, x.2));
    let (favor, against) = (prf("FAVOR"), prf("AGAINST"));
    DocumentStanceReport {
        f_avg: (favor.f1 + against.f1) / 2.0,
        favor,
        against,
        accuracy: acc.done().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_of_spans() {
        assert_eq!(jaccard((0, 10), (0, 10)), 1.0);
        assert_eq!(jaccard((0, 10), (5, 15)), 5.0 / 15.0);
        assert_eq!(jaccard((0, 10), (0, 5)), 0.5);
        assert_eq!(jaccard((0, 4), (6, 10)), 0.0);
    }

    #[test]
    fn greedy_matching_takes_the_best_pair_first() {
        // Both gold spans overlap pred 1 best (J = 9/11; the tie goes to gold 0); pred 0 would
        // match gold 0 (J = 0.5), which is taken, and gold 1 only at J = 0.25.
        let gold = [(0, 10), (2, 12)];
        let pred = [(0, 5), (1, 11)];
        assert_eq!(jaccard(gold[0], pred[1]), 9.0 / 11.0);
        assert_eq!(greedy_match(&gold, &pred), vec![(0, 1)]);
    }
}
