//! Exports: JSONL (documents, or one flat record per annotation), CoNLL-2003, CoNLL-U and brat
//! standoff, each correct to the character and byte-identical from run to run.
//!
//! ```
//! use crocus_corpus::export::{self, Options};
//! use crocus_corpus::Corpus;
//!
//! let corpus = Corpus::embedded();
//! let conll = export::conll(&corpus, &Options::default());
//! assert!(conll.starts_with("-DOCSTART- -X- O O\n\n"));
//! ```

pub(crate) mod brat;
mod conll;
mod jsonl;
mod sentences;
pub mod stream;
pub mod tokenize;

pub use brat::{brat, BratFile};
pub use conll::{conll, conllu};
#[cfg(feature = "eval")]
pub(crate) use jsonl::flat_value;
pub use jsonl::{jsonl, jsonl_records, RecordKind};
pub use sentences::{ner_tag_names, sentence_records, sentences_jsonl, SentenceRecord, SentenceSpan};
pub use stream::{StreamFormat, Summary};

use crate::corpus::{Corpus, Document};
use crate::model::{Label, OffsetUnit};
use crate::names::closed_enum;

closed_enum! {
    "export format",
    /// The export formats.
    pub enum Format {
        /// JSON Lines: whole documents, or one flat record per annotation ([`RecordKind`]).
        Jsonl = "jsonl",
        /// CoNLL-2003 token-per-line tags.
        Conll = "conll",
        /// CoNLL-U with entity tags in MISC.
        Conllu = "conllu",
        /// brat standoff: a `.txt`/`.ann` pair per document and the configuration files.
        Brat = "brat",
    }
}

closed_enum! {
    "label set",
    /// Entity label set of token exports.
    #[derive(Default)]
    pub enum LabelSet {
        /// The 18 OntoNotes 5.0 labels.
        #[default]
        OntoNotes = "ontonotes",
        /// CoNLL-2003's PER, ORG, LOC, MISC (numeric and temporal types become O).
        Conll2003 = "conll2003",
    }
}

closed_enum! {
    "tag scheme",
    /// Tagging scheme of token exports.
    #[derive(Default)]
    pub enum TagScheme {
        /// B- and I- (IOB2).
        #[default]
        Iob2 = "iob2",
        /// B-, I-, E-, S-.
        Bioes = "bioes",
    }
}

/// Offset unit of JSONL spans: the model's [`OffsetUnit`], under the name this module had first.
pub type Offsets = OffsetUnit;

/// Options shared by the exports.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only these documents (ids), in seed order; all when empty.
    pub docs: Vec<String>,
    /// Label set of token exports.
    pub labels: LabelSet,
    /// Tagging scheme of token exports.
    pub scheme: TagScheme,
    /// Offset unit of JSONL spans.
    pub offsets: Offsets,
}

impl Options {
    /// The documents to export, in seed order.
    pub fn documents<'a>(&self, corpus: &'a Corpus) -> Vec<&'a Document> {
        corpus.iter().filter(|d| self.docs.is_empty() || self.docs.iter().any(|x| x == d.id())).collect()
    }

    /// The exported label of an entity label, or `None` for O.
    pub fn label(&self, label: Label) -> Option<&'static str> {
        match self.labels {
            LabelSet::OntoNotes => Some(label.as_str()),
            LabelSet::Conll2003 => label.conll2003(),
        }
    }
}

/// Tags for tokens given the label of the entity each token belongs to, and whether it starts a
/// new entity: IOB2 or BIOES strings.
pub fn tags(entity_of_token: &[Option<(usize, &str)>], scheme: TagScheme) -> Vec<String> {
    let n = entity_of_token.len();
    (0..n)
        .map(|i| match entity_of_token[i] {
            None => "O".to_string(),
            Some((id, label)) => {
                let first = i == 0 || entity_of_token[i - 1].map(|x| x.0) != Some(id);
                let last = i + 1 == n || entity_of_token[i + 1].map(|x| x.0) != Some(id);
                let prefix = match (scheme, first, last) {
                    (TagScheme::Iob2, true, _) => "B",
                    (TagScheme::Iob2, false, _) => "I",
                    (TagScheme::Bioes, true, true) => "S",
                    (TagScheme::Bioes, true, false) => "B",
                    (TagScheme::Bioes, false, true) => "E",
                    (TagScheme::Bioes, false, false) => "I",
                };
                format!("{prefix}-{label}")
            }
        })
        .collect()
}

/// Decodes IOB2 or BIOES tags back to `(first token, one past last token, label)` spans.
pub fn decode_tags(tags: &[&str]) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, label) = t.split_once('-').unwrap_or((t, ""));
        let continues = matches!(prefix, "I" | "E") && open.as_ref().is_some_and(|(_, l)| l == label);
        if !continues {
            if let Some((s, l)) = open.take() {
                out.push((s, i, l));
            }
            if prefix != "O" {
                open = Some((i, label.to_string()));
            }
        }
        if matches!(prefix, "E" | "S") {
            if let Some((s, l)) = open.take() {
                out.push((s, i + 1, l));
            }
        }
    }
    if let Some((s, l)) = open {
        out.push((s, tags.len(), l));
    }
    out
}
