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

/// Validates a JSONL export read from `reader`, reporting as `file`.
///
/// # Errors
/// Only when reading fails (I/O); bad data is a diagnostic.
pub fn validate_jsonl(file: &str, reader: impl BufRead) -> std::io::Result<Report> {
    let mut report = Report::default();
    let mut kind: Option<FileKind> = None;
    let mut lines = 0usize;
    for (i, raw) in reader.split(b'\n').enumerate() {
        let raw = raw?;
        let line_no = i + 1;
        lines += 1;
        let Ok(line) = std::str::from_utf8(&raw) else {
            report.diagnostics.push(Diagnostic {
                severity: Code::InvalidUtf8.severity(),
                code: Code::InvalidUtf8,
                name: Code::InvalidUtf8.name(),
                file: file.into(),
                line: line_no,
                column: 1,
                pointer: String::new(),
                message: "the line is not valid UTF-8".into(),
                hint: Some("JSONL is UTF-8".into()),
                excerpt: None,
            });
            continue;
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
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
                report.diagnostics.push(d);
                continue;
            }
        };
        let k = *kind.get_or_insert_with(|| kind_of(&value));
        let mut ok = true;
        for err in k.validator().iter_errors(&value) {
            ok = false;
            let pointer = err.instance_path().as_str().to_string();
            let hint = format!("see schema/{}", k.schema_file());
            report.diagnostics.push(diag(
                file,
                line_no,
                line,
                &pointer,
                Code::SchemaViolation,
                err.to_string(),
                Some(&hint),
            ));
        }
        if ok && k == FileKind::ExportDocuments {
            check_document(&mut report, file, line_no, line, &value);
        }
    }
    if lines == 0 || (lines == 1 && report.diagnostics.is_empty() && kind.is_none()) {
        report.diagnostics.push(Diagnostic {
            severity: Code::InvalidJson.severity(),
            code: Code::InvalidJson,
            name: Code::InvalidJson.name(),
            file: file.into(),
            line: 1,
            column: 1,
            pointer: String::new(),
            message: "the file holds no record".into(),
            hint: Some("a JSONL export has one JSON object per line".into()),
            excerpt: None,
        });
    }
    report.sort();
    Ok(report)
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
