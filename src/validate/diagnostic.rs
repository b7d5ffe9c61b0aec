//! Diagnostics: what is wrong, where (a [`Position`], the type loading errors use too), and what to
//! do; and their three renderings, which give the same line and column.

use std::fmt::Write as _;

use serde::Serialize;

use super::locate::{line_col, line_excerpt, locate};
pub use crate::code::{Code, Severity};
use crate::error::{ErrorKind, Position};

/// One finding, located to the value.
///
/// Its [`Position`] is the one loading errors use: line and column are 1-based and the column
/// counts characters, so the human, JSON and GitHub renderings give the same place.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Error or warning (before `--strict`).
    pub severity: Severity,
    /// The rule's code (`E012`).
    pub code: Code,
    /// The rule's name (`span-text-mismatch`).
    pub name: &'static str,
    /// File (relative to the corpus root, or as given), line, column and JSON pointer (empty for
    /// the whole file or a text file); always all four.
    pub position: Position,
    /// What is wrong and what was expected.
    pub message: String,
    /// What to do, where that helps.
    pub hint: Option<String>,
    /// The source line and the byte range of the value within it.
    pub excerpt: Option<(String, std::ops::Range<usize>)>,
    /// The values of the finding, for the rules a reader reports with values (E002, E006, E008,
    /// E009, E010, E017, E018); see [`Diagnostic::error_kind`].
    kind: Option<ErrorKind>,
}

impl Diagnostic {
    /// A diagnostic about the whole of `file` (line 1, column 1, pointer `""`, no excerpt).
    pub fn new(code: Code, file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: code.severity(),
            code,
            name: code.name(),
            position: Position::new().with_file(file).with_line_column(1, 1).with_pointer(""),
            message: message.into(),
            hint: None,
            excerpt: None,
            kind: None,
        }
    }

    /// The [`ErrorKind`] a reader of this crate returns for this finding: the same kind, with the
    /// same values, as the reader that finds the mistake without the validator.
    ///
    /// ```
    /// use crocus_corpus::validate::{Code, Diagnostic};
    /// use crocus_corpus::ErrorKind;
    ///
    /// let d = Diagnostic::new(Code::EntityOverlap, "annotations/x.json", "two mentions overlap");
    /// assert_eq!(d.error_kind(), ErrorKind::Rule { code: Code::EntityOverlap });
    /// ```
    pub fn error_kind(&self) -> ErrorKind {
        self.kind.clone().unwrap_or_else(|| ErrorKind::of_code(self.code))
    }

    /// The same diagnostic with the values of its finding (`kind` names the same rule).
    pub(crate) fn with_kind(mut self, kind: ErrorKind) -> Diagnostic {
        debug_assert_eq!(kind.code(), Some(self.code), "{kind:?} is not a finding of {}", self.code);
        self.kind = Some(kind);
        self
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// The same diagnostic at the value `pointer` names in `src` (or its nearest existing
    /// ancestor), with that line as excerpt.
    pub fn at_value(mut self, src: &str, pointer: &str) -> Diagnostic {
        self = self.at_range(src, locate(src, pointer));
        self.position.pointer = Some(pointer.to_string());
        self
    }

    /// The same diagnostic at byte `byte` of `src` (one character), with that line as excerpt.
    pub fn at_byte(self, src: &str, byte: usize) -> Diagnostic {
        let byte = crate::text::floor_char_boundary(src, byte.min(src.len()));
        let end = byte + src[byte..].chars().next().map_or(0, char::len_utf8);
        self.at_range(src, byte..end)
    }

    /// The same diagnostic where `serde_json` failed on `src`: a syntax error at its character,
    /// a number too large for the model at the number.
    pub fn at_json_error(self, src: &str, err: &serde_json::Error) -> Diagnostic {
        if err.line() == 0 {
            return self;
        }
        let byte = crate::text::json_error_byte(src, err.line(), err.column());
        // serde_json reports a number it cannot hold after the number; a syntax error at its
        // character.
        let about_a_number =
            err.classify() == serde_json::error::Category::Data || err.to_string().starts_with("number out of range");
        let range = if about_a_number { super::locate::number_around(src, byte) } else { byte..byte };
        if range.is_empty() {
            self.at_byte(src, byte)
        } else {
            self.at_range(src, range)
        }
    }

    /// The same diagnostic on line `line` of a line-oriented file whose line this diagnostic's
    /// `src` was.
    pub fn on_line(mut self, line: usize) -> Diagnostic {
        self.position.line = Some(line);
        self
    }

    fn at_range(mut self, src: &str, range: std::ops::Range<usize>) -> Diagnostic {
        let (line, column) = line_col(src, range.start);
        self.position.line = Some(line);
        self.position.column = Some(column);
        self.excerpt = (!src.is_empty()).then(|| line_excerpt(src, range));
        self
    }

    /// The file, as reported.
    pub fn file(&self) -> String {
        self.position.file.as_ref().map(|f| f.display().to_string()).unwrap_or_default()
    }
    /// 1-based line.
    pub fn line(&self) -> usize {
        self.position.line.unwrap_or(1)
    }
    /// 1-based column, in characters.
    pub fn column(&self) -> usize {
        self.position.column.unwrap_or(1)
    }
    /// RFC 6901 JSON pointer of the value (empty for the whole file).
    pub fn pointer(&self) -> &str {
        self.position.pointer.as_deref().unwrap_or("")
    }
}

/// The JSON format: `file`, `line`, `column` and `pointer` as flat keys.
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Diagnostic", 9)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("name", self.name)?;
        st.serialize_field("file", &self.file())?;
        st.serialize_field("line", &self.line())?;
        st.serialize_field("column", &self.column())?;
        st.serialize_field("pointer", self.pointer())?;
        st.serialize_field("message", &self.message)?;
        if let Some(h) = &self.hint {
            st.serialize_field("hint", h)?;
        } else {
            st.skip_field("hint")?;
        }
        st.end()
    }
}

/// All diagnostics of a run, in a deterministic order (file, line, column, code).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

crate::names::closed_enum! {
    "output format",
    /// Output formats of a report.
    pub enum Format {
        /// A message with a source excerpt.
        Human = "human",
        /// A JSON array.
        Json = "json",
        /// GitHub Actions workflow commands.
        Github = "github",
    }
}

impl Report {
    /// Sorts the diagnostics into their output order.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (a.file(), a.line(), a.column(), a.code, a.pointer(), &a.message).cmp(&(
                b.file(),
                b.line(),
                b.column(),
                b.code,
                b.pointer(),
                &b.message,
            ))
        });
    }
    /// Number of errors, counting warnings as errors under `strict`.
    pub fn errors(&self, strict: bool) -> usize {
        self.diagnostics.iter().filter(|d| strict || d.severity == Severity::Error).count()
    }
    /// Number of warnings (zero under `strict`).
    pub fn warnings(&self, strict: bool) -> usize {
        if strict {
            0
        } else {
            self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
        }
    }
    /// True when there is no error.
    pub fn is_valid(&self, strict: bool) -> bool {
        self.errors(strict) == 0
    }

    /// Renders the report. `color` adds ANSI styles to the human format.
    pub fn render(&self, format: Format, strict: bool, color: bool) -> String {
        match format {
            Format::Human => self.render_human(strict, color),
            Format::Json => {
                let mut out: Vec<Diagnostic> = self.diagnostics.clone();
                if strict {
                    for d in &mut out {
                        d.severity = Severity::Error;
                    }
                }
                let mut s = serde_json::to_string_pretty(&out).expect("diagnostics serialize");
                s.push('\n');
                s
            }
            Format::Github => {
                let mut s = String::new();
                for d in &self.diagnostics {
                    let level = if strict || d.severity == Severity::Error { "error" } else { "warning" };
                    let msg = format!(
                        "{}{}",
                        d.message,
                        d.hint.as_ref().map(|h| format!(" (hint: {h})")).unwrap_or_default()
                    );
                    let _ = writeln!(
                        s,
                        "::{level} file={},line={},col={},title={} {}::{}",
                        escape_property(&d.file()),
                        d.line(),
                        d.column(),
                        d.code.as_str(),
                        d.name,
                        escape_data(&format!("{msg} [{}]", if d.pointer().is_empty() { "/" } else { d.pointer() }))
                    );
                }
                s
            }
        }
    }

    fn render_human(&self, strict: bool, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        let mut out = String::new();
        for d in &self.diagnostics {
            let level = if strict || d.severity == Severity::Error { Level::ERROR } else { Level::WARNING };
            let file = d.file();
            let location = format!("{file}:{}:{}", d.line(), d.column());
            let pointer = if d.pointer().is_empty() { "/".to_string() } else { d.pointer().to_string() };
            let title = format!("{} [{}]", d.message, d.name);
            let title_el = level.primary_title(&title).id(d.code.as_str());
            let group = if let Some((line, range)) = &d.excerpt {
                // The renderer needs character boundaries: widen the range to whole characters.
                let mut a = range.start.min(line.len());
                while !line.is_char_boundary(a) {
                    a -= 1;
                }
                let mut z = range.end.clamp(a, line.len());
                while !line.is_char_boundary(z) {
                    z += 1;
                }
                let range = a..z;
                title_el.element(
                    Snippet::source(line.as_str())
                        .line_start(d.line())
                        .path(file.as_str())
                        .annotation(AnnotationKind::Primary.span(range).label(&pointer)),
                )
            } else {
                title_el.element(annotate_snippets::Origin::path(&location))
            };
            let mut report = vec![group];
            if let Some(h) = &d.hint {
                report.push(Group::with_title(Level::HELP.secondary_title(h.as_str())));
            }
            let _ = writeln!(out, "{}\n", renderer.render(&report));
        }
        let (e, w) = (self.errors(strict), self.warnings(strict));
        let _ = writeln!(
            out,
            "{}: {e} error{}, {w} warning{}",
            if e == 0 { "valid" } else { "invalid" },
            if e == 1 { "" } else { "s" },
            if w == 1 { "" } else { "s" }
        );
        out
    }
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
