//! Streaming validation of JSONL exports: one record per line, read line by line, so memory stays
//! flat however large the file. Each line is checked against its record schema and, for document
//! records, against itself: the text's SHA-256 and every span's text in the record's offset unit.

use std::io::BufRead;

use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use super::diagnostic::{Code, Diagnostic, Report};
use super::locate::{line_excerpt, locate};
use super::schema::FileKind;

/// The record kind of a JSONL file from its first record's keys.
fn kind_of(v: &Json) -> FileKind {
    if v.get("sha256").is_some() {
        FileKind::ExportDocuments
    } else if v.get("claimer_kind").is_some() {
        FileKind::ExportClaims
    } else if v.get("holder_kind").is_some() {
        FileKind::ExportStances
    } else {
        FileKind::ExportEntities
    }
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
    let range = locate(line, pointer);
    let column = line[..range.start.min(line.len())].chars().count() + 1;
    Diagnostic {
        severity: code.severity(),
        code,
        name: code.name(),
        file: file.to_string(),
        line: line_no,
        column,
        pointer: pointer.to_string(),
        message,
        hint: hint.map(str::to_string),
        excerpt: Some(line_excerpt(line, range)),
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
pub fn validate_jsonl_with(file: &str, mut reader: impl BufRead, threads: usize) -> std::io::Result<Report> {
    const BATCH_BYTES: usize = 1 << 20;
    let mut report = Report::default();
    let mut line_no = 0usize;
    let mut records = 0usize;
    // The first record decides the kind of every record.
    let mut first: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut kind = None;
    while kind.is_none() {
        let mut buf = Vec::new();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        if let Some(v) = std::str::from_utf8(&buf).ok().and_then(|l| serde_json::from_str::<Json>(l.trim_end()).ok()) {
            kind = Some(kind_of(&v));
        }
        first.push((line_no, buf));
    }
    let kind = kind.unwrap_or(FileKind::ExportDocuments);
    let check = |(n, raw): &(usize, Vec<u8>)| -> (usize, Vec<Diagnostic>) { check_line(file, *n, raw, kind) };
    let mut collect = |(count, diags): (usize, Vec<Diagnostic>)| {
        records += count;
        report.diagnostics.extend(diags);
    };
    let run_batch = |batch: &[(usize, Vec<u8>)]| -> (usize, Vec<Diagnostic>) {
        let mut count = 0;
        let mut out = Vec::new();
        for line in batch {
            let (c, d) = check(line);
            count += c;
            out.extend(d);
        }
        (count, out)
    };
    collect(run_batch(&first));
    let read_batch = |reader: &mut dyn BufRead, line_no: &mut usize| -> std::io::Result<Vec<(usize, Vec<u8>)>> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while bytes < BATCH_BYTES {
            let mut buf = Vec::new();
            if reader.read_until(b'\n', &mut buf)? == 0 {
                break;
            }
            *line_no += 1;
            bytes += buf.len();
            batch.push((*line_no, buf));
        }
        Ok(batch)
    };
    if threads <= 1 {
        loop {
            let batch = read_batch(&mut reader, &mut line_no)?;
            if batch.is_empty() {
                break;
            }
            collect(run_batch(&batch));
        }
    } else {
        use std::sync::{mpsc, Arc, Mutex};
        let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Vec<(usize, Vec<u8>)>)>(threads * 2);
        let (done_tx, done_rx) = mpsc::channel::<(usize, (usize, Vec<Diagnostic>))>();
        let work_rx = Arc::new(Mutex::new(work_rx));
        let result: std::io::Result<()> = std::thread::scope(|scope| {
            for _ in 0..threads {
                let work_rx = Arc::clone(&work_rx);
                let done_tx = done_tx.clone();
                let run_batch = &run_batch;
                scope.spawn(move || loop {
                    let next = work_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((i, batch))) = next else { break };
                    if done_tx.send((i, run_batch(&batch))).is_err() {
                        break;
                    }
                });
            }
            drop(done_tx);
            // Read and dispatch here; results are reordered by batch index as they arrive.
            let mut pending = std::collections::BTreeMap::new();
            let mut next_out = 0usize;
            let mut sent = 0usize;
            let mut read_error = None;
            loop {
                match read_batch(&mut reader, &mut line_no) {
                    Ok(batch) if batch.is_empty() => break,
                    Ok(batch) => {
                        if work_tx.send((sent, batch)).is_err() {
                            break;
                        }
                        sent += 1;
                    }
                    Err(e) => {
                        read_error = Some(e);
                        break;
                    }
                }
                while let Ok((i, r)) = done_rx.try_recv() {
                    pending.insert(i, r);
                }
                while let Some(r) = pending.remove(&next_out) {
                    collect(r);
                    next_out += 1;
                }
            }
            drop(work_tx);
            for (i, r) in done_rx.iter() {
                pending.insert(i, r);
            }
            while let Some(r) = pending.remove(&next_out) {
                collect(r);
                next_out += 1;
            }
            read_error.map_or(Ok(()), Err)
        });
        result?;
    }
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
    Diagnostic {
        severity: code.severity(),
        code,
        name: code.name(),
        file: file.into(),
        line,
        column: 1,
        pointer: String::new(),
        message: message.into(),
        hint: Some(hint.into()),
        excerpt: None,
    }
}

/// Checks one line: `(1, diagnostics)` for a record, `(0, [])` for a blank line.
fn check_line(file: &str, line_no: usize, raw: &[u8], kind: FileKind) -> (usize, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let Ok(line) = std::str::from_utf8(raw) else {
        out.push(located_at_line(file, line_no, Code::InvalidUtf8, "the line is not valid UTF-8", "JSONL is UTF-8"));
        return (1, out);
    };
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() {
        return (0, out);
    }
    let value: Json = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let mut d = diag(
                file,
                line_no,
                line,
                "",
                Code::InvalidJson,
                format!("not valid JSON: {msg}"),
                Some("one JSON object per line"),
            );
            d.column = e.column().max(1);
            out.push(d);
            return (1, out);
        }
    };
    let mut ok = true;
    for err in kind.validator().iter_errors(&value) {
        ok = false;
        let pointer = err.instance_path().as_str().to_string();
        let hint = format!("see schema/{}", kind.schema_file());
        out.push(diag(file, line_no, line, &pointer, Code::SchemaViolation, err.to_string(), Some(&hint)));
    }
    if ok && kind == FileKind::ExportDocuments {
        let mut r = Report::default();
        check_document(&mut r, file, line_no, line, &value);
        out.extend(r.diagnostics);
    }
    (1, out)
}

fn check_document(report: &mut Report, file: &str, line_no: usize, line: &str, v: &Json) {
    let text = v["text"].as_str().unwrap_or_default();
    let digest: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    if v["sha256"].as_str() != Some(digest.as_str()) {
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
    let unit = v["offsets"].as_str().unwrap_or("codepoint");
    let t = crate::text::Text::new(text.to_string());
    let to_cp = |o: u64| -> Option<usize> {
        let o = usize::try_from(o).ok()?;
        match unit {
            "utf16" => t.char_offset_from_utf16(o),
            "byte" => t.char_offset_from_byte(o),
            _ => (o <= t.len_chars()).then_some(o),
        }
    };
    for layer in ["entities", "claims", "stances"] {
        for (i, item) in v[layer].as_array().into_iter().flatten().enumerate() {
            let pointer = format!("/{layer}/{i}");
            let (Some(s), Some(e)) = (item["start"].as_u64().and_then(to_cp), item["end"].as_u64().and_then(to_cp))
            else {
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
            if s >= e || item["text"].as_str() != Some(slice) {
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
