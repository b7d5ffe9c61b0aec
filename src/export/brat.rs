//! brat standoff: one `.txt`/`.ann` pair per document and an `annotation.conf`, so the corpus
//! opens in brat and INCEpTION, passes brat's own checker (`server/src/verify_annotations.py`)
//! with no error, and comes back unchanged through [`crate::import::brat`].
//!
//! The mapping, one place for both directions (the importer reads what this writes):
//!
//! - an entity mention is a `T` line with its OntoNotes label, an `N` line `Reference … crocus:ID`
//!   linking it to the registry, and an `AnnotatorNotes` line holding a JSON object with its id
//!   and, for numeric and temporal labels, its normalized value;
//! - a claim is a `Claim` text-bound with `A` attributes (`Attribution`, `Type_*`, `Checkworthy`,
//!   `Authorial` for an authorial claimer), a `CueOf` relation to its `Cue`, a `Claimer` relation to
//!   the claimer's mention or to the `Source` text-bound of an unnamed claimer's description, and a
//!   note with its id, proposition and value;
//! - a span stance is a `Stance` text-bound with `Polarity`, its holder as for a claim (`Holder`),
//!   and its target: a `Target` attribute, a `TargetClaim` relation or a `Reference` to an entity.
//!
//! `Cue` and `Source` text-bounds are written once per span and shared by every relation that
//! points at them. Claims and stances are distinct annotations even when two share a span, so
//! `annotation.conf` allows them to be equal, nest and cross with each other and with everything
//! else; entity mentions may not overlap each other. Document stances and exceptions have no
//! place in brat: the importer keeps them from the annotation file it replaces.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use serde_json::json;

use super::Options;
use crate::corpus::{Corpus, Document};
use crate::model::{Claimer, Label, StanceTarget, TextSpan};

/// One output file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BratFile {
    /// File name (`hyperfocus-ukraine.ann`).
    pub name: String,
    /// Its contents.
    pub contents: String,
}

/// The text-bound types besides the entity labels.
pub(crate) const CLAIM: &str = "Claim";
pub(crate) const CUE: &str = "Cue";
pub(crate) const STANCE: &str = "Stance";
pub(crate) const SOURCE: &str = "Source";
/// The normalization database of registry links (`crocus:vladimir-putin`).
pub(crate) const DB: &str = "crocus";
/// The normalization database of Wikipedia links, derived from the registry (declared in
/// `tools.conf`; the importer leaves the registry alone and skips these lines).
pub(crate) const WIKIPEDIA_DB: &str = "Wikipedia";

/// brat files for the corpus: `annotation.conf`, `tools.conf`, then `.txt` and `.ann` per document.
///
/// Offsets are code points, as brat counts them. A span that crosses a line break is written as
/// brat's discontinuous fragments, one per line.
pub fn brat(corpus: &Corpus, options: &Options) -> Vec<BratFile> {
    let mut files = vec![
        BratFile { name: "annotation.conf".into(), contents: conf(corpus) },
        BratFile { name: "tools.conf".into(), contents: TOOLS_CONF.into() },
    ];
    for doc in options.documents(corpus) {
        files.push(BratFile { name: format!("{}.txt", doc.id()), contents: doc.text().to_string() });
        files.push(BratFile { name: format!("{}.ann", doc.id()), contents: ann(corpus, doc) });
    }
    files
}

/// The `.ann` file of one document.
fn ann(corpus: &Corpus, doc: &Document) -> String {
    let mut w = Writer { doc, out: String::new(), t: 0, a: 0, r: 0, n: 0, note: 0, shared: HashMap::new() };
    let mut mention_t = HashMap::new();
    for m in doc.entities() {
        let t = w.textbound(m.label.as_str(), m.start, m.end);
        mention_t.insert(m.id.as_str(), t);
        if let Some(id) = &m.entity {
            w.reference(t, id, corpus.entity(id).map_or(id.as_str(), |e| e.name.as_str()));
            if let Some(line) = wikipedia_normalization(corpus, id, t, w.n + 1) {
                w.n += 1;
                w.out.push_str(&line);
            }
        }
        let mut note = json!({ "id": m.id });
        if let Some(v) = &m.value {
            note["value"] = json!(v);
        }
        w.note(t, &note);
    }
    let mut claim_t = HashMap::new();
    for c in doc.claims() {
        let t = w.textbound(CLAIM, c.start, c.end);
        claim_t.insert(c.id.as_str(), t);
        w.attribute(t, "Attribution", Some(&name(c.attribution)));
        for ty in &c.types {
            w.attribute(t, &format!("Type_{}", name(ty)), None);
        }
        if c.checkworthy {
            w.attribute(t, "Checkworthy", None);
        }
        let mut note = json!({ "id": c.id });
        if let Some(p) = &c.proposition {
            note["proposition"] = json!(p);
        }
        if let Some(v) = &c.value {
            note["value"] = json!(v);
        }
        w.note(t, &note);
        if let Some(cue) = &c.cue {
            let cue_t = w.shared(CUE, cue);
            w.relation("CueOf", t, cue_t);
        }
        w.holder(t, &c.claimer, "Claimer", &mention_t);
    }
    for s in doc.stances() {
        let t = w.textbound(STANCE, s.start, s.end);
        w.attribute(t, "Polarity", Some(s.label.as_str()));
        w.note(t, &json!({ "id": s.id }));
        w.holder(t, &s.holder, "Holder", &mention_t);
        match &s.target {
            StanceTarget::Claim { id } => {
                if let Some(&ct) = claim_t.get(id.as_str()) {
                    w.relation("TargetClaim", t, ct);
                }
            }
            StanceTarget::Target { id } => w.attribute(t, "Target", Some(id)),
            StanceTarget::Entity { id } => {
                w.reference(t, id, corpus.entity(id).map_or(id.as_str(), |e| e.name.as_str()))
            }
        }
    }
    w.out
}

/// The snake_case name of a serialized enum value (`direct_quote`).
fn name<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Numbers the lines of one `.ann` file as it writes them.
struct Writer<'a> {
    doc: &'a Document,
    out: String,
    t: usize,
    a: usize,
    r: usize,
    n: usize,
    note: usize,
    /// `Cue` and `Source` text-bounds already written, by type and span.
    shared: HashMap<(&'static str, usize, usize), usize>,
}

impl Writer<'_> {
    fn textbound(&mut self, ty: &str, start: usize, end: usize) -> usize {
        self.t += 1;
        let surface = self.doc.get(crate::Span::new(start, end)).unwrap_or_default().replace('\n', " ");
        let _ = writeln!(self.out, "T{}\t{ty} {}\t{surface}", self.t, fragments(self.doc.text(), start, end));
        self.t
    }
    fn shared(&mut self, ty: &'static str, span: &TextSpan) -> usize {
        if let Some(&t) = self.shared.get(&(ty, span.start, span.end)) {
            return t;
        }
        let t = self.textbound(ty, span.start, span.end);
        self.shared.insert((ty, span.start, span.end), t);
        t
    }
    fn attribute(&mut self, t: usize, name: &str, value: Option<&str>) {
        self.a += 1;
        let _ = match value {
            Some(v) => writeln!(self.out, "A{}\t{name} T{t} {v}", self.a),
            None => writeln!(self.out, "A{}\t{name} T{t}", self.a),
        };
    }
    fn relation(&mut self, ty: &str, arg1: usize, arg2: usize) {
        self.r += 1;
        let _ = writeln!(self.out, "R{}\t{ty} Arg1:T{arg1} Arg2:T{arg2}", self.r);
    }
    fn reference(&mut self, t: usize, id: &str, name: &str) {
        self.n += 1;
        let _ = writeln!(self.out, "N{}\tReference T{t} {DB}:{id}\t{name}", self.n);
    }
    fn note(&mut self, t: usize, note: &serde_json::Value) {
        self.note += 1;
        let _ = writeln!(self.out, "#{}\tAnnotatorNotes T{t}\t{note}", self.note);
    }
    fn holder(&mut self, t: usize, h: &Claimer, role: &str, mention_t: &HashMap<&str, usize>) {
        match h {
            Claimer::Author => self.attribute(t, "Authorial", None),
            Claimer::Entity { mention, .. } => {
                if let Some(&m) = mention_t.get(mention.as_str()) {
                    self.relation(role, t, m);
                }
            }
            Claimer::Unnamed { description: Some(d) } => {
                let s = self.shared(SOURCE, d);
                self.relation(role, t, s);
            }
            Claimer::Unnamed { description: None } => {}
        }
    }
}

/// brat offsets of `[start, end)`: one `start end` fragment per line, joined by `;`.
fn fragments(text: &str, start: usize, end: usize) -> String {
    let mut parts = Vec::new();
    let mut a = start;
    for (i, c) in text.chars().enumerate().skip(start).take(end - start) {
        if c == '\n' {
            if a < i {
                parts.push(format!("{a} {i}"));
            }
            a = i + 1;
        }
    }
    if a < end {
        parts.push(format!("{a} {end}"));
    }
    parts.join(";")
}

fn conf(corpus: &Corpus) -> String {
    let named: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    let ents = named.join("|");
    let targets: BTreeSet<&str> = corpus.targets().iter().map(|t| t.id.as_str()).collect();
    let mut s = String::from("# brat configuration for crocus-corpus (written by `crocus export --format brat`)\n");
    s.push_str("[entities]\n");
    for l in &named {
        let _ = writeln!(s, "{l}");
    }
    let _ = writeln!(s, "{CLAIM}\n{CUE}\n{STANCE}\n{SOURCE}\n\n[relations]");
    let _ = writeln!(s, "Claimer\tArg1:{CLAIM}, Arg2:{ents}|{SOURCE}");
    let _ = writeln!(s, "Holder\tArg1:{STANCE}, Arg2:{ents}|{SOURCE}");
    let _ = writeln!(s, "CueOf\tArg1:{CLAIM}, Arg2:{CUE}");
    let _ = writeln!(s, "TargetClaim\tArg1:{STANCE}, Arg2:{CLAIM}");
    s.push_str("# What may overlap: claims and stances with anything (two may share a span); cues and\n");
    s.push_str("# unnamed sources with each other and with entity mentions, but one text-bound per span and\n");
    s.push_str("# type; entity mentions never with each other.\n");
    let _ =
        writeln!(s, "<OVERLAP>\tArg1:{CLAIM}|{STANCE}, Arg2:{CLAIM}|{STANCE}|{CUE}|{SOURCE}|{ents}, <OVL-TYPE>:<ANY>");
    let _ = writeln!(s, "<OVERLAP>\tArg1:{CUE}|{SOURCE}, Arg2:{ents}, <OVL-TYPE>:<ANY>");
    let _ = writeln!(s, "<OVERLAP>\tArg1:{CUE}, Arg2:{SOURCE}, <OVL-TYPE>:<ANY>");
    let _ = writeln!(s, "<OVERLAP>\tArg1:{CUE}, Arg2:{CUE}, <OVL-TYPE>:contain|cross");
    let _ = writeln!(s, "<OVERLAP>\tArg1:{SOURCE}, Arg2:{SOURCE}, <OVL-TYPE>:contain|cross");
    s.push_str("\n[events]\n\n[attributes]\n");
    s.push_str("Attribution\tArg:Claim, Value:authorial|direct_quote|indirect\n");
    for ty in crate::model::ClaimType::ALL {
        let _ = writeln!(s, "Type_{}\tArg:Claim", name(ty));
    }
    s.push_str("Checkworthy\tArg:Claim\nAuthorial\tArg:Claim|Stance\n");
    let polarity: Vec<&str> = crate::model::StanceLabel::ALL.iter().map(|l| l.as_str()).collect();
    let _ = writeln!(s, "Polarity\tArg:Stance, Value:{}", polarity.join("|"));
    if !targets.is_empty() {
        let _ = writeln!(s, "Target\tArg:Stance, Value:{}", targets.into_iter().collect::<Vec<_>>().join("|"));
    }
    s
}

/// `tools.conf`: declares the `Wikipedia` normalization database, whose ids are the article path
/// after `/wiki/` (the title with underscores, percent-encoded as in the URL).
pub const TOOLS_CONF: &str =
    "# brat tools configuration for crocus-corpus\n[options]\n\n[search]\n\n[annotators]\n\n[disambiguators]\n\n\
[normalization]\nWikipedia\t<URL>:https://en.wikipedia.org, <URLBASE>:https://en.wikipedia.org/wiki/%s\n";

/// The N line normalizing text-bound `T{t}` to the Wikipedia article of registry entity `id`, as
/// `N{n}`; `None` when the entity has no article.
fn wikipedia_normalization(corpus: &Corpus, id: &str, t: usize, n: usize) -> Option<String> {
    let e = corpus.entity(id)?;
    let w = e.wikipedia.as_ref()?;
    let key = w.url.strip_prefix("https://en.wikipedia.org/wiki/")?;
    Some(format!("N{n}\tReference T{t} {WIKIPEDIA_DB}:{key}\t{}\n", w.title))
}
