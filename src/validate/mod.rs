//! The validator contributors run in CI: JSON Schemas for the shape of every file, semantic rules
//! for what a schema cannot say, and diagnostics located to the value.
//!
//! Every rule has a stable [`Code`]; `docs/validator-rules.md` lists them. Validation never stops at the first
//! problem and never panics: malformed input of any kind becomes a located diagnostic.
//!
//! The rules are one module per layer (`rules/`), and they are the only rules: a JSONL document
//! record is read by [`Corpus::from_record`](crate::Corpus::from_record)'s reader and checked by
//! the same rules as an annotation file, and the crate's readers (`Corpus::from_dir`,
//! `from_files`, `from_record`) run this validator and refuse what it refuses, so `validate`
//! passes exactly what every reader accepts (`docs/contract.md`).
//!
//! ```
//! use crocus_corpus::validate::{validate_embedded, Format};
//!
//! let report = validate_embedded();
//! assert!(report.is_valid(true), "{}", report.render(Format::Human, true, false));
//! ```

mod diagnostic;
mod jsonl;
pub mod locate;
pub(crate) mod rules;
pub mod schema;
mod tape;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub use diagnostic::{Code, Diagnostic, Format, Report, Severity};
pub(crate) use jsonl::check_record_line;
pub use jsonl::{validate_jsonl, validate_jsonl_with};
pub use schema::FileKind;

use crate::corpus::paths;
use crate::error::Error;

/// Where the validator reads files from.
pub(crate) trait Source {
    /// The bytes of a file relative to the root, `Ok(None)` when it does not exist.
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, Error>;
    /// The annotation files (`annotations/*.json`, registries included), sorted.
    fn annotation_files(&self) -> Result<Vec<String>, Error>;
}

struct DirSource(PathBuf);

impl Source for DirSource {
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        let full = self.0.join(path);
        match std::fs::read(&full) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(format_args!("cannot read {}", full.display()), e).in_file(path)),
        }
    }
    fn annotation_files(&self) -> Result<Vec<String>, Error> {
        let dir = self.0.join(paths::ANNOTATIONS);
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(format_args!("cannot list {}", dir.display()), e)),
        };
        let mut out = BTreeSet::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(format_args!("cannot list {}", dir.display()), e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") && entry.path().is_file() {
                out.insert(format!("{}/{name}", paths::ANNOTATIONS));
            }
        }
        Ok(out.into_iter().collect())
    }
}

/// Files held in memory, keyed by their path relative to the root.
struct MapSource<'a>(&'a HashMap<String, Vec<u8>>);

impl Source for MapSource<'_> {
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        Ok(self.0.get(path).cloned())
    }
    fn annotation_files(&self) -> Result<Vec<String>, Error> {
        let prefix = format!("{}/", paths::ANNOTATIONS);
        let mut v: Vec<String> = self
            .0
            .keys()
            .filter(|p| p.strip_prefix(&prefix).is_some_and(|name| name.ends_with(".json") && !name.contains('/')))
            .cloned()
            .collect();
        v.sort();
        Ok(v)
    }
}

struct EmbeddedSource;

impl Source for EmbeddedSource {
    fn read(&self, path: &str) -> Result<Option<Vec<u8>>, Error> {
        Ok(crate::embedded::get(path).map(<[u8]>::to_vec))
    }
    fn annotation_files(&self) -> Result<Vec<String>, Error> {
        let mut v: Vec<String> = crate::embedded::FILES
            .iter()
            .map(|(p, _)| p.to_string())
            .filter(|p| p.starts_with("annotations/") && p.ends_with(".json"))
            .collect();
        v.sort();
        Ok(v)
    }
}

/// Validates the corpus rooted at `root`: manifest, texts, registries and every annotation file.
///
/// # Errors
/// Only for I/O: a file that exists but cannot be read. Invalid data is a diagnostic.
pub fn validate_root(root: impl AsRef<Path>) -> Result<Report, Error> {
    rules::validate(&DirSource(root.as_ref().to_path_buf()), None)
}

/// Validates the corpus compiled into the crate.
pub fn validate_embedded() -> Report {
    rules::validate(&EmbeddedSource, None).expect("embedded files are always readable")
}

/// Validates one annotation or registry file, given as bytes, against the texts and registries
/// of the embedded corpus; `name` is the path reported in diagnostics (its file name decides the
/// kind: `entities.json`, `propositions.json`, `targets.json`, else an annotation file).
pub fn validate_bytes(name: &str, bytes: &[u8]) -> Report {
    rules::validate(&EmbeddedSource, Some(vec![(name.to_string(), bytes.to_vec())]))
        .expect("embedded files are always readable")
}

/// Validates the given annotation or registry files against the texts and registries of the
/// corpus at `root`. Paths are reported as given.
///
/// # Errors
/// Only for I/O: a path that cannot be read.
pub fn validate_files(root: impl AsRef<Path>, files: &[PathBuf]) -> Result<Report, Error> {
    let mut given = Vec::new();
    for f in files {
        let bytes =
            std::fs::read(f).map_err(|e| Error::io(format_args!("cannot read {}", f.display()), e).in_file(f))?;
        given.push((f.display().to_string(), bytes));
    }
    rules::validate(&DirSource(root.as_ref().to_path_buf()), Some(given))
}

/// The validator's reading of the corpus at `root`: its report and what it read, which
/// [`Corpus::from_dir`](crate::Corpus::from_dir) builds its corpus from.
pub(crate) fn load_root(root: &Path) -> Result<(Report, rules::Parts), Error> {
    rules::check_corpus(&DirSource(root.to_path_buf()), None)
}

/// As [`load_root`], for files held in memory ([`Corpus::from_files`](crate::Corpus::from_files)).
pub(crate) fn load_in_memory(files: &HashMap<String, Vec<u8>>) -> (Report, rules::Parts) {
    rules::check_corpus(&MapSource(files), None).expect("files in memory are always readable")
}

/// Validates a corpus held in memory (paths relative to the root), as [`Corpus::from_files`]
/// reads it.
///
/// [`Corpus::from_files`]: crate::Corpus::from_files
pub fn validate_in_memory(files: &HashMap<String, Vec<u8>>) -> Report {
    rules::validate(&MapSource(files), None).expect("files in memory are always readable")
}

/// The checking mode of the crate's readers: `Ok` when the report has no error (warnings pass, as
/// in `crocus validate` without `--strict`), else the most basic error (the lowest code: an
/// unreadable file before a span that does not fit) as an [`Error`] at its file, line, column and
/// pointer, saying how many more there are.
///
/// # Errors
/// The first error of the report.
pub(crate) fn require_valid(report: &Report) -> Result<(), Error> {
    let errors: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    // The most basic problem first (rule codes go from encoding and syntax to meaning).
    let Some(d) = errors.iter().min_by_key(|d| d.code) else { return Ok(()) };
    let more = match errors.len() - 1 {
        0 => String::new(),
        1 => " (and 1 more error: run `crocus validate` for all of them)".to_string(),
        n => format!(" (and {n} more errors: run `crocus validate` for all of them)"),
    };
    let hint = d.hint.as_ref().map(|h| format!("; {h}")).unwrap_or_default();
    // The one position type: the diagnostic's is the error's.
    Err(Error::new(d.error_kind(), format!("{} {}: {}{hint}{more}", d.code.as_str(), d.name, d.message))
        .at(d.position.clone()))
}
