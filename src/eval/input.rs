//! Reading prediction files: the flat record JSONL (`dist/entities.jsonl`, `claims.jsonl`,
//! `stances.jsonl`), the document JSONL (`dist/crocus.jsonl`), CoNLL-2003 and CoNLL-U tag columns.
//!
//! Every record type here is the contract of a prediction file: the JSON Schema
//! `schema/eval-prediction.schema.json` is generated from them. Only the fields a system predicts
//! are required; the other fields of the exported records are accepted and ignored.
//!
//! Why it is one module of over 500 lines: the four input shapes share one reader state (the file,
//! the line, the diagnostics collected so far and the corpus tokens CoNLL tags are aligned to), and
//! the record types are the prediction schema; splitting them would spread one contract over
//! several files.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

use crate::corpus::{Corpus, Document};
use crate::error::{Error, ErrorKind, Position};
use crate::export::decode_tags;
use crate::segment::Token;

/// `Some(x)` for a field that is present (even `null`), `None` for an absent one.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// One line of a flat prediction file: an entity, a claim, a span stance or a document stance.
/// Which one is decided by the fields present: `target_id` with `start` is a span stance,
/// `target_id` without `start` a document stance, `label` without `target_id` an entity, and
/// `start` without `label` a claim.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum PredictionRecord {
    /// An entity mention.
    Entity(EntityPrediction),
    /// A claim.
    Claim(ClaimPrediction),
    /// A span stance.
    Stance(StancePrediction),
    /// A document's stance toward a target.
    DocumentStance(DocumentStancePrediction),
    /// A line of the document JSONL.
    Document(DocumentPrediction),
}

/// An entity mention (`dist/entities.jsonl`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct EntityPrediction {
    /// Document id.
    pub document: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// OntoNotes label (or PER, ORG, LOC, MISC with `--labels conll2003`).
    pub label: String,
    /// The registry entity it links to, for entity linking.
    #[serde(default)]
    pub entity_id: Option<String>,
}

/// A claim (`dist/claims.jsonl`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct ClaimPrediction {
    /// Document id.
    pub document: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The claim's id, if span stances refer to it.
    #[serde(default)]
    pub id: Option<String>,
    /// `author`, `entity` or `unnamed`.
    #[serde(default)]
    pub claimer_kind: Option<String>,
    /// The registry entity of an `entity` claimer.
    #[serde(default)]
    pub claimer_entity_id: Option<String>,
    /// Check-worthiness.
    #[serde(default)]
    pub checkworthy: Option<bool>,
    /// The proposition the claim answers (`null`: none).
    #[serde(default, deserialize_with = "present")]
    #[schemars(with = "Option<String>")]
    pub proposition_id: Option<Option<String>>,
    /// The value's kind (`null`: no value); the other `value_*` fields as in `dist/claims.jsonl`.
    #[serde(default, deserialize_with = "present")]
    #[schemars(with = "Option<String>")]
    pub value_kind: Option<Option<String>>,
    /// The other fields (`value_number`, `value_iso`, …).
    #[serde(flatten)]
    #[schemars(skip)]
    pub rest: BTreeMap<String, serde_json::Value>,
}

/// A span stance (`dist/stances.jsonl`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct StancePrediction {
    /// Document id.
    pub document: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The target: a target, entity or claim id.
    pub target_id: String,
    /// `target`, `entity` or `claim`.
    #[serde(default)]
    pub target_kind: Option<String>,
    /// FAVOR, AGAINST, NEUTRAL, SUPPORT, DENY, QUERY or COMMENT.
    pub label: String,
    /// `author`, `entity` or `unnamed`.
    #[serde(default)]
    pub holder_kind: Option<String>,
    /// The registry entity of an `entity` holder.
    #[serde(default)]
    pub holder_entity_id: Option<String>,
}

/// A document's stance toward a target of `annotations/targets.json`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct DocumentStancePrediction {
    /// Document id.
    pub document: String,
    /// Target id.
    pub target_id: String,
    /// FAVOR, AGAINST or NONE.
    pub label: String,
}

/// A line of the document JSONL (`dist/crocus.jsonl`): the layers it holds are scored.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct DocumentPrediction {
    /// Document id.
    pub id: String,
    /// Entity mentions.
    #[serde(default)]
    pub entities: Option<Vec<NestedEntity>>,
    /// Claims.
    #[serde(default)]
    pub claims: Option<Vec<NestedClaim>>,
    /// Span stances.
    #[serde(default)]
    pub stances: Option<Vec<NestedStance>>,
    /// Document stances.
    #[serde(default)]
    pub document_stances: Option<Vec<NestedDocumentStance>>,
}

/// An id (`{"id": …}`), as the document JSONL nests registry entries.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct IdRef {
    /// The id.
    pub id: String,
}

/// A claimer or holder as the document JSONL nests it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct NestedParty {
    /// `author`, `entity` or `unnamed`.
    pub kind: String,
    /// The registry entity of an `entity` party.
    #[serde(default)]
    pub entity_id: Option<String>,
}

/// An entity mention of the document JSONL.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct NestedEntity {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Label.
    pub label: String,
    /// The registry entity.
    #[serde(default)]
    pub entity: Option<IdRef>,
}

/// A claim of the document JSONL.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct NestedClaim {
    /// Its id.
    #[serde(default)]
    pub id: Option<String>,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Who asserts it.
    #[serde(default)]
    pub claimer: Option<NestedParty>,
    /// Check-worthiness.
    #[serde(default)]
    pub checkworthy: Option<bool>,
    /// The proposition (`null`: none).
    #[serde(default, deserialize_with = "present")]
    #[schemars(with = "Option<IdRef>")]
    pub proposition: Option<Option<IdRef>>,
    /// The value (`null`: none), with the keys of `flat` values (`kind`, `number`, `iso`, …).
    #[serde(default, deserialize_with = "present")]
    #[schemars(with = "Option<BTreeMap<String, serde_json::Value>>")]
    pub value: Option<Option<BTreeMap<String, serde_json::Value>>>,
}

/// A span stance of the document JSONL.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct NestedStance {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Label.
    pub label: String,
    /// The target.
    pub target: NestedTarget,
    /// The holder.
    #[serde(default)]
    pub holder: Option<NestedParty>,
}

/// A stance target of the document JSONL.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct NestedTarget {
    /// `target`, `entity` or `claim`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Its id.
    pub id: String,
}

/// A document stance of the document JSONL.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct NestedDocumentStance {
    /// Target id.
    pub target: String,
    /// FAVOR, AGAINST or NONE.
    pub label: String,
}

/// A predicted (or gold) entity: offsets, label, linked entity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ent {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) label: String,
    pub(crate) link: Option<String>,
}

/// A predicted (or gold) claim, its fields canonical (`None`: not predicted).
#[derive(Debug, Clone, Default)]
pub struct Clm {
    pub(crate) id: Option<String>,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) claimer: Option<String>,
    pub(crate) checkworthy: Option<bool>,
    pub(crate) proposition: Option<Option<String>>,
    pub(crate) value: Option<Option<BTreeMap<String, String>>>,
}

/// A predicted (or gold) span stance.
#[derive(Debug, Clone)]
pub struct Stn {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) target: String,
    pub(crate) target_is_claim: bool,
    pub(crate) label: String,
    pub(crate) holder: Option<String>,
}

/// The layers of one document.
#[derive(Debug, Clone, Default)]
pub struct DocLayers {
    pub(crate) entities: Vec<Ent>,
    pub(crate) claims: Vec<Clm>,
    pub(crate) stances: Vec<Stn>,
    pub(crate) document_stances: BTreeMap<String, String>,
}

/// Everything read from the prediction files, by document, and which layers they hold.
#[derive(Debug, Clone, Default)]
pub struct Predictions {
    pub(crate) docs: BTreeMap<String, DocLayers>,
    pub(crate) has_entities: bool,
    pub(crate) has_links: bool,
    pub(crate) token_level: bool,
    pub(crate) has_claims: bool,
    pub(crate) has_stances: bool,
    pub(crate) has_document_stances: bool,
}

/// A claimer or holder in canonical form: `author`, `entity:<id>`, `unnamed`.
pub(crate) fn party(kind: Option<&str>, entity: Option<&str>) -> Option<String> {
    kind.map(|k| match (k, entity) {
        ("entity", Some(e)) => format!("entity:{e}"),
        (k, _) => k.to_string(),
    })
}

/// A value in canonical form: its non-null fields, numbers as `f64`; `approximate`,
/// `min_inclusive` and `max_inclusive` false are left out (absent means false).
pub(crate) fn canonical_value(v: &BTreeMap<String, serde_json::Value>) -> Option<BTreeMap<String, String>> {
    let m: BTreeMap<String, String> = v
        .iter()
        .filter(|(k, x)| {
            let default_false = ["approximate", "min_inclusive", "max_inclusive"].contains(&k.as_str());
            !(x.is_null() || default_false && x.as_bool() == Some(false))
        })
        .map(|(k, x)| (k.clone(), x.as_f64().map_or_else(|| x.to_string(), |f| format!("{f:?}"))))
        .collect();
    (!m.is_empty()).then_some(m)
}

/// Reads prediction files and checks them against the corpus.
pub(crate) struct Reader<'a> {
    pub(crate) corpus: &'a Corpus,
    pub(crate) out: Predictions,
    pub(crate) errors: Vec<Error>,
    tokens: BTreeMap<String, Vec<Token>>,
    labels: crate::export::LabelSet,
}

const MAX_ERRORS: usize = 50;

/// A sentence of a CoNLL prediction file: (line, token, tag) of each token.
type TaggedSentence = Vec<(usize, String, String)>;

impl<'a> Reader<'a> {
    pub(crate) fn new(corpus: &'a Corpus, labels: crate::export::LabelSet) -> Self {
        Reader { corpus, out: Predictions::default(), errors: Vec::new(), tokens: BTreeMap::new(), labels }
    }

    fn err(&mut self, file: &Path, line: usize, column: usize, msg: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(Error::new(ErrorKind::Prediction, msg).at(Position {
                file: Some(file.to_path_buf()),
                line: Some(line),
                column: Some(column),
                pointer: None,
            }));
        }
    }

    fn doc(&self, id: &str) -> Option<&'a Document> {
        self.corpus.document(id)
    }

    fn layers(&mut self, id: &str) -> &mut DocLayers {
        self.out.docs.entry(id.to_string()).or_default()
    }

    fn tokens(&mut self, doc: &Document) -> Vec<Token> {
        self.tokens.entry(doc.id().to_string()).or_insert_with(|| doc.tokens()).clone()
    }

    /// Reads one file (its content already in memory).
    pub(crate) fn read(&mut self, file: &Path, content: &str) {
        let first = content.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        if first.starts_with('{') {
            self.jsonl(file, content);
        } else if first.starts_with("-DOCSTART-") {
            self.conll2003(file, content);
        } else if first.starts_with('#') || first.split('\t').count() == 10 {
            self.conllu(file, content);
        } else if first.is_empty() {
            self.err(file, 1, 1, "the file is empty: no predictions".into());
        } else {
            self.err(
                file,
                1,
                1,
                "not a prediction file: expected JSON lines, CoNLL-2003 (-DOCSTART-) or CoNLL-U (# newdoc id)".into(),
            );
        }
    }

    fn column_of(line: &str, key: &str) -> usize {
        line.find(&format!("\"{key}\"")).map_or(1, |b| line[..b].chars().count() + 1)
    }

    fn check_span(&mut self, file: &Path, n: usize, line: &str, doc: &Document, start: usize, end: usize) -> bool {
        let len = doc.text_index().len_chars();
        if start >= end || end > len {
            let col = Self::column_of(line, "start");
            self.err(
                file,
                n,
                col,
                format!("span {start}..{end} is not a non-empty span of `{}` ({len} characters)", doc.id()),
            );
            return false;
        }
        true
    }

    fn check_label(&mut self, file: &Path, n: usize, line: &str, label: &str) -> bool {
        let conll = ["PER", "ORG", "LOC", "MISC"].contains(&label);
        let ontonotes = crate::Label::parse(label).is_some();
        let col = Self::column_of(line, "label");
        match self.labels {
            crate::export::LabelSet::OntoNotes if ontonotes => return true,
            crate::export::LabelSet::OntoNotes if conll => {
                self.err(file, n, col, format!("`{label}` is a CoNLL-2003 label: score with `--labels conll2003`"));
            }
            crate::export::LabelSet::Conll2003 if conll || ontonotes => return true,
            _ => self.err(file, n, col, format!("unknown entity label `{label}`: an OntoNotes label (PERSON, GPE, …) or, with `--labels conll2003`, PER, ORG, LOC, MISC")),
        }
        false
    }

    fn check_stance_label(&mut self, file: &Path, n: usize, line: &str, label: &str, document: bool) -> bool {
        let ok = if document {
            serde_json::from_value::<crate::model::TargetLabel>(serde_json::Value::from(label)).is_ok()
        } else {
            serde_json::from_value::<crate::model::StanceLabel>(serde_json::Value::from(label)).is_ok()
        };
        if !ok {
            let col = Self::column_of(line, "label");
            let which = if document {
                "FAVOR, AGAINST or NONE"
            } else {
                "FAVOR, AGAINST, NEUTRAL, SUPPORT, DENY, QUERY or COMMENT"
            };
            self.err(file, n, col, format!("unknown stance label `{label}`: {which}"));
        }
        ok
    }

    fn check_target(&mut self, file: &Path, n: usize, line: &str, target: &str) -> bool {
        if self.corpus.targets().iter().any(|t| t.id == target) {
            return true;
        }
        let col = Self::column_of(line, "target_id");
        self.err(file, n, col, format!("no stance target `{target}` in annotations/targets.json"));
        false
    }

    fn known_doc(&mut self, file: &Path, n: usize, line: &str, key: &str, id: &str) -> Option<&'a Document> {
        let d = self.doc(id);
        if d.is_none() {
            let ids: Vec<&str> = self.corpus.iter().map(Document::id).collect();
            let col = Self::column_of(line, key);
            self.err(file, n, col, format!("no document `{id}` in the corpus; the ids are: {}", ids.join(", ")));
        }
        d
    }

    fn jsonl(&mut self, file: &Path, content: &str) {
        for (i, line) in content.lines().enumerate() {
            let n = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    let e = Error::from_json(e, line);
                    self.err(file, n, e.position().column.unwrap_or(1), format!("not JSON: {}", e.message()));
                    continue;
                }
            };
            let Some(obj) = v.as_object() else {
                self.err(file, n, 1, "a prediction is a JSON object".into());
                continue;
            };
            let has = |k: &str| obj.contains_key(k);
            macro_rules! parse {
                ($t:ty) => {
                    match serde_json::from_str::<$t>(line) {
                        Ok(r) => r,
                        Err(e) => {
                            let e = Error::from_json(e, line);
                            self.err(file, n, e.position().column.unwrap_or(1), e.message().to_string());
                            continue;
                        }
                    }
                };
            }
            if has("text") && (has("entities") || has("claims")) && has("id") || has("document_stances") {
                if let Some(unit) = obj.get("offsets").and_then(serde_json::Value::as_str).filter(|u| *u != "codepoint")
                {
                    let col = Self::column_of(line, "offsets");
                    self.err(
                        file,
                        n,
                        col,
                        format!(
                            "offsets are `{unit}`: predictions count code points (export with `--offsets codepoint`)"
                        ),
                    );
                    continue;
                }
                let r = parse!(DocumentPrediction);
                self.document(file, n, line, r);
            } else if has("target_id") && has("start") {
                let r = parse!(StancePrediction);
                let Some(doc) = self.known_doc(file, n, line, "document", &r.document) else { continue };
                if self.check_span(file, n, line, doc, r.start, r.end)
                    & self.check_stance_label(file, n, line, &r.label, false)
                {
                    self.out.has_stances = true;
                    let s = Stn {
                        start: r.start,
                        end: r.end,
                        target_is_claim: r.target_kind.as_deref() == Some("claim"),
                        target: r.target_id,
                        label: r.label,
                        holder: party(r.holder_kind.as_deref(), r.holder_entity_id.as_deref()),
                    };
                    self.layers(&r.document).stances.push(s);
                }
            } else if has("target_id") {
                let r = parse!(DocumentStancePrediction);
                if self.known_doc(file, n, line, "document", &r.document).is_none() {
                    continue;
                }
                if self.check_target(file, n, line, &r.target_id)
                    & self.check_stance_label(file, n, line, &r.label, true)
                {
                    self.out.has_document_stances = true;
                    self.layers(&r.document).document_stances.insert(r.target_id, r.label);
                }
            } else if has("label") {
                let r = parse!(EntityPrediction);
                let Some(doc) = self.known_doc(file, n, line, "document", &r.document) else { continue };
                if self.check_span(file, n, line, doc, r.start, r.end) & self.check_label(file, n, line, &r.label) {
                    self.out.has_entities = true;
                    self.out.has_links |= r.entity_id.is_some();
                    let e = Ent { start: r.start, end: r.end, label: r.label, link: r.entity_id };
                    self.layers(&r.document).entities.push(e);
                }
            } else if has("start") {
                let r = parse!(ClaimPrediction);
                let Some(doc) = self.known_doc(file, n, line, "document", &r.document) else { continue };
                if self.check_span(file, n, line, doc, r.start, r.end) {
                    self.out.has_claims = true;
                    let value = r.value_kind.as_ref().map(|k| {
                        k.as_ref().and_then(|_| {
                            let m: BTreeMap<String, serde_json::Value> = r
                                .rest
                                .iter()
                                .filter_map(|(key, x)| key.strip_prefix("value_").map(|k| (k.to_string(), x.clone())))
                                .chain([("kind".to_string(), serde_json::Value::from(k.clone()))])
                                .collect();
                            canonical_value(&m)
                        })
                    });
                    let c = Clm {
                        id: r.id,
                        start: r.start,
                        end: r.end,
                        claimer: party(r.claimer_kind.as_deref(), r.claimer_entity_id.as_deref()),
                        checkworthy: r.checkworthy,
                        proposition: r.proposition_id,
                        value,
                    };
                    self.layers(&r.document).claims.push(c);
                }
            } else {
                self.err(
                    file,
                    n,
                    1,
                    "cannot tell what this record predicts: an entity needs `document`, `start`, `end`, `label`; a claim `document`, `start`, `end`; a span stance also `target_id` and `label`; a document stance `document`, `target_id`, `label`".into(),
                );
            }
        }
    }

    fn document(&mut self, file: &Path, n: usize, line: &str, r: DocumentPrediction) {
        let Some(doc) = self.known_doc(file, n, line, "id", &r.id) else { return };
        if let Some(es) = r.entities {
            self.out.has_entities = true;
            for e in es {
                if self.check_span(file, n, line, doc, e.start, e.end) & self.check_label(file, n, line, &e.label) {
                    self.out.has_links |= e.entity.is_some();
                    let ent = Ent { start: e.start, end: e.end, label: e.label, link: e.entity.map(|x| x.id) };
                    self.layers(&r.id).entities.push(ent);
                }
            }
        }
        if let Some(cs) = r.claims {
            self.out.has_claims = true;
            for c in cs {
                if self.check_span(file, n, line, doc, c.start, c.end) {
                    let clm = Clm {
                        id: c.id,
                        start: c.start,
                        end: c.end,
                        claimer: c.claimer.as_ref().and_then(|p| party(Some(&p.kind), p.entity_id.as_deref())),
                        checkworthy: c.checkworthy,
                        proposition: c.proposition.map(|p| p.map(|x| x.id)),
                        value: c.value.map(|v| v.as_ref().and_then(canonical_value)),
                    };
                    self.layers(&r.id).claims.push(clm);
                }
            }
        }
        if let Some(ss) = r.stances {
            self.out.has_stances = true;
            for s in ss {
                if self.check_span(file, n, line, doc, s.start, s.end)
                    & self.check_stance_label(file, n, line, &s.label, false)
                {
                    let stn = Stn {
                        start: s.start,
                        end: s.end,
                        target_is_claim: s.target.kind.as_deref() == Some("claim"),
                        target: s.target.id,
                        label: s.label,
                        holder: s.holder.as_ref().and_then(|p| party(Some(&p.kind), p.entity_id.as_deref())),
                    };
                    self.layers(&r.id).stances.push(stn);
                }
            }
        }
        if let Some(ds) = r.document_stances {
            self.out.has_document_stances = true;
            for d in ds {
                if self.check_target(file, n, line, &d.target) & self.check_stance_label(file, n, line, &d.label, true)
                {
                    self.layers(&r.id).document_stances.insert(d.target, d.label);
                }
            }
        }
    }

    /// Tags of one document's tokens, checked against the corpus tokens, decoded per sentence.
    fn tagged(&mut self, file: &Path, doc: &'a Document, sentences: Vec<TaggedSentence>) {
        let tokens = self.tokens(doc);
        let last_line = sentences.iter().filter_map(|s| s.last()).map(|x| x.0).next_back().unwrap_or(1);
        let mut k = 0;
        self.out.has_entities = true;
        self.out.token_level = true;
        for sent in sentences {
            let mut tags: Vec<String> = Vec::new();
            let first = k;
            for (line, form, tag) in &sent {
                match tokens.get(k) {
                    Some(t) if &t.text == form => {}
                    Some(t) => {
                        let msg = format!(
                            "token `{form}` is not token {} of `{}`, `{}`: predictions must keep the corpus tokens (dist/crocus.conll)",
                            k + 1,
                            doc.id(),
                            t.text
                        );
                        self.err(file, *line, 1, msg);
                        return;
                    }
                    None => {
                        self.err(file, *line, 1, format!("`{}` has only {} tokens", doc.id(), tokens.len()));
                        return;
                    }
                }
                let (prefix, label) = tag.split_once('-').unwrap_or((tag.as_str(), ""));
                let valid = (tag == "O") || (["B", "I", "E", "S"].contains(&prefix) && !label.is_empty());
                if !valid {
                    self.err(
                        file,
                        *line,
                        form.chars().count() + 2,
                        format!("tag `{tag}` is not O or an IOB2/BIOES tag (B-LABEL)"),
                    );
                    return;
                }
                if tag != "O" && !self.check_label(file, *line, "", label) {
                    return;
                }
                tags.push(tag.clone());
                k += 1;
            }
            let refs: Vec<&str> = tags.iter().map(String::as_str).collect();
            for (a, z, label) in decode_tags(&refs) {
                let e = Ent { start: tokens[first + a].start, end: tokens[first + z - 1].end, label, link: None };
                self.layers(doc.id()).entities.push(e);
            }
        }
        if k != tokens.len() {
            self.err(file, last_line, 1, format!("`{}` has {} tokens, the predictions {k}", doc.id(), tokens.len()));
        }
    }

    fn conll2003(&mut self, file: &Path, content: &str) {
        let docs: Vec<&'a Document> = self.corpus.iter().collect();
        let mut blocks: Vec<(usize, Vec<TaggedSentence>)> = Vec::new();
        for (i, line) in content.lines().enumerate() {
            let n = i + 1;
            let l = line.trim_end();
            if l.starts_with("-DOCSTART-") {
                blocks.push((n, vec![Vec::new()]));
                continue;
            }
            let Some((_, sents)) = blocks.last_mut() else {
                self.err(file, n, 1, "CoNLL-2003 predictions start with -DOCSTART-".into());
                return;
            };
            if l.is_empty() {
                if sents.last().is_some_and(|s| !s.is_empty()) {
                    sents.push(Vec::new());
                }
                continue;
            }
            let cols: Vec<&str> = l.split([' ', '\t']).filter(|c| !c.is_empty()).collect();
            if cols.len() < 2 {
                self.err(file, n, 1, "a token line has the token first and the tag last".into());
                return;
            }
            sents.last_mut().expect("one open").push((n, cols[0].to_string(), cols[cols.len() - 1].to_string()));
        }
        if blocks.len() != docs.len() {
            let msg = format!(
                "{} -DOCSTART- lines, but the corpus has {} documents: predict every document, in the order of dist/crocus.conll",
                blocks.len(),
                docs.len()
            );
            self.err(file, blocks.last().map_or(1, |b| b.0), 1, msg);
            return;
        }
        for (doc, (_, sents)) in docs.into_iter().zip(blocks) {
            self.tagged(file, doc, sents);
        }
    }

    fn conllu(&mut self, file: &Path, content: &str) {
        let mut blocks: Vec<(&'a Document, Vec<TaggedSentence>)> = Vec::new();
        for (i, line) in content.lines().enumerate() {
            let n = i + 1;
            if let Some(id) = line.strip_prefix("# newdoc id = ") {
                let Some(doc) = self.known_doc(file, n, line, "", id.trim()) else { return };
                blocks.push((doc, vec![Vec::new()]));
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let Some((_, sents)) = blocks.last_mut() else {
                self.err(file, n, 1, "CoNLL-U predictions name each document with `# newdoc id = ID` first".into());
                return;
            };
            if line.trim().is_empty() {
                if sents.last().is_some_and(|s| !s.is_empty()) {
                    sents.push(Vec::new());
                }
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                self.err(file, n, 1, format!("a CoNLL-U token line has 10 TAB-separated columns, not {}", cols.len()));
                return;
            }
            if cols[0].contains(['-', '.']) {
                continue;
            }
            let tag = cols[9].split('|').find_map(|m| m.strip_prefix("NE=")).unwrap_or("O");
            sents.last_mut().expect("one open").push((n, cols[1].to_string(), tag.to_string()));
        }
        for (doc, sents) in blocks {
            self.tagged(file, doc, sents);
        }
    }
}
