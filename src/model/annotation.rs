use serde::{Deserialize, Serialize};

use super::{Claim, DocumentStance, EntityMention, SpanStance};

/// `annotations/<document id>.json`: every annotation layer of one document. Layers that are not
/// annotated yet are empty lists.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AnnotationFile {
    /// The schema this file follows (`../schema/annotation.schema.json`).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the file format.
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema_util::schema_version"))]
    pub schema_version: String,
    /// The document id, as in the manifest.
    #[cfg_attr(feature = "schema", schemars(pattern(crate::model::SLUG)))]
    pub document: String,
    /// Entity mentions, sorted by offset.
    #[serde(default)]
    pub entities: Vec<EntityMention>,
    /// Claims, sorted by offset.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Span stances, sorted by offset.
    #[serde(default)]
    pub stances: Vec<SpanStance>,
    /// One stance per registered target.
    #[serde(default)]
    pub document_stances: Vec<DocumentStance>,
    /// Occurrences of annotated surface strings left unannotated on purpose.
    #[serde(default)]
    pub exceptions: Vec<Exception>,
}

/// An occurrence of an annotated surface string deliberately left unannotated, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The surface text.
    pub text: String,
    /// Why it is not annotated.
    #[cfg_attr(feature = "schema", schemars(length(min = 3)))]
    pub reason: String,
}
