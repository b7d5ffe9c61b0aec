//! Sentences and tokens of a document, computed from its text alone.
//!
//! A model evaluated on this corpus must see the same tokens whatever the gold says, so the
//! segmentation reads nothing but the text and the manifest's regions (headline, body,
//! boilerplate): removing every annotation changes no token and no sentence (a test checks it).
//! Only headline and body regions are segmented; a sentence never crosses a region.
//!
//! The rules, the same everywhere:
//!
//! 1. **Words** are Unicode's (UAX #29 word boundaries, by `unicode-segmentation`); whitespace
//!    is dropped. Hyphens and dashes are therefore always tokens of their own
//!    ("ISIS-K" → "ISIS" "-" "K", "U.S.-backed" → "U.S." "-" "backed").
//! 2. **Abbreviations** of [`ABBREVIATIONS`] keep their final period ("U.S.", "Gen.", "Sept.").
//! 3. **Clitics**: a final "’s" or "'s" (any case) is split from its word, wherever it is
//!    ("Russia’s" → "Russia" "’s", "it's" → "it" "'s").
//! 4. **Sentences** end at UAX #29 sentence boundaries and at every line break, except after an
//!    abbreviation: after a title ([`TITLES`]: "Gen.", "Mr.", "St.", …) never; after another
//!    abbreviation ("U.S.", "Sept.", …) only when a line break follows or the next word is one of
//!    [`SENTENCE_OPENERS`] ("the U.S. He highlighted" ends a sentence, "the U.S. Embassy" does not).
//!
//! Sentences are numbered from 1 in each document; their id is `<document>-<n>`.
//!
//! ```
//! use crocus_corpus::Corpus;
//!
//! let doc = Corpus::embedded().document("isis-k-hates-putin").unwrap();
//! let sentences = doc.sentences();
//! assert_eq!(sentences[0].id, "isis-k-hates-putin-1");
//! let tokens = doc.tokens();
//! assert!(tokens.iter().any(|t| t.text == "U.S."));
//! // The sentence of a mention.
//! let m = &doc.entities()[0];
//! let s = doc.sentence_of(m.span()).unwrap();
//! assert!(s.span().contains(&m.span()));
//! ```

use unicode_segmentation::UnicodeSegmentation;

use crate::corpus::Document;
use crate::model::Span;

/// Abbreviations that keep their final period.
pub const ABBREVIATIONS: &[&str] = &[
    "U.S.", "U.K.", "U.N.", "Gen.", "Lt.", "Col.", "Sgt.", "Capt.", "Adm.", "Sen.", "Rep.", "Gov.", "Pres.", "Mr.",
    "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Jr.", "Sr.", "Jan.", "Feb.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.",
    "Dec.", "No.", "vs.", "etc.", "i.e.", "e.g.",
];

/// Abbreviations that precede a name and never end a sentence.
pub const TITLES: &[&str] = &[
    "Gen.", "Lt.", "Col.", "Sgt.", "Capt.", "Adm.", "Sen.", "Rep.", "Gov.", "Pres.", "Mr.", "Mrs.", "Ms.", "Dr.",
    "Prof.", "St.", "No.",
];

/// Capitalised words that open a new sentence after an abbreviation such as "U.S.".
pub const SENTENCE_OPENERS: &[&str] = &[
    "A", "An", "And", "As", "But", "For", "He", "Her", "His", "However", "I", "If", "In", "It", "Its", "On", "She",
    "So", "That", "The", "Their", "There", "These", "They", "This", "Those", "We", "What", "When", "While", "Yet",
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

impl Token {
    /// The token's offsets.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A sentence of one region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// `<document>-<n>`, n counted from 1 in the document.
    pub id: String,
    /// Index of the region in the document's regions.
    pub region: usize,
    /// The tokens, in order.
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// The sentence's text, from its first token to its last, as in the document.
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
    /// The sentence's span, from its first token's start to its last token's end.
    pub fn span(&self) -> Span {
        Span::new(self.tokens.first().map_or(0, |t| t.start), self.tokens.last().map_or(0, |t| t.end))
    }
}

/// Byte ranges of the tokens of one region's text (rules 1 to 3).
fn token_ranges(rtext: &str) -> Vec<(usize, usize)> {
    let raw: Vec<(usize, usize)> = rtext
        .split_word_bound_indices()
        .filter(|(_, w)| !w.chars().all(char::is_whitespace))
        .map(|(i, w)| (i, i + w.len()))
        .collect();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let (s, mut e) = raw[i];
        i += 1;
        if i < raw.len()
            && raw[i].0 == e
            && &rtext[raw[i].0..raw[i].1] == "."
            && ABBREVIATIONS.contains(&&rtext[s..raw[i].1])
        {
            e = raw[i].1;
            i += 1;
        }
        let word = &rtext[s..e];
        let lower = word.to_lowercase();
        if word.chars().count() > 2 && (lower.ends_with("’s") || lower.ends_with("'s")) {
            let cut = e - word.chars().rev().take(2).map(char::len_utf8).sum::<usize>();
            out.push((s, cut));
            out.push((cut, e));
        } else {
            out.push((s, e));
        }
    }
    out
}

/// Byte offsets (in the region's text) where sentences end (rule 4).
fn sentence_ends(rtext: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let pieces: Vec<(usize, &str)> = rtext.split_sentence_bound_indices().collect();
    for (k, &(i, s)) in pieces.iter().enumerate() {
        let trimmed = s.trim_end();
        if trimmed.is_empty() {
            continue;
        }
        let line_break = s[trimmed.len()..].contains(['\n', '\r', '\u{2028}', '\u{2029}']);
        let last_word = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
        let next_word = pieces.get(k + 1).map_or("", |(_, n)| {
            n.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '\''))
                .find(|w| !w.is_empty())
                .unwrap_or("")
        });
        let abbreviation = ABBREVIATIONS.iter().find(|a| last_word.ends_with(*a));
        let ends_here = match abbreviation {
            None => true,
            Some(_) if line_break || k + 1 == pieces.len() => true,
            Some(a) if TITLES.contains(a) => false,
            Some(_) => SENTENCE_OPENERS.contains(&next_word),
        };
        if ends_here {
            ends.push(i + trimmed.len());
        }
    }
    ends
}

/// Segments the headline and body regions of a document into sentences and tokens.
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    let text = doc.text_index();
    let mut out: Vec<Sentence> = Vec::new();
    for (ri, region) in doc.regions().iter().enumerate() {
        if !region.kind.is_annotated() {
            continue;
        }
        let Some(rb) = text.byte_range(region.span()) else { continue };
        let rtext = &doc.text()[rb.clone()];
        let cp = |b: usize| text.char_offset_from_byte(rb.start + b).unwrap_or(region.end);
        let tokens = token_ranges(rtext);
        let ends = sentence_ends(rtext);
        let mut current: Vec<Token> = Vec::new();
        let mut e_iter = ends.iter().peekable();
        for (k, &(s, e)) in tokens.iter().enumerate() {
            let next_start = tokens.get(k + 1).map_or(rtext.len(), |t| t.0);
            current.push(Token {
                start: cp(s),
                end: cp(e),
                text: rtext[s..e].to_string(),
                space_after: rtext[e..next_start].to_string(),
            });
            // A sentence ends after this token when a sentence end lies in [e, next_start).
            let mut close = k + 1 == tokens.len();
            while let Some(&&x) = e_iter.peek() {
                if x < e {
                    e_iter.next();
                } else {
                    if x < next_start.max(e + 1) {
                        close = true;
                        e_iter.next();
                    }
                    break;
                }
            }
            if close {
                out.push(Sentence { id: String::new(), region: ri, tokens: std::mem::take(&mut current) });
            }
        }
    }
    for (n, s) in out.iter_mut().enumerate() {
        s.id = format!("{}-{}", doc.id(), n + 1);
    }
    out
}

/// How a span lies on the tokens: on their boundaries, or cutting through a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    /// The span starts at a token's start and ends at a token's end.
    Aligned,
    /// The span starts or ends inside a token (or covers no token).
    Misaligned,
}

/// The tokens a span is mapped to: every token that overlaps it (the rule the CoNLL exports use),
/// as a range of indices into `tokens`, and whether the span lies on token boundaries.
pub fn token_range(tokens: &[Token], span: Span) -> (std::ops::Range<usize>, Alignment) {
    let first = tokens.partition_point(|t| t.end <= span.start);
    let last = first + tokens[first..].partition_point(|t| t.start < span.end);
    let aligned = first < last && tokens[first].start == span.start && tokens[last - 1].end == span.end;
    (first..last, if aligned { Alignment::Aligned } else { Alignment::Misaligned })
}

impl Document {
    /// The document's sentences (headline and body regions), from its text alone.
    pub fn sentences(&self) -> Vec<Sentence> {
        sentences(self)
    }

    /// The document's tokens, in order (the tokens of [`Document::sentences`]).
    pub fn tokens(&self) -> Vec<Token> {
        sentences(self).into_iter().flat_map(|s| s.tokens).collect()
    }

    /// The sentence that contains the start of a span, if the span starts in a headline or body.
    pub fn sentence_of(&self, span: Span) -> Option<Sentence> {
        sentences(self).into_iter().find(|s| {
            let sp = s.span();
            sp.start <= span.start && span.start < sp.end.max(sp.start + 1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corpus;

    #[test]
    fn abbreviations_clitics_hyphens() {
        let doc = Corpus::embedded().document("isis-k-hates-putin").unwrap();
        let sents = doc.sentences();
        let all: Vec<String> = doc.tokens().into_iter().map(|t| t.text).collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        assert!(all.windows(3).any(|w| w == ["U.S.", "-", "backed"]));
        assert!(all.contains(&"Sept."));
        assert!(!all.iter().any(|t| t.ends_with("’s") && *t != "’s"));
        for s in &sents {
            let last = s.tokens.last().unwrap().text.as_str();
            assert!(!TITLES.contains(&last), "{}", s.text());
        }
        assert!(sents.iter().any(|s| s.text().starts_with("Gen.\u{a0}Michael Kurilla, who heads")));
    }

    #[test]
    fn us_ends_a_sentence_only_before_an_opener() {
        let doc = Corpus::embedded().document("hyperfocus-ukraine").unwrap();
        let sents = doc.sentences();
        assert!(sents.iter().any(|s| s.text().ends_with("poses to the U.S.")));
        assert!(sents.iter().any(|s| s.text().starts_with("He highlighted this")));
        assert!(!sents.iter().any(|s| s.text().starts_with("Central") || s.text().starts_with("Embassy")));
    }

    #[test]
    fn token_range_overlap_rule() {
        let toks: Vec<Token> = [(0, 6), (6, 8), (9, 14)]
            .iter()
            .map(|&(start, end)| Token { start, end, text: String::new(), space_after: String::new() })
            .collect();
        assert_eq!(token_range(&toks, Span::new(0, 6)), (0..1, Alignment::Aligned));
        assert_eq!(token_range(&toks, Span::new(0, 7)), (0..2, Alignment::Misaligned));
        assert_eq!(token_range(&toks, Span::new(10, 12)), (2..3, Alignment::Misaligned));
        assert_eq!(token_range(&toks, Span::new(6, 14)), (1..3, Alignment::Aligned));
    }
}

/// A mention whose span does not lie on token boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffTokenMention {
    /// Document id.
    pub document: String,
    /// Mention id.
    pub mention: String,
    /// Its label.
    pub label: crate::Label,
    /// Its surface text.
    pub text: String,
    /// The text of the tokens it is mapped to (every token it overlaps), joined as in the document.
    pub tokens: String,
}

/// Every entity mention of the corpus that starts or ends inside a token, in document order.
pub fn off_token_mentions(corpus: &crate::Corpus) -> Vec<OffTokenMention> {
    let mut out = Vec::new();
    for doc in corpus {
        let tokens = doc.tokens();
        for m in doc.entities() {
            let (range, alignment) = token_range(&tokens, m.span());
            if alignment == Alignment::Misaligned {
                let covered = match (tokens.get(range.start), range.end.checked_sub(1).and_then(|i| tokens.get(i))) {
                    (Some(a), Some(z)) if range.start < range.end => doc.slice(Span::new(a.start, z.end)).to_string(),
                    _ => String::new(),
                };
                out.push(OffTokenMention {
                    document: doc.id().to_string(),
                    mention: m.id.clone(),
                    label: m.label,
                    text: m.text.clone(),
                    tokens: covered,
                });
            }
        }
    }
    out
}

/// The list of [`off_token_mentions`] as DATASHEET.md shows it (Markdown).
pub fn off_token_markdown(corpus: &crate::Corpus) -> String {
    let list = off_token_mentions(corpus);
    if list.is_empty() {
        return "None: every entity mention starts and ends on token boundaries.\n".to_string();
    }
    let mut s = String::from("| document | mention | label | text | tokens |\n|---|---|---|---|---|\n");
    for m in list {
        s.push_str(&format!("| {} | {} | {} | {} | {} |\n", m.document, m.mention, m.label, m.text, m.tokens));
    }
    s
}
