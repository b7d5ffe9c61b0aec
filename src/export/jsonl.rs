//! JSONL: one document per line with every layer and the registries resolved, so each line stands
//! alone; or one flat record per annotation (`RecordKind`), ready as a table.
//!
//! The records are the model's [`jsonl`](crate::model::jsonl) types; this module only fills them
//! from a corpus. Every field has one type in every record: spans are objects, absent values are
//! `null`, lists are always present (empty when there is nothing), values are flattened into a
//! fixed set of keys. pandas, Hugging Face `datasets` and DuckDB load the files with no schema
//! given; the record shapes are in `schema/export-*.schema.json`, generated from the same types.

use serde::Serialize;

use super::{Offsets, Options};
use crate::corpus::{Corpus, Document};
pub use crate::model::jsonl::RecordKind;
use crate::model::jsonl::{
    ClaimItem, ClaimLine, DocumentLine, DocumentStanceItem, EntityLine, FlatValue, LinkedEntity, LinkedProposition,
    MentionItem, MetaItem, OffsetSpan, Party, QualityFlagItem, ReferenceItem, RegionItem, StanceItem, StanceLine,
    TargetRef, VerdictItem,
};
use crate::model::{Claimer, StanceTarget, TextSpan};

struct Ctx<'a> {
    corpus: &'a Corpus,
    doc: &'a Document,
    offsets: Offsets,
}

impl Ctx<'_> {
    fn off(&self, cp: usize) -> usize {
        self.doc.text_index().offset_in(cp, self.offsets).unwrap_or(0)
    }
    fn span(&self, s: &TextSpan) -> OffsetSpan {
        OffsetSpan { start: self.off(s.start), end: self.off(s.end), text: s.text.clone() }
    }
    fn entity_name(&self, id: &str) -> Option<String> {
        self.corpus.entity(id).map(|e| e.name.clone())
    }
    fn target_definition(&self, id: &str) -> Option<String> {
        self.corpus.targets().iter().find(|t| t.id == id).map(|t| t.definition.clone())
    }
    fn party(&self, c: &Claimer) -> Party {
        let (entity_id, mention_id, description) = match c {
            Claimer::Author => (None, None, None),
            Claimer::Entity { entity, mention } => (Some(entity.clone()), Some(mention.clone()), None),
            Claimer::Unnamed { description } => (None, None, description.as_ref().map(|d| self.span(d))),
        };
        Party {
            kind: c.kind(),
            entity_name: entity_id.as_deref().and_then(|id| self.entity_name(id)),
            entity_id,
            mention_id,
            description,
        }
    }
    fn target(&self, t: &StanceTarget) -> TargetRef {
        let (id, name) = match t {
            StanceTarget::Target { id } => (id, self.target_definition(id)),
            StanceTarget::Entity { id } => (id, self.entity_name(id)),
            StanceTarget::Claim { id } => (id, self.doc.claim(id).map(|c| c.text.clone())),
        };
        TargetRef { kind: t.kind(), id: id.clone(), name }
    }
}

fn document_line(c: &Ctx) -> DocumentLine {
    let d = c.doc;
    let r = d.record();
    let entities = d
        .entities()
        .iter()
        .map(|m| MentionItem {
            id: m.id.clone(),
            start: c.off(m.start),
            end: c.off(m.end),
            text: m.text.clone(),
            label: m.label,
            entity: m.entity.as_deref().and_then(|id| c.corpus.entity(id)).map(|e| LinkedEntity {
                id: e.id.clone(),
                kind: e.kind,
                name: e.name.clone(),
                description: e.description.clone(),
                wikipedia: e.wikipedia.clone(),
                wikidata: e.wikidata.clone(),
            }),
            value: m.value.as_ref().map(FlatValue::from),
        })
        .collect();
    let claims = d
        .claims()
        .iter()
        .map(|cl| ClaimItem {
            id: cl.id.clone(),
            start: c.off(cl.start),
            end: c.off(cl.end),
            text: cl.text.clone(),
            claimer: c.party(&cl.claimer),
            cue: cl.cue.as_ref().map(|s| c.span(s)),
            attribution: cl.attribution,
            types: cl.types.clone(),
            checkworthy: cl.checkworthy,
            proposition: cl.proposition.as_deref().and_then(|p| c.corpus.proposition(p)).map(|p| LinkedProposition {
                id: p.id.clone(),
                question: p.question.clone(),
                value_kind: p.value_kind,
                unit: p.unit.clone(),
                references: p
                    .references
                    .iter()
                    .map(|r| ReferenceItem {
                        value: FlatValue::from(&r.value),
                        as_of: r.as_of.clone(),
                        source: r.source.clone(),
                        note: r.note.clone(),
                    })
                    .collect(),
            }),
            value: cl.value.as_ref().map(FlatValue::from),
            verdict: crate::verdict::of_claim(c.corpus, d, cl).map(|j| VerdictItem {
                verdict: j.verdict.as_str().to_string(),
                reference: j.reference,
                earlier: j.earlier,
            }),
        })
        .collect();
    let stances = d
        .stances()
        .iter()
        .map(|s| StanceItem {
            id: s.id.clone(),
            start: c.off(s.start),
            end: c.off(s.end),
            text: s.text.clone(),
            holder: c.party(&s.holder),
            target: c.target(&s.target),
            label: s.label,
        })
        .collect();
    let document_stances = d
        .document_stances()
        .iter()
        .map(|s| DocumentStanceItem {
            target: s.target.clone(),
            definition: c.target_definition(&s.target),
            label: s.label,
            evidence: s.evidence.clone(),
        })
        .collect();
    DocumentLine {
        id: r.id.clone(),
        source_file: r.source_file.clone(),
        sha256: r.sha256.clone(),
        title: r.title.clone(),
        language: r.language.clone(),
        genre: r.genre,
        author: r.author.as_ref().map(|f| MetaItem { value: f.value.clone(), evidence: c.span(&f.evidence) }),
        date: r.date.as_ref().map(|f| MetaItem { value: f.value.clone(), evidence: c.span(&f.evidence) }),
        offsets: c.offsets,
        text: d.text().to_string(),
        regions: r
            .regions
            .iter()
            .map(|g| RegionItem { kind: g.kind, start: c.off(g.start), end: c.off(g.end), article: g.article })
            .collect(),
        quality_flags: r
            .quality_flags
            .iter()
            .map(|f| QualityFlagItem {
                kind: f.kind,
                note: f.note.clone(),
                evidence: f.evidence.iter().map(|e| c.span(e)).collect(),
            })
            .collect(),
        entities,
        claims,
        stances,
        document_stances,
    }
}

/// A value as the records write it (every key present, the absent ones `null`), or `null`.
#[cfg(feature = "eval")]
pub(crate) fn flat_value(v: Option<&crate::model::Value>) -> serde_json::Value {
    v.map_or(serde_json::Value::Null, |v| serde_json::to_value(FlatValue::from(v)).expect("flat values serialize"))
}

/// One line: the record's keys in sorted order (the order every JSONL export has had).
fn push_line(out: &mut String, record: &impl Serialize) {
    let value = serde_json::to_value(record).expect("records serialize");
    out.push_str(&serde_json::to_string(&value).expect("records serialize"));
    out.push('\n');
}

/// The JSONL export of one record kind, one JSON object per line, each line ending in `\n`.
pub fn jsonl_records(corpus: &Corpus, options: &Options, kind: RecordKind) -> String {
    let mut out = String::new();
    for doc in options.documents(corpus) {
        let line = document_line(&Ctx { corpus, doc, offsets: options.offsets });
        match kind {
            RecordKind::Documents => push_line(&mut out, &line),
            RecordKind::Entities => {
                line.entities.iter().for_each(|m| push_line(&mut out, &EntityLine::new(&line.id, m)))
            }
            RecordKind::Claims => line.claims.iter().for_each(|c| push_line(&mut out, &ClaimLine::new(&line.id, c))),
            RecordKind::Stances => line.stances.iter().for_each(|s| push_line(&mut out, &StanceLine::new(&line.id, s))),
        }
    }
    out
}

/// The document JSONL: one document per line.
pub fn jsonl(corpus: &Corpus, options: &Options) -> String {
    jsonl_records(corpus, options, RecordKind::Documents)
}
