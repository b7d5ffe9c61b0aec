//! Streaming validation of JSONL exports: one record per line, read in batches of whole lines
//! ([`crate::batch`]) and checked on every core, so memory stays flat however large the file. Each
//! line is parsed into a [`Tape`] and checked against its record schema. A document record is
//! then read by the crate's own reader, [`Corpus::from_record`] (what it refuses is a located
//! diagnostic, so `validate` never passes a line `export --input` refuses), and the rebuilt
//! document goes through the same rules as an annotation file ([`super::rules`]): ids, references,
//! claimer mentions, overlaps, regions, spans, values. The rules that need what a record does not
//! carry (registry aliases for W103, `exceptions` for the W101 sweep) do not run on records.

use std::io::BufRead;

use super::diagnostic::{Code, Diagnostic, Report};
use super::rules::documents::{check_record, sha256_hex, DocText};
use super::rules::registries::{did_you_mean, Registries};
use super::rules::{check_document as check_document_rules, FileDiags, Scope};
use super::schema::FileKind;
use super::tape::{Tape, TapeNode};
use crate::batch::{map_ordered, Batch, Batches};
use crate::error::{Error, ErrorKind};
use crate::Corpus;

/// The record kind a record's keys name: the export schema whose properties they match best (a
/// damaged or missing key does not change the kind), or `None` when no key is a known property.
fn kind_of(v: TapeNode<'_>) -> Option<FileKind> {
    let keys: Vec<_> = v.members().map(|(k, _)| k).collect();
    [FileKind::ExportDocuments, FileKind::ExportEntities, FileKind::ExportClaims, FileKind::ExportStances]
        .into_iter()
        .map(|kind| {
            let known = kind.record_keys();
            (kind, keys.iter().filter(|k| known.contains(k.as_ref())).count())
        })
        .filter(|(_, hits)| *hits > 0)
        .min_by_key(|(_, hits)| (std::cmp::Reverse(*hits), keys.len() - hits))
        .map(|(kind, _)| kind)
}

/// One diagnostic located at `pointer` in line `line_no` of `file` (the per-file builder of the
/// rules, on one line).
fn diag(
    file: &str,
    line_no: usize,
    line: &str,
    pointer: &str,
    code: Code,
    message: String,
    hint: Option<&str>,
) -> Diagnostic {
    let mut f = FileDiags::record(file, line_no, line, str::to_string);
    f.at(code, pointer, message, hint);
    f.diagnostics.pop().expect("one diagnostic")
}

/// Validates a JSONL export read from `reader`, reporting as `file`, on every core.
///
/// Lines are read in batches and validated by a pool of threads (schema and semantic checks), and
/// the diagnostics are put back in input order, so the report is the same as a sequential run.
/// Memory holds a bounded number of batches in flight, not the file.
///
/// # Errors
/// Only when reading fails (I/O); bad data is a diagnostic.
pub fn validate_jsonl(file: &str, reader: impl BufRead) -> std::io::Result<Report> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    validate_jsonl_with(file, reader, threads)
}

/// As [`validate_jsonl`], with `threads` worker threads (1 validates on the calling thread).
///
/// # Errors
/// Only when reading fails (I/O).
pub fn validate_jsonl_with(file: &str, reader: impl BufRead, threads: usize) -> std::io::Result<Report> {
    let mut batches = Batches::new(reader);
    let mut report = Report::default();
    let mut records = 0usize;
    // The first record whose keys name a kind decides the kind of every record.
    let mut first: Vec<Batch> = Vec::new();
    let mut kind = None;
    while kind.is_none() {
        let Some(batch) = batches.next_batch()? else { break };
        kind = batch.lines().find_map(|(_, raw)| {
            let line = std::str::from_utf8(raw).ok()?;
            kind_of(Tape::parse(line.trim_end()).ok()?.root())
        });
        first.push(batch);
    }
    let kind = kind.unwrap_or(FileKind::ExportDocuments);
    let run_batch = |batch: &Batch| -> (usize, Vec<Diagnostic>) {
        let mut count = 0;
        let mut out = Vec::new();
        for (n, raw) in batch.lines() {
            let (c, d, _) = check_line(file, n, raw, kind);
            count += c;
            out.extend(d);
        }
        (count, out)
    };
    map_ordered(&mut batches, first, threads, run_batch, |(count, diags)| {
        records += count;
        report.diagnostics.extend(diags);
        Ok::<(), std::io::Error>(())
    })?;
    if records == 0 {
        report.diagnostics.push(located_at_line(
            file,
            1,
            Code::InvalidJson,
            "the file holds no record",
            "a JSONL export has one JSON object per line",
        ));
    }
    report.sort();
    Ok(report)
}

/// A diagnostic about a whole line (column 1, no pointer, no excerpt).
fn located_at_line(file: &str, line: usize, code: Code, message: &str, hint: &str) -> Diagnostic {
    let mut f = FileDiags::record(file, line, "", str::to_string);
    f.push(code, 1, 1, "", message.into(), Some(hint), None);
    f.diagnostics.pop().expect("one diagnostic")
}

/// Checks one line: `(1, diagnostics, the document when it is a document record that could be
/// read)` for a record, `(0, [], None)` for a blank line.
fn check_line(file: &str, line_no: usize, raw: &[u8], kind: FileKind) -> (usize, Vec<Diagnostic>, Option<Corpus>) {
    let mut out = Vec::new();
    let line = match std::str::from_utf8(raw) {
        Ok(line) => line,
        Err(e) => {
            let d = located_at_line(file, line_no, Code::InvalidUtf8, "the line is not valid UTF-8", "JSONL is UTF-8");
            out.push(d.with_kind(ErrorKind::Utf8 { valid_up_to: e.valid_up_to() }));
            return (1, out, None);
        }
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() {
        return (0, out, None);
    }
    let tape = match Tape::parse(line) {
        Ok(v) => v,
        Err(e) => {
            let msg = crate::error::json_message(&e);
            let d = Diagnostic::new(Code::InvalidJson, file, format!("not valid JSON: {msg}"))
                .at_json_error(line, &e)
                .on_line(line_no)
                .with_hint("one JSON object per line");
            out.push(d);
            return (1, out, None);
        }
    };
    let value = tape.root();
    let validator = kind.tape_validator();
    // Most records are valid: the boolean check is cheaper than collecting errors.
    let ok = validator.is_valid(value);
    let errors = if ok { None } else { Some(validator.iter_errors(value)) };
    for err in errors.into_iter().flatten() {
        let pointer = err.instance_path().as_str().to_string();
        let (message, hint) = super::rules::registries::schema_finding(&err, kind);
        out.push(diag(file, line_no, line, &pointer, Code::SchemaViolation, message, Some(&hint)));
    }
    let mut corpus = None;
    if ok && kind == FileKind::ExportDocuments {
        let (d, c) = check_document(file, line_no, line, value);
        out.extend(d);
        corpus = c;
    }
    (1, out, corpus)
}

/// The diagnostics of one document record (a line of the document JSONL export), as
/// `validate_jsonl` gives them: the checking mode of [`Corpus::from_record`].
pub(crate) fn check_record_line(line: &str) -> (Report, Option<Corpus>) {
    let (_, diagnostics, corpus) = check_line("record", 1, line.as_bytes(), FileKind::ExportDocuments);
    (Report { diagnostics }, corpus)
}

/// A document record, read by the crate's reader ([`Corpus::from_record`]) and checked by the
/// same rules as an annotation file and its manifest record: whatever the reader refuses is a
/// diagnostic here, located at the value.
fn check_document(file: &str, line_no: usize, line: &str, v: TapeNode<'_>) -> (Vec<Diagnostic>, Option<Corpus>) {
    let mut out = Vec::new();
    let text = v.get("text").and_then(TapeNode::str).unwrap_or_default();
    let digest = sha256_hex(text.as_bytes());
    if v.get("sha256").and_then(TapeNode::str) != Some(digest.as_str()) {
        out.push(diag(
            file,
            line_no,
            line,
            "/sha256",
            Code::TextHashMismatch,
            format!("the record's text has SHA-256 {digest}, not the one recorded"),
            Some("the text must be exported byte for byte"),
        ));
    }
    let corpus = match Corpus::read_record(line) {
        Ok(c) => c,
        Err(e) => {
            out.push(reader_error(file, line_no, line, &e));
            return (out, None);
        }
    };
    let doc = &corpus.documents()[0];
    let mut f = FileDiags::record(file, line_no, line, record_pointer);
    check_record(&mut f, "", doc.record(), doc.text_index());
    let reg = Registries::from_corpus(&corpus);
    let dt = DocText::new(std::borrow::Cow::Borrowed(doc.text_index()), doc.regions());
    check_document_rules(&mut f, doc.annotations(), &dt, &reg, Scope::RECORD);
    out.extend(f.diagnostics);
    (out, Some(corpus))
}

/// What the reader refused, as a diagnostic: at its pointer when it has one, else at its column.
/// The finding keeps the reader's kind, values included, so the reader that runs the validator
/// returns the error it returns without it.
fn reader_error(file: &str, line_no: usize, line: &str, e: &Error) -> Diagnostic {
    let code = e.kind().code().unwrap_or(Code::SchemaViolation);
    let hint = serde_hint(e.message());
    let d = match &e.position().pointer {
        Some(pointer) => diag(file, line_no, line, pointer, code, e.message().to_string(), hint.as_deref()),
        None => {
            // The reader's column counts characters and already points at the offending value.
            let column = e.position().column.unwrap_or(1);
            let byte = line.char_indices().nth(column.saturating_sub(1)).map_or(line.len(), |(i, _)| i);
            let d = Diagnostic::new(code, file, e.message()).at_byte(line, byte).on_line(line_no);
            match hint {
                Some(h) => d.with_hint(h),
                None => d,
            }
        }
    };
    if e.kind().code().is_some() {
        d.with_kind(e.kind().clone())
    } else {
        d
    }
}

/// A did-you-mean for serde's "unknown variant `x`, expected one of `a`, `b`".
fn serde_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (word, rest) = rest.split_once('`')?;
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let see = "see schema/export-documents.schema.json for the values each field takes";
    Some(match did_you_mean(word, known) {
        Some(s) => format!("did you mean {s}? ({see})"),
        None => see.to_string(),
    })
}

/// The pointer in a document record of a value the rules name by its pointer in an annotation
/// file: a record resolves references into objects (`entity`, `proposition`, `target`) and spells
/// a party's references `entity_id` and `mention_id`.
fn record_pointer(pointer: &str) -> String {
    let segments: Vec<&str> = pointer.split('/').collect();
    let mut out: Vec<String> = segments.iter().map(|s| (*s).to_string()).collect();
    match segments.as_slice() {
        ["", "entities", _, "entity"] | ["", "claims", _, "proposition"] | ["", "stances", _, "target"] => {
            out.push("id".into());
        }
        ["", "claims" | "stances", _, "claimer" | "holder", last @ ("entity" | "mention")] => {
            *out.last_mut().expect("five segments") = format!("{last}_id");
        }
        _ => {}
    }
    out.join("/")
}
