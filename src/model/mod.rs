//! The data model: one serde type per record of every file the corpus ships, and of every JSONL
//! record kind the export writes ([`jsonl`]).
//!
//! This is the one definition of the formats. The types mirror the JSON files one to one
//! (`deny_unknown_fields` everywhere, so a misspelt key is an error, not silently dropped); the
//! JSON Schemas in `schema/` are generated from them ([`crate::schema`]), and every closed list
//! (labels, kinds, the [`OffsetUnit`]) is one Rust enum whose names serde, the schemas, `FromStr`
//! and the command line share. Offsets are Unicode code points, half-open.

mod annotation;
mod claim;
mod document;
mod entity;
pub mod jsonl;
mod offset;
#[cfg(feature = "schema")]
mod schema_util;
mod span;
mod stance;
mod value;

pub use crate::names::ParseEnumError;
pub use annotation::{AnnotationFile, Exception};
pub use claim::{
    Attribution, Claim, ClaimType, Claimer, Proposition, PropositionRegistry, Reference, Source, ValueKind,
};
pub use document::{DocumentRecord, Genre, Manifest, MetaField, QualityFlag, QualityFlagKind, Region, RegionKind};
pub use entity::{EntityMention, EntityRegistry, Label, RegistryEntity, WikipediaLink};
pub use offset::OffsetUnit;
pub use span::{ParseSpanError, Span, TextSpan};
pub use stance::{DocumentStance, Holder, SpanStance, StanceLabel, StanceTarget, Target, TargetLabel, TargetRegistry};
pub use value::Value;

/// The pattern of a registry or document id: a lowercase slug.
pub const SLUG: &str = "^[a-z0-9][a-z0-9-]*$";
/// The pattern of a SHA-256 in lowercase hex.
pub const SHA256: &str = "^[0-9a-f]{64}$";
/// The pattern of a BCP 47 language tag as the manifest writes it (`en`, `en-GB`).
pub const LANGUAGE: &str = "^[a-z]{2,3}(-[A-Za-z0-9]+)*$";
/// The pattern of a seed file name under `corpus/texts/`.
pub const SOURCE_FILE: &str = r"^[^/\\]+\.txt$";
/// The pattern of an ISO 8601 date value: a date, month, year, `--MM-DD` day without year, or an
/// interval of them.
pub const ISO_DATE: &str = r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)(/(\d{4}(-\d{2}(-\d{2})?)?))?$";
/// The pattern of an ISO 8601 duration value (`P6M`, `PT48H`).
pub const ISO_DURATION: &str = r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$";
