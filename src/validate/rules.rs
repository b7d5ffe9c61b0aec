//! The checks, in the order they run: each file's encoding, syntax and schema; the manifest and
//! texts; the registries; each annotation file's spans and references; corpus-wide rules.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::diagnostic::{Code, Diagnostic, Report};
use super::locate::line_col;
use super::schema::FileKind;
use super::Source;
use crate::corpus::paths;
use crate::error::Error;
use crate::model::{
    AnnotationFile, Claimer, EntityRegistry, Label, Manifest, PropositionRegistry, RegionKind, Span, StanceTarget,
    TargetRegistry,
};
use crate::text::Text;

/// A parsed file: its path as reported, its source text and its typed content.
struct Parsed<T> {
    path: String,
    src: String,
    value: T,
}

struct Ctx {
    report: Report,
}

impl Ctx {
    /// A diagnostic located at `pointer` in `src`.
    fn at(&mut self, code: Code, path: &str, src: &str, pointer: &str, message: String, hint: Option<&str>) {
        let d = Diagnostic::new(code, path, message).at_value(src, pointer);
        self.report.diagnostics.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }

    /// A diagnostic about the whole file, or at line 1 column 1.
    fn whole(&mut self, code: Code, path: &str, message: String, hint: Option<&str>) {
        let d = Diagnostic::new(code, path, message);
        self.report.diagnostics.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }

    /// Encoding, syntax, schema and typed parse of one JSON file; `None` when any of them fails.
    fn parse<T: DeserializeOwned>(&mut self, path: &str, bytes: &[u8], kind: FileKind) -> Option<Parsed<T>> {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            self.whole(
                Code::ByteOrderMark,
                path,
                "the file starts with a UTF-8 byte-order mark".into(),
                Some("save the file as UTF-8 without BOM"),
            );
            return None;
        }
        let src = match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(e) => {
                let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
                let d = Diagnostic::new(Code::InvalidUtf8, path, format!("invalid UTF-8 at byte {}", e.valid_up_to()))
                    .at_byte(&valid, valid.len())
                    .with_hint("save the file as UTF-8");
                self.report.diagnostics.push(d);
                return None;
            }
        };
        let json: serde_json::Value = match serde_json::from_str(&src) {
            Ok(v) => v,
            Err(e) => {
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
                let hint = if src.trim().is_empty() {
                    "the file is empty; an annotation file holds at least {\"schema_version\": ..., \"document\": ...}"
                } else {
                    "fix the JSON syntax at this position (a missing comma, bracket or quote, or a truncated file)"
                };
                let d = Diagnostic::new(Code::InvalidJson, path, format!("not valid JSON: {msg}"))
                    .at_json_error(&src, &e)
                    .with_hint(hint);
                self.report.diagnostics.push(d);
                return None;
            }
        };
        let mut failed = false;
        for err in kind.validator().iter_errors(&json) {
            failed = true;
            let pointer = err.instance_path().as_str().to_string();
            let hint = format!("see schema/{} for the expected shape", kind.schema_file());
            self.at(Code::SchemaViolation, path, &src, &pointer, schema_message(&err), Some(&hint));
        }
        if failed {
            return None;
        }
        drop(json);
        // Parsed from the text (not the value) so that a failure, such as a number too large for
        // the model, is located where it is.
        match serde_json::from_str::<T>(&src) {
            Ok(value) => Some(Parsed { path: path.to_string(), src, value }),
            Err(e) => {
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
                let d = Diagnostic::new(Code::SchemaViolation, path, format!("unexpected shape: {msg}"))
                    .at_json_error(&src, &e);
                self.report.diagnostics.push(d);
                None
            }
        }
    }
}

fn schema_message(err: &jsonschema::ValidationError<'_>) -> String {
    let msg = err.to_string();
    // Keep messages short: a long instance is elided.
    if msg.chars().count() > 300 {
        format!("{}…", msg.chars().take(300).collect::<String>())
    } else {
        msg
    }
}

/// A document's text and record, as far as they could be read.
struct DocText {
    text: Text,
    /// Annotated (headline and body) regions.
    annotated: Vec<Span>,
    manifest_index: usize,
}

pub(super) fn validate(source: &dyn Source, given: Option<Vec<(String, Vec<u8>)>>) -> Result<Report, Error> {
    let mut ctx = Ctx { report: Report::default() };
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
    let manifest: Option<Parsed<Manifest>> = match given_registries.remove(&FileKind::Manifest) {
        Some((path, bytes)) => ctx.parse(&path, &bytes, FileKind::Manifest),
        None => match source.read(paths::MANIFEST)? {
            Some(bytes) => ctx.parse(paths::MANIFEST, &bytes, FileKind::Manifest),
            None => {
                ctx.whole(
                    Code::MissingFile,
                    paths::MANIFEST,
                    "the corpus root has no corpus/manifest.json".into(),
                    Some("run from the corpus root or pass --root DIR"),
                );
                None
            }
        },
    };
    let mut docs: BTreeMap<String, DocText> = BTreeMap::new();
    if let Some(m) = &manifest {
        check_manifest(&mut ctx, source, m, &mut docs)?;
    }

    // Registries.
    let mut registry = |kind: FileKind, path: &str| -> Result<Option<(String, Vec<u8>)>, Error> {
        Ok(match given_registries.remove(&kind) {
            Some(given) => Some(given),
            None => source.read(path)?.map(|b| (path.to_string(), b)),
        })
    };
    let entities: Option<Parsed<EntityRegistry>> = match registry(FileKind::Entities, paths::ENTITIES)? {
        Some((p, b)) => ctx.parse(&p, &b, FileKind::Entities),
        None => None,
    };
    let propositions: Option<Parsed<PropositionRegistry>> = match registry(FileKind::Propositions, paths::PROPOSITIONS)?
    {
        Some((p, b)) => ctx.parse(&p, &b, FileKind::Propositions),
        None => None,
    };
    let targets: Option<Parsed<TargetRegistry>> = match registry(FileKind::Targets, paths::TARGETS)? {
        Some((p, b)) => ctx.parse(&p, &b, FileKind::Targets),
        None => None,
    };
    if let Some(r) = &entities {
        dup_ids(&mut ctx, r, r.value.entities.iter().map(|e| e.id.as_str()), "/entities", "entity");
    }
    if let Some(r) = &propositions {
        dup_ids(&mut ctx, r, r.value.propositions.iter().map(|e| e.id.as_str()), "/propositions", "proposition");
    }
    if let Some(r) = &targets {
        dup_ids(&mut ctx, r, r.value.targets.iter().map(|e| e.id.as_str()), "/targets", "target");
    }
    let reg = Registries {
        entities: entities.as_ref().map(|r| r.value.entities.iter().map(|e| (e.id.as_str(), e)).collect()),
        propositions: propositions.as_ref().map(|r| r.value.propositions.iter().map(|p| (p.id.as_str(), p)).collect()),
        targets: targets.as_ref().map(|r| r.value.targets.iter().map(|t| t.id.as_str()).collect()),
    };

    // Annotation files.
    let mut files = Vec::new();
    if whole_corpus {
        for path in source.annotation_files()? {
            if matches!(FileKind::of_path(&path), Some(FileKind::Annotation)) {
                if let Some(bytes) = source.read(&path)? {
                    files.push((path, bytes));
                }
            }
        }
    } else {
        files = given_annotations;
    }
    let mut annotated: Vec<Parsed<AnnotationFile>> = Vec::new();
    let mut all_parsed = true;
    for (path, bytes) in &files {
        match ctx.parse::<AnnotationFile>(path, bytes, FileKind::Annotation) {
            Some(p) => {
                check_annotation(&mut ctx, &p, &docs, &reg);
                annotated.push(p);
            }
            None => all_parsed = false,
        }
    }

    // Corpus-wide rules, which need every annotation file: a file that did not parse would make
    // them report noise (every entity it links would look unused).
    if whole_corpus && all_parsed {
        if let (Some(m), Some(t)) = (&manifest, &targets) {
            let with_file: HashSet<&str> = annotated.iter().map(|a| a.value.document.as_str()).collect();
            for (i, d) in m.value.documents.iter().enumerate() {
                if !with_file.contains(d.id.as_str()) && docs.contains_key(&d.id) && !t.value.targets.is_empty() {
                    ctx.at(
                        Code::MissingDocumentStance,
                        &m.path,
                        &m.src,
                        &format!("/documents/{i}"),
                        format!("document `{}` has no annotation file, so no stance for the registered targets", d.id),
                        Some("add annotations/<id>.json with a document stance per target"),
                    );
                }
            }
        }
        if let Some(r) = &entities {
            let used: HashSet<&str> =
                annotated.iter().flat_map(|a| a.value.entities.iter().filter_map(|m| m.entity.as_deref())).collect();
            let ids = r.value.entities.iter().map(|e| e.id.as_str());
            unused(
                &mut ctx,
                r,
                ids,
                &used,
                "/entities",
                ("registry entity", "is not linked from any mention"),
                "remove the entry, or link the mentions that refer to it",
            );
        }
        if let Some(r) = &propositions {
            let used: HashSet<&str> =
                annotated.iter().flat_map(|a| a.value.claims.iter().filter_map(|c| c.proposition.as_deref())).collect();
            let ids = r.value.propositions.iter().map(|p| p.id.as_str());
            unused(
                &mut ctx,
                r,
                ids,
                &used,
                "/propositions",
                ("proposition", "is not answered by any claim"),
                "remove it, or set `proposition` on the claims that answer it",
            );
        }
    }
    ctx.report.sort();
    Ok(ctx.report)
}

struct Registries<'a> {
    entities: Option<HashMap<&'a str, &'a crate::model::RegistryEntity>>,
    propositions: Option<HashMap<&'a str, &'a crate::model::Proposition>>,
    targets: Option<HashSet<&'a str>>,
}

/// W102 for every registry id nothing refers to.
fn unused<'a, T>(
    ctx: &mut Ctx,
    file: &Parsed<T>,
    ids: impl Iterator<Item = &'a str>,
    used: &HashSet<&str>,
    base: &str,
    (what, why): (&str, &str),
    hint: &str,
) {
    for (i, id) in ids.enumerate() {
        if !used.contains(id) {
            let msg = format!("{what} `{id}` {why}");
            ctx.at(Code::UnusedRegistryEntry, &file.path, &file.src, &format!("{base}/{i}/id"), msg, Some(hint));
        }
    }
}

fn dup_ids<'a, T>(ctx: &mut Ctx, file: &Parsed<T>, ids: impl Iterator<Item = &'a str>, base: &str, what: &str) {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, i) {
            ctx.at(
                Code::DuplicateId,
                &file.path,
                &file.src,
                &format!("{base}/{i}/id"),
                format!("{what} id `{id}` is used twice (first at {base}/{first})"),
                Some("ids must be unique; rename or merge the entries"),
            );
        }
    }
}

fn check_manifest(
    ctx: &mut Ctx,
    source: &dyn Source,
    m: &Parsed<Manifest>,
    docs: &mut BTreeMap<String, DocText>,
) -> Result<(), Error> {
    let mut seen = HashMap::new();
    for (i, d) in m.value.documents.iter().enumerate() {
        let base = format!("/documents/{i}");
        if let Some(first) = seen.insert(d.id.clone(), i) {
            ctx.at(
                Code::DuplicateId,
                &m.path,
                &m.src,
                &format!("{base}/id"),
                format!("document id `{}` is used twice (first at /documents/{first})", d.id),
                Some("document ids must be unique"),
            );
            continue;
        }
        let text_path = paths::text(&d.source_file);
        let Some(bytes) = source.read(&text_path)? else {
            ctx.at(
                Code::MissingFile,
                &m.path,
                &m.src,
                &format!("{base}/source_file"),
                format!("the text {text_path} is missing"),
                Some("copy the seed file into corpus/texts/ byte for byte"),
            );
            continue;
        };
        let digest: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        if digest != d.sha256 {
            ctx.at(
                Code::TextHashMismatch,
                &m.path,
                &m.src,
                &format!("{base}/sha256"),
                format!("{text_path} has SHA-256 {digest}, the manifest says {}", d.sha256),
                Some("texts ship byte for byte: restore the seed file; if the seed itself changed, update the record and bump the major version"),
            );
        }
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            ctx.whole(
                Code::TextFormat,
                &text_path,
                "the text starts with a byte-order mark".into(),
                Some("restore the seed file"),
            );
        }
        let Ok(text) = String::from_utf8(bytes) else {
            ctx.whole(
                Code::InvalidUtf8,
                &text_path,
                "the text is not valid UTF-8".into(),
                Some("restore the seed file"),
            );
            continue;
        };
        if let Some(b) = text.find('\r') {
            let (line, column) = line_col(&text, b);
            let mut d = Diagnostic::new(
                Code::TextFormat,
                &text_path,
                "the text has a carriage return (CRLF line endings); texts use LF",
            )
            .with_hint("restore the seed file (check git's core.autocrlf)");
            d.position = d.position.with_line_column(line, column);
            ctx.report.diagnostics.push(d);
        }
        let text = Text::new(text);
        if text.len_chars() != d.chars || text.len_bytes() != d.bytes {
            ctx.at(
                Code::TextLengthMismatch,
                &m.path,
                &m.src,
                &format!("{base}/chars"),
                format!(
                    "{text_path} has {} characters and {} bytes, the manifest says {} and {}",
                    text.len_chars(),
                    text.len_bytes(),
                    d.chars,
                    d.bytes
                ),
                Some("restore the seed file, or correct the record"),
            );
        }
        // Regions tile the text.
        let mut expected = 0;
        for (j, r) in d.regions.iter().enumerate() {
            let p = format!("{base}/regions/{j}");
            if r.start != expected || r.end <= r.start {
                ctx.at(
                    Code::RegionTiling,
                    &m.path,
                    &m.src,
                    &p,
                    format!("region {}..{} should start at {expected} and end after its start", r.start, r.end),
                    Some("regions tile the text in order, without gaps or overlaps"),
                );
            }
            if (r.kind == RegionKind::Boilerplate) == r.article.is_some() {
                ctx.at(
                    Code::RegionTiling,
                    &m.path,
                    &m.src,
                    &p,
                    format!(
                        "a {} region {} an article number",
                        r.kind.as_str(),
                        if r.article.is_some() { "has" } else { "lacks" }
                    ),
                    Some("headline and body regions carry `article`; boilerplate does not"),
                );
            }
            expected = r.end.max(expected);
        }
        if expected != text.len_chars() {
            ctx.at(
                Code::RegionTiling,
                &m.path,
                &m.src,
                &format!("{base}/regions"),
                format!("regions end at {expected} but the text has {} characters", text.len_chars()),
                Some("the last region ends at the end of the text"),
            );
        }
        // Evidence spans of metadata and quality flags.
        let meta = [("author", &d.author), ("publisher", &d.publisher), ("url", &d.url), ("date", &d.date)];
        for (name, field) in meta {
            if let Some(f) = field {
                check_span(
                    ctx,
                    m,
                    &text,
                    &[],
                    &format!("{base}/{name}/evidence"),
                    f.evidence.span(),
                    Some(&f.evidence.text),
                );
            }
        }
        for (j, flag) in d.quality_flags.iter().enumerate() {
            for (k, e) in flag.evidence.iter().enumerate() {
                check_span(
                    ctx,
                    m,
                    &text,
                    &[],
                    &format!("{base}/quality_flags/{j}/evidence/{k}"),
                    e.span(),
                    Some(&e.text),
                );
            }
        }
        let annotated = d.regions.iter().filter(|r| r.kind.is_annotated()).map(|r| r.span()).collect();
        docs.insert(d.id.clone(), DocText { text, annotated, manifest_index: i });
    }
    Ok(())
}

/// Range, emptiness, text, whitespace and (when `regions` is not empty) region checks of one span.
/// Returns true when the span is usable (in range).
fn check_span<T>(
    ctx: &mut Ctx,
    file: &Parsed<T>,
    text: &Text,
    regions: &[Span],
    pointer: &str,
    span: Span,
    surface: Option<&str>,
) -> bool {
    let len = text.len_chars();
    if span.end > len {
        ctx.at(
            Code::SpanOutOfRange,
            &file.path,
            &file.src,
            pointer,
            format!("span {}..{} ends beyond the text ({len} characters)", span.start, span.end),
            Some("offsets are Unicode code points, half-open: 0 <= start < end <= length"),
        );
        return false;
    }
    if span.start >= span.end {
        ctx.at(
            Code::SpanEmpty,
            &file.path,
            &file.src,
            pointer,
            format!("span {}..{} is empty or reversed", span.start, span.end),
            Some("end is one past the last character: start < end"),
        );
        return false;
    }
    let slice = text.get(span).unwrap_or_default();
    if let Some(surface) = surface {
        if slice != surface {
            let hint = match text.as_str().match_indices(surface).count() {
                0 => "the text does not contain this string; correct `text` or the offsets".to_string(),
                _ => {
                    let cp =
                        text.as_str().match_indices(surface).map(|(b, _)| text.char_offset_from_byte(b).unwrap_or(0));
                    let near = cp.min_by_key(|c| c.abs_diff(span.start)).unwrap_or(0);
                    format!(
                        "the nearest occurrence of this text is at {near}..{}; `crocus fmt` fills offsets from text",
                        near + surface.chars().count()
                    )
                }
            };
            ctx.at(
                Code::SpanTextMismatch,
                &file.path,
                &file.src,
                &format!("{pointer}/text"),
                format!("`text` is {surface:?} but the document has {slice:?} at {}..{}", span.start, span.end),
                Some(&hint),
            );
        }
    }
    if slice.starts_with(char::is_whitespace) || slice.ends_with(char::is_whitespace) {
        ctx.at(
            Code::SpanWhitespaceEdge,
            &file.path,
            &file.src,
            pointer,
            format!("span {}..{} {slice:?} starts or ends with whitespace", span.start, span.end),
            Some("trim the span to its first and last non-space characters"),
        );
    }
    if !regions.is_empty() && !regions.iter().any(|r| r.contains(&span)) {
        ctx.at(
            Code::SpanOutsideRegion,
            &file.path,
            &file.src,
            pointer,
            format!("span {}..{} is not inside one headline or body region", span.start, span.end),
            Some("boilerplate (credits, widgets, teasers) is not annotated; see the regions in corpus/manifest.json"),
        );
    }
    true
}

fn check_annotation(ctx: &mut Ctx, file: &Parsed<AnnotationFile>, docs: &BTreeMap<String, DocText>, reg: &Registries) {
    let a = &file.value;
    let stem = file.path.replace('\\', "/").rsplit('/').next().unwrap_or("").trim_end_matches(".json").to_string();
    if stem != a.document {
        ctx.at(
            Code::DocumentFileMismatch,
            &file.path,
            &file.src,
            "/document",
            format!("the file is named `{stem}.json` but annotates `{}`", a.document),
            Some("name the file after the document id: annotations/<document>.json"),
        );
    }
    let Some(doc) = docs.get(&a.document) else {
        ctx.at(
            Code::UnknownDocument,
            &file.path,
            &file.src,
            "/document",
            format!("document `{}` is not in the manifest", a.document),
            Some("use a document id from corpus/manifest.json"),
        );
        return;
    };
    let _ = doc.manifest_index;
    let text = &doc.text;
    let regions = &doc.annotated;

    // Ids unique within the document.
    let mut ids: HashMap<&str, String> = HashMap::new();
    let all_ids = a
        .entities
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), format!("/entities/{i}/id")))
        .chain(a.claims.iter().enumerate().map(|(i, c)| (c.id.as_str(), format!("/claims/{i}/id"))))
        .chain(a.stances.iter().enumerate().map(|(i, s)| (s.id.as_str(), format!("/stances/{i}/id"))));
    for (id, pointer) in all_ids {
        if let Some(first) = ids.get(id) {
            let msg = format!("id `{id}` is used twice in this document (first at {first})");
            ctx.at(Code::DuplicateId, &file.path, &file.src, &pointer, msg, Some("`crocus fmt` renumbers ids"));
        } else {
            ids.insert(id, pointer.trim_end_matches("/id").to_string());
        }
    }

    // Entities.
    let mut ok_spans: Vec<(Span, usize)> = Vec::new();
    for (i, m) in a.entities.iter().enumerate() {
        let p = format!("/entities/{i}");
        if check_span(ctx, file, text, regions, &p, m.span(), Some(&m.text)) {
            ok_spans.push((m.span(), i));
        }
        if m.label.is_named() {
            if m.value.is_some() {
                ctx.at(
                    Code::MisplacedLinkOrValue,
                    &file.path,
                    &file.src,
                    &format!("{p}/value"),
                    format!("{} is a named type and links to an entity; it carries no value", m.label),
                    Some("remove `value`"),
                );
            }
            match &m.entity {
                None => ctx.at(
                    Code::MissingLink,
                    &file.path,
                    &file.src,
                    &p,
                    format!("{} mention {:?} is not linked to a registry entity", m.label, m.text),
                    Some("add `entity` with an id from annotations/entities.json"),
                ),
                Some(id) => {
                    if let Some(entities) = &reg.entities {
                        match entities.get(id.as_str()) {
                            None => ctx.at(
                                Code::UnresolvedReference,
                                &file.path,
                                &file.src,
                                &format!("{p}/entity"),
                                format!("entity `{id}` is not in the registry"),
                                Some("add it to annotations/entities.json or fix the id"),
                            ),
                            Some(e) => {
                                if !m.label.compatible_with(e.kind) {
                                    ctx.at(
                                        Code::IncompatibleType,
                                        &file.path,
                                        &file.src,
                                        &format!("{p}/label"),
                                        format!("{} mention links to `{id}`, a {}", m.label, e.kind),
                                        Some(
                                            "labels must equal the entity's type (ORG/FAC and GPE/LOC are compatible)",
                                        ),
                                    );
                                }
                                let as_written = text.get(m.span()) == Some(m.text.as_str());
                                if as_written && !e.aliases.iter().any(|s| s == &m.text) {
                                    ctx.at(
                                        Code::MissingAlias,
                                        &file.path,
                                        &file.src,
                                        &format!("{p}/text"),
                                        format!("{:?} is not among the aliases of `{id}`", m.text),
                                        Some("add the surface form to the entity's aliases"),
                                    );
                                }
                            }
                        }
                    }
                }
            }
        } else {
            if m.entity.is_some() {
                ctx.at(
                    Code::MisplacedLinkOrValue,
                    &file.path,
                    &file.src,
                    &format!("{p}/entity"),
                    format!("{} is a numeric or temporal type; it carries a value, not an entity", m.label),
                    Some("remove `entity` and give `value`"),
                );
            }
            if m.value.is_none() {
                ctx.at(
                    Code::MissingValue,
                    &file.path,
                    &file.src,
                    &p,
                    format!("{} mention {:?} has no normalized value", m.label, m.text),
                    Some("add `value` (see GUIDELINES.md, normalized values)"),
                );
            }
        }
    }
    ok_spans.sort();
    for w in ok_spans.windows(2) {
        let ((a_span, ai), (b_span, bi)) = (w[0], w[1]);
        if a_span.overlaps(&b_span) {
            ctx.at(
                Code::EntityOverlap,
                &file.path,
                &file.src,
                &format!("/entities/{bi}"),
                format!(
                    "mention {}..{} overlaps /entities/{ai} ({}..{})",
                    b_span.start, b_span.end, a_span.start, a_span.end
                ),
                Some("entities are flat: keep one of the two, or split them"),
            );
        }
    }
    let mention_entity: HashMap<&str, Option<&str>> =
        a.entities.iter().map(|m| (m.id.as_str(), m.entity.as_deref())).collect();

    // Claims.
    let claim_ids: HashSet<&str> = a.claims.iter().map(|c| c.id.as_str()).collect();
    for (i, c) in a.claims.iter().enumerate() {
        let p = format!("/claims/{i}");
        check_span(ctx, file, text, regions, &p, c.span(), Some(&c.text));
        if let Some(cue) = &c.cue {
            check_span(ctx, file, text, regions, &format!("{p}/cue"), cue.span(), Some(&cue.text));
        }
        check_holder(ctx, file, text, regions, reg, &mention_entity, &c.claimer, &format!("{p}/claimer"));
        match (&c.proposition, &c.value) {
            (Some(pid), value) => {
                if let Some(props) = &reg.propositions {
                    match props.get(pid.as_str()) {
                        None => ctx.at(
                            Code::UnresolvedReference,
                            &file.path,
                            &file.src,
                            &format!("{p}/proposition"),
                            format!("proposition `{pid}` is not in the registry"),
                            Some("add it to annotations/propositions.json or fix the id"),
                        ),
                        Some(prop) => match value {
                            None => ctx.at(
                                Code::ClaimValueMismatch,
                                &file.path,
                                &file.src,
                                &p,
                                format!("the claim answers `{pid}` but gives no value"),
                                Some("add the normalized `value` the claim states"),
                            ),
                            Some(v) if !prop.value_kind.admits(v) => ctx.at(
                                Code::ClaimValueMismatch,
                                &file.path,
                                &file.src,
                                &format!("{p}/value"),
                                format!(
                                    "a `{}` value does not answer `{pid}`, which takes {:?}",
                                    v.kind(),
                                    prop.value_kind
                                ),
                                Some("use a value of the proposition's kind"),
                            ),
                            Some(_) => {}
                        },
                    }
                }
            }
            (None, Some(_)) => ctx.at(
                Code::ClaimValueMismatch,
                &file.path,
                &file.src,
                &format!("{p}/value"),
                "the claim has a value but no proposition".into(),
                Some("set `proposition`, or remove `value`"),
            ),
            (None, None) => {}
        }
    }

    // Span stances.
    let stance_ids: HashSet<&str> = a.stances.iter().map(|s| s.id.as_str()).collect();
    for (i, s) in a.stances.iter().enumerate() {
        let p = format!("/stances/{i}");
        check_span(ctx, file, text, regions, &p, s.span(), Some(&s.text));
        check_holder(ctx, file, text, regions, reg, &mention_entity, &s.holder, &format!("{p}/holder"));
        let (resolved, is_claim) = match &s.target {
            StanceTarget::Target { id } => (reg.targets.as_ref().is_none_or(|t| t.contains(id.as_str())), false),
            StanceTarget::Entity { id } => (reg.entities.as_ref().is_none_or(|e| e.contains_key(id.as_str())), false),
            StanceTarget::Claim { id } => (claim_ids.contains(id.as_str()), true),
        };
        if !resolved {
            ctx.at(
                Code::UnresolvedReference,
                &file.path,
                &file.src,
                &format!("{p}/target"),
                format!("stance target {} does not exist", s.target.display()),
                Some("targets are registry targets, registry entities, or claims of this document"),
            );
        }
        if s.label.is_claim_label() != is_claim {
            ctx.at(
                Code::StanceLabelMismatch,
                &file.path,
                &file.src,
                &format!("{p}/label"),
                format!("{} does not apply to {}", s.label.as_str(), s.target.display()),
                Some("toward a claim: SUPPORT, DENY, QUERY, COMMENT; otherwise FAVOR, AGAINST, NEUTRAL"),
            );
        }
    }

    // Document stances.
    let mut seen_targets: HashMap<&str, usize> = HashMap::new();
    for (i, ds) in a.document_stances.iter().enumerate() {
        let p = format!("/document_stances/{i}");
        if let Some(first) = seen_targets.insert(ds.target.as_str(), i) {
            ctx.at(
                Code::MissingDocumentStance,
                &file.path,
                &file.src,
                &format!("{p}/target"),
                format!("a second stance toward `{}` (first at /document_stances/{first})", ds.target),
                Some("one document stance per target"),
            );
        }
        if reg.targets.as_ref().is_some_and(|t| !t.contains(ds.target.as_str())) {
            ctx.at(
                Code::UnresolvedReference,
                &file.path,
                &file.src,
                &format!("{p}/target"),
                format!("target `{}` is not in the registry", ds.target),
                Some("use an id from annotations/targets.json"),
            );
        }
        for (j, e) in ds.evidence.iter().enumerate() {
            if !stance_ids.contains(e.as_str()) {
                ctx.at(
                    Code::UnresolvedReference,
                    &file.path,
                    &file.src,
                    &format!("{p}/evidence/{j}"),
                    format!("evidence `{e}` is not a span stance of this document"),
                    Some("evidence lists ids from `stances`"),
                );
            }
        }
    }
    if let Some(targets) = &reg.targets {
        let mut missing: Vec<&str> = targets.iter().copied().filter(|t| !seen_targets.contains_key(t)).collect();
        missing.sort();
        for t in missing {
            ctx.at(
                Code::MissingDocumentStance,
                &file.path,
                &file.src,
                "/document_stances",
                format!("no document stance toward `{t}`"),
                Some("every document has a stance (FAVOR, AGAINST or NONE) for every registered target"),
            );
        }
    }

    // Exceptions, then the repeat sweep.
    for (i, e) in a.exceptions.iter().enumerate() {
        check_span(ctx, file, text, regions, &format!("/exceptions/{i}"), Span::new(e.start, e.end), Some(&e.text));
    }
    sweep_repeats(ctx, file, text, regions);
}

#[allow(clippy::too_many_arguments)]
fn check_holder(
    ctx: &mut Ctx,
    file: &Parsed<AnnotationFile>,
    text: &Text,
    regions: &[Span],
    reg: &Registries,
    mention_entity: &HashMap<&str, Option<&str>>,
    holder: &Claimer,
    p: &str,
) {
    match holder {
        Claimer::Author => {}
        Claimer::Unnamed { description } => {
            if let Some(d) = description {
                check_span(ctx, file, text, regions, &format!("{p}/description"), d.span(), Some(&d.text));
            }
        }
        Claimer::Entity { entity, mention } => {
            if reg.entities.as_ref().is_some_and(|e| !e.contains_key(entity.as_str())) {
                ctx.at(
                    Code::UnresolvedReference,
                    &file.path,
                    &file.src,
                    &format!("{p}/entity"),
                    format!("entity `{entity}` is not in the registry"),
                    Some("use an id from annotations/entities.json"),
                );
            }
            match mention_entity.get(mention.as_str()) {
                None => ctx.at(
                    Code::UnresolvedReference,
                    &file.path,
                    &file.src,
                    &format!("{p}/mention"),
                    format!("mention `{mention}` is not an entity mention of this document"),
                    Some("name the mention (e.g. `e12`) that names the source in this text"),
                ),
                Some(linked) if *linked != Some(entity.as_str()) => ctx.at(
                    Code::ClaimerMentionMismatch,
                    &file.path,
                    &file.src,
                    &format!("{p}/mention"),
                    format!("mention `{mention}` links to `{}`, not `{entity}`", linked.unwrap_or("nothing")),
                    Some("the mention must name the same entity as the claimer"),
                ),
                Some(_) => {}
            }
        }
    }
}

/// W101: another whole-word occurrence of an annotated entity surface string, in a headline or
/// body region, that no mention covers and no exception lists.
fn sweep_repeats(ctx: &mut Ctx, file: &Parsed<AnnotationFile>, text: &Text, regions: &[Span]) {
    let a = &file.value;
    let chars: Vec<char> = text.as_str().chars().collect();
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
            if !regions.iter().any(|r| r.contains(&span))
                || covered.iter().any(|c| c.overlaps(&span))
                || excepted.contains(&(start, end))
            {
                continue;
            }
            ctx.at(
                Code::UnannotatedRepeat,
                &file.path,
                &file.src,
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
