//! # crocus-corpus
//!
//! Five English news and opinion texts about the March 2024 Crocus City Hall attack in Moscow,
//! shipped byte for byte, with span-level annotations for **entities** (OntoNotes 5.0 types, linked
//! to a corpus-wide registry), **claims** (claimer, cue, attribution, cross-document propositions
//! with normalized values) and **stance** (document and span level).
//!
//! The corpus is compiled into the crate: [`Corpus::embedded`] needs no files, no setup and no
//! network. [`Corpus::from_dir`] loads a checkout with the same layout, which is what a
//! contributor edits.
//!
//! ```
//! use crocus_corpus::Corpus;
//!
//! let corpus = Corpus::embedded();
//! assert_eq!(corpus.documents().len(), 5);
//!
//! let doc = corpus.document("cruel-irony").expect("shipped document");
//! assert_eq!(doc.title(), None); // 004 has no headline
//! for mention in doc.entities() {
//!     // Every span slices the text to exactly its surface string.
//!     assert_eq!(doc.slice(mention.span()), mention.text);
//! }
//! ```
//!
//! ## Architecture
//!
//! - [`model`]: the serde data model of every file the corpus ships (manifest, annotation files,
//!   registries), one module per layer;
//! - [`text`]: a document's text with precomputed offset tables (code points, bytes, UTF-16);
//! - [`corpus`]: loading and the typed API ([`Corpus`], [`Document`]) with cross-document queries;
//! - [`view`]: annotations in their document, resolving their references ([`Corpus::view`]);
//! - [`schema`]: the JSON Schemas, generated from the model (feature `schema`);
//! - [`error`]: the one error type, with a kind that carries its data, a position and a source;
//! - [`code`]: the rules of the format by stable code, which classify every error and diagnostic;
//! - [`diff`]: what changed between two versions of the corpus, for review;
//! - [`verdict`]: claims judged against the propositions' reference values;
//! - `validate` (feature `validate`): JSON Schemas and the semantic rules contributors run in CI;
//! - `segment` (feature `segment`): sentences and tokens computed from the text alone;
//! - `eval` (feature `eval`): scoring predictions against the corpus (`crocus eval`);
//! - `export` (feature `export`): the JSONL, CoNLL, CoNLL-U, sentence and brat exports;
//! - `import` (feature `export`): brat standoff back into annotation files.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

pub mod agreement;
#[cfg(any(feature = "validate", feature = "export"))]
mod batch;
pub mod code;
pub mod conflicts;
pub mod corpus;
pub mod diff;
mod embedded;
pub mod error;
pub mod model;
mod names;
mod record;
pub mod render;
pub mod schema;
pub mod stats;
pub mod text;
pub mod verdict;
pub mod view;

#[cfg(feature = "validate")]
pub mod canonical;
#[cfg(feature = "eval")]
pub mod eval;
#[cfg(feature = "export")]
pub mod export;
#[cfg(feature = "export")]
pub mod import;
#[cfg(feature = "segment")]
pub mod segment;
#[cfg(feature = "validate")]
pub mod validate;

pub use code::Code;
pub use corpus::{Corpus, Document};
pub use error::{Error, ErrorKind, Position};
pub use model::{Label, Span};
pub use text::Text;
pub use view::{ClaimView, DocView, Mention, StanceView};

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The Rust examples of docs/evaluation.md, compiled and run as doc tests.
#[cfg(all(doctest, feature = "segment"))]
#[doc = include_str!("../docs/evaluation.md")]
pub struct EvaluationDoctests;

/// The version of the data: the crate version. Patch releases correct annotations, minor releases
/// add annotations, major releases change the schema (see `CHANGELOG.md`).
pub const CORPUS_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The one place the schema version is written; [`SCHEMA_VERSION`] and [`VERSION_LINE`] are made
/// from it.
macro_rules! schema_version {
    () => {
        "2.0.0"
    };
}

/// The version of the file formats, as written in every shipped file's `schema_version` and
/// required by the schemas in `schema/` (generated from this constant).
pub const SCHEMA_VERSION: &str = schema_version!();

/// The version line of the `crocus` tool: `2.0.0 (data 2.0.0, schema 2.0.0)`.
///
/// ```
/// assert!(crocus_corpus::VERSION_LINE.ends_with(&format!("schema {})", crocus_corpus::SCHEMA_VERSION)));
/// ```
pub const VERSION_LINE: &str =
    concat!(env!("CARGO_PKG_VERSION"), " (data ", env!("CARGO_PKG_VERSION"), ", schema ", schema_version!(), ")");
