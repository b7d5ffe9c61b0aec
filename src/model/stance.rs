use serde::{Deserialize, Serialize};

use crate::names::closed_enum;

use super::{Claimer, Span};

/// The holder of a stance: the same three kinds as a claimer.
pub type Holder = Claimer;

/// `annotations/targets.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TargetRegistry {
    /// The schema this file follows.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the file format.
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema_util::schema_version"))]
    pub schema_version: String,
    /// The targets.
    pub targets: Vec<Target>,
}

/// A stance target every document is judged against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Slug id (`ukraine-responsible`).
    #[cfg_attr(feature = "schema", schemars(pattern(crate::model::SLUG)))]
    pub id: String,
    /// One-sentence definition.
    #[cfg_attr(feature = "schema", schemars(length(min = 5)))]
    pub definition: String,
}

/// What a span stance is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum StanceTarget {
    /// A registry target.
    Target {
        /// Target id.
        id: String,
    },
    /// A registry entity.
    Entity {
        /// Entity id.
        id: String,
    },
    /// A claim of the same document.
    Claim {
        /// Claim id.
        id: String,
    },
}

impl StanceTarget {
    /// The `kind` tag as written in the files: `target`, `entity` or `claim`.
    pub fn kind(&self) -> super::jsonl::TargetKind {
        use super::jsonl::TargetKind;
        match self {
            StanceTarget::Target { .. } => TargetKind::Target,
            StanceTarget::Entity { .. } => TargetKind::Entity,
            StanceTarget::Claim { .. } => TargetKind::Claim,
        }
    }

    /// The id it names.
    pub fn id(&self) -> &str {
        match self {
            StanceTarget::Target { id } | StanceTarget::Entity { id } | StanceTarget::Claim { id } => id,
        }
    }

    /// A short rendering: `target:ukraine-responsible`.
    pub fn display(&self) -> String {
        match self {
            StanceTarget::Target { id } => format!("target:{id}"),
            StanceTarget::Entity { id } => format!("entity:{id}"),
            StanceTarget::Claim { id } => format!("claim:{id}"),
        }
    }
}

/// `target:ukraine-responsible`, `entity:vladimir-putin`, `claim:c3`.
impl std::fmt::Display for StanceTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display())
    }
}

closed_enum! {
    "stance label",
    /// Stance labels: FAVOR/AGAINST/NEUTRAL toward targets and entities, SUPPORT/DENY/QUERY/COMMENT
    /// toward claims.
    #[allow(missing_docs)]
    pub enum StanceLabel {
        Favor = "FAVOR",
        Against = "AGAINST",
        Neutral = "NEUTRAL",
        Support = "SUPPORT",
        Deny = "DENY",
        Query = "QUERY",
        Comment = "COMMENT",
    }
}

impl StanceLabel {
    /// True for the labels toward a claim.
    pub fn is_claim_label(self) -> bool {
        matches!(self, StanceLabel::Support | StanceLabel::Deny | StanceLabel::Query | StanceLabel::Comment)
    }
}

/// A span expressing a holder's evaluation of a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SpanStance {
    /// Unique within the document (`s1`, …).
    #[cfg_attr(feature = "schema", schemars(pattern("^s[0-9]+$")))]
    pub id: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The evaluative words.
    pub text: String,
    /// Whose evaluation.
    pub holder: Holder,
    /// Of what.
    pub target: StanceTarget,
    /// Which way.
    pub label: StanceLabel,
}

impl SpanStance {
    /// The span's offsets.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

closed_enum! {
    "document stance label",
    /// Document-level stance labels (SemEval-2016 Task 6).
    #[allow(missing_docs)]
    pub enum TargetLabel {
        Favor = "FAVOR",
        Against = "AGAINST",
        None = "NONE",
    }
}

/// The author's stance toward one registry target, over the whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentStance {
    /// Target id.
    pub target: String,
    /// The stance.
    pub label: TargetLabel,
    /// Ids of the span stances that support it.
    #[cfg_attr(feature = "schema", schemars(extend("uniqueItems" = true)))]
    pub evidence: Vec<String>,
}
