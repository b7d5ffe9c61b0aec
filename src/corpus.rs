//! The typed API over the corpus: [`Corpus`] and [`Document`], with cross-document queries.
//! Loading them (from a root, from memory, or the embedded files) is in `corpus/load.rs`.
//!
//! A [`Corpus`] holds the documents in seed order, each with its text (and offset tables), its
//! manifest record and its annotation layers, plus the corpus-wide registries. It is built from a
//! root directory laid out as this repository is (`corpus/manifest.json`, `corpus/texts/`,
//! `annotations/`), or from the same files compiled into the crate.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::{
    AnnotationFile, Claim, DocumentRecord, DocumentStance, EntityMention, EntityRegistry, Exception, Proposition,
    PropositionRegistry, Region, RegistryEntity, Span, SpanStance, Target, TargetRegistry,
};
use crate::text::Text;

mod load;
use load::empty_annotations;
#[cfg(feature = "validate")]
pub(crate) use load::json_text;
pub(crate) use load::parse;

/// Paths of the corpus files relative to a root.
pub mod paths {
    /// The document manifest.
    pub const MANIFEST: &str = "corpus/manifest.json";
    /// The folder of texts.
    pub const TEXTS: &str = "corpus/texts";
    /// The folder of annotation files and registries.
    pub const ANNOTATIONS: &str = "annotations";
    /// The entity registry.
    pub const ENTITIES: &str = "annotations/entities.json";
    /// The proposition registry.
    pub const PROPOSITIONS: &str = "annotations/propositions.json";
    /// The stance-target registry.
    pub const TARGETS: &str = "annotations/targets.json";

    /// The annotation file of a document.
    pub fn annotation(id: &str) -> String {
        format!("{ANNOTATIONS}/{id}.json")
    }
    /// The text file of a seed.
    pub fn text(source_file: &str) -> String {
        format!("{TEXTS}/{source_file}")
    }
}

/// The whole corpus: documents in seed order and the corpus-wide registries.
#[derive(Debug, Clone)]
pub struct Corpus {
    documents: Vec<Document>,
    by_id: HashMap<String, usize>,
    entities: EntityRegistry,
    entity_index: HashMap<String, usize>,
    propositions: PropositionRegistry,
    targets: TargetRegistry,
}

/// One document: its record, text and annotations.
#[derive(Debug, Clone)]
pub struct Document {
    record: DocumentRecord,
    text: Text,
    /// Parsed on load from a directory; for the embedded corpus, on first access (so that
    /// `Corpus::embedded()` parses only the manifest and registries up front).
    annotations: OnceLock<AnnotationFile>,
    /// The embedded annotation file, parsed into `annotations` on first access.
    embedded: Option<&'static [u8]>,
}

impl Corpus {
    /// A corpus of parts already loaded; the ids of `documents` are unique.
    pub(crate) fn assemble(
        documents: Vec<Document>,
        entities: EntityRegistry,
        propositions: PropositionRegistry,
        targets: TargetRegistry,
    ) -> Corpus {
        let by_id = documents.iter().enumerate().map(|(i, d)| (d.record.id.clone(), i)).collect();
        let entity_index = entities.entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        Corpus { documents, by_id, entities, entity_index, propositions, targets }
    }

    /// The documents, in seed order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Iterates over the documents in seed order.
    pub fn iter(&self) -> std::slice::Iter<'_, Document> {
        self.documents.iter()
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.by_id.get(id).map(|&i| &self.documents[i])
    }

    /// The entity registry.
    pub fn entities(&self) -> &[RegistryEntity] {
        &self.entities.entities
    }

    /// The registry entity with this id.
    pub fn entity(&self, id: &str) -> Option<&RegistryEntity> {
        self.entity_index.get(id).map(|&i| &self.entities.entities[i])
    }

    /// The proposition registry.
    pub fn propositions(&self) -> &[Proposition] {
        &self.propositions.propositions
    }

    /// The proposition with this id.
    pub fn proposition(&self, id: &str) -> Option<&Proposition> {
        self.propositions.propositions.iter().find(|p| p.id == id)
    }

    /// The stance targets.
    pub fn targets(&self) -> &[Target] {
        &self.targets.targets
    }

    /// Every mention of one registry entity, across documents, in seed and text order.
    ///
    /// ```
    /// let corpus = crocus_corpus::Corpus::embedded();
    /// for (doc, mention) in corpus.mentions_of("vladimir-putin") {
    ///     assert_eq!(doc.slice(mention.span()), mention.text);
    /// }
    /// ```
    pub fn mentions_of<'a>(&'a self, entity: &'a str) -> impl Iterator<Item = (&'a Document, &'a EntityMention)> + 'a {
        self.documents.iter().flat_map(move |d| {
            d.entities().iter().filter(move |m| m.entity.as_deref() == Some(entity)).map(move |m| (d, m))
        })
    }

    /// Every claim that gives a value for one proposition, across documents.
    pub fn claims_on<'a>(&'a self, proposition: &'a str) -> impl Iterator<Item = (&'a Document, &'a Claim)> + 'a {
        self.documents.iter().flat_map(move |d| {
            d.claims().iter().filter(move |c| c.proposition.as_deref() == Some(proposition)).map(move |c| (d, c))
        })
    }
}

impl<'a> IntoIterator for &'a Corpus {
    type Item = &'a Document;
    type IntoIter = std::slice::Iter<'a, Document>;
    fn into_iter(self) -> Self::IntoIter {
        self.documents.iter()
    }
}

impl Document {
    /// The stable id (`hyperfocus-ukraine`).
    pub fn id(&self) -> &str {
        &self.record.id
    }
    /// The manifest record.
    pub fn record(&self) -> &DocumentRecord {
        &self.record
    }
    /// The headline, if the text has one.
    pub fn title(&self) -> Option<&str> {
        self.record.title.as_deref()
    }
    /// The raw text, byte for byte as shipped.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }
    /// The text with its offset tables.
    pub fn text_index(&self) -> &Text {
        &self.text
    }
    /// The text of a code-point span.
    ///
    /// # Panics
    /// When the span is out of range, as `str` indexing does; spans loaded with the corpus are
    /// checked on load and never panic. Use [`Document::get`] for spans from elsewhere.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span).unwrap_or_else(|| {
            panic!(
                "span {}..{} is out of range for `{}` ({} characters)",
                span.start,
                span.end,
                self.id(),
                self.text.len_chars()
            )
        })
    }
    /// The text of a code-point span, or `None` when it is out of range.
    pub fn get(&self, span: Span) -> Option<&str> {
        self.text.get(span)
    }
    /// The regions, in text order.
    pub fn regions(&self) -> &[Region] {
        &self.record.regions
    }
    /// The region containing code point `cp`.
    pub fn region_at(&self, cp: usize) -> Option<&Region> {
        self.record.regions.iter().find(|r| r.start <= cp && cp < r.end)
    }
    /// All annotation layers as loaded.
    pub fn annotations(&self) -> &AnnotationFile {
        self.annotations.get_or_init(|| {
            let path = paths::annotation(self.id());
            let file = match self.embedded {
                Some(bytes) => {
                    parse(bytes, &path).expect("the embedded annotations are validated by the crate's tests")
                }
                None => empty_annotations(self.id()),
            };
            file
        })
    }
    /// Entity mentions, in text order.
    pub fn entities(&self) -> &[EntityMention] {
        &self.annotations().entities
    }
    /// The entity mention with this id.
    pub fn entity_mention(&self, id: &str) -> Option<&EntityMention> {
        self.annotations().entities.iter().find(|m| m.id == id)
    }
    /// Claims, in text order.
    pub fn claims(&self) -> &[Claim] {
        &self.annotations().claims
    }
    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.annotations().claims.iter().find(|c| c.id == id)
    }
    /// Span stances, in text order.
    pub fn stances(&self) -> &[SpanStance] {
        &self.annotations().stances
    }
    /// Document stances, one per target.
    pub fn document_stances(&self) -> &[DocumentStance] {
        &self.annotations().document_stances
    }
    /// Listed exceptions to the repeat sweep.
    pub fn exceptions(&self) -> &[Exception] {
        &self.annotations().exceptions
    }
}
