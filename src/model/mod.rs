//! The data model: one serde type per record of every file the corpus ships.
//!
//! The types mirror the JSON files one to one (`deny_unknown_fields` everywhere, so a misspelt key
//! is an error, not silently dropped), which keeps the JSON Schemas in `schema/`, the validator and
//! the Rust API describing the same thing. Offsets are Unicode code points, half-open.

mod annotation;
mod claim;
mod document;
mod entity;
mod span;
mod stance;
mod value;

pub use annotation::{AnnotationFile, Exception};
pub use claim::{
    Attribution, Claim, ClaimType, Claimer, Proposition, PropositionRegistry, Reference, Source, ValueKind,
};
pub use document::{DocumentRecord, Genre, Manifest, MetaField, QualityFlag, QualityFlagKind, Region, RegionKind};
pub use entity::{EntityMention, EntityRegistry, Label, RegistryEntity, WikipediaLink};
pub use span::{Span, TextSpan};
pub use stance::{DocumentStance, Holder, SpanStance, StanceLabel, StanceTarget, Target, TargetLabel, TargetRegistry};
pub use value::Value;
