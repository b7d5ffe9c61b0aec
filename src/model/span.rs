use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of Unicode code points into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Span {
    /// First code point of the span.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (code points).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Number of code points covered.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when the span covers nothing.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when the two spans share at least one code point.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// True when `other` lies within this span.
    pub const fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A span with the text it covers, as stored in the files (`{"start", "end", "text"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TextSpan {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The covered text, equal to the slice of the document.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub text: String,
}

impl TextSpan {
    /// The offsets without the text.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// `12..17`, as Rust writes a range.
impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Parses `12..17`.
///
/// ```
/// use crocus_corpus::Span;
///
/// let span: Span = "12..17".parse()?;
/// assert_eq!(span, Span::new(12, 17));
/// assert_eq!(span.to_string(), "12..17");
/// assert!("17".parse::<Span>().is_err());
/// # Ok::<(), crocus_corpus::model::ParseSpanError>(())
/// ```
impl std::str::FromStr for Span {
    type Err = ParseSpanError;
    fn from_str(s: &str) -> Result<Span, ParseSpanError> {
        let (a, b) = s.split_once("..").ok_or_else(|| ParseSpanError(s.to_string()))?;
        let n = |x: &str| x.trim().parse::<usize>().map_err(|_| ParseSpanError(s.to_string()));
        Ok(Span::new(n(a)?, n(b)?))
    }
}

/// A string that is not a span (`start..end`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseSpanError(String);

impl std::fmt::Display for ParseSpanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` is not a span; write start..end in code points, e.g. 12..17", self.0)
    }
}

impl std::error::Error for ParseSpanError {}

/// `“text” 12..17`.
impl std::fmt::Display for TextSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "“{}” {}", self.text, self.span())
    }
}
