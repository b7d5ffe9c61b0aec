//! Counts per document and label for every layer, as `crocus stats` prints them and the README
//! shows them; and the counts of reference values, Wikipedia links and verdicts.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::model::Label;
use crate::Corpus;

/// Counts for one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentStats {
    /// Document id.
    pub id: String,
    /// Length in characters.
    pub chars: usize,
    /// Entity mentions per label (every label present, zero included).
    pub entities: BTreeMap<String, usize>,
    /// All entity mentions.
    pub entities_total: usize,
    /// Claims.
    pub claims: usize,
    /// Claims that answer a proposition.
    pub claims_with_proposition: usize,
    /// Check-worthy claims.
    pub checkworthy: usize,
    /// Span stances per label.
    pub stances: BTreeMap<String, usize>,
    /// All span stances.
    pub stances_total: usize,
    /// Document stances.
    pub document_stances: usize,
    /// Claims per verdict against the reference values (verdicts with no claim omitted).
    pub verdicts: BTreeMap<String, usize>,
}

/// Counts for the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// The data version.
    pub version: String,
    /// Per document, in seed order.
    pub documents: Vec<DocumentStats>,
    /// Registry entities.
    pub registry_entities: usize,
    /// Propositions.
    pub propositions: usize,
    /// Stance targets.
    pub targets: usize,
    /// Reference values, Wikipedia links and verdicts.
    pub facts: FactStats,
    /// Entity mentions that start or end inside a token of [`crate::segment`] (set by
    /// `crocus stats`; `None` from [`Stats::of`], which does not segment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities_off_tokens: Option<usize>,
}

/// Counts of the facts beyond the texts: reference values, links, verdicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactStats {
    /// Propositions with at least one reference value.
    pub propositions_with_references: usize,
    /// Reference values in all.
    pub references: usize,
    /// Registry entities linked to an English Wikipedia article.
    pub entities_linked: usize,
    /// Registry entities with a Wikidata id.
    pub entities_with_wikidata: usize,
    /// Claims with a verdict, per verdict (every verdict present, zero included).
    pub verdicts: BTreeMap<String, usize>,
}

impl Stats {
    /// Counts the corpus.
    pub fn of(corpus: &Corpus) -> Stats {
        let documents = corpus
            .iter()
            .map(|d| {
                let mut entities: BTreeMap<String, usize> =
                    Label::ALL.iter().map(|l| (l.as_str().to_string(), 0)).collect();
                for m in d.entities() {
                    *entities.entry(m.label.as_str().to_string()).or_default() += 1;
                }
                let mut verdicts = BTreeMap::new();
                for c in d.claims() {
                    if let Some(j) = crate::verdict::of_claim(corpus, d, c) {
                        *verdicts.entry(j.verdict.as_str().to_string()).or_default() += 1;
                    }
                }
                let mut stances = BTreeMap::new();
                for s in d.stances() {
                    *stances.entry(s.label.as_str().to_string()).or_default() += 1;
                }
                DocumentStats {
                    id: d.id().to_string(),
                    chars: d.text_index().len_chars(),
                    entities,
                    entities_total: d.entities().len(),
                    claims: d.claims().len(),
                    claims_with_proposition: d.claims().iter().filter(|c| c.proposition.is_some()).count(),
                    checkworthy: d.claims().iter().filter(|c| c.checkworthy).count(),
                    stances,
                    stances_total: d.stances().len(),
                    document_stances: d.document_stances().len(),
                    verdicts,
                }
            })
            .collect();
        Stats {
            version: crate::CORPUS_VERSION.to_string(),
            documents,
            registry_entities: corpus.entities().len(),
            propositions: corpus.propositions().len(),
            targets: corpus.targets().len(),
            facts: FactStats::of(corpus),
            entities_off_tokens: None,
        }
    }

    /// The README's block on reference values, links and verdicts.
    pub fn facts_markdown(&self) -> String {
        let f = &self.facts;
        let mut s = format!(
            "{} of {} propositions have reference values ({} in all); {} of {} registry entities link to an \
             English Wikipedia article ({} with a Wikidata id).\n\n| verdict | claims |\n|---|---|\n",
            f.propositions_with_references,
            self.propositions,
            f.references,
            f.entities_linked,
            self.registry_entities,
            f.entities_with_wikidata
        );
        for (k, n) in &f.verdicts {
            let _ = writeln!(s, "| {} | {n} |", k.replace('_', " "));
        }
        s
    }

    /// The labels with at least one mention, in OntoNotes order.
    fn used_labels(&self) -> Vec<&'static str> {
        Label::ALL
            .iter()
            .map(|l| l.as_str())
            .filter(|l| self.documents.iter().any(|d| d.entities.get(*l).copied().unwrap_or(0) > 0))
            .collect()
    }

    fn rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let labels = self.used_labels();
        let mut header = vec!["document".to_string(), "chars".into()];
        header.extend(labels.iter().map(|l| l.to_string()));
        header.extend(
            ["entities", "claims", "with proposition", "check-worthy", "span stances", "doc stances"].map(String::from),
        );
        let mut rows = Vec::new();
        let mut total = vec![0usize; header.len() - 1];
        for d in &self.documents {
            let mut nums = vec![d.chars];
            nums.extend(labels.iter().map(|l| d.entities.get(*l).copied().unwrap_or(0)));
            nums.extend([
                d.entities_total,
                d.claims,
                d.claims_with_proposition,
                d.checkworthy,
                d.stances_total,
                d.document_stances,
            ]);
            for (t, n) in total.iter_mut().zip(&nums) {
                *t += n;
            }
            let mut row = vec![d.id.clone()];
            row.extend(nums.iter().map(usize::to_string));
            rows.push(row);
        }
        let mut row = vec!["total".to_string()];
        row.extend(total.iter().map(usize::to_string));
        rows.push(row);
        (header, rows)
    }

    /// A GitHub-flavoured Markdown table (the README's statistics table).
    pub fn markdown(&self) -> String {
        let (header, rows) = self.rows();
        let mut s = format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len()));
        for r in rows {
            let _ = writeln!(s, "| {} |", r.join(" | "));
        }
        let _ = writeln!(
            s,
            "\nRegistries: {} entities, {} propositions, {} stance targets.",
            self.registry_entities, self.propositions, self.targets
        );
        if let Some(n) = self.entities_off_tokens {
            let _ = writeln!(s, "\nEntity mentions off token boundaries: {n} (listed in DATASHEET.md).");
        }
        s
    }

    /// An aligned plain-text table.
    pub fn table(&self) -> String {
        let (header, rows) = self.rows();
        let widths: Vec<usize> = (0..header.len())
            .map(|i| rows.iter().map(|r| r[i].len()).chain([header[i].len()]).max().unwrap_or(0))
            .collect();
        let line = |cells: &[String]| {
            let mut l = String::new();
            for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
                if i == 0 {
                    let _ = write!(l, "{c:<w$}");
                } else {
                    let _ = write!(l, "  {c:>w$}");
                }
            }
            l.push('\n');
            l
        };
        let mut s = line(&header);
        for r in &rows {
            s.push_str(&line(r));
        }
        let _ = writeln!(
            s,
            "registries: {} entities, {} propositions, {} stance targets",
            self.registry_entities, self.propositions, self.targets
        );
        let f = &self.facts;
        let _ = writeln!(
            s,
            "facts: {} propositions with {} reference values; {} entities linked to Wikipedia, {} to Wikidata",
            f.propositions_with_references, f.references, f.entities_linked, f.entities_with_wikidata
        );
        let verdicts: Vec<String> = f.verdicts.iter().map(|(k, n)| format!("{n} {}", k.replace('_', " "))).collect();
        let _ = writeln!(s, "verdicts: {}", verdicts.join(", "));
        if let Some(n) = self.entities_off_tokens {
            let _ = writeln!(s, "entity mentions off token boundaries: {n} (listed in DATASHEET.md)");
        }
        s
    }
}

impl FactStats {
    /// Counts the corpus's reference values, links and verdicts.
    pub fn of(corpus: &Corpus) -> FactStats {
        let mut verdicts: BTreeMap<String, usize> =
            crate::verdict::Verdict::ALL.iter().map(|v| (v.as_str().to_string(), 0)).collect();
        for v in crate::verdict::all(corpus) {
            *verdicts.entry(v.judgement.verdict.as_str().to_string()).or_default() += 1;
        }
        FactStats {
            propositions_with_references: corpus.propositions().iter().filter(|p| !p.references.is_empty()).count(),
            references: corpus.propositions().iter().map(|p| p.references.len()).sum(),
            entities_linked: corpus.entities().iter().filter(|e| e.wikipedia.is_some()).count(),
            entities_with_wikidata: corpus.entities().iter().filter(|e| e.wikidata.is_some()).count(),
            verdicts,
        }
    }
}
