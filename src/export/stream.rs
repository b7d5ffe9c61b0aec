//! Exports of a document JSONL stream, record by record: memory flat in the input's size, every
//! core busy, output in input order and identical to exporting the same documents from a corpus.
//!
//! Why it exists: contributors keep annotation sets far larger than the shipped corpus, often as
//! JSONL. Each line is rebuilt into a one-document corpus ([`Corpus::from_record`]) and exported
//! with the same code as the corpus exports, so the two paths cannot drift apart.
//!
//! ```
//! use crocus_corpus::export::{self, stream, Options, StreamFormat};
//! use crocus_corpus::Corpus;
//!
//! let jsonl = export::jsonl(Corpus::embedded(), &Options::default());
//! let mut conll = Vec::new();
//! let summary = stream::export(jsonl.as_bytes(), &mut conll, StreamFormat::Conll, &Options::default(), 2)?;
//! assert_eq!(summary.records, 5);
//! assert_eq!(conll, export::conll(Corpus::embedded(), &Options::default()).into_bytes());
//! # Ok::<(), crocus_corpus::Error>(())
//! ```

use std::io::{BufRead, Write};

use super::{conll, conllu, jsonl_records, Options, RecordKind};
use crate::batch::{map_ordered, Batch, Batches};
use crate::error::{Error, ErrorKind};
use crate::Corpus;

/// The formats that export record by record (brat is a directory with corpus-wide configuration
/// files, so it has no stream form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StreamFormat {
    /// JSONL of one record kind (documents again, possibly in another offset unit, or flat
    /// entity, claim or stance records).
    Jsonl(RecordKind),
    /// CoNLL-2003.
    Conll,
    /// CoNLL-U.
    Conllu,
}

/// What a stream export went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Document records read.
    pub records: usize,
    /// Documents exported (those `Options::docs` selects; all when it is empty).
    pub exported: usize,
}

/// Exports the document records read from `input` to `out` in `format`, on `threads` threads.
///
/// Blank lines are skipped. `options.docs`, when not empty, selects records by id.
///
/// # Errors
/// The first record that cannot be rebuilt (with its line, and column or JSON pointer; its
/// [`ErrorKind`] names the rule), or a read or write error ([`ErrorKind::Io`]).
/// Output written before the error stays written: write to a temporary file and rename it on
/// success (as `crocus export --out` does) when that matters.
pub fn export(
    input: impl BufRead,
    out: &mut (impl Write + ?Sized),
    format: StreamFormat,
    options: &Options,
    threads: usize,
) -> Result<Summary, Error> {
    let mut batches = Batches::new(input);
    let mut summary = Summary::default();
    let per_document = Options { docs: Vec::new(), ..options.clone() };
    let run = |batch: &Batch| -> Result<(String, Summary), Error> {
        let mut text = String::new();
        let mut s = Summary::default();
        for (n, raw) in batch.lines() {
            let line = std::str::from_utf8(raw).map_err(|e| {
                let kind = ErrorKind::Utf8 { valid_up_to: e.valid_up_to() };
                Error::new(kind, format!("the line is not valid UTF-8: {e}")).on_line(n)
            })?;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            let corpus = Corpus::from_record(line).map_err(|e| e.on_line(n))?;
            s.records += 1;
            let id = corpus.documents()[0].id();
            if !options.docs.is_empty() && !options.docs.iter().any(|d| d == id) {
                continue;
            }
            s.exported += 1;
            text.push_str(&match format {
                StreamFormat::Jsonl(kind) => jsonl_records(&corpus, &per_document, kind),
                StreamFormat::Conll => conll(&corpus, &per_document),
                StreamFormat::Conllu => conllu(&corpus, &per_document),
            });
        }
        Ok((text, s))
    };
    map_ordered(&mut batches, Vec::new(), threads, run, |result| {
        let (text, s) = result?;
        summary.records += s.records;
        summary.exported += s.exported;
        out.write_all(text.as_bytes()).map_err(Error::from)
    })?;
    out.flush()?;
    Ok(summary)
}
