//! CoNLL-2003 (`TOKEN -X- _ TAG`) and CoNLL-U (ten columns, entity tags and claim and stance ids
//! in MISC, `SpaceAfter`/`SpacesAfter` so every region's text is rebuilt exactly).
//!
//! The tokens are [`crate::segment`]'s, from the text alone. A span is mapped to tokens by one
//! rule: **a token belongs to a span if it overlaps it** ([`crate::segment::token_range`]). A
//! token that overlaps two entity mentions belongs to the one that starts first. Mentions that do
//! not lie on token boundaries are counted by `crocus stats` and listed in DATASHEET.md.

use std::fmt::Write as _;

use super::{tags, Options};
use crate::corpus::{Corpus, Document};
use crate::segment::{sentences, token_range, Sentence, Token};

/// The entity (index, exported label) each token of a sentence belongs to.
fn token_entities<'a>(doc: &'a Document, sent: &Sentence, options: &Options) -> Vec<Option<(usize, &'a str)>> {
    let mut out: Vec<Option<(usize, &str)>> = vec![None; sent.tokens.len()];
    let mut order: Vec<(usize, &crate::model::EntityMention)> = doc.entities().iter().enumerate().collect();
    order.sort_by_key(|(i, m)| (m.start, std::cmp::Reverse(m.end), *i));
    for (i, m) in order {
        let Some(label) = options.label(m.label) else { continue };
        let (range, _) = token_range(&sent.tokens, m.span());
        for slot in &mut out[range] {
            if slot.is_none() {
                *slot = Some((i, label));
            }
        }
    }
    out
}

/// CoNLL-2003: `-DOCSTART- -X- O O` and a blank line before each document, one `TOKEN -X- _ TAG`
/// line per token, a blank line after each sentence.
pub fn conll(corpus: &Corpus, options: &Options) -> String {
    let mut out = String::new();
    for doc in options.documents(corpus) {
        out.push_str("-DOCSTART- -X- O O\n\n");
        for sent in sentences(doc) {
            let ents = token_entities(doc, &sent, options);
            for (t, tag) in sent.tokens.iter().zip(tags(&ents, options.scheme)) {
                let _ = writeln!(out, "{} -X- _ {tag}", t.text);
            }
            out.push('\n');
        }
    }
    out
}

/// The ids of the spans (claims or stances, which may overlap) that cover a token.
fn ids_covering<'a>(spans: impl Iterator<Item = (crate::Span, &'a str)>, t: &Token) -> Vec<&'a str> {
    spans.filter(|(s, _)| s.overlaps(&t.span())).map(|(_, id)| id).collect()
}

/// Escapes whitespace for `SpacesAfter` as the CoNLL-U guidelines do.
pub fn escape_spaces(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            ' ' => out.push_str("\\s"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\p"),
            c if c.is_whitespace() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// CoNLL-U: `# newdoc id`, `# sent_id`, `# text`, ten TAB-separated columns with `_` where nothing
/// is known; MISC holds `NE=` (the entity tag), `Claims=` and `Stances=` (ids of the claims and
/// span stances the token belongs to; claims may overlap) and the spacing.
pub fn conllu(corpus: &Corpus, options: &Options) -> String {
    let mut out = String::new();
    for doc in options.documents(corpus) {
        let _ = writeln!(out, "# newdoc id = {}", doc.id());
        for sent in &sentences(doc) {
            let region = &doc.regions()[sent.region];
            let _ = writeln!(out, "# sent_id = {}", sent.id);
            let _ = writeln!(out, "# region = {} {}", region.kind.as_str(), region.article.unwrap_or(0));
            let _ = writeln!(out, "# text = {}", sent.text().replace('\n', " "));
            let ents = token_entities(doc, sent, options);
            let tagged = tags(&ents, options.scheme);
            for (i, t) in sent.tokens.iter().enumerate() {
                let mut misc: Vec<String> = Vec::new();
                let claims = ids_covering(doc.claims().iter().map(|c| (c.span(), c.id.as_str())), t);
                if !claims.is_empty() {
                    misc.push(format!("Claims={}", claims.join(",")));
                }
                if tagged[i] != "O" {
                    misc.push(format!("NE={}", tagged[i]));
                }
                match t.space_after.as_str() {
                    " " => {}
                    "" => misc.push("SpaceAfter=No".into()),
                    s => misc.push(format!("SpacesAfter={}", escape_spaces(s))),
                }
                let stances = ids_covering(doc.stances().iter().map(|s| (s.span(), s.id.as_str())), t);
                if !stances.is_empty() {
                    misc.push(format!("Stances={}", stances.join(",")));
                }
                misc.sort();
                let misc = if misc.is_empty() { "_".to_string() } else { misc.join("|") };
                let _ = writeln!(out, "{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{misc}", i + 1, t.text);
            }
            out.push('\n');
        }
    }
    out
}
