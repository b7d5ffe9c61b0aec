//! Streaming validation of JSONL exports: one record per line, read in batches of whole lines
//! ([`crate::batch`]) and checked on every core, so memory stays flat however large the file. Each
//! line is parsed into a [`Tape`] and checked against its record schema and, for document records,
//! against itself: the text's SHA-256 and every span's text in the record's offset unit.

use std::io::BufRead;

use sha2::{Digest, Sha256};

use super::diagnostic::{Code, Diagnostic, Report};
use super::schema::FileKind;
use super::tape::{Tape, TapeNode};
use crate::batch::{map_ordered, Batch, Batches};

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

fn diag(
    file: &str,
    line_no: usize,
    line: &str,
    pointer: &str,
    code: Code,
    message: String,
    hint: Option<&str>,
) -> Diagnostic {
    let d = Diagnostic::new(code, file, message).at_value(line, pointer).on_line(line_no);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
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
            let (c, d) = check_line(file, n, raw, kind);
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
    Diagnostic::new(code, file, message).on_line(line).with_hint(hint)
}

/// Checks one line: `(1, diagnostics)` for a record, `(0, [])` for a blank line.
fn check_line(file: &str, line_no: usize, raw: &[u8], kind: FileKind) -> (usize, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let Ok(line) = std::str::from_utf8(raw) else {
        out.push(located_at_line(file, line_no, Code::InvalidUtf8, "the line is not valid UTF-8", "JSONL is UTF-8"));
        return (1, out);
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() {
        return (0, out);
    }
    let tape = match Tape::parse(line) {
        Ok(v) => v,
        Err(e) => {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let d = Diagnostic::new(Code::InvalidJson, file, format!("not valid JSON: {msg}"))
                .at_json_error(line, &e)
                .on_line(line_no)
                .with_hint("one JSON object per line");
            out.push(d);
            return (1, out);
        }
    };
    let value = tape.root();
    let validator = kind.tape_validator();
    // Most records are valid: the boolean check is cheaper than collecting errors.
    let ok = validator.is_valid(value);
    let errors = if ok { None } else { Some(validator.iter_errors(value)) };
    for err in errors.into_iter().flatten() {
        let pointer = err.instance_path().as_str().to_string();
        let hint = format!("see schema/{}", kind.schema_file());
        out.push(diag(file, line_no, line, &pointer, Code::SchemaViolation, err.to_string(), Some(&hint)));
    }
    if ok && kind == FileKind::ExportDocuments {
        let mut r = Report::default();
        check_document(&mut r, file, line_no, line, value);
        out.extend(r.diagnostics);
    }
    (1, out)
}

fn check_document(report: &mut Report, file: &str, line_no: usize, line: &str, v: TapeNode<'_>) {
    let field = |key: &str| v.get(key).and_then(TapeNode::str);
    let text = field("text").unwrap_or_default();
    let digest: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    if field("sha256") != Some(digest.as_str()) {
        report.diagnostics.push(diag(
            file,
            line_no,
            line,
            "/sha256",
            Code::TextHashMismatch,
            format!("the record's text has SHA-256 {digest}, not the one recorded"),
            Some("the text must be exported byte for byte"),
        ));
    }
    let unit: crate::model::OffsetUnit = field("offsets").and_then(|u| u.parse().ok()).unwrap_or_default();
    let t = crate::text::Text::new(text.to_string());
    let to_cp = |o: u64| -> Option<usize> { t.codepoint_from(usize::try_from(o).ok()?, unit) };
    for layer in ["entities", "claims", "stances"] {
        for (i, item) in v.get(layer).into_iter().flat_map(TapeNode::elements).enumerate() {
            let pointer = format!("/{layer}/{i}");
            let offset = |key: &str| item.get(key).and_then(TapeNode::u64).and_then(to_cp);
            let (Some(s), Some(e)) = (offset("start"), offset("end")) else {
                report.diagnostics.push(diag(
                    file,
                    line_no,
                    line,
                    &pointer,
                    Code::SpanOutOfRange,
                    format!("the span does not fit the text in {unit} offsets"),
                    None,
                ));
                continue;
            };
            let slice = t.get(crate::model::Span::new(s, e)).unwrap_or_default();
            if s >= e || item.get("text").and_then(TapeNode::str) != Some(slice) {
                report.diagnostics.push(diag(
                    file,
                    line_no,
                    line,
                    &format!("{pointer}/text"),
                    Code::SpanTextMismatch,
                    format!("`text` differs from the text at {s}..{e} ({unit} offsets): {slice:?}"),
                    None,
                ));
            }
        }
    }
}
