use serde::{Deserialize, Serialize};

use crate::names::closed_enum;

use super::TextSpan;

/// `corpus/manifest.json`: one record per document, in seed order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The schema this file follows (`../schema/manifest.schema.json`).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Version of the file format.
    #[cfg_attr(feature = "schema", schemars(schema_with = "super::schema_util::schema_version"))]
    pub schema_version: String,
    /// The documents, in seed order.
    pub documents: Vec<DocumentRecord>,
}

/// What the corpus knows about one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DocumentRecord {
    /// Stable slug, e.g. `hyperfocus-ukraine`.
    #[cfg_attr(feature = "schema", schemars(pattern(crate::model::SLUG)))]
    pub id: String,
    /// The seed file name under `corpus/texts/`.
    #[cfg_attr(feature = "schema", schemars(pattern(crate::model::SOURCE_FILE)))]
    pub source_file: String,
    /// SHA-256 of the text's bytes, lowercase hex.
    #[cfg_attr(feature = "schema", schemars(pattern(crate::model::SHA256)))]
    pub sha256: String,
    /// Length in Unicode code points.
    pub chars: usize,
    /// Length in bytes (UTF-8).
    pub bytes: usize,
    /// The headline, or `None` when the text has none.
    pub title: Option<String>,
    /// BCP 47 language tag (`en`).
    #[cfg_attr(feature = "schema", schemars(pattern(crate::model::LANGUAGE)))]
    pub language: String,
    /// Genre as judged from the text.
    pub genre: Genre,
    /// The author, only where the text states it.
    pub author: Option<MetaField>,
    /// The publisher, only where the text states it.
    pub publisher: Option<MetaField>,
    /// The URL, only where the text states it.
    pub url: Option<MetaField>,
    /// The publication date (ISO 8601), only where the text states it.
    pub date: Option<MetaField>,
    /// Regions that tile the whole text, in order.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub regions: Vec<Region>,
    /// Text-quality problems a user must know about.
    pub quality_flags: Vec<QualityFlag>,
}

closed_enum! {
    "genre",
    /// Genre of a text.
    #[non_exhaustive]
    pub enum Genre {
        /// Reporting.
        News = "news",
        /// Explanatory analysis.
        Analysis = "analysis",
        /// Opinion or column.
        Opinion = "opinion",
    }
}

/// A metadata value with the span of the text that states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MetaField {
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    /// The value.
    pub value: String,
    /// Where the text states it.
    pub evidence: TextSpan,
}

/// A region of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Headline, body or boilerplate.
    pub kind: RegionKind,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// 1-based number of the article a headline or body region belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub article: Option<u32>,
}

impl Region {
    /// The region's offsets.
    pub fn span(&self) -> super::Span {
        super::Span::new(self.start, self.end)
    }
}

closed_enum! {
    "region kind",
    /// Kind of a region. Only headline and body regions are annotated.
    pub enum RegionKind {
        /// An article's headline.
        Headline = "headline",
        /// An article's body.
        Body = "body",
        /// Site furniture: credits, widgets, teasers, spam.
        Boilerplate = "boilerplate",
    }
}

impl RegionKind {
    /// True for headline and body.
    pub fn is_annotated(self) -> bool {
        !matches!(self, RegionKind::Boilerplate)
    }
}

/// A text-quality problem with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QualityFlag {
    /// The problem.
    pub kind: QualityFlagKind,
    /// One sentence on what it means for a user.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub note: String,
    /// Spans that show it.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub evidence: Vec<TextSpan>,
}

closed_enum! {
    "quality flag kind",
    /// Kinds of text-quality problems.
    #[non_exhaustive]
    pub enum QualityFlagKind {
        /// Page furniture scraped with the text.
        ScrapingBoilerplate = "scraping_boilerplate",
        /// Artefacts of machine translation.
        MachineTranslation = "machine_translation",
        /// Automatic paraphrase ("spinning").
        ParaphraseSpinning = "paraphrase_spinning",
        /// More than one article in one text.
        MultipleArticles = "multiple_articles",
        /// Misspellings and typos.
        Typos = "typos",
    }
}
