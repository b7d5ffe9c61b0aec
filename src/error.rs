//! The crate's one error type: a kind a program can match on, a position a person can go to, and
//! a message that says what is wrong and what to do.

use std::fmt;
use std::path::PathBuf;

/// Where in a file an error is: any of file, 1-based line and column, and JSON pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Position {
    /// The file, relative to the corpus root where known.
    pub file: Option<PathBuf>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column (in characters).
    pub column: Option<usize>,
    /// RFC 6901 JSON pointer of the offending value.
    pub pointer: Option<String>,
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

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read or written.
    Io,
    /// A file is not valid UTF-8.
    Utf8,
    /// A file is not valid JSON, or does not have the expected shape.
    Json,
    /// A record refers to something that does not exist (a document, a file).
    Missing,
    /// A text does not match its manifest record (length), or a span does not fit its text.
    Mismatch,
}

/// An error from loading or processing the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    position: Position,
    message: String,
}

impl Error {
    /// A new error.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, position: Position::default(), message: message.into() }
    }
    /// The same error at a position.
    pub fn at(mut self, position: Position) -> Error {
        self.position = position;
        self
    }
    /// The same error in a file.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Error {
        self.position.file = Some(file.into());
        self
    }
    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    /// Where.
    pub fn position(&self) -> &Position {
        &self.position
    }
    /// The message, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// An error from `serde_json` in `file`, located at its line and column.
    pub(crate) fn json(err: &serde_json::Error, file: impl Into<PathBuf>) -> Error {
        Error::from_json(err).in_file(file)
    }

    /// An error from `serde_json`, located at its line and column (no file).
    pub(crate) fn from_json(err: &serde_json::Error) -> Error {
        let (line, column) = (err.line(), err.column());
        // serde_json appends " at line L column C"; the position says it already.
        let msg = err.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        Error::new(ErrorKind::Json, msg).at(Position {
            file: None,
            line: (line > 0).then_some(line),
            column: (line > 0).then_some(column),
            pointer: None,
        })
    }

    /// The same error on line `line` of a line-oriented input (a position inside the line keeps
    /// its column and pointer; serde_json's line 1 of a one-line record becomes `line`).
    #[cfg(feature = "export")]
    pub(crate) fn on_line(self, line: usize) -> Error {
        let p = self.position.clone();
        self.at(Position { line: Some(line), ..p })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pos = self.position.to_string();
        if pos.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{pos}: {}", self.message)
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, e.to_string())
    }
}
