//! The validator contributors run in CI: JSON Schemas for the shape of every file, semantic rules
//! for what a schema cannot say, and diagnostics located to the value.
//!
//! Every rule has a stable [`Code`]; the README lists them. Validation never stops at the first
//! problem and never panics: malformed input of any kind becomes a located diagnostic.
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
mod rules;
pub mod schema;
mod tape;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use diagnostic::{Code, Diagnostic, Format, Report, Severity};
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
