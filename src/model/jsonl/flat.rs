//! The flat JSONL lines: one annotation per line, nested objects spread into prefixed columns.

use serde::{Deserialize, Serialize};

use super::{ClaimItem, FlatValue, MentionItem, PartyKind, StanceItem, TargetKind, ValueTag};
use crate::model::{Attribution, ClaimType, Label, StanceLabel};

/// One line of the entity JSONL export: one entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
// No `deny_unknown_fields`: serde does not support it with `flatten`; the schema still closes the record.
#[cfg_attr(feature = "schema", schemars(extend("additionalProperties" = false)))]
pub struct EntityLine {
    /// The document id.
    pub document: String,
    /// Mention id.
    pub id: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The surface text.
    pub text: String,
    /// OntoNotes label.
    pub label: Label,
    /// Registry entity id.
    pub entity_id: Option<String>,
    /// Registry entity type.
    pub entity_type: Option<Label>,
    /// Registry entity name.
    pub entity_name: Option<String>,
    /// URL of the entity's English Wikipedia article, where one was read.
    pub entity_wikipedia: Option<String>,
    /// The value, in `value_*` columns.
    #[serde(flatten)]
    pub value: ValueColumns,
}

impl EntityLine {
    /// The flat line of a mention of `document`.
    pub fn new(document: &str, m: &MentionItem) -> EntityLine {
        EntityLine {
            document: document.to_string(),
            id: m.id.clone(),
            start: m.start,
            end: m.end,
            text: m.text.clone(),
            label: m.label,
            entity_id: m.entity.as_ref().map(|e| e.id.clone()),
            entity_type: m.entity.as_ref().map(|e| e.kind),
            entity_name: m.entity.as_ref().map(|e| e.name.clone()),
            entity_wikipedia: m.entity.as_ref().and_then(|e| e.wikipedia.as_ref()).map(|w| w.url.clone()),
            value: ValueColumns::from(m.value.as_ref()),
        }
    }
}

/// One line of the claim JSONL export: one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
// No `deny_unknown_fields`: serde does not support it with `flatten`; the schema still closes the record.
#[cfg_attr(feature = "schema", schemars(extend("additionalProperties" = false)))]
pub struct ClaimLine {
    /// The document id.
    pub document: String,
    /// Claim id.
    pub id: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The asserted content.
    pub text: String,
    /// The claimer, in `claimer_*` columns.
    #[serde(flatten)]
    pub claimer: ClaimerColumns,
    /// Start of the attribution cue.
    pub cue_start: Option<usize>,
    /// End of the attribution cue.
    pub cue_end: Option<usize>,
    /// The cue's text.
    pub cue_text: Option<String>,
    /// How it is attributed.
    pub attribution: Attribution,
    /// One or more claim types.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub types: Vec<ClaimType>,
    /// Whether a fact-checker would want it verified.
    pub checkworthy: bool,
    /// Id of the proposition it answers.
    pub proposition_id: Option<String>,
    /// The proposition's question.
    pub proposition_question: Option<String>,
    /// The value, in `value_*` columns.
    #[serde(flatten)]
    pub value: ValueColumns,
    /// The verdict against the proposition's references (`agrees`, `contradicts`, `outdated`,
    /// `not_comparable`), or null.
    pub verdict: Option<String>,
    /// The reference value judged against, as text (`149`, `>130`), or null.
    pub verdict_reference_value: Option<String>,
    /// The date that reference holds as of, or null.
    pub verdict_reference_as_of: Option<String>,
    /// Its publisher, or null.
    pub verdict_reference_publisher: Option<String>,
    /// The URL of the page it was read on, or null.
    pub verdict_reference_url: Option<String>,
}

impl ClaimLine {
    /// The flat line of a claim of `document`.
    pub fn new(document: &str, c: &ClaimItem) -> ClaimLine {
        let p = &c.claimer;
        let reference = c.verdict.as_ref().and_then(|v| c.proposition.as_ref()?.references.get(v.reference));
        ClaimLine {
            document: document.to_string(),
            id: c.id.clone(),
            start: c.start,
            end: c.end,
            text: c.text.clone(),
            claimer: ClaimerColumns {
                claimer_kind: p.kind,
                claimer_entity_id: p.entity_id.clone(),
                claimer_entity_name: p.entity_name.clone(),
                claimer_mention_id: p.mention_id.clone(),
                claimer_description: p.description.as_ref().map(|d| d.text.clone()),
            },
            cue_start: c.cue.as_ref().map(|s| s.start),
            cue_end: c.cue.as_ref().map(|s| s.end),
            cue_text: c.cue.as_ref().map(|s| s.text.clone()),
            attribution: c.attribution,
            types: c.types.clone(),
            checkworthy: c.checkworthy,
            proposition_id: c.proposition.as_ref().map(|p| p.id.clone()),
            proposition_question: c.proposition.as_ref().map(|p| p.question.clone()),
            value: ValueColumns::from(c.value.as_ref()),
            verdict: c.verdict.as_ref().map(|v| v.verdict.clone()),
            verdict_reference_value: reference.and_then(|r| r.value.to_value().ok()).map(|v| v.to_string()),
            verdict_reference_as_of: reference.map(|r| r.as_of.clone()),
            verdict_reference_publisher: reference.map(|r| r.source.publisher.clone()),
            verdict_reference_url: reference.map(|r| r.source.url.clone()),
        }
    }
}

/// One line of the stance JSONL export: one span stance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
// No `deny_unknown_fields`: serde does not support it with `flatten`; the schema still closes the record.
#[cfg_attr(feature = "schema", schemars(extend("additionalProperties" = false)))]
pub struct StanceLine {
    /// The document id.
    pub document: String,
    /// Stance id.
    pub id: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// The evaluative words.
    pub text: String,
    /// The holder, in `holder_*` columns.
    #[serde(flatten)]
    pub holder: HolderColumns,
    /// The target's kind: the `kind` tag of [`StanceTarget`](crate::model::StanceTarget).
    pub target_kind: TargetKind,
    /// The target, entity or claim id.
    pub target_id: String,
    /// The target's definition, the entity's name or the claim's text.
    pub target_name: Option<String>,
    /// Which way.
    pub label: StanceLabel,
}

impl StanceLine {
    /// The flat line of a span stance of `document`.
    pub fn new(document: &str, s: &StanceItem) -> StanceLine {
        let p = &s.holder;
        StanceLine {
            document: document.to_string(),
            id: s.id.clone(),
            start: s.start,
            end: s.end,
            text: s.text.clone(),
            holder: HolderColumns {
                holder_kind: p.kind,
                holder_entity_id: p.entity_id.clone(),
                holder_entity_name: p.entity_name.clone(),
                holder_mention_id: p.mention_id.clone(),
                holder_description: p.description.as_ref().map(|d| d.text.clone()),
            },
            target_kind: s.target.kind,
            target_id: s.target.id.clone(),
            target_name: s.target.name.clone(),
            label: s.label,
        }
    }
}

/// A [`FlatValue`] spread into `value_*` columns, all null when there is no value.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[allow(missing_docs)] // each column is the `FlatValue` key after `value_`
pub struct ValueColumns {
    pub value_kind: Option<ValueTag>,
    pub value_number: Option<f64>,
    pub value_min: Option<f64>,
    pub value_min_inclusive: Option<bool>,
    pub value_max: Option<f64>,
    pub value_max_inclusive: Option<bool>,
    pub value_approximate: Option<bool>,
    pub value_iso: Option<String>,
    pub value_description: Option<String>,
    pub value_boolean: Option<bool>,
    pub value_category: Option<String>,
}

impl From<Option<&FlatValue>> for ValueColumns {
    fn from(v: Option<&FlatValue>) -> ValueColumns {
        let Some(v) = v else { return ValueColumns::default() };
        ValueColumns {
            value_kind: Some(v.kind),
            value_number: v.number,
            value_min: v.min,
            value_min_inclusive: v.min_inclusive,
            value_max: v.max,
            value_max_inclusive: v.max_inclusive,
            value_approximate: v.approximate,
            value_iso: v.iso.clone(),
            value_description: v.description.clone(),
            value_boolean: v.boolean,
            value_category: v.category.clone(),
        }
    }
}

/// A claimer [`Party`](super::Party) spread into `claimer_*` columns (the description as its text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[allow(missing_docs)] // each column is the `Party` key after `claimer_`
pub struct ClaimerColumns {
    pub claimer_kind: PartyKind,
    pub claimer_entity_id: Option<String>,
    pub claimer_entity_name: Option<String>,
    pub claimer_mention_id: Option<String>,
    pub claimer_description: Option<String>,
}

/// A holder [`Party`](super::Party) spread into `holder_*` columns (the description as its text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[allow(missing_docs)] // each column is the `Party` key after `holder_`
pub struct HolderColumns {
    pub holder_kind: PartyKind,
    pub holder_entity_id: Option<String>,
    pub holder_entity_name: Option<String>,
    pub holder_mention_id: Option<String>,
    pub holder_description: Option<String>,
}
