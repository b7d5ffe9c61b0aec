//! What changed between two versions of the corpus, in the terms a reviewer reads: added, removed
//! and changed entity mentions, registry entries, claims, propositions, span stances and document
//! stances, each with its document and the text around it (`crocus diff`).
//!
//! Annotations are matched by id (document stances by target); a changed one lists the fields
//! that differ, old and new.
//!
//! ```
//! use crocus_corpus::{diff, Corpus};
//!
//! let corpus = Corpus::embedded();
//! assert!(diff::diff(corpus, corpus).is_empty());
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value as Json;

use crate::corpus::{Corpus, Document};

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// An entry of `annotations/entities.json`.
    RegistryEntity,
    /// An entry of `annotations/propositions.json`.
    Proposition,
    /// An entry of `annotations/targets.json`.
    Target,
    /// An entity mention of a document.
    EntityMention,
    /// A claim of a document.
    Claim,
    /// A span stance of a document.
    SpanStance,
    /// A document stance (keyed by its target).
    DocumentStance,
}

impl Item {
    /// The name used in the outputs (`entity mention`).
    pub fn as_str(self) -> &'static str {
        match self {
            Item::RegistryEntity => "registry entity",
            Item::Proposition => "proposition",
            Item::Target => "target",
            Item::EntityMention => "entity mention",
            Item::Claim => "claim",
            Item::SpanStance => "span stance",
            Item::DocumentStance => "document stance",
        }
    }
}

/// Added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with different fields.
    Changed,
}

impl ChangeKind {
    /// `added`, `removed`, `changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
        }
    }
}

/// One field of a changed annotation, rendered as JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The field name (`label`, `claimer`).
    pub field: String,
    /// Its old value (`null` when absent).
    pub old: Json,
    /// Its new value (`null` when absent).
    pub new: Json,
}

/// A span with the words around it, on one line (line breaks become spaces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Context {
    /// Up to 40 characters before the span (`…` first when the text goes on).
    pub before: String,
    /// The span.
    pub span: String,
    /// Up to 40 characters after it.
    pub after: String,
}

impl std::fmt::Display for Context {
    /// `…before [span] after…`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]{}", self.before, self.span, self.after)
    }
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// What kind of annotation.
    pub item: Item,
    /// The document, for document layers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The annotation id (the target, for a document stance).
    pub id: String,
    /// The span's text, or the entry's name or question.
    pub text: String,
    /// The span in the words around it, from the new version (the old, when removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// For a changed annotation, the fields that differ.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// Every difference from `old` to `new`: registries first, then each document's layers, in a
/// stable order.
pub fn diff(old: &Corpus, new: &Corpus) -> Vec<Change> {
    let mut out = Vec::new();
    keyed(
        &mut out,
        Item::RegistryEntity,
        None,
        by_id(old.entities(), |e| (e.id.clone(), e.name.clone(), None)),
        by_id(new.entities(), |e| (e.id.clone(), e.name.clone(), None)),
    );
    keyed(
        &mut out,
        Item::Proposition,
        None,
        by_id(old.propositions(), |p| (p.id.clone(), p.question.clone(), None)),
        by_id(new.propositions(), |p| (p.id.clone(), p.question.clone(), None)),
    );
    keyed(
        &mut out,
        Item::Target,
        None,
        by_id(old.targets(), |t| (t.id.clone(), t.definition.clone(), None)),
        by_id(new.targets(), |t| (t.id.clone(), t.definition.clone(), None)),
    );
    let ids: BTreeSet<&str> = old.iter().chain(new.iter()).map(Document::id).collect();
    // Documents in the new manifest's order, then any only in the old one.
    let mut order: Vec<&str> = new.iter().map(Document::id).collect();
    order.extend(old.iter().map(Document::id).filter(|id| new.document(id).is_none()));
    debug_assert_eq!(order.len(), ids.len());
    for id in order {
        let (o, n) = (old.document(id), new.document(id));
        let doc = Some(id);
        let span = |d: Option<&Document>, s: usize, e: usize| d.map(|d| context(d, s, e));
        keyed(
            &mut out,
            Item::EntityMention,
            doc,
            layer(o, |d| by_id(d.entities(), |m| (m.id.clone(), m.text.clone(), span(Some(d), m.start, m.end)))),
            layer(n, |d| by_id(d.entities(), |m| (m.id.clone(), m.text.clone(), span(Some(d), m.start, m.end)))),
        );
        keyed(
            &mut out,
            Item::Claim,
            doc,
            layer(o, |d| by_id(d.claims(), |c| (c.id.clone(), c.text.clone(), span(Some(d), c.start, c.end)))),
            layer(n, |d| by_id(d.claims(), |c| (c.id.clone(), c.text.clone(), span(Some(d), c.start, c.end)))),
        );
        keyed(
            &mut out,
            Item::SpanStance,
            doc,
            layer(o, |d| by_id(d.stances(), |s| (s.id.clone(), s.text.clone(), span(Some(d), s.start, s.end)))),
            layer(n, |d| by_id(d.stances(), |s| (s.id.clone(), s.text.clone(), span(Some(d), s.start, s.end)))),
        );
        keyed(
            &mut out,
            Item::DocumentStance,
            doc,
            layer(o, |d| by_id(d.document_stances(), |s| (s.target.clone(), s.label.as_str().to_string(), None))),
            layer(n, |d| by_id(d.document_stances(), |s| (s.target.clone(), s.label.as_str().to_string(), None))),
        );
    }
    out
}

/// An annotation as compared: its text, context and JSON form.
type Entry = (String, Option<Context>, Json);

fn by_id<T: Serialize>(items: &[T], key: impl Fn(&T) -> (String, String, Option<Context>)) -> BTreeMap<String, Entry> {
    items
        .iter()
        .map(|it| {
            let (id, text, ctx) = key(it);
            (id, (text, ctx, serde_json::to_value(it).unwrap_or(Json::Null)))
        })
        .collect()
}

fn layer(doc: Option<&Document>, f: impl Fn(&Document) -> BTreeMap<String, Entry>) -> BTreeMap<String, Entry> {
    doc.map(f).unwrap_or_default()
}

fn keyed(
    out: &mut Vec<Change>,
    item: Item,
    document: Option<&str>,
    old: BTreeMap<String, Entry>,
    new: BTreeMap<String, Entry>,
) {
    // In order of the new (or old) position when there is one, else of id.
    let mut ids: Vec<&String> = old.keys().chain(new.keys().filter(|k| !old.contains_key(*k))).collect();
    let pos = |id: &str| -> Option<(u64, u64)> {
        let j = new.get(id).or_else(|| old.get(id)).map(|e| &e.2)?;
        Some((j.get("start")?.as_u64()?, j.get("end")?.as_u64()?))
    };
    ids.sort_by_key(|id| (pos(id), natural(id)));
    for id in ids {
        let change = |change, (text, context, _): &Entry, fields| Change {
            change,
            item,
            document: document.map(str::to_string),
            id: id.clone(),
            text: text.clone(),
            context: context.clone(),
            fields,
        };
        match (old.get(id), new.get(id)) {
            (None, Some(n)) => out.push(change(ChangeKind::Added, n, Vec::new())),
            (Some(o), None) => out.push(change(ChangeKind::Removed, o, Vec::new())),
            (Some(o), Some(n)) if o.2 != n.2 => out.push(change(ChangeKind::Changed, n, fields(&o.2, &n.2))),
            _ => {}
        }
    }
}

/// `e10` after `e9`.
fn natural(id: &str) -> (String, u64) {
    let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
    (id[..id.len() - digits.len()].to_string(), digits.parse().unwrap_or(0))
}

fn fields(old: &Json, new: &Json) -> Vec<Field> {
    let empty = serde_json::Map::new();
    let (o, n) = (old.as_object().unwrap_or(&empty), new.as_object().unwrap_or(&empty));
    let mut keys: Vec<&String> = o.keys().collect();
    keys.extend(n.keys().filter(|k| !o.contains_key(*k)));
    keys.into_iter()
        .filter(|k| o.get(*k) != n.get(*k))
        .map(|k| Field {
            field: k.clone(),
            old: o.get(k).cloned().unwrap_or(Json::Null),
            new: n.get(k).cloned().unwrap_or(Json::Null),
        })
        .collect()
}

/// The span `[start, end)` of `doc` with the words around it.
fn context(doc: &Document, start: usize, end: usize) -> Context {
    const AROUND: usize = 40;
    let len = doc.text_index().len_chars();
    let get =
        |a: usize, z: usize| doc.get(crate::Span::new(a, z.min(len))).unwrap_or_default().replace(['\n', '\r'], " ");
    let from = start.saturating_sub(AROUND);
    let to = (end + AROUND).min(len);
    Context {
        before: format!("{}{}", if from > 0 { "…" } else { "" }, get(from, start)),
        span: get(start, end),
        after: format!("{}{}", get(end, to), if to < len { "…" } else { "" }),
    }
}

/// Plain text, one change per line with its context and fields indented below.
pub fn human(changes: &[Change]) -> String {
    let mut s = String::new();
    for c in changes {
        let doc = c.document.as_deref().map(|d| format!("{d}: ")).unwrap_or_default();
        s.push_str(&format!("{doc}{} {} {}: {:?}\n", c.change.as_str(), c.item.as_str(), c.id, c.text));
        if let Some(ctx) = &c.context {
            s.push_str(&format!("    {ctx}\n"));
        }
        for f in &c.fields {
            s.push_str(&format!("    {}: {} -> {}\n", f.field, f.old, f.new));
        }
    }
    s.push_str(&summary(changes));
    s.push('\n');
    s
}

/// `3 changes: 1 added, 1 removed, 1 changed` or `no differences`.
pub fn summary(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no differences".into();
    }
    let n = |k| changes.iter().filter(|c| c.change == k).count();
    format!(
        "{} change(s): {} added, {} removed, {} changed",
        changes.len(),
        n(ChangeKind::Added),
        n(ChangeKind::Removed),
        n(ChangeKind::Changed)
    )
}

/// GitHub-flavoured Markdown for a pull-request comment: a heading with the counts and one table
/// row per change.
pub fn markdown(changes: &[Change]) -> String {
    let mut s = format!("### crocus diff: {}\n", summary(changes));
    if changes.is_empty() {
        return s;
    }
    s.push_str("\n| | Document | Annotation | Text in context | Fields |\n|---|---|---|---|---|\n");
    for c in changes {
        let mark = match c.change {
            ChangeKind::Added => "➕ added",
            ChangeKind::Removed => "➖ removed",
            ChangeKind::Changed => "✏️ changed",
        };
        // The span in bold, table syntax escaped.
        let ctx = match &c.context {
            Some(x) => format!("{}**{}**{}", cell(&x.before), cell(&x.span), cell(&x.after)),
            None => cell(&c.text),
        };
        let fields: Vec<String> = c
            .fields
            .iter()
            .map(|f| format!("`{}`: `{}` → `{}`", f.field, cell(&f.old.to_string()), cell(&f.new.to_string())))
            .collect();
        s.push_str(&format!(
            "| {mark} | {} | {} `{}` | {ctx} | {} |\n",
            c.document.as_deref().unwrap_or("(registry)"),
            c.item.as_str(),
            c.id,
            fields.join("<br>")
        ));
    }
    s
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('`', "'").replace('\n', " ")
}
