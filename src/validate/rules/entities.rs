//! Entities: each mention's span, link or value (E018–E022), flatness (E016), aliases (W103);
//! and the repeat sweep (W101).

use std::collections::{HashMap, HashSet};

use super::documents::{check_span, DocText};
use super::registries::{with_suggestion, Registries};
use super::{FileDiags, Scope};
use crate::error::ErrorKind;
use crate::model::{AnnotationFile, Label, Span};
use crate::validate::diagnostic::Code;

/// The mentions of a document by id, with the registry entity each links to.
pub(crate) type Mentions<'a> = HashMap<&'a str, Option<&'a str>>;

/// The rules on the entity layer; returns the mentions by id, for the claimer and holder checks.
pub(crate) fn check<'a>(
    f: &mut FileDiags,
    a: &'a AnnotationFile,
    doc: &DocText<'_>,
    reg: &Registries<'_>,
    scope: Scope,
) -> Mentions<'a> {
    let mut ok_spans: Vec<(Span, usize)> = Vec::new();
    for (i, m) in a.entities.iter().enumerate() {
        let p = format!("/entities/{i}");
        let span_ok = check_span(f, &doc.text, &doc.annotated, &p, m.span(), Some(&m.text));
        if span_ok || doc.text.get(m.span()).is_some_and(|_| m.start < m.end) {
            ok_spans.push((m.span(), i));
        }
        if !m.label.is_named() {
            if m.entity.is_some() {
                f.at(
                    Code::MisplacedLinkOrValue,
                    &format!("{p}/entity"),
                    format!("{} is a numeric or temporal type; it carries a value, not an entity", m.label),
                    Some("remove `entity` and give `value`"),
                );
            }
            if m.value.is_none() {
                f.at(
                    Code::MissingValue,
                    &p,
                    format!("{} mention {:?} has no normalized value", m.label, m.text),
                    Some("add `value` (see GUIDELINES.md, normalized values)"),
                );
            }
            continue;
        }
        if m.value.is_some() {
            f.at(
                Code::MisplacedLinkOrValue,
                &format!("{p}/value"),
                format!("{} is a named type and links to an entity; it carries no value", m.label),
                Some("remove `value`"),
            );
        }
        let Some(id) = &m.entity else {
            f.at(
                Code::MissingLink,
                &p,
                format!("{} mention {:?} is not linked to a registry entity", m.label, m.text),
                Some("add `entity` with an id from annotations/entities.json"),
            );
            continue;
        };
        let Some(entities) = &reg.entities else { continue };
        let Some(e) = entities.get(id.as_str()) else {
            let hint =
                with_suggestion("add it to annotations/entities.json or fix the id", id, entities.keys().copied());
            f.at(
                Code::UnresolvedReference,
                &format!("{p}/entity"),
                format!("entity `{id}` is not in the registry"),
                Some(&hint),
            );
            f.with_kind(ErrorKind::UnresolvedReference { id: id.to_string() });
            continue;
        };
        if !m.label.compatible_with(e.kind) {
            f.at(
                Code::IncompatibleType,
                &format!("{p}/label"),
                format!("{} mention links to `{id}`, a {}", m.label, e.kind),
                Some("labels must equal the entity's type (ORG/FAC and GPE/LOC are compatible)"),
            );
        }
        // Only a span that is right in every other way has a surface form worth adding.
        if scope.aliases && span_ok && !e.aliases.iter().any(|s| s == &m.text) {
            f.at(
                Code::MissingAlias,
                &format!("{p}/text"),
                format!("{:?} is not among the aliases of `{id}`", m.text),
                Some(&format!("add {:?} to the `aliases` of `{id}` in annotations/entities.json", m.text)),
            );
        }
    }
    ok_spans.sort();
    for w in ok_spans.windows(2) {
        let ((a_span, ai), (b_span, bi)) = (w[0], w[1]);
        if a_span.overlaps(&b_span) {
            f.at(
                Code::EntityOverlap,
                &format!("/entities/{bi}"),
                format!(
                    "mention {}..{} overlaps /entities/{ai} ({}..{})",
                    b_span.start, b_span.end, a_span.start, a_span.end
                ),
                Some("entities are flat: keep one of the two, or split them"),
            );
        }
    }
    a.entities.iter().map(|m| (m.id.as_str(), m.entity.as_deref())).collect()
}

/// W101: another whole-word occurrence of an annotated entity surface string, in a headline or
/// body region, that no mention covers and no exception lists.
pub(crate) fn sweep_repeats(f: &mut FileDiags, a: &AnnotationFile, doc: &DocText<'_>) {
    let chars: Vec<char> = doc.text.as_str().chars().collect();
    let covered: Vec<Span> = a.entities.iter().map(|m| m.span()).collect();
    let excepted: HashSet<(usize, usize)> = a.exceptions.iter().map(|e| (e.start, e.end)).collect();
    let mut surfaces: Vec<(&str, Label)> = a.entities.iter().map(|m| (m.text.as_str(), m.label)).collect();
    surfaces.sort();
    surfaces.dedup_by(|x, y| x.0 == y.0);
    let is_word = |c: char| c.is_alphanumeric();
    for (surface, label) in surfaces {
        let needle: Vec<char> = surface.chars().collect();
        if needle.is_empty() || needle.len() > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - needle.len() {
            if chars[start..start + needle.len()] != needle[..] {
                continue;
            }
            let end = start + needle.len();
            let span = Span::new(start, end);
            let boundary_before = start == 0 || !is_word(chars[start - 1]) || !is_word(needle[0]);
            let boundary_after = end == chars.len() || !is_word(chars[end]) || !is_word(needle[needle.len() - 1]);
            if !boundary_before || !boundary_after {
                continue;
            }
            if !doc.annotated.iter().any(|r| r.contains(&span))
                || covered.iter().any(|c| c.overlaps(&span))
                || excepted.contains(&(start, end))
            {
                continue;
            }
            f.at(
                Code::UnannotatedRepeat,
                "/entities",
                format!(
                    "{surface:?} ({label}) is annotated elsewhere but not at {start}..{end}: \"{}\"",
                    context(&chars, start, end)
                ),
                Some(&format!(
                    "annotate it ({{\"start\": {start}, \"end\": {end}, \"text\": {surface:?}, \"label\": \"{label}\", …}}) \
                     or list it in `exceptions` with a reason"
                )),
            );
        }
    }
}

/// Up to 30 characters either side of a span, on one line, with ellipses where cut.
fn context(chars: &[char], start: usize, end: usize) -> String {
    let a = start.saturating_sub(30);
    let z = (end + 30).min(chars.len());
    let mut s: String = chars[a..z].iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect();
    if a > 0 {
        s.insert(0, '…');
    }
    if z < chars.len() {
        s.push('…');
    }
    s
}
