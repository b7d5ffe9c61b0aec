//! JSONL: one document per line with every layer and the registries resolved, so each line stands
//! alone; or one flat record per annotation (`RecordKind`), ready as a table.
//!
//! Every field has one type in every record: spans are objects, absent values are `null`, lists
//! are always present (empty when there is nothing), values are flattened into a fixed set of
//! keys. pandas, Hugging Face `datasets` and DuckDB load the files with no schema given; the
//! record shapes are in `schema/export-*.schema.json`.

use serde_json::Value as Json;

use super::{Offsets, Options};
use crate::corpus::{Corpus, Document};
use crate::model::{Claimer, StanceTarget, TextSpan, Value};
use crate::record::{
    DocStance, Flag, FlatValue, Mention, Meta, Party, RClaim, REntity, RProposition, RReference, RRegion, RSpan, RStance, RTarget, RVerdict,
    Record, Unit,
};

/// Kinds of JSONL record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// One document per line, every layer inside.
    Documents,
    /// One entity mention per line.
    Entities,
    /// One claim per line.
    Claims,
    /// One span stance per line (document stances are in the document records).
    Stances,
}

impl RecordKind {
    /// The name used on the command line and in schema file names.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Documents => "documents",
            RecordKind::Entities => "entities",
            RecordKind::Claims => "claims",
            RecordKind::Stances => "stances",
        }
    }
}

struct Ctx<'a> {
    corpus: &'a Corpus,
    doc: &'a Document,
    offsets: Offsets,
}

impl Ctx<'_> {
    fn off(&self, cp: usize) -> usize {
        let t = self.doc.text_index();
        match self.offsets {
            Offsets::Codepoint => cp,
            Offsets::Utf16 => t.utf16_offset(cp).unwrap_or(0),
            Offsets::Byte => t.byte_offset(cp).unwrap_or(0),
        }
    }
    fn span(&self, s: &TextSpan) -> RSpan {
        RSpan { start: self.off(s.start), end: self.off(s.end), text: s.text.clone() }
    }
    fn entity_name(&self, id: &str) -> Option<String> {
        self.corpus.entity(id).map(|e| e.name.clone())
    }
    fn party(&self, c: &Claimer) -> Party {
        let none =
            Party { kind: String::new(), entity_id: None, entity_name: None, mention_id: None, description: None };
        match c {
            Claimer::Author => Party { kind: "author".into(), ..none },
            Claimer::Entity { entity, mention } => Party {
                kind: "entity".into(),
                entity_id: Some(entity.clone()),
                entity_name: self.entity_name(entity),
                mention_id: Some(mention.clone()),
                ..none
            },
            Claimer::Unnamed { description } => {
                Party { kind: "unnamed".into(), description: description.as_ref().map(|d| self.span(d)), ..none }
            }
        }
    }
    fn target(&self, t: &StanceTarget) -> RTarget {
        let (kind, id, name) = match t {
            StanceTarget::Target { id } => {
                ("target", id, self.corpus.targets().iter().find(|x| &x.id == id).map(|x| x.definition.clone()))
            }
            StanceTarget::Entity { id } => ("entity", id, self.entity_name(id)),
            StanceTarget::Claim { id } => ("claim", id, self.doc.claim(id).map(|c| c.text.clone())),
        };
        RTarget { kind: kind.into(), id: id.clone(), name }
    }
}

/// A value in the record's flat form: every key present, numbers as floats (so a column has one
/// type).
/// A value as the records write it (every key present, the absent ones `null`), or `null`.
pub(crate) fn flat_value(v: Option<&Value>) -> Json {
    v.map_or(Json::Null, |v| serde_json::to_value(flat(v)).expect("flat values serialize"))
}

fn flat(v: &Value) -> FlatValue {
    let mut o = FlatValue {
        kind: v.kind().to_string(),
        number: None,
        min: None,
        min_inclusive: None,
        max: None,
        max_inclusive: None,
        approximate: None,
        iso: None,
        description: None,
        boolean: None,
        category: None,
    };
    match v {
        Value::Number { value, approximate } => {
            o.number = Some(*value);
            o.approximate = Some(*approximate);
        }
        Value::Range { min, min_inclusive, max, max_inclusive, approximate } => {
            o.min = *min;
            o.min_inclusive = Some(*min_inclusive);
            o.max = *max;
            o.max_inclusive = Some(*max_inclusive);
            o.approximate = Some(*approximate);
        }
        Value::Ordinal { value } => o.number = Some(f64::from(*value)),
        Value::Date { iso } | Value::Duration { iso } => o.iso = Some(iso.clone()),
        Value::Relative { description } => o.description = Some(description.clone()),
        Value::Boolean { value } => o.boolean = Some(*value),
        Value::Category { value } => o.category = Some(value.clone()),
    }
    o
}

/// The document record, as the reader ([`Corpus::from_record`]) reads it back: the same types.
fn document_record(c: &Ctx) -> Json {
    let d = c.doc;
    let r = d.record();
    let entities = d
        .entities()
        .iter()
        .map(|m| Mention {
            id: m.id.clone(),
            start: c.off(m.start),
            end: c.off(m.end),
            text: m.text.clone(),
            label: m.label,
            entity: m.entity.as_deref().and_then(|id| c.corpus.entity(id)).map(|e| REntity {
                id: e.id.clone(),
                kind: e.kind,
                name: e.name.clone(),
                description: e.description.clone(),
                wikipedia: e.wikipedia.clone(),
                wikidata: e.wikidata.clone(),
            }),
            value: m.value.as_ref().map(flat),
        })
        .collect();
    let claims = d
        .claims()
        .iter()
        .map(|cl| RClaim {
            id: cl.id.clone(),
            start: c.off(cl.start),
            end: c.off(cl.end),
            text: cl.text.clone(),
            claimer: c.party(&cl.claimer),
            cue: cl.cue.as_ref().map(|s| c.span(s)),
            attribution: cl.attribution,
            types: cl.types.clone(),
            checkworthy: cl.checkworthy,
            proposition: cl.proposition.as_deref().and_then(|p| c.corpus.proposition(p)).map(|p| RProposition {
                id: p.id.clone(),
                question: p.question.clone(),
                value_kind: p.value_kind,
                unit: p.unit.clone(),
                references: p
                    .references
                    .iter()
                    .map(|r| RReference {
                        value: flat(&r.value),
                        as_of: r.as_of.clone(),
                        source: r.source.clone(),
                        note: r.note.clone(),
                    })
                    .collect(),
            }),
            value: cl.value.as_ref().map(flat),
            verdict: crate::verdict::of_claim(c.corpus, d, cl).map(|j| RVerdict {
                verdict: j.verdict.as_str().to_string(),
                reference: j.reference,
                earlier: j.earlier,
            }),
        })
        .collect();
    let stances = d
        .stances()
        .iter()
        .map(|s| RStance {
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
        .map(|s| DocStance {
            target: s.target.clone(),
            definition: c.corpus.targets().iter().find(|t| t.id == s.target).map(|t| t.definition.clone()),
            label: s.label,
            evidence: s.evidence.clone(),
        })
        .collect();
    let record = Record {
        id: r.id.clone(),
        source_file: r.source_file.clone(),
        sha256: r.sha256.clone(),
        title: r.title.clone(),
        language: r.language.clone(),
        genre: r.genre,
        author: r.author.as_ref().map(|f| Meta { value: f.value.clone(), evidence: c.span(&f.evidence) }),
        date: r.date.as_ref().map(|f| Meta { value: f.value.clone(), evidence: c.span(&f.evidence) }),
        offsets: match c.offsets {
            Offsets::Codepoint => Unit::Codepoint,
            Offsets::Utf16 => Unit::Utf16,
            Offsets::Byte => Unit::Byte,
        },
        text: d.text().to_string(),
        regions: r
            .regions
            .iter()
            .map(|g| RRegion { kind: g.kind, start: c.off(g.start), end: c.off(g.end), article: g.article })
            .collect(),
        quality_flags: r
            .quality_flags
            .iter()
            .map(|f| Flag {
                kind: f.kind,
                note: f.note.clone(),
                evidence: f.evidence.iter().map(|e| c.span(e)).collect(),
            })
            .collect(),
        entities,
        claims,
        stances,
        document_stances,
    };
    // Through `Value`: its keys are sorted, which is the order the records have always had.
    serde_json::to_value(&record).expect("records serialize")
}


/// Flattens a nested object into `prefix_key` columns.
fn flatten_into(row: &mut serde_json::Map<String, Json>, prefix: &str, v: &Json, keys: &[&str]) {
    for k in keys {
        row.insert(format!("{prefix}_{k}"), v.get(*k).cloned().unwrap_or(Json::Null));
    }
}

const VALUE_KEYS: [&str; 11] = [
    "kind",
    "number",
    "min",
    "min_inclusive",
    "max",
    "max_inclusive",
    "approximate",
    "iso",
    "description",
    "boolean",
    "category",
];

fn flat_records(c: &Ctx, kind: RecordKind) -> Vec<Json> {
    let doc = document_record(c);
    let key = match kind {
        RecordKind::Entities => "entities",
        RecordKind::Claims => "claims",
        RecordKind::Stances => "stances",
        RecordKind::Documents => unreachable!("documents are not flattened"),
    };
    let mut out = Vec::new();
    for item in doc[key].as_array().into_iter().flatten() {
        let mut row = serde_json::Map::new();
        row.insert("document".into(), doc["id"].clone());
        for k in ["id", "start", "end", "text"] {
            row.insert(k.into(), item[k].clone());
        }
        match kind {
            RecordKind::Entities => {
                row.insert("label".into(), item["label"].clone());
                flatten_into(&mut row, "entity", &item["entity"], &["id", "type", "name"]);
                row.insert("entity_wikipedia".into(), item["entity"]["wikipedia"]["url"].clone());
                flatten_into(&mut row, "value", &item["value"], &VALUE_KEYS);
            }
            RecordKind::Claims => {
                flatten_into(
                    &mut row,
                    "claimer",
                    &item["claimer"],
                    &["kind", "entity_id", "entity_name", "mention_id"],
                );
                row.insert("claimer_description".into(), item["claimer"]["description"]["text"].clone());
                flatten_into(&mut row, "cue", &item["cue"], &["start", "end", "text"]);
                for k in ["attribution", "types", "checkworthy"] {
                    row.insert(k.into(), item[k].clone());
                }
                flatten_into(&mut row, "proposition", &item["proposition"], &["id", "question"]);
                flatten_into(&mut row, "value", &item["value"], &VALUE_KEYS);
                verdict_columns(c, &mut row, item["id"].as_str().unwrap_or(""));
            }
            RecordKind::Stances => {
                flatten_into(&mut row, "holder", &item["holder"], &["kind", "entity_id", "entity_name", "mention_id"]);
                row.insert("holder_description".into(), item["holder"]["description"]["text"].clone());
                flatten_into(&mut row, "target", &item["target"], &["kind", "id", "name"]);
                row.insert("label".into(), item["label"].clone());
            }
            RecordKind::Documents => {}
        }
        out.push(Json::Object(row));
    }
    out
}

/// The claim record's verdict columns: the verdict and the reference judged against.
fn verdict_columns(c: &Ctx, row: &mut serde_json::Map<String, Json>, claim_id: &str) {
    let claim = c.doc.claim(claim_id);
    let judged = claim.and_then(|cl| {
        let j = crate::verdict::of_claim(c.corpus, c.doc, cl)?;
        let p = c.corpus.proposition(cl.proposition.as_deref()?)?;
        Some((j, p.references.get(j.reference)?))
    });
    let col = |f: &dyn Fn(&crate::model::Reference) -> Json| judged.map_or(Json::Null, |(_, r)| f(r));
    row.insert("verdict".into(), judged.map_or(Json::Null, |(j, _)| j.verdict.as_str().into()));
    row.insert("verdict_reference_value".into(), col(&|r| r.value.display().into()));
    row.insert("verdict_reference_as_of".into(), col(&|r| r.as_of.clone().into()));
    row.insert("verdict_reference_publisher".into(), col(&|r| r.source.publisher.clone().into()));
    row.insert("verdict_reference_url".into(), col(&|r| r.source.url.clone().into()));
}

/// The JSONL export of one record kind, one JSON object per line, each line ending in `\n`.
pub fn jsonl_records(corpus: &Corpus, options: &Options, kind: RecordKind) -> String {
    let mut out = String::new();
    for doc in options.documents(corpus) {
        let c = Ctx { corpus, doc, offsets: options.offsets };
        let records = if kind == RecordKind::Documents { vec![document_record(&c)] } else { flat_records(&c, kind) };
        for r in records {
            out.push_str(&serde_json::to_string(&r).expect("records serialize"));
            out.push('\n');
        }
    }
    out
}

/// The document JSONL: one document per line.
pub fn jsonl(corpus: &Corpus, options: &Options) -> String {
    jsonl_records(corpus, options, RecordKind::Documents)
}
