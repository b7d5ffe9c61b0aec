//! Verdicts: how a claim's value stands against what public sources say.
//!
//! Why it exists: the conflicts report ([`crate::conflicts`]) says where the texts disagree with
//! each other; a verdict says where a text disagrees with the record. Verdicts are computed, never
//! annotated: from a claim's value, its proposition's [`Reference`]s and the date the text was
//! written (the manifest's `date`, where the text states one). The comparison is the one the
//! conflicts report uses, [`Value::compatible_with`], so "agrees" here and "no conflict" there
//! mean the same thing.
//!
//! The rules, in order:
//!
//! 1. The references judged against are the current ones: those with the latest `as_of` (ISO
//!    dates compared as strings, so a bare `2024` counts as older than `2024-03-22`).
//! 2. **agrees**: the claim's value can hold together with a current reference's value (`more
//!    than 130` agrees with `145`; `--03-22` agrees with `2024-03-22`).
//! 3. **not comparable**: no current reference has a value of a comparable kind (an interval of
//!    dates, a number against a date), or the two values differ and one of
//!    them is approximate (`around 140` against `145`: no tolerance is defined, so no verdict).
//! 4. **outdated**: the value contradicts the current references but agrees with an earlier one
//!    that already held when the text was written, and the current figure dates from after it.
//!    This needs the text's date; where the manifest has none, or the dates do not order (`2024-03`
//!    against `2024-03-23`), the verdict is **contradicts**, with the earlier reference it matches
//!    in [`Judgement::earlier`].
//! 5. **contradicts** otherwise.
//!
//! ```
//! use crocus_corpus::{verdict, Corpus};
//!
//! let corpus = Corpus::embedded();
//! for v in verdict::all(corpus) {
//!     let p = corpus.proposition(&v.proposition).unwrap();
//!     // Every verdict names the reference it was judged against, with its source.
//!     assert!(!p.references[v.judgement.reference].source.url.is_empty());
//! }
//! ```

use std::cmp::Ordering;

use serde::Serialize;

use crate::model::{Claim, Reference, Value};
use crate::{Corpus, Document};

/// How a claim's value stands against the reference values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The value can hold together with a current reference value.
    Agrees,
    /// The value cannot hold together with any current reference value.
    Contradicts,
    /// The value matched a figure current when the text was written, since revised.
    Outdated,
    /// The values cannot be compared (kinds differ, or one is approximate and they differ).
    NotComparable,
}

impl Verdict {
    /// Every verdict, in display order.
    pub const ALL: [Verdict; 4] = [Verdict::Agrees, Verdict::Contradicts, Verdict::Outdated, Verdict::NotComparable];

    /// The name used in the JSON outputs (`not_comparable`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Agrees => "agrees",
            Verdict::Contradicts => "contradicts",
            Verdict::Outdated => "outdated",
            Verdict::NotComparable => "not_comparable",
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A verdict with the references it rests on, as indices into the proposition's `references`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Judgement {
    /// The verdict.
    pub verdict: Verdict,
    /// The reference judged against: a current one.
    pub reference: usize,
    /// An earlier reference the value agrees with, when it contradicts the current ones (for
    /// `outdated`, the figure that was current when the text was written).
    pub earlier: Option<usize>,
}

/// Judges `value` against `references` (in any order), for a text written on `written` (ISO
/// 8601, if known). `None` when there is no reference.
///
/// ```
/// use crocus_corpus::model::{Reference, Source, Value};
/// use crocus_corpus::verdict::{judge, Verdict};
///
/// let source = Source { title: None, publisher: "p".into(), published: None, url: "https://example.org/".into() };
/// let number = |n| Value::Number { value: n, approximate: false };
/// let refs = [
///     Reference { value: number(133.0), as_of: "2024-03-23".into(), source: source.clone(), note: None },
///     Reference { value: number(145.0), as_of: "2024-04-20".into(), source, note: None },
/// ];
/// assert_eq!(judge(&number(145.0), &refs, None).unwrap().verdict, Verdict::Agrees);
/// // 133 was right when written on 24 March, and was revised later.
/// let old = judge(&number(133.0), &refs, Some("2024-03-24")).unwrap();
/// assert_eq!((old.verdict, old.reference, old.earlier), (Verdict::Outdated, 1, Some(0)));
/// // Without the text's date, that cannot be said.
/// assert_eq!(judge(&number(133.0), &refs, None).unwrap().verdict, Verdict::Contradicts);
/// ```
pub fn judge(value: &Value, references: &[Reference], written: Option<&str>) -> Option<Judgement> {
    let latest = references.iter().map(|r| r.as_of.as_str()).max()?;
    let current: Vec<usize> = (0..references.len()).filter(|&i| references[i].as_of == latest).collect();
    let usable: Vec<usize> = current.iter().copied().filter(|&i| comparable(value, &references[i].value)).collect();
    let Some(&first) = usable.first() else {
        return Some(Judgement { verdict: Verdict::NotComparable, reference: current[0], earlier: None });
    };
    if let Some(&i) = usable.iter().find(|&&i| value.compatible_with(&references[i].value)) {
        return Some(Judgement { verdict: Verdict::Agrees, reference: i, earlier: None });
    }
    if approximate(value) || approximate(&references[first].value) {
        return Some(Judgement { verdict: Verdict::NotComparable, reference: first, earlier: None });
    }
    // The latest earlier reference the value agrees with.
    let earlier = (0..references.len())
        .filter(|&i| references[i].as_of.as_str() < latest)
        .filter(|&i| comparable(value, &references[i].value) && value.compatible_with(&references[i].value))
        .max_by(|&a, &b| references[a].as_of.cmp(&references[b].as_of));
    let outdated = match (earlier, written) {
        (Some(e), Some(w)) => {
            matches!(date_cmp(&references[e].as_of, w), Some(Ordering::Less | Ordering::Equal))
                && date_cmp(w, latest) == Some(Ordering::Less)
        }
        _ => false,
    };
    let verdict = if outdated { Verdict::Outdated } else { Verdict::Contradicts };
    Some(Judgement { verdict, reference: first, earlier })
}

/// True when the two values can be compared at all: both numeric (numbers, ranges, ordinals),
/// both single dates (an interval such as `1980/1989` is compared with nothing: whether "in the
/// 1980s" agrees with `1979-12/1989-02` is a judgement, not a computation), both booleans, both
/// categories, or both durations.
pub fn comparable(a: &Value, b: &Value) -> bool {
    if a.interval().is_some() && b.interval().is_some() {
        return true;
    }
    match (a, b) {
        (Value::Date { iso: x }, Value::Date { iso: y }) => !x.contains('/') && !y.contains('/'),
        (Value::Boolean { .. }, Value::Boolean { .. })
        | (Value::Category { .. }, Value::Category { .. })
        | (Value::Duration { .. }, Value::Duration { .. }) => true,
        _ => false,
    }
}

fn approximate(v: &Value) -> bool {
    matches!(v, Value::Number { approximate: true, .. } | Value::Range { approximate: true, .. })
}

/// Orders two ISO 8601 calendar dates of any precision (`2024`, `2024-03`, `2024-03-22`); `None`
/// when one contains the other (`2024-03` and `2024-03-22`), so their order is unknown.
pub fn date_cmp(a: &str, b: &str) -> Option<Ordering> {
    if a != b && (a.starts_with(b) || b.starts_with(a)) {
        return None;
    }
    Some(a.cmp(b))
}

/// One claim's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimVerdict {
    /// Document id.
    pub document: String,
    /// Claim id.
    pub claim: String,
    /// Proposition id.
    pub proposition: String,
    /// The verdict and the references it rests on.
    #[serde(flatten)]
    pub judgement: Judgement,
}

/// The verdict on one claim of `doc`: `None` when the claim answers no proposition, has no value,
/// or its proposition has no reference.
pub fn of_claim(corpus: &Corpus, doc: &Document, claim: &Claim) -> Option<Judgement> {
    let p = corpus.proposition(claim.proposition.as_deref()?)?;
    judge(claim.value.as_ref()?, &p.references, written(doc))
}

/// The date the text was written, where the manifest states one.
pub fn written(doc: &Document) -> Option<&str> {
    doc.record().date.as_ref().map(|d| d.value.as_str())
}

/// Every verdict of the corpus, in seed and text order.
pub fn all(corpus: &Corpus) -> Vec<ClaimVerdict> {
    corpus
        .iter()
        .flat_map(|d| {
            d.claims().iter().filter_map(move |c| {
                Some(ClaimVerdict {
                    document: d.id().to_string(),
                    claim: c.id.clone(),
                    proposition: c.proposition.clone()?,
                    judgement: of_claim(corpus, d, c)?,
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;

    fn r(value: Value, as_of: &str) -> Reference {
        let source = Source { title: None, publisher: "p".into(), published: None, url: "https://x.org/".into() };
        Reference { value, as_of: as_of.into(), source, note: None }
    }
    fn n(v: f64) -> Value {
        Value::Number { value: v, approximate: false }
    }
    fn d(s: &str) -> Value {
        Value::Date { iso: s.into() }
    }

    #[test]
    fn rules() {
        let refs = [r(n(133.0), "2024-03-23"), r(n(145.0), "2024-04-20")];
        let more_than_130 = Value::Range {
            min: Some(130.0),
            min_inclusive: false,
            max: None,
            max_inclusive: false,
            approximate: false,
        };
        let v = |x: &Value, w| judge(x, &refs, w).map(|j| (j.verdict, j.reference, j.earlier));
        assert_eq!(v(&more_than_130, None), Some((Verdict::Agrees, 1, None)));
        assert_eq!(v(&n(137.0), None), Some((Verdict::Contradicts, 1, None)));
        assert_eq!(v(&n(133.0), None), Some((Verdict::Contradicts, 1, Some(0))));
        assert_eq!(v(&n(133.0), Some("2024-03-25")), Some((Verdict::Outdated, 1, Some(0))));
        // Written before the earlier figure: it cannot have been current then.
        assert_eq!(v(&n(133.0), Some("2024-03-22")), Some((Verdict::Contradicts, 1, Some(0))));
        // Dates that do not order: no "outdated".
        assert_eq!(v(&n(133.0), Some("2024-03")), Some((Verdict::Contradicts, 1, Some(0))));
        // Written after the revision: the text should have known.
        assert_eq!(v(&n(133.0), Some("2024-05-01")), Some((Verdict::Contradicts, 1, Some(0))));
        assert_eq!(
            v(&Value::Number { value: 140.0, approximate: true }, None),
            Some((Verdict::NotComparable, 1, None))
        );
        assert_eq!(v(&d("2024-03-22"), None), Some((Verdict::NotComparable, 1, None)));
        assert_eq!(judge(&n(1.0), &[], None), None);
    }

    #[test]
    fn dates() {
        let refs = [r(d("2024-03-22"), "2024-03-22")];
        assert_eq!(judge(&d("--03-22"), &refs, None).unwrap().verdict, Verdict::Agrees);
        assert_eq!(judge(&d("2024-03-23"), &refs, None).unwrap().verdict, Verdict::Contradicts);
        assert_eq!(judge(&d("1980/1989"), &refs, None).unwrap().verdict, Verdict::NotComparable);
        let decade = [r(d("1979-12/1989-02"), "1989-02")];
        assert_eq!(judge(&d("1980/1989"), &decade, None).unwrap().verdict, Verdict::NotComparable);
        let year = [r(d("2021"), "2021-08-15")];
        assert_eq!(judge(&d("2017"), &year, None).unwrap().verdict, Verdict::Contradicts);
        assert_eq!(date_cmp("2024-03", "2024-03-22"), None);
        assert_eq!(date_cmp("2024-03", "2024-04-01"), Some(Ordering::Less));
    }
}
