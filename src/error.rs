//! The crate's one error type: a kind a program can match on, a position a person can go to, a
//! message that says what is wrong and what to do, and the underlying cause.
//!
//! Modelled on `csv` and `jiff`: the [`Error`] value is one pointer wide (the details are boxed);
//! [`ErrorKind`] says what went wrong with the values involved (the lengths that differ, the id
//! that resolves to nothing) and names the rule of the format it breaks ([`crate::code`]);
//! [`Error::position`] locates it with the same [`Position`] the validator's diagnostics use; and
//! [`std::error::Error::source`] gives the I/O or JSON error underneath, when there is one.
//!
//! ```
//! use crocus_corpus::{Corpus, ErrorKind};
//!
//! let err = Corpus::from_record("{\"id\": \"d\", \"text\": ’}").unwrap_err();
//! assert_eq!(err.kind(), &ErrorKind::Syntax);
//! // Line and column count characters: the curly quote is column 21 (bytes would say 21 too only
//! // for ASCII before it; here they agree, see `Position::at_byte` for a line where they differ).
//! assert_eq!((err.position().line, err.position().column), (Some(1), Some(21)));
//! assert!(std::error::Error::source(&err).is_some());
//! ```

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::code::Code;

/// Where something is in a file: any of file, 1-based line, 1-based column counted in characters
/// (Unicode scalar values, not bytes), and an RFC 6901 JSON pointer of the value.
///
/// Loading errors ([`Error::position`]) and validator diagnostics use this one type, so a position
/// reads the same wherever it comes from: `annotations/x.json:12:7 at /entities/3/start`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub struct Position {
    /// The file, relative to the corpus root where known, else as given.
    pub file: Option<PathBuf>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// RFC 6901 JSON pointer of the offending value (`""` is the whole document).
    pub pointer: Option<String>,
}

impl Position {
    /// A position that says nothing yet; add to it with the `with_*` methods.
    pub fn new() -> Position {
        Position::default()
    }
    /// The same position in `file`.
    pub fn with_file(mut self, file: impl Into<PathBuf>) -> Position {
        self.file = Some(file.into());
        self
    }
    /// The same position at 1-based `line` and `column` (characters).
    pub fn with_line_column(mut self, line: usize, column: usize) -> Position {
        self.line = Some(line);
        self.column = Some(column);
        self
    }
    /// The same position at a JSON pointer.
    pub fn with_pointer(mut self, pointer: impl Into<String>) -> Position {
        self.pointer = Some(pointer.into());
        self
    }
    /// The line and column of byte offset `byte` of `src` (a byte inside a character counts as
    /// that character).
    ///
    /// ```
    /// use crocus_corpus::Position;
    ///
    /// // `K` is byte 16 but character 2 of line 2; byte 14 is inside the `“` before it.
    /// let p = Position::new().at_byte("“Moscow”\n“Kyiv”", 16);
    /// assert_eq!((p.line, p.column), (Some(2), Some(2)));
    /// let p = Position::new().at_byte("“Moscow”\n“Kyiv”", 14);
    /// assert_eq!((p.line, p.column), (Some(2), Some(1)));
    /// ```
    pub fn at_byte(self, src: &str, byte: usize) -> Position {
        let (line, column) = crate::text::line_column(src, byte);
        self.with_line_column(line, column)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            wrote = true;
        }
        if let Some(line) = self.line {
            write!(f, "{}{line}", if wrote { ":" } else { "line " })?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
            wrote = true;
        }
        if let Some(p) = &self.pointer {
            write!(f, "{}{}", if wrote { " at " } else { "at " }, if p.is_empty() { "/" } else { p })?;
        }
        Ok(())
    }
}

/// What went wrong, with the values a program needs to act on it; the [`Error`] adds where
/// ([`Error::position`]), a sentence for a person ([`Error::message`]) and the cause
/// ([`std::error::Error::source`]).
///
/// Every data error names the rule of the format it breaks ([`ErrorKind::code`], the codes
/// `crocus validate` reports), and a reader gives the same kind for the same mistake with or
/// without the `validate` feature: the validator attaches these values to its findings.
///
/// ```
/// use crocus_corpus::{Code, Corpus, ErrorKind};
///
/// let err = Corpus::from_files(Vec::new()).unwrap_err();
/// match err.kind() {
///     ErrorKind::MissingFile { path } => assert_eq!(path, "corpus/manifest.json"),
///     other => panic!("{other:?}"),
/// }
/// assert_eq!(err.kind().code(), Some(Code::MissingFile));
/// assert_eq!(err.kind().to_string(), "E008 missing-file");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read, listed or written; `source()` is the [`std::io::Error`].
    Io {
        /// The I/O error's kind (`NotFound`, `PermissionDenied`, …).
        kind: std::io::ErrorKind,
    },
    /// E001: the input is not well-formed JSON; `source()` is the `serde_json::Error` when the
    /// parser found it.
    Syntax,
    /// E003: a JSON file starts with a UTF-8 byte-order mark.
    ByteOrderMark,
    /// E002: the input is not valid UTF-8.
    Utf8 {
        /// How many bytes from the start are valid UTF-8 (the invalid byte is the next one).
        valid_up_to: usize,
    },
    /// E004: well-formed JSON of a shape the model does not have (a missing or unknown field, a
    /// label or kind not in its set, a number too large); `source()` is the `serde_json::Error`
    /// when the parser found it.
    Shape,
    /// E006: a text's length differs from its manifest record.
    TextLength {
        /// The text's length in characters (code points).
        chars: usize,
        /// The text's length in bytes.
        bytes: usize,
        /// The characters the manifest records.
        expected_chars: usize,
        /// The bytes the manifest records.
        expected_bytes: usize,
    },
    /// E008: a file the corpus needs is missing.
    MissingFile {
        /// The file, relative to the corpus root.
        path: String,
    },
    /// E009: a file names a document that is not in the corpus.
    UnknownDocument {
        /// The document id named.
        id: String,
    },
    /// E010: a span does not fit its text (`start <= end <= len`, in code points).
    SpanOutOfRange {
        /// The span's start.
        start: usize,
        /// The span's end.
        end: usize,
        /// The text's length in code points.
        len: usize,
    },
    /// E010: an offset of a record is not a character boundary of its text (inside a character,
    /// or beyond the end), in the record's offset unit.
    NotCharBoundary {
        /// The offset.
        offset: usize,
    },
    /// E017: an id is used twice within its scope.
    DuplicateId {
        /// The id.
        id: String,
    },
    /// E018: a reference names something that does not exist.
    UnresolvedReference {
        /// The id referred to.
        id: String,
    },
    /// Any other rule of the validator (feature `validate`): the semantic rules, whose details
    /// are in the message and the position.
    Rule {
        /// The rule broken.
        code: Code,
    },
    /// A text anchor (`crocus fmt`) matches no whole-word occurrence or several, or is malformed.
    Anchor {
        /// The surface string anchored.
        surface: String,
        /// The start (in code points) of each whole-word occurrence of `surface` in the text.
        candidates: Vec<usize>,
    },
    /// A line of a brat standoff file (`crocus import brat`) that this corpus cannot take back.
    Standoff,
    /// A prediction file (`crocus eval`) that does not fit the corpus (unknown document, token
    /// or tag).
    Prediction,
}

impl ErrorKind {
    /// The rule of the format this error breaks, if it is about the data: `None` for I/O, and for
    /// the inputs of `fmt`, `import` and `eval`, which are not corpus files.
    pub fn code(&self) -> Option<Code> {
        Some(match self {
            ErrorKind::Syntax => Code::InvalidJson,
            ErrorKind::ByteOrderMark => Code::ByteOrderMark,
            ErrorKind::Utf8 { .. } => Code::InvalidUtf8,
            ErrorKind::Shape => Code::SchemaViolation,
            ErrorKind::TextLength { .. } => Code::TextLengthMismatch,
            ErrorKind::MissingFile { .. } => Code::MissingFile,
            ErrorKind::UnknownDocument { .. } => Code::UnknownDocument,
            ErrorKind::SpanOutOfRange { .. } | ErrorKind::NotCharBoundary { .. } => Code::SpanOutOfRange,
            ErrorKind::DuplicateId { .. } => Code::DuplicateId,
            ErrorKind::UnresolvedReference { .. } => Code::UnresolvedReference,
            ErrorKind::Rule { code } => *code,
            ErrorKind::Io { .. } | ErrorKind::Anchor { .. } | ErrorKind::Standoff | ErrorKind::Prediction => {
                return None
            }
        })
    }

    /// Whether a file could not be read or written (as opposed to data that is wrong).
    pub fn is_io(&self) -> bool {
        matches!(self, ErrorKind::Io { .. })
    }

    /// The kind of a finding of rule `code` whose values are not known: the rules without values
    /// ([`Syntax`](ErrorKind::Syntax), [`Shape`](ErrorKind::Shape)) or [`Rule`](ErrorKind::Rule).
    #[cfg(feature = "validate")]
    pub(crate) fn of_code(code: Code) -> ErrorKind {
        match code {
            Code::InvalidJson => ErrorKind::Syntax,
            Code::ByteOrderMark => ErrorKind::ByteOrderMark,
            Code::SchemaViolation => ErrorKind::Shape,
            code => ErrorKind::Rule { code },
        }
    }
}

/// The rule (`E006 text-length-mismatch`), or what failed for the kinds without one.
impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.code(), self) {
            (Some(code), _) => write!(f, "{code}"),
            (None, ErrorKind::Io { kind }) => write!(f, "I/O error ({kind})"),
            (None, ErrorKind::Anchor { .. }) => f.write_str("text anchor"),
            (None, ErrorKind::Standoff) => f.write_str("brat standoff"),
            (None, _) => f.write_str("prediction"),
        }
    }
}

/// An error from loading or processing the corpus.
#[derive(Clone)]
pub struct Error(Box<Inner>);

#[derive(Clone)]
struct Inner {
    kind: ErrorKind,
    position: Position,
    message: String,
    source: Option<Cause>,
}

/// The error underneath, shared so that [`Error`] stays `Clone`.
#[derive(Clone)]
enum Cause {
    Io(Arc<std::io::Error>),
    Json(Arc<serde_json::Error>),
}

impl Error {
    /// A new error.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error(Box::new(Inner { kind, position: Position::default(), message: message.into(), source: None }))
    }
    /// An I/O error while doing `what` (`cannot read corpus/manifest.json`), with `err` as source.
    pub fn io(what: impl fmt::Display, err: std::io::Error) -> Error {
        let mut e = Error::new(ErrorKind::Io { kind: err.kind() }, format!("{what}: {err}"));
        e.0.source = Some(Cause::Io(Arc::new(err)));
        e
    }
    /// The same error at a position.
    pub fn at(mut self, position: Position) -> Error {
        self.0.position = position;
        self
    }
    /// The same error in a file.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Error {
        self.0.position.file = Some(file.into());
        self
    }
    /// What went wrong, with its values.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }
    /// The kind, by value.
    pub fn into_kind(self) -> ErrorKind {
        self.0.kind
    }
    /// Where.
    pub fn position(&self) -> &Position {
        &self.0.position
    }
    /// The message, without the position.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// An error from `serde_json` parsing `src`, located at its line and column (in characters:
    /// `serde_json` counts bytes) and with the `serde_json::Error` as source: kind
    /// [`Syntax`](ErrorKind::Syntax) for malformed JSON, [`Shape`](ErrorKind::Shape) for JSON
    /// the type does not take.
    ///
    /// ```
    /// use crocus_corpus::{Error, ErrorKind};
    ///
    /// let src = "{\"é\": [1, }";
    /// let err = Error::from_json(serde_json::from_str::<serde_json::Value>(src).unwrap_err(), src);
    /// assert_eq!(err.kind(), &ErrorKind::Syntax);
    /// assert_eq!(err.position().column, Some(11)); // the `}`, counted in characters
    /// ```
    pub fn from_json(err: serde_json::Error, src: &str) -> Error {
        let msg = json_message(&err);
        let mut position = Position::default();
        if err.line() > 0 {
            let byte = crate::text::json_error_byte(src, err.line(), err.column());
            position = position.at_byte(src, byte);
        }
        let kind = match err.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => ErrorKind::Syntax,
            serde_json::error::Category::Data => ErrorKind::Shape,
            serde_json::error::Category::Io => {
                ErrorKind::Io { kind: err.io_error_kind().unwrap_or(std::io::ErrorKind::Other) }
            }
        };
        let mut e = Error::new(kind, msg).at(position);
        e.0.source = Some(Cause::Json(Arc::new(err)));
        e
    }

    /// The same error on line `line` of a line-oriented input (a position inside the line keeps
    /// its column and pointer; serde_json's line 1 of a one-line record becomes `line`).
    #[cfg(feature = "export")]
    pub(crate) fn on_line(mut self, line: usize) -> Error {
        self.0.position.line = Some(line);
        self
    }
}

/// `serde_json`'s message without the " at line L column C" it appends: the position says it.
pub(crate) fn json_message(err: &serde_json::Error) -> String {
    let msg = err.to_string();
    msg.split(" at line ").next().unwrap_or(&msg).to_string()
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.0.kind).field("position", &self.0.position).field("message", &self.0.message);
        match &self.0.source {
            Some(Cause::Io(e)) => d.field("source", e),
            Some(Cause::Json(e)) => d.field("source", e),
            None => d.field("source", &None::<()>),
        };
        d.finish()
    }
}

/// Two errors are equal when kind, position and message are: the source is how it was found.
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        (&self.0.kind, &self.0.position, &self.0.message) == (&other.0.kind, &other.0.position, &other.0.message)
    }
}

impl Eq for Error {}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pos = self.0.position.to_string();
        if pos.is_empty() {
            f.write_str(&self.0.message)
        } else {
            write!(f, "{pos}: {}", self.0.message)
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.source {
            Some(Cause::Io(e)) => Some(&**e),
            Some(Cause::Json(e)) => Some(&**e),
            None => None,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        let message = e.to_string();
        let mut err = Error::new(ErrorKind::Io { kind: e.kind() }, message);
        err.0.source = Some(Cause::Io(Arc::new(e)));
        err
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn json_errors_count_characters_and_keep_their_source() {
        let src = "{\"a\": \"“x”\", \"b\": ]}";
        let err = serde_json::from_str::<serde_json::Value>(src).unwrap_err();
        let e = Error::from_json(err, src);
        // `]` is the 19th character (and the 23rd byte).
        assert_eq!((e.position().line, e.position().column), (Some(1), Some(19)));
        assert_eq!(src.chars().nth(18), Some(']'));
        assert!(std::error::Error::source(&e).unwrap().is::<serde_json::Error>());
        assert_eq!(e.to_string(), format!("line 1:19: {}", e.message()));
    }

    #[test]
    fn io_errors_keep_their_source() {
        let e = Error::io("cannot read x", std::io::Error::new(std::io::ErrorKind::NotFound, "gone"));
        assert_eq!(e.kind(), &ErrorKind::Io { kind: std::io::ErrorKind::NotFound });
        assert!(e.kind().is_io() && e.kind().code().is_none());
        assert_eq!(e.message(), "cannot read x: gone");
        assert!(std::error::Error::source(&e).unwrap().is::<std::io::Error>());
    }
}
