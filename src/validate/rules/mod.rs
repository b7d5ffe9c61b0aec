//! The semantic rules, one module per layer, over a per-file diagnostic builder.
//!
//! Why it is laid out this way: a rule is a few lines in the module of the layer it checks
//! ([`documents`]: texts, regions and spans; [`entities`]; [`claims`]; [`stance`];
//! [`registries`]; [`facts`]: reference values and links), written against [`FileDiags`], which locates a JSON pointer in the file it
//! reports on. The same layer functions check an annotation file of a corpus and a document
//! record of a JSONL export (whose pointers [`FileDiags::record`] translates), so a JSONL line gets
//! every rule a corpus file gets. Adding a rule touches its layer's module and one fixture under
//! `tests/fixtures/validate/`.
//!
//! The order the checks run in: each file's encoding, syntax, schema and typed parse ([`parse`]);
//! the manifest and texts; the registries; each annotation file; corpus-wide rules.

pub(crate) mod claims;
pub(crate) mod documents;
pub(crate) mod entities;
pub(crate) mod facts;
pub(crate) mod registries;
pub(crate) mod stance;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::de::DeserializeOwned;

use super::diagnostic::{Code, Diagnostic, Report};
use super::schema::FileKind;
use super::Source;
use crate::corpus::paths;
use crate::error::{Error, ErrorKind};
use crate::model::{AnnotationFile, EntityRegistry, Manifest, PropositionRegistry, TargetRegistry};
use documents::DocText;
use registries::Registries;

/// The diagnostics of one file (or one line of a JSONL file), each located by JSON pointer in the
/// file's source.
pub(crate) struct FileDiags {
    /// The file as reported.
    pub path: String,
    /// Its source text (empty for a file that could not be read as text).
    pub src: String,
    /// The line of the file on which `src` starts (1 for a file, N for line N of a JSONL file).
    first_line: usize,
    /// Rewrites a pointer into the model to the pointer of the same value in this file.
    translate: fn(&str) -> String,
    /// What was found so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileDiags {
    /// The builder of a whole file.
    pub fn new(path: &str, src: String) -> FileDiags {
        FileDiags { path: path.to_string(), src, first_line: 1, translate: str::to_string, diagnostics: Vec::new() }
    }

    /// The builder of line `line` of a JSONL file, whose record spells the model's pointers as
    /// `translate` says.
    pub fn record(path: &str, line: usize, src: &str, translate: fn(&str) -> String) -> FileDiags {
        FileDiags { path: path.to_string(), src: src.to_string(), first_line: line, translate, diagnostics: Vec::new() }
    }

    /// A diagnostic at the value `pointer` names (a pointer into the model; the nearest existing
    /// ancestor when the value is absent).
    pub fn at(&mut self, code: Code, pointer: &str, message: String, hint: Option<&str>) {
        let pointer = (self.translate)(pointer);
        let d = Diagnostic::new(code, &self.path, message).at_value(&self.src, &pointer);
        self.add(d, hint);
    }

    /// A diagnostic at a line and column of the source (1-based, column in characters), with an
    /// excerpt if there is one.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        code: Code,
        line: usize,
        column: usize,
        pointer: &str,
        message: String,
        hint: Option<&str>,
        excerpt: Option<(String, std::ops::Range<usize>)>,
    ) {
        let mut d = Diagnostic::new(code, &self.path, message);
        d.position = d.position.with_line_column(line, column).with_pointer(pointer);
        d.excerpt = excerpt;
        self.add(d, hint);
    }

    /// Adds `d`, moved to this builder's first line (a JSONL record's line), with its hint.
    fn add(&mut self, d: Diagnostic, hint: Option<&str>) {
        let line = d.line() + self.first_line - 1;
        let d = d.on_line(line);
        self.diagnostics.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }

    /// Attaches the values of its finding to the diagnostic just added, for the rules a reader
    /// reports with values ([`Diagnostic::error_kind`]).
    pub fn with_kind(&mut self, kind: ErrorKind) {
        if let Some(d) = self.diagnostics.pop() {
            self.diagnostics.push(d.with_kind(kind));
        }
    }

    /// The number of diagnostics so far, to tell whether a check added one.
    pub fn count(&self) -> usize {
        self.diagnostics.len()
    }
}

/// A file that parsed: its diagnostics builder and its typed content.
pub(crate) struct Parsed<T> {
    pub file: FileDiags,
    pub value: T,
}

/// Encoding, syntax, schema and typed parse of one JSON file; the file's diagnostics when any of
/// them fails.
pub(crate) fn parse<T: DeserializeOwned>(path: &str, bytes: &[u8], kind: FileKind) -> Result<Parsed<T>, FileDiags> {
    let src = match crate::corpus::json_text(bytes, path) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let (hint, excerpt) = match e.kind() {
                ErrorKind::Utf8 { valid_up_to } => {
                    ("save the file as UTF-8", documents::invalid_utf8_excerpt(bytes, *valid_up_to))
                }
                _ => {
                    let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                    let first = String::from_utf8_lossy(rest).lines().next().unwrap_or_default().to_string();
                    ("save the file as UTF-8 without BOM", (first, 0..0))
                }
            };
            let (line, column) = (e.position().line.unwrap_or(1), e.position().column.unwrap_or(1));
            let code = e.kind().code().expect("an encoding error names its rule");
            let mut f = FileDiags::new(path, String::new());
            f.push(code, line, column, "", e.message().to_string(), Some(hint), Some(excerpt));
            f.with_kind(e.into_kind());
            return Err(f);
        }
    };
    let mut f = FileDiags::new(path, src);
    let json: serde_json::Value = match serde_json::from_str(&f.src) {
        Ok(v) => v,
        Err(e) => {
            let msg = crate::error::json_message(&e);
            let hint = if f.src.trim().is_empty() {
                "the file is empty; an annotation file holds at least {\"schema_version\": ..., \"document\": ...}"
            } else {
                "fix the JSON syntax at this position (a missing comma, bracket or quote, or a truncated file)"
            };
            let d =
                Diagnostic::new(Code::InvalidJson, path, format!("not valid JSON: {msg}")).at_json_error(&f.src, &e);
            f.add(d, Some(hint));
            return Err(f);
        }
    };
    let mut failed = false;
    let mut anchored = HashSet::new();
    for err in kind.validator().iter_errors(&json) {
        failed = true;
        let pointer = err.instance_path().as_str().to_string();
        if json.pointer(&pointer).is_some_and(registries::is_anchored) {
            if anchored.insert(pointer.clone()) {
                registries::anchored_span(&mut f, &pointer);
            }
            continue;
        }
        let (message, hint) = registries::schema_finding(&err, kind);
        f.at(Code::SchemaViolation, &pointer, message, Some(&hint));
    }
    if failed {
        return Err(f);
    }
    drop(json);
    // Parsed from the text (not the value) so that a failure, such as a number too large for the
    // model, is located where it is.
    match serde_json::from_str::<T>(&f.src) {
        Ok(value) => Ok(Parsed { file: f, value }),
        Err(e) => {
            let msg = crate::error::json_message(&e);
            let d = Diagnostic::new(Code::SchemaViolation, path, format!("unexpected shape: {msg}"))
                .at_json_error(&f.src, &e);
            f.add(d, None);
            Err(f)
        }
    }
}

/// What the rules may assume about the data around a document.
#[derive(Clone, Copy)]
pub(crate) struct Scope {
    /// The registries are the corpus's (with aliases), so W103 applies.
    pub aliases: bool,
    /// The document's `exceptions` are known, so the repeat sweep (W101) applies.
    pub sweep: bool,
}

impl Scope {
    /// An annotation file of a corpus.
    pub const CORPUS: Scope = Scope { aliases: true, sweep: true };
    /// A self-contained JSONL record: registries hold only what the record resolves, without
    /// aliases, and the record does not carry the exceptions to the repeat sweep.
    pub const RECORD: Scope = Scope { aliases: false, sweep: false };
}

/// Every per-document rule, layer by layer: ids, entities, claims, stances, exceptions.
pub(crate) fn check_document(
    f: &mut FileDiags,
    a: &AnnotationFile,
    doc: &DocText<'_>,
    reg: &Registries<'_>,
    scope: Scope,
) {
    check_ids(f, a);
    let mentions = entities::check(f, a, doc, reg, scope);
    claims::check(f, a, doc, reg, &mentions);
    stance::check(f, a, doc, reg, &mentions);
    for (i, e) in a.exceptions.iter().enumerate() {
        let span = crate::model::Span::new(e.start, e.end);
        documents::check_span(f, &doc.text, &doc.annotated, &format!("/exceptions/{i}"), span, Some(&e.text));
    }
    if scope.sweep {
        entities::sweep_repeats(f, a, doc);
    }
}

/// E017: ids unique within the document, across its layers.
fn check_ids(f: &mut FileDiags, a: &AnnotationFile) {
    let mut ids: HashMap<&str, String> = HashMap::new();
    let all_ids = a
        .entities
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), format!("/entities/{i}")))
        .chain(a.claims.iter().enumerate().map(|(i, c)| (c.id.as_str(), format!("/claims/{i}"))))
        .chain(a.stances.iter().enumerate().map(|(i, s)| (s.id.as_str(), format!("/stances/{i}"))));
    let taken: HashSet<&str> =
        a.entities.iter().map(|m| m.id.as_str()).chain(a.claims.iter().map(|c| c.id.as_str())).collect();
    let taken: HashSet<&str> = taken.into_iter().chain(a.stances.iter().map(|s| s.id.as_str())).collect();
    for (id, base) in all_ids {
        if let Some(first) = ids.get(id) {
            let first = (f.translate)(first);
            let msg = format!("id `{id}` is used twice in this document (first at {first})");
            let hint = format!(
                "ids are unique within a document, across entities, claims and stances: give this one an unused \
                 id, e.g. `{}`, and update the claimers, holders and evidence that mean it",
                next_free(id, &taken)
            );
            f.at(Code::DuplicateId, &format!("{base}/id"), msg, Some(&hint));
            f.with_kind(ErrorKind::DuplicateId { id: id.to_string() });
        } else {
            ids.insert(id, base);
        }
    }
}

/// The first id of the form `<prefix><n>` (the prefix of `id` before its digits) not in `taken`.
fn next_free(id: &str, taken: &HashSet<&str>) -> String {
    let prefix = id.trim_end_matches(|c: char| c.is_ascii_digit());
    let prefix = if prefix.is_empty() { "x" } else { prefix };
    (1..).map(|n| format!("{prefix}{n}")).find(|c| !taken.contains(c.as_str())).unwrap_or_default()
}

/// What the checks read, for a reader to build its corpus from (nothing is parsed twice).
pub(crate) struct Parts {
    /// The manifest, when it parsed.
    pub manifest: Option<Manifest>,
    /// The texts that could be read, by document id.
    pub texts: BTreeMap<String, DocText<'static>>,
    /// The registries that parsed.
    pub entities: Option<EntityRegistry>,
    /// See `entities`.
    pub propositions: Option<PropositionRegistry>,
    /// See `entities`.
    pub targets: Option<TargetRegistry>,
    /// The annotation files that parsed.
    pub annotations: Vec<AnnotationFile>,
}

pub(super) fn validate(source: &dyn Source, given: Option<Vec<(String, Vec<u8>)>>) -> Result<Report, Error> {
    check_corpus(source, given).map(|(report, _)| report)
}

/// Runs every check on the files of `source` (or only the `given` annotation and registry files
/// against the source's texts); the report, and what was read.
pub(super) fn check_corpus(
    source: &dyn Source,
    given: Option<Vec<(String, Vec<u8>)>>,
) -> Result<(Report, Parts), Error> {
    let mut report = Report::default();
    let mut done = |f: FileDiags| report.diagnostics.extend(f.diagnostics);
    let whole_corpus = given.is_none();
    let mut given_registries: HashMap<FileKind, (String, Vec<u8>)> = HashMap::new();
    let mut given_annotations = Vec::new();
    if let Some(given) = given {
        for (path, bytes) in given {
            match FileKind::of_path(&path) {
                Some(FileKind::Annotation) | None => given_annotations.push((path, bytes)),
                Some(kind) => {
                    given_registries.insert(kind, (path, bytes));
                }
            }
        }
    }

    // The manifest and the texts.
    let manifest_file = match given_registries.remove(&FileKind::Manifest) {
        Some(given) => Some(given),
        None => source.read(paths::MANIFEST)?.map(|b| (paths::MANIFEST.to_string(), b)),
    };
    let mut manifest: Option<Parsed<Manifest>> = match manifest_file {
        Some((path, bytes)) => parse(&path, &bytes, FileKind::Manifest).map_err(&mut done).ok(),
        None => {
            let mut f = FileDiags::new(paths::MANIFEST, String::new());
            f.push(
                Code::MissingFile,
                1,
                1,
                "",
                "the corpus root has no corpus/manifest.json".into(),
                Some("run from the corpus root or pass --root DIR"),
                None,
            );
            f.with_kind(ErrorKind::MissingFile { path: paths::MANIFEST.to_string() });
            done(f);
            None
        }
    };
    let mut docs: BTreeMap<String, DocText<'static>> = BTreeMap::new();
    if let Some(m) = &mut manifest {
        for text_file in documents::check_manifest(m, source, &mut docs)? {
            done(text_file);
        }
    }

    // Registries.
    let mut registry = |kind: FileKind, path: &str| -> Result<Option<(String, Vec<u8>)>, Error> {
        Ok(match given_registries.remove(&kind) {
            Some(given) => Some(given),
            None => source.read(path)?.map(|b| (path.to_string(), b)),
        })
    };
    let entities: Option<Parsed<EntityRegistry>> = registry(FileKind::Entities, paths::ENTITIES)?
        .and_then(|(p, b)| parse(&p, &b, FileKind::Entities).map_err(&mut done).ok());
    let propositions: Option<Parsed<PropositionRegistry>> = registry(FileKind::Propositions, paths::PROPOSITIONS)?
        .and_then(|(p, b)| parse(&p, &b, FileKind::Propositions).map_err(&mut done).ok());
    let targets: Option<Parsed<TargetRegistry>> = registry(FileKind::Targets, paths::TARGETS)?
        .and_then(|(p, b)| parse(&p, &b, FileKind::Targets).map_err(&mut done).ok());
    let (mut entities, mut propositions, mut targets) = (entities, propositions, targets);
    registries::check_ids(entities.as_mut(), propositions.as_mut(), targets.as_mut());
    if let Some(r) = entities.as_mut() {
        facts::links(r);
    }
    if let Some(r) = propositions.as_mut() {
        facts::references(r);
    }

    // Annotation files.
    let files = if whole_corpus {
        let mut files = Vec::new();
        for path in source.annotation_files()? {
            if matches!(FileKind::of_path(&path), Some(FileKind::Annotation)) {
                if let Some(bytes) = source.read(&path)? {
                    files.push((path, bytes));
                }
            }
        }
        files
    } else {
        given_annotations
    };
    let mut annotated: Vec<Parsed<AnnotationFile>> = Vec::new();
    let mut all_parsed = true;
    {
        let reg = Registries::of(
            entities.as_ref().map(|r| &r.value),
            propositions.as_ref().map(|r| &r.value),
            targets.as_ref().map(|r| &r.value),
        );
        for (path, bytes) in &files {
            match parse::<AnnotationFile>(path, bytes, FileKind::Annotation) {
                Ok(mut p) => {
                    if let Some(doc) = documents::check_annotation_file(&mut p, &docs) {
                        check_document(&mut p.file, &p.value, doc, &reg, Scope::CORPUS);
                    }
                    annotated.push(p);
                }
                Err(f) => {
                    all_parsed = false;
                    done(f);
                }
            }
        }
    }

    // Corpus-wide rules, which need every annotation file: a file that did not parse would make
    // them report noise (every entity it links would look unused).
    if whole_corpus && all_parsed {
        let files: Vec<&AnnotationFile> = annotated.iter().map(|a| &a.value).collect();
        if let (Some(m), Some(t)) = (&mut manifest, &targets) {
            stance::check_missing_files(m, &t.value, &files, &docs);
        }
        registries::check_unused(entities.as_mut(), propositions.as_mut(), &files);
    }
    // Each parsed file: its diagnostics to the report, its value to the parts.
    fn keep<T>(p: Parsed<T>, done: &mut impl FnMut(FileDiags)) -> T {
        done(p.file);
        p.value
    }
    let parts = Parts {
        annotations: annotated.into_iter().map(|p| keep(p, &mut done)).collect(),
        manifest: manifest.map(|p| keep(p, &mut done)),
        entities: entities.map(|p| keep(p, &mut done)),
        propositions: propositions.map(|p| keep(p, &mut done)),
        targets: targets.map(|p| keep(p, &mut done)),
        texts: docs,
    };
    report.sort();
    Ok((report, parts))
}
