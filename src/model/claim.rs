use serde::{Deserialize, Serialize};

use super::{Span, TextSpan, Value};

/// One checkable factual claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Unique within the document (`c1`, …).
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

/// How a claim is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// The author asserts it.
    Authorial,
    /// Quoted words.
    DirectQuote,
    /// Reported speech or thought.
    Indirect,
}

/// AVeriTeC-style claim types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ClaimType {
    Event,
    Numerical,
    Temporal,
    Causal,
    Attribution,
    Prediction,
}

impl ClaimType {
    /// Every claim type, in declaration order.
    pub const ALL: [ClaimType; 6] = [
        ClaimType::Event,
        ClaimType::Numerical,
        ClaimType::Temporal,
        ClaimType::Causal,
        ClaimType::Attribution,
        ClaimType::Prediction,
    ];
}

/// `annotations/propositions.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropositionRegistry {
    /// The schema this file follows.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the file format.
    pub schema_version: String,
    /// The propositions.
    pub propositions: Vec<Proposition>,
}

/// A checkable fact that two or more claims answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposition {
    /// Slug id (`death-toll`).
    pub id: String,
    /// The fact as a question.
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

/// The kind of answer a proposition takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A number or interval.
    Number,
    /// A date.
    Date,
    /// A year.
    Year,
    /// Yes or no.
    Boolean,
    /// One of several categories.
    Category,
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
