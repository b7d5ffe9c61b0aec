//! Documents and regions: the manifest, each text against its record (E005–E008), the regions
//! (E015), and every span against its text (E010–E014); an annotation file against its document
//! (E009, E026).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use sha2::{Digest, Sha256};

use super::{FileDiags, Parsed};
use crate::corpus::paths;
use crate::error::{Error, ErrorKind};
use crate::model::{AnnotationFile, DocumentRecord, Manifest, Region, RegionKind, Span};
use crate::text::Text;
use crate::validate::diagnostic::Code;
use crate::validate::locate::line_col;
use crate::validate::Source;

/// A document's text and its annotated regions, as far as they could be read.
pub(crate) struct DocText<'t> {
    /// The text (borrowed from a rebuilt record, owned when read from a file).
    pub text: Cow<'t, Text>,
    /// Annotated (headline and body) regions.
    pub annotated: Vec<Span>,
}

impl<'t> DocText<'t> {
    /// The text and annotated regions of a document record whose text is `text`.
    pub fn new(text: Cow<'t, Text>, regions: &[Region]) -> DocText<'t> {
        let annotated = regions.iter().filter(|r| r.kind.is_annotated()).map(Region::span).collect();
        DocText { text, annotated }
    }
}

/// The SHA-256 of `bytes`, in lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The line holding the first invalid byte, up to it, and the place of that byte.
pub(crate) fn invalid_utf8_excerpt(bytes: &[u8], valid_up_to: usize) -> (String, std::ops::Range<usize>) {
    let line_start = bytes[..valid_up_to].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let line_end = bytes[valid_up_to..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |i| valid_up_to + i);
    let before = String::from_utf8_lossy(&bytes[line_start..valid_up_to]).into_owned();
    let line = String::from_utf8_lossy(&bytes[line_start..line_end]).into_owned();
    let at = before.len();
    let end = at + line[at.min(line.len())..].chars().next().map_or(0, char::len_utf8);
    (line, at..end)
}

/// Checks the manifest and every text it names; fills `docs` with the texts that could be read
/// and returns the diagnostics about the text files themselves.
pub(crate) fn check_manifest(
    m: &mut Parsed<Manifest>,
    source: &dyn Source,
    docs: &mut BTreeMap<String, DocText<'static>>,
) -> Result<Vec<FileDiags>, Error> {
    let Parsed { file, value } = m;
    let mut text_files = Vec::new();
    let mut seen = HashMap::new();
    for (i, d) in value.documents.iter().enumerate() {
        let base = format!("/documents/{i}");
        if let Some(first) = seen.insert(d.id.clone(), i) {
            file.at(
                Code::DuplicateId,
                &format!("{base}/id"),
                format!("document id `{}` is used twice (first at /documents/{first})", d.id),
                Some("document ids must be unique"),
            );
            file.with_kind(ErrorKind::DuplicateId { id: d.id.clone() });
        }
        let text_path = paths::text(&d.source_file);
        let Some(bytes) = source.read(&text_path)? else {
            file.at(
                Code::MissingFile,
                &format!("{base}/source_file"),
                format!("the text {text_path} is missing"),
                Some("copy the seed file into corpus/texts/ byte for byte"),
            );
            file.with_kind(ErrorKind::MissingFile { path: text_path.clone() });
            continue;
        };
        let digest = sha256_hex(&bytes);
        if digest != d.sha256 {
            file.at(
                Code::TextHashMismatch,
                &format!("{base}/sha256"),
                format!("{text_path} has SHA-256 {digest}, the manifest says {}", d.sha256),
                Some("texts ship byte for byte: restore the seed file; if the seed itself changed, update the record and bump the major version"),
            );
        }
        let mut t = FileDiags::new(&text_path, String::new());
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            let first = String::from_utf8_lossy(rest).lines().next().unwrap_or_default().to_string();
            t.push(
                Code::TextFormat,
                1,
                1,
                "",
                "the text starts with a byte-order mark".into(),
                Some("restore the seed file"),
                Some((first, 0..0)),
            );
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid_up_to = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let valid = String::from_utf8_lossy(&bytes[..valid_up_to]).into_owned();
                let (line, column) = line_col(&valid, valid.len());
                t.push(
                    Code::InvalidUtf8,
                    line,
                    column,
                    "",
                    format!("the text is not valid UTF-8 at byte {valid_up_to}"),
                    Some("restore the seed file"),
                    Some(invalid_utf8_excerpt(&bytes, valid_up_to)),
                );
                t.with_kind(ErrorKind::Utf8 { valid_up_to });
                text_files.push(t);
                continue;
            }
        };
        if let Some(b) = text.find('\r') {
            let (line, column) = line_col(&text, b);
            let line_start = text[..b].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[b..].find('\n').map_or(text.len(), |i| b + i);
            let excerpt = (text[line_start..line_end].replace('\r', " "), b - line_start..b - line_start + 1);
            t.push(
                Code::TextFormat,
                line,
                column,
                "",
                "the text has a carriage return (CRLF line endings); texts use LF".into(),
                Some("restore the seed file (check git's core.autocrlf)"),
                Some(excerpt),
            );
        }
        text_files.push(t);
        let text = Text::new(text);
        if text.len_chars() != d.chars || text.len_bytes() != d.bytes {
            file.at(
                Code::TextLengthMismatch,
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
            file.with_kind(ErrorKind::TextLength {
                chars: text.len_chars(),
                bytes: text.len_bytes(),
                expected_chars: d.chars,
                expected_bytes: d.bytes,
            });
        }
        check_record(file, &base, d, &text);
        docs.insert(d.id.clone(), DocText::new(Cow::Owned(text), &d.regions));
    }
    Ok(text_files)
}

/// The rules on one document record against its text: regions, metadata and quality-flag
/// evidence. `base` is the record's pointer (`/documents/3` in the manifest, empty in a JSONL
/// record).
pub(crate) fn check_record(f: &mut FileDiags, base: &str, d: &DocumentRecord, text: &Text) {
    check_regions(f, base, &d.regions, text.len_chars());
    let meta = [("author", &d.author), ("publisher", &d.publisher), ("url", &d.url), ("date", &d.date)];
    for (name, field) in meta {
        if let Some(m) = field {
            let e = &m.evidence;
            check_span(f, text, &[], &format!("{base}/{name}/evidence"), e.span(), Some(&e.text));
        }
    }
    for (j, flag) in d.quality_flags.iter().enumerate() {
        for (k, e) in flag.evidence.iter().enumerate() {
            check_span(f, text, &[], &format!("{base}/quality_flags/{j}/evidence/{k}"), e.span(), Some(&e.text));
        }
    }
}

/// E015: the regions tile the text in order; headline and body regions carry an article number.
fn check_regions(f: &mut FileDiags, base: &str, regions: &[Region], len: usize) {
    let mut expected = 0;
    for (j, r) in regions.iter().enumerate() {
        let p = format!("{base}/regions/{j}");
        if r.start != expected || r.end <= r.start {
            f.at(
                Code::RegionTiling,
                &p,
                format!("region {}..{} should start at {expected} and end after its start", r.start, r.end),
                Some("regions tile the text in order, without gaps or overlaps"),
            );
        }
        if (r.kind == RegionKind::Boilerplate) == r.article.is_some() {
            f.at(
                Code::RegionTiling,
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
    if expected != len {
        f.at(
            Code::RegionTiling,
            &format!("{base}/regions"),
            format!("regions end at {expected} but the text has {len} characters"),
            Some("the last region ends at the end of the text"),
        );
    }
}

/// E026 and E009: the file is named after its document, which the manifest has.
pub(crate) fn check_annotation_file<'d>(
    p: &mut Parsed<AnnotationFile>,
    docs: &'d BTreeMap<String, DocText<'static>>,
) -> Option<&'d DocText<'static>> {
    let Parsed { file, value: a } = p;
    let stem = file.path.replace('\\', "/").rsplit('/').next().unwrap_or("").trim_end_matches(".json").to_string();
    if stem != a.document {
        file.at(
            Code::DocumentFileMismatch,
            "/document",
            format!("the file is named `{stem}.json` but annotates `{}`", a.document),
            Some("name the file after the document id: annotations/<document>.json"),
        );
    }
    let doc = docs.get(&a.document);
    if doc.is_none() {
        let known: Vec<&str> = docs.keys().map(String::as_str).collect();
        let hint = match super::registries::did_you_mean(&a.document, known) {
            Some(s) => format!("use a document id from corpus/manifest.json; did you mean {s}?"),
            None => "use a document id from corpus/manifest.json".into(),
        };
        file.at(
            Code::UnknownDocument,
            "/document",
            format!("document `{}` is not in the manifest", a.document),
            Some(&hint),
        );
        file.with_kind(ErrorKind::UnknownDocument { id: a.document.clone() });
    }
    doc
}

/// How far a span's `text` is from where its offsets point, when it occurs within this many
/// code points of them: a shifted span, not a wrong one.
const SHIFT_WINDOW: usize = 10;

/// Range, emptiness, text, whitespace and (when `regions` is not empty) region checks of one span.
/// Returns true when the span passed every check.
pub(crate) fn check_span(
    f: &mut FileDiags,
    text: &Text,
    regions: &[Span],
    pointer: &str,
    span: Span,
    surface: Option<&str>,
) -> bool {
    let before = f.count();
    let len = text.len_chars();
    if span.end > len {
        f.at(
            Code::SpanOutOfRange,
            pointer,
            format!("span {}..{} ends beyond the text ({len} characters)", span.start, span.end),
            Some("offsets are Unicode code points, half-open: 0 <= start < end <= length"),
        );
        f.with_kind(ErrorKind::SpanOutOfRange { start: span.start, end: span.end, len });
        return false;
    }
    if span.start >= span.end {
        f.at(
            Code::SpanEmpty,
            pointer,
            format!("span {}..{} is empty or reversed", span.start, span.end),
            Some("end is one past the last character: start < end"),
        );
        return false;
    }
    let slice = text.get(span).unwrap_or_default();
    if let Some(surface) = surface.filter(|s| *s != slice) {
        // The span's text is elsewhere: that is the one thing to say about it (its whitespace and
        // region follow from the wrong offsets).
        span_text_mismatch(f, text, pointer, span, slice, surface);
        return false;
    }
    if slice.starts_with(char::is_whitespace) || slice.ends_with(char::is_whitespace) {
        let trimmed = slice.trim();
        let lead = slice.chars().count() - slice.trim_start().chars().count();
        let (s, e) = (span.start + lead, span.start + lead + trimmed.chars().count());
        f.at(
            Code::SpanWhitespaceEdge,
            pointer,
            format!("span {}..{} {slice:?} starts or ends with whitespace", span.start, span.end),
            Some(&format!(
                "trim the span to its first and last non-space characters: start {s}, end {e}, text {trimmed:?}"
            )),
        );
    }
    if !regions.is_empty() && !regions.iter().any(|r| r.contains(&span)) {
        f.at(
            Code::SpanOutsideRegion,
            pointer,
            format!("span {}..{} is not inside one headline or body region", span.start, span.end),
            Some("boilerplate (credits, widgets, teasers) is not annotated; see the regions in corpus/manifest.json"),
        );
    }
    f.count() == before
}

/// E012, with the specific fix: the shift when the text is a few characters away, the nearest
/// occurrence when it is further, or that the text does not contain it.
fn span_text_mismatch(f: &mut FileDiags, text: &Text, pointer: &str, span: Span, slice: &str, surface: &str) {
    let n = surface.chars().count();
    let near = text
        .as_str()
        .match_indices(surface)
        .filter_map(|(b, _)| text.char_offset_from_byte(b))
        .min_by_key(|c| (c.abs_diff(span.start), *c));
    let (message, hint) = match near {
        Some(s) if s.abs_diff(span.start) <= SHIFT_WINDOW => {
            let by = if s > span.start { format!("+{}", s - span.start) } else { format!("-{}", span.start - s) };
            (
                format!("the span is shifted by {by}: start should be {s} and end {} for {surface:?}", s + n),
                format!("set \"start\": {s}, \"end\": {}", s + n),
            )
        }
        Some(s) => (
            format!("`text` is {surface:?} but the document has {slice:?} at {}..{}", span.start, span.end),
            format!(
                "the nearest occurrence of this text is at {s}..{}: set \"start\": {s}, \"end\": {} if that is the one meant, \
                 or correct `text`",
                s + n,
                s + n
            ),
        ),
        None => (
            format!("`text` is {surface:?} but the document has {slice:?} at {}..{}", span.start, span.end),
            "the text does not contain this string; correct `text` or the offsets".to_string(),
        ),
    };
    f.at(Code::SpanTextMismatch, &format!("{pointer}/text"), message, Some(&hint));
}
