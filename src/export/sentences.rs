//! The `sentences` export: one JSON line per sentence, ready for a token-classification model
//! (`tokens`, `ner_tags` as indices into [`ner_tag_names`]) with the claims and stances the
//! sentence overlaps. The Hugging Face `sentences` config and its leave-one-document-out folds
//! read these files (`dist/sentences/<document>.jsonl`).

use serde::Serialize;

use super::{tags, Options, TagScheme};
use crate::corpus::Corpus;
use crate::model::Label;
use crate::segment::token_range;

/// The IOB2 tag names of `ner_tags`, in index order: `O`, then `B-` and `I-` of each OntoNotes
/// label in [`Label::ALL`] order.
pub fn ner_tag_names() -> Vec<String> {
    let mut v = vec!["O".to_string()];
    for l in Label::ALL {
        v.push(format!("B-{l}"));
        v.push(format!("I-{l}"));
    }
    v
}

/// A span of a sentence's layer: a claim or a span stance that overlaps the sentence (document
/// offsets, code points; it may extend past the sentence).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "eval", derive(schemars::JsonSchema))]
pub struct SentenceSpan {
    /// Claim or stance id.
    pub id: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// For a claim: check-worthy; for a stance: the label (FAVOR, DENY, …).
    pub label: String,
}

/// One sentence.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "eval", derive(schemars::JsonSchema))]
pub struct SentenceRecord {
    /// Document id.
    pub document: String,
    /// `<document>-<n>`.
    pub id: String,
    /// `headline` or `body`.
    pub region: String,
    /// First code point of the sentence in the document.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// The sentence's text.
    pub text: String,
    /// Its tokens.
    pub tokens: Vec<String>,
    /// Each token's first code point in the document.
    pub token_starts: Vec<usize>,
    /// Each token's end in the document.
    pub token_ends: Vec<usize>,
    /// IOB2 entity tags, indices into `ner_tag_names()` (a token belongs to every mention it overlaps).
    pub ner_tags: Vec<usize>,
    /// Claims that overlap the sentence; `label` is `checkworthy` or `not_checkworthy`.
    pub claims: Vec<SentenceSpan>,
    /// Span stances that overlap the sentence; `label` is the stance label.
    pub stances: Vec<SentenceSpan>,
}

/// The sentence records of the documents `options` choose (always OntoNotes labels in IOB2).
pub fn sentence_records(corpus: &Corpus, options: &Options) -> Vec<SentenceRecord> {
    let names = ner_tag_names();
    let mut out = Vec::new();
    for doc in options.documents(corpus) {
        for sent in doc.sentences() {
            let span = sent.span();
            let mut ents: Vec<Option<(usize, &str)>> = vec![None; sent.tokens.len()];
            let mut order: Vec<(usize, &crate::model::EntityMention)> = doc.entities().iter().enumerate().collect();
            order.sort_by_key(|(i, m)| (m.start, std::cmp::Reverse(m.end), *i));
            for (i, m) in order {
                let (r, _) = token_range(&sent.tokens, m.span());
                for slot in &mut ents[r] {
                    slot.get_or_insert((i, m.label.as_str()));
                }
            }
            let ner_tags = tags(&ents, TagScheme::Iob2)
                .iter()
                .map(|t| names.iter().position(|n| n == t).expect("an OntoNotes IOB2 tag"))
                .collect();
            let claims = doc
                .claims()
                .iter()
                .filter(|c| c.span().overlaps(&span))
                .map(|c| SentenceSpan {
                    id: c.id.clone(),
                    start: c.start,
                    end: c.end,
                    label: if c.checkworthy { "checkworthy" } else { "not_checkworthy" }.to_string(),
                })
                .collect();
            let stances = doc
                .stances()
                .iter()
                .filter(|s| s.span().overlaps(&span))
                .map(|s| SentenceSpan {
                    id: s.id.clone(),
                    start: s.start,
                    end: s.end,
                    label: s.label.as_str().to_string(),
                })
                .collect();
            out.push(SentenceRecord {
                document: doc.id().to_string(),
                id: sent.id.clone(),
                region: doc.regions()[sent.region].kind.as_str().to_string(),
                start: span.start,
                end: span.end,
                text: sent.text(),
                tokens: sent.tokens.iter().map(|t| t.text.clone()).collect(),
                token_starts: sent.tokens.iter().map(|t| t.start).collect(),
                token_ends: sent.tokens.iter().map(|t| t.end).collect(),
                ner_tags,
                claims,
                stances,
            });
        }
    }
    out
}

/// The sentence records as JSON lines.
pub fn sentences_jsonl(corpus: &Corpus, options: &Options) -> String {
    let mut s = String::new();
    for r in sentence_records(corpus, options) {
        s.push_str(&serde_json::to_string(&r).expect("a record serializes"));
        s.push('\n');
    }
    s
}
