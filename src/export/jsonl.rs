//! JSONL: one document per line with every layer and the registries resolved, so each line stands
//! alone; or one flat record per annotation (`RecordKind`), ready as a table.
//!
//! Every field has one type in every record: spans are objects, absent values are `null`, lists
//! are always present (empty when there is nothing), values are flattened into a fixed set of
//! keys. pandas, Hugging Face `datasets` and DuckDB load the files with no schema given; the
//! record shapes are in `schema/export-*.schema.json`.

use serde_json::{json, Value as Json};

use super::{Offsets, Options};
use crate::corpus::{Corpus, Document};
use crate::model::{Claimer, StanceTarget, TextSpan, Value};

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
    fn span(&self, s: &TextSpan) -> Json {
        json!({"start": self.off(s.start), "end": self.off(s.end), "text": s.text})
    }
    fn opt_span(&self, s: Option<&TextSpan>) -> Json {
        s.map_or(Json::Null, |s| self.span(s))
    }
    fn entity_name(&self, id: &str) -> Json {
        self.corpus.entity(id).map_or(Json::Null, |e| Json::from(e.name.clone()))
    }
    fn claimer(&self, c: &Claimer) -> Json {
        match c {
            Claimer::Author => {
                json!({"kind": "author", "entity_id": null, "entity_name": null, "mention_id": null, "description": null})
            }
            Claimer::Entity { entity, mention } => json!({
                "kind": "entity", "entity_id": entity, "entity_name": self.entity_name(entity),
                "mention_id": mention, "description": null
            }),
            Claimer::Unnamed { description } => json!({
                "kind": "unnamed", "entity_id": null, "entity_name": null, "mention_id": null,
                "description": self.opt_span(description.as_ref())
            }),
        }
    }
    fn target(&self, t: &StanceTarget) -> Json {
        match t {
            StanceTarget::Target { id } => json!({"kind": "target", "id": id,
                "name": self.corpus.targets().iter().find(|x| &x.id == id).map(|x| x.definition.clone())}),
            StanceTarget::Entity { id } => json!({"kind": "entity", "id": id, "name": self.entity_name(id)}),
            StanceTarget::Claim { id } => json!({"kind": "claim", "id": id,
                "name": self.doc.claim(id).map(|c| c.text.clone())}),
        }
    }
}

/// A value flattened into a fixed set of keys (absent ones `null`).
pub fn flat_value(v: Option<&Value>) -> Json {
    let mut o = json!({
        "kind": null, "number": null, "min": null, "min_inclusive": null, "max": null, "max_inclusive": null,
        "approximate": null, "iso": null, "description": null, "boolean": null, "category": null
    });
    let Some(v) = v else { return Json::Null };
    o["kind"] = v.kind().into();
    match v {
        Value::Number { value, approximate } => {
            o["number"] = (*value).into();
            o["approximate"] = (*approximate).into();
        }
        Value::Range { min, min_inclusive, max, max_inclusive, approximate } => {
            o["min"] = (*min).into();
            o["min_inclusive"] = (*min_inclusive).into();
            o["max"] = (*max).into();
            o["max_inclusive"] = (*max_inclusive).into();
            o["approximate"] = (*approximate).into();
        }
        Value::Ordinal { value } => o["number"] = f64::from(*value).into(),
        Value::Date { iso } | Value::Duration { iso } => o["iso"] = iso.clone().into(),
        Value::Relative { description } => o["description"] = description.clone().into(),
        Value::Boolean { value } => o["boolean"] = (*value).into(),
        Value::Category { value } => o["category"] = value.clone().into(),
    }
    // Numbers are floats in every record, so the column has one type.
    for k in ["number", "min", "max"] {
        if let Some(x) = o[k].as_f64() {
            o[k] = json!(x);
        }
    }
    o
}

fn document_record(c: &Ctx) -> Json {
    let d = c.doc;
    let r = d.record();
    let entities: Vec<Json> = d
        .entities()
        .iter()
        .map(|m| {
            let entity = m.entity.as_deref().and_then(|id| c.corpus.entity(id)).map_or(Json::Null, |e| {
                json!({"id": e.id, "type": e.kind.as_str(), "name": e.name, "description": e.description,
                           "wikipedia": e.wikipedia.as_ref().map(|w| json!({"title": w.title, "url": w.url})),
                           "wikidata": e.wikidata})
            });
            json!({"id": m.id, "start": c.off(m.start), "end": c.off(m.end), "text": m.text, "label": m.label.as_str(),
                   "entity": entity, "value": flat_value(m.value.as_ref())})
        })
        .collect();
    let claims: Vec<Json> = d
        .claims()
        .iter()
        .map(|cl| {
            let prop = cl.proposition.as_deref().and_then(|p| c.corpus.proposition(p)).map_or(Json::Null, |p| {
                json!({"id": p.id, "question": p.question, "value_kind": enum_name(&p.value_kind), "unit": p.unit,
                       "references": p.references.iter().map(reference).collect::<Vec<_>>()})
            });
            let verdict = crate::verdict::of_claim(c.corpus, d, cl).map_or(
                Json::Null,
                |j| json!({"verdict": j.verdict.as_str(), "reference": j.reference, "earlier": j.earlier}),
            );
            json!({"id": cl.id, "start": c.off(cl.start), "end": c.off(cl.end), "text": cl.text,
                   "claimer": c.claimer(&cl.claimer), "cue": c.opt_span(cl.cue.as_ref()),
                   "attribution": enum_name(&cl.attribution),
                   "types": cl.types.iter().map(enum_name).collect::<Vec<_>>(),
                   "checkworthy": cl.checkworthy, "proposition": prop, "value": flat_value(cl.value.as_ref()),
                   "verdict": verdict})
        })
        .collect();
    let stances: Vec<Json> = d
        .stances()
        .iter()
        .map(|s| {
            json!({"id": s.id, "start": c.off(s.start), "end": c.off(s.end), "text": s.text,
                   "holder": c.claimer(&s.holder), "target": c.target(&s.target), "label": s.label.as_str()})
        })
        .collect();
    let document_stances: Vec<Json> = d
        .document_stances()
        .iter()
        .map(|s| {
            let def = c.corpus.targets().iter().find(|t| t.id == s.target).map(|t| t.definition.clone());
            json!({"target": s.target, "definition": def, "label": s.label.as_str(), "evidence": s.evidence})
        })
        .collect();
    let meta = |f: &Option<crate::model::MetaField>| {
        f.as_ref().map_or(Json::Null, |f| json!({"value": f.value, "evidence": c.span(&f.evidence)}))
    };
    json!({
        "id": r.id, "source_file": r.source_file, "sha256": r.sha256, "title": r.title, "language": r.language,
        "genre": r.genre.as_str(), "author": meta(&r.author), "date": meta(&r.date), "offsets": c.offsets.as_str(),
        "text": d.text(),
        "regions": r.regions.iter().map(|g| json!({"kind": g.kind.as_str(), "start": c.off(g.start), "end": c.off(g.end),
            "article": g.article})).collect::<Vec<_>>(),
        "quality_flags": r.quality_flags.iter().map(|f| json!({"kind": enum_name(&f.kind), "note": f.note,
            "evidence": f.evidence.iter().map(|e| c.span(e)).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "entities": entities, "claims": claims, "stances": stances, "document_stances": document_stances,
    })
}

/// A reference value as the document record writes it (its value flattened).
fn reference(r: &crate::model::Reference) -> Json {
    json!({"value": flat_value(Some(&r.value)), "as_of": r.as_of,
           "source": {"title": r.source.title, "publisher": r.source.publisher, "published": r.source.published,
                      "url": r.source.url},
           "note": r.note})
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

/// The serde name of a unit enum variant (`direct_quote`).
fn enum_name<T: serde::Serialize>(v: &T) -> Json {
    serde_json::to_value(v).expect("enums serialize")
}
