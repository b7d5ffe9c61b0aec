use serde::{Deserialize, Serialize};

use crate::names::closed_enum;

use super::{Span, Value};

closed_enum! {
    "entity label",
    /// The 18 OntoNotes 5.0 entity labels.
    #[allow(missing_docs)]
    pub enum Label {
        Person = "PERSON",
        Norp = "NORP",
        Fac = "FAC",
        Org = "ORG",
        Gpe = "GPE",
        Loc = "LOC",
        Product = "PRODUCT",
        Event = "EVENT",
        WorkOfArt = "WORK_OF_ART",
        Law = "LAW",
        Language = "LANGUAGE",
        Date = "DATE",
        Time = "TIME",
        Percent = "PERCENT",
        Money = "MONEY",
        Quantity = "QUANTITY",
        Ordinal = "ORDINAL",
        Cardinal = "CARDINAL",
    }
}

impl Label {
    /// Parses a label as written in the files.
    pub fn parse(s: &str) -> Option<Label> {
        s.parse().ok()
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

/// One entity mention in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EntityMention {
    /// Unique within the document (`e1`, `e2`, …).
    #[cfg_attr(feature = "schema", schemars(pattern("^e[0-9]+$")))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EntityRegistry {
    /// The schema this file follows.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the file format.
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema_util::schema_version"))]
    pub schema_version: String,
    /// The entities, sorted by id.
    pub entities: Vec<RegistryEntity>,
}

/// One real-world entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RegistryEntity {
    /// Slug of the canonical name (`vladimir-putin`).
    #[cfg_attr(feature = "schema", schemars(pattern(crate::model::SLUG)))]
    pub id: String,
    /// Its type (a named label).
    #[cfg_attr(feature = "schema", schemars(schema_with = "crate::model::schema_util::named_label"))]
    #[serde(rename = "type")]
    pub kind: Label,
    /// Canonical name.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub name: String,
    /// Every surface form the corpus uses for it.
    #[cfg_attr(feature = "schema", schemars(extend("uniqueItems" = true)))]
    pub aliases: Vec<String>,
    /// One line on what it is.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WikipediaLink {
    /// The exact article title (`Crocus City Hall`).
    pub title: String,
    /// Its URL (`https://en.wikipedia.org/wiki/Crocus_City_Hall`).
    pub url: String,
}
