use serde::{Deserialize, Serialize};

use crate::names::closed_enum;

use super::{Span, TextSpan, Value};

/// One checkable factual claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Claim {
    /// Unique within the document (`c1`, …).
    #[cfg_attr(feature = "schema", schemars(pattern("^c[0-9]+$")))]
    pub id: String,
    /// First code point of the asserted content.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The asserted content, without the attribution cue.
    pub text: String,
    /// Who asserts it.
    pub claimer: Claimer,
    /// The attribution cue ("said", "according to"), if any.
    #[serde(default)]
    pub cue: Option<TextSpan>,
    /// How it is attributed.
    pub attribution: Attribution,
    /// One or more claim types.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    #[cfg_attr(feature = "schema", schemars(extend("uniqueItems" = true)))]
    pub types: Vec<ClaimType>,
    /// Whether a fact-checker would want it verified.
    pub checkworthy: bool,
    /// The corpus-wide proposition it gives a value for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposition: Option<String>,
    /// The value it gives for that proposition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

impl Claim {
    /// The claim's offsets.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Who asserts a claim (or holds a stance).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Claimer {
    /// The author of the text.
    Author,
    /// A named source: a registry entity and the mention that names it in this document.
    Entity {
        /// Registry entity id.
        entity: String,
        /// Id of the entity mention in this document.
        mention: String,
    },
    /// An unnamed source ("U.S. officials"), with the words that describe it, if any.
    Unnamed {
        /// The describing words.
        #[serde(default)]
        description: Option<TextSpan>,
    },
}

impl Claimer {
    /// The `kind` tag as written in the files: `author`, `entity` or `unnamed`.
    pub fn kind(&self) -> super::jsonl::PartyKind {
        use super::jsonl::PartyKind;
        match self {
            Claimer::Author => PartyKind::Author,
            Claimer::Entity { .. } => PartyKind::Entity,
            Claimer::Unnamed { .. } => PartyKind::Unnamed,
        }
    }

    /// A short rendering: `author`, `entity:vladimir-putin`, `unnamed: U.S. officials`.
    pub fn display(&self) -> String {
        match self {
            Claimer::Author => "author".into(),
            Claimer::Entity { entity, .. } => entity.clone(),
            Claimer::Unnamed { description: Some(d) } => format!("unnamed: {}", d.text),
            Claimer::Unnamed { description: None } => "unnamed".into(),
        }
    }
}

/// `author`, the entity id, `unnamed: U.S. officials` (as [`Claimer::display`]).
impl std::fmt::Display for Claimer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display())
    }
}

closed_enum! {
    "attribution",
    /// How a claim is attributed.
    pub enum Attribution {
        /// The author asserts it.
        Authorial = "authorial",
        /// Quoted words.
        DirectQuote = "direct_quote",
        /// Reported speech or thought.
        Indirect = "indirect",
    }
}

closed_enum! {
    "claim type",
    /// AVeriTeC-style claim types.
    #[allow(missing_docs)]
    #[non_exhaustive]
    pub enum ClaimType {
        Event = "event",
        Numerical = "numerical",
        Temporal = "temporal",
        Causal = "causal",
        Attribution = "attribution",
        Prediction = "prediction",
    }
}

/// `annotations/propositions.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PropositionRegistry {
    /// The schema this file follows.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the file format.
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema_util::schema_version"))]
    pub schema_version: String,
    /// The propositions.
    pub propositions: Vec<Proposition>,
}

/// A checkable fact that two or more claims answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Proposition {
    /// Slug id (`death-toll`).
    #[cfg_attr(feature = "schema", schemars(pattern(crate::model::SLUG)))]
    pub id: String,
    /// The fact as a question.
    #[cfg_attr(feature = "schema", schemars(length(min = 5)))]
    pub question: String,
    /// The kind of answer.
    pub value_kind: ValueKind,
    /// Unit of a numeric answer (`people`).
    #[serde(default)]
    pub unit: Option<String>,
    /// What public sources say, each with the date it holds as of and the page it was read on;
    /// empty where no source was read. Oldest first. Claims are judged against them by
    /// [`crate::verdict`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
}

closed_enum! {
    "value kind",
    /// The kind of answer a proposition takes.
    pub enum ValueKind {
        /// A number or interval.
        Number = "number",
        /// A date.
        Date = "date",
        /// A year.
        Year = "year",
        /// Yes or no.
        Boolean = "boolean",
        /// One of several categories.
        Category = "category",
    }
}

impl ValueKind {
    /// True when `value` is an answer of this kind.
    pub fn admits(self, value: &Value) -> bool {
        matches!(
            (self, value),
            (ValueKind::Number, Value::Number { .. } | Value::Range { .. })
                | (ValueKind::Date | ValueKind::Year, Value::Date { .. })
                | (ValueKind::Boolean, Value::Boolean { .. })
                | (ValueKind::Category, Value::Category { .. })
        )
    }
}

/// A reference value with its public source: what one page said, as of one date.
///
/// A figure that changed over time (a death toll revised for weeks) is several references, each
/// with its own `as_of`, never one picked silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The value, in the proposition's value kind and unit.
    pub value: Value,
    /// The date the value holds as of (ISO 8601: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub as_of: String,
    /// Where it was read.
    pub source: Source,
    /// A few words of context, in the annotator's words (never a copied sentence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A public page a reference value was read on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The page's title, as read, or `None` when the page read does not show one.
    pub title: Option<String>,
    /// Its publisher (`Reuters`, `Associated Press`, `Wikipedia`).
    pub publisher: String,
    /// Its publication date (ISO 8601), or `None` when the page does not show one.
    pub published: Option<String>,
    /// The URL of the page actually read.
    pub url: String,
}
