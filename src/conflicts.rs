//! Where the sources disagree: for each proposition, the claims that answer it and the pairs of
//! claims whose values cannot both hold (disjoint intervals, different dates or years, opposite
//! booleans, different categories). See [`Value::compatible_with`] for the exact semantics.
//!
//! Where a proposition has reference values, the report also gives them with their sources, and
//! each answer's verdict ([`crate::verdict`]) against them.

use serde::Serialize;

use crate::model::{Reference, Value};
use crate::verdict::{self, Judgement};
use crate::Corpus;

/// One claim's answer to a proposition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// Document id.
    pub document: String,
    /// Claim id.
    pub claim: String,
    /// Who asserts it (`author`, a registry entity id, or `unnamed: …`).
    pub claimer: String,
    /// The claim's text.
    pub text: String,
    /// The value, rendered (`>130`, `>=139`, `137`, `--03-22`, `true`).
    pub value: String,
    /// The value as stored.
    #[serde(skip)]
    pub raw: Value,
    /// The verdict against the proposition's references (indices into
    /// [`PropositionConflicts::references`]); `None` when it has none.
    pub verdict: Option<Judgement>,
}

/// A pair of answers that cannot both hold, by their indices in [`PropositionConflicts::answers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// Index of the first answer.
    pub a: usize,
    /// Index of the second answer.
    pub b: usize,
}

/// The answers to one proposition and their conflicts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PropositionConflicts {
    /// Proposition id.
    pub id: String,
    /// The question.
    pub question: String,
    /// Its unit, if any.
    pub unit: Option<String>,
    /// Every claim that answers it, in seed and text order.
    pub answers: Vec<Answer>,
    /// Pairs that cannot both hold.
    pub conflicts: Vec<Conflict>,
    /// What public sources say, oldest first (empty where none was read).
    pub references: Vec<Reference>,
}

/// The report for every proposition of the corpus, in registry order.
pub fn report(corpus: &Corpus) -> Vec<PropositionConflicts> {
    corpus
        .propositions()
        .iter()
        .map(|p| {
            let answers: Vec<Answer> = corpus
                .claims_on(&p.id)
                .filter_map(|(d, c)| {
                    let v = c.value.clone()?;
                    let verdict = verdict::judge(&v, &p.references, verdict::written(d));
                    Some(Answer {
                        document: d.id().to_string(),
                        claim: c.id.clone(),
                        claimer: c.claimer.display(),
                        text: c.text.clone(),
                        value: v.display(),
                        raw: v,
                        verdict,
                    })
                })
                .collect();
            let mut conflicts = Vec::new();
            for a in 0..answers.len() {
                for b in a + 1..answers.len() {
                    if !answers[a].raw.compatible_with(&answers[b].raw) {
                        conflicts.push(Conflict { a, b });
                    }
                }
            }
            PropositionConflicts {
                id: p.id.clone(),
                question: p.question.clone(),
                unit: p.unit.clone(),
                answers,
                conflicts,
                references: p.references.clone(),
            }
        })
        .collect()
}

/// A plain-text table of the report.
pub fn table(report: &[PropositionConflicts]) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    for p in report {
        let _ = writeln!(
            s,
            "{} — {}{} ({} answers, {} conflicting pairs)",
            p.id,
            p.question,
            p.unit.as_ref().map(|u| format!(" [{u}]")).unwrap_or_default(),
            p.answers.len(),
            p.conflicts.len()
        );
        for (i, r) in p.references.iter().enumerate() {
            let _ = writeln!(
                s,
                "  reference R{i}: {} as of {} ({}{}{}) {}",
                r.value.display(),
                r.as_of,
                r.source.publisher,
                r.source.title.as_ref().map(|t| format!(", {t}")).unwrap_or_default(),
                r.source.published.as_ref().map(|d| format!(", {d}")).unwrap_or_default(),
                r.source.url
            );
        }
        for (i, a) in p.answers.iter().enumerate() {
            let text: String = a.text.chars().take(70).collect();
            let more = if a.text.chars().count() > 70 { "…" } else { "" };
            let at = format!("{}/{}", a.document, a.claim);
            let _ = writeln!(s, "  [{i}] {:<12} {at:<28} {:<30} {text}{more}", a.value, a.claimer);
            if let Some(j) = a.verdict {
                let earlier = j.earlier.map(|e| format!(", agrees with earlier R{e}")).unwrap_or_default();
                let _ = writeln!(s, "      verdict: {} (judged against R{}{earlier})", j.verdict, j.reference);
            }
        }
        for c in &p.conflicts {
            let (a, b) = (&p.answers[c.a], &p.answers[c.b]);
            let _ = writeln!(s, "  conflict: [{}] {} ≠ [{}] {}", c.a, a.value, c.b, b.value);
        }
        s.push('\n');
    }
    s
}
