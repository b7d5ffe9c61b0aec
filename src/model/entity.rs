use serde::{Deserialize, Serialize};

use super::{Span, Value};

/// The 18 OntoNotes 5.0 entity labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum Label {
    Person,
    Norp,
    Fac,
    Org,
    Gpe,
    Loc,
    Product,
    Event,
    WorkOfArt,
    Law,
    Language,
    Date,
    Time,
    Percent,
    Money,
    Quantity,
    Ordinal,
    Cardinal,
}

impl Label {
    /// All labels, in the order of the OntoNotes table.
    pub const ALL: [Label; 18] = [
        Label::Person,
        Label::Norp,
        Label::Fac,
        Label::Org,
        Label::Gpe,
        Label::Loc,
        Label::Product,
        Label::Event,
        Label::WorkOfArt,
        Label::Law,
        Label::Language,
        Label::Date,
        Label::Time,
        Label::Percent,
        Label::Money,
        Label::Quantity,
        Label::Ordinal,
        Label::Cardinal,
    ];

    /// The label as written in the files (`WORK_OF_ART`).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Norp => "NORP",
            Label::Fac => "FAC",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Product => "PRODUCT",
            Label::Event => "EVENT",
            Label::WorkOfArt => "WORK_OF_ART",
            Label::Law => "LAW",
            Label::Language => "LANGUAGE",
            Label::Date => "DATE",
            Label::Time => "TIME",
            Label::Percent => "PERCENT",
            Label::Money => "MONEY",
            Label::Quantity => "QUANTITY",
            Label::Ordinal => "ORDINAL",
            Label::Cardinal => "CARDINAL",
        }
    }

    /// Parses a label as written in the files.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// True for the named types, which link to a registry entity; false for the numeric and
    /// temporal types, which carry a value.
    pub fn is_named(self) -> bool {
        (self as u8) <= (Label::Language as u8)
    }

    /// True when a mention with this label may link to a registry entity of type `other`: the same
    /// type, or ORG/FAC (an institution and its building), or GPE/LOC.
    pub fn compatible_with(self, other: Label) -> bool {
        use Label::*;
        self == other || matches!((self, other), (Org, Fac) | (Fac, Org) | (Gpe, Loc) | (Loc, Gpe))
    }

    /// The CoNLL-2003 label (`PER`, `ORG`, `LOC`, `MISC`), or `None` for types CoNLL-2003 leaves `O`.
    pub fn conll2003(self) -> Option<&'static str> {
        use Label::*;
        match self {
            Person => Some("PER"),
            Org => Some("ORG"),
            Gpe | Loc | Fac => Some("LOC"),
            Norp | Event | Product | WorkOfArt | Law | Language => Some("MISC"),
            _ => None,
        }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entity mention in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityMention {
    /// Unique within the document (`e1`, `e2`, …).
    pub id: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The surface text.
    pub text: String,
    /// OntoNotes label.
    pub label: Label,
    /// The registry entity, for named labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// The normalized value, for numeric and temporal labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

impl EntityMention {
    /// The mention's offsets.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// `annotations/entities.json`: the corpus-wide entity registry.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityRegistry {
    /// The schema this file follows.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the file format.
    pub schema_version: String,
    /// The entities, sorted by id.
    pub entities: Vec<RegistryEntity>,
}

/// One real-world entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistryEntity {
    /// Slug of the canonical name (`vladimir-putin`).
    pub id: String,
    /// Its type (a named label).
    #[serde(rename = "type")]
    pub kind: Label,
    /// Canonical name.
    pub name: String,
    /// Every surface form the corpus uses for it.
    pub aliases: Vec<String>,
    /// One line on what it is.
    pub description: String,
    /// Its English Wikipedia article, where one was found and read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikipedia: Option<WikipediaLink>,
    /// Its Wikidata item id (`Q649`), only where a page read shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

/// An English Wikipedia article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WikipediaLink {
    /// The exact article title (`Crocus City Hall`).
    pub title: String,
    /// Its URL (`https://en.wikipedia.org/wiki/Crocus_City_Hall`).
    pub url: String,
}
