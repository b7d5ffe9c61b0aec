//! Sentences and tokens of the headline and body regions, aligned with every annotation.
//!
//! Segmentation is Unicode's (UAX #29, by `unicode-segmentation`): deterministic and maintained,
//! with two corrections on top. Abbreviations keep their period and do not end a sentence
//! ("U.S.", "Gen.", "Lt.", "Sept.", "Mr.", "St."), and tokens are split at every annotation
//! boundary (entities, claims, cues, stances) so that every span covers whole tokens by
//! construction: "U.S.-backed" gives "U.S.", "-", "backed"; "Russia’s" gives "Russia", "’s".
//! Sentences are merged where a boundary would fall inside an entity.

use std::collections::BTreeSet;

use unicode_segmentation::UnicodeSegmentation;

use crate::corpus::Document;
use crate::model::{Claimer, Span};

/// Abbreviations that keep their final period and never end a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "U.S.", "U.K.", "U.N.", "Gen.", "Lt.", "Col.", "Sgt.", "Capt.", "Adm.", "Sen.", "Rep.", "Gov.", "Pres.", "Mr.",
    "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Jr.", "Sr.", "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.",
    "Dec.", "No.", "vs.", "etc.", "i.e.", "e.g.",
];

/// A token: code-point offsets into the document, and the whitespace that follows it up to the
/// next token (or the end of its region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The token's text.
    pub text: String,
    /// Whitespace after the token, verbatim (empty when the next token follows at once).
    pub space_after: String,
}

/// A sentence of one region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the region in the document's regions.
    pub region: usize,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// The sentence's text, from its first token to its last.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, t) in self.tokens.iter().enumerate() {
            s.push_str(&t.text);
            if i + 1 < self.tokens.len() {
                s.push_str(&t.space_after);
            }
        }
        s
    }
    /// The sentence's span.
    pub fn span(&self) -> Span {
        Span::new(self.tokens.first().map_or(0, |t| t.start), self.tokens.last().map_or(0, |t| t.end))
    }
}

/// Every annotation boundary of a document, in code points.
fn boundaries(doc: &Document) -> BTreeSet<usize> {
    let mut b = BTreeSet::new();
    let mut add = |s: Span| {
        b.insert(s.start);
        b.insert(s.end);
    };
    for m in doc.entities() {
        add(m.span());
    }
    for c in doc.claims() {
        add(c.span());
        if let Some(cue) = &c.cue {
            add(cue.span());
        }
        if let Claimer::Unnamed { description: Some(d) } = &c.claimer {
            add(d.span());
        }
    }
    for s in doc.stances() {
        add(s.span());
        if let Claimer::Unnamed { description: Some(d) } = &s.holder {
            add(d.span());
        }
    }
    b
}

/// Segments the headline and body regions of a document into sentences and tokens.
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    let text = doc.text_index();
    let cuts = boundaries(doc);
    let entity_spans: Vec<Span> = doc.entities().iter().map(|m| m.span()).collect();
    let mut out = Vec::new();
    for (ri, region) in doc.regions().iter().enumerate() {
        if !region.kind.is_annotated() {
            continue;
        }
        let rb = text.byte_range(region.span()).expect("regions are checked on load");
        let rtext = &doc.text()[rb.clone()];
        let cp = |byte_in_region: usize| text.char_offset_from_byte(rb.start + byte_in_region).expect("boundary");
        // 1. Tokens of the whole region (UAX #29 words, whitespace dropped).
        let mut raw: Vec<(usize, usize)> = Vec::new();
        for (i, w) in rtext.split_word_bound_indices() {
            if !w.chars().all(char::is_whitespace) {
                raw.push((i, i + w.len()));
            }
        }
        // 2. Abbreviations: "U.S" "." -> "U.S."; "Gen" "." -> "Gen.".
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let (s, e) = raw[i];
            if i + 1 < raw.len() && raw[i + 1].0 == e && &rtext[raw[i + 1].0..raw[i + 1].1] == "." {
                let joined = &rtext[s..raw[i + 1].1];
                if ABBREVIATIONS.contains(&joined) {
                    merged.push((s, raw[i + 1].1));
                    i += 2;
                    continue;
                }
            }
            merged.push((s, e));
            i += 1;
        }
        // 3. Split at annotation boundaries (code points), so spans cover whole tokens.
        let mut tokens: Vec<(usize, usize)> = Vec::new(); // code points
        for (s, e) in merged {
            let (mut a, z) = (cp(s), cp(e));
            for &c in cuts.range(a + 1..z) {
                tokens.push((a, c));
                a = c;
            }
            tokens.push((a, z));
        }
        // 4. Sentence ends: UAX #29 sentence boundaries, except after an abbreviation or inside
        //    an entity.
        let mut ends: BTreeSet<usize> = BTreeSet::new();
        for (i, s) in rtext.split_sentence_bound_indices() {
            let trimmed = s.trim_end();
            if trimmed.is_empty() {
                continue;
            }
            let end_cp = cp(i + trimmed.len());
            let last_word = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
            let abbreviation =
                ABBREVIATIONS.iter().any(|a| last_word.ends_with(a)) && !s.contains('\n') && i + s.len() < rtext.len();
            let inside_entity = entity_spans.iter().any(|m| m.start < end_cp && end_cp < m.end);
            if !abbreviation && !inside_entity {
                ends.insert(end_cp);
            }
        }
        let region_end_cp = region.end;
        let mut current = Vec::new();
        for (k, &(s, e)) in tokens.iter().enumerate() {
            let next_start = tokens.get(k + 1).map_or(region_end_cp, |t| t.0);
            let space_after = text.get(Span::new(e, next_start)).unwrap_or_default().to_string();
            current.push(Token {
                start: s,
                end: e,
                text: text.get(Span::new(s, e)).unwrap_or_default().to_string(),
                space_after,
            });
            if ends.range(e..next_start.max(e + 1)).next().is_some() || k + 1 == tokens.len() {
                out.push(Sentence { region: ri, tokens: std::mem::take(&mut current) });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corpus;

    #[test]
    fn abbreviations_and_annotation_boundaries() {
        let corpus = Corpus::embedded();
        let doc = corpus.document("isis-k-hates-putin").unwrap();
        let sents = sentences(doc);
        let all: Vec<&str> = sents.iter().flat_map(|s| s.tokens.iter().map(|t| t.text.as_str())).collect();
        assert!(all.contains(&"U.S."), "U.S. is one token");
        assert!(all.windows(3).any(|w| w == ["U.S.", "-", "backed"]));
        assert!(all.contains(&"Sept."));
        // No sentence ends after a title abbreviation ("Gen. Michael Kurilla", "Lt. Gen. Scott Berrier").
        for s in &sents {
            let last = s.tokens.last().unwrap().text.as_str();
            assert!(!["Gen.", "Lt.", "Sept."].contains(&last), "{}", s.text());
        }
        assert!(sents.iter().any(|s| s.text().starts_with("Gen.\u{a0}Michael Kurilla, who heads")));
        // Every entity covers whole tokens.
        let tokens: Vec<&Token> = sents.iter().flat_map(|s| &s.tokens).collect();
        for m in doc.entities() {
            let inside: Vec<&&Token> = tokens.iter().filter(|t| t.start >= m.start && t.end <= m.end).collect();
            assert!(!inside.is_empty(), "{m:?} covers no token");
            let starts = tokens.iter().any(|t| t.start == m.start);
            let ends = tokens.iter().any(|t| t.end == m.end);
            assert!(starts && ends, "{m:?}");
            // The tokens inside the mention, with the spaces between them, spell the mention.
            let mut spelt = String::new();
            for (k, t) in inside.iter().enumerate() {
                spelt.push_str(&t.text);
                if k + 1 < inside.len() {
                    spelt.push_str(&t.space_after);
                }
            }
            assert_eq!(spelt, m.text, "{m:?}");
        }
    }
}
