//! Views: annotations that know their document and corpus, and resolve their references.
//!
//! Why it exists: the model types mirror the files, so a mention holds an entity *id* and a claim
//! holds a mention *id*. A view (in the manner of spaCy's `Doc` and `Span`) pairs an annotation
//! with its [`Document`] and [`Corpus`], so that a mention gives its registry entity, a claim its
//! claimer, proposition and value, and a stance its holder and target, without the caller looking
//! ids up. Views are `Copy` references; the data stays in the corpus.
//!
//! ```
//! use crocus_corpus::view::Party;
//! use crocus_corpus::Corpus;
//!
//! let corpus = Corpus::embedded();
//! let doc = corpus.view("hyperfocus-ukraine").expect("shipped document");
//! for mention in doc.mentions() {
//!     assert_eq!(doc.document().slice(mention.span()), mention.text());
//!     if let Some(entity) = mention.entity() {
//!         assert!(entity.kind.compatible_with(mention.label()));
//!     }
//! }
//! for claim in doc.claims() {
//!     if let Party::Entity { mention: Some(m), .. } = claim.claimer() {
//!         assert_eq!(m.document().id(), "hyperfocus-ukraine");
//!     }
//!     if let (Some(p), Some(v)) = (claim.proposition(), claim.value()) {
//!         assert!(p.value_kind.admits(v), "{claim}: {v}");
//!     }
//! }
//! ```

use std::fmt;

use crate::corpus::{Corpus, Document};
use crate::model::{
    Attribution, Claim, ClaimType, Claimer, EntityMention, Label, Proposition, RegistryEntity, Span, SpanStance,
    StanceLabel, StanceTarget, Target, TextSpan, Value,
};

/// A document together with its corpus: the entry point of the views.
#[derive(Debug, Clone, Copy)]
pub struct DocView<'a> {
    corpus: &'a Corpus,
    doc: &'a Document,
}

impl<'a> DocView<'a> {
    /// The view of `doc`, a document of `corpus`.
    pub fn new(corpus: &'a Corpus, doc: &'a Document) -> DocView<'a> {
        DocView { corpus, doc }
    }
    /// The document.
    pub fn document(&self) -> &'a Document {
        self.doc
    }
    /// The corpus it belongs to.
    pub fn corpus(&self) -> &'a Corpus {
        self.corpus
    }
    /// The document id.
    pub fn id(&self) -> &'a str {
        self.doc.id()
    }
    /// The entity mentions, in text order.
    pub fn mentions(&self) -> impl Iterator<Item = Mention<'a>> + 'a {
        let doc = *self;
        self.doc.entities().iter().map(move |m| Mention { doc, mention: m })
    }
    /// The mention with this id.
    pub fn mention(&self, id: &str) -> Option<Mention<'a>> {
        self.doc.entity_mention(id).map(|m| Mention { doc: *self, mention: m })
    }
    /// The claims, in text order.
    pub fn claims(&self) -> impl Iterator<Item = ClaimView<'a>> + 'a {
        let doc = *self;
        self.doc.claims().iter().map(move |c| ClaimView { doc, claim: c })
    }
    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<ClaimView<'a>> {
        self.doc.claim(id).map(|c| ClaimView { doc: *self, claim: c })
    }
    /// The span stances, in text order.
    pub fn stances(&self) -> impl Iterator<Item = StanceView<'a>> + 'a {
        let doc = *self;
        self.doc.stances().iter().map(move |s| StanceView { doc, stance: s })
    }

    fn party(&self, c: &'a Claimer) -> Party<'a> {
        match c {
            Claimer::Author => Party::Author,
            Claimer::Entity { entity, mention } => {
                Party::Entity { id: entity, entity: self.corpus.entity(entity), mention: self.mention(mention) }
            }
            Claimer::Unnamed { description } => Party::Unnamed { description: description.as_ref() },
        }
    }
}

impl fmt::Display for DocView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An entity mention in its document.
#[derive(Debug, Clone, Copy)]
pub struct Mention<'a> {
    doc: DocView<'a>,
    mention: &'a EntityMention,
}

impl<'a> Mention<'a> {
    /// The mention as stored.
    pub fn data(&self) -> &'a EntityMention {
        self.mention
    }
    /// Its document.
    pub fn document(&self) -> DocView<'a> {
        self.doc
    }
    /// Its id (`e12`).
    pub fn id(&self) -> &'a str {
        &self.mention.id
    }
    /// Its offsets (code points).
    pub fn span(&self) -> Span {
        self.mention.span()
    }
    /// Its surface text, the slice of the document.
    pub fn text(&self) -> &'a str {
        &self.mention.text
    }
    /// Its OntoNotes label.
    pub fn label(&self) -> Label {
        self.mention.label
    }
    /// The registry entity it links to (named labels).
    pub fn entity(&self) -> Option<&'a RegistryEntity> {
        self.mention.entity.as_deref().and_then(|id| self.doc.corpus.entity(id))
    }
    /// Its normalized value (numeric and temporal labels).
    pub fn value(&self) -> Option<&'a Value> {
        self.mention.value.as_ref()
    }
}

/// `“Putin” PERSON 120..125`.
impl fmt::Display for Mention<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "“{}” {} {}", self.text(), self.label(), self.span())
    }
}

/// Who asserts a claim or holds a stance, resolved.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Party<'a> {
    /// The author of the text.
    Author,
    /// A named source.
    Entity {
        /// The registry id as written.
        id: &'a str,
        /// The registry entity (`None` only in data that does not validate).
        entity: Option<&'a RegistryEntity>,
        /// The mention that names it in this document (`None` only in data that does not validate).
        mention: Option<Mention<'a>>,
    },
    /// An unnamed source, with the words that describe it.
    Unnamed {
        /// The describing words, if any.
        description: Option<&'a TextSpan>,
    },
}

/// `author`, the entity's name (or id), `unnamed: U.S. officials`.
impl fmt::Display for Party<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Party::Author => f.write_str("author"),
            Party::Entity { entity: Some(e), .. } => f.write_str(&e.name),
            Party::Entity { id, entity: None, .. } => f.write_str(id),
            Party::Unnamed { description: Some(d) } => write!(f, "unnamed: {}", d.text),
            Party::Unnamed { description: None } => f.write_str("unnamed"),
        }
    }
}

/// A claim in its document.
#[derive(Debug, Clone, Copy)]
pub struct ClaimView<'a> {
    doc: DocView<'a>,
    claim: &'a Claim,
}

impl<'a> ClaimView<'a> {
    /// The claim as stored.
    pub fn data(&self) -> &'a Claim {
        self.claim
    }
    /// Its document.
    pub fn document(&self) -> DocView<'a> {
        self.doc
    }
    /// Its id (`c3`).
    pub fn id(&self) -> &'a str {
        &self.claim.id
    }
    /// Its offsets (code points).
    pub fn span(&self) -> Span {
        self.claim.span()
    }
    /// The asserted content.
    pub fn text(&self) -> &'a str {
        &self.claim.text
    }
    /// Who asserts it, resolved to the registry entity and the mention that names it.
    pub fn claimer(&self) -> Party<'a> {
        self.doc.party(&self.claim.claimer)
    }
    /// The attribution cue, if any.
    pub fn cue(&self) -> Option<&'a TextSpan> {
        self.claim.cue.as_ref()
    }
    /// How it is attributed.
    pub fn attribution(&self) -> Attribution {
        self.claim.attribution
    }
    /// Its claim types.
    pub fn types(&self) -> &'a [ClaimType] {
        &self.claim.types
    }
    /// The corpus-wide proposition it answers.
    pub fn proposition(&self) -> Option<&'a Proposition> {
        self.claim.proposition.as_deref().and_then(|id| self.doc.corpus.proposition(id))
    }
    /// The value it gives for that proposition.
    pub fn value(&self) -> Option<&'a Value> {
        self.claim.value.as_ref()
    }
}

/// `c3 (author): “the text” 10..42`.
impl fmt::Display for ClaimView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): “{}” {}", self.id(), self.claimer(), self.text(), self.span())
    }
}

/// What a span stance evaluates, resolved.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Object<'a> {
    /// A registry target.
    Target(&'a Target),
    /// A registry entity.
    Entity(&'a RegistryEntity),
    /// A claim of the same document.
    Claim(ClaimView<'a>),
    /// A reference that does not resolve (only in data that does not validate).
    Unresolved(&'a StanceTarget),
}

/// `target:ukraine-responsible`, the entity's name, `claim c3`.
impl fmt::Display for Object<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Object::Target(t) => write!(f, "target:{}", t.id),
            Object::Entity(e) => f.write_str(&e.name),
            Object::Claim(c) => write!(f, "claim {}", c.id()),
            Object::Unresolved(t) => write!(f, "{t} (unresolved)"),
        }
    }
}

/// A span stance in its document.
#[derive(Debug, Clone, Copy)]
pub struct StanceView<'a> {
    doc: DocView<'a>,
    stance: &'a SpanStance,
}

impl<'a> StanceView<'a> {
    /// The stance as stored.
    pub fn data(&self) -> &'a SpanStance {
        self.stance
    }
    /// Its document.
    pub fn document(&self) -> DocView<'a> {
        self.doc
    }
    /// Its id (`s2`).
    pub fn id(&self) -> &'a str {
        &self.stance.id
    }
    /// Its offsets (code points).
    pub fn span(&self) -> Span {
        self.stance.span()
    }
    /// The evaluative words.
    pub fn text(&self) -> &'a str {
        &self.stance.text
    }
    /// Whose evaluation, resolved.
    pub fn holder(&self) -> Party<'a> {
        self.doc.party(&self.stance.holder)
    }
    /// Of what, resolved.
    pub fn target(&self) -> Object<'a> {
        let t = &self.stance.target;
        let found = match t {
            StanceTarget::Target { id } => self.doc.corpus.targets().iter().find(|x| &x.id == id).map(Object::Target),
            StanceTarget::Entity { id } => self.doc.corpus.entity(id).map(Object::Entity),
            StanceTarget::Claim { id } => self.doc.claim(id).map(Object::Claim),
        };
        found.unwrap_or(Object::Unresolved(t))
    }
    /// Which way.
    pub fn label(&self) -> StanceLabel {
        self.stance.label
    }
}

/// `s2 author AGAINST target:putin-government: “the words” 0..45`.
impl fmt::Display for StanceView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {}: “{}” {}",
            self.id(),
            self.holder(),
            self.label(),
            self.target(),
            self.text(),
            self.span()
        )
    }
}

impl Corpus {
    /// The view of the document with this id, which resolves its annotations' references.
    pub fn view(&self, id: &str) -> Option<DocView<'_>> {
        self.document(id).map(|d| DocView::new(self, d))
    }
    /// The views of every document, in seed order.
    pub fn views(&self) -> impl Iterator<Item = DocView<'_>> {
        self.iter().map(move |d| DocView::new(self, d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_of_the_shipped_corpus_resolves() {
        let corpus = Corpus::embedded();
        let mut resolved = 0;
        for doc in corpus.views() {
            for m in doc.mentions() {
                assert_eq!(m.entity().is_some(), m.label().is_named(), "{m}");
            }
            for c in doc.claims() {
                if let Party::Entity { entity, mention, .. } = c.claimer() {
                    let (entity, mention) = (entity.expect("claimer entity"), mention.expect("claimer mention"));
                    assert_eq!(mention.entity().map(|e| &e.id), Some(&entity.id), "{c}");
                    resolved += 1;
                }
                assert_eq!(c.proposition().is_some(), c.data().proposition.is_some(), "{c}");
            }
            for s in doc.stances() {
                assert!(!matches!(s.target(), Object::Unresolved(_)), "{s}");
                if let Object::Claim(c) = s.target() {
                    assert_eq!(c.document().id(), doc.id());
                }
            }
        }
        assert!(resolved > 0);
    }
}
