//! Inter-annotator agreement between the two blind passes shipped in `annotations/passes/`.
//!
//! Entities: exact span+label precision, recall and F1 (pass B scored against pass A; F1 is
//! symmetric), per label and overall; linking: for mentions both passes annotated with the same
//! span and label, pairwise clustering F1 (do the passes put the same pairs of mentions in one
//! entity?), which does not depend on how each pass spelled its registry ids.
//! Claims: span-overlap F1 (a claim matches when the spans overlap, one-to-one, greedily by
//! overlap), claimer agreement on matched claims, and Cohen's kappa on document stance labels.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Serialize;
use serde_json::Value as Json;

use crate::error::Error;

/// Precision, recall, F1 and counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Items in both.
    pub matched: usize,
    /// Items in pass A.
    pub a: usize,
    /// Items in pass B.
    pub b: usize,
    /// matched / b.
    pub precision: f64,
    /// matched / a.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
}

impl Prf {
    fn new(matched: usize, a: usize, b: usize) -> Prf {
        let precision = if b == 0 { 1.0 } else { matched as f64 / b as f64 };
        let recall = if a == 0 { 1.0 } else { matched as f64 / a as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { matched, a, b, precision, recall, f1 }
    }
}

/// Entity-layer agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityAgreement {
    /// Exact span+label, all labels.
    pub overall: Prf,
    /// Exact span+label per label.
    pub per_label: BTreeMap<String, Prf>,
    /// Pairwise clustering F1 of links on mentions both passes share.
    pub linking: Prf,
    /// Matched numeric/temporal mentions with identical normalized values, of all matched ones.
    pub values_identical: (usize, usize),
}

/// Claim- and stance-layer agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimAgreement {
    /// Claim span-overlap F1.
    pub claims: Prf,
    /// Matched claims whose claimers agree (same kind, and same named source or overlapping description).
    pub claimer_agreement: (usize, usize),
    /// Cohen's kappa on document stance labels over every (document, target) both passes labelled.
    pub document_stance_kappa: f64,
    /// Number of (document, target) pairs in the kappa.
    pub document_stance_pairs: usize,
    /// Raw agreement on those pairs.
    pub document_stance_observed: f64,
}

fn read_json(path: &Path) -> Result<Json, Error> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::io(format_args!("cannot read {}", path.display()), e).in_file(path))?;
    crate::corpus::parse(&bytes, &path.display().to_string())
}

fn docs(dir: &Path) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::io(format_args!("cannot list {}", dir.display()), e).in_file(dir))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".json") {
            if !matches!(stem, "registry" | "propositions" | "targets") {
                out.push(stem.to_string());
            }
        }
    }
    out.sort();
    Ok(out)
}

fn arr<'a>(v: &'a Json, key: &str) -> &'a [Json] {
    v.get(key).and_then(Json::as_array).map_or(&[], Vec::as_slice)
}

fn span_of(v: &Json) -> Option<(u64, u64)> {
    Some((v.get("start")?.as_u64()?, v.get("end")?.as_u64()?))
}

/// Agreement of the entity passes in `dir` (holding `pass-a/` and `pass-b/`).
///
/// # Errors
/// When a pass file cannot be read or parsed.
pub fn entities(dir: &Path) -> Result<EntityAgreement, Error> {
    let (da, db) = (dir.join("pass-a"), dir.join("pass-b"));
    let mut per_label: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let (mut m, mut na, mut nb) = (0, 0, 0);
    // Link ids of shared named mentions, per pass, in one global order.
    let (mut links_a, mut links_b) = (Vec::new(), Vec::new());
    let (mut same_value, mut valued) = (0, 0);
    for doc in docs(&da)? {
        let a = read_json(&da.join(format!("{doc}.json")))?;
        let b = read_json(&db.join(format!("{doc}.json")))?;
        let key = |e: &Json| -> Option<(u64, u64, String)> {
            let (s, t) = span_of(e)?;
            Some((s, t, e.get("label")?.as_str()?.to_string()))
        };
        let ka: HashMap<_, &Json> = arr(&a, "entities").iter().filter_map(|e| Some((key(e)?, e))).collect();
        let kb: HashMap<_, &Json> = arr(&b, "entities").iter().filter_map(|e| Some((key(e)?, e))).collect();
        for (k, ea) in &ka {
            let entry = per_label.entry(k.2.clone()).or_default();
            entry.1 += 1;
            na += 1;
            if let Some(eb) = kb.get(k) {
                entry.0 += 1;
                m += 1;
                match (ea.get("entity").and_then(Json::as_str), eb.get("entity").and_then(Json::as_str)) {
                    (Some(x), Some(y)) => {
                        links_a.push(x.to_string());
                        links_b.push(y.to_string());
                    }
                    _ => {
                        valued += 1;
                        if ea.get("value") == eb.get("value") {
                            same_value += 1;
                        }
                    }
                }
            }
        }
        for k in kb.keys() {
            per_label.entry(k.2.clone()).or_default().2 += 1;
            nb += 1;
        }
    }
    // Pairwise clustering: pairs of shared mentions linked to one entity.
    let pairs = |links: &[String]| -> HashSet<(usize, usize)> {
        let mut by: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, l) in links.iter().enumerate() {
            by.entry(l).or_default().push(i);
        }
        let mut out = HashSet::new();
        for v in by.values() {
            for (x, &i) in v.iter().enumerate() {
                for &j in &v[x + 1..] {
                    out.insert((i, j));
                }
            }
        }
        out
    };
    let (pa, pb) = (pairs(&links_a), pairs(&links_b));
    Ok(EntityAgreement {
        overall: Prf::new(m, na, nb),
        per_label: per_label.into_iter().map(|(l, (m, a, b))| (l, Prf::new(m, a, b))).collect(),
        linking: Prf::new(pa.intersection(&pb).count(), pa.len(), pb.len()),
        values_identical: (same_value, valued),
    })
}

/// Agreement of the claim and stance passes in `dir` (holding `pass-a/` and `pass-b/`).
///
/// # Errors
/// When a pass file cannot be read or parsed.
pub fn claims(dir: &Path) -> Result<ClaimAgreement, Error> {
    let (da, db) = (dir.join("pass-a"), dir.join("pass-b"));
    let (mut m, mut na, mut nb) = (0, 0, 0);
    let (mut claimer_same, mut claimer_n) = (0, 0);
    let mut stance_pairs: Vec<(String, String)> = Vec::new();
    for doc in docs(&da)? {
        let a = read_json(&da.join(format!("{doc}.json")))?;
        let b = read_json(&db.join(format!("{doc}.json")))?;
        let ca = arr(&a, "claims");
        let cb = arr(&b, "claims");
        na += ca.len();
        nb += cb.len();
        // Greedy one-to-one matching by overlap length.
        let mut cand = Vec::new();
        for (i, x) in ca.iter().enumerate() {
            for (j, y) in cb.iter().enumerate() {
                if let (Some((s1, e1)), Some((s2, e2))) = (span_of(x), span_of(y)) {
                    let ov = e1.min(e2).saturating_sub(s1.max(s2));
                    if ov > 0 {
                        cand.push((ov, i, j));
                    }
                }
            }
        }
        cand.sort_by(|p, q| q.0.cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
        let (mut ua, mut ub) = (HashSet::new(), HashSet::new());
        for (_, i, j) in cand {
            if ua.contains(&i) || ub.contains(&j) {
                continue;
            }
            ua.insert(i);
            ub.insert(j);
            m += 1;
            claimer_n += 1;
            if claimers_agree(&ca[i]["claimer"], &cb[j]["claimer"]) {
                claimer_same += 1;
            }
        }
        let labels = |v: &Json| -> HashMap<String, String> {
            arr(v, "document_stances")
                .iter()
                .filter_map(|s| Some((s.get("target")?.as_str()?.to_string(), s.get("label")?.as_str()?.to_string())))
                .collect()
        };
        let (la, lb) = (labels(&a), labels(&b));
        let mut targets: Vec<&String> = la.keys().filter(|t| lb.contains_key(*t)).collect();
        targets.sort();
        for t in targets {
            stance_pairs.push((la[t].clone(), lb[t].clone()));
        }
    }
    let (kappa, observed) = cohen_kappa(&stance_pairs);
    Ok(ClaimAgreement {
        claims: Prf::new(m, na, nb),
        claimer_agreement: (claimer_same, claimer_n),
        document_stance_kappa: kappa,
        document_stance_pairs: stance_pairs.len(),
        document_stance_observed: observed,
    })
}

fn claimers_agree(a: &Json, b: &Json) -> bool {
    let kind = |v: &Json| v.get("kind").and_then(Json::as_str).unwrap_or("").to_string();
    if kind(a) != kind(b) {
        return false;
    }
    match kind(a).as_str() {
        "named" | "entity" => {
            let name = |v: &Json| {
                v.get("name").or_else(|| v.get("entity")).and_then(Json::as_str).unwrap_or("").to_lowercase()
            };
            name(a) == name(b) || matches!((span_of(a), span_of(b)), (Some(x), Some(y)) if x == y)
        }
        "unnamed" => match (span_of(a), span_of(b)) {
            (Some((s1, e1)), Some((s2, e2))) => s1 < e2 && s2 < e1,
            (None, None) => true,
            _ => false,
        },
        _ => true,
    }
}

/// Cohen's kappa and observed agreement of paired labels.
pub fn cohen_kappa(pairs: &[(String, String)]) -> (f64, f64) {
    if pairs.is_empty() {
        return (1.0, 1.0);
    }
    let n = pairs.len() as f64;
    let observed = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let mut ca: HashMap<&str, f64> = HashMap::new();
    let mut cb: HashMap<&str, f64> = HashMap::new();
    for (a, b) in pairs {
        *ca.entry(a).or_default() += 1.0;
        *cb.entry(b).or_default() += 1.0;
    }
    let expected: f64 = ca.iter().map(|(l, x)| x / n * cb.get(l).copied().unwrap_or(0.0) / n).sum();
    let kappa = if (1.0 - expected).abs() < f64::EPSILON { 1.0 } else { (observed - expected) / (1.0 - expected) };
    (kappa, observed)
}

/// The agreement report as an aligned table, or as Markdown (`md`) for the README.
pub fn render(entities: &EntityAgreement, claims: Option<&ClaimAgreement>, md: bool) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let row = |s: &mut String, name: &str, p: &Prf| {
        if md {
            let _ = writeln!(
                s,
                "| {name} | {} | {} | {} | {:.3} | {:.3} | {:.3} |",
                p.a, p.b, p.matched, p.precision, p.recall, p.f1
            );
        } else {
            let _ = writeln!(
                s,
                "{name:<14} {:>6} {:>6} {:>7} {:>9.3} {:>7.3} {:>6.3}",
                p.a, p.b, p.matched, p.precision, p.recall, p.f1
            );
        }
    };
    if md {
        s.push_str("| entities (exact span+label) | pass A | pass B | matched | precision | recall | F1 |\n|---|---|---|---|---|---|---|\n");
    } else {
        s.push_str("entities: exact span+label (pass B against pass A)\nlabel          pass-a pass-b matched precision  recall     F1\n");
    }
    for (label, p) in &entities.per_label {
        row(&mut s, label, p);
    }
    row(&mut s, "overall", &entities.overall);
    row(&mut s, "linking (pairwise)", &entities.linking);
    let _ = writeln!(
        s,
        "{}numeric/temporal values identical on matched mentions: {} of {}",
        if md { "\n" } else { "" },
        entities.values_identical.0,
        entities.values_identical.1
    );
    if let Some(c) = claims {
        if md {
            s.push_str(
                "\n| claims | pass A | pass B | matched | precision | recall | F1 |\n|---|---|---|---|---|---|---|\n",
            );
        } else {
            s.push_str("\nclaims: span overlap\n");
        }
        row(&mut s, "claims (overlap)", &c.claims);
        let _ = writeln!(
            s,
            "{}claimer agreement on matched claims: {} of {} ({:.3})",
            if md { "\n" } else { "" },
            c.claimer_agreement.0,
            c.claimer_agreement.1,
            c.claimer_agreement.0 as f64 / c.claimer_agreement.1.max(1) as f64
        );
        let _ = writeln!(
            s,
            "document stance: Cohen's kappa {:.3} (observed agreement {:.3}) over {} document-target pairs",
            c.document_stance_kappa, c.document_stance_observed, c.document_stance_pairs
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_of_known_tables() {
        let p = |a: &str, b: &str| (a.to_string(), b.to_string());
        // 50 pairs: 20 yes/yes, 15 no/no, 5 yes/no, 10 no/yes -> po = .7, pe = .5, kappa = .4
        let mut pairs = vec![p("Y", "Y"); 20];
        pairs.extend(vec![p("N", "N"); 15]);
        pairs.extend(vec![p("Y", "N"); 5]);
        pairs.extend(vec![p("N", "Y"); 10]);
        let (k, o) = cohen_kappa(&pairs);
        assert!((o - 0.7).abs() < 1e-9);
        assert!((k - 0.4).abs() < 1e-9, "{k}");
    }

    #[test]
    fn prf() {
        let x = Prf::new(8, 10, 16);
        assert!((x.precision - 0.5).abs() < 1e-9 && (x.recall - 0.8).abs() < 1e-9);
        assert!((x.f1 - 2.0 * 0.4 / 1.3).abs() < 1e-9);
    }
}
