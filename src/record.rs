//! Reading a line of the document JSONL export back into the model.
//!
//! (About 500 lines, one module on purpose: the record's types, the offset conversion and the
//! rebuild are one concept, a document record and its reading.)
//!
//! Why it exists: a document record is self-contained (the text, every layer, and the registry
//! entries it refers to, resolved), so it is also an input. [`Corpus::from_record`] turns one
//! record into a one-document [`Corpus`], which lets `crocus export --input FILE.jsonl` convert a
//! contributor's JSONL, however large, to the other formats one record at a time, in any of the
//! three offset units. Exporting the rebuilt corpus gives back exactly what exporting the original
//! gives.
//!
//! The record's serde types are defined here once and shared: the JSONL writer
//! (`export::jsonl`) fills and serializes them, this reader deserializes them, so the two agree on
//! every key by construction.
//!
//! What a record does not carry stays empty in the rebuilt corpus: registry aliases, manifest
//! `publisher`/`url`, annotation exceptions. Without the `validate` feature records are not
//! schema-checked; what cannot be rebuilt is an [`Error`] with a JSON pointer. With the `validate`
//! feature, [`Corpus::from_record`] first checks the record with the validator's rules and refuses
//! what it refuses.

use std::collections::BTreeMap;

use crate::corpus::{Corpus, Document};
use crate::error::{Error, ErrorKind, Position};
use crate::model::{
    AnnotationFile, Claim, Claimer, DocumentRecord, DocumentStance, EntityMention, EntityRegistry, MetaField,
    OffsetUnit, Proposition, PropositionRegistry, QualityFlag, Reference, Region, RegistryEntity, SpanStance,
    StanceTarget, Target, TargetRegistry, TextSpan, Value,
};
use crate::text::Text;

// The record types are the model's (`model::jsonl`): the JSONL writer fills and serializes them,
// this reader deserializes them and the export schemas are generated from them, so the three
// cannot disagree about a key.
use crate::model::jsonl::{DocumentLine as Record, FlatValue, OffsetSpan as RSpan, Party};

/// Converts the record's offsets to code points, failing with the pointer of the first that does
/// not fall on a character boundary of the text.
struct Offsets<'a> {
    text: &'a Text,
    unit: OffsetUnit,
}

impl Offsets<'_> {
    fn cp(&self, offset: usize, pointer: &str) -> Result<usize, Error> {
        self.text.codepoint_from(offset, self.unit).ok_or_else(|| {
            bad_as(
                ErrorKind::NotCharBoundary { offset },
                pointer,
                format!("offset {offset} is not a character boundary of the text"),
            )
        })
    }

    /// `start` and `end` of the value at `pointer`, in code points.
    fn bounds(&self, start: usize, end: usize, pointer: &str) -> Result<(usize, usize), Error> {
        Ok((self.cp(start, &format!("{pointer}/start"))?, self.cp(end, &format!("{pointer}/end"))?))
    }

    fn span(&self, s: RSpan, pointer: &str) -> Result<TextSpan, Error> {
        let (start, end) = self.bounds(s.start, s.end, pointer)?;
        Ok(TextSpan { start, end, text: s.text })
    }
}

/// A value that cannot be rebuilt ([`ErrorKind::Shape`]: a shape the model does not have), at its
/// pointer.
fn bad(pointer: &str, message: String) -> Error {
    bad_as(ErrorKind::Shape, pointer, message)
}

/// As [`bad`], of another kind: [`ErrorKind::UnresolvedReference`] for a reference to nothing,
/// [`ErrorKind::NotCharBoundary`] for an offset inside a character.
fn bad_as(kind: ErrorKind, pointer: &str, message: String) -> Error {
    Error::new(kind, message).at(Position { pointer: Some(pointer.to_string()), ..Position::default() })
}

fn value(v: Option<FlatValue>, pointer: &str) -> Result<Option<Value>, Error> {
    let Some(v) = v else { return Ok(None) };
    v.to_value()
        .map(Some)
        .map_err(|key| bad(&format!("{pointer}/{key}"), format!("a `{}` value needs a valid `{key}`", v.kind.as_str())))
}

fn party(p: Party, off: &Offsets<'_>, pointer: &str) -> Result<Claimer, Error> {
    Ok(match p.kind.as_str() {
        "author" => Claimer::Author,
        "entity" => match (p.entity_id, p.mention_id) {
            (Some(entity), Some(mention)) => Claimer::Entity { entity, mention },
            _ => return Err(bad(pointer, "an `entity` party needs `entity_id` and `mention_id`".into())),
        },
        "unnamed" => Claimer::Unnamed {
            description: p.description.map(|d| off.span(d, &format!("{pointer}/description"))).transpose()?,
        },
        other => return Err(bad(&format!("{pointer}/kind"), format!("unknown party kind `{other}`"))),
    })
}

impl Corpus {
    /// Rebuilds a one-document corpus from a line of the document JSONL export (any offset unit).
    ///
    /// The registries hold the entries the record resolves: the entities its mentions link to, the
    /// propositions its claims answer, the targets it names with their definitions.
    ///
    /// ```
    /// # #[cfg(feature = "export")] {
    /// use crocus_corpus::export::{self, Options};
    /// use crocus_corpus::Corpus;
    ///
    /// let jsonl = export::jsonl(Corpus::embedded(), &Options::default());
    /// let one = Corpus::from_record(jsonl.lines().next().unwrap())?;
    /// let original = Corpus::embedded().document(one.documents()[0].id()).unwrap();
    /// assert_eq!(one.documents()[0].entities(), original.entities());
    /// # }
    /// # Ok::<(), crocus_corpus::Error>(())
    /// ```
    ///
    /// With the `validate` feature, the record is first checked as `crocus validate` checks a line
    /// of a JSONL file (its schema, then every rule an annotation file gets), and the first error
    /// is returned: this reader accepts exactly the records the validator passes.
    ///
    /// # Errors
    /// When the line is not JSON ([`ErrorKind::Syntax`], with line and column) or not a document
    /// record ([`ErrorKind::Shape`]), or a value cannot be rebuilt (with its JSON pointer): an
    /// offset that is not a character boundary ([`ErrorKind::NotCharBoundary`]), an entity party
    /// without its mention ([`ErrorKind::Shape`]), an entity that a stance or claim names but no
    /// mention links to ([`ErrorKind::UnresolvedReference`]: the record lacks its type); with the
    /// `validate` feature, the first error the validator finds in the record.
    pub fn from_record(line: &str) -> Result<Corpus, Error> {
        #[cfg(feature = "validate")]
        {
            // The validator reads the record with `read_record` and checks what it read.
            let (report, corpus) = crate::validate::check_record_line(line);
            if let Err(e) = crate::validate::require_valid(&report) {
                // A syntax error (E001 comes first) is serde_json's own, as without the validator:
                // located in characters, with its source. Parsed again on this path only.
                if let (ErrorKind::Syntax, Err(syntax)) =
                    (e.kind(), serde_json::from_str::<serde::de::IgnoredAny>(line))
                {
                    return Err(Error::from_json(syntax, line));
                }
                return Err(e);
            }
            if let Some(corpus) = corpus {
                return Ok(corpus);
            }
        }
        Corpus::read_record(line)
    }

    /// The reader of [`Corpus::from_record`] without the rules: what the validator reads a
    /// record with before it checks it.
    pub(crate) fn read_record(line: &str) -> Result<Corpus, Error> {
        let r: Record = serde_json::from_str(line).map_err(|e| Error::from_json(e, line))?;
        let text = Text::new(r.text);
        let off = Offsets { text: &text, unit: r.offsets };

        let mut registry: BTreeMap<String, RegistryEntity> = BTreeMap::new();
        let mut propositions: BTreeMap<String, Proposition> = BTreeMap::new();
        let mut targets: BTreeMap<String, Target> = BTreeMap::new();

        let regions = r
            .regions
            .into_iter()
            .enumerate()
            .map(|(i, g)| {
                let (start, end) = off.bounds(g.start, g.end, &format!("/regions/{i}"))?;
                Ok(Region { kind: g.kind, start, end, article: g.article })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let quality_flags = r
            .quality_flags
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                let evidence = f
                    .evidence
                    .into_iter()
                    .enumerate()
                    .map(|(j, s)| off.span(s, &format!("/quality_flags/{i}/evidence/{j}")))
                    .collect::<Result<Vec<_>, Error>>()?;
                Ok(QualityFlag { kind: f.kind, note: f.note, evidence })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let author = r
            .author
            .map(|a| Ok::<_, Error>(MetaField { value: a.value, evidence: off.span(a.evidence, "/author/evidence")? }))
            .transpose()?;
        let date = r
            .date
            .map(|a| Ok::<_, Error>(MetaField { value: a.value, evidence: off.span(a.evidence, "/date/evidence")? }))
            .transpose()?;

        let mut entities = Vec::with_capacity(r.entities.len());
        for (i, m) in r.entities.into_iter().enumerate() {
            let p = format!("/entities/{i}");
            let (start, end) = off.bounds(m.start, m.end, &p)?;
            let entity = m.entity.map(|e| {
                let id = e.id.clone();
                registry.entry(e.id.clone()).or_insert(RegistryEntity {
                    id: e.id,
                    kind: e.kind,
                    name: e.name,
                    aliases: Vec::new(),
                    description: e.description,
                    wikipedia: e.wikipedia,
                    wikidata: e.wikidata,
                });
                id
            });
            entities.push(EntityMention {
                id: m.id,
                start,
                end,
                text: m.text,
                label: m.label,
                entity,
                value: value(m.value, &format!("{p}/value"))?,
            });
        }

        let mut claims = Vec::with_capacity(r.claims.len());
        for (i, c) in r.claims.into_iter().enumerate() {
            let p = format!("/claims/{i}");
            let (start, end) = off.bounds(c.start, c.end, &p)?;
            let proposition = match c.proposition {
                Some(q) => {
                    let id = q.id.clone();
                    let mut references = Vec::with_capacity(q.references.len());
                    for (j, r) in q.references.into_iter().enumerate() {
                        let pointer = format!("{p}/proposition/references/{j}/value");
                        let value = value(Some(r.value), &pointer)?.ok_or_else(|| bad(&pointer, "no value".into()))?;
                        references.push(Reference { value, as_of: r.as_of, source: r.source, note: r.note });
                    }
                    propositions.entry(q.id.clone()).or_insert(Proposition {
                        id: q.id,
                        question: q.question,
                        value_kind: q.value_kind,
                        unit: q.unit,
                        references,
                    });
                    Some(id)
                }
                None => None,
            };
            claims.push(Claim {
                id: c.id,
                start,
                end,
                text: c.text,
                claimer: party(c.claimer, &off, &format!("{p}/claimer"))?,
                cue: c.cue.map(|s| off.span(s, &format!("{p}/cue"))).transpose()?,
                attribution: c.attribution,
                types: c.types,
                checkworthy: c.checkworthy,
                proposition,
                value: value(c.value, &format!("{p}/value"))?,
            });
        }

        let mut stances = Vec::with_capacity(r.stances.len());
        for (i, s) in r.stances.into_iter().enumerate() {
            let p = format!("/stances/{i}");
            let (start, end) = off.bounds(s.start, s.end, &p)?;
            let target = match s.target.kind.as_str() {
                "target" => {
                    if let Some(definition) = s.target.name {
                        targets.entry(s.target.id.clone()).or_insert(Target { id: s.target.id.clone(), definition });
                    }
                    StanceTarget::Target { id: s.target.id }
                }
                "entity" => StanceTarget::Entity { id: s.target.id },
                "claim" => StanceTarget::Claim { id: s.target.id },
                other => return Err(bad(&format!("{p}/target/kind"), format!("unknown target kind `{other}`"))),
            };
            stances.push(SpanStance {
                id: s.id,
                start,
                end,
                text: s.text,
                holder: party(s.holder, &off, &format!("{p}/holder"))?,
                target,
                label: s.label,
            });
        }

        let document_stances = r
            .document_stances
            .into_iter()
            .map(|d| {
                if let Some(definition) = d.definition {
                    targets.entry(d.target.clone()).or_insert(Target { id: d.target.clone(), definition });
                }
                DocumentStance { target: d.target, label: d.label, evidence: d.evidence }
            })
            .collect();

        // Every entity a party or target names must be resolved by a mention's registry entry.
        let named = claims
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("/claims/{i}/claimer/entity_id"), &c.claimer))
            .chain(stances.iter().enumerate().map(|(i, s)| (format!("/stances/{i}/holder/entity_id"), &s.holder)))
            .filter_map(|(p, c)| match c {
                Claimer::Entity { entity, .. } => Some((p, entity)),
                _ => None,
            })
            .chain(stances.iter().enumerate().filter_map(|(i, s)| match &s.target {
                StanceTarget::Entity { id } => Some((format!("/stances/{i}/target/id"), id)),
                _ => None,
            }));
        for (pointer, id) in named {
            if !registry.contains_key(id) {
                return Err(bad_as(
                    ErrorKind::UnresolvedReference { id: id.clone() },
                    &pointer,
                    format!("entity `{id}` is linked by no mention of the record, which so lacks its type"),
                ));
            }
        }

        let record = DocumentRecord {
            id: r.id.clone(),
            source_file: r.source_file,
            sha256: r.sha256,
            chars: text.len_chars(),
            bytes: text.len_bytes(),
            title: r.title,
            language: r.language,
            genre: r.genre,
            author,
            publisher: None,
            url: None,
            date,
            regions,
            quality_flags,
        };
        let annotations = AnnotationFile {
            schema: None,
            schema_version: crate::SCHEMA_VERSION.to_string(),
            document: r.id,
            entities,
            claims,
            stances,
            document_stances,
            exceptions: Vec::new(),
        };
        let version = crate::SCHEMA_VERSION.to_string();
        let document = Document::rebuilt(record, text, annotations)?;
        Ok(Corpus::assemble(
            vec![document],
            EntityRegistry {
                schema: None,
                schema_version: version.clone(),
                entities: registry.into_values().collect(),
            },
            PropositionRegistry {
                schema: None,
                schema_version: version.clone(),
                propositions: propositions.into_values().collect(),
            },
            TargetRegistry { schema: None, schema_version: version, targets: targets.into_values().collect() },
        ))
    }
}
