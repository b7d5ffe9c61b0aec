//! Loading: a corpus root on disk, files held in memory, or the files compiled into the crate,
//! into a [`Corpus`].
//!
//! It is its own module because loading has two modes that must agree: with the `validate`
//! feature the readers are the validator's checking mode (the validator reads the files, and
//! its report decides), and without it they check structure only (every file parses into the
//! model, every text matches its record, every span fits its text). Both give the same
//! [`ErrorKind`] for a mistake both find (`tests/validate.rs`, `tests/corpus.rs`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use super::{paths, Corpus, Document};
use crate::error::{Error, ErrorKind, Position};
use crate::model::{
    AnnotationFile, DocumentRecord, EntityRegistry, Manifest, PropositionRegistry, Span, TargetRegistry,
};
use crate::text::Text;

impl Corpus {
    /// The corpus shipped with this crate, parsed on first use and shared afterwards.
    ///
    /// ```
    /// let corpus = crocus_corpus::Corpus::embedded();
    /// let ids: Vec<&str> = corpus.documents().iter().map(|d| d.id()).collect();
    /// assert_eq!(ids[0], "hyperfocus-ukraine");
    /// ```
    pub fn embedded() -> &'static Corpus {
        static CORPUS: OnceLock<Corpus> = OnceLock::new();
        CORPUS.get_or_init(|| {
            Corpus::load_with(|path| Ok(crate::embedded::get(path).map(<[u8]>::to_vec)), true)
                .expect("the embedded corpus is validated by the crate's tests")
        })
    }

    /// Loads the corpus rooted at `root` (a checkout of this repository, or a contributor's).
    ///
    /// Missing annotation files and registries load as empty layers; a missing manifest or text is
    /// an error. Without the `validate` feature, loading checks structure, not meaning. With it,
    /// loading is the validator's checking mode: the corpus is validated as `crocus validate` does
    /// and the first error (not a warning) is returned, so this reader accepts exactly the corpora
    /// the validator passes.
    ///
    /// # Errors
    /// [`ErrorKind::Io`] when a file cannot be read; otherwise the rule the data breaks, with its
    /// values and position: [`ErrorKind::MissingFile`], [`ErrorKind::Syntax`] and
    /// [`ErrorKind::Shape`] (with line and column), [`ErrorKind::TextLength`] when a text differs
    /// from its manifest record, [`ErrorKind::SpanOutOfRange`] when a span does not fit its text,
    /// and with the `validate` feature any rule of the validator ([`ErrorKind::code`]).
    pub fn from_dir(root: impl AsRef<Path>) -> Result<Corpus, Error> {
        let root = root.as_ref();
        #[cfg(feature = "validate")]
        return Corpus::from_checked(crate::validate::load_root(root)?);
        #[cfg(not(feature = "validate"))]
        Corpus::from_dir_structural(root)
    }

    /// Loads the corpus rooted at `root` checking structure only (every file parses into the
    /// model, every text matches its manifest record), whatever the features: for tools that repair
    /// a corpus the validator refuses, such as `crocus import`, which replaces annotation files
    /// whose span layers may not resolve yet. Everything else should use [`Corpus::from_dir`].
    ///
    /// # Errors
    /// As [`Corpus::from_dir`] without the `validate` feature.
    pub fn from_dir_structural(root: impl AsRef<Path>) -> Result<Corpus, Error> {
        let root = root.as_ref();
        Corpus::load_with(
            |path| {
                let full = root.join(path);
                match std::fs::read(&full) {
                    Ok(bytes) => Ok(Some(bytes)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(Error::io(format_args!("cannot read {}", full.display()), e).in_file(path)),
                }
            },
            false,
        )
    }

    /// Loads a corpus from files held in memory, keyed by their path relative to the root
    /// (`corpus/manifest.json`, `corpus/texts/…`, `annotations/…`), e.g. read from an archive.
    ///
    /// # Errors
    /// As [`Corpus::from_dir`].
    pub fn from_files(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Result<Corpus, Error> {
        let files: HashMap<String, Vec<u8>> = files.into_iter().collect();
        #[cfg(feature = "validate")]
        return Corpus::from_checked(crate::validate::load_in_memory(&files));
        #[cfg(not(feature = "validate"))]
        Corpus::load_with(|path| Ok(files.get(path).cloned()), false)
    }

    /// The corpus the validator read, when it found no error: the checking mode of loading, with
    /// every file parsed once.
    #[cfg(feature = "validate")]
    fn from_checked(
        (report, parts): (crate::validate::Report, crate::validate::rules::Parts),
    ) -> Result<Corpus, Error> {
        crate::validate::require_valid(&report)?;
        let internal = |what: &str| {
            Error::new(
                ErrorKind::MissingFile { path: what.to_string() },
                format!("{what} was not read, yet no error says why"),
            )
        };
        let manifest = parts.manifest.ok_or_else(|| internal(paths::MANIFEST))?;
        let mut texts = parts.texts;
        let mut annotations: HashMap<String, AnnotationFile> =
            parts.annotations.into_iter().map(|a| (a.document.clone(), a)).collect();
        let mut documents = Vec::with_capacity(manifest.documents.len());
        for record in manifest.documents {
            let text =
                texts.remove(&record.id).ok_or_else(|| internal(&paths::text(&record.source_file)))?.text.into_owned();
            let a = annotations.remove(&record.id).unwrap_or_else(|| empty_annotations(&record.id));
            documents.push(Document { record, text, annotations: OnceLock::from(a), embedded: None });
        }
        Ok(Corpus::assemble(
            documents,
            parts.entities.unwrap_or_default(),
            parts.propositions.unwrap_or_default(),
            parts.targets.unwrap_or_default(),
        ))
    }

    /// Loads the corpus from any source of files; `read` returns `Ok(None)` for a missing file.
    /// With `lazy_embedded`, annotation files are taken from the embedded files and parsed on first
    /// access instead of now.
    fn load_with(read: impl Fn(&str) -> Result<Option<Vec<u8>>, Error>, lazy_embedded: bool) -> Result<Corpus, Error> {
        let required = |path: &str| -> Result<Vec<u8>, Error> {
            read(path)?.ok_or_else(|| {
                Error::new(
                    ErrorKind::MissingFile { path: path.to_string() },
                    format!("{path} is missing; the corpus root must contain it"),
                )
                .in_file(path)
            })
        };
        let manifest: Manifest = parse(&required(paths::MANIFEST)?, paths::MANIFEST)?;
        let entities: EntityRegistry = optional(&read, paths::ENTITIES)?;
        let propositions: PropositionRegistry = optional(&read, paths::PROPOSITIONS)?;
        let targets: TargetRegistry = optional(&read, paths::TARGETS)?;

        let mut documents = Vec::with_capacity(manifest.documents.len());
        let mut by_id = HashMap::new();
        for (i, record) in manifest.documents.into_iter().enumerate() {
            let text_path = paths::text(&record.source_file);
            let bytes = required(&text_path)?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let valid_up_to = e.utf8_error().valid_up_to();
                Error::new(ErrorKind::Utf8 { valid_up_to }, format!("the text is not valid UTF-8: {e}"))
                    .in_file(&text_path)
            })?;
            let text = Text::new(text);
            if text.len_chars() != record.chars || text.len_bytes() != record.bytes {
                let kind = ErrorKind::TextLength {
                    chars: text.len_chars(),
                    bytes: text.len_bytes(),
                    expected_chars: record.chars,
                    expected_bytes: record.bytes,
                };
                return Err(Error::new(
                    kind,
                    format!(
                        "the text has {} characters and {} bytes but the manifest says {} and {}; \
                         texts ship byte for byte, so restore the seed file or correct the record",
                        text.len_chars(),
                        text.len_bytes(),
                        record.chars,
                        record.bytes
                    ),
                )
                .in_file(&text_path));
            }
            let ann_path = paths::annotation(&record.id);
            let doc = if lazy_embedded {
                Document { record, text, annotations: OnceLock::new(), embedded: crate::embedded::get(&ann_path) }
            } else {
                let annotations: AnnotationFile = match read(&ann_path)? {
                    Some(bytes) => parse(&bytes, &ann_path)?,
                    None => empty_annotations(&record.id),
                };
                let doc = Document { record, text, annotations: OnceLock::from(annotations), embedded: None };
                doc.check_ranges(Some(&ann_path))?;
                doc
            };
            if by_id.insert(doc.record.id.clone(), i).is_some() {
                return Err(Error::new(
                    ErrorKind::DuplicateId { id: doc.record.id.clone() },
                    format!("document id `{}` appears twice in the manifest; ids must be unique", doc.record.id),
                )
                .in_file(paths::MANIFEST));
            }
            documents.push(doc);
        }
        Ok(Corpus::assemble(documents, entities, propositions, targets))
    }
}

impl Document {
    /// A document of parts already loaded (a JSONL record), its spans checked to fit the text.
    pub(crate) fn rebuilt(record: DocumentRecord, text: Text, annotations: AnnotationFile) -> Result<Document, Error> {
        let doc = Document { record, text, annotations: OnceLock::from(annotations), embedded: None };
        doc.check_ranges(None)?;
        Ok(doc)
    }

    /// Every span of the document fits its text (the reversed span and the span beyond the end
    /// that the validator reports as E011 and E010), located by JSON pointer.
    fn check_ranges(&self, file: Option<&str>) -> Result<(), Error> {
        let len = self.text.len_chars();
        let mut spans: Vec<(String, Span)> = Vec::new();
        for (i, r) in self.record.regions.iter().enumerate() {
            spans.push((format!("(manifest) regions/{i}"), r.span()));
        }
        let a = self.annotations();
        for (i, m) in a.entities.iter().enumerate() {
            spans.push((format!("/entities/{i}"), m.span()));
        }
        for (i, c) in a.claims.iter().enumerate() {
            spans.push((format!("/claims/{i}"), c.span()));
            if let Some(cue) = &c.cue {
                spans.push((format!("/claims/{i}/cue"), cue.span()));
            }
            if let crate::model::Claimer::Unnamed { description: Some(d) } = &c.claimer {
                spans.push((format!("/claims/{i}/claimer/description"), d.span()));
            }
        }
        for (i, s) in a.stances.iter().enumerate() {
            spans.push((format!("/stances/{i}"), s.span()));
            if let crate::model::Claimer::Unnamed { description: Some(d) } = &s.holder {
                spans.push((format!("/stances/{i}/holder/description"), d.span()));
            }
        }
        for (i, e) in a.exceptions.iter().enumerate() {
            spans.push((format!("/exceptions/{i}"), Span::new(e.start, e.end)));
        }
        for (pointer, s) in spans {
            if s.start > s.end || s.end > len {
                // The validator's order: beyond the text (E010) before reversed (E011).
                let kind = if s.end > len {
                    ErrorKind::SpanOutOfRange { start: s.start, end: s.end, len }
                } else {
                    ErrorKind::Rule { code: crate::Code::SpanEmpty }
                };
                return Err(Error::new(
                    kind,
                    format!(
                        "span {}..{} does not fit the text of `{}` ({len} characters); offsets are code points, \
                         half-open, with start <= end <= length",
                        s.start,
                        s.end,
                        self.id()
                    ),
                )
                .at(Position {
                    file: file.map(PathBuf::from),
                    line: None,
                    column: None,
                    pointer: Some(pointer),
                }));
            }
        }
        Ok(())
    }
}

pub(super) fn empty_annotations(id: &str) -> AnnotationFile {
    AnnotationFile {
        schema_version: crate::SCHEMA_VERSION.to_string(),
        document: id.to_string(),
        ..AnnotationFile::default()
    }
}

/// A JSON file of the corpus into the model: its text ([`json_text`]), then not JSON or not the
/// model's shape (E001, E004).
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8], path: &str) -> Result<T, Error> {
    let src = json_text(bytes, path)?;
    serde_json::from_str(src).map_err(|e| Error::from_json(e, src).in_file(path))
}

/// The text of a JSON file of the corpus, or why it has none: a byte-order mark (E003, at 1:1),
/// then invalid UTF-8 (E002, at the first invalid byte). The validator's first checks, in the
/// validator's order, shared by both reading modes.
pub(crate) fn json_text<'a>(bytes: &'a [u8], path: &str) -> Result<&'a str, Error> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        let position = Position::new().with_file(path).with_line_column(1, 1);
        return Err(Error::new(ErrorKind::ByteOrderMark, "the file starts with a UTF-8 byte-order mark").at(position));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        let position = Position::new().with_file(path).at_byte(&valid, valid.len());
        Error::new(
            ErrorKind::Utf8 { valid_up_to: e.valid_up_to() },
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        )
        .at(position)
    })
}

fn optional<T: DeserializeOwned + Default>(
    read: &impl Fn(&str) -> Result<Option<Vec<u8>>, Error>,
    path: &str,
) -> Result<T, Error> {
    match read(path)? {
        Some(bytes) => parse(&bytes, path),
        None => Ok(T::default()),
    }
}
