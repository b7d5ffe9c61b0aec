//! The records of the JSONL export: one serde type per record kind.
//!
//! Why it exists: a JSONL line is a file format like the annotation files, so it has one
//! definition here, which the writer (`export::jsonl`) serializes, the reader
//! ([`Corpus::from_record`](crate::Corpus::from_record)) can deserialize and the schemas in
//! `schema/export-*.schema.json` are generated from.
//!
//! A [`DocumentLine`] is self-contained: the text, every layer, and the registry entries it
//! refers to, resolved. The flat lines ([`EntityLine`], [`ClaimLine`], [`StanceLine`]) hold one
//! annotation each, with nested objects spread into prefixed columns (`claimer_kind`,
//! `value_number`), ready as a table. Every key is always present: absent values are `null` and
//! lists are empty, so each column has one type. Offsets count the unit in the document line's
//! `offsets` ([`OffsetUnit`]).

use serde::{Deserialize, Serialize};

use super::{
    Attribution, ClaimType, Genre, Label, OffsetUnit, QualityFlagKind, RegionKind, Source, StanceLabel, TargetLabel,
    ValueKind, WikipediaLink,
};
use crate::names::closed_enum;

mod flat;
mod value;

pub use flat::{ClaimLine, ClaimerColumns, EntityLine, HolderColumns, StanceLine, ValueColumns};
pub use value::{FlatValue, ValueTag};

closed_enum! {
    "party kind",
    /// The kind of a [`Claimer`](crate::model::Claimer) (or stance holder): its `kind` tag.
    pub enum PartyKind {
        /// [`Claimer::Author`](crate::model::Claimer::Author).
        Author = "author",
        /// [`Claimer::Entity`](crate::model::Claimer::Entity).
        Entity = "entity",
        /// [`Claimer::Unnamed`](crate::model::Claimer::Unnamed).
        Unnamed = "unnamed",
    }
}

closed_enum! {
    "stance target kind",
    /// The kind of a [`StanceTarget`](crate::model::StanceTarget): its `kind` tag.
    pub enum TargetKind {
        /// [`StanceTarget::Target`](crate::model::StanceTarget::Target).
        Target = "target",
        /// [`StanceTarget::Entity`](crate::model::StanceTarget::Entity).
        Entity = "entity",
        /// [`StanceTarget::Claim`](crate::model::StanceTarget::Claim).
        Claim = "claim",
    }
}

closed_enum! {
    "record kind",
    /// Kinds of JSONL record, one type each.
    #[derive(Default)]
    #[non_exhaustive]
    pub enum RecordKind {
        /// One document per line, every layer inside ([`DocumentLine`]).
        #[default]
        Documents = "documents",
        /// One entity mention per line ([`EntityLine`]).
        Entities = "entities",
        /// One claim per line ([`ClaimLine`]).
        Claims = "claims",
        /// One span stance per line ([`StanceLine`]; document stances are in the document lines).
        Stances = "stances",
    }
}

/// One line of the document JSONL export: a document with every layer and the registries resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentLine {
    /// The document id.
    pub id: String,
    /// The seed file name under `corpus/texts/`.
    pub source_file: String,
    /// SHA-256 of the text's bytes, lowercase hex.
    #[cfg_attr(feature = "schema", schemars(pattern(crate::model::SHA256)))]
    pub sha256: String,
    /// The headline, or null when the text has none.
    pub title: Option<String>,
    /// BCP 47 language tag (`en`).
    pub language: String,
    /// Genre as judged from the text.
    pub genre: Genre,
    /// The author where the text states it, else null.
    pub author: Option<MetaItem>,
    /// The date of writing where the manifest states one, else null.
    #[serde(default)]
    pub date: Option<MetaItem>,
    /// The unit every offset of the record counts.
    pub offsets: OffsetUnit,
    /// The full text, byte for byte.
    pub text: String,
    /// Regions that tile the text, in order.
    pub regions: Vec<RegionItem>,
    /// Text-quality problems.
    pub quality_flags: Vec<QualityFlagItem>,
    /// Entity mentions, sorted by offset.
    pub entities: Vec<MentionItem>,
    /// Claims, sorted by offset.
    pub claims: Vec<ClaimItem>,
    /// Span stances, sorted by offset.
    pub stances: Vec<StanceItem>,
    /// One stance per registered target.
    pub document_stances: Vec<DocumentStanceItem>,
}

/// A span with its text, in the record's offset unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OffsetSpan {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// A metadata value with the span that states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MetaItem {
    /// The value.
    pub value: String,
    /// Where the text states it.
    pub evidence: OffsetSpan,
}

/// A region of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegionItem {
    /// Headline, body or boilerplate.
    pub kind: RegionKind,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// 1-based article number of a headline or body region, null for boilerplate.
    pub article: Option<u32>,
}

/// A text-quality problem with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QualityFlagItem {
    /// The problem.
    pub kind: QualityFlagKind,
    /// One sentence on what it means for a user.
    pub note: String,
    /// Spans that show it.
    pub evidence: Vec<OffsetSpan>,
}

/// An entity mention with its registry entity resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MentionItem {
    /// Mention id, unique within the document.
    pub id: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The surface text.
    pub text: String,
    /// OntoNotes label.
    pub label: Label,
    /// The registry entity (named labels), else null.
    pub entity: Option<LinkedEntity>,
    /// The normalized value (numeric and temporal labels), else null.
    pub value: Option<FlatValue>,
}

/// A registry entity as a record carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkedEntity {
    /// Registry id.
    pub id: String,
    /// Its type (a named label).
    #[serde(rename = "type")]
    pub kind: Label,
    /// Canonical name.
    pub name: String,
    /// One line on what it is.
    pub description: String,
    /// Its English Wikipedia article, where one was found and read, else null.
    #[serde(default)]
    pub wikipedia: Option<WikipediaLink>,
    /// Its Wikidata id, where a page read shows it, else null.
    #[serde(default)]
    pub wikidata: Option<String>,
}

/// Who asserts a claim or holds a stance, with every key present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The kind: the `kind` tag of [`Claimer`](crate::model::Claimer).
    pub kind: PartyKind,
    /// Registry entity id (kind `entity`).
    pub entity_id: Option<String>,
    /// Registry entity name (kind `entity`).
    pub entity_name: Option<String>,
    /// Id of the mention that names the source (kind `entity`).
    pub mention_id: Option<String>,
    /// The words describing an unnamed source (kind `unnamed`).
    pub description: Option<OffsetSpan>,
}

/// A claim with its proposition resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimItem {
    /// Claim id, unique within the document.
    pub id: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The asserted content.
    pub text: String,
    /// Who asserts it.
    pub claimer: Party,
    /// The attribution cue, or null.
    pub cue: Option<OffsetSpan>,
    /// How it is attributed.
    pub attribution: Attribution,
    /// One or more claim types.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub types: Vec<ClaimType>,
    /// Whether a fact-checker would want it verified.
    pub checkworthy: bool,
    /// The proposition it gives a value for, or null.
    pub proposition: Option<LinkedProposition>,
    /// The value it gives, or null.
    pub value: Option<FlatValue>,
    /// Its verdict against the proposition's references, or null when there is none.
    #[serde(default)]
    pub verdict: Option<VerdictItem>,
}

/// A proposition as a record carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkedProposition {
    /// Registry id.
    pub id: String,
    /// The fact as a question.
    pub question: String,
    /// The kind of answer.
    pub value_kind: ValueKind,
    /// Unit of a numeric answer, or null.
    pub unit: Option<String>,
    /// What public sources say, each with its date and source, oldest first (empty when none was
    /// read).
    #[serde(default)]
    pub references: Vec<ReferenceItem>,
}

/// A proposition's reference value as a record carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReferenceItem {
    /// The value, flattened.
    pub value: FlatValue,
    /// The date it holds as of (ISO 8601: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub as_of: String,
    /// The page it was read on.
    pub source: Source,
    /// A few words on it, or null.
    pub note: Option<String>,
}

/// A claim's verdict as a record carries it (computed from the proposition's references).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VerdictItem {
    /// `agrees`, `contradicts`, `outdated` or `not_comparable`.
    pub verdict: String,
    /// Index, in the proposition's `references`, of the reference judged against.
    pub reference: usize,
    /// Index of an earlier reference the value agrees with, or null.
    pub earlier: Option<usize>,
}

/// A span stance with its target resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StanceItem {
    /// Stance id, unique within the document.
    pub id: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The evaluative words.
    pub text: String,
    /// Whose evaluation.
    pub holder: Party,
    /// Of what.
    pub target: TargetRef,
    /// Which way.
    pub label: StanceLabel,
}

/// What a span stance evaluates, with a name to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TargetRef {
    /// The kind: the `kind` tag of [`StanceTarget`](crate::model::StanceTarget).
    pub kind: TargetKind,
    /// The target, entity or claim id.
    pub id: String,
    /// The target's definition, the entity's name or the claim's text.
    pub name: Option<String>,
}

/// The author's stance toward one registry target, over the whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentStanceItem {
    /// Target id.
    pub target: String,
    /// The target's definition.
    pub definition: Option<String>,
    /// The stance.
    pub label: TargetLabel,
    /// Ids of the span stances that support it.
    pub evidence: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claimer, StanceTarget, TextSpan, Value};

    /// The kind enums name exactly the serde tags of the enums they describe.
    #[test]
    fn kind_enums_are_the_serde_tags() {
        let tag = |v: serde_json::Value| v["kind"].as_str().unwrap().to_string();
        let values = [
            Value::Number { value: 1.0, approximate: false },
            Value::Range { min: None, min_inclusive: false, max: None, max_inclusive: false, approximate: false },
            Value::Ordinal { value: 1 },
            Value::Date { iso: "2024".into() },
            Value::Duration { iso: "P1D".into() },
            Value::Relative { description: "x".into() },
            Value::Boolean { value: true },
            Value::Category { value: "x".into() },
        ];
        let tags: Vec<String> = values.iter().map(|v| tag(serde_json::to_value(v).unwrap())).collect();
        assert_eq!(tags, ValueTag::ALL.map(|t| t.as_str().to_string()));
        assert!(values.iter().all(|v| v.tag().as_str() == tag(serde_json::to_value(v).unwrap())));
        let span = TextSpan { start: 0, end: 1, text: "x".into() };
        let claimers = [
            Claimer::Author,
            Claimer::Entity { entity: "e".into(), mention: "e1".into() },
            Claimer::Unnamed { description: Some(span) },
        ];
        let tags: Vec<String> = claimers.iter().map(|c| tag(serde_json::to_value(c).unwrap())).collect();
        assert_eq!(tags, PartyKind::ALL.map(|t| t.as_str().to_string()));
        assert!(claimers.iter().all(|c| c.kind().as_str() == tag(serde_json::to_value(c).unwrap())));
        let targets = [
            StanceTarget::Target { id: "t".into() },
            StanceTarget::Entity { id: "e".into() },
            StanceTarget::Claim { id: "c1".into() },
        ];
        let tags: Vec<String> = targets.iter().map(|t| tag(serde_json::to_value(t).unwrap())).collect();
        assert_eq!(tags, TargetKind::ALL.map(|t| t.as_str().to_string()));
        assert!(targets.iter().all(|t| t.kind().as_str() == tag(serde_json::to_value(t).unwrap())));
    }
}
