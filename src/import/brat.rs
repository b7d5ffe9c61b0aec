//! brat standoff (`.ann` files) back into annotation files; the mapping is documented once, in
//! [`crate::export::brat`](crate::export::brat()).
//!
//! ```
//! use crocus_corpus::{export, import, Corpus};
//!
//! let corpus = Corpus::embedded();
//! let files = export::brat(corpus, &export::Options::default());
//! let ann = files.iter().find(|f| f.name == "cruel-irony.ann").unwrap();
//! let file = import::brat::annotation_file(corpus, "cruel-irony.ann", &ann.contents).unwrap();
//! assert_eq!(&file, corpus.document("cruel-irony").unwrap().annotations());
//! ```

use std::collections::{BTreeMap, HashMap};

use crate::corpus::{Corpus, Document};
use crate::error::{Error, ErrorKind, Position};
use crate::export::brat::{CLAIM, CUE, DB, SOURCE, STANCE, WIKIPEDIA_DB};
use crate::model::{
    AnnotationFile, Attribution, Claim, ClaimType, Claimer, EntityMention, Label, SpanStance, StanceLabel,
    StanceTarget, TextSpan, Value,
};

/// One parsed `.ann` line, with its 1-based line number.
#[derive(Debug)]
enum Line {
    Text { id: String, ty: String, start: usize, end: usize, surface: String },
    Attr { target: String, name: String, value: Option<String> },
    Rel { ty: String, arg1: String, arg2: String },
    Norm { target: String, db: String, id: String },
    Note { target: String, text: String },
}

/// The annotation file of the document `name` (`<document id>.ann`) described by the brat
/// standoff `ann`, with the layers brat has no place for (document stances, exceptions) and the
/// header taken from the document's current annotations in `corpus`.
///
/// Span ids come from the JSON notes the export writes; a span drawn in brat without one gets the
/// next free id of its layer (`e`, `c`, `s` and a number).
///
/// # Errors
/// Every problem found, each located at `name:line`: a line that is not brat standoff, a reference
/// to an annotation that is not there, a type, attribute or value this corpus does not use,
/// offsets outside the text, a text-bound whose text differs from the document's.
pub fn annotation_file(corpus: &Corpus, name: &str, ann: &str) -> Result<AnnotationFile, Vec<Error>> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name).trim_end_matches(".ann");
    let Some(doc) = corpus.document(stem) else {
        let err = Error::new(
            ErrorKind::UnknownDocument { id: stem.to_string() },
            format!("`{stem}` is not a document of the corpus; a .ann file is named after its document id"),
        )
        .in_file(name);
        return Err(vec![err]);
    };
    let mut errors = Vec::new();
    let mut lines: Vec<(usize, Line)> = Vec::new();
    for (i, raw) in ann.lines().enumerate() {
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            continue;
        }
        match parse_line(raw, doc) {
            Ok(l) => lines.push((i + 1, l)),
            Err(msg) => errors.push(at(name, i + 1, msg)),
        }
    }
    let mut b = Builder { name, doc, lines: &lines, errors, by_id: HashMap::new() };
    let file = b.build(corpus);
    if b.errors.is_empty() {
        Ok(file)
    } else {
        Err(b.errors)
    }
}

fn at(name: &str, line: usize, msg: String) -> Error {
    Error::new(ErrorKind::Standoff, msg).at(Position {
        file: Some(name.into()),
        line: Some(line),
        column: None,
        pointer: None,
    })
}

fn parse_line(raw: &str, doc: &Document) -> Result<Line, String> {
    let mut parts = raw.splitn(3, '\t');
    let id = parts.next().unwrap_or_default();
    let body = parts.next().ok_or_else(|| format!("`{raw}` is not a brat line: no tab after the id"))?;
    let rest = parts.next();
    let words: Vec<&str> = body.split(' ').collect();
    let field = |i: usize, what: &str| -> Result<String, String> {
        words.get(i).filter(|w| !w.is_empty()).map(|w| w.to_string()).ok_or_else(|| format!("{id}: {what} is missing"))
    };
    match id.chars().next() {
        Some('T') => {
            let ty = field(0, "the type")?;
            let spans = body[ty.len()..].trim();
            let mut bounds = Vec::new();
            for frag in spans.split(';') {
                let nums: Vec<&str> = frag.split_whitespace().collect();
                let parsed: Option<(usize, usize)> = match nums.as_slice() {
                    [s, e] => s.parse().ok().zip(e.parse().ok()),
                    _ => None,
                };
                match parsed {
                    Some((s, e)) if s < e => bounds.push((s, e)),
                    _ => return Err(format!("{id}: `{frag}` is not a fragment `START END` with START < END")),
                }
            }
            let start = bounds.iter().map(|b| b.0).min().unwrap_or(0);
            let end = bounds.iter().map(|b| b.1).max().unwrap_or(0);
            if end > doc.text_index().len_chars() {
                return Err(format!(
                    "{id}: offset {end} is past the end of the text ({} characters)",
                    doc.text_index().len_chars()
                ));
            }
            let surface = rest.ok_or_else(|| format!("{id}: the text after the offsets is missing"))?.to_string();
            Ok(Line::Text { id: id.into(), ty, start, end, surface })
        }
        Some('A') | Some('M') => Ok(Line::Attr {
            name: field(0, "the attribute name")?,
            target: field(1, "the annotation it qualifies")?,
            value: words.get(2).map(|s| s.to_string()),
        }),
        Some('R') => {
            let arg = |i: usize, key: &str| -> Result<String, String> {
                field(i, key)?
                    .strip_prefix(&format!("{key}:"))
                    .map(str::to_string)
                    .ok_or_else(|| format!("{id}: expected `{key}:ID`"))
            };
            Ok(Line::Rel { ty: field(0, "the relation type")?, arg1: arg(1, "Arg1")?, arg2: arg(2, "Arg2")? })
        }
        Some('N') => {
            let reference = field(2, "the reference `DB:ID`")?;
            let (db, rid) =
                reference.split_once(':').ok_or_else(|| format!("{id}: `{reference}` is not a reference `DB:ID`"))?;
            Ok(Line::Norm { target: field(1, "the annotation it normalizes")?, db: db.into(), id: rid.into() })
        }
        Some('#') => {
            Ok(Line::Note { target: field(1, "the annotation it notes")?, text: rest.unwrap_or("").to_string() })
        }
        Some('E') => Err(format!("{id}: events are not used by this corpus")),
        Some('*') => Err(format!("{id}: equivalence relations are not used by this corpus")),
        _ => Err(format!("`{id}` is not a brat annotation id (T, A, M, R, N or # and a number)")),
    }
}

/// An attribute line: line number, name, value.
type Attr<'a> = (usize, &'a str, Option<&'a str>);

struct Builder<'a> {
    name: &'a str,
    doc: &'a Document,
    lines: &'a [(usize, Line)],
    errors: Vec<Error>,
    /// Line index of each text-bound, by brat id.
    by_id: HashMap<&'a str, usize>,
}

/// What a text-bound becomes.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Mention(Label),
    Claim,
    Stance,
    Cue,
    Source,
}

impl<'a> Builder<'a> {
    fn err(&mut self, line: usize, msg: String) {
        self.errors.push(at(self.name, line, msg));
    }

    fn build(&mut self, corpus: &Corpus) -> AnnotationFile {
        let lines = self.lines;
        let mut kinds: BTreeMap<usize, Kind> = BTreeMap::new();
        for (i, (ln, l)) in lines.iter().enumerate() {
            if let Line::Text { id, ty, start, end, surface } = l {
                if self.by_id.insert(id.as_str(), i).is_some() {
                    self.err(*ln, format!("{id} is defined twice"));
                }
                let kind = match ty.as_str() {
                    CLAIM => Kind::Claim,
                    STANCE => Kind::Stance,
                    CUE => Kind::Cue,
                    SOURCE => Kind::Source,
                    other => match Label::parse(other) {
                        Some(l) => Kind::Mention(l),
                        None => {
                            self.err(*ln, format!("{id}: `{other}` is not a type of annotation.conf"));
                            continue;
                        }
                    },
                };
                let actual = self.doc.get(crate::Span::new(*start, *end)).unwrap_or_default().replace('\n', " ");
                if &actual != surface {
                    self.err(
                        *ln,
                        format!("{id}: the text is {surface:?} but the document has {actual:?} at {start}..{end}"),
                    );
                }
                kinds.insert(i, kind);
            }
        }
        // Everything that hangs off a text-bound, by its line index.
        let mut attrs: HashMap<usize, Vec<Attr<'_>>> = HashMap::new();
        let mut refs: HashMap<usize, Vec<(usize, &str, &str)>> = HashMap::new();
        let mut notes: HashMap<usize, Vec<(usize, &str)>> = HashMap::new();
        let mut rels: HashMap<usize, Vec<(usize, &str, usize)>> = HashMap::new();
        let mut used: std::collections::HashSet<usize> = std::collections::HashSet::new();
        for (ln, l) in lines {
            let ln = *ln;
            let resolve = |s: &mut Self, t: &str| -> Option<usize> {
                let i = s.by_id.get(t).copied();
                if i.is_none() {
                    s.err(ln, format!("`{t}` is not a text-bound annotation of this file"));
                }
                i
            };
            match l {
                Line::Attr { target, name, value } => {
                    if let Some(i) = resolve(self, target) {
                        attrs.entry(i).or_default().push((ln, name, value.as_deref()));
                    }
                }
                Line::Norm { target, db, id } => {
                    if let Some(i) = resolve(self, target) {
                        refs.entry(i).or_default().push((ln, db, id));
                    }
                }
                Line::Note { target, text } => {
                    if let Some(i) = resolve(self, target) {
                        notes.entry(i).or_default().push((ln, text));
                    }
                }
                Line::Rel { ty, arg1, arg2 } => {
                    if let (Some(a), Some(b)) = (resolve(self, arg1), resolve(self, arg2)) {
                        rels.entry(a).or_default().push((ln, ty, b));
                        used.insert(b);
                    }
                }
                Line::Text { .. } => {}
            }
        }
        let current = self.doc.annotations();
        let mut file = AnnotationFile {
            schema: current.schema.clone(),
            schema_version: current.schema_version.clone(),
            document: self.doc.id().to_string(),
            entities: Vec::new(),
            claims: Vec::new(),
            stances: Vec::new(),
            document_stances: current.document_stances.clone(),
            exceptions: current.exceptions.clone(),
        };
        let mut ids: HashMap<usize, String> = HashMap::new();
        // First pass: ids from notes, so that relations can name them.
        let mut note_of: HashMap<usize, serde_json::Map<String, serde_json::Value>> = HashMap::new();
        for (&i, k) in &kinds {
            let mut merged = serde_json::Map::new();
            for &(ln, text) in notes.get(&i).map(Vec::as_slice).unwrap_or_default() {
                // Notes that are not a JSON object are an annotator's own words, kept out of the data.
                if let Ok(serde_json::Value::Object(m)) = serde_json::from_str::<serde_json::Value>(text) {
                    if matches!(k, Kind::Cue | Kind::Source) {
                        self.err(ln, "a cue or source carries no data of its own".into());
                    }
                    merged.extend(m);
                }
            }
            if let Some(id) = merged.get("id").and_then(|v| v.as_str()) {
                ids.insert(i, id.to_string());
            }
            note_of.insert(i, merged);
        }
        let mut next: HashMap<char, usize> = HashMap::new();
        for id in ids.values() {
            let (p, n) = id.split_at(1);
            if let Ok(n) = n.parse::<usize>() {
                let e = next.entry(p.chars().next().unwrap_or('x')).or_insert(0);
                *e = (*e).max(n);
            }
        }
        for (&i, k) in &kinds {
            let prefix = match k {
                Kind::Mention(_) => 'e',
                Kind::Claim => 'c',
                Kind::Stance => 's',
                _ => continue,
            };
            ids.entry(i).or_insert_with(|| {
                let n = next.entry(prefix).or_insert(0);
                *n += 1;
                format!("{prefix}{n}")
            });
        }
        for (&i, &k) in &kinds {
            let (ln, Line::Text { id: tid, start, end, .. }) = &lines[i] else { continue };
            let (ln, start, end) = (*ln, *start, *end);
            let text = self.doc.get(crate::Span::new(start, end)).unwrap_or_default().to_string();
            let note = note_of.remove(&i).unwrap_or_default();
            let value = |s: &mut Self| -> Option<Value> {
                let v = note.get("value")?;
                match serde_json::from_value(v.clone()) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        s.err(ln, format!("{tid}: the value in its note is not a value: {e}"));
                        None
                    }
                }
            };
            let my_attrs = attrs.remove(&i).unwrap_or_default();
            let my_refs = refs.remove(&i).unwrap_or_default();
            let my_rels = rels.remove(&i).unwrap_or_default();
            let link = |s: &mut Self| -> Option<String> {
                let mut out = None;
                for &(ln, db, id) in &my_refs {
                    if db == WIKIPEDIA_DB {
                        // Derived from the registry's `wikipedia` links; the registry is not imported.
                        continue;
                    } else if db != DB {
                        s.err(ln, format!("the reference database is `{db}`; registry links use `{DB}:ID`"));
                    } else if corpus.entity(id).is_none() {
                        s.err(ln, format!("`{id}` is not an entity of annotations/entities.json"));
                    } else if out.replace(id.to_string()).is_some() {
                        s.err(ln, format!("{tid} has more than one registry link"));
                    }
                }
                out
            };
            let id = ids.get(&i).cloned().unwrap_or_default();
            match k {
                Kind::Mention(label) => {
                    self.no_extras(&my_attrs, &my_rels, tid);
                    let entity = link(self);
                    let value = value(self);
                    file.entities.push(EntityMention { id, start, end, text, label, entity, value });
                }
                Kind::Claim => {
                    let mut attribution = None;
                    let mut types = Vec::new();
                    let mut checkworthy = false;
                    let mut author = false;
                    for &(aln, name, v) in &my_attrs {
                        match (name, v) {
                            ("Attribution", Some(v)) => match serde_json::from_value::<Attribution>(v.into()) {
                                Ok(a) => attribution = Some(a),
                                Err(_) => self.err(aln, format!("`{v}` is not an attribution")),
                            },
                            ("Checkworthy", None) => checkworthy = true,
                            ("Authorial", None) => author = true,
                            (n, None) if n.starts_with("Type_") => {
                                match serde_json::from_value::<ClaimType>(n["Type_".len()..].into()) {
                                    Ok(t) => types.push(t),
                                    Err(_) => self.err(aln, format!("`{n}` is not a claim type")),
                                }
                            }
                            _ => self.err(aln, format!("`{name}` is not an attribute of a claim with that value")),
                        }
                    }
                    let mut cue = None;
                    let mut claimer = None;
                    for &(rln, ty, b) in &my_rels {
                        match ty {
                            "CueOf" if kinds.get(&b) == Some(&Kind::Cue) => cue = Some(self.span_of(b)),
                            "Claimer" => claimer = self.holder(rln, b, &kinds, &ids),
                            _ => self.err(rln, format!("a `{ty}` relation cannot start at a claim pointing there")),
                        }
                    }
                    let claimer = if author { Some(Claimer::Author) } else { claimer };
                    let Some(attribution) = attribution else {
                        self.err(ln, format!("{tid}: a claim needs an `Attribution` attribute"));
                        continue;
                    };
                    let proposition = note.get("proposition").and_then(|v| v.as_str()).map(str::to_string);
                    let value = value(self);
                    file.claims.push(Claim {
                        id,
                        start,
                        end,
                        text,
                        claimer: claimer.unwrap_or(Claimer::Unnamed { description: None }),
                        cue,
                        attribution,
                        types,
                        checkworthy,
                        proposition,
                        value,
                    });
                }
                Kind::Stance => {
                    let mut label = None;
                    let mut target = None;
                    let mut author = false;
                    for &(aln, name, v) in &my_attrs {
                        match (name, v) {
                            ("Polarity", Some(v)) => match StanceLabel::ALL.iter().find(|l| l.as_str() == v) {
                                Some(l) => label = Some(*l),
                                None => self.err(aln, format!("`{v}` is not a stance label")),
                            },
                            ("Target", Some(v)) => target = Some(StanceTarget::Target { id: v.to_string() }),
                            ("Authorial", None) => author = true,
                            _ => self.err(aln, format!("`{name}` is not an attribute of a stance with that value")),
                        }
                    }
                    let mut holder = None;
                    for &(rln, ty, b) in &my_rels {
                        match ty {
                            "TargetClaim" if kinds.get(&b) == Some(&Kind::Claim) => {
                                target = Some(StanceTarget::Claim { id: ids.get(&b).cloned().unwrap_or_default() })
                            }
                            "Holder" => holder = self.holder(rln, b, &kinds, &ids),
                            _ => self.err(rln, format!("a `{ty}` relation cannot start at a stance pointing there")),
                        }
                    }
                    if let Some(e) = link(self) {
                        target = Some(StanceTarget::Entity { id: e });
                    }
                    let holder = if author { Some(Claimer::Author) } else { holder };
                    let (Some(label), Some(target)) = (label, target) else {
                        self.err(ln, format!("{tid}: a stance needs a `Polarity` and a target (a `Target` attribute, a `TargetClaim` relation or an entity reference)"));
                        continue;
                    };
                    file.stances.push(SpanStance {
                        id,
                        start,
                        end,
                        text,
                        holder: holder.unwrap_or(Claimer::Unnamed { description: None }),
                        target,
                        label,
                    });
                }
                Kind::Cue | Kind::Source => {
                    self.no_extras(&my_attrs, &my_rels, tid);
                    if !used.contains(&i) {
                        let what = if k == Kind::Cue { "claim (CueOf)" } else { "claim or stance (Claimer, Holder)" };
                        self.err(ln, format!("{tid}: no {what} relation points at this text-bound"));
                    }
                }
            }
        }
        file
    }

    fn no_extras(&mut self, attrs: &[Attr<'_>], rels: &[(usize, &str, usize)], tid: &str) {
        for &(ln, name, _) in attrs {
            self.err(ln, format!("`{name}` is not an attribute of {tid}'s type"));
        }
        for &(ln, ty, _) in rels {
            self.err(ln, format!("a `{ty}` relation cannot start at {tid}"));
        }
    }

    fn span_of(&self, i: usize) -> TextSpan {
        match &self.lines[i].1 {
            Line::Text { start, end, .. } => TextSpan {
                start: *start,
                end: *end,
                text: self.doc.get(crate::Span::new(*start, *end)).unwrap_or_default().to_string(),
            },
            _ => unreachable!("indices of text-bounds only"),
        }
    }

    fn holder(
        &mut self,
        ln: usize,
        b: usize,
        kinds: &BTreeMap<usize, Kind>,
        ids: &HashMap<usize, String>,
    ) -> Option<Claimer> {
        match kinds.get(&b) {
            Some(Kind::Source) => Some(Claimer::Unnamed { description: Some(self.span_of(b)) }),
            Some(Kind::Mention(_)) => {
                let mention = ids.get(&b).cloned().unwrap_or_default();
                // The claimer's entity is the one its mention links to (the validator checks it).
                let entity = self.lines.iter().find_map(|(_, l)| match l {
                    Line::Norm { target, db, id } if db == DB && self.by_id.get(target.as_str()) == Some(&b) => {
                        Some(id.clone())
                    }
                    _ => None,
                });
                match entity {
                    Some(entity) => Some(Claimer::Entity { entity, mention }),
                    None => {
                        self.err(ln, format!("the mention {mention} has no registry link (`Reference … {DB}:ID`)"));
                        None
                    }
                }
            }
            _ => {
                self.err(ln, "a claimer or holder is an entity mention or a `Source`".into());
                None
            }
        }
    }
}
